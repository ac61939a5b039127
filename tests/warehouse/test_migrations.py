"""The schema is built by numbered, recorded migrations and offers DESIGN.md's names."""

from __future__ import annotations

import duckdb
import pytest

from warehouse.errors import SchemaOutOfDate
from warehouse.migrations import MIGRATIONS, applied, migrate

CONTRACT = {
    "articles": ["article_id", "url", "title", "source", "published_at", "fetched_at", "text_hash"],
    "statements": [
        "statement_id",
        "article_id",
        "seq",
        "text",
        "char_start",
        "char_end",
        "actor",
        "summit",
        "is_quote",
    ],
    "signals": [
        "statement_id",
        "article_id",
        "url",
        "published_at",
        "actor",
        "summit",
        "text",
        "label",
        "p_open",
        "p_hostile",
        "p_neutral",
        "score",
        "confidence",
        "model_version",
        "scored_at",
    ],
    "stance_daily": ["actor", "summit", "day", "n", "mean_score"],
    "alerts": [
        "alert_id",
        "actor",
        "summit",
        "direction",
        "previous_level",
        "current_level",
        "shift",
        "threshold",
        "window_start",
        "window_end",
        "evidence",
        "created_at",
        "delivered_at",
    ],
}


def test_every_migration_is_recorded_once_in_order(con: duckdb.DuckDBPyConnection) -> None:
    assert applied(con) == [m.__name__ for m in MIGRATIONS]
    assert migrate(con) == []
    assert applied(con) == [m.__name__ for m in MIGRATIONS]


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_user_facing_names_have_the_contract_columns(
    con: duckdb.DuckDBPyConnection, name: str
) -> None:
    columns = [row[0] for row in con.execute(f"DESCRIBE {name}").fetchall()]
    assert columns[: len(CONTRACT[name])] == CONTRACT[name]


def test_a_database_from_a_newer_version_is_refused_with_advice(
    con: duckdb.DuckDBPyConnection,
) -> None:
    con.execute("INSERT INTO _migrations VALUES (999, 'm999_from_the_future', now())")
    with pytest.raises(SchemaOutOfDate, match="upgrade summitwatch"):
        migrate(con)


def test_a_fresh_file_gets_the_whole_schema(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "w.duckdb"
    with duckdb.connect(str(path)) as first:
        assert migrate(first) == [m.__name__ for m in MIGRATIONS]
    with duckdb.connect(str(path)) as again:
        assert migrate(again) == []


def test_a_database_of_the_previous_release_keeps_its_statements_and_gains_attributed_by(
    tmp_path,  # type: ignore[no-untyped-def]
) -> None:
    """Rows stored before attribution was recorded read NULL; new rows carry it."""
    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as old:
        old.execute(
            "CREATE TABLE _migrations "
            "(id INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
        )
        for number, migration in enumerate(MIGRATIONS[:2], start=1):
            migration(old)
            old.execute(
                "INSERT INTO _migrations VALUES (?, ?, now())", [number, migration.__name__]
            )
        old.execute(
            "INSERT INTO statements_raw VALUES ('s1', 'a1', 0, 'x', 0, 1, NULL, NULL, NULL, false)"
        )
    with duckdb.connect(str(path)) as con:
        assert migrate(con) == ["m003_attributed_by"]
        con.execute(
            "INSERT INTO statements_raw VALUES "
            "('s2', 'a1', 1, 'y', 2, 3, 'putin', 'russia', NULL, false, 'rules-0.2.0')"
        )
        rows = con.execute(
            "SELECT statement_id, attributed_by FROM statements ORDER BY seq"
        ).fetchall()
    assert rows == [("s1", None), ("s2", "rules-0.2.0")]
