"""Statements: sentences and quotations with exact offsets into the article."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.statements import split_statements
from tests.conftest import SEED_TEXT


def texts(article: str) -> list[tuple[str, bool]]:
    return [(s.text, s.is_quote) for s in split_statements(article)]


def test_every_statement_is_the_exact_substring_at_its_offsets() -> None:
    for span in split_statements(SEED_TEXT):
        assert SEED_TEXT[span.start : span.end] == span.text
        assert span.text == span.text.strip()


def test_a_quote_with_its_attribution_becomes_its_own_statement() -> None:
    article = '"We need to meet without conditions," he said after talks with European allies.'
    assert texts(article)[0] == ("We need to meet without conditions", True)
    assert split_statements(article)[0].attribution.startswith("he said")


def test_a_quote_after_its_speaker_is_split_off() -> None:
    article = (
        "Lavrov told reporters: “Contacts at the top level must be prepared with the utmost care.”"
    )
    spans = split_statements(article)
    assert (spans[0].text, spans[0].is_quote) == (
        "Contacts at the top level must be prepared with the utmost care.",
        True,
    )
    assert "Lavrov told reporters" in spans[0].attribution


def test_a_single_quoted_quotation_is_split_off_but_apostrophes_are_not_quotes() -> None:
    article = "'We'd like a return to real negotiations, not gestures,' the Cypriot leader said."
    assert texts(article) == [("We'd like a return to real negotiations, not gestures", True)]
    assert split_statements(article)[0].attribution == "the Cypriot leader said."
    assert texts("Trump's 'art of the deal' is back in Doha, he said.")[0][1] is False


def test_scare_quotes_stay_inside_their_sentence() -> None:
    article = "He argued that only “genuine authorities” can sign binding agreements."
    assert texts(article) == [(article, False)]


def test_a_quote_running_over_sentences_shares_one_attribution() -> None:
    article = "“We are ready. We will come to Istanbul and wait there,” Zelensky said."
    spans = split_statements(article)
    assert all(s.is_quote for s in spans)
    assert {s.attribution for s in spans} == {"Zelensky said."}


def test_headlines_and_lines_without_full_stops_are_separate_statements() -> None:
    article = "History of failed encounters\nThe two last met in 2019."
    assert [t for t, _ in texts(article)] == [
        "History of failed encounters",
        "The two last met in 2019.",
    ]


def test_the_seed_article_splits_into_its_sentences() -> None:
    spans = split_statements(SEED_TEXT)
    assert 35 <= len(spans) <= 50
    quotes = [s.text for s in spans if s.is_quote]
    assert any(q.startswith("I believe we need to fulfill without conditions") for q in quotes)


@given(
    st.lists(
        st.sampled_from(
            [
                "Putin rejected the idea.",
                "“We must meet,” he said.",
                "Talks are planned.",
                "He said: “We are ready to talk today.”",
                "Trump urged a summit!",
                "Is a meeting near?",
            ]
        ),
        min_size=1,
        max_size=8,
    ),
    st.sampled_from([" ", "\n", "\n\n"]),
)
def test_offsets_hold_for_any_arrangement(sentences: list[str], glue: str) -> None:
    article = glue.join(sentences)
    for span in split_statements(article):
        assert article[span.start : span.end] == span.text
        assert span.text


@pytest.mark.parametrize("article", ["", "   ", "\n\n"])
def test_empty_text_has_no_statements(article: str) -> None:
    assert split_statements(article) == []
