"""Shift detection fires once for a real move, never for noise or one outlier."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from warehouse.shifts import TOWARD_HOSTILE, TOWARD_OPEN, LastAlert, Point, ShiftSettings, detect

T0 = datetime(2025, 8, 1)
SETTINGS = ShiftSettings(
    window=timedelta(days=7), threshold=0.4, min_statements=3, cooldown=timedelta(hours=24)
)


def series(
    scores: list[float], start: datetime = T0, step: timedelta = timedelta(days=1)
) -> list[Point]:
    return [
        Point(f"s{i}", start + i * step, s, 0.9, f"text {i}", f"http://x/{i}")
        for i, s in enumerate(scores)
    ]


def test_a_real_shift_gives_exactly_one_alert() -> None:
    points = series([-0.8] * 7 + [0.8] * 7)
    shifts = detect("putin", "putin-zelenskyy", points, SETTINGS)
    assert [s.direction for s in shifts] == [TOWARD_OPEN]
    assert shifts[0].shift >= 0.4
    assert all(p.score > 0 for p in shifts[0].evidence)


def test_a_steady_or_noisy_stance_gives_none() -> None:
    assert detect("a", "s", series([0.5] * 30), SETTINGS) == []
    noisy = [0.3, -0.1, 0.2, 0.0, 0.25, -0.05, 0.1] * 4
    assert detect("a", "s", series(noisy), SETTINGS) == []


def test_a_single_outlier_gives_none() -> None:
    points = series([0.7] * 14 + [-0.95] + [0.7] * 6)
    assert detect("a", "s", points, SETTINGS) == []


def test_a_shift_and_a_shift_back_give_two() -> None:
    points = series([-0.8] * 7 + [0.8] * 14 + [-0.8] * 7)
    assert [s.direction for s in detect("a", "s", points, SETTINGS)] == [
        TOWARD_OPEN,
        TOWARD_HOSTILE,
    ]


def test_too_few_statements_in_a_window_give_none() -> None:
    points = series([-0.9, -0.9, 0.9, 0.9], step=timedelta(days=4))
    assert detect("a", "s", points, SETTINGS) == []


def test_rerun_from_the_last_alert_finds_nothing_new() -> None:
    points = series([-0.8] * 7 + [0.8] * 7)
    first = detect("a", "s", points, SETTINGS)[0]
    last = LastAlert(first.direction, first.current_level, first.window_end)
    assert detect("a", "s", points, SETTINGS, last=last, since=last.window_end) == []


def test_backfill_equals_live_evaluation() -> None:
    points = series([-0.8] * 7 + [0.8] * 14 + [-0.8] * 7)
    backfill = detect("a", "s", points, SETTINGS)
    live = []
    last = None
    for i in range(1, len(points) + 1):
        new = detect(
            "a", "s", points[:i], SETTINGS, last=last, since=last.window_end if last else None
        )
        live += new
        if new:
            last = LastAlert(new[-1].direction, new[-1].current_level, new[-1].window_end)
    assert [(s.direction, s.window_end) for s in live] == [
        (s.direction, s.window_end) for s in backfill
    ]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"threshold": 0}, "threshold"),
        ({"min_statements": 0}, "min_statements"),
        ({"window": timedelta(0)}, "window"),
    ],
)
def test_settings_reject_values_that_cannot_work(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ShiftSettings(**kwargs)  # type: ignore[arg-type]
