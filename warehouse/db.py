"""Opening the warehouse: one writer at a time, readers never change anything.

DuckDB lets one process write a file. Two passes at once (a scheduled one and
a manual one) would make the second crash on DuckDB's own lock, so writers
first take a lock file beside the database and wait for it, up to a limit.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
from filelock import FileLock, Timeout

from warehouse.errors import NoWarehouse, WarehouseBusy, WarehouseError
from warehouse.migrations import migrate

DEFAULT_DB = "summitwatch.duckdb"


def default_db_path() -> Path:
    """`SUMMITWATCH_DB`, else ./summitwatch.duckdb."""
    return Path(os.environ.get("SUMMITWATCH_DB", DEFAULT_DB))


def lock_path(db_path: Path) -> Path:
    """The lock file that serialises writers of one database."""
    return db_path.with_name(db_path.name + ".lock")


@contextmanager
def writer(db_path: Path, wait_seconds: float = 600.0) -> Iterator[duckdb.DuckDBPyConnection]:
    """A migrated read-write connection, held alone among summitwatch writers.

    Args:
        db_path: the DuckDB file; created with its schema when missing.
        wait_seconds: how long to wait for another pass to finish first.

    Raises:
        WarehouseBusy: the other pass still ran after `wait_seconds`.
    """
    db_path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(lock_path(db_path)))
    try:
        lock.acquire(timeout=wait_seconds)
    except Timeout as exc:
        raise WarehouseBusy(
            f"another summitwatch pass is writing {db_path} and did not finish within "
            f"{wait_seconds:.0f}s; wait for it or raise --wait"
        ) from exc
    try:
        con = _connect(db_path, read_only=False)
        try:
            migrate(con)
            yield con
        finally:
            con.close()
    finally:
        lock.release()


@contextmanager
def reader(db_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection: user SQL can look but never change the warehouse.

    Raises:
        NoWarehouse: the file does not exist yet.
    """
    if not db_path.exists():
        raise NoWarehouse(
            f"no warehouse at {db_path}; run `summitwatch run` first or pass --db PATH"
        )
    con = _connect(db_path, read_only=True)
    try:
        yield con
    finally:
        con.close()


def _connect(db_path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(str(db_path), read_only=read_only)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise WarehouseBusy(
                f"{db_path} is open in another process (a running pass?); "
                "try again when it finishes"
            ) from exc
        raise WarehouseError(f"cannot open {db_path}: {exc}") from exc
