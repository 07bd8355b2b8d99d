"""Reader tests: every format and encoding from fixtures built here, every bad-input class,
and a fuzz test. The end-to-end comparisons run once ``minutes_nlp.pipeline`` exists."""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minutes_nlp.errors import InputError, MinutesError
from minutes_nlp.ingest import (
    MAX_CHARS,
    MAX_LINE_CHARS,
    SourceText,
    UnsupportedFormatError,
    decode_bytes,
    html_published_date,
    html_to_text,
    join_broken_lines,
    looks_unaccented,
    read_bytes,
    read_document,
    remove_page_furniture,
    restore_diacritics,
)
from minutes_nlp.legacy import decode_legacy, detect_legacy, encode_legacy, is_syllable

ROOT = Path(__file__).resolve().parents[1]
HAS_PIPELINE = importlib.util.find_spec("minutes_nlp.pipeline") is not None
needs_pipeline = pytest.mark.skipif(not HAS_PIPELINE, reason="minutes_nlp.pipeline not written yet")

# Written for these tests. No toned capital letters on purpose: TCVN3 has no bytes for them.
LINES = [
    "Thông báo kết luận của Chủ tịch UBND tỉnh về tiến độ giải ngân vốn đầu tư công",
    "Ngày 12 tháng 3 năm 2024, đồng chí Lê Văn Hòa, Chủ tịch UBND tỉnh chủ trì cuộc họp với các sở, ngành.",
    "Chủ tịch UBND tỉnh yêu cầu:",
    "1. Sở Kế hoạch và Đầu tư chủ trì, phối hợp với Sở Tài chính rà soát, điều chuyển vốn của các dự án "
    "chậm giải ngân, báo cáo UBND tỉnh trước ngày 31/3/2024.",
    "2. Sở Giao thông vận tải đẩy nhanh tiến độ thi công tuyến đường nối hai huyện, hoàn thành trong quý II "
    "năm 2024.",
    "3. UBND các huyện tập trung giải phóng mặt bằng, bàn giao đất sạch cho chủ đầu tư trong tháng 4/2024.",
    "Giao Văn phòng UBND tỉnh theo dõi, đôn đốc việc thực hiện và tổng hợp kết quả hằng tháng.",
]
DOC = "\n".join(LINES) + "\n"

UNACCENTED = (
    "Chu tich UBND tinh yeu cau So Y te chu tri, phoi hop voi cac don vi lien quan trien khai "
    "ke hoach tiem chung cho tre em, bao cao ket qua truoc ngay 15/4/2024. Giao So Tai chinh "
    "can doi kinh phi thuc hien cac nhiem vu nay trong thang 4 nam 2024.\n"
)


