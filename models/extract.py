"""From an article's text to attributed statements: the `statements` stage."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from models.actors import Attributor, mentions
from models.gazetteer import Gazetteer
from models.statements import split_statements
from models.summits import SummitMatcher


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


class Extractor:
    """Statement extraction over one gazetteer; reuse it across articles."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.summits = SummitMatcher(gaz)

    def extract(self, text: str, published: date | None = None, title: str | None = None) -> list[Statement]:
        """Statements of one article, in order.

        Args:
            text: the article's main text; offsets index into it.
            published: the article's date, which decides who held a role then.
            title: the headline, read only as context for which summit is meant.

        Example:
            >>> ex = Extractor(load(Path("seeds")))  # doctest: +SKIP
            >>> ex.extract("Putin rejected a meeting with Zelenskyy.")[0].actor  # doctest: +SKIP
            'putin'
        """
        attributor = Attributor(self.gaz, published)
        preferred: list[str] = []
        context: list[str] = []
        if title:
            title_sides = self._sides(title, published, None)
            main = self.summits.match(title, title_sides, [], [])
            if main:
                preferred.append(main)
            context = title_sides
        out: list[Statement] = []
        last_paragraph = -1
        for span in split_statements(text):
            actor = attributor.actor_of(
                span.text, span.is_quote, span.attribution, span.paragraph != last_paragraph
            )
            last_paragraph = span.paragraph
            sides = self._sides(span.text, published, actor)
            summit = self.summits.match(span.text, sides, context, preferred)
            if summit and summit not in preferred:
                preferred.append(summit)
            context = sides + [s for s in context if s not in sides]
            out.append(
                Statement(
                    len(out), span.text, span.start, span.end, actor,
                    self.gaz.side_of(actor), summit, span.is_quote,
                )
            )
        return out

    def _sides(self, text: str, on: date | None, actor: str | None) -> list[str]:
        sides: list[str] = []
        own = self.gaz.side_of(actor)
        if own:
            sides.append(own)
        for m in mentions(text, self.gaz, on):
            side = self.gaz.side_of(m.actor)
            if side and side not in sides:
                sides.append(side)
        return sides
