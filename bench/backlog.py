"""Benchmark: a backlog of 2,000 articles end to end (fetch, extract, score, store).

Run: python bench/backlog.py [--n 2000] [--attribution reader|rules]
Serves N full-text articles on 127.0.0.1 in one feed and runs one pass with
the entry cap lifted; prints articles and statements per minute. Compare the
two attribution settings to see what the learned reader costs a backlog.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SENTENCES = [
    "Kremlin spokesman Dmitry Peskov said on {d} that contacts at the top level must be prepared with the utmost care.",
    "Zelenskyy said on {d} that he was ready to meet Putin in any format and without preconditions.",
    "Trump urged both leaders on {d} to sit down together as soon as possible, warning of sanctions.",
    "Heavy fighting continued near the front line on {d}, officials said.",
    "Analysts said on {d} that the gap between the two positions remained wide.",
    "Lavrov said on {d} that a meeting for the sake of a meeting makes no sense.",
]


def main() -> int:
    """One pass over an N-article backlog."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--attribution", choices=("reader", "rules"), default="reader")
    args = parser.parse_args()
    from prefect.testing.utilities import prefect_test_harness

    from flows.monitor import monitor
    from tests.conftest import FeedServer, Route, paragraphs, rss

    items = [
        {
            "title": f"S{i}",
            "link": f"https://w.example/{i}",
            "content": paragraphs(*[s.format(d=f"day {i}") for s in SENTENCES]),
            "date": f"Thu, {1 + i % 28:02d} Aug 2025 {i % 24:02d}:00:00 +0000",
        }
        for i in range(args.n)
    ]
    server = FeedServer()
    server.routes["/feed.xml"] = Route(rss(items))
    with tempfile.TemporaryDirectory() as tmp, prefect_test_harness():
        cfg = Path(tmp) / "summitwatch.toml"
        cfg.write_text(
            f'[summitwatch]\nattribution = "{args.attribution}"\n\n'
            f"[fetch]\nmax_entries = {args.n}\nfetch_linked_pages = false\n"
        )
        started = time.perf_counter()
        summary = monitor(
            db_path=str(Path(tmp) / "w.duckdb"),
            feed_urls=[server.url("/feed.xml")],
            config_file=str(cfg),
        )
        elapsed = time.perf_counter() - started
    server.close()
    print(
        f"{summary['articles_new']} articles, {summary['statements']} statements, "
        f"{summary['signals']} signals in {elapsed:.1f}s (flow body {summary['seconds']:.1f}s), "
        f"attributed by {summary['attributed_by']}"
    )
    print(
        f"{summary['articles_new'] / elapsed * 60:,.0f} articles/minute, "
        f"{summary['statements'] / elapsed * 60:,.0f} statements/minute end to end"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
