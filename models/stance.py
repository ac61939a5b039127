"""The stance classifier: load once, score batches of statements fast on a CPU.

The committed artifact is small (a LoRA adapter and a linear head). At load
the adapter is merged into the encoder; the fast path exports that merged
network once to ONNX, quantises it to int8 and caches it per model version, so
later processes start from the cache.
"""

from __future__ import annotations

import functools
import logging
import os
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from models.config import StanceConfig, files_digest
from models.errors import NoModel
from models.finetune import TUNED_FILES, load_tuned
from models.labels import LABELS

LOGGER = logging.getLogger(__name__)
ARTIFACT_DIR = Path(__file__).resolve().parent / "artifact"
BACKENDS = ("auto", "onnx", "onnx-dynamic", "torch")
ARTIFACT_FILES = TUNED_FILES


@dataclass(frozen=True)
class Prediction:
    """One statement's stance, with the figures DESIGN.md stores."""

    label: str
    p_open: float
    p_hostile: float
    p_neutral: float

    @property
    def score(self) -> float:
        """P(open) - P(hostile)."""
        return self.p_open - self.p_hostile

    @property
    def confidence(self) -> float:
        """The winning probability."""
        return max(self.p_open, self.p_hostile, self.p_neutral)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready figures, rounded for reading."""
        return {
            "label": self.label,
            "p_open": round(self.p_open, 4),
            "p_hostile": round(self.p_hostile, 4),
            "p_neutral": round(self.p_neutral, 4),
            "score": round(self.score, 4),
            "confidence": round(self.confidence, 4),
        }


def artifact_version(directory: Path) -> str:
    """`<base>-lora-<hash>`: the hash of the artifact files, stamped on every signal."""
    config = StanceConfig.load(directory / "config.json")
    base = Path(config.base_model).name.replace("gt-", "").replace("_", "-")
    return f"{base}-lora-{files_digest(directory, ARTIFACT_FILES)}"


def cache_dir() -> Path:
    """Where exported ONNX models are kept: SUMMITWATCH_CACHE or ~/.cache/summitwatch."""
    return Path(os.environ.get("SUMMITWATCH_CACHE", Path.home() / ".cache" / "summitwatch"))


class StanceClassifier:
    """Stance of statements toward a summit: open, hostile or neutral.

    Example:
        >>> clf = StanceClassifier.load()  # doctest: +SKIP
        >>> clf.predict(["We are ready to meet without conditions."])  # doctest: +SKIP
        ['open']
    """

    def __init__(self, config: StanceConfig, version: str, tokenizer: Any, runner: Any) -> None:
        self.config = config
        self.version = version
        self.tokenizer = tokenizer
        self._runner = runner

    @classmethod
    def load(cls, directory: Path | None = None, backend: str = "auto") -> StanceClassifier:
        """Load a trained artifact.

        Args:
            directory: the artifact folder; the committed one by default.
            backend: "onnx" (int8, statically calibrated: a statement's score never
                depends on its batch), "onnx-dynamic" (int8 with per-batch activation
                scales: about 1.4x faster, but a score moves by up to a few hundredths
                with its batch neighbours, so use it for bulk ad-hoc scoring only),
                "torch" (fp32), or "auto": onnx when onnxruntime is installed and
                the CPU multiplies int8 natively (VNNI, or not x86), else torch.

        Raises:
            NoModel: the folder lacks an artifact file.
        """
        directory = directory or Path(os.environ.get("SUMMITWATCH_MODEL", ARTIFACT_DIR))
        missing = [n for n in ARTIFACT_FILES if not (directory / n).exists()]
        if missing:
            raise NoModel(
                f"no stance model in {directory} (missing {', '.join(missing)}); "
                "run `summitwatch train` to build it"
            )
        if backend not in BACKENDS:
            raise ValueError(f"backend must be one of {', '.join(BACKENDS)}, got {backend!r}")
        config = StanceConfig.load(directory / "config.json")
        version = artifact_version(directory)
        # On x86 without VNNI, static int8 misread plain statements (a hostile
        # "... was out of the question" came out neutral, -0.16 against fp32's
        # -0.90) and is under 2x faster than fp32 there: fp32 is the safe default.
        use_torch = backend == "torch" or (
            backend == "auto" and (not _has_onnxruntime() or _reduce_range())
        )
        dynamic = backend == "onnx-dynamic"
        if not use_torch and _onnx_path(version, dynamic).exists():
            # The export is cached: the torch model would be built only to be thrown away.
            from models.encoder import load_tokenizer

            tokenizer = load_tokenizer(config.base_model)
            return cls(config, version, tokenizer, _OnnxRunner(_onnx_path(version, dynamic)))
        _set_threads(config)  # torch computes from here on (scoring, or the one-time export)
        net, tokenizer = load_tuned(directory, config.base_model, len(config.labels))
        if use_torch:
            return cls(config, version, tokenizer, _TorchRunner(net))
        onnx_path = _onnx_int8(net, version, config, tokenizer, dynamic=dynamic)
        return cls(config, version, tokenizer, _OnnxRunner(onnx_path))

    def predict_proba(self, texts: list[str], batch_size: int = 32) -> list[list[float]]:
        """Probabilities per label (order: open, hostile, neutral), one list per text.

        Texts are sorted by length so each batch pads little, and truncated at
        the model's limit.
        """
        if not texts:
            return []
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out: list[list[float]] = [[] for _ in texts]
        for begin in range(0, len(order), batch_size):
            idx = order[begin : begin + batch_size]
            enc = self.tokenizer(
                [texts[i] for i in idx],
                padding=True,
                truncation=True,
                max_length=self.config.max_length,
                return_tensors="np",
            )
            logits = self._runner(
                enc["input_ids"].astype(np.int64), enc["attention_mask"].astype(np.int64)
            )
            probs = _softmax(logits)
            for row, i in enumerate(idx):
                out[i] = [float(probs[row, self.config.labels.index(lab)]) for lab in LABELS]
        return out

    def predict(self, texts: list[str], batch_size: int = 32) -> list[str]:
        """The most probable label of each text."""
        return [LABELS[int(np.argmax(p))] for p in self.predict_proba(texts, batch_size)]

    def predictions(self, texts: list[str], batch_size: int = 32) -> list[Prediction]:
        """Full predictions, as the pipeline stores them."""
        result = []
        for probs in self.predict_proba(texts, batch_size):
            p = dict(zip(LABELS, probs, strict=True))
            label = max(LABELS, key=lambda lab: p[lab])
            result.append(Prediction(label, p["open"], p["hostile"], p["neutral"]))
        return result


_LOADED: dict[tuple[str, str], StanceClassifier] = {}


def shared(directory: Path | None = None, backend: str = "auto") -> StanceClassifier:
    """The classifier of this process: loaded on first use, then reused by every run
    (a scheduled `serve` process scores many passes with one load)."""
    key = (str(directory or os.environ.get("SUMMITWATCH_MODEL", ARTIFACT_DIR)), backend)
    if key not in _LOADED:
        _LOADED[key] = StanceClassifier.load(directory, backend)
    return _LOADED[key]


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=1, keepdims=True)


def _set_threads(config: StanceConfig) -> None:
    import torch

    torch.set_num_threads(max(1, os.cpu_count() or config.threads))


def _has_onnxruntime() -> bool:
    try:
        import onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


class _TorchRunner:
    def __init__(self, net: Any) -> None:
        self.net = net

    def __call__(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> np.ndarray:
        import torch

        with torch.inference_mode():
            logits = self.net(torch.from_numpy(input_ids), torch.from_numpy(attention_mask))
        return logits.numpy()


class _OnnxRunner:
    def __init__(self, path: Path) -> None:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = os.cpu_count() or 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

    def __call__(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> np.ndarray:
        result = self.session.run(
            ["logits"], {"input_ids": input_ids, "attention_mask": attention_mask}
        )
        return np.asarray(result[0])


def _onnx_path(version: str, dynamic: bool) -> Path:
    """Where the int8 export of a model version is cached (per CPU kind: see _reduce_range)."""
    kind = "dynamic" if dynamic else "static"
    if _reduce_range():
        kind += "-7bit"
    return cache_dir() / "onnx" / version / f"model.int8-{kind}.onnx"


@functools.cache
def cpu_flags() -> frozenset[str]:
    """The first CPU's feature flags from /proc/cpuinfo (empty where there is none)."""
    try:
        info = Path("/proc/cpuinfo").read_text()
    except OSError:
        return frozenset()
    for line in info.splitlines():
        if line.startswith("flags"):
            return frozenset(line.split(":", 1)[1].split())
    return frozenset()


