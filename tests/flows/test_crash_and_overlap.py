"""Crash safety and overlapping runs, with real `summitwatch run` processes.

A pass killed with SIGKILL leaves no partial article; the rerun completes the
work with nothing lost or doubled. Two passes on one DuckDB file at once both
finish: the second waits for the first's lock, then finds nothing new.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import IO

import duckdb
import pytest

from tests.conftest import ROOT, FeedServer, Route, paragraphs, rss
from warehouse.db import writer

pytestmark = pytest.mark.slow


def feed(n: int) -> bytes:
    items = []
    for i in range(n):
        text = (
            paragraphs(
                f"Kremlin spokesman Dmitry Peskov said on day {i} that a meeting between Putin and "
                "Zelenskyy was not on the agenda.",
                f"Zelenskyy said on day {i} that he was ready to meet Putin in any format.",
                f"Trump urged both leaders on day {i} to sit down together soon.",
            )
            * 2
        )
        items.append(
            {
                "title": f"Story {i}",
                "link": f"https://w.example/{i}",
                "content": text,
                "date": f"Thu, {1 + i % 28:02d} Aug 2025 09:00:00 +0000",
            }
        )
    return rss(items)


def start(db: Path, url: str, cfg: Path, log: IO[str] | None = None) -> subprocess.Popen[str]:
    """A `summitwatch run` process in its own process group (with the temporary
    Prefect server it starts); its output is piped to the test, or to `log`."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "NO_COLOR": "1"}
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "flows.cli",
            "run",
            "--feed",
            url,
            "--db",
            str(db),
            "--config",
            str(cfg),
        ],
        cwd=ROOT,
        env=env,
        stdout=log or subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def config(tmp_path: Path) -> Path:
    """The rules attribute here: what is under test is storage, not reading, and each
    of these processes would otherwise load and run the reader too."""
    path = tmp_path / "summitwatch.toml"
    path.write_text('[summitwatch]\nattribution = "rules"\n\n[fetch]\nfetch_linked_pages = false\n')
    return path


def snapshot(db: Path) -> dict[str, object]:
    with duckdb.connect(str(db), read_only=True) as con:
        one = con.execute
        return {
            "articles": one("SELECT count(*), count(DISTINCT url) FROM articles").fetchone(),
            "statements": one(
                "SELECT count(*), count(DISTINCT statement_id) FROM statements"
            ).fetchone(),
            "signals": one("SELECT count(*) FROM signals").fetchone(),
            "unscored": one(
                "SELECT count(*) FROM statements s ANTI JOIN scores USING (statement_id)"
            ).fetchone(),
            "per_article": one(
                "SELECT min(n), max(n) FROM (SELECT article_id, count(*) n FROM statements "
                "GROUP BY 1)"
            ).fetchone(),
        }


def test_a_pass_killed_mid_run_is_completed_by_the_rerun(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    feed_server.routes["/feed.xml"] = Route(feed(60))
    url, cfg = feed_server.url("/feed.xml"), config(tmp_path)
    db, clean_db = tmp_path / "w.duckdb", tmp_path / "clean.duckdb"
    # The uninterrupted pass to compare with runs meanwhile, on its own file.
    with (tmp_path / "clean.log").open("w") as clean_log:
        clean = start(clean_db, url, cfg, log=clean_log)
        victim = start(db, url, cfg)
        assert victim.stdout is not None
        for line in victim.stdout:
            if "Task run 'stance" in line and "Finished" in line:
                break
        # The whole group, as a container or systemd stop does: SIGKILL to the pass
        # alone would leave its Prefect server running (README, "Operating it").
        os.killpg(victim.pid, signal.SIGKILL)
        victim.wait(timeout=30)
        if db.exists():
            partial = snapshot(db)
            assert partial["unscored"] == (0,)
            stored = partial["articles"][0]  # type: ignore[index]
            assert stored in (0, 60) or partial["per_article"][0] == 6  # type: ignore[index]
        rerun = start(db, url, cfg)
        rerun.communicate(timeout=300)
        assert (rerun.returncode, clean.wait(timeout=300)) == (0, 0)
    assert snapshot(db) == snapshot(clean_db)
    assert snapshot(db)["articles"] == (60, 60)


def test_two_passes_at_once_both_finish_and_nothing_is_doubled(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    feed_server.routes["/feed.xml"] = Route(feed(20))
    url, cfg = feed_server.url("/feed.xml"), config(tmp_path)
    db = tmp_path / "w.duckdb"
    first, second = start(db, url, cfg), start(db, url, cfg)
    outputs = [p.communicate(timeout=300)[0] for p in (first, second)]
    assert (first.returncode, second.returncode) == (0, 0), outputs
    state = snapshot(db)
    assert state["articles"] == (20, 20)
    assert state["statements"][0] == state["statements"][1] == state["signals"][0]  # type: ignore[index]


def test_a_query_during_a_pass_gets_a_clear_message(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    with writer(db):
        done = subprocess.run(
            [sys.executable, "-m", "flows.cli", "query", "select 1", "--db", str(db)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
    assert done.returncode == 1
    assert "try again when it finishes" in done.stderr
    assert done.stdout == ""
