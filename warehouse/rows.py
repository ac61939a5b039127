"""The rows the warehouse stores, as plain dataclasses the flows fill in."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class ArticleRow:
    """One article with its evidence trail; timestamps are naive UTC."""

    article_id: str
    url: str
    title: str | None
    source: str | None
    published_at: datetime | None
    fetched_at: datetime
    text_hash: str
    text: str
    language: str | None = None


@dataclass(frozen=True)
class StatementRow:
    """One sentence or quotation with its offsets into the article text."""

    statement_id: str
    article_id: str
    seq: int
    text: str
    char_start: int
    char_end: int
    actor: str | None
    side: str | None
    summit: str | None
    is_quote: bool
    attributed_by: str | None = None


@dataclass(frozen=True)
class ScoreRow:
    """One model's judgement of one statement."""

    statement_id: str
    model_version: str
    label: str
    p_open: float
    p_hostile: float
    p_neutral: float
    scored_at: datetime

    @property
    def score(self) -> float:
        """P(open) - P(hostile), per STANCE_GUIDE.md."""
        return self.p_open - self.p_hostile

    @property
    def confidence(self) -> float:
        """The winning probability."""
        return max(self.p_open, self.p_hostile, self.p_neutral)


@dataclass
class ArticleBundle:
    """An article and everything derived from it, written in one transaction."""

    article: ArticleRow
    statements: list[StatementRow] = field(default_factory=list)
    scores: list[ScoreRow] = field(default_factory=list)
