"""Actor and summit accuracy of the statement extractor on a gold attribution set.

Run: python -m models.attribution_eval tests/data/attribution/heldout*
Each gold sentence is matched to the extracted statement that overlaps it
most; the figures are the share of gold sentences whose actor (and summit)
that statement got right, nulls included.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from models.extract import Extractor, Statement
from models.gazetteer import load

if TYPE_CHECKING:
    from models.reader import Reader

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@dataclass(frozen=True)
class GoldSentence:
    """One labeled sentence and where it sits in the article text."""

    article: str
    text: str
    start: int
    end: int
    actor: str | None
    summit: str | None


@dataclass(frozen=True)
class GoldArticle:
    """An article of the set, its text rebuilt as FORMAT.md says."""

    id: str
    title: str | None
    published: date | None
    text: str
    sentences: list[GoldSentence]


def read_article(path: Path) -> GoldArticle:
    """One article file: sentences joined by a space, paragraphs by a blank line."""
    doc: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    pieces: list[str] = []
    gold: list[GoldSentence] = []
    cursor = 0
    for p_index, paragraph in enumerate(doc["paragraphs"]):
        if p_index:
            pieces.append("\n\n")
            cursor += 2
        for s_index, item in enumerate(paragraph):
            if s_index:
                pieces.append(" ")
                cursor += 1
            text = item["text"]
            gold.append(
                GoldSentence(
                    doc["id"],
                    text,
                    cursor,
                    cursor + len(text),
                    item.get("actor"),
                    item.get("summit"),
                )
            )
            pieces.append(text)
            cursor += len(text)
    published = date.fromisoformat(doc["published"]) if doc.get("published") else None
    return GoldArticle(doc["id"], doc.get("title"), published, "".join(pieces), gold)


def best_match(sentence: GoldSentence, statements: list[Statement]) -> Statement | None:
    """The extracted statement overlapping the gold sentence most."""
    best, best_overlap = None, 0
    for st in statements:
        overlap = min(st.char_end, sentence.end) - max(st.char_start, sentence.start)
        if overlap > best_overlap:
            best, best_overlap = st, overlap
    return best


def evaluate_set(folder: Path, seeds: Path = SEEDS, reader: Reader | None = None) -> dict[str, Any]:
    """Accuracy over every article of a set folder, with the errors listed.

    With a reader, the extractor runs as the product runs it (rules, then the
    learned reader); without one, the rules alone.
    """
    extractor = Extractor(load(seeds, extra=[folder]), reader)
    n = actor_ok = summit_ok = 0
    errors: list[dict[str, Any]] = []
    for path in sorted(folder.glob("*.json")):
        article = read_article(path)
        statements = extractor.extract(article.text, article.published, article.title)
        for gold in article.sentences:
            got = best_match(gold, statements)
            actor = got.actor if got else None
            summit = got.summit if got else None
            n += 1
            actor_ok += actor == gold.actor
            summit_ok += summit == gold.summit
            if actor != gold.actor or summit != gold.summit:
                errors.append(
                    {
                        "article": article.id,
                        "text": gold.text,
                        "actor": [gold.actor, actor],
                        "summit": [gold.summit, summit],
                    }
                )
    return {
        "set": folder.name,
        "n": n,
        "actor_accuracy": round(actor_ok / n, 4) if n else 0.0,
        "summit_accuracy": round(summit_ok / n, 4) if n else 0.0,
        "errors": errors,
    }


def main(argv: list[str] | None = None) -> int:
    """Print actor and summit accuracy for each set folder given."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path, help="attribution set folders")
    parser.add_argument("--errors", action="store_true", help="list every wrong sentence")
    parser.add_argument(
        "--rules-only", action="store_true", help="score the rules without the learned reader"
    )
    parser.add_argument(
        "--no-gate",
        action="store_true",
        help="score the reader without its meeting gate (what the gate adds)",
    )
    args = parser.parse_args(argv)
    reader = None
    if not args.rules_only:
        from models.reader import Reader

        reader = Reader.load()
        if args.no_gate:
            reader.gate = None
    for folder in args.folders:
        if not folder.is_dir():
            print(f"error: {folder} is not a folder of *.json articles", file=sys.stderr)
            return 2
        report = evaluate_set(folder, reader=reader)
        print(
            f"{report['set']}: n={report['n']}  actor accuracy={report['actor_accuracy']:.3f}  "
            f"summit accuracy={report['summit_accuracy']:.3f}"
        )
        if args.errors:
            for e in report["errors"]:
                print(
                    f"  [{e['article']}] actor {e['actor'][0]}->{e['actor'][1]} "
                    f"summit {e['summit'][0]}->{e['summit'][1]}: {e['text'][:110]}"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
