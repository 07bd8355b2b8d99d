from conftest import fixture_text

from minutes_nlp.segment import classify_lines, segment, split_clauses, split_sentences


def kinds(text):
    return {ln.text.strip(): ln.kind for ln in classify_lines(text) if ln.kind != "blank"}


def test_press_release_furniture_is_recognised():
    k = kinds(fixture_text("press_release.txt"))
    assert k["UBND tỉnh Lâm Hà họp phiên thường kỳ tháng 4/2025"] == "title"
    assert k["Đồng chí Phan Văn Khải phát biểu kết luận phiên họp"] == "caption"
    assert k["Minh Anh"] == "byline"


def test_official_notice_header_dateline_and_footer():
    k = kinds(fixture_text("thong_bao_ket_luan.txt"))
    assert k["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"] == "header"
    assert k["Bình Sơn, ngày 12 tháng 9 năm 2024"] == "dateline"
    assert k["THÔNG BÁO"] == "doctype"
    assert k["Nơi nhận:"] == "footer"
    assert k["Đỗ Minh Châu"] == "footer"
    assert (
        k[
            "a) Chỉ đạo nhà thầu bổ sung máy móc, nhân lực, phấn đấu hoàn thành 12 km mặt đường trong quý IV/2024."
        ]
        == "item"
    )


def test_list_items_point_to_the_line_that_introduces_them():
    lines = classify_lines(fixture_text("thong_bao_ket_luan.txt"))
    by_text = {ln.text.strip()[:12]: ln for ln in lines if ln.kind != "blank"}
    intro = by_text["3. Giao Sở G"]
    assert by_text["a) Chỉ đạo n"].parent == intro.index
    assert by_text["b) Phối hợp "].parent == intro.index


def test_a_list_under_an_intro_line_inside_a_numbered_section_answers_the_intro():
    """'3. Kết luận\nHĐQT giao Giám đốc điều hành:\na) ...': a) and b) belong to the intro line,
    not to '3.'; '4.' closes that list and '5.' stays a sibling of it."""
    text = (
        "Sáng 10/3/2017, Hội đồng quản trị Công ty họp phiên thường kỳ.\n"
        "3. Về sản xuất, kinh doanh, Hội đồng quản trị thống nhất kế hoạch năm 2017.\n"
        "Hội đồng quản trị giao Giám đốc điều hành:\n"
        "a) Đàm phán hợp đồng cung cấp đá.\n"
        "b) Nộp hồ sơ gia hạn thuê đất.\n"
        "4. Về nhân sự, Hội đồng quản trị bổ nhiệm Kế toán trưởng.\n"
        "5. Về cổ tức, Hội đồng quản trị trình Đại hội mức 12%.\n"
    )
    lines = {ln.text.strip()[:8]: ln for ln in classify_lines(text) if ln.kind != "blank"}
    intro = lines["Hội đồng"].index
    assert lines["a) Đàm p"].parent == intro
    assert lines["b) Nộp h"].parent == intro
    assert lines["4. Về nh"].parent is None
    assert lines["5. Về cổ"].parent is None


def test_a_second_intro_line_opens_its_own_list():
    text = (
        "Sáng 05/9/2023, Bệnh viện họp giao ban.\nCác khoa báo cáo:\n- Khoa Dược đã nhập đủ thuốc.\n"
        "Giám đốc yêu cầu:\n- Khoa Dược cung ứng đủ test nhanh.\n"
    )
    lines = [ln for ln in classify_lines(text) if ln.kind != "blank"]
    assert [ln.parent for ln in lines if ln.kind == "item"] == [1, 3]


def test_a_labelled_deadline_after_a_semicolon_stays_with_its_clause():
    text = "Giao Sở Tài chính bố trí kinh phí; thời gian hoàn thành: trước ngày 20/11/2023"
    assert [s for _, _, _, s in split_clauses(text)] == [None]
    assert [text[a:b] for a, b, _, _ in split_clauses(text)] == [text]


def test_sentences_do_not_break_after_abbreviations():
    text = "Đoàn công tác làm việc tại TP. Hồ Chí Minh và TX. Phú Mỹ. Giao Sở Y tế kiểm tra."
    spans = split_sentences(text, 0, len(text))
    assert [text[a:b] for a, b in spans] == [
        "Đoàn công tác làm việc tại TP. Hồ Chí Minh và TX. Phú Mỹ.",
        "Giao Sở Y tế kiểm tra.",
    ]


def test_enumeration_of_tasks_gives_one_unit_per_item():
    s = "Chủ tịch yêu cầu các sở, ngành: rà soát các dự án chậm tiến độ; đẩy nhanh giải ngân; báo cáo kết quả trước ngày 15/5"
    units = split_clauses(s)
    assert [r for _, _, r, _ in units] == ["intro", "item", "item", "item"]
    assert s[units[2][0] : units[2][1]] == "đẩy nhanh giải ngân"


