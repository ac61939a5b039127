"""The feed boundary: which feeds to poll, and one poll of one feed.

A broken feed never raises: it comes back as a FeedResult with `problem` set,
so the pass records it and goes on with the others (feedparser's own rule).
"""

from __future__ import annotations

import calendar
import logging
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import feedparser

from flows.fetch import Fetched, check_source, fetch, is_local
from flows.settings import ConfigError, FetchSettings
from flows.text import html_to_text

LOGGER = logging.getLogger(__name__)
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1"
)


@dataclass(frozen=True)
class FeedSource:
    """One configured feed."""

    name: str
    url: str
    enabled: bool = True
    language: str = "en"


@dataclass(frozen=True)
class Entry:
    """One feed entry as the article stage needs it."""

    feed_url: str
    source: str
    entry_id: str
    title: str | None
    link: str | None
    published: datetime | None
    content_html: str | None
    summary_html: str | None
    language: str | None = None


@dataclass(frozen=True)
class FeedResult:
    """A poll's outcome: entries, or the reason there are none (or fewer)."""

    source: FeedSource
    entries: list[Entry] = field(default_factory=list)
    problem: str | None = None
    not_modified: bool = False
    etag: str | None = None
    last_modified: str | None = None
    deferred: int = 0

    @property
    def status(self) -> str:
        """ok, not_modified, partial (entries and a problem) or failed."""
        if self.not_modified:
            return "not_modified"
        if self.problem and not self.entries:
            return "failed"
        if self.problem:
            return "partial"
        return "ok"


def load_feeds(path: Path, only_enabled: bool = True) -> list[FeedSource]:
    """The feeds of a feeds.toml file.

    Raises:
        ConfigError: missing file, bad TOML, or a feed without a url.
    """
    if not path.exists():
        raise ConfigError(f"feeds file {path} does not exist; pass --feeds FILE.toml or --feed URL")
    try:
        with path.open("rb") as fh:
            doc = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
    feeds = []
    for i, item in enumerate(doc.get("feeds", [])):
        if "url" not in item:
            raise ConfigError(f'{path}: feed #{i + 1} has no url; add url = "https://..."')
        url = str(item["url"])
        if is_local(url) and not url.startswith("file:"):
            url = str((path.parent / url).resolve()) if not Path(url).is_absolute() else url
        reason = check_source(url)
        if reason:
            raise ConfigError(f"{path}: feed {item.get('name', url)!r}: {reason}")
        feeds.append(
            FeedSource(
                name=str(item.get("name", url)),
                url=url,
                enabled=bool(item.get("enabled", True)),
                language=str(item.get("language", "en")),
            )
        )
    return [f for f in feeds if f.enabled or not only_enabled]


def poll(
    source: FeedSource,
    settings: FetchSettings,
    etag: str | None = None,
    last_modified: str | None = None,
) -> FeedResult:
    """Fetch and parse one feed; never raises for a bad feed."""
    fetched = fetch(source.url, settings, etag, last_modified, accept=FEED_ACCEPT)
    if fetched.problem:
        LOGGER.warning("feed %s failed: %s", source.url, fetched.problem)
        return FeedResult(source, problem=fetched.problem)
    if fetched.not_modified:
        return FeedResult(source, not_modified=True, etag=etag, last_modified=last_modified)
    return parse(source, fetched)


def cap_entries(result: FeedResult, limit: int, seen: Callable[[Entry], bool]) -> FeedResult:
    """At most `limit` unseen entries, newest first, so one pass stays bounded.

    A feed of 10,000 entries would otherwise make one pass unbounded. When the
    cap bites, the validators are dropped so the next pass fetches the feed
    again and takes the next unseen entries: nothing is skipped for good.
    """
    unseen = [e for e in result.entries if not seen(e)]
    if len(unseen) <= limit:
        return FeedResult(
            result.source,
            unseen,
            result.problem,
            result.not_modified,
            result.etag,
            result.last_modified,
        )
    dated = sorted(unseen, key=lambda e: e.published or datetime.min, reverse=True)
    note = f"{len(unseen):,} new entries; took the newest {limit:,}, the rest next pass"
    LOGGER.warning("feed %s: %s", result.source.url, note)
    return FeedResult(
        result.source,
        dated[:limit],
        result.problem,
        False,
        None,
        None,
        deferred=len(unseen) - limit,
    )


def parse(source: FeedSource, fetched: Fetched) -> FeedResult:
    """Parse fetched bytes with feedparser, with the response headers for encoding."""
    headers = {k.lower(): v for k, v in fetched.headers.items()}
    # A local file has no Content-Type; let feedparser sniff it rather than flag it.
    parsed = feedparser.parse(
        fetched.body,
        response_headers=headers if "content-type" in headers else None,
        sanitize_html=True,
        resolve_relative_uris=True,
    )
    etag = headers.get("etag")
    modified = headers.get("last-modified")
    problem = None
    if parsed.get("bozo"):
        exc = parsed.get("bozo_exception")
        problem = f"malformed feed: {type(exc).__name__}: {exc}"
    if not parsed.entries:
        if not parsed.get("version"):
            detail = f" ({problem})" if problem else ""
            problem = f"not a feed: no RSS or Atom content found{detail}"
        if problem is None:
            return FeedResult(source, [], None, False, etag, modified)
        LOGGER.warning("feed %s unusable: %s", source.url, problem)
        return FeedResult(source, [], problem, False, None, None)
    language = (parsed.feed.get("language") or source.language or "")[:2].lower() or None
    entries = [_entry(source, raw, language) for raw in parsed.entries]
    return FeedResult(source, entries, problem, False, etag, modified)


def _entry(source: FeedSource, raw: Any, language: str | None) -> Entry:
    content = None
    if raw.get("content"):
        content = "\n".join(c.get("value", "") for c in raw["content"])
    published = None
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        struct = raw.get(key)
        if struct:
            published = datetime.fromtimestamp(calendar.timegm(struct), tz=UTC).replace(tzinfo=None)
            break
    link = raw.get("link") or None
    if link and urlparse(link).scheme not in ("http", "https"):
        link = None  # a bare guid or a script: URL is no page to follow
    entry_id = raw.get("id") or link or raw.get("title") or ""
    return Entry(
        feed_url=source.url,
        source=source.name,
        entry_id=str(entry_id),
        title=(html_to_text(raw["title"]).replace("\n", " ") or None) if raw.get("title") else None,
        link=link,
        published=published,
        content_html=content,
        summary_html=raw.get("summary"),
        language=language,
    )
