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


def extractor_with(folder: Path, actors_toml: str, summits_toml: str = "") -> Extractor:
    """An extractor whose gazetteer adds these actors (and summits) to the seeds, as a
    gold set's extra_*.toml files do."""
    (folder / "extra_actors.toml").write_text(actors_toml, encoding="utf-8")
    if summits_toml:
        (folder / "extra_summits.toml").write_text(summits_toml, encoding="utf-8")
    return Extractor(load(ROOT / "seeds", extra=[folder]))


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


def test_an_appositive_name_is_the_subject(extractor: Extractor) -> None:
    text = "His chief of staff, Andriy Yermak, has added that talks must wait."
    assert actors(extractor, text)[0] == "yermak"


def test_a_fronted_phrase_holds_no_subject_and_verb_of_its_own(extractor: Extractor) -> None:
    text = "For weeks Donald Trump has kept the diplomats busy, hinting at a meeting."
    assert actors(extractor, text)[0] == "trump"
    text = "Receiving veterans in Moscow, the Kremlin leader stressed that talks must wait."
    assert actors(extractor, text)[0] == "putin"


def test_a_role_noun_without_a_side_needs_that_side_in_the_article(
    extractor: Extractor,
) -> None:
    text = (
        "Kim Jong Un met Trump at Panmunjom. "
        "The Supreme Leader highly appreciated the decision of the U.S. President."
    )
    assert actors(extractor, text, date(2019, 7, 1)) == ["kim-jong-un", "kim-jong-un"]


def test_a_side_adjective_and_a_leaders_title_give_that_sides_leader(
    extractor: Extractor,
) -> None:
    text = "The Azerbaijani leader has for years declined to meet Pashinyan."
    assert actors(extractor, text)[0] == "aliyev"


def test_an_unnamed_official_speaks_for_the_side_in_question(extractor: Extractor) -> None:
    text = "A senior administration official said the White House sees the meeting as a start."
    assert actors(extractor, text)[0] == "united-states"
    text = "Kuleba spoke on Monday. The Ministry of Foreign Affairs said talks would go on."
    assert actors(extractor, text)[-1] == "ukraine"


def test_an_official_reporting_their_own_sides_step_is_the_actor(extractor: Extractor) -> None:
    assert actors(extractor, "According to Peskov, Putin is ready to meet.")[0] == "peskov"
    assert actors(extractor, "According to Rubio, Putin is ready to meet.")[0] == "putin"


def test_after_an_analyst_describes_a_party_he_or_she_is_the_analyst(
    extractor: Extractor,
) -> None:
    text = (
        "“Trump likes to keep the option alive,” said Tatiana Stanovaya. "
        "“My own guess is that we see a phone call first,” she said."
    )
    assert actors(extractor, text) == ["trump", "stanovaya"]


def test_an_op_eds_first_person_is_the_author_its_byline_names(extractor: Extractor) -> None:
    text = (
        "I do not believe a summit should be staged for the cameras.\n\n"
        "Tatiana Stanovaya is a senior fellow at the Carnegie Endowment."
    )
    assert actors(extractor, text) == ["stanovaya", None]


def test_a_sides_answer_is_its_position(extractor: Extractor) -> None:
    assert actors(extractor, "Moscow's answer has been a flat no.")[0] == "russia"


def test_the_meeting_itself_as_subject_gives_no_actor(extractor: Extractor) -> None:
    text = "The first DPRK-U.S. summit was held in Singapore in June last year."
    assert actors(extractor, text, date(2019, 7, 1))[0] is None


@pytest.mark.parametrize(
    "text",
    [
        "ADDIS ABABA, June 26 – Kuleba said talks would resume.",
        "DOHA – Kuleba said talks would resume.",
        "Kyiv, August 20 – Kuleba said talks would resume.",
        "09:35 Kuleba said talks would resume.",
        "13:15 Back to the talks: Kuleba said they would resume.",
    ],
)
def test_datelines_and_live_blog_times_are_cut_off(extractor: Extractor, text: str) -> None:
    assert actors(extractor, text)[0] == "kuleba"


