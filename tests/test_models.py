"""Trained models: the shipped ones load offline and behave; the training path works on a
small slice and is deterministic for a seed."""

import json
import shutil

import pytest
from conftest import ROOT

from minutes_nlp.train import train_all
from minutes_nlp.trained import load_models


def test_shipped_models_load_and_score_sensibly():
    directive, domain, meta = load_models(ROOT / "models")
    assert directive is not None and domain is not None
    assert meta["corpus_hash"] and meta["train_documents"] >= 100
    pos, neg = directive.score_directive(
        [
            "Giao Sở Y tế chủ trì, phối hợp với các địa phương tăng cường giám sát dịch sốt xuất huyết",
            "Năm 2023, thu ngân sách trên địa bàn đạt 9.640 tỷ đồng, bằng 84,6% dự toán",
        ]
    )
    assert pos > 0.5 > neg
    probs = domain.probabilities("Sở Giáo dục và Đào tạo chuẩn bị tốt các điều kiện cho kỳ thi tốt nghiệp")
    assert max(probs, key=probs.get) == "giao_duc"
    from minutes_nlp.diacritics import TABLE_FILE, load_table
    from minutes_nlp.ingest import restore_diacritics

    assert load_table(str(ROOT / "models" / TABLE_FILE)) is not None
    # pyvi alone reads "lap ke hoach" as "lắp kế hoạch"; the shipped table knows better
    assert (
        restore_diacritics("Giao So Y te lap ke hoach tiem vac xin")
        == "Giao Sở Y tế lập kế hoạch tiêm vắc xin"
    )


def test_models_stay_small():
    size = sum(p.stat().st_size for p in (ROOT / "models").rglob("*") if p.is_file())
    assert size < 50 * 1024 * 1024


@pytest.fixture(scope="module")
def tiny_models(tmp_path_factory):
    out = tmp_path_factory.mktemp("m")
    (out / "a").mkdir()
    (out / "a" / "README.md").write_text("kept", encoding="utf-8")
    a = train_all(ROOT / "corpus", out / "a", seed=7, epochs=2, limit=6, log=lambda *_: None, tune=False)
    b = train_all(ROOT / "corpus", out / "b", seed=7, epochs=2, limit=6, log=lambda *_: None, tune=False)
    return out, a, b


def test_training_on_a_slice_writes_loadable_models(tiny_models):
    out, meta, _ = tiny_models
    assert meta["train_documents"] == 6
    assert (out / "a" / "README.md").read_text(encoding="utf-8") == "kept"  # training keeps other files
    saved = json.loads((out / "a" / "meta.json").read_text(encoding="utf-8"))
    assert saved["corpus_hash"] == meta["corpus_hash"]
    from minutes_nlp.diacritics import TABLE_FILE, load_table

    table = load_table(str(out / "a" / TABLE_FILE))
    assert table is not None and meta["diacritics_table"]["words"] == len(table["words"]) > 100
    directive, domain, _ = load_models(out / "a")
    assert 0.0 <= directive.score_directive(["Giao Sở Tài chính rà soát"])[0] <= 1.0
    assert set(domain.probabilities("rà soát")) >= {"y_te", "giao_duc"}


def test_training_is_deterministic_for_a_seed(tiny_models):
    out, _, _ = tiny_models
    da, _, _ = load_models(out / "a")
    db, _, _ = load_models(out / "b")
    texts = ["Giao Sở Tài chính rà soát các khoản chi", "Năm qua tỉnh đạt nhiều kết quả"]
    assert da.score_directive(texts) == db.score_directive(texts)


def test_a_models_folder_restores_diacritics_with_its_own_table(tiny_models, monkeypatch):
    """`--models DIR` analyses text typed without marks with DIR's table, not the shipped one."""
    from minutes_nlp.diacritics import TABLE_FILE, build_table, load_table, save_table, shipped_table
    from minutes_nlp.ingest import read_bytes
    from minutes_nlp.pipeline import Pipeline

    out, _, _ = tiny_models
    pipe = Pipeline.load(out / "a")
    assert pipe.diacritics_table == load_table(str(out / "a" / TABLE_FILE))
    assert pipe.diacritics_table is not shipped_table()

    # a table that has only ever seen "lắp kế hoạch" restores "lap ke hoach" that way
    own = out / "own"
    own.mkdir()
    for name in ("meta.json",):
        (own / name).write_text((out / "a" / name).read_text(encoding="utf-8"), encoding="utf-8")
    save_table(build_table(["Sở Y tế lắp kế hoạch tiêm vắc xin."]), own / TABLE_FILE)
    seen: list[str] = []
    analyse = Pipeline.analyse
    monkeypatch.setattr(
        Pipeline, "analyse", lambda self, text, ref=None: seen.append(text) or analyse(self, text, ref)
    )
    source = read_bytes(b"Giao So Y te lap ke hoach tiem vac xin truoc ngay 15/3/2024.\n", "x.txt")
    Pipeline.load(own).process(source)
    Pipeline.load().process(source)
    assert "lắp kế hoạch" in seen[0]
    assert "lập kế hoạch" in seen[1]  # the shipped table knows better


def test_the_directive_model_reads_the_context_it_was_trained_with(tiny_models, tmp_path):
    """A models folder records that its directive model reads the context markers; a folder
    trained before them (no such key in meta.json) gets the clause text it was trained on."""
    from minutes_nlp.pipeline import Pipeline

    out, meta, _ = tiny_models
    assert meta["directive_reads_context"] is True
    assert Pipeline.load(out / "a").classifier.reads_context

    old = tmp_path / "old"
    shutil.copytree(out / "a", old)
    saved = json.loads((old / "meta.json").read_text(encoding="utf-8"))
    del saved["directive_reads_context"]
    (old / "meta.json").write_text(json.dumps(saved), encoding="utf-8")
    assert not Pipeline.load(old).classifier.reads_context
