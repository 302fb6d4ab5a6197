// Chat templates against the real transformers: real models' templates
// (tests/data/chat_templates/templates) over varied conversations must render to exactly
// the text apply_chat_template gives (expected.json, written by generate.py with the pinned
// transformers and jinja2), and refuse the conversations their template refuses. Also the
// Jinja semantics templates lean on, and hostile templates.
#include "core/common/Error.h"
#include "core/common/FileIO.h"
#include "core/common/JsonFile.h"
#include "core/text/ChatTemplate.h"
#include "core/text/HfTokenizer.h"
#include "core/text/Jinja.h"

#include <QtTest>

#include <cstdio>
#include <ctime>
#include <stdexcept>
#include <sys/resource.h>

using namespace finch;
using Json = nlohmann::ordered_json;

namespace {

const std::string kData = FINCH_TEST_DATA "/chat_templates/";

std::string render(const std::string& source, const Json& variables = Json::object())
{
    return text::JinjaTemplate(source, "test").render(variables).text;
}

// A hostile case must end quickly and keep the process's memory bounded, whatever it does.
// (Generous for sanitizer builds; a release build stays far below both.)
class Bounds {
public:
    Bounds() { timer_.start(); }
    void check() const
    {
        QVERIFY2(timer_.elapsed() < 5000, qPrintable(QString("took %1 ms").arg(timer_.elapsed())));
        rusage usage{};
        getrusage(RUSAGE_SELF, &usage);
        QVERIFY2(usage.ru_maxrss < 1536 * 1024, qPrintable(QString("peak RSS %1 MiB").arg(usage.ru_maxrss / 1024)));
    }

private:
    QElapsedTimer timer_;
};

// The first line where two texts differ, for a readable failure.
QString firstDifference(const std::string& got, const std::string& want)
{
    size_t at = 0;
    while (at < got.size() && at < want.size() && got[at] == want[at])
        ++at;
    const size_t from = at > 40 ? at - 40 : 0;
    return QStringLiteral("differs at byte %1\n  finch   ...%2\n  library ...%3")
        .arg(at)
        .arg(QString::fromStdString(got.substr(from, 100)).toHtmlEscaped())
        .arg(QString::fromStdString(want.substr(from, 100)).toHtmlEscaped());
}

// "2026-12-02T12:00:00" as a local calendar time, weekday and day of the year filled in.
std::tm calendarTime(const std::string& iso)
{
    std::tm time{};
    if (std::sscanf(iso.c_str(), "%d-%d-%dT%d:%d:%d", &time.tm_year, &time.tm_mon, &time.tm_mday, &time.tm_hour,
                    &time.tm_min, &time.tm_sec) != 6)
        throw std::runtime_error("not a calendar time: " + iso);
    time.tm_year -= 1900;
    time.tm_mon -= 1;
    timegm(&time);
    return time;
}

// Renders one golden case (expected.json's "cases" or "other_date"), with the golden's clock.
void checkGoldenCase(const Json& c, const Json& conversations, const std::string& clock, bool defaultDateString)
{
    const std::string file = kData + "templates/" + c["template"].get<std::string>() + ".jinja";
    text::ChatTemplate chat({{"default", readWholeFile(file)}}, file, c["special_tokens"]);
    const std::tm now = calendarTime(clock);
    chat.setClock([now] { return now; });
    Json conversation = conversations[c["conversation"].get<std::string>()];
    const Json messages = conversation["messages"];
    conversation.erase("messages");
    if (defaultDateString && !conversation.contains("date_string"))
        conversation["date_string"] = "02 Dec 2026";
    const bool prompt = c["add_generation_prompt"].get<bool>();
    if (c.contains("text")) {
        const std::string want = c["text"].get<std::string>();
        const std::string got = chat.render(messages, prompt, conversation).text;
        QVERIFY2(got == want, qPrintable(firstDifference(got, want)));
    } else if (c.contains("raised")) {
        try {
            chat.render(messages, prompt, conversation);
            QFAIL("the template should have raised an exception");
        } catch (const text::TemplateRaised& raised) {
            QCOMPARE(QString::fromStdString(raised.templateMessage()), QString::fromStdString(c["raised"]));
        }
    } else {
        // jinja2 failed (a None iterated, a missing attribute printed): Finch must fail too.
        QVERIFY_THROWS_EXCEPTION(Error, chat.render(messages, prompt, conversation));
    }
}

} // namespace

class ChatTemplateTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void rendersAsTransformers_data()
    {
        QTest::addColumn<int>("index");
        const Json expected = readJsonFile(kData + "expected.json");
        for (size_t i = 0; i < expected["cases"].size(); ++i) {
            const Json& c = expected["cases"][i];
            const std::string name = c["template"].get<std::string>() + " / " + c["conversation"].get<std::string>() +
                                     (c["add_generation_prompt"].get<bool>() ? " / prompt" : "");
            QTest::newRow(name.c_str()) << int(i);
        }
    }

    void rendersAsTransformers()
    {
        try {
            checkCase();
        } catch (const std::exception& error) {
            QFAIL(error.what());
        }
    }

    // Templates that call strftime_now(), rendered by transformers under a second fixed clock
    // and without a date_string: the date comes from the clock Finch is given, in English
    // whatever the locale, never from the day the suite runs.
    void dateSensitiveCasesFollowTheClock_data()
    {
        QTest::addColumn<int>("index");
        const Json otherDate = readJsonFile(kData + "expected.json")["other_date"];
        for (size_t i = 0; i < otherDate["cases"].size(); ++i) {
            const Json& c = otherDate["cases"][i];
            const std::string name = c["template"].get<std::string>() + " / " + c["conversation"].get<std::string>() +
                                     (c["add_generation_prompt"].get<bool>() ? " / prompt" : "");
            QTest::newRow(name.c_str()) << int(i);
        }
    }

    void dateSensitiveCasesFollowTheClock()
    {
        QFETCH(int, index);
        const Json expected = readJsonFile(kData + "expected.json");
        const Json& otherDate = expected["other_date"];
        try {
            checkGoldenCase(otherDate["cases"][size_t(index)], expected["conversations"], otherDate["clock"], false);
        } catch (const std::exception& error) {
            QFAIL(error.what());
        }
    }

    // Small templates for each Jinja feature, against transformers' own jinja2 environment.
    void jinjaMatchesJinja2_data()
    {
        QTest::addColumn<int>("index");
        const Json snippets = readJsonFile(kData + "snippets.json");
        for (size_t i = 0; i < snippets.size(); ++i)
            QTest::newRow(snippets[i]["name"].get<std::string>().c_str()) << int(i);
    }

    void jinjaMatchesJinja2()
    {
        QFETCH(int, index);
        const Json snippet = readJsonFile(kData + "snippets.json")[size_t(index)];
        const std::string source = snippet["template"].get<std::string>();
        if (snippet.contains("text")) {
            try {
                const std::string got = render(source, snippet["variables"]);
                const std::string want = snippet["text"].get<std::string>();
                QVERIFY2(got == want, qPrintable(firstDifference(got, want)));
            } catch (const std::exception& error) {
                QFAIL(error.what());
            }
        } else if (snippet.contains("raised")) {
            try {
                render(source, snippet["variables"]);
                QFAIL("raise_exception should have raised");
            } catch (const text::TemplateRaised& raised) {
                QCOMPARE(QString::fromStdString(raised.templateMessage()), QString::fromStdString(snippet["raised"]));
            }
        } else {
            QVERIFY_THROWS_EXCEPTION(Error, render(source, snippet["variables"]));
        }
    }

    // Ids and the assistant mask against apply_chat_template(return_assistant_tokens_mask=True);
    // the same template without its {% generation %} tags must give the same mask by
    // rendering prefixes; real templates must give the library's ids.
    void assistantTokensMatchTransformers()
    {
        const Json golden = readJsonFile(kData + "assistant_masks.json");
        const Json expected = readJsonFile(kData + "expected.json");
        const auto tokenizer = text::HfTokenizer::load(std::string(FINCH_TEST_DATA) + "/tokenizers/qwen-nfc-digits/tokenizer.json");
        const Json special = {{"eos_token", "<|im_end|>"}, {"pad_token", "<|endoftext|>"}};
        const std::string tagged = golden["chatml_generation"].get<std::string>();
        std::string untagged = tagged;
        for (const std::string tag : {"{%- generation %}", "{%- endgeneration %}"})
            untagged.erase(untagged.find(tag), tag.size());
        for (const Json& c : golden["cases"]) {
            const Json messages = expected["conversations"][c["conversation"].get<std::string>()]["messages"];
            const std::string name = c["template"].get<std::string>();
            const QString where = QString::fromStdString(name + " / " + c["conversation"].get<std::string>());
            const auto want = c["ids"].get<std::vector<int>>();
            const Json variables = {{"date_string", "02 Dec 2026"}};
            if (name == "chatml-generation") {
                const auto mask = c["assistant_masks"].get<std::vector<int>>();
                for (const bool withTags : {true, false}) {
                    const text::ChatTemplate chat({{"default", withTags ? tagged : untagged}}, name, special);
                    QCOMPARE(chat.hasGenerationTags(), withTags);
                    const text::EncodedConversation encoded = text::encodeConversation(chat, *tokenizer, messages);
                    QVERIFY2(encoded.ids == want, qPrintable(where));
                    QVERIFY2(std::equal(mask.begin(), mask.end(), encoded.assistant.begin(), encoded.assistant.end(),
                                        [](int m, bool a) { return (m == 1) == a; }),
                             qPrintable(where + " (mask)"));
                    QCOMPARE(encoded.contextOnlyTurns, 0);
                }
            } else {
                const std::string file = kData + "templates/" + name + ".jinja";
                const text::ChatTemplate chat({{"default", readWholeFile(file)}}, file, special);
                const text::EncodedConversation encoded = text::encodeConversation(chat, *tokenizer, messages, variables);
                QVERIFY2(encoded.ids == want, qPrintable(where));
                const int assistantTurns = int(std::count_if(messages.begin(), messages.end(), [](const Json& m) {
                    return m["role"] == "assistant";
                }));
                // Qwen3 renders turns before the last question without their reasoning, unlike
                // how they render as the conversation's end: those turns are context only.
                const bool endsWithAssistant = messages.back()["role"] == "assistant";
                const int contextOnly = name == "Qwen-Qwen3-0.6B" ? assistantTurns - (endsWithAssistant ? 1 : 0) : 0;
                QCOMPARE(encoded.contextOnlyTurns, contextOnly);
                const bool anyTrained = std::count(encoded.assistant.begin(), encoded.assistant.end(), true) > 0;
                QCOMPARE(anyTrained, contextOnly < assistantTurns);
            }
        }
    }

    // What Finch lacks is refused when the template is read, naming the line.
    void unsupportedFeaturesAreRefusedAtLoad_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("message");
        QTest::newRow("filter") << "a\n{{ x|wordwrap }}" << "line 2: the filter 'wordwrap' is not one";
        QTest::newRow("test") << "{% if x is foo %}{% endif %}" << "line 1: the test 'foo' is not one";
        QTest::newRow("tag") << "\n\n{% include 'other.jinja' %}" << "line 3: the tag {% include %} is not one";
        QTest::newRow("unclosed block") << "{% for m in messages %}x" << "expected {% endfor %}";
        QTest::newRow("unclosed tag") << "{{ x" << "line 1: an expression {{ is never closed";
        QTest::newRow("break outside loop") << "{% break %}" << "{% break %} outside a loop";
        QTest::newRow("bad character") << "{{ x ; y }}" << "unexpected character ';'";
        QTest::newRow("recursive loop") << "{% for x in y recursive %}{% endfor %}" << "recursive loops are not implemented";
    }

    void unsupportedFeaturesAreRefusedAtLoad()
    {
        QFETCH(QString, source);
        QFETCH(QString, message);
        try {
            text::JinjaTemplate(source.toStdString(), "chat_template.jinja");
            QFAIL("the template should have been refused");
        } catch (const Error& error) {
            const QString what = QString::fromUtf8(error.what());
            QVERIFY2(what.startsWith("chat_template.jinja") && what.contains(message), qPrintable(what));
        }
    }

    // Hostile templates end with an error that says what went wrong, not a hang, a crash or
    // a machine's worth of memory. (-9223372036854775807 - 1 is the smallest integer: its
    // literal is beyond Finch's 64-bit integers.)
    void hostileTemplatesAreBounded_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("message");
        const QString min = "(-9223372036854775807 - 1)";
        QTest::newRow("endless loops") << "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"
                                      << "steps";
        QTest::newRow("huge range") << "{{ range(1000000000)|length }}" << "range() would make a list of more than";
        QTest::newRow("range of extreme bounds") << "{{ range(" + min + ", 9223372036854775807)|length }}"
                                                 << "range() would make a list of more than";
        QTest::newRow("recursion") << "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}" << "nest deeper";
        QTest::newRow("recursion through filters and blocks")
            << "{% macro f(n) %}{% if true %}{% for x in [1] %}{{ (f(n + 1)|trim ~ 'x')|upper }}{% endfor %}{% endif %}"
               "{% endmacro %}{{ f(0) }}"
            << "nest deeper";
        QTest::newRow("output size") << "{% set s = 'x' * 1000000 %}{% for i in range(100) %}{{ s }}{% endfor %}"
                                     << "MiB";
        QTest::newRow("integer overflow") << "{{ 9223372036854775807 + 1 }}" << "overflow";
        QTest::newRow("division by zero") << "{{ 1 // 0 }}" << "by zero";
        QTest::newRow("modulo by zero") << "{{ 1 % 0 }}" << "by zero";
        QTest::newRow("dunder") << "{{ ''.__class__ }}" << "unsafe";
        QTest::newRow("namespace underscore") << "{% set ns = namespace() %}{% set ns._x = 1 %}" << "underscore";

        // Integers at the edge of 64 bits.
        QTest::newRow("INT64_MIN // -1") << "{{ " + min + " // -1 }}" << "line 1: integer overflow in //";
        QTest::newRow("-INT64_MIN") << "{% set m = " + min + " %}\n{{ -m }}" << "line 2: integer overflow in unary -";
        QTest::newRow("abs(INT64_MIN)") << "{{ " + min + "|abs }}" << "integer overflow in abs";
        QTest::newRow("divisibleby(0)") << "{{ 4 is divisibleby(0) }}" << "a divisor other than zero";
        QTest::newRow("1e300|int") << "{{ 1e300|int }}" << "1e+300 is out of the range of Finch's 64-bit integers";
        QTest::newRow("'1e300'|int") << "{{ '1e300'|int }}" << "1e+300 is out of the range";
        QTest::newRow("-1e300|int") << "{{ -1e300|int }}" << "out of the range";
        QTest::newRow("infinity|int") << "{{ (1e308 * 10)|int }}" << "cannot convert float infinity to integer";
        QTest::newRow("'inf'|int") << "{{ 'inf'|int }}" << "cannot convert float infinity";
        QTest::newRow("** overflow") << "{{ 3 ** 100 }}" << "integer overflow in **";
        QTest::newRow("2 ** 63") << "{{ 2 ** 63 }}" << "integer overflow in **";
        QTest::newRow("0 ** -1") << "{{ 0 ** -1 }}" << "0.0 cannot be raised to a negative power";
        QTest::newRow("round(precision=1.5)") << "{{ 2.5|round(1.5) }}" << "precision must be an integer";
        QTest::newRow("indent(2.5)") << "{{ 'a'|indent(2.5) }}" << "width must be an integer or a string";

        // Nesting: the parser, the interpreter and the syntax tree's destructor recurse.
        const int deep = 200000;
        const QString deepIf = QString("{% if true %}").repeated(deep) + QString("{% endif %}").repeated(deep);
        QTest::newRow("200000 parentheses") << "{{ " + QString("(").repeated(deep) + "1" + QString(")").repeated(deep) + " }}"
                                            << "line 1: blocks or expressions nest deeper than 200 levels";
        QTest::newRow("200000 nots") << "{{ " + QString("not ").repeated(deep) + "1 }}" << "nest deeper than 200 levels";
        QTest::newRow("200000 lists") << "{{ " + QString("[").repeated(deep) + QString("]").repeated(deep) + " }}"
                                      << "nest deeper than 200 levels";
        QTest::newRow("200000 mappings") << "{{ " + QString("{").repeated(deep) + QString("}").repeated(deep) + " }}"
                                         << "nest deeper than 200 levels";
        QTest::newRow("200000 unary minuses") << "{{ " + QString("-").repeated(deep) + "1 }}" << "nest deeper than 200 levels";
        QTest::newRow("200000 additions") << "{{ 1" + QString(" + 1").repeated(deep) + " }}"
                                          << "an expression nests deeper than 200 levels";
        QTest::newRow("200000 filters") << "{{ 1" + QString("|abs").repeated(deep) + " }}" << "an expression nests deeper";
        QTest::newRow("200000 attributes") << "{{ x" + QString(".a").repeated(deep) + " }}" << "an expression nests deeper";
        QTest::newRow("200000 calls") << "{{ x" + QString("()").repeated(deep) + " }}" << "an expression nests deeper";
        QTest::newRow("200000 nested ifs") << deepIf << "blocks or expressions nest deeper than 200 levels";
        QTest::newRow("map('map', …) 1000 times") << "{{ 'ab'|map(" + QString("'map', ").repeated(1000) + "'upper')|list }}"
                                                 << "nest deeper than 200";
        QTest::newRow("map('map', …) 100000 times") << "{{ 'ab'|map(" + QString("'map', ").repeated(100000) + "'upper')|list }}"
                                                   << "steps";

        // Values that contain themselves, or nest deeply.
        const QString wrapped = "{% set ns = namespace(x=[], y=[]) %}{% for i in range(300) %}"
                                "{% set ns.x = [ns.x] %}{% set ns.y = [ns.y] %}{% endfor %}";
        QTest::newRow("namespace holding itself, tojson")
            << "{% set ns = namespace() %}{% set ns.x = ns %}{{ ns|tojson }}" << "Namespace is not JSON serializable";
        QTest::newRow("print 300 levels") << wrapped + "{{ ns.x }}" << "lists and mappings nest deeper than 256 levels";
        QTest::newRow("compare 300 levels") << wrapped + "{{ ns.x == ns.y }}" << "nest deeper than 256 levels";
        QTest::newRow("order 300 levels") << wrapped + "{{ ns.x < ns.y }}" << "nest deeper than 256 levels";
        QTest::newRow("tojson 300 levels") << wrapped + "{{ ns.x|tojson }}" << "nest deeper than 256 levels";
        QTest::newRow("wrap a list a million times")
            << "{% set ns = namespace(x=[]) %}{% for i in range(1000000) %}{% set ns.x = [ns.x] %}{% endfor %}"
            << "steps";

        // What builds strings and lists is charged before it allocates.
        QTest::newRow("'abcd' * 2**62") << "{{ 'abcd' * 4611686018427387904 }}" << "a repetition would make a string";
        QTest::newRow("[1, 2] * 2**62") << "{{ [1, 2] * 4611686018427387904 }}" << "a repetition would make a list";
        QTest::newRow("'x' * 10**10") << "{{ 'x' * 10000000000 }}" << "repetition";
        QTest::newRow("~ doubling")
            << "{% set ns = namespace(s='x' * 10000000) %}{% for i in range(10) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}"
            << "a '~' concatenation would make a string of more than 64 MiB";
        QTest::newRow("+ doubling")
            << "{% set ns = namespace(s='x' * 10000000) %}{% for i in range(10) %}{% set ns.s = ns.s + ns.s %}{% endfor %}"
            << "a '+' concatenation would make a string";
        QTest::newRow("list + doubling")
            << "{% set ns = namespace(l=[1]) %}{% for i in range(30) %}{% set ns.l = ns.l + ns.l %}{% endfor %}"
            << "a '+' concatenation would make a list";
        QTest::newRow("join") << "{{ (['x' * 1000000] * 100)|join }}" << "join would make a string";
        QTest::newRow("str.join") << "{{ ''.join(['x' * 1000000] * 100) }}" << "str.join() would make a string";
        QTest::newRow("replace") << "{{ ('x' * 1000000)|replace('x', 'y' * 100) }}" << "replace() would make a string";
        QTest::newRow("str.replace of ''") << "{{ ('x' * 100000).replace('', 'y' * 1000) }}" << "replace() would make";
        QTest::newRow("indent(2**40)") << "{{ 'x'|indent(1099511627776) }}" << "indent() would make a string";
        QTest::newRow("indent of many lines") << "{{ ('\\n' * 1000000)|indent('y' * 100, blank=true) }}"
                                              << "indent() would make a string";
        QTest::newRow("tojson") << "{{ (['x' * 1000000] * 100)|tojson }}" << "tojson would make a string";
        QTest::newRow("print") << "{{ ['x' * 1000000] * 100 }}" << "printing a value would make a string";
        QTest::newRow("split") << "{{ (',' * 2000000).split(',')|length }}" << "split() would make a list";
        QTest::newRow("rsplit") << "{{ (',' * 2000000).rsplit(',')|length }}" << "split() would make a list";
        QTest::newRow("whitespace split") << "{{ ('x ' * 2000000).split()|length }}" << "split() would make a list";
        QTest::newRow("a string as a list") << "{{ ('x' * 2000000)|list|length }}" << "iterating over a string would make";
        QTest::newRow("strftime_now") << "{{ strftime_now('%Y' * 2000000) }}" << "strftime_now() would make a string";
        QTest::newRow("unique, quadratic") << "{{ range(100000)|unique|list|length }}" << "steps";
        QTest::newRow("map") << "{{ range(1000000)|map('string')|list|length }}" << "steps";
        QTest::newRow("indexing a long string") << "{% set s = 'x' * 30000000 %}{% for i in range(100000) %}{{ s[-1] }}{% endfor %}"
                                                << "steps";
        QTest::newRow("sorting long strings") << "{{ (['x' * 1000000] * 1000)|sort|length }}" << "steps";
        QTest::newRow("nested captures")
            << "{% set s = 'x' * 60000000 %}{% macro f(n) %}{{ s }}{{ f(n - 1) if n else '' }}{% endmacro %}{{ f(150) }}"
            << "steps";
    }

    void hostileTemplatesAreBounded()
    {
        QFETCH(QString, source);
        QFETCH(QString, message);
        const Bounds bounds;
        try {
            render(source.toStdString());
            QFAIL("the template should have failed");
        } catch (const Error& error) {
            const QString what = QString::fromUtf8(error.what());
            QVERIFY2(what.startsWith("test") && what.contains(message), error.what());
        }
        bounds.check();
    }

    // Hostile templates whose result Python defines and 64-bit integers hold render as
    // jinja2 renders them (checked against jinja2 3.1), as quickly.
    void hostileTemplatesRenderAsJinja2_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("text");
        const QString min = "(-9223372036854775807 - 1)";
        QTest::newRow("integer edges")
            << "{{ " + min + " % -1 }}|{{ " + min + " is divisibleby(-1) }}|{{ -7 // -1 }}|{{ (-2) ** 63 }}|"
               "{{ 1 ** 9223372036854775807 }}{{ (-1) ** 9223372036854775807 }}{{ 0 ** 9223372036854775807 }}|{{ 2 ** -1 }}"
            << "0|True|7|-9223372036854775808|1-10|0.5";
        QTest::newRow("nan|int") << "{{ ((1e308 * 10) - (1e308 * 10))|int }}|{{ 'nan'|int(7) }}" << "0|7";
        QTest::newRow("empty sequences repeated 2**62 times")
            << "{{ '' * 4611686018427387904 }}|{{ ([] * 4611686018427387904)|length }}" << "|0";
        QTest::newRow("slices with extreme steps and bounds")
            << "{{ 'abcdef'[1::9223372036854775807] }}{{ 'abcdef'[::" + min + "] }}{{ [1, 2, 3][1::9223372036854775807] }}"
               "{{ 'abc'[" + min + ":9223372036854775807] }}{{ [1, 2, 3][9223372036854775807::" + min + "] }}"
            << "bf[2]abc[3]";
        QTest::newRow("ranges with extreme bounds")
            << "{{ range(9223372036854775806, 9223372036854775807, 5)|list }}"
               "{{ range(" + min + ", 9223372036854775807, 4611686018427387904)|list }}"
               "{{ range(9223372036854775807, " + min + ", " + min + ")|list }}"
            << "[9223372036854775806][-9223372036854775808, -4611686018427387904, 0, 4611686018427387904]"
               "[9223372036854775807, -1]";
        QTest::newRow("a namespace holding itself")
            << "{% set ns = namespace() %}{% set ns.x = ns %}{{ ns }}|{{ ns == ns }}|{{ ns.x.x.x is sameas ns }}"
            << "<Namespace {'x': <Namespace {...}>}>|True|True";
        QTest::newRow("a list holding a namespace holding it")
            << "{% set ns = namespace() %}{% set ns.l = [ns] %}{{ ns.l }}|{{ ns.l == ns.l }}|{{ ns.l|length }}"
            << "[<Namespace {'l': [...]}>]|True|1";
        QTest::newRow("two namespaces holding each other")
            << "{% set a = namespace() %}{% set b = namespace(a=a) %}{% set a.b = b %}{{ a }}"
            << "<Namespace {'b': <Namespace {'a': <Namespace {...}>}>}>";
        QTest::newRow("a list nested 200000 levels, freed")
            << "{% set ns = namespace(x=[]) %}{% for i in range(200000) %}{% set ns.x = [ns.x] %}{% endfor %}{{ ns.x|length }}"
            << "1";
        QTest::newRow("a chain of 100000 bound methods, freed")
            << "{% set ns = namespace(x={}) %}{% for i in range(100000) %}{% set ns.x = {'f': ns.x.items} %}{% endfor %}"
               "{{ ns.x|length }}"
            << "1";
        QTest::newRow("missing a long key, often")
            << "{% set k = 'x' * 10000000 %}{% set d = {} %}{% for i in range(100000) %}{{ d[k] }}{{ d.get(k) }}{% endfor %}"
            << QString("None").repeated(100000);
        QTest::newRow("searching a long text") << "{{ (('a' * 1000) ~ 'b') in ('a' * 10000000) }}" << "False";
        QTest::newRow("split with maxsplit")
            << "{{ 'a b  c '.split(None, 1) }}{{ '  a b c'.rsplit(None, 1) }}{{ 'aaa'.rsplit('aa') }}{{ 'x y'.split(None, 0) }}"
            << "['a', 'b  c ']['  a b', 'c']['a', '']['x y']";
    }

    void hostileTemplatesRenderAsJinja2()
    {
        QFETCH(QString, source);
        QFETCH(QString, text);
        const Bounds bounds;
        try {
            QCOMPARE(QString::fromStdString(render(source.toStdString())), text);
        } catch (const std::exception& error) {
            QFAIL(error.what());
        }
        bounds.check();
    }

    // chat_template.jinja wins over tokenizer_config.json, as in transformers; named templates
    // pick "tool_use" when tools are given.
    void folderTemplatesResolveAsTransformers()
    {
        QTemporaryDir dir;
        const std::string folder = dir.path().toStdString();
        QVERIFY(!text::ChatTemplate::fromFolder(folder));
        const Json config = {{"bos_token", {{"content", "<s>"}, {"special", true}}},
                             {"eos_token", "</s>"},
                             {"chat_template", Json::array({{{"name", "default"}, {"template", "D{{ bos_token }}"}},
                                                            {{"name", "tool_use"}, {"template", "T{{ tools|length }}"}}})}};
        writeFileAtomically(folder + "/tokenizer_config.json", config.dump());
        const auto named = text::ChatTemplate::fromFolder(folder);
        QVERIFY(named);
        QCOMPARE(QString::fromStdString(named->render(Json::array(), false).text), "D<s>");
        QCOMPARE(QString::fromStdString(named->render(Json::array(), false, {{"tools", Json::array({1, 2})}}).text), "T2");
        writeFileAtomically(folder + "/chat_template.jinja", "J{{ eos_token }}{{ messages[0].content }}\n");
        const auto file = text::ChatTemplate::fromFolder(folder);
        QCOMPARE(QString::fromStdString(file->render(Json::array({{{"role", "user"}, {"content", "hi"}}}), false).text),
                 "J</s>hi");
        writeFileAtomically(folder + "/chat_template.jinja", "{{ x|nosuchfilter }}");
        QVERIFY_THROWS_EXCEPTION(Error, text::ChatTemplate::fromFolder(folder));
        QVERIFY_THROWS_EXCEPTION(Error, file->render(Json::object(), false)); // messages must be a list

    }

private:
    void checkCase()
    {
        QFETCH(int, index);
        const Json expected = readJsonFile(kData + "expected.json");
        checkGoldenCase(expected["cases"][size_t(index)], expected["conversations"], expected["clock"], true);
    }
};

QTEST_APPLESS_MAIN(ChatTemplateTest)
#include "ChatTemplateTest.moc"
