"""Rebuild seeds/feeds/seed.xml from the seed article kept as received.

Run: python seeds/build_seed_feed.py
The feed's one entry carries the whole article text, one <p> per line, so
the pipeline reads exactly the words we received.
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import format_datetime
from html import escape
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARTICLE = HERE / "articles" / "000_f84fba155147f3f3.txt"
FEED = HERE / "feeds" / "seed.xml"
TITLE = "Trump’s push for Putin-Zelenskyy talks puts Kremlin in a bind"
LINK = "https://seed.summitwatch.invalid/articles/000_f84fba155147f3f3"
PUBLISHED = datetime(2025, 8, 21, 9, 0, tzinfo=UTC)


def build() -> str:
    """The RSS 2.0 document for the seed article."""
    text = ARTICLE.read_text(encoding="utf-8")
    paragraphs = "".join(
        f"<p>{escape(line, quote=False)}</p>\n" for line in text.splitlines() if line.strip()
    )
    summary = escape(text.splitlines()[0], quote=False)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
<title>summitwatch seed feed</title>
<link>https://seed.summitwatch.invalid/</link>
<description>The seed article of summitwatch, exactly as received (machine-paraphrased news text).</description>
<language>en</language>
<item>
<title>{escape(TITLE, quote=False)}</title>
<link>{LINK}</link>
<guid isPermaLink="false">seed-000_f84fba155147f3f3</guid>
<pubDate>{format_datetime(PUBLISHED)}</pubDate>
<description>{summary}</description>
<content:encoded><![CDATA[{paragraphs}]]></content:encoded>
</item>
</channel>
</rss>
"""


if __name__ == "__main__":
    FEED.parent.mkdir(parents=True, exist_ok=True)
    FEED.write_text(build(), encoding="utf-8")
    print(f"wrote {FEED}")
