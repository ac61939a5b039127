"""Trends: confidence-weighted, per actor or side, syndicated copies counted once."""

from __future__ import annotations

from datetime import date, datetime

import duckdb
import pytest

from tests.conftest import store_signal
from warehouse import queries


def add(
    con: duckdb.DuckDBPyConnection,
    url: str,
    text: str,
    actor: str | None,
    summit: str | None,
    p_open: float,
    p_hostile: float,
    when: datetime,
) -> None:
    store_signal(con, url, text, when, p_open, p_hostile, actor, summit)


DAY = datetime(2025, 8, 21, 9)


def test_syndicated_copies_of_one_statement_count_once(con: duckdb.DuckDBPyConnection) -> None:
    for outlet in ("a", "b", "c"):
        add(
            con,
            f"https://{outlet}.example/x",
            "Putin said he is ready to meet.",
            "putin",
            "putin-zelenskyy",
            0.9,
            0.05,
            DAY,
        )
    assert con.execute("SELECT n FROM stance_daily").fetchall() == [(1,)]
    assert con.execute("SELECT count(*) FROM signals").fetchone() == (3,)


def test_the_daily_level_is_weighted_by_confidence(con: duckdb.DuckDBPyConnection) -> None:
    add(con, "https://a.example/1", "Sure open.", "putin", "putin-zelenskyy", 0.9, 0.05, DAY)
    add(con, "https://a.example/2", "Unsure hostile.", "putin", "putin-zelenskyy", 0.3, 0.4, DAY)
    (level,) = con.execute("SELECT mean_score FROM stance_daily").fetchone()  # type: ignore[misc]
    expected = (0.85 * 0.9 + -0.1 * 0.4) / (0.9 + 0.4)
    assert level == pytest.approx(expected)


def test_statements_about_no_summit_or_no_actor_stay_out(con: duckdb.DuckDBPyConnection) -> None:
    add(con, "https://a.example/1", "Rain fell.", "putin", None, 0.1, 0.1, DAY)
    add(con, "https://a.example/2", "Analysts wondered.", None, "putin-zelenskyy", 0.1, 0.1, DAY)
    assert con.execute("SELECT count(*) FROM stance_daily").fetchone() == (0,)


def test_trends_group_by_actor_or_by_side_and_filter(con: duckdb.DuckDBPyConnection) -> None:
    add(con, "https://a.example/1", "Putin: ready.", "putin", "putin-zelenskyy", 0.9, 0.05, DAY)
    add(con, "https://a.example/2", "Lavrov: no.", "lavrov", "putin-zelenskyy", 0.05, 0.9, DAY)
    add(
        con,
        "https://a.example/3",
        "Zelenskyy: ready.",
        "zelenskyy",
        "putin-zelenskyy",
        0.9,
        0.05,
        datetime(2025, 8, 25),
    )
    by_actor = queries.trends(con)
    assert {r["actor"] for r in by_actor} == {"putin", "lavrov", "zelenskyy"}
    by_side = queries.trends(con, by="side")
    russia = next(r for r in by_side if r["side"] == "russia")
    assert (russia["n"], russia["n_open"], russia["n_hostile"]) == (2, 1, 1)
    assert [r["actor"] for r in queries.trends(con, since=date(2025, 8, 22))] == ["zelenskyy"]
    assert [r["actor"] for r in queries.trends(con, actor="lavrov")] == ["lavrov"]
