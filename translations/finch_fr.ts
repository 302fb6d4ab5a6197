<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>QObject</name>
    <message>
        <source>%1 cores</source>
        <translation>%1 cœurs</translation>
    </message>
</context>
<context>
    <name>finch::ui::Application</name>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <source>Finch could not finish this action:

%1</source>
        <translation>Finch n’a pas pu terminer cette action :

%1</translation>
    </message>
</context>
<context>
    <name>finch::ui::ComparePage</name>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Exécutions</translation>
    </message>
    <message>
        <source>step</source>
        <translation>étape</translation>
    </message>
    <message>
        <source>loss (solid: training, dashed: validation)</source>
        <translation>perte (trait plein : entraînement, pointillés : validation)</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Comparer</translation>
    </message>
    <message>
        <source>Reference (A)</source>
        <translation>Référence (A)</translation>
    </message>
    <message>
        <source>Candidate (B)</source>
        <translation>Candidat (B)</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>Métrique</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>Courbes</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>Métriques</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Significance</source>
        <translation>Significativité</translation>
    </message>
    <message>
        <source>Export chart (PNG)…</source>
        <translation>Exporter le graphique (PNG)…</translation>
    </message>
    <message>
        <source>Export data (CSV)…</source>
        <translation>Exporter les données (CSV)…</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>Exporter le graphique</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Images PNG (*.png)</translation>
    </message>
    <message>
        <source>Export data</source>
        <translation>Exporter les données</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>best</source>
        <translation>meilleur</translation>
    </message>
    <message>
        <source>Choose two different runs.</source>
        <translation>Choisissez deux exécutions différentes.</translation>
    </message>
    <message>
        <source>%1, B − A: %2 (95 % interval %3 to %4, %5 paired resamples). B is not better in %6 % of them.</source>
        <translation>%1, B − A : %2 (intervalle à 95 % de %3 à %4, %5 rééchantillonnages appariés). B n’est pas meilleur dans %6 % d’entre eux.</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>illisible</translation>
    </message>
</context>
<context>
    <name>finch::ui::DataPage</name>
    <message>
        <source>Datasets (*.jsonl *.ndjson *.json *.csv *.tsv);;All files (*)</source>
        <translation>Jeux de données (*.jsonl *.ndjson *.json *.csv *.tsv);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>Ouvrir…</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Save As / Export…</source>
        <translation>Enregistrer sous / Exporter…</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Rétablir</translation>
    </message>
    <message>
        <source>Add row</source>
        <translation>Ajouter une ligne</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Dupliquer</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Validate</source>
        <translation>Valider</translation>
    </message>
    <message>
        <source>Split…</source>
        <translation>Partager…</translation>
    </message>
    <message>
        <source>Filter rows by text</source>
        <translation>Filtrer les lignes par texte</translation>
    </message>
    <message>
        <source>Label:</source>
        <translation>Étiquette :</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Appliquer</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texte</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Problèmes</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Étiquettes</translation>
    </message>
    <message>
        <source>Open dataset</source>
        <translation>Ouvrir un jeu de données</translation>
    </message>
    <message>
        <source>Save dataset as</source>
        <translation>Enregistrer le jeu de données sous</translation>
    </message>
    <message>
        <source>Add row %1</source>
        <translation>Ajouter la ligne %1</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Toutes</translation>
    </message>
    <message>
        <source>Unlabelled</source>
        <translation>Sans étiquette</translation>
    </message>
    <message>
        <source>Recover unsaved changes?</source>
        <translation>Récupérer les modifications non enregistrées ?</translation>
    </message>
    <message>
        <source>Finch kept unsaved changes to %1 from %2. Open them?</source>
        <translation>Finch a conservé des modifications non enregistrées de %1 datant du %2. Les ouvrir ?</translation>
    </message>
    <message>
        <source>Cannot open the dataset</source>
        <translation>Impossible d’ouvrir le jeu de données</translation>
    </message>
    <message numerus="yes">
        <source>Opened %1: %n rows</source>
        <translation>
            <numerusform>%1 ouvert : %n ligne</numerusform>
            <numerusform>%1 ouvert : %n lignes</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot save the dataset</source>
        <translation>Impossible d’enregistrer le jeu de données</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 enregistré</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Modifications non enregistrées</translation>
    </message>
    <message>
        <source>%1 has unsaved changes. Save them?</source>
        <translation>%1 contient des modifications non enregistrées. Les enregistrer ?</translation>
    </message>
    <message>
        <source>Autosave failed: %1</source>
        <translation>Échec de l’enregistrement automatique : %1</translation>
    </message>
    <message numerus="yes">
        <source>No problems found in %n rows</source>
        <translation>
            <numerusform>Aucun problème dans %n ligne</numerusform>
            <numerusform>Aucun problème dans %n lignes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problems</source>
        <translation>
            <numerusform>%n problème</numerusform>
            <numerusform>%n problèmes</numerusform>
        </translation>
    </message>
    <message>
        <source>Split dataset</source>
        <translation>Partager le jeu de données</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Entraînement</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>Validation</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Graine</translation>
    </message>
    <message>
        <source>Stratified by label; rows with the same input stay together.</source>
        <translation>Stratifié par étiquette ; les lignes de même entrée restent ensemble.</translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation>%1 écrit</translation>
    </message>
    <message>
        <source>Cannot split</source>
        <translation>Partage impossible</translation>
    </message>
    <message>
        <source>Row %1, %2</source>
        <translation>Ligne %1, %2</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(aucune)</translation>
    </message>
    <message numerus="yes">
        <source>%n rows</source>
        <translation>
            <numerusform>%n ligne</numerusform>
            <numerusform>%n lignes</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 already exist. Replace them?</source>
        <translation>%1 existent déjà. Les remplacer ?</translation>
    </message>
    <message>
        <source>%1 has unsaved changes, and training reads the file. Save them first?</source>
        <translation>%1 a des modifications non enregistrées, et l’entraînement lit le fichier. Les enregistrer d’abord ?</translation>
    </message>
    <message>
        <source>Save and train</source>
        <translation>Enregistrer et entraîner</translation>
    </message>
    <message numerus="yes">
        <source>Selected %n rows from the evaluation</source>
        <translation>
            <numerusform>%n ligne de l&apos;évaluation sélectionnée</numerusform>
            <numerusform>%n lignes de l&apos;évaluation sélectionnées</numerusform>
        </translation>
    </message>
    <message>
        <source>Pre-label…</source>
        <translation>Pré-étiqueter…</translation>
    </message>
    <message>
        <source>Predict every row&apos;s label with a trained classification run: unlabelled rows get suggestions, and the table can be sorted by how sure the model is</source>
        <translation>Prédire l’étiquette de chaque ligne avec un entraînement de classification : les lignes sans étiquette reçoivent des suggestions, et le tableau peut être trié selon la certitude du modèle</translation>
    </message>
    <message>
        <source>Accept suggestions…</source>
        <translation>Accepter les suggestions…</translation>
    </message>
    <message>
        <source>Label every unlabelled row whose suggestion is at least this confident (one undo step)</source>
        <translation>Étiqueter chaque ligne sans étiquette dont la suggestion est au moins aussi sûre (une seule annulation)</translation>
    </message>
    <message>
        <source>Keys 1-9 set the label of the current row and move to the next unlabelled row; A accepts the model&apos;s suggestion</source>
        <translation>Les touches 1 à 9 étiquettent la ligne courante et passent à la suivante sans étiquette ; A accepte la suggestion du modèle</translation>
    </message>
    <message>
        <source>Unlabelled, uncertain first</source>
        <translation>Sans étiquette, incertaines d’abord</translation>
    </message>
    <message>
        <source>Likely label errors</source>
        <translation>Erreurs d’étiquette probables</translation>
    </message>
    <message>
        <source>Cannot pre-label</source>
        <translation>Pré-étiquetage impossible</translation>
    </message>
    <message>
        <source>Pre-labelling needs a classification dataset (a text and a label column).</source>
        <translation>Le pré-étiquetage demande un jeu de classification (une colonne de texte et une d’étiquette).</translation>
    </message>
    <message>
        <source>No finished classification run yet: train one on the labelled rows first.</source>
        <translation>Aucun entraînement de classification terminé : entraînez-en d’abord un sur les lignes étiquetées.</translation>
    </message>
    <message>
        <source>Pre-label</source>
        <translation>Pré-étiqueter</translation>
    </message>
    <message>
        <source>Predict labels with the model of run:</source>
        <translation>Prédire les étiquettes avec le modèle de l’entraînement :</translation>
    </message>
    <message>
        <source>Loading the model…</source>
        <translation>Chargement du modèle…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Predicting labels…</source>
        <translation>Prédiction des étiquettes…</translation>
    </message>
    <message numerus="yes">
        <source>Predicted %n rows with %1</source>
        <translation>
            <numerusform>%n ligne prédite avec %1</numerusform>
            <numerusform>%n lignes prédites avec %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Accept suggestions</source>
        <translation>Accepter les suggestions</translation>
    </message>
    <message>
        <source>Accept every suggestion on an unlabelled row with a confidence of at least:</source>
        <translation>Accepter chaque suggestion sur une ligne sans étiquette avec une confiance d’au moins :</translation>
    </message>
    <message numerus="yes">
        <source>Accepted %n suggestions (one undo step)</source>
        <translation>
            <numerusform>%n suggestion acceptée (une seule annulation)</numerusform>
            <numerusform>%n suggestions acceptées (une seule annulation)</numerusform>
        </translation>
    </message>
    <message>
        <source>Find likely label errors</source>
        <translation>Trouver les erreurs d’étiquette probables</translation>
    </message>
    <message>
        <source>Each labelled row is predicted by a bag-of-words model trained without it (5-fold cross-validation); the rows whose label it contradicts are listed, most confident first</source>
        <translation>Chaque ligne étiquetée est prédite par un modèle sac de mots entraîné sans elle (validation croisée à 5 plis) ; les lignes dont il contredit l’étiquette sont listées, les plus sûres d’abord</translation>
    </message>
    <message>
        <source>Labelled rows the model predicts otherwise with confidence of at least %1, the most confident first. After &quot;Find likely label errors&quot; each row was judged by a model that never trained on it; a run&apos;s model may have trained on them, which makes it agree more, not less.</source>
        <translation>Lignes étiquetées que le modèle prédit autrement avec une confiance d’au moins %1, les plus sûres d’abord. Après « Trouver les erreurs d’étiquette probables », chaque ligne a été jugée par un modèle qui ne s’est jamais entraîné sur elle ; le modèle d’un entraînement a pu s’entraîner sur elles, ce qui le rend plus d’accord, pas moins.</translation>
    </message>
    <message>
        <source>Cannot look for label errors</source>
        <translation>Impossible de chercher les erreurs d’étiquette</translation>
    </message>
    <message>
        <source>The rows need at least two different labels.</source>
        <translation>Les lignes doivent avoir au moins deux étiquettes différentes.</translation>
    </message>
    <message>
        <source>Cross-validating a bag-of-words model over the labelled rows…</source>
        <translation>Validation croisée d’un modèle sac de mots sur les lignes étiquetées…</translation>
    </message>
    <message>
        <source>a bag-of-words model, 5-fold cross-validation</source>
        <translation>un modèle sac de mots, validation croisée à 5 plis</translation>
    </message>
    <message numerus="yes">
        <source>%n rows disagree with their label</source>
        <translation>
            <numerusform>%n ligne contredit son étiquette</numerusform>
            <numerusform>%n lignes contredisent leur étiquette</numerusform>
        </translation>
    </message>
    <message>
        <source>Find likely label errors with the fine-tuned model</source>
        <translation>Trouver les erreurs d’étiquette probables avec le modèle affiné</translation>
    </message>
    <message>
        <source>Five runs of the Train page&apos;s model and settings, each holding out a fifth of the training rows and predicting it: every row judged by a fine-tuned model that never trained on it</source>
        <translation>Cinq entraînements avec le modèle et les réglages de la page Entraînement, chacun met de côté un cinquième des lignes d’entraînement et le prédit : chaque ligne est jugée par un modèle affiné qui ne s’est jamais entraîné sur elle</translation>
    </message>
    <message>
        <source>the fine-tuned model, %1-fold cross-validation</source>
        <translation>le modèle affiné, validation croisée à %1 plis</translation>
    </message>
