"""Fine-tuning MiniLM with LoRA and a linear head, seeded, on this machine's CPU.

Two of our classifiers are built this way: the stance model (`models.train`)
and the attribution reader's meeting gate (`models.topic`). They share the
loop, the artifact layout (adapter, head, config) and its loading, so a fix to
one reaches both.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from models.config import TuneConfig

Progress = Callable[[str], None]
TUNED_FILES = (
    "config.json",
    "adapter_config.json",
    "adapter_model.safetensors",
    "head.safetensors",
)


def fine_tune(
    texts: Sequence[str],
    labels: Sequence[int],
    n_labels: int,
    config: TuneConfig,
    say: Progress,
) -> tuple[Any, Any]:
    """The LoRA-wrapped encoder and the whole network, trained on the texts.

    Cross-entropy with label smoothing, AdamW with a separate head rate, linear
    warm-up then decay, gradients clipped at 1; one progress line per epoch.
    """
    import torch
    from peft import LoraConfig, get_peft_model

    from models.encoder import StanceNet, load_base, quiet_version_warnings

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
    net = StanceNet(encoder, hidden, n_labels)

    label_ids = torch.tensor(list(labels))
    enc = tokenizer(list(texts), padding=False, truncation=True, max_length=config.max_length)
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
    steps_per_epoch = (len(texts) + config.batch_size - 1) // config.batch_size
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
        order = torch.randperm(len(texts), generator=generator).tolist()
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
            f"epoch {epoch + 1}/{config.epochs}: loss {running / len(texts):.4f} "
            f"({time.perf_counter() - started:.0f}s)"
        )
    return encoder, net


def save_tuned(encoder: Any, net: Any, config: TuneConfig, out_dir: Path) -> None:
    """Adapter, head and config: all a loader needs besides the bundled encoder."""
    from safetensors.torch import save_file

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


def load_tuned(directory: Path, base_model: str, n_labels: int) -> tuple[Any, Any]:
    """Base encoder with the adapter merged in, plus the trained head, in eval mode."""
    from peft import PeftModel
    from safetensors.torch import load_file

    from models.encoder import StanceNet, load_base, quiet_version_warnings

    encoder, tokenizer, hidden = load_base(base_model)
    with quiet_version_warnings():
        encoder = PeftModel.from_pretrained(encoder, str(directory)).merge_and_unload()
    net = StanceNet(encoder, hidden, n_labels)
    net.head.load_state_dict(load_file(str(directory / "head.safetensors")))
    net.eval()
    return net, tokenizer


def _seed_everything(seed: int) -> None:
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True, warn_only=True)


def _strip_machine_paths(path: Path, config: TuneConfig) -> None:
    """peft records the base model's absolute path; keep the portable name instead,
    so the artifact's bytes (and version) do not depend on where Python lives."""
    data = json.loads(path.read_text())
    data["base_model_name_or_path"] = config.base_model
    data.pop("revision", None)
    path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")
