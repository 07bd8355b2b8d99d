import pytest

from minutes_nlp.roles import looks_like_agent, parse_roles, split_agents


def roles_of(text, label=None):
    r = parse_roles(text, label)

    def span(s):
        return text[s[0] : s[1]] if s else None

    return r.form, split_agents(span(r.assignee) or ""), split_agents(span(r.coordinators) or ""), r


@pytest.mark.parametrize(
    ("clause", "form", "assignees", "coordinators"),
    [
        (
            "Giao UBND huyện Tân An chủ trì, phối hợp với Sở Tài nguyên và Môi trường, Trung tâm Phát triển quỹ đất tỉnh tập trung vận động các hộ dân",
            "trigger",
            ["UBND huyện Tân An"],
            ["Sở Tài nguyên và Môi trường", "Trung tâm Phát triển quỹ đất tỉnh"],
        ),
        (
            "đề nghị các cấp, các ngành, các địa phương khẩn trương rà soát",
            "trigger",
            ["các cấp", "các ngành", "các địa phương"],
            [],
        ),
        (
            "yêu cầu các sở, ngành và UBND các xã, phường tập trung cao độ",
            "trigger",
            ["các sở, ngành", "UBND các xã, phường"],
            [],
        ),
        (
            "Giao Ban Quản lý dự án đầu tư xây dựng công trình giao thông tỉnh chỉ đạo nhà thầu bổ sung nhân lực",
            "trigger",
            ["Ban Quản lý dự án đầu tư xây dựng công trình giao thông tỉnh"],
            [],
        ),
        (
            "Sở Kế hoạch và Đầu tư chủ trì, phối hợp với Sở Tài chính rà soát kế hoạch vốn",
            "subject",
            ["Sở Kế hoạch và Đầu tư"],
            ["Sở Tài chính"],
        ),
        (
            "Sở Văn hóa, Thể thao và Du lịch phối hợp với Hiệp hội Du lịch tỉnh xây dựng chương trình kích cầu",
            "subject",
            ["Sở Văn hóa, Thể thao và Du lịch"],
            ["Hiệp hội Du lịch tỉnh"],
        ),
        (
            "Bộ Tài chính chủ trì, phối hợp với Bộ Công Thương và các địa phương theo dõi sát giá cả",
            "subject",
            ["Bộ Tài chính"],
            ["Bộ Công Thương", "các địa phương"],
        ),
        ("Sở Xây dựng chỉ đạo hoàn thành sửa chữa cầu Bến Mới", "subject", ["Sở Xây dựng"], []),
        (
            "UBND các huyện Vân Thạch, Đồng Khê tập trung tháo gỡ vướng mắc",
            "subject",
            ["UBND các huyện Vân Thạch, Đồng Khê"],
            [],
        ),
        ("Khẩn trương rà soát, thực hiện kết luận thanh tra", "imperative", [], []),
        (
            "yêu cầu cán bộ, công chức không dùng xe công đi lễ chùa, không tổ chức tiệc tất niên",
            "trigger",
            ["cán bộ, công chức"],
            [],
        ),
        (
            "Việc chốt sổ kế toán quý IV phải được Phòng Tài chính hoàn tất trước ngày 5/1",
            "subject",
            ["Phòng Tài chính"],
            [],
        ),
        (
            # an agency that presses its contractor does the task; it is not the meeting's voice
            "Ban Quản lý dự án đầu tư xây dựng huyện yêu cầu nhà thầu tăng ca, bàn giao nhà lớp học",
            "subject",
            ["Ban Quản lý dự án đầu tư xây dựng huyện"],
            [],
        ),
        (
            # a locality addressed by the trigger is its government
            "Đề nghị tỉnh Hà Lâm tập trung các nhiệm vụ sau",
            "trigger",
            ["tỉnh Hà Lâm"],
            [],
        ),
        (
            "Đồn Biên phòng cửa khẩu Nà Mèo tăng cường kiểm soát người, phương tiện qua lại",
            "subject",
            ["Đồn Biên phòng cửa khẩu Nà Mèo"],
            [],
        ),
        ("Bảo tàng tỉnh số hóa toàn bộ hiện vật trong năm nay", "subject", ["Bảo tàng tỉnh"], []),
        (
            "UBND tỉnh yêu cầu Sở Xây dựng kiểm tra chất lượng công trình",
            "trigger",
            ["Sở Xây dựng"],
            [],
        ),
        (
            "Chủ tịch UBND huyện Mường Tà và Giám đốc Sở Công Thương tổ chức kiểm điểm",
            "subject",
            ["Chủ tịch UBND huyện Mường Tà", "Giám đốc Sở Công Thương"],
            [],
        ),
        # helpers named after the first action ("..., phối hợp với Y <action>")
        (
            "Xí nghiệp Bình Lệ lập biên bản các trường hợp lấn chiếm kênh, phối hợp với UBND các xã Bình Lệ, Bình Thạnh giải tỏa",
            "subject",
            ["Xí nghiệp Bình Lệ"],
            ["UBND các xã Bình Lệ, Bình Thạnh"],
        ),
        (
            "Công an huyện tăng cường tuần tra, phối hợp với lực lượng dân phòng bảo vệ vườn cây",
            "subject",
            ["Công an huyện"],
            ["lực lượng dân phòng"],
        ),
        # ... but not a phrase that names no agent ("phối hợp nhịp nhàng")
        (
            "Phòng Kỹ thuật kiểm tra đường dây, phối hợp nhịp nhàng trong xử lý sự cố",
            "subject",
            ["Phòng Kỹ thuật"],
            [],
        ),
        # "chủ trì, cùng Y": "cùng" opens the helpers only right after "chủ trì"
        (
            "Phòng Hạ tầng chủ trì, cùng Trung tâm Điều hành giao thông tổ chức diễn tập",
            "subject",
            ["Phòng Hạ tầng"],
            ["Trung tâm Điều hành giao thông"],
        ),
    ],
)
def test_roles_table(clause, form, assignees, coordinators):
    got_form, got_assignees, got_coordinators, _ = roles_of(clause)
    assert (got_form, got_assignees, got_coordinators) == (form, assignees, coordinators)


