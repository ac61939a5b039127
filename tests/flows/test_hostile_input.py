"""Hostile and broken input: each case finishes in bounded time, keeps the good data,
and records what went wrong per feed."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from flows.monitor import monitor
from tests.conftest import FeedServer, Route, paragraphs, rss

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect_server")]

GOOD = (
    paragraphs(
        "Kremlin spokesman Dmitry Peskov said a meeting between Putin and Zelenskyy was not on the "
        "agenda and that contacts at the top level must be prepared with the utmost care.",
        "Zelenskyy said he was ready to meet Putin in any format and without preconditions.",
    )
    * 4
)


def config(tmp_path: Path, extra: str = "") -> str:
    path = tmp_path / "summitwatch.toml"
    path.write_text("[fetch]\nfetch_linked_pages = false\nretries = 0\ntotal_timeout = 3\n" + extra)
    return str(path)


def query(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_a_200_mb_body_is_cut_off_and_the_good_feed_is_kept(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    feed_server.routes["/huge.xml"] = Route(stream_bytes=200 * 1024 * 1024)
    feed_server.routes["/good.xml"] = Route(
        rss([{"title": "ok", "link": "https://w.example/1", "content": GOOD}])
    )
    db = tmp_path / "w.duckdb"
    summary = monitor(
        db_path=str(db),
        feed_urls=[feed_server.url("/huge.xml"), feed_server.url("/good.xml")],
        config_file=config(tmp_path),
    )
    assert summary["articles_new"] == 1
    assert "too large" in summary["feeds_failed"][0]["problem"]
    assert query(db, "SELECT last_status FROM feed_status ORDER BY feed_url") == [
        ("ok",),
        ("failed",),
    ]


def test_a_slow_drip_feed_is_abandoned_in_bounded_time(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    feed_server.routes["/slow.xml"] = Route(
        rss([{"title": "s", "content": GOOD}]), chunk=20, delay_per_chunk=0.2
    )
    summary = monitor(
        db_path=str(tmp_path / "w.duckdb"),
        feed_urls=[feed_server.url("/slow.xml")],
        config_file=config(tmp_path),
    )
    assert "too slow" in summary["feeds_failed"][0]["problem"]
    assert summary["seconds"] < 30


def test_ten_thousand_entries_are_taken_in_bounded_passes(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    items = [
        {
            "title": f"Item {i}",
            "link": f"https://w.example/item/{i}",
            "summary": f"Officials said talks on point {i} would continue next week.",
            "date": f"Mon, {1 + i % 28:02d} Sep 2025 {i % 24:02d}:{i % 60:02d}:00 +0000",
        }
        for i in range(10_000)
    ]
    feed_server.routes["/big.xml"] = Route(rss(items))
    db = tmp_path / "w.duckdb"
    cfg = config(tmp_path, 'max_entries = 300\n\n[summitwatch]\nattribution = "rules"\n')
    first = monitor(db_path=str(db), feed_urls=[feed_server.url("/big.xml")], config_file=cfg)
    assert (first["articles_new"], first["entries_deferred"]) == (300, 9_700)
    second = monitor(db_path=str(db), feed_urls=[feed_server.url("/big.xml")], config_file=cfg)
    assert (second["articles_new"], second["entries_deferred"]) == (300, 9_400)
    assert feed_server.hits["/big.xml"] == [200, 200]
    assert query(db, "SELECT count(DISTINCT url) FROM articles") == [(600,)]


def test_non_english_articles_are_stored_with_their_language_and_not_scored(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    russian = (
        paragraphs(
            "Песков заявил, что встреча Путина и Зеленского пока не планируется и что "
            "контакты на высшем уровне должны быть тщательно подготовлены."
        )
        * 5
    )
    feed_server.routes["/ru.xml"] = Route(
        rss(
            [
                {"title": "Кремль", "link": "https://ru.example/1", "content": russian},
                {"title": "Kremlin", "link": "https://en.example/1", "content": GOOD},
            ]
        )
    )
    db = tmp_path / "w.duckdb"
    summary = monitor(
        db_path=str(db), feed_urls=[feed_server.url("/ru.xml")], config_file=config(tmp_path)
    )
    assert (summary["articles_new"], summary["articles_not_english"]) == (2, 1)
    rows = query(
        db,
        "SELECT a.language, count(s.statement_id) FROM articles a "
        "LEFT JOIN signals s USING (article_id) GROUP BY 1 ORDER BY 1",
    )
    assert rows[0][0] == "en" and rows[0][1] > 0
    assert rows[1] == ("ru", 0)


def test_wrong_content_type_markup_in_titles_and_missing_fields_keep_the_data(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    feed_server.routes["/plain"] = Route(
        rss(
            [
                {
                    "title": "&lt;script&gt;alert(1)&lt;/script&gt;Kremlin &lt;b&gt;cool&lt;/b&gt;",
                    "content": GOOD,
                },
                {
                    "title": "Future",
                    "link": "https://w.example/future",
                    "content": GOOD.replace("Peskov", "Lavrov"),
                    "date": "Mon, 01 Jan 2035 00:00:00 +0000",
                },
            ]
        ),
        content_type="text/plain; charset=utf-8",
    )
    db = tmp_path / "w.duckdb"
    summary = monitor(
        db_path=str(db), feed_urls=[feed_server.url("/plain")], config_file=config(tmp_path)
    )
    assert summary["articles_new"] == 2
    rows = query(db, "SELECT title, url, published_at FROM articles ORDER BY title")
    assert rows[0][0] == "Future" and rows[0][2] is None
    assert rows[1][0] == "alert(1)Kremlin cool" or "<script" not in rows[1][0]
    assert rows[1][1].startswith("urn:summitwatch:")
    assert query(db, "SELECT last_status FROM feed_status") == [("partial",)]
