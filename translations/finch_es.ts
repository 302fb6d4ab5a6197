<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>QObject</name>
    <message>
        <source>%1 cores</source>
        <translation>%1 núcleos</translation>
    </message>
</context>
<context>
    <name>finch::ui::Application</name>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Finch could not finish this action:

%1</source>
        <translation>Finch no pudo terminar esta acción:

%1</translation>
    </message>
</context>
<context>
    <name>finch::ui::ComparePage</name>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Ejecuciones</translation>
    </message>
    <message>
        <source>step</source>
        <translation>paso</translation>
    </message>
    <message>
        <source>loss (solid: training, dashed: validation)</source>
        <translation>pérdida (continua: entrenamiento, discontinua: validación)</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Comparar</translation>
    </message>
    <message>
        <source>Reference (A)</source>
        <translation>Referencia (A)</translation>
    </message>
    <message>
        <source>Candidate (B)</source>
        <translation>Candidata (B)</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>Métrica</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>Curvas</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>Métricas</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <source>Significance</source>
        <translation>Significación</translation>
    </message>
    <message>
        <source>Export chart (PNG)…</source>
        <translation>Exportar gráfico (PNG)…</translation>
    </message>
    <message>
        <source>Export data (CSV)…</source>
        <translation>Exportar datos (CSV)…</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>Exportar gráfico</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Imágenes PNG (*.png)</translation>
    </message>
    <message>
        <source>Export data</source>
        <translation>Exportar datos</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>best</source>
        <translation>mejor</translation>
    </message>
    <message>
        <source>Choose two different runs.</source>
        <translation>Elija dos ejecuciones distintas.</translation>
    </message>
    <message>
        <source>%1, B − A: %2 (95 % interval %3 to %4, %5 paired resamples). B is not better in %6 % of them.</source>
        <translation>%1, B − A: %2 (intervalo del 95 % de %3 a %4, %5 remuestreos emparejados). B no es mejor en el %6 % de ellos.</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>ilegible</translation>
    </message>
</context>
<context>
    <name>finch::ui::DataPage</name>
    <message>
        <source>Datasets (*.jsonl *.ndjson *.json *.csv *.tsv);;All files (*)</source>
        <translation>Conjuntos de datos (*.jsonl *.ndjson *.json *.csv *.tsv);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>Abrir…</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Save As / Export…</source>
        <translation>Guardar como / Exportar…</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Deshacer</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Rehacer</translation>
    </message>
    <message>
        <source>Add row</source>
        <translation>Añadir fila</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Duplicar</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>Validate</source>
        <translation>Validar</translation>
    </message>
    <message>
        <source>Split…</source>
        <translation>Dividir…</translation>
    </message>
    <message>
        <source>Filter rows by text</source>
        <translation>Filtrar filas por texto</translation>
    </message>
    <message>
        <source>Label:</source>
        <translation>Etiqueta:</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Aplicar</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texto</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Problemas</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Etiquetas</translation>
    </message>
    <message>
        <source>Open dataset</source>
        <translation>Abrir conjunto de datos</translation>
    </message>
    <message>
        <source>Save dataset as</source>
        <translation>Guardar conjunto de datos como</translation>
    </message>
    <message>
        <source>Add row %1</source>
        <translation>Añadir fila %1</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Todas</translation>
    </message>
    <message>
        <source>Unlabelled</source>
        <translation>Sin etiqueta</translation>
    </message>
    <message>
        <source>Recover unsaved changes?</source>
        <translation>¿Recuperar los cambios sin guardar?</translation>
    </message>
    <message>
        <source>Finch kept unsaved changes to %1 from %2. Open them?</source>
        <translation>Finch guardó cambios sin guardar de %1 del %2. ¿Abrirlos?</translation>
    </message>
    <message>
        <source>Cannot open the dataset</source>
        <translation>No se puede abrir el conjunto de datos</translation>
    </message>
    <message numerus="yes">
        <source>Opened %1: %n rows</source>
        <translation>
            <numerusform>%1 abierto: %n fila</numerusform>
            <numerusform>%1 abierto: %n filas</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot save the dataset</source>
        <translation>No se puede guardar el conjunto de datos</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 guardado</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Cambios sin guardar</translation>
    </message>
    <message>
        <source>%1 has unsaved changes. Save them?</source>
        <translation>%1 tiene cambios sin guardar. ¿Guardarlos?</translation>
    </message>
    <message>
        <source>Autosave failed: %1</source>
        <translation>Falló el guardado automático: %1</translation>
    </message>
    <message numerus="yes">
        <source>No problems found in %n rows</source>
        <translation>
            <numerusform>No hay problemas en %n fila</numerusform>
            <numerusform>No hay problemas en %n filas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problems</source>
        <translation>
            <numerusform>%n problema</numerusform>
            <numerusform>%n problemas</numerusform>
        </translation>
    </message>
    <message>
        <source>Split dataset</source>
        <translation>Dividir conjunto de datos</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Entrenamiento</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>Validación</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Prueba</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Semilla</translation>
    </message>
    <message>
        <source>Stratified by label; rows with the same input stay together.</source>
        <translation>Estratificado por etiqueta; las filas con la misma entrada quedan juntas.</translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation>%1 escrito</translation>
    </message>
    <message>
        <source>Cannot split</source>
        <translation>No se puede dividir</translation>
    </message>
    <message>
        <source>Row %1, %2</source>
        <translation>Fila %1, %2</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(ninguna)</translation>
    </message>
    <message numerus="yes">
        <source>%n rows</source>
        <translation>
            <numerusform>%n fila</numerusform>
            <numerusform>%n filas</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 already exist. Replace them?</source>
        <translation>%1 ya existen. ¿Reemplazarlos?</translation>
    </message>
    <message>
        <source>%1 has unsaved changes, and training reads the file. Save them first?</source>
        <translation>%1 tiene cambios sin guardar, y el entrenamiento lee el archivo. ¿Guardarlos primero?</translation>
    </message>
    <message>
        <source>Save and train</source>
        <translation>Guardar y entrenar</translation>
    </message>
    <message numerus="yes">
        <source>Selected %n rows from the evaluation</source>
        <translation>
            <numerusform>%n fila de la evaluación seleccionada</numerusform>
            <numerusform>%n filas de la evaluación seleccionadas</numerusform>
        </translation>
    </message>
    <message>
        <source>Pre-label…</source>
        <translation>Preetiquetar…</translation>
    </message>
    <message>
        <source>Predict every row&apos;s label with a trained classification run: unlabelled rows get suggestions, and the table can be sorted by how sure the model is</source>
        <translation>Predecir la etiqueta de cada fila con una ejecución de clasificación entrenada: las filas sin etiqueta reciben sugerencias, y la tabla puede ordenarse según la seguridad del modelo</translation>
    </message>
    <message>
        <source>Accept suggestions…</source>
        <translation>Aceptar sugerencias…</translation>
    </message>
    <message>
        <source>Label every unlabelled row whose suggestion is at least this confident (one undo step)</source>
        <translation>Etiquetar cada fila sin etiqueta cuya sugerencia tenga al menos esta confianza (un solo paso de deshacer)</translation>
    </message>
    <message>
        <source>Keys 1-9 set the label of the current row and move to the next unlabelled row; A accepts the model&apos;s suggestion</source>
        <translation>Las teclas 1-9 ponen la etiqueta de la fila actual y pasan a la siguiente sin etiqueta; A acepta la sugerencia del modelo</translation>
    </message>
    <message>
        <source>Unlabelled, uncertain first</source>
        <translation>Sin etiqueta, inciertas primero</translation>
    </message>
    <message>
        <source>Likely label errors</source>
        <translation>Probables errores de etiqueta</translation>
    </message>
    <message>
        <source>Cannot pre-label</source>
        <translation>No se puede preetiquetar</translation>
    </message>
    <message>
        <source>Pre-labelling needs a classification dataset (a text and a label column).</source>
        <translation>Preetiquetar necesita un conjunto de clasificación (una columna de texto y una de etiqueta).</translation>
    </message>
    <message>
        <source>No finished classification run yet: train one on the labelled rows first.</source>
        <translation>Aún no hay ninguna ejecución de clasificación terminada: entrene una con las filas etiquetadas.</translation>
    </message>
    <message>
        <source>Pre-label</source>
        <translation>Preetiquetar</translation>
    </message>
    <message>
        <source>Predict labels with the model of run:</source>
        <translation>Predecir etiquetas con el modelo de la ejecución:</translation>
    </message>
    <message>
        <source>Loading the model…</source>
        <translation>Cargando el modelo…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Predicting labels…</source>
        <translation>Prediciendo etiquetas…</translation>
    </message>
    <message numerus="yes">
        <source>Predicted %n rows with %1</source>
        <translation>
            <numerusform>%n fila predicha con %1</numerusform>
            <numerusform>%n filas predichas con %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Accept suggestions</source>
        <translation>Aceptar sugerencias</translation>
    </message>
    <message>
        <source>Accept every suggestion on an unlabelled row with a confidence of at least:</source>
        <translation>Aceptar cada sugerencia en una fila sin etiqueta con una confianza de al menos:</translation>
    </message>
    <message numerus="yes">
        <source>Accepted %n suggestions (one undo step)</source>
        <translation>
            <numerusform>%n sugerencia aceptada (un paso de deshacer)</numerusform>
            <numerusform>%n sugerencias aceptadas (un paso de deshacer)</numerusform>
        </translation>
    </message>
    <message>
        <source>Find likely label errors</source>
        <translation>Buscar probables errores de etiqueta</translation>
    </message>
    <message>
        <source>Each labelled row is predicted by a bag-of-words model trained without it (5-fold cross-validation); the rows whose label it contradicts are listed, most confident first</source>
        <translation>Cada fila etiquetada la predice un modelo de bolsa de palabras entrenado sin ella (validación cruzada de 5 particiones); se listan las filas cuya etiqueta contradice, las más seguras primero</translation>
    </message>
    <message>
        <source>Labelled rows the model predicts otherwise with confidence of at least %1, the most confident first. After &quot;Find likely label errors&quot; each row was judged by a model that never trained on it; a run&apos;s model may have trained on them, which makes it agree more, not less.</source>
        <translation>Filas etiquetadas que el modelo predice de otro modo con una confianza de al menos %1, las más seguras primero. Tras «Buscar probables errores de etiqueta» cada fila la juzgó un modelo que nunca se entrenó con ella; el modelo de una ejecución puede haberse entrenado con ellas, lo que lo hace coincidir más, no menos.</translation>
    </message>
    <message>
        <source>Cannot look for label errors</source>
        <translation>No se pueden buscar errores de etiqueta</translation>
    </message>
    <message>
        <source>The rows need at least two different labels.</source>
        <translation>Las filas necesitan al menos dos etiquetas distintas.</translation>
    </message>
    <message>
        <source>Cross-validating a bag-of-words model over the labelled rows…</source>
        <translation>Validación cruzada de un modelo de bolsa de palabras con las filas etiquetadas…</translation>
    </message>
    <message>
        <source>a bag-of-words model, 5-fold cross-validation</source>
        <translation>un modelo de bolsa de palabras, validación cruzada de 5 particiones</translation>
    </message>
    <message numerus="yes">
        <source>%n rows disagree with their label</source>
        <translation>
            <numerusform>%n fila contradice su etiqueta</numerusform>
            <numerusform>%n filas contradicen su etiqueta</numerusform>
        </translation>
    </message>
    <message>
        <source>Find likely label errors with the fine-tuned model</source>
        <translation>Buscar probables errores de etiqueta con el modelo ajustado</translation>
    </message>
    <message>
        <source>Five runs of the Train page&apos;s model and settings, each holding out a fifth of the training rows and predicting it: every row judged by a fine-tuned model that never trained on it</source>
        <translation>Cinco ejecuciones con el modelo y los ajustes de la página Entrenar, cada una aparta una quinta parte de las filas de entrenamiento y la predice: cada fila la juzga un modelo ajustado que nunca se entrenó con ella</translation>
    </message>
    <message>
        <source>the fine-tuned model, %1-fold cross-validation</source>
        <translation>el modelo ajustado, validación cruzada de %1 particiones</translation>
    </message>