</context>
<context>
    <name>finch::ui::DatasetTableModel</name>
    <message>
        <source>Line %1 could not be read and is kept as it is</source>
        <translation>La ligne %1 n’a pas pu être lue et est conservée telle quelle</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(vide)</translation>
    </message>
    <message>
        <source>Edit %1 of row %2</source>
        <translation>Modifier %1 de la ligne %2</translation>
    </message>
    <message>
        <source>Label row %1 as %2</source>
        <translation>Étiqueter la ligne %1 comme %2</translation>
    </message>
    <message>
        <source>Duplicate row %1</source>
        <translation>Dupliquer la ligne %1</translation>
    </message>
    <message>
        <source>Delete row %1</source>
        <translation>Supprimer la ligne %1</translation>
    </message>
    <message>
        <source>Delete %1 rows</source>
        <translation>Supprimer %1 lignes</translation>
    </message>
    <message>
        <source>Predicted by %1</source>
        <translation>Prédit par %1</translation>
    </message>
    <message>
        <source>Suggested by %1 with confidence %2: A accepts it, a digit key sets another label</source>
        <translation>Suggéré par %1 avec une confiance de %2 : A l’accepte, un chiffre choisit une autre étiquette</translation>
    </message>
    <message>
        <source>prediction</source>
        <translation>prédiction</translation>
    </message>
    <message>
        <source>confidence</source>
        <translation>confiance</translation>
    </message>
    <message>
        <source>margin</source>
        <translation>marge</translation>
    </message>
    <message numerus="yes">
        <source>Accept %n suggestions</source>
        <translation>
            <numerusform>Accepter %n suggestion</numerusform>
            <numerusform>Accepter %n suggestions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>finch::ui::EvaluatePage</name>
    <message>
        <source>Test split</source>
        <translation>Part de test</translation>
    </message>
    <message>
        <source>Validation split</source>
        <translation>Part de validation</translation>
    </message>
    <message>
        <source>Training split</source>
        <translation>Part d’entraînement</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>Évaluer</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Exécution</translation>
    </message>
    <message>
        <source>metric</source>
        <translation>métrique</translation>
    </message>
    <message>
        <source>value</source>
        <translation>valeur</translation>
    </message>
    <message>
        <source>label</source>
        <translation>étiquette</translation>
    </message>
    <message>
        <source>precision</source>
        <translation>précision</translation>
    </message>
    <message>
        <source>recall</source>
        <translation>rappel</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>support</source>
        <translation>effectif</translation>
    </message>
    <message>
        <source>input</source>
        <translation>entrée</translation>
    </message>
    <message>
        <source>reference</source>
        <translation>référence</translation>
    </message>
    <message>
        <source>prediction</source>
        <translation>prédiction</translation>
    </message>
    <message>
        <source>confidence / score</source>
        <translation>confiance / score</translation>
    </message>
    <message>
        <source>row</source>
        <translation>ligne</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>Erreurs seulement</translation>
    </message>
    <message>
        <source>not evaluated yet</source>
        <translation>pas encore évalué</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>du %1</translation>
    </message>
    <message>
        <source>evaluating…</source>
        <translation>évaluation…</translation>
    </message>
    <message>
        <source>done</source>
        <translation>terminé</translation>
    </message>
    <message>
        <source>predicted</source>
        <translation>prédit</translation>
    </message>
    <message>
        <source>true</source>
        <translation>réel</translation>
    </message>
    <message>
        <source>Each bar: the accuracy of the rows predicted with that confidence. On the diagonal, confidence means what it says; below it, the model is overconfident.</source>
        <translation>Chaque barre : l&apos;exactitude des lignes prédites avec cette confiance. Sur la diagonale, la confiance dit vrai ; en dessous, le modèle est trop sûr de lui.</translation>
    </message>
    <message>
        <source>confidence</source>
        <translation>confiance</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>exactitude</translation>
    </message>
    <message>
        <source>calibration error %1</source>
        <translation>erreur de calibration %1</translation>
    </message>
    <message>
        <source>Open these rows in the editor</source>
        <translation>Ouvrir ces lignes dans l&apos;éditeur</translation>
    </message>
    <message>
        <source>Selects the listed rows on the Data page, to check and relabel them</source>
        <translation>Sélectionne les lignes listées sur la page Données, pour les vérifier et les réétiqueter</translation>
    </message>
    <message>
        <source>Click a cell to list its rows</source>
        <translation>Cliquez sur une case pour lister ses lignes</translation>
    </message>
    <message>
        <source>Rows labelled %1 and predicted %2 (click the cell again for every row)</source>
        <translation>Lignes étiquetées %1 et prédites %2 (cliquez à nouveau sur la case pour toutes les lignes)</translation>
    </message>
    <message>
        <source>Evaluate a model as it is</source>
        <translation>Évaluer un modèle tel quel</translation>
    </message>
    <message>
        <source>The chosen model (a baseline)</source>
        <translation>Le modèle choisi (une référence)</translation>
    </message>
    <message>
        <source>The chosen model with a PEFT adapter…</source>
        <translation>Le modèle choisi avec un adaptateur PEFT…</translation>
    </message>
    <message>
        <source>PEFT LoRA adapter folder</source>
        <translation>Dossier d’adaptateur LoRA PEFT</translation>
    </message>
    <message>
        <source>A run of zero epochs on the Data page&apos;s dataset and the Model page&apos;s model: its test split evaluated without training, to compare fine-tuned runs with</source>
        <translation>Un entraînement de zéro époque sur le jeu de données de la page Données et le modèle de la page Modèle : sa partie test est évaluée sans entraînement, pour comparer les entraînements affinés</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <source>Merged model (Hugging Face folder)…</source>
        <translation>Modèle fusionné (dossier Hugging Face)…</translation>
    </message>
    <message>
        <source>LoRA adapter (PEFT folder)…</source>
        <translation>Adaptateur LoRA (dossier PEFT)…</translation>
    </message>
    <message>
        <source>Writes the run&apos;s model, loads it back and checks it against the run&apos;s model</source>
        <translation>Écrit le modèle de l’entraînement, le recharge et le vérifie par rapport au modèle de l’entraînement</translation>
    </message>
    <message>
        <source>Export the merged model to</source>
        <translation>Exporter le modèle fusionné vers</translation>
    </message>
    <message>
        <source>Export the adapter to</source>
        <translation>Exporter l’adaptateur vers</translation>
    </message>
    <message>
        <source>exporting…</source>
        <translation>export en cours…</translation>
    </message>
    <message>
        <source>Exported to %1 and loaded back: max logit difference %2 over %3 probe tokens</source>
        <translation>Exporté vers %1 et rechargé : écart maximal des logits %2 sur %3 jetons de test</translation>
    </message>
    <message>
        <source>; chat template and end-of-turn tokens checked</source>
        <translation> ; modèle de chat et jetons de fin de tour vérifiés</translation>
    </message>
    <message>
        <source>Check failed: %1</source>
        <translation>Échec de la vérification : %1</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Échec de l’export : %1</translation>
    </message>
    <message>
        <source>baseline %1</source>
        <translation>référence : %1</translation>
    </message>
