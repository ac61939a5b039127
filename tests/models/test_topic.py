"""The reader's meeting gate: trained on tune folders, it drops the summit of
sentences that concern no meeting at all."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest

from models.attribution_eval import evaluate_set, read_article
from models.candidates import (
    SEPARATOR,
    Choice,
    RuleReading,
    context_text,
    summit_choices,
)
from models.extract import Extractor
from models.gazetteer import load
from models.reader import Reader, ReaderConfig, reader_version, shared, train_reader
from models.reader_data import gold_choices
from models.topic import TOPIC_SUBDIR, TopicConfig, TopicGate, topic_examples, train_topic
from tests.conftest import ROOT

SETS = ROOT / "tests" / "data" / "attribution"
TITLE = "Erdogan says he is ready to meet Assad in Moscow"
PZ = "putin-zelenskyy"


@pytest.fixture(scope="module")
def committed_gate() -> TopicGate:
    return TopicGate.load(ROOT / "models" / "reader" / TOPIC_SUBDIR)


@pytest.fixture(scope="module")
def small_reader_with_gate(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Scorers and a gate trained briefly on one small tuning folder."""
    out = tmp_path_factory.mktemp("reader")
    train_reader(gold_choices([SETS / "tune_b"]).choices, out, ReaderConfig(epochs=2))
    train_topic([SETS / "tune_b"], out / TOPIC_SUBDIR, TopicConfig(epochs=1, max_length=48))
    return out


def test_each_gold_sentence_is_one_example_labelled_by_whether_it_has_a_summit() -> None:
    folder = SETS / "tune_b"
    texts, labels = topic_examples([folder])
    gold = [g for path in sorted(folder.glob("*.json")) for g in read_article(path).sentences]
    assert len(texts) == len(labels) == len(gold)
    assert labels == [int(g.summit is not None) for g in gold]
    assert all(text.split(SEPARATOR)[0] == g.text for text, g in zip(texts, gold, strict=True))


def test_the_committed_gate_tells_a_background_sentence_from_a_position_on_the_meeting(
    committed_gate: TopicGate,
) -> None:
    before = [
        "Turkish President Recep Tayyip Erdogan said on Friday he could meet Bashar al-Assad."
    ]
    position = context_text(
        "He said the talks could take place in Moscow next month.", before, TITLE
    )
    background = context_text(
        "Turkey hosts more than three million Syrian refugees, most of them in border provinces.",
        before,
        TITLE,
    )
    chances = committed_gate.concerns([position, background])
    assert chances[position] >= committed_gate.config.threshold > chances[background]
    assert committed_gate.about_no_meeting([position, background]) == {background}


def test_the_reader_loads_its_gate_and_its_version_covers_the_gate(
    small_reader_with_gate: Path, tmp_path: Path
) -> None:
    assert Reader.load(small_reader_with_gate).gate is not None
    copy = shutil.copytree(small_reader_with_gate, tmp_path / "reader")
    config = TopicConfig.load(copy / TOPIC_SUBDIR / "config.json")
    config.threshold = 0.5 if config.threshold != 0.5 else 0.4
    config.save(copy / TOPIC_SUBDIR / "config.json")
    assert reader_version(copy) != reader_version(small_reader_with_gate)


def test_a_gate_that_is_never_sure_changes_nothing(small_reader_with_gate: Path) -> None:
    folder = SETS / "tune_b"
    reader = Reader.load(small_reader_with_gate)
    assert reader.gate is not None
    reader.gate.config.threshold = 0.0
    with_quiet_gate = evaluate_set(folder, reader=reader)
    reader.gate = None
    assert with_quiet_gate["errors"] == evaluate_set(folder, reader=reader)["errors"]


def test_a_gate_that_is_always_sure_drops_every_summit_not_kept(
    small_reader_with_gate: Path,
) -> None:
    reader = Reader.load(small_reader_with_gate)
    assert reader.gate is not None
    reader.gate.config.threshold = 1.01  # no probability reaches it
    readings = [
        RuleReading("Putin said he was ready to meet Zelenskyy.", "putin", PZ),
        RuleReading("Trump warned Moscow of sanctions.", "trump", PZ),
        RuleReading("Zelenskyy welcomed the offer.", "zelenskyy", PZ),
    ]
    actors = [r.actor for r in readings]
    choices = summit_choices(load(ROOT / "seeds"), readings, TITLE, date(2025, 8, 21), actors)
    picks: list[str | None] = [PZ, PZ, PZ]
    assert reader.gated(choices, picks, [False, True, False]) == [None, PZ, None]


def test_the_extractor_keeps_a_brokers_summit_from_the_gate() -> None:
    """A broker's pressure on one side is its brokering of the meeting (FORMAT.md)."""
    gaz = load(ROOT / "seeds")
    reader = shared()
    assert reader.gate is not None
    threshold, reader.gate.config.threshold = reader.gate.config.threshold, 1.01
    try:
        statements = Extractor(gaz, reader).extract(
            "Trump has pressed Putin to meet Zelenskyy in person. "
            "The US president warned of new sanctions if Moscow keeps stalling.",
            date(2025, 8, 21),
            "Trump presses Putin to meet Zelenskyy",
        )
    finally:
        reader.gate.config.threshold = threshold
    assert [s.actor for s in statements] == ["trump", "trump"]
    assert [s.summit for s in statements] == [PZ, PZ]


def test_a_brokers_summit_survives_a_scorer_that_prefers_none(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The broker exception holds for the reader's own pick too, not just the gate."""
    reader = shared()
    real_pick = reader.pick

    def no_summit(choices: Sequence[Choice], batch: int = 32) -> list[str | None]:
        picks = real_pick(choices, batch)
        return [None if c.task == "summit" else p for c, p in zip(choices, picks, strict=True)]

    monkeypatch.setattr(reader, "pick", no_summit)
    statements = Extractor(load(ROOT / "seeds"), reader).extract(
        "Trump has pressed Putin to meet Zelenskyy in person. "
        "Lavrov said a meeting with Zelenskyy was premature.",
        date(2025, 8, 21),
        "Trump presses Putin to meet Zelenskyy",
    )
    assert [s.actor for s in statements] == ["trump", "lavrov"]
    assert [s.summit for s in statements] == [PZ, None]


def test_a_threshold_outside_zero_to_one_is_refused() -> None:
    with pytest.raises(ValueError, match="threshold"):
        TopicConfig(threshold=1.5)
