"""Targets: a table of task clauses -> the main measurable goal (value, unit, comparator), negatives -> None."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minutes_nlp import targets
from minutes_nlp.targets import find_target, find_targets, parse_number

ROWS = [
    # --- percentages and plans
    ("phấn đấu tỷ lệ giải ngân đạt trên 95% kế hoạch", 95.0, "%", "gt"),
    ("giải ngân 100% kế hoạch vốn được giao", 100.0, "%", "eq"),
    ("tỷ lệ hồ sơ trực tuyến toàn trình đạt ít nhất 80%", 80.0, "%", "ge"),
    ("bảo đảm không dưới 30% kinh phí cho sự nghiệp giáo dục", 30.0, "%", "ge"),
    ("tai nạn giao thông giảm 5% so với cùng kỳ", 5.0, "%", "eq"),
    ("tăng trưởng GRDP đạt 8,3–8,5%", 8.3, "%", "range"),
    ("tốc độ tăng trưởng kinh tế 8,3 - 8,5%", 8.3, "%", "range"),
    ("phấn đấu tăng trưởng từ 7 đến 7,5%", 7.0, "%", "range"),
    ("tỷ lệ che phủ rừng đạt 42,5%", 42.5, "%", "eq"),
    ("tỷ lệ hộ nghèo giảm còn dưới 2%", 2.0, "%", "lt"),
    ("tỷ lệ nợ xấu không quá 3%", 3.0, "%", "le"),
    ("tối đa 10% số hồ sơ giải quyết quá hạn", 10.0, "%", "le"),
    ("tỷ lệ tham gia bảo hiểm y tế khoảng 95%", 95.0, "%", "approx"),
    ("thu ngân sách vượt 10% dự toán", 10.0, "%", "gt"),
    ("tổng kim ngạch xuất khẩu tăng trên 12% so với năm trước", 12.0, "%", "gt"),
    ("chi thường xuyên tiết kiệm tối thiểu 10%", 10.0, "%", "ge"),
    ("tỷ lệ trẻ em tiêm chủng đầy đủ đạt 98 %", 98.0, "%", "eq"),
    ("doanh thu bán lẻ tăng 15 phần trăm", 15.0, "%", "eq"),
    ("phấn đấu số hóa hồ sơ đạt 3.5%", 3.5, "%", "eq"),
    # --- money
    ("bảo đảm thu ngân sách năm 2024 đạt trên 11.400 tỷ đồng", 11400.0, "tỷ đồng", "gt"),
    ("doanh thu cả năm 2025 đạt 2.500 tỷ đồng", 2500.0, "tỷ đồng", "eq"),
    ("huy động tối thiểu 150 triệu đồng cho quỹ khuyến học", 150.0, "triệu đồng", "ge"),
    ("thu hút vốn đầu tư đạt 1,5 tỷ USD", 1.5, "tỷ USD", "eq"),
    ("kim ngạch xuất khẩu đạt 320 triệu USD", 320.0, "triệu USD", "eq"),
    ("tổng vốn đầu tư xã hội khoảng 2,1 nghìn tỷ đồng", 2.1, "nghìn tỷ đồng", "approx"),
    ("giải ngân 1.240,5 tỷ đồng vốn đầu tư công", 1240.5, "tỷ đồng", "eq"),
    ("thu nhập bình quân đạt 75 triệu đồng/người/năm", 75.0, "triệu đồng", "eq"),
    ("thu tiền sử dụng đất không dưới 500 tỷ đồng", 500.0, "tỷ đồng", "ge"),
    ("chi hỗ trợ 12.000.000 đồng mỗi hộ", 12000000.0, "đồng", "eq"),
    ("tổng mức đầu tư không vượt quá 85 tỷ đồng", 85.0, "tỷ đồng", "le"),
    # --- counts and physical units
    ("ký tối thiểu 15 hợp đồng mới", 15.0, "hợp đồng", "ge"),
    ("hoàn thành 23 đề án trình HĐND tỉnh", 23.0, "đề án", "eq"),
    ("trồng mới 120 ha rừng phòng hộ", 120.0, "ha", "eq"),
    ("thu hút 1,2 triệu lượt khách du lịch", 1.2, "triệu lượt khách", "eq"),
    ("đào tạo nghề cho 1.500 lao động nông thôn", 1500.0, "lao động", "eq"),
    ("xây dựng 12 phòng học mới", 12.0, "phòng học", "eq"),
    ("bố trí 300 giường bệnh", 300.0, "giường bệnh", "eq"),
    ("hỗ trợ xây nhà cho từ 50 hộ trở lên", 50.0, "hộ", "ge"),
    ("khoảng 200 hộ dân phải di dời", 200.0, "hộ dân", "approx"),
    ("cứng hóa 35 km đường giao thông nông thôn", 35.0, "km", "eq"),
    ("nạo vét 4.200 m kênh mương", 4200.0, "m", "eq"),
    ("sản lượng lương thực đạt trên 1,2 triệu tấn", 1.2, "triệu tấn", "gt"),
    ("giải quyết không quá 3 hồ sơ trễ hạn mỗi tháng", 3.0, "hồ sơ", "le"),
    ("có ít nhất 5 doanh nghiệp tham gia", 5.0, "doanh nghiệp", "ge"),
    ("thành lập mới 400 doanh nghiệp", 400.0, "doanh nghiệp", "eq"),
    ("phấn đấu 10 xã đạt chuẩn nông thôn mới nâng cao", 10.0, "xã", "eq"),
    ("công nhận thêm 25 sản phẩm OCOP", 25.0, "sản phẩm OCOP", "eq"),
    ("tuyển chọn 120 chiến sĩ mới", 120.0, "chiến sĩ", "eq"),
    ("hơn 60 cơ quan, đơn vị triển khai chữ ký số", 60.0, "cơ quan, đơn vị", "gt"),
    ("đón trên 2 triệu lượt khách", 2.0, "triệu lượt khách", "gt"),
    ("cấp 2.000 tài khoản định danh mức 2", 2000.0, "tài khoản", "eq"),
    ("tiêm vắc xin cho khoảng 1,2 triệu người", 1.2, "triệu người", "approx"),
    ("lắp đặt ít nhất 40 trạm sạc cho xe điện", 40.0, "trạm sạc", "ge"),
    ("xây mới tối thiểu 15 nhà cho hộ nghèo", 15.0, "nhà", "ge"),
    # --- service times after a reduction cue, text without diacritics, descriptions
    ("rút ngắn thời gian cấp phép xuống còn không quá 10 ngày", 10.0, "ngày", "le"),
    ("giảm thời gian chờ khám xuống dưới 30 phút", 30.0, "phút", "lt"),
    ("giải quyết hồ sơ thuế xuống còn 5 ngày làm việc", 5.0, "ngày làm việc", "eq"),
    ("phan dau thu hut them it nhat 150 trieu USD von dang ky", 150.0, "trieu USD", "ge"),
    ("giam no dong xuong duoi 300 ty dong", 300.0, "ty dong", "lt"),
    ("ty le giai ngan dat tren 95% ke hoach", 95.0, "%", "gt"),
    ("tiêm đủ 2 mũi cho 70% người dân", 70.0, "%", "eq"),
    ("phát sóng ít nhất 2 lần mỗi tuần", 2.0, "lần", "ge"),
    ("nâng cấp mặt đường rộng 9 m", None, None, None),
    ("mỗi doanh nghiệp không bị thanh tra quá 1 lần/năm", None, None, None),
    # --- not targets: dates, times, document numbers, roads, ordinals, durations, names
    ("hoàn thành trước ngày 15/3/2024", None, None, None),
    ("theo Thông báo số 512/TB-UBND của UBND tỉnh", None, None, None),
    ("triển khai Đề án 06 của Chính phủ", None, None, None),
    ("nâng cấp tỉnh lộ 153 đoạn qua xã", None, None, None),
    ("mở rộng tuyến ĐT.927", None, None, None),
    ("sửa chữa mặt đường Quốc lộ 1A", None, None, None),
    ("chuẩn bị Đại hội lần thứ III", None, None, None),
    ("đại biểu Quốc hội khóa XV", None, None, None),
    ("phòng chống thiên tai cấp 1", None, None, None),
    ("cung cấp dịch vụ công mức độ 2", None, None, None),
    ("thu hồi nợ quá hạn trên 90 ngày", None, None, None),
    ("quản lý trẻ từ đủ 14 tuổi", None, None, None),
    ("báo cáo trong vòng 3 ngày", None, None, None),
    ("đánh giá sau 5 năm thực hiện", None, None, None),
    ("bố trí trực 3 ca, 4 kíp", None, None, None),
    ("sửa chữa phòng họp tầng 2 nhà B", None, None, None),
    ("triển khai kế hoạch năm 2025", None, None, None),
    ("tuyển sinh năm học 2024 - 2025", None, None, None),
    ("họp lúc 14 giờ 30", None, None, None),
    ("tăng cường công tác tuyên truyền", None, None, None),
    ("thực hiện Nghị định 100/2019/NĐ-CP", None, None, None),
    ("Điều 5 của quy chế", None, None, None),
    ("giao 5 sở ngành phối hợp kiểm tra", None, None, None),
]


def test_table_is_big_enough() -> None:
    assert len(ROWS) >= 60
    assert sum(1 for row in ROWS if row[1] is None) >= 15


@pytest.mark.parametrize(("clause", "value", "unit", "comparator"), ROWS)
def test_find_target_table(
    clause: str, value: float | None, unit: str | None, comparator: str | None
) -> None:
    found = find_target(clause)
    if value is None:
        assert found is None, found
        return
    assert found is not None, clause
    assert found.value == pytest.approx(value)
    assert found.unit == unit
    assert found.comparator == comparator
    assert clause[found.start : found.end] == found.text


@pytest.mark.parametrize(
    ("clause", "text", "metric"),
    [
        ("phấn đấu tỷ lệ giải ngân đạt trên 95% kế hoạch", "đạt trên 95% kế hoạch", "tỷ lệ giải ngân"),
        ("ký tối thiểu 15 hợp đồng mới", "tối thiểu 15 hợp đồng", "ký"),
        (
            "bảo đảm thu ngân sách năm 2024 đạt trên 11.400 tỷ đồng",
            "đạt trên 11.400 tỷ đồng",
            "thu ngân sách năm 2024",
        ),
        ("doanh thu cả năm 2025 đạt 2.500 tỷ đồng", "đạt 2.500 tỷ đồng", "doanh thu cả năm 2025"),
        ("tai nạn giao thông giảm 5% so với cùng kỳ", "giảm 5% so với cùng kỳ", "tai nạn giao thông giảm"),
    ],
)
def test_target_text_and_metric(clause: str, text: str, metric: str) -> None:
    found = find_target(clause)
    assert found is not None
    assert found.text == text
    assert found.metric == metric


def test_range_upper_bound() -> None:
    found = find_target("tăng trưởng GRDP đạt 8,3–8,5%")
    assert found is not None and found.value_max == pytest.approx(8.5)
    assert find_target("tỷ lệ che phủ rừng đạt 42,5%").value_max is None


def test_main_target_prefers_a_goal_cue() -> None:
    clause = "năm 2024 giải ngân 2.000 tỷ đồng, phấn đấu năm 2025 đạt trên 95% kế hoạch"
    assert [t.value for t in find_targets(clause)] == [2000.0, 95.0]
    assert find_target(clause).value == 95.0


def test_offsets_map_back_to_decomposed_input() -> None:
    clause = unicodedata.normalize("NFD", "Sở Công Thương bảo đảm thu ngân sách đạt trên 11.400 tỷ đồng")
    found = find_target(clause)
    assert found is not None and found.value == 11400.0
    assert clause[found.start : found.end] == found.text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2.500", 2500.0),
        ("3,5", 3.5),
        ("1.240,5", 1240.5),
        ("12", 12.0),
        ("12.000.000", 12000000.0),
        ("0,75", 0.75),
        ("3.5", 3.5),
        ("hai", 2.0),
        ("một trăm", 100.0),
        ("abc", None),
        ("1.2.3", None),
        ("", None),
        ("2.50", 2.5),
    ],
)
def test_parse_number(text: str, value: float | None) -> None:
    assert parse_number(text) == value


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=200))
def test_never_raises_and_offsets_round_trip(text: str) -> None:
    targets._scan(text)  # the internals themselves, not only the guarded public functions
    found = find_target(text)
    if found is not None:
        assert text[found.start : found.end] == found.text
    for t in find_targets(text):
        assert text[t.start : t.end] == t.text
    parse_number(text)


_PIECES = st.sampled_from(
    [
        "đạt",
        "trên",
        "tối thiểu",
        "95",
        "%",
        "2.500",
        "1,2",
        "triệu",
        "tỷ đồng",
        "hộ",
        "-",
        "–",
        "8,3",
        "từ",
        "trở lên",
        "so với cùng kỳ",
        "số",
        "ngày",
        "15/3",
        "giảm",
        "khoảng",
        "\u0301",
        ",",
    ]
)


@settings(max_examples=200, deadline=None)
@given(parts=st.lists(_PIECES, max_size=14))
def test_never_raises_on_target_like_noise(parts: list[str]) -> None:
    text = " ".join(parts)
    targets._scan(text)
    for t in find_targets(text):
        assert text[t.start : t.end] == t.text
