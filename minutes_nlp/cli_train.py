"""CLI commands for the corpus and the models: ``train``, ``evaluate``, ``corpus-validate``."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from minutes_nlp.errors import CorpusError, InputError


class Mode(StrEnum):
    combined = "combined"
    rules = "rules"
    model = "model"


def register(app: typer.Typer) -> None:
    app.command("train")(train)
    app.command("evaluate")(evaluate)
    app.command("corpus-validate")(corpus_validate)


REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO / "corpus"
DEFAULT_MODELS = REPO / "models"


def train(
    corpus: Annotated[
        Path, typer.Option("--corpus", help="corpus folder with train/ and dev/")
    ] = DEFAULT_CORPUS,
    out: Annotated[Path, typer.Option("--out", help="where to write the models")] = DEFAULT_MODELS,
    seed: Annotated[int, typer.Option(help="random seed (same seed, same model)")] = 13,
    epochs: Annotated[int, typer.Option(min=1)] = 20,
    limit: Annotated[
        int | None, typer.Option(help="train on the first N documents only (smoke tests)")
    ] = None,
    tune: Annotated[
        bool, typer.Option("--tune/--no-tune", help="choose blend weights on the dev split")
    ] = True,
) -> None:
    """Train the directive and domain classifiers from the corpus train split."""
    from rich.console import Console

    from minutes_nlp.train import train_all

    console = Console(stderr=True)
    if not (corpus / "train").is_dir():
        raise CorpusError(f"{corpus}: no train/ folder")
    meta = train_all(corpus, out, seed=seed, epochs=epochs, limit=limit, log=console.print, tune=tune)
    console.print(
        f"saved to {out}: dev directive {meta['metrics_dev']['directive_units']}, "
        f"dev domain accuracy {meta['metrics_dev']['domain_accuracy']}"
    )


def evaluate(
    folder: Annotated[Path, typer.Argument(help="folder of NAME.txt + NAME.gold.json")],
    json_out: Annotated[Path | None, typer.Option("--json", help="write the summary as JSON here")] = None,
    errors: Annotated[
        bool, typer.Option("--errors", help="list misses, false alarms and wrong fields")
    ] = False,
    mode: Annotated[Mode, typer.Option(help="directive decision: rules, model or combined")] = Mode.combined,
    models: Annotated[
        Path | None, typer.Option("--models", help="models folder (default: the shipped ones)")
    ] = None,
    no_models: Annotated[
        bool, typer.Option("--no-models", help="no trained model at all (rules and keywords only)")
    ] = False,
) -> None:
    """Score the pipeline on annotated documents (same definitions as the shared scorer)."""
    from rich.console import Console
    from rich.table import Table

    from minutes_nlp import load
    from minutes_nlp.corpus import iter_pairs, load_document
    from minutes_nlp.evaluate import evaluate as run
    from minutes_nlp.output import write_atomic

    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder")
    pairs = iter_pairs(folder)
    if not pairs:
        raise InputError(f"{folder}: no *.gold.json files")
    docs = [load_document(t, g) for t, g in pairs]
    nlp = load(models_dir=str(models) if models else None, use_models=not no_models)
    if mode == Mode.rules:
        nlp.classifier.model_weight = 0.0
    elif mode == Mode.model:
        if nlp.classifier.model is None:
            raise CorpusError("--mode model needs trained models (run `minutes-nlp train`)")
        nlp.classifier.model_only = True
    from minutes_nlp.ingest import read_document

    summary, report = run(docs, lambda g: json.loads(nlp.process(read_document(g.path)).to_json()))
    console = Console()
    if errors:
        for e in report.errors:
            line = f"[{e['kind']}] {e['doc']}: {e['text'][:110]!r}"
            if e["kind"] == "wrong":
                line += f"\n    {', '.join(e['fields'])}: pred {e['pred']} gold {e['gold']}"
            typer.echo(line)
    table = Table(title=f"{folder} ({mode.value})")
    table.add_column("metric")
    table.add_column("value", justify="right")
    for k, v in summary.items():
        table.add_row(k, str(v))
    console.print(table)
    for f in report.failures:
        console.print(f"FAIL {f}", markup=False)
    if json_out:
        write_atomic(json_out, json.dumps(summary, ensure_ascii=False, indent=2) + "\n")


def corpus_validate(
    corpus: Annotated[Path, typer.Argument(help="corpus folder with train/ dev/ test/")] = DEFAULT_CORPUS,
) -> None:
    """Check the corpus: quotes found once, taxonomy codes, valid dates, no duplicates."""
    from minutes_nlp.corpus import validate_corpus

    problems = validate_corpus(corpus)
    for p in problems:
        typer.echo(p)
    typer.echo(f"{len(problems)} problems", err=True)
    raise typer.Exit(1 if problems else 0)