</context>
<context>
    <name>finch::ui::DatasetTableModel</name>
    <message>
        <source>Line %1 could not be read and is kept as it is</source>
        <translation>La línea %1 no se pudo leer y se conserva tal cual</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(vacío)</translation>
    </message>
    <message>
        <source>Edit %1 of row %2</source>
        <translation>Editar %1 de la fila %2</translation>
    </message>
    <message>
        <source>Label row %1 as %2</source>
        <translation>Etiquetar la fila %1 como %2</translation>
    </message>
    <message>
        <source>Duplicate row %1</source>
        <translation>Duplicar la fila %1</translation>
    </message>
    <message>
        <source>Delete row %1</source>
        <translation>Eliminar la fila %1</translation>
    </message>
    <message>
        <source>Delete %1 rows</source>
        <translation>Eliminar %1 filas</translation>
    </message>
    <message>
        <source>Predicted by %1</source>
        <translation>Predicho por %1</translation>
    </message>
    <message>
        <source>Suggested by %1 with confidence %2: A accepts it, a digit key sets another label</source>
        <translation>Sugerido por %1 con confianza %2: A lo acepta, una tecla numérica pone otra etiqueta</translation>
    </message>
    <message>
        <source>prediction</source>
        <translation>predicción</translation>
    </message>
    <message>
        <source>confidence</source>
        <translation>confianza</translation>
    </message>
    <message>
        <source>margin</source>
        <translation>margen</translation>
    </message>
    <message numerus="yes">
        <source>Accept %n suggestions</source>
        <translation>
            <numerusform>Aceptar %n sugerencia</numerusform>
            <numerusform>Aceptar %n sugerencias</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>finch::ui::EvaluatePage</name>
    <message>
        <source>Test split</source>
        <translation>Parte de prueba</translation>
    </message>
    <message>
        <source>Validation split</source>
        <translation>Parte de validación</translation>
    </message>
    <message>
        <source>Training split</source>
        <translation>Parte de entrenamiento</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>Evaluar</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Ejecución</translation>
    </message>
    <message>
        <source>metric</source>
        <translation>métrica</translation>
    </message>
    <message>
        <source>value</source>
        <translation>valor</translation>
    </message>
    <message>
        <source>label</source>
        <translation>etiqueta</translation>
    </message>
    <message>
        <source>precision</source>
        <translation>precisión</translation>
    </message>
    <message>
        <source>recall</source>
        <translation>exhaustividad</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>support</source>
        <translation>soporte</translation>
    </message>
    <message>
        <source>input</source>
        <translation>entrada</translation>
    </message>
    <message>
        <source>reference</source>
        <translation>referencia</translation>
    </message>
    <message>
        <source>prediction</source>
        <translation>predicción</translation>
    </message>
    <message>
        <source>confidence / score</source>
        <translation>confianza / puntuación</translation>
    </message>
    <message>
        <source>row</source>
        <translation>fila</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>Solo errores</translation>
    </message>
    <message>
        <source>not evaluated yet</source>
        <translation>aún sin evaluar</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>del %1</translation>
    </message>
    <message>
        <source>evaluating…</source>
        <translation>evaluando…</translation>
    </message>
    <message>
        <source>done</source>
        <translation>hecho</translation>
    </message>
    <message>
        <source>predicted</source>
        <translation>predicha</translation>
    </message>
    <message>
        <source>true</source>
        <translation>real</translation>
    </message>
    <message>
        <source>Each bar: the accuracy of the rows predicted with that confidence. On the diagonal, confidence means what it says; below it, the model is overconfident.</source>
        <translation>Cada barra: la exactitud de las filas predichas con esa confianza. En la diagonal, la confianza dice la verdad; por debajo, el modelo se confía demasiado.</translation>
    </message>
    <message>
        <source>confidence</source>
        <translation>confianza</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>exactitud</translation>
    </message>
    <message>
        <source>calibration error %1</source>
        <translation>error de calibración %1</translation>
    </message>
    <message>
        <source>Open these rows in the editor</source>
        <translation>Abrir estas filas en el editor</translation>
    </message>
    <message>
        <source>Selects the listed rows on the Data page, to check and relabel them</source>
        <translation>Selecciona las filas listadas en la página Datos, para revisarlas y reetiquetarlas</translation>
    </message>
    <message>
        <source>Click a cell to list its rows</source>
        <translation>Haz clic en una celda para listar sus filas</translation>
    </message>
    <message>
        <source>Rows labelled %1 and predicted %2 (click the cell again for every row)</source>
        <translation>Filas etiquetadas %1 y predichas %2 (haz clic otra vez en la celda para todas las filas)</translation>
    </message>
    <message>
        <source>Evaluate a model as it is</source>
        <translation>Evaluar un modelo tal cual</translation>
    </message>
    <message>
        <source>The chosen model (a baseline)</source>
        <translation>El modelo elegido (una referencia)</translation>
    </message>
    <message>
        <source>The chosen model with a PEFT adapter…</source>
        <translation>El modelo elegido con un adaptador PEFT…</translation>
    </message>
    <message>
        <source>PEFT LoRA adapter folder</source>
        <translation>Carpeta de adaptador LoRA de PEFT</translation>
    </message>
    <message>
        <source>A run of zero epochs on the Data page&apos;s dataset and the Model page&apos;s model: its test split evaluated without training, to compare fine-tuned runs with</source>
        <translation>Una ejecución de cero épocas con el conjunto de la página Datos y el modelo de la página Modelo: su parte de prueba se evalúa sin entrenar, para compararla con las ejecuciones ajustadas</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <source>Merged model (Hugging Face folder)…</source>
        <translation>Modelo fusionado (carpeta de Hugging Face)…</translation>
    </message>
    <message>
        <source>LoRA adapter (PEFT folder)…</source>
        <translation>Adaptador LoRA (carpeta PEFT)…</translation>
    </message>
    <message>
        <source>Writes the run&apos;s model, loads it back and checks it against the run&apos;s model</source>
        <translation>Escribe el modelo de la ejecución, lo vuelve a cargar y lo comprueba con el modelo de la ejecución</translation>
    </message>
    <message>
        <source>Export the merged model to</source>
        <translation>Exportar el modelo fusionado a</translation>
    </message>
    <message>
        <source>Export the adapter to</source>
        <translation>Exportar el adaptador a</translation>
    </message>
    <message>
        <source>exporting…</source>
        <translation>exportando…</translation>
    </message>
    <message>
        <source>Exported to %1 and loaded back: max logit difference %2 over %3 probe tokens</source>
        <translation>Exportado a %1 y vuelto a cargar: diferencia máxima de logits %2 en %3 tokens de prueba</translation>
    </message>
    <message>
        <source>; chat template and end-of-turn tokens checked</source>
        <translation>; plantilla de chat y tokens de fin de turno comprobados</translation>
    </message>
    <message>
        <source>Check failed: %1</source>
        <translation>Comprobación fallida: %1</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>La exportación falló: %1</translation>
    </message>
    <message>
        <source>baseline %1</source>
        <translation>línea base: %1</translation>
    </message>
