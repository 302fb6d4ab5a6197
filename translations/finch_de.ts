<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>QObject</name>
    <message>
        <source>%1 cores</source>
        <translation>%1 Kerne</translation>
    </message>
</context>
<context>
    <name>finch::ui::Application</name>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Finch could not finish this action:

%1</source>
        <translation>Finch konnte diese Aktion nicht abschließen:

%1</translation>
    </message>
</context>
<context>
    <name>finch::ui::ComparePage</name>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <source>step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>loss (solid: training, dashed: validation)</source>
        <translation>Loss (durchgezogen: Training, gestrichelt: Validierung)</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Vergleichen</translation>
    </message>
    <message>
        <source>Reference (A)</source>
        <translation>Referenz (A)</translation>
    </message>
    <message>
        <source>Candidate (B)</source>
        <translation>Kandidat (B)</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>Metrik</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>Kurven</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>Metriken</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Significance</source>
        <translation>Signifikanz</translation>
    </message>
    <message>
        <source>Export chart (PNG)…</source>
        <translation>Diagramm exportieren (PNG)…</translation>
    </message>
    <message>
        <source>Export data (CSV)…</source>
        <translation>Daten exportieren (CSV)…</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>Diagramm exportieren</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>Export data</source>
        <translation>Daten exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>best</source>
        <translation>bester</translation>
    </message>
    <message>
        <source>Choose two different runs.</source>
        <translation>Wählen Sie zwei verschiedene Läufe.</translation>
    </message>
    <message>
        <source>%1, B − A: %2 (95 % interval %3 to %4, %5 paired resamples). B is not better in %6 % of them.</source>
        <translation>%1, B − A: %2 (95-%-Intervall %3 bis %4, %5 gepaarte Stichproben). B ist in %6 % davon nicht besser.</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>nicht lesbar</translation>
    </message>
