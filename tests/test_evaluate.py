"""`minutes-nlp evaluate` uses the shared scorer's definitions."""

import json
import shutil
import subprocess
import sys

import pytest
from conftest import FIXTURES, ROOT

from minutes_nlp.corpus import GoldDocument, GoldTask
from minutes_nlp.evaluate import bag_f1, evaluate, match, name_f1

SHARED_SCORER = ROOT.parent / "shared" / "eval" / "score.py"


def gold(start, end):
    return GoldTask(start, end, "q", "t", "y_te", (), (), None, (), None, None)


def test_matching_needs_half_overlap_both_ways_and_is_one_to_one():
    g = (gold(0, 100), gold(100, 140))
    pred = [{"start": 0, "end": 60}, {"start": 0, "end": 30}, {"start": 90, "end": 140}]
    pairs = match(pred, g)
    assert [(p["start"], p["end"]) for p, _ in pairs] == [(0, 60), (90, 140)]


def test_name_and_bag_f1():
    assert name_f1(["các sở, ngành"], ["Các sở, ngành"]) == 1.0
    assert name_f1(["Sở Y tế và các địa phương"], ["Sở Y tế", "các địa phương"]) == pytest.approx(2 / 3)
    assert bag_f1(["rà", "soát"], ["rà", "soát", "hồ", "sơ"]) == pytest.approx(2 / 3)


def test_evaluate_command_agrees_with_the_shared_scorer(tmp_path):
    if not SHARED_SCORER.exists():
        pytest.skip("../shared/eval/score.py is not beside this checkout")
    folder = tmp_path / "set"
    folder.mkdir()
    for name in ("a_hop_ubnd_son_nam_2018_06", "b_thong_bao_huyen_dong_khe_2024_10"):
        for suffix in (".txt", ".gold.json"):
            shutil.copy(ROOT / "corpus" / "dev" / f"{name}{suffix}", folder)
    ours = tmp_path / "ours.json"
    theirs = tmp_path / "theirs.json"
    run = [sys.executable, "-m", "minutes_nlp"]
    r1 = subprocess.run(
        [*run, "evaluate", str(folder), "--json", str(ours)], capture_output=True, cwd=ROOT, check=False
    )
    assert r1.returncode == 0, r1.stderr
    cmd = f"{sys.executable} -m minutes_nlp extract {{path}} --format json"
    r2 = subprocess.run(
        [sys.executable, str(SHARED_SCORER), str(folder), "--cmd", cmd, "--json", str(theirs)],
        capture_output=True,
        cwd=ROOT,
        check=False,
    )
    assert r2.returncode == 0, r2.stderr
    a, b = json.loads(ours.read_text()), json.loads(theirs.read_text())
    for key in (
        "detect_p",
        "detect_r",
        "detect_f1",
        "full_f1",
        "deadline_acc",
        "domain_acc",
        "assignee_f1",
        "task_f1",
        "meeting_date_acc",
        "chair_acc",
    ):
        assert a[key] == b[key], key


def test_errors_flag_lists_misses_and_false_alarms(tmp_path):
    folder = tmp_path / "one"
    folder.mkdir()
    text = (FIXTURES / "press_release.txt").read_text(encoding="utf-8")
    (folder / "doc.txt").write_text(text, encoding="utf-8")
    quote = "Sở Nông nghiệp và Môi trường chủ trì, phối hợp với UBND các huyện ven biển rà soát phương án phòng, chống bão, hoàn thành trước ngày 15/5/2025"
    missing = "Các cuộc họp tiếp theo sẽ được tổ chức vào cuối tháng 5"
    tasks = [
        {
            "quote": q,
            "task": "x",
            "domain": "tai_nguyen_moi_truong",
            "assignees": [],
            "coordinators": [],
            "deadline": None,
            "target_value": None,
            "target_unit": None,
        }
        for q in (quote, missing)
    ]
    (folder / "doc.gold.json").write_text(
        json.dumps(
            {"meeting": {"date": "2025-04-28", "chair": "Phan Văn Khải"}, "tasks": tasks}, ensure_ascii=False
        ),
        encoding="utf-8",
    )
    r = subprocess.run(
        [sys.executable, "-m", "minutes_nlp", "evaluate", str(folder), "--errors"],
        capture_output=True,
        cwd=ROOT,
        check=False,
        text=True,
    )
    assert r.returncode == 0, r.stderr
    assert "[missed] doc: 'Các cuộc họp tiếp theo" in r.stdout
    assert "[false_alarm] doc: 'yêu cầu các chủ đầu tư" in r.stdout


def test_coordinator_f1_scores_the_helpers_of_matched_tasks():
    """Our own field, not in the shared scorer: who assists, by the assignee's name F1."""
    text = "Giao Sở Y tế phối hợp với Sở Tài chính rà soát. Giao Sở Xây dựng kiểm tra."
    first, second = text.index("Giao Sở Y"), text.index("Giao Sở X")
    tasks = (
        GoldTask(first, second - 2, "q1", "t", "y_te", ("Sở Y tế",), ("Sở Tài chính",), None, (), None, None),
        GoldTask(second, len(text) - 1, "q2", "t", "y_te", ("Sở Xây dựng",), (), None, (), None, None),
    )
    doc = GoldDocument("d", ROOT / "d.txt", text, None, None, tasks)

    def predict(helpers):
        spans = [(g.start, g.end) for g in tasks]
        return lambda _doc: {
            "tasks": [
                {"start": a, "end": b, "text": text[a:b], "coordinators": c}
                for (a, b), c in zip(spans, helpers, strict=True)
            ]
        }

    assert evaluate([doc], predict([["Sở Tài chính"], []]))[0]["coordinator_f1"] == 1.0
    # a helper invented for the second task, none found for the first
    assert evaluate([doc], predict([[], ["Công an tỉnh"]]))[0]["coordinator_f1"] == 0.0
