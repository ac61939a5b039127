"""The monitoring flow end to end: real Prefect runs, a real DuckDB file, real HTTP."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from flows.monitor import monitor
from tests.conftest import ROOT, FeedServer, Route, paragraphs, rss

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect_server")]

KREMLIN = (
    paragraphs(
        "Kremlin spokesman Dmitry Peskov said on Thursday that a meeting between Putin and Zelenskyy "
        "was not on the agenda and that contacts at the top level must be prepared with the utmost care.",
        "Ukrainian President Volodymyr Zelenskyy said he was ready to meet Putin in any format "
        "and without preconditions.",
        "US President Donald Trump urged both leaders to sit down together as soon as possible.",
    )
    * 3
)


def table_counts(db: Path) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # type: ignore[index]
            for t in ("articles", "statements", "signals", "feed_status")
        }


def test_the_seed_feed_gives_attributed_signals_and_a_rerun_adds_nothing(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    first = monitor(db_path=str(db), feeds_file=str(ROOT / "seeds" / "feeds.toml"))
    assert first["articles_new"] == 1 and first["signals"] >= 5
    assert first["feeds_failed"] == [] and first["skipped"] == []
    with duckdb.connect(str(db), read_only=True) as con:
        actors = {r[0] for r in con.execute("SELECT DISTINCT actor FROM signals").fetchall()}
        version = con.execute("SELECT DISTINCT model_version FROM signals").fetchall()
        article = con.execute("SELECT text FROM articles_raw").fetchone()[0]  # type: ignore[index]
        spans = con.execute("SELECT text, char_start, char_end FROM statements").fetchall()
        sums = con.execute(
            "SELECT max(abs(p_open + p_hostile + p_neutral - 1)) FROM signals"
        ).fetchone()
    assert {"putin", "zelenskyy", "trump"} <= actors
    assert len(version) == 1 and version[0][0] == first["model_version"]
    assert all(article[start:end] == text for text, start, end in spans)
    assert sums[0] < 1e-4  # type: ignore[index]
    before = table_counts(db)
    again = monitor(db_path=str(db), feeds_file=str(ROOT / "seeds" / "feeds.toml"))
    assert table_counts(db) == before
    assert again["feeds_not_modified"] == 1 and again["model_version"] is None


def test_an_http_feed_is_polled_with_etag_and_the_second_poll_does_no_work(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    feed_server.routes["/feed.xml"] = Route(
        rss(
            [
                {
                    "title": "Kremlin cool",
                    "link": "https://wire.example/k",
                    "content": KREMLIN,
                    "date": "Thu, 21 Aug 2025 09:00:00 +0000",
                },
            ]
        )
    )
    db = tmp_path / "w.duckdb"
    first = monitor(db_path=str(db), feed_urls=[feed_server.url("/feed.xml")])
    assert first["articles_new"] == 1 and first["signals"] >= 9
    counts = table_counts(db)
    second = monitor(db_path=str(db), feed_urls=[feed_server.url("/feed.xml")])
    assert feed_server.hits["/feed.xml"] == [200, 304]
    assert (second["feeds_not_modified"], second["entries"], second["model_version"]) == (
        1,
        0,
        None,
    )
    assert table_counts(db) == counts


def test_broken_feeds_and_empty_entries_are_recorded_and_the_rest_is_stored(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    feed_server.routes["/good.xml"] = Route(
        rss(
            [
                {"title": "Good", "link": "https://wire.example/g", "content": KREMLIN},
                {"title": "Empty entry", "guid": "empty-1"},
            ]
        )
    )
    feed_server.routes["/html"] = Route(
        b"<html><body>Not a feed</body></html>", content_type="text/html"
    )
    urls = [feed_server.url("/good.xml"), feed_server.url("/html"), "http://127.0.0.1:9/down.xml"]
    db = tmp_path / "w.duckdb"
    summary = monitor(db_path=str(db), feed_urls=urls)
    assert summary["articles_new"] == 1
    failed = {f["url"]: f["problem"] for f in summary["feeds_failed"]}
    assert "not a feed" in failed[urls[1]]
    assert "cannot reach host" in failed[urls[2]]
    assert [s["reason"] for s in summary["skipped"]] == [
        "entry has no text and no readable linked page"
    ]
    with duckdb.connect(str(db), read_only=True) as con:
        status = dict(con.execute("SELECT feed_url, last_status FROM feed_status").fetchall())
    assert status == {urls[0]: "ok", urls[1]: "failed", urls[2]: "failed"}
    again = monitor(db_path=str(db), feed_urls=urls)
    in_a_row = {f["url"]: f["failures_in_a_row"] for f in again["feeds_failed"]}
    assert in_a_row == {urls[1]: 2, urls[2]: 2}


def test_the_same_story_in_two_feeds_is_stored_once(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    item = {"title": "Same", "content": KREMLIN}
    feed_server.routes["/a.xml"] = Route(
        rss([{**item, "link": "https://a.example/s?utm_source=x"}])
    )
    feed_server.routes["/b.xml"] = Route(rss([{**item, "link": "https://b.example/syndicated"}]))
    db = tmp_path / "w.duckdb"
    summary = monitor(
        db_path=str(db), feed_urls=[feed_server.url("/a.xml"), feed_server.url("/b.xml")]
    )
    assert (summary["articles_new"], summary["articles_duplicate"]) == (1, 1)


@pytest.mark.parametrize("attribution", ["rules", "reader"])
def test_the_flow_stores_the_attribution_its_setting_names(
    tmp_path: Path, attribution: str
) -> None:
    """`attribution = "rules"` stores the rules' reading; the default, the reader's."""
    from models.extract import Extractor
    from models.gazetteer import load
    from models.reader import shared

    config = tmp_path / "summitwatch.toml"
    config.write_text(f'[summitwatch]\nattribution = "{attribution}"\n')
    db = tmp_path / "w.duckdb"
    monitor(db_path=str(db), feeds_file=str(ROOT / "seeds" / "feeds.toml"), config_file=str(config))
    with duckdb.connect(str(db), read_only=True) as con:
        text, title, published = con.execute(
            "SELECT text, title, published_at FROM articles_raw"
        ).fetchone()  # type: ignore[misc]
        stored = con.execute("SELECT actor, summit FROM statements ORDER BY seq").fetchall()
        by = con.execute("SELECT DISTINCT attributed_by FROM statements").fetchall()
    day = published.date() if published else None
    reader = shared() if attribution == "reader" else None
    expected = Extractor(load(ROOT / "seeds"), reader).extract(text, day, title)
    assert stored == [(s.actor, s.summit) for s in expected]
    # Every statement says what attributed it: the rules' release, the seeds' and the
    # reader's hashes.
    assert by == [(expected[0].attributed_by,)]
    assert by[0][0].startswith("rules-") and "+seeds-" in by[0][0]
    assert ("+reader-" in by[0][0]) == (attribution == "reader")
    other = Extractor(load(ROOT / "seeds"), None if reader else shared()).extract(text, day, title)
    assert stored != [(s.actor, s.summit) for s in other]  # the setting made a difference
