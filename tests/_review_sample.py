"""A small Vietnamese meeting notice and the extract JSON a pipeline would write for it.

Tests of review and export build their input here, so they do not depend on extraction quality.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from minutes_nlp.models import Deadline, Document, Meeting, Target, Task

TEXT = """UBND HUYỆN ĐÔNG SƠN
Thông báo kết luận cuộc họp giao ban tháng 10

Ngày 25/10/2026, đồng chí Lê Văn Hòa, Chủ tịch UBND huyện chủ trì cuộc họp giao ban tháng 10 với các phòng, ban chuyên môn.

Kết luận cuộc họp, Chủ tịch UBND huyện yêu cầu Phòng Tài chính - Kế hoạch rà soát các nguồn thu ngân sách và báo cáo UBND huyện trước ngày 15/11/2026.
Giao Phòng Nông nghiệp chủ trì, phối hợp với UBND các xã triển khai kế hoạch phòng chống dịch bệnh trên đàn gia súc trong mùa đông.
Đề nghị Ban Quản lý dự án đẩy nhanh tiến độ giải ngân vốn đầu tư công, phấn đấu đạt trên 95% kế hoạch vốn năm 2026.
Văn phòng HĐND và UBND huyện chuẩn bị nội dung cho kỳ họp cuối năm; đồng thời tổng hợp ý kiến của các xã gửi Thường trực Huyện ủy.
Phòng Văn hóa và Thông tin tuyên truyền về chuyển đổi số trên hệ thống loa truyền thanh cơ sở.
"""

# The directive the "extractor" missed: reviewers add it by quoting it.
MISSED = "Phòng Văn hóa và Thông tin tuyên truyền về chuyển đổi số trên hệ thống loa truyền thanh cơ sở"
SPLIT_AT = "đồng thời tổng hợp ý kiến"
MEETING_DATE = date(2026, 10, 25)


def _task(tid: str, quote: str, task: str, domain: str, confidence: float, **fields) -> Task:
    start = TEXT.index(quote)
    return Task(
        id=tid,
        text=quote,
        start=start,
        end=start + len(quote),
        task=task,
        domain=domain,
        confidence=confidence,
        issuer="Chủ tịch UBND huyện",
        **fields,
    )


def sample_document(source: str | None = None) -> Document:
    deadline_text = "trước ngày 15/11/2026"
    q1 = "yêu cầu Phòng Tài chính - Kế hoạch rà soát các nguồn thu ngân sách và báo cáo UBND huyện trước ngày 15/11/2026"
    q2 = "Giao Phòng Nông nghiệp chủ trì, phối hợp với UBND các xã triển khai kế hoạch phòng chống dịch bệnh trên đàn gia súc trong mùa đông"
    q3 = "Đề nghị Ban Quản lý dự án đẩy nhanh tiến độ giải ngân vốn đầu tư công, phấn đấu đạt trên 95% kế hoạch vốn năm 2026"
    q4 = "Văn phòng HĐND và UBND huyện chuẩn bị nội dung cho kỳ họp cuối năm; đồng thời tổng hợp ý kiến của các xã gửi Thường trực Huyện ủy"
    tasks = [
        _task(
            "t01",
            q1,
            "rà soát các nguồn thu ngân sách và báo cáo UBND huyện",
            "tai_chinh_ngan_sach",
            0.95,
            assignees=["Phòng Tài chính - Kế hoạch"],
            deadline=Deadline(text=deadline_text, date=date(2026, 11, 15), granularity="day"),
        ),
        _task(
            "t02",
            q2,
            "triển khai kế hoạch phòng chống dịch bệnh trên đàn gia súc",
            "nong_nghiep",
            0.80,
            assignees=["Phòng Nông nghiệp"],
            coordinators=["UBND các xã"],
        ),
        _task(
            "t03",
            q3,
            "đẩy nhanh tiến độ giải ngân vốn đầu tư công",
            "dau_tu_cong",
            0.60,
            assignees=["Ban Quản lý dự án"],
            deadline=Deadline(text="năm 2026", date=date(2026, 12, 31), granularity="year"),
            target=Target(text="trên 95% kế hoạch vốn", value=95, unit="%"),
        ),
        _task(
            "t04",
            q4,
            "chuẩn bị nội dung cho kỳ họp cuối năm",
            "chi_dao_dieu_hanh",
            0.92,
            assignees=["Văn phòng HĐND và UBND huyện"],
        ),
    ]
    meeting = Meeting(
        title="Thông báo kết luận cuộc họp giao ban tháng 10",
        date=MEETING_DATE,
        organization="UBND huyện Đông Sơn",
        chair="Lê Văn Hòa",
    )
    return Document(meeting=meeting, tasks=tasks, source=source)


def write_sample(folder: Path, name: str = "giao_ban") -> Path:
    """NAME.txt and NAME.json (an extract whose ``source`` points at the text); returns the JSON path."""
    txt = folder / f"{name}.txt"
    txt.write_text(TEXT, encoding="utf-8")
    path = folder / f"{name}.json"
    path.write_text(sample_document(source=str(txt)).to_json(), encoding="utf-8")
    return path
