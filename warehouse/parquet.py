"""The warehouse as Parquet partitions: the path past one machine's DuckDB file.

`export` writes every table hive-partitioned (signals by summit and month), so
DuckDB, MotherDuck or any Parquet reader can query a shared store; `attach`
gives a DuckDB connection the same view names over those files, so the SQL
contract of DESIGN.md holds on either storage.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

TABLES = (
    "articles_raw",
    "statements_raw",
    "scores",
    "alerts_raw",
    "alert_deliveries",
    "feed_status",
)


def export(con: duckdb.DuckDBPyConnection, out_dir: Path) -> dict[str, int]:
    """Write the warehouse to Parquet under out_dir; return rows per table."""
    out_dir.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for table in TABLES:
        target = out_dir / f"{table}.parquet"
        con.execute(
            f"COPY (SELECT * FROM {table}) TO '{_sql_path(target)}' "
            "(FORMAT parquet, PER_THREAD_OUTPUT false, OVERWRITE_OR_IGNORE true)"
        )
        counts[table] = _count(con, table)
    signals = out_dir / "signals"
    con.execute(
        f"""COPY (SELECT *, coalesce(summit, 'none') AS summit_key,
                         strftime(event_at, '%Y-%m') AS month FROM signals)
            TO '{_sql_path(signals)}' (FORMAT parquet, PARTITION_BY (summit_key, month),
                                      OVERWRITE_OR_IGNORE true)"""
    )
    counts["signals"] = _count(con, "signals")
    return counts


def attach(con: duckdb.DuckDBPyConnection, parquet_dir: Path) -> None:
    """Views with the user-facing names over an exported Parquet store."""
    if not (parquet_dir / "signals").is_dir():
        raise FileNotFoundError(
            f"no exported warehouse in {parquet_dir}; run `summitwatch export --parquet {parquet_dir}`"
        )
    glob = _sql_path(parquet_dir / "signals") + "/**/*.parquet"
    con.execute(
        f"CREATE OR REPLACE VIEW signals AS SELECT * EXCLUDE (summit_key, month) "
        f"FROM read_parquet('{glob}', hive_partitioning = true)"
    )
    con.execute(
        """
        CREATE OR REPLACE VIEW stance_daily AS
        SELECT actor, summit, CAST(event_at AS DATE) AS day, count(*) AS n,
               sum(score * confidence) / nullif(sum(confidence), 0) AS mean_score
        FROM (SELECT * FROM signals WHERE summit IS NOT NULL AND actor IS NOT NULL
              QUALIFY row_number() OVER (PARTITION BY actor, summit, lower(trim(text))
                                         ORDER BY event_at, statement_id) = 1)
        GROUP BY ALL
        """
    )
    con.execute(
        f"CREATE OR REPLACE VIEW articles AS SELECT * EXCLUDE (text) "
        f"FROM read_parquet('{_sql_path(parquet_dir / 'articles_raw.parquet')}')"
    )
    con.execute(
        f"CREATE OR REPLACE VIEW alerts AS SELECT * "
        f"FROM read_parquet('{_sql_path(parquet_dir / 'alerts_raw.parquet')}')"
    )


def _count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    row = con.execute(f"SELECT count(*) FROM {table}").fetchone()
    return int(row[0]) if row else 0


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")
