"""Training the stance model: MiniLM + LoRA + a linear head (`models.finetune`).

`summitwatch train` calls `train()`; the artifact it writes (adapter, head,
config, model card) is small enough to commit.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import asdict
from pathlib import Path

from models.config import StanceConfig
from models.data import DATA_DIR, Example, dev_examples, fingerprint, training_examples
from models.finetune import Progress, fine_tune, save_tuned

LOGGER = logging.getLogger(__name__)


def train(
    out_dir: Path,
    config: StanceConfig | None = None,
    examples: list[Example] | None = None,
    data_dir: Path = DATA_DIR,
    progress: Progress | None = None,
) -> Path:
    """Train a stance model and write its artifact.

    Args:
        out_dir: where the artifact goes (created; files replaced).
        config: settings; defaults reproduce the committed model.
        examples: training rows; all of `data_dir`'s train_*.tsv by default.
        progress: called with one line per epoch.

    Returns:
        The artifact folder.

    Example:
        >>> train(Path("models/artifact"))  # doctest: +SKIP
    """
    config = config or StanceConfig()
    say = progress or (lambda line: LOGGER.info("%s", line))
    rows = examples if examples is not None else training_examples(data_dir)
    if not rows:
        raise ValueError(f"no training rows found in {data_dir}/train_*.tsv")
    started = time.perf_counter()
    encoder, net = fine_tune(
        [e.text for e in rows],
        [config.labels.index(e.label) for e in rows],
        len(config.labels),
        config,
        say,
    )
    save_tuned(encoder, net, config, out_dir)
    say(f"trained on {len(rows)} statements in {time.perf_counter() - started:.0f}s -> {out_dir}")
    return out_dir


def write_card(out_dir: Path, metrics: dict[str, object], data_dir: Path = DATA_DIR) -> Path:
    """The model card: what data, what settings, what it scores, which version."""
    from models.stance import artifact_version

    config = StanceConfig.load(out_dir / "config.json")
    train_files = sorted(data_dir.glob("train_*.tsv"))
    n_train = len(training_examples(data_dir))
    n_dev = len(dev_examples(data_dir))
    lines = [
        "# summitwatch stance model",
        "",
        f"- version: `{artifact_version(out_dir)}`",
        f"- base encoder: `{config.base_model}` with a LoRA adapter (r={config.lora_r}) "
        "and a linear head over mean-pooled tokens",
        "- labels: open, hostile, neutral (see STANCE_GUIDE.md); score = P(open) - P(hostile)",
        f"- training data: {n_train} statements from {', '.join(p.name for p in train_files)} "
        f"(sha256 {fingerprint(train_files)[:16]})",
        f"- dev split: {n_dev} statements in dev.tsv, written by a different author, never "
        f"trained on (sha256 {fingerprint([data_dir / 'dev.tsv'])[:16]})",
        "- rebuild: `summitwatch train` (seeded; same data and settings give the same model)",
        "",
        "## Settings",
        "",
        "```json",
        json.dumps(asdict(config), indent=2, sort_keys=True),
        "```",
        "",
        "## Metrics",
        "",
        _summary_table(metrics),
        "",
        "Full figures (per-label precision, recall, F1, confusion matrices):",
        "",
        "```json",
        json.dumps(metrics, indent=2, sort_keys=True, default=str),
        "```",
        "",
    ]
    card = out_dir / "MODEL_CARD.md"
    card.write_text("\n".join(lines))
    return card


def _summary_table(metrics: dict[str, object]) -> str:
    """Accuracy and macro-F1 of the model and the baselines, one row each."""
    rows = ["| what | split | accuracy | macro-F1 |", "| --- | --- | --- | --- |"]
    names = {
        "dev_onnx": ("model, int8 ONNX (served)", "dev"),
        "dev_onnx-dynamic": ("model, int8 ONNX dynamic (opt-in)", "dev"),
        "dev_torch": ("model, fp32 torch", "dev"),
        "train_onnx": ("model, int8 ONNX", "train"),
        "train_onnx-dynamic": ("model, int8 ONNX dynamic", "train"),
        "train_torch": ("model, fp32 torch", "train"),
    }
    for key, (what, split) in names.items():
        figures = metrics.get(key)
        if isinstance(figures, dict):
            rows.append(
                f"| {what} | {split} | {figures['accuracy']:.4f} | {figures['macro_f1']:.4f} |"
            )
    baselines = metrics.get("baselines_dev")
    if isinstance(baselines, dict):
        for name, figures in baselines.items():
            rows.append(
                f"| baseline: {name} | dev | {figures['accuracy']:.4f} | {figures['macro_f1']:.4f} |"
            )
    return "\n".join(rows)
