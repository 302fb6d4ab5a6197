// The studio driven as a user drives it (offscreen): label rows with key presses, undo and
// save; train finch-tiny from the Train page and watch points arrive on the chart; compare
// two runs and read the metric table.
#include "core/common/FileIO.h"
#include "core/api/Engine.h"
#include "core/model/ModelConfig.h"
#include "core/model/Safetensors.h"
#include "core/runs/RunFolder.h"
#include "core/train/Trainer.h"
#include "core/train/TrainingData.h"
#include "ui/compare/ComparePage.h"
#include "ui/data/DataPage.h"
#include "ui/evaluate/EvaluatePage.h"
#include "ui/HelpDialogs.h"
#include "ui/model/HubDownloadDialog.h"
#include "ui/train/LossChart.h"
#include "ui/MainWindow.h"
#include "ui/model/ModelPage.h"
#include "ui/playground/PlaygroundPage.h"
#include "ui/train/RunConfigForm.h"
#include "ui/train/TrainPage.h"
#include "ui/Translations.h"

#include "DialogAnswerer.h"
#include "../support/FakeHub.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListWidget>
#include <QMenuBar>
#include <QComboBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using namespace finch;
using namespace finch::ui;

namespace {

// ChatML, as Qwen and SmolLM write their turns.
const char* const kChatMl =
    "{% for m in messages %}<|im_start|>{{ m.role }}\n{{ m.content }}<|im_end|>\n{% endfor %}"
    "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}";

void writeTokenizerConfig(const QString& folder, const QString& chatTemplate)
{
    const QJsonObject config{{"eos_token", "<|im_end|>"},
                             {"pad_token", QJsonObject{{"content", "<|endoftext|>"}}},
                             {"chat_template", chatTemplate}};
    QFile file(folder + "/tokenizer_config.json");
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(QJsonDocument(config).toJson());
}

// A tiny Qwen2 model with a real tokenizer.json (and, given one, a chat template) in `folder`.
void writeTinyQwen(const QString& folder, const QString& chatTemplate = {})
{
    const model::ModelConfig config = model::ModelConfig::fromJson(
        {{"architectures", {"Qwen2ForCausalLM"}}, {"vocab_size", 640}, {"hidden_size", 32}, {"intermediate_size", 64},
         {"num_hidden_layers", 1}, {"num_attention_heads", 4}, {"num_key_value_heads", 2}, {"tie_word_embeddings", true}},
        "config.json");
    engine::load().createModel(config, 5)->save(folder.toStdString());
    QFile::copy(FINCH_TEST_DATA "/tokenizers/qwen-nfc-digits/tokenizer.json", folder + "/tokenizer.json");
    if (!chatTemplate.isEmpty())
        writeTokenizerConfig(folder, chatTemplate);
}

// A LoRA adapter for writeTinyQwen's model in PEFT's layout (r = 2 on q_proj and v_proj,
// A and B far from zero, so that it changes what the model says).
void writeTinyQwenAdapter(const QString& folder)
{
    QDir().mkpath(folder);
    writeFileAtomically((folder + "/adapter_config.json").toStdString(),
                        R"({"peft_type": "LORA", "r": 2, "lora_alpha": 8, "target_modules": ["q_proj", "v_proj"]})");
    std::vector<std::vector<float>> values;
    std::vector<model::TensorToWrite> tensors;
    const std::string prefix = "base_model.model.model.layers.0.self_attn.";
    for (const auto& [name, shape] : std::vector<std::pair<std::string, std::vector<int64_t>>>{
             {"q_proj.lora_A.weight", {2, 32}}, {"q_proj.lora_B.weight", {32, 2}},
             {"v_proj.lora_A.weight", {2, 32}}, {"v_proj.lora_B.weight", {16, 2}}}) {
        std::vector<float>& data = values.emplace_back(size_t(shape[0] * shape[1]));
        for (size_t i = 0; i < data.size(); ++i)
            data[i] = float(std::sin(double(i) * 1.7 + double(values.size()))) * 3;
        tensors.push_back({prefix + name, model::DType::F32, shape,
                           std::string_view(reinterpret_cast<const char*>(data.data()), data.size() * sizeof(float))});
    }
    model::writeSafetensors((folder + "/adapter_model.safetensors").toStdString(), tensors, {{"format", "pt"}});
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

train::RunConfig quickRun(const QString& runs, const QString& name, double learningRate)
{
    train::RunConfig config;
    config.trainFile = FINCH_SAMPLES "/sentiment.jsonl";
    config.outputDir = runs.toStdString();
    config.runName = name.toStdString();
    config.model = "finch-tiny";
    config.tokenizerVocabSize = 600;
    config.maxSteps = 6;
    config.batchSize = 8;
    config.maxSequenceLength = 48;
    config.learningRate = learningRate;
    config.loggingSteps = 1;
    config.evalSteps = 3;
    config.threads = 1;
    return config;
}

// Small, fast settings on the Train page's form.
void useQuickSettings(TrainPage* page, int64_t maxSteps, int evalSteps)
{
    train::RunConfig settings = page->form()->config();
    settings.maxSteps = maxSteps;
    settings.loggingSteps = 1;
    settings.evalSteps = evalSteps;
    settings.maxSequenceLength = 64;
    settings.tokenizerVocabSize = 600;
    settings.threads = 1;
    page->form()->setConfig(settings);
}

} // namespace

class StudioTest : public QObject {
    Q_OBJECT

    QTemporaryDir emptyHubCache_;
    void useEmptyHubCache() { qputenv("HF_HUB_CACHE", emptyHubCache_.path().toUtf8()); }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // QSettings go to a scratch location
        QApplication::setOrganizationName("FinchTest");
        useEmptyHubCache(); // never the cache of the machine running the tests
    }

