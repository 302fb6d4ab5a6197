#!/usr/bin/env python3
"""What scikit-learn computes for Finch's classification baseline (expected.json): the
tokens CountVectorizer() takes from a few texts, and one-vs-rest
LogisticRegression(solver="liblinear") trained on word counts of the sentiment sample's first 248 rows, as probabilities for the
other rows.

Run from the repository root with the pinned libraries (scripts/reference-env):
    .venv-reference/bin/python tests/data/baseline/generate.py
"""
import json
import pathlib

import sklearn
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier

HERE = pathlib.Path(__file__).parent
SAMPLE = HERE.parents[2] / "resources" / "samples" / "sentiment.jsonl"
assert sklearn.__version__ == "1.9.1", sklearn.__version__

TOKEN_TEXTS = [
    "The battery lasts ALL weekend; 10/10, would buy again!",
    "It's a so-so film: a B+ at best... I'd skip it.",
    "Çа marche très bien, naïve café — Grüße aus München 2024",
    "x y z ab_cd __ a1 1a",
]


def main():
    rows = [json.loads(line) for line in SAMPLE.read_text().splitlines() if line.strip()]
    rows = [row for row in rows if row.get("label")]
    train, test = rows[:248], rows[248:]
    labels = sorted({row["label"] for row in train})
    vectorizer = CountVectorizer()
    features = vectorizer.fit_transform([row["text"] for row in train])
    # liblinear is one-vs-rest; scikit-learn 1.9 asks for that to be said.
    model = OneVsRestClassifier(LogisticRegression(solver="liblinear")).fit(features, [labels.index(row["label"]) for row in train])
    probabilities = model.predict_proba(vectorizer.transform([row["text"] for row in test]))
    analyzer = vectorizer.build_analyzer()
    expected = {
        "sklearn": sklearn.__version__,
        "tokens": [{"text": text, "tokens": analyzer(text)} for text in TOKEN_TEXTS],
        "train_rows": len(train),
        "labels": labels,
        "vocabulary_size": len(vectorizer.vocabulary_),
        "test": [{"text": row["text"], "probabilities": [float(f"{p:.9g}") for p in probs]}
                 for row, probs in zip(test, probabilities)],
    }
    (HERE / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n")
    print(len(train), "train rows,", len(test), "test rows, vocabulary", len(vectorizer.vocabulary_))


if __name__ == "__main__":
    main()
