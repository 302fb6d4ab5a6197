#!/usr/bin/env python3
"""Writes expected.json: the expected calibration error (15 equal-width bins, L1, top-1
confidence) and its bins as torchmetrics computes them, for seeded predictions, so that
Finch's calibration metric is tested against the library.

Run from the repository root with the pinned libraries (scripts/reference-env creates them):
    .venv-reference/bin/python tests/data/calibration/generate.py
"""
import json
import pathlib

import torch
import torchmetrics
from torchmetrics.functional.classification import multiclass_calibration_error
from torchmetrics.functional.classification.calibration_error import _binning_bucketize

HERE = pathlib.Path(__file__).parent
assert torchmetrics.__version__ == "1.8.2", torchmetrics.__version__


def case(name, probabilities, target):
    probabilities = torch.tensor(probabilities, dtype=torch.float64)
    target = torch.tensor(target)
    classes = probabilities.shape[1]
    ece = multiclass_calibration_error(probabilities, target, num_classes=classes, n_bins=15, norm="l1")
    confidences, predictions = probabilities.max(dim=1)
    accuracies = predictions.eq(target)
    boundaries = torch.linspace(0, 1, 16, dtype=torch.float64)
    accuracy, confidence, proportion = _binning_bucketize(confidences, accuracies, boundaries)
    counts = (proportion * len(target)).round().long()
    return {"name": name, "probabilities": probabilities.tolist(), "target": target.tolist(),
            "expected_calibration_error": ece.item(),
            "bins": [{"count": int(counts[i]), "accuracy": accuracy[i].item(), "confidence": confidence[i].item()}
                     for i in range(16)]}


def main():
    generator = torch.Generator().manual_seed(7)
    cases = []
    # Overconfident three-way predictions, as a small model gives (the 0.93-0.98 on mistakes).
    logits = torch.randn(200, 3, generator=generator, dtype=torch.float64) * 4
    cases.append(case("overconfident", logits.softmax(1).tolist(), torch.randint(0, 3, (200,), generator=generator).tolist()))
    # Well calibrated by construction: the label is drawn from the predicted distribution.
    probabilities = (torch.randn(300, 4, generator=generator, dtype=torch.float64)).softmax(1)
    cases.append(case("sampled-from-predictions", probabilities.tolist(),
                      torch.multinomial(probabilities, 1, generator=generator).squeeze(1).tolist()))
    # Confidences on the bin edges, and a certain prediction (confidence 1.0, the extra bin).
    cases.append(case("edges", [[0.6, 0.4], [0.4, 0.6], [0.8, 0.2], [1.0, 0.0], [0.5 + 1 / 15, 0.5 - 1 / 15]],
                      [0, 0, 0, 0, 1]))
    (HERE / "expected.json").write_text(json.dumps({"torchmetrics": torchmetrics.__version__, "cases": cases}) + "\n")
    for c in cases:
        print(c["name"], round(c["expected_calibration_error"], 6))


if __name__ == "__main__":
    main()
