"""The monitoring pass as a Prefect flow: a task per stage of the data's path.

fetch -> articles -> statements -> stance -> store -> shifts -> alerts

Each article is written with its statements and scores in one transaction,
so a crash loses at most the article in flight and a rerun adds nothing twice.
The model is loaded only when there is something new to score.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task, unmapped
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NO_CACHE

from flows import alerts as delivery
from flows.articles import Article, Skip, build_article, canonical_url, looks_english
from flows.feeds import Entry, FeedResult, FeedSource, cap_entries, load_feeds, poll
from flows.settings import FetchSettings, Settings, load_settings
from models.extract import Extractor, Statement
from models.gazetteer import load as load_gazetteer
from warehouse import db, queries, writes
from warehouse.ids import article_id, statement_id
from warehouse.rows import ArticleBundle, ArticleRow, ScoreRow, StatementRow
from warehouse.shifts import ShiftSettings, detect

FAILING_RUNS_WARNING = 3


@dataclass
class RunSummary:
    """What one pass did, as printed by the CLI and stored in `runs`."""

    run_id: str
    db_path: str
    feeds: int = 0
    feeds_failed: list[dict[str, Any]] = field(default_factory=list)
    feeds_not_modified: int = 0
    entries: int = 0
    entries_deferred: int = 0
    articles_new: int = 0
    articles_duplicate: int = 0
    articles_not_english: int = 0
    skipped: list[dict[str, str]] = field(default_factory=list)
    statements: int = 0
    signals: int = 0
    score_chunks: int = 0
    model_version: str | None = None
    attributed_by: str | None = None
    alerts_new: int = 0
    deliveries_ok: int = 0
    deliveries_failed: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready summary."""
        return asdict(self)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@task(name="fetch", cache_policy=NO_CACHE)
def fetch_feed(
    source: FeedSource, settings: FetchSettings, etag: str | None, modified: str | None
) -> FeedResult:
    """Poll one feed; a broken feed comes back flagged, never raised."""
    return poll(source, settings, etag, modified)


@task(name="articles", cache_policy=NO_CACHE)
def build_articles(
    con: Any, results: list[FeedResult], settings: FetchSettings, summary: RunSummary
) -> list[Article]:
    """New articles from the polled entries, deduplicated by URL and by text."""
    fresh: list[Article] = []
    seen_ids: set[str] = set()
    seen_hashes: set[str] = set()
    for result in results:
        for entry in result.entries:
            made = build_article(entry, settings)
            if isinstance(made, Skip):
                summary.skipped.append(
                    {"feed": made.feed_url, "entry": made.entry, "reason": made.reason}
                )
                continue
            duplicate = (
                made.article_id in seen_ids
                or made.text_hash in seen_hashes
                or writes.known_article(con, made.article_id, made.text_hash)
            )
            if duplicate:
                summary.articles_duplicate += 1
                continue
            seen_ids.add(made.article_id)
            seen_hashes.add(made.text_hash)
            fresh.append(made)
    return fresh


@task(name="statements", cache_policy=NO_CACHE)
def extract_statements(
    articles: list[Article], seeds_dir: Path, summary: RunSummary, attribution: str = "reader"
) -> dict[str, list[Statement]]:
    """Attributed statements of each English article; others are stored unscored.

    The reader (a model) is loaded once per process, and only when there are
    articles to read.
    """
    if not articles:
        return {}
    reader = None
    if attribution == "reader" and any(looks_english(a.language) for a in articles):
        from models.reader import shared

        reader = shared()
    extractor = Extractor(load_gazetteer(seeds_dir), reader)
    summary.attributed_by = extractor.attributed_by
    out: dict[str, list[Statement]] = {}
    for article in articles:
        if not looks_english(article.language):
            summary.articles_not_english += 1
            out[article.article_id] = []
            continue
        day = article.published_at.date() if article.published_at else None
        out[article.article_id] = extractor.extract(article.text, day, article.title)
    return out


@task(name="stance", cache_policy=NO_CACHE)
def score_chunk(
    texts: list[str], model_dir: Path | None, batch_size: int, backend: str = "auto"
) -> tuple[str, list[Any]]:
    """Stance of one chunk of statements, in whichever process runs the task.

    The model is loaded once per process (a Dask worker keeps it between chunks).
    """
    from models.stance import shared

    classifier = shared(model_dir, backend)
    return classifier.version, classifier.predictions(texts, batch_size=batch_size)