def test_only_a_named_locality_is_an_addressed_place():
    from minutes_nlp.roles import _is_addressed_place

    assert _is_addressed_place("tỉnh") and _is_addressed_place("thành phố Hải Vân")
    assert not _is_addressed_place("tỉnh đẩy nhanh") and not _is_addressed_place("xã viên")


def test_words_inside_a_compound_are_not_actions():
    # 'trình' (submit) inside 'công trình' (a work) must not end the name
    _, assignees, _, r = roles_of("Ban Quản lý dự án đầu tư xây dựng công trình dân dụng đôn đốc nhà thầu")
    assert assignees == ["Ban Quản lý dự án đầu tư xây dựng công trình dân dụng"]


def test_label_gives_the_assignee():
    form, _, coordinators, r = roles_of(
        "Phòng Kho vận: phối hợp với Phòng Kinh doanh kiểm kê hàng tồn kho", "Phòng Kho vận"
    )
    assert form == "label" and coordinators == ["Phòng Kinh doanh"]


@pytest.mark.parametrize(
    "clause",
    [
        "các ngành dịch vụ tiếp tục sôi động",  # a modal that leads to no action
        "Sở Nông nghiệp và Môi trường đã chủ trì sửa chữa 14 công trình",  # past
        "trung tâm mới hoàn trả 40 triệu đồng",  # 'mới' before the verb: only just, a report
    ],
)
def test_not_a_subject_and_action(clause):
    form, _, _, r = roles_of(clause)
    assert form == "none" or r.passive_or_past


def test_speaker_is_found_before_the_trigger():
    text = "Kết luận phiên họp, Chủ tịch UBND tỉnh yêu cầu Sở Y tế tăng cường giám sát"
    r = parse_roles(text)
    assert r.form == "trigger" and text[r.speaker[0] : r.speaker[1]] == "Chủ tịch UBND tỉnh"


