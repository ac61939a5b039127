"""Fine-tuning: MiniLM + LoRA + a linear head, seeded, on this machine's CPU.

`summitwatch train` calls `train()`; the artifact it writes (adapter, head,
config, model card) is small enough to commit.
"""

from __future__ import annotations

import json
import logging
import random
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

import numpy as np

from models.config import StanceConfig
from models.data import DATA_DIR, Example, dev_examples, fingerprint, training_examples

LOGGER = logging.getLogger(__name__)
Progress = Callable[[str], None]


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
    import torch
    from peft import LoraConfig, get_peft_model
    from safetensors.torch import save_file

    from models.encoder import StanceNet, load_base, quiet_version_warnings

    config = config or StanceConfig()
    say = progress or (lambda line: LOGGER.info("%s", line))
    rows = examples if examples is not None else training_examples(data_dir)
    if not rows:
        raise ValueError(f"no training rows found in {data_dir}/train_*.tsv")
    _seed_everything(config.seed)
    torch.set_num_threads(config.threads)

    encoder, tokenizer, hidden = load_base(config.base_model)
    lora = LoraConfig(
        r=config.lora_r,
        lora_alpha=config.lora_alpha,
        lora_dropout=config.lora_dropout,
        target_modules=config.target_modules,
        bias="none",
    )
    with quiet_version_warnings():
        encoder = get_peft_model(encoder, lora)
    net = StanceNet(encoder, hidden, len(config.labels))

    label_ids = torch.tensor([config.labels.index(e.label) for e in rows])
    enc = tokenizer(
        [e.text for e in rows], padding=False, truncation=True, max_length=config.max_length
    )
    optimizer = torch.optim.AdamW(
        [
            {
                "params": [p for p in encoder.parameters() if p.requires_grad],
                "lr": config.learning_rate,
            },
            {"params": net.head.parameters(), "lr": config.head_learning_rate},
        ],
        weight_decay=config.weight_decay,
    )
    steps_per_epoch = (len(rows) + config.batch_size - 1) // config.batch_size
    total = steps_per_epoch * config.epochs
    warmup = max(1, int(total * config.warmup_ratio))
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer,
        lambda step: min((step + 1) / warmup, max(0.0, (total - step) / max(1, total - warmup))),
    )
    loss_fn = torch.nn.CrossEntropyLoss(label_smoothing=config.label_smoothing)
    generator = torch.Generator().manual_seed(config.seed)
    started = time.perf_counter()
    for epoch in range(config.epochs):
        net.train()
        order = torch.randperm(len(rows), generator=generator).tolist()
        running = 0.0
        for begin in range(0, len(order), config.batch_size):
            idx = order[begin : begin + config.batch_size]
            batch = tokenizer.pad(
                {
                    "input_ids": [enc["input_ids"][i] for i in idx],
                    "attention_mask": [enc["attention_mask"][i] for i in idx],
                },
                return_tensors="pt",
            )
            logits = net(batch["input_ids"], batch["attention_mask"])
            loss = loss_fn(logits, label_ids[idx])
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            running += loss.item() * len(idx)
        say(
            f"epoch {epoch + 1}/{config.epochs}: loss {running / len(rows):.4f} "
            f"({time.perf_counter() - started:.0f}s)"
        )

    out_dir.mkdir(parents=True, exist_ok=True)
    encoder.save_pretrained(str(out_dir))
    for extra in ("README.md",):
        stray = out_dir / extra
        if stray.exists() and "peft" in stray.read_text(errors="ignore").lower():
            stray.unlink()
    save_file(
        {k: v.contiguous() for k, v in net.head.state_dict().items()},
        str(out_dir / "head.safetensors"),
    )
    config.save(out_dir / "config.json")
    _strip_machine_paths(out_dir / "adapter_config.json", config)
    say(f"trained on {len(rows)} statements in {time.perf_counter() - started:.0f}s -> {out_dir}")
    return out_dir


def _seed_everything(seed: int) -> None:
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True, warn_only=True)


def _strip_machine_paths(path: Path, config: StanceConfig) -> None:
    """peft records the base model's absolute path; keep the portable name instead,
    so the artifact's bytes (and version) do not depend on where Python lives."""
    data = json.loads(path.read_text())
    data["base_model_name_or_path"] = config.base_model
    data.pop("revision", None)
    path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")


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