def score_statements(
    statements: dict[str, list[Statement]], settings: Settings, summary: RunSummary
) -> tuple[str | None, dict[str, list[Any]]]:
    """Stance of every new statement; the model is loaded only if there are any.

    On one machine it is one task; with a Dask cluster the statements fan out in
    chunks over the workers.
    """
    texts = [s.text for items in statements.values() for s in items]
    if not texts:
        return None, {}
    size = settings.score_chunk if settings.dask_address else len(texts)
    chunks = [texts[i : i + size] for i in range(0, len(texts), size)]
    summary.score_chunks = len(chunks)
    futures = score_chunk.map(
        chunks,
        unmapped(settings.model_dir),
        unmapped(settings.batch_size),
        unmapped(settings.backend),
    )
    results = [f.result() for f in futures]
    versions = {version for version, _ in results}
    if len(versions) != 1:
        raise RuntimeError(
            f"workers scored with different models {sorted(versions)}; "
            "give every worker the same SUMMITWATCH_MODEL"
        )
    predictions = iter([p for _, chunk in results for p in chunk])
    return versions.pop(), {
        aid: [next(predictions) for _ in items] for aid, items in statements.items()
    }


@task(name="store", cache_policy=NO_CACHE)
def store(
    con: Any,
    articles: list[Article],
    statements: dict[str, list[Statement]],
    version: str | None,
    predictions: dict[str, list[Any]],
    summary: RunSummary,
) -> None:
    """Write each article with its statements and scores in one transaction."""
    scored_at = _now()
    for article in articles:
        bundle = _bundle(
            article,
            statements.get(article.article_id, []),
            version,
            predictions.get(article.article_id, []),
            scored_at,
        )
        writes.write_bundle(con, bundle)
        summary.articles_new += 1
        summary.statements += len(bundle.statements)
        summary.signals += len(bundle.scores)


@task(name="shifts", cache_policy=NO_CACHE)
def detect_shifts(
    con: Any, settings: ShiftSettings, channels: list[str], since: datetime | None
) -> int:
    """New alerts for pairs that gained signals; deterministic ids make reruns add none."""
    created = 0
    for actor, summit in queries.pairs_with_signals_since(con, since):
        last = queries.last_alert(con, actor, summit)
        points = queries.points(con, actor, summit)
        for shift in detect(
            actor, summit, points, settings, last=last, since=last.window_end if last else None
        ):
            if queries.insert_alert(con, shift, _now(), channels):
                created += 1
    return created


@task(name="alerts", cache_policy=NO_CACHE)
def deliver_alerts(con: Any, settings: Settings) -> delivery.DeliveryReport:
    """Send pending alerts to every channel; failures stay pending."""
    return delivery.deliver(con, settings.alerts)


@flow(name="monitor")
def monitor(
    db_path: str | None = None,
    feeds_file: str | None = None,
    feed_urls: list[str] | None = None,
    config_file: str | None = None,
    threshold: float | None = None,
    dask_address: str | None = None,
) -> dict[str, Any]:
    """One monitoring pass: fetch, extract, score, store, detect shifts, deliver alerts."""
    settings = load_settings(
        Path(config_file) if config_file else None,
        db_path=Path(db_path) if db_path else None,
        feeds_file=Path(feeds_file) if feeds_file else None,
        feed_urls=tuple(feed_urls) if feed_urls else None,
        dask_address=dask_address,
    )
    if threshold is not None:
        settings = replace(settings, shifts=replace(settings.shifts, threshold=threshold))
    return run_pass(settings).as_dict()


def sources_of(settings: Settings) -> list[FeedSource]:
    """--feed URLs when given, else the enabled feeds of the feeds file."""
    if settings.feed_urls:
        return [FeedSource(name=url, url=url) for url in settings.feed_urls]
    return load_feeds(settings.feeds_file)


def run_pass(settings: Settings) -> RunSummary:
    """The pass's body, inside the flow; split out so it reads top to bottom."""
    logger = get_run_logger()
    started = time.perf_counter()
    sources = sources_of(settings)
    summary = RunSummary(
        run_id=str(uuid.uuid4()), db_path=str(settings.db_path), feeds=len(sources)
    )
    with db.writer(settings.db_path, settings.lock_wait) as con:
        writes.start_run(con, summary.run_id, _now())
        before = _latest_scored(con)
        results = _poll_all(con, sources, settings)
        summary.entries = sum(len(r.entries) for r in results)
        summary.entries_deferred = sum(r.deferred for r in results)
        articles = build_articles(con, results, settings.fetch, summary)
        statements = extract_statements(articles, settings.seeds_dir, summary, settings.attribution)
        version, predictions = score_statements(statements, settings, summary)
        summary.model_version = version
        store(con, articles, statements, version, predictions, summary)
        # Validators are saved only now: a pass killed before this point polls the
        # feed in full again, and dedupe skips what was already stored.
        _record_polls(con, results, summary, logger)
        summary.alerts_new = detect_shifts(con, settings.shifts, settings.alerts.channels(), before)
        report = deliver_alerts(con, settings)
        summary.deliveries_ok = report.delivered
        summary.deliveries_failed = report.errors
        summary.seconds = round(time.perf_counter() - started, 2)
        writes.finish_run(con, summary.run_id, _now(), summary.as_dict())
        _publish_artifacts(con, summary)
    logger.info(
        "pass done: %d feeds, %d new articles, %d signals, %d new alerts",
        summary.feeds,
        summary.articles_new,
        summary.signals,
        summary.alerts_new,
    )
    return summary


