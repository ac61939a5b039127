"""Content-hash ids: the same evidence always gets the same key, so reruns add nothing."""

from __future__ import annotations

import hashlib


def sha1(*parts: object) -> str:
    """A stable hex id over the parts, separated so ("ab", "c") != ("a", "bc")."""
    digest = hashlib.sha1(usedforsecurity=False)
    for part in parts:
        digest.update(str(part).encode("utf-8"))
        digest.update(b"\x1f")
    return digest.hexdigest()


def article_id(canonical_url: str) -> str:
    """Key of an article: its canonical URL."""
    return sha1(canonical_url)


def statement_id(article_id_: str, char_start: int, text: str) -> str:
    """Key of a statement: where it stands in its article and what it says."""
    return sha1(article_id_, char_start, text)


def text_hash(text: str) -> str:
    """Fingerprint of an article's text with white space folded, for cross-feed dedupe."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()
