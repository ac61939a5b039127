"""Summit rules: meeting words and paraphrases, sides, article topic, non-meetings."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from models.extract import Extractor
from models.gazetteer import load
from models.summits import SummitMatcher

ROOT = Path(__file__).resolve().parents[2]
DAY = date(2025, 8, 21)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(load(ROOT / "seeds"))


@pytest.fixture(scope="module")
def matcher() -> SummitMatcher:
    return SummitMatcher(load(ROOT / "seeds"))


def summits(ex: Extractor, text: str, title: str | None = None) -> list[str | None]:
    return [st.summit for st in ex.extract(text, DAY, title)]


@pytest.mark.parametrize(
    "text",
    [
        "Trump advised Putin to satisfy in person with Zelenskyy.",
        "The possibility of a Putin-Zelenskyy top is growing.",
        "Putin and Zelenskyy could hold direct talks in Istanbul.",
        "Analysts said a Putin-Zelenskyy assembly before the winter looked unlikely.",
        "Putin and Zelenskyy shook palms in front of the cameras.",
    ],
)
def test_meeting_words_and_paraphrases_with_both_sides_name_the_summit(
    extractor: Extractor, text: str
) -> None:
    assert summits(extractor, text)[0] == "putin-zelenskyy"


@pytest.mark.parametrize(
    "text",
    [
        "Lavrov told a press conference that the front was stable.",
        "Russia's top diplomat visited Kyiv's neighbours.",
        "Putin topped the agenda of the news conference.",
    ],
)
def test_press_conference_and_top_diplomat_are_not_meetings(
    matcher: SummitMatcher, text: str
) -> None:
    assert not matcher.is_about_meeting(text)


def test_a_trilateral_with_a_broker_is_the_two_sides_summit(extractor: Extractor) -> None:
    text = "Trump said a trilateral meeting with Putin and Zelenskyy could follow."
    assert summits(extractor, text)[0] == "putin-zelenskyy"


def test_a_meeting_between_two_sides_beats_the_speakers_side(extractor: Extractor) -> None:
    text = "Trump says he has begun arranging a meeting between Putin and Zelenskyy."
    assert summits(extractor, text)[0] == "putin-zelenskyy"


def test_a_position_in_an_article_about_a_summit_concerns_it(extractor: Extractor) -> None:
    title = "Putin ready to meet Zelensky once agenda is worked out"
    text = "Putin wants the agenda ready. Kyiv says it is prepared."
    assert summits(extractor, text, title) == ["putin-zelenskyy", "putin-zelenskyy"]


def test_fighting_without_a_meeting_has_no_summit(extractor: Extractor) -> None:
    title = "Putin ready to meet Zelensky once agenda is worked out"
    text = "Russia launched more than 500 drones at Ukrainian cities over the weekend."
    assert summits(extractor, text, title) == [None]


def test_a_statement_without_any_meeting_or_topic_has_no_summit(extractor: Extractor) -> None:
    assert summits(extractor, "Zelenskyy visited troops in Kharkiv.") == [None]


def test_a_meeting_at_a_multilateral_event_is_no_summit(extractor: Extractor) -> None:
    title = "Vucic and Kurti meet in Ohrid"
    text = "Kurti said he expected the dispute to be raised at the regional security conference."
    assert summits(extractor, text, title) == [None]


def test_a_meeting_with_a_third_party_is_no_summit(extractor: Extractor) -> None:
    title = "Vucic and Kurti meet in Ohrid"
    text = "Vucic met Hungarian Prime Minister Viktor Orban in Budapest on Friday."
    assert summits(extractor, text, title) == [None]


def test_history_between_the_two_sides_gets_their_summit(extractor: Extractor) -> None:
    assert summits(extractor, "Modi last met Sharif in Lahore in 2015.") == ["modi-sharif"]


PZ_TITLE = "Trump pushes for Putin-Zelenskyy talks"


def test_a_summits_own_word_names_it_without_a_meeting_word(extractor: Extractor) -> None:
    assert summits(extractor, "Trump invited Putin to Alaska.") == ["trump-putin"]


def test_a_joint_act_of_both_sides_named_together_is_direct_contact(
    extractor: Extractor,
) -> None:
    assert summits(extractor, "Pashinyan and Aliyev signed a declaration.") == ["pashinyan-aliyev"]
    assert summits(extractor, "Putin signed a decree on Ukraine's currency.") == [None]


def test_two_sides_named_without_a_meeting_word_are_no_summit(extractor: Extractor) -> None:
    text = "Russia and Ukraine accuse each other of breaking the truce."
    assert summits(extractor, text, PZ_TITLE) == [None]


def test_the_pair_named_first_wins_among_summits(extractor: Extractor) -> None:
    text = (
        "Pyongyang has stated that north-south summit talks are unthinkable as long as "
        "the south Korean authorities keep drilling with the U.S."
    )
    assert summits(extractor, text) == ["inter-korean"]


def test_a_broker_and_one_side_speak_of_the_brokered_meeting(extractor: Extractor) -> None:
    text = "The Kremlin wants to look constructive for Trump while the meeting never happens."
    assert summits(extractor, text, PZ_TITLE) == ["putin-zelenskyy"]
    assert summits(extractor, "Trump met Putin in Alaska last week.", PZ_TITLE) == ["trump-putin"]


def test_a_meeting_in_a_time_adjunct_only_dates_the_statement(extractor: Extractor) -> None:
    text = "The White House offered the summit as the next step after Trump's meeting with Putin."
    assert summits(extractor, text, PZ_TITLE) == ["putin-zelenskyy"]


def test_a_sides_internal_meeting_is_no_summit(extractor: Extractor) -> None:
    title = "Kim Jong Un meets Trump at Panmunjom"
    text = "Kim stressed at a plenary meeting of the party that the economy comes first."
    assert summits(extractor, text, title) == [None]


def test_shelling_reported_by_a_party_is_no_summit(extractor: Extractor) -> None:
    text = "Putin added that Ukrainian artillery had shelled border villages."
    assert summits(extractor, text, PZ_TITLE) == [None]


def test_nothing_of_the_sort_refers_back_to_the_summit(extractor: Extractor) -> None:
    text = "Washington said Putin and Zelenskyy would talk. Nothing of the sort has happened."
    assert summits(extractor, text) == ["putin-zelenskyy", "putin-zelenskyy"]


def test_a_visit_with_both_sides_named_is_a_meeting(extractor: Extractor) -> None:
    text = "Modi's visit to Islamabad in 2015 turned into a televised argument."
    assert summits(extractor, text) == ["modi-sharif"]
    assert summits(extractor, "Zelenskyy visited troops in Kharkiv.") == [None]


def test_a_broker_without_a_meeting_word_speaks_of_the_summit_it_brokers(
    extractor: Extractor,
) -> None:
    text = "Trump met Putin in Alaska. Erdogan said Turkey was ready to host the round."
    assert summits(extractor, text, PZ_TITLE) == ["trump-putin", "putin-zelenskyy"]


def test_an_organisations_own_summit_is_no_bilateral_one(extractor: Extractor) -> None:
    text = "The European Union warned it will consider sanctions on Russia at its summit."
    assert summits(extractor, text, PZ_TITLE) == [None]


def test_a_position_dated_to_an_earlier_year_is_background(extractor: Extractor) -> None:
    text = "Russia annexed Crimea in 2014 after a disputed vote."
    assert summits(extractor, text, PZ_TITLE) == [None]


@pytest.mark.parametrize(
    "text",
    [
        "Putin has dismissed Zelenskyy. Russian drones struck power plants in Kharkiv.",
        "Putin has dismissed Zelenskyy. Russian jets shot down a Ukrainian plane.",
        "Putin has dismissed Zelenskyy. Moscow said the economy grew by two percent.",
    ],
)
def test_fighting_and_economy_without_a_meeting_word_are_no_summit(
    extractor: Extractor, text: str
) -> None:
    assert summits(extractor, text, "Putin rejects a meeting with Zelenskyy")[-1] is None


def test_a_headline_pairing_two_counterparts_sets_the_articles_summit(
    extractor: Extractor,
) -> None:
    text = "Analysts said the meeting was worth holding."
    assert summits(extractor, text, "In Istanbul, Putin and Zelenskyy will try again") == [
        "putin-zelenskyy"
    ]


def test_an_aside_about_the_subject_does_not_pick_the_summit(extractor: Extractor) -> None:
    text = "Trump, who held a summit with Putin in Alaska, wants the two leaders to sit down."
    title = "Trump presses for a Putin-Zelenskyy summit"
    assert summits(extractor, text, title) == ["putin-zelenskyy"]


def test_a_regional_summit_with_a_third_leader_is_no_summit(extractor: Extractor) -> None:
    text = "Putin was in China for a regional summit with Xi Jinping."
    assert summits(extractor, text, "Putin invites Zelenskyy to Moscow for a meeting") == [None]


def test_a_detail_dated_earlier_does_not_make_a_position_background(
    extractor: Extractor,
) -> None:
    text = "Putin has cast Zelenskyy as a partner who lost his legitimacy in 2024."
    assert summits(extractor, text, "Putin rejects a meeting with Zelenskyy") == ["putin-zelenskyy"]


def test_the_meeting_refers_back_to_the_articles_summit(extractor: Extractor) -> None:
    text = (
        "Pashinyan and Aliyev shook hands at the White House. "
        "Moscow called it a swipe at the American role in brokering the meeting."
    )
    assert summits(extractor, text)[-1] == "pashinyan-aliyev"


def test_a_call_to_a_named_party_is_their_contact(extractor: Extractor) -> None:
    text = (
        "Trump and Putin spoke by phone last week. "
        "Trump hosted Zelenskyy at the White House for a meeting. "
        "Trump stepped out of the meeting to call Putin."
    )
    assert summits(extractor, text)[-1] == "trump-putin"


def test_a_parliament_or_a_blocs_assembly_is_no_meeting(extractor: Extractor) -> None:
    text = "Ukraine's National Assembly approved the budget. Putin hailed the BRICS assembly."
    assert summits(extractor, text) == [None, None]


def test_a_question_or_the_two_leaders_in_a_summit_story_concern_its_summit(
    extractor: Extractor,
) -> None:
    title = "Putin ready to meet Zelensky once agenda is worked out"
    text = "Q: What would you put on the table first? The two leaders signed a declaration."
    assert summits(extractor, text, title) == ["putin-zelenskyy", "putin-zelenskyy"]
    assert summits(extractor, "Q: What would you put on the table first?") == [None]