def test_a_name_beats_the_role_noun_or_possessive_before_it(extractor: Extractor) -> None:
    assert actors(extractor, "Putin's aide Yuri Ushakov told reporters the talks went well.")[
        0
    ] == ("ushakov")
    text = "Zelenskyy's chief of staff, Andriy Yermak, said the talks went well."
    assert actors(extractor, text)[0] == "yermak"


def test_in_an_interview_the_answers_are_the_interviewees(extractor: Extractor) -> None:
    text = (
        "Andrii Sybiha has been Ukraine's foreign minister since 2024.\n\n"
        "Q: Is a meeting with Putin on the table? A: It is on our table. "
        "We said yes within a day."
    )
    assert actors(extractor, text) == ["sybiha", None, "sybiha", "sybiha"]


def test_an_op_eds_unattributed_argument_is_the_authors(extractor: Extractor) -> None:
    text = (
        "It would be a mistake to read this lull as a settlement. "
        "Putin and Zelenskyy should simply meet.\n\n"
        "Tatiana Stanovaya is a senior fellow at the Carnegie Endowment."
    )
    assert actors(extractor, text) == ["stanovaya", "stanovaya", None]


def test_an_op_eds_prescription_to_a_party_is_the_authors_view(extractor: Extractor) -> None:
    text = (
        "Washington should stop treating this handshake as a defeat. "
        "Moscow deserves no credit for it. "
        "Zelenskyy has said the talks must include Crimea.\n\n"
        "Tatiana Stanovaya is a senior fellow at the Carnegie Endowment."
    )
    assert actors(extractor, text) == ["stanovaya", "stanovaya", "zelenskyy", None]


def test_neither_of_two_sides_names_no_one_side(extractor: Extractor) -> None:
    text = "Neither Vladimir Putin nor Volodymyr Zelenskyy will be in the room."
    assert actors(extractor, text) == [None]
    assert actors(extractor, "Neither Putin nor his spokesman commented.") == ["putin"]
    text = "Sergey Lavrov and his Ukrainian counterpart signed a protocol on the border."
    assert actors(extractor, text) == [None]
    assert actors(extractor, "Lavrov met his Ukrainian counterpart on Friday.") == ["lavrov"]
    text = (
        "The session, led by Russian Foreign Minister Sergey Lavrov and Ukraine's foreign "
        "minister Andrii Sybiha, lasted six hours, officials from both delegations said."
    )
    assert actors(extractor, text) == [None]


def test_his_government_is_the_last_persons_side(extractor: Extractor) -> None:
    text = "Zelenskyy spoke in Kyiv. His government has just ordered new air defences."
    assert actors(extractor, text) == ["zelenskyy", "ukraine"]


def test_a_parenthetical_speaker_with_according_to(extractor: Extractor) -> None:
    text = "Zelenskyy spoke in Kyiv. The aim, he added according to his office, was peace."
    assert actors(extractor, text)[-1] == "zelenskyy"


def test_a_source_placed_by_region_is_not_its_citys_side(extractor: Extractor) -> None:
    text = "A Western diplomat in Moscow said Washington had pressed for a meeting."
    assert actors(extractor, text)[0] == "united-states"


def test_a_short_sentence_quoted_whole_is_the_last_speakers(extractor: Extractor) -> None:
    text = "“We will meet anywhere,” Zelenskyy told reporters. “The offer stands.”"
    assert actors(extractor, text) == ["zelenskyy", "zelenskyy"]


def test_state_media_of_a_side_speak_for_its_government(extractor: Extractor) -> None:
    text = "Chinese state media have spent the week recalling Lai's past remarks."
    assert actors(extractor, text)[0] == "china"


