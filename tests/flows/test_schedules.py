"""Schedules: `summitwatch serve` registers the flow on a schedule; prefect.yaml deploys it."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
import yaml

from tests.conftest import ROOT

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect_server")]


def test_serve_registers_a_scheduled_deployment(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL

    env = {**os.environ, "PREFECT_API_URL": str(PREFECT_API_URL.value()), "NO_COLOR": "1"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "flows.cli",
            "serve",
            "--interval",
            "900",
            "--name",
            "every-15",
            "--db",
            str(tmp_path / "w.duckdb"),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deployment = None
        deadline = time.monotonic() + 90
        while deployment is None and time.monotonic() < deadline:
            time.sleep(2)
            with get_client(sync_client=True) as client:
                found = client.read_deployments()
            deployment = next((d for d in found if d.name == "every-15"), None)
        assert deployment is not None, "serve did not register its deployment"
        assert (
            deployment.schedules
            and deployment.schedules[0].schedule.interval.total_seconds() == 900
        )
        assert deployment.parameters["db_path"] == str(tmp_path / "w.duckdb")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_the_deployment_file_points_at_the_monitor_flow() -> None:
    from prefect import Flow

    from flows import monitor

    doc = yaml.safe_load((ROOT / "prefect.yaml").read_text())
    (deployment,) = doc["deployments"]
    path, name = deployment["entrypoint"].split(":")
    assert (ROOT / path).exists()
    assert isinstance(getattr(monitor, name), Flow)
    assert deployment["schedules"][0]["cron"] == "*/15 * * * *"
    assert set(deployment["parameters"]) <= set(monitor.monitor.parameters.properties)
