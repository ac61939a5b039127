"""The committed stance model: real weights, real tokenizer, both backends."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.errors import NoModel
from models.labels import LABELS
from models.stance import ARTIFACT_DIR, StanceClassifier, artifact_version

pytestmark = pytest.mark.slow

CLEAR = {
    "We are ready to meet President Putin at any time, in any format, without preconditions.": "open",
    "The Kremlin said there is no point in a summit with Zelenskyy and ruled it out entirely.": "hostile",
    "The two leaders last met in Paris in December 2019.": "neutral",
    "Heavy rain flooded the capital on Tuesday, closing schools and roads.": "neutral",
    "Trump urged Putin to sit down with Zelenskyy, threatening sanctions if he refused.": "open",
    "Moscow dismissed the proposed meeting as a publicity stunt.": "hostile",
}


@pytest.fixture(scope="module")
def onnx_model() -> StanceClassifier:
    return StanceClassifier.load(backend="onnx")


@pytest.fixture(scope="module")
def torch_model() -> StanceClassifier:
    return StanceClassifier.load(backend="torch")


def test_probabilities_are_a_distribution_per_statement(onnx_model: StanceClassifier) -> None:
    probs = onnx_model.predict_proba(list(CLEAR))
    assert len(probs) == len(CLEAR)
    for row in probs:
        assert len(row) == len(LABELS)
        assert sum(row) == pytest.approx(1.0, abs=1e-5)
        assert all(0.0 <= p <= 1.0 for p in row)


def test_clear_statements_get_their_label(onnx_model: StanceClassifier) -> None:
    assert onnx_model.predict(list(CLEAR)) == list(CLEAR.values())


def test_batching_and_length_sorting_keep_each_result_with_its_text(
    onnx_model: StanceClassifier, torch_model: StanceClassifier
) -> None:
    texts = [*list(CLEAR), "Short one.", "A much longer statement " * 30]
    for model in (torch_model, onnx_model):
        # int8 is statically calibrated, so a score never depends on its batch neighbours
        one_by_one = [model.predict_proba([t], batch_size=1)[0] for t in texts]
        batched = model.predict_proba(texts, batch_size=3)
        for a, b in zip(one_by_one, batched, strict=True):
            assert a == pytest.approx(b, abs=1e-4)


def test_int8_and_fp32_agree_on_clear_statements(
    onnx_model: StanceClassifier, torch_model: StanceClassifier
) -> None:
    assert onnx_model.predict(list(CLEAR)) == torch_model.predict(list(CLEAR))
    assert onnx_model.version == torch_model.version


def test_text_past_the_models_limit_is_truncated_not_refused(onnx_model: StanceClassifier) -> None:
    (probs,) = onnx_model.predict_proba(["We will meet. " * 500])
    assert sum(probs) == pytest.approx(1.0, abs=1e-5)


def test_the_version_names_the_artifact_bytes() -> None:
    version = artifact_version(ARTIFACT_DIR)
    assert version.startswith("all-minilm-l6-v2-lora-") and len(version.split("-")[-1]) == 12


def test_the_committed_artifact_is_small() -> None:
    size = sum(p.stat().st_size for p in ARTIFACT_DIR.iterdir())
    assert size < 10 * 1024 * 1024


def test_a_missing_artifact_says_how_to_build_one(tmp_path: Path) -> None:
    with pytest.raises(NoModel, match="summitwatch train"):
        StanceClassifier.load(tmp_path)


def test_the_opt_in_dynamic_backend_agrees_on_clear_statements(
    onnx_model: StanceClassifier,
) -> None:
    fast = StanceClassifier.load(backend="onnx-dynamic")
    assert fast.predict(list(CLEAR)) == onnx_model.predict(list(CLEAR))
    assert fast.version == onnx_model.version


def test_an_unknown_backend_is_named_with_the_choices() -> None:
    with pytest.raises(ValueError, match="onnx-dynamic"):
        StanceClassifier.load(backend="gpu")


def test_auto_uses_int8_only_where_the_cpu_multiplies_int8_natively() -> None:
    from models.stance import _OnnxRunner, _reduce_range, _TorchRunner

    runner = StanceClassifier.load(backend="auto")._runner
    assert isinstance(runner, _TorchRunner if _reduce_range() else _OnnxRunner)
