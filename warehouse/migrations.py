"""Ordered, named schema migrations recorded in the `_migrations` table.

Each migration runs in its own transaction, so a crash leaves the schema at a
known step. Add a migration by appending a function to MIGRATIONS; never edit
one that has shipped.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import duckdb

from warehouse.errors import SchemaOutOfDate


def m001_core_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Feeds, articles, statements and scores: the evidence every signal keeps."""
    con.execute(
        """
        CREATE TABLE feed_status (
            feed_url VARCHAR PRIMARY KEY,
            name VARCHAR,
            etag VARCHAR,
            last_modified VARCHAR,
            last_polled_at TIMESTAMP,
            last_ok_at TIMESTAMP,
            last_status VARCHAR,
            last_problem VARCHAR,
            consecutive_failures INTEGER DEFAULT 0,
            total_polls INTEGER DEFAULT 0
        )
        """
    )
    con.execute(
        """
        CREATE TABLE feed_events (
            run_id VARCHAR,
            feed_url VARCHAR,
            polled_at TIMESTAMP,
            status VARCHAR,
            problem VARCHAR,
            n_entries INTEGER
        )
        """
    )
    con.execute(
        """
        CREATE TABLE articles_raw (
            article_id VARCHAR PRIMARY KEY,
            url VARCHAR NOT NULL,
            title VARCHAR,
            source VARCHAR,
            published_at TIMESTAMP,
            fetched_at TIMESTAMP NOT NULL,
            text_hash VARCHAR NOT NULL,
            text VARCHAR NOT NULL,
            language VARCHAR
        )
        """
    )
    con.execute("CREATE INDEX articles_raw_hash ON articles_raw(text_hash)")
    con.execute(
        """
        CREATE TABLE statements_raw (
            statement_id VARCHAR PRIMARY KEY,
            article_id VARCHAR NOT NULL,
            seq INTEGER NOT NULL,
            text VARCHAR NOT NULL,
            char_start INTEGER NOT NULL,
            char_end INTEGER NOT NULL,
            actor VARCHAR,
            side VARCHAR,
            summit VARCHAR,
            is_quote BOOLEAN NOT NULL
        )
        """
    )
    con.execute(
        """
        CREATE TABLE scores (
            statement_id VARCHAR NOT NULL,
            model_version VARCHAR NOT NULL,
            label VARCHAR NOT NULL,
            p_open DOUBLE NOT NULL,
            p_hostile DOUBLE NOT NULL,
            p_neutral DOUBLE NOT NULL,
            score DOUBLE NOT NULL,
            confidence DOUBLE NOT NULL,
            scored_at TIMESTAMP NOT NULL,
            PRIMARY KEY (statement_id, model_version)
        )
        """
    )
    con.execute(
        """
        CREATE TABLE alerts_raw (
            alert_id VARCHAR PRIMARY KEY,
            actor VARCHAR NOT NULL,
            summit VARCHAR NOT NULL,
            direction VARCHAR NOT NULL,
            previous_level DOUBLE NOT NULL,
            current_level DOUBLE NOT NULL,
            shift DOUBLE NOT NULL,
            threshold DOUBLE NOT NULL,
            window_start TIMESTAMP NOT NULL,
            window_end TIMESTAMP NOT NULL,
            evidence JSON NOT NULL,
            created_at TIMESTAMP NOT NULL
        )
        """
    )
    con.execute(
        """
        CREATE TABLE alert_deliveries (
            alert_id VARCHAR NOT NULL,
            channel VARCHAR NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            delivered_at TIMESTAMP,
            last_error VARCHAR,
            PRIMARY KEY (alert_id, channel)
        )
        """
    )
    con.execute(
        """
        CREATE TABLE runs (
            run_id VARCHAR PRIMARY KEY,
            started_at TIMESTAMP NOT NULL,
            finished_at TIMESTAMP,
            summary JSON
        )
        """
    )


