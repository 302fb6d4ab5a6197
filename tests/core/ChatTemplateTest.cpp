// Chat templates against the real transformers: real models' templates
// (tests/data/chat_templates/templates) over varied conversations must render to exactly
// the text apply_chat_template gives (expected.json, written by generate.py with the pinned
// transformers and jinja2), and refuse the conversations their template refuses. Also the
// Jinja semantics templates lean on, and hostile templates.
#include "core/common/Error.h"
#include "core/common/FileIO.h"
#include "core/common/JsonFile.h"
#include "core/text/ChatTemplate.h"
#include "core/text/Jinja.h"

#include <QtTest>

using namespace finch;
using Json = nlohmann::ordered_json;

namespace {

const std::string kData = FINCH_TEST_DATA "/chat_templates/";

std::string render(const std::string& source, const Json& variables = Json::object())
{
    return text::JinjaTemplate(source, "test").render(variables).text;
}

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

private:
    void checkCase()
    {
        QFETCH(int, index);
        const Json expected = readJsonFile(kData + "expected.json");
        const Json& c = expected["cases"][size_t(index)];
        const std::string file = kData + "templates/" + c["template"].get<std::string>() + ".jinja";
        const text::ChatTemplate chat({{"default", readWholeFile(file)}}, file, c["special_tokens"]);
        Json conversation = expected["conversations"][c["conversation"].get<std::string>()];
        const Json messages = conversation["messages"];
        conversation.erase("messages");
        if (!conversation.contains("date_string"))
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
};

QTEST_APPLESS_MAIN(ChatTemplateTest)
#include "ChatTemplateTest.moc"