@pytest.mark.parametrize(
    ("text", "speaker", "assignee"),
    [
        # a speaker whose title holds a verb ("giám sát", "chỉ huy") is not an agency acting
        (
            "Trưởng đoàn giám sát đề nghị Sở Giáo dục và Đào tạo chỉ đạo các trường dừng ngay các khoản thu",
            "Trưởng đoàn giám sát",
            "Sở Giáo dục và Đào tạo",
        ),
        (
            "Đoàn giám sát đề nghị Sở Tư pháp phối hợp với Sở Giáo dục và Đào tạo tham mưu UBND tỉnh",
            "Đoàn giám sát",
            "Sở Tư pháp",
        ),
        (
            "Về nhiệm vụ thời gian tới, Chỉ huy trưởng yêu cầu các đồn biên phòng tăng cường tuần tra",
            "Chỉ huy trưởng",
            "các đồn biên phòng",
        ),
    ],
)
def test_a_title_that_holds_a_verb_is_the_speaker(text, speaker, assignee):
    r = parse_roles(text)
    assert r.form == "trigger"
    assert text[r.speaker[0] : r.speaker[1]] == speaker
    assert text[r.assignee[0] : r.assignee[1]] == assignee


def test_an_obligation_in_the_passive_is_a_bare_action():
    text = "100% hồ sơ bệnh án ra viện phải được hoàn thiện, chuyển về Phòng Kế hoạch tổng hợp"
    r = parse_roles(text)
    assert r.form == "imperative" and text[r.action_start :].startswith("hoàn thiện")
    assert parse_roles("Tình hình dịch bệnh cơ bản được kiểm soát").form == "none"


@pytest.mark.parametrize(
    "phrase, agent",
    [
        ("Báo cáo tại hội nghị cho thấy", False),
        ("Tổ chức hội nghị sơ kết", False),
        ("Báo Thanh Khê", True),
        ("Tổ công tác liên ngành", True),
        ("Ủy ban nhân dân các tỉnh", True),
        ("Bộ phận một cửa", True),
        ("Bộ máy hành chính", False),
    ],
)
def test_capitalised_common_words_are_not_agencies(phrase, agent):
    assert looks_like_agent(phrase) is agent


def test_capitalised_compound_is_not_an_action():
    form, _, _, _ = roles_of("Các ngành: Giao thông vận tải, Tài chính, Xây dựng", "Các ngành")
    assert form == "none"


def test_a_name_glued_to_its_verb_by_the_segmenter_is_split():
    from minutes_nlp.tokens import word_spans

    text = "Công ty Môi trường Phan Lâm xử lý ngay lượng nước rỉ rác tồn"
    assert "xử lý" in [text[a:b] for a, b in word_spans(text)]
    form, assignees, _, _ = roles_of(text)
    assert form == "subject" and assignees == ["Công ty Môi trường Phan Lâm"]
    title = "Tổng Giám đốc Lê Văn Hùng chỉ đạo"
    assert "Tổng Giám đốc" in [title[a:b] for a, b in word_spans(title)]  # no verb in its tail