</context>
<context>
    <name>finch::ui::FolderField</name>
    <message>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
</context>
<context>
    <name>finch::ui::Help</name>
    <message>
        <source>not available</source>
        <translation>non disponible</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Finch %1&lt;/h3&gt;&lt;p&gt;A native desktop studio for fine-tuning language models: label a dataset, train, evaluate and compare runs.&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;Qt&lt;/td&gt;&lt;td&gt;%2 (built with %3)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;libtorch&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;CUDA&lt;/td&gt;&lt;td&gt;%5&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Devices&lt;/td&gt;&lt;td&gt;%6&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;BLAS&lt;/td&gt;&lt;td&gt;%7&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;p&gt;&lt;a href=&quot;%8&quot;&gt;User guide&lt;/a&gt;&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Finch %1&lt;/h3&gt;&lt;p&gt;Un studio de bureau natif pour affiner des modèles de langage : étiqueter un jeu de données, entraîner, évaluer et comparer des exécutions.&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;Qt&lt;/td&gt;&lt;td&gt;%2 (compilé avec %3)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;libtorch&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;CUDA&lt;/td&gt;&lt;td&gt;%5&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Périphériques&lt;/td&gt;&lt;td&gt;%6&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;BLAS&lt;/td&gt;&lt;td&gt;%7&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;p&gt;&lt;a href=&quot;%8&quot;&gt;Guide de l’utilisateur&lt;/a&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About Finch</source>
        <translation>À propos de Finch</translation>
    </message>
    <message>
        <source>User guide</source>
        <translation>Guide de l’utilisateur</translation>
    </message>
    <message>
        <source>The user guide (USER_GUIDE.md) is not installed next to Finch.</source>
        <translation>Le guide de l’utilisateur (USER_GUIDE.md) n’est pas installé à côté de Finch.</translation>
    </message>
    <message>
        <source>Finch user guide</source>
        <translation>Guide de l’utilisateur de Finch</translation>
    </message>