def m002_user_views(con: duckdb.DuckDBPyConnection) -> None:
    """The names of DESIGN.md that users query; the tables behind them stay ours."""
    con.execute(
        """
        CREATE VIEW articles AS
        SELECT article_id, url, title, source, published_at, fetched_at, text_hash, language
        FROM articles_raw
        """
    )
    con.execute(
        """
        CREATE VIEW statements AS
        SELECT statement_id, article_id, seq, text, char_start, char_end, actor, summit,
               is_quote, side
        FROM statements_raw
        """
    )
    con.execute(
        """
        CREATE VIEW signals AS
        SELECT s.statement_id, s.article_id, a.url, a.published_at, s.actor, s.summit, s.text,
               c.label, c.p_open, c.p_hostile, c.p_neutral, c.score, c.confidence,
               c.model_version, c.scored_at, s.side,
               coalesce(a.published_at, a.fetched_at) AS event_at, s.seq
        FROM statements_raw s
        JOIN articles_raw a USING (article_id)
        JOIN (
            SELECT * FROM scores
            QUALIFY row_number() OVER (
                PARTITION BY statement_id ORDER BY scored_at DESC, model_version DESC
            ) = 1
        ) c USING (statement_id)
        """
    )
    # One row per distinct statement text: a syndicated copy of the same words in
    # several outlets is one piece of evidence, kept at its earliest appearance.
    con.execute(
        """
        CREATE VIEW trend_signals AS
        SELECT * FROM signals
        WHERE summit IS NOT NULL AND actor IS NOT NULL
        QUALIFY row_number() OVER (
            PARTITION BY actor, summit, lower(trim(text)) ORDER BY event_at, statement_id
        ) = 1
        """
    )
    con.execute(
        """
        CREATE VIEW stance_daily AS
        SELECT actor, summit, CAST(event_at AS DATE) AS day, count(*) AS n,
               sum(score * confidence) / nullif(sum(confidence), 0) AS mean_score
        FROM trend_signals
        GROUP BY ALL
        """
    )
    con.execute(
        """
        CREATE VIEW alerts AS
        SELECT a.alert_id, a.actor, a.summit, a.direction, a.previous_level, a.current_level,
               a.shift, a.threshold, a.window_start, a.window_end, a.evidence, a.created_at,
               d.delivered_at
        FROM alerts_raw a
        LEFT JOIN (
            SELECT alert_id,
                   CASE WHEN bool_and(delivered_at IS NOT NULL) THEN max(delivered_at) END
                       AS delivered_at
            FROM alert_deliveries GROUP BY alert_id
        ) d USING (alert_id)
        """
    )


def m003_attributed_by(con: duckdb.DuckDBPyConnection) -> None:
    """Which rules and reader attributed each statement; NULL for rows stored before."""
    con.execute("ALTER TABLE statements_raw ADD COLUMN attributed_by VARCHAR")
    con.execute(
        """
        CREATE OR REPLACE VIEW statements AS
        SELECT statement_id, article_id, seq, text, char_start, char_end, actor, summit,
               is_quote, side, attributed_by
        FROM statements_raw
        """
    )


Migration = Callable[[duckdb.DuckDBPyConnection], None]
MIGRATIONS: list[Migration] = [m001_core_tables, m002_user_views, m003_attributed_by]


def applied(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Names of the migrations already recorded, in order."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS _migrations "
        "(id INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
    )
    return [row[0] for row in con.execute("SELECT name FROM _migrations ORDER BY id").fetchall()]


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Bring the schema up to date; return the names of the migrations it ran.

    Raises:
        SchemaOutOfDate: the database records migrations this code does not know.
    """
    done = applied(con)
    known = [m.__name__ for m in MIGRATIONS]
    unknown = [name for name in done if name not in known]
    if unknown:
        raise SchemaOutOfDate(
            f"the database was written by a newer summitwatch (migrations {unknown}); "
            "upgrade summitwatch or point --db at another file"
        )
    ran = []
    for number, migration in enumerate(MIGRATIONS, start=1):
        if migration.__name__ in done:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            migration(con)
            con.execute(
                "INSERT INTO _migrations VALUES (?, ?, ?)",
                [number, migration.__name__, datetime.now(UTC).replace(tzinfo=None)],
            )
            con.execute("COMMIT")
        except duckdb.Error:
            con.execute("ROLLBACK")
            raise
        ran.append(migration.__name__)
    return ran
