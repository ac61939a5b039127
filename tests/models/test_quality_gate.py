"""The quality gate: the committed model keeps its pinned score on the pinned dev split."""

from __future__ import annotations

import pytest

from models.data import DATA_DIR, fingerprint
from models.gate import measure, pin, pinned

pytestmark = pytest.mark.slow


def test_the_dev_split_is_the_pinned_one() -> None:
    assert fingerprint([DATA_DIR / "dev.tsv"]) == pinned()["dev_sha256"], (
        "dev.tsv changed: re-measure and re-pin with `python -m models.gate pin`"
    )


def test_the_served_model_stays_above_the_floor() -> None:
    floor = pinned()
    figures = measure()
    assert figures["macro_f1"] >= floor["macro_f1_floor"] - floor["epsilon"]
    assert figures["macro_f1"] >= 0.88


def test_lowering_the_floor_needs_the_explicit_flag(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "gate.json"
    pin(0.9, "abc", allow_lower=False, path=path)
    with pytest.raises(SystemExit, match="--allow-lower"):
        pin(0.8, "abc", allow_lower=False, path=path)
    pin(0.8, "abc", allow_lower=True, path=path)
    assert pinned(path)["macro_f1_floor"] == 0.8
