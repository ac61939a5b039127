"""The seed article, read by hand: who speaks and which meeting each statement is about.

The article is machine-paraphrased ("satisfy in person" = meet in person,
"top" = summit, "conference" = meeting); labels follow STANCE_GUIDE.md.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from models.extract import Extractor, Statement
from models.gazetteer import load
from models.reader import shared

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "articles" / "000_f84fba155147f3f3.txt"
TITLE = "Trump’s push for Putin-Zelenskyy talks puts Kremlin in a bind"
PZ = "putin-zelenskyy"

# (start of the statement, actor, summit)
EXPECTED = [
    ("Russian President Vladimir Putin is challenging", "putin", PZ),
    ("For many years, Putin has actually dismissed Zelenskyy", "putin", PZ),
    ("The possibility of such a top", None, PZ),
    ("Trump has actually provided the concept", "trump", PZ),
    ("They have not been precisely friends", "trump", PZ),
    ("he stated, including that any conference", "trump", PZ),
    ("Putin has actually consistently cast Zelenskyy", "putin", PZ),
    ("He has actually argued that just", "putin", PZ),
    ("Russian authorities have actually echoed", "russia", PZ),
    ("Foreign Minister Sergey Lavrov worried", "lavrov", PZ),
    ("Others in Moscow have actually mocked Zelenskyy", "russia", PZ),
    ("The United States president has actually currently alerted", "trump", PZ),
    ("For Putin, who has actually attempted", "putin", PZ),
    ("In Putin’s eyes, Zelenskyy is not a gamer", "putin", PZ),
    ("This is why, regardless of his contempt", "putin", PZ),
    ("The only previous conference in between Putin and Zelenskyy", None, PZ),
    ("Ever since, the 2 have actually not fulfilled", None, PZ),
    ("Zelenskyy has actually long argued", "zelenskyy", PZ),
    ("Just recently, he softened his position", "zelenskyy", PZ),
    ("I believe we need to fulfill without conditions", "zelenskyy", PZ),
    ("Still, Putin has actually revealed little disposition", "putin", PZ),
    ("He has actually recommended resuming talks", "putin", PZ),
    ("In the meantime, the Kremlin leader appears torn", "putin", PZ),
    ("Putin will not run the risk of an ambush", "putin", PZ),
]


@pytest.fixture(scope="module", params=["rules", "reader"])
def statements(request: pytest.FixtureRequest) -> list[Statement]:
    """The seed read both ways: by the rules alone and as the product reads it."""
    text = SEED.read_text(encoding="utf-8")
    reader = shared() if request.param == "reader" else None
    extractor = Extractor(load(ROOT / "seeds"), reader)
    return extractor.extract(text, date(2025, 8, 21), TITLE)


def _find(statements: list[Statement], start: str) -> Statement:
    found = [s for s in statements if s.text.startswith(start)]
    assert found, f"no statement starts with {start!r}"
    return found[0]


@pytest.mark.parametrize(("start", "actor", "summit"), EXPECTED)
def test_seed_statement_has_the_expected_actor_and_summit(
    statements: list[Statement], start: str, actor: str | None, summit: str | None
) -> None:
    st = _find(statements, start)
    assert (st.actor, st.summit) == (actor, summit)


def test_all_three_leaders_appear_as_actors() -> None:
    assert {"putin", "zelenskyy", "trump"} <= {actor for _, actor, _ in EXPECTED}


def test_a_sentence_on_ceasefire_steps_without_a_meeting_has_no_summit(
    statements: list[Statement],
) -> None:
    assert _find(statements, "Rather, conflicts over executing ceasefire").summit is None


def test_statement_text_is_the_article_slice(statements: list[Statement]) -> None:
    text = SEED.read_text(encoding="utf-8")
    assert all(text[s.char_start : s.char_end] == s.text for s in statements)