def test_ordinal_words_open_list_items():
    text = (
        "Kết luận, Bí thư đề nghị tập trung một số nội dung trọng tâm:\n\n"
        "Một là, các chi bộ tổ chức kiểm điểm đảng viên trước ngày 10/12.\n\n"
        "Hai là, UBND xã giải quyết dứt điểm 3 đơn tranh chấp đất.\n\n"
        "Thứ ba, Văn phòng chuẩn bị dự thảo nghị quyết năm 2025.\n"
    )
    items = [ln for ln in classify_lines(text) if ln.kind == "item"]
    assert [ln.marker for ln in items] == ["Một là,", "Hai là,", "Thứ ba,"]
    assert text[items[1].content_start :].startswith("UBND xã giải quyết")


def test_trigger_with_do_it_now_opens_a_list_of_tasks():
    s = "Ông yêu cầu các phòng thực hiện ngay: thăm hỏi các gia đình chính sách; kiểm tra chợ đêm; bình ổn giá thịt lợn"
    assert [r for _, _, r, _ in split_clauses(s)] == ["intro", "item", "item", "item"]


def test_a_name_with_a_verb_in_it_does_not_make_the_addressee_act():
    s = (
        "Ông yêu cầu các thành viên Ban Chỉ đạo và UBND các xã: giao chỉ tiêu cho từng thôn; "
        "phấn đấu giảm 1,5% hộ nghèo; tổ chức rà soát hộ cận nghèo cuối năm"
    )
    assert [r for _, _, r, _ in split_clauses(s)] == ["intro", "item", "item", "item"]


def test_a_sentence_that_announces_the_tasks_is_an_intro():
    s = "Kết luận, Giám đốc Sở đề nghị các phòng tập trung một số nhiệm vụ trọng tâm."
    assert [r for _, _, r, _ in split_clauses(s)] == ["intro"]
    s = "Giám đốc Sở đề nghị các phòng tập trung rà soát hồ sơ tồn đọng."
    assert [r for _, _, r, _ in split_clauses(s)] == ["sentence"]


def test_enumeration_of_topics_stays_one_task():
    s = "Chuẩn bị tốt báo cáo: tình hình thu ngân sách; kết quả giải ngân; công tác cải cách hành chính"
    units = split_clauses(s)
    assert len(units) == 1
    assert s[units[0][0] : units[0][1]] == s


def test_semicolon_parts_with_own_action_are_separate():
    s = "Sở Y tế tăng cường giám sát dịch bệnh; phối hợp với Sở Giáo dục và Đào tạo tổ chức tiêm chủng trong tháng 10"
    units = split_clauses(s)
    assert len(units) == 2
    assert s[units[1][0] : units[1][1]].startswith("phối hợp với")


def test_semicolon_part_with_a_verb_the_lexicon_lacks_is_separate():
    # "cung ứng" and "hoàn trả" are not in the action lexicon; the POS tagger finds them
    s = "Trạm Y tế giám sát ca bệnh tại thôn Đông; Tổ Dược cung ứng đủ 500 liều thuốc trong 5 ngày"
    units = split_clauses(s)
    assert [s[a:b] for a, b, _, _ in units][1] == "Tổ Dược cung ứng đủ 500 liều thuốc trong 5 ngày"
    s = "Nhà thầu hoàn thành 3 km ống nước trong quý III; hoàn trả mặt đường thôn trước ngày 10/8"
    assert len(split_clauses(s)) == 2


def test_noun_phrase_after_semicolon_still_continues_the_clause():
    s = "Sở Công Thương kiểm tra các cửa hàng xăng dầu, cơ sở kinh doanh gas; các chợ đầu mối trên địa bàn"
    assert len(split_clauses(s)) == 1


def test_a_part_that_only_says_by_when_stays_with_its_clause():
    s = "UBND huyện xử lý dứt điểm nước rỉ rác tại bãi rác tạm Bình Lợi; hoàn thành trước ngày 31/10/2022"
    assert [s[a:b] for a, b, _, _ in split_clauses(s)] == [s]
    s = "Bệnh viện mua sắm thuốc theo hình thức mua sắm trực tiếp; xong trước 30.4"
    assert len(split_clauses(s)) == 1
    # a completion verb with an object of its own is a clause of its own
    s = "Sở Công Thương kiểm tra các cửa hàng xăng dầu; hoàn thành nâng cấp phần mềm trong quý 3/2018"
    assert len(split_clauses(s)) == 2


def test_action_intro_whose_items_are_noun_phrases_is_one_task():
    s = (
        "Chủ tịch giao Văn phòng UBND tỉnh hoàn thiện hồ sơ trình Thường trực HĐND tỉnh, gồm đủ các văn bản: "
        "tờ trình đề án; dự thảo nghị quyết; báo cáo thẩm định"
    )
    units = split_clauses(s)
    assert len(units) == 1 and units[0][2] == "sentence"
    s = (
        "Chủ tịch yêu cầu Sở Tài chính hoàn thiện các nội dung: dự toán thu chi năm 2026; "
        "phương án phân bổ vốn sự nghiệp; kế hoạch tài chính 5 năm"
    )
    assert len(split_clauses(s)) == 1


