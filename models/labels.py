"""The stance labels: one source of truth, in the order every matrix uses."""

from __future__ import annotations

OPEN = "open"
HOSTILE = "hostile"
NEUTRAL = "neutral"
LABELS: tuple[str, ...] = (OPEN, HOSTILE, NEUTRAL)


def check_label(value: str, where: str = "") -> str:
    """Return a valid label, or raise a ValueError that says what was expected.

    Example:
        >>> check_label(" Open ")
        'open'
    """
    label = value.strip().lower()
    if label in LABELS:
        return label
    hint = ""
    close = [name for name in LABELS if name.startswith(label[:2])] if label else []
    if close:
        hint = f", did you mean {close[0]!r}"
    place = f"{where}: " if where else ""
    raise ValueError(f"{place}expected one of {', '.join(LABELS)}, got {value!r}{hint}")
