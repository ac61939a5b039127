"""Benchmark: a pass with nothing new, the common case every fifteen minutes.

Run: python bench/idle_rerun.py
Serves a 50-entry feed on 127.0.0.1, runs one pass to fill the warehouse, then
times passes that find nothing new (the server answers 304) and checks that
the model was never loaded in them. Prints seconds per idle pass, with and
without the Prefect server start that a fresh process pays once.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    """Fill once, then time idle passes."""
    from prefect.testing.utilities import prefect_test_harness

    from flows.monitor import monitor
    from tests.conftest import FeedServer, Route, paragraphs, rss

    items = [
        {
            "title": f"S{i}",
            "link": f"https://w.example/{i}",
            "content": paragraphs(
                f"Peskov said on day {i} that a Putin–Zelenskyy meeting was not planned."
            )
            * 6,
        }
        for i in range(50)
    ]
    server = FeedServer()
    server.routes["/feed.xml"] = Route(rss(items))
    with tempfile.TemporaryDirectory() as tmp, prefect_test_harness():
        db = str(Path(tmp) / "w.duckdb")
        started = time.perf_counter()
        first = monitor(db_path=db, feed_urls=[server.url("/feed.xml")])
        print(
            f"first pass: {first['articles_new']} articles, {first['signals']} signals in "
            f"{time.perf_counter() - started:.2f}s"
        )
        timings = []
        for _ in range(5):
            started = time.perf_counter()
            idle = monitor(db_path=db, feed_urls=[server.url("/feed.xml")])
            timings.append(time.perf_counter() - started)
            assert idle["model_version"] is None and idle["articles_new"] == 0
        print(
            f"idle pass (304, model never loaded): median {sorted(timings)[2]:.2f}s, "
            f"inside the flow {idle['seconds']:.2f}s"
        )
    server.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
