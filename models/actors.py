"""Actor attribution: whose position a statement expresses (STANCE_GUIDE.md).

By strength of evidence: a quotation's speaker; the subject whose position is
described; a pronoun or role noun carried over from the last matching actor.
An analyst who describes somebody else's position is not the actor: the
described party is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from models.gazetteer import Gazetteer

SPEECH_VERBS = (
    r"said|says|say|stated|states|told|tells|added|adds|insisted|insists|argued|argues|"
    r"stressed|stresses|warned|warns|noted|notes|declared|declares|wrote|writes|"
    r"explained|explains|claimed|claims|asserted|asserts|remarked|remarks|replied|"
    r"responded|continued|concluded|included|informed|mentioned|emphasised|emphasized|"
    r"acknowledged|announced|posted|tweeted|worried|suggested|insisting|saying|adding|"
    r"told reporters|said in a statement|stated in a declaration"
)
PREPOSITIONS = frozenset(
    "with to between against toward towards from by of for on at about than into like "
    "including beyond over under among amid after before without upon via versus vs "
    "alongside behind near through across within".split()
)
PEOPLE_NOUNS = r"(?:others|officials|those|some|many|critics|hardliners|hawks|figures|voices|diplomats|sources|insiders|commentators|politicians|lawmakers|people)"
ANALYST_WORDS = re.compile(
    r"\b(?:experts?|analysts?|observers?|commentators?|scholars?|researchers?|"
    r"diplomats? say|critics|pundits|historians?)\b",
    re.IGNORECASE,
)
HE_SHE = re.compile(r"^\W*(?:he|she|his|her)\b", re.IGNORECASE)
LEADING_PRONOUN = re.compile(r"^\W*(?:[\w\s’'-]{1,40},\s*)?(?:he|she)\b", re.IGNORECASE)
THEY = re.compile(r"^\W*(?:they|their)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Mention:
    """An actor named in a text, with what stands right before it."""

    actor: str
    start: int
    end: int
    surface: str
    prepositional: bool
    possessive: bool


def mentions(text: str, gaz: Gazetteer, on: date | None) -> list[Mention]:
    """Every actor named in the text, in order."""
    pattern, names = gaz.mention_pattern(on)
    found: list[Mention] = []
    for match in pattern.finditer(text):
        actor = gaz.lookup(match.group(1), names)
        if actor is None:
            continue
        before = text[: match.start()]
        prev_words = re.findall(r"[\w’']+", before)
        prev = prev_words[-1].lower() if prev_words else ""
        coordinated = (
            prev == "and" and found and found[-1].prepositional
            and before.rstrip().endswith("and") and match.start() - found[-1].end < 8
        )
        people_in = prev == "in" and re.search(PEOPLE_NOUNS + r"\s+in\s*$", before, re.I)
        after = text[match.end() : match.end() + 2]
        viewpoint = re.match(r"[’']s\s+(?:eyes|view|mind|calculus|thinking|reading|opinion)\b",
                             text[match.end() :])
        prepositional = (
            (prev in PREPOSITIONS or bool(coordinated)) and not people_in and not viewpoint
        )
        found.append(
            Mention(
                actor, match.start(), match.end(), match.group(1), prepositional,
                after[:1] in "’'" and after[1:2] in ("s", ""),
            )
        )
    return found


class Attributor:
    """Walks an article's statements in order, carrying the last actors forward."""

    def __init__(self, gaz: Gazetteer, on: date | None) -> None:
        self.gaz = gaz
        self.on = on
        self.last_actor: str | None = None
        self.last_person: str | None = None
        self.last_speaker: str | None = None

    def actor_of(self, text: str, is_quote: bool, attribution: str, paragraph_changed: bool) -> str | None:
        """The actor of one statement, updating what later pronouns refer to."""
        if is_quote:
            actor = self._speaker(attribution)
            if actor is None and not attribution:
                actor = self.last_speaker
            self.last_speaker = actor or self.last_speaker
            if actor is not None and self._is_analyst(actor):
                described = self._first_subject(text)
                if described is not None and not self._is_analyst(described):
                    self.last_person = actor
                    return described
        else:
            actor = self._described_party(text)
        self._remember(actor)
        return actor

    def note(self, text: str) -> None:
        """Let a sentence that names actors without being theirs move the pronoun target."""
        for m in mentions(text, self.gaz, self.on):
            if self.gaz.actors[m.actor].is_person and not m.prepositional:
                self.last_person = m.actor
                break

    def _remember(self, actor: str | None) -> None:
        if actor is None:
            return
        self.last_actor = actor
        if self.gaz.actors[actor].is_person:
            self.last_person = actor

    def _speaker(self, attribution: str) -> str | None:
        """The speaker named in a quotation's attribution clause."""
        if not attribution:
            return None
        found = mentions(attribution, self.gaz, self.on)
        verb = re.compile(rf"\b(?:{SPEECH_VERBS})\b", re.IGNORECASE)
        v = verb.search(attribution)
        if v is not None:
            after = [m for m in found if 0 <= m.start - v.end() <= 3]
            if after:
                return after[0].actor
            before = [m for m in found if m.end <= v.start() and not m.prepositional]
            if before:
                return before[-1].actor
        according = re.search(r"according to\s+", attribution, re.IGNORECASE)
        if according:
            named = [m for m in found if m.start >= according.end()]
            if named:
                return named[0].actor
        if HE_SHE.search(attribution) or re.match(r"^\W*(?:he|she)\b", attribution, re.I):
            return self.last_person
        subjects = [m for m in found if not m.prepositional]
        return subjects[0].actor if subjects else None

    def _described_party(self, text: str) -> str | None:
        """The subject whose position a sentence reports."""
        if LEADING_PRONOUN.match(text):
            return self.last_person
        found = mentions(text, self.gaz, self.on)
        subject = next((m for m in found if not m.prepositional), None)
        analyst_subject = subject is not None and self._is_analyst(subject.actor)
        lead = text[: subject.start] if subject is not None else text
        analyst_frame = ANALYST_WORDS.search(lead) is not None
        if analyst_subject or analyst_frame:
            described = self._after_complement(text, found)
            if analyst_subject and subject is not None:
                self.last_person = subject.actor
            if described is not None:
                return described
            if subject is None:
                return None
            return subject.actor
        if subject is not None:
            return subject.actor
        if THEY.search(text):
            return self.last_actor
        return None

    def _first_subject(self, text: str) -> str | None:
        found = mentions(text, self.gaz, self.on)
        subject = next((m for m in found if not m.prepositional), None)
        return subject.actor if subject is not None else None

    def _is_analyst(self, actor: str) -> bool:
        return self.gaz.actors[actor].kind == "analyst"

    def _after_complement(self, text: str, found: list[Mention]) -> str | None:
        """In "an analyst says that for Putin, ...", the party after "that"."""
        that = re.search(r"\b(?:that|who believes|because)\b\s*", text)
        if that is None:
            return None
        for m in found:
            if m.start < that.end() or self._is_analyst(m.actor):
                continue
            fronted = re.match(r"(?:for|in|to)\s+$", text[that.end() : m.start], re.I)
            if not m.prepositional or fronted:
                return m.actor
        return None
