"""`summitwatch`: a thin CLI over the library. It parses flags, rejects bad
combinations early, and turns library errors into one-line messages on stderr.

Every command that takes --json prints one JSON document on stdout and nothing else.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.table import Table

from flows.settings import ConfigError

# Prefect's temporary server would try to phone home; these machines (and many
# analysts' networks) have no route out, and the failure only adds noise.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

app = typer.Typer(
    name="summitwatch",
    help=(
        "Monitor diplomatic signals: who moves toward or away from a leaders' summit.\n\n"
        "Typical use: `summitwatch run` (one pass over seeds/feeds.toml into "
        "./summitwatch.duckdb), then `summitwatch trends`, `summitwatch alerts` or "
        '`summitwatch query "select actor, label, score, text from signals"`.'
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True)


class ReaderPart(StrEnum):
    """What `train-reader` rebuilds."""

    all = "all"
    scorers = "scorers"
    gate = "gate"


DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="DuckDB file \\[default: $SUMMITWATCH_DB or ./summitwatch.duckdb]."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON document, nothing else.")]


def fail(message: str, code: int = 1) -> NoReturn:
    """Print `summitwatch: error: ...` on stderr and exit non-zero."""
    err.print(f"[bold red]summitwatch: error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def emit_json(document: Any) -> None:
    """The one JSON document of a --json command."""
    sys.stdout.write(json.dumps(document, default=str, ensure_ascii=False, indent=2) + "\n")


def _db(path: Path | None) -> Path:
    from warehouse.db import default_db_path

    return path or default_db_path()


def _library_errors(*extra: type[Exception]) -> tuple[type[Exception], ...]:
    """The errors a command reports as one line (plus any the command adds)."""
    from models.errors import ModelError
    from warehouse.errors import WarehouseError

    return (ConfigError, ModelError, WarehouseError, FileNotFoundError, *extra)


@app.command()
def run(
    feeds: Annotated[
        Path | None, typer.Option("--feeds", help="Feeds TOML file \\[default: seeds/feeds.toml].")
    ] = None,
    feed: Annotated[
        list[str] | None,
        typer.Option(
            "--feed", help="A feed URL or path to poll instead of the feeds file; repeat for more."
        ),
    ] = None,
    db: DbOption = None,
    config: Annotated[
        Path | None,
        typer.Option("--config", help="Settings TOML \\[default: ./summitwatch.toml if present]."),
    ] = None,
    threshold: Annotated[
        float | None,
        typer.Option(
            "--threshold",
            min=0.01,
            max=2.0,
            help="Stance shift that raises an alert \\[default: 0.4].",
        ),
    ] = None,
    dask: Annotated[
        str | None,
        typer.Option(
            "--dask",
            help="Dask scheduler address (tcp://host:8786): score on that cluster's workers.",
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """One monitoring pass: fetch, extract, score, store, detect shifts, deliver alerts.

    Polls the enabled feeds of seeds/feeds.toml (or each --feed), stores new
    articles, statements and stance signals in DuckDB, and prints a summary.
    Running it again adds nothing that is already stored.
    """
    from flows.monitor import monitor_on

    try:
        summary = monitor_on(dask)(
            db_path=str(_db(db)),
            feeds_file=str(feeds) if feeds else None,
            feed_urls=list(feed) if feed else None,
            config_file=str(config) if config else None,
            threshold=threshold,
            dask_address=dask,
        )
    except _library_errors() as exc:
        fail(str(exc))
    if as_json:
        emit_json(summary)
        return
    _print_summary(summary)


def _print_summary(s: dict[str, Any]) -> None:
    out.print(
        f"[bold]summitwatch pass[/] {s['run_id'][:8]} done in {s['seconds']}s -> {s['db_path']}",
        highlight=False,
    )
    table = Table(show_header=False, box=None)
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")  # versions are read whole, never cut with "…"
    rows = [
        ("feeds polled", s["feeds"]),
        ("  unchanged (304)", s["feeds_not_modified"]),
        ("  failed", len(s["feeds_failed"])),
        ("new entries", s["entries"]),
        ("  deferred to the next pass (cap)", s["entries_deferred"]),
        ("new articles", s["articles_new"]),
        ("  duplicates skipped", s["articles_duplicate"]),
        ("  not English (stored, unscored)", s["articles_not_english"]),
        ("entries without text", len(s["skipped"])),
        ("statements stored", s["statements"]),
        ("signals scored", s["signals"]),
        ("model", s["model_version"] or "(not loaded: nothing new)"),
        ("attributed by", s["attributed_by"] or "(nothing to read)"),
        ("new alerts", s["alerts_new"]),
        ("alert deliveries", f"{s['deliveries_ok']} ok, {len(s['deliveries_failed'])} pending"),
    ]
    for name, value in rows:
        table.add_row(name, str(value))
    out.print(table)
    for failed in s["feeds_failed"]:
        out.print(
            f"[yellow]feed failed[/] {failed['feed']}: {failed['problem']} "
            f"({failed['failures_in_a_row']} in a row)",
            highlight=False,
        )
    for skip in s["skipped"]:
        out.print(f"[yellow]skipped[/] {skip['entry']}: {skip['reason']}", highlight=False)
    for problem in s["deliveries_failed"]:
        out.print(f"[yellow]alert pending[/] {problem}", highlight=False)


@app.command()
def serve(
    cron: Annotated[
        str | None, typer.Option("--cron", help="Cron schedule, e.g. '*/15 * * * *'.")
    ] = None,
    interval: Annotated[
        int | None, typer.Option("--interval", min=60, help="Seconds between passes.")
    ] = None,
    db: DbOption = None,
    feeds: Annotated[Path | None, typer.Option("--feeds", help="Feeds TOML file.")] = None,
    name: Annotated[
        str, typer.Option("--name", help="Deployment name in Prefect.")
    ] = "summitwatch",
) -> None:
    """Run the monitoring pass on a Prefect schedule until stopped (Ctrl-C).

    Give exactly one of --cron or --interval. The flow runs on Prefect's serve,
    so runs, logs and artifacts show in the Prefect UI.
    """
    if (cron is None) == (interval is None):
        fail("give exactly one of --cron EXPR or --interval SECONDS", code=2)
    from flows.monitor import monitor

    params: dict[str, Any] = {"db_path": str(_db(db).resolve())}
    if feeds:
        params["feeds_file"] = str(feeds.resolve())
    err.print(
        f"serving flow 'monitor' as {name!r} ({'cron ' + cron if cron else f'every {interval}s'})"
    )
    monitor.serve(name=name, cron=cron, interval=interval, parameters=params)


@app.command()
def score(
    text: Annotated[list[str] | None, typer.Argument(help="Statements to score.")] = None,
    file: Annotated[
        Path | None, typer.Option("--file", help="A file of statements, one per line.")
    ] = None,
    as_json: JsonOption = False,
    model: Annotated[
        Path | None,
        typer.Option("--model", help="Artifact folder \\[default: the committed model]."),
    ] = None,
    backend: Annotated[
        str, typer.Option("--backend", help="auto, onnx (int8) or torch (fp32).")
    ] = "auto",
    batch_size: Annotated[int, typer.Option("--batch-size", min=1)] = 32,
) -> None:
    """Stance of ad-hoc statements: open, hostile or neutral, with probabilities.

    Example: summitwatch score "We are ready to meet without preconditions."
    """
    texts = list(text or [])
    if file is not None:
        if not file.exists():
            fail(f"no such file {file}", code=2)
        texts += [
            line.strip() for line in file.read_text(encoding="utf-8").splitlines() if line.strip()
        ]
    if not texts:
        fail("nothing to score: give TEXT arguments or --file PATH", code=2)
    from models.stance import StanceClassifier

    try:
        classifier = StanceClassifier.load(model, backend=backend)
    except _library_errors(ValueError) as exc:
        fail(str(exc))
    predictions = classifier.predictions(texts, batch_size=batch_size)
    if as_json:
        emit_json(
            [
                {"text": t, **p.as_dict(), "model_version": classifier.version}
                for t, p in zip(texts, predictions, strict=True)
            ]
        )
        return
    table = Table("label", "score", "conf", "statement")
    colours = {"open": "green", "hostile": "red", "neutral": "white"}
    for t, p in zip(texts, predictions, strict=True):
        table.add_row(
            f"[{colours[p.label]}]{p.label}[/]", f"{p.score:+.2f}", f"{p.confidence:.2f}", t
        )
    out.print(table)


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Argument(help="TSV with columns text and label (others ignored).")],
    as_json: JsonOption = False,
    model: Annotated[Path | None, typer.Option("--model", help="Artifact folder.")] = None,
    backend: Annotated[
        str, typer.Option("--backend", help="auto, onnx, onnx-dynamic or torch.")
    ] = "auto",
) -> None:
    """Accuracy, macro-F1, per-label precision/recall/F1 and the confusion matrix."""
    from models.data import read_tsv
    from models.evaluate import evaluate_examples, render
    from models.stance import StanceClassifier

    try:
        examples = read_tsv(gold)
        if not examples:
            fail(f"{gold} holds no rows to evaluate", code=2)
        classifier = StanceClassifier.load(model, backend=backend)
    except _library_errors() as exc:
        fail(str(exc))
    report = evaluate_examples(classifier, examples)
    if as_json:
        emit_json(report)
        return
    out.print(render(report), highlight=False)


@app.command()
def trends(
    actor: Annotated[
        str | None, typer.Option("--actor", help="Actor id (or side) from seeds/actors.toml.")
    ] = None,
    summit: Annotated[
        str | None, typer.Option("--summit", help="Summit id from seeds/summits.toml.")
    ] = None,
    since: Annotated[str | None, typer.Option("--since", help="First day, YYYY-MM-DD.")] = None,
    by: Annotated[str, typer.Option("--by", help="Group by actor or side.")] = "actor",
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Stance over time: daily confidence-weighted mean score per actor and summit."""
    from warehouse import db as wdb
    from warehouse import queries

    if by not in ("actor", "side"):
        fail(f"--by must be actor or side, got {by!r}", code=2)
    day = None
    if since:
        try:
            day = date.fromisoformat(since)
        except ValueError:
            fail(f"--since expects a date like 2025-08-21, got {since!r}", code=2)
    try:
        with wdb.reader(_db(db)) as con:
            rows = queries.trends(con, actor, summit, day, by)
    except _library_errors() as exc:
        fail(str(exc))
    if as_json:
        emit_json(rows)
        return
    _print_rows(rows, empty="no stance signals about a summit yet")


