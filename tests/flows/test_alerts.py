"""Alert delivery: every channel once, failures stay pending, secrets stay secret."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import duckdb

from flows.alerts import SIGNATURE_HEADER, alert_text, deliver, send_jsonl, sign
from flows.settings import AlertSettings
from tests.conftest import FeedServer
from warehouse import queries
from warehouse.shifts import Point, Shift

T = datetime(2025, 8, 21)


def stored_alert(con: duckdb.DuckDBPyConnection, channels: list[str]) -> str:
    shift = Shift(
        "putin",
        "putin-zelenskyy",
        "toward_open",
        -0.6,
        0.5,
        1.1,
        0.4,
        datetime(2025, 8, 14),
        T,
        [Point("s1", T, 0.9, 0.95, "Putin: ready to meet.", "https://n.example/1")],
    )
    aid = queries.insert_alert(con, shift, T, channels)
    assert aid is not None
    return aid


def test_an_alert_goes_to_each_channel_once(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    settings = AlertSettings(jsonl_path=tmp_path / "alerts.jsonl", prefect_event=False)
    aid = stored_alert(con, settings.channels())
    first = deliver(con, settings)
    assert (first.delivered, first.failed) == (2, 0)
    assert deliver(con, settings).delivered == 0
    lines = (tmp_path / "alerts.jsonl").read_text().splitlines()
    assert [json.loads(line)["alert_id"] for line in lines] == [aid]
    assert con.execute("SELECT delivered_at IS NOT NULL FROM alerts").fetchone() == (True,)


def test_the_same_alert_id_is_not_stored_twice(con: duckdb.DuckDBPyConnection) -> None:
    stored_alert(con, ["log"])
    shift = Shift(
        "putin", "putin-zelenskyy", "toward_open", -0.6, 0.5, 1.1, 0.4, datetime(2025, 8, 14), T
    )
    assert queries.insert_alert(con, shift, T, ["log"]) is None


def test_a_webhook_that_is_down_keeps_the_alert_pending_then_gets_it_once(
    con: duckdb.DuckDBPyConnection, feed_server: FeedServer
) -> None:
    settings = AlertSettings(
        webhook_url=feed_server.url("/hook"),
        webhook_secret="s3cret",
        prefect_event=False,
        webhook_retries=1,
    )
    stored_alert(con, settings.channels())
    feed_server.post_status = 503
    down = deliver(con, settings)
    assert down.failed == 1 and "503" in down.errors[0]
    assert con.execute("SELECT delivered_at FROM alerts").fetchone() == (None,)
    feed_server.post_status = 200
    assert deliver(con, settings).delivered == 1
    assert deliver(con, settings).delivered == 0
    assert len(feed_server.posts) == 1
    _, headers, body = feed_server.posts[0]
    assert headers[SIGNATURE_HEADER] == sign(body, "s3cret")
    assert json.loads(body)["evidence"][0]["text"] == "Putin: ready to meet."


def test_failures_never_show_the_secret(con: duckdb.DuckDBPyConnection) -> None:
    settings = AlertSettings(
        webhook_url="http://127.0.0.1:9/hook?token=TOPSECRET",
        webhook_secret="K3Y",
        prefect_event=False,
        webhook_retries=0,
    )
    stored_alert(con, settings.channels())
    report = deliver(con, settings)
    assert report.failed == 1
    stored = con.execute(
        "SELECT last_error FROM alert_deliveries WHERE channel = 'webhook'"
    ).fetchone()
    for text in [*report.errors, str(stored)]:
        assert "TOPSECRET" not in text and "K3Y" not in text


def test_a_jsonl_line_already_written_is_not_written_again(tmp_path: Path) -> None:
    settings = AlertSettings(jsonl_path=tmp_path / "a.jsonl")
    alert = {"alert_id": "abc", "direction": "toward_open"}
    send_jsonl(alert, settings)
    send_jsonl(alert, settings)
    assert len((tmp_path / "a.jsonl").read_text().splitlines()) == 1


def test_the_alert_text_names_the_move_and_the_evidence() -> None:
    title, body = alert_text(
        {
            "actor": "putin",
            "summit": "putin-zelenskyy",
            "direction": "toward_hostile",
            "previous_level": 0.5,
            "current_level": -0.3,
            "shift": -0.8,
            "threshold": 0.4,
            "window_start": T,
            "window_end": T,
            "evidence": [{"score": -0.9, "text": "No meeting.", "url": "https://n.example/x"}],
        }
    )
    assert "putin moved toward hostile on putin-zelenskyy" in title
    assert "+0.50 -> -0.30" in body and "No meeting." in body


def test_apprise_urls_are_notified_through_the_real_client(
    con: duckdb.DuckDBPyConnection, feed_server: FeedServer
) -> None:
    port = feed_server.httpd.server_address[1]
    settings = AlertSettings(
        apprise_urls=(f"json://127.0.0.1:{port}/apprise",), prefect_event=False
    )
    stored_alert(con, settings.channels())
    report = deliver(con, settings)
    assert (report.delivered, report.failed) == (2, 0)
    (path, _, body) = feed_server.posts[0]
    message = json.loads(body)
    assert path == "/apprise"
    assert "putin moved toward open on putin-zelenskyy" in message["title"]
    assert "Putin: ready to meet." in message["message"]
