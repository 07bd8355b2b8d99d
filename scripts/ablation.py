"""Ablation of the directive decision (and of the models as a whole) on one corpus split.

    python scripts/ablation.py [--split test] [--corpus corpus] [--writers v,w,x] [--shipped-only]

Prints a markdown table: no models at all (rules and taxonomy keywords only), rules for the
directive decision with the domain model on, the directive model alone, and rules + model
combined (the shipped configuration). Same metric definitions as ../shared/eval/score.py.
``--writers`` keeps the documents of some writers only (the prefix before the first "_"
of a file name), to compare writing rounds; ``--shipped-only`` scores the shipped
configuration alone.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import minutes_nlp
from minutes_nlp.corpus import load_split
from minutes_nlp.evaluate import evaluate
from minutes_nlp.ingest import read_document

METRICS = (
    "detect_p",
    "detect_r",
    "detect_f1",
    "full_f1",
    "deadline_acc",
    "target_acc",
    "domain_acc",
    "assignee_f1",
)


def configurations():
    """(name, pipeline) pairs, built once each."""
    yield "no models (rules + keywords)", minutes_nlp.load(use_models=False)
    rules = minutes_nlp.load()
    rules.classifier.model_weight = 0.0
    yield "directive: rules only", rules
    model = minutes_nlp.load()
    model.classifier.model_only = True
    yield "directive: model only", model
    yield "directive: rules + model (shipped)", minutes_nlp.load()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--split", default="test")
    parser.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parent.parent / "corpus")
    parser.add_argument("--writers", help="comma-separated writer prefixes (a,b,za ...)")
    parser.add_argument("--shipped-only", action="store_true")
    args = parser.parse_args()
    docs = load_split(args.corpus, args.split)
    if args.writers:
        keep = set(args.writers.split(","))
        docs = [d for d in docs if d.name.split("_", 1)[0] in keep]
    tasks = sum(len(d.tasks) for d in docs)
    print(
        f"| configuration ({args.split}: {len(docs)} documents, {tasks} tasks) | "
        + " | ".join(METRICS)
        + " |"
    )
    print("|---" * (len(METRICS) + 1) + "|")
    configs = list(configurations())
    for name, nlp in configs[-1:] if args.shipped_only else configs:
        summary, _ = evaluate(
            docs, lambda g, nlp=nlp: json.loads(nlp.process(read_document(g.path)).to_json())
        )
        print(f"| {name} | " + " | ".join(f"{summary[m]:.3f}" for m in METRICS) + " |")


if __name__ == "__main__":
    main()