def test_officials_of_both_governments_give_no_actor(extractor: Extractor) -> None:
    text = "The last time senior officials of the two governments sat together was in 2019."
    assert actors(extractor, text)[0] is None


def test_a_compound_of_two_sides_is_one_word(extractor: Extractor) -> None:
    text = "The last Putin–Zelenskyy meeting was held in Paris in December 2019."
    assert actors(extractor, text)[0] is None


def test_a_ministry_reporting_another_sides_action_gives_that_side(
    extractor: Extractor,
) -> None:
    text = "Russian drones struck power plants overnight, the Ukrainian defence ministry said."
    assert actors(extractor, text) == ["russia"]


def test_a_named_person_accusing_another_side_stays_the_actor(extractor: Extractor) -> None:
    text = "Kiev had itself banned negotiations with Moscow, Lavrov said."
    assert actors(extractor, text) == ["lavrov"]


def test_fighting_between_two_sides_is_no_sides_action(extractor: Extractor) -> None:
    text = "Fighting between Ukrainian troops and Russian forces has killed thousands of people."
    assert actors(extractor, text) == [None]


def test_an_inverted_speech_verb_opening_a_clause_names_no_speaker(
    extractor: Extractor,
) -> None:
    text = "Putin's spokesman, Dmitry Peskov, says the Russian leader arrives with an open mind."
    assert actors(extractor, text) == ["peskov"]


def test_an_answer_labelled_with_the_interviewees_name_is_theirs(extractor: Extractor) -> None:
    text = (
        "Sergey Lavrov spoke to us in Moscow.\n\n"
        "Q: Will the two leaders meet?\n\n"
        "Lavrov: My job is to prepare it."
    )
    assert actors(extractor, text)[-1] == "lavrov"


def test_two_sides_adjectives_joined_name_no_one_side(extractor: Extractor) -> None:
    text = "Russian and Ukrainian delegations met three times in Istanbul."
    assert actors(extractor, text) == [None]


def test_both_sides_in_an_interview_answer_are_not_the_interviewee(
    extractor: Extractor,
) -> None:
    text = (
        "Sergey Lavrov spoke to us in Moscow.\n\n"
        "Q: Will the two leaders meet?\n\n"
        "A: Both leaders have told me that they are prepared to meet."
    )
    assert actors(extractor, text)[-1] is None


def test_a_leaders_office_resolves_to_its_holder_on_the_article_date(
    extractor: Extractor,
) -> None:
    text = "Iran's president rejected direct talks."
    assert actors(extractor, text, date(2023, 4, 6)) == ["raisi"]
    assert actors(extractor, text, date(2025, 4, 6)) == ["pezeshkian"]


def test_a_short_quotation_opening_a_sentence_has_its_speaker(extractor: Extractor) -> None:
    text = (
        'Peskov struck a note of caution about the drafts. "We\'ll see," '
        "Lavrov told reporters, adding that he expected nothing soon."
    )
    assert actors(extractor, text) == ["peskov", "lavrov"]


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("1:02pm ET — Trump has greeted Zelenskyy at the West Wing entrance.", "trump"),
        ("13:41 ET: Putin said he would stay for the signing.", "putin"),
        ("09:05 — Seoul's unification ministry says it regrets the statement.", "south-korea"),
    ],
)
def test_a_live_blog_timestamp_is_not_the_subject(
    extractor: Extractor, text: str, actor: str
) -> None:
    assert actors(extractor, text) == [actor]


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Iran's foreign ministry said it welcomed the outcome of the meeting.", "iran"),
        (
            "Pakistan's military spokesman said the hotline call was no sign of weakness.",
            "pakistan",
        ),
        ("Pakistan's generals have their own reasons to keep any dialogue short.", "pakistan"),
        ("China's overseas ministry stated it applauded the two leaders.", "china"),
        ("Ukraine's parliament has extended martial law again.", "ukraine"),
        ("China's coast guard says it expelled two fishing boats from the shoal.", "china"),
    ],
)
def test_a_sides_body_or_officers_after_its_possessive_speak_for_its_government(
    extractor: Extractor, text: str, actor: str
) -> None:
    assert actors(extractor, text) == [actor]


