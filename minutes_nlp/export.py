"""Exports for trackers: JSONL, CSV for Excel, iCalendar VTODOs, and the output JSON Schema.

All exports are deterministic (same input -> same bytes), so they can be diffed and tested.
The JSON Schema is generated from the pydantic models and committed at
``minutes_nlp/schema/output.schema.json``; regenerate with ``python -m minutes_nlp.export --write-schema``.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time
from pathlib import Path

from minutes_nlp.models import Document
from minutes_nlp.output import jsonl_lines, write_atomic
from minutes_nlp.review import ReviewedDocument, ReviewedTask, kept_tasks, load_reviewed_file, status_of

SCHEMA_PATH = Path(__file__).parent / "schema" / "output.schema.json"
SCHEMA_ID = "https://minutes-nlp.local/schema/output.schema.json"
PRODID = "-//minutes-nlp//task export//VI"

CSV_COLUMNS: tuple[str, ...] = (
    "id",
    "task",
    "assignees",
    "coordinators",
    "issuer",
    "deadline",
    "deadline_text",
    "target_value",
    "target_unit",
    "domain",
    "confidence",
    "text",
    "source",
    "meeting_title",
    "meeting_date",
    "review_status",
)
# Headers for Vietnamese spreadsheets (``--vi-headers``), same order as CSV_COLUMNS.
CSV_HEADERS_VI: tuple[str, ...] = (
    "Mã",
    "Nhiệm vụ",
    "Đơn vị chủ trì",
    "Đơn vị phối hợp",
    "Người chỉ đạo",
    "Thời hạn",
    "Thời hạn (nguyên văn)",
    "Chỉ tiêu",
    "Đơn vị chỉ tiêu",
    "Lĩnh vực",
    "Độ tin cậy",
    "Trích đoạn",
    "Nguồn",
    "Cuộc họp",
    "Ngày họp",
    "Trạng thái duyệt",
)


def selected(doc: ReviewedDocument, include_all: bool = False) -> list[ReviewedTask]:
    """Tasks to export: every task of a plain extract; of a reviewed file only kept ones unless ALL."""
    reviewed = any(t.review is not None for t in doc.tasks)
    return list(doc.tasks) if include_all or not reviewed else kept_tasks(doc)


def _task_items(
    docs: Iterable[ReviewedDocument], include_all: bool
) -> list[tuple[ReviewedDocument, ReviewedTask]]:
    return [(doc, task) for doc in docs for task in selected(doc, include_all)]


def to_jsonl(docs: Iterable[ReviewedDocument], include_all: bool = False) -> str:
    """One task per line with its document's schema version, source and meeting (as ``extract -f jsonl``)."""
    lines: list[str] = []
    for doc in docs:
        lines += jsonl_lines(doc.model_copy(update={"tasks": selected(doc, include_all)}))
    return "".join(line + "\n" for line in lines)


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


def _csv_row(doc: ReviewedDocument, task: ReviewedTask) -> list[str]:
    deadline = task.deadline
    meeting = doc.meeting
    return [
        task.id,
        task.task,
        "; ".join(task.assignees),
        "; ".join(task.coordinators),
        task.issuer or "",
        deadline.date.isoformat() if deadline and deadline.date else "",
        deadline.text if deadline else "",
        _number(task.target.value) if task.target else "",
        (task.target.unit or "") if task.target else "",
        task.domain,
        f"{task.confidence:.2f}",
        task.text,
        doc.source or "",
        meeting.title or "",
        meeting.date.isoformat() if meeting.date else "",
        status_of(task) if task.review else "",
    ]


def to_csv(
    docs: Iterable[ReviewedDocument], vietnamese_headers: bool = False, include_all: bool = False
) -> bytes:
    """CSV for Excel: UTF-8 with BOM (so Excel reads Vietnamese), CRLF rows, one row per task."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADERS_VI if vietnamese_headers else CSV_COLUMNS)
    for doc, task in _task_items(docs, include_all):
        writer.writerow(_csv_row(doc, task))
    return buffer.getvalue().encode("utf-8-sig")


def _stamp(doc: Document) -> datetime:
    """DTSTAMP from the meeting date, not the clock, so the same input gives the same file."""
    day = doc.meeting.anchor_date() or date(1970, 1, 1)
    return datetime.combine(day, time(0, 0), tzinfo=UTC)


def to_ics(docs: Iterable[ReviewedDocument], include_all: bool = False) -> bytes:
    """An iCalendar with one VTODO per task; DUE is the deadline as a DATE when known."""
    from icalendar import Calendar, Todo

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    for doc, task in _task_items(docs, include_all):
        todo = Todo()
        todo.add("uid", f"{task.id}@minutes-nlp")
        todo.add("dtstamp", _stamp(doc))
        todo.add("summary", task.task)
        description = task.text
        if task.assignees:
            description += "\nChủ trì: " + "; ".join(task.assignees)
        if task.coordinators:
            description += "\nPhối hợp: " + "; ".join(task.coordinators)
        if doc.source:
            description += f"\nNguồn: {doc.source}"
        todo.add("description", description)
        if task.deadline and task.deadline.date:
            todo.add("due", task.deadline.date)
        todo.add("categories", [task.domain])
        todo.add("status", "NEEDS-ACTION")
        calendar.add_component(todo)
    return calendar.to_ical()


def json_schema() -> dict:
    """The JSON Schema of ``minutes-nlp extract`` output, generated from the pydantic models."""
    schema = Document.model_json_schema(mode="serialization")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}


def schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def load_docs(paths: Sequence[Path]) -> list[ReviewedDocument]:
    """Extract JSONs and reviewed JSONs alike (a plain extract is a reviewed file with no reviews)."""
    return [load_reviewed_file(path) for path in paths]


def write_schema(path: Path = SCHEMA_PATH) -> Path:
    write_atomic(path, schema_text())
    return path


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args != ["--write-schema"]:
        print("usage: python -m minutes_nlp.export --write-schema", file=sys.stderr)
        return 2
    print(write_schema())
    return 0


if __name__ == "__main__":
    sys.exit(main())
