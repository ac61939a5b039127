"""Writes are idempotent and transactional per article."""

from __future__ import annotations

from datetime import datetime

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warehouse import writes
from warehouse.ids import article_id, statement_id, text_hash
from warehouse.migrations import migrate
from warehouse.rows import ArticleBundle, ArticleRow, ScoreRow, StatementRow

NOW = datetime(2025, 8, 21, 12, 0)


def bundle(
    url: str = "https://news.example/a", text: str = "Putin rejected a meeting."
) -> ArticleBundle:
    aid = article_id(url)
    sid = statement_id(aid, 0, text)
    return ArticleBundle(
        ArticleRow(aid, url, "t", "feed", NOW, NOW, text_hash(text), text, "en"),
        [
            StatementRow(
                sid, aid, 0, text, 0, len(text), "putin", "russia", "putin-zelenskyy", False
            )
        ],
        [ScoreRow(sid, "v1", "hostile", 0.1, 0.8, 0.1, NOW)],
    )


def counts(con: duckdb.DuckDBPyConnection) -> tuple[int, ...]:
    return tuple(
        con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # type: ignore[index]
        for t in ("articles", "statements", "signals")
    )


def test_writing_the_same_article_twice_adds_nothing(con: duckdb.DuckDBPyConnection) -> None:
    assert writes.write_bundle(con, bundle()) == 3
    assert writes.write_bundle(con, bundle()) == 0
    assert counts(con) == (1, 1, 1)


def test_signals_show_score_and_confidence(con: duckdb.DuckDBPyConnection) -> None:
    writes.write_bundle(con, bundle())
    row = con.execute("SELECT label, score, confidence, model_version FROM signals").fetchone()
    assert row == ("hostile", pytest.approx(-0.7), pytest.approx(0.8), "v1")


def test_a_newer_score_becomes_the_signal_and_the_older_stays(
    con: duckdb.DuckDBPyConnection,
) -> None:
    first = bundle()
    writes.write_bundle(con, first)
    sid = first.statements[0].statement_id
    later = ArticleBundle(
        first.article,
        first.statements,
        [ScoreRow(sid, "v2", "open", 0.7, 0.2, 0.1, datetime(2025, 9, 1))],
    )
    writes.write_bundle(con, later)
    assert con.execute("SELECT model_version FROM signals").fetchall() == [("v2",)]
    assert con.execute("SELECT count(*) FROM scores").fetchone() == (2,)


def test_a_failure_inside_an_article_leaves_no_part_of_it(con: duckdb.DuckDBPyConnection) -> None:
    broken = bundle()
    bad = StatementRow(None, "x", 0, "t", 0, 1, None, None, None, False)  # type: ignore[arg-type]
    broken.statements.append(bad)
    with pytest.raises(duckdb.Error):
        writes.write_bundle(con, broken)
    assert counts(con) == (0, 0, 0)


def test_known_article_matches_url_or_same_text_elsewhere(con: duckdb.DuckDBPyConnection) -> None:
    writes.write_bundle(con, bundle())
    assert writes.known_article(con, article_id("https://news.example/a"), "other")
    assert writes.known_article(con, "other", text_hash("Putin  rejected a meeting."))
    assert not writes.known_article(con, "other", "other")


def test_feed_failures_in_a_row_count_up_and_reset(con: duckdb.DuckDBPyConnection) -> None:
    def poll(status: str) -> int:
        return writes.record_poll(
            con,
            run_id="r",
            feed_url="http://f",
            name="f",
            polled_at=NOW,
            status=status,
            problem=None if status == "ok" else "down",
            n_entries=0,
            etag='"e1"' if status == "ok" else None,
            last_modified=None,
        )

    assert poll("ok") == 0
    assert poll("failed") == 1
    assert poll("failed") == 2
    assert writes.feed_state(con, "http://f") == ('"e1"', None)
    assert poll("ok") == 0


texts = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=200)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    url=st.from_regex(r"https://[a-z]{1,10}\.example/[a-z0-9]{0,12}", fullmatch=True), text=texts
)
def test_round_trip_keeps_text_and_offsets_exactly(url: str, text: str) -> None:
    with duckdb.connect(":memory:") as db:
        migrate(db)
        writes.write_bundle(db, bundle(url, text))
        row = db.execute(
            "SELECT s.text, s.char_start, s.char_end, a.url FROM statements s JOIN articles a USING (article_id)"
        ).fetchone()
        assert row == (text, 0, len(text), url)
