"""The attribution evaluation: gold articles rebuild exactly, and the extractor keeps its floors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from models.attribution_eval import best_match, evaluate_set, main, read_article
from models.extract import Statement
from models.gazetteer import load
from models.reader import shared
from tests.conftest import ROOT

SETS = ROOT / "tests" / "data" / "attribution"
FLOORS = json.loads((ROOT / "models" / "attribution_floor.json").read_text())


def test_gold_sentences_sit_at_their_offsets_in_the_rebuilt_text() -> None:
    for path in sorted(SETS.glob("*/*.json")):
        article = read_article(path)
        for gold in article.sentences:
            assert article.text[gold.start : gold.end] == gold.text, path.name


def test_the_sets_are_big_enough_and_a_third_is_held_out() -> None:
    sizes = {
        folder.name: sum(len(read_article(p).sentences) for p in folder.glob("*.json"))
        for folder in SETS.iterdir()
        if folder.is_dir()
    }
    articles = sum(1 for _ in SETS.glob("*/*.json"))
    held_out = sum(n for name, n in sizes.items() if name.startswith("heldout"))
    assert sum(sizes.values()) >= 250 and articles >= 20
    assert held_out >= sum(sizes.values()) / 3


@pytest.mark.parametrize("folder", sorted(p.name for p in SETS.iterdir() if p.is_dir()))
def test_every_gold_id_is_known_to_its_sets_gazetteer(folder: str) -> None:
    """A gold label naming an unknown id could never be matched: a typo, not a miss."""
    gaz = load(ROOT / "seeds", extra=[SETS / folder])
    for path in sorted((SETS / folder).glob("*.json")):
        for gold in read_article(path).sentences:
            assert gold.actor is None or gold.actor in gaz.actors, (path.name, gold.actor)
            assert gold.summit is None or gold.summit in gaz.summits, (path.name, gold.summit)


def test_no_gold_sentence_is_written_twice() -> None:
    """The sets teach and test reading, not memory: every sentence is its own."""
    seen: dict[str, str] = {}
    for path in sorted(SETS.glob("*/*.json")):
        for gold in read_article(path).sentences:
            assert gold.text not in seen, (path.name, seen.get(gold.text), gold.text)
            seen[gold.text] = path.name


def test_the_best_match_is_the_statement_overlapping_most() -> None:
    article = read_article(next(SETS.glob("tune/*.json")))
    gold = article.sentences[1]
    near = Statement(0, "x", gold.start - 5, gold.start + 3, None, None, None, False)
    cover = Statement(1, "y", gold.start, gold.end, "a", None, None, False)
    assert best_match(gold, [near, cover]) is cover
    assert best_match(gold, []) is None


@pytest.mark.parametrize("name", sorted(FLOORS["sets"]))
def test_the_extractor_keeps_its_floor(name: str) -> None:
    """As the product runs it: the rules, then the committed reader, on the held-out
    sets (the tuning sets taught the reader; a floor there would guard memory)."""
    report = evaluate_set(SETS / name, reader=shared())
    floor = FLOORS["sets"][name]
    assert report["actor_accuracy"] >= floor["actor"] - FLOORS["epsilon"]
    assert report["summit_accuracy"] >= floor["summit"] - FLOORS["epsilon"]


def test_the_evaluation_can_score_the_reader_without_its_gate(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """`--no-gate` shows what the meeting gate adds, on the same reader (here on
    three articles of a tuning set: what is tested is the switch, not a figure)."""
    folder = tmp_path / "tune_b"
    folder.mkdir()
    articles = sorted((SETS / "tune_b").glob("*.json"))[:3]
    for source in articles + sorted((SETS / "tune_b").glob("extra_*.toml")):
        shutil.copy(source, folder / source.name)
    assert main([str(folder), "--no-gate"]) == 0
    printed = capsys.readouterr().out
    reader = shared()
    gate, reader.gate = reader.gate, None
    try:
        ungated = evaluate_set(folder, reader=reader)
    finally:
        reader.gate = gate
    assert gate is not None
    assert f"summit accuracy={ungated['summit_accuracy']:.3f}" in printed