</context>
<context>
    <name>finch::ui::FolderField</name>
    <message>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
</context>
<context>
    <name>finch::ui::Help</name>
    <message>
        <source>not available</source>
        <translation>no disponible</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Finch %1&lt;/h3&gt;&lt;p&gt;A native desktop studio for fine-tuning language models: label a dataset, train, evaluate and compare runs.&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;Qt&lt;/td&gt;&lt;td&gt;%2 (built with %3)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;libtorch&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;CUDA&lt;/td&gt;&lt;td&gt;%5&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Devices&lt;/td&gt;&lt;td&gt;%6&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;BLAS&lt;/td&gt;&lt;td&gt;%7&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;p&gt;&lt;a href=&quot;%8&quot;&gt;User guide&lt;/a&gt;&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Finch %1&lt;/h3&gt;&lt;p&gt;Un estudio de escritorio nativo para ajustar modelos de lenguaje: etiquetar un conjunto de datos, entrenar, evaluar y comparar ejecuciones.&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;Qt&lt;/td&gt;&lt;td&gt;%2 (compilado con %3)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;libtorch&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;CUDA&lt;/td&gt;&lt;td&gt;%5&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Dispositivos&lt;/td&gt;&lt;td&gt;%6&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;BLAS&lt;/td&gt;&lt;td&gt;%7&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;p&gt;&lt;a href=&quot;%8&quot;&gt;Guía del usuario&lt;/a&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About Finch</source>
        <translation>Acerca de Finch</translation>
    </message>
    <message>
        <source>User guide</source>
        <translation>Guía del usuario</translation>
    </message>
    <message>
        <source>The user guide (USER_GUIDE.md) is not installed next to Finch.</source>
        <translation>La guía del usuario (USER_GUIDE.md) no está instalada junto a Finch.</translation>
    </message>
    <message>
        <source>Finch user guide</source>
        <translation>Guía del usuario de Finch</translation>
    </message>
