// finch tokenizer train | encode | decode, checked against Debian's spm_encode and the
// tokenizers library; finch chat render, checked against transformers.
#include "CliRunner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>

const QString kTokenizers = QStringLiteral(FINCH_TEST_DATA "/tokenizers/");

class CliTokenizerTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    QString path(const QString& name) const { return dir_.filePath(name); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        const QStringList openings{"Loved", "Hated", "Could not stop watching", "Returned", "Recommend"};
        const QStringList objects{"this phone", "the sequel", "the cast", "the charger", "the ending", "the price"};
        QByteArray rows;
        for (int i = 0; i < 300; ++i) {
            const QString text = openings[i % openings.size()] + " " + objects[(i / 5) % objects.size()] + " after " +
                                 QString::number(i % 17 + 1) + " days — très bien, naïve café";
            rows += QJsonDocument(QJsonObject{{"text", text}, {"label", i % 2 ? "positive" : "negative"}})
                        .toJson(QJsonDocument::Compact) +
                    "\n";
        }
        writeText(path("reviews.jsonl"), rows);
        const CliResult trained = runFinch({"tokenizer", "train", "--data", path("reviews.jsonl"), "--vocab-size", "320",
                                            "--out", path("t.model"), "--json"});
        QCOMPARE(trained.exitCode, 0);
        const QJsonObject info = QJsonDocument::fromJson(trained.out.toUtf8()).object();
        QCOMPARE(info["vocab_size"].toInt(), 320);
        QCOMPARE(info["texts"].toInt(), 600);
        QCOMPARE(info["pad_id"].toInt(), 3);
    }

    void encodeMatchesSpmEncode()
    {
        const QString spmEncode = QStandardPaths::findExecutable("spm_encode");
        QVERIFY2(!spmEncode.isEmpty(), "spm_encode not found: scripts/setup installs the 'sentencepiece' package");
        writeText(path("lines.txt"), "Loved this phone after 3 days\n"
                                     "  two  spaces,\ttab and trailing space \n"
                                     "\n"
                                     "unseen: 日本語のテキスト 🙂 and numbers 1234567890\n"
                                     "très bien — naïve café\n");
        const CliResult finch = runFinch({"tokenizer", "encode", "--model", path("t.model"), "--file", path("lines.txt")});
        QCOMPARE(finch.exitCode, 0);
        const CliResult reference = runProgram(spmEncode, {"--model", path("t.model"), "--output_format=id",
                                                           "--input", path("lines.txt")});
        QCOMPARE(reference.exitCode, 0);
        QCOMPARE(finch.out.count('\n'), 5);
        QCOMPARE(finch.out, reference.out);

        const CliResult pieces = runFinch({"tokenizer", "encode", "--model", path("t.model"), "--file", path("lines.txt"),
                                           "--pieces"});
        const CliResult referencePieces = runProgram(spmEncode, {"--model", path("t.model"), "--output_format=piece",
                                                                 "--input", path("lines.txt")});
        QCOMPARE(pieces.out, referencePieces.out);
    }

    void decodeInvertsEncode()
    {
        const QString text = "Recommend the cast after 12 days — très bien";
        const CliResult encoded = runFinch({"tokenizer", "encode", "--model", path("t.model"), "--text", text, "--json"});
        QCOMPARE(encoded.exitCode, 0);
        const QJsonArray ids = QJsonDocument::fromJson(encoded.out.toUtf8()).object()["ids"].toArray()[0].toArray();
        QStringList idText;
        for (const auto& id : ids)
            idText << QString::number(id.toInt());
        const CliResult decoded = runFinch({"tokenizer", "decode", "--model", path("t.model"), "--ids", idText.join(',')});
        QCOMPARE(decoded.exitCode, 0);
        QCOMPARE(decoded.out, text + "\n");
        // Standard input works too, one sequence per line.
        const CliResult piped = runFinch({"tokenizer", "decode", "--model", path("t.model"), "--file", "-"}, {},
                                         idText.join(' ').toUtf8() + "\n");
        QCOMPARE(piped.out, text + "\n");
    }

    void tokenizerJsonThroughJsonLinesMatchesTheLibrary()
    {
        // Every probe text of the fixtures, newlines and the empty string included, in one
        // --jsonl file; the ids must be the `tokenizers` library's (tests/data/tokenizers).
        const QJsonObject expected = QJsonDocument::fromJson(readText(kTokenizers + "expected.json")).object();
        const QJsonArray probes = expected["probes"].toArray();
        QByteArray lines;
        for (const auto& probe : probes)
            lines += QJsonDocument(QJsonObject{{"text", probe}}).toJson(QJsonDocument::Compact) + "\n";
        writeText(path("probes.jsonl"), lines);
        for (const QString family : {"llama3-split", "metaspace-bytefallback"}) {
            const QJsonArray cases = expected["families"].toObject()[family].toArray();
            const CliResult encoded = runFinch({"tokenizer", "encode", "--model", kTokenizers + family, "--jsonl",
                                                path("probes.jsonl"), "--add-special-tokens", "--json"});
            QVERIFY2(encoded.exitCode == 0, qPrintable(encoded.err));
            const QJsonArray ids = QJsonDocument::fromJson(encoded.out.toUtf8()).object()["ids"].toArray();
            QCOMPARE(ids.size(), probes.size());
            QByteArray idLines;
            for (qsizetype i = 0; i < ids.size(); ++i) {
                QCOMPARE(ids[i].toArray(), cases[i].toObject()["ids_with_special_tokens"].toArray());
                idLines += QJsonDocument(QJsonObject{{"ids", ids[i]}}).toJson(QJsonDocument::Compact) + "\n";
            }
            writeText(path("ids.jsonl"), idLines);
            const CliResult decoded = runFinch({"tokenizer", "decode", "--model", kTokenizers + family + "/tokenizer.json",
                                                "--jsonl", path("ids.jsonl"), "--json"});
            QVERIFY2(decoded.exitCode == 0, qPrintable(decoded.err));
            const QJsonArray texts = QJsonDocument::fromJson(decoded.out.toUtf8()).object()["texts"].toArray();
            for (qsizetype i = 0; i < texts.size(); ++i)
                QCOMPARE(texts[i].toString(), cases[i].toObject()["decoded"].toString());
        }
    }

    void encodingOnEveryCoreKeepsTheOrder()
    {
        QByteArray lines;
        for (int i = 0; i < 3000; ++i)
            lines += "line " + QByteArray::number(i) + ": café " + QByteArray::number(i * 7919 % 1000) + " 🙂\n";
        writeText(path("many.txt"), lines);
        const QString model = kTokenizers + "qwen-nfc-digits";
        const CliResult one = runFinch({"tokenizer", "encode", "--model", model, "--file", path("many.txt"), "--threads", "1"});
        const CliResult four = runFinch({"tokenizer", "encode", "--model", model, "--file", path("many.txt"), "--threads", "4"});
        QCOMPARE(one.exitCode, 0);
        QCOMPARE(four.out, one.out);
        QCOMPARE(one.out.count('\n'), 3000);
    }

    void badInputGetsAClearError()
    {
        const CliResult badId = runFinch({"tokenizer", "decode", "--model", path("t.model"), "--ids", "5,999999"});
        QCOMPARE(badId.exitCode, 1);
        QVERIFY2(badId.err.contains("expected token ids between 0 and 319, found '999999'"), qPrintable(badId.err));
        writeText(path("ids.txt"), "5 6\n7 x\n");
        const CliResult badLine = runFinch({"tokenizer", "decode", "--model", path("t.model"), "--file", path("ids.txt")});
        QCOMPARE(badLine.exitCode, 1);
        QVERIFY2(badLine.err.contains(path("ids.txt") + ":2: expected token ids"), qPrintable(badLine.err));
        const CliResult tooBig = runFinch({"tokenizer", "train", "--data", path("reviews.jsonl"), "--vocab-size",
                                           "50000", "--out", path("big.model")});
        QCOMPARE(tooBig.exitCode, 1);
        QVERIFY2(tooBig.err.contains("Vocabulary size too high (50000)"), qPrintable(tooBig.err));
        QVERIFY(!QFile::exists(path("big.model")));
        writeText(path("junk.model"), "junk");
        const CliResult junk = runFinch({"tokenizer", "encode", "--model", path("junk.model"), "--text", "x"});
        QCOMPARE(junk.exitCode, 1);
        QVERIFY(junk.err.contains(path("junk.model")));
        const CliResult noText = runFinch({"tokenizer", "encode", "--model", path("t.model")});
        QCOMPARE(noText.exitCode, 1);
        QVERIFY(noText.err.contains("--text"));
    }

    // A Qwen2.5-style folder (tokenizer.json, and the real template in tokenizer_config.json):
    // the text and ids are transformers' (tests/data/chat_templates).
    void chatRenderMatchesTransformers()
    {
        const QString chatData = QStringLiteral(FINCH_TEST_DATA "/chat_templates/");
        const QString folder = path("qwen-chat");
        QVERIFY(QDir().mkpath(folder));
        QVERIFY(QFile::copy(kTokenizers + "qwen-nfc-digits/tokenizer.json", folder + "/tokenizer.json"));
        QFile templateFile(chatData + "templates/Qwen-Qwen2.5-7B-Instruct.jinja");
        QVERIFY(templateFile.open(QIODevice::ReadOnly));
        const QJsonObject config{{"eos_token", "<|im_end|>"}, {"pad_token", "<|endoftext|>"},
                                 {"chat_template", QString::fromUtf8(templateFile.readAll())}};
        writeText(folder + "/tokenizer_config.json", QJsonDocument(config).toJson());

        QFile expectedFile(chatData + "expected.json"), masksFile(chatData + "assistant_masks.json");
        QVERIFY(expectedFile.open(QIODevice::ReadOnly) && masksFile.open(QIODevice::ReadOnly));
        const QJsonObject expected = QJsonDocument::fromJson(expectedFile.readAll()).object();
        const QJsonObject masks = QJsonDocument::fromJson(masksFile.readAll()).object();
        const QJsonObject conversations = expected["conversations"].toObject(); // (Qt sorts keys: content only)

        // Tools and the generation prompt: a file holding an object with the other variables.
        const CliResult tools = runFinch({"chat", "render", "--model", folder, "--messages", chatData + "conversations/tools.json",
                                          "--add-generation-prompt"});
        QCOMPARE(tools.exitCode, 0);
        int matched = 0;
        for (const QJsonValue c : expected["cases"].toArray())
            if (c["template"] == "Qwen-Qwen2.5-7B-Instruct" && c["conversation"] == "tools" &&
                c["add_generation_prompt"].toBool()) {
                QCOMPARE(tools.out, c["text"].toString());
                ++matched;
            }
        QCOMPARE(matched, 1);

        // A plain list of messages, with --json: the ids are the library's.
        writeText(path("turns.json"),
                  QJsonDocument(conversations["system-and-turns"].toObject()["messages"].toArray()).toJson());
        const CliResult turns = runFinch({"chat", "render", "--model", folder, "--messages", path("turns.json"), "--json"});
        QCOMPARE(turns.exitCode, 0);
        const QJsonObject rendered = QJsonDocument::fromJson(turns.out.toUtf8()).object();
        QVERIFY(rendered["text"].toString().startsWith("<|im_start|>system\nYou are Finch"));
        bool compared = false;
        for (const QJsonValue c : masks["cases"].toArray())
            if (c["template"] == "Qwen-Qwen2.5-7B-Instruct" && c["conversation"] == "system-and-turns") {
                QCOMPARE(rendered["ids"].toArray(), c["ids"].toArray());
                compared = true;
            }
        QVERIFY(compared);

        // --template overrides the folder's; bad input names the file.
        writeText(path("plain.jinja"), "{% for m in messages %}[{{ m.role }}] {{ m.content }}\n{% endfor %}");
        const CliResult plain = runFinch({"chat", "render", "--model", folder, "--messages", path("turns.json"),
                                          "--template", path("plain.jinja")});
        QCOMPARE(plain.exitCode, 0);
        QVERIFY(plain.out.startsWith("[system] You are Finch"));
        writeText(path("bad.jinja"), "{{ messages|shuffle }}");
        const CliResult bad = runFinch({"chat", "render", "--model", folder, "--messages", path("turns.json"),
                                        "--template", path("bad.jinja")});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains("bad.jinja, line 1: the filter 'shuffle'"), qPrintable(bad.err));
        writeText(path("object.json"), "{\"role\": \"user\"}");
        const CliResult notAList = runFinch({"chat", "render", "--model", folder, "--messages", path("object.json")});
        QCOMPARE(notAList.exitCode, 1);
        QVERIFY2(notAList.err.contains("object.json"), qPrintable(notAList.err));

        // A SentencePiece folder without tokenizer_config.json: the tokenizer's own <s> and </s>,
        // as transformers' Llama tokenizer supplies them.
        QVERIFY(QDir().mkpath(path("spm-chat")));
        QVERIFY(QFile::copy(path("t.model"), path("spm-chat/tokenizer.model")));
        writeText(path("spm-chat/chat_template.jinja"), "{{ bos_token }}|{{ eos_token }}");
        const CliResult spm = runFinch({"chat", "render", "--model", path("spm-chat"), "--messages", path("turns.json")});
        QCOMPARE(spm.exitCode, 0);
        QCOMPARE(spm.out, QString("<s>|</s>"));
    }

    void everyCommandHasHelp()
    {
        for (const QStringList& command : {QStringList{"tokenizer", "train"}, QStringList{"tokenizer", "encode"},
                                           QStringList{"tokenizer", "decode"}, QStringList{"chat", "render"}}) {
            const CliResult result = runFinch(command + QStringList{"--help"});
            QCOMPARE(result.exitCode, 0);
            QVERIFY(result.out.contains("--json"));
        }
    }
};

QTEST_GUILESS_MAIN(CliTokenizerTest)
#include "CliTokenizerTest.moc"
