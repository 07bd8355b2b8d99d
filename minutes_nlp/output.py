"""Writing results: atomic files, and a Document as JSON, JSON Lines or a rich table."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import TextIO

from minutes_nlp.models import Document

FORMATS = ("json", "jsonl", "table")


def write_atomic(path: str | Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` so that readers see the old file or the whole new
    one, never a half file: temp file in the same folder, fsync, then os.replace."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable where the OS allows
        dir_fd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def jsonl_lines(doc: Document) -> list[str]:
    """One JSON object per task, each carrying the document's schema version, source and
    meeting, so lines from many documents can be concatenated and still be understood."""
    meeting = json.loads(doc.meeting.model_dump_json())
    lines = []
    for task in doc.tasks:
        record = {"schema_version": doc.schema_version, "source": doc.source, "meeting": meeting}
        record.update(json.loads(task.model_dump_json()))
        lines.append(json.dumps(record, ensure_ascii=False))
    return lines


def _table(doc: Document, stream: TextIO) -> None:
    """Human view: a header panel with the meeting, then one row per task."""
    from rich.console import Console
    from rich.markup import escape
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    console = Console(file=stream, width=None if stream.isatty() else 140, soft_wrap=False)
    m = doc.meeting
    header = "\n".join(
        [
            f"[bold]{escape(m.title or '(no title)')}[/bold]",
            f"Date: {m.date.isoformat() if m.date else '-'}    Organization: {escape(m.organization or '-')}",
            f"Chair: {escape(m.chair or '-')}    Source: {escape(doc.source or '-')}",
        ]
        + [f"[dim]Note: {escape(note)}[/dim]" for note in doc.notes]
    )
    console.print(Panel(header, title="Meeting", expand=True))
    table = Table(show_lines=True, expand=True)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Task", ratio=4, overflow="fold")
    table.add_column("Lead", ratio=2, overflow="fold")
    table.add_column("Deadline", no_wrap=True, min_width=10)
    table.add_column("Target", ratio=1, overflow="fold")
    table.add_column("Domain", no_wrap=True)
    table.add_column("Conf.", justify="right", no_wrap=True)
    for i, task in enumerate(doc.tasks, 1):
        deadline = "-"
        if task.deadline is not None:
            deadline = task.deadline.date.isoformat() if task.deadline.date else task.deadline.text
        cells = [
            str(i),
            task.task,
            ", ".join(task.assignees) or "-",
            deadline,
            task.target.text if task.target else "-",
            task.domain,
            f"{task.confidence:.2f}",
        ]
        table.add_row(*(Text(cell) for cell in cells))
    if not doc.tasks:
        console.print("No tasks found.")
    else:
        console.print(table)


def emit(doc: Document, fmt: str, stream: TextIO) -> None:
    """Print ``doc`` on ``stream`` as 'json' (the contract), 'jsonl' (one task per line) or
    'table' (for people)."""
    if fmt == "json":
        stream.write(doc.to_json() + "\n")
    elif fmt == "jsonl":
        for line in jsonl_lines(doc):
            stream.write(line + "\n")
    elif fmt == "table":
        _table(doc, stream)
    else:
        raise ValueError(f"unknown output format {fmt!r}; use one of {', '.join(FORMATS)}")
    stream.flush()
