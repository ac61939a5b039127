"""Shared fixtures: a real DuckDB, real HTTP on 127.0.0.1, one Prefect test server."""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import duckdb
import pytest

from warehouse import writes
from warehouse.ids import article_id, statement_id, text_hash
from warehouse.migrations import migrate
from warehouse.rows import ArticleBundle, ArticleRow, ScoreRow, StatementRow

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_TEXT = (SEEDS / "articles" / "000_f84fba155147f3f3.txt").read_text(encoding="utf-8")


SIDES = {"putin": "russia", "lavrov": "russia", "zelenskyy": "ukraine", "trump": "united-states"}


def store_signal(
    con: duckdb.DuckDBPyConnection,
    url: str,
    text: str,
    when: datetime,
    p_open: float,
    p_hostile: float,
    actor: str | None = "putin",
    summit: str | None = "putin-zelenskyy",
    title: str = "t",
) -> None:
    """One article holding one scored statement, written as the flow writes it."""
    aid = article_id(url)
    sid = statement_id(aid, 0, text)
    probs = {"open": p_open, "hostile": p_hostile, "neutral": 1 - p_open - p_hostile}
    label = max(probs, key=lambda k: probs[k])
    writes.write_bundle(
        con,
        ArticleBundle(
            ArticleRow(aid, url, title, "f", when, when, text_hash(url + text), text, "en"),
            [
                StatementRow(
                    sid, aid, 0, text, 0, len(text), actor, SIDES.get(actor or ""), summit, False
                )
            ],
            [ScoreRow(sid, "v1", label, p_open, p_hostile, probs["neutral"], when)],
        ),
    )


@pytest.fixture
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    """An in-memory warehouse with every migration applied."""
    connection = duckdb.connect(":memory:")
    migrate(connection)
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def prefect_server() -> Iterator[None]:
    """One temporary Prefect server for the whole session (about 10 s to start)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture(scope="session", autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep the ONNX export cache inside the test session."""
    previous = os.environ.get("SUMMITWATCH_CACHE")
    os.environ["SUMMITWATCH_CACHE"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if previous is None:
        os.environ.pop("SUMMITWATCH_CACHE", None)
    else:
        os.environ["SUMMITWATCH_CACHE"] = previous


@dataclass
class Route:
    """What the test server answers on one path."""

    body: bytes | Callable[[], bytes] = b""
    status: int = 200
    content_type: str = "application/rss+xml; charset=utf-8"
    etag: bool = True
    delay_per_chunk: float = 0.0
    chunk: int = 0
    headers: dict[str, str] = field(default_factory=dict)
    stream_bytes: int = 0  # send this many zero bytes in 1 MiB chunks, never held in memory


class FeedServer:
    """A real HTTP server on 127.0.0.1 whose routes tests set; it counts requests."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: dict[str, list[int]] = {}
        self.posts: list[tuple[str, dict[str, str], bytes]] = []
        self.post_status = 200
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                if server.post_status < 300:
                    server.posts.append((self.path, dict(self.headers), body))
                self.send_response(server.post_status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def do_GET(self) -> None:
                route = server.routes.get(self.path)
                if route is None:
                    server.hits.setdefault(self.path, []).append(404)
                    self.send_error(404)
                    return
                if route.stream_bytes:
                    server.hits.setdefault(self.path, []).append(200)
                    self.send_response(200)
                    self.send_header("Content-Type", route.content_type)
                    self.end_headers()
                    chunk = b"<" + b" " * (1024 * 1024 - 1)
                    try:
                        for _ in range(route.stream_bytes // len(chunk)):
                            self.wfile.write(chunk)
                    except (BrokenPipeError, ConnectionResetError):
                        pass
                    return
                body = route.body() if callable(route.body) else route.body
                tag = '"' + hashlib.sha1(body, usedforsecurity=False).hexdigest() + '"'
                if route.etag and self.headers.get("If-None-Match") == tag:
                    server.hits.setdefault(self.path, []).append(304)
                    self.send_response(304)
                    self.send_header("ETag", tag)
                    self.end_headers()
                    return
                server.hits.setdefault(self.path, []).append(route.status)
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                if route.etag:
                    self.send_header("ETag", tag)
                for key, value in route.headers.items():
                    self.send_header(key, value)
                if not route.chunk:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    if route.chunk:
                        for i in range(0, len(body), route.chunk):
                            self.wfile.write(body[i : i + route.chunk])
                            self.wfile.flush()
                            time.sleep(route.delay_per_chunk)
                    else:
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        """The full URL of a path on this server."""
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"

    def close(self) -> None:
        """Stop serving and free the port."""
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    """A fresh local HTTP server per test."""
    server = FeedServer()
    yield server
    server.close()


def rss(items: list[dict[str, str]], title: str = "test feed") -> bytes:
    """A small RSS 2.0 document; each item may carry title, link, date, content, summary, guid."""
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>',
        f"<title>{title}</title><link>http://127.0.0.1/</link><description>t</description>",
    ]
    for item in items:
        parts.append("<item>")
        for key, tag in (
            ("title", "title"),
            ("link", "link"),
            ("guid", "guid"),
            ("date", "pubDate"),
        ):
            if key in item:
                parts.append(f"<{tag}>{item[key]}</{tag}>")
        if "summary" in item:
            parts.append(f"<description><![CDATA[{item['summary']}]]></description>")
        if "content" in item:
            parts.append(f"<content:encoded><![CDATA[{item['content']}]]></content:encoded>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "".join(parts).encode("utf-8")


def paragraphs(*lines: str) -> str:
    """HTML paragraphs, as feed content carries them."""
    return "".join(f"<p>{line}</p>" for line in lines)
