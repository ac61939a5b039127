"""Fetching bytes defensively: timeouts, a size cap, capped redirects, retries.

Only http, https and local files are sources. A failure comes back as a
`Fetched` with `problem` set, never as an exception, so one dead feed cannot
stop a pass.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from pathlib import Path
from urllib.parse import unquote, urlparse

import httpx

from flows.settings import FetchSettings

LOGGER = logging.getLogger(__name__)
# Problems that another try a second later cannot fix.
FINAL_PROBLEMS = (
    "Name or service not known",
    "No address associated",
    "too large",
    "unsupported scheme",
    "redirects",
    "non-http",
)


@dataclass(frozen=True)
class Fetched:
    """What a fetch brought back: bytes and headers, or the reason there are none."""

    url: str
    status: int = 0
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    final_url: str = ""
    problem: str | None = None

    @property
    def not_modified(self) -> bool:
        """The server said nothing changed since our ETag / Last-Modified."""
        return self.status == 304


def is_local(source: str) -> bool:
    """Whether a feed source is a local path or a file:// URL."""
    scheme = urlparse(source).scheme
    return scheme in ("", "file") or (len(scheme) == 1 and source[1:3] in (":\\", ":/"))


def check_source(source: str) -> str | None:
    """The reason a source may not be fetched, or None when it may."""
    scheme = urlparse(source).scheme.lower()
    if is_local(source) or scheme in ("http", "https"):
        return None
    return f"unsupported scheme {scheme!r}: only http, https and local files are feed sources"


def fetch(
    source: str,
    settings: FetchSettings,
    etag: str | None = None,
    last_modified: str | None = None,
    accept: str = "*/*",
) -> Fetched:
    """Fetch one source, conditionally when validators are given."""
    reason = check_source(source)
    if reason:
        return Fetched(source, problem=reason)
    if is_local(source):
        return _read_local(source, settings, last_modified)
    headers = {"User-Agent": settings.user_agent, "Accept": accept}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    attempt = 0
    while True:
        result = _http_get(source, headers, settings)
        retryable = (
            result.problem is not None
            and (result.status == 0 or result.status >= 500 or result.status == 429)
            and not any(final in result.problem for final in FINAL_PROBLEMS)
        )
        if not retryable or attempt >= settings.retries:
            return result
        attempt += 1
        delay = settings.backoff * 2 ** (attempt - 1)
        LOGGER.warning("retrying %s in %.1fs: %s", source, delay, result.problem)
        time.sleep(delay)


def _http_get(url: str, headers: dict[str, str], settings: FetchSettings) -> Fetched:
    started = time.monotonic()
    timeout = httpx.Timeout(settings.timeout)
    try:
        with (
            httpx.Client(
                follow_redirects=True, max_redirects=settings.max_redirects, timeout=timeout
            ) as client,
            client.stream("GET", url, headers=headers) as response,
        ):
            final = str(response.url)
            if urlparse(final).scheme not in ("http", "https"):
                return Fetched(url, problem=f"redirected to a non-http URL {final}")
            if response.status_code == 304:
                return Fetched(url, 304, b"", dict(response.headers), final)
            if response.status_code >= 400:
                return Fetched(
                    url,
                    response.status_code,
                    b"",
                    dict(response.headers),
                    final,
                    problem=f"HTTP {response.status_code} {response.reason_phrase}",
                )
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > settings.max_bytes:
                return Fetched(
                    url,
                    response.status_code,
                    problem=(
                        f"body too large: {int(declared):,} bytes declared, cap is "
                        f"{settings.max_bytes:,}"
                    ),
                )
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > settings.max_bytes:
                    return Fetched(
                        url,
                        response.status_code,
                        problem=f"body too large: over the cap of {settings.max_bytes:,} bytes",
                    )
                if time.monotonic() - started > settings.total_timeout:
                    return Fetched(
                        url,
                        response.status_code,
                        problem=f"too slow: no full body within {settings.total_timeout:.0f}s",
                    )
                chunks.append(chunk)
            return Fetched(
                url, response.status_code, b"".join(chunks), dict(response.headers), final
            )
    except httpx.TooManyRedirects:
        return Fetched(url, problem=f"more than {settings.max_redirects} redirects")
    except httpx.TimeoutException as exc:
        return Fetched(
            url, problem=f"timed out after {settings.timeout:.0f}s ({type(exc).__name__})"
        )
    except httpx.HTTPError as exc:
        return Fetched(url, problem=f"cannot reach host: {type(exc).__name__}: {exc}")


def _read_local(source: str, settings: FetchSettings, last_modified: str | None) -> Fetched:
    """A local file, with its modification time standing in for Last-Modified."""
    parsed = urlparse(source)
    path = Path(unquote(parsed.path)) if parsed.scheme == "file" else Path(source)
    try:
        stat = path.stat()
        stamp = formatdate(stat.st_mtime, usegmt=True) + f" ({stat.st_size})"
        if last_modified == stamp:
            return Fetched(source, 304, b"", {"last-modified": stamp}, path.resolve().as_uri())
        if stat.st_size > settings.max_bytes:
            return Fetched(
                source,
                problem=f"file too large: {stat.st_size:,} bytes, cap is {settings.max_bytes:,}",
            )
        headers = {"last-modified": stamp}
        return Fetched(source, 200, path.read_bytes(), headers, path.resolve().as_uri())
    except OSError as exc:
        return Fetched(source, problem=f"cannot read {path}: {exc.strerror or exc}")