def test_action_intro_whose_items_name_their_own_agency_gives_one_unit_per_item():
    s = (
        "ông Âu Minh Triết đề nghị các đơn vị nghiêm túc thực hiện kết luận thanh tra, cụ thể: "
        "Ban Quản lý dự án công trình giao thông giảm trừ giá trị thanh toán 3,4 tỷ đồng; "
        "Sở Giao thông vận tải chỉ đạo nhà thầu sửa chữa đoạn mặt đường bị lún"
    )
    units = split_clauses(s)
    assert [u[2] for u in units] == ["intro", "item", "item"]
    assert s[units[2][0] : units[2][1]].startswith("Sở Giao thông vận tải chỉ đạo")


def test_related_news_headlines_are_page_furniture():
    text = (
        "Ngày 3/4/2024, Sở Y tế họp giao ban.\n"
        "Giám đốc Sở yêu cầu các bệnh viện bảo đảm đủ thuốc.\n\n"
        "Tin liên quan\n"
        "● Lâm Hà: Ra quân diệt lăng quăng phòng sốt xuất huyết\n"
        "● Tăng cường kiểm tra an toàn thực phẩm dịp lễ\n\n"
        "Thu Hà"
    )
    assert kinds(text)["● Tăng cường kiểm tra an toàn thực phẩm dịp lễ"] == "caption"
    assert kinds(text)["Thu Hà"] == "byline"


def test_topic_label_stays_inside_its_item():
    s = "Về đô thị: đẩy nhanh giải phóng mặt bằng các dự án trọng điểm"
    ((a, b, _, label),) = split_clauses(s)
    assert s[a:b] == s and label == "Về đô thị"


def test_task_table_rows_become_units_with_cells():
    text = (
        "Giao nhiệm vụ cụ thể như sau:\n"
        "STT | Nhiệm vụ | Đơn vị chủ trì | Thời hạn\n"
        "1 | Rà soát hồ sơ đất đai | Sở Tài nguyên và Môi trường | 30/6/2024\n"
    )
    seg = segment(text)
    rows = [u for u in seg.units if u.role == "row"]
    assert len(rows) == 1
    assert rows[0].text == "Rà soát hồ sơ đất đai | Sở Tài nguyên và Môi trường | 30/6/2024"
    assert [h for h, _, _ in rows[0].cells] == ["number", "task", "lead", "deadline"]


def test_a_data_row_with_header_words_is_not_a_new_header():
    text = (
        "STT | Nội dung nhiệm vụ | Đơn vị chủ trì | Thời hạn\n"
        "1 | Đôn đốc doanh nghiệp, ngăn ngừa ngừng việc tập thể | Phòng Lao động - Việc làm | 15/01/2023\n"
        "2 | Thanh tra việc đóng bảo hiểm xã hội | Thanh tra Sở | Quý I/2023\n"
    )
    rows = [u for u in segment(text).units if u.role == "row"]
    assert len(rows) == 2
    for row in rows:
        assert [h for h, _, _ in row.cells] == ["number", "task", "lead", "deadline"]
    lead = next((a, b) for h, a, b in rows[1].cells if h == "lead")
    assert text[lead[0] : lead[1]] == "Thanh tra Sở"


def test_a_row_whose_lead_column_comes_first_starts_at_the_lead():
    text = (
        "Các nhiệm vụ cụ thể được phân công theo bảng sau:\n"
        "TT | Đơn vị thực hiện | Nội dung | Thời hạn\n"
        "1 | Sở Y tế | Bố trí phòng khám vệ tinh tại khu công nghiệp | Năm 2016\n"
    )
    (row,) = [u for u in segment(text).units if u.role == "row"]
    assert row.text == "Sở Y tế | Bố trí phòng khám vệ tinh tại khu công nghiệp | Năm 2016"
    assert [h for h, _, _ in row.cells] == ["number", "lead", "task", "deadline"]


def test_a_pasted_one_paragraph_release_is_body_not_title():
    text = "Chiều 15/8, UBND tỉnh họp. Chủ tịch UBND tỉnh yêu cầu Sở Xây dựng báo cáo trước ngày 30/8.\n"
    assert [ln.kind for ln in classify_lines(text) if ln.text.strip()] == ["body"]
    titled = (
        "Thông báo kết luận của Chủ tịch UBND tỉnh tại cuộc họp về phòng chống thiên tai\nNgày 15/8/2026, ..."
    )
    assert classify_lines(titled)[0].kind == "title"
    abbreviated = "Kết luận của Chủ tịch UBND TP. Hải Phòng tại cuộc họp về thoát nước\nNgày 15/8/2026, ..."
    assert classify_lines(abbreviated)[0].kind == "title"
