"""The command line: formats, exit codes, one-line errors, and no network at run time."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT


def run(*args, stdin: bytes | None = None, env=None):
    return subprocess.run(
        [sys.executable, "-m", "minutes_nlp", *args],
        input=stdin,
        capture_output=True,
        check=False,
        env={**os.environ, **(env or {})},
        cwd=ROOT,
    )


def test_extract_json_follows_the_contract():
    proc = run("extract", str(FIXTURES / "thong_bao_ket_luan.txt"), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["schema_version"] == "1"
    assert set(out["meeting"]) >= {"title", "date", "organization", "chair", "attendees"}
    text = (FIXTURES / "thong_bao_ket_luan.txt").read_text(encoding="utf-8")
    for task in out["tasks"]:
        assert set(task) >= {
            "id",
            "text",
            "start",
            "end",
            "task",
            "domain",
            "assignees",
            "coordinators",
            "issuer",
            "deadline",
            "target",
            "confidence",
        }
        assert text[task["start"] : task["end"]] == task["text"]
        assert 0 <= task["confidence"] <= 1


def test_extract_from_stdin_jsonl_and_table():
    data = (FIXTURES / "press_release.txt").read_bytes()
    proc = run("extract", "-", "--format", "jsonl", stdin=data)
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(line) for line in proc.stdout.decode().splitlines() if line.strip()]
    assert len(lines) == 3
    table = run("extract", "-", "--format", "table", stdin=data, env={"COLUMNS": "160"})
    assert table.returncode == 0
    assert "2025-05-15" in table.stdout.decode()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: d, "directory"),
        (lambda d: _write(d / "empty.txt", b"   \n\t "), "empty"),
        (lambda d: _write(d / "blob.txt", bytes(range(256)) * 8), "binary"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, make, message):
    path = make(tmp_path)
    proc = run("extract", str(path))
    err = proc.stderr.decode()
    assert proc.returncode == 2
    assert len(err.strip().splitlines()) == 1, err
    assert message in err.lower()
    assert "Traceback" not in err


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_document_without_directives_gives_empty_task_list():
    proc = run("extract", "-", stdin="Ngày 5/1/2024, Sở Y tế tổ chức hội nghị tổng kết năm 2023.".encode())
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["tasks"] == []


BLOCK_NETWORK = """
import socket, sys
def _blocked(*a, **k):
    raise RuntimeError("network access attempted")
socket.socket.connect = _blocked
socket.socket.connect_ex = _blocked
socket.create_connection = _blocked
socket.getaddrinfo = _blocked
from minutes_nlp.cli import main
sys.argv = ["minutes-nlp", "extract", sys.argv[1], "--format", "json"]
main()
"""


def test_whole_pipeline_runs_with_network_blocked(tmp_path):
    env = {"HF_HUB_OFFLINE": "1", "UNDERTHESEA_FOLDER": str(tmp_path / "uts")}
    proc = subprocess.run(
        [sys.executable, "-c", BLOCK_NETWORK, str(FIXTURES / "press_release.txt")],
        capture_output=True,
        check=False,
        cwd=ROOT,
        env={**os.environ, **env},
    )
    assert proc.returncode == 0, proc.stderr.decode()[-2000:]
    assert len(json.loads(proc.stdout)["tasks"]) == 3
    assert not (tmp_path / "uts").exists() or not any((tmp_path / "uts").rglob("*.bin"))


def test_a_batch_refuses_the_table_format_in_one_line(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_bytes((FIXTURES / "press_release.txt").read_bytes())
    proc = run("extract", str(src), "--out", str(tmp_path / "out"), "--format", "table")
    assert proc.returncode == 2
    err = proc.stderr.decode().strip()
    assert len(err.splitlines()) == 1 and "json or jsonl" in err
    assert not (tmp_path / "out").exists()


def test_reference_date_dates_the_meeting_and_a_bad_one_is_a_one_line_error(tmp_path):
    doc = tmp_path / "tin.txt"
    doc.write_text(
        "UBND TỈNH HÀ LÂM\nChiều 15/8, UBND tỉnh Hà Lâm họp về phòng chống thiên tai.\n"
        "Chủ tịch UBND tỉnh yêu cầu Sở Xây dựng báo cáo trước ngày 30/8.\n",
        encoding="utf-8",
    )
    proc = run("extract", str(doc), "--reference-date", "2026-08-16")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["meeting"]["date"] == "2026-08-15"
    assert out["tasks"][0]["deadline"]["date"] == "2026-08-30"
    bad = run("extract", str(doc), "--reference-date", "16/8/2026")
    assert bad.returncode == 2
    assert bad.stderr.decode().strip().count("\n") == 0 and "YYYY-MM-DD" in bad.stderr.decode()
