"""Fetching is bounded: size caps, timeouts, redirects and schemes."""

from __future__ import annotations

from pathlib import Path

from flows.fetch import check_source, fetch
from flows.settings import FetchSettings
from tests.conftest import FeedServer, Route


def test_a_body_over_the_cap_is_refused_without_reading_it_all(feed_server: FeedServer) -> None:
    big = b"x" * 200_000
    feed_server.routes["/big"] = Route(big, chunk=16_384)
    result = fetch(feed_server.url("/big"), FetchSettings(max_bytes=50_000, retries=0))
    assert result.body == b""
    assert "too large" in (result.problem or "")


def test_a_declared_length_over_the_cap_is_refused_at_once(feed_server: FeedServer) -> None:
    feed_server.routes["/big"] = Route(b"y" * 80_000)
    result = fetch(feed_server.url("/big"), FetchSettings(max_bytes=10_000, retries=0))
    assert "declared" in (result.problem or "")


def test_a_slow_drip_server_is_cut_off(feed_server: FeedServer) -> None:
    feed_server.routes["/slow"] = Route(b"z" * 40, chunk=1, delay_per_chunk=0.1)
    result = fetch(feed_server.url("/slow"), FetchSettings(total_timeout=1.0, retries=0))
    assert "too slow" in (result.problem or "")


def test_server_errors_are_retried_then_reported(feed_server: FeedServer) -> None:
    feed_server.routes["/err"] = Route(b"oops", status=503, etag=False)
    result = fetch(feed_server.url("/err"), FetchSettings(retries=2, backoff=0.01))
    assert result.problem == "HTTP 503 Service Unavailable"
    assert feed_server.hits["/err"] == [503, 503, 503]


def test_redirects_are_capped(feed_server: FeedServer) -> None:
    for i in range(5):
        feed_server.routes[f"/r{i}"] = Route(
            b"", status=302, etag=False, headers={"Location": f"/r{i + 1}"}
        )
    result = fetch(feed_server.url("/r0"), FetchSettings(max_redirects=2, retries=0))
    assert "redirects" in (result.problem or "")


def test_only_http_https_and_local_files_are_sources() -> None:
    assert check_source("https://a.example/feed") is None
    assert check_source("/tmp/feed.xml") is None
    assert check_source("file:///tmp/feed.xml") is None
    for bad in ("ftp://a/feed", "gopher://a", "javascript:alert(1)", "data:text/xml,<rss/>"):
        assert "unsupported scheme" in (check_source(bad) or "")


def test_local_files_are_read_with_the_same_cap(tmp_path: Path) -> None:
    path = tmp_path / "f.xml"
    path.write_bytes(b"<rss/>")
    assert fetch(str(path), FetchSettings()).body == b"<rss/>"
    assert fetch(path.as_uri(), FetchSettings()).body == b"<rss/>"
    assert "too large" in (fetch(str(path), FetchSettings(max_bytes=3)).problem or "")
    assert "cannot read" in (fetch(str(tmp_path / "missing.xml"), FetchSettings()).problem or "")


def test_an_unchanged_local_file_is_not_read_again(tmp_path: Path) -> None:
    path = tmp_path / "f.xml"
    path.write_bytes(b"<rss/>")
    first = fetch(str(path), FetchSettings())
    stamp = first.headers["last-modified"]
    assert fetch(str(path), FetchSettings(), last_modified=stamp).not_modified
    path.write_bytes(b"<rss version='2.0'/>")
    assert fetch(str(path), FetchSettings(), last_modified=stamp).status == 200
