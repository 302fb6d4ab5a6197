// Kind detection, role mapping and the validation report.
#include "core/common/Error.h"
#include "core/data/DatasetFile.h"
#include "core/data/DatasetStats.h"
#include "core/data/Schema.h"
#include "core/data/Validator.h"
#include "core/text/Tokenizer.h"

#include <QtTest>

using namespace finch;
using namespace finch::data;

namespace {

Dataset jsonl(const std::string& content, const std::string& path = "d.jsonl")
{
    LoadResult loaded = DatasetFile::parse(content, path, FileFormat::Jsonl);
    return std::move(loaded.dataset);
}

const Problem* findProblem(const std::vector<Problem>& problems, ProblemCode code, long line)
{
    for (const Problem& problem : problems)
        if (problem.code == code && problem.line == line)
            return &problem;
    return nullptr;
}

// Whitespace tokenizer: enough to count tokens without a trained model.
class WordTokenizer : public text::Tokenizer {
public:
    std::vector<int> encode(std::string_view text) const override
    {
        std::vector<int> ids;
        bool inWord = false;
        for (const char c : text) {
            if (c != ' ' && !inWord)
                ids.push_back(4);
            inWord = c != ' ';
        }
        return ids;
    }
    std::vector<std::string> encodeAsPieces(std::string_view) const override { return {}; }
    std::string decode(const std::vector<int>&) const override { return {}; }
    std::string kind() const override { return "test"; }
    int vocabSize() const override { return 5; }
    std::string idToPiece(int) const override { return {}; }
    int pieceToId(std::string_view) const override { return 0; }
    int bosId() const override { return 1; }
    int eosId() const override { return 2; }
    int padId() const override { return 3; }
    int unkId() const override { return 0; }
};

} // namespace

class ValidatorTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void detectsEachKind()
    {
        QCOMPARE(Schema::detect(jsonl(R"({"text":"a","label":"b"})")).kind, TaskKind::Classification);
        QCOMPARE(Schema::detect(jsonl(R"({"instruction":"a","input":"","output":"c"})")).kind, TaskKind::Instruction);
        QCOMPARE(Schema::detect(jsonl(R"({"question":"a","answer":"b"})")).kind, TaskKind::QuestionAnswer);
        QCOMPARE(Schema::detect(jsonl(R"({"text":"a"})")).kind, TaskKind::Completion);
        QCOMPARE(Schema::detect(jsonl(R"({"messages":[]})")).kind, TaskKind::Chat);
        QCOMPARE(Schema::detect(jsonl(R"({"foo":"a"})")).kind, TaskKind::Unknown);
        const Schema review = Schema::detect(jsonl(R"({"review":"good","sentiment":"positive"})"));
        QCOMPARE(review.kind, TaskKind::Classification);
        QCOMPARE(review.fieldFor(Role::Text), std::string("review"));
    }

    void mapsOtherFieldNamesOntoRoles()
    {
        const Dataset dataset = jsonl(R"({"body":"good","stars":"5","text":"ignored title"})");
        const Schema schema = Schema::detect(dataset, {{Role::Text, "body"}, {Role::Label, "stars"}});
        QCOMPARE(schema.kind, TaskKind::Classification);
        QCOMPARE(schema.fieldFor(Role::Text), std::string("body"));
        QCOMPARE(schema.labelOf(dataset.rows[0].value).value(), std::string("5"));
        try {
            Schema::detect(dataset, {{Role::Label, "rating"}});
            QFAIL("mapping onto a missing field should fail");
        } catch (const Error& error) {
            QVERIFY(std::string(error.what()).find("'rating'") != std::string::npos);
        }
    }

    void reportsEveryRowProblem()
    {
        const Dataset dataset = jsonl(R"({"text":"fine","label":"positive"}
{"label":"negative"}
{"text":"   ","label":"neutral"}
{"text":["a"],"label":"positive"}
{"text":"labelled as a number","label":2}
{"text":"bool label","label":false}
{"text":"typo","label":"negatve"}
{"text":"null text","label":null}
)");
        const Schema schema = Schema::detect(dataset);
        ValidationOptions options;
        options.labels = {"positive", "negative", "neutral", "2"};
        const auto problems = validateDataset(dataset, schema, options);
        QCOMPARE(problems.size(), size_t(6));
        QVERIFY(findProblem(problems, ProblemCode::MissingField, 2));
        QVERIFY(findProblem(problems, ProblemCode::EmptyField, 3));
        QVERIFY(findProblem(problems, ProblemCode::WrongType, 4));
        QVERIFY(findProblem(problems, ProblemCode::WrongType, 6));
        const Problem* unknown = findProblem(problems, ProblemCode::UnknownLabel, 7);
        QVERIFY(unknown);
        QCOMPARE(unknown->field, std::string("label"));
        QCOMPARE(unknown->row, 6LL);
        QVERIFY(unknown->message().find("d.jsonl:7: error: field 'label': expected one of: positive, negative, "
                                        "neutral, 2, found \"negatve\" (did you mean 'negative'?)") == 0);
        const Problem* null = findProblem(problems, ProblemCode::WrongType, 8);
        QVERIFY(null);
        QCOMPARE(null->found, std::string("null"));
    }

    void findsDuplicatesAndConflictingLabels()
    {
        const Dataset dataset = jsonl(R"({"text":"same","label":"a"}
{"text":"other","label":"a"}
{"text":"same","label":"a","id":7}
{"text":"same","label":"b"}
)");
        const auto problems = validateDataset(dataset, Schema::detect(dataset));
        QCOMPARE(problems.size(), size_t(2));
        const Problem* duplicate = findProblem(problems, ProblemCode::DuplicateRow, 3);
        QVERIFY(duplicate);
        QCOMPARE(duplicate->severity, Severity::Warning);
        QVERIFY(duplicate->detail.find("line 1") != std::string::npos);
        QVERIFY(findProblem(problems, ProblemCode::ConflictingLabels, 4));
        ValidationOptions off;
        off.checkDuplicates = false;
        QVERIFY(validateDataset(dataset, Schema::detect(dataset), off).empty());
    }

    void findsLeakageIntoTheTestSet()
    {
        const Dataset train = jsonl("{\"text\":\"seen\",\"label\":\"a\"}\n{\"text\":\"fresh\",\"label\":\"a\"}\n", "train.jsonl");
        const Dataset test = jsonl("{\"x\":1}\n{\"text\":\"seen\",\"label\":\"b\"}\n", "test.jsonl");
        ValidationOptions options;
        options.heldOut = &test;
        const auto problems = validateDataset(train, Schema::detect(train), options);
        QCOMPARE(problems.size(), size_t(1));
        QCOMPARE(problems[0].code, ProblemCode::Leakage);
        QCOMPARE(problems[0].line, 1L);
        QVERIFY(problems[0].detail.find("test.jsonl line 2") != std::string::npos);
    }

    void checksChatMessages()
    {
        const Dataset dataset = jsonl(R"({"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"hello"}]}
{"messages":[{"role":"user","content":"hi"}]}
{"messages":[{"role":"robot","content":"x"},{"role":"assistant"}]}
{"messages":"hello"}
{"messages":[]}
)");
        const auto problems = validateDataset(dataset, Schema::detect(dataset));
        QVERIFY(findProblem(problems, ProblemCode::MissingField, 2)); // no assistant turn
        QVERIFY(findProblem(problems, ProblemCode::WrongType, 3));
        bool contentMissing = false;
        for (const Problem& p : problems)
            contentMissing |= p.line == 3 && p.field == "messages[1].content";
        QVERIFY(contentMissing);
        QVERIFY(findProblem(problems, ProblemCode::WrongType, 4));
        QVERIFY(findProblem(problems, ProblemCode::EmptyField, 5));
        for (const Problem& p : problems)
            QVERIFY(p.line != 1);
    }

    void flagsRowsOverTheTokenLimit()
    {
        const Dataset dataset = jsonl(R"({"instruction":"one two three","input":"four","output":"five six"}
{"instruction":"short","output":"ok"}
)");
        WordTokenizer tokenizer;
        ValidationOptions options;
        options.tokenizer = &tokenizer;
        options.maxTokens = 5;
        const auto problems = validateDataset(dataset, Schema::detect(dataset), options);
        QCOMPARE(problems.size(), size_t(1));
        QCOMPARE(problems[0].code, ProblemCode::TooManyTokens);
        QCOMPARE(problems[0].found, std::string("6 tokens"));
    }

    void unknownKindListsTheFieldsFound()
    {
        const Dataset dataset = jsonl("{\"foo\":1,\"bar\":2}\n");
        const auto problems = validateDataset(dataset, Schema::detect(dataset));
        QCOMPARE(problems.size(), size_t(1));
        QCOMPARE(problems[0].code, ProblemCode::UnknownKind);
        QVERIFY(problems[0].found.find("foo, bar") != std::string::npos);
    }

    void countsLabels()
    {
        const Dataset dataset = jsonl(R"({"text":"a","label":"x"}
{"text":"bb","label":"y"}
{"text":"ccc","label":"x"}
{"text":"dddd"}
broken
)");
        const auto stats = DatasetStats::compute(dataset, Schema::detect(dataset));
        QCOMPARE(stats.rows, size_t(5));
        QCOMPARE(stats.unreadableRows, size_t(1));
        QCOMPARE(stats.labels.size(), size_t(2));
        QCOMPARE(stats.labels[0].label, std::string("x"));
        QCOMPARE(stats.labels[0].count, size_t(2));
        QCOMPARE(stats.unlabelled, size_t(1));
        QCOMPARE(stats.shortestInput, size_t(1));
        QCOMPARE(stats.longestInput, size_t(4));
        QCOMPARE(stats.meanInput, 2.5);
    }
};

QTEST_GUILESS_MAIN(ValidatorTest)
#include "ValidatorTest.moc"