</context>
<context>
    <name>finch::ui::HubDownloadDialog</name>
    <message>
        <source>Download a model from the Hugging Face Hub</source>
        <translation>Descargar un modelo del Hugging Face Hub</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parámetros</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Descargar</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Licencia</translation>
    </message>
    <message>
        <source>Access</source>
        <translation>Acceso</translation>
    </message>
    <message>
        <source>%1 M</source>
        <translation>%1 M</translation>
    </message>
    <message>
        <source>%1 B</source>
        <translation>%1 mil M</translation>
    </message>
    <message>
        <source>≈ %1</source>
        <translation>≈ %1</translation>
    </message>
    <message>
        <source>gated: needs a token</source>
        <translation>restringido: necesita un token</translation>
    </message>
    <message>
        <source>open</source>
        <translation>abierto</translation>
    </message>
    <message>
        <source>Accept the model&apos;s conditions on its Hub page while signed in, then give a token below</source>
        <translation>Acepte las condiciones del modelo en su página del Hub con la sesión iniciada y luego indique un token abajo</translation>
    </message>
    <message>
        <source>ORGANISATION/NAME, e.g. HuggingFaceTB/SmolLM2-135M-Instruct</source>
        <translation>ORGANIZACIÓN/NOMBRE, p. ej. HuggingFaceTB/SmolLM2-135M-Instruct</translation>
    </message>
    <message>
        <source>only for gated or private models (hf_…)</source>
        <translation>solo para modelos restringidos o privados (hf_…)</translation>
    </message>
    <message>
        <source>a saved token is used; type another to replace it</source>
        <translation>se usa un token guardado; escriba otro para reemplazarlo</translation>
    </message>
    <message>
        <source>Save the token (readable by you only, where huggingface_hub keeps it)</source>
        <translation>Guardar el token (legible solo por usted, donde lo guarda huggingface_hub)</translation>
    </message>
    <message>
        <source>Repository</source>
        <translation>Repositorio</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Revisión</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Files go to %1, where Python tools find them too.</source>
        <translation>Los archivos van a %1, donde también los encuentran las herramientas de Python.</translation>
    </message>
    <message>
        <source>Small models that fine-tune on a laptop. Pick one, or type any repository id.</source>
        <translation>Modelos pequeños que se ajustan en un portátil. Elija uno o escriba el id de cualquier repositorio.</translation>
    </message>
    <message>
        <source>Cancel download</source>
        <translation>Cancelar la descarga</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>The token was not saved: %1</source>
        <translation>El token no se guardó: %1</translation>
    </message>
    <message>
        <source>Asking %1 for %2…</source>
        <translation>Pidiendo %2 a %1…</translation>
    </message>
    <message>
        <source>%1 (file %2 of %3) · %4 of %5 · %6/s</source>
        <translation>%1 (archivo %2 de %3) · %4 de %5 · %6/s</translation>
    </message>
    <message>
        <source>Downloaded to %1</source>
        <translation>Descargado en %1</translation>
    </message>
    <message>
        <source>Cancelled. What was fetched is kept: downloading again resumes it.</source>
        <translation>Cancelado. Lo descargado se conserva: descargar de nuevo lo reanuda.</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Tamaño</translation>
    </message>
</context>
<context>
    <name>finch::ui::LossChart</name>
    <message>
        <source>step</source>
        <translation>paso</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>pérdida</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>tasa de aprendizaje</translation>
    </message>
    <message>
        <source>training loss</source>
        <translation>pérdida de entrenamiento</translation>
    </message>
    <message>
        <source>training loss (smoothed)</source>
        <translation>pérdida de entrenamiento (suavizada)</translation>
    </message>
    <message>
        <source>validation loss</source>
        <translation>pérdida de validación</translation>
    </message>
</context>
<context>
    <name>finch::ui::MainWindow</name>
    <message>
        <source>&amp;Data</source>
        <translation>&amp;Datos</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>&amp;Modelo</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>Ent&amp;renamiento</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>&amp;Comparación</translation>
    </message>
    <message>
        <source>&amp;Playground</source>
        <translation>&amp;Pruebas</translation>
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
        <translation>Inactivo</translation>
    </message>
    <message>
        <source>Slow reference BLAS in use: install libopenblas0-pthread for ~28x faster training</source>
        <translation>Se usa el BLAS de referencia, lento: instale libopenblas0-pthread para entrenar unas 28 veces más rápido</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>Open &amp;workspace…</source>
        <translation>Abrir &amp;espacio de trabajo…</translation>
    </message>
    <message>
        <source>Workspace folder</source>
        <translation>Carpeta del espacio de trabajo</translation>
    </message>
    <message>
        <source>Recent workspaces</source>
        <translation>Espacios de trabajo recientes</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <source>Pre&amp;ferences…</source>
        <translation>Pre&amp;ferencias…</translation>
    </message>
    <message>
        <source>D&amp;ata</source>
        <translation>Da&amp;tos</translation>
    </message>
    <message>
        <source>T&amp;raining</source>
        <translation>E&amp;ntrenamiento</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Iniciar</translation>
    </message>
    <message>
        <source>&amp;Pause / Resume</source>
        <translation>&amp;Pausar / Reanudar</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>De&amp;tener</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>&amp;Guía del usuario</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Atajos de teclado</translation>
    </message>
    <message>
        <source>&amp;About Finch</source>
        <translation>&amp;Acerca de Finch</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Acerca de &amp;Qt</translation>
    </message>
    <message>
        <source>no dataset</source>
        <translation>sin conjunto de datos</translation>
    </message>
    <message>
        <source>%1[*] — %2 — Finch</source>
        <translation>%1[*] — %2 — Finch</translation>
    </message>
    <message>
        <source>Training is running</source>
        <translation>El entrenamiento está en curso</translation>
    </message>
    <message>
        <source>Stop the training and quit? Finch saves a checkpoint first, so the run can be resumed later.</source>
        <translation>¿Detener el entrenamiento y salir? Finch guarda antes un punto de control, para poder reanudar la ejecución más tarde.</translation>
    </message>
    <message>
        <source>Saving a checkpoint…</source>
        <translation>Guardando un punto de control…</translation>
    </message>
    <message>
        <source>Eva&amp;luate</source>
        <translation>Eva&amp;luación</translation>
    </message>
    <message>
        <source>Loading libtorch…</source>
        <translation>Cargando libtorch…</translation>
    </message>
    <message>
        <source>libtorch not loaded</source>
        <translation>libtorch no cargada</translation>
    </message>
    <message>
        <source>Training is unavailable: %1</source>
        <translation>El entrenamiento no está disponible: %1</translation>
    </message>
    <message>
        <source>A pretrained model from the Hugging Face cache is chosen, with LoRA</source>
        <translation>Se eligió un modelo preentrenado de la caché de Hugging Face, con LoRA</translation>
    </message>
