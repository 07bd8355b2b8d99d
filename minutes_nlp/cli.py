"""The ``minutes-nlp`` command line (typer + rich).

Every ``MinutesError`` becomes one line on stderr and exit code 2; no traceback reaches a
user for bad input. Sub-command groups that live in their own modules register themselves
here (review/export, training/evaluation).
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from minutes_nlp.errors import MinutesError

app = typer.Typer(
    name="minutes-nlp",
    help="Extract tasks, assignees, deadlines and targets from Vietnamese meeting documents, offline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class OutputFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"
    table = "table"


def _parse_date(value: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"{option}: {value!r} is not a date; write it as YYYY-MM-DD")
        raise  # unreachable: fail() exits


def fail(message: str, code: int = 2) -> None:
    """Print one line to stderr and exit."""
    typer.echo(f"minutes-nlp: error: {message}", err=True)
    raise typer.Exit(code)


@app.command()
def extract(
    path: Annotated[
        str, typer.Argument(help="A document (.txt .docx .pdf .html), '-' for stdin, a folder or a glob")
    ],
    format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="json, jsonl or table")
    ] = OutputFormat.json,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="folder for batch output (one file per input)")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="batch: redo inputs already done")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="batch: worker processes")] = 1,
    emit_text: Annotated[
        bool, typer.Option("--emit-text", help="also write the extracted plain text")
    ] = False,
    no_models: Annotated[bool, typer.Option("--no-models", help="rules only, ignore trained models")] = False,
    reference_date: Annotated[
        str | None,
        typer.Option(
            "--reference-date",
            metavar="YYYY-MM-DD",
            help="the day the document was published or received: the year of dates written without "
            "one ('Chiều 15/8') and the day deadlines count from when the text names no date",
        ),
    ] = None,
) -> None:
    """Extract the meeting header and every directive as a task."""
    from minutes_nlp import output

    reference = _parse_date(reference_date, "--reference-date") if reference_date else None

    is_batch = out is not None or Path(path).is_dir() or any(ch in path for ch in "*?[")
    if is_batch:
        from minutes_nlp.batch import run_batch

        if out is None:
            what = "is a directory" if Path(path).is_dir() else "is a pattern of several files"
            fail(f"{path}: {what}; give --out OUTDIR to process it as a batch")
        report = run_batch(
            path,
            out,
            fmt=format.value,
            force=force,
            jobs=jobs,
            emit_text=emit_text,
            use_models=not no_models,
            reference_date=reference,
        )
        raise typer.Exit(0 if report.ok else 1)

    from minutes_nlp import load
    from minutes_nlp.ingest import read_document

    source = read_document(path)
    source = replace(source, reference_date=reference or source.reference_date)
    doc = load(use_models=not no_models).process(source)
    if emit_text and path != "-":
        output.write_atomic(Path(path).with_suffix(".extracted.txt"), source.text)
    output.emit(doc, format.value, sys.stdout)


def _register_subcommands() -> None:
    """Attach command groups that live in their own modules (missing ones are skipped)."""
    import importlib

    for name in ("minutes_nlp.cli_train", "minutes_nlp.cli_review"):
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.register(app)


_register_subcommands()


def main() -> None:
    try:
        app(standalone_mode=True)
    except MinutesError as exc:
        typer.echo(f"minutes-nlp: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        typer.echo("minutes-nlp: interrupted", err=True)
        sys.exit(130)
