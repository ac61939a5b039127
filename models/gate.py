"""The quality gate: the served model must keep its pinned macro-F1 on the dev split.

`models/eval_baseline.json` pins the floor and the SHA-256 of dev.tsv, so a
changed dev set or a worse model fails the tests. Re-pin after a deliberate
change:  python -m models.gate pin            (raises the floor to the measured figure)
         python -m models.gate pin --allow-lower   (needed to lower it)
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from models.data import DATA_DIR, dev_examples, fingerprint
from models.evaluate import BASELINE_FILE, evaluate_examples

EPSILON = 0.01


def measure(artifact: Path | None = None) -> dict[str, Any]:
    """The served (int8) model's figures on the dev split, with the split's hash."""
    from models.stance import StanceClassifier

    report = evaluate_examples(StanceClassifier.load(artifact, backend="onnx"), dev_examples())
    return {
        "macro_f1": report["macro_f1"],
        "accuracy": report["accuracy"],
        "dev_sha256": fingerprint([DATA_DIR / "dev.tsv"]),
    }


def pinned(path: Path = BASELINE_FILE) -> dict[str, Any]:
    """The pinned floor and dev hash."""
    return json.loads(path.read_text())


def pin(floor: float, dev_sha256: str, allow_lower: bool, path: Path = BASELINE_FILE) -> None:
    """Write a new floor; refuse to lower it unless asked explicitly."""
    if path.exists():
        old = float(pinned(path)["macro_f1_floor"])
        if floor < old and not allow_lower:
            raise SystemExit(
                f"refusing to lower the floor from {old:.4f} to {floor:.4f}; pass --allow-lower"
            )
    path.write_text(
        json.dumps(
            {"macro_f1_floor": round(floor, 4), "epsilon": EPSILON, "dev_sha256": dev_sha256},
            indent=2,
        )
        + "\n"
    )


def main(argv: list[str] | None = None) -> int:
    """`check` (default) prints the figures against the floor; `pin` rewrites it."""
    parser = argparse.ArgumentParser(description="stance model quality gate")
    parser.add_argument("action", nargs="?", choices=["check", "pin"], default="check")
    parser.add_argument("--allow-lower", action="store_true", help="permit lowering the floor")
    args = parser.parse_args(argv)
    figures = measure()
    if args.action == "pin":
        pin(figures["macro_f1"], figures["dev_sha256"], args.allow_lower)
        print(f"pinned macro-F1 floor {figures['macro_f1']:.4f}")
        return 0
    floor = pinned()
    ok = figures["macro_f1"] >= floor["macro_f1_floor"] - floor["epsilon"]
    print(
        f"dev macro-F1 {figures['macro_f1']:.4f} vs floor {floor['macro_f1_floor']:.4f}: "
        f"{'ok' if ok else 'BELOW FLOOR'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
