"""End-to-end behaviour on documents written by the team, one per genre, and the API."""

import datetime as dt
import unicodedata

import pytest
from conftest import fixture_text


def by_start(doc, prefix):
    found = [t for t in doc.tasks if t.text.startswith(prefix)]
    assert found, f"no task starting with {prefix!r}: {[t.text[:40] for t in doc.tasks]}"
    return found[0]


def test_provincial_press_release(nlp):
    doc = nlp(fixture_text("press_release.txt"))
    assert doc.meeting.date == dt.date(2025, 4, 28)
    assert doc.meeting.chair == "Phan Văn Khải"
    assert len(doc.tasks) == 3  # not the report, the praise, the caption or 'sẽ được tổ chức'
    t = by_start(doc, "yêu cầu các chủ đầu tư")
    assert t.assignees == ["các chủ đầu tư"]
    assert t.deadline.date == dt.date(2025, 6, 30)
    assert (t.target.value, t.target.unit) == (45, "%")
    assert t.domain == "dau_tu_cong"
    assert t.issuer == "Chủ tịch UBND tỉnh Phan Văn Khải"
    t = by_start(doc, "Sở Nông nghiệp và Môi trường")
    assert t.coordinators == ["UBND các huyện ven biển"]
    assert t.deadline.date == dt.date(2025, 5, 15)
    # storm preparedness by the agriculture-and-environment department: either sector is defensible
    assert t.domain in {"tai_nguyen_moi_truong", "nong_nghiep"}
    t = by_start(doc, "Sở Giáo dục và Đào tạo")
    assert t.deadline.date == dt.date(2025, 5, 31) and t.domain == "giao_duc"


def test_thong_bao_ket_luan_numbered_items_inherit_the_assignee(nlp):
    doc = nlp(fixture_text("thong_bao_ket_luan.txt"))
    assert doc.meeting.date == dt.date(2024, 9, 9)  # the meeting, not the notice's date
    assert doc.meeting.chair == "Lý Thanh Bình"
    assert len(doc.tasks) == 4  # item 1 is an assessment; the closing formula is not a task
    t = by_start(doc, "Giao UBND huyện Tân Phong")
    assert t.assignees == ["UBND huyện Tân Phong"]
    assert t.coordinators == ["Sở Tài nguyên và Môi trường", "Trung tâm Phát triển quỹ đất tỉnh"]
    assert t.deadline.date == dt.date(2024, 10, 31)
    a = by_start(doc, "Chỉ đạo nhà thầu")
    assert a.assignees == ["Sở Giao thông vận tải"]
    assert a.deadline.date == dt.date(2024, 12, 31)
    assert (a.target.value, a.target.unit) == (12, "km")
    b = by_start(doc, "Phối hợp với Công an tỉnh")
    assert b.assignees == ["Sở Giao thông vận tải"] and b.coordinators == ["Công an tỉnh"]
    assert b.deadline.date == dt.date(2024, 10, 31)


def test_company_minutes_with_assignment_list(nlp):
    doc = nlp(fixture_text("bien_ban_cong_ty.txt"))
    assert doc.meeting.date == dt.date(2026, 1, 5)
    assert doc.meeting.chair == "Ngô Quang Huy"
    assert [t.assignees for t in doc.tasks] == [
        ["Phòng Kinh doanh"],
        ["Phòng Kỹ thuật"],
        ["Phòng Hành chính - Nhân sự"],
    ]
    first = doc.tasks[0]
    assert first.deadline.date == dt.date(2026, 3, 31)
    assert (first.target.value, first.target.unit) == (20, "hợp đồng")
    assert doc.tasks[1].coordinators == ["Phòng Tài chính"]
    assert doc.tasks[2].domain == "quoc_phong_an_ninh"


def test_transcript_minutes_only_the_chairs_assignments(nlp):
    doc = nlp(fixture_text("transcript.txt"))
    assert doc.meeting.chair == "Võ Đức Thành"
    texts = [t.text for t in doc.tasks]
    assert len(texts) == 3, texts  # not the reports, the question or 'tôi sẽ đề xuất'
    assert doc.tasks[0].assignees == ["Công an xã"]
    assert doc.tasks[1].deadline.date == dt.date(2023, 3, 20)
    assert doc.tasks[2].deadline.date == dt.date(2023, 3, 31)


