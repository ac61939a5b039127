"""Evaluation figures per DESIGN.md, checked against hand-computed values."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.data import Example, read_tsv
from models.errors import BadGold
from models.evaluate import Lexicon, Majority, metrics, render


def test_metrics_match_a_hand_computed_case() -> None:
    gold = ["open", "open", "hostile", "neutral", "neutral", "hostile"]
    pred = ["open", "hostile", "hostile", "neutral", "open", "hostile"]
    report = metrics(gold, pred)
    assert report["n"] == 6
    assert report["accuracy"] == pytest.approx(4 / 6, abs=1e-4)
    assert report["confusion"] == [[1, 1, 0], [0, 2, 0], [1, 0, 1]]
    assert report["per_label"]["hostile"] == {
        "precision": 0.6667,
        "recall": 1.0,
        "f1": 0.8,
        "support": 2,
    }
    assert report["per_label"]["open"]["f1"] == 0.5
    assert report["macro_f1"] == pytest.approx((0.5 + 0.8 + 0.6667) / 3, abs=1e-4)


def test_perfect_predictions_score_one() -> None:
    labels = ["open", "hostile", "neutral"] * 3
    assert metrics(labels, labels)["macro_f1"] == 1.0


def test_render_shows_every_figure() -> None:
    text = render(metrics(["open", "hostile"], ["open", "neutral"]))
    assert "macro-F1 = " in text and "confusion" in text and "hostile" in text


def test_gold_files_need_text_and_label_columns(tmp_path: Path) -> None:
    path = tmp_path / "g.tsv"
    path.write_text("sentence\tlabel\nx\topen\n")
    with pytest.raises(BadGold, match="missing text"):
        read_tsv(path)


def test_an_unknown_label_is_an_error_naming_the_line(tmp_path: Path) -> None:
    path = tmp_path / "g.tsv"
    path.write_text("text\tlabel\tnote\nWe will meet.\topen\tx\nNo.\tnegative\ty\n")
    with pytest.raises(BadGold, match=r"g.tsv:3: expected one of open, hostile, neutral"):
        read_tsv(path)


def test_extra_columns_are_ignored(tmp_path: Path) -> None:
    path = tmp_path / "g.tsv"
    path.write_text("id\ttext\tlabel\n1\tWe will meet.\topen\n")
    assert read_tsv(path) == [Example("We will meet.", "open")]


def test_baselines_behave_as_described() -> None:
    train = [Example("a", "hostile"), Example("b", "hostile"), Example("c", "open")]
    assert Majority(train).predict(["x", "y"]) == ["hostile", "hostile"]
    lexicon = Lexicon()
    assert lexicon.predict(["We warmly welcome this wonderful, great summit!"]) == ["open"]
    assert lexicon.predict(["This is a terrible, disgusting, hateful idea."]) == ["hostile"]
