"""The HTML report: self-contained, charted, and safe with hostile feed text."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from flows.report import write_report
from tests.conftest import store_signal
from warehouse import queries
from warehouse.db import writer
from warehouse.shifts import Point, Shift

HOSTILE_TITLE = (
    "<script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\">"
)
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture
def report_db(tmp_path: Path) -> Path:
    db = tmp_path / "w.duckdb"
    start = datetime(2025, 8, 1, 9)
    with writer(db) as con:
        for i in range(6):
            text = f"Putin said on day {i} that a meeting <b>was</b> out of the question."
            store_signal(
                con,
                f"https://n.example/{i}",
                text,
                start + timedelta(days=i),
                0.05,
                0.9,
                title=HOSTILE_TITLE,
            )
        shift = Shift(
            "putin",
            "putin-zelenskyy",
            "toward_hostile",
            0.5,
            -0.85,
            -1.35,
            0.4,
            start,
            start + timedelta(days=5),
            [Point("s", start, -0.85, 0.9, HOSTILE_TITLE, "javascript:alert(1)")],
        )
        queries.insert_alert(con, shift, start, ["log"])
    return db


def test_the_page_is_self_contained_and_escapes_feed_text(report_db: Path, tmp_path: Path) -> None:
    page = write_report(report_db, tmp_path / "r.html").read_text()
    assert not re.search(r"<script[^>]+src=", page), "no external scripts: it must open offline"
    assert "cdn.jsdelivr" not in page and "https://cdn" not in page
    assert "document.title='pwned'</script>" not in page
    assert "&lt;script&gt;document.title=" in page
    assert 'href="javascript:' not in page
    assert "&lt;b&gt;was&lt;/b&gt;" in page


@pytest.mark.skipif(
    CHROMIUM is None, reason="headless Chromium is not installed (apt-get install chromium)"
)
def test_headless_chromium_renders_the_chart_and_runs_no_feed_script(
    report_db: Path, tmp_path: Path
) -> None:
    page = write_report(report_db, tmp_path / "r.html")
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            [
                str(CHROMIUM),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={profile}",
                "--virtual-time-budget=5000",
                "--dump-dom",
                page.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    dom = done.stdout
    title = re.search(r"<title>(.*?)</title>", dom)
    assert title is not None and title.group(1) == "summitwatch report", "a feed script ran"
    assert '<img src="x"' not in dom and "&lt;script&gt;document.title" in dom
    assert dom.count('aria-roledescription="point"') >= 6, "one point per day of signals"
    assert 'aria-roledescription="symbol mark container"' in dom, "alert markers are drawn"