@pytest.mark.parametrize(
    "sentence",
    [
        "Chủ tịch UBND tỉnh ghi nhận và đánh giá cao tinh thần trách nhiệm của các sở, ngành.",
        "Sở Y tế đã hoàn thành tiêm chủng cho 98% trẻ em trong độ tuổi.",
        "Trước đó, UBND tỉnh đã giao Sở Xây dựng rà soát quy hoạch và đến nay đã hoàn thành.",
        "Hội nghị sơ kết sẽ được tổ chức vào tháng 7.",
        "Vì sao tiến độ giải phóng mặt bằng vẫn chậm?",
        "Chủ tịch UBND tỉnh Trần Văn Hải chủ trì phiên họp.",
        "Các đại biểu đã thảo luận, cho ý kiến vào dự thảo kế hoạch năm 2025.",
        "Chủ tịch nhấn mạnh, người đứng đầu các địa phương phải chịu trách nhiệm nếu để chậm tiến độ.",
    ],
)
def test_non_directives_in_a_conclusion_give_no_task(nlp, sentence):
    text = "Ngày 10/3/2024, UBND tỉnh họp phiên thường kỳ.\n\nKết luận phiên họp, " + sentence
    assert nlp(text).tasks == []


def test_a_part_after_a_narrated_clause_is_narrated_too(nlp):
    text = (
        "Ngày 4/6/2024, UBND huyện họp giao ban.\n\n"
        "Kết luận cuộc họp, Chủ tịch UBND huyện giao Phòng Nội vụ rà soát hồ sơ trước ngày 20/6/2024.\n"
        "Trong tháng, các xã đã tiếp 230 lượt công dân; tiếp nhận 85 đơn, trong đó 60% về đất đai.\n"
        "Báo cáo tại cuộc họp cho thấy: thu ngân sách đạt 40 tỷ đồng; riêng thu tiền sử dụng đất mới đạt 35%.\n"
        "Ban Thường vụ thống nhất chỉ định đồng chí Lê Văn Hà làm Bí thư; thi hành kỷ luật cảnh cáo Chi bộ thôn 3.\n"
        "Ông Hùng nhấn mạnh, xã nào để phát sinh vi phạm mà không xử lý thì Chủ tịch xã phải chịu trách nhiệm.\n"
        "Ông cũng nhấn mạnh, đơn vị nào để thất thoát thì thủ trưởng đơn vị phải chịu trách nhiệm.\n"
        "Tình trạng ùn tắc tại nút giao Nguyễn Huệ - Lê Lai xuất phát từ việc họp chợ dưới lòng đường."
    )
    tasks = nlp(text).tasks
    assert [t.text for t in tasks] == ["giao Phòng Nội vụ rà soát hồ sơ trước ngày 20/6/2024"]


def test_a_plain_directive_survives_a_model_that_dislikes_its_words(nlp):
    text = (
        "Ngày 28/02/2023, UBND tỉnh họp.\n"
        "Chủ tịch UBND tỉnh yêu cầu Sở Y tế sửa chữa khoa cấp cứu của bệnh viện tỉnh trong năm 2023.\n"
    )
    assert [t.assignees for t in nlp(text).tasks] == [["Sở Y tế"]]


def test_the_directive_model_sees_where_each_clause_stands():
    """The same clause is a report under "báo cáo:" and a task under "kết luận:"; the model is
    told which (after a conclusion cue or not, and the shape of the list's intro)."""
    from minutes_nlp.classify import DirectiveClassifier
    from minutes_nlp.pipeline import Pipeline

    class Records:
        texts: list[str] = []

        def score_directive(self, texts):
            self.texts.extend(texts)
            return [0.5 for _ in texts]

    item = "Khoa Dược cung ứng đủ 2.000 test nhanh trong 7 ngày."
    Pipeline(DirectiveClassifier(Records(), 0.75))(
        "Sáng 05/9/2023, Bệnh viện họp giao ban.\n"
        f"Các khoa báo cáo:\n- {item}\n"
        f"Kết luận, Giám đốc yêu cầu:\n- {item}\n"
    )
    report, task = [t.split()[2:4] for t in Records.texts if "cung ứng" in t]
    assert (report[0], task[0]) == ("xxconc0", "xxconc1")
    assert report[1] == "xxintrosubject"  # "Các khoa báo cáo:" names who reports
    assert task[1] not in {report[1], "xxintronone"}
    old = Records()
    old.texts.clear()
    Pipeline(DirectiveClassifier(old, 0.75, reads_context=False))(f"Giám đốc kết luận:\n- {item}\n")
    assert not any("xxconc" in t for t in old.texts)


