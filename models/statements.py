"""Statements: the sentences and quotations of an article, with exact offsets.

A sentence that holds a full quotation plus its attribution
(`"We must meet," he said.`) gives the quotation as its own statement with
`is_quote` set, and keeps the attribution text so the speaker can be found.
A quotation running over several sentences is one group sharing one speaker.
Scare quotes ("genuine authorities") stay inside their sentence; a short
sentence quoted whole ("The deal stands.") is still a quotation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pysbd

OPENERS = '“«"'
CLOSERS = '”»"'
# British and machine-paraphrased copy quotes with single marks: 'We'd like
# talks,' he said. An apostrophe sits inside a word; a closing mark follows
# the quotation's last punctuation.
SINGLE_OPEN = re.compile(r"['‘](?=[\w])")
SINGLE_CLOSE = re.compile(r"(?<=[,.!?])['’](?=\s|$)")
MIN_QUOTE_WORDS = 4
MIN_REMAINDER_WORDS = 8
_TRIM = " \t\n,;:—–-"


@dataclass(frozen=True)
class Span:
    """One statement before attribution: text equals article[start:end]."""

    text: str
    start: int
    end: int
    is_quote: bool
    paragraph: int
    attribution: str = ""
    quote_group: int | None = None


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False, char_span=False)


def sentences(text: str) -> list[tuple[int, int, int]]:
    """(start, end, paragraph) of every sentence; a line break always ends one.

    Headlines and crossheads have no full stop, so lines are split first and
    pysbd works within each line.
    """
    out: list[tuple[int, int, int]] = []
    paragraph = 0
    for line in re.finditer(r"[^\n]+", text):
        body = line.group()
        if not body.strip():
            continue
        cursor = 0
        for sent in _segmenter().segment(body):
            piece = sent.strip()
            if not piece:
                continue
            found = body.find(piece, cursor)
            if found < 0:  # pysbd altered the text; fall back to the rest of the line
                found = cursor
                piece = body[cursor:].strip()
            piece, found = _own_opening_quote(body, piece, found, cursor)
            start = line.start() + found
            for sub_start, sub_end in _split_after_closed_quotes(piece):
                out.append((start + sub_start, start + sub_end, paragraph))
            cursor = found + len(piece)
        paragraph += 1
    return out


def _own_opening_quote(body: str, piece: str, found: int, cursor: int) -> tuple[str, int]:
    """The piece with the quotation mark that opens it, and without one that
    opens the next: pysbd may end `... Chernihiv. "` and start `We'll see,"`,
    which would cut the quotation off from its speaker."""
    trailing = re.search(rf"(?<=[.!?])\s+[{OPENERS}]$", piece)
    if trailing:
        piece = piece[: trailing.start()]
    if found > cursor and body[found - 1] in OPENERS and _closes_unopened(piece):
        return body[found - 1] + piece, found - 1
    return piece, found


def _closes_unopened(piece: str) -> bool:
    """Whether the piece closes a quotation it does not open."""
    curly_open = sum(piece.count(c) for c in "“«")
    curly_close = sum(piece.count(c) for c in "”»")
    return curly_close > curly_open or piece.count('"') % 2 == 1


# A full stop inside closing quotes ends the sentence when a new one follows:
# pysbd keeps `... with “a militia.” “Whoever ...` together as one sentence.
_QUOTE_END = re.compile(r"[.!?][”»\"]\s+(?=[“«\"A-Z])")


def _split_after_closed_quotes(piece: str) -> list[tuple[int, int]]:
    """(start, end) offsets within the piece of the sentences it really holds."""
    bounds: list[tuple[int, int]] = []
    begin = 0
    for match in _QUOTE_END.finditer(piece):
        bounds.append((begin, match.start() + 2))
        begin = match.end()
    bounds.append((begin, len(piece)))
    return [(a, b) for a, b in bounds if piece[a:b].strip()]


def split_statements(text: str) -> list[Span]:
    """Statements of an article text, in order, offsets exact.

    Example:
        >>> [s.text for s in split_statements('"We need to meet soon and talk," he said.')]
        ['We need to meet soon and talk']
    """
    spans: list[Span] = []
    group: int | None = None
    group_start = 0
    for start, end, paragraph in sentences(text):
        sentence = text[start:end]
        if group is not None:
            close = _first_closer(sentence)
            if close < 0:
                spans.append(_span(text, start, end, paragraph, True, group=group))
                continue
            spans.append(_span(text, start, start + close, paragraph, True, group=group))
            attribution = sentence[close + 1 :]
            spans[group_start:] = [
                _with_attribution(s, attribution) if s.quote_group == group else s
                for s in spans[group_start:]
            ]
            _maybe_remainder(spans, text, start + close + 1, end, paragraph)
            group = None
            continue
        spans_before = len(spans)
        group = _split_sentence(spans, text, start, end, paragraph, next_group=start)
        if group is not None:
            group_start = spans_before
    return [s for s in spans if s.text]


def _split_sentence(
    spans: list[Span], text: str, start: int, end: int, paragraph: int, next_group: int
) -> int | None:
    """Append the statements of one sentence; return a group id if a quote stays open."""
    sentence = text[start:end]
    lead = len(sentence) - len(sentence.lstrip())
    closing = SINGLE_CLOSE.search(sentence, lead + 1) if SINGLE_OPEN.match(sentence, lead) else None
    if closing and sentence[closing.start() + 1 :].strip():
        # A closed single-quoted quotation with its attribution after it.
        close = closing.start()
        quote = _span(text, start + lead + 1, start + close, paragraph, True)
        if _words(quote.text) >= MIN_QUOTE_WORDS:
            spans.append(_with_attribution(quote, sentence[close + 1 :]))
            _maybe_remainder(spans, text, start + close + 1, end, paragraph)
            return None
    if sentence[lead : lead + 1] in OPENERS:
        close = _first_closer(sentence, lead + 1)
        if close < 0:
            spans.append(_span(text, start + lead + 1, end, paragraph, True, group=next_group))
            return next_group
        quote = _span(text, start + lead + 1, start + close, paragraph, True)
        whole_sentence = not sentence[close + 1 :].strip(" .!?,")
        if _words(quote.text) >= MIN_QUOTE_WORDS or whole_sentence:
            spans.append(_with_attribution(quote, sentence[close + 1 :]))
            _maybe_remainder(spans, text, start + close + 1, end, paragraph)
            return None
    trailing = re.search(r"[:,]\s*[“«\"]([^”»\"]+)[”»\"]?\s*[.!?]?\s*$", sentence)
    if (
        trailing
        and _opens_quote(sentence, trailing.start(1) - 1)
        and (_words(trailing.group(1)) >= MIN_QUOTE_WORDS)
    ):
        q_start = start + trailing.start(1)
        quote = _span(text, q_start, start + trailing.end(1), paragraph, True)
        closed = trailing.group(0).rstrip(" .!?").endswith(tuple(CLOSERS))
        prefix = sentence[: trailing.start()]
        if closed:
            spans.append(_with_attribution(quote, prefix))
            return None
        spans.append(Span(quote.text, quote.start, quote.end, True, paragraph, prefix, next_group))
        return next_group
    spans.append(_span(text, start, end, paragraph, False))
    return None


def _opens_quote(sentence: str, index: int) -> bool:
    """Whether the mark at `index` opens a quotation: a straight quote after an
    odd number of them closes one (`"We'll see," Lavrov told ...`)."""
    return sentence[index] != '"' or sentence[:index].count('"') % 2 == 0


def _first_closer(sentence: str, offset: int = 0) -> int:
    for i in range(offset, len(sentence)):
        if sentence[i] in CLOSERS:
            return i
    return -1


def _span(
    text: str, start: int, end: int, paragraph: int, is_quote: bool, group: int | None = None
) -> Span:
    """A span trimmed of edge punctuation and space, offsets kept exact."""
    while start < end and text[start] in _TRIM + "".join(OPENERS):
        start += 1
    while end > start and text[end - 1] in _TRIM + "".join(CLOSERS):
        end -= 1
    return Span(text[start:end], start, end, is_quote, paragraph, "", group)


def _with_attribution(span: Span, attribution: str) -> Span:
    return Span(
        span.text,
        span.start,
        span.end,
        span.is_quote,
        span.paragraph,
        attribution.strip(),
        span.quote_group,
    )


def _maybe_remainder(spans: list[Span], text: str, start: int, end: int, paragraph: int) -> None:
    """Keep what follows a quote when it says more than who spoke."""
    rest = _span(text, start, end, paragraph, False)
    if _words(rest.text) >= MIN_REMAINDER_WORDS:
        spans.append(_with_attribution(rest, rest.text))


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))
