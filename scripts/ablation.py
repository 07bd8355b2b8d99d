"""Ablation of the directive decision (and of the models as a whole) on one corpus split.

    python scripts/ablation.py [--split test] [--corpus corpus]

Prints a markdown table: no models at all (rules and taxonomy keywords only), rules for the
directive decision with the domain model on, the directive model alone, and rules + model
combined (the shipped configuration). Same metric definitions as ../shared/eval/score.py.
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
    args = parser.parse_args()
    docs = load_split(args.corpus, args.split)
    print(f"| configuration ({args.split}: {len(docs)} documents) | " + " | ".join(METRICS) + " |")
    print("|---" * (len(METRICS) + 1) + "|")
    for name, nlp in configurations():
        summary, _ = evaluate(
            docs, lambda g, nlp=nlp: json.loads(nlp.process(read_document(g.path)).to_json())
        )
        print(f"| {name} | " + " | ".join(f"{summary[m]:.3f}" for m in METRICS) + " |")


if __name__ == "__main__":
    main()
