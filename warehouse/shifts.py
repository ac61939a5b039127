"""Shift detection: when an actor's stance toward a summit moves, and why.

Pure functions over signal points, with thresholds as arguments, so a backfill
and a live run that see the same signals in event time raise the same alerts.

At every signal's event time t the level of the trailing window (t - W, t] is
compared with the window before it (t - 2W, t - W]. Both levels are
confidence-weighted means of `score`. A shift is the difference; it raises an
alert when:

- both windows hold at least `min_statements` statements;
- it reaches `threshold` even after dropping the one current statement that
  pushes hardest in its direction (a single outlier never alerts);
- it is not the shift already alerted: after an alert toward a direction, a
  new one in the same direction is measured only against a baseline window
  that lies wholly after that alert (a move that keeps going is one shift);
  a shift back alerts as its own event;
- the last alert of the pair is at least `cooldown` older in event time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

TOWARD_OPEN = "toward_open"
TOWARD_HOSTILE = "toward_hostile"


@dataclass(frozen=True)
class ShiftSettings:
    """How big, how sure and how rare a shift must be to alert.

    Defaults: a week is the rhythm of diplomatic news (a summit push plays out
    over days, not hours); 0.4 is a fifth of the score's [-1, 1] range, well
    above the day-to-day wobble of a steady actor; 3 statements per window keep
    one article's quotes from deciding alone; a day's cool-down stops bursts of
    coverage from re-alerting the same move.
    """

    window: timedelta = timedelta(days=7)
    threshold: float = 0.4
    min_statements: int = 3
    cooldown: timedelta = timedelta(hours=24)
    evidence_size: int = 5

    def __post_init__(self) -> None:
        if not 0 < self.threshold <= 2:
            raise ValueError(f"threshold must be in (0, 2], got {self.threshold}")
        if self.min_statements < 1:
            raise ValueError(f"min_statements must be at least 1, got {self.min_statements}")
        if self.window <= timedelta(0):
            raise ValueError(f"window must be positive, got {self.window}")
        if self.cooldown < timedelta(0):
            raise ValueError(f"cooldown must not be negative, got {self.cooldown}")


@dataclass(frozen=True)
class Point:
    """One scored statement of one actor about one summit."""

    statement_id: str
    event_at: datetime
    score: float
    confidence: float
    text: str = ""
    url: str = ""


@dataclass(frozen=True)
class LastAlert:
    """What was alerted last for a pair: the state that suppresses repeats."""

    direction: str
    current_level: float
    window_end: datetime


@dataclass(frozen=True)
class Shift:
    """An alert to raise, with the statements that moved the level most."""

    actor: str
    summit: str
    direction: str
    previous_level: float
    current_level: float
    shift: float
    threshold: float
    window_start: datetime
    window_end: datetime
    evidence: list[Point] = field(default_factory=list)


def level(points: list[Point]) -> float:
    """Confidence-weighted mean score; 0.0 for no points."""
    weight = sum(p.confidence for p in points)
    if weight <= 0:
        return 0.0
    return sum(p.score * p.confidence for p in points) / weight


def detect(
    actor: str,
    summit: str,
    points: list[Point],
    settings: ShiftSettings,
    last: LastAlert | None = None,
    since: datetime | None = None,
) -> list[Shift]:
    """Shifts of one actor and summit, evaluated at each point's event time.

    Args:
        points: the pair's statements in any order.
        last: the pair's latest stored alert, which later shifts must get past.
        since: evaluate only at event times after this (earlier points still fill windows).

    Returns:
        The new shifts in event-time order.
    """
    ordered = sorted(points, key=lambda p: (p.event_at, p.statement_id))
    found: list[Shift] = []
    for t in sorted({p.event_at for p in ordered}):
        if since is not None and t <= since:
            continue
        shift = _shift_at(actor, summit, ordered, t, settings, last)
        if shift is not None:
            found.append(shift)
            last = LastAlert(shift.direction, shift.current_level, shift.window_end)
    return found


def _shift_at(
    actor: str,
    summit: str,
    ordered: list[Point],
    t: datetime,
    settings: ShiftSettings,
    last: LastAlert | None,
) -> Shift | None:
    w = settings.window
    current = [p for p in ordered if t - w < p.event_at <= t]
    previous = [p for p in ordered if t - 2 * w < p.event_at <= t - w]
    if len(current) < settings.min_statements or len(previous) < settings.min_statements:
        return None
    prev_level, cur_level = level(previous), level(current)
    change = cur_level - prev_level
    if abs(change) < settings.threshold:
        return None
    direction = TOWARD_OPEN if change > 0 else TOWARD_HOSTILE
    sign = 1.0 if change > 0 else -1.0
    strongest = max(current, key=lambda p: sign * p.score)
    robust = level([p for p in current if p is not strongest]) - prev_level
    if sign * robust < settings.threshold:
        return None
    if last is not None:
        if t - last.window_end < settings.cooldown:
            return None
        if direction == last.direction and t - 2 * w < last.window_end:
            return None
    midpoint = (prev_level + cur_level) / 2
    movers = [p for p in current if sign * (p.score - midpoint) > 0]
    evidence = sorted(
        movers, key=lambda p: (-sign * (p.score - prev_level) * p.confidence, p.statement_id)
    )[: settings.evidence_size]
    return Shift(
        actor=actor,
        summit=summit,
        direction=direction,
        previous_level=round(prev_level, 6),
        current_level=round(cur_level, 6),
        shift=round(change, 6),
        threshold=settings.threshold,
        window_start=t - w,
        window_end=t,
        evidence=evidence,
    )
