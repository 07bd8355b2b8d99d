"""Batch runs (statuses, resume, force, jsonl, jobs, kill and re-run) and the output writers.

The batch mechanics are tested with a small stand-in pipeline (one task per numbered line)
so they do not depend on extraction quality; one end-to-end CLI run uses the real pipeline
once ``minutes_nlp.pipeline`` exists.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import docx
import pytest

from minutes_nlp import batch
from minutes_nlp.ingest import read_document
from minutes_nlp.legacy import encode_legacy
from minutes_nlp.models import Deadline, Document, Meeting, Task
from minutes_nlp.output import emit, jsonl_lines, write_atomic

ROOT = Path(__file__).resolve().parents[1]
HAS_PIPELINE = importlib.util.find_spec("minutes_nlp.pipeline") is not None

# Written for these tests.
TEXT = (
    "Thông báo kết luận cuộc họp giao ban tháng 5\n"
    "Phó Chủ tịch UBND huyện yêu cầu các phòng, ban thực hiện:\n"
    "1. Phòng Tài chính - Kế hoạch rà soát nguồn vốn sự nghiệp, báo cáo trước ngày 20/5/2024.\n"
    "2. Phòng Nông nghiệp hướng dẫn nông dân gieo sạ vụ hè thu đúng lịch thời vụ.\n"
)

STUB_SOURCE = '''
"""Stand-in pipeline for batch tests: one task per line that starts with a digit."""
import os
import sys
import types

from minutes_nlp.models import Document, Meeting, Task


class Pipeline:
    calls = 0

    @classmethod
    def load(cls, models_dir=None, use_models=True):
        return cls()

    def process(self, source):
        type(self).calls += 1
        tasks, pos = [], 0
        for line in source.text.split("\\n"):
            if line[:1].isdigit():
                tasks.append(Task(id=f"t{len(tasks)}", text=line, start=pos, end=pos + len(line), task=line,
                                  domain="chi_dao_dieu_hanh", confidence=0.5))
            pos += len(line) + 1
        title = source.text.strip().split("\\n")[0]
        return Document(meeting=Meeting(title=title), tasks=tasks, source=source.source, notes=[*source.notes, f"pid={os.getpid()}"])


def install():
    module = types.ModuleType("minutes_nlp.pipeline")
    module.Pipeline = Pipeline
    sys.modules["minutes_nlp.pipeline"] = module
'''


@pytest.fixture
def stub(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Install the stand-in pipeline in this process (and in forked workers)."""
    folder = tmp_path_factory.mktemp("stub")
    (folder / "_batch_stub.py").write_text(STUB_SOURCE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(folder))
    import _batch_stub

    pipeline = _batch_stub.Pipeline()
    _batch_stub.Pipeline.calls = 0
    monkeypatch.setattr(batch, "_PIPELINE", pipeline)
    return _batch_stub.Pipeline


