"""Settings: the README's example file loads, the environment wins, bad files say why."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest

from flows.settings import ConfigError, load_settings
from tests.conftest import ROOT


def test_the_readme_example_configuration_loads_as_documented(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text()
    block = re.search(r"```toml\n(\[summitwatch\].*?)```", readme, re.DOTALL)
    assert block, "README lost its settings example"
    path = tmp_path / "summitwatch.toml"
    path.write_text(block.group(1))
    settings = load_settings(path)
    assert settings.shifts.window == timedelta(days=7) and settings.shifts.threshold == 0.4
    assert settings.fetch.max_redirects == 5 and settings.alerts.jsonl_path == Path("alerts.jsonl")
    assert settings.backend == "auto"


def test_secrets_come_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SUMMITWATCH_WEBHOOK_URL", "https://hooks.example/x")
    monkeypatch.setenv("SUMMITWATCH_WEBHOOK_SECRET", "s")
    monkeypatch.setenv("SUMMITWATCH_APPRISE_URLS", "json://a.example/1 json://b.example/2")
    monkeypatch.chdir(tmp_path)
    settings = load_settings()
    assert settings.alerts.webhook_url == "https://hooks.example/x"
    assert settings.alerts.apprise_urls == ("json://a.example/1", "json://b.example/2")
    assert settings.alerts.channels() == ["log", "webhook", "apprise", "prefect_event"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[shifts]\nthreshold = 0\n", "threshold"),
        ("[fetch]\ntimeout_s = 3\n", "timeout_s"),
        ("[fetch\n", "not valid TOML"),
        ('[summitwatch]\nattribution = "magic"\n', "attribution must be one of"),
    ],
)
def test_bad_settings_files_say_what_is_wrong(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "s.toml"
    path.write_text(content)
    with pytest.raises(ConfigError, match=message):
        load_settings(path)


def test_a_named_config_file_that_is_missing_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(tmp_path / "nope.toml")