</context>
<context>
    <name>finch::ui::HubDownloadDialog</name>
    <message>
        <source>Download a model from the Hugging Face Hub</source>
        <translation>Télécharger un modèle depuis le Hugging Face Hub</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Télécharger</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Licence</translation>
    </message>
    <message>
        <source>Access</source>
        <translation>Accès</translation>
    </message>
    <message>
        <source>%1 M</source>
        <translation>%1 M</translation>
    </message>
    <message>
        <source>%1 B</source>
        <translation>%1 Md</translation>
    </message>
    <message>
        <source>≈ %1</source>
        <translation>≈ %1</translation>
    </message>
    <message>
        <source>gated: needs a token</source>
        <translation>restreint : jeton requis</translation>
    </message>
    <message>
        <source>open</source>
        <translation>libre</translation>
    </message>
    <message>
        <source>Accept the model&apos;s conditions on its Hub page while signed in, then give a token below</source>
        <translation>Acceptez les conditions du modèle sur sa page du Hub en étant connecté, puis donnez un jeton ci-dessous</translation>
    </message>
    <message>
        <source>ORGANISATION/NAME, e.g. HuggingFaceTB/SmolLM2-135M-Instruct</source>
        <translation>ORGANISATION/NOM, p. ex. HuggingFaceTB/SmolLM2-135M-Instruct</translation>
    </message>
    <message>
        <source>only for gated or private models (hf_…)</source>
        <translation>seulement pour les modèles restreints ou privés (hf_…)</translation>
    </message>
    <message>
        <source>a saved token is used; type another to replace it</source>
        <translation>un jeton enregistré est utilisé ; saisissez-en un autre pour le remplacer</translation>
    </message>
    <message>
        <source>Save the token (readable by you only, where huggingface_hub keeps it)</source>
        <translation>Enregistrer le jeton (lisible par vous seul, là où huggingface_hub le garde)</translation>
    </message>
    <message>
        <source>Repository</source>
        <translation>Dépôt</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Révision</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Jeton</translation>
    </message>
    <message>
        <source>Files go to %1, where Python tools find them too.</source>
        <translation>Les fichiers vont dans %1, où les outils Python les trouvent aussi.</translation>
    </message>
    <message>
        <source>Small models that fine-tune on a laptop. Pick one, or type any repository id.</source>
        <translation>Des petits modèles qui s’affinent sur un portable. Choisissez-en un, ou saisissez l’identifiant d’un dépôt.</translation>
    </message>
    <message>
        <source>Cancel download</source>
        <translation>Annuler le téléchargement</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>The token was not saved: %1</source>
        <translation>Le jeton n’a pas été enregistré : %1</translation>
    </message>
    <message>
        <source>Asking %1 for %2…</source>
        <translation>Demande de %2 à %1…</translation>
    </message>
    <message>
        <source>%1 (file %2 of %3) · %4 of %5 · %6/s</source>
        <translation>%1 (fichier %2 sur %3) · %4 sur %5 · %6/s</translation>
    </message>
    <message>
        <source>Downloaded to %1</source>
        <translation>Téléchargé dans %1</translation>
    </message>
    <message>
        <source>Cancelled. What was fetched is kept: downloading again resumes it.</source>
        <translation>Annulé. Ce qui a été reçu est conservé : un nouveau téléchargement reprend là.</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
</context>
<context>
    <name>finch::ui::LossChart</name>
    <message>
        <source>step</source>
        <translation>étape</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>perte</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>taux d’apprentissage</translation>
    </message>
    <message>
        <source>training loss</source>
        <translation>perte d’entraînement</translation>
    </message>
    <message>
        <source>training loss (smoothed)</source>
        <translation>perte d’entraînement (lissée)</translation>
    </message>
    <message>
        <source>validation loss</source>
        <translation>perte de validation</translation>
    </message>
</context>
<context>
    <name>finch::ui::MainWindow</name>
    <message>
        <source>&amp;Data</source>
        <translation>Donnée&amp;s</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>&amp;Modèle</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>&amp;Entraînement</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>&amp;Comparaison</translation>
    </message>
    <message>
        <source>&amp;Playground</source>
        <translation>&amp;Bac à sable</translation>
    </message>
    <message>
        <source>CUDA available · libtorch %1</source>
        <translation>CUDA disponible · libtorch %1</translation>
    </message>
    <message>
        <source>CPU · libtorch %1</source>
        <translation>CPU · libtorch %1</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Inactif</translation>
    </message>
    <message>
        <source>Slow reference BLAS in use: install libopenblas0-pthread for ~28x faster training</source>
        <translation>BLAS de référence lent en service : installez libopenblas0-pthread pour un entraînement environ 28 fois plus rapide</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>Open &amp;workspace…</source>
        <translation>Ouvrir un &amp;espace de travail…</translation>
    </message>
    <message>
        <source>Workspace folder</source>
        <translation>Dossier de l’espace de travail</translation>
    </message>
    <message>
        <source>Recent workspaces</source>
        <translation>Espaces de travail récents</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <source>Pre&amp;ferences…</source>
        <translation>&amp;Préférences…</translation>
    </message>
    <message>
        <source>D&amp;ata</source>
        <translation>D&amp;onnées</translation>
    </message>
    <message>
        <source>T&amp;raining</source>
        <translation>En&amp;traînement</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Démarrer</translation>
    </message>
    <message>
        <source>&amp;Pause / Resume</source>
        <translation>&amp;Pause / Reprise</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>&amp;Arrêter</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>Affic&amp;hage</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;ide</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>&amp;Guide de l’utilisateur</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Raccourcis clavier</translation>
    </message>
    <message>
        <source>&amp;About Finch</source>
        <translation>À &amp;propos de Finch</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>À propos de &amp;Qt</translation>
    </message>
    <message>
        <source>no dataset</source>
        <translation>aucun jeu de données</translation>
    </message>
    <message>
        <source>%1[*] — %2 — Finch</source>
        <translation>%1[*] — %2 — Finch</translation>
    </message>
    <message>
        <source>Training is running</source>
        <translation>Entraînement en cours</translation>
    </message>
    <message>
        <source>Stop the training and quit? Finch saves a checkpoint first, so the run can be resumed later.</source>
        <translation>Arrêter l’entraînement et quitter ? Finch enregistre d’abord un point de contrôle pour que l’exécution puisse reprendre plus tard.</translation>
    </message>
    <message>
        <source>Saving a checkpoint…</source>
        <translation>Enregistrement d’un point de contrôle…</translation>
    </message>
    <message>
        <source>Eva&amp;luate</source>
        <translation>É&amp;valuation</translation>
    </message>
    <message>
        <source>Loading libtorch…</source>
        <translation>Chargement de libtorch…</translation>
    </message>
    <message>
        <source>libtorch not loaded</source>
        <translation>libtorch non chargée</translation>
    </message>
    <message>
        <source>Training is unavailable: %1</source>
        <translation>L’entraînement est indisponible : %1</translation>
    </message>
    <message>
        <source>A pretrained model from the Hugging Face cache is chosen, with LoRA</source>
        <translation>Un modèle préentraîné du cache Hugging Face est choisi, avec LoRA</translation>
    </message>
