"""`summitwatch report`: one self-contained HTML page of stance over time.

Charts are Vega-Lite (altair) with the JavaScript inlined, so the page opens
offline with no CDN. Everything that came from a feed (titles, statements,
URLs) is HTML-escaped and kept out of the chart's script block; links are
only ever http(s).
"""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from warehouse import db as wdb
from warehouse import queries

SLUG = re.compile(r"[^\w.-]")

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:">
<title>summitwatch report</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1100px; color: #222; }}
h1 {{ margin-bottom: 0; }} .meta {{ color: #666; margin-top: .3rem; }}
table {{ border-collapse: collapse; width: 100%; margin: 1rem 0; }}
td, th {{ border-bottom: 1px solid #ddd; padding: .35rem .5rem; text-align: left; vertical-align: top; }}
.open {{ color: #1a7f37; }} .hostile {{ color: #c62828; }} .neutral {{ color: #555; }}
.alert {{ border-left: 4px solid #c62828; padding: .2rem .8rem; margin: 1rem 0; }}
.alert.toward_open {{ border-color: #1a7f37; }}
</style></head><body>
<h1>summitwatch report</h1>
<p class="meta">Generated {generated} from {db}. {n_signals} signals about a summit, {n_alerts} alerts.</p>
<h2>Stance over time</h2>
<p>Daily confidence-weighted mean score per actor (−1 hostile … +1 open); triangles mark alerts.</p>
{charts}
<h2>Alerts</h2>
{alerts}
<h2>Evidence: strongest recent statements</h2>
{evidence}
</body></html>
"""


def write_report(db_path: Path, out: Path, evidence_rows: int = 60) -> Path:
    """Write the report page; return its path."""
    with wdb.reader(db_path) as con:
        daily = queries.rows_as_dicts(
            con.execute(
                "SELECT actor, summit, CAST(day AS VARCHAR) AS day, n, mean_score FROM stance_daily "
                "ORDER BY summit, actor, day"
            )
        )
        alerts = queries.alerts_with_evidence(con)
        evidence = queries.rows_as_dicts(
            con.execute(
                """
            SELECT t.actor, t.summit, t.label, t.score, t.text, t.url, t.event_at, a.title
            FROM trend_signals t JOIN articles a USING (article_id)
            WHERE t.label <> 'neutral' ORDER BY t.event_at DESC, abs(t.score) DESC LIMIT ?
            """,
                [evidence_rows],
            )
        )
    page = PAGE.format(
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        db=html.escape(str(db_path)),
        n_signals=sum(r["n"] for r in daily),
        n_alerts=len(alerts),
        charts=_charts(daily, alerts),
        alerts=_alerts_html(alerts),
        evidence=_evidence_html(evidence),
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return out


def _charts(daily: list[dict[str, Any]], alerts: list[dict[str, Any]]) -> str:
    """One line chart per summit, as an inline Vega-Lite embed (SVG renderer)."""
    if not daily:
        return "<p>No signals about a summit yet: run <code>summitwatch run</code> first.</p>"
    import altair as alt

    charts = []
    for summit in sorted({r["summit"] for r in daily}):
        rows = [
            {
                **_safe(r, ("actor", "summit")),
                "day": r["day"],
                "n": r["n"],
                "level": round(r["mean_score"], 3),
            }
            for r in daily
            if r["summit"] == summit
        ]
        marks = [
            {
                "actor": _slug(a["actor"]),
                "day": str(a["window_end"])[:10],
                "level": a["current_level"],
                "direction": a["direction"],
            }
            for a in alerts
            if a["summit"] == summit
        ]
        base = alt.Chart(alt.Data(values=rows)).encode(
            x=alt.X("day:T", title="day"),
            y=alt.Y("level:Q", scale=alt.Scale(domain=[-1, 1]), title="stance"),
            color=alt.Color("actor:N"),
        )
        layer = base.mark_line(point=True).encode(tooltip=["actor:N", "day:T", "n:Q", "level:Q"])
        if marks:
            layer += (
                alt.Chart(alt.Data(values=marks))
                .mark_point(shape="triangle-up", size=160, filled=True, color="black")
                .encode(x="day:T", y="level:Q", tooltip=["actor:N", "direction:N", "day:T"])
            )
        charts.append(layer.properties(title=_slug(summit), width=900, height=260))
    spec = alt.vconcat(*charts)
    return spec.to_html(
        inline=True, fullhtml=False, embed_options={"renderer": "svg", "actions": False}
    )


def _alerts_html(alerts: list[dict[str, Any]]) -> str:
    if not alerts:
        return "<p>No alerts.</p>"
    parts = []
    for a in alerts:
        items = "".join(
            f"<li>[{ev['score']:+.2f}] {html.escape(ev['text'])} {_link(ev['url'])}</li>"
            for ev in a["evidence"]
        )
        parts.append(
            f'<div class="alert {html.escape(a["direction"])}"><strong>{html.escape(a["actor"])}</strong> '
            f"on {html.escape(a['summit'])}: {html.escape(a['direction'])} "
            f"{a['previous_level']:+.2f} → {a['current_level']:+.2f} "
            f"(window {html.escape(str(a['window_start']))} – {html.escape(str(a['window_end']))})"
            f"<ul>{items}</ul></div>"
        )
    return "\n".join(parts)


def _evidence_html(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "<p>No open or hostile statements yet.</p>"
    body = "".join(
        f"<tr><td>{html.escape(str(r['event_at'])[:16])}</td><td>{html.escape(r['actor'])}</td>"
        f'<td>{html.escape(r["summit"])}</td><td class="{html.escape(r["label"])}">'
        f"{html.escape(r['label'])} {r['score']:+.2f}</td><td>{html.escape(r['text'])} "
        f"{_link(r['url'])}<br><small>{html.escape(r['title'] or '')}</small></td></tr>"
        for r in rows
    )
    return (
        "<table><tr><th>when</th><th>actor</th><th>summit</th><th>stance</th>"
        f"<th>statement</th></tr>{body}</table>"
    )


def _link(url: str | None) -> str:
    """A link only for http(s) URLs; anything else is shown as text."""
    if url and urlparse(url).scheme in ("http", "https"):
        return f'<a href="{html.escape(url, quote=True)}" rel="noopener noreferrer">source</a>'
    return html.escape(url or "")


def _slug(value: str) -> str:
    """Ids in the chart's script block carry no markup characters."""
    return SLUG.sub("_", value)


def _safe(row: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    return {k: _slug(str(row[k])) for k in keys}
