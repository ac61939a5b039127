"""The learned reader: trained from gold folders, it re-decides actor and summit."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from models.attribution_eval import evaluate_set
from models.candidates import RuleReading, actor_choices
from models.gazetteer import load
from models.reader import Reader, ReaderConfig, reader_version, train_reader
from models.reader_data import gold_choices, tuning_folders
from tests.conftest import ROOT

SETS = ROOT / "tests" / "data" / "attribution"


@pytest.fixture(scope="module")
def small_reader(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A reader trained on one small tuning folder, quickly."""
    data = gold_choices([SETS / "tune_b"])
    out = tmp_path_factory.mktemp("reader")
    return train_reader(data.choices, out, ReaderConfig(epochs=3))


def test_training_learns_only_from_tune_folders() -> None:
    folders = tuning_folders()
    assert folders and all(f.name.startswith("tune") for f in folders)
    assert not any(f.name.startswith("heldout") for f in folders)


def test_gold_sentences_become_one_actor_and_one_summit_choice() -> None:
    data = gold_choices([SETS / "tune_b"])
    kept = len(data.choices) + data.missed_actor + data.missed_summit
    assert kept == 2 * data.sentences
    for choice, gold in data.choices:
        assert 0 <= gold < len(choice.options)


def test_a_trained_reader_is_written_loaded_and_picks_among_the_options(
    small_reader: Path,
) -> None:
    assert {"config.json", "scorers.safetensors"} <= {p.name for p in small_reader.iterdir()}
    reader = Reader.load(small_reader)
    readings = [
        RuleReading("Putin dismissed a meeting with Zelenskyy.", "putin", None),
        RuleReading("He said the time was not right.", "putin", None),
    ]
    choices = actor_choices(load(ROOT / "seeds"), readings, None, date(2025, 1, 1))
    picks = reader.pick(choices)
    assert len(picks) == 2
    assert all(pick in choice.options for pick, choice in zip(picks, choices, strict=True))


def test_training_is_seeded(small_reader: Path, tmp_path: Path) -> None:
    again = train_reader(gold_choices([SETS / "tune_b"]).choices, tmp_path, ReaderConfig(epochs=3))
    assert (again / "scorers.safetensors").read_bytes() == (
        small_reader / "scorers.safetensors"
    ).read_bytes()


def test_a_reader_is_versioned_by_its_files(small_reader: Path, tmp_path: Path) -> None:
    """The version stored with statements changes when the reader is retrained."""
    version = Reader.load(small_reader).version
    assert version == reader_version(small_reader) and version.startswith("reader-")
    retrained = train_reader(
        gold_choices([SETS / "tune_b"]).choices, tmp_path, ReaderConfig(epochs=4)
    )
    assert reader_version(retrained) != version


def test_with_an_unreachable_margin_the_rules_keep_every_call(small_reader: Path) -> None:
    reader = Reader.load(small_reader)
    reader.margins = {"actor": 1e9, "summit": 1e9}
    folder = SETS / "tune_b"
    assert evaluate_set(folder, reader=reader)["errors"] == evaluate_set(folder)["errors"]


def test_a_missing_reader_says_how_to_build_one(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="summitwatch train-reader"):
        Reader.load(tmp_path)
