"""The feed boundary: every fixture states its expected result in its header."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from flows.feeds import FeedSource, load_feeds, parse, poll
from flows.fetch import Fetched
from flows.settings import ConfigError, FetchSettings
from tests.conftest import ROOT, FeedServer, Route, rss

FIXTURES = sorted((ROOT / "tests" / "fixtures" / "feeds").glob("*.xml"))


def expectation(path: Path) -> dict[str, str]:
    header = path.read_bytes().decode("utf-8", errors="replace")
    line = re.search(r"^Expect: (.*)$", header, re.MULTILINE)
    assert line, f"{path.name} has no Expect: line"
    return dict(re.findall(r"(\w+!?~?)=(\S+(?: \S+)*?)(?= \w+!?~?=|$)", line.group(1)))


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_fixture_gives_its_stated_result(path: Path) -> None:
    expect = expectation(path)
    source = FeedSource(path.stem, str(path))
    result = parse(source, Fetched(str(path), 200, path.read_bytes(), {}))
    if "status" in expect:
        assert result.status == expect["status"]
    assert len(result.entries) == int(expect["entries"])
    if "problem~" in expect:
        assert expect["problem~"].lower() in (result.problem or "").lower()
    titles = " ".join(e.title or "" for e in result.entries)
    if "title~" in expect:
        assert expect["title~"] in titles
    if "title!~" in expect:
        assert expect["title!~"] not in titles


def test_every_fixture_describes_itself() -> None:
    assert len(FIXTURES) >= 8
    for path in FIXTURES:
        assert b"Description:" in path.read_bytes()


def test_entries_carry_utc_dates_and_plain_titles() -> None:
    path = ROOT / "tests" / "fixtures" / "feeds" / "rss2_full_text.xml"
    result = parse(FeedSource("w", str(path)), Fetched(str(path), 200, path.read_bytes(), {}))
    first = result.entries[0]
    assert first.published is not None and first.published.tzinfo is None
    assert (first.published.hour, first.title) == (9, "Kremlin cool on summit")


def test_a_second_poll_with_the_etag_gets_304_and_no_entries(feed_server: FeedServer) -> None:
    feed_server.routes["/feed"] = Route(rss([{"title": "a", "link": "http://x/a", "summary": "s"}]))
    source = FeedSource("f", feed_server.url("/feed"))
    first = poll(source, FetchSettings())
    assert (first.status, len(first.entries)) == ("ok", 1)
    second = poll(source, FetchSettings(), first.etag, first.last_modified)
    assert (second.status, second.entries) == ("not_modified", [])
    assert feed_server.hits["/feed"] == [200, 304]


def test_a_dead_host_is_a_failed_feed_not_an_exception() -> None:
    result = poll(
        FeedSource("dead", "http://127.0.0.1:9/feed"), FetchSettings(retries=0, timeout=2)
    )
    assert result.status == "failed"
    assert "cannot reach host" in (result.problem or "")


def test_the_default_feeds_file_enables_only_the_seed_feed() -> None:
    feeds = load_feeds(ROOT / "seeds" / "feeds.toml")
    assert [f.name for f in feeds] == ["seed"]
    assert Path(feeds[0].url).exists()
    everything = load_feeds(ROOT / "seeds" / "feeds.toml", only_enabled=False)
    assert len(everything) > 8
    assert all(f.url.startswith("http") for f in everything if f.name != "seed")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[[feeds]]\nname = 'x'\n", "has no url"),
        ("[[feeds]]\nurl = 'ftp://x/y'\n", "unsupported scheme"),
        ("[[feeds]\n", "not valid TOML"),
    ],
)
def test_bad_feeds_files_say_what_to_fix(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "feeds.toml"
    path.write_text(content)
    with pytest.raises(ConfigError, match=message):
        load_feeds(path)


def test_a_missing_feeds_file_names_the_flags_to_use(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="--feeds"):
        load_feeds(tmp_path / "nope.toml")