def _reduce_range() -> bool:
    """Whether int8 weights must keep to 7 bits on this CPU.

    An x86 CPU without VNNI multiplies uint8 by int8 with an instruction that
    saturates its 16-bit sums; with full-range weights that moved a plainly
    hostile statement to neutral (seen on an AVX2-only EPYC). 7-bit weights
    cannot saturate. CPUs with VNNI, and non-x86 ones, keep the full range.
    """
    flags = cpu_flags()
    return "sse2" in flags and not ({"avx512_vnni", "avx_vnni"} & flags)


def _onnx_int8(
    net: Any, version: str, config: StanceConfig, tokenizer: Any, dynamic: bool = False
) -> Path:
    """The cached int8 ONNX export of a model version, made on first use.

    Static quantisation: activation scales are calibrated once on training
    statements, so a statement's score never depends on what it is batched
    with (dynamic quantisation computes scales per batch and moved scores by up
    to 0.5 between batchings). Dev accuracy stays at fp32's; see the model card.
    """
    target = _onnx_path(version, dynamic)
    if target.exists():
        return target
    import torch
    from onnxruntime.quantization import (
        CalibrationMethod,
        QuantFormat,
        QuantType,
        quantize_dynamic,
        quantize_static,
    )

    target.parent.mkdir(parents=True, exist_ok=True)
    LOGGER.info("exporting %s to ONNX int8 (once per model version) in %s", version, target.parent)
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp, warnings.catch_warnings():
        # The tracer and the quantiser warn about things that do not apply to this
        # encoder; the export is checked by tests and the benchmark, not by warnings.
        warnings.simplefilter("ignore")
        logging.disable(logging.WARNING)
        try:
            fp32 = Path(tmp) / "model.onnx"
            dummy = torch.ones((2, 16), dtype=torch.long)
            torch.onnx.export(
                net,
                (dummy, torch.ones_like(dummy)),
                str(fp32),
                input_names=["input_ids", "attention_mask"],
                output_names=["logits"],
                dynamic_axes={
                    "input_ids": {0: "batch", 1: "tokens"},
                    "attention_mask": {0: "batch", 1: "tokens"},
                    "logits": {0: "batch"},
                },
                opset_version=17,
                dynamo=False,
            )
            int8 = Path(tmp) / "model.int8.onnx"
            if dynamic:
                quantize_dynamic(
                    str(fp32),
                    str(int8),
                    weight_type=QuantType.QInt8,
                    per_channel=True,
                    reduce_range=_reduce_range(),
                )
            else:
                quantize_static(
                    str(fp32),
                    str(int8),
                    _Calibration(tokenizer, config.max_length),
                    quant_format=QuantFormat.QDQ,
                    per_channel=True,
                    activation_type=QuantType.QUInt8,
                    weight_type=QuantType.QInt8,
                    op_types_to_quantize=["MatMul"],
                    calibrate_method=CalibrationMethod.MinMax,
                    reduce_range=_reduce_range(),
                )
        finally:
            logging.disable(logging.NOTSET)
        int8.replace(target)
    return target


class _Calibration:
    """Batches of training statements that set the int8 activation ranges, always the same."""

    def __init__(self, tokenizer: Any, max_length: int, size: int = 256, batch: int = 16) -> None:
        from models.data import training_examples

        texts = [e.text for e in training_examples()][::10][:size]
        self.batches = [
            tokenizer(
                texts[i : i + batch],
                padding=True,
                truncation=True,
                max_length=max_length,
                return_tensors="np",
            )
            for i in range(0, len(texts), batch)
        ]

    def get_next(self) -> dict[str, np.ndarray] | None:
        if not self.batches:
            return None
        enc = self.batches.pop(0)
        return {
            "input_ids": enc["input_ids"].astype(np.int64),
            "attention_mask": enc["attention_mask"].astype(np.int64),
        }
