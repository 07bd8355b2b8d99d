"""The corpus validator: the shipped corpus is clean, and broken gold files are caught."""

import json

from conftest import ROOT

from minutes_nlp.corpus import SPLITS, validate_corpus, validate_pair


def test_shipped_corpus_validates():
    assert validate_corpus(ROOT / "corpus") == []


def test_corpus_has_the_documented_size_and_splits():
    counts = {s: len(list((ROOT / "corpus" / s).glob("*.gold.json"))) for s in SPLITS}
    assert sum(counts.values()) >= 200
    assert counts["test"] > 0 and counts["dev"] > 0


def _pair(tmp_path, text, gold):
    txt = tmp_path / "doc.txt"
    txt.write_text(text, encoding="utf-8")
    g = tmp_path / "doc.gold.json"
    g.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    return txt, g


TASK = {
    "quote": "giao Sở Y tế kiểm tra",
    "task": "Kiểm tra",
    "domain": "y_te",
    "assignees": ["Sở Y tế"],
    "coordinators": [],
    "deadline": "2024-03-15",
    "target_value": None,
    "target_unit": None,
}


def test_a_correct_pair_has_no_problem(tmp_path):
    txt, g = _pair(
        tmp_path,
        "Chủ tịch giao Sở Y tế kiểm tra.",
        {"meeting": {"date": "2024-03-01", "chair": None}, "tasks": [TASK]},
    )
    assert validate_pair(txt, g) == []


def test_problems_are_reported(tmp_path):
    bad = dict(TASK, quote="giao Sở Y tế", domain="y te", deadline="2024-02-30")
    text = "Chủ tịch giao Sở Y tế kiểm tra; giao Sở Y tế báo cáo."
    txt, g = _pair(tmp_path, text, {"meeting": {"date": "2024-13-01", "chair": None}, "tasks": [bad]})
    problems = " | ".join(validate_pair(txt, g))
    assert "meeting.date" in problems
    assert "found 2 times" in problems
    assert "not a taxonomy code" in problems
    assert "not a valid date" in problems


def test_duplicate_documents_across_splits_are_caught(tmp_path):
    gold = {"meeting": {"date": None, "chair": None}, "tasks": []}
    for split, name in (("train", "a"), ("dev", "b"), ("test", "c")):
        (tmp_path / split).mkdir()
        (tmp_path / split / f"{name}.txt").write_text("Cùng một văn bản.", encoding="utf-8")
        (tmp_path / split / f"{name}.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    problems = validate_corpus(tmp_path)
    assert any("same text" in p for p in problems)


def test_the_double_annotation_record_must_match_the_gold(tmp_path):
    (tmp_path / "train").mkdir()
    (tmp_path / "dev").mkdir()
    (tmp_path / "test").mkdir()
    (tmp_path / "train" / "d.txt").write_text("Chủ tịch giao Sở Y tế kiểm tra.", encoding="utf-8")
    gold = {"meeting": {"date": "2024-03-01", "chair": None}, "tasks": [TASK]}
    (tmp_path / "train" / "d.gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "annotation").mkdir()
    record = tmp_path / "annotation" / "domain_second_pass.jsonl"
    row = {"id": "train/d#0", "first": "y_te", "second": "tai_chinh_ngan_sach", "final": "y_te"}
    record.write_text(json.dumps(row) + "\n", encoding="utf-8")
    assert validate_corpus(tmp_path) == []
    record.write_text(json.dumps(dict(row, final="tai_chinh_ngan_sach")) + "\n", encoding="utf-8")
    assert any("gold says y_te" in p for p in validate_corpus(tmp_path))
    record.write_text(json.dumps(dict(row, id="train/d#3")) + "\n", encoding="utf-8")
    assert any("no such task" in p for p in validate_corpus(tmp_path))
