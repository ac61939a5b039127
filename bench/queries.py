"""Benchmark: trend and alert queries over 10 million synthetic signals.

Run: python bench/queries.py [--rows 10000000]
Builds a warehouse file with the real schema (migrations), fills it with
synthetic scored statements spread over 200 actors, 20 summits and two years,
then times the queries users and the flow run: stance_daily, trends for one
actor, the shift-detection read of one pair, and the alerts view.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def fill(con, rows: int) -> None:  # type: ignore[no-untyped-def]
    """Synthetic articles (one per 5 statements), statements and scores, in SQL."""
    con.execute(f"""
        INSERT INTO articles_raw
        SELECT 'a' || i, 'https://n.example/' || i, 't', 'bench',
               TIMESTAMP '2024-01-01' + INTERVAL (i % 730) DAY + INTERVAL (i % 86400) SECOND,
               TIMESTAMP '2024-01-01' + INTERVAL (i % 730) DAY, 'h' || i, 'text', 'en'
        FROM range({rows // 5}) t(i)""")
    con.execute(f"""
        INSERT INTO statements_raw
        SELECT 's' || i, 'a' || (i // 5), i % 5, 'statement ' || i, 0, 10,
               'actor' || (i % 200), 'side' || (i % 40), 'summit' || (i % 20), false
        FROM range({rows}) t(i)""")
    con.execute(f"""
        INSERT INTO scores
        SELECT 's' || i, 'bench-v1', 'open', p, (1 - p) / 2, (1 - p) / 2, p - (1 - p) / 2, p,
               TIMESTAMP '2025-01-01'
        FROM (SELECT i, 0.34 + (hash(i) % 600) / 1000.0 AS p FROM range({rows}) t(i))""")


def timed(con, sql: str, params: list[object] | None = None, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    """Median milliseconds of a query, fully fetched."""
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        con.execute(sql, params or []).fetchall()
        runs.append((time.perf_counter() - started) * 1000)
    return statistics.median(runs)


def _ms(call: Callable[[], object], repeat: int = 3) -> float:
    """Median milliseconds of a library call."""
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        runs.append((time.perf_counter() - started) * 1000)
    return statistics.median(runs)


def main() -> int:
    """Build, then time each query."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    args = parser.parse_args()
    from warehouse import queries
    from warehouse.db import writer

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.duckdb"
        started = time.perf_counter()
        with writer(path) as con:
            fill(con, args.rows)
            print(
                f"built {args.rows:,} signals in {time.perf_counter() - started:.0f}s "
                f"({path.stat().st_size / 1e9:.2f} GB)"
            )
            figures = {
                "SQL: stance_daily, all pairs": timed(con, "SELECT * FROM stance_daily"),
                "SQL: stance_daily for one actor": timed(
                    con, "SELECT * FROM stance_daily WHERE actor = 'actor7' ORDER BY summit, day"
                ),
                "SQL: alerts view": timed(con, "SELECT * FROM alerts"),
                "SQL: latest 100 signals": timed(
                    con, "SELECT * FROM signals ORDER BY event_at DESC LIMIT 100"
                ),
                "CLI: trends --actor actor7": _ms(lambda: queries.trends(con, actor="actor7")),
                "flow: pairs with new signals": _ms(
                    lambda: queries.pairs_with_signals_since(con, datetime(2025, 6, 1))
                ),
                "flow: shift read of one pair": _ms(
                    lambda: queries.points(con, "actor7", "summit7")
                ),
                "flow: last alert of one pair": _ms(
                    lambda: queries.last_alert(con, "actor7", "summit7")
                ),
            }
        for name, ms in figures.items():
            print(f"{name:>36}: {ms:9.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