def test_a_task_table_row_survives_a_model_that_dislikes_it():
    """A row under 'Đơn vị thực hiện | Nội dung' is a task, whatever the words in it."""
    from minutes_nlp.classify import DirectiveClassifier
    from minutes_nlp.pipeline import Pipeline

    class Dislikes:
        def score_directive(self, texts):
            return [0.0 for _ in texts]

    doc = Pipeline(DirectiveClassifier(Dislikes(), 0.75))(
        "Ngày 03/12/2015, UBND tỉnh họp về khu công nghiệp Tân Phú.\n"
        "Các nhiệm vụ cụ thể được phân công theo bảng sau:\n"
        "TT | Đơn vị thực hiện | Nội dung | Thời hạn\n"
        "1 | Sở Y tế | Bố trí phòng khám vệ tinh phục vụ công nhân | 30/6/2016\n"
    )
    assert [t.assignees for t in doc.tasks] == [["Sở Y tế"]]


def test_the_speaker_of_a_conclusion_is_not_the_assignee_of_its_items(nlp):
    text = (
        "Ngày 24/11/2017, Phó Thủ tướng làm việc với lãnh đạo tỉnh Bình Lâm.\n"
        "Phó Thủ tướng kết luận như sau:\n"
        "1. Hoàn thành việc điều chỉnh quy hoạch chung đô thị Bình Lâm trong quý I/2018.\n"
        "2. Giao Bộ Xây dựng hướng dẫn tỉnh hoàn thiện hồ sơ trong 20 ngày.\n"
    )
    tasks = nlp(text).tasks
    assert [t.assignees for t in tasks] == [[], ["Bộ Xây dựng"]]
    assert "Phó Thủ tướng" in (tasks[0].issuer or "")


def test_a_speaker_named_by_a_pronoun_before_the_list_is_not_its_assignee(nlp):
    text = (
        "Ngày 10/7/2024, Phó Chủ tịch UBND tỉnh Ngô Thanh Sơn chủ trì họp về giải ngân vốn đầu tư công. "
        "Ông kết luận:\n\n"
        "Thứ nhất, Sở Kế hoạch và Đầu tư tham mưu điều chuyển vốn của các dự án chậm giải ngân trong tháng 8.\n\n"
        "Thứ hai, khẩn trương lập hồ sơ quyết toán 42 dự án trước ngày 30/9/2024.\n"
    )
    tasks = nlp(text).tasks
    # the bare second item goes on with the agency named before it, not with "Ông kết luận"
    assert [t.assignees for t in tasks] == [["Sở Kế hoạch và Đầu tư"], ["Sở Kế hoạch và Đầu tư"]]
    assert all("Ngô Thanh Sơn" in (t.issuer or "") for t in tasks)


def test_a_row_names_its_lead_even_when_the_lead_column_comes_first(nlp):
    text = (
        "Ngày 03/12/2015, Phó Chủ tịch UBND tỉnh chủ trì cuộc họp về khu công nghiệp Tân Phú.\n"
        "Các nhiệm vụ cụ thể được phân công theo bảng sau:\n"
        "TT | Đơn vị thực hiện | Nội dung | Thời hạn\n"
        "1 | Cục Thuế tỉnh | Đôn đốc thu nợ tiền thuê đất trong khu công nghiệp | 31/01/2016\n"
        "2 | Sở Y tế | Bố trí phòng khám vệ tinh phục vụ công nhân | 30/6/2016\n"
    )
    tasks = nlp(text).tasks
    assert [t.assignees for t in tasks] == [["Cục Thuế tỉnh"], ["Sở Y tế"]]
    assert tasks[1].task.startswith("Bố trí phòng khám")


def test_items_addressed_to_a_province_inherit_it(nlp):
    text = (
        "Ngày 12/8/2025, Bộ trưởng làm việc với tỉnh Hà Lâm.\n"
        "Đề nghị tỉnh Hà Lâm tập trung các nhiệm vụ sau:\n"
        "a) Xử lý dứt điểm 11 tàu cá mất kết nối trước tháng 10/2025.\n"
        "b) Hoàn thành cơ sở dữ liệu đất đai cho 38 xã còn lại.\n"
    )
    assert [t.assignees for t in nlp(text).tasks] == [["tỉnh Hà Lâm"], ["tỉnh Hà Lâm"]]