@pytest.mark.parametrize(
    "clause, form, lead",
    [
        pytest.param(
            "Bộ phận một cửa giải quyết hồ sơ thai sản đúng thời hạn",
            "subject",
            "Bộ phận một cửa",
            id="one-stop desk",
        ),
        pytest.param(
            'Tỉnh Đoàn triển khai chương trình "Tiếp sức mùa thi" cho thí sinh vùng sâu',
            "subject",
            "Tỉnh Đoàn",
            id="youth union, capital",
        ),
        pytest.param(
            "Thành đoàn nhân rộng mô hình thanh niên tình nguyện ra 20 phường",
            "subject",
            "Thành đoàn",
            id="youth union, nhân rộng",
        ),
        pytest.param(
            "Huyện Đoàn phối hợp với Phòng Giáo dục tổ chức tập huấn kỹ năng sống",
            "subject",
            "Huyện Đoàn",
            id="youth union, district",
        ),
        pytest.param(
            "Thanh tra thành phố giải quyết dứt điểm đơn khiếu nại về giá đất bồi thường",
            "subject",
            "Thanh tra thành phố",
            id="two-syllable place level, not the verb thanh tra",
        ),
        pytest.param(
            "Công an thị xã tăng cường tuần tra khu vực chợ đêm",
            "subject",
            "Công an thị xã",
            id="two-syllable place level",
        ),
        pytest.param(
            "Trạm Y tế thị trấn rà soát trẻ chưa tiêm đủ mũi",
            "subject",
            "Trạm Y tế thị trấn",
            id="two-syllable place level after a name",
        ),
        pytest.param(
            "Tỉnh Hà Thanh cần rà soát, thu hồi chủ trương các cụm công nghiệp chậm triển khai",
            "subject",
            "Tỉnh Hà Thanh",
            id="capitalised locality",
        ),
        pytest.param(
            "Đề nghị Viễn thông Cẩm Lương khắc phục đường truyền tại xã Bến Thóc",
            "trigger",
            "Viễn thông Cẩm Lương",
            id="telecom unit",
        ),
        pytest.param(
            "Nhà trường tổ chức ôn tập cho học sinh lớp 12 từ ngày 5/3", "subject", "Nhà trường", id="school"
        ),
        pytest.param(
            "Trưởng các ấp vận động hộ dân hiến đất làm đường", "subject", "Trưởng các ấp", id="title Trưởng"
        ),
        pytest.param(
            "Lãnh đạo UBND xã tiếp công dân vào thứ Năm hằng tuần",
            "subject",
            "Lãnh đạo UBND xã",
            id="title Lãnh đạo",
        ),
        pytest.param(
            "Đề nghị Viettel Hương Khê lắp đặt trạm phát sóng cho vùng lõm",
            "trigger",
            "Viettel Hương Khê",
            id="Viettel",
        ),
        # verbs the POS tagger reads as nouns: the name must stop before them
        pytest.param(
            "Phòng Kinh doanh - Marketing đàm phán với hãng tàu thứ hai trên nguyên tắc mức giảm không quá 5%",
            "subject",
            "Phòng Kinh doanh - Marketing",
            id="đàm phán",
        ),
        pytest.param(
            "Phòng Tổ chức cán bộ xác minh, đề xuất hình thức kỷ luật đối với điều dưỡng vi phạm",
            "subject",
            "Phòng Tổ chức cán bộ",
            id="xác minh",
        ),
        # "giao cho" hands out a task at the clause's start or right after its speaker
        pytest.param(
            "Giao cho Sở Tài chính chủ trì, phối hợp với Sở Nội vụ rà soát 23 đề án",
            "trigger",
            "Sở Tài chính",
            id="Giao cho",
        ),
        pytest.param(
            "Phó Chủ tịch UBND tỉnh Nguyễn Văn An giao cho Công an tỉnh chủ trì kiểm tra các cơ sở karaoke",
            "trigger",
            "Công an tỉnh",
            id="speaker giao cho",
        ),
        # a speaker who agrees first, then hands out the task, is not its assignee
        pytest.param(
            "Chủ tịch UBND tỉnh đồng ý đề xuất của Sở Y tế, giao Sở Tài chính bố trí kinh phí",
            "trigger",
            "Sở Tài chính",
            id="đồng ý, giao",
        ),
        pytest.param(
            "UBND tỉnh thống nhất chủ trương, giao Sở Xây dựng hướng dẫn các địa phương",
            "trigger",
            "Sở Xây dựng",
            id="thống nhất, giao",
        ),
        pytest.param(
            "Chủ tịch UBND tỉnh giao nhiệm vụ cho Sở Giáo dục và Đào tạo rà soát giáo viên còn thiếu",
            "trigger",
            "Sở Giáo dục và Đào tạo",
            id="giao nhiệm vụ cho",
        ),
        # a verb right after "các" is a noun: "tổ chức" is the organisations, not to organise
        pytest.param(
            "Các tổ chức cơ sở đảng chỉ đạo doanh nghiệp thực hiện nghiêm các biện pháp phòng dịch",
            "subject",
            "Các tổ chức cơ sở đảng",
            id="các tổ chức",
        ),
        # a party body named without its committee ("Ban Thường vụ" after "Ban Thường vụ Huyện
        # ủy" has been named once) hands out the task; it does not do it
        pytest.param(
            "Ban Thường vụ giao Ban Chỉ huy Quân sự huyện chủ trì xây dựng kế hoạch diễn tập",
            "trigger",
            "Ban Chỉ huy Quân sự huyện",
            id="Ban Thường vụ giao",
        ),
        pytest.param(
            "Hội đồng trường giao Hiệu trưởng xây dựng kế hoạch tuyển dụng giảng viên",
            "trigger",
            "Hiệu trưởng",
            id="Hội đồng trường giao",
        ),
        pytest.param(
            "Ban Chấp hành giao Ủy ban Kiểm tra Huyện ủy rà soát hồ sơ đảng viên",
            "trigger",
            "Ủy ban Kiểm tra Huyện ủy",
            id="Ban Chấp hành giao",
        ),
        pytest.param(
            "Sở Tài chính thẩm tra, phê duyệt quyết toán 25 dự án hoàn thành, xong trong quý III/2019",
            "subject",
            "Sở Tài chính",
            id="thẩm tra,",
        ),
        pytest.param(
            "Giám đốc Trung tâm Thực nghiệm cách ly ngay đàn lợn nghi mắc bệnh, lấy mẫu xét nghiệm",
            "subject",
            "Giám đốc Trung tâm Thực nghiệm",
            id="cách ly",
        ),
        pytest.param(
            "Bộ Kế hoạch và Đầu tư xem xét, bố trí vốn trong kế hoạch đầu tư công trung hạn",
            "subject",
            "Bộ Kế hoạch và Đầu tư",
            id="xem xét",
        ),
    ],
)
def test_an_agency_or_title_leads_its_task(clause, form, lead):
    found, assignees, _, _ = roles_of(clause)
    assert found == form and assignees == [lead]


