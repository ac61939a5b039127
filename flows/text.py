"""Text out of markup: one line per block, boilerplate lines dropped.

Feed content, titles and extracted pages all pass through here, so script,
style and tags never reach a statement or a title.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

# Whole lines that news sites insert into article bodies; never statements.
BOILERPLATE = re.compile(
    r"^\s*(?:story continues below(?: this advertisement)?|advertisement|check out here|"
    r"read more|subscribe(?: now)?|click here.*|share this article|also read:?.*|"
    r"continue reading(?: below)?)\s*$",
    re.IGNORECASE,
)


BLOCKS = {
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "tr",
    "section",
    "article",
}


def html_to_text(html: str) -> str:
    """Readable text of an HTML fragment: one line per block element, boilerplate dropped."""
    if not html.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return clean_text(html)
    for bad in root.xpath("//script|//style|//noscript|//iframe"):
        bad.drop_tree()
    parts: list[str] = []
    for node in root.iter():
        if node.tag in BLOCKS:
            parts.append("\n")
        if node.text and node.tag not in ("script", "style"):
            parts.append(node.text)
        if node.tail:
            parts.append(node.tail)
    return clean_text("".join(parts))


def clean_text(text: str) -> str:
    """Fold spaces, keep line breaks as paragraph marks, drop boilerplate lines."""
    lines = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = re.sub(r"[ \t\u00a0]+", " ", line).strip()
        if line and not BOILERPLATE.match(line):
            lines.append(line)
    return "\n".join(lines)
