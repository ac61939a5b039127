"""Named, parameterised reads and the alert outbox writes."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import duckdb

from warehouse.errors import ReadOnlyQuery
from warehouse.ids import sha1
from warehouse.shifts import LastAlert, Point, Shift


def rows_as_dicts(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """The cursor's remaining rows as dicts keyed by column name."""
    names = [d[0] for d in cursor.description or []]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def user_query(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, Any]]:
    """Run a user's SQL on a read-only connection.

    Raises:
        ReadOnlyQuery: the SQL tried to write.
    """
    try:
        return rows_as_dicts(con.execute(sql))
    except duckdb.InvalidInputException as exc:
        if "read-only" in str(exc).lower() or "read only" in str(exc).lower():
            raise ReadOnlyQuery(
                "`summitwatch query` is read-only; change data through `summitwatch run`"
            ) from exc
        raise


def _trend_signals_sql(where: str) -> str:
    """The `trend_signals` view with the caller's filter applied to statements first.

    Same rows as the view for the statements it keeps, but the windows (latest
    score, syndicated dedupe) run only over the filtered pairs: over 10 million
    signals this is the difference between seconds and milliseconds.
    """
    return f"""
        WITH st AS (
            SELECT * FROM statements_raw
            WHERE actor IS NOT NULL AND summit IS NOT NULL AND ({where})
        ), sc AS (
            SELECT * FROM scores WHERE statement_id IN (SELECT statement_id FROM st)
            QUALIFY row_number() OVER (
                PARTITION BY statement_id ORDER BY scored_at DESC, model_version DESC) = 1
        )
        SELECT st.statement_id, st.actor, st.side, st.summit, st.text, a.url,
               coalesce(a.published_at, a.fetched_at) AS event_at,
               sc.label, sc.score, sc.confidence
        FROM st JOIN sc USING (statement_id) JOIN articles_raw a USING (article_id)
        QUALIFY row_number() OVER (
            PARTITION BY st.actor, st.summit, lower(trim(st.text))
            ORDER BY coalesce(a.published_at, a.fetched_at), st.statement_id) = 1
    """


def trends(
    con: duckdb.DuckDBPyConnection,
    actor: str | None = None,
    summit: str | None = None,
    since: date | None = None,
    by: str = "actor",
) -> list[dict[str, Any]]:
    """Daily confidence-weighted stance per actor (or per side) and summit."""
    key = "side" if by == "side" else "actor"
    base = _trend_signals_sql("(? IS NULL OR actor = ? OR side = ?) AND (? IS NULL OR summit = ?)")
    sql = f"""
        SELECT {key} AS {key}, summit, CAST(event_at AS DATE) AS day, count(*) AS n,
               round(sum(score * confidence) / nullif(sum(confidence), 0), 4) AS mean_score,
               sum(CASE WHEN label = 'open' THEN 1 ELSE 0 END) AS n_open,
               sum(CASE WHEN label = 'hostile' THEN 1 ELSE 0 END) AS n_hostile
        FROM ({base})
        WHERE (? IS NULL OR CAST(event_at AS DATE) >= ?)
        GROUP BY ALL
        ORDER BY summit, {key}, day
    """
    params = [actor, actor, actor, summit, summit, since, since]
    return rows_as_dicts(con.execute(sql, params))


def pairs_with_signals_since(
    con: duckdb.DuckDBPyConnection, scored_after: datetime | None
) -> list[tuple[str, str]]:
    """Actor-summit pairs that gained a scored statement after the given time.

    Read from the tables, not the views: it runs every pass, and the views' windows
    over months of signals would make an idle pass slow.
    """
    rows = con.execute(
        "SELECT DISTINCT s.actor, s.summit FROM scores c JOIN statements_raw s USING (statement_id) "
        "WHERE s.actor IS NOT NULL AND s.summit IS NOT NULL AND (? IS NULL OR c.scored_at > ?) "
        "ORDER BY 1, 2",
        [scored_after, scored_after],
    ).fetchall()
    return [(r[0], r[1]) for r in rows]


def points(con: duckdb.DuckDBPyConnection, actor: str, summit: str) -> list[Point]:
    """Every trend signal of one pair, as shift-detection points."""
    base = _trend_signals_sql("actor = ? AND summit = ?")
    rows = con.execute(
        f"SELECT statement_id, event_at, score, confidence, text, url FROM ({base}) "
        "ORDER BY event_at, statement_id",
        [actor, summit],
    ).fetchall()
    return [Point(r[0], r[1], r[2], r[3], r[4], r[5]) for r in rows]