@app.command()
def alerts(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Alerts with the statements that drove them, newest first."""
    from warehouse import db as wdb
    from warehouse import queries

    try:
        with wdb.reader(_db(db)) as con:
            rows = queries.alerts_with_evidence(con)
    except _library_errors() as exc:
        fail(str(exc))
    if as_json:
        emit_json(rows)
        return
    if not rows:
        out.print("no alerts yet")
    for row in rows:
        out.print(
            f"[bold]{row['actor']}[/] on {row['summit']}: {row['direction']} "
            f"{row['previous_level']:+.2f} -> {row['current_level']:+.2f} "
            f"(window to {row['window_end']}; delivered: {row['delivered_at'] or 'pending'})",
            highlight=False,
        )
        for ev in row["evidence"]:
            out.print(f"   [{ev['score']:+.2f}] {ev['text']}  {ev['url']}", highlight=False)


@app.command()
def query(
    sql: Annotated[
        str, typer.Argument(help="SQL over articles, statements, signals, stance_daily, alerts.")
    ],
    db: DbOption = None,
    parquet: Annotated[
        Path | None,
        typer.Option(
            "--parquet", help="Query an exported Parquet store instead of the DuckDB file."
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Read-only SQL over the warehouse (or over its Parquet export with --parquet).

    Example: summitwatch query "select actor, label, score, text from signals" --json
    """
    import duckdb

    from warehouse import db as wdb
    from warehouse import parquet as pq
    from warehouse import queries

    try:
        if parquet is not None:
            with duckdb.connect() as con:
                pq.attach(con, parquet)
                rows = queries.rows_as_dicts(con.execute(sql))
        else:
            with wdb.reader(_db(db)) as con:
                rows = queries.user_query(con, sql)
    except _library_errors() as exc:
        fail(str(exc))
    except duckdb.Error as exc:
        fail(f"SQL error: {str(exc).splitlines()[0]}", code=2)
    if as_json:
        emit_json(rows)
        return
    _print_rows(rows, empty="(no rows)")


@app.command()
def export(
    parquet: Annotated[Path, typer.Option("--parquet", help="Folder for the Parquet partitions.")],
    db: DbOption = None,
) -> None:
    """Export the warehouse as Parquet (signals partitioned by summit and month).

    The store can live on shared storage and be queried by DuckDB, MotherDuck or
    `summitwatch query --parquet DIR SQL`: the path past one machine.
    """
    from warehouse import db as wdb
    from warehouse import parquet as pq

    try:
        with wdb.reader(_db(db)) as con:
            counts = pq.export(con, parquet)
    except _library_errors() as exc:
        fail(str(exc))
    err.print(f"exported to {parquet}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))


@app.command()
def report(
    out_file: Annotated[Path, typer.Option("--out", help="The HTML file to write.")],
    db: DbOption = None,
) -> None:
    """A self-contained HTML page: stance over time per actor and summit, alerts, evidence."""
    from flows.report import write_report

    try:
        path = write_report(_db(db), out_file)
    except _library_errors() as exc:
        fail(str(exc))
    err.print(f"wrote {path}")


@app.command()
def train(
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Artifact folder \\[default: models/artifact].")
    ] = None,
    base_model: Annotated[
        str | None,
        typer.Option(
            "--base-model",
            help="Encoder path or Hugging Face id \\[default: the bundled all-MiniLM-L6-v2].",
        ),
    ] = None,
    epochs: Annotated[int | None, typer.Option("--epochs", min=1)] = None,
) -> None:
    """Rebuild the stance model from models/data/stance/train_*.tsv (seeded, CPU).

    Writes the adapter, head, config and MODEL_CARD.md, then scores the dev split.
    """
    from dataclasses import replace

    from models.config import StanceConfig
    from models.train import train as run_training
    from models.train import write_card

    config = StanceConfig()
    if base_model:
        config = replace(config, base_model=base_model)
    if epochs:
        config = replace(config, epochs=epochs)
    from models.stance import ARTIFACT_DIR

    target = out_dir or ARTIFACT_DIR
    try:
        run_training(target, config, progress=lambda line: err.print(line, highlight=False))
        from models.evaluate import card_metrics

        metrics = card_metrics(target, progress=lambda line: err.print(line, highlight=False))
        card = write_card(target, metrics)
    except _library_errors(ValueError, OSError) as exc:
        fail(str(exc))
    err.print(f"model written to {target}; card: {card}")


@app.command("train-reader")
def train_reader(
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Reader folder \\[default: models/reader].")
    ] = None,
    folders: Annotated[
        list[Path] | None,
        typer.Option(
            "--from",
            help="Gold attribution folder to learn from (repeatable) "
            "\\[default: every tests/data/attribution/tune* folder].",
        ),
    ] = None,
    part: Annotated[
        ReaderPart,
        typer.Option(
            "--part",
            help="What to rebuild: the scorers (about 5 minutes on 2 cores), the "
            "meeting gate (about 45 minutes) or all.",
        ),
    ] = ReaderPart.all,
) -> None:
    """Rebuild the attribution reader from gold attribution folders (seeded, CPU).

    The reader re-decides each sentence's actor and summit among candidates the
    rules propose (its scorers), and drops the summit of a sentence its meeting
    gate, a fine-tuned MiniLM, reads as about no meeting at all. Held-out folders
    must never be passed here: they are the check. Then score it:
    python -m models.attribution_eval tests/data/attribution/heldout*
    """
    from models.reader import READER_DIR
    from models.reader import train_reader as run_training
    from models.reader_data import gold_choices, tuning_folders
    from models.topic import TOPIC_SUBDIR, train_topic

    chosen = folders or tuning_folders()
    held = [f for f in chosen if f.name.startswith("heldout")]
    if held:
        fail(f"{held[0]} is a held-out check; train on tune* folders only")
    missing = [f for f in chosen if not f.is_dir()]
    if missing:
        fail(f"{missing[0]} is not a folder of gold articles")
    target = out_dir or READER_DIR

    def say(line: str) -> None:
        err.print(line, highlight=False)

    try:
        if part in (ReaderPart.all, ReaderPart.scorers):
            data = gold_choices(chosen)
            say(
                f"{data.sentences} gold sentences from {len(chosen)} folders; "
                f"gold answer outside the candidates: {data.missed_actor} actors, "
                f"{data.missed_summit} summits"
            )
            run_training(data.choices, target, progress=say)
        if part in (ReaderPart.all, ReaderPart.gate):
            train_topic(chosen, target / TOPIC_SUBDIR, progress=say)
    except _library_errors(ValueError, OSError) as exc:
        fail(str(exc))
    err.print(f"reader written to {target}")


def _print_rows(rows: list[dict[str, Any]], empty: str) -> None:
    if not rows:
        out.print(empty)
        return
    table = Table(*rows[0].keys())
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row.values()))
    out.print(table)


if __name__ == "__main__":
    app()