def test_a_reporting_body_passes_on_another_sides_action(extractor: Extractor) -> None:
    text = "Ukraine's General Staff said Russian forces were regrouping rather than withdrawing."
    assert actors(extractor, text) == ["russia"]
    own_side = "Ukraine's General Staff said it was ready for talks."
    assert actors(extractor, own_side) == ["ukraine"]


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        # machine paraphrase: "leader" -> "chief" / "head", "officials" -> "officers",
        # "side" -> "facet" / "aspect", "forces" -> "pressures", "view" -> "sight"
        ("The Serbian chief stated he was prepared to return to Brussels.", "vucic"),
        ("The Chinese head stated cooperation served both nations.", "xi"),
        ("Indian officers stated there could be no dialog with Islamabad.", "india"),
        ("The Chinese facet stated afterward that the talks yielded no breakthrough.", "china"),
        ("Russian pressures pressed on with their offensive near Pokrovsk.", "russia"),
    ],
)
def test_machine_paraphrased_role_and_body_nouns_are_read_as_the_originals(
    extractor: Extractor, text: str, actor: str
) -> None:
    assert actors(extractor, text) == [actor]


def test_whose_view_an_analyst_gives_decides_the_actor(extractor: Extractor) -> None:
    intro = "Tatiana Stanovaya spoke to reporters in Moscow. "
    assert actors(extractor, intro + "In Putin's calculation, she said, a summit is a prize.") == [
        "stanovaya",
        "putin",
    ]
    assert actors(extractor, intro + "In her personal view, a meeting is unlikely.")[-1] == (
        "stanovaya"
    )
    # an unlisted analyst's "in his assessment" is their own view: no actor
    unlisted = (
        "Political analyst Pavel Orlov told TASS that, in his assessment, a summit is far off."
    )
    assert actors(extractor, unlisted) == [None]


def test_a_cleft_names_its_party_and_the_bare_quotation_before_it(extractor: Extractor) -> None:
    text = "“Not on the agenda.” That was how Lavrov answered questions about a summit."
    assert actors(extractor, text) == ["lavrov", "lavrov"]
    assert actors(extractor, "That was Kuleba's answer when we asked about talks.") == ["kuleba"]
    assert actors(extractor, "It was Modi himself who made the last surprise gesture.") == ["modi"]


def test_a_front_adverb_before_an_acting_side_is_skipped(extractor: Extractor) -> None:
    text = "Overnight, Russian drones struck Kharkiv, Ukraine's air force said."
    assert actors(extractor, text) == ["russia"]
    assert actors(extractor, "Earlier that day he held talks with Erdogan.", None) == [None]
    text = "Zelenskyy landed in Ankara. Earlier that day he held talks with Erdogan."
    assert actors(extractor, text) == ["zelenskyy", "zelenskyy"]


def test_the_group_is_the_organisation_last_named(tmp_path: Path) -> None:
    ex = extractor_with(
        tmp_path,
        '[actors.hezbollah]\nname = "Hezbollah"\nkind = "organisation"\nside = "hezbollah"\n'
        'aliases = ["Hezbollah"]\nroles = []\n\n'
        '[actors.naim-qassem]\nname = "Naim Qassem"\nkind = "leader"\nside = "hezbollah"\n'
        'aliases = ["Naim Qassem", "Qassem"]\nroles = []\n',
    )
    text = (
        "Hezbollah has objected to the talks. The group has refused to hand over its weapons. "
        "The group's leader, Naim Qassem, said Lebanon must not be dragged into normalisation."
    )
    assert actors(ex, text) == ["hezbollah", "hezbollah", "naim-qassem"]


