"""Stage 6: the meeting header, from short headers written for these tests."""

import datetime as dt

import pytest

from minutes_nlp.meeting import bare_name, extract_meeting, find_names
from minutes_nlp.normalize import normalize
from minutes_nlp.segment import classify_lines


def meeting(text):
    norm = normalize(text).text
    return extract_meeting(norm, classify_lines(norm))


@pytest.mark.parametrize(
    ("text", "date", "chair"),
    [
        (
            "UBND tỉnh Lâm Hà họp phiên thường kỳ\n\nChiều 28/4/2025, UBND tỉnh Lâm Hà tổ chức phiên họp. "
            "Đồng chí Phan Văn Khải, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh chủ trì phiên họp.",
            dt.date(2025, 4, 28),
            "Phan Văn Khải",
        ),
        (  # the notice's own date is not the day of the meeting
            "ỦY BAN NHÂN DÂN\nTỈNH BÌNH SƠN\n\nBình Sơn, ngày 12 tháng 9 năm 2024\n\nTHÔNG BÁO\n"
            "Kết luận của Phó Chủ tịch UBND tỉnh Lý Thanh Bình tại cuộc họp về dự án\n\n"
            "Ngày 09/9/2024, Phó Chủ tịch UBND tỉnh Lý Thanh Bình chủ trì cuộc họp về dự án.",
            dt.date(2024, 9, 9),
            "Lý Thanh Bình",
        ),
        (  # a dateline followed by "sáng nay" is the day held
            "Tỉnh ủy họp\n\nHòa Sơn, ngày 20/5/2025 – Sáng nay, Ban Thường vụ Tỉnh ủy họp phiên thường kỳ. "
            "Đồng chí Vi Văn Thắng, Bí thư Tỉnh ủy chủ trì phiên họp. Từ ngày 1/7/2025 sẽ vận hành bộ máy mới.",
            dt.date(2025, 5, 20),
            "Vi Văn Thắng",
        ),
        (  # minutes with header fields; degrees before the name are dropped
            "BIÊN BẢN HỌP\n\n- Thời gian: 8 giờ 30, ngày 04 tháng 7 năm 2023\n- Địa điểm: Phòng họp số 1\n"
            "- Chủ trì: PGS.TS. Nguyễn Hữu Thắng - Hiệu trưởng\n\nKết luận: giao Phòng Đào tạo rà soát, "
            "báo cáo trước ngày 15/9/2023.",
            dt.date(2023, 7, 4),
            "Nguyễn Hữu Thắng",
        ),
        (  # a cited document's date and a citation line are not the meeting
            "NGHỊ QUYẾT\n\nCăn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;\n"
            "Trên cơ sở kết luận tại Phiên họp Chính phủ thường kỳ tháng 7, tổ chức ngày 03 tháng 8 năm 2023,",
            dt.date(2023, 8, 3),
            None,
        ),
        (  # a paragraph that opens with a citation may still say, after it, when the meeting was
            "KẾT LUẬN GIÁM SÁT\n\nCăn cứ Kế hoạch giám sát năm 2018, từ ngày 01/10 đến ngày 19/10/2018, Đoàn "
            "giám sát đã làm việc tại 8 xã. Ngày 24/10/2018, ông Mai Xuân Trường, Chủ tịch HĐND thị xã chủ trì "
            "cuộc họp nghe báo cáo kết quả giám sát.",
            dt.date(2018, 10, 24),
            "Mai Xuân Trường",
        ),
        (  # "dưới sự chủ trì của"
            "Ngày 27/11/2025, UBND tỉnh Bắc Lâm tổ chức phiên họp dưới sự chủ trì của đồng chí Hồ Minh Quân, "
            "Chủ tịch UBND tỉnh.",
            dt.date(2025, 11, 27),
            "Hồ Minh Quân",
        ),
        (  # a day and month without a year take the year of the document
            "Hà Giang, 16/5/2018\nNgày 16/5, Ban Chỉ đạo tỉnh họp triển khai công tác phòng chống dịch. "
            "Đồng chí Lưu Đức Mạnh, Phó Chủ tịch UBND tỉnh chủ trì cuộc họp.",
            dt.date(2018, 5, 16),
            "Lưu Đức Mạnh",
        ),
        (  # "Bộ Giao thông vận tải" before the name is not an assignment ("giao")
            "Ngày 14/3/2024, tại Hà Nội, Thứ trưởng Bộ Giao thông vận tải Đào Minh Khôi chủ trì cuộc họp "
            "về tiến độ các dự án cao tốc.",
            dt.date(2024, 3, 14),
            "Đào Minh Khôi",
        ),
        (  # a surname of an ethnic minority
            "THÔNG BÁO\nKết luận của Phó Chủ tịch UBND tỉnh Mông Thị Lan tại cuộc họp về rừng phòng hộ\n\n"
            "Ngày 5/6/2022, UBND tỉnh họp về rừng phòng hộ.",
            dt.date(2022, 6, 5),
            "Mông Thị Lan",
        ),
        (  # the official who "làm việc với" a department
            "Ngày 9/10/2024, ông Lương Văn Tài, Phó Chủ tịch UBND tỉnh làm việc với Sở Y tế về tự chủ bệnh viện.",
            dt.date(2024, 10, 9),
            "Lương Văn Tài",
        ),
    ],
)
def test_meeting_date_and_chair(text, date, chair):
    info = meeting(text)
    assert info.date == date
    assert info.chair == chair


def test_names_need_a_surname_and_are_not_places():
    text = "UBND tỉnh Hòa Bắc và Chủ tịch UBND tỉnh Trần Quốc Nam"
    assert [text[a:b] for a, b in find_names(text)] == ["Trần Quốc Nam"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Phó Chủ tịch UBND tỉnh Hà Tĩnh Trương Công Diệu chủ trì cuộc họp", "Trương Công Diệu"),
        ("Phó Chủ tịch UBND tỉnh Hà Đông Vương Thị Lệ Quyên chủ trì", "Vương Thị Lệ Quyên"),
        ("Chủ tịch UBND huyện Lâm Hà Nguyễn Văn An phát biểu", "Nguyễn Văn An"),
    ],
)
def test_a_place_that_starts_with_a_surname_is_not_part_of_the_name(text, name):
    assert [text[a:b] for a, b in find_names(text)] == [name]


@pytest.mark.parametrize(
    ("raw", "bare"),
    [
        ("BSCKII Trần Minh Tuấn", "Trần Minh Tuấn"),
        ("Ông Bàn Văn Quý", "Bàn Văn Quý"),
        ("Bàn Văn Quý", "Bàn Văn Quý"),
    ],
)
def test_bare_name_strips_titles_only(raw, bare):
    assert bare_name(raw) == bare


def test_attendees_are_listed_as_written():
    info = meeting(
        "UBND huyện giao ban tháng 3\n\nNgày 5/3/2024, UBND huyện họp giao ban. "
        "Tham dự có lãnh đạo các phòng, ban; Chủ tịch UBND các xã, thị trấn."
    )
    assert info.attendees == ("lãnh đạo các phòng, ban", "Chủ tịch UBND các xã, thị trấn")


def test_a_given_name_that_is_also_a_surname_stays_in_the_name():
    text = "Ngày 22/8/2023, Phó Chủ tịch UBND thành phố Hồ Thị Kim Thoa đã làm việc với Sở Y tế"
    assert [text[a:b] for a, b in find_names(text)] == ["Hồ Thị Kim Thoa"]