    // The first launch: with a supported small instruct model in the Hugging Face cache,
    // it replaces finch-tiny, and the run is set to LoRA.
    void firstLaunchPrefersAPretrainedModelFromTheCache()
    {
        QTemporaryDir dir;
        const QString snapshot = dir.filePath("hub/models--finch-test--chat-qwen/snapshots/0123456789abcdef0123456789abcdef01234567");
        writeTinyQwen(snapshot, kChatMl);
        writeTinyQwen(dir.filePath("hub/models--finch-test--base-qwen/snapshots/0123456789abcdef0123456789abcdef01234567"));
        qputenv("HF_HUB_CACHE", dir.filePath("hub").toUtf8());
        MainWindow window(dir.filePath("workspace"));
        useEmptyHubCache();
        QSignalSpy listed(window.modelPage(), &ModelPage::cacheListed);
        QVERIFY(listed.wait(30000));
        QCOMPARE(listed.first().first().toInt(), 2);
        QCOMPARE(window.modelPage()->currentModel(), snapshot); // the instruct one, not the base one
        QCOMPARE(QString::fromStdString(window.trainPage()->runConfig().model), snapshot);
        QVERIFY(window.trainPage()->form()->config().method == model::TrainingMethod::Lora);
        QCOMPARE(QString::fromStdString(window.trainPage()->runConfig().runName), QString("sentiment-chat-qwen"));
        QVERIFY(window.trainPage()->startButton()->isEnabled());
    }

    void firstLaunchOpensTheSample()
    {
        QTemporaryDir dir;
        MainWindow window(dir.filePath("workspace"));
        QCOMPARE(window.dataPage()->model()->rowCount(), 310);
        QVERIFY(QFile::exists(dir.filePath("workspace/datasets/sentiment.jsonl")));
        QVERIFY(QFile::exists(dir.filePath("workspace/datasets/instructions.jsonl")));
        QCOMPARE(window.dataPage()->model()->labels(), QStringList({"negative", "neutral", "positive"}));
        QVERIFY(window.trainPage()->startButton()->isEnabled()); // one click on Train works
        QVERIFY(window.modelPage()->summaryText().contains("LlamaForCausalLM"));
        QVERIFY(window.modelPage()->estimateText().contains("total"));
    }

    void preferencesApplyAndPersist()
    {
        QTemporaryDir dir;
        MainWindow window(dir.filePath("first"));
        Preferences chosen;
        chosen.language = "fr";
        chosen.defaultDevice = "cpu";
        chosen.defaultWorkspace = dir.filePath("chosen");
        chosen.autosaveSeconds = 17;
        chosen.cpuThreads = 3;
        chosen.save(); // what accepting the dialog does
        window.applyPreferences(chosen);
        QCOMPARE(window.dataPage()->autosaveSeconds(), 17);
        QCOMPARE(window.trainPage()->form()->config().threads, 3);
        QCOMPARE(window.trainPage()->form()->config().device, std::string("cpu"));
        QVERIFY(Preferences::load() == chosen);

        // The dialog starts from the saved choice and gives it back unchanged.
        PreferencesDialog dialog(Preferences::load(), {{"cpu", "2 cores"}});
        QCOMPARE(dialog.languageBox()->currentData().toString(), QString("fr"));
        QVERIFY(dialog.preferences() == chosen);

        // A new window with no workspace named opens the default one.
        MainWindow next;
        QCOMPARE(QDir(next.workspace().root()), QDir(dir.filePath("chosen")));
        QCOMPARE(next.dataPage()->autosaveSeconds(), 17);
        Preferences{}.save(); // back to the defaults for the tests that follow
        window.applyPreferences(Preferences{});
    }

    void menusAndTabsHaveDistinctAcceleratorsInEveryLanguage()
    {
        QTemporaryDir dir;
        for (const QString& language : QStringList{"en"} + availableLanguages()) {
            installTranslators(language);
            MainWindow window(dir.filePath("workspace"));
            QStringList texts;
            for (const QAction* menu : window.menuBar()->actions())
                texts << menu->text();
            for (int i = 0; i < window.pages()->count(); ++i)
                texts << window.pages()->tabText(i);
            QSet<QChar> keys;
            for (const QString& text : texts) {
                const qsizetype at = text.indexOf('&');
                QVERIFY2(at >= 0 && at + 1 < text.size(), qPrintable(language + ": " + text));
                const QChar key = text[at + 1].toLower();
                QVERIFY2(!keys.contains(key), qPrintable(language + ": " + texts.join(", ")));
                keys.insert(key);
            }
        }
        installTranslators("en");
    }

    void helpListsShortcutsAndVersions()
    {
        QTemporaryDir dir;
        MainWindow window(dir.filePath("workspace"));
        ShortcutsDialog dialog(&window);
        QMap<QString, QString> byKeys; // no two actions may share keys
        QMultiMap<QString, QString> byAction;
        for (int row = 0; row < dialog.table()->rowCount(); ++row) {
            const QString action = dialog.table()->item(row, 0)->text();
            const QString keys = dialog.table()->item(row, 1)->text();
            QVERIFY2(!byKeys.contains(keys) || byKeys[keys] == action,
                     qPrintable(keys + ": " + byKeys.value(keys) + " and " + action));
            byKeys[keys] = action;
            byAction.insert(action, keys);
        }
        QVERIFY(byAction.contains("Start", QKeySequence(Qt::CTRL | Qt::Key_R).toString(QKeySequence::NativeText))); // menu
        QVERIFY(byAction.contains("Start", QKeySequence(Qt::CTRL | Qt::Key_Return).toString(QKeySequence::NativeText))); // button
        QVERIFY(byAction.contains("Preferences", QKeySequence(Qt::CTRL | Qt::Key_Comma).toString(QKeySequence::NativeText)));
        QVERIFY(byAction.contains("Save"));
        QVERIFY(byAction.contains("Generate")); // a button's shortcut, from the Playground

        const QString about = aboutText({"1.13.1", "", "cpu (2 cores)", "OpenBLAS"});
        QVERIFY(about.contains("Finch " FINCH_VERSION));
        QVERIFY(about.contains(QString::fromLatin1(qVersion())));
        QVERIFY(about.contains("1.13.1") && about.contains("not available") && about.contains("OpenBLAS"));
        QVERIFY(userGuideUrl().isLocalFile());
        QVERIFY(QFile::exists(userGuideUrl().toLocalFile()));
    }

    void labelWithKeysUndoAndSave()
    {
        QTemporaryDir dir;
        MainWindow window(dir.filePath("workspace"));
        const QString path = dir.filePath("workspace/datasets/reviews.jsonl");
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("{\"text\": \"Loved it\", \"label\": \"good\", \"extra\": {\"k\": [1, null]}}\n"
                       "{\"text\": \"Broke at once\", \"label\": \"\"}\n"
                       "{\"text\": \"Fine I guess\", \"label\": \"bad\"}\n"
                       "{\"text\": \"Superb\", \"label\": \"\"}\n");
        }
        DataPage* page = window.dataPage();
        QVERIFY(page->openDataset(path));
        DatasetTableModel* model = page->model();
        QCOMPARE(model->labels(), QStringList({"bad", "good"}));
        QTableView* table = page->table();
        table->setFocus();