def test_a_question_outside_quotation_marks_is_the_writers(extractor: Extractor) -> None:
    text = "Q: Is a Putin-Zelenskyy meeting any closer than a year ago? Would Putin ever agree?"
    assert actors(extractor, text) == [None, None]
    assert actors(extractor, "Putin asked: “Why should I meet him?”") == ["putin"]


def test_an_irregular_past_verb_ends_the_subject(extractor: Extractor) -> None:
    text = "Before heading to the White House, Zelenskyy sat down with US envoys."
    assert actors(extractor, text) == ["zelenskyy"]
    assert actors(extractor, "Israeli jets struck targets near Damascus last month.") == ["israel"]


def test_a_live_blog_entry_label_after_the_time_is_skipped(extractor: Extractor) -> None:
    text = "10:30 - A reminder of how we got here: Trump said he had spoken to Putin by phone."
    assert actors(extractor, text) == ["trump"]


def test_whatever_a_party_says_is_no_attribution(extractor: Extractor) -> None:
    text = "Seoul should repeat its offer of talks every month, whatever the North says."
    assert actors(extractor, text) == ["south-korea"]
    assert actors(extractor, "The North fired two missiles on Sunday.") == ["north-korea"]


def test_a_top_diplomat_and_a_readout_are_read_as_their_side(extractor: Extractor) -> None:
    text = "Lavrov arrived in Ankara. The leading diplomat stated Moscow was ready for talks."
    assert actors(extractor, text) == ["lavrov", "lavrov"]
    assert actors(extractor, "Beijing's readout said both sides would keep in touch.") == ["china"]


def test_by_a_sources_account_the_subject_acts(extractor: Extractor) -> None:
    text = "By Peskov's account, Putin waved away the agenda and joked with Trump."
    assert actors(extractor, text) == ["putin"]


def test_in_line_with_is_the_paraphrasers_according_to(extractor: Extractor) -> None:
    text = "In line with Lavrov, the two presidents could meet in Istanbul."
    assert actors(extractor, text) == ["lavrov"]


def test_an_unnamed_aide_to_a_leader_speaks_for_the_government(extractor: Extractor) -> None:
    assert actors(extractor, "An adviser to Pezeshkian wrote that talks were off.") == ["iran"]
    assert actors(extractor, "Lee's workplace stated he would back any contact.") == ["south-korea"]


def test_the_interviewee_is_the_person_the_introduction_presents(extractor: Extractor) -> None:
    text = (
        "Last month Trump proposed that Putin and Zelenskyy meet in Geneva. "
        "We reached the Ukrainian foreign minister, Andrii Sybiha, by video link.\n\n"
        "Q: Will the two presidents meet?\n\n"
        "A: We said yes within a day."
    )
    assert actors(extractor, text)[-1] == "sybiha"


def test_a_fronted_time_phrase_keeps_the_clause_after_it(extractor: Extractor) -> None:
    text = "Last month President Putin offered to meet Zelenskyy anywhere, at any time."
    assert actors(extractor, text) == ["putin"]


def test_for_x_with_an_analysts_parenthetical_is_xs_view(extractor: Extractor) -> None:
    text = (
        "Tatiana Stanovaya spoke to reporters in Moscow. "
        "For Trump, she argued, the handshake was above all a trophy."
    )
    assert actors(extractor, text)[-1] == "trump"


def test_an_honorific_before_an_appositive_name_is_skipped(extractor: Extractor) -> None:
    text = "The Kremlin spokesman, Mr Dmitry Peskov, for his part described the talks as useful."
    assert actors(extractor, text) == ["peskov"]
    assert actors(extractor, "09:20 CET — Putin's motorcade has pulled up at the villa.") == [
        "putin"
    ]


