"""From an article's text to attributed statements: the `statements` stage."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from importlib import metadata
from typing import TYPE_CHECKING

from models.actors import (
    Attributor,
    Byline,
    find_byline,
    find_interviewee,
    mentions,
    side_adjectives,
)
from models.candidates import RuleReading, actor_choices, summit_choices
from models.gazetteer import Gazetteer
from models.statements import Span, sentences, split_statements
from models.summits import ArticleState, SummitMatcher

if TYPE_CHECKING:
    from models.reader import Reader


@dataclass(frozen=True)
class Statement:
    """A sentence or quotation with who said it and which summit it is about."""

    seq: int
    text: str
    char_start: int
    char_end: int
    actor: str | None
    side: str | None
    summit: str | None
    is_quote: bool
    attributed_by: str | None = None


@cache
def rules_version() -> str:
    """`rules-<summitwatch version>`: the rules change only with a release."""
    try:
        return f"rules-{metadata.version('summitwatch')}"
    except metadata.PackageNotFoundError:  # run from a source tree never installed
        return "rules-unreleased"


class Extractor:
    """Statement extraction over one gazetteer; reuse it across articles.

    The rules read every sentence; with a `reader` (the learned model in
    `models.reader`) their reading becomes the hint among a few candidates and
    the reader makes the final call on actor and summit.
    """

    def __init__(self, gaz: Gazetteer, reader: Reader | None = None) -> None:
        self.gaz = gaz
        self.summits = SummitMatcher(gaz)
        self.reader = reader
        # Stored with every statement: which rules, seeds and reader (if any) decided
        # its actor and summit; a changed one changes new statements only.
        self.attributed_by = f"{rules_version()}+seeds-{gaz.digest}" + (
            f"+{reader.version}" if reader else ""
        )

    def extract(
        self, text: str, published: date | None = None, title: str | None = None
    ) -> list[Statement]:
        """Statements of one article, in order.

        Actor and summit are decided per sentence (a quotation and what is said
        around it share them), carrying pronouns and the article's summit on.

        Args:
            text: the article's main text; offsets index into it.
            published: the article's date, which decides who held a role then.
            title: the headline, read only as context for which summit is meant.

        Example:
            >>> ex = Extractor(load(Path("seeds")))  # doctest: +SKIP
            >>> ex.extract("Putin rejected a meeting with Zelenskyy.")[0].actor  # doctest: +SKIP
            'putin'
        """
        byline = self._byline(text, published)
        interviewee = find_interviewee(text, self.gaz, published)
        attributor = Attributor(self.gaz, published, byline, interviewee)
        state = ArticleState()
        if title:
            attributor.see_context(title)
            sides = self._sides(title, published, None)
            pair = self._pair(title, published)
            state.note(self.summits.title_summit(title, sides, pair))
        out: list[Statement] = []
        readings: list[RuleReading] = []
        sentence_of: list[int] = []  # which reading each statement came from
        by_sentence = list(_by_sentence(text, split_statements(text)))
        following = [s for s, _ in by_sentence[1:]] + [""]
        for (sentence, spans), after in zip(by_sentence, following, strict=True):
            quote = next((s for s in spans if s.is_quote), None)
            actor = attributor.sentence_actor(
                sentence,
                quote.text if quote else None,
                quote.attribution if quote else "",
                spans[0].paragraph,
                after,
            )
            side = self.gaz.side_of(actor)
            # A quotation's summit is the speaker's: who the attribution names
            # ("he said after talks with Trump") is not a party to it.
            said = quote.text if quote and len(spans) > 1 else self.summits.main_clause(sentence)
            summit = None
            if byline is None or sentence.strip() != byline.sentence:  # a byline is no news
                summit = self.summits.statement_summit(
                    sentence,
                    self._sides(said, published, actor),
                    self._pair(sentence, published),
                    side,
                    (actor is not None or _asks_or_pairs(sentence))
                    and not _dated_before(sentence, published),
                    state,
                )
            state.note(summit)
            readings.append(RuleReading(sentence, actor, summit))
            for span in spans:
                sentence_of.append(len(readings) - 1)
                out.append(
                    Statement(
                        len(out),
                        span.text,
                        span.start,
                        span.end,
                        actor,
                        side,
                        summit,
                        span.is_quote,
                        self.attributed_by,
                    )
                )
        if self.reader is None:
            return out
        return self._reread(out, sentence_of, readings, published, title)

    def _reread(
        self,
        statements: list[Statement],
        sentence_of: list[int],
        readings: list[RuleReading],
        published: date | None,
        title: str | None,
    ) -> list[Statement]:
        """The reader's actor and summit for each sentence, in place of the rules'."""
        assert self.reader is not None
        actors = self.reader.pick(actor_choices(self.gaz, readings, title, published))
        choices = summit_choices(self.gaz, readings, title, published, actors)
        # A broker's words or acts toward the two sides are its brokering of their
        # meeting (FORMAT.md: a trilateral with a broker is the two parties' summit;
        # 78% of the tune folders' broker sentences in a summit story carry it, 11%
        # none), so neither the scorer nor the meeting gate takes that summit away.
        ruled = [c.options[c.rule] for c in choices]
        brokering = [self._is_broker(a, s) for a, s in zip(actors, ruled, strict=True)]
        picked = [
            rule if kept and pick is None else pick
            for pick, rule, kept in zip(self.reader.pick(choices), ruled, brokering, strict=True)
        ]
        brokering = [self._is_broker(a, s) for a, s in zip(actors, picked, strict=True)]
        summits = self.reader.gated(choices, picked, brokering)
        return [
            replace(
                st,
                actor=actors[i],
                side=self.gaz.side_of(actors[i]),
                summit=summits[i],
            )
            for st, i in zip(statements, sentence_of, strict=True)
        ]

    def _is_broker(self, actor: str | None, summit_id: str | None) -> bool:
        """Whether the actor (or its side) brokers the summit."""
        summit = self.gaz.summits.get(summit_id) if summit_id else None
        if summit is None or actor is None:
            return False
        return actor in summit.brokers or self.gaz.side_of(actor) in summit.brokers

    def _sides(self, text: str, on: date | None, actor: str | None) -> list[str]:
        """Sides in play: the actor's, then those named or described by adjective."""
        sides: list[str] = []
        own = self.gaz.side_of(actor)
        if own:
            sides.append(own)
        named = [(m.start, self.gaz.side_of(m.actor)) for m in mentions(text, self.gaz, on)]
        named += [(start, side) for start, _, side in side_adjectives(text, self.gaz)]
        for _, side in sorted(named, key=lambda pair: pair[0]):
            if side and side not in sides:
                sides.append(side)
        return sides

    def _byline(self, text: str, on: date | None) -> Byline | None:
        """The author an opinion piece's closing line names, if the seeds know them."""
        bounds = sentences(text)
        if not bounds:
            return None
        start, end, _ = bounds[-1]
        return find_byline(text[start:end], self.gaz, on)

    def _pair(self, text: str, on: date | None) -> list[str]:
        """Sides named as a meeting's two parties: "between X and Y", "with X and
        Y", two sides joined as one subject ("Congo and Rwanda signed") or as
        one compound ("Putin-Zelenskyy talks")."""
        for link in re.finditer(r"\b(?:between|with)\s+", text):
            window = text[link.end() : link.end() + 80]
            window = re.split(r"[,;.]|\b(?:at|in|on|after|before|when|if)\b", window)[0]
            sides = self._sides(window, on, None)
            if len(sides) == 2:
                return sides
        found = mentions(text, self.gaz, on)
        for first, second in itertools.pairwise(found):
            joined = re.fullmatch(r"\s*(?:and|&)\s*|[-–—]", text[first.end : second.start])
            one, other = self.gaz.side_of(first.actor), self.gaz.side_of(second.actor)
            if joined and one and other and one != other:
                return [one, other]
        return []