</context>
<context>
    <name>finch::ui::ModelPage</name>
    <message>
        <source>Open Hugging Face folder…</source>
        <translation>Ouvrir un dossier Hugging Face…</translation>
    </message>
    <message>
        <source>Full fine-tuning</source>
        <translation>Affinage complet</translation>
    </message>
    <message>
        <source>LoRA (r = 8 on q, v)</source>
        <translation>LoRA (r = 8 sur q, v)</translation>
    </message>
    <message>
        <source>Frozen body (last 2 layers)</source>
        <translation>Corps gelé (2 dernières couches)</translation>
    </message>
    <message>
        <source>Training memory (float32)</source>
        <translation>Mémoire d’entraînement (float32)</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Méthode</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Taille de lot</translation>
    </message>
    <message>
        <source>Sequence length</source>
        <translation>Longueur de séquence</translation>
    </message>
    <message>
        <source>Where training runs: the CPU, or a CUDA device when this libtorch has CUDA</source>
        <translation>Où l’entraînement s’exécute : le processeur, ou un périphérique CUDA si cette libtorch prend en charge CUDA</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Périphérique</translation>
    </message>
    <message>
        <source>Hugging Face model folder</source>
        <translation>Dossier de modèle Hugging Face</translation>
    </message>
    <message>
        <source>&lt;b&gt;Cannot use %1&lt;/b&gt;&lt;br&gt;%2</source>
        <translation>&lt;b&gt;Impossible d’utiliser %1&lt;/b&gt;&lt;br&gt;%2</translation>
    </message>
    <message>
        <source>&lt;h3&gt;%1&lt;/h3&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;Architecture&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Parameters&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Layers&lt;/td&gt;&lt;td&gt;%4 (hidden %5, MLP %6)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Attention heads&lt;/td&gt;&lt;td&gt;%7 (key/value %8, head dim %9)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Vocabulary&lt;/td&gt;&lt;td&gt;%10%11&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Context length&lt;/td&gt;&lt;td&gt;%12 tokens&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Weights&lt;/td&gt;&lt;td&gt;%13&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation>&lt;h3&gt;%1&lt;/h3&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;Architecture&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Paramètres&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Couches&lt;/td&gt;&lt;td&gt;%4 (cachée %5, MLP %6)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Têtes d’attention&lt;/td&gt;&lt;td&gt;%7 (clé/valeur %8, dimension de tête %9)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Vocabulaire&lt;/td&gt;&lt;td&gt;%10%11&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Longueur de contexte&lt;/td&gt;&lt;td&gt;%12 jetons&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Poids&lt;/td&gt;&lt;td&gt;%13&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
    </message>
    <message>
        <source> (trained on your data, up to this size)</source>
        <translation> (appris sur vos données, jusqu’à cette taille)</translation>
    </message>
    <message>
        <source>, tied embeddings</source>
        <translation>, plongements liés</translation>
    </message>
    <message>
        <source>weights %1 · gradients %2 · optimizer %3 · activations %4&lt;br&gt;&lt;b&gt;total %5&lt;/b&gt; (%6 trainable parameters)</source>
        <translation>poids %1 · gradients %2 · optimiseur %3 · activations %4&lt;br&gt;&lt;b&gt;total %5&lt;/b&gt; (%6 paramètres entraînables)</translation>
    </message>
    <message>
        <source>Tokenizer: SentencePiece, trained on your data when the run starts</source>
        <translation>Tokeniseur : SentencePiece, entraîné sur vos données au lancement de l’exécution</translation>
    </message>
    <message>
        <source>Tokenizer: %1, %2 pieces</source>
        <translation>Tokeniseur : %1, %2 pièces</translation>
    </message>
    <message>
        <source>Special tokens: %1</source>
        <translation>Jetons spéciaux : %1</translation>
    </message>
    <message>
        <source>Tokenizer: %1</source>
        <translation>Tokeniseur : %1</translation>
    </message>
    <message>
        <source>Chat template: %1; training rows and the Playground&apos;s chat go through it. A turn looks like:</source>
        <translation>Modèle de chat : %1 ; les lignes d&apos;entraînement et le chat du Playground passent par lui. Un échange ressemble à ceci :</translation>
    </message>
    <message>
        <source>Chat template: none (rows are formatted with the prompt templates)</source>
        <translation>Modèle de chat : aucun (les lignes sont mises en forme avec les modèles de prompt)</translation>
    </message>
    <message>
        <source>Chat template refused: %1</source>
        <translation>Modèle de chat refusé : %1</translation>
    </message>
    <message>
        <source>Built-in presets (trained from scratch)</source>
        <translation>Préréglages intégrés (entraînés de zéro)</translation>
    </message>
    <message>
        <source>Hugging Face cache: looking…</source>
        <translation>Cache Hugging Face : recherche…</translation>
    </message>
    <message>
        <source>Recent folders</source>
        <translation>Dossiers récents</translation>
    </message>
    <message>
        <source>Hugging Face cache: no causal language models</source>
        <translation>Cache Hugging Face : aucun modèle de langage causal</translation>
    </message>
    <message>
        <source>Hugging Face cache</source>
        <translation>Cache Hugging Face</translation>
    </message>
    <message>
        <source>%1 · %2 parameters · %3</source>
        <translation>%1 · %2 paramètres · %3</translation>
    </message>
    <message>
        <source>not supported</source>
        <translation>non pris en charge</translation>
    </message>
    <message>
        <source>Download from the Hugging Face Hub…</source>
        <translation>Télécharger depuis le Hugging Face Hub…</translation>
    </message>
    <message>
        <source>Built-in presets train from scratch with a tokenizer trained on your data. A pretrained model from the Hugging Face cache or a folder (Llama, Mistral, Qwen, Phi, Gemma) is fine-tuned, which is what gives real accuracy: download one from the Hub when the cache has none.</source>
        <translation>Les préréglages intégrés s’entraînent de zéro avec un tokenizer entraîné sur vos données. Un modèle préentraîné du cache Hugging Face ou d’un dossier (Llama, Mistral, Qwen, Phi, Gemma) est affiné, ce qui donne une vraie précision : téléchargez-en un depuis le Hub si le cache n’en a pas.</translation>
    </message>
</context>
<context>
    <name>finch::ui::PlaygroundPage</name>
    <message>
        <source>Type a prompt, or for a classification run a text to classify</source>
        <translation>Saisissez une invite, ou pour une exécution de classification un texte à classer</translation>
    </message>
    <message>
        <source>Greedy</source>
        <translation>Glouton</translation>
    </message>
    <message>
        <source>Wrap in the run&apos;s prompt template</source>
        <translation>Insérer dans le modèle d’invite de l’exécution</translation>
    </message>
    <message>
        <source>Shows the model the prompt as training did, e.g. &quot;{text}\nLabel:&quot;</source>
        <translation>Présente l’invite au modèle comme à l’entraînement, par ex. &quot;{text}\nLabel:&quot;</translation>
    </message>
    <message>
        <source>0: no limit</source>
        <translation>0 : sans limite</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Générer</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>Classify</source>
        <translation>Classer</translation>
    </message>
    <message>
        <source>label</source>
        <translation>étiquette</translation>
    </message>
    <message>
        <source>probability</source>
        <translation>probabilité</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Température</translation>
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
        <translation>Pénalité de répétition</translation>
    </message>
    <message>
        <source>Max new tokens</source>
        <translation>Nouveaux jetons max.</translation>
    </message>
    <message>
        <source>Label probabilities</source>
        <translation>Probabilités des étiquettes</translation>
    </message>
    <message>
        <source>stopped: %1</source>
        <translation>arrêté : %1</translation>
    </message>
    <message>
        <source>classified</source>
        <translation>classé</translation>
    </message>
    <message>
        <source>run %1</source>
        <translation>exécution %1</translation>
    </message>
    <message>
        <source>base model %1</source>
        <translation>modèle de base %1</translation>
    </message>
    <message>
        <source>Train a run first, or choose a Hugging Face folder on the Model page</source>
        <translation>Entraînez d’abord une exécution, ou choisissez un dossier Hugging Face sur la page Modèle</translation>
    </message>
    <message>
        <source>generating…</source>
        <translation>génération…</translation>
    </message>
    <message>
        <source>Choose a classification run</source>
        <translation>Choisissez une exécution de classification</translation>
    </message>
    <message>
        <source>classifying…</source>
        <translation>classification…</translation>
    </message>
    <message>
        <source>Chat (with the model&apos;s chat template)</source>
        <translation>Chat (avec le modèle de chat du modèle)</translation>
    </message>
    <message>
        <source>Each message goes to the model with the conversation so far, rendered by the model&apos;s own chat template</source>
        <translation>Chaque message part vers le modèle avec la conversation jusqu&apos;ici, mise en forme par le modèle de chat du modèle</translation>
    </message>
    <message>
        <source>New chat</source>
        <translation>Nouveau chat</translation>
    </message>
    <message>
        <source>Write a message; Ctrl+G sends it</source>
        <translation>Écrivez un message ; Ctrl+G l&apos;envoie</translation>
    </message>
    <message>
        <source>Write a message first</source>
        <translation>Écrivez d&apos;abord un message</translation>
    </message>
    <message>
        <source>▸ You</source>
        <translation>▸ Vous</translation>
    </message>
    <message>
        <source>▸ Model</source>
        <translation>▸ Modèle</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>A PEFT LoRA adapter folder (from Finch, PEFT or another tool) applied to the base model</source>
        <translation>Un dossier d’adaptateur LoRA PEFT (de Finch, de PEFT ou d’un autre outil) appliqué au modèle de base</translation>
    </message>
    <message>
        <source>PEFT LoRA adapter folder</source>
        <translation>Dossier d’adaptateur LoRA PEFT</translation>
    </message>
    <message>
        <source>Adapter</source>
        <translation>Adaptateur</translation>
    </message>
