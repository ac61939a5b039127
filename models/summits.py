"""Summit matching: which meeting, if any, a statement is about.

A statement concerns a summit when it holds a meeting word (machine
paraphrases included: "top", "satisfy in person") and the summit's two sides
are in play: named in it, spoken by its actor, or carried over from the
article. Without a meeting word it concerns no summit and stays out of trends.
"""

from __future__ import annotations

import re

from models.gazetteer import Gazetteer, Summit

# "top" and "conference" are the paraphraser's words for "summit" and
# "meeting", but also ordinary words; these contexts are not meetings.
NOT_MEETING = re.compile(
    r"\btop(?:-|\s+)(?:diplomat|official|aide|general|commander|adviser|advisor|envoy|"
    r"priority|priorities|level|ranking|brass|court|job|post|spot|leaders?|negotiator|"
    r"security|military|echelons?|of)\b|\bon top\b|\bpress conference\b|\bnews conference\b|"
    r"\btalk show\b|\bmet with criticism\b|\bmet with silence\b|\bmet by\b|\bsmall talk\b",
    re.IGNORECASE,
)


class SummitMatcher:
    """Compiled meeting words of one gazetteer."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        words = sorted(set(gaz.meeting_words), key=len, reverse=True)
        self.meeting = re.compile(
            r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])",
            re.IGNORECASE,
        ) if words else None
        self.specific = {
            s.id: re.compile(
                r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in s.words) + r")(?![\w-])",
                re.IGNORECASE,
            )
            for s in gaz.summits.values()
            if s.words
        }

    def is_about_meeting(self, text: str) -> bool:
        """Whether the text speaks of a meeting or direct talks at all."""
        if self.meeting is None:
            return False
        cleaned = NOT_MEETING.sub(" ", text)
        return self.meeting.search(cleaned) is not None

    def match(
        self,
        text: str,
        sides: list[str],
        context_sides: list[str],
        preferred: list[str],
    ) -> str | None:
        """The summit a statement is about.

        Args:
            sides: sides named in the statement or spoken by its actor.
            context_sides: sides named recently in the article, latest first.
            preferred: summits already seen in the article, the main one first.
        """
        specific = [sid for sid, rx in self.specific.items() if rx.search(text)]
        if not self.is_about_meeting(text) and not specific:
            return None
        present = set(sides)
        both = [s for s in self.gaz.summits.values() if set(s.sides) <= present]
        if both:
            return self._rank(both, preferred, specific)
        if specific:
            return specific[0]
        if preferred:
            return preferred[0]
        one = [s for s in self.gaz.summits.values() if present & set(s.sides)]
        with_context = [
            s for s in one if (set(s.sides) - present) & set(context_sides)
        ]
        if with_context:
            return self._rank(with_context, preferred, specific)
        if one:
            return self._rank(one, preferred, specific)
        return None

    @staticmethod
    def _rank(candidates: list[Summit], preferred: list[str], specific: list[str]) -> str:
        """The article's own summits first, then one its words name, then file order."""
        ids = [s.id for s in candidates]
        for summit_id in preferred + specific:
            if summit_id in ids:
                return summit_id
        return ids[0]