# "The two leaders signed ...", "Neither chief signed ...": the pair as subject.
PAIR_SUBJECT = re.compile(
    r"^(?:(?:the\s+)?(?:two|2|both)\s+(?:leaders|men|presidents|sides)|"
    r"neither\s+(?:leader|man|president|side|chief))\b",
    re.I,
)


def _asks_or_pairs(sentence: str) -> bool:
    """A question ("Q: Will you be in the room?") or "the two leaders" as subject:
    no one side's position, yet in a summit story about that summit (36 of the
    tune folders' 42 questions and all 43 "the two leaders" sentences are)."""
    text = re.sub(r"^\s*(?:Q|A):\s*", "", sentence).strip()
    if text.endswith("?") and not re.search(r"[\"“”]", text):
        return True
    return PAIR_SUBJECT.match(text) is not None


def _dated_before(sentence: str, published: date | None) -> bool:
    """Whether a sentence dates itself to an earlier year ("took the islands in
    1987"): background, not a position the article reports on its summit."""
    if published is None:
        return False
    # A year in a relative or participle clause ("an invalid partner whose
    # mandate ran out in 2024", ", citing the expiry ... in May 2024") dates
    # a detail, not the statement.
    main = re.sub(r"(?:,\s*\w+ing\b|\b(?:who|whose|which)\b)[^,;]*", " ", sentence)
    years = [int(y) for y in re.findall(r"\bin\s+(?:\w+\s+)?((?:19|20)\d\d)\b", main)]
    return bool(years) and max(years) < published.year


def _by_sentence(text: str, spans: list[Span]) -> list[tuple[str, list[Span]]]:
    """Spans grouped by the sentence that holds them, with that sentence's text."""
    groups: dict[int, tuple[str, list[Span]]] = {}
    bounds = sentences(text)
    index = 0
    for span in spans:
        while index < len(bounds) - 1 and span.start >= bounds[index][1]:
            index += 1
        start, end, _ = bounds[index]
        groups.setdefault(index, (text[start:end], []))[1].append(span)
    return list(groups.values())