</context>
<context>
    <name>finch::ui::ModelPage</name>
    <message>
        <source>Open Hugging Face folder…</source>
        <translation>Abrir carpeta de Hugging Face…</translation>
    </message>
    <message>
        <source>Full fine-tuning</source>
        <translation>Ajuste completo</translation>
    </message>
    <message>
        <source>LoRA (r = 8 on q, v)</source>
        <translation>LoRA (r = 8 en q, v)</translation>
    </message>
    <message>
        <source>Frozen body (last 2 layers)</source>
        <translation>Cuerpo congelado (2 últimas capas)</translation>
    </message>
    <message>
        <source>Training memory (float32)</source>
        <translation>Memoria de entrenamiento (float32)</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Método</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Tamaño de lote</translation>
    </message>
    <message>
        <source>Sequence length</source>
        <translation>Longitud de secuencia</translation>
    </message>
    <message>
        <source>Where training runs: the CPU, or a CUDA device when this libtorch has CUDA</source>
        <translation>Dónde se entrena: la CPU, o un dispositivo CUDA si esta libtorch admite CUDA</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Dispositivo</translation>
    </message>
    <message>
        <source>Hugging Face model folder</source>
        <translation>Carpeta de modelo de Hugging Face</translation>
    </message>
    <message>
        <source>&lt;b&gt;Cannot use %1&lt;/b&gt;&lt;br&gt;%2</source>
        <translation>&lt;b&gt;No se puede usar %1&lt;/b&gt;&lt;br&gt;%2</translation>
    </message>
    <message>
        <source>&lt;h3&gt;%1&lt;/h3&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;Architecture&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Parameters&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Layers&lt;/td&gt;&lt;td&gt;%4 (hidden %5, MLP %6)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Attention heads&lt;/td&gt;&lt;td&gt;%7 (key/value %8, head dim %9)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Vocabulary&lt;/td&gt;&lt;td&gt;%10%11&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Context length&lt;/td&gt;&lt;td&gt;%12 tokens&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Weights&lt;/td&gt;&lt;td&gt;%13&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation>&lt;h3&gt;%1&lt;/h3&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;Arquitectura&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Parámetros&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Capas&lt;/td&gt;&lt;td&gt;%4 (oculta %5, MLP %6)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Cabezas de atención&lt;/td&gt;&lt;td&gt;%7 (clave/valor %8, dimensión de cabeza %9)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Vocabulario&lt;/td&gt;&lt;td&gt;%10%11&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Longitud de contexto&lt;/td&gt;&lt;td&gt;%12 tokens&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Pesos&lt;/td&gt;&lt;td&gt;%13&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
    </message>
    <message>
        <source> (trained on your data, up to this size)</source>
        <translation> (entrenado con sus datos, hasta este tamaño)</translation>
    </message>
    <message>
        <source>, tied embeddings</source>
        <translation>, embeddings compartidos</translation>
    </message>
    <message>
        <source>weights %1 · gradients %2 · optimizer %3 · activations %4&lt;br&gt;&lt;b&gt;total %5&lt;/b&gt; (%6 trainable parameters)</source>
        <translation>pesos %1 · gradientes %2 · optimizador %3 · activaciones %4&lt;br&gt;&lt;b&gt;total %5&lt;/b&gt; (%6 parámetros entrenables)</translation>
    </message>
    <message>
        <source>Tokenizer: SentencePiece, trained on your data when the run starts</source>
        <translation>Tokenizador: SentencePiece, entrenado con sus datos al iniciar la ejecución</translation>
    </message>
    <message>
        <source>Tokenizer: %1, %2 pieces</source>
        <translation>Tokenizador: %1, %2 piezas</translation>
    </message>
    <message>
        <source>Special tokens: %1</source>
        <translation>Tokens especiales: %1</translation>
    </message>
    <message>
        <source>Tokenizer: %1</source>
        <translation>Tokenizador: %1</translation>
    </message>
    <message>
        <source>Chat template: %1; training rows and the Playground&apos;s chat go through it. A turn looks like:</source>
        <translation>Plantilla de chat: %1; las filas de entrenamiento y el chat del Playground pasan por ella. Un turno se ve así:</translation>
    </message>
    <message>
        <source>Chat template: none (rows are formatted with the prompt templates)</source>
        <translation>Plantilla de chat: ninguna (las filas se formatean con las plantillas de prompt)</translation>
    </message>
    <message>
        <source>Chat template refused: %1</source>
        <translation>Plantilla de chat rechazada: %1</translation>
    </message>
    <message>
        <source>Built-in presets (trained from scratch)</source>
        <translation>Preajustes integrados (entrenados desde cero)</translation>
    </message>
    <message>
        <source>Hugging Face cache: looking…</source>
        <translation>Caché de Hugging Face: buscando…</translation>
    </message>
    <message>
        <source>Recent folders</source>
        <translation>Carpetas recientes</translation>
    </message>
    <message>
        <source>Hugging Face cache: no causal language models</source>
        <translation>Caché de Hugging Face: ningún modelo de lenguaje causal</translation>
    </message>
    <message>
        <source>Hugging Face cache</source>
        <translation>Caché de Hugging Face</translation>
    </message>
    <message>
        <source>%1 · %2 parameters · %3</source>
        <translation>%1 · %2 parámetros · %3</translation>
    </message>
    <message>
        <source>not supported</source>
        <translation>no compatible</translation>
    </message>
    <message>
        <source>Download from the Hugging Face Hub…</source>
        <translation>Descargar del Hugging Face Hub…</translation>
    </message>
    <message>
        <source>Built-in presets train from scratch with a tokenizer trained on your data. A pretrained model from the Hugging Face cache or a folder (Llama, Mistral, Qwen, Phi, Gemma) is fine-tuned, which is what gives real accuracy: download one from the Hub when the cache has none.</source>
        <translation>Los preajustes integrados se entrenan desde cero con un tokenizador entrenado con sus datos. Un modelo preentrenado de la caché de Hugging Face o de una carpeta (Llama, Mistral, Qwen, Phi, Gemma) se ajusta, y eso da precisión real: descargue uno del Hub si la caché no tiene ninguno.</translation>
    </message>
</context>
<context>
    <name>finch::ui::PlaygroundPage</name>
    <message>
        <source>Type a prompt, or for a classification run a text to classify</source>
        <translation>Escriba un prompt o, para una ejecución de clasificación, un texto que clasificar</translation>
    </message>
    <message>
        <source>Greedy</source>
        <translation>Voraz</translation>
    </message>
    <message>
        <source>Wrap in the run&apos;s prompt template</source>
        <translation>Envolver en la plantilla de prompt de la ejecución</translation>
    </message>
    <message>
        <source>Shows the model the prompt as training did, e.g. &quot;{text}\nLabel:&quot;</source>
        <translation>Muestra al modelo el prompt como en el entrenamiento, p. ej. &quot;{text}\nLabel:&quot;</translation>
    </message>
    <message>
        <source>0: no limit</source>
        <translation>0: sin límite</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Generar</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Detener</translation>
    </message>
    <message>
        <source>Classify</source>
        <translation>Clasificar</translation>
    </message>
    <message>
        <source>label</source>
        <translation>etiqueta</translation>
    </message>
    <message>
        <source>probability</source>
        <translation>probabilidad</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Temperatura</translation>
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
        <translation>Penalización por repetición</translation>
    </message>
    <message>
        <source>Max new tokens</source>
        <translation>Máx. tokens nuevos</translation>
    </message>
    <message>
        <source>Label probabilities</source>
        <translation>Probabilidades de las etiquetas</translation>
    </message>
    <message>
        <source>stopped: %1</source>
        <translation>detenido: %1</translation>
    </message>
    <message>
        <source>classified</source>
        <translation>clasificado</translation>
    </message>
    <message>
        <source>run %1</source>
        <translation>ejecución %1</translation>
    </message>
    <message>
        <source>base model %1</source>
        <translation>modelo base %1</translation>
    </message>
    <message>
        <source>Train a run first, or choose a Hugging Face folder on the Model page</source>
        <translation>Entrene primero una ejecución o elija una carpeta de Hugging Face en la página Modelo</translation>
    </message>
    <message>
        <source>generating…</source>
        <translation>generando…</translation>
    </message>
    <message>
        <source>Choose a classification run</source>
        <translation>Elija una ejecución de clasificación</translation>
    </message>
    <message>
        <source>classifying…</source>
        <translation>clasificando…</translation>
    </message>
    <message>
        <source>Chat (with the model&apos;s chat template)</source>
        <translation>Chat (con la plantilla de chat del modelo)</translation>
    </message>
    <message>
        <source>Each message goes to the model with the conversation so far, rendered by the model&apos;s own chat template</source>
        <translation>Cada mensaje llega al modelo con la conversación hasta ahora, compuesta con la propia plantilla de chat del modelo</translation>
    </message>
    <message>
        <source>New chat</source>
        <translation>Nuevo chat</translation>
    </message>
    <message>
        <source>Write a message; Ctrl+G sends it</source>
        <translation>Escribe un mensaje; Ctrl+G lo envía</translation>
    </message>
    <message>
        <source>Write a message first</source>
        <translation>Escribe primero un mensaje</translation>
    </message>
    <message>
        <source>▸ You</source>
        <translation>▸ Tú</translation>
    </message>
    <message>
        <source>▸ Model</source>
        <translation>▸ Modelo</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>A PEFT LoRA adapter folder (from Finch, PEFT or another tool) applied to the base model</source>
        <translation>Una carpeta de adaptador LoRA de PEFT (de Finch, PEFT u otra herramienta) aplicada al modelo base</translation>
    </message>
    <message>
        <source>PEFT LoRA adapter folder</source>
        <translation>Carpeta de adaptador LoRA de PEFT</translation>
    </message>
    <message>
        <source>Adapter</source>
        <translation>Adaptador</translation>
    </message>
