"""Restoring diacritics from corpus n-grams: context decides between readings, the table is
saved byte-identically, a damaged table is a clear error."""

import gzip

import pytest

from minutes_nlp.diacritics import build_table, load_table, restore_words, save_table, unaccent
from minutes_nlp.errors import ModelError
from minutes_nlp.ingest import restore_diacritics

TEXTS = [
    "Thanh tra tỉnh thanh tra việc cấp phép xây dựng.",
    "Sở Xây dựng lập kế hoạch kiểm tra. Phòng Quản lý đô thị lập kế hoạch phân luồng.",
    "Trung tâm lắp đặt camera giám sát. Công ty lắp đặt thêm đèn tín hiệu.",
    "Ban Quản lý lập kế hoạch bảo trì, lắp đặt biển báo trước ngày 30.",
]


def restored(text: str, table: dict) -> str:
    chars = list(text)
    for position, ch in restore_words(text, table).items():
        chars[position] = ch
    return "".join(chars)


def test_context_chooses_between_readings_of_the_same_letters():
    table = build_table(TEXTS)
    # "lap" is "lập" before "ke hoach" and "lắp" before "dat"
    assert restored("Doi Quan ly lap ke hoach, lap dat bien bao", table) == (
        "Doi Quản lý lập kế hoạch, lắp đặt biển báo"
    )
    assert restored("THANH TRA TINH", table) == "THANH TRA TỈNH"  # the case is the input's


def test_words_already_marked_or_unknown_are_left_alone():
    table = build_table(TEXTS)
    assert restored("lập kế hoach xyz", table) == "lập kế hoạch xyz"


def test_unaccent_keeps_length():
    assert unaccent("Đường Trần Hưng Đạo") == "Duong Tran Hung Dao"


def test_table_round_trip_is_byte_identical(tmp_path):
    a, b = tmp_path / "a.json.gz", tmp_path / "b.json.gz"
    save_table(build_table(TEXTS), a)
    save_table(build_table(list(TEXTS)), b)
    assert a.read_bytes() == b.read_bytes()
    assert load_table(str(a)) == build_table(TEXTS)


def test_a_damaged_table_is_a_model_error(tmp_path):
    bad = tmp_path / "bad.json.gz"
    bad.write_bytes(gzip.compress(b'{"words": {}}'))
    with pytest.raises(ModelError, match="not a diacritics table"):
        load_table(str(bad))
    broken = tmp_path / "broken.json.gz"
    broken.write_bytes(b"not gzip")
    with pytest.raises(ModelError, match="unreadable"):
        load_table(str(broken))


def test_restoring_a_document_uses_the_table_over_pyvi():
    table = build_table(TEXTS)
    text = "Chu tich UBND yeu cau Thanh tra tinh thanh tra viec cap phep xay dung tai phuong."
    result = restore_diacritics(text, table)
    assert result is not None and len(result) == len(text)
    assert "Thanh tra tỉnh thanh tra việc cấp phép xây dựng" in result
