<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>QObject</name>
    <message>
        <source>%1 cores</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>finch::ui::Application</name>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finch could not finish this action:

%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>finch::ui::ComparePage</name>
    <message>
        <source>Refresh</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loss (solid: training, dashed: validation)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference (A)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Candidate (B)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metric</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Curves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Significance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export chart (PNG)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export data (CSV)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>best</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose two different runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, B − A: %2 (95 % interval %3 to %4, %5 paired resamples). B is not better in %6 % of them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>finch::ui::DataPage</name>
    <message>
        <source>Datasets (*.jsonl *.ndjson *.json *.csv *.tsv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>開く…</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Save As / Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>元に戻す</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>やり直す</translation>
    </message>
    <message>
        <source>Add row</source>
        <translation>行を追加</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Validate</source>
        <translation>検証</translation>
    </message>
    <message>
        <source>Split…</source>
        <translation>分割…</translation>
    </message>
    <message>
        <source>Filter rows by text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save dataset as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add row %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlabelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recover unsaved changes?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finch kept unsaved changes to %1 from %2. Open them?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Opened %1: %n rows</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot save the dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has unsaved changes. Save them?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Autosave failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>No problems found in %n rows</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problems</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Split dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stratified by label; rows with the same input stay together.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot split</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n rows</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 already exist. Replace them?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has unsaved changes, and training reads the file. Save them first?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save and train</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Selected %n rows from the evaluation</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Pre-label…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Predict every row&apos;s label with a trained classification run: unlabelled rows get suggestions, and the table can be sorted by how sure the model is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept suggestions…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label every unlabelled row whose suggestion is at least this confident (one undo step)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys 1-9 set the label of the current row and move to the next unlabelled row; A accepts the model&apos;s suggestion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlabelled, uncertain first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Likely label errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot pre-label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pre-labelling needs a classification dataset (a text and a label column).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No finished classification run yet: train one on the labelled rows first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pre-label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Predict labels with the model of run:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Predicting labels…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Predicted %n rows with %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Accept suggestions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept every suggestion on an unlabelled row with a confidence of at least:</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Accepted %n suggestions (one undo step)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Find likely label errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each labelled row is predicted by a bag-of-words model trained without it (5-fold cross-validation); the rows whose label it contradicts are listed, most confident first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labelled rows the model predicts otherwise with confidence of at least %1, the most confident first. After &quot;Find likely label errors&quot; each row was judged by a model that never trained on it; a run&apos;s model may have trained on them, which makes it agree more, not less.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot look for label errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rows need at least two different labels.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cross-validating a bag-of-words model over the labelled rows…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a bag-of-words model, 5-fold cross-validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n rows disagree with their label</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Find likely label errors with the fine-tuned model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Five runs of the Train page&apos;s model and settings, each holding out a fifth of the training rows and predicting it: every row judged by a fine-tuned model that never trained on it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the fine-tuned model, %1-fold cross-validation</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>finch::ui::DatasetTableModel</name>
    <message>
        <source>Line %1 could not be read and is kept as it is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit %1 of row %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label row %1 as %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate row %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete row %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete %1 rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Predicted by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suggested by %1 with confidence %2: A accepts it, a digit key sets another label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>prediction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>confidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>margin</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Accept %n suggestions</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>finch::ui::EvaluatePage</name>
    <message>
        <source>Test split</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation split</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training split</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>metric</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>precision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>prediction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>confidence / score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not evaluated yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>evaluating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>predicted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>true</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each bar: the accuracy of the rows predicted with that confidence. On the diagonal, confidence means what it says; below it, the model is overconfident.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>confidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>calibration error %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open these rows in the editor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selects the listed rows on the Data page, to check and relabel them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a cell to list its rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows labelled %1 and predicted %2 (click the cell again for every row)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluate a model as it is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chosen model (a baseline)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chosen model with a PEFT adapter…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEFT LoRA adapter folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A run of zero epochs on the Data page&apos;s dataset and the Model page&apos;s model: its test split evaluated without training, to compare fine-tuned runs with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merged model (Hugging Face folder)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LoRA adapter (PEFT folder)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writes the run&apos;s model, loads it back and checks it against the run&apos;s model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the merged model to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the adapter to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exporting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported to %1 and loaded back: max logit difference %2 over %3 probe tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; chat template and end-of-turn tokens checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>baseline %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>finch::ui::FolderField</name>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>finch::ui::Help</name>
    <message>
        <source>not available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Finch %1&lt;/h3&gt;&lt;p&gt;A native desktop studio for fine-tuning language models: label a dataset, train, evaluate and compare runs.&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;Qt&lt;/td&gt;&lt;td&gt;%2 (built with %3)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;libtorch&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;CUDA&lt;/td&gt;&lt;td&gt;%5&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Devices&lt;/td&gt;&lt;td&gt;%6&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;BLAS&lt;/td&gt;&lt;td&gt;%7&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;p&gt;&lt;a href=&quot;%8&quot;&gt;User guide&lt;/a&gt;&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Finch</source>
        <translation>Finch について</translation>
    </message>
    <message>
        <source>User guide</source>
        <translation>ユーザーガイド</translation>
    </message>
    <message>
        <source>The user guide (USER_GUIDE.md) is not installed next to Finch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finch user guide</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>finch::ui::HubDownloadDialog</name>
    <message>
        <source>Download a model from the Hugging Face Hub</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished">モデル</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Licence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 M</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>≈ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gated: needs a token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept the model&apos;s conditions on its Hub page while signed in, then give a token below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ORGANISATION/NAME, e.g. HuggingFaceTB/SmolLM2-135M-Instruct</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only for gated or private models (hf_…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a saved token is used; type another to replace it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the token (readable by you only, where huggingface_hub keeps it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repository</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files go to %1, where Python tools find them too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Small models that fine-tune on a laptop. Pick one, or type any repository id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token was not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking %1 for %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (file %2 of %3) · %4 of %5 · %6/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloaded to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled. What was fetched is kept: downloading again resumes it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>finch::ui::LossChart</name>
    <message>
        <source>step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>training loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>training loss (smoothed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>validation loss</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>finch::ui::MainWindow</name>
    <message>
        <source>&amp;Data</source>
        <translation>データ(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>モデル(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>学習(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>比較(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Playground</source>
        <translation>プレイグラウンド(&amp;P)</translation>
    </message>
    <message>
        <source>CUDA available · libtorch %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU · libtorch %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>待機中</translation>
    </message>
    <message>
        <source>Slow reference BLAS in use: install libopenblas0-pthread for ~28x faster training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;workspace…</source>
        <translation>ワークスペースを開く(&amp;W)…</translation>
    </message>
    <message>
        <source>Workspace folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent workspaces</source>
        <translation>最近のワークスペース</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>編集(&amp;E)</translation>
    </message>
    <message>
        <source>Pre&amp;ferences…</source>
        <translation>設定(&amp;F)…</translation>
    </message>
    <message>
        <source>D&amp;ata</source>
        <translation>データ(&amp;A)</translation>
    </message>
    <message>
        <source>T&amp;raining</source>
        <translation>学習(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>開始(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Pause / Resume</source>
        <translation>一時停止/再開(&amp;P)</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>ユーザーガイド(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>キーボードショートカット(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About Finch</source>
        <translation>Finch について(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Qt について(&amp;Q)</translation>
    </message>
    <message>
        <source>no dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1[*] — %2 — Finch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training is running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the training and quit? Finch saves a checkpoint first, so the run can be resumed later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving a checkpoint…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Eva&amp;luate</source>
        <translation>評価(&amp;L)</translation>
    </message>
    <message>
        <source>Loading libtorch…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>libtorch not loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training is unavailable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A pretrained model from the Hugging Face cache is chosen, with LoRA</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>finch::ui::ModelPage</name>
    <message>
        <source>Open Hugging Face folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full fine-tuning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LoRA (r = 8 on q, v)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frozen body (last 2 layers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training memory (float32)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sequence length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where training runs: the CPU, or a CUDA device when this libtorch has CUDA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device</source>
        <translation>デバイス</translation>
    </message>
    <message>
        <source>Hugging Face model folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Cannot use %1&lt;/b&gt;&lt;br&gt;%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;%1&lt;/h3&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;Architecture&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Parameters&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Layers&lt;/td&gt;&lt;td&gt;%4 (hidden %5, MLP %6)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Attention heads&lt;/td&gt;&lt;td&gt;%7 (key/value %8, head dim %9)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Vocabulary&lt;/td&gt;&lt;td&gt;%10%11&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Context length&lt;/td&gt;&lt;td&gt;%12 tokens&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Weights&lt;/td&gt;&lt;td&gt;%13&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (trained on your data, up to this size)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, tied embeddings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>weights %1 · gradients %2 · optimizer %3 · activations %4&lt;br&gt;&lt;b&gt;total %5&lt;/b&gt; (%6 trainable parameters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokenizer: SentencePiece, trained on your data when the run starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokenizer: %1, %2 pieces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Special tokens: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokenizer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat template: %1; training rows and the Playground&apos;s chat go through it. A turn looks like:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat template: none (rows are formatted with the prompt templates)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat template refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built-in presets (trained from scratch)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hugging Face cache: looking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent folders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hugging Face cache: no causal language models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hugging Face cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 parameters · %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not supported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download from the Hugging Face Hub…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built-in presets train from scratch with a tokenizer trained on your data. A pretrained model from the Hugging Face cache or a folder (Llama, Mistral, Qwen, Phi, Gemma) is fine-tuned, which is what gives real accuracy: download one from the Hub when the cache has none.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>finch::ui::PlaygroundPage</name>
    <message>
        <source>Type a prompt, or for a classification run a text to classify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Greedy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrap in the run&apos;s prompt template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shows the model the prompt as training did, e.g. &quot;{text}\nLabel:&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0: no limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Classify</source>
        <translation>分類</translation>
    </message>
    <message>
        <source>label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>probability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-k</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-p</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repetition penalty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max new tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label probabilities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>classified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>base model %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train a run first, or choose a Hugging Face folder on the Model page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>generating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a classification run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>classifying…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat (with the model&apos;s chat template)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each message goes to the model with the conversation so far, rendered by the model&apos;s own chat template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a message; Ctrl+G sends it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a message first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>▸ You</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>▸ Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A PEFT LoRA adapter folder (from Finch, PEFT or another tool) applied to the base model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEFT LoRA adapter folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adapter</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>finch::ui::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>System default (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The device new runs train on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last workspace used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <source>Default workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How often unsaved dataset edits are copied to a recovery file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU threads new runs train with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>言語(&amp;L)</translation>
    </message>
    <message>
        <source>Default &amp;device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default &amp;workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Autosave every</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU &amp;threads for training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new language applies the next time Finch starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic (%1: every core but one)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>finch::ui::RunConfigForm</name>
    <message>
        <source>Basics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optimizer steps to train; -1 uses the epochs instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows per micro-batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Micro-batches per optimizer step (effective batch = batch x accumulation)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens per example; longer prompts are cut from their start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fixes the split, the initial weights, the order of the rows and dropout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pack examples end to end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fills every sequence to the maximum length instead of padding each batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default for the dataset&apos;s kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fields in braces, e.g. {text}\nLabel: ; a [[...]] section disappears when its fields are empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss on the prompt too</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gradient accumulation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max sequence length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completion template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optimizer and schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AdamW: decoupled weight decay, none on norms and biases. SGD: with momentum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peak learning rate, e.g. 3e-3 for presets from scratch, 2e-4 for LoRA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the learning rate changes after warm-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps of linear warm-up from 0 (overrides the ratio)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warm-up as a share of all steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decoupled weight decay (AdamW) or L2 (SGD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clip the global gradient norm to this; 0 turns clipping off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AdamW beta1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AdamW beta2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SGD momentum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduler</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warm-up steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warm-up ratio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight decay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max gradient norm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Beta 1 / beta 2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method and LoRA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full: every weight trains. LoRA: small adapters beside the chosen projections. Frozen body: only the last layers and the head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rank r of the adapters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scale alpha: the update is scaled by alpha / r</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dropout on the adapters&apos; input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rsLoRA scaling (alpha / sqrt(r))</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frozen body: how many of the last layers train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LoRA rank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LoRA alpha</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LoRA dropout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target modules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trainable layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Precision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the model trains</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device</source>
        <translation>デバイス</translation>
    </message>
    <message>
        <source>CPU threads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluation and checkpoints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of the rows held out for the validation loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of the rows held out for the test metrics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report the training loss every N steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation loss every N steps; 0: at the end of each epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checkpoint every N steps; 0: at the end of each epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep only the newest N checkpoints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop after this many evaluations without a better validation loss; 0: never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load the best checkpoint at the end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation split</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test split</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logging steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluation steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checkpoints kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Early stopping patience</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quick look</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balanced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thorough</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU threads for training; 0: every core but one, so the window stays responsive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passes over the training rows; 0 trains nothing and evaluates the model (and adapter) as it is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0 (evaluate as it is)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none: new adapters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LoRA: a PEFT adapter folder (made by Finch, PEFT or another tool) to start from, with its own rank, alpha and targets; with 0 epochs, to evaluate it as it is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEFT LoRA adapter folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start from adapter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bf16 is autocast with float32 weights, on CUDA and (with libtorch 2.x) on the CPU; fp16 is autocast on CUDA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recompute activations in the backward pass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gradient checkpointing: each layer keeps only its input, for about a third more compute; the gradients are the same</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Precision and devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data-parallel training in this many processes, as finch train --nproc-per-node: each trains on its own rows of every batch, so the batch per step is this many times the batch size; on GPUs, one process each. A run resumes with as many.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Processes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all %1 GPUs, a process each</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>finch::ui::ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>キーボードショートカット</translation>
    </message>
    <message>
        <source>Label the selected row with label 1–9 and go to the next row (Data page)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit the selected cell (Data page)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>ショートカット</translation>
    </message>
</context>
<context>
    <name>finch::ui::TrainPage</name>
    <message>
        <source>Presets…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation>開始</translation>
    </message>
    <message>
        <source>Start training (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>一時停止</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop after the current step and save a checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load run configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save run configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Data&lt;/b&gt; %1 &amp;nbsp; &lt;b&gt;Model&lt;/b&gt; %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(open a dataset on the Data page)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting %1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training</source>
        <translation>学習</translation>
    </message>
    <message>
        <source>Stopping after the current step…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loaded %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step %1 of %2 · epoch %3 · loss %4 · %5 tokens/s · ETA %6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step %1: validation loss %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>checkpoint %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paused at step %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resumed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>停止済み</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>再開</translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue a run…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume a stopped or interrupted run, or train a finished one for more epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue a run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No run to continue in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none: resume where it stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A finished run trains on from its last step; the learning-rate schedule is laid out again over the new number of epochs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run goes on from its newest checkpoint, exactly as if it had not stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training %1 for %2 more epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resuming %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go on in the same run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a new run from its weights, on the current data and settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After labelling more rows: the new run starts from the weights this one ended with (its adapter, for LoRA), and its run.json names them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cross-validation stopped: a fold&apos;s run did not complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cross-validation: %1 runs, each holding out one of %1 folds of the training rows and predicting it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in %1 processes, as it started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting %1 on %2 in %3 processes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A run in several processes cannot pause: stop it, and continue it later from its checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>finch::ui::TrainingJob</name>
    <message>
        <source>Training in several processes runs the finch program, which is neither beside %1 nor on PATH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot start %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the training job ended: its launcher was killed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the training job ended with status %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Fine-tune language models: label, train, compare.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open this workspace folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A dataset file to open.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