def make_folder(folder: Path) -> dict[str, str]:
    """Six inputs: four readable formats, one unsupported, one broken -> expected status."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a-utf8.txt").write_text(TEXT, encoding="utf-8")
    (folder / "b-tcvn3.txt").write_bytes(encode_legacy(TEXT, "tcvn3"))
    d = docx.Document()
    for line in TEXT.strip().split("\n"):
        d.add_paragraph(line)
    d.save(str(folder / "c.docx"))
    body = "".join(f"<p>{line}</p>" for line in TEXT.strip().split("\n"))
    (folder / "d.html").write_text(f"<html><body><article>{body}</article></body></html>", encoding="utf-8")
    (folder / "e-old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    (folder / "f-broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog")
    return {
        "a-utf8.txt": "done",
        "b-tcvn3.txt": "done",
        "c.docx": "done",
        "d.html": "done",
        "e-old.doc": "skipped",
        "f-broken.pdf": "failed",
    }


def statuses(report: batch.BatchReport) -> dict[str, str]:
    return {Path(e.input).name: e.status for e in report.entries}


def temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


def test_batch_lists_every_input_with_its_status(stub, tmp_path: Path) -> None:
    expected = make_folder(tmp_path / "in")
    out = tmp_path / "out"
    report = batch.run_batch(tmp_path / "in", out, show_progress=False)
    assert statuses(report) == expected
    assert not report.ok
    by_name = {Path(e.input).name: e for e in report.entries}
    assert "not a valid PDF" in by_name["f-broken.pdf"].reason
    assert "unsupported format" in by_name["e-old.doc"].reason
    for name in ("a-utf8", "b-tcvn3", "c", "d"):
        doc = json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
        assert [t["task"][:2] for t in doc["tasks"]] == ["1.", "2."], name
    assert "TCVN3" in " ".join(json.loads((out / "b-tcvn3.json").read_text())["notes"])
    on_disk = json.loads((out / batch.REPORT).read_text(encoding="utf-8"))
    assert {Path(e["input"]).name: e["status"] for e in on_disk["entries"]} == expected
    assert on_disk["counts"] == {"done": 4, "skipped": 1, "failed": 1}
    assert not temp_files(out)
    assert stub.calls == 4


def test_rerun_skips_done_inputs_and_force_redoes_them(stub, tmp_path: Path) -> None:
    expected = make_folder(tmp_path / "in")
    out = tmp_path / "out"
    batch.run_batch(tmp_path / "in", out, show_progress=False)
    stub.calls = 0
    again = batch.run_batch(tmp_path / "in", out, show_progress=False)
    assert statuses(again) == expected
    assert stub.calls == 0
    assert all(e.cached for e in again.entries if e.status == "done")
    (tmp_path / "in" / "a-utf8.txt").write_text(
        TEXT + "3. Phòng Nội vụ tổng hợp kết quả.\n", encoding="utf-8"
    )
    changed = batch.run_batch(tmp_path / "in", out, show_progress=False)
    assert stub.calls == 1
    assert [Path(e.input).name for e in changed.entries if e.status == "done" and not e.cached] == [
        "a-utf8.txt"
    ]
    stub.calls = 0
    forced = batch.run_batch(tmp_path / "in", out, force=True, show_progress=False)
    assert stub.calls == 4
    assert not any(e.cached for e in forced.entries)


def test_a_new_reference_date_redoes_the_inputs(stub, tmp_path: Path) -> None:
    make_folder(tmp_path / "in")
    out = tmp_path / "out"
    batch.run_batch(tmp_path / "in", out, show_progress=False, reference_date=dt.date(2026, 8, 16))
    stub.calls = 0
    same = batch.run_batch(tmp_path / "in", out, show_progress=False, reference_date=dt.date(2026, 8, 16))
    assert stub.calls == 0 and all(e.cached for e in same.entries if e.status == "done")
    other = batch.run_batch(tmp_path / "in", out, show_progress=False, reference_date=dt.date(2025, 8, 16))
    assert stub.calls == 4 and not any(e.cached for e in other.entries)


def test_jsonl_emit_text_and_name_collisions(stub, tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "hop.txt").write_text(TEXT, encoding="utf-8")
    paragraphs = "<br>".join(TEXT.strip().split("\n"))
    (src / "hop.html").write_text(f"<html><body><p>{paragraphs}</p></body></html>", encoding="utf-8")
    (src / "khac.txt").write_bytes(encode_legacy(TEXT, "vni"))
    out = tmp_path / "out"
    report = batch.run_batch(str(src / "*"), out, fmt="jsonl", emit_text=True, show_progress=False)
    assert report.ok and len(report.entries) == 3
    lines = [json.loads(x) for x in (out / batch.JSONL).read_text(encoding="utf-8").splitlines()]
    assert [Path(x["source"]).name for x in lines] == [
        "hop.html",
        "hop.html",
        "hop.txt",
        "hop.txt",
        "khac.txt",
        "khac.txt",
    ]
    assert all(x["meeting"]["title"] and x["schema_version"] == "1" for x in lines)
    assert (out / "hop.txt.txt").read_text(encoding="utf-8") == read_document(src / "hop.txt").text
    assert (out / "khac.txt").read_text(encoding="utf-8") == TEXT
    assert (out / "hop.html.txt").exists()


def test_jobs_use_several_processes(stub, tmp_path: Path) -> None:
    if sys.platform != "linux":
        pytest.skip("the stand-in pipeline reaches workers through fork")
    expected = make_folder(tmp_path / "in")
    report = batch.run_batch(tmp_path / "in", tmp_path / "out", jobs=2, show_progress=False)
    assert statuses(report) == expected
    pids = set()
    for name in ("a-utf8", "b-tcvn3", "c", "d"):
        notes = json.loads((tmp_path / "out" / f"{name}.json").read_text(encoding="utf-8"))["notes"]
        pids |= {n for n in notes if n.startswith("pid=")}
    assert pids and f"pid={os.getpid()}" not in pids


def test_out_inside_the_input_folder_is_not_an_input(stub, tmp_path: Path) -> None:
    expected = make_folder(tmp_path / "in")
    report = batch.run_batch(tmp_path / "in", tmp_path / "in" / "ket-qua", show_progress=False)
    assert statuses(report) == expected
    (tmp_path / "in" / ".an").write_text("x", encoding="utf-8")
    again = batch.run_batch(tmp_path / "in", tmp_path / "in" / "ket-qua", show_progress=False)
    assert statuses(again) == {**expected, ".an": "skipped"}


def test_crash_inside_the_pipeline_is_a_failed_entry(stub, tmp_path: Path, monkeypatch) -> None:
    make_folder(tmp_path / "in")

    def boom(self, source):
        raise RuntimeError("mô hình hỏng\nsecond line")

    monkeypatch.setattr(stub, "process", boom)
    report = batch.run_batch(tmp_path / "in", tmp_path / "out", show_progress=False)
    failed = [e for e in report.entries if e.status == "failed"]
    assert len(failed) == 5
    assert any(e.reason == "RuntimeError: mô hình hỏng" for e in failed)


# --------------------------------------------------------------------------- kill and re-run


def _cli(args: list[str], stub_dir: Path | None, env_extra: dict[str, str]) -> list[str]:
    """Command line for ``minutes-nlp`` with, optionally, the stand-in pipeline installed."""
    if stub_dir is None:
        return [sys.executable, "-m", "minutes_nlp", *args]
    code = (
        f"import sys; sys.path.insert(0, {str(stub_dir)!r}); import _batch_stub; _batch_stub.install(); "
        "from minutes_nlp.cli import main; main()"
    )
    return [sys.executable, "-c", code, *args]


def test_killed_batch_rerun_finishes_every_input_exactly_once(tmp_path: Path) -> None:
    stub_dir = tmp_path / "stub"
    stub_dir.mkdir()
    (stub_dir / "_batch_stub.py").write_text(STUB_SOURCE, encoding="utf-8")
    src = tmp_path / "in"
    src.mkdir()
    for i in range(6):
        (src / f"hop-{i}.txt").write_text(TEXT.replace("tháng 5", f"tháng {i + 1}"), encoding="utf-8")
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT), batch.DELAY_ENV: "0.5"}
    args = ["extract", str(src), "--out", str(out)]
    proc = subprocess.Popen(_cli(args, stub_dir, {}), env=env, cwd=ROOT, stderr=subprocess.DEVNULL)
    manifest = out / batch.MANIFEST
    try:
        for _ in range(600):  # wait (up to a minute) for the first documents to be recorded
            if manifest.exists() and len(json.loads(manifest.read_text())["inputs"]) >= 2:
                break
            if proc.poll() is not None:
                break
            time.sleep(0.1)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    first = set(json.loads(manifest.read_text())["inputs"])
    assert 2 <= len(first) < 6, "the run should have been killed halfway"
    assert not (out / batch.REPORT).exists()

    env.pop(batch.DELAY_ENV)
    rerun = subprocess.run(_cli(args, stub_dir, {}), env=env, cwd=ROOT, capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    report = json.loads((out / batch.REPORT).read_text(encoding="utf-8"))
    entries = report["entries"]
    assert sorted(Path(e["input"]).name for e in entries) == [f"hop-{i}.txt" for i in range(6)]
    assert all(e["status"] == "done" for e in entries)
    cached = {str(Path(e["input"]).resolve()) for e in entries if e["cached"]}
    assert cached == first  # nothing done twice, nothing lost
    assert sorted(p.name for p in out.glob("hop-*.json")) == [f"hop-{i}.json" for i in range(6)]
    for path in out.glob("hop-*.json"):
        assert json.loads(path.read_text(encoding="utf-8"))["tasks"]
    assert not temp_files(out)


@pytest.mark.skipif(not HAS_PIPELINE, reason="minutes_nlp.pipeline not written yet")
def test_cli_single_docx_with_real_pipeline(tmp_path: Path) -> None:
    d = docx.Document()
    for line in TEXT.strip().split("\n"):
        d.add_paragraph(line)
    path = tmp_path / "hop.docx"
    d.save(str(path))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        _cli(["extract", str(path), "--emit-text", "--no-models"], None, {}),
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    text = (tmp_path / "hop.extracted.txt").read_text(encoding="utf-8")
    assert doc["tasks"]
    for task in doc["tasks"]:
        assert text[task["start"] : task["end"]] == task["text"]


# --------------------------------------------------------------------------- output


def sample_document() -> Document:
    text = "1. Phòng Tài chính - Kế hoạch rà soát [nguồn vốn], báo cáo trước ngày 20/5/2024."
    task = Task(
        id="t1",
        text=text,
        start=0,
        end=len(text),
        task="rà soát [nguồn vốn]",
        domain="tai_chinh_ngan_sach",
        assignees=["Phòng Tài chính - Kế hoạch"],
        deadline=Deadline(text="trước ngày 20/5/2024", date="2024-05-20"),
        confidence=0.8,
    )
    meeting = Meeting(
        title="Giao ban [tháng 5]", date="2024-05-06", organization="UBND huyện", chair="Lê Văn Hòa"
    )
    return Document(meeting=meeting, tasks=[task, task.model_copy(update={"id": "t2"})], source="hop.txt")


def test_emit_json_jsonl_and_table() -> None:
    doc = sample_document()
    buf = io.StringIO()
    emit(doc, "json", buf)
    assert Document.model_validate_json(buf.getvalue()) == doc
    buf = io.StringIO()
    emit(doc, "jsonl", buf)
    lines = [json.loads(x) for x in buf.getvalue().splitlines()]
    assert [x["id"] for x in lines] == ["t1", "t2"]
    assert lines[0]["meeting"]["chair"] == "Lê Văn Hòa" and lines[0]["source"] == "hop.txt"
    assert lines == [json.loads(x) for x in jsonl_lines(doc)]
    buf = io.StringIO()
    emit(doc, "table", buf)
    table = buf.getvalue()
    for expected in (
        "Giao ban [tháng 5]",
        "2024-05-06",
        "Lê Văn Hòa",
        "rà soát [nguồn vốn]",
        "2024-05-20",
        "0.80",
    ):
        assert expected in table
    with pytest.raises(ValueError):
        emit(doc, "xml", io.StringIO())


def test_write_atomic_replaces_whole_or_nothing(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "ket-qua.json"
    write_atomic(target, "cũ")
    write_atomic(target, "mới")
    assert target.read_text(encoding="utf-8") == "mới"
    with pytest.raises(UnicodeEncodeError):
        write_atomic(target, "hỏng \udcff")
    assert target.read_text(encoding="utf-8") == "mới"
    assert sorted(p.name for p in target.parent.iterdir()) == ["ket-qua.json"]