        // Row 2 (index 1): key 1 labels it "bad" and jumps to the next unlabelled row.
        table->setCurrentIndex(table->model()->index(1, model->textColumn()));
        QTest::keyClick(table, Qt::Key_1);
        QCOMPARE(model->labelOf(1), QString("bad"));
        QCOMPARE(table->currentIndex().row(), 3);
        QTest::keyClick(table, Qt::Key_2);
        QCOMPARE(model->labelOf(3), QString("good"));
        QVERIFY(page->isModified());

        page->undoAction->trigger();
        QCOMPARE(model->labelOf(3), QString(""));
        page->redoAction->trigger();
        QCOMPARE(model->labelOf(3), QString("good"));

        // Delete and undo give the row back in place.
        table->selectRow(0);
        page->deleteAction->trigger();
        QCOMPARE(model->rowCount(), 3);
        page->undoAction->trigger();
        QCOMPARE(model->rowCount(), 4);
        QCOMPARE(model->cellText(0, model->textColumn()), QString("Loved it"));

        // Filters narrow the view without touching the data.
        page->setLabelFilter("good");
        QCOMPARE(table->model()->rowCount(), 2);
        page->setLabelFilter({});
        page->setTextFilter("superb");
        QCOMPARE(table->model()->rowCount(), 1);
        page->setTextFilter({});

        QVERIFY(page->save());
        QVERIFY(!page->isModified());
        const QByteArray saved = readAll(path);
        QVERIFY(saved.contains("\"text\":\"Broke at once\",\"label\":\"bad\""));
        QVERIFY(saved.contains("\"text\":\"Superb\",\"label\":\"good\""));
        QVERIFY(saved.contains("\"extra\":{\"k\":[1,null]}")); // unknown fields survive