</context>
<context>
    <name>finch::ui::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Préférences</translation>
    </message>
    <message>
        <source>System default (%1)</source>
        <translation>Langue du système (%1)</translation>
    </message>
    <message>
        <source>The device new runs train on</source>
        <translation>Le périphérique sur lequel s’entraînent les nouvelles exécutions</translation>
    </message>
    <message>
        <source>The last workspace used</source>
        <translation>Le dernier espace de travail utilisé</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>Default workspace</source>
        <translation>Espace de travail par défaut</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>How often unsaved dataset edits are copied to a recovery file</source>
        <translation>Fréquence de copie des modifications non enregistrées dans un fichier de récupération</translation>
    </message>
    <message>
        <source>CPU threads new runs train with</source>
        <translation>Threads CPU utilisés par les nouvelles exécutions</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>Default &amp;device</source>
        <translation>&amp;Périphérique par défaut</translation>
    </message>
    <message>
        <source>Default &amp;workspace</source>
        <translation>&amp;Espace de travail par défaut</translation>
    </message>
    <message>
        <source>&amp;Autosave every</source>
        <translation>Enregistrement &amp;automatique toutes les</translation>
    </message>
    <message>
        <source>CPU &amp;threads for training</source>
        <translation>&amp;Threads CPU pour l’entraînement</translation>
    </message>
    <message>
        <source>A new language applies the next time Finch starts.</source>
        <translation>Une nouvelle langue s’applique au prochain démarrage de Finch.</translation>
    </message>
    <message>
        <source>Automatic (%1: every core but one)</source>
        <translation>Automatique (%1 : tous les cœurs sauf un)</translation>
    </message>
