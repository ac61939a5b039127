"""Alert delivery from the outbox: every alert to every configured channel.

An alert is written to the warehouse first (the outbox); delivery marks each
channel done only after it succeeded, so a failing channel keeps the alert
pending for the next pass and a delivered channel never gets it again.
Secrets (webhook key, Apprise URLs) are used, never logged.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from flows.settings import AlertSettings

LOGGER = logging.getLogger("summitwatch.alerts")
# httpx logs every request URL at INFO; webhook URLs can hold tokens.
logging.getLogger("httpx").setLevel(logging.WARNING)
SIGNATURE_HEADER = "X-Summitwatch-Signature"


class DeliveryFailed(Exception):
    """One channel could not take one alert; the alert stays pending."""


@dataclass(frozen=True)
class DeliveryReport:
    """What one delivery round did."""

    delivered: int
    failed: int
    errors: list[str]


def alert_json(alert: dict[str, Any]) -> str:
    """The alert as the JSON document every channel sends."""
    return json.dumps(alert, default=_iso, sort_keys=True)


def alert_text(alert: dict[str, Any]) -> tuple[str, str]:
    """A human title and body for chat and e-mail channels."""
    arrow = "toward open" if alert["direction"] == "toward_open" else "toward hostile"
    title = f"summitwatch: {alert['actor']} moved {arrow} on {alert['summit']}"
    lines = [
        f"{alert['actor']} on {alert['summit']}: {alert['previous_level']:+.2f} -> "
        f"{alert['current_level']:+.2f} (shift {alert['shift']:+.2f}, threshold "
        f"{alert['threshold']:.2f}), window {_iso(alert['window_start'])} .. "
        f"{_iso(alert['window_end'])}",
        "Evidence:",
    ]
    for ev in alert.get("evidence", []):
        lines.append(f"- [{ev['score']:+.2f}] {ev['text']} ({ev['url']})")
    return title, "\n".join(lines)


def sign(body: bytes, secret: str) -> str:
    """HMAC-SHA256 of the body, as the webhook header carries it."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def send_log(alert: dict[str, Any], settings: AlertSettings) -> None:
    """The always-on channel: the run's log (Prefect's, inside a flow)."""
    title, body = alert_text(alert)
    _run_logger().warning("%s\n%s", title, body)


def send_jsonl(alert: dict[str, Any], settings: AlertSettings) -> None:
    """Append one JSON line, unless the file holds this alert already."""
    path = settings.jsonl_path
    if path is None:
        raise DeliveryFailed("jsonl channel has no path")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        needle = f'"alert_id": "{alert["alert_id"]}"'
        with path.open(encoding="utf-8") as fh:
            if any(needle in line for line in fh):
                return
    try:
        with path.open("a", encoding="utf-8") as fh:
            fh.write(alert_json(alert) + "\n")
            fh.flush()
    except OSError as exc:
        raise DeliveryFailed(f"cannot write {path}: {exc.strerror}") from exc


def send_webhook(alert: dict[str, Any], settings: AlertSettings) -> None:
    """POST the alert as JSON, signed when a secret is set, retried with backoff."""
    if not settings.webhook_url:
        raise DeliveryFailed("webhook channel has no URL")
    body = alert_json(alert).encode()
    headers = {"Content-Type": "application/json", "User-Agent": "summitwatch-alerts"}
    if settings.webhook_secret:
        headers[SIGNATURE_HEADER] = sign(body, settings.webhook_secret)
    last = ""
    for attempt in range(settings.webhook_retries + 1):
        if attempt:
            time.sleep(0.5 * 2 ** (attempt - 1))
        try:
            response = httpx.post(
                settings.webhook_url,
                content=body,
                headers=headers,
                timeout=settings.webhook_timeout,
            )
        except httpx.HTTPError as exc:
            last = f"webhook unreachable: {type(exc).__name__}"
            continue
        if response.status_code < 300:
            return
        last = f"webhook answered HTTP {response.status_code}"
        if response.status_code < 500 and response.status_code != 429:
            break
    raise DeliveryFailed(last)


def send_apprise(alert: dict[str, Any], settings: AlertSettings) -> None:
    """Notify every Apprise URL (Slack, e-mail, Telegram, ...)."""
    import apprise

    title, body = alert_text(alert)
    notifier = apprise.Apprise()
    for url in settings.apprise_urls:
        if not notifier.add(url):
            raise DeliveryFailed("an Apprise URL was rejected (check its scheme and fields)")
    if not notifier.notify(title=title, body=body):
        raise DeliveryFailed("Apprise could not notify every service")


def send_prefect_event(alert: dict[str, Any], settings: AlertSettings) -> None:
    """Emit a Prefect event so automations can react to the shift."""
    from prefect.events import emit_event

    event = emit_event(
        event=f"summitwatch.alert.{alert['direction']}",
        resource={
            "prefect.resource.id": f"summitwatch.alert.{alert['alert_id']}",
            "summitwatch.actor": str(alert["actor"]),
            "summitwatch.summit": str(alert["summit"]),
        },
        payload=json.loads(alert_json(alert)),
    )
    if event is None:
        raise DeliveryFailed("Prefect events are not available in this process")


SENDERS: dict[str, Callable[[dict[str, Any], AlertSettings], None]] = {
    "log": send_log,
    "jsonl": send_jsonl,
    "webhook": send_webhook,
    "apprise": send_apprise,
    "prefect_event": send_prefect_event,
}


def deliver(con: Any, settings: AlertSettings) -> DeliveryReport:
    """Deliver every pending alert to every configured channel, recording each try."""
    from warehouse import queries

    channels = settings.channels()
    queries.ensure_deliveries(con, channels)
    delivered = failed = 0
    errors: list[str] = []
    for item in queries.pending_deliveries(con, channels):
        try:
            SENDERS[item.channel](item.alert, settings)
        except DeliveryFailed as exc:
            failed += 1
            errors.append(f"{item.channel}: {exc}")
            LOGGER.warning("alert %s not delivered to %s: %s", item.alert_id, item.channel, exc)
            queries.mark_delivery(con, item.alert_id, item.channel, None, str(exc))
            continue
        delivered += 1
        queries.mark_delivery(con, item.alert_id, item.channel, _now(), None)
    return DeliveryReport(delivered, failed, errors)


def _run_logger() -> logging.Logger | logging.LoggerAdapter[logging.Logger]:
    from prefect.exceptions import MissingContextError
    from prefect.logging import get_run_logger

    try:
        return get_run_logger()
    except MissingContextError:
        return LOGGER


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _iso(value: object) -> str:
    return value.isoformat() if isinstance(value, datetime) else str(value)