        page->validate();
        QVERIFY(page->problems()->count() >= 1);
    }

    void autosaveWritesARecoveryFile()
    {
        QTemporaryDir dir;
        MainWindow window(dir.filePath("workspace"));
        DataPage* page = window.dataPage();
        page->model()->setLabel(0, "neutral");
        page->autosave();
        const QDir recovery(window.workspace().recoveryDir());
        QCOMPARE(recovery.entryList(QDir::Files).size(), 1);
        QVERIFY(page->save()); // a save removes the recovery copy
        QCOMPARE(recovery.entryList(QDir::Files).size(), 0);
    }

    void theModelPageDescribesTheTokenizer()
    {
        QTemporaryDir dir;
        ModelPage page;
        QVERIFY(page.tokenizerText().contains("SentencePiece, trained on your data"));
        // A folder with a tokenizer.json and a tokenizer_config.json naming its tokens and
        // holding a chat template: the page shows a turn rendered by it.
        QDir().mkpath(dir.filePath("model"));
        QFile::copy(FINCH_TEST_DATA "/hf_golden/qwen2_tiny/config.json", dir.filePath("model/config.json"));
        QFile::copy(FINCH_TEST_DATA "/tokenizers/qwen-nfc-digits/tokenizer.json", dir.filePath("model/tokenizer.json"));
        writeTokenizerConfig(dir.filePath("model"), kChatMl);
        QVERIFY(page.chooseModel(dir.filePath("model")));
        QString text = page.tokenizerText();
        QVERIFY2(text.contains("tokenizer.json (BPE), 524 pieces") && text.contains("eos <|im_end|>") &&
                     text.contains("pad <|endoftext|>") && text.contains("Chat template: tokenizer_config.json") &&
                     text.contains("<|im_start|>assistant\nHi there.<|im_end|>"),
                 qPrintable(text));
        // A template Finch cannot render is named before any run starts.
        writeTokenizerConfig(dir.filePath("model"), "{{ messages|shuffle }}");
        QVERIFY(page.chooseModel(dir.filePath("model")));
        text = page.tokenizerText();
        QVERIFY2(text.contains("Chat template refused:") && text.contains("the filter 'shuffle'"), qPrintable(text));
    }

    // The Model page lists the Hugging Face cache's causal LMs, and says why one cannot be used.
    void theModelPageListsTheHuggingFaceCache()
    {
        QTemporaryDir dir;
        const QString hub = dir.filePath("hub");
        const QString commit = "0123456789abcdef0123456789abcdef01234567";
        const QString good = hub + "/models--finch-test--chat-qwen/snapshots/" + commit;
        writeTinyQwen(good);
        QDir().mkpath(hub + "/models--finch-test--chat-qwen/refs");
        QFile ref(hub + "/models--finch-test--chat-qwen/refs/main");
        QVERIFY(ref.open(QIODevice::WriteOnly));
        ref.write(commit.toUtf8());
        ref.close();
        const QString odd = hub + "/models--someone--odd/snapshots/" + commit;
        QDir().mkpath(odd);
        QFile oddConfig(odd + "/config.json");
        QVERIFY(oddConfig.open(QIODevice::WriteOnly));
        oddConfig.write(R"({"architectures": ["OddForCausalLM"]})");
        oddConfig.close();

        qputenv("HF_HUB_CACHE", hub.toUtf8());
        ModelPage page;
        useEmptyHubCache();
        QSignalSpy listed(&page, &ModelPage::cacheListed);
        QVERIFY(listed.wait(30000));
        QCOMPARE(listed.first().first().toInt(), 2);
        QStringList labels;
        for (int row = 0; row < page.modelList()->count(); ++row)
            labels << page.modelList()->item(row)->text();
        const QString text = labels.join('\n');
        QVERIFY2(text.contains("Hugging Face cache\nfinch-test/chat-qwen · ") &&
                     text.contains("someone/odd · ") && text.contains("not supported"),
                 qPrintable(text));
        QVERIFY(!page.chooseModel(odd));
        QVERIFY2(page.summaryText().contains("OddForCausalLM"), qPrintable(page.summaryText()));
        QVERIFY(page.chooseModel(good));
        QCOMPARE(page.currentModel(), good);
        QVERIFY(page.tokenizerText().contains("tokenizer.json (BPE)"));
    }

    // The Model page's Hub window against a loopback Hub: a gated model asks for a token;
    // an open one downloads into the cache, is listed there and becomes the chosen model.
    void theModelPageDownloadsFromTheHub()
    {
        QTemporaryDir dir;
        const QString source = dir.filePath("source");
        writeTinyQwen(source);
        QMap<QString, QByteArray> files;
        for (const QString& file : QDir(source).entryList(QDir::Files)) {
            QFile in(source + "/" + file);
            QVERIFY(in.open(QIODevice::ReadOnly));
            files[file] = in.readAll();
        }
        FakeHub hub;
        hub.addRepo("finch-test/hub-qwen", files);
        hub.addRepo("finch-test/gated-qwen", files, "hf_studio_token");

        qputenv("HF_ENDPOINT", hub.endpoint().toUtf8());
        qputenv("HF_HUB_CACHE", dir.filePath("hub").toUtf8());
        qputenv("HF_HOME", dir.filePath("home").toUtf8());
        ModelPage page;
        QSignalSpy listed(&page, &ModelPage::cacheListed);
        QVERIFY(listed.wait(30000));
        QCOMPARE(listed.takeFirst().first().toInt(), 0);

        HubDownloadDialog* dialog = page.openDownloadDialog();
        qunsetenv("HF_ENDPOINT");
        useEmptyHubCache();
        qunsetenv("HF_HOME");
        QSignalSpy failed(dialog, &HubDownloadDialog::failed);
        dialog->setRepoId("finch-test/gated-qwen");
        dialog->startDownload();
        QVERIFY(dialog->isDownloading());
        QVERIFY(failed.wait(30000));
        QVERIFY2(dialog->statusText().contains("gated"), qPrintable(dialog->statusText()));
        QVERIFY(!dialog->isDownloading());

        QSignalSpy downloaded(dialog, &HubDownloadDialog::downloaded);
        QSignalSpy chosen(&page, &ModelPage::modelChosen);
        dialog->setRepoId("finch-test/hub-qwen");
        dialog->startDownload();
        QVERIFY(downloaded.wait(30000));
        const QString snapshot = dir.filePath("hub/models--finch-test--hub-qwen/snapshots/" + hub.commitOf("finch-test/hub-qwen"));
        QCOMPARE(downloaded.first().first().toString(), snapshot);
        QVERIFY(listed.wait(30000));
        QCOMPARE(listed.first().first().toInt(), 1);
        QCOMPARE(page.currentModel(), snapshot);
        QCOMPARE(chosen.last().first().toString(), snapshot);
        QVERIFY(page.modelList()->currentItem()->text().startsWith("finch-test/hub-qwen · "));
    }

    // The Playground's chat mode: each message goes to the model with the history, rendered
    // by the model's template; the replies join the history; a new chat starts empty.
    // The Evaluate page's "evaluate a model as it is": the Model page's model plus an adapter
    // made elsewhere becomes a run of zero epochs whose test metrics the page then shows.
    void theEvaluatePageEvaluatesAnAdapterAsItIs()
    {
        QTemporaryDir dir;
        const QString base = dir.filePath("base"), adapter = dir.filePath("sentiment-adapter");
        writeTinyQwen(base);
        writeTinyQwenAdapter(adapter);
        MainWindow window(dir.filePath("workspace"));
        QVERIFY(window.modelPage()->chooseModel(base));
        QSignalSpy finished(window.trainPage(), &TrainPage::runFinished);
        Q_EMIT window.evaluatePage()->evaluateAsItIs(adapter);
        QVERIFY2(finished.wait(120000), qPrintable(window.trainPage()->errorText()));
        QCOMPARE(finished.first().at(1).value<runs::RunStatus>(), runs::RunStatus::Completed);
        const QString runPath = finished.first().first().toString();
        QVERIFY2(runPath.contains("sentiment-base-sentiment-adapter-as-is"), qPrintable(runPath));
        const auto record = nlohmann::json::parse(readWholeFile((runPath + "/run.json").toStdString()));
        QVERIFY2(record.dump().find(adapter.toStdString()) != std::string::npos, "run.json names the adapter");
        QCOMPARE(readWholeFile((runPath + "/final/adapter_model.safetensors").toStdString()),
                 readWholeFile((adapter + "/adapter_model.safetensors").toStdString()));
        QTRY_VERIFY_WITH_TIMEOUT(window.evaluatePage()->metricTable()->rowCount() > 0, 30000);
    }

    // The Train form carries 'adapter_name_or_path' and zero epochs (evaluate as it is).
    void theTrainFormTakesAnAdapterAndZeroEpochs()
    {
        RunConfigForm form;
        train::RunConfig config = form.config();
        config.method = model::TrainingMethod::Lora;
        config.adapterPath = "/models/adapters/sentiment";
        config.epochs = 0;
        config.maxSteps = -1;
        form.setConfig(config);
        const train::RunConfig back = form.config();
        QCOMPARE(back.adapterPath, config.adapterPath);
        QCOMPARE(back.epochs, 0);
        QCOMPARE(back.method, model::TrainingMethod::Lora);
    }

    // A base model plus an adapter made elsewhere (written here in PEFT's layout): the
    // Playground applies it (greedy text changes), and a broken one is named, not ignored.
    void thePlaygroundTakesABaseModelAndAnAdapter()
    {
        QTemporaryDir dir;
        const QString base = dir.filePath("base"), adapter = dir.filePath("adapter");
        writeTinyQwen(base);
        writeTinyQwenAdapter(adapter);

        PlaygroundPage playground;
        playground.setBaseModel(base);
        playground.greedy()->setChecked(true);
        const auto generate = [&] {
            playground.output()->clear();
            playground.prompt()->setPlainText("12 34");
            playground.generate();
            QTest::qWaitFor([&] { return !playground.isBusy(); }, 30000);
            QCoreApplication::processEvents(); // the last streamed pieces
            return playground.output()->toPlainText();
        };
        const QString plain = generate();
        playground.adapter()->setText(adapter);
        const QString adapted = generate();
        QVERIFY2(!adapted.isEmpty() && adapted != plain, qPrintable(plain + " | " + adapted + " | " + playground.state()));

        writeFileAtomically((adapter + "/adapter_config.json").toStdString(),
                            R"({"peft_type": "LORA", "r": 3, "lora_alpha": 8, "target_modules": ["q_proj", "v_proj"]})");
        playground.adapter()->setText(adapter + "/"); // another source: loaded again
        generate();
        QVERIFY2(playground.state().contains("adapter_model.safetensors") && playground.state().contains("r=3"),
                 qPrintable(playground.state()));
    }

    void thePlaygroundChatsThroughTheModelsTemplate()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath("chat-model");
        const model::ModelConfig config = model::ModelConfig::fromJson(
            {{"architectures", {"Qwen2ForCausalLM"}}, {"vocab_size", 640}, {"hidden_size", 32}, {"intermediate_size", 64},
             {"num_hidden_layers", 2}, {"num_attention_heads", 4}, {"num_key_value_heads", 2}, {"tie_word_embeddings", true}},
            "config.json");
        engine::load().createModel(config, 5)->save(folder.toStdString());
        QFile::copy(FINCH_TEST_DATA "/tokenizers/qwen-nfc-digits/tokenizer.json", folder + "/tokenizer.json");
        writeTokenizerConfig(folder, kChatMl);

        PlaygroundPage playground;
        playground.setBaseModel(folder);
        playground.chatMode()->setChecked(true);
        size_t turns = 0;
        for (const QString message : {"Hello there", "And again"}) {
            playground.prompt()->setPlainText(message);
            playground.generate();
            turns += 2;
            QTRY_VERIFY2_WITH_TIMEOUT(playground.history().size() == turns, qPrintable(playground.state()), 30000);
            QTRY_VERIFY(!playground.isBusy());
        }
        QCOMPARE(playground.history()[2]["content"].get<std::string>(), std::string("And again"));
        QVERIFY(playground.prompt()->toPlainText().isEmpty());
        const QString transcript = playground.output()->toPlainText();
        QVERIFY2(transcript.startsWith("▸ You\nHello there\n\n▸ Model\n") && transcript.contains("▸ You\nAnd again"),
                 qPrintable(transcript));
        playground.newChat();
        QVERIFY(playground.history().empty() && playground.output()->toPlainText().isEmpty());
    }

    void aRunTrainsOnWhatIsOnScreen()
    {
        QTemporaryDir dir;
        MainWindow window(dir.filePath("workspace"));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        useQuickSettings(window.trainPage(), 2, 0);
        DataPage* data = window.dataPage();
        const QString dataset = data->path();
        const std::string before = readWholeFile(dataset.toStdString());

        // Label row 3 with a key, as a person would, then start with the shortcut.
        data->table()->setFocus();
        data->table()->setCurrentIndex(data->table()->model()->index(2, 0));
        QTest::keyClick(data->table(), Qt::Key_1);
        QVERIFY(data->isModified());
        {
            DialogAnswerer answerer(QMessageBox::Cancel); // "not now": nothing starts, nothing is saved
            QTest::keyClick(&window, Qt::Key_R, Qt::ControlModifier);
            QCOMPARE(answerer.texts.size(), 1);
        }
        QVERIFY(!window.trainPage()->runner()->isRunning());
        QCOMPARE(readWholeFile(dataset.toStdString()), before);
        {
            DialogAnswerer answerer(QMessageBox::NoButton); // Return: the default, "Save and train"
            window.activateWindow(); // the closed question leaves no window active
            QVERIFY(QTest::qWaitForWindowActive(&window));
            QTest::keyClick(&window, Qt::Key_R, Qt::ControlModifier);
            QVERIFY2(answerer.texts.size() == 1, qPrintable(answerer.texts.join(" / ")));
        }
        QVERIFY(!data->isModified());
        const std::string saved = readWholeFile(dataset.toStdString());
        QVERIFY(saved != before);
        QTRY_VERIFY_WITH_TIMEOUT(!window.trainPage()->runner()->isRunning(), 120000);
        // The run trained the file as saved, and says so.
        const runs::RunRecord record = runs::RunFolder::open(window.trainPage()->lastRunPath().toStdString()).readRecord();
        QCOMPARE(record.data->fingerprint, train::fingerprint(saved));
    }

    void trainFromTheTrainPage()
    {
        QTemporaryDir dir;
        MainWindow window(dir.filePath("workspace"));
        TrainPage* page = window.trainPage();
        useQuickSettings(page, 10, 5);
        QVERIFY(page->startButton()->isEnabled());

        QTest::mouseClick(page->startButton(), Qt::LeftButton);
        QVERIFY(page->runner()->isRunning());
        QVERIFY(!page->startButton()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(page->chart()->trainPoints() > 0, 60000); // points arrive while it trains
        QTRY_VERIFY_WITH_TIMEOUT(!page->runner()->isRunning(), 120000);
        QTRY_VERIFY_WITH_TIMEOUT(page->startButton()->isEnabled(), 5000);
        QCOMPARE(page->chart()->trainPoints(), 10);
        QCOMPARE(page->chart()->validationPoints(), 2);
        QVERIFY2(page->errorText().isEmpty(), qPrintable(page->errorText()));
        const QString run = page->lastRunPath();
        QVERIFY(QFile::exists(run + "/final/model.safetensors"));
        QVERIFY(QFile::exists(run + "/eval.json"));

        // The Evaluate page shows the run's test metrics.
        window.pages()->setCurrentWidget(window.evaluatePage());
        QTRY_VERIFY(window.evaluatePage()->metricTable()->rowCount() > 0);
        QCOMPARE(window.evaluatePage()->metricTable()->item(0, 0)->text(), QString("accuracy"));
        // Calibration sits next to the metrics: its error in the table and the reliability diagram.
        bool hasCalibration = false;
        for (int row = 0; row < window.evaluatePage()->metricTable()->rowCount(); ++row)
            hasCalibration |= window.evaluatePage()->metricTable()->item(row, 0)->text() == "expected_calibration_error";
        QVERIFY(hasCalibration);
        // The run's baseline sits in the table too.
        bool hasBaseline = false;
        for (int row = 0; row < window.evaluatePage()->metricTable()->rowCount(); ++row)
            hasBaseline |= window.evaluatePage()->metricTable()->item(row, 0)->text() == "baseline accuracy";
        QVERIFY(hasBaseline);
        QVERIFY(QFile::exists(run + "/baseline.json"));
        QVERIFY(window.evaluatePage()->reliability()->plottableCount() == 2); // the bars and the diagonal
        QCOMPARE(window.evaluatePage()->predictionTable()->rowCount(), 31);
        window.evaluatePage()->errorsOnly()->setChecked(true);
        QVERIFY(window.evaluatePage()->predictionTable()->rowCount() < 31);

        // A confusion-matrix cell lists its rows; they open selected in the dataset editor.
        window.evaluatePage()->errorsOnly()->setChecked(false);
        const auto evalJson = nlohmann::json::parse(readWholeFile((run + "/eval.json").toStdString()));
        const auto& matrix = evalJson["metrics"]["confusion_matrix"];
        int gold = 0, predicted = 0, cellCount = 0;
        for (int g = 0; g < int(matrix.size()); ++g)
            for (int p = 0; p < int(matrix.size()); ++p)
                if (matrix[size_t(g)][size_t(p)].get<int>() > cellCount)
                    gold = g, predicted = p, cellCount = matrix[size_t(g)][size_t(p)].get<int>();
        window.evaluatePage()->showCell(gold, predicted);
        QTableWidget* listed = window.evaluatePage()->predictionTable();
        QCOMPARE(listed->rowCount(), cellCount);
        const std::string goldLabel = evalJson["metrics"]["labels"][size_t(gold)];
        for (int row = 0; row < listed->rowCount(); ++row)
            QCOMPARE(listed->item(row, 1)->text().toStdString(), goldLabel);
        QTest::mouseClick(window.evaluatePage()->openInEditorButton(), Qt::LeftButton);
        QCOMPARE(window.pages()->currentWidget(), static_cast<QWidget*>(window.dataPage()));
        QVERIFY(window.dataPage()->table()->selectionModel()->selectedRows().size() >= cellCount);
        window.evaluatePage()->showCell(-1, -1);
        QCOMPARE(listed->rowCount(), 31);

        // Export: written, loaded back and checked.
        QSignalSpy exported(window.evaluatePage(), &EvaluatePage::exported);
        window.evaluatePage()->exportRun(dir.filePath("exported"), true);
        QVERIFY(exported.wait(60000));
        const QString exportReport = exported.first().first().toString();
        QVERIFY2(exportReport.contains("loaded back") && !exportReport.contains("failed"), qPrintable(exportReport));
        QVERIFY(QFile::exists(dir.filePath("exported/model.safetensors")));

        // The Playground gives the run's label probabilities for a typed text.
        PlaygroundPage* playground = window.playgroundPage();
        window.pages()->setCurrentWidget(playground);
        playground->prompt()->setPlainText("The best purchase I have made this year.");
        playground->classify();
        QTRY_COMPARE_WITH_TIMEOUT(playground->probabilities()->rowCount(), 3, 30000);
        double total = 0;
        for (int r = 0; r < 3; ++r)
            total += playground->probabilities()->item(r, 1)->text().toDouble();
        QVERIFY(qAbs(total - 1.0) < 1e-3);
        QTRY_VERIFY(!playground->isBusy());
        playground->generate();
        QTRY_VERIFY_WITH_TIMEOUT(!playground->isBusy(), 30000);

        // After more labelling, a new run starts from this one's weights and names them.
        page->startFromRun(run);
        QTRY_VERIFY_WITH_TIMEOUT(!page->runner()->isRunning(), 120000);
        QVERIFY(page->lastRunPath() != run);
        const runs::RunRecord next = runs::RunFolder::open(page->lastRunPath().toStdString()).readRecord();
        QCOMPARE(next.status, runs::RunStatus::Completed);
        QCOMPARE(QString::fromStdString(next.config["model"].get<std::string>()), run + "/final");
    }

    void stopSavesACheckpoint()
    {
        QTemporaryDir dir;
        MainWindow window(dir.filePath("workspace"));
        TrainPage* page = window.trainPage();
        useQuickSettings(page, 400, 0);
        page->startTraining();
        QTRY_VERIFY_WITH_TIMEOUT(page->chart()->trainPoints() >= 2, 60000);
        QTest::mouseClick(page->stopButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!page->runner()->isRunning(), 60000);
        QTRY_VERIFY(page->startButton()->isEnabled());
        QVERIFY(!QDir(page->lastRunPath() + "/checkpoints").entryList({"step-*"}, QDir::Dirs).isEmpty());

        // The studio resumes it: the curve so far comes back, and new steps follow it.
        const QString run = page->lastRunPath();
        const int64_t stoppedAt = runs::RunFolder::open(run.toStdString()).checkpointSteps().back();
        page->continueRun(run);
        QVERIFY(page->runner()->isRunning());
        QVERIFY(page->chart()->trainPoints() >= int(stoppedAt));
        QTRY_VERIFY_WITH_TIMEOUT(page->chart()->trainPoints() >= int(stoppedAt) + 2, 60000);
        page->stopTraining();
        QTRY_VERIFY_WITH_TIMEOUT(!page->runner()->isRunning(), 60000);
        QCOMPARE(page->lastRunPath(), run);
        QVERIFY(runs::RunFolder::open(run.toStdString()).checkpointSteps().back() > stoppedAt);
        QCOMPARE(runs::RunFolder::open(run.toStdString()).readRecord().status, runs::RunStatus::Stopped);
    }

    // Data-parallel from the Train page: two processes on the CPU through the finch CLI's
    // launcher, the events read back into the same chart, Stop as Ctrl-C to the whole job,
    // and Continue in as many processes as the run started with.
    void aRunTrainsInSeveralProcesses()
    {
        QTemporaryDir dir;
        MainWindow window(dir.filePath("workspace"));
        TrainPage* page = window.trainPage();
        useQuickSettings(page, 400, 0);
        page->form()->setProcesses(2);
        QCOMPARE(page->form()->processes(), 2);
        QTest::mouseClick(page->startButton(), Qt::LeftButton);
        QVERIFY(page->runner()->isRunning());
        QVERIFY(!page->pauseButton()->isEnabled()); // a job of processes stops instead
        QTRY_VERIFY_WITH_TIMEOUT(page->chart()->trainPoints() >= 3, 120000);
        QTest::mouseClick(page->stopButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!page->runner()->isRunning(), 60000);
        QVERIFY2(page->errorText().isEmpty(), qPrintable(page->errorText()));
        const QString run = page->lastRunPath();
        const runs::RunFolder folder = runs::RunFolder::open(run.toStdString());
        runs::RunRecord record = folder.readRecord();
        QCOMPARE(record.status, runs::RunStatus::Stopped);
        QCOMPARE(record.runtime->processes, int64_t(2));
        const int64_t stoppedAt = folder.checkpointSteps().back();
        QVERIFY(stoppedAt >= 3);

        // Its form now says 1 process; the run goes on in 2 all the same.
        page->form()->setProcesses(1);
        page->continueRun(run);
        QVERIFY(page->runner()->isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(page->chart()->trainPoints() >= int(stoppedAt) + 2, 120000);
        page->stopTraining();
        QTRY_VERIFY_WITH_TIMEOUT(!page->runner()->isRunning(), 60000);
        QVERIFY2(page->errorText().isEmpty(), qPrintable(page->errorText()));
        record = folder.readRecord();
        QCOMPARE(record.status, runs::RunStatus::Stopped);
        QCOMPARE(record.runtime->processes, int64_t(2));
        QVERIFY(folder.checkpointSteps().back() > stoppedAt);

        // What the ranks and the launcher print on failure reaches the page's error.
        // (A dataset with no readable row: the form's checks do not read the data.)
        const QString broken = dir.filePath("broken-data.jsonl");
        writeFileAtomically(broken.toStdString(), "this is not JSON\n");
        page->setDataset(broken);
        page->form()->setProcesses(2);
        page->startTraining();
        QTRY_VERIFY_WITH_TIMEOUT(!page->runner()->isRunning(), 60000);
        QVERIFY2(page->errorText().contains("broken-data.jsonl") && page->errorText().contains("rank 0 of 2"),
                 qPrintable(page->errorText().replace('\n', " | ")));

        // With several GPUs the form offers them all, a process each; one GPU is one process.
        RunConfigForm form;
        form.setDevices({{"cpu", "2 cores"}, {"cuda:0", "H200"}, {"cuda:1", "H200"}});
        form.setDevice("cuda");
        QCOMPARE(QString::fromStdString(form.config().device), QString("cuda"));
        QCOMPARE(form.processes(), 2);
        form.setProcesses(5); // not the person's to choose on GPUs
        QCOMPARE(form.processes(), 2);
        form.setDevice("cuda:1");
        QCOMPARE(form.processes(), 1);
        form.setDevice("cpu");
        form.setProcesses(3);
        QCOMPARE(form.processes(), 3);
        form.setDevices({{"cpu", "2 cores"}, {"cuda:0", "H200"}});
        form.setDevice("cuda");
        QCOMPARE(QString::fromStdString(form.config().device), QString("cpu")); // one GPU: no "all"
    }

    // Pre-labelling: a run's model suggests labels for the unlabelled rows, in grey with a
    // question mark; A accepts one, a batch accepts many as one undo step, a human label is
    // never overwritten, and the table sorts the unsure rows first.
    void theDataPagePrelabelsWithARun()
    {
        QTemporaryDir dir;
        MainWindow window(dir.filePath("workspace"));
        const auto run = engine::load().trainer().start(quickRun(window.workspace().runsDir(), "labeller", 3e-3));
        QCOMPARE(run.status, runs::RunStatus::Completed);
        DataPage* data = window.dataPage();
        DatasetTableModel* model = data->model();
        const int labelColumn = model->labelColumn();
        QVERIFY(labelColumn >= 0);
        const int columns = model->columnCount();
        for (int row = 0; row < 5; ++row)
            model->setLabel(row, QString());
        const int unlabelled = [&] {
            int count = 0;
            for (int row = 0; row < model->rowCount(); ++row)
                count += model->labelOf(row).isEmpty();
            return count;
        }();
        QVERIFY(unlabelled >= 5);
        const QString humanLabel = model->labelOf(5);
        QVERIFY(!humanLabel.isEmpty());

        QSignalSpy done(data, &DataPage::prelabelled);
        data->prelabel(QString::fromStdString(run.runPath));
        QVERIFY(data->isPrelabelling());
        QVERIFY(done.wait(60000));
        QCOMPARE(done.first().first().toInt(), model->rowCount());
        QVERIFY2(done.first().at(1).toString().isEmpty(), qPrintable(done.first().at(1).toString()));
        QCOMPARE(model->columnCount(), columns + 3);
        const auto suggestion = model->predictionOf(0);
        QVERIFY(suggestion && suggestion->confidence > 0 && suggestion->confidence <= 1);
        QCOMPARE(model->data(model->index(0, labelColumn)).toString(), suggestion->label + "?");
        QVERIFY(model->data(model->index(0, labelColumn), Qt::FontRole).value<QFont>().italic());
        QVERIFY(model->labelOf(0).isEmpty()); // a suggestion is not a label
        QCOMPARE(model->data(model->index(5, labelColumn)).toString(), humanLabel);
        QVERIFY(!model->acceptSuggestion(5)); // a human label stays
        QCOMPARE(model->labelOf(5), humanLabel);

        // A on the current row accepts its suggestion; undo takes it back.
        window.pages()->setCurrentWidget(data);
        data->setLabelFilter({});
        data->table()->setCurrentIndex(data->table()->model()->index(0, 0));
        data->table()->setFocus();
        QTest::keyClick(data->table(), Qt::Key_A);
        QCOMPARE(model->labelOf(0), suggestion->label);
        model->undoStack()->undo();
        QVERIFY(model->labelOf(0).isEmpty());

        // Every suggestion at once, as one undo step.
        QCOMPARE(model->acceptSuggestionsAbove(0.0), unlabelled);
        QCOMPARE(model->labelOf(1), model->predictionOf(1)->label);
        model->undoStack()->undo();
        for (int row = 0; row < 5; ++row)
            QVERIFY(model->labelOf(row).isEmpty());

        // The unsure rows first: unlabelled, sorted by margin.
        data->setLabelFilter(DataPage::kUncertainFilter);
        QAbstractItemModel* shown = data->table()->model();
        double previous = -1;
        for (int row = 0; row < shown->rowCount(); ++row) {
            const double margin = shown->index(row, model->predictionColumn() + 2).data().toDouble();
            QVERIFY(margin >= previous && margin < 0.2);
            previous = margin;
        }
        data->setLabelFilter({});
        QCOMPARE(shown->rowCount(), model->rowCount());

        // Closing the page while it pre-labels: the work stops, nothing crashes.
        {
            auto closing = std::make_unique<MainWindow>(dir.filePath("workspace"));
            closing->dataPage()->prelabel(QString::fromStdString(run.runPath));
            QVERIFY(closing->dataPage()->isPrelabelling());
        }

        // Likely label errors, by a model that never trained on the row it judges: the rows
        // whose label it contradicts, most confident first.
        done.clear();
        data->findLabelErrors();
        QVERIFY(done.wait(60000));
        QVERIFY2(done.first().at(1).toString().isEmpty(), qPrintable(done.first().at(1).toString()));
        QCOMPARE(model->predictionSource(), QString("a bag-of-words model, 5-fold cross-validation"));
        QVERIFY(shown->rowCount() > 0 && shown->rowCount() < model->rowCount());
        double before = 2;
        for (int row = 0; row < shown->rowCount(); ++row) {
            const int source = static_cast<QSortFilterProxyModel*>(shown)->mapToSource(shown->index(row, 0)).row();
            const auto prediction = model->predictionOf(source);
            QVERIFY(prediction && !model->labelOf(source).isEmpty() && prediction->label != model->labelOf(source));
            QVERIFY2(prediction->confidence <= before + 1e-3 && prediction->confidence >= 0.5, // sorted as shown, to 3 decimals
                     qPrintable(QString("row %1: %2 after %3").arg(row).arg(prediction->confidence).arg(before)));
            before = prediction->confidence;
        }
    }

    // Likely label errors judged by the fine-tuned model itself: one run per fold, each
    // predicting the training rows it held out; the Data page shows them by file line.
    void crossValidationWithTheFineTunedModel()
    {
        QTemporaryDir dir;
        MainWindow window(dir.filePath("workspace"));
        useQuickSettings(window.trainPage(), 3, 0);
        QSignalSpy shown(window.dataPage(), &DataPage::prelabelled);
        QSignalSpy runs(window.trainPage(), &TrainPage::crossValidated);
        Q_EMIT window.dataPage()->crossValidationRequested(2);
        QVERIFY(runs.wait(120000) || !runs.isEmpty());
        QVERIFY2(runs.first().at(1).toString().isEmpty(), qPrintable(runs.first().at(1).toString()));
        QCOMPARE(runs.first().first().toStringList().size(), 2);
        QVERIFY(!shown.isEmpty() || shown.wait(10000));
        DatasetTableModel* model = window.dataPage()->model();
        QVERIFY(model->predictionSource().contains("cross-validation"));
        int predicted = 0;
        for (int row = 0; row < model->rowCount(); ++row)
            predicted += model->predictionOf(row).has_value();
        // The training rows: the sample's 310 less the validation and test splits.
        QCOMPARE(predicted, shown.first().first().toInt());
        QVERIFY2(predicted > 200 && predicted < model->rowCount(), qPrintable(QString::number(predicted)));
    }

    void compareTwoRuns()
    {
        QTemporaryDir dir;
        MainWindow window(dir.filePath("workspace"));
        const QString runs = window.workspace().runsDir();
        train::Trainer& trainer = engine::load().trainer();
        const auto a = trainer.start(quickRun(runs, "slow", 1e-3));
        const auto b = trainer.start(quickRun(runs, "fast", 5e-3));
        QCOMPARE(a.status, runs::RunStatus::Completed);
        QCOMPARE(b.status, runs::RunStatus::Completed);

        ComparePage* page = window.comparePage();
        window.pages()->setCurrentWidget(page);
        // Each run is followed by its baseline (bag of words + logistic regression, same split).
        QCOMPARE(page->runList()->count(), 4);
        const QString idA = QFileInfo(QString::fromStdString(a.runPath)).fileName();
        const QString idB = QFileInfo(QString::fromStdString(b.runPath)).fileName();
        QCOMPARE(page->runList()->item(1)->data(Qt::UserRole).toString(), page->runList()->item(0)->data(Qt::UserRole).toString() + " · baseline");
        page->setChecked({idA, idB});
        QTableWidget* metrics = page->metricTable();
        QCOMPARE(metrics->rowCount(), 2);
        QStringList columns;
        for (int c = 0; c < metrics->columnCount(); ++c)
            columns << metrics->horizontalHeaderItem(c)->text();
        QVERIFY(columns.contains("accuracy"));
        QVERIFY(columns.contains("best_validation_loss"));
        const int accuracy = int(columns.indexOf("accuracy"));
        const int validation = int(columns.indexOf("best_validation_loss"));
        double losses[2];
        for (int r = 0; r < 2; ++r) {
            bool ok = false;
            metrics->item(r, accuracy)->text().toDouble(&ok);
            QVERIFY(ok);
            losses[r] = metrics->item(r, validation)->text().toDouble(&ok);
            QVERIFY(ok);
        }
        // The lower validation loss is marked as the best, and only it.
        QVERIFY(losses[0] != losses[1]);
        const int best = losses[0] < losses[1] ? 0 : 1;
        QVERIFY(metrics->item(best, validation)->font().bold());
        QVERIFY(!metrics->item(1 - best, validation)->font().bold());
        // Settings side by side: learning_rate differs and is highlighted.
        QTableWidget* settings = page->settingsTable();
        int highlighted = 0;
        for (int r = 0; r < settings->rowCount(); ++r) {
            const bool differs = settings->item(r, 0)->text() != settings->item(r, 1)->text();
            QCOMPARE(settings->item(r, 0)->background().style() != Qt::NoBrush, differs);
            highlighted += differs;
            if (settings->verticalHeaderItem(r)->text() == "learning_rate")
                QVERIFY(differs);
        }
        QCOMPARE(highlighted, 2); // run_name and learning_rate
        QCOMPARE(page->chart()->graphCount(), 4);
        page->runBootstrap();
        QVERIFY2(page->bootstrapText().contains("95 % interval"), qPrintable(page->bootstrapText()));
        QTemporaryDir out;
        QVERIFY(page->exportPng(out.filePath("curves.png")));
        QVERIFY(QFileInfo(out.filePath("curves.png")).size() > 1000);
        QVERIFY(page->exportCsv(out.filePath("data.csv")));
        QVERIFY(readAll(out.filePath("data.csv")).contains("train_loss"));

        // The fine-tuned run against its baseline: metrics side by side, and the bootstrap.
        page->setChecked({idB, idB + " · baseline"});
        QCOMPARE(metrics->rowCount(), 2);
        bool ok = false;
        metrics->item(1, int(columns.indexOf("accuracy")))->text().toDouble(&ok);
        QVERIFY(ok);
        page->runBootstrap();
        QVERIFY2(page->bootstrapText().contains("95 % interval"), qPrintable(page->bootstrapText()));
    }
};

QTEST_MAIN(StudioTest)
#include "StudioTest.moc"
