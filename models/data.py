"""Labeled statements: read, checked and split the same way everywhere."""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path

from models.errors import BadGold
from models.labels import check_label

DATA_DIR = Path(__file__).resolve().parent / "data" / "stance"


@dataclass(frozen=True)
class Example:
    """One labeled statement."""

    text: str
    label: str


def read_tsv(path: Path) -> list[Example]:
    """Rows of a TSV with `text` and `label` columns (others ignored).

    Raises:
        BadGold: the file is missing, lacks a column, or holds an unknown label;
            the message names the line.
    """
    if not path.exists():
        raise BadGold(f"no such file {path}")
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        fields = reader.fieldnames or []
        missing = [c for c in ("text", "label") if c not in fields]
        if missing:
            raise BadGold(
                f"{path}: expected a header with columns text and label, got {fields}; "
                "missing " + ", ".join(missing)
            )
        examples = []
        for line, row in enumerate(reader, start=2):
            text = (row.get("text") or "").strip()
            if not text:
                continue
            try:
                label = check_label(row.get("label") or "", where=f"{path}:{line}")
            except ValueError as exc:
                raise BadGold(str(exc)) from exc
            examples.append(Example(text, label))
    return examples


def training_examples(data_dir: Path = DATA_DIR) -> list[Example]:
    """All train_*.tsv rows, deduplicated, with any text that is also in dev removed."""
    dev = {e.text.lower() for e in read_tsv(data_dir / "dev.tsv")}
    seen: set[str] = set()
    out = []
    for path in sorted(data_dir.glob("train_*.tsv")):
        for example in read_tsv(path):
            key = example.text.lower()
            if key in seen or key in dev:
                continue
            seen.add(key)
            out.append(example)
    return out


def dev_examples(data_dir: Path = DATA_DIR) -> list[Example]:
    """The held-out dev split, written by another author and never trained on."""
    return read_tsv(data_dir / "dev.tsv")


def fingerprint(paths: list[Path]) -> str:
    """SHA-256 over the files' bytes: pins exactly which data a figure was measured on."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()
