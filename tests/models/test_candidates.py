"""The reader's options: what a careful reader would weigh for each sentence."""

from __future__ import annotations

from datetime import date

import pytest

from models.candidates import (
    ACTOR_FLAGS,
    SUMMIT_FLAGS,
    RuleReading,
    _flags,
    actor_choices,
    context_text,
    summit_choices,
)
from models.gazetteer import Gazetteer, load
from tests.conftest import ROOT

ON = date(2025, 8, 21)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load(ROOT / "seeds")


def _flag(choice_flags: tuple[float, ...], name: str, names: tuple[str, ...]) -> float:
    return choice_flags[names.index(name)]


def test_the_sentence_comes_first_in_its_context_so_truncation_keeps_it() -> None:
    context = context_text("He said no.", ["One.", "Two.", "Three."], "Headline")
    assert context.startswith("He said no.")
    assert "Three." in context and "Two." in context and "One." not in context
    assert context.endswith("Headline")


def test_actor_options_hold_nobody_the_rules_pick_and_everyone_named(gaz: Gazetteer) -> None:
    readings = [
        RuleReading("Putin dismissed a meeting with Zelenskyy.", "putin", "putin-zelenskyy"),
        RuleReading("He said the time was not right.", "putin", "putin-zelenskyy"),
    ]
    first, second = actor_choices(gaz, readings, None, ON)
    assert first.options[0] is None
    assert {"putin", "zelenskyy"} <= set(first.options)
    assert first.options[first.rule] == "putin"
    # "He" names nobody: the people of the sentence before are the options.
    assert "putin" in second.options
    putin = second.options.index("putin")
    assert _flag(second.flags[putin], "named_in_sentence", ACTOR_FLAGS) == 0.0
    assert _flag(second.flags[putin], "named_in_lead", ACTOR_FLAGS) == 1.0
    assert _flag(second.flags[putin], "sentence_opens_with_pronoun", ACTOR_FLAGS) == 1.0


def test_spans_point_at_the_names_in_the_context(gaz: Gazetteer) -> None:
    (choice,) = actor_choices(gaz, [RuleReading("Lavrov spoke first.", "lavrov", None)], None, ON)
    lavrov = choice.options.index("lavrov")
    (start, end), *_ = choice.spans[lavrov]
    assert choice.context[start:end] == "Lavrov"
    assert choice.spans[0] == ()  # nobody is named nowhere


def test_summit_options_are_the_meetings_of_the_sides_in_play(gaz: Gazetteer) -> None:
    readings = [RuleReading("Putin rejected talks with Zelenskyy.", "putin", "putin-zelenskyy")]
    (choice,) = summit_choices(gaz, readings, None, ON, ["putin"])
    assert choice.options[0] is None
    assert "putin-zelenskyy" in choice.options and "trump-putin" in choice.options
    assert "modi-sharif" not in choice.options
    pz = choice.options.index("putin-zelenskyy")
    assert choice.rule == pz
    assert _flag(choice.flags[pz], "sides_named_in_sentence", SUMMIT_FLAGS) == 1.0
    assert _flag(choice.flags[pz], "speaks_of_meeting", SUMMIT_FLAGS) == 1.0


def test_the_article_current_summit_stays_an_option_without_a_name(gaz: Gazetteer) -> None:
    readings = [
        RuleReading("Putin rejected talks with Zelenskyy.", "putin", "putin-zelenskyy"),
        RuleReading("The meeting may never happen.", None, None),
    ]
    _, second = summit_choices(gaz, readings, None, ON, ["putin", None])
    pz = second.options.index("putin-zelenskyy")
    assert _flag(second.flags[pz], "article_current", SUMMIT_FLAGS) == 1.0


def test_a_misspelt_flag_is_an_error_not_a_silent_zero() -> None:
    with pytest.raises(KeyError, match="unknown flags"):
        _flags(ACTOR_FLAGS, rule_pik=1.0)