def test_the_army_is_the_state_the_named_movement_fights(
    tmp_path: Path, extractor: Extractor
) -> None:
    ex = extractor_with(
        tmp_path,
        '[actors.ostland]\nname = "Ostland government"\nkind = "government"\nside = "ostland"\n'
        'aliases = ["Ostland"]\nroles = []\n\n'
        '[actors.free-vell]\nname = "Free Vell Front"\nkind = "organisation"\nside = "free-vell"\n'
        'aliases = ["Free Vell Front"]\nroles = []\n',
        '[summits.ostland-vell]\ntitle = "Ostland-Vell talks"\nsides = ["ostland", "free-vell"]\n',
    )
    text = (
        "The Free Vell Front has offered talks. The army, for its part, has relied on air power. "
        "Government aircraft bombed three villages in December. "
        "The federal government has kept the province under a blackout."
    )
    assert actors(ex, text) == ["free-vell", "ostland", "ostland", "ostland"]
    # Between two states "the army" names neither: the rule waits for a movement.
    assert actors(extractor, "The army has relied on air power.") == [None]


def test_in_pyongyangs_copy_the_supreme_leader_is_kim(extractor: Extractor) -> None:
    text = (
        "PYONGYANG, March 5 (KCNA) -- Kim Jong Un met President Trump in Hanoi. "
        "Trump praised the talks. "
        "The Supreme Leader expressed his will to meet President Moon Jae-in again."
    )
    assert actors(extractor, text)[-1] == "kim-jong-un"
    iran = "Iran said no talks were planned. The supreme leader has ruled them out."
    assert actors(extractor, iran)[-1] == "khamenei"


def test_an_interviewers_your_government_is_the_interviewees_side(extractor: Extractor) -> None:
    text = (
        "We reached the Ukrainian foreign minister, Andrii Sybiha, by video link.\n\n"
        "Q: Your government has also closed the border crossings.\n\n"
        "A: Temporarily, and only for security reasons."
    )
    assert actors(extractor, text) == [None, "ukraine", "sybiha"]


def test_a_spinners_adverb_between_subject_and_verb_ends_the_subject(
    extractor: Extractor,
) -> None:
    text = "Kurti arrived in Ohrid. The Kosovar leader moreover mentioned he was ready to sign."
    assert actors(extractor, text) == ["kurti", "kurti"]
    # ... but "and also" joins two sides, and "back then" is a fronted time phrase.
    assert actors(extractor, "Serbia and also Kosovo agreed overnight on the text.") == [None]
    assert actors(extractor, "Back then Zelenskyy believed he could talk to Putin.") == [
        "zelenskyy"
    ]


def test_a_fronted_time_word_before_a_role_noun_keeps_the_role_as_subject(
    extractor: Extractor,
) -> None:
    text = "Zelenskyy spoke in Kyiv. Later the president said a meeting was possible."
    assert actors(extractor, text) == ["zelenskyy", "zelenskyy"]
    spun = "Zelenskyy spoke. The talks are off for now, the pinnacle of state wrote on Telegram."
    assert actors(extractor, spun) == ["zelenskyy", "zelenskyy"]


def test_a_body_reporting_the_other_sides_act_after_a_fronted_clause(
    extractor: Extractor,
) -> None:
    text = (
        "Putin and Zelenskyy met in Istanbul. "
        "While the leaders talk, Ukraine's defence ministry says Russian artillery shelled "
        "two villages near Sumy. "
        "No casualties were reported in either village, the ministry added. "
        "Russia's defence ministry reports that Ukrainian drones were spotted over Kursk."
    )
    assert actors(extractor, text) == [None, "russia", "ukraine", "ukraine"]


def test_unnamed_analysts_general_comment_has_no_actor(extractor: Extractor) -> None:
    text = (
        "Analysts said Tuesday's meeting in Istanbul gave Erdogan a prominent role. "
        "Analysts in Moscow said the Kremlin saw little to gain from a meeting."
    )
    assert actors(extractor, text) == [None, "russia"]
