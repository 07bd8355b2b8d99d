"""Review: the state machine, the saved file, gold export, and the real terminal loop via pexpect."""

from __future__ import annotations

import io
import json
import os
import signal
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pexpect
import pytest
from _review_sample import MEETING_DATE, MISSED, SPLIT_AT, TEXT, sample_document, write_sample
from rich.console import Console
from typer.testing import CliRunner

from minutes_nlp.corpus import validate_pair
from minutes_nlp.errors import InputError
from minutes_nlp.review import (
    ReviewedDocument,
    ReviewSession,
    open_for_review,
    parse_deadline,
    parse_domain,
    parse_names,
    parse_target,
    render_task,
    reviewed_path,
    run_loop,
    save,
    status_of,
    to_gold,
    to_reviewed,
    write_gold,
)

ROOT = Path(__file__).resolve().parents[1]
CLOCK = datetime(2026, 10, 26, 9, 0, tzinfo=UTC)


def session() -> ReviewSession:
    return ReviewSession(to_reviewed(sample_document(), TEXT), clock=lambda: CLOCK)


def statuses(doc: ReviewedDocument) -> list[str]:
    return [status_of(t) for t in doc.tasks]


# ---------------------------------------------------------------- state machine


def test_accept_reject_advance_and_back() -> None:
    s = session()
    assert s.cursor == 0
    s.accept()
    assert s.advance() and s.cursor == 1
    s.reject()
    s.advance()
    s.back()
    assert s.cursor == 1
    assert statuses(s.doc) == ["accepted", "rejected", "pending", "pending"]
    assert s.doc.tasks[0].review.decided_at == CLOCK
    assert s.first_pending() == 2


def test_advance_past_end_wraps_to_pending_then_stops() -> None:
    s = session()
    s.cursor = 3
    s.accept()
    assert s.advance() and s.cursor == 0
    for _ in range(3):
        s.accept()
        s.advance()
    assert s.first_pending() is None
    s.cursor = 3
    assert not s.advance()


def test_edit_keeps_first_original_and_accept_keeps_edited() -> None:
    s = session()
    s.edit_field("assignees", parse_names("Phòng Tài chính - Kế hoạch; Chi cục Thuế khu vực"))
    s.edit_field("assignees", ["Chi cục Thuế khu vực"])
    s.edit_field("task", "rà soát nguồn thu")
    task = s.accept()
    assert task.assignees == ["Chi cục Thuế khu vực"]
    assert task.review.status == "edited"
    assert task.task == "rà soát nguồn thu"
    assert task.review.original == {
        "assignees": ["Phòng Tài chính - Kế hoạch"],
        "task": "rà soát các nguồn thu ngân sách và báo cáo UBND huyện",
    }


def test_edit_deadline_iso_records_original_and_locates_words() -> None:
    s = session()
    s.edit_field("deadline", parse_deadline("2026-11-20", MEETING_DATE))
    task = s.current
    assert task.deadline.date == date(2026, 11, 20)
    assert task.review.original["deadline"]["date"] == "2026-11-15"
    s.edit_field("deadline", parse_deadline("-", MEETING_DATE))
    assert s.current.deadline is None
    assert s.current.review.original["deadline"]["text"] == "trước ngày 15/11/2026"


def test_parse_deadline_vietnamese_expression_against_meeting_date() -> None:
    deadline = parse_deadline("trước ngày 20/11", MEETING_DATE)
    assert deadline.date == date(2026, 11, 20)
    assert deadline.text == "trước ngày 20/11"
    with pytest.raises(InputError):
        parse_deadline("trước ngày 20/11", None)


def test_split_derives_spans_and_inherits_fields() -> None:
    s = session()
    s.cursor = 3
    first, second = s.split(SPLIT_AT)
    assert TEXT[first.start : first.end] == first.text == first.task
    assert TEXT[second.start : second.end] == second.text
    assert first.text.endswith("kỳ họp cuối năm")
    assert second.text.startswith(SPLIT_AT)
    assert first.assignees == second.assignees == ["Văn phòng HĐND và UBND huyện"]
    assert first.id != second.id and "t04" not in (first.id, second.id)
    assert second.review.original["split_from"]["id"] == "t04"
    assert len(s.tasks) == 5 and statuses(s.doc)[3:] == ["split", "split"]
    with pytest.raises(InputError):
        s.split("không có trong câu")


def test_add_missed_task_goes_in_document_order() -> None:
    s = session()
    task = s.add(MISSED)
    assert s.cursor == 4 and s.tasks[4] is task
    assert TEXT[task.start : task.end] == MISSED
    assert task.review.status == "added"
    with pytest.raises(InputError):
        s.add("Sở Y tế kiểm tra an toàn thực phẩm")
    with pytest.raises(InputError, match="already a task"):
        s.add(MISSED)


def test_bulk_decisions_by_confidence() -> None:
    s = session()
    assert s.bulk(accept_above=0.9, reject_below=0.7) == 3
    assert statuses(s.doc) == ["accepted", "pending", "rejected", "accepted"]
    assert s.cursor == 1
    assert s.counts()["pending"] == 1