</context>
<context>
    <name>finch::ui::RunConfigForm</name>
    <message>
        <source>Basics</source>
        <translation>Essentiel</translation>
    </message>
    <message>
        <source>Optimizer steps to train; -1 uses the epochs instead</source>
        <translation>Étapes d’optimisation à effectuer ; -1 utilise plutôt les époques</translation>
    </message>
    <message>
        <source>Rows per micro-batch</source>
        <translation>Lignes par micro-lot</translation>
    </message>
    <message>
        <source>Micro-batches per optimizer step (effective batch = batch x accumulation)</source>
        <translation>Micro-lots par étape d’optimisation (lot effectif = lot × accumulation)</translation>
    </message>
    <message>
        <source>Tokens per example; longer prompts are cut from their start</source>
        <translation>Jetons par exemple ; les invites plus longues sont tronquées par le début</translation>
    </message>
    <message>
        <source>Fixes the split, the initial weights, the order of the rows and dropout</source>
        <translation>Fixe le partage, les poids initiaux, l’ordre des lignes et le dropout</translation>
    </message>
    <message>
        <source>Pack examples end to end</source>
        <translation>Concaténer les exemples bout à bout</translation>
    </message>
    <message>
        <source>Fills every sequence to the maximum length instead of padding each batch</source>
        <translation>Remplit chaque séquence jusqu’à la longueur maximale au lieu de compléter chaque lot</translation>
    </message>
    <message>
        <source>default for the dataset&apos;s kind</source>
        <translation>valeur par défaut pour ce type de jeu de données</translation>
    </message>
    <message>
        <source>Fields in braces, e.g. {text}\nLabel: ; a [[...]] section disappears when its fields are empty</source>
        <translation>Champs entre accolades, par ex. {text}\nLabel: ; une section [[...]] disparaît quand ses champs sont vides</translation>
    </message>
    <message>
        <source>Loss on the prompt too</source>
        <translation>Perte aussi sur l’invite</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Époques</translation>
    </message>
    <message>
        <source>Max steps</source>
        <translation>Étapes max.</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Taille de lot</translation>
    </message>
    <message>
        <source>Gradient accumulation</source>
        <translation>Accumulation de gradient</translation>
    </message>
    <message>
        <source>Max sequence length</source>
        <translation>Longueur de séquence max.</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Graine</translation>
    </message>
    <message>
        <source>Prompt template</source>
        <translation>Modèle d’invite</translation>
    </message>
    <message>
        <source>Completion template</source>
        <translation>Modèle de réponse</translation>
    </message>
    <message>
        <source>Optimizer and schedule</source>
        <translation>Optimiseur et planification</translation>
    </message>
    <message>
        <source>AdamW: decoupled weight decay, none on norms and biases. SGD: with momentum</source>
        <translation>AdamW : décroissance des poids découplée, aucune sur les normes et les biais. SGD : avec moment</translation>
    </message>
    <message>
        <source>Peak learning rate, e.g. 3e-3 for presets from scratch, 2e-4 for LoRA</source>
        <translation>Taux d’apprentissage maximal, par ex. 3e-3 pour les modèles intégrés entraînés de zéro, 2e-4 pour LoRA</translation>
    </message>
    <message>
        <source>How the learning rate changes after warm-up</source>
        <translation>Évolution du taux d’apprentissage après l’échauffement</translation>
    </message>
    <message>
        <source>Steps of linear warm-up from 0 (overrides the ratio)</source>
        <translation>Étapes d’échauffement linéaire depuis 0 (prime sur la proportion)</translation>
    </message>
    <message>
        <source>Warm-up as a share of all steps</source>
        <translation>Échauffement en proportion de toutes les étapes</translation>
    </message>
    <message>
        <source>Decoupled weight decay (AdamW) or L2 (SGD)</source>
        <translation>Décroissance des poids découplée (AdamW) ou L2 (SGD)</translation>
    </message>
    <message>
        <source>Clip the global gradient norm to this; 0 turns clipping off</source>
        <translation>Écrête la norme globale du gradient à cette valeur ; 0 désactive l’écrêtage</translation>
    </message>
    <message>
        <source>AdamW beta1</source>
        <translation>AdamW bêta1</translation>
    </message>
    <message>
        <source>AdamW beta2</source>
        <translation>AdamW bêta2</translation>
    </message>
    <message>
        <source>SGD momentum</source>
        <translation>Moment SGD</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>Optimiseur</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Taux d’apprentissage</translation>
    </message>
    <message>
        <source>Scheduler</source>
        <translation>Planificateur</translation>
    </message>
    <message>
        <source>Warm-up steps</source>
        <translation>Étapes d’échauffement</translation>
    </message>
    <message>
        <source>Warm-up ratio</source>
        <translation>Proportion d’échauffement</translation>
    </message>
    <message>
        <source>Weight decay</source>
        <translation>Décroissance des poids</translation>
    </message>
    <message>
        <source>Max gradient norm</source>
        <translation>Norme de gradient max.</translation>
    </message>
    <message>
        <source>Beta 1 / beta 2</source>
        <translation>Bêta 1 / bêta 2</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>Moment</translation>
    </message>
    <message>
        <source>Method and LoRA</source>
        <translation>Méthode et LoRA</translation>
    </message>
    <message>
        <source>Full: every weight trains. LoRA: small adapters beside the chosen projections. Frozen body: only the last layers and the head</source>
        <translation>Complet : tous les poids s’entraînent. LoRA : de petits adaptateurs à côté des projections choisies. Corps gelé : seulement les dernières couches et la tête</translation>
    </message>
    <message>
        <source>Rank r of the adapters</source>
        <translation>Rang r des adaptateurs</translation>
    </message>
    <message>
        <source>Scale alpha: the update is scaled by alpha / r</source>
        <translation>Échelle alpha : la mise à jour est multipliée par alpha / r</translation>
    </message>
    <message>
        <source>Dropout on the adapters&apos; input</source>
        <translation>Dropout sur l’entrée des adaptateurs</translation>
    </message>
    <message>
        <source>rsLoRA scaling (alpha / sqrt(r))</source>
        <translation>Mise à l’échelle rsLoRA (alpha / sqrt(r))</translation>
    </message>
    <message>
        <source>Frozen body: how many of the last layers train</source>
        <translation>Corps gelé : nombre de dernières couches entraînées</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Méthode</translation>
    </message>
    <message>
        <source>LoRA rank</source>
        <translation>Rang LoRA</translation>
    </message>
    <message>
        <source>LoRA alpha</source>
        <translation>Alpha LoRA</translation>
    </message>
    <message>
        <source>LoRA dropout</source>
        <translation>Dropout LoRA</translation>
    </message>
    <message>
        <source>Target modules</source>
        <translation>Modules ciblés</translation>
    </message>
    <message>
        <source>Trainable layers</source>
        <translation>Couches entraînables</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Précision numérique</translation>
    </message>
    <message>
        <source>Where the model trains</source>
        <translation>Où le modèle s’entraîne</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Périphérique</translation>
    </message>
    <message>
        <source>CPU threads</source>
        <translation>Threads CPU</translation>
    </message>
    <message>
        <source>Evaluation and checkpoints</source>
        <translation>Évaluation et points de contrôle</translation>
    </message>
    <message>
        <source>Share of the rows held out for the validation loss</source>
        <translation>Part des lignes réservée à la perte de validation</translation>
    </message>
    <message>
        <source>Share of the rows held out for the test metrics</source>
        <translation>Part des lignes réservée aux métriques de test</translation>
    </message>
    <message>
        <source>Report the training loss every N steps</source>
        <translation>Signaler la perte d’entraînement toutes les N étapes</translation>
    </message>
    <message>
        <source>Validation loss every N steps; 0: at the end of each epoch</source>
        <translation>Perte de validation toutes les N étapes ; 0 : à la fin de chaque époque</translation>
    </message>
    <message>
        <source>Checkpoint every N steps; 0: at the end of each epoch</source>
        <translation>Point de contrôle toutes les N étapes ; 0 : à la fin de chaque époque</translation>
    </message>
    <message>
        <source>Keep only the newest N checkpoints</source>
        <translation>Ne garder que les N points de contrôle les plus récents</translation>
    </message>
    <message>
        <source>Stop after this many evaluations without a better validation loss; 0: never</source>
        <translation>Arrêter après ce nombre d’évaluations sans meilleure perte de validation ; 0 : jamais</translation>
    </message>
    <message>
        <source>Load the best checkpoint at the end</source>
        <translation>Charger le meilleur point de contrôle à la fin</translation>
    </message>
    <message>
        <source>Validation split</source>
        <translation>Part de validation</translation>
    </message>
    <message>
        <source>Test split</source>
        <translation>Part de test</translation>
    </message>
    <message>
        <source>Logging steps</source>
        <translation>Étapes de journalisation</translation>
    </message>
    <message>
        <source>Evaluation steps</source>
        <translation>Étapes d’évaluation</translation>
    </message>
    <message>
        <source>Save steps</source>
        <translation>Étapes d’enregistrement</translation>
    </message>
    <message>
        <source>Checkpoints kept</source>
        <translation>Points de contrôle conservés</translation>
    </message>
    <message>
        <source>Early stopping patience</source>
        <translation>Patience de l’arrêt anticipé</translation>
    </message>
    <message>
        <source>Quick look</source>
        <translation>Aperçu rapide</translation>
    </message>
    <message>
        <source>Balanced</source>
        <translation>Équilibré</translation>
    </message>
    <message>
        <source>Thorough</source>
        <translation>Approfondi</translation>
    </message>
    <message>
        <source>CPU threads for training; 0: every core but one, so the window stays responsive</source>
        <translation>Threads CPU pour l’entraînement ; 0 : tous les cœurs sauf un, pour que la fenêtre reste réactive</translation>
    </message>
    <message>
        <source>Passes over the training rows; 0 trains nothing and evaluates the model (and adapter) as it is</source>
        <translation>Passages sur les lignes d’entraînement ; 0 n’entraîne rien et évalue le modèle (et l’adaptateur) tel quel</translation>
    </message>
    <message>
        <source>0 (evaluate as it is)</source>
        <translation>0 (évaluer tel quel)</translation>
    </message>
    <message>
        <source>none: new adapters</source>
        <translation>aucun : nouveaux adaptateurs</translation>
    </message>
    <message>
        <source>LoRA: a PEFT adapter folder (made by Finch, PEFT or another tool) to start from, with its own rank, alpha and targets; with 0 epochs, to evaluate it as it is</source>
        <translation>LoRA : un dossier d’adaptateur PEFT (fait par Finch, PEFT ou un autre outil) comme point de départ, avec son propre rang, alpha et cibles ; avec 0 époque, pour l’évaluer tel quel</translation>
    </message>
    <message>
        <source>PEFT LoRA adapter folder</source>
        <translation>Dossier d’adaptateur LoRA PEFT</translation>
    </message>
    <message>
        <source>Start from adapter</source>
        <translation>Partir d’un adaptateur</translation>
    </message>
    <message>
        <source>bf16 is autocast with float32 weights, on CUDA and (with libtorch 2.x) on the CPU; fp16 is autocast on CUDA</source>
        <translation>bf16 est un autocast avec des poids float32, sur CUDA et (avec libtorch 2.x) sur le CPU ; fp16 est un autocast sur CUDA</translation>
    </message>
    <message>
        <source>Recompute activations in the backward pass</source>
        <translation>Recalculer les activations pendant la rétropropagation</translation>
    </message>
    <message>
        <source>Gradient checkpointing: each layer keeps only its input, for about a third more compute; the gradients are the same</source>
        <translation>Gradient checkpointing : chaque couche ne garde que son entrée, pour environ un tiers de calcul en plus ; les gradients sont les mêmes</translation>
    </message>
    <message>
        <source>Precision and devices</source>
        <translation>Précision et appareils</translation>
    </message>
    <message>
        <source>Data-parallel training in this many processes, as finch train --nproc-per-node: each trains on its own rows of every batch, so the batch per step is this many times the batch size; on GPUs, one process each. A run resumes with as many.</source>
        <translation>Entraînement parallèle sur les données dans ce nombre de processus, comme finch train --nproc-per-node : chacun s’entraîne sur ses propres lignes de chaque lot, le lot par pas vaut donc ce nombre de fois la taille de lot ; sur GPU, un processus chacun. Une exécution reprend avec autant.</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>Processus</translation>
    </message>
    <message>
        <source>all %1 GPUs, a process each</source>
        <translation>les %1 GPU, un processus chacun</translation>
    </message>