</context>
<context>
    <name>finch::ui::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Preferencias</translation>
    </message>
    <message>
        <source>System default (%1)</source>
        <translation>Predeterminado del sistema (%1)</translation>
    </message>
    <message>
        <source>The device new runs train on</source>
        <translation>El dispositivo en que se entrenan las nuevas ejecuciones</translation>
    </message>
    <message>
        <source>The last workspace used</source>
        <translation>El último espacio de trabajo usado</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <source>Default workspace</source>
        <translation>Espacio de trabajo predeterminado</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>How often unsaved dataset edits are copied to a recovery file</source>
        <translation>Cada cuánto se copian los cambios sin guardar del conjunto de datos a un archivo de recuperación</translation>
    </message>
    <message>
        <source>CPU threads new runs train with</source>
        <translation>Hilos de CPU con que se entrenan las nuevas ejecuciones</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>Default &amp;device</source>
        <translation>&amp;Dispositivo predeterminado</translation>
    </message>
    <message>
        <source>Default &amp;workspace</source>
        <translation>&amp;Espacio de trabajo predeterminado</translation>
    </message>
    <message>
        <source>&amp;Autosave every</source>
        <translation>Guardado &amp;automático cada</translation>
    </message>
    <message>
        <source>CPU &amp;threads for training</source>
        <translation>&amp;Hilos de CPU para el entrenamiento</translation>
    </message>
    <message>
        <source>A new language applies the next time Finch starts.</source>
        <translation>Un idioma nuevo se aplica la próxima vez que se inicie Finch.</translation>
    </message>
    <message>
        <source>Automatic (%1: every core but one)</source>
        <translation>Automático (%1: todos los núcleos menos uno)</translation>
    </message>