def test_value_parsers() -> None:
    target = parse_target("trên 20,5 %")
    assert (target.value, target.unit) == (20.5, "%")
    assert parse_target("-") is None
    ranged = parse_target("8,3–8,5%")
    assert (ranged.value, ranged.value_max, ranged.unit) == (8.3, 8.5, "%")
    assert parse_target("2.500 tỷ đồng").value == 2500
    assert parse_domain("8") == "y_te"
    assert parse_domain("giao_thong") == "giao_thong"
    with pytest.raises(InputError):
        parse_domain("kinh_te")


def test_reviewed_path_and_resume_from_file(tmp_path: Path) -> None:
    path = write_sample(tmp_path)
    assert reviewed_path(path) == tmp_path / "giao_ban.reviewed.json"
    assert reviewed_path(tmp_path / "giao_ban.reviewed.json") == tmp_path / "giao_ban.reviewed.json"
    doc, out = open_for_review(path)
    assert doc.source_text == TEXT
    s = ReviewSession(doc)
    s.accept()
    s.advance()
    s.reject()
    save(doc, out)
    again, out2 = open_for_review(path)
    assert out2 == out
    assert ReviewSession(again).cursor == 2
    assert statuses(again)[:2] == ["accepted", "rejected"]


def test_render_highlights_span_in_context() -> None:
    s = session()
    console = Console(file=io.StringIO(), width=200, color_system=None, record=True)
    render_task(console, s)
    screen = console.export_text()
    assert "Kết luận cuộc họp, Chủ tịch UBND huyện [[yêu cầu Phòng Tài chính" in screen
    assert "15/11/2026]]." in screen
    assert "task 1/4 · pending · t01" in screen
    assert "2026-11-15" in screen and "tai_chinh_ngan_sach" in screen


def test_run_loop_with_scripted_lines_and_bad_input() -> None:
    s = session()
    lines = iter(["x", "e", "m", "số 99", "e", "m", "9", "a", "q"])
    saved: list[int] = []
    console = Console(file=io.StringIO(), width=120, color_system=None, record=True)
    run_loop(s, console, on_change=lambda: saved.append(1), read=lambda _prompt: next(lines))
    screen = console.export_text()
    assert "unknown command 'x'" in screen
    assert "is not a domain code" in screen
    assert s.doc.tasks[0].domain == "giao_duc"
    assert statuses(s.doc)[0] == "edited"
    assert len(saved) == 2 and s.cursor == 1


# ---------------------------------------------------------------- gold


def test_to_gold_round_trips_through_corpus_validator(tmp_path: Path) -> None:
    s = session()
    s.accept()
    s.advance()
    s.reject()
    s.advance()
    s.accept()
    s.advance()
    s.split(SPLIT_AT)
    s.add(MISSED)
    text, gold, problems = to_gold(s.doc)
    assert problems == []
    assert [t["quote"] for t in gold["tasks"]][-1] == MISSED
    assert len(gold["tasks"]) == 5
    assert gold["meeting"] == {"date": "2026-10-25", "chair": "Lê Văn Hòa"}
    assert gold["tasks"][1]["target_value"] == 95 and gold["tasks"][1]["deadline"] == "2026-12-31"
    path = tmp_path / "in" / "giao_ban.reviewed.json"
    path.parent.mkdir()
    save(s.doc, path)
    assert write_gold([path], tmp_path / "gold") == ([tmp_path / "gold" / "giao_ban.gold.json"], [])
    assert validate_pair(tmp_path / "gold" / "giao_ban.txt", tmp_path / "gold" / "giao_ban.gold.json") == []
    assert (tmp_path / "gold" / "giao_ban.txt").read_text(encoding="utf-8") == text


def test_to_gold_reports_pending_and_ambiguous_quotes() -> None:
    s = session()
    s.accept()
    _, _, problems = to_gold(s.doc)
    assert problems == ["3 task(s) still pending review"]
    s.bulk(accept_above=0.0)
    s.doc.source_text = TEXT + "\n" + s.doc.tasks[1].text + "."
    _, _, problems = to_gold(s.doc)
    assert len(problems) == 1 and "found 2 times" in problems[0]


def test_cli_bulk_no_input_and_to_gold(tmp_path: Path) -> None:
    from minutes_nlp.cli import app

    path = write_sample(tmp_path)
    runner = CliRunner()
    result = runner.invoke(app, ["review", str(path), "--accept-above", "0.9", "--no-input"])
    assert result.exit_code == 0, result.output
    assert "bulk: 2 task(s) decided" in result.output and "summary" in result.output
    reviewed = tmp_path / "giao_ban.reviewed.json"
    doc = ReviewedDocument.model_validate_json(reviewed.read_text(encoding="utf-8"))
    assert statuses(doc) == ["accepted", "pending", "pending", "accepted"]
    result = runner.invoke(app, ["review", str(reviewed)])
    assert result.exit_code == 0 and "standard input is not a terminal" in result.output
    result = runner.invoke(app, ["review", "--to-gold", str(tmp_path / "gold"), str(reviewed)])
    assert result.exit_code == 1 and "2 task(s) still pending" in result.output
    result = runner.invoke(app, ["review", str(reviewed), "--reject-below", "0.9", "--no-input"])
    result = runner.invoke(app, ["review", "--to-gold", str(tmp_path / "gold"), str(reviewed)])
    assert result.exit_code == 0, result.output
    gold = json.loads((tmp_path / "gold" / "giao_ban.gold.json").read_text(encoding="utf-8"))
    assert [t["assignees"] for t in gold["tasks"]] == [
        ["Phòng Tài chính - Kế hoạch"],
        ["Văn phòng HĐND và UBND huyện"],
    ]