def _poll_all(con: Any, sources: list[FeedSource], settings: Settings) -> list[FeedResult]:
    """Fetch every feed concurrently, each with the validators of its last good poll."""
    futures = []
    for source in sources:
        etag, modified = writes.feed_state(con, source.url)
        futures.append(fetch_feed.submit(source, settings.fetch, etag, modified))
    return [
        cap_entries(f.result(), settings.fetch.max_entries, lambda e: _seen(con, e))
        for f in futures
    ]


def _record_polls(con: Any, results: list[FeedResult], summary: RunSummary, logger: Any) -> None:
    """Each feed's status, problem and validators; a feed failing run after run says so."""
    for result in results:
        failures = writes.record_poll(
            con,
            run_id=summary.run_id,
            feed_url=result.source.url,
            name=result.source.name,
            polled_at=_now(),
            status=result.status,
            problem=result.problem,
            n_entries=len(result.entries),
            etag=result.etag,
            last_modified=result.last_modified,
        )
        if result.not_modified:
            summary.feeds_not_modified += 1
        if result.problem:
            summary.feeds_failed.append(
                {
                    "feed": result.source.name,
                    "url": result.source.url,
                    "status": result.status,
                    "problem": result.problem,
                    "failures_in_a_row": failures,
                }
            )
            level = logger.error if failures >= FAILING_RUNS_WARNING else logger.warning
            level(
                "feed %s: %s (%d failed polls in a row)",
                result.source.url,
                result.problem,
                failures,
            )


def _seen(con: Any, entry: Entry) -> bool:
    """Whether an entry's page is stored already (by canonical URL; text is checked later)."""
    if not entry.link:
        return False
    return writes.known_article(con, article_id(canonical_url(entry.link)), "")


def _bundle(
    article: Article,
    statements: Iterable[Statement],
    version: str | None,
    predictions: list[Any],
    scored_at: datetime,
) -> ArticleBundle:
    row = ArticleRow(
        article.article_id,
        article.url,
        article.title,
        article.source,
        article.published_at,
        article.fetched_at,
        article.text_hash,
        article.text,
        article.language,
    )
    bundle = ArticleBundle(row)
    items = list(statements)
    paired = predictions if predictions else [None] * len(items)
    for statement, prediction in zip(items, paired, strict=True):
        sid = statement_id(article.article_id, statement.char_start, statement.text)
        bundle.statements.append(
            StatementRow(
                sid,
                article.article_id,
                statement.seq,
                statement.text,
                statement.char_start,
                statement.char_end,
                statement.actor,
                statement.side,
                statement.summit,
                statement.is_quote,
                statement.attributed_by,
            )
        )
        if prediction is not None and version is not None:
            bundle.scores.append(
                ScoreRow(
                    sid,
                    version,
                    prediction.label,
                    prediction.p_open,
                    prediction.p_hostile,
                    prediction.p_neutral,
                    scored_at,
                )
            )
    return bundle


def _latest_scored(con: Any) -> datetime | None:
    row = con.execute("SELECT max(scored_at) FROM scores").fetchone()
    return row[0] if row else None


def _publish_artifacts(con: Any, summary: RunSummary) -> None:
    """Tables in the Prefect UI: the latest stance per actor and summit, and new alerts."""
    latest = queries.rows_as_dicts(
        con.execute(
            """
        SELECT actor, summit, max(event_at) AS last_seen, count(*) AS n,
               round(sum(score * confidence) / nullif(sum(confidence), 0), 3) AS level
        FROM trend_signals GROUP BY ALL ORDER BY summit, actor
        """
        )
    )
    create_table_artifact(
        key="latest-stance",
        table=[{k: str(v) for k, v in r.items()} for r in latest],
        description="Confidence-weighted stance per actor and summit over all stored signals",
    )
    if summary.alerts_new:
        new = queries.rows_as_dicts(
            con.execute(
                "SELECT actor, summit, direction, previous_level, current_level, shift, window_end "
                "FROM alerts ORDER BY created_at DESC LIMIT ?",
                [summary.alerts_new],
            )
        )
        create_table_artifact(
            key="new-alerts",
            table=[{k: str(v) for k, v in r.items()} for r in new],
            description=f"Alerts raised by run {summary.run_id}",
        )


def monitor_on(dask_address: str | None) -> Any:
    """The monitor flow, its tasks run on a Dask cluster when an address is given.

    Past one machine, scoring fans out over the cluster's workers through
    prefect-dask; nothing else changes (the warehouse stays with this process).
    """
    if not dask_address:
        return monitor
    from prefect_dask import DaskTaskRunner

    # prefect-dask's runner is a TaskRunner; its generic parameters do not line up in the stubs
    return monitor.with_options(task_runner=DaskTaskRunner(address=dask_address))  # type: ignore[arg-type]
