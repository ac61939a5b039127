"""Summit matching: which meeting, if any, a statement is about.

A statement concerns a summit when
  * it speaks of a meeting or direct talks (machine paraphrases included:
    "top", "satisfy in person") and the summit's sides are in play: named,
    spoken for by the statement's actor, or carried over from the article; or
  * the article is about that summit and the statement reports a party's
    position or step toward it, even without a meeting word.
Meetings at multilateral events or with third parties are no summit;
sentences about fighting, drills or legal status without a meeting word are
none either. A meeting "between X and Y" is X–Y's summit even when a broker
speaks; a three-way meeting with a listed broker is the two sides' summit.
Besides meeting words, a joint act of both sides named together ("Congo and
Rwanda signed"), a visit with both sides named, or a summit's own venue word
speaks of a meeting. When several summits fit, the pair named first wins; a
broker and one side of the article's summit speak of that summit; a meeting in
a time adjunct ("after Trump's meeting with Putin") only dates the statement.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from models.gazetteer import Gazetteer, Summit

# "top" and "conference" are the paraphraser's words for "summit" and
# "meeting", but also ordinary words; these contexts are not meetings.
NOT_MEETING = re.compile(
    r"\btop(?:-|\s+)(?:diplomat|official|aide|general|commander|adviser|advisor|envoy|"
    r"priority|priorities|level|ranking|brass|court|job|post|spot|leaders?|negotiator|"
    r"security|military|echelons?|of)\b|\bon top\b|\bpress conference\b|\bnews conference\b|"
    r"\btalk show\b|\bmet with criticism\b|\bmet with silence\b|\bmet by\b|\bsmall talk\b|"
    r"\bspoke(?:n)? (?:to|with) (?:reporters|journalists|the press|media)\b",
    re.IGNORECASE,
)
# What a multilateral name carries along: "the ASEAN–Japan summit", "the APEC
# gathering" are the gathering itself, masked whole.
GATHERING_SUFFIX = (
    r"(?:[–-][A-Z][\w]*)*(?:\s+(?:summit|summits|meeting|meetings|gathering|assembly))?"
)
# A statement that refers back to the previous one ("the move", "such moves");
# "..., the statement said" only names a source.
ANAPHOR = re.compile(
    r"^\W*(?:That|This|It)\b(?!['’]s)|\bof the (?:sort|kind)\b|"
    r"\b(?:such|this|that|these|those|the)\s+(?:move|statement|"
    r"offer|idea|outcome|proposal|readout|tour|claim|step|gesture|remark|comment|"
    r"invitation|letter|plan|decision|suggestion|response)s?\b"
    r"(?!\s+(?:said|says|added|read|reads))",
)
# A meeting the subject held or holds ("the US president met Zelenskiy"), as
# opposed to a meeting spoken of ("the meeting", "talks", "a summit").
HELD_MEETING = re.compile(
    r"\b(?:met|meets)\b|\bmeet\s+(?:with\s+)?(?:the\s+)?[A-Z]|\band I (?:meet|get together)\b|"
    r"\b(?:call|calls|called|phoned)\s+(?:the\s+)?[A-Z]"  # "to call Putin": a direct contact
)
# "the meeting" with no parties of its own: the one the article is on, whoever
# else the sentence names ("a swipe at the American role in brokering the meeting").
DEFINITE_MEETING = re.compile(
    r"\bthe (?:meeting|summit|talks|top|conference)\b(?!\s+(?:between|with|of|in)\b)"
)
# "after Trump's meeting with Putin in Alaska": a time adjunct up to a comma;
# "Trump, who held a summit with Putin, ..." / "Rubio, attending a NATO
# meeting, ...": an aside about the subject between commas.
TIME_ADJUNCT = re.compile(
    r"\b(?:after|following|since|before)\s+[^,;.]*|"
    r",\s*(?:who|whose|which|attending|speaking|visiting)\b[^,;]*,",
    re.IGNORECASE,
)
# Someone met who is no seeded actor: "met Ugandan President Yoweri Museveni".
THIRD_PARTY = re.compile(
    r"\b(?:met|meet|meets|meeting|talks|talked|visit(?:ed)?)\s+(?:with\s+)?(?:his|her|their)?\s*"
    r"(?:[A-Z][a-z]+\s+)?(?:President|Prime Minister|Chancellor|King|Emir|counterpart)\b",
)


@dataclass
class ArticleState:
    """What one article has said about summits so far."""

    main: str | None = None
    seen: list[str] = field(default_factory=list)
    previous: str | None = None

    def note(self, summit: str | None) -> None:
        """Record one statement's summit; the latest seen comes last."""
        self.previous = summit
        if summit is None:
            return
        if self.main is None:
            self.main = summit
        if summit in self.seen:
            self.seen.remove(summit)
        self.seen.append(summit)


