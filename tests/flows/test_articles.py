"""From entries to articles: full text, linked pages, canonical URLs, skips."""

from __future__ import annotations

from datetime import datetime

from flows.articles import Skip, build_article, canonical_url, detect_language, looks_english
from flows.feeds import Entry
from flows.settings import FetchSettings
from flows.text import html_to_text
from tests.conftest import FeedServer, Route

NEWS_PAGE = """<html><head><title>Kremlin cool on summit | Daily Wire</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> Subscribe to our newsletter</nav>
<article><h1>Kremlin cool on summit</h1>
<p>Kremlin spokesman Dmitry Peskov said on Thursday that contacts at the highest level
must be prepared with the utmost care, a formula Moscow uses to put off a meeting.</p>
<p>Ukrainian President Volodymyr Zelenskyy has said he is ready to meet Vladimir Putin
in any format, and European leaders have urged both sides to agree on a date.</p>
<p>Analysts said the gap between the two positions remained wide after the Alaska summit.</p>
</article>
<footer>Copyright Daily Wire. All rights reserved. Cookie settings.</footer>
</body></html>"""


def entry(**kw: object) -> Entry:
    base: dict[str, object] = {
        "feed_url": "http://f",
        "source": "f",
        "entry_id": "1",
        "title": "T",
        "link": None,
        "published": datetime(2025, 8, 21, 9),
        "content_html": None,
        "summary_html": None,
    }
    base.update(kw)
    return Entry(**base)  # type: ignore[arg-type]


def test_full_text_in_the_entry_is_used_as_it_is() -> None:
    text = "Putin rejected a meeting. " * 30
    made = build_article(
        entry(content_html=f"<p>{text}</p>", link="https://w.example/a"), FetchSettings()
    )
    assert not isinstance(made, Skip)
    assert made.text == text.strip()


def test_a_summary_only_entry_gets_the_linked_pages_main_text(feed_server: FeedServer) -> None:
    feed_server.routes["/story"] = Route(
        NEWS_PAGE.encode(), content_type="text/html; charset=utf-8"
    )
    made = build_article(
        entry(summary_html="Short.", link=feed_server.url("/story")), FetchSettings()
    )
    assert not isinstance(made, Skip)
    assert "prepared with the utmost care" in made.text
    assert "Cookie settings" not in made.text and "Subscribe to our newsletter" not in made.text


def test_an_entry_with_no_text_and_a_dead_link_is_skipped_with_a_reason(
    feed_server: FeedServer,
) -> None:
    made = build_article(entry(link=feed_server.url("/gone")), FetchSettings(retries=0))
    assert isinstance(made, Skip)
    assert "404" in made.reason


def test_an_entry_with_nothing_at_all_is_skipped() -> None:
    made = build_article(entry(), FetchSettings())
    assert isinstance(made, Skip) and "no text" in made.reason


def test_tracking_parameters_and_fragments_do_not_make_a_new_article() -> None:
    assert canonical_url("https://WIRE.example/a?utm_source=rss&id=3#top") == canonical_url(
        "https://wire.example/a?id=3"
    )


def test_a_future_date_falls_back_to_the_fetch_time() -> None:
    made = build_article(
        entry(content_html="<p>" + "Talks. " * 80 + "</p>", published=datetime(2031, 1, 1)),
        FetchSettings(),
        fetched_at=datetime(2025, 8, 21),
    )
    assert not isinstance(made, Skip) and made.published_at is None


def test_markup_script_and_boilerplate_never_reach_the_text() -> None:
    html = "<p>One <b>bold</b> claim.</p><script>alert(1)</script><p>STORY CONTINUES BELOW THIS ADVERTISEMENT</p><p>Two.</p>"
    assert html_to_text(html) == "One bold claim.\nTwo."


def test_the_language_is_recorded_from_the_text() -> None:
    assert (
        detect_language("The president said that he would meet his counterpart for talks.", "de")
        == "en"
    )
    assert (
        detect_language("Президент заявил, что готов к встрече с коллегой на переговорах.", "en")
        == "ru"
    )
    assert (
        detect_language("Le président a déclaré qu'il était prêt à rencontrer son homologue.", None)
        == "fr"
    )
    assert detect_language("Kurz.", "de") == "de"


def test_only_english_is_scored_by_the_english_model() -> None:
    assert looks_english("en") and looks_english(None)
    assert not looks_english("ru")
