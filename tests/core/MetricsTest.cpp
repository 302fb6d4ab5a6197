// Test-set metrics against values worked out by hand (the arithmetic is in the comments),
// and the paired bootstrap.
#include "core/common/Error.h"
#include "core/common/FileIO.h"
#include "core/eval/Bootstrap.h"
#include "core/eval/LinearBaseline.h"
#include "core/eval/Metrics.h"

#include <QtTest>

#include <cmath>
#include <fstream>

using namespace finch;
using namespace finch::eval;

namespace {

bool near(double a, double b, double tolerance = 1e-9)
{
    return std::abs(a - b) < tolerance;
}

nlohmann::ordered_json classificationEval(const std::vector<int>& correct)
{
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (size_t i = 0; i < correct.size(); ++i)
        rows.push_back({{"index", i}, {"reference", "pos"}, {"prediction", correct[i] ? "pos" : "neg"}, {"correct", correct[i] == 1}});
    return {{"task", "classification"}, {"metrics", {{"labels", {"neg", "pos"}}}}, {"rows", rows}};
}

} // namespace

class MetricsTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // The expected calibration error and its bins against torchmetrics
    // (tests/data/calibration/generate.py): overconfident, calibrated, and edge cases.
    void calibrationMatchesTorchmetrics()
    {
        const auto golden = nlohmann::json::parse(readWholeFile(FINCH_TEST_DATA "/calibration/expected.json"));
        for (const auto& c : golden["cases"]) {
            std::vector<double> confidences;
            std::vector<bool> correct;
            for (size_t r = 0; r < c["target"].size(); ++r) {
                const auto probabilities = c["probabilities"][r].get<std::vector<double>>();
                const auto best = std::max_element(probabilities.begin(), probabilities.end());
                confidences.push_back(*best);
                correct.push_back(int(best - probabilities.begin()) == c["target"][r].get<int>());
            }
            const Calibration calibration = Calibration::compute(confidences, correct);
            const QString name = QString::fromStdString(c["name"].get<std::string>());
            // torchmetrics sums in float32; the bins (from its binning in float64) are exact.
            QVERIFY2(near(calibration.expectedError, c["expected_calibration_error"].get<double>(), 1e-6),
                     qPrintable(name + ": " + QString::number(calibration.expectedError, 'g', 17)));
            QCOMPARE(calibration.bins.size(), c["bins"].size());
            for (size_t b = 0; b < calibration.bins.size(); ++b) {
                const auto& want = c["bins"][b];
                QCOMPARE(calibration.bins[b].count, want["count"].get<size_t>());
                QVERIFY2(near(calibration.bins[b].accuracy, want["accuracy"].get<double>(), 1e-12), qPrintable(name));
                QVERIFY2(near(calibration.bins[b].confidence, want["confidence"].get<double>(), 1e-12), qPrintable(name));
            }
        }
        QVERIFY_THROWS_EXCEPTION(Error, Calibration::compute({1.5}, {true}));
    }

    void classificationWithAClassNeverPredicted()
    {
        // gold a a a b b c, predicted a a b b a a: class c is never predicted.
        const auto m = ClassificationMetrics::compute({"a", "b", "c"}, {0, 0, 0, 1, 1, 2}, {0, 0, 1, 1, 0, 0});
        QVERIFY(near(m.accuracy, 0.5));
        QCOMPARE(m.confusion, (std::vector<std::vector<size_t>>{{2, 1, 0}, {1, 1, 0}, {1, 0, 0}}));
        // a: 2 of 4 predicted a are right (P 1/2), 2 of 3 true a found (R 2/3): F1 4/7.
        QVERIFY(near(m.perClass[0].precision, 0.5));
        QVERIFY(near(m.perClass[0].recall, 2.0 / 3.0));
        QVERIFY(near(m.perClass[0].f1, 4.0 / 7.0));
        // b: P 1/2, R 1/2, F1 1/2.
        QVERIFY(near(m.perClass[1].f1, 0.5));
        // c: no predictions, so precision is 0 (zero_division=0), and F1 0.
        QCOMPARE(m.perClass[2].precision, 0.0);
        QCOMPARE(m.perClass[2].recall, 0.0);
        QCOMPARE(m.perClass[2].f1, 0.0);
        QCOMPARE(m.perClass[2].support, size_t(1));
        // macro (4/7 + 1/2 + 0) / 3 = 5/14; weighted (3 * 4/7 + 2 * 1/2 + 1 * 0) / 6 = 19/42.
        QVERIFY(near(m.macroF1, 5.0 / 14.0));
        QVERIFY(near(m.weightedF1, 19.0 / 42.0));
        const auto json = m.toJson();
        QCOMPARE(json["confusion_matrix"][0][1].get<int>(), 1);
        QCOMPARE(json["per_class"][2]["label"].get<std::string>(), std::string("c"));
    }

    void classificationEdgeCases()
    {
        const auto perfect = ClassificationMetrics::compute({"x", "y"}, {0, 1, 1}, {0, 1, 1});
        QCOMPARE(perfect.accuracy, 1.0);
        QCOMPARE(perfect.macroF1, 1.0);
        const auto empty = ClassificationMetrics::compute({"x", "y"}, {}, {});
        QCOMPARE(empty.accuracy, 0.0);
        QVERIFY_THROWS_EXCEPTION(Error, ClassificationMetrics::compute({"x"}, {0}, {0, 0}));
        QVERIFY_THROWS_EXCEPTION(Error, ClassificationMetrics::compute({"x"}, {0}, {3}));
    }

    void bleuByHand()
    {
        // "the cat sat on the mat" against "the cat sat on a mat":
        // 1-grams 5/6 ("the" clipped to its one reference count), 2-grams 3/5, 3-grams 2/4,
        // 4-grams 1/3; equal lengths, so no brevity penalty: (5/6 * 3/5 * 1/2 * 1/3)^(1/4) = (1/12)^(1/4).
        QVERIFY(near(corpusBleu({"the cat sat on the mat"}, {"the cat sat on a mat"}), std::pow(1.0 / 12.0, 0.25)));
        // All n-grams match but the hypothesis is 4 tokens against 6: BP = exp(1 - 6/4).
        QVERIFY(near(corpusBleu({"a b c d"}, {"a b c d e f"}), std::exp(-0.5)));
        // Corpus-level: counts add up over sentences before the precisions are taken.
        QVERIFY(near(corpusBleu({"a b c d", "a b c d"}, {"a b c d", "a b c d"}), 1.0));
        // No 4-gram in common and no smoothing: 0.
        QCOMPARE(corpusBleu({"the cat"}, {"the cat sat on the mat"}), 0.0);
        QCOMPARE(corpusBleu({""}, {""}), 0.0);
        QCOMPARE(corpusBleu({"x y z w"}, {""}), 0.0); // an empty reference matches nothing
        // Punctuation is its own token.
        QCOMPARE(metricTokens("Hello, world!"), (std::vector<std::string>{"Hello", ",", "world", "!"}));
        QVERIFY_THROWS_EXCEPTION(Error, corpusBleu({"a"}, {}));
    }

    void rougeLByHand()
    {
        // LCS of "police killed the gunman" and "police kill the gunman" is 3: P = R = 3/4.
        QVERIFY(near(rougeLF1("police killed the gunman", "police kill the gunman"), 0.75));
        // Two longest common subsequences of length 1 tie ("a" or "b"): P = R = 1/2.
        QVERIFY(near(rougeLF1("a b", "b a"), 0.5));
        // LCS 2 of 3 hypothesis and 4 reference tokens: F1 = 2 * (2/3) * (1/2) / (2/3 + 1/2) = 4/7.
        QVERIFY(near(rougeLF1("a x c", "a b c d"), 4.0 / 7.0));
        QCOMPARE(rougeLF1("anything", ""), 0.0); // an empty reference scores 0
        QCOMPARE(rougeLF1("", ""), 0.0);
        QCOMPARE(rougeLF1("", "something"), 0.0);
    }

    void exactMatchIgnoresSurroundingSpace()
    {
        QVERIFY(exactMatch(" yes\n", "yes"));
        QVERIFY(!exactMatch("Yes", "yes"));
        QVERIFY(exactMatch("", "  "));
    }

    void bootstrapOfIdenticalRunsIsZero()
    {
        const auto result = pairedBootstrap(5, meanOf({1, 0, 1, 1, 0}), meanOf({1, 0, 1, 1, 0}), 1000, 3);
        QCOMPARE(result.observed, 0.0);
        QCOMPARE(result.low, 0.0);
        QCOMPARE(result.high, 0.0);
        QCOMPARE(result.probabilityBNotBetter, 1.0); // ties count as "not better"
    }

    void bootstrapOfABetterRun()
    {
        // B is right on every row, A on half: observed difference 0.5. A resample shows no
        // gain only when it draws rows 0 and 2 alone: (1/2)^4 = 1/16 of the time.
        const auto result = pairedBootstrap(4, meanOf({1, 0, 1, 0}), meanOf({1, 1, 1, 1}), 4000, 11);
        QCOMPARE(result.observed, 0.5);
        QVERIFY2(near(result.meanDifference, 0.5, 0.02), qPrintable(QString::number(result.meanDifference)));
        QCOMPARE(result.low, 0.0);
        QCOMPARE(result.high, 1.0);
        QVERIFY2(near(result.probabilityBNotBetter, 1.0 / 16.0, 0.015), qPrintable(QString::number(result.probabilityBNotBetter)));
        QCOMPARE(result.resamples, 4000);
        // Seeded: the same numbers again.
        const auto again = pairedBootstrap(4, meanOf({1, 0, 1, 0}), meanOf({1, 1, 1, 1}), 4000, 11);
        QCOMPARE(again.meanDifference, result.meanDifference);
        QVERIFY_THROWS_EXCEPTION(Error, pairedBootstrap(0, meanOf({}), meanOf({})));
        QVERIFY_THROWS_EXCEPTION(Error, pairedBootstrap(4, meanOf({1, 0, 1, 0}), meanOf({1, 1, 1, 1}), 10));
    }

    void compareEvaluationsNeedsTheSameRows()
    {
        const auto a = classificationEval({1, 0, 1, 0});
        const auto b = classificationEval({1, 1, 1, 1});
        QCOMPARE(defaultComparisonMetric(a), std::string("accuracy"));
        const auto result = compareEvaluations(a, b, "accuracy", 1000, 5);
        QCOMPARE(result.observed, 0.5);
        const auto f1 = compareEvaluations(a, b, "macro_f1", 1000, 5);
        QVERIFY(f1.observed > 0);
        QVERIFY_THROWS_EXCEPTION(Error, compareEvaluations(a, classificationEval({1, 1, 1}), "accuracy"));
        QVERIFY_THROWS_EXCEPTION(Error, compareEvaluations(a, b, "rouge_l"));
    }

    // The classification baseline against scikit-learn's CountVectorizer and liblinear
    // logistic regression (tests/data/baseline/generate.py), on the sentiment sample.
    void linearBaselineMatchesScikitLearn()
    {
        const auto expected = nlohmann::json::parse(readWholeFile(FINCH_TEST_DATA "/baseline/expected.json"));
        for (const auto& sample : expected["tokens"])
            QCOMPARE(eval::bagOfWordsTokens(sample["text"].get<std::string>()), sample["tokens"].get<std::vector<std::string>>());

        const auto labels = expected["labels"].get<std::vector<std::string>>();
        std::vector<std::string> texts;
        std::vector<int> indices;
        std::ifstream in(FINCH_SAMPLES "/sentiment.jsonl");
        for (std::string line; std::getline(in, line) && int(texts.size()) < expected["train_rows"].get<int>();) {
            const auto row = nlohmann::json::parse(line);
            texts.push_back(row["text"].get<std::string>());
            indices.push_back(int(std::find(labels.begin(), labels.end(), row["label"].get<std::string>()) - labels.begin()));
        }
        const eval::LinearBaseline baseline = eval::LinearBaseline::train(texts, indices, int(labels.size()));
        QCOMPARE(baseline.vocabularySize(), expected["vocabulary_size"].get<size_t>());
        double largest = 0;
        for (const auto& row : expected["test"]) {
            const std::vector<double> ours = baseline.probabilities(row["text"].get<std::string>());
            const auto theirs = row["probabilities"].get<std::vector<double>>();
            QCOMPARE(ours.size(), theirs.size());
            for (size_t i = 0; i < ours.size(); ++i)
                largest = std::max(largest, std::abs(ours[i] - theirs[i]));
        }
        qInfo("largest probability difference from scikit-learn over %zu test rows: %.2g", expected["test"].size(), largest);
        QVERIFY2(largest < 1e-4, qPrintable(QString::number(largest)));
        QVERIFY_THROWS_EXCEPTION(Error, eval::LinearBaseline::train({"a b", "c d"}, {1, 1}, 3)); // one label only
    }

    // Cross-validated predictions find labels that were changed on purpose, where a model
    // that trained on the rows it judges learns the wrong labels by heart (each row here
    // has a word of its own, as real rows have names and numbers).
    void crossValidationFindsWrongLabels()
    {
        const std::vector<std::vector<std::string>> words{{"awful", "broken", "terrible", "refund"},
                                                          {"okay", "average", "fine", "ordinary"},
                                                          {"great", "lovely", "superb", "delight"}};
        std::vector<std::string> texts;
        std::vector<int> labels, given;
        for (int i = 0; i < 300; ++i) {
            const int label = i % 3;
            texts.push_back("row" + std::to_string(i) + " " + words[size_t(label)][size_t(i % 4)] + " " +
                            words[size_t(label)][size_t((i / 4) % 4)] + " the item");
            labels.push_back(label);
            given.push_back(i % 10 == 0 ? (label + 1) % 3 : label); // every tenth label is wrong
        }
        given[7] = -1; // a row without a label: predicted, not trained on
        const auto crossValidated = eval::crossValidatedProbabilities(texts, given, 3, 5, 7);
        QCOMPARE(crossValidated.size(), texts.size());
        QCOMPARE(crossValidated[7].size(), size_t(3));
        const auto flagged = [&](const std::vector<std::vector<double>>& probabilities) {
            int count = 0;
            for (size_t i = 0; i < texts.size(); ++i)
                if (given[i] >= 0 && given[i] != labels[i])
                    count += int(std::max_element(probabilities[i].begin(), probabilities[i].end()) -
                                 probabilities[i].begin()) != given[i];
            return count;
        };
        std::vector<std::string> labelledTexts;
        std::vector<int> labelledGiven;
        for (size_t i = 0; i < texts.size(); ++i)
            if (given[i] >= 0) {
                labelledTexts.push_back(texts[i]);
                labelledGiven.push_back(given[i]);
            }
        const eval::LinearBaseline inSample = eval::LinearBaseline::train(labelledTexts, labelledGiven, 3);
        std::vector<std::vector<double>> judgedBySelf;
        for (const std::string& text : texts)
            judgedBySelf.push_back(inSample.probabilities(text));
        // How much the model believes the wrong labels: a model that trained on them, more.
        const auto belief = [&](const std::vector<std::vector<double>>& probabilities) {
            double total = 0;
            for (size_t i = 0; i < texts.size(); ++i)
                if (given[i] >= 0 && given[i] != labels[i])
                    total += probabilities[i][size_t(given[i])] / 30;
            return total;
        };
        qInfo("of 30 wrong labels, cross-validation flags %d (mean belief in them %.3f); a model that trained on them "
              "flags %d (%.3f)",
              flagged(crossValidated), belief(crossValidated), flagged(judgedBySelf), belief(judgedBySelf));
        QVERIFY(flagged(crossValidated) >= 27);
        QVERIFY(belief(judgedBySelf) > belief(crossValidated));
        QCOMPARE(eval::crossValidatedProbabilities(texts, given, 3, 5, 7), crossValidated); // seeded
    }
};

QTEST_GUILESS_MAIN(MetricsTest)
#include "MetricsTest.moc"
