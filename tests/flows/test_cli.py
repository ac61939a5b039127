"""The CLI contract of DESIGN.md: commands, --json purity, errors on stderr."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from flows.cli import app
from tests.conftest import ROOT, store_signal
from warehouse.db import writer

runner = CliRunner()
COMMANDS = [
    "run",
    "serve",
    "score",
    "evaluate",
    "trends",
    "alerts",
    "query",
    "report",
    "train",
    "train-reader",
    "export",
]


@pytest.fixture
def small_db(tmp_path: Path) -> Path:
    """A warehouse file holding two signals about one summit."""
    db = tmp_path / "w.duckdb"
    with writer(db) as con:
        for i, (p_open, p_hostile) in enumerate([(0.8, 0.1), (0.1, 0.7)]):
            store_signal(
                con,
                f"https://n.example/{i}",
                f"Statement number {i} about the summit.",
                datetime(2025, 8, 20 + i, 9),
                p_open,
                p_hostile,
            )
    return db


def test_every_command_has_help_and_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    for command in COMMANDS:
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0, command
        assert len(result.stdout.strip()) > 80, command
        assert re.search(rf"summitwatch {command}\b", readme), f"{command} missing from README"


def test_option_help_shows_its_default_whole() -> None:
    """Rich reads "[default: x]" as markup and drops it unless escaped; an analyst
    reading --help must see where the DuckDB file and the feeds come from."""
    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    for name in COMMANDS:
        shown = " ".join(
            runner.invoke(app, [name, "--help"], env={"COLUMNS": "250"}).stdout.split()
        )
        for param in commands[name].params:
            help_text = (getattr(param, "help", None) or "").replace("\\[", "[")
            if "[default" in help_text:
                assert " ".join(help_text.split()) in shown, f"{name} {param.name}"


def test_query_json_prints_one_document_and_nothing_else(small_db: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "flows.cli",
            "query",
            "select actor, label, score, text from signals",
            "--json",
            "--db",
            str(small_db),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert [r["label"] for r in sorted(rows, key=lambda r: r["score"])] == ["hostile", "open"]
    assert set(rows[0]) == {"actor", "label", "score", "text"}


def test_query_is_read_only(small_db: Path) -> None:
    result = runner.invoke(app, ["query", "delete from scores", "--db", str(small_db)])
    assert result.exit_code != 0
    assert "read-only" in result.stderr
    assert json.loads(
        runner.invoke(
            app, ["query", "select count(*) as n from signals", "--json", "--db", str(small_db)]
        ).stdout
    ) == [{"n": 2}]


def test_bad_sql_is_a_one_line_error(small_db: Path) -> None:
    result = runner.invoke(app, ["query", "selec nothing", "--db", str(small_db)])
    assert result.exit_code == 2
    assert result.stderr.startswith("summitwatch: error: SQL error")


def test_a_missing_database_says_to_run_first(tmp_path: Path) -> None:
    result = runner.invoke(app, ["trends", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert "summitwatch run" in result.stderr
    assert not (tmp_path / "none.duckdb").exists()


def test_trends_json_filters_by_actor_summit_and_day(small_db: Path) -> None:
    result = runner.invoke(
        app,
        ["trends", "--actor", "putin", "--since", "2025-08-21", "--json", "--db", str(small_db)],
    )
    rows = json.loads(result.stdout)
    assert [(r["actor"], r["summit"], r["day"], r["n"]) for r in rows] == [
        ("putin", "putin-zelenskyy", "2025-08-21", 1)
    ]
    assert rows[0]["mean_score"] == pytest.approx(-0.6)
    by_side = json.loads(
        runner.invoke(app, ["trends", "--by", "side", "--json", "--db", str(small_db)]).stdout
    )
    assert {r["side"] for r in by_side} == {"russia"}


def test_trends_rejects_a_bad_date(small_db: Path) -> None:
    result = runner.invoke(app, ["trends", "--since", "yesterday", "--db", str(small_db)])
    assert result.exit_code == 2 and "2025-08-21" in result.stderr


def test_alerts_json_is_a_list(small_db: Path) -> None:
    assert json.loads(runner.invoke(app, ["alerts", "--json", "--db", str(small_db)]).stdout) == []


def test_serve_needs_exactly_one_schedule() -> None:
    result = runner.invoke(app, ["serve"])
    assert result.exit_code == 2 and "--cron" in result.stderr
    both = runner.invoke(app, ["serve", "--cron", "* * * * *", "--interval", "900"])
    assert both.exit_code == 2


def test_score_needs_something_to_score(tmp_path: Path) -> None:
    assert runner.invoke(app, ["score"]).exit_code == 2
    missing = runner.invoke(app, ["score", "--file", str(tmp_path / "none.txt")])
    assert missing.exit_code == 2 and "no such file" in missing.stderr


@pytest.mark.slow
def test_score_json_gives_a_label_and_figures_per_line(tmp_path: Path) -> None:
    lines = tmp_path / "s.txt"
    lines.write_text(
        "We are ready to meet without preconditions.\n\nMoscow ruled out any summit.\n"
    )
    result = runner.invoke(app, ["score", "--file", str(lines), "--json"])
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [r["label"] for r in rows] == ["open", "hostile"]
    for row in rows:
        assert row["score"] == pytest.approx(row["p_open"] - row["p_hostile"], abs=2e-4)
        assert row["confidence"] == max(row["p_open"], row["p_hostile"], row["p_neutral"])


@pytest.mark.slow
def test_evaluate_reports_per_design_and_rejects_bad_labels(tmp_path: Path) -> None:
    gold = tmp_path / "gold.tsv"
    gold.write_text(
        "text\tlabel\nWe are ready to meet them at any time.\topen\n"
        "There will be no summit with that regime.\thostile\n"
        "The leaders last met in 2019.\tneutral\n"
    )
    report = json.loads(runner.invoke(app, ["evaluate", str(gold), "--json"]).stdout)
    assert set(report) == {"n", "accuracy", "macro_f1", "per_label", "confusion"}
    assert report["n"] == 3 and len(report["confusion"]) == 3
    gold.write_text("text\tlabel\nWe will meet.\tyes\n")
    bad = runner.invoke(app, ["evaluate", str(gold)])
    assert bad.exit_code == 1 and "gold.tsv:2" in bad.stderr


def test_export_to_parquet_answers_the_same_queries(small_db: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert (
        runner.invoke(app, ["export", "--parquet", str(store), "--db", str(small_db)]).exit_code
        == 0
    )
    assert sorted(p.name for p in (store / "signals").iterdir()) == ["summit_key=putin-zelenskyy"]
    sql = "select actor, summit, day, n, round(mean_score, 4) as m from stance_daily order by day"
    from_db = runner.invoke(app, ["query", sql, "--json", "--db", str(small_db)])
    from_parquet = runner.invoke(app, ["query", sql, "--json", "--parquet", str(store)])
    assert json.loads(from_parquet.stdout) == json.loads(from_db.stdout)
    assert len(json.loads(from_db.stdout)) == 2
    missing = runner.invoke(app, ["query", "select 1", "--parquet", str(tmp_path / "none")])
    assert missing.exit_code == 1 and "summitwatch export" in missing.stderr


def test_train_reader_refuses_a_held_out_folder() -> None:
    held = ROOT / "tests" / "data" / "attribution" / "heldout"
    result = runner.invoke(app, ["train-reader", "--from", str(held), "--out", "/nonexistent"])
    assert result.exit_code == 1
    assert "held-out check" in result.stderr


def test_train_reader_names_the_parts_it_can_rebuild() -> None:
    result = runner.invoke(app, ["train-reader", "--part", "everything", "--out", "/nonexistent"])
    assert result.exit_code == 2
    shown = " ".join(result.stderr.replace("│", " ").split())
    assert "'everything' is not one of 'all', 'scorers', 'gate'" in shown


def test_the_run_summary_shows_versions_whole_on_a_narrow_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An analyst copies the versions from the summary into SQL: never cut with "…"."""
    from rich.console import Console

    from flows import cli
    from flows.monitor import RunSummary

    narrow = Console(width=60, record=True, file=io.StringIO())
    monkeypatch.setattr(cli, "out", narrow)
    attributed = "rules-0.2.0+seeds-9cb891662380+reader-ef386e7ff21c"
    summary = RunSummary("r" * 32, "w.duckdb", attributed_by=attributed).as_dict()
    cli._print_summary(summary)
    printed = "".join(narrow.export_text().split())
    assert "…" not in printed and attributed in printed
