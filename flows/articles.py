"""From a feed entry to an article: the entry's own text, or the linked page's.

An entry that carries the full text is used as it is; one that carries only a
summary sends us to its link, whose main text trafilatura extracts. An entry
with no usable text is skipped with a reason, never a crash.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

import courlan
import trafilatura

from flows.feeds import Entry
from flows.fetch import fetch, is_local
from flows.settings import FetchSettings
from flows.text import clean_text, html_to_text
from warehouse.ids import article_id, text_hash

LOGGER = logging.getLogger(__name__)

MAX_FUTURE = timedelta(days=1)


@dataclass(frozen=True)
class Article:
    """One article ready for statement extraction."""

    article_id: str
    url: str
    title: str | None
    source: str
    published_at: datetime | None
    fetched_at: datetime
    text: str
    text_hash: str
    language: str | None


@dataclass(frozen=True)
class Skip:
    """An entry that gave no article, and why."""

    feed_url: str
    entry: str
    reason: str


def canonical_url(url: str) -> str:
    """The URL without tracking parameters and fragments, host lower-cased."""
    if is_local(url):
        return url
    cleaned = courlan.normalize_url(url, strict=True)
    return cleaned or url


def build_article(
    entry: Entry, settings: FetchSettings, fetched_at: datetime | None = None
) -> Article | Skip:
    """The article an entry stands for, or a Skip saying why there is none."""
    fetched_at = fetched_at or datetime.now(UTC).replace(tzinfo=None)
    label = entry.link or entry.entry_id or (entry.title or "?")
    text = html_to_text(entry.content_html or "")
    if len(text) < settings.min_entry_chars:
        summary = html_to_text(entry.summary_html or "")
        if len(summary) > len(text):
            text = summary
        if len(text) < settings.min_entry_chars and entry.link and settings.fetch_linked_pages:
            page = _linked_text(entry.link, settings)
            if isinstance(page, Skip) and not text:
                return page
            if isinstance(page, str) and len(page) > len(text):
                text = page
    if not text.strip():
        return Skip(entry.feed_url, label, "entry has no text and no readable linked page")
    url = (
        canonical_url(entry.link)
        if entry.link
        else f"urn:summitwatch:{entry.feed_url}#{entry.entry_id}"
    )
    published = entry.published
    if published is not None and published > fetched_at + MAX_FUTURE:
        LOGGER.warning("future date %s on %s; using fetch time", published, label)
        published = None
    return Article(
        article_id=article_id(url),
        url=url,
        title=entry.title,  # made plain at the feed boundary (flows/feeds.py)
        source=entry.source,
        published_at=published,
        fetched_at=fetched_at,
        text=text,
        text_hash=text_hash(text),
        language=detect_language(text, entry.language),
    )


def _linked_text(link: str, settings: FetchSettings) -> str | Skip:
    if is_local(link):
        return Skip(link, link, "linked page is a local path; not followed")
    # One try per page: a feed's entries are many, and a dead page must not stall the pass.
    page = fetch(
        link, replace(settings, retries=0), accept="text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"
    )
    if page.problem:
        return Skip(link, link, f"linked page: {page.problem}")
    html = page.body.decode(_charset(page.headers) or "utf-8", errors="replace")
    extracted = trafilatura.extract(html, url=page.final_url or link, include_comments=False)
    if not extracted:
        return Skip(link, link, "linked page has no main text trafilatura could find")
    return clean_text(extracted)


def _charset(headers: dict[str, str]) -> str | None:
    for key, value in headers.items():
        if key.lower() == "content-type":
            match = re.search(r"charset=([\w-]+)", value, re.IGNORECASE)
            if match:
                return match.group(1)
    return None


def detect_language(text: str, declared: str | None) -> str | None:
    """Two-letter language of an article: py3langid's guess over the text.

    Feeds often declare nothing or declare their site's language for every
    entry, so the text decides; the declaration breaks ties on very short text.
    """
    words = re.findall(r"[^\W\d_]+", text)
    if len(words) < 5:
        return declared
    import py3langid

    code, _score = py3langid.classify(text[:5000])
    return str(code)


def looks_english(language: str | None) -> bool:
    """Whether the English stance model may score an article in this language."""
    return language in (None, "en")