</context>
<context>
    <name>finch::ui::RunConfigForm</name>
    <message>
        <source>Basics</source>
        <translation>Lo básico</translation>
    </message>
    <message>
        <source>Optimizer steps to train; -1 uses the epochs instead</source>
        <translation>Pasos del optimizador; -1 usa las épocas en su lugar</translation>
    </message>
    <message>
        <source>Rows per micro-batch</source>
        <translation>Filas por microlote</translation>
    </message>
    <message>
        <source>Micro-batches per optimizer step (effective batch = batch x accumulation)</source>
        <translation>Microlotes por paso del optimizador (lote efectivo = lote × acumulación)</translation>
    </message>
    <message>
        <source>Tokens per example; longer prompts are cut from their start</source>
        <translation>Tokens por ejemplo; los prompts más largos se recortan por el principio</translation>
    </message>
    <message>
        <source>Fixes the split, the initial weights, the order of the rows and dropout</source>
        <translation>Fija la división, los pesos iniciales, el orden de las filas y el dropout</translation>
    </message>
    <message>
        <source>Pack examples end to end</source>
        <translation>Empaquetar ejemplos uno tras otro</translation>
    </message>
    <message>
        <source>Fills every sequence to the maximum length instead of padding each batch</source>
        <translation>Llena cada secuencia hasta la longitud máxima en lugar de rellenar cada lote</translation>
    </message>
    <message>
        <source>default for the dataset&apos;s kind</source>
        <translation>predeterminado para el tipo de conjunto de datos</translation>
    </message>
    <message>
        <source>Fields in braces, e.g. {text}\nLabel: ; a [[...]] section disappears when its fields are empty</source>
        <translation>Campos entre llaves, p. ej. {text}\nLabel: ; una sección [[...]] desaparece si sus campos están vacíos</translation>
    </message>
    <message>
        <source>Loss on the prompt too</source>
        <translation>Pérdida también sobre el prompt</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Épocas</translation>
    </message>
    <message>
        <source>Max steps</source>
        <translation>Pasos máx.</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Tamaño de lote</translation>
    </message>
    <message>
        <source>Gradient accumulation</source>
        <translation>Acumulación de gradientes</translation>
    </message>
    <message>
        <source>Max sequence length</source>
        <translation>Longitud máx. de secuencia</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Semilla</translation>
    </message>
    <message>
        <source>Prompt template</source>
        <translation>Plantilla de prompt</translation>
    </message>
    <message>
        <source>Completion template</source>
        <translation>Plantilla de respuesta</translation>
    </message>
    <message>
        <source>Optimizer and schedule</source>
        <translation>Optimizador y programación</translation>
    </message>
    <message>
        <source>AdamW: decoupled weight decay, none on norms and biases. SGD: with momentum</source>
        <translation>AdamW: decaimiento de pesos desacoplado, ninguno en normas y sesgos. SGD: con momento</translation>
    </message>
    <message>
        <source>Peak learning rate, e.g. 3e-3 for presets from scratch, 2e-4 for LoRA</source>
        <translation>Tasa de aprendizaje máxima, p. ej. 3e-3 para modelos desde cero, 2e-4 para LoRA</translation>
    </message>
    <message>
        <source>How the learning rate changes after warm-up</source>
        <translation>Cómo cambia la tasa de aprendizaje tras el calentamiento</translation>
    </message>
    <message>
        <source>Steps of linear warm-up from 0 (overrides the ratio)</source>
        <translation>Pasos de calentamiento lineal desde 0 (prevalece sobre la proporción)</translation>
    </message>
    <message>
        <source>Warm-up as a share of all steps</source>
        <translation>Calentamiento como fracción de todos los pasos</translation>
    </message>
    <message>
        <source>Decoupled weight decay (AdamW) or L2 (SGD)</source>
        <translation>Decaimiento de pesos desacoplado (AdamW) o L2 (SGD)</translation>
    </message>
    <message>
        <source>Clip the global gradient norm to this; 0 turns clipping off</source>
        <translation>Recorta la norma global del gradiente a este valor; 0 lo desactiva</translation>
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
        <translation>Momento SGD</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>Optimizador</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Tasa de aprendizaje</translation>
    </message>
    <message>
        <source>Scheduler</source>
        <translation>Programador</translation>
    </message>
    <message>
        <source>Warm-up steps</source>
        <translation>Pasos de calentamiento</translation>
    </message>
    <message>
        <source>Warm-up ratio</source>
        <translation>Proporción de calentamiento</translation>
    </message>
    <message>
        <source>Weight decay</source>
        <translation>Decaimiento de pesos</translation>
    </message>
    <message>
        <source>Max gradient norm</source>
        <translation>Norma máx. del gradiente</translation>
    </message>
    <message>
        <source>Beta 1 / beta 2</source>
        <translation>Beta 1 / beta 2</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>Momento</translation>
    </message>
    <message>
        <source>Method and LoRA</source>
        <translation>Método y LoRA</translation>
    </message>
    <message>
        <source>Full: every weight trains. LoRA: small adapters beside the chosen projections. Frozen body: only the last layers and the head</source>
        <translation>Completo: se entrenan todos los pesos. LoRA: pequeños adaptadores junto a las proyecciones elegidas. Cuerpo congelado: solo las últimas capas y la cabeza</translation>
    </message>
    <message>
        <source>Rank r of the adapters</source>
        <translation>Rango r de los adaptadores</translation>
    </message>
    <message>
        <source>Scale alpha: the update is scaled by alpha / r</source>
        <translation>Escala alfa: la actualización se multiplica por alfa / r</translation>
    </message>
    <message>
        <source>Dropout on the adapters&apos; input</source>
        <translation>Dropout en la entrada de los adaptadores</translation>
    </message>
    <message>
        <source>rsLoRA scaling (alpha / sqrt(r))</source>
        <translation>Escalado rsLoRA (alfa / sqrt(r))</translation>
    </message>
    <message>
        <source>Frozen body: how many of the last layers train</source>
        <translation>Cuerpo congelado: cuántas de las últimas capas se entrenan</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Método</translation>
    </message>
    <message>
        <source>LoRA rank</source>
        <translation>Rango LoRA</translation>
    </message>
    <message>
        <source>LoRA alpha</source>
        <translation>Alfa LoRA</translation>
    </message>
    <message>
        <source>LoRA dropout</source>
        <translation>Dropout LoRA</translation>
    </message>
    <message>
        <source>Target modules</source>
        <translation>Módulos objetivo</translation>
    </message>
    <message>
        <source>Trainable layers</source>
        <translation>Capas entrenables</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Precisión numérica</translation>
    </message>
    <message>
        <source>Where the model trains</source>
        <translation>Dónde se entrena el modelo</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Dispositivo</translation>
    </message>
    <message>
        <source>CPU threads</source>
        <translation>Hilos de CPU</translation>
    </message>
    <message>
        <source>Evaluation and checkpoints</source>
        <translation>Evaluación y puntos de control</translation>
    </message>
    <message>
        <source>Share of the rows held out for the validation loss</source>
        <translation>Fracción de filas reservada para la pérdida de validación</translation>
    </message>
    <message>
        <source>Share of the rows held out for the test metrics</source>
        <translation>Fracción de filas reservada para las métricas de prueba</translation>
    </message>
    <message>
        <source>Report the training loss every N steps</source>
        <translation>Informar de la pérdida de entrenamiento cada N pasos</translation>
    </message>
    <message>
        <source>Validation loss every N steps; 0: at the end of each epoch</source>
        <translation>Pérdida de validación cada N pasos; 0: al final de cada época</translation>
    </message>
    <message>
        <source>Checkpoint every N steps; 0: at the end of each epoch</source>
        <translation>Punto de control cada N pasos; 0: al final de cada época</translation>
    </message>
    <message>
        <source>Keep only the newest N checkpoints</source>
        <translation>Conservar solo los N puntos de control más recientes</translation>
    </message>
    <message>
        <source>Stop after this many evaluations without a better validation loss; 0: never</source>
        <translation>Detener tras este número de evaluaciones sin mejorar la pérdida de validación; 0: nunca</translation>
    </message>
    <message>
        <source>Load the best checkpoint at the end</source>
        <translation>Cargar el mejor punto de control al final</translation>
    </message>
    <message>
        <source>Validation split</source>
        <translation>Parte de validación</translation>
    </message>
    <message>
        <source>Test split</source>
        <translation>Parte de prueba</translation>
    </message>
    <message>
        <source>Logging steps</source>
        <translation>Pasos de registro</translation>
    </message>
    <message>
        <source>Evaluation steps</source>
        <translation>Pasos de evaluación</translation>
    </message>
    <message>
        <source>Save steps</source>
        <translation>Pasos de guardado</translation>
    </message>
    <message>
        <source>Checkpoints kept</source>
        <translation>Puntos de control conservados</translation>
    </message>
    <message>
        <source>Early stopping patience</source>
        <translation>Paciencia de la parada temprana</translation>
    </message>
    <message>
        <source>Quick look</source>
        <translation>Vistazo rápido</translation>
    </message>
    <message>
        <source>Balanced</source>
        <translation>Equilibrado</translation>
    </message>
    <message>
        <source>Thorough</source>
        <translation>Exhaustivo</translation>
    </message>
    <message>
        <source>CPU threads for training; 0: every core but one, so the window stays responsive</source>
        <translation>Hilos de CPU para el entrenamiento; 0: todos los núcleos menos uno, para que la ventana siga respondiendo</translation>
    </message>
    <message>
        <source>Passes over the training rows; 0 trains nothing and evaluates the model (and adapter) as it is</source>
        <translation>Pasadas por las filas de entrenamiento; 0 no entrena nada y evalúa el modelo (y el adaptador) tal cual</translation>
    </message>
    <message>
        <source>0 (evaluate as it is)</source>
        <translation>0 (evaluar tal cual)</translation>
    </message>
    <message>
        <source>none: new adapters</source>
        <translation>ninguno: adaptadores nuevos</translation>
    </message>
    <message>
        <source>LoRA: a PEFT adapter folder (made by Finch, PEFT or another tool) to start from, with its own rank, alpha and targets; with 0 epochs, to evaluate it as it is</source>
        <translation>LoRA: una carpeta de adaptador PEFT (hecha por Finch, PEFT u otra herramienta) desde la que partir, con su propio rango, alpha y destinos; con 0 épocas, para evaluarlo tal cual</translation>
    </message>
    <message>
        <source>PEFT LoRA adapter folder</source>
        <translation>Carpeta de adaptador LoRA de PEFT</translation>
    </message>
    <message>
        <source>Start from adapter</source>
        <translation>Partir de un adaptador</translation>
    </message>
    <message>
        <source>bf16 is autocast with float32 weights, on CUDA and (with libtorch 2.x) on the CPU; fp16 is autocast on CUDA</source>
        <translation>bf16 es autocast con pesos float32, en CUDA y (con libtorch 2.x) en la CPU; fp16 es autocast en CUDA</translation>
    </message>
    <message>
        <source>Recompute activations in the backward pass</source>
        <translation>Recalcular las activaciones en la pasada hacia atrás</translation>
    </message>
    <message>
        <source>Gradient checkpointing: each layer keeps only its input, for about a third more compute; the gradients are the same</source>
        <translation>Gradient checkpointing: cada capa guarda solo su entrada, con un tercio más de cálculo; los gradientes son los mismos</translation>
    </message>
    <message>
        <source>Precision and devices</source>
        <translation>Precisión y dispositivos</translation>
    </message>
    <message>
        <source>Data-parallel training in this many processes, as finch train --nproc-per-node: each trains on its own rows of every batch, so the batch per step is this many times the batch size; on GPUs, one process each. A run resumes with as many.</source>
        <translation>Entrenamiento con paralelismo de datos en este número de procesos, como finch train --nproc-per-node: cada uno entrena con sus propias filas de cada lote, así que el lote por paso es este número de veces el tamaño de lote; en GPU, un proceso cada una. Una ejecución se reanuda con los mismos.</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>Procesos</translation>
    </message>
    <message>
        <source>all %1 GPUs, a process each</source>
        <translation>las %1 GPU, un proceso cada una</translation>
    </message>
