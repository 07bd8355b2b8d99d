"""Exports: JSONL lines validate, CSV reads back in Vietnamese, ICS holds one VTODO per task, schema drift."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

from _review_sample import TEXT, sample_document, write_sample
from icalendar import Calendar
from typer.testing import CliRunner

from minutes_nlp.export import (
    CSV_COLUMNS,
    CSV_HEADERS_VI,
    SCHEMA_PATH,
    json_schema,
    schema_text,
    to_csv,
    to_ics,
    to_jsonl,
)
from minutes_nlp.models import Document, Meeting, Task
from minutes_nlp.review import ReviewedDocument, ReviewSession, to_reviewed


def extracted() -> ReviewedDocument:
    """A plain extract (no review records), as read from a JSON written by ``extract``."""
    return ReviewedDocument.model_validate_json(sample_document(source="giao_ban.txt").to_json())


def reviewed() -> ReviewedDocument:
    """t01 accepted, t02 rejected, t03 edited, t04 pending."""
    s = ReviewSession(to_reviewed(sample_document(source="giao_ban.txt"), TEXT))
    s.accept()
    s.advance()
    s.reject()
    s.advance()
    s.edit_field("task", "giải ngân vốn đầu tư công")
    return s.doc


def test_jsonl_lines_parse_and_validate_against_the_contract() -> None:
    lines = to_jsonl([extracted()]).splitlines()
    assert len(lines) == 4
    for line in lines:
        data = json.loads(line)
        task = Task.model_validate(data)
        assert TEXT[task.start : task.end] == task.text
        assert Meeting.model_validate(data["meeting"]).date == date(2026, 10, 25)
        assert data["source"] == "giao_ban.txt"
        assert data["schema_version"] == "1"
        assert data["review"] is None
    assert "Phòng Tài chính - Kế hoạch" in lines[0]


def test_jsonl_lines_match_the_committed_schema_definitions() -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    task_schema = schema["$defs"]["Task"]
    for line in to_jsonl([extracted()]).splitlines():
        data = json.loads(line)
        assert set(task_schema["required"]) <= set(data)
        assert set(task_schema["properties"]) <= set(data)


def test_reviewed_file_exports_only_kept_tasks_unless_all() -> None:
    doc = reviewed()
    ids = [json.loads(line)["id"] for line in to_jsonl([doc]).splitlines()]
    assert ids == ["t01", "t03"]
    assert json.loads(to_jsonl([doc]).splitlines()[1])["review"]["status"] == "edited"
    assert len(to_jsonl([doc], include_all=True).splitlines()) == 4
    untouched = to_reviewed(sample_document(), TEXT)
    assert to_jsonl([untouched]) == "" and len(to_jsonl([untouched], include_all=True).splitlines()) == 4


def test_csv_reads_back_with_vietnamese_intact() -> None:
    data = to_csv([extracted()])
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert len(rows) == 4
    first = rows[0]
    assert first["assignees"] == "Phòng Tài chính - Kế hoạch"
    assert first["deadline"] == "2026-11-15" and first["deadline_text"] == "trước ngày 15/11/2026"
    assert first["meeting_title"] == "Thông báo kết luận cuộc họp giao ban tháng 10"
    assert rows[1]["coordinators"] == "UBND các xã"
    assert (rows[2]["target_value"], rows[2]["target_unit"]) == ("95", "%")
    assert rows[3]["text"].startswith("Văn phòng HĐND và UBND huyện chuẩn bị")


def test_csv_vietnamese_headers() -> None:
    data = to_csv([reviewed()], vietnamese_headers=True)
    reader = csv.reader(io.StringIO(data.decode("utf-8-sig")))
    header = next(reader)
    assert header[:6] == ["Mã", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Người chỉ đạo", "Thời hạn"]
    assert tuple(header) == CSV_HEADERS_VI
    assert [row[-1] for row in reader] == ["accepted", "edited"]


def test_ics_has_one_vtodo_per_task_with_due_dates() -> None:
    calendar = Calendar.from_ical(to_ics([extracted()]))
    assert str(calendar["VERSION"]) == "2.0" and "minutes-nlp" in str(calendar["PRODID"])
    todos = list(calendar.walk("VTODO"))
    assert [str(t["UID"]) for t in todos] == [f"t0{i}@minutes-nlp" for i in range(1, 5)]
    due = {str(t["UID"]): (t["DUE"].dt if "DUE" in t else None) for t in todos}
    assert due == {
        "t01@minutes-nlp": date(2026, 11, 15),
        "t02@minutes-nlp": None,
        "t03@minutes-nlp": date(2026, 12, 31),
        "t04@minutes-nlp": None,
    }
    first = todos[0]
    assert str(first["SUMMARY"]) == "rà soát các nguồn thu ngân sách và báo cáo UBND huyện"
    assert "Chủ trì: Phòng Tài chính - Kế hoạch" in str(first["DESCRIPTION"])
    assert first["CATEGORIES"].cats == ["tai_chinh_ngan_sach"]
    assert str(first["STATUS"]) == "NEEDS-ACTION"
    assert first["DTSTAMP"].dt.date() == date(2026, 10, 25)


def test_exports_are_deterministic() -> None:
    assert to_ics([extracted()]) == to_ics([extracted()])
    assert to_csv([extracted()]) == to_csv([extracted()])


def test_committed_schema_matches_the_models() -> None:
    """Fails when models.py changes without `python -m minutes_nlp.export --write-schema`."""
    drift = "models changed: run `python -m minutes_nlp.export --write-schema` and commit the schema"
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), drift
    schema = json_schema()
    assert set(schema["properties"]) == set(Document.model_fields)
    assert "Task" in schema["$defs"] and "Deadline" in schema["$defs"]


def test_export_command_writes_each_kind(tmp_path: Path) -> None:
    from minutes_nlp.cli import app

    runner = CliRunner()
    path = write_sample(tmp_path)
    for kind in ("jsonl", "csv", "ics", "schema"):
        out = tmp_path / f"out.{kind}"
        args = ["export", "--to", kind, "--out", str(out)] + ([] if kind == "schema" else [str(path)])
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
    assert len((tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()) == 4
    assert (tmp_path / "out.csv").read_bytes() == to_csv(
        [ReviewedDocument.model_validate_json(path.read_text())]
    )
    assert len(list(Calendar.from_ical((tmp_path / "out.ics").read_bytes()).walk("VTODO"))) == 4
    assert json.loads((tmp_path / "out.schema").read_text(encoding="utf-8")) == json_schema()
    result = runner.invoke(app, ["export", "--to", "csv", str(tmp_path / "missing.json")])
    assert result.exit_code != 0