def test_a_bare_item_goes_on_with_the_named_item_before_it(nlp):
    text = (
        "Ngày 20/8/2018, Phó Thủ tướng làm việc với thành phố Hải Vân.\n"
        "2. Nhiệm vụ thời gian tới\n"
        "a) Thành phố Hải Vân khẩn trương hoàn chỉnh hồ sơ điều chỉnh quy hoạch chung trong quý IV/2018.\n"
        "b) Dành quỹ đất sạch tại các khu đô thị mới để xây dựng nhà ở xã hội.\n"
        "c) Bộ Xây dựng hướng dẫn thành phố lập quy hoạch phân khu.\n"
        "d) Rà soát các dự án chậm triển khai.\n"
    )
    assert [t.assignees for t in nlp(text).tasks] == [
        ["Thành phố Hải Vân"],
        ["Thành phố Hải Vân"],
        ["Bộ Xây dựng"],
        ["Bộ Xây dựng"],
    ]


def test_a_reference_date_completes_a_date_without_its_year(nlp):
    from minutes_nlp.ingest import SourceText

    text = (
        "Chiều 15/8, UBND tỉnh Hà Lâm họp về phòng chống thiên tai.\n"
        "Chủ tịch UBND tỉnh yêu cầu Sở Xây dựng kiểm tra các hồ chứa trong 10 ngày.\n"
    )
    bare = nlp(text)
    assert bare.meeting.date is None
    assert bare.tasks[0].deadline is None or bare.tasks[0].deadline.date is None
    known = nlp.process(SourceText(text=text, source="<text>", reference_date=dt.date(2026, 8, 16)))
    assert known.meeting.date == dt.date(2026, 8, 15)
    assert known.meeting.reference_date == dt.date(2026, 8, 16)
    assert known.tasks[0].deadline.date == dt.date(2026, 8, 25)
    # a text that dates itself keeps its own year
    dated = nlp.process(
        SourceText(
            text="Ngày 15/8/2019, " + text.split(", ", 1)[1],
            source="<t>",
            reference_date=dt.date(2026, 8, 16),
        )
    )
    assert dated.meeting.date == dt.date(2019, 8, 15)


def test_a_request_to_the_organisation_itself_is_not_a_task(nlp):
    text = (
        "BIÊN BẢN HỌP\nThời gian: 8 giờ ngày 3/11/2022.\nChủ trì: ông Lê Văn An - Giám đốc.\n"
        "Bà Đỗ Thị Hoa (Chủ tịch Công đoàn): Người lao động đề nghị Công ty trả lời bằng văn bản.\n"
        "Kết luận: Giám đốc giao Phòng Tổ chức trả lời người lao động trong 10 ngày.\n"
    )
    assert [t.assignees for t in nlp(text).tasks] == [["Phòng Tổ chức"]]


def test_a_document_without_directives_is_valid(nlp):
    doc = nlp(
        "Ngày 5/1/2024, Sở Y tế tổ chức hội nghị tổng kết. Năm 2023, ngành đã khám cho 1,2 triệu lượt người."
    )
    assert doc.tasks == [] and doc.meeting.date == dt.date(2024, 1, 5)


def test_spans_point_into_the_text_as_given(nlp):
    text = unicodedata.normalize("NFD", fixture_text("press_release.txt")).replace(" ", "\u00a0", 3)
    doc = nlp(text)
    assert doc.tasks
    for t in doc.tasks:
        assert text[t.start : t.end] == t.text
        if t.deadline:
            assert text[t.deadline.start : t.deadline.end] == t.deadline.text


def test_output_is_deterministic_with_stable_ids(nlp):
    text = fixture_text("thong_bao_ket_luan.txt")
    first, second = nlp(text), nlp(text)
    assert first.model_dump() == second.model_dump()
    assert len({t.id for t in first.tasks}) == len(first.tasks)


def test_pipe_streams_documents(nlp):
    texts = [fixture_text("press_release.txt"), fixture_text("transcript.txt")]
    docs = list(nlp.pipe(texts))
    assert [len(d.tasks) for d in docs] == [len(nlp(t).tasks) for t in texts]


def test_rules_only_pipeline_finds_the_directives(rules_nlp):
    doc = rules_nlp(fixture_text("thong_bao_ket_luan.txt"))
    assert len(doc.tasks) == 4


class _RecordingDomainModel:
    """Answers 'y_te' and keeps what it was asked, to see what the pipeline shows it."""

    def __init__(self):
        self.inputs: list[str] = []

    def probabilities(self, text: str) -> dict[str, float]:
        self.inputs.append(text)
        return {"y_te": 0.9, "giao_duc": 0.1}


