"""Inter-annotator agreement on the blind relabelled sample.

Run: python -m models.agreement
The sample (200 statements: 120 from the training files, 80 from dev, drawn
with a fixed seed) was relabelled by a second annotator who saw only the
guide and the texts; this prints the raw agreement, Cohen's kappa and where
the two disagreed.
"""

from __future__ import annotations

import csv
from pathlib import Path

from models.evaluate import cohen_kappa, metrics

FOLDER = Path(__file__).resolve().parent / "data" / "agreement"


def labels(path: Path) -> dict[str, str]:
    """id -> label of one annotator's file."""
    with path.open(encoding="utf-8", newline="") as fh:
        return {row["id"]: row["label"] for row in csv.DictReader(fh, delimiter="\t")}


def report(folder: Path = FOLDER) -> dict[str, object]:
    """Agreement figures between the original labels and the second annotator's."""
    first = labels(folder / "sample_original_labels.tsv")
    second = labels(folder / "second_annotator.tsv")
    ids = sorted(first, key=int)
    a = [first[i] for i in ids]
    b = [second[i] for i in ids]
    return {
        "n": len(ids),
        "agreement": round(sum(x == y for x, y in zip(a, b, strict=True)) / len(ids), 4),
        "cohen_kappa": round(cohen_kappa(a, b), 4),
        "confusion": metrics(a, b)["confusion"],
        "disagreements": [i for i in ids if first[i] != second[i]],
    }


if __name__ == "__main__":
    figures = report()
    print(
        f"n={figures['n']}  agreement={figures['agreement']}  Cohen's kappa={figures['cohen_kappa']}"
    )
    print("confusion (rows original, columns second annotator; open, hostile, neutral):")
    for row in figures["confusion"]:  # type: ignore[attr-defined]
        print("  ", row)
    print("disagreeing ids:", ", ".join(figures["disagreements"]))  # type: ignore[arg-type]