</context>
<context>
    <name>finch::ui::ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <source>Label the selected row with label 1–9 and go to the next row (Data page)</source>
        <translation>Etiquetar la fila seleccionada con la etiqueta 1–9 y pasar a la siguiente (página Datos)</translation>
    </message>
    <message>
        <source>Edit the selected cell (Data page)</source>
        <translation>Editar la celda seleccionada (página Datos)</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Atajo</translation>
    </message>
</context>
<context>
    <name>finch::ui::TrainPage</name>
    <message>
        <source>Presets…</source>
        <translation>Preajustes…</translation>
    </message>
    <message>
        <source>Load…</source>
        <translation>Cargar…</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Guardar…</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Iniciar</translation>
    </message>
    <message>
        <source>Start training (Ctrl+Enter)</source>
        <translation>Iniciar el entrenamiento (Ctrl+Intro)</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausar</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Detener</translation>
    </message>
    <message>
        <source>Stop after the current step and save a checkpoint</source>
        <translation>Detener tras el paso actual y guardar un punto de control</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>Escala logarítmica</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Ajustar</translation>
    </message>
    <message>
        <source>Load run configuration</source>
        <translation>Cargar configuración de ejecución</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Save run configuration</source>
        <translation>Guardar configuración de ejecución</translation>
    </message>
    <message>
        <source>&lt;b&gt;Data&lt;/b&gt; %1 &amp;nbsp; &lt;b&gt;Model&lt;/b&gt; %2</source>
        <translation>&lt;b&gt;Datos&lt;/b&gt; %1 &amp;nbsp; &lt;b&gt;Modelo&lt;/b&gt; %2</translation>
    </message>
    <message>
        <source>(open a dataset on the Data page)</source>
        <translation>(abra un conjunto de datos en la página Datos)</translation>
    </message>
    <message>
        <source>Starting %1 on %2</source>
        <translation>Iniciando %1 en %2</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Entrenamiento</translation>
    </message>
    <message>
        <source>Stopping after the current step…</source>
        <translation>Deteniendo tras el paso actual…</translation>
    </message>
    <message>
        <source>Loaded %1</source>
        <translation>%1 cargado</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 guardado</translation>
    </message>
    <message>
        <source>step %1 of %2 · epoch %3 · loss %4 · %5 tokens/s · ETA %6</source>
        <translation>paso %1 de %2 · época %3 · pérdida %4 · %5 tokens/s · restante %6</translation>
    </message>
    <message>
        <source>step %1: validation loss %2</source>
        <translation>paso %1: pérdida de validación %2</translation>
    </message>
    <message>
        <source>checkpoint %1</source>
        <translation>punto de control %1</translation>
    </message>
    <message>
        <source>paused at step %1</source>
        <translation>en pausa en el paso %1</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pausa</translation>
    </message>
    <message>
        <source>resumed</source>
        <translation>reanudado</translation>
    </message>
    <message>
        <source>%1: %2 %3</source>
        <translation>%1: %2 %3</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Terminado</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Detenido</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fallido</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reanudar</translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation>error: %1</translation>
    </message>
    <message>
        <source>Continue a run…</source>
        <translation>Continuar una ejecución…</translation>
    </message>
    <message>
        <source>Resume a stopped or interrupted run, or train a finished one for more epochs</source>
        <translation>Reanudar una ejecución detenida o interrumpida, o entrenar una terminada más épocas</translation>
    </message>
    <message>
        <source>Continue a run</source>
        <translation>Continuar una ejecución</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>No run to continue in %1</source>
        <translation>No hay ninguna ejecución que continuar en %1</translation>
    </message>
    <message>
        <source>none: resume where it stopped</source>
        <translation>ninguna: reanudar donde se detuvo</translation>
    </message>
    <message>
        <source>A finished run trains on from its last step; the learning-rate schedule is laid out again over the new number of epochs.</source>
        <translation>Una ejecución terminada sigue desde su último paso; el calendario de la tasa de aprendizaje se recalcula sobre el nuevo número de épocas.</translation>
    </message>
    <message>
        <source>The run goes on from its newest checkpoint, exactly as if it had not stopped.</source>
        <translation>La ejecución sigue desde su checkpoint más reciente, exactamente como si no se hubiera detenido.</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continuar</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Ejecución</translation>
    </message>
    <message>
        <source>More epochs</source>
        <translation>Épocas adicionales</translation>
    </message>
    <message>
        <source>Training %1 for %2 more epochs</source>
        <translation>Entrenando %1 durante %2 épocas más</translation>
    </message>
    <message>
        <source>Resuming %1</source>
        <translation>Reanudando %1</translation>
    </message>
    <message>
        <source>Go on in the same run</source>
        <translation>Seguir en la misma ejecución</translation>
    </message>
    <message>
        <source>Start a new run from its weights, on the current data and settings</source>
        <translation>Empezar una ejecución nueva desde sus pesos, con los datos y ajustes actuales</translation>
    </message>
    <message>
        <source>After labelling more rows: the new run starts from the weights this one ended with (its adapter, for LoRA), and its run.json names them.</source>
        <translation>Tras etiquetar más filas: la ejecución nueva parte de los pesos con los que terminó esta (su adaptador, con LoRA), y su run.json los nombra.</translation>
    </message>
    <message>
        <source>How</source>
        <translation>Cómo</translation>
    </message>
    <message>
        <source>cross-validation stopped: a fold&apos;s run did not complete</source>
        <translation>validación cruzada detenida: la ejecución de una partición no terminó</translation>
    </message>
    <message>
        <source>Cross-validation: %1 runs, each holding out one of %1 folds of the training rows and predicting it</source>
        <translation>Validación cruzada: %1 ejecuciones, cada una aparta una de las %1 particiones de las filas de entrenamiento y la predice</translation>
    </message>
    <message>
        <source>in %1 processes, as it started</source>
        <translation>en %1 procesos, como empezó</translation>
    </message>
    <message>
        <source>Starting %1 on %2 in %3 processes</source>
        <translation>Iniciando %1 con %2 en %3 procesos</translation>
    </message>
    <message>
        <source>A run in several processes cannot pause: stop it, and continue it later from its checkpoint</source>
        <translation>Una ejecución en varios procesos no puede pausarse: deténgala y continúela más tarde desde su punto de control</translation>
    </message>
</context>
<context>
    <name>finch::ui::TrainingJob</name>
    <message>
        <source>Training in several processes runs the finch program, which is neither beside %1 nor on PATH</source>
        <translation>El entrenamiento en varios procesos ejecuta el programa finch, que no está junto a %1 ni en el PATH</translation>
    </message>
    <message>
        <source>cannot start %1: %2</source>
        <translation>no se puede iniciar %1: %2</translation>
    </message>
    <message>
        <source>the training job ended: its launcher was killed</source>
        <translation>el trabajo de entrenamiento terminó: su lanzador fue terminado</translation>
    </message>
    <message>
        <source>the training job ended with status %1</source>
        <translation>el trabajo de entrenamiento terminó con el estado %1</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Fine-tune language models: label, train, compare.</source>
        <translation>Ajuste modelos de lenguaje: etiquetar, entrenar, comparar.</translation>
    </message>
    <message>
        <source>Open this workspace folder.</source>
        <translation>Abrir esta carpeta de espacio de trabajo.</translation>
    </message>
    <message>
        <source>folder</source>
        <translation>carpeta</translation>
    </message>
    <message>
        <source>A dataset file to open.</source>
        <translation>Un archivo de conjunto de datos que abrir.</translation>
    </message>
</context>
</TS>
