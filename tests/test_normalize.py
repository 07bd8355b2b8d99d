import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minutes_nlp.normalize import normalize


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Hoà Bắc", "Hòa Bắc"),
        ("thuỷ lợi", "thủy lợi"),
        ("khoẻ mạnh", "khỏe mạnh"),
        ("quý I", "quý I"),  # 'uý' after q is not moved
        ("hoàng hôn", "hoàng hôn"),  # closed syllable: both styles agree
        ("Sở\u00a0Y tế", "Sở Y tế"),
        ("giải\u200b ngân", "giải ngân"),
        ("hoàn thành\ntrước ngày 15/3", "hoàn thành trước ngày 15/3"),
        ("Kết luận.\nGiao Sở Y tế", "Kết luận.\nGiao Sở Y tế"),  # a real sentence end keeps its break
        (
            "a) Sở Y tế rà soát\nb) Sở Tài chính bố trí",
            "a) Sở Y tế rà soát\nb) Sở Tài chính bố trí",
        ),  # next item
        # a line that stops on a trigger or connector (and maybe a name's head) goes on
        (
            "Công an tỉnh đề nghị Sở\nGiao thông vận tải khảo sát",
            "Công an tỉnh đề nghị Sở Giao thông vận tải khảo sát",
        ),
        ("chủ trì, phối hợp với\nHiệp hội Doanh nghiệp", "chủ trì, phối hợp với Hiệp hội Doanh nghiệp"),
        ("Đồng chí giao Phòng\nKinh tế hỗ trợ", "Đồng chí giao Phòng Kinh tế hỗ trợ"),
        # a heading that ends with a whole name, or a word ending in a connector, keeps its break
        (
            "III. Kết luận của Giám đốc Sở\nGiám đốc Sở đánh giá",
            "III. Kết luận của Giám đốc Sở\nGiám đốc Sở đánh giá",
        ),
        ("các vấn đề tồn tại\nNăm 2016, Công ty", "các vấn đề tồn tại\nNăm 2016, Công ty"),
        (
            "II. KẾT LUẬN CỦA TRƯỞNG BAN CHỈ ĐẠO\nTrưởng Ban",
            "II. KẾT LUẬN CỦA TRƯỞNG BAN CHỈ ĐẠO\nTrưởng Ban",
        ),
        ("STT | Nhiệm vụ | Đơn vị chủ trì\nThời hạn", "STT | Nhiệm vụ | Đơn vị chủ trì\nThời hạn"),
    ],
)
def test_normalize_text(raw, expected):
    assert normalize(raw).text == expected


def test_nfd_input_maps_back_to_original_spans():
    original = unicodedata.normalize("NFD", "Giao Sở Tài chính hoàn thành trước ngày 15/4/2024")
    norm = normalize(original)
    assert norm.text == unicodedata.normalize("NFC", original)
    i = norm.text.index("Sở Tài chính")
    a, b = norm.to_original(i, i + len("Sở Tài chính"))
    assert unicodedata.normalize("NFC", original[a:b]) == "Sở Tài chính"


def test_normalize_is_idempotent_on_examples():
    text = "Hoà\u00a0Bình, thuỷ\u200b lợi\nmiền núi."
    once = normalize(text).text
    assert normalize(once).text == once


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_offsets_always_point_into_the_original(text):
    norm = normalize(text)
    assert len(norm.offsets) == len(norm.text) + 1
    for i in range(len(norm.text)):
        a, b = norm.to_original(i, i + 1)
        assert 0 <= a < b <= len(text)
    assert normalize(norm.text).text == norm.text
