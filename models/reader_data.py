"""Training choices for the reader, made from gold attribution folders.

Each gold sentence gives two choices (its actor, its summit) built exactly as
the extractor builds them at run time, with the rules' reading as the hint;
the gold answer's index among the options is the target. A sentence whose gold
answer is not among the options teaches nothing and is counted as missed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from models.attribution_eval import SEEDS, best_match, read_article
from models.candidates import Choice, RuleReading, actor_choices, summit_choices
from models.extract import Extractor
from models.gazetteer import load

ATTRIBUTION_DIR = Path(__file__).resolve().parent.parent / "tests" / "data" / "attribution"


@dataclass
class ChoiceSet:
    """Choices with their gold index, and how many gold answers the options missed."""

    choices: list[tuple[Choice, int]]
    sentences: int = 0
    missed_actor: int = 0
    missed_summit: int = 0


def tuning_folders(root: Path = ATTRIBUTION_DIR) -> list[Path]:
    """The folders the reader may learn from: every `tune*` set, never `heldout*`."""
    return sorted(p for p in root.glob("tune*") if p.is_dir())


def gold_choices(folders: list[Path], seeds: Path = SEEDS) -> ChoiceSet:
    """Every gold sentence of the folders as an actor and a summit choice."""
    out = ChoiceSet([])
    for folder in folders:
        gaz = load(seeds, extra=[folder])
        extractor = Extractor(gaz)
        for path in sorted(folder.glob("*.json")):
            article = read_article(path)
            statements = extractor.extract(article.text, article.published, article.title)
            readings = []
            for gold in article.sentences:
                got = best_match(gold, statements)
                readings.append(
                    RuleReading(gold.text, got.actor if got else None, got.summit if got else None)
                )
            actors = [g.actor for g in article.sentences]
            summits = [g.summit for g in article.sentences]
            out.sentences += len(readings)
            for choice, gold_actor in zip(
                actor_choices(gaz, readings, article.title, article.published), actors, strict=True
            ):
                if gold_actor in choice.options:
                    out.choices.append((choice, choice.options.index(gold_actor)))
                else:
                    out.missed_actor += 1
            for choice, gold_summit in zip(
                summit_choices(gaz, readings, article.title, article.published, actors),
                summits,
                strict=True,
            ):
                if gold_summit in choice.options:
                    out.choices.append((choice, choice.options.index(gold_summit)))
                else:
                    out.missed_summit += 1
    return out
