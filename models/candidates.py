"""Who and which summit a sentence could be about: the options the reader weighs.

The rules in `actors` and `summits` name one answer per sentence; the learned
reader (`models.reader`) re-decides among a short list built here: the rules'
pick, every actor the sentence or its lead-in names, their sides' governments,
the summits those sides take part in, and "nobody" / "no summit". Each option
comes with where the text names it (character spans the reader pools the
encoder's states over) and a few facts the rules already know (flags).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from models.actors import mentions, side_adjectives
from models.gazetteer import Gazetteer
from models.summits import SummitMatcher

MAX_ACTORS = 8
MAX_SUMMITS = 6
LEAD_IN = 2  # sentences before this one that pronouns and role nouns reach back to
SEPARATOR = " || "
PRONOUN_START = re.compile(r"^\W*(?:He|She|They|It|His|Her|Their|Its)\b")
QUOTE = re.compile(r"[\"“”«»]")

ACTOR_FLAGS = (
    "nobody",
    "rule_pick",
    "named_in_sentence",
    "named_in_lead",
    "named_in_title",
    "first_position",
    "mention_count",
    "possessive",
    "only_prepositional",
    "opens_sentence",
    "person",
    "government",
    "analyst",
    "organisation",
    "government_of_named",
    "by_adjective_only",
    "sentence_quotes",
    "sentence_opens_with_pronoun",
    "previous_rule_actor",
)
SUMMIT_FLAGS = (
    "none",
    "rule_pick",
    "article_current",
    "sides_named_in_sentence",
    "sides_named_in_lead",
    "actor_side_in_summit",
    "rule_actor_side_in_summit",
    "speaks_of_meeting",
    "own_words",
    "title_names_sides",
    "broker_named",
)

Span = tuple[int, int]


@dataclass(frozen=True)
class Choice:
    """One decision for the reader: a sentence in context and its options.

    `options[0]` is always None (nobody / no summit); `spans[i]` are where the
    context names option i; `flags[i]` its facts, in the order of ACTOR_FLAGS
    or SUMMIT_FLAGS; `rule` is the index of the rules' pick.
    """

    task: str
    context: str
    sentence_end: int
    options: tuple[str | None, ...]
    spans: tuple[tuple[Span, ...], ...]
    flags: tuple[tuple[float, ...], ...]
    rule: int


@dataclass(frozen=True)
class RuleReading:
    """A sentence as the rules read it: the input the reader revises."""

    text: str
    actor: str | None
    summit: str | None


def context_text(sentence: str, before: list[str], title: str | None) -> str:
    """The sentence first (so truncation drops old context, never the sentence)."""
    parts = [sentence, *before[-LEAD_IN:][::-1]]
    if title:
        parts.append(title)
    return SEPARATOR.join(parts)


def _named(gaz: Gazetteer, context: str, on: date | None) -> dict[str, list[tuple[Span, str]]]:
    """Every actor the context names, with each span and how it was named."""
    found: dict[str, list[tuple[Span, str]]] = {}
    for m in mentions(context, gaz, on):
        how = "possessive" if m.possessive else "prepositional" if m.prepositional else "plain"
        found.setdefault(m.actor, []).append(((m.start, m.end), how))
    for start, end, side in side_adjectives(context, gaz):
        gov = gaz.government_of(side)
        if gov is not None:
            found.setdefault(gov, []).append(((start, end), "adjective"))
    return found


def actor_choices(
    gaz: Gazetteer, readings: list[RuleReading], title: str | None, on: date | None
) -> list[Choice]:
    """One actor choice per sentence of an article, in order."""
    texts = [r.text for r in readings]
    out = []
    for i, reading in enumerate(readings):
        previous = readings[i - 1].actor if i else None
        out.append(actor_choice(gaz, reading.text, texts[:i], title, on, reading.actor, previous))
    return out


def actor_choice(
    gaz: Gazetteer,
    sentence: str,
    before: list[str],
    title: str | None,
    on: date | None,
    rule_actor: str | None,
    previous_actor: str | None = None,
) -> Choice:
    """The actors a careful reader would consider for this sentence."""
    context = context_text(sentence, before, title)
    end = len(sentence)
    title_start = len(context) - len(title) if title else len(context)
    named = _named(gaz, context, on)
    here = [a for a, spans in named.items() if any(s[0] < end for s, _ in spans)]
    here.sort(key=lambda a: min(s[0] for s, _ in named[a]))
    elsewhere = [a for a in named if a not in here]
    elsewhere.sort(key=lambda a: min(s[0] for s, _ in named[a]))
    governments = [gaz.government_of(gaz.side_of(a)) for a in here]
    options: list[str | None] = [None]
    for actor in [rule_actor, *here, *elsewhere, *governments, previous_actor]:
        if actor is not None and actor in gaz.actors and actor not in options:
            options.append(actor)
    options = options[:MAX_ACTORS]
    spans = tuple(tuple(s for s, _ in named.get(a, [])) if a else () for a in options)
    flags = []
    for actor in options:
        if actor is None:
            flags.append(_flags(ACTOR_FLAGS, nobody=1.0, rule_pick=float(rule_actor is None)))
            continue
        info = gaz.actors[actor]
        ways = named.get(actor, [])
        inside = [(s, how) for s, how in ways if s[0] < end]
        flags.append(
            _flags(
                ACTOR_FLAGS,
                rule_pick=float(actor == rule_actor),
                named_in_sentence=float(bool(inside)),
                named_in_lead=float(any(end < s[0] < title_start for s, _ in ways)),
                named_in_title=float(any(s[0] >= title_start for s, _ in ways)),
                first_position=min((s[0] / max(1, end) for s, _ in inside), default=1.0),
                mention_count=min(3, len(inside)) / 3,
                possessive=float(any(how == "possessive" for _, how in inside)),
                only_prepositional=float(
                    bool(inside) and all(h == "prepositional" for _, h in inside)
                ),
                opens_sentence=float(any(s[0] < 4 for s, _ in inside)),
                person=float(info.is_person),
                government=float(info.kind == "government"),
                analyst=float(info.kind == "analyst"),
                organisation=float(info.kind in ("organisation", "media")),
                government_of_named=float(actor in governments and not inside),
                by_adjective_only=float(bool(inside) and all(h == "adjective" for _, h in inside)),
                sentence_quotes=float(bool(QUOTE.search(sentence))),
                sentence_opens_with_pronoun=float(bool(PRONOUN_START.search(sentence))),
                previous_rule_actor=float(actor == previous_actor),
            )
        )
    return Choice(
        "actor",
        context,
        end,
        tuple(options),
        spans,
        tuple(flags),
        options.index(rule_actor) if rule_actor in options else 0,
    )


def summit_choices(
    gaz: Gazetteer,
    readings: list[RuleReading],
    title: str | None,
    on: date | None,
    actors: list[str | None],
) -> list[Choice]:
    """One summit choice per sentence, given the actors decided for them."""
    matcher = SummitMatcher(gaz)
    texts = [r.text for r in readings]
    out: list[Choice] = []
    recent: str | None = None
    for i, (reading, actor) in enumerate(zip(readings, actors, strict=True)):
        out.append(summit_choice(gaz, matcher, reading, texts[:i], title, on, actor, recent))
        recent = reading.summit or recent
    return out


def summit_choice(
    gaz: Gazetteer,
    matcher: SummitMatcher,
    reading: RuleReading,
    before: list[str],
    title: str | None,
    on: date | None,
    actor: str | None,
    recent: str | None,
) -> Choice:
    """The summits the sentence's sides (and the article's current one) take part in."""
    sentence = reading.text
    context = context_text(sentence, before, title)
    end = len(sentence)
    title_start = len(context) - len(title) if title else len(context)
    named = _named(gaz, context, on)
    side_spans: dict[str, list[Span]] = {}
    for a, ways in named.items():
        side = gaz.side_of(a)
        if side:
            side_spans.setdefault(side, []).extend(s for s, _ in ways)
    in_sentence = {side for side, spans in side_spans.items() if any(s[0] < end for s in spans)}
    in_lead = {
        side for side, spans in side_spans.items() if any(end < s[0] < title_start for s in spans)
    }
    in_title = {
        side for side, spans in side_spans.items() if any(s[0] >= title_start for s in spans)
    }
    actor_side, rule_side = gaz.side_of(actor), gaz.side_of(reading.actor)
    in_play = in_sentence | {s for s in (actor_side, rule_side) if s}
    options: list[str | None] = [None]
    for summit_id in [reading.summit, recent]:
        if summit_id is not None and summit_id in gaz.summits and summit_id not in options:
            options.append(summit_id)
    for summit in gaz.summits.values():
        if summit.id not in options and in_play & set(summit.sides):
            options.append(summit.id)
    options = options[:MAX_SUMMITS]
    meeting = float(matcher.is_about_meeting(sentence))
    spans: list[tuple[Span, ...]] = []
    flags = []
    for summit_id in options:
        if summit_id is None:
            spans.append(())
            flags.append(
                _flags(
                    SUMMIT_FLAGS,
                    none=1.0,
                    rule_pick=float(reading.summit is None),
                    speaks_of_meeting=meeting,
                )
            )
            continue
        s = gaz.summits[summit_id]
        sides = set(s.sides)
        own = matcher.specific.get(summit_id)
        spans.append(tuple(span for side in s.sides for span in side_spans.get(side, [])))
        flags.append(
            _flags(
                SUMMIT_FLAGS,
                rule_pick=float(summit_id == reading.summit),
                article_current=float(summit_id == recent),
                sides_named_in_sentence=len(sides & in_sentence) / 2,
                sides_named_in_lead=len(sides & in_lead) / 2,
                actor_side_in_summit=float(actor_side in sides),
                rule_actor_side_in_summit=float(rule_side in sides),
                speaks_of_meeting=meeting,
                own_words=float(own is not None and own.search(sentence) is not None),
                title_names_sides=len(sides & in_title) / 2,
                broker_named=float(bool(set(s.brokers) & in_sentence)),
            )
        )
    return Choice(
        "summit",
        context,
        end,
        tuple(options),
        tuple(spans),
        tuple(flags),
        options.index(reading.summit) if reading.summit in options else 0,
    )


def _flags(names: tuple[str, ...], **values: float) -> tuple[float, ...]:
    """A flag vector in a fixed order; a misspelt flag is a bug, so it raises."""
    unknown = set(values) - set(names)
    if unknown:
        raise KeyError(f"unknown flags {sorted(unknown)}")
    return tuple(float(values.get(name, 0.0)) for name in names)