</context>
<context>
    <name>finch::ui::DataPage</name>
    <message>
        <source>Datasets (*.jsonl *.ndjson *.json *.csv *.tsv);;All files (*)</source>
        <translation>Datensätze (*.jsonl *.ndjson *.json *.csv *.tsv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>Öffnen…</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Save As / Export…</source>
        <translation>Speichern unter / Exportieren…</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Add row</source>
        <translation>Zeile hinzufügen</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Duplizieren</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Validate</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>Split…</source>
        <translation>Aufteilen…</translation>
    </message>
    <message>
        <source>Filter rows by text</source>
        <translation>Zeilen nach Text filtern</translation>
    </message>
    <message>
        <source>Label:</source>
        <translation>Label:</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Anwenden</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Probleme</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Labels</translation>
    </message>
    <message>
        <source>Open dataset</source>
        <translation>Datensatz öffnen</translation>
    </message>
    <message>
        <source>Save dataset as</source>
        <translation>Datensatz speichern unter</translation>
    </message>
    <message>
        <source>Add row %1</source>
        <translation>Zeile %1 hinzufügen</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Unlabelled</source>
        <translation>Ohne Label</translation>
    </message>
    <message>
        <source>Recover unsaved changes?</source>
        <translation>Ungespeicherte Änderungen wiederherstellen?</translation>
    </message>
    <message>
        <source>Finch kept unsaved changes to %1 from %2. Open them?</source>
        <translation>Finch hat ungespeicherte Änderungen an %1 vom %2 aufbewahrt. Öffnen?</translation>
    </message>
    <message>
        <source>Cannot open the dataset</source>
        <translation>Der Datensatz kann nicht geöffnet werden</translation>
    </message>
    <message numerus="yes">
        <source>Opened %1: %n rows</source>
        <translation>
            <numerusform>%1 geöffnet: %n Zeile</numerusform>
            <numerusform>%1 geöffnet: %n Zeilen</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot save the dataset</source>
        <translation>Der Datensatz kann nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>%1 has unsaved changes. Save them?</source>
        <translation>%1 hat ungespeicherte Änderungen. Speichern?</translation>
    </message>
    <message>
        <source>Autosave failed: %1</source>
        <translation>Automatisches Speichern fehlgeschlagen: %1</translation>
    </message>
    <message numerus="yes">
        <source>No problems found in %n rows</source>
        <translation>
            <numerusform>Keine Probleme in %n Zeile gefunden</numerusform>
            <numerusform>Keine Probleme in %n Zeilen gefunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problems</source>
        <translation>
            <numerusform>%n Problem</numerusform>
            <numerusform>%n Probleme</numerusform>
        </translation>
    </message>
    <message>
        <source>Split dataset</source>
        <translation>Datensatz aufteilen</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>Validierung</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>Stratified by label; rows with the same input stay together.</source>
        <translation>Nach Label geschichtet; Zeilen mit gleicher Eingabe bleiben zusammen.</translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation>%1 geschrieben</translation>
    </message>
    <message>
        <source>Cannot split</source>
        <translation>Aufteilen nicht möglich</translation>
    </message>
    <message>
        <source>Row %1, %2</source>
        <translation>Zeile %1, %2</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message numerus="yes">
        <source>%n rows</source>
        <translation>
            <numerusform>%n Zeile</numerusform>
            <numerusform>%n Zeilen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 already exist. Replace them?</source>
        <translation>%1 gibt es schon. Ersetzen?</translation>
    </message>
    <message>
        <source>%1 has unsaved changes, and training reads the file. Save them first?</source>
        <translation>%1 hat ungespeicherte Änderungen, und das Training liest die Datei. Zuerst speichern?</translation>
    </message>
    <message>
        <source>Save and train</source>
        <translation>Speichern und trainieren</translation>
    </message>
    <message numerus="yes">
        <source>Selected %n rows from the evaluation</source>
        <translation>
            <numerusform>%n Zeile aus der Auswertung ausgewählt</numerusform>
            <numerusform>%n Zeilen aus der Auswertung ausgewählt</numerusform>
        </translation>
    </message>
    <message>
        <source>Pre-label…</source>
        <translation>Vorlabeln…</translation>
    </message>
    <message>
        <source>Predict every row&apos;s label with a trained classification run: unlabelled rows get suggestions, and the table can be sorted by how sure the model is</source>
        <translation>Das Label jeder Zeile mit einem trainierten Klassifikationslauf vorhersagen: Zeilen ohne Label bekommen Vorschläge, und die Tabelle lässt sich danach sortieren, wie sicher das Modell ist</translation>
    </message>
    <message>
        <source>Accept suggestions…</source>
        <translation>Vorschläge übernehmen…</translation>
    </message>
    <message>
        <source>Label every unlabelled row whose suggestion is at least this confident (one undo step)</source>
        <translation>Jede Zeile ohne Label labeln, deren Vorschlag mindestens so sicher ist (ein Rückgängig-Schritt)</translation>
    </message>
    <message>
        <source>Keys 1-9 set the label of the current row and move to the next unlabelled row; A accepts the model&apos;s suggestion</source>
        <translation>Die Tasten 1–9 setzen das Label der aktuellen Zeile und springen zur nächsten Zeile ohne Label; A übernimmt den Vorschlag des Modells</translation>
    </message>
    <message>
        <source>Unlabelled, uncertain first</source>
        <translation>Ohne Label, unsichere zuerst</translation>
    </message>
    <message>
        <source>Likely label errors</source>
        <translation>Wahrscheinliche Labelfehler</translation>
    </message>
    <message>
        <source>Cannot pre-label</source>
        <translation>Vorlabeln nicht möglich</translation>
    </message>
    <message>
        <source>Pre-labelling needs a classification dataset (a text and a label column).</source>
        <translation>Vorlabeln braucht einen Klassifikationsdatensatz (eine Text- und eine Label-Spalte).</translation>
    </message>
    <message>
        <source>No finished classification run yet: train one on the labelled rows first.</source>
        <translation>Noch kein fertiger Klassifikationslauf: trainieren Sie zuerst einen auf den gelabelten Zeilen.</translation>
    </message>
    <message>
        <source>Pre-label</source>
        <translation>Vorlabeln</translation>
    </message>
    <message>
        <source>Predict labels with the model of run:</source>
        <translation>Labels vorhersagen mit dem Modell des Laufs:</translation>
    </message>
    <message>
        <source>Loading the model…</source>
        <translation>Modell wird geladen…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Predicting labels…</source>
        <translation>Labels werden vorhergesagt…</translation>
    </message>
    <message numerus="yes">
        <source>Predicted %n rows with %1</source>
        <translation>
            <numerusform>%n Zeile mit %1 vorhergesagt</numerusform>
            <numerusform>%n Zeilen mit %1 vorhergesagt</numerusform>
        </translation>
    </message>
    <message>
        <source>Accept suggestions</source>
        <translation>Vorschläge übernehmen</translation>
    </message>
    <message>
        <source>Accept every suggestion on an unlabelled row with a confidence of at least:</source>
        <translation>Jeden Vorschlag für eine Zeile ohne Label übernehmen mit einer Konfidenz von mindestens:</translation>
    </message>
    <message numerus="yes">
        <source>Accepted %n suggestions (one undo step)</source>
        <translation>
            <numerusform>%n Vorschlag übernommen (ein Rückgängig-Schritt)</numerusform>
            <numerusform>%n Vorschläge übernommen (ein Rückgängig-Schritt)</numerusform>
        </translation>
    </message>
    <message>
        <source>Find likely label errors</source>
        <translation>Wahrscheinliche Labelfehler finden</translation>
    </message>
    <message>
        <source>Each labelled row is predicted by a bag-of-words model trained without it (5-fold cross-validation); the rows whose label it contradicts are listed, most confident first</source>
        <translation>Jede gelabelte Zeile wird von einem Bag-of-Words-Modell vorhergesagt, das ohne sie trainiert wurde (5-fache Kreuzvalidierung); die Zeilen, deren Label es widerspricht, werden aufgelistet, die sichersten zuerst</translation>
    </message>
    <message>
        <source>Labelled rows the model predicts otherwise with confidence of at least %1, the most confident first. After &quot;Find likely label errors&quot; each row was judged by a model that never trained on it; a run&apos;s model may have trained on them, which makes it agree more, not less.</source>
        <translation>Zeilen mit Label, die das Modell mit einer Konfidenz von mindestens %1 anders vorhersagt, die sichersten zuerst. Nach „Wahrscheinliche Labelfehler finden“ wurde jede Zeile von einem Modell beurteilt, das nie auf ihr trainiert hat; das Modell eines Laufs hat vielleicht auf ihnen trainiert, dann stimmt es eher zu als weniger.</translation>
    </message>
    <message>
        <source>Cannot look for label errors</source>
        <translation>Labelfehler können nicht gesucht werden</translation>
    </message>
    <message>
        <source>The rows need at least two different labels.</source>
        <translation>Die Zeilen brauchen mindestens zwei verschiedene Labels.</translation>
    </message>
    <message>
        <source>Cross-validating a bag-of-words model over the labelled rows…</source>
        <translation>Kreuzvalidierung eines Bag-of-Words-Modells über die gelabelten Zeilen…</translation>
    </message>
    <message>
        <source>a bag-of-words model, 5-fold cross-validation</source>
        <translation>einem Bag-of-Words-Modell, 5-fache Kreuzvalidierung</translation>
    </message>
    <message numerus="yes">
        <source>%n rows disagree with their label</source>
        <translation>
            <numerusform>%n Zeile widerspricht ihrem Label</numerusform>
            <numerusform>%n Zeilen widersprechen ihrem Label</numerusform>
        </translation>
    </message>
    <message>
        <source>Find likely label errors with the fine-tuned model</source>
        <translation>Wahrscheinliche Labelfehler mit dem feinabgestimmten Modell finden</translation>
    </message>
    <message>
        <source>Five runs of the Train page&apos;s model and settings, each holding out a fifth of the training rows and predicting it: every row judged by a fine-tuned model that never trained on it</source>
        <translation>Fünf Läufe mit Modell und Einstellungen der Seite Training, jeder hält ein Fünftel der Trainingszeilen zurück und sagt es vorher: jede Zeile wird von einem feinabgestimmten Modell beurteilt, das nie auf ihr trainiert hat</translation>
    </message>
    <message>
        <source>the fine-tuned model, %1-fold cross-validation</source>
        <translation>dem feinabgestimmten Modell, %1-fache Kreuzvalidierung</translation>
    </message>
</context>
<context>
    <name>finch::ui::DatasetTableModel</name>
    <message>
        <source>Line %1 could not be read and is kept as it is</source>
        <translation>Zeile %1 konnte nicht gelesen werden und bleibt unverändert erhalten</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(leer)</translation>
    </message>
    <message>
        <source>Edit %1 of row %2</source>
        <translation>%1 in Zeile %2 bearbeiten</translation>
    </message>
    <message>
        <source>Label row %1 as %2</source>
        <translation>Zeile %1 als %2 labeln</translation>
    </message>
    <message>
        <source>Duplicate row %1</source>
        <translation>Zeile %1 duplizieren</translation>
    </message>
    <message>
        <source>Delete row %1</source>
        <translation>Zeile %1 löschen</translation>
    </message>
    <message>
        <source>Delete %1 rows</source>
        <translation>%1 Zeilen löschen</translation>
    </message>
    <message>
        <source>Predicted by %1</source>
        <translation>Vorhergesagt von %1</translation>
    </message>
    <message>
        <source>Suggested by %1 with confidence %2: A accepts it, a digit key sets another label</source>
        <translation>Vorgeschlagen von %1 mit Konfidenz %2: A übernimmt, eine Zifferntaste setzt ein anderes Label</translation>
    </message>
    <message>
        <source>prediction</source>
        <translation>Vorhersage</translation>
    </message>
    <message>
        <source>confidence</source>
        <translation>Konfidenz</translation>
    </message>
    <message>
        <source>margin</source>
        <translation>Abstand</translation>
    </message>
    <message numerus="yes">
        <source>Accept %n suggestions</source>
        <translation>
            <numerusform>%n Vorschlag übernehmen</numerusform>
            <numerusform>%n Vorschläge übernehmen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>finch::ui::EvaluatePage</name>
    <message>
        <source>Test split</source>
        <translation>Testanteil</translation>
    </message>
    <message>
        <source>Validation split</source>
        <translation>Validierungsanteil</translation>
    </message>
    <message>
        <source>Training split</source>
        <translation>Trainingsanteil</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>Auswerten</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>metric</source>
        <translation>Metrik</translation>
    </message>
    <message>
        <source>value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>label</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>precision</source>
        <translation>Precision</translation>
    </message>
    <message>
        <source>recall</source>
        <translation>Recall</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>support</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <source>input</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>reference</source>
        <translation>Referenz</translation>
    </message>
    <message>
        <source>prediction</source>
        <translation>Vorhersage</translation>
    </message>
    <message>
        <source>confidence / score</source>
        <translation>Konfidenz / Score</translation>
    </message>
    <message>
        <source>row</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>Nur Fehler</translation>
    </message>
    <message>
        <source>not evaluated yet</source>
        <translation>noch nicht ausgewertet</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>vom %1</translation>
    </message>
    <message>
        <source>evaluating…</source>
        <translation>wird ausgewertet…</translation>
    </message>
    <message>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>predicted</source>
        <translation>vorhergesagt</translation>
    </message>
    <message>
        <source>true</source>
        <translation>tatsächlich</translation>
    </message>
    <message>
        <source>Each bar: the accuracy of the rows predicted with that confidence. On the diagonal, confidence means what it says; below it, the model is overconfident.</source>
        <translation>Jeder Balken: die Genauigkeit der Zeilen, die mit dieser Konfidenz vorhergesagt wurden. Auf der Diagonale meint die Konfidenz, was sie sagt; darunter ist das Modell zu selbstsicher.</translation>
    </message>
    <message>
        <source>confidence</source>
        <translation>Konfidenz</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>calibration error %1</source>
        <translation>Kalibrierungsfehler %1</translation>
    </message>
    <message>
        <source>Open these rows in the editor</source>
        <translation>Diese Zeilen im Editor öffnen</translation>
    </message>
    <message>
        <source>Selects the listed rows on the Data page, to check and relabel them</source>
        <translation>Wählt die aufgeführten Zeilen auf der Seite Daten aus, um sie zu prüfen und neu zu beschriften</translation>
    </message>
    <message>
        <source>Click a cell to list its rows</source>
        <translation>Auf eine Zelle klicken, um ihre Zeilen aufzulisten</translation>
    </message>
    <message>
        <source>Rows labelled %1 and predicted %2 (click the cell again for every row)</source>
        <translation>Zeilen mit Label %1 und Vorhersage %2 (Zelle erneut anklicken für alle Zeilen)</translation>
    </message>
    <message>
        <source>Evaluate a model as it is</source>
        <translation>Ein Modell so auswerten, wie es ist</translation>
    </message>
    <message>
        <source>The chosen model (a baseline)</source>
        <translation>Das gewählte Modell (eine Referenz)</translation>
    </message>
    <message>
        <source>The chosen model with a PEFT adapter…</source>
        <translation>Das gewählte Modell mit einem PEFT-Adapter…</translation>
    </message>
    <message>
        <source>PEFT LoRA adapter folder</source>
        <translation>PEFT-LoRA-Adapterordner</translation>
    </message>
    <message>
        <source>A run of zero epochs on the Data page&apos;s dataset and the Model page&apos;s model: its test split evaluated without training, to compare fine-tuned runs with</source>
        <translation>Ein Lauf mit null Epochen auf dem Datensatz der Seite Daten und dem Modell der Seite Modell: sein Testanteil wird ohne Training ausgewertet, zum Vergleich mit feinabgestimmten Läufen</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Merged model (Hugging Face folder)…</source>
        <translation>Zusammengeführtes Modell (Hugging-Face-Ordner)…</translation>
    </message>
    <message>
        <source>LoRA adapter (PEFT folder)…</source>
        <translation>LoRA-Adapter (PEFT-Ordner)…</translation>
    </message>
    <message>
        <source>Writes the run&apos;s model, loads it back and checks it against the run&apos;s model</source>
        <translation>Schreibt das Modell des Laufs, lädt es zurück und prüft es gegen das Modell des Laufs</translation>
    </message>
    <message>
        <source>Export the merged model to</source>
        <translation>Zusammengeführtes Modell exportieren nach</translation>
    </message>
    <message>
        <source>Export the adapter to</source>
        <translation>Adapter exportieren nach</translation>
    </message>
    <message>
        <source>exporting…</source>
        <translation>wird exportiert…</translation>
    </message>
    <message>
        <source>Exported to %1 and loaded back: max logit difference %2 over %3 probe tokens</source>
        <translation>Nach %1 exportiert und zurückgeladen: größte Logit-Abweichung %2 über %3 Prüf-Tokens</translation>
    </message>
    <message>
        <source>; chat template and end-of-turn tokens checked</source>
        <translation>; Chat-Vorlage und Turn-Ende-Tokens geprüft</translation>
    </message>
    <message>
        <source>Check failed: %1</source>
        <translation>Prüfung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Export fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>baseline %1</source>
        <translation>Referenzmodell: %1</translation>
    </message>
</context>
<context>
    <name>finch::ui::FolderField</name>
    <message>
        <source>Choose…</source>
        <translation>Wählen…</translation>
    </message>
</context>
<context>
    <name>finch::ui::Help</name>
    <message>
        <source>not available</source>
        <translation>nicht verfügbar</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Finch %1&lt;/h3&gt;&lt;p&gt;A native desktop studio for fine-tuning language models: label a dataset, train, evaluate and compare runs.&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;Qt&lt;/td&gt;&lt;td&gt;%2 (built with %3)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;libtorch&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;CUDA&lt;/td&gt;&lt;td&gt;%5&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Devices&lt;/td&gt;&lt;td&gt;%6&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;BLAS&lt;/td&gt;&lt;td&gt;%7&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;p&gt;&lt;a href=&quot;%8&quot;&gt;User guide&lt;/a&gt;&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Finch %1&lt;/h3&gt;&lt;p&gt;Ein natives Desktop-Studio zum Feinabstimmen von Sprachmodellen: Datensätze labeln, trainieren, Läufe auswerten und vergleichen.&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;Qt&lt;/td&gt;&lt;td&gt;%2 (erstellt mit %3)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;libtorch&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;CUDA&lt;/td&gt;&lt;td&gt;%5&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Geräte&lt;/td&gt;&lt;td&gt;%6&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;BLAS&lt;/td&gt;&lt;td&gt;%7&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;p&gt;&lt;a href=&quot;%8&quot;&gt;Benutzerhandbuch&lt;/a&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About Finch</source>
        <translation>Über Finch</translation>
    </message>
    <message>
        <source>User guide</source>
        <translation>Benutzerhandbuch</translation>
    </message>
    <message>
        <source>The user guide (USER_GUIDE.md) is not installed next to Finch.</source>
        <translation>Das Benutzerhandbuch (USER_GUIDE.md) ist nicht neben Finch installiert.</translation>
    </message>
    <message>
        <source>Finch user guide</source>
        <translation>Finch-Benutzerhandbuch</translation>
    </message>
</context>
<context>
    <name>finch::ui::HubDownloadDialog</name>
    <message>
        <source>Download a model from the Hugging Face Hub</source>
        <translation>Ein Modell vom Hugging Face Hub herunterladen</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Lizenz</translation>
    </message>
    <message>
        <source>Access</source>
        <translation>Zugang</translation>
    </message>
    <message>
        <source>%1 M</source>
        <translation>%1 Mio.</translation>
    </message>
    <message>
        <source>%1 B</source>
        <translation>%1 Mrd.</translation>
    </message>
    <message>
        <source>≈ %1</source>
        <translation>≈ %1</translation>
    </message>
    <message>
        <source>gated: needs a token</source>
        <translation>geschützt: braucht ein Token</translation>
    </message>
    <message>
        <source>open</source>
        <translation>offen</translation>
    </message>
    <message>
        <source>Accept the model&apos;s conditions on its Hub page while signed in, then give a token below</source>
        <translation>Akzeptieren Sie angemeldet die Bedingungen auf der Hub-Seite des Modells und geben Sie dann unten ein Token an</translation>
    </message>
    <message>
        <source>ORGANISATION/NAME, e.g. HuggingFaceTB/SmolLM2-135M-Instruct</source>
        <translation>ORGANISATION/NAME, z. B. HuggingFaceTB/SmolLM2-135M-Instruct</translation>
    </message>
    <message>
        <source>only for gated or private models (hf_…)</source>
        <translation>nur für geschützte oder private Modelle (hf_…)</translation>
    </message>
    <message>
        <source>a saved token is used; type another to replace it</source>
        <translation>ein gespeichertes Token wird verwendet; ein neues ersetzt es</translation>
    </message>
    <message>
        <source>Save the token (readable by you only, where huggingface_hub keeps it)</source>
        <translation>Token speichern (nur für Sie lesbar, dort, wo huggingface_hub es ablegt)</translation>
    </message>
    <message>
        <source>Repository</source>
        <translation>Repository</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Revision</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Files go to %1, where Python tools find them too.</source>
        <translation>Die Dateien kommen nach %1, wo auch Python-Werkzeuge sie finden.</translation>
    </message>
    <message>
        <source>Small models that fine-tune on a laptop. Pick one, or type any repository id.</source>
        <translation>Kleine Modelle, die sich auf einem Laptop feinabstimmen lassen. Wählen Sie eines oder geben Sie eine beliebige Repository-ID ein.</translation>
    </message>
    <message>
        <source>Cancel download</source>
        <translation>Download abbrechen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>The token was not saved: %1</source>
        <translation>Das Token wurde nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Asking %1 for %2…</source>
        <translation>Frage %1 nach %2…</translation>
    </message>
    <message>
        <source>%1 (file %2 of %3) · %4 of %5 · %6/s</source>
        <translation>%1 (Datei %2 von %3) · %4 von %5 · %6/s</translation>
    </message>
    <message>
        <source>Downloaded to %1</source>
        <translation>Heruntergeladen nach %1</translation>
    </message>
    <message>
        <source>Cancelled. What was fetched is kept: downloading again resumes it.</source>
        <translation>Abgebrochen. Das bereits Geladene bleibt erhalten: ein neuer Download setzt dort fort.</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
</context>
<context>
    <name>finch::ui::LossChart</name>
    <message>
        <source>step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>Loss</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>training loss</source>
        <translation>Trainings-Loss</translation>
    </message>
    <message>
        <source>training loss (smoothed)</source>
        <translation>Trainings-Loss (geglättet)</translation>
    </message>
    <message>
        <source>validation loss</source>
        <translation>Validierungs-Loss</translation>
    </message>
</context>
<context>
    <name>finch::ui::MainWindow</name>
    <message>
        <source>&amp;Data</source>
        <translation>Date&amp;n</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>&amp;Modell</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>Trainin&amp;g</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>&amp;Vergleich</translation>
    </message>
    <message>
        <source>&amp;Playground</source>
        <translation>&amp;Spielwiese</translation>
    </message>
    <message>
        <source>CUDA available · libtorch %1</source>
        <translation>CUDA verfügbar · libtorch %1</translation>
    </message>
    <message>
        <source>CPU · libtorch %1</source>
        <translation>CPU · libtorch %1</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Slow reference BLAS in use: install libopenblas0-pthread for ~28x faster training</source>
        <translation>Langsames Referenz-BLAS aktiv: libopenblas0-pthread installieren für etwa 28-mal schnelleres Training</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Open &amp;workspace…</source>
        <translation>&amp;Arbeitsbereich öffnen…</translation>
    </message>
    <message>
        <source>Workspace folder</source>
        <translation>Arbeitsbereich-Ordner</translation>
    </message>
    <message>
        <source>Recent workspaces</source>
        <translation>Zuletzt verwendete Arbeitsbereiche</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>Pre&amp;ferences…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>D&amp;ata</source>
        <translation>Da&amp;ten</translation>
    </message>
    <message>
        <source>T&amp;raining</source>
        <translation>T&amp;raining</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>&amp;Pause / Resume</source>
        <translation>&amp;Pausieren / Fortsetzen</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>Sto&amp;ppen</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>&amp;Benutzerhandbuch</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;About Finch</source>
        <translation>Ü&amp;ber Finch</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>no dataset</source>
        <translation>kein Datensatz</translation>
    </message>
    <message>
        <source>%1[*] — %2 — Finch</source>
        <translation>%1[*] — %2 — Finch</translation>
    </message>
    <message>
        <source>Training is running</source>
        <translation>Training läuft</translation>
    </message>
    <message>
        <source>Stop the training and quit? Finch saves a checkpoint first, so the run can be resumed later.</source>
        <translation>Training stoppen und beenden? Finch speichert zuerst einen Checkpoint, damit der Lauf später fortgesetzt werden kann.</translation>
    </message>
    <message>
        <source>Saving a checkpoint…</source>
        <translation>Checkpoint wird gespeichert…</translation>
    </message>
    <message>
        <source>Eva&amp;luate</source>
        <translation>Aus&amp;wertung</translation>
    </message>
    <message>
        <source>Loading libtorch…</source>
        <translation>libtorch wird geladen…</translation>
    </message>
    <message>
        <source>libtorch not loaded</source>
        <translation>libtorch nicht geladen</translation>
    </message>
    <message>
        <source>Training is unavailable: %1</source>
        <translation>Training ist nicht verfügbar: %1</translation>
    </message>
    <message>
        <source>A pretrained model from the Hugging Face cache is chosen, with LoRA</source>
        <translation>Ein vortrainiertes Modell aus dem Hugging-Face-Cache ist gewählt, mit LoRA</translation>
    </message>
</context>
<context>
    <name>finch::ui::ModelPage</name>
    <message>
        <source>Open Hugging Face folder…</source>
        <translation>Hugging-Face-Ordner öffnen…</translation>
    </message>
    <message>
        <source>Full fine-tuning</source>
        <translation>Vollständiges Fine-Tuning</translation>
    </message>
    <message>
        <source>LoRA (r = 8 on q, v)</source>
        <translation>LoRA (r = 8 auf q, v)</translation>
    </message>
    <message>
        <source>Frozen body (last 2 layers)</source>
        <translation>Eingefrorener Rumpf (letzte 2 Schichten)</translation>
    </message>
    <message>
        <source>Training memory (float32)</source>
        <translation>Trainingsspeicher (float32)</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Batchgröße</translation>
    </message>
    <message>
        <source>Sequence length</source>
        <translation>Sequenzlänge</translation>
    </message>
    <message>
        <source>Where training runs: the CPU, or a CUDA device when this libtorch has CUDA</source>
        <translation>Wo das Training läuft: auf der CPU oder auf einem CUDA-Gerät, wenn diese libtorch CUDA unterstützt</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>Hugging Face model folder</source>
        <translation>Hugging-Face-Modellordner</translation>
    </message>
    <message>
        <source>&lt;b&gt;Cannot use %1&lt;/b&gt;&lt;br&gt;%2</source>
        <translation>&lt;b&gt;%1 kann nicht verwendet werden&lt;/b&gt;&lt;br&gt;%2</translation>
    </message>
    <message>
        <source>&lt;h3&gt;%1&lt;/h3&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;Architecture&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Parameters&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Layers&lt;/td&gt;&lt;td&gt;%4 (hidden %5, MLP %6)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Attention heads&lt;/td&gt;&lt;td&gt;%7 (key/value %8, head dim %9)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Vocabulary&lt;/td&gt;&lt;td&gt;%10%11&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Context length&lt;/td&gt;&lt;td&gt;%12 tokens&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Weights&lt;/td&gt;&lt;td&gt;%13&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation>&lt;h3&gt;%1&lt;/h3&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;Architektur&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Parameter&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Schichten&lt;/td&gt;&lt;td&gt;%4 (Hidden %5, MLP %6)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Attention-Köpfe&lt;/td&gt;&lt;td&gt;%7 (Key/Value %8, Kopfdimension %9)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Vokabular&lt;/td&gt;&lt;td&gt;%10%11&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Kontextlänge&lt;/td&gt;&lt;td&gt;%12 Tokens&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Gewichte&lt;/td&gt;&lt;td&gt;%13&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
    </message>
    <message>
        <source> (trained on your data, up to this size)</source>
        <translation> (auf Ihren Daten trainiert, bis zu dieser Größe)</translation>
    </message>
    <message>
        <source>, tied embeddings</source>
        <translation>, gekoppelte Embeddings</translation>
    </message>
    <message>
        <source>weights %1 · gradients %2 · optimizer %3 · activations %4&lt;br&gt;&lt;b&gt;total %5&lt;/b&gt; (%6 trainable parameters)</source>
        <translation>Gewichte %1 · Gradienten %2 · Optimierer %3 · Aktivierungen %4&lt;br&gt;&lt;b&gt;gesamt %5&lt;/b&gt; (%6 trainierbare Parameter)</translation>
    </message>
    <message>
        <source>Tokenizer: SentencePiece, trained on your data when the run starts</source>
        <translation>Tokenizer: SentencePiece, beim Start des Laufs auf Ihren Daten trainiert</translation>
    </message>
    <message>
        <source>Tokenizer: %1, %2 pieces</source>
        <translation>Tokenizer: %1, %2 Tokens</translation>
    </message>
    <message>
        <source>Special tokens: %1</source>
        <translation>Sondertokens: %1</translation>
    </message>
    <message>
        <source>Tokenizer: %1</source>
        <translation>Tokenizer: %1</translation>
    </message>
    <message>
        <source>Chat template: %1; training rows and the Playground&apos;s chat go through it. A turn looks like:</source>
        <translation>Chat-Vorlage: %1; Trainingszeilen und der Chat im Playground laufen durch sie. Ein Wechsel sieht so aus:</translation>
    </message>
    <message>
        <source>Chat template: none (rows are formatted with the prompt templates)</source>
        <translation>Chat-Vorlage: keine (Zeilen werden mit den Prompt-Vorlagen formatiert)</translation>
    </message>
    <message>
        <source>Chat template refused: %1</source>
        <translation>Chat-Vorlage abgelehnt: %1</translation>
    </message>
    <message>
        <source>Built-in presets (trained from scratch)</source>
        <translation>Eingebaute Vorlagen (von Grund auf trainiert)</translation>
    </message>
    <message>
        <source>Hugging Face cache: looking…</source>
        <translation>Hugging-Face-Cache: wird durchsucht…</translation>
    </message>
    <message>
        <source>Recent folders</source>
        <translation>Zuletzt geöffnete Ordner</translation>
    </message>
    <message>
        <source>Hugging Face cache: no causal language models</source>
        <translation>Hugging-Face-Cache: keine kausalen Sprachmodelle</translation>
    </message>
    <message>
        <source>Hugging Face cache</source>
        <translation>Hugging-Face-Cache</translation>
    </message>
    <message>
        <source>%1 · %2 parameters · %3</source>
        <translation>%1 · %2 Parameter · %3</translation>
    </message>
    <message>
        <source>not supported</source>
        <translation>nicht unterstützt</translation>
    </message>
    <message>
        <source>Download from the Hugging Face Hub…</source>
        <translation>Vom Hugging Face Hub herunterladen…</translation>
    </message>
    <message>
        <source>Built-in presets train from scratch with a tokenizer trained on your data. A pretrained model from the Hugging Face cache or a folder (Llama, Mistral, Qwen, Phi, Gemma) is fine-tuned, which is what gives real accuracy: download one from the Hub when the cache has none.</source>
        <translation>Eingebaute Vorlagen trainieren von Grund auf mit einem auf Ihren Daten trainierten Tokenizer. Ein vortrainiertes Modell aus dem Hugging-Face-Cache oder einem Ordner (Llama, Mistral, Qwen, Phi, Gemma) wird feinabgestimmt, und das bringt echte Genauigkeit: laden Sie eines vom Hub herunter, wenn der Cache keines hat.</translation>
    </message>
</context>
<context>
    <name>finch::ui::PlaygroundPage</name>
    <message>
        <source>Type a prompt, or for a classification run a text to classify</source>
        <translation>Geben Sie einen Prompt ein, oder bei einem Klassifikationslauf einen zu klassifizierenden Text</translation>
    </message>
    <message>
        <source>Greedy</source>
        <translation>Greedy</translation>
    </message>
    <message>
        <source>Wrap in the run&apos;s prompt template</source>
        <translation>In die Prompt-Vorlage des Laufs einbetten</translation>
    </message>
    <message>
        <source>Shows the model the prompt as training did, e.g. &quot;{text}\nLabel:&quot;</source>
        <translation>Zeigt dem Modell den Prompt so wie im Training, z. B. &quot;{text}\nLabel:&quot;</translation>
    </message>
    <message>
        <source>0: no limit</source>
        <translation>0: keine Grenze</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Generieren</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <source>Classify</source>
        <translation>Klassifizieren</translation>
    </message>
    <message>
        <source>label</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>probability</source>
        <translation>Wahrscheinlichkeit</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Temperatur</translation>
    </message>
    <message>
        <source>Top-k</source>
        <translation>Top-k</translation>
    </message>
    <message>
        <source>Top-p</source>
        <translation>Top-p</translation>
    </message>
    <message>
        <source>Repetition penalty</source>
        <translation>Wiederholungsstrafe</translation>
    </message>
    <message>
        <source>Max new tokens</source>
        <translation>Max. neue Tokens</translation>
    </message>
    <message>
        <source>Label probabilities</source>
        <translation>Label-Wahrscheinlichkeiten</translation>
    </message>
    <message>
        <source>stopped: %1</source>
        <translation>gestoppt: %1</translation>
    </message>
    <message>
        <source>classified</source>
        <translation>klassifiziert</translation>
    </message>
    <message>
        <source>run %1</source>
        <translation>Lauf %1</translation>
    </message>
    <message>
        <source>base model %1</source>
        <translation>Basismodell %1</translation>
    </message>
    <message>
        <source>Train a run first, or choose a Hugging Face folder on the Model page</source>
        <translation>Trainieren Sie zuerst einen Lauf oder wählen Sie auf der Seite „Modell“ einen Hugging-Face-Ordner</translation>
    </message>
    <message>
        <source>generating…</source>
        <translation>wird generiert…</translation>
    </message>
    <message>
        <source>Choose a classification run</source>
        <translation>Wählen Sie einen Klassifikationslauf</translation>
    </message>
    <message>
        <source>classifying…</source>
        <translation>wird klassifiziert…</translation>
    </message>
    <message>
        <source>Chat (with the model&apos;s chat template)</source>
        <translation>Chat (mit der Chat-Vorlage des Modells)</translation>
    </message>
    <message>
        <source>Each message goes to the model with the conversation so far, rendered by the model&apos;s own chat template</source>
        <translation>Jede Nachricht geht mit dem bisherigen Gespräch an das Modell, gesetzt mit der eigenen Chat-Vorlage des Modells</translation>
    </message>
    <message>
        <source>New chat</source>
        <translation>Neuer Chat</translation>
    </message>
    <message>
        <source>Write a message; Ctrl+G sends it</source>
        <translation>Nachricht schreiben; Strg+G sendet sie</translation>
    </message>
    <message>
        <source>Write a message first</source>
        <translation>Zuerst eine Nachricht schreiben</translation>
    </message>
    <message>
        <source>▸ You</source>
        <translation>▸ Sie</translation>
    </message>
    <message>
        <source>▸ Model</source>
        <translation>▸ Modell</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <source>A PEFT LoRA adapter folder (from Finch, PEFT or another tool) applied to the base model</source>
        <translation>Ein PEFT-LoRA-Adapterordner (von Finch, PEFT oder einem anderen Werkzeug), angewandt auf das Basismodell</translation>
    </message>
    <message>
        <source>PEFT LoRA adapter folder</source>
        <translation>PEFT-LoRA-Adapterordner</translation>
    </message>
    <message>
        <source>Adapter</source>
        <translation>Adapter</translation>
    </message>
</context>
<context>
    <name>finch::ui::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>System default (%1)</source>
        <translation>Systemvorgabe (%1)</translation>
    </message>
    <message>
        <source>The device new runs train on</source>
        <translation>Das Gerät, auf dem neue Läufe trainieren</translation>
    </message>
    <message>
        <source>The last workspace used</source>
        <translation>Der zuletzt verwendete Arbeitsbereich</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Default workspace</source>
        <translation>Standard-Arbeitsbereich</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>How often unsaved dataset edits are copied to a recovery file</source>
        <translation>Wie oft ungespeicherte Änderungen am Datensatz in eine Wiederherstellungsdatei kopiert werden</translation>
    </message>
    <message>
        <source>CPU threads new runs train with</source>
        <translation>CPU-Threads, mit denen neue Läufe trainieren</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>Default &amp;device</source>
        <translation>Standard&amp;gerät</translation>
    </message>
    <message>
        <source>Default &amp;workspace</source>
        <translation>Standard-&amp;Arbeitsbereich</translation>
    </message>
    <message>
        <source>&amp;Autosave every</source>
        <translation>Automatisch &amp;speichern alle</translation>
    </message>
    <message>
        <source>CPU &amp;threads for training</source>
        <translation>CPU-&amp;Threads für das Training</translation>
    </message>
    <message>
        <source>A new language applies the next time Finch starts.</source>
        <translation>Eine neue Sprache gilt ab dem nächsten Start von Finch.</translation>
    </message>
    <message>
        <source>Automatic (%1: every core but one)</source>
        <translation>Automatisch (%1: alle Kerne bis auf einen)</translation>
    </message>
</context>
<context>
    <name>finch::ui::RunConfigForm</name>
    <message>
        <source>Basics</source>
        <translation>Grundlagen</translation>
    </message>
    <message>
        <source>Optimizer steps to train; -1 uses the epochs instead</source>
        <translation>Zu trainierende Optimiererschritte; -1 verwendet stattdessen die Epochen</translation>
    </message>
    <message>
        <source>Rows per micro-batch</source>
        <translation>Zeilen pro Mikro-Batch</translation>
    </message>
    <message>
        <source>Micro-batches per optimizer step (effective batch = batch x accumulation)</source>
        <translation>Mikro-Batches pro Optimiererschritt (effektiver Batch = Batch × Akkumulation)</translation>
    </message>
    <message>
        <source>Tokens per example; longer prompts are cut from their start</source>
        <translation>Tokens pro Beispiel; längere Prompts werden am Anfang gekürzt</translation>
    </message>
    <message>
        <source>Fixes the split, the initial weights, the order of the rows and dropout</source>
        <translation>Legt die Aufteilung, die Anfangsgewichte, die Reihenfolge der Zeilen und das Dropout fest</translation>
    </message>
    <message>
        <source>Pack examples end to end</source>
        <translation>Beispiele lückenlos aneinanderreihen</translation>
    </message>
    <message>
        <source>Fills every sequence to the maximum length instead of padding each batch</source>
        <translation>Füllt jede Sequenz bis zur maximalen Länge, statt jeden Batch aufzufüllen</translation>
    </message>
    <message>
        <source>default for the dataset&apos;s kind</source>
        <translation>Vorgabe für die Art des Datensatzes</translation>
    </message>
    <message>
        <source>Fields in braces, e.g. {text}\nLabel: ; a [[...]] section disappears when its fields are empty</source>
        <translation>Felder in geschweiften Klammern, z. B. {text}\nLabel: ; ein [[...]]-Abschnitt entfällt, wenn seine Felder leer sind</translation>
    </message>
    <message>
        <source>Loss on the prompt too</source>
        <translation>Loss auch auf dem Prompt</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Epochen</translation>
    </message>
    <message>
        <source>Max steps</source>
        <translation>Max. Schritte</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Batchgröße</translation>
    </message>
    <message>
        <source>Gradient accumulation</source>
        <translation>Gradientenakkumulation</translation>
    </message>
    <message>
        <source>Max sequence length</source>
        <translation>Max. Sequenzlänge</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>Prompt template</source>
        <translation>Prompt-Vorlage</translation>
    </message>
    <message>
        <source>Completion template</source>
        <translation>Antwort-Vorlage</translation>
    </message>
    <message>
        <source>Optimizer and schedule</source>
        <translation>Optimierer und Zeitplan</translation>
    </message>
    <message>
        <source>AdamW: decoupled weight decay, none on norms and biases. SGD: with momentum</source>
        <translation>AdamW: entkoppelter Weight Decay, keiner auf Normen und Biases. SGD: mit Momentum</translation>
    </message>
    <message>
        <source>Peak learning rate, e.g. 3e-3 for presets from scratch, 2e-4 for LoRA</source>
        <translation>Maximale Lernrate, z. B. 3e-3 für Vorlagen von Grund auf, 2e-4 für LoRA</translation>
    </message>
    <message>
        <source>How the learning rate changes after warm-up</source>
        <translation>Wie sich die Lernrate nach dem Warm-up ändert</translation>
    </message>
    <message>
        <source>Steps of linear warm-up from 0 (overrides the ratio)</source>
        <translation>Schritte linearen Warm-ups ab 0 (hat Vorrang vor dem Anteil)</translation>
    </message>
    <message>
        <source>Warm-up as a share of all steps</source>
        <translation>Warm-up als Anteil aller Schritte</translation>
    </message>
    <message>
        <source>Decoupled weight decay (AdamW) or L2 (SGD)</source>
        <translation>Entkoppelter Weight Decay (AdamW) oder L2 (SGD)</translation>
    </message>
    <message>
        <source>Clip the global gradient norm to this; 0 turns clipping off</source>
        <translation>Globale Gradientennorm auf diesen Wert begrenzen; 0 schaltet das Begrenzen ab</translation>
    </message>
    <message>
        <source>AdamW beta1</source>
        <translation>AdamW beta1</translation>
    </message>
    <message>
        <source>AdamW beta2</source>
        <translation>AdamW beta2</translation>
    </message>
    <message>
        <source>SGD momentum</source>
        <translation>SGD-Momentum</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>Optimierer</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>Scheduler</source>
        <translation>Zeitplan</translation>
    </message>
    <message>
        <source>Warm-up steps</source>
        <translation>Warm-up-Schritte</translation>
    </message>
    <message>
        <source>Warm-up ratio</source>
        <translation>Warm-up-Anteil</translation>
    </message>
    <message>
        <source>Weight decay</source>
        <translation>Weight Decay</translation>
    </message>
    <message>
        <source>Max gradient norm</source>
        <translation>Max. Gradientennorm</translation>
    </message>
    <message>
        <source>Beta 1 / beta 2</source>
        <translation>Beta 1 / Beta 2</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>Momentum</translation>
    </message>
    <message>
        <source>Method and LoRA</source>
        <translation>Methode und LoRA</translation>
    </message>
    <message>
        <source>Full: every weight trains. LoRA: small adapters beside the chosen projections. Frozen body: only the last layers and the head</source>
        <translation>Vollständig: alle Gewichte trainieren. LoRA: kleine Adapter neben den gewählten Projektionen. Eingefrorener Rumpf: nur die letzten Schichten und der Kopf</translation>
    </message>
    <message>
        <source>Rank r of the adapters</source>
        <translation>Rang r der Adapter</translation>
    </message>
    <message>
        <source>Scale alpha: the update is scaled by alpha / r</source>
        <translation>Skalierung alpha: das Update wird mit alpha / r skaliert</translation>
    </message>
    <message>
        <source>Dropout on the adapters&apos; input</source>
        <translation>Dropout auf der Eingabe der Adapter</translation>
    </message>
    <message>
        <source>rsLoRA scaling (alpha / sqrt(r))</source>
        <translation>rsLoRA-Skalierung (alpha / sqrt(r))</translation>
    </message>
    <message>
        <source>Frozen body: how many of the last layers train</source>
        <translation>Eingefrorener Rumpf: wie viele der letzten Schichten trainieren</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>LoRA rank</source>
        <translation>LoRA-Rang</translation>
    </message>
    <message>
        <source>LoRA alpha</source>
        <translation>LoRA-alpha</translation>
    </message>
    <message>
        <source>LoRA dropout</source>
        <translation>LoRA-Dropout</translation>
    </message>
    <message>
        <source>Target modules</source>
        <translation>Zielmodule</translation>
    </message>
    <message>
        <source>Trainable layers</source>
        <translation>Trainierbare Schichten</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>Where the model trains</source>
        <translation>Wo das Modell trainiert</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>CPU threads</source>
        <translation>CPU-Threads</translation>
    </message>
    <message>
        <source>Evaluation and checkpoints</source>
        <translation>Auswertung und Checkpoints</translation>
    </message>
    <message>
        <source>Share of the rows held out for the validation loss</source>
        <translation>Anteil der Zeilen, die für den Validierungs-Loss zurückgehalten werden</translation>
    </message>
    <message>
        <source>Share of the rows held out for the test metrics</source>
        <translation>Anteil der Zeilen, die für die Testmetriken zurückgehalten werden</translation>
    </message>
    <message>
        <source>Report the training loss every N steps</source>
        <translation>Trainings-Loss alle N Schritte melden</translation>
    </message>
    <message>
        <source>Validation loss every N steps; 0: at the end of each epoch</source>
        <translation>Validierungs-Loss alle N Schritte; 0: am Ende jeder Epoche</translation>
    </message>
    <message>
        <source>Checkpoint every N steps; 0: at the end of each epoch</source>
        <translation>Checkpoint alle N Schritte; 0: am Ende jeder Epoche</translation>
    </message>
    <message>
        <source>Keep only the newest N checkpoints</source>
        <translation>Nur die neuesten N Checkpoints behalten</translation>
    </message>
    <message>
        <source>Stop after this many evaluations without a better validation loss; 0: never</source>
        <translation>Nach so vielen Auswertungen ohne besseren Validierungs-Loss stoppen; 0: nie</translation>
    </message>
    <message>
        <source>Load the best checkpoint at the end</source>
        <translation>Am Ende den besten Checkpoint laden</translation>
    </message>
    <message>
        <source>Validation split</source>
        <translation>Validierungsanteil</translation>
    </message>
    <message>
        <source>Test split</source>
        <translation>Testanteil</translation>
    </message>
    <message>
        <source>Logging steps</source>
        <translation>Protokollschritte</translation>
    </message>
    <message>
        <source>Evaluation steps</source>
        <translation>Auswertungsschritte</translation>
    </message>
    <message>
        <source>Save steps</source>
        <translation>Speicherschritte</translation>
    </message>
    <message>
        <source>Checkpoints kept</source>
        <translation>Behaltene Checkpoints</translation>
    </message>
    <message>
        <source>Early stopping patience</source>
        <translation>Geduld für frühes Stoppen</translation>
    </message>
    <message>
        <source>Quick look</source>
        <translation>Schneller Blick</translation>
    </message>
    <message>
        <source>Balanced</source>
        <translation>Ausgewogen</translation>
    </message>
    <message>
        <source>Thorough</source>
        <translation>Gründlich</translation>
    </message>
    <message>
        <source>CPU threads for training; 0: every core but one, so the window stays responsive</source>
        <translation>CPU-Threads für das Training; 0: alle Kerne bis auf einen, damit das Fenster reaktionsschnell bleibt</translation>
    </message>
    <message>
        <source>Passes over the training rows; 0 trains nothing and evaluates the model (and adapter) as it is</source>
        <translation>Durchläufe über die Trainingszeilen; 0 trainiert nichts und wertet das Modell (und den Adapter) so aus, wie es ist</translation>
    </message>
    <message>
        <source>0 (evaluate as it is)</source>
        <translation>0 (so auswerten, wie es ist)</translation>
    </message>
    <message>
        <source>none: new adapters</source>
        <translation>keiner: neue Adapter</translation>
    </message>
    <message>
        <source>LoRA: a PEFT adapter folder (made by Finch, PEFT or another tool) to start from, with its own rank, alpha and targets; with 0 epochs, to evaluate it as it is</source>
        <translation>LoRA: ein PEFT-Adapterordner (von Finch, PEFT oder einem anderen Werkzeug) als Ausgangspunkt, mit eigenem Rang, alpha und Zielen; mit 0 Epochen wird er so ausgewertet, wie er ist</translation>
    </message>
    <message>
        <source>PEFT LoRA adapter folder</source>
        <translation>PEFT-LoRA-Adapterordner</translation>
    </message>
    <message>
        <source>Start from adapter</source>
        <translation>Von Adapter ausgehen</translation>
    </message>
    <message>
        <source>bf16 is autocast with float32 weights, on CUDA and (with libtorch 2.x) on the CPU; fp16 is autocast on CUDA</source>
        <translation>bf16 ist Autocast mit float32-Gewichten, auf CUDA und (mit libtorch 2.x) auf der CPU; fp16 ist Autocast auf CUDA</translation>
    </message>
    <message>
        <source>Recompute activations in the backward pass</source>
        <translation>Aktivierungen im Rückwärtsdurchlauf neu berechnen</translation>
    </message>
    <message>
        <source>Gradient checkpointing: each layer keeps only its input, for about a third more compute; the gradients are the same</source>
        <translation>Gradient Checkpointing: Jede Schicht behält nur ihre Eingabe, für etwa ein Drittel mehr Rechenaufwand; die Gradienten bleiben gleich</translation>
    </message>
    <message>
        <source>Precision and devices</source>
        <translation>Genauigkeit und Geräte</translation>
    </message>
    <message>
        <source>Data-parallel training in this many processes, as finch train --nproc-per-node: each trains on its own rows of every batch, so the batch per step is this many times the batch size; on GPUs, one process each. A run resumes with as many.</source>
        <translation>Datenparalleles Training in so vielen Prozessen, wie finch train --nproc-per-node: jeder trainiert auf seinen eigenen Zeilen jedes Batches, der Batch pro Schritt ist also so viele Male die Batchgröße; auf GPUs je ein Prozess. Ein Lauf wird mit ebenso vielen fortgesetzt.</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>Prozesse</translation>
    </message>
    <message>
        <source>all %1 GPUs, a process each</source>
        <translation>alle %1 GPUs, je ein Prozess</translation>
    </message>
</context>
<context>
    <name>finch::ui::ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Label the selected row with label 1–9 and go to the next row (Data page)</source>
        <translation>Ausgewählte Zeile mit Label 1–9 versehen und zur nächsten Zeile gehen (Seite „Daten“)</translation>
    </message>
    <message>
        <source>Edit the selected cell (Data page)</source>
        <translation>Ausgewählte Zelle bearbeiten (Seite „Daten“)</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Tastenkürzel</translation>
    </message>
</context>
<context>
    <name>finch::ui::TrainPage</name>
    <message>
        <source>Presets…</source>
        <translation>Vorlagen…</translation>
    </message>
    <message>
        <source>Load…</source>
        <translation>Laden…</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Speichern…</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Start training (Ctrl+Enter)</source>
        <translation>Training starten (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <source>Stop after the current step and save a checkpoint</source>
        <translation>Nach dem aktuellen Schritt stoppen und einen Checkpoint speichern</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>Logarithmische Skala</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <source>Load run configuration</source>
        <translation>Laufkonfiguration laden</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Save run configuration</source>
        <translation>Laufkonfiguration speichern</translation>
    </message>
    <message>
        <source>&lt;b&gt;Data&lt;/b&gt; %1 &amp;nbsp; &lt;b&gt;Model&lt;/b&gt; %2</source>
        <translation>&lt;b&gt;Daten&lt;/b&gt; %1 &amp;nbsp; &lt;b&gt;Modell&lt;/b&gt; %2</translation>
    </message>
    <message>
        <source>(open a dataset on the Data page)</source>
        <translation>(öffnen Sie einen Datensatz auf der Seite „Daten“)</translation>
    </message>
    <message>
        <source>Starting %1 on %2</source>
        <translation>%1 wird auf %2 gestartet</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Stopping after the current step…</source>
        <translation>Stoppt nach dem aktuellen Schritt…</translation>
    </message>
    <message>
        <source>Loaded %1</source>
        <translation>%1 geladen</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>step %1 of %2 · epoch %3 · loss %4 · %5 tokens/s · ETA %6</source>
        <translation>Schritt %1 von %2 · Epoche %3 · Loss %4 · %5 Tokens/s · Restzeit %6</translation>
    </message>
    <message>
        <source>step %1: validation loss %2</source>
        <translation>Schritt %1: Validierungs-Loss %2</translation>
    </message>
    <message>
        <source>checkpoint %1</source>
        <translation>Checkpoint %1</translation>
    </message>
    <message>
        <source>paused at step %1</source>
        <translation>pausiert bei Schritt %1</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>resumed</source>
        <translation>fortgesetzt</translation>
    </message>
    <message>
        <source>%1: %2 %3</source>
        <translation>%1: %2 %3</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Gestoppt</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <source>Continue a run…</source>
        <translation>Einen Lauf fortsetzen…</translation>
    </message>
    <message>
        <source>Resume a stopped or interrupted run, or train a finished one for more epochs</source>
        <translation>Einen gestoppten oder unterbrochenen Lauf fortsetzen oder einen fertigen weitere Epochen trainieren</translation>
    </message>
    <message>
        <source>Continue a run</source>
        <translation>Einen Lauf fortsetzen</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>No run to continue in %1</source>
        <translation>Kein Lauf zum Fortsetzen in %1</translation>
    </message>
    <message>
        <source>none: resume where it stopped</source>
        <translation>keine: dort fortsetzen, wo er stoppte</translation>
    </message>
    <message>
        <source>A finished run trains on from its last step; the learning-rate schedule is laid out again over the new number of epochs.</source>
        <translation>Ein fertiger Lauf trainiert ab seinem letzten Schritt weiter; der Lernraten-Zeitplan wird über die neue Zahl der Epochen neu verteilt.</translation>
    </message>
    <message>
        <source>The run goes on from its newest checkpoint, exactly as if it had not stopped.</source>
        <translation>Der Lauf geht ab seinem neuesten Checkpoint weiter, genau so, als hätte er nicht gestoppt.</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>More epochs</source>
        <translation>Weitere Epochen</translation>
    </message>
    <message>
        <source>Training %1 for %2 more epochs</source>
        <translation>Trainiere %1 für %2 weitere Epochen</translation>
    </message>
    <message>
        <source>Resuming %1</source>
        <translation>Setze %1 fort</translation>
    </message>
    <message>
        <source>Go on in the same run</source>
        <translation>Im selben Lauf weitermachen</translation>
    </message>
    <message>
        <source>Start a new run from its weights, on the current data and settings</source>
        <translation>Einen neuen Lauf mit seinen Gewichten beginnen, mit den aktuellen Daten und Einstellungen</translation>
    </message>
    <message>
        <source>After labelling more rows: the new run starts from the weights this one ended with (its adapter, for LoRA), and its run.json names them.</source>
        <translation>Nach dem Labeln weiterer Zeilen: Der neue Lauf beginnt mit den Gewichten, mit denen dieser endete (bei LoRA mit seinem Adapter), und seine run.json nennt sie.</translation>
    </message>
    <message>
        <source>How</source>
        <translation>Wie</translation>
    </message>
    <message>
        <source>cross-validation stopped: a fold&apos;s run did not complete</source>
        <translation>Kreuzvalidierung abgebrochen: der Lauf einer Falte wurde nicht fertig</translation>
    </message>
    <message>
        <source>Cross-validation: %1 runs, each holding out one of %1 folds of the training rows and predicting it</source>
        <translation>Kreuzvalidierung: %1 Läufe, jeder hält eine von %1 Falten der Trainingszeilen zurück und sagt sie vorher</translation>
    </message>
    <message>
        <source>in %1 processes, as it started</source>
        <translation>in %1 Prozessen, wie er begann</translation>
    </message>
    <message>
        <source>Starting %1 on %2 in %3 processes</source>
        <translation>Starte %1 auf %2 in %3 Prozessen</translation>
    </message>
    <message>
        <source>A run in several processes cannot pause: stop it, and continue it later from its checkpoint</source>
        <translation>Ein Lauf in mehreren Prozessen kann nicht pausieren: stoppen Sie ihn und setzen Sie ihn später ab seinem Checkpoint fort</translation>
    </message>
</context>
<context>
    <name>finch::ui::TrainingJob</name>
    <message>
        <source>Training in several processes runs the finch program, which is neither beside %1 nor on PATH</source>
        <translation>Training in mehreren Prozessen startet das Programm finch, das weder neben %1 noch im PATH liegt</translation>
    </message>
    <message>
        <source>cannot start %1: %2</source>
        <translation>%1 kann nicht gestartet werden: %2</translation>
    </message>
    <message>
        <source>the training job ended: its launcher was killed</source>
        <translation>der Trainingsauftrag endete: sein Starter wurde beendet</translation>
    </message>
    <message>
        <source>the training job ended with status %1</source>
        <translation>der Trainingsauftrag endete mit Status %1</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Fine-tune language models: label, train, compare.</source>
        <translation>Sprachmodelle feinabstimmen: labeln, trainieren, vergleichen.</translation>
    </message>
    <message>
        <source>Open this workspace folder.</source>
        <translation>Diesen Arbeitsbereich-Ordner öffnen.</translation>
    </message>
    <message>
        <source>folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>A dataset file to open.</source>
        <translation>Eine zu öffnende Datensatzdatei.</translation>
    </message>
</context>
</TS>