class SummitMatcher:
    """Compiled meeting words of one gazetteer."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.meeting = _words_pattern(gaz.meeting_words)
        self.multilateral = _words_pattern(
            gaz.multilateral_words, ignore_case=False, suffix=GATHERING_SUFFIX
        )
        self.off_topic = _words_pattern(gaz.off_topic_words)
        self.joint = _words_pattern(gaz.joint_words)
        self.visit = _words_pattern(gaz.visit_words)
        self.specific = {s.id: _words_pattern(s.words) for s in gaz.summits.values() if s.words}

    def is_about_meeting(self, text: str) -> bool:
        """Whether the text speaks of a bilateral meeting or direct talks at all."""
        if self.meeting is None:
            return False
        return self.meeting.search(self._clean(text)) is not None

    def _clean(self, text: str) -> str:
        cleaned = NOT_MEETING.sub(" ", text)
        if self.multilateral is not None:
            cleaned = self.multilateral.sub(" ", cleaned)
        return cleaned

    def match(
        self,
        text: str,
        sides: list[str],
        context_sides: list[str],
        preferred: list[str],
        pair: list[str] | None = None,
    ) -> str | None:
        """The summit a text speaks of as a meeting (no article topic involved).

        Args:
            sides: sides named in the statement or spoken by its actor.
            context_sides: sides named recently in the article, latest first.
            preferred: summits already seen in the article, the main one first.
            pair: sides named as the meeting's two parties ("Putin-Zelenskyy talks").
        """
        state = ArticleState(preferred[0] if preferred else None, list(reversed(preferred)))
        if not self.is_about_meeting(text) and not self._specific(text, sides):
            return None
        return self._meeting_summit(text, sides, pair or [], state, context_sides)

    def statement_summit(
        self,
        text: str,
        sides: list[str],
        pair: list[str],
        actor_side: str | None,
        has_actor: bool,
        state: ArticleState,
    ) -> str | None:
        """The summit of one statement of an article, given what came before.

        Args:
            sides: every side named in the statement, the actor's first.
            pair: sides named as the meeting's two parties ("between X and Y").
            actor_side: the side of the statement's actor, if any.
            has_actor: whether the statement has an actor (reports a position).
        """
        cleaned = self._clean(text)
        multilateral = cleaned != NOT_MEETING.sub(" ", text)
        if self._speaks_of_meeting(cleaned, sides, pair):
            if THIRD_PARTY.search(cleaned) and not self._both(sides):
                return None
            return self._meeting_summit(self.main_clause(cleaned), sides, pair, state, [])
        if ANAPHOR.search(text):
            return state.previous
        if multilateral or (self.off_topic is not None and self.off_topic.search(text)):
            return None
        if has_actor:
            return self._topic_summit(actor_side, state)
        return None

    def title_summit(self, title: str, sides: list[str], pair: list[str]) -> str | None:
        """The summit a headline is about: one it speaks of as a meeting, or
        the pair it names as joint subject ("In Bali, Biden and Xi will try
        ..."): a headline pairing two counterparts is about their encounter."""
        found = self.match(title, sides, [], [], pair)
        if found is None and len(set(pair)) == 2:
            paired = self._both(pair)
            return paired[0].id if paired else None
        return found

    def main_clause(self, text: str) -> str:
        """The text without its time adjuncts and asides, if a meeting word is left.

        "The White House offered the summit as the next step after Trump's
        meeting with Putin in Alaska": the adjunct only dates the statement,
        which is about the summit the main clause names.
        """
        core = TIME_ADJUNCT.sub(" ", text)
        if core != text and self.meeting is not None and self.meeting.search(core):
            return core
        return text

    def _speaks_of_meeting(self, cleaned: str, sides: list[str], pair: list[str]) -> bool:
        """A meeting word; a joint act ("signed") by both sides of a summit
        named together as its pair; a visit with both sides named; or a
        summit's own word ("Alaska") with one of its sides."""
        if self.meeting is not None and self.meeting.search(cleaned):
            return True
        if self.joint is not None and self.joint.search(cleaned) and self._both(pair):
            return True
        if self.visit is not None and self.visit.search(cleaned) and self._both(sides):
            return True
        return self._specific(cleaned, sides) is not None

    def _meeting_summit(
        self,
        text: str,
        sides: list[str],
        pair: list[str],
        state: ArticleState,
        context_sides: list[str],
    ) -> str | None:
        """Which summit a statement that speaks of a meeting is about."""
        if len(set(pair)) == 2:
            paired = self._both(pair)
            if paired:
                return self._rank(paired, state)
        if "trilateral" in text.lower() or len(set(sides)) > 2:
            brokered = self._brokered(sides, state)
            if brokered:
                return brokered
        held = HELD_MEETING.search(text) is not None
        both = self._nearest_pairs(sides, lambda s: held or not self._broker_talk(s, state))
        if not held and self._refers_back(text, both, state) and not self._specific(text, sides):
            return state.seen[-1]
        if both:
            return self._rank(both, state)
        specific = self._specific(text, sides)
        if specific:
            return specific
        present = set(sides)
        if present:
            by_side = [s for s in reversed(state.seen) if present & set(self.gaz.summits[s].sides)]
            via_broker = [
                s for s in reversed(state.seen) if present & set(self.gaz.summits[s].brokers)
            ]
            if by_side or via_broker:
                return (by_side or via_broker)[0]
        if state.seen:
            return state.seen[-1]
        one = [s for s in self.gaz.summits.values() if present & set(s.sides)]
        with_context = [s for s in one if (set(s.sides) - present) & set(context_sides)]
        if with_context:
            return with_context[0].id
        return one[0].id if len(one) == 1 else None

    @staticmethod
    def _refers_back(text: str, candidates: list[Summit], state: ArticleState) -> bool:
        """Whether "the meeting" is the one the article has been on, not a new
        pair's: a definite meeting noun introduces no summit the article has
        not yet spoken of, whatever other sides the sentence names."""
        if not state.seen or not DEFINITE_MEETING.search(text):
            return False
        return not any(s.id in state.seen for s in candidates)

    def _topic_summit(self, actor_side: str | None, state: ArticleState) -> str | None:
        """The article's summit a position without meeting words is about: the
        latest one the actor's side is party to, else the one it brokers, else
        the latest one."""
        if actor_side is not None:
            for summit_id in reversed(state.seen):
                if actor_side in self.gaz.summits[summit_id].sides:
                    return summit_id
            for summit_id in reversed(state.seen):
                if actor_side in self.gaz.summits[summit_id].brokers:
                    return summit_id
        return state.seen[-1] if state.seen else None

    def _broker_talk(self, summit: Summit, state: ArticleState) -> bool:
        """Whether a pair is the broker of the article's summit and one of its
        sides: in an article on a Trump-brokered Putin-Zelenskyy meeting, Trump
        and Putin in one sentence with "the meeting" speak of that meeting,
        unless one of them is said to meet the other (`HELD_MEETING`)."""
        if state.main is None or state.main == summit.id:
            return False
        main = self.gaz.summits[state.main]
        others = set(summit.sides) - set(main.sides)
        return len(others) == 1 and others <= set(main.brokers)

    def _nearest_pairs(self, sides: list[str], keep: Callable[[Summit], bool]) -> list[Summit]:
        """Summits whose two sides are both in play, those completed soonest in
        the order the sides come (actor's side first, then as named): in "the
        DPRK rules out north-south talks while Seoul drills with the U.S." the
        talks are the Koreas', not the DPRK-U.S. ones."""
        candidates = [s for s in self._both(sides) if keep(s)]
        if not candidates:
            return []
        reach = {s.id: max(sides.index(side) for side in s.sides) for s in candidates}
        nearest = min(reach.values())
        return [s for s in candidates if reach[s.id] == nearest]

    def _both(self, sides: list[str]) -> list[Summit]:
        present = set(sides)
        return [s for s in self.gaz.summits.values() if set(s.sides) <= present]

    def _brokered(self, sides: list[str], state: ArticleState) -> str | None:
        """A three-way meeting whose third side brokers a listed summit."""
        present = set(sides)
        for summit in self.gaz.summits.values():
            if not summit.brokers or not present & set(summit.sides):
                continue
            if present <= set(summit.sides) | set(summit.brokers) and (
                present & set(summit.brokers) or summit.id in state.seen
            ):
                return summit.id
        return None

    def _specific(self, text: str, sides: list[str]) -> str | None:
        """A summit named by its own words ("Alaska"), if one of its sides is in play."""
        for summit_id, pattern in self.specific.items():
            if pattern is None or not pattern.search(text):
                continue
            if set(self.gaz.summits[summit_id].sides) & set(sides):
                return summit_id
        return None

    @staticmethod
    def _rank(candidates: list[Summit], state: ArticleState) -> str:
        """The article's main summit first, then its latest ones, then file order."""
        ids = [s.id for s in candidates]
        for summit_id in [state.main or "", *reversed(state.seen)]:
            if summit_id in ids:
                return summit_id
        return ids[0]


def _words_pattern(
    words: tuple[str, ...], ignore_case: bool = True, suffix: str = ""
) -> re.Pattern[str] | None:
    """One regex matching any of the phrases on word boundaries, longest first,
    each optionally followed by `suffix`."""
    if not words:
        return None
    ordered = sorted(set(words), key=len, reverse=True)
    flags = re.IGNORECASE if ignore_case else 0
    alternatives = "|".join(re.escape(w) for w in ordered)
    return re.compile(rf"(?<![\w-])(?:{alternatives}){suffix}(?![\w-])", flags)
