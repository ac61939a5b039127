"""Past one machine: scoring on a Dask cluster, the warehouse as Parquet partitions."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from flows.monitor import monitor_on
from tests.conftest import FeedServer, Route, paragraphs, rss

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect_server")]


def items(n: int) -> list[dict[str, str]]:
    return [
        {
            "title": f"S{i}",
            "link": f"https://w.example/{i}",
            "content": paragraphs(
                f"Peskov said on day {i} that a Putin–Zelenskyy meeting was not planned.",
                f"Zelenskyy said on day {i} he was ready to meet Putin.",
            )
            * 3,
        }
        for i in range(n)
    ]


def test_scoring_fans_out_over_a_dask_cluster_with_the_same_results(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    from distributed import Client, LocalCluster
    from prefect.settings import PREFECT_API_URL

    feed_server.routes["/feed.xml"] = Route(rss(items(12)))
    cfg = tmp_path / "summitwatch.toml"
    cfg.write_text("[fetch]\nfetch_linked_pages = false\n[summitwatch]\nscore_chunk = 10\n")
    env = {
        "PREFECT_API_URL": str(PREFECT_API_URL.value())
    }  # workers report to this session's server
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, env=env
        ) as cluster,
        Client(cluster) as client,
    ):
        dask_db = tmp_path / "dask.duckdb"
        summary = monitor_on(cluster.scheduler_address)(
            db_path=str(dask_db),
            feed_urls=[feed_server.url("/feed.xml")],
            config_file=str(cfg),
            dask_address=cluster.scheduler_address,
        )
        loaded = client.run(_models_loaded)
    assert summary["signals"] == 72 and summary["score_chunks"] == 8
    assert len(loaded) == 2 and all(loaded.values()), "every worker scored with its own model copy"
    local_db = tmp_path / "local.duckdb"
    monitor_on(None)(
        db_path=str(local_db), feed_urls=[feed_server.url("/feed.xml")], config_file=str(cfg)
    )
    sql = "SELECT statement_id, label, score FROM signals ORDER BY 1"
    with (
        duckdb.connect(str(dask_db), read_only=True) as a,
        duckdb.connect(str(local_db), read_only=True) as b,
    ):
        spread, local = a.execute(sql).fetchall(), b.execute(sql).fetchall()
    assert [(s, label) for s, label, _ in spread] == [(s, label) for s, label, _ in local]
    assert all(abs(x[2] - y[2]) < 1e-4 for x, y in zip(spread, local, strict=True))


def _models_loaded() -> bool:
    import sys

    stance = sys.modules.get("models.stance")
    return bool(stance and stance._LOADED)