# ---------------------------------------------------------------- the real terminal loop


def spawn(path: Path) -> pexpect.spawn:
    env = dict(os.environ, COLUMNS="120", LINES="50", TERM="dumb")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)
    return pexpect.spawn(
        sys.executable,
        ["-m", "minutes_nlp", "review", str(path)],
        encoding="utf-8",
        env=env,
        cwd=str(ROOT),
        timeout=60,
        dimensions=(50, 120),
    )


def step(child: pexpect.spawn, screen: str) -> None:
    """Wait for a task screen (its title) and the command prompt."""
    child.expect_exact(screen)
    child.expect_exact("action> ")


def load(path: Path) -> ReviewedDocument:
    return ReviewedDocument.model_validate_json(path.read_text(encoding="utf-8"))


def test_terminal_review_accept_reject_edit_split_add(tmp_path: Path) -> None:
    path = write_sample(tmp_path)
    child = spawn(path)
    step(child, "task 1/4 · pending · t01")
    child.sendline("a")
    step(child, "task 2/4 · pending · t02")
    child.sendline("e")
    child.expect_exact("field [t s c i d g m]> ")
    child.sendline("d")
    child.expect_exact("deadline ('-' clears)> ")
    child.sendline("trước ngày 20/11")
    child.expect_exact("deadline → 2026-11-20")
    step(child, "task 2/4 · edited · t02")
    child.sendline("a")
    step(child, "task 3/4 · pending · t03")
    child.sendline("r")
    step(child, "task 4/4 · pending · t04")
    child.sendline("n")
    child.expect_exact("quote> ")
    child.sendline(MISSED)
    step(child, "task 5/5 · added")
    child.sendline("b")
    step(child, "task 4/5 · pending · t04")
    child.sendline("s")
    child.expect_exact("second task begins with> ")
    child.sendline(SPLIT_AT)
    step(child, "task 4/6 · split")
    child.sendline("q")
    child.expect_exact("review summary")
    child.expect(pexpect.EOF)

    doc = load(tmp_path / "giao_ban.reviewed.json")
    assert statuses(doc) == ["accepted", "edited", "rejected", "split", "split", "added"]
    edited = doc.tasks[1]
    assert edited.deadline.date == date(2026, 11, 20) and edited.deadline.text == "trước ngày 20/11"
    assert edited.review.original == {"deadline": None}
    assert [TEXT[t.start : t.end] == t.text for t in doc.tasks] == [True] * 6
    assert doc.tasks[4].text.startswith(SPLIT_AT) and doc.tasks[5].text == MISSED


def test_terminal_review_survives_kill_and_resumes(tmp_path: Path) -> None:
    path = write_sample(tmp_path)
    child = spawn(path)
    step(child, "task 1/4 · pending · t01")
    child.sendline("a")
    step(child, "task 2/4 · pending · t02")
    child.sendline("r")
    step(child, "task 3/4 · pending · t03")
    child.sendline("e")
    child.expect_exact("field [t s c i d g m]> ")
    child.kill(signal.SIGKILL)
    child.expect(pexpect.EOF)
    child.close()
    assert child.signalstatus == signal.SIGKILL

    reviewed = tmp_path / "giao_ban.reviewed.json"
    assert statuses(load(reviewed)) == ["accepted", "rejected", "pending", "pending"]
    child = spawn(reviewed)
    step(child, "task 3/4 · pending · t03")
    child.sendline("a")
    step(child, "task 4/4 · pending · t04")
    child.sendline("q")
    child.expect(pexpect.EOF)
    assert statuses(load(reviewed)) == ["accepted", "rejected", "accepted", "pending"]
    assert not list(tmp_path.glob(".*.tmp"))


def test_review_of_a_document_runs_the_pipeline_and_keeps_the_text(tmp_path: Path) -> None:
    from minutes_nlp.cli import app

    write_sample(tmp_path)
    result = CliRunner().invoke(app, ["review", str(tmp_path / "giao_ban.txt"), "--no-input"])
    assert result.exit_code == 0, result.output
    doc = load(tmp_path / "giao_ban.reviewed.json")
    assert doc.source_text == TEXT and doc.tasks
    assert all(status_of(t) == "pending" and TEXT[t.start : t.end] == t.text for t in doc.tasks)
    assert "standard input is not a terminal" not in result.output
