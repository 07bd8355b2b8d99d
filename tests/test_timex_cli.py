"""A sample of the deadline table through the command line (needs the pipeline to be wired)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("minutes_nlp.pipeline") is None, reason="minutes_nlp.pipeline is not wired yet"
)

SAMPLE = [
    ("rà soát danh sách người bệnh trước ngày 15/4/2024", "2024-04-15"),
    ("báo cáo kết quả kiểm tra chậm nhất ngày 20/11", "2023-11-20"),
    ("kiểm tra các điểm tiêm chủng trong quý I", "2023-03-31"),
    ("trình đề án trong tháng 3/2023", "2023-03-31"),
    ("cung ứng đủ thuốc trước Tết Nguyên đán", "2024-02-09"),
    ("gửi số liệu trước ngày 25 hằng tháng", "2023-03-25"),
    ("trả lời bằng văn bản trong 10 ngày làm việc", "2023-03-14"),
    ("tổ chức kiểm tra an toàn thực phẩm trong tuần sau", "2023-03-12"),
    ("sửa chữa khoa cấp cứu của bệnh viện tỉnh trong năm 2023", "2023-12-31"),
    ("thường xuyên kiểm tra các cơ sở khám chữa bệnh", None),
]


@pytest.mark.parametrize(("action", "expected"), SAMPLE)
def test_deadline_through_cli(action: str, expected: str | None) -> None:
    text = f"Ngày 28/02/2023, UBND tỉnh họp.\nChủ tịch UBND tỉnh yêu cầu Sở Y tế {action}.\n"
    proc = subprocess.run(
        [sys.executable, "-m", "minutes_nlp", "extract", "-", "--format", "json"],
        input=text.encode("utf-8"),
        capture_output=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    doc = json.loads(proc.stdout.decode("utf-8"))
    assert doc["tasks"], doc
    deadline = doc["tasks"][0]["deadline"]
    assert (deadline["date"] if deadline else None) == expected
