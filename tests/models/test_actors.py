"""Actor attribution rules (STANCE_GUIDE.md), one short example each."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from models.extract import Extractor
from models.gazetteer import load

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(load(ROOT / "seeds"))


def actors(ex: Extractor, text: str, on: date | None = date(2025, 8, 21)) -> list[str | None]:
    """The actor of each statement, in order."""
    return [st.actor for st in ex.extract(text, on)]


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("“We will not meet him,” Putin said.", "putin"),
        ("“We will not meet him,” said Lavrov.", "lavrov"),
        ("Zelenskyy told reporters: “I am ready to meet in any format.”", "zelenskyy"),
        ("According to Peskov, no meeting is being prepared.", "peskov"),
        (
            "A meeting is possible only after a treaty is ready, Lavrov said at a news conference.",
            "lavrov",
        ),
    ],
)
def test_the_speaker_of_a_quote_or_reported_speech_is_the_actor(
    extractor: Extractor, text: str, actor: str
) -> None:
    assert actors(extractor, text)[0] == actor


def test_a_pronoun_carries_over_the_last_person(extractor: Extractor) -> None:
    text = "Zelenskyy met European leaders on Monday. He said he was ready to meet Putin."
    assert actors(extractor, text) == ["zelenskyy", "zelenskyy"]


def test_role_nouns_resolve_by_the_article_date(extractor: Extractor) -> None:
    text = "The US president said he wanted a summit."
    assert actors(extractor, text, date(2019, 6, 30))[0] == "trump"
    assert actors(extractor, text, date(2022, 3, 31))[0] == "biden"
    assert actors(extractor, "The Kremlin chief rejected the offer.")[0] == "putin"


def test_a_bare_role_noun_as_speaker_is_the_last_person_with_that_role(
    extractor: Extractor,
) -> None:
    text = "Lavrov spoke after talks in Moscow. “Contacts must be prepared,” the minister said."
    assert actors(extractor, text)[-1] == "lavrov"


def test_capitals_and_organisations_stand_for_their_government(extractor: Extractor) -> None:
    assert actors(extractor, "Kyiv says it is prepared.")[0] == "ukraine"
    assert actors(extractor, "The Kremlin has shown no rush.")[0] == "russia"


def test_an_unnamed_official_is_that_sides_government(extractor: Extractor) -> None:
    text = "A senior Iranian official, speaking on condition of anonymity, said talks would go on."
    assert actors(extractor, text)[0] == "iran"


def test_an_analyst_describing_a_party_gives_that_party(extractor: Extractor) -> None:
    text = "“For Putin, a meeting would be a concession,” Stanovaya said."
    assert actors(extractor, text)[0] == "putin"


def test_an_unknown_expert_with_no_described_party_gives_no_actor(extractor: Extractor) -> None:
    text = "“A summit is unlikely this year,” said Mikhail Orlov, a political scientist."
    assert actors(extractor, text)[0] is None


def test_a_dateline_is_not_an_actor(extractor: Extractor) -> None:
    text = "MOSCOW, August 21 /TASS/ — The two leaders have not met since 2019."
    assert actors(extractor, text)[0] is None


def test_both_sides_together_as_subject_give_no_actor(extractor: Extractor) -> None:
    assert actors(extractor, "Putin and Zelenskyy met in Paris in 2019.")[0] is None
    assert actors(extractor, "The two leaders have not met since then.")[0] is None


def test_a_things_possessive_is_not_its_owners_position(extractor: Extractor) -> None:
    assert actors(extractor, "Iran’s currency, the rial, rallied on news of talks.")[0] is None
