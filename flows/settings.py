"""Typed settings from TOML files and the environment, read by entry points only.

Library functions take settings as arguments; nothing reads a global.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, replace
from datetime import timedelta
from pathlib import Path
from typing import Any

from warehouse.shifts import ShiftSettings

PROJECT_ROOT = Path(__file__).resolve().parent.parent
USER_AGENT = (
    "summitwatch/0.1 (+https://github.com/summitwatch/summitwatch; diplomatic signal monitor)"
)


class ConfigError(Exception):
    """A settings file or value that cannot be used; the message says how to fix it."""


@dataclass(frozen=True)
class FetchSettings:
    """How politely and how defensively to fetch."""

    timeout: float = 20.0
    total_timeout: float = 60.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    retries: int = 2
    backoff: float = 1.0
    user_agent: str = USER_AGENT
    per_host_delay: float = 0.5
    fetch_linked_pages: bool = True
    min_entry_chars: int = 400
    max_entries: int = 500


@dataclass(frozen=True)
class AlertSettings:
    """Where alerts go. Secrets come from the environment, never from a printed value."""

    jsonl_path: Path | None = None
    webhook_url: str | None = None
    webhook_secret: str | None = None
    apprise_urls: tuple[str, ...] = ()
    prefect_event: bool = True
    webhook_retries: int = 2
    webhook_timeout: float = 10.0

    def channels(self) -> list[str]:
        """Names of the channels configured now; the log is always one."""
        names = ["log"]
        if self.jsonl_path is not None:
            names.append("jsonl")
        if self.webhook_url:
            names.append("webhook")
        if self.apprise_urls:
            names.append("apprise")
        if self.prefect_event:
            names.append("prefect_event")
        return names


ATTRIBUTION_MODES = ("reader", "rules")


@dataclass(frozen=True)
class Settings:
    """One monitoring pass's configuration."""

    db_path: Path = field(
        default_factory=lambda: Path(os.environ.get("SUMMITWATCH_DB", "summitwatch.duckdb"))
    )
    feeds_file: Path = PROJECT_ROOT / "seeds" / "feeds.toml"
    seeds_dir: Path = PROJECT_ROOT / "seeds"
    feed_urls: tuple[str, ...] = ()
    fetch: FetchSettings = field(default_factory=FetchSettings)
    shifts: ShiftSettings = field(default_factory=ShiftSettings)
    alerts: AlertSettings = field(default_factory=AlertSettings)
    model_dir: Path | None = None
    batch_size: int = 32
    lock_wait: float = 600.0
    dask_address: str | None = None
    score_chunk: int = 512
    backend: str = "auto"
    # "reader": the rules' reading revised by the learned reader (models/reader);
    # "rules": the rules alone (faster, less accurate on unfamiliar prose).
    attribution: str = "reader"

    def __post_init__(self) -> None:
        if self.attribution not in ATTRIBUTION_MODES:
            raise ConfigError(
                f"attribution must be one of {list(ATTRIBUTION_MODES)}, got {self.attribution!r}"
            )


def load_settings(config_file: Path | None = None, **overrides: Any) -> Settings:
    """Settings from defaults, then `summitwatch.toml` (or the given file), then the
    environment, then explicit overrides (CLI flags)."""
    settings = Settings()
    path = config_file or Path(os.environ.get("SUMMITWATCH_CONFIG", "summitwatch.toml"))
    if path.exists():
        settings = _apply_file(settings, path)
    elif config_file is not None:
        raise ConfigError(f"config file {config_file} does not exist")
    settings = _apply_env(settings)
    clean = {k: v for k, v in overrides.items() if v is not None}
    return replace(settings, **clean)


def _apply_file(settings: Settings, path: Path) -> Settings:
    try:
        with path.open("rb") as fh:
            doc = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
    try:
        fetch = replace(settings.fetch, **doc.get("fetch", {}))
        shifts_doc = dict(doc.get("shifts", {}))
        shift_kwargs: dict[str, Any] = {}
        if "window_days" in shifts_doc:
            shift_kwargs["window"] = timedelta(days=float(shifts_doc.pop("window_days")))
        if "cooldown_hours" in shifts_doc:
            shift_kwargs["cooldown"] = timedelta(hours=float(shifts_doc.pop("cooldown_hours")))
        shift_kwargs.update(shifts_doc)
        shifts = replace(settings.shifts, **shift_kwargs)
        alerts_doc = dict(doc.get("alerts", {}))
        if "jsonl_path" in alerts_doc:
            alerts_doc["jsonl_path"] = Path(alerts_doc["jsonl_path"])
        if "apprise_urls" in alerts_doc:
            alerts_doc["apprise_urls"] = tuple(alerts_doc["apprise_urls"])
        alerts = replace(settings.alerts, **alerts_doc)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    top = dict(doc.get("summitwatch", {}).items())
    for key in ("db_path", "feeds_file", "seeds_dir", "model_dir"):
        if key in top:
            top[key] = Path(top[key])
    return replace(settings, fetch=fetch, shifts=shifts, alerts=alerts, **top)


def _apply_env(settings: Settings) -> Settings:
    env = os.environ
    alerts = settings.alerts
    if env.get("SUMMITWATCH_WEBHOOK_URL"):
        alerts = replace(alerts, webhook_url=env["SUMMITWATCH_WEBHOOK_URL"])
    if env.get("SUMMITWATCH_WEBHOOK_SECRET"):
        alerts = replace(alerts, webhook_secret=env["SUMMITWATCH_WEBHOOK_SECRET"])
    if env.get("SUMMITWATCH_APPRISE_URLS"):
        alerts = replace(alerts, apprise_urls=tuple(env["SUMMITWATCH_APPRISE_URLS"].split()))
    if env.get("SUMMITWATCH_ALERTS_JSONL"):
        alerts = replace(alerts, jsonl_path=Path(env["SUMMITWATCH_ALERTS_JSONL"]))
    model_dir = (
        Path(env["SUMMITWATCH_MODEL"]) if env.get("SUMMITWATCH_MODEL") else settings.model_dir
    )
    return replace(settings, alerts=alerts, model_dir=model_dir)