@pytest.mark.parametrize("reads_assignees", [True, False])
def test_domain_model_reads_the_inherited_lead_agency_when_trained_to(reads_assignees):
    from minutes_nlp.classify import DirectiveClassifier
    from minutes_nlp.pipeline import Pipeline

    model = _RecordingDomainModel()
    info = {"domain_reads_assignees": True} if reads_assignees else {}
    nlp = Pipeline(DirectiveClassifier(None, 0.0), model, info, 1.0)
    doc = nlp(
        "THÔNG BÁO KẾT LUẬN\nSáng 12/5/2025, UBND tỉnh họp về công tác giáo dục. Chủ tịch UBND tỉnh"
        " kết luận như sau:\n1. Giao Sở Giáo dục và Đào tạo:\na) Rà soát đội ngũ giáo viên, báo cáo"
        " trước ngày 30/6/2025.\nb) Chuẩn bị kỳ thi tuyển sinh lớp 10.\n"
    )
    task = by_start(doc, "Rà soát đội ngũ")
    assert task.assignees == ["Sở Giáo dục và Đào tạo"] and task.domain == "y_te"
    asked = next(t for t in model.inputs if "Rà soát đội ngũ" in t)
    assert ("a_sở" in asked.split()) is reads_assignees
    assert "a_rà" not in asked  # the clause itself is not marked


def test_agency_words_are_marked_apart_from_the_clause():
    from minutes_nlp.domain import model_text

    text = model_text("kiểm tra an toàn thực phẩm", ["Sở Y tế", "UBND các huyện"])
    assert text.endswith(" kiểm tra an toàn thực phẩm a_sở a_y tế a_ubnd a_các a_huyện")
    assert "kiểm tra an toàn thực phẩm" in text and "a_kiểm" not in text
    assert model_text("kiểm tra an toàn thực phẩm") == model_text("kiểm tra an toàn thực phẩm", [])


def test_a_closing_formula_is_not_a_task():
    from minutes_nlp.classify import DirectiveClassifier
    from minutes_nlp.pipeline import Pipeline

    rules_only = Pipeline(DirectiveClassifier(None, 0.0))
    doc = rules_only(
        "THÔNG BÁO KẾT LUẬN\nSáng 3/3/2025, UBND huyện họp giao ban. Chủ tịch UBND huyện kết luận:\n"
        "1. Phòng Nội vụ rà soát biên chế các đơn vị sự nghiệp trước ngày 20/3/2025.\n"
        "2. Phòng Tài chính - Kế hoạch thực hiện nghiêm việc công khai ngân sách.\n"
        "Các cơ quan, đơn vị thực hiện nghiêm kết luận này.\n"
    )
    assert [t.text[:12] for t in doc.tasks] == ["Phòng Nội vụ", "Phòng Tài ch"]


def test_a_deputy_directing_an_unaddressed_action_leads_it(nlp):
    doc = nlp(
        "BIÊN BẢN HỌP GIAO BAN\nThời gian: 8 giờ ngày 6/5/2024. Chủ trì: ông Lê Văn An, Giám đốc Công ty.\n"
        "Kết luận của Giám đốc:\n"
        "1. Phó Giám đốc kỹ thuật Đào Quang Minh chỉ đạo khắc phục lỗi đường truyền SCADA trước ngày 15/5/2024.\n"
        "2. Giám đốc Lê Văn An chỉ đạo rà soát hợp đồng mua điện của 12 khách hàng lớn.\n"
    )
    deputy = by_start(doc, "chỉ đạo khắc phục")
    assert deputy.assignees == ["Phó Giám đốc kỹ thuật Đào Quang Minh"]
    assert all(
        t.assignees != ["Giám đốc Lê Văn An"] for t in doc.tasks
    )  # the chair hands out, he does not lead


