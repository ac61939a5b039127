"""The reader's meeting gate: does a sentence, read in its article, concern a meeting?

Most of the reader's summit errors (30 of 41 in cross-validation on tuning
folders) were background sentences of a summit story, such as refugee numbers,
a side meeting with a third party or an interview's closing line, given the
article's summit where FORMAT.md (and a careful reader) says "no summit". The
reader's scorers see a sentence only through frozen encoder states; this gate
is MiniLM fine-tuned (LoRA, `models.finetune`) on that one question, over the
tuning sentences in the context the reader reads them in (the sentence, the two
before it, the headline). When it is confident a sentence concerns no meeting,
the reader's summit is dropped (`Reader.gated`; the extractor keeps a broker's
summit, see `Extractor._reread`).

It is trained with the reader (`summitwatch train-reader`) on `tune*` folders
only, and saved in the reader's folder, so the reader's version covers it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from models.attribution_eval import read_article
from models.candidates import context_text
from models.config import TuneConfig
from models.finetune import TUNED_FILES, Progress, fine_tune, load_tuned, save_tuned

LOGGER = logging.getLogger(__name__)
TOPIC_SUBDIR = "topic"  # inside the reader's folder
TOPIC_FILES = tuple(f"{TOPIC_SUBDIR}/{name}" for name in TUNED_FILES)


@dataclass
class TopicConfig(TuneConfig):
    """The gate's training settings and the confidence it needs to drop a summit."""

    epochs: int = 3
    # Below this probability of "concerns a meeting" the summit is dropped. Chosen by
    # cross-validation on tune folders only (gate and scorers trained without tune_m
    # and tune_n, then without tune_g and tune_h): summit accuracy on the left-out
    # folders rose 0.900 -> 0.918 and 0.832 -> 0.864 at 0.1, at most that at 0.2-0.5.
    threshold: float = 0.1

    def __post_init__(self) -> None:
        super().__post_init__()
        if not 0.0 <= self.threshold <= 1.0:
            raise ValueError(f"threshold must be in [0, 1], got {self.threshold}")


def topic_examples(folders: Iterable[Path]) -> tuple[list[str], list[int]]:
    """Every gold sentence in context, labelled 1 when its gold summit is set."""
    texts: list[str] = []
    labels: list[int] = []
    for folder in folders:
        for path in sorted(folder.glob("*.json")):
            article = read_article(path)
            said = [gold.text for gold in article.sentences]
            for i, gold in enumerate(article.sentences):
                texts.append(context_text(gold.text, said[:i], article.title))
                labels.append(int(gold.summit is not None))
    return texts, labels


def train_topic(
    folders: Iterable[Path],
    out_dir: Path,
    config: TopicConfig | None = None,
    progress: Progress | None = None,
) -> Path:
    """Fine-tune the gate on the folders' sentences and write it to `out_dir`."""
    config = config or TopicConfig()
    say = progress or (lambda line: LOGGER.info("%s", line))
    texts, labels = topic_examples(folders)
    if not texts:
        raise ValueError("no training sentences: the attribution folders hold no articles")
    started = time.perf_counter()
    say(f"meeting gate: {len(texts)} sentences, {sum(labels)} about a meeting")
    encoder, net = fine_tune(texts, labels, 2, config, lambda line: say(f"meeting gate: {line}"))
    save_tuned(encoder, net, config, out_dir)
    say(f"meeting gate trained in {time.perf_counter() - started:.0f}s -> {out_dir}")
    return out_dir


class TopicGate:
    """A trained gate; the reader loads it once with its scorers."""

    def __init__(self, net: Any, tokenizer: Any, config: TopicConfig) -> None:
        self.net = net
        self.tokenizer = tokenizer
        self.config = config

    @classmethod
    def load(cls, directory: Path) -> TopicGate:
        """The gate saved in `directory` (the reader's `topic/` folder)."""
        config = TopicConfig.load(directory / "config.json")
        net, tokenizer = load_tuned(directory, config.base_model, 2)
        return cls(net, tokenizer, config)

    def concerns(self, contexts: Sequence[str], batch: int = 32) -> dict[str, float]:
        """P(the sentence concerns a meeting) for each sentence-in-context."""
        import torch

        ordered = sorted(set(contexts), key=len)
        found: dict[str, float] = {}
        with torch.inference_mode():
            for begin in range(0, len(ordered), batch):
                part = ordered[begin : begin + batch]
                enc = self.tokenizer(
                    part,
                    padding=True,
                    truncation=True,
                    max_length=self.config.max_length,
                    return_tensors="pt",
                )
                logits = self.net(enc["input_ids"], enc["attention_mask"])
                found.update(zip(part, torch.softmax(logits, dim=-1)[:, 1].tolist(), strict=True))
        return found

    def about_no_meeting(self, contexts: Sequence[str]) -> set[str]:
        """The contexts whose sentence the gate is confident concerns no meeting."""
        return {c for c, p in self.concerns(contexts).items() if p < self.config.threshold}
