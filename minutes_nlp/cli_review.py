"""The ``review`` and ``export`` commands, attached to the main typer app by ``register``."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from minutes_nlp.errors import InputError


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    ics = "ics"
    schema = "schema"


def _threshold(value: float | None, option: str) -> None:
    if value is not None and not 0.0 <= value <= 1.0:
        raise InputError(f"{option} must be between 0 and 1, got {value}")


def review(
    paths: Annotated[
        list[Path],
        typer.Argument(help="A document, a JSON written by extract, or a NAME.reviewed.json to resume"),
    ],
    accept_above: Annotated[
        float | None, typer.Option("--accept-above", help="accept pending tasks with confidence >= X")
    ] = None,
    reject_below: Annotated[
        float | None, typer.Option("--reject-below", help="reject pending tasks with confidence < X")
    ] = None,
    no_input: Annotated[bool, typer.Option("--no-input", help="never prompt; bulk decisions only")] = False,
    to_gold: Annotated[
        Path | None,
        typer.Option(
            "--to-gold", help="write reviewed files as corpus gold (NAME.txt + NAME.gold.json) here"
        ),
    ] = None,
) -> None:
    """Check every extracted task in the terminal: accept, reject, edit, split, add; saved at once."""
    from rich.console import Console

    from minutes_nlp import review as rv

    console = Console()
    if to_gold is not None:
        written, problems = rv.write_gold(paths, to_gold)
        for line in problems:
            typer.echo(f"minutes-nlp: {line}", err=True)
        console.print(f"{len(written)} gold file(s) in {to_gold}, {len(problems)} problem(s)", markup=False)
        raise typer.Exit(1 if problems else 0)
    if len(paths) != 1:
        raise InputError("review one file at a time (several files only with --to-gold)")
    _threshold(accept_above, "--accept-above")
    _threshold(reject_below, "--reject-below")
    doc, out = rv.open_for_review(paths[0])
    session = rv.ReviewSession(doc)
    bulk = accept_above is not None or reject_below is not None
    if bulk:
        decided = session.bulk(accept_above, reject_below)
        console.print(f"bulk: {decided} task(s) decided")
    rv.save(doc, out)
    wants_prompts = not no_input and not (bulk and session.first_pending() is None)
    if wants_prompts and not sys.stdin.isatty():
        console.print("standard input is not a terminal: no prompts (see --accept-above, --reject-below)")
    elif wants_prompts:
        console.print(f"reviewing {paths[0]} → {out}", markup=False)
        rv.run_loop(session, console, on_change=lambda: rv.save(session.doc, out))
    rv.render_summary(console, session, out)


def export(
    files: Annotated[
        list[Path] | None, typer.Argument(help="extract or reviewed JSON file(s); none for --to schema")
    ] = None,
    to: Annotated[ExportFormat, typer.Option("--to", help="jsonl, csv, ics or schema")] = ExportFormat.jsonl,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="write here instead of stdout")] = None,
    include_all: Annotated[
        bool, typer.Option("--all", help="reviewed files: export every task, not only kept ones")
    ] = False,
    vi_headers: Annotated[bool, typer.Option("--vi-headers", help="CSV: Vietnamese column headers")] = False,
) -> None:
    """Write tasks for a tracker: JSONL, CSV (Excel), iCalendar VTODOs, or the output JSON Schema."""
    from minutes_nlp import export as ex

    if to is ExportFormat.schema:
        data: bytes = ex.schema_text().encode("utf-8")
    else:
        if not files:
            raise InputError(f"--to {to.value} needs at least one JSON file")
        for path in files:
            if not path.is_file():
                raise InputError(f"{path}: no such file")
        docs = ex.load_docs(files)
        if to is ExportFormat.jsonl:
            data = ex.to_jsonl(docs, include_all=include_all).encode("utf-8")
        elif to is ExportFormat.csv:
            data = ex.to_csv(docs, vietnamese_headers=vi_headers, include_all=include_all)
        else:
            data = ex.to_ics(docs, include_all=include_all)
    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    from minutes_nlp.output import write_atomic

    write_atomic(out, data.decode("utf-8"))


def register(app: typer.Typer) -> None:
    """Add ``review`` and ``export`` to the main app."""
    app.command("review")(review)
    app.command("export")(export)