def test_an_item_opening_with_someone_directing_a_unit_is_his_task(nlp):
    doc = nlp(
        "BIÊN BẢN HỌP GIAO BAN\nThời gian: 8 giờ ngày 6/5/2024. Chủ trì: ông Lê Văn An, Giám đốc Công ty.\n"
        "Kết luận của Giám đốc:\n"
        "1. Phó Giám đốc Trần Thị Quỳnh chỉ đạo Phòng Hành chính lập hồ sơ cấp giấy phép xả thải trước ngày 30/5/2024.\n"
        "2. Giám đốc Lê Văn An chỉ đạo Phòng Kế toán rà soát hợp đồng mua điện của 12 khách hàng lớn.\n"
    )
    deputy = by_start(doc, "chỉ đạo Phòng Hành chính")
    assert deputy.assignees == ["Phó Giám đốc Trần Thị Quỳnh"]
    chair = by_start(doc, "chỉ đạo Phòng Kế toán")
    assert chair.assignees == ["Phòng Kế toán"]  # the chair hands out: the unit he addresses leads


def test_helpers_stay_with_their_own_part_but_a_list_intro_lends_them(nlp):
    text = (
        "Kết luận cuộc họp, Chủ tịch UBND huyện Ea Lâm giao:\n\n"
        "Ban Chỉ huy Quân sự huyện chủ trì, phối hợp với Công an huyện hoàn thành khám tuyển "
        "trước ngày 15/1/2025; xây dựng kế hoạch diễn tập phòng thủ, trình UBND huyện trong tháng 2/2025.\n\n"
        "Giao Phòng Y tế chủ trì, phối hợp với Bảo hiểm xã hội huyện:\n"
        "a) Rà soát các khoản chi khám, chữa bệnh vượt dự toán;\n"
        "b) Xây dựng phương án giảm quá tải tại Trung tâm Y tế huyện.\n"
    )
    doc = nlp(text)
    first = by_start(doc, "Ban Chỉ huy")
    assert first.coordinators == ["Công an huyện"]
    second = by_start(doc, "xây dựng kế hoạch")
    assert second.assignees == ["Ban Chỉ huy Quân sự huyện"] and second.coordinators == []
    for item in (by_start(doc, "Rà soát"), by_start(doc, "Xây dựng phương án")):
        assert item.assignees == ["Phòng Y tế"] and item.coordinators == ["Bảo hiểm xã hội huyện"]


def test_a_name_broken_across_lines_is_output_on_one_line():
    from minutes_nlp.meeting import bare_name
    from minutes_nlp.normalize import normalize
    from minutes_nlp.pipeline import as_written

    original = "Công an tỉnh đề nghị Sở\nGiao thông vận tải khảo sát nút giao"
    norm = normalize(original)
    assert as_written("Sở Giao thông vận tải", original, norm, None) == "Sở Giao thông vận tải"
    assert bare_name("Đại tá Nguyễn\nVăn Thắng") == "Nguyễn Văn Thắng"


def test_a_tables_deadline_column_decides_even_when_it_sets_no_date(nlp):
    text = (
        "THÔNG BÁO\nKết luận của Chủ tịch UBND huyện Yên Lạc tại cuộc họp ngày 10/1/2026\n\n"
        "Chủ tịch UBND huyện giao nhiệm vụ như sau:\n\n"
        "STT | Nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời hạn\n"
        "1 | Truy quét, xử lý hành vi tàng trữ, đốt pháo nổ dịp Tết | Công an huyện | UBND các xã | Thường xuyên\n"
        "2 | Rà soát, chi trả trợ cấp cho hộ nghèo dịp Tết | Phòng Nội vụ | UBND các xã | Trước ngày 10/02/2026\n"
    )
    doc = nlp(text)
    first, second = by_start(doc, "Truy quét"), by_start(doc, "Rà soát")
    assert first.assignees == ["Công an huyện"] and first.deadline is None
    assert second.deadline.date == dt.date(2026, 2, 10)


def test_without_any_date_to_count_from_only_self_contained_deadlines_are_read(nlp):
    # "Chiều 15/8" has no year and nothing else dates the meeting
    text = (
        "Bộ Y tế họp về phòng, chống sốt xuất huyết\n\n"
        "Chiều 15/8, Thứ trưởng Bộ Y tế chủ trì cuộc họp trực tuyến với các tỉnh.\n\n"
        "Thứ trưởng yêu cầu Cục Y tế dự phòng cử các đoàn công tác xuống các điểm nóng trong tuần tới.\n"
        "Thứ trưởng giao Cục Quản lý Dược rà soát cơ số thuốc, hoàn thành trong quý IV/2023.\n"
    )
    doc = nlp(text)
    assert doc.meeting.date is None
    assert by_start(doc, "yêu cầu Cục Y tế dự phòng").deadline is None  # "tuần tới" from when?
    assert by_start(doc, "giao Cục Quản lý Dược").deadline.date == dt.date(2023, 12, 31)
