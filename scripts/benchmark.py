"""Throughput of the pipeline: load time and documents (and characters) per second.

    python scripts/benchmark.py [--split train] [--repeat 1] [--no-models]

Speed goals live here, not in timed tests.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import minutes_nlp
from minutes_nlp.corpus import iter_pairs


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--split", default="train")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--no-models", action="store_true")
    args = parser.parse_args()
    corpus = Path(__file__).resolve().parent.parent / "corpus" / args.split
    texts = [txt.read_text(encoding="utf-8") for txt, _ in iter_pairs(corpus)]

    t0 = time.perf_counter()
    nlp = minutes_nlp.load(use_models=not args.no_models)
    nlp("Ngày 1/1/2024, UBND tỉnh họp. Chủ tịch yêu cầu Sở Y tế kiểm tra.")  # warm the lazy loaders
    load_s = time.perf_counter() - t0

    chars = sum(map(len, texts)) * args.repeat
    t0 = time.perf_counter()
    tasks = 0
    for _ in range(args.repeat):
        for doc in nlp.pipe(texts):
            tasks += len(doc.tasks)
    run_s = time.perf_counter() - t0
    n = len(texts) * args.repeat
    print(f"load + warm-up      {load_s:8.2f} s")
    print(f"documents           {n:8d}  ({chars:,} characters, {tasks} tasks)")
    print(f"total               {run_s:8.2f} s")
    print(f"per document        {1000 * run_s / max(1, n):8.1f} ms")
    print(f"characters / second {chars / max(run_s, 1e-9):8.0f}")


if __name__ == "__main__":
    main()
