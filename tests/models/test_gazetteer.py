"""The seeds are data: a TOML edit adds an actor, and what the seeds say is versioned."""

from __future__ import annotations

import shutil
from pathlib import Path

from models.extract import Extractor
from models.gazetteer import load
from tests.conftest import ROOT

NEW_ACTOR = """
[actors.rutte]
name = "Mark Rutte"
kind = "official"
side = "nato"
aliases = ["Mark Rutte", "Rutte"]
roles = ["the NATO secretary general"]
"""


def seeds_copy(tmp_path: Path) -> Path:
    out = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", out)
    return out


def test_an_actor_added_in_toml_is_attributed_with_no_code_change(tmp_path: Path) -> None:
    seeds = seeds_copy(tmp_path)
    sentence = "Rutte said a meeting between Putin and Zelenskyy was overdue."
    assert Extractor(load(seeds)).extract(sentence)[0].actor != "rutte"
    with (seeds / "actors.toml").open("a") as fh:
        fh.write(NEW_ACTOR)
    assert Extractor(load(seeds)).extract(sentence)[0].actor == "rutte"


def test_the_seeds_digest_follows_what_they_say_not_how(tmp_path: Path) -> None:
    seeds = seeds_copy(tmp_path)
    before = load(seeds).digest
    with (seeds / "actors.toml").open("a") as fh:
        fh.write("\n# a comment changes nothing an extractor reads\n")
    assert load(seeds).digest == before
    with (seeds / "actors.toml").open("a") as fh:
        fh.write(NEW_ACTOR)
    after = load(seeds).digest
    assert after != before and len(after) == 12
    assert f"+seeds-{after}" in Extractor(load(seeds)).attributed_by