def _font() -> Path | None:
    """A TrueType font with Vietnamese glyphs for fpdf2 (system DejaVu or matplotlib's copy)."""
    candidates = [Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")]
    spec = importlib.util.find_spec("matplotlib")
    if spec and spec.origin:
        candidates.append(Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf" / "DejaVuSans.ttf")
    return next((c for c in candidates if c.exists()), None)


def make_pdf(path: Path, pages: list[list[str]], furniture: bool = True) -> None:
    """A PDF with a text layer: each page gets a running header and footer when asked."""
    fpdf = pytest.importorskip("fpdf")
    font = _font()
    if font is None:
        pytest.skip("no TrueType font with Vietnamese glyphs available")

    class Pdf(fpdf.FPDF):
        def header(self) -> None:
            if furniture:
                self.set_font("dv", size=9)
                self.cell(0, 8, f"UBND TỈNH AN HÒA - Trang {self.page_no()}")
                self.ln(10)

        def footer(self) -> None:
            if furniture:
                self.set_y(-15)
                self.set_font("dv", size=9)
                self.cell(0, 8, "Cổng thông tin điện tử tỉnh An Hòa", align="C")

    pdf = Pdf()
    pdf.add_font("dv", fname=str(font))
    for paragraphs in pages:
        pdf.add_page()
        pdf.set_font("dv", size=12)
        for paragraph in paragraphs:
            pdf.multi_cell(0, 7, paragraph)
            pdf.ln(2)
    pdf.output(str(path))


def make_docx(path: Path) -> list[str]:
    """A .docx with a heading, plain and numbered paragraphs and a 4-column task table;
    returns the lines the reader should produce."""
    import docx

    d = docx.Document()
    d.add_heading(LINES[0], level=1)
    d.add_paragraph(LINES[1])
    d.add_paragraph(LINES[2])
    for line in LINES[3:6]:
        d.add_paragraph(line[3:], style="List Number")
    table = d.add_table(rows=3, cols=4)
    rows = [
        ["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời hạn"],
        [
            "1",
            "Hoàn thành báo cáo tổng kết công tác cải cách hành chính",
            "Sở Nội vụ",
            "trước ngày 30/4/2024",
        ],
        ["2", "Triển khai phần mềm quản lý văn bản", "Sở Thông tin và Truyền thông", "quý III năm 2024"],
    ]
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.rows[r].cells[c].text = value
    d.add_paragraph(LINES[6])
    d.save(str(path))
    return LINES[:6] + [" | ".join(r) for r in rows] + [LINES[6]]


# --------------------------------------------------------------------------- legacy tables


@pytest.mark.parametrize("name", ["tcvn3", "vni", "cp1258"])
def test_legacy_round_trip(name: str) -> None:
    data = encode_legacy(DOC, name)
    assert not data.isascii()
    assert decode_legacy(data, name) == DOC


@pytest.mark.parametrize(
    ("name", "word", "raw"),
    [
        ("tcvn3", "được", b"\xae\xad\xeec"),
        ("tcvn3", "ngày", b"ng\xb5y"),
        ("vni", "được", b"\xf1\xf6\xf4\xefc"),
        ("vni", "Việt", b"Vie\xe4t"),
        ("vni", "chỉ thị", b"ch\xe6 th\xf2"),
    ],
)
def test_legacy_tables_match_the_published_layout(name: str, word: str, raw: bytes) -> None:
    assert encode_legacy(word, name) == raw
    assert decode_legacy(raw, name) == word


def test_tcvn3_capitals_with_tones_fall_back_to_lower_case() -> None:
    assert decode_legacy(encode_legacy("ĐƯỢC", "tcvn3"), "tcvn3") == "ĐƯợC"


@pytest.mark.parametrize("name", ["tcvn3", "vni", "cp1258"])
def test_detect_legacy_picks_the_right_encoding(name: str) -> None:
    found, text, _ = detect_legacy(encode_legacy(DOC, name))
    assert (found, text) == (name, DOC)


@pytest.mark.parametrize(
    "phrase",
    [
        "Hà Nội",
        "Sở Y tế tỉnh",
        "hỗ trợ",
        "Thủ tướng Chính phủ",
        "ô nhiễm môi trường",
        "phối hợp với các đơn vị",
    ],
)
@pytest.mark.parametrize("name", ["tcvn3", "vni", "cp1258"])
def test_short_phrases_decode_right(name: str, phrase: str) -> None:
    text, _, notes = decode_bytes(encode_legacy(phrase, name), "x")
    assert text == phrase and notes


def test_syllable_check() -> None:
    assert all(is_syllable(w) for w in ["nghiêng", "quyết", "được", "khuya", "Trường"])
    assert not any(is_syllable(w) for w in ["strength", "ngµy", "xyz", "cñ", "trừũ", "toõi", "nơịi"])


# --------------------------------------------------------------------------- text encodings


ENCODED = {
    "utf-8": (DOC.encode("utf-8"), None),
    "utf-8-bom": (b"\xef\xbb\xbf" + DOC.encode("utf-8"), None),
    "utf-16": (DOC.encode("utf-16"), "UTF-16"),
    "utf-16-le-no-bom": (DOC.encode("utf-16-le"), "UTF-16 (no byte-order mark)"),
    "utf-16-be-no-bom": (DOC.encode("utf-16-be"), "UTF-16 (no byte-order mark)"),
    "cp1258": (encode_legacy(DOC, "cp1258"), "Windows-1258"),
    "tcvn3": (encode_legacy(DOC, "tcvn3"), "TCVN3 (ABC)"),
    "vni": (encode_legacy(DOC, "vni"), "VNI Windows"),
}


@pytest.mark.parametrize("label", sorted(ENCODED))
def test_text_encodings_decode_to_the_same_text(tmp_path: Path, label: str) -> None:
    data, note = ENCODED[label]
    path = tmp_path / f"{label}.txt"
    path.write_bytes(data)
    source = read_document(path)
    assert source.text == DOC
    assert source.format == "txt"
    if note is None:
        assert source.notes == ()
    else:
        assert any(note in n for n in source.notes), source.notes


def test_cp1258_bytes_agree_with_pythons_codec() -> None:
    # Windows-1258 writes base letter (with hat/horn) + combining tone; NFC gives the text back.
    import unicodedata

    data = encode_legacy(DOC, "cp1258")
    assert unicodedata.normalize("NFC", data.decode("cp1258", errors="strict")) == DOC
    assert "\u0301" in data.decode("cp1258")
    text, encoding, _ = decode_bytes(data, "x")
    assert (text, encoding) == (DOC, "cp1258")


def test_legacy_font_text_saved_as_unicode_is_repaired(tmp_path: Path) -> None:
    mojibake = encode_legacy(DOC, "tcvn3").decode("cp1252")
    assert "Chñ tÞch" in mojibake
    path = tmp_path / "vntime.txt"
    path.write_text(mojibake, encoding="utf-8")
    source = read_document(path)
    assert source.text == DOC
    assert any("TCVN3" in n for n in source.notes)


def test_unicode_vietnamese_is_never_repaired() -> None:
    text, _, _ = decode_bytes(DOC.encode(), "x")
    assert read_bytes(DOC.encode(), "x", "txt").text == text == DOC


# --------------------------------------------------------------------------- missing diacritics


def test_unaccented_text_is_detected_and_restored(tmp_path: Path) -> None:
    assert looks_unaccented(UNACCENTED)
    assert not looks_unaccented(DOC)
    assert not looks_unaccented("The committee asked the department to report on the budget plan. " * 4)
    path = tmp_path / "khongdau.txt"
    path.write_text(UNACCENTED, encoding="utf-8")
    source = read_document(path)
    assert source.text == UNACCENTED
    assert any("without diacritics" in n for n in source.notes)
    restored = restore_diacritics(UNACCENTED)
    assert restored is not None and source.analysis_text == restored
    assert len(restored) == len(UNACCENTED)
    for a, b in zip(UNACCENTED, restored, strict=True):
        assert a == b or (a.isalpha() and b.isalpha() and a.isupper() == b.isupper())
    for phrase in ("yêu cầu Sở Y tế chủ trì, phối hợp", "trước ngày 15/4/2024", "Giao Sở Tài chính", "UBND"):
        assert phrase in restored
    mixed = restore_diacritics(DOC) or DOC  # words that already carry marks are never touched
    assert all(w == w2 for w, w2 in zip(DOC.split(), mixed.split(), strict=True) if not w.isascii())


# --------------------------------------------------------------------------- .docx .pdf .html


def test_docx_paragraphs_lists_and_table_in_reading_order(tmp_path: Path) -> None:
    path = tmp_path / "ket-luan.docx"
    expected = make_docx(path)
    source = read_document(path)
    assert source.format == "docx"
    assert source.text.split("\n") == expected
    assert (
        "1 | Hoàn thành báo cáo tổng kết công tác cải cách hành chính | Sở Nội vụ | trước ngày 30/4/2024"
        in (source.text)
    )


def test_docx_in_legacy_font_is_repaired(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    for line in LINES:
        d.add_paragraph(encode_legacy(line, "vni").decode("cp1252"))
    d.save(str(tmp_path / "vni.docx"))
    source = read_document(tmp_path / "vni.docx")
    assert source.text == DOC.rstrip("\n")
    assert any("VNI" in n for n in source.notes)


def test_pdf_text_without_headers_footers_and_wrapping(tmp_path: Path) -> None:
    pages = [LINES[:4], LINES[4:6], LINES[6:]]
    path = tmp_path / "ket-luan.pdf"
    make_pdf(path, pages)
    source = read_document(path)
    assert source.format == "pdf"
    assert source.text == DOC.rstrip("\n")
    assert "Trang" not in source.text and "Cổng thông tin" not in source.text
    assert any("header/footer" in n for n in source.notes)


def test_page_furniture_and_line_joining_units() -> None:
    pages = [["Báo cáo số 12 - trang 1", "nội dung một"], ["Báo cáo số 12 - trang 2", "nội dung hai"]]
    cleaned, removed = remove_page_furniture(pages)
    assert cleaned == [["nội dung một"], ["nội dung hai"]] and removed == 2
    text, joins = join_broken_lines(
        ["Sở Nội vụ tham mưu xây dựng đề án chuyển đổi", "số và trình UBND tỉnh."]
    )
    assert text == "Sở Nội vụ tham mưu xây dựng đề án chuyển đổi số và trình UBND tỉnh." and joins == 1
    text, _ = join_broken_lines(["Tăng cường công tác phối hợp liên ngà-", "nh trong quản lý."])
    assert text == "Tăng cường công tác phối hợp liên ngành trong quản lý."
    text, joins = join_broken_lines(["Yêu cầu:", "a) rà soát hồ sơ;", "b) báo cáo kết quả."])
    assert text == "Yêu cầu:\na) rà soát hồ sơ;\nb) báo cáo kết quả." and joins == 0


PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Tin tức | Cổng TTĐT</title>
<style>.x{{color:red}}</style><script>var menu = "Trang chủ";</script></head><body>
<header><div class="logo">Cổng thông tin điện tử</div></header>
<nav><ul><li>Trang chủ</li><li>Giới thiệu</li><li>Tin tức</li></ul></nav>
<div class="top-banner">Quảng cáo khuyến mãi</div>
<div class="container"><div class="sidebar-left"><p>Liên kết website các sở ngành trong tỉnh</p></div>
<article><h1>{title}</h1>{body}</article>
<div class="social-share">Chia sẻ Facebook Zalo</div>
<div id="comments"><p>Ý kiến bạn đọc: bài viết rất hay và bổ ích cho mọi người.</p></div>
<div class="related-news"><p>Tin liên quan: hội nghị sơ kết nông nghiệp</p></div></div>
<footer>Bản quyền thuộc về tỉnh</footer></body></html>"""


def test_html_main_article_only(tmp_path: Path) -> None:
    body = "".join(f"<p>{line}</p>" for line in LINES[1:])
    path = tmp_path / "tin.html"
    path.write_text(PAGE.format(title=LINES[0], body=body), encoding="utf-8")
    source = read_document(path)
    assert source.format == "html"
    assert source.text == "\n\n".join(LINES)
    for noise in ("Trang chủ", "Quảng cáo", "Chia sẻ", "bạn đọc", "Tin liên quan", "Bản quyền", "Liên kết"):
        assert noise not in source.text


def test_html_publication_metadata_becomes_the_reference_date(tmp_path: Path) -> None:
    body = "".join(f"<p>{line}</p>" for line in LINES[1:])
    page = PAGE.format(title=LINES[0], body=body)
    stamped = page.replace(
        "<head>", '<head><meta property="article:published_time" content="2024-03-16T08:30:00+07:00">', 1
    )
    assert stamped != page
    (tmp_path / "tin.html").write_text(stamped, encoding="utf-8")
    source = read_document(tmp_path / "tin.html")
    assert source.reference_date == dt.date(2024, 3, 16)
    assert any("2024-03-16" in note for note in source.notes)
    (tmp_path / "plain.html").write_text(page, encoding="utf-8")
    assert read_document(tmp_path / "plain.html").reference_date is None
    assert html_published_date('<meta name="pubdate" content="2024-02-30">') is None  # not a day


def test_html_without_article_element_uses_the_densest_block() -> None:
    html = (
        "<html><body><div class='menu'><a>Trang chủ</a> <a>Tin tức</a></div><div><h2>Tiêu đề bài</h2>"
        + "".join(f"<p>{line}</p>" for line in LINES[1:])
        + "</div><div><p>Bản quyền</p></div></body></html>"
    )
    text = html_to_text(html)
    assert text.startswith("Tiêu đề bài\n\n" + LINES[1])
    assert "Trang chủ" not in text


@pytest.mark.parametrize(
    "html",
    [
        "<html><body><p>Sở Y tế <b>chủ trì<p>báo cáo</i></div></span>trước ngày 5/4/2024.<<>>&bogus;",
        "<div>" * 5000 + "Sở Tài chính báo cáo kết quả thu ngân sách." + "</p>" * 17,
        "<p>Sở Nội vụ tổng hợp\x00 kết quả</p><table><tr><td>1<td>2</table></tr><li>",
    ],
)
def test_malformed_html_does_not_crash(tmp_path: Path, html: str) -> None:
    path = tmp_path / "bad.html"
    path.write_text(html, encoding="utf-8")
    source = read_document(path)
    assert "Sở" in source.text


# --------------------------------------------------------------------------- bad inputs


def _truncated_docx(tmp_path: Path) -> Path:
    full = tmp_path / "full.docx"
    make_docx(full)
    data = full.read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(data[: len(data) // 2])
    return path


def _truncated_pdf(tmp_path: Path) -> Path:
    full = tmp_path / "full.pdf"
    make_pdf(full, [LINES])
    data = full.read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: len(data) // 3])
    return path


def _encrypted_pdf(tmp_path: Path) -> Path:
    from pypdf import PdfReader, PdfWriter

    full = tmp_path / "plain.pdf"
    make_pdf(full, [LINES])
    writer = PdfWriter()
    for page in PdfReader(full).pages:
        writer.add_page(page)
    writer.encrypt(user_password="mat-khau", algorithm="RC4-128")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def _scanned_pdf(tmp_path: Path) -> Path:
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    return path


def _write(name: str, data: bytes):
    def make(tmp_path: Path) -> Path:
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return make


def _big_text(tmp_path: Path) -> Path:
    path = tmp_path / "big.txt"
    line = ("Sở Tài chính báo cáo kết quả thu ngân sách nhà nước quý I. " * 4 + "\n").encode()
    with path.open("wb") as handle:
        for _ in range(50_000_000 // len(line) + 1):
            handle.write(line)
    return path


BAD_INPUTS = {
    "missing": (lambda tmp: tmp / "khong-co.txt", "no such file"),
    "device": (lambda tmp: Path("/dev/zero"), "not a regular file"),
    "directory": (lambda tmp: tmp, "is a directory"),
    "empty": (_write("empty.txt", b""), "empty"),
    "whitespace": (_write("blank.txt", b" \n\t\r\n  "), "empty"),
    "binary": (_write("anh.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20), "binary"),
    "control-chars": (_write("ctl.txt", bytes([1, 2, 3, 4, 5, 6, 65]) * 300), "binary"),
    "old-doc": (
        _write("bien-ban.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600),
        "unsupported format",
    ),
    "ole-as-docx": (
        _write("locked.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600),
        "not a valid .docx",
    ),
    "not-a-zip-docx": (_write("fake.docx", DOC.encode()), "not a valid .docx"),
    "truncated-docx": (_truncated_docx, "not a valid .docx"),
    "not-a-pdf": (_write("fake.pdf", DOC.encode()), "not a valid PDF"),
    "truncated-pdf": (_truncated_pdf, "PDF"),
    "encrypted-pdf": (_encrypted_pdf, "password-protected PDF"),
    "scanned-pdf": (_scanned_pdf, "no text layer"),
    "50MB-text": (_big_text, "too large"),
    "200k-line": (_write("line.txt", ("Sở Nội vụ báo cáo. " * 11_000).encode()), "one line has"),
    "html-no-text": (
        _write("empty.html", b"<html><head><script>x()</script></head><body></body></html>"),
        "empty",
    ),
    "zip-no-suffix": (_write("archive", b"PK\x03\x04" + b"\x00" * 100), "unsupported"),
}


@pytest.mark.parametrize("label", sorted(BAD_INPUTS))
def test_bad_inputs_give_one_clear_line(tmp_path: Path, label: str) -> None:
    make, phrase = BAD_INPUTS[label]
    path = make(tmp_path)
    with pytest.raises(InputError) as info:
        read_document(path)
    message = str(info.value)
    assert "\n" not in message
    assert phrase in message, message
    assert str(path) in message


def test_limits_are_public_and_sane() -> None:
    assert MAX_LINE_CHARS < MAX_CHARS
    assert len("Sở Nội vụ báo cáo. " * 11_000) > MAX_LINE_CHARS


def test_unsupported_is_a_distinct_error(tmp_path: Path) -> None:
    path = tmp_path / "bang.xlsx"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(UnsupportedFormatError):
        read_document(path)


def test_unknown_suffix_with_text_is_read(tmp_path: Path) -> None:
    path = tmp_path / "bien-ban.log"
    path.write_bytes(encode_legacy(DOC, "vni"))
    assert read_document(path).text == DOC


def test_stdin_is_sniffed(monkeypatch: pytest.MonkeyPatch) -> None:
    class FakeStdin:
        buffer = io.BytesIO(encode_legacy(DOC, "tcvn3"))

    monkeypatch.setattr(sys, "stdin", FakeStdin())
    source = read_document("-")
    assert source.text == DOC and source.source == "<stdin>"


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root can read anything")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(DOC, encoding="utf-8")
    path.chmod(0)
    with pytest.raises(InputError, match="cannot read"):
        read_document(path)


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "minutes_nlp", "extract", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )


@pytest.mark.parametrize("kind", ["missing", "encrypted-pdf"])
def test_cli_bad_single_input_exit_2_one_line(tmp_path: Path, kind: str) -> None:
    path = BAD_INPUTS[kind][0](tmp_path)
    result = _cli(str(path))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("minutes-nlp: error:") and str(path) in lines[0]
    assert result.stdout == ""


# --------------------------------------------------------------------------- fuzz


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=3000))
def test_fuzz_bytes_to_every_reader(data: bytes) -> None:
    for fmt in (None, "txt", "docx", "pdf", "html"):
        try:
            source = read_bytes(data, "fuzz", fmt)
        except InputError as exc:
            assert "\n" not in str(exc)
        else:
            assert isinstance(source, SourceText) and source.text.strip()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=2000), st.sampled_from([".txt", ".html", ".md", ""]))
def test_fuzz_unicode_files(text: str, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"doc{suffix}"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            source = read_document(path)
        except InputError as exc:
            assert "\n" not in str(exc)
        else:
            assert source.text.strip()
            assert source.analysis_text is None or len(source.analysis_text) == len(source.text)


# --------------------------------------------------------------------------- through the pipeline


@pytest.fixture(scope="module")
def nlp():
    if not HAS_PIPELINE:
        pytest.skip("minutes_nlp.pipeline not written yet")
    import minutes_nlp

    return minutes_nlp.load(use_models=False)


def _tasks(doc) -> list[tuple[str, str | None]]:
    return [
        (t.text, t.deadline.date.isoformat() if t.deadline and t.deadline.date else None) for t in doc.tasks
    ]


@needs_pipeline
def test_every_format_extracts_like_utf8(nlp, tmp_path: Path) -> None:
    made: dict[str, tuple[Path, str]] = {}
    for label in ("tcvn3", "vni", "cp1258", "utf-16"):
        path = tmp_path / f"{label}.txt"
        path.write_bytes(ENCODED[label][0])
        made[label] = (path, DOC)
    crlf = tmp_path / "crlf-utf16.txt"
    crlf.write_bytes(DOC.replace("\n", "\r\n").encode("utf-16"))
    made["crlf"] = (crlf, DOC)
    docx_path = tmp_path / "a.docx"
    made["docx"] = (docx_path, "\n".join(make_docx(docx_path)))
    pdf_path = tmp_path / "a.pdf"
    make_pdf(pdf_path, [LINES[:4], LINES[4:]])
    made["pdf"] = (pdf_path, DOC.rstrip("\n"))
    html_path = tmp_path / "a.html"
    html_path.write_text(PAGE.format(title=LINES[0], body="".join(f"<p>{x}</p>" for x in LINES[1:])), "utf-8")
    made["html"] = (html_path, "\n\n".join(LINES))
    for label, (path, plain) in made.items():
        utf8 = tmp_path / f"{label}-plain.txt"
        utf8.write_text(plain, encoding="utf-8")
        got = nlp.process(read_document(path))
        want = nlp.process(read_document(utf8))
        assert _tasks(got) == _tasks(want), label
        assert want.tasks, f"{label}: the fixture should contain tasks"
        assert any("decoded" in n or "header" in n for n in got.notes) or label in ("docx", "html", "crlf")


@needs_pipeline
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.one_of(
        st.binary(max_size=1500), st.text(max_size=1500).map(lambda t: t.encode("utf-8", "replace"))
    )
)
def test_fuzz_pipeline_never_raises(nlp, data: bytes) -> None:
    try:
        source = read_bytes(data, "fuzz")
        doc = nlp.process(source)
    except MinutesError:
        return
    for task in doc.tasks:
        assert source.text[task.start : task.end] == task.text