</context>
<context>
    <name>finch::ui::ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <source>Label the selected row with label 1–9 and go to the next row (Data page)</source>
        <translation>Attribuer l’étiquette 1 à 9 à la ligne sélectionnée et passer à la suivante (page Données)</translation>
    </message>
    <message>
        <source>Edit the selected cell (Data page)</source>
        <translation>Modifier la cellule sélectionnée (page Données)</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Raccourci</translation>
    </message>
</context>
<context>
    <name>finch::ui::TrainPage</name>
    <message>
        <source>Presets…</source>
        <translation>Préréglages…</translation>
    </message>
    <message>
        <source>Load…</source>
        <translation>Charger…</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Enregistrer…</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Démarrer</translation>
    </message>
    <message>
        <source>Start training (Ctrl+Enter)</source>
        <translation>Démarrer l’entraînement (Ctrl+Entrée)</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>Stop after the current step and save a checkpoint</source>
        <translation>Arrêter après l’étape en cours et enregistrer un point de contrôle</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>Échelle logarithmique</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Ajuster</translation>
    </message>
    <message>
        <source>Load run configuration</source>
        <translation>Charger une configuration d’exécution</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Save run configuration</source>
        <translation>Enregistrer la configuration d’exécution</translation>
    </message>
    <message>
        <source>&lt;b&gt;Data&lt;/b&gt; %1 &amp;nbsp; &lt;b&gt;Model&lt;/b&gt; %2</source>
        <translation>&lt;b&gt;Données&lt;/b&gt; %1 &amp;nbsp; &lt;b&gt;Modèle&lt;/b&gt; %2</translation>
    </message>
    <message>
        <source>(open a dataset on the Data page)</source>
        <translation>(ouvrez un jeu de données sur la page Données)</translation>
    </message>
    <message>
        <source>Starting %1 on %2</source>
        <translation>Démarrage de %1 sur %2</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Entraînement</translation>
    </message>
    <message>
        <source>Stopping after the current step…</source>
        <translation>Arrêt après l’étape en cours…</translation>
    </message>
    <message>
        <source>Loaded %1</source>
        <translation>%1 chargé</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 enregistré</translation>
    </message>
    <message>
        <source>step %1 of %2 · epoch %3 · loss %4 · %5 tokens/s · ETA %6</source>
        <translation>étape %1 sur %2 · époque %3 · perte %4 · %5 jetons/s · reste %6</translation>
    </message>
    <message>
        <source>step %1: validation loss %2</source>
        <translation>étape %1 : perte de validation %2</translation>
    </message>
    <message>
        <source>checkpoint %1</source>
        <translation>point de contrôle %1</translation>
    </message>
    <message>
        <source>paused at step %1</source>
        <translation>en pause à l’étape %1</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pause</translation>
    </message>
    <message>
        <source>resumed</source>
        <translation>repris</translation>
    </message>
    <message>
        <source>%1: %2 %3</source>
        <translation>%1 : %2 %3</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Arrêté</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échec</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation>erreur : %1</translation>
    </message>
    <message>
        <source>Continue a run…</source>
        <translation>Poursuivre un entraînement…</translation>
    </message>
    <message>
        <source>Resume a stopped or interrupted run, or train a finished one for more epochs</source>
        <translation>Reprendre un entraînement arrêté ou interrompu, ou entraîner un entraînement terminé pendant plus d’époques</translation>
    </message>
    <message>
        <source>Continue a run</source>
        <translation>Poursuivre un entraînement</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>No run to continue in %1</source>
        <translation>Aucun entraînement à poursuivre dans %1</translation>
    </message>
    <message>
        <source>none: resume where it stopped</source>
        <translation>aucune : reprendre là où il s’est arrêté</translation>
    </message>
    <message>
        <source>A finished run trains on from its last step; the learning-rate schedule is laid out again over the new number of epochs.</source>
        <translation>Un entraînement terminé continue depuis sa dernière étape ; le calendrier du taux d’apprentissage est recalculé sur le nouveau nombre d’époques.</translation>
    </message>
    <message>
        <source>The run goes on from its newest checkpoint, exactly as if it had not stopped.</source>
        <translation>L’entraînement reprend depuis son dernier checkpoint, exactement comme s’il ne s’était pas arrêté.</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Poursuivre</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Entraînement</translation>
    </message>
    <message>
        <source>More epochs</source>
        <translation>Époques en plus</translation>
    </message>
    <message>
        <source>Training %1 for %2 more epochs</source>
        <translation>Entraînement de %1 pendant %2 époques de plus</translation>
    </message>
    <message>
        <source>Resuming %1</source>
        <translation>Reprise de %1</translation>
    </message>
    <message>
        <source>Go on in the same run</source>
        <translation>Continuer dans le même entraînement</translation>
    </message>
    <message>
        <source>Start a new run from its weights, on the current data and settings</source>
        <translation>Lancer un nouvel entraînement depuis ses poids, avec les données et réglages actuels</translation>
    </message>
    <message>
        <source>After labelling more rows: the new run starts from the weights this one ended with (its adapter, for LoRA), and its run.json names them.</source>
        <translation>Après avoir étiqueté d’autres lignes : le nouvel entraînement part des poids de celui-ci (de son adaptateur, pour LoRA), et son run.json les nomme.</translation>
    </message>
    <message>
        <source>How</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>cross-validation stopped: a fold&apos;s run did not complete</source>
        <translation>validation croisée arrêtée : l’entraînement d’un pli n’a pas abouti</translation>
    </message>
    <message>
        <source>Cross-validation: %1 runs, each holding out one of %1 folds of the training rows and predicting it</source>
        <translation>Validation croisée : %1 entraînements, chacun met de côté un des %1 plis des lignes d’entraînement et le prédit</translation>
    </message>
    <message>
        <source>in %1 processes, as it started</source>
        <translation>dans %1 processus, comme au départ</translation>
    </message>
    <message>
        <source>Starting %1 on %2 in %3 processes</source>
        <translation>Démarrage de %1 sur %2 dans %3 processus</translation>
    </message>
    <message>
        <source>A run in several processes cannot pause: stop it, and continue it later from its checkpoint</source>
        <translation>Une exécution en plusieurs processus ne peut pas se mettre en pause : arrêtez-la, puis reprenez-la plus tard depuis son point de contrôle</translation>
    </message>
</context>
<context>
    <name>finch::ui::TrainingJob</name>
    <message>
        <source>Training in several processes runs the finch program, which is neither beside %1 nor on PATH</source>
        <translation>L’entraînement en plusieurs processus lance le programme finch, qui n’est ni à côté de %1 ni dans le PATH</translation>
    </message>
    <message>
        <source>cannot start %1: %2</source>
        <translation>impossible de démarrer %1 : %2</translation>
    </message>
    <message>
        <source>the training job ended: its launcher was killed</source>
        <translation>la tâche d’entraînement s’est terminée : son lanceur a été tué</translation>
    </message>
    <message>
        <source>the training job ended with status %1</source>
        <translation>la tâche d’entraînement s’est terminée avec le statut %1</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Fine-tune language models: label, train, compare.</source>
        <translation>Affinez des modèles de langage : étiqueter, entraîner, comparer.</translation>
    </message>
    <message>
        <source>Open this workspace folder.</source>
        <translation>Ouvrir ce dossier d’espace de travail.</translation>
    </message>
    <message>
        <source>folder</source>
        <translation>dossier</translation>
    </message>
    <message>
        <source>A dataset file to open.</source>
        <translation>Un fichier de jeu de données à ouvrir.</translation>
    </message>
</context>
</TS>
