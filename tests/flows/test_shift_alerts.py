"""Trends and alerts through real flow runs on feeds served locally.

Each day's article carries one clear statement by Putin about a meeting with
Zelenskyy; the sequence of open and hostile days decides what must be alerted.
Settings: a 7-day window, threshold 0.4, at least 3 statements per window.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest

from flows.alerts import SIGNATURE_HEADER, sign
from flows.monitor import monitor
from tests.conftest import FeedServer, Route, rss

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect_server")]

START = date(2025, 6, 1)
OPEN = [
    "Putin said on {d} that he was ready to meet Zelenskyy in person without preconditions.",
    "On {d}, Vladimir Putin told reporters he would welcome a summit with Zelenskyy and proposed Istanbul as the venue.",
    "Putin said on {d} that a meeting with Zelenskyy could take place within weeks and that preparations had begun.",
]
HOSTILE = [
    "Putin said on {d} that a meeting with Zelenskyy was out of the question.",
    "On {d}, Vladimir Putin dismissed any summit with Zelenskyy as pointless and said he would not meet him.",
    "Putin said on {d} that he saw no reason to meet Zelenskyy, whom he called illegitimate.",
]


def days(pattern: str) -> list[dict[str, str]]:
    """One feed item per character: o = open day, h = hostile day, . = no article."""
    items = []
    for i, kind in enumerate(pattern):
        if kind == ".":
            continue
        day = START + timedelta(days=i)
        text = (OPEN if kind == "o" else HOSTILE)[i % 3].format(d=day.strftime("%B %d, %Y"))
        items.append(
            {
                "title": f"Day {i}",
                "link": f"https://wire.example/{day.isoformat()}",
                "content": f"<p>{text}</p>",
                "date": day.strftime("%a, %d %b %Y 09:00:00 +0000"),
                "guid": f"g{i}",
            }
        )
    return items


def config(tmp_path: Path, server: FeedServer | None = None) -> str:
    lines = [
        "[fetch]",
        "fetch_linked_pages = false",
        "",
        "[shifts]",
        "window_days = 7",
        "threshold = 0.4",
        "min_statements = 3",
        "cooldown_hours = 24",
        "",
        "[alerts]",
        "prefect_event = true",
        f'jsonl_path = "{tmp_path / "alerts.jsonl"}"',
    ]
    if server is not None:
        lines += [
            f'webhook_url = "{server.url("/hook")}"',
            'webhook_secret = "s3cret"',
            "webhook_retries = 0",
        ]
    path = tmp_path / "summitwatch.toml"
    path.write_text("\n".join(lines) + "\n")
    return str(path)


def alerts(db: Path) -> list[tuple[str, str]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return [
            (r[0], r[1])
            for r in con.execute(
                "SELECT direction, CAST(window_end AS DATE)::VARCHAR FROM alerts ORDER BY window_end"
            ).fetchall()
        ]


def run(
    tmp_path: Path, server: FeedServer, pattern: str, webhook: FeedServer | None = None
) -> dict:
    server.routes["/feed.xml"] = Route(rss(days(pattern)))
    return monitor(
        db_path=str(tmp_path / "w.duckdb"),
        feed_urls=[server.url("/feed.xml")],
        config_file=config(tmp_path, webhook),
    )


def test_a_real_shift_gives_exactly_one_alert_and_a_rerun_none(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    first = run(tmp_path, feed_server, "h" * 10 + "o" * 10)
    assert first["alerts_new"] == 1
    found = alerts(tmp_path / "w.duckdb")
    assert [d for d, _ in found] == ["toward_open"]
    assert "2025-06-11" <= found[0][1] <= "2025-06-15"
    again = run(tmp_path, feed_server, "h" * 10 + "o" * 10)
    assert again["alerts_new"] == 0 and len(alerts(tmp_path / "w.duckdb")) == 1
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        evidence = json.loads(con.execute("SELECT evidence FROM alerts").fetchone()[0])  # type: ignore[index]
        daily = con.execute(
            "SELECT count(*), min(mean_score), max(mean_score) FROM stance_daily"
        ).fetchone()
    assert evidence and all(
        e["score"] > 0 and e["url"].startswith("https://wire.example/") for e in evidence
    )
    assert daily[0] == 20 and daily[1] < -0.5 < 0.5 < daily[2]  # type: ignore[index]
    lines = (tmp_path / "alerts.jsonl").read_text().splitlines()
    assert len(lines) == 1
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        channels = con.execute(
            "SELECT channel, delivered_at IS NOT NULL FROM alert_deliveries ORDER BY 1"
        ).fetchall()
    assert channels == [("jsonl", True), ("log", True), ("prefect_event", True)]
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    with get_client(sync_client=True) as client:
        keys = {
            a.key
            for a in client.read_artifacts(
                artifact_filter=ArtifactFilter(
                    key=ArtifactFilterKey(any_=["latest-stance", "new-alerts"])
                )
            )
        }
    assert keys == {"latest-stance", "new-alerts"}


def test_a_steady_stance_gives_none(tmp_path: Path, feed_server: FeedServer) -> None:
    assert run(tmp_path, feed_server, "o" * 21)["alerts_new"] == 0


def test_a_noisy_stance_gives_none(tmp_path: Path, feed_server: FeedServer) -> None:
    assert run(tmp_path, feed_server, "oh" * 11)["alerts_new"] == 0


def test_a_single_outlier_gives_none(tmp_path: Path, feed_server: FeedServer) -> None:
    assert run(tmp_path, feed_server, "o" * 12 + "h" + "o" * 8)["alerts_new"] == 0


def test_a_shift_and_a_shift_back_give_two(tmp_path: Path, feed_server: FeedServer) -> None:
    assert run(tmp_path, feed_server, "h" * 10 + "o" * 10)["alerts_new"] == 1
    assert run(tmp_path, feed_server, "h" * 10 + "o" * 10 + "h" * 10)["alerts_new"] == 1
    assert [d for d, _ in alerts(tmp_path / "w.duckdb")] == ["toward_open", "toward_hostile"]


def test_a_backfill_gives_the_same_alerts_as_live_runs(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    pattern = "h" * 10 + "o" * 10 + "h" * 10
    live = tmp_path / "live"
    live.mkdir()
    for end in range(8, len(pattern) + 1, 4):
        run(live, feed_server, pattern[:end])
    backfill = tmp_path / "backfill"
    backfill.mkdir()
    run(backfill, feed_server, pattern)
    assert alerts(live / "w.duckdb") == alerts(backfill / "w.duckdb")
    assert len(alerts(backfill / "w.duckdb")) == 2


def test_a_webhook_down_for_one_run_gets_the_alert_on_the_next_once(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    feed_server.post_status = 503
    first = run(tmp_path, feed_server, "h" * 10 + "o" * 10, webhook=feed_server)
    assert first["alerts_new"] == 1 and any("webhook" in e for e in first["deliveries_failed"])
    assert feed_server.posts == []
    feed_server.post_status = 200
    second = run(tmp_path, feed_server, "h" * 10 + "o" * 10, webhook=feed_server)
    assert second["alerts_new"] == 0 and second["deliveries_failed"] == []
    third = run(tmp_path, feed_server, "h" * 10 + "o" * 10, webhook=feed_server)
    assert third["deliveries_ok"] == 0
    assert len(feed_server.posts) == 1
    _, headers, body = feed_server.posts[0]
    assert headers[SIGNATURE_HEADER] == sign(body, "s3cret")
    assert json.loads(body)["direction"] == "toward_open"
