"""Idempotent writes keyed by content-hash ids: a rerun adds nothing.

An article and its statements and scores go in one transaction, so a crash
halfway never leaves a partial article behind.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import duckdb

from warehouse.rows import ArticleBundle


def known_article(con: duckdb.DuckDBPyConnection, article_id: str, text_hash: str) -> bool:
    """Whether this URL, or the same text under another URL, is already stored."""
    row = con.execute(
        "SELECT 1 FROM articles_raw WHERE article_id = ? OR text_hash = ? LIMIT 1",
        [article_id, text_hash],
    ).fetchone()
    return row is not None


def write_bundle(con: duckdb.DuckDBPyConnection, bundle: ArticleBundle) -> int:
    """Store an article with its statements and scores; return how many rows were new."""
    a = bundle.article
    con.execute("BEGIN TRANSACTION")
    try:
        added = _insert(
            con,
            "articles_raw",
            [
                [
                    a.article_id,
                    a.url,
                    a.title,
                    a.source,
                    a.published_at,
                    a.fetched_at,
                    a.text_hash,
                    a.text,
                    a.language,
                ]
            ],
        )
        added += _insert(
            con,
            "statements_raw",
            [
                [
                    s.statement_id,
                    s.article_id,
                    s.seq,
                    s.text,
                    s.char_start,
                    s.char_end,
                    s.actor,
                    s.side,
                    s.summit,
                    s.is_quote,
                    s.attributed_by,
                ]
                for s in bundle.statements
            ],
        )
        added += _insert(
            con,
            "scores",
            [
                [
                    s.statement_id,
                    s.model_version,
                    s.label,
                    s.p_open,
                    s.p_hostile,
                    s.p_neutral,
                    s.score,
                    s.confidence,
                    s.scored_at,
                ]
                for s in bundle.scores
            ],
        )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return added


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[list[Any]]) -> int:
    """One multi-row INSERT that skips rows already there; returns how many were new.

    One statement per table per article: DuckDB's executemany goes row by row
    and made storing the slowest stage of a backlog.
    """
    if not rows:
        return 0
    marks = "(" + ", ".join("?" for _ in rows[0]) + ")"
    values = ", ".join(marks for _ in rows)
    params = [value for row in rows for value in row]
    inserted = con.execute(
        f"INSERT INTO {table} VALUES {values} ON CONFLICT DO NOTHING RETURNING 1", params
    ).fetchall()
    return len(inserted)


def feed_state(con: duckdb.DuckDBPyConnection, feed_url: str) -> tuple[str | None, str | None]:
    """The ETag and Last-Modified seen at the last successful poll of a feed."""
    row = con.execute(
        "SELECT etag, last_modified FROM feed_status WHERE feed_url = ?", [feed_url]
    ).fetchone()
    return (row[0], row[1]) if row else (None, None)


def record_poll(
    con: duckdb.DuckDBPyConnection,
    *,
    run_id: str,
    feed_url: str,
    name: str,
    polled_at: datetime,
    status: str,
    problem: str | None,
    n_entries: int,
    etag: str | None,
    last_modified: str | None,
) -> int:
    """Record one poll in the feed status table; return the feed's failures in a row.

    `status` is "ok", "not_modified", "partial" (entries, with a problem) or "failed".
    """
    failed = status == "failed"
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(
            "INSERT INTO feed_events VALUES (?, ?, ?, ?, ?, ?)",
            [run_id, feed_url, polled_at, status, problem, n_entries],
        )
        con.execute(
            """
            INSERT INTO feed_status AS f VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
            ON CONFLICT (feed_url) DO UPDATE SET
                name = excluded.name,
                etag = CASE WHEN excluded.last_status = 'failed' THEN f.etag
                            ELSE coalesce(excluded.etag, f.etag) END,
                last_modified = CASE WHEN excluded.last_status = 'failed' THEN f.last_modified
                            ELSE coalesce(excluded.last_modified, f.last_modified) END,
                last_polled_at = excluded.last_polled_at,
                last_ok_at = coalesce(excluded.last_ok_at, f.last_ok_at),
                last_status = excluded.last_status,
                last_problem = excluded.last_problem,
                consecutive_failures = CASE WHEN excluded.last_status = 'failed'
                            THEN f.consecutive_failures + 1 ELSE 0 END,
                total_polls = f.total_polls + 1
            """,
            [
                feed_url,
                name,
                etag,
                last_modified,
                polled_at,
                None if failed else polled_at,
                status,
                problem,
                1 if failed else 0,
            ],
        )
        row = con.execute(
            "SELECT consecutive_failures FROM feed_status WHERE feed_url = ?", [feed_url]
        ).fetchone()
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return int(row[0]) if row else 0


def start_run(con: duckdb.DuckDBPyConnection, run_id: str, started_at: datetime) -> None:
    """Note that a pass began, so an unfinished one is visible after a crash."""
    con.execute(
        "INSERT INTO runs VALUES (?, ?, NULL, NULL) ON CONFLICT DO NOTHING", [run_id, started_at]
    )


def finish_run(
    con: duckdb.DuckDBPyConnection, run_id: str, finished_at: datetime, summary: dict[str, Any]
) -> None:
    """Store the pass's summary beside its start."""
    con.execute(
        "UPDATE runs SET finished_at = ?, summary = ? WHERE run_id = ?",
        [finished_at, json.dumps(summary, default=str), run_id],
    )