def last_alert(con: duckdb.DuckDBPyConnection, actor: str, summit: str) -> LastAlert | None:
    """The pair's latest alert in event time."""
    row = con.execute(
        "SELECT direction, current_level, window_end FROM alerts_raw "
        "WHERE actor = ? AND summit = ? ORDER BY window_end DESC LIMIT 1",
        [actor, summit],
    ).fetchone()
    return LastAlert(row[0], row[1], row[2]) if row else None


def alert_id(shift: Shift) -> str:
    """Deterministic: the same shift found again is the same alert."""
    return sha1(shift.actor, shift.summit, shift.direction, shift.window_end.isoformat())


def insert_alert(
    con: duckdb.DuckDBPyConnection, shift: Shift, created_at: datetime, channels: list[str]
) -> str | None:
    """Put an alert and its pending deliveries in the outbox; None if it was there already."""
    aid = alert_id(shift)
    evidence = [
        {
            "statement_id": p.statement_id,
            "text": p.text,
            "url": p.url,
            "published_at": p.event_at.isoformat(),
            "score": round(p.score, 4),
        }
        for p in shift.evidence
    ]
    con.execute("BEGIN TRANSACTION")
    try:
        exists = con.execute("SELECT 1 FROM alerts_raw WHERE alert_id = ?", [aid]).fetchone()
        if exists:
            con.execute("COMMIT")
            return None
        con.execute(
            "INSERT INTO alerts_raw VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                aid,
                shift.actor,
                shift.summit,
                shift.direction,
                shift.previous_level,
                shift.current_level,
                shift.shift,
                shift.threshold,
                shift.window_start,
                shift.window_end,
                json.dumps(evidence),
                created_at,
            ],
        )
        con.executemany(
            "INSERT INTO alert_deliveries VALUES (?, ?, 0, NULL, NULL) ON CONFLICT DO NOTHING",
            [[aid, ch] for ch in channels],
        )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return aid


@dataclass(frozen=True)
class PendingDelivery:
    """An alert not yet delivered to one channel."""

    alert_id: str
    channel: str
    attempts: int
    alert: dict[str, Any]


def ensure_deliveries(con: duckdb.DuckDBPyConnection, channels: list[str]) -> None:
    """Give every stored alert a delivery row for each channel configured now."""
    for channel in channels:
        con.execute(
            "INSERT INTO alert_deliveries SELECT alert_id, ?, 0, NULL, NULL FROM alerts_raw "
            "ON CONFLICT DO NOTHING",
            [channel],
        )


def pending_deliveries(
    con: duckdb.DuckDBPyConnection, channels: list[str]
) -> list[PendingDelivery]:
    """Deliveries still owed, oldest alert first, for the channels configured now."""
    if not channels:
        return []
    marks = ", ".join("?" for _ in channels)
    cur = con.execute(
        f"""
        SELECT d.alert_id, d.channel, d.attempts, a.*
        FROM alert_deliveries d JOIN alerts_raw a USING (alert_id)
        WHERE d.delivered_at IS NULL AND d.channel IN ({marks})
        ORDER BY a.created_at, a.window_end, d.alert_id, d.channel
        """,
        channels,
    )
    out = []
    for row in rows_as_dicts(cur):
        alert = {k: v for k, v in row.items() if k not in {"channel", "attempts"}}
        alert["evidence"] = json.loads(alert["evidence"])
        out.append(PendingDelivery(row["alert_id"], row["channel"], row["attempts"], alert))
    return out


def mark_delivery(
    con: duckdb.DuckDBPyConnection,
    alert_id_: str,
    channel: str,
    delivered_at: datetime | None,
    error: str | None,
) -> None:
    """Record one delivery attempt; a success is never attempted again."""
    con.execute(
        "UPDATE alert_deliveries SET attempts = attempts + 1, delivered_at = ?, last_error = ? "
        "WHERE alert_id = ? AND channel = ? AND delivered_at IS NULL",
        [delivered_at, error, alert_id_, channel],
    )


def alerts_with_evidence(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """All alerts, newest first, evidence parsed."""
    rows = rows_as_dicts(con.execute("SELECT * FROM alerts ORDER BY window_end DESC, alert_id"))
    for row in rows:
        row["evidence"] = json.loads(row["evidence"])
    return rows