def test_a_locality_reporting_what_it_did_is_past():
    *_, roles = roles_of("Tỉnh Hà Thanh đã giải ngân 80% kế hoạch vốn đầu tư công")
    assert roles.passive_or_past


def test_a_locality_asked_to_direct_others_is_the_assignee():
    form, assignees, _, roles = roles_of("đề nghị tỉnh chỉ đạo các địa phương hoàn thành giải phóng mặt bằng")
    assert form == "trigger" and assignees == ["tỉnh"]
    text = "đề nghị tỉnh chỉ đạo các địa phương hoàn thành giải phóng mặt bằng"
    assert text[roles.action_start :].startswith("chỉ đạo các địa phương")


@pytest.mark.parametrize(
    ("phrase", "agents"),
    [
        ("Công an tỉnh; UBND xã An Thạnh", ["Công an tỉnh", "UBND xã An Thạnh"]),  # a table cell
        ("Văn phòng HĐND và UBND huyện", ["Văn phòng HĐND và UBND huyện"]),  # one body
        ("Văn phòng HĐND và UBND huyện, Công an huyện", ["Văn phòng HĐND và UBND huyện", "Công an huyện"]),
        ("Sở Y tế và UBND các huyện", ["Sở Y tế", "UBND các huyện"]),
    ],
)
def test_split_agents_on_semicolons_but_not_inside_a_known_name(phrase, agents):
    assert split_agents(phrase) == agents


@pytest.mark.parametrize(
    "clause",
    [
        "5,6 ha đất giao cho Công ty TNHH Phú Thắng quá 36 tháng chưa triển khai",
        "Trưởng phòng hỏi có nên tách phần hàng rào ra khỏi diện tích giao cho trường hay không",
    ],
)
def test_giao_cho_after_a_noun_or_a_verb_allocates_and_hands_out_nothing(clause):
    assert parse_roles(clause, None).trigger is None
