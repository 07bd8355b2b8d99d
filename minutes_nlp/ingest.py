"""Reading an input (.txt in any common Vietnamese encoding, .docx, .pdf, .html) into plain text.

Every failure is an :class:`InputError` with one clear line naming the file and the problem;
no other exception leaves :func:`read_document`. Offsets in the output refer to
``SourceText.text``, which ``--emit-text`` writes out so spans stay checkable.

Size policy: inputs above :data:`MAX_CHARS` characters (about 300 pages, far beyond any
meeting document) or with one line above :data:`MAX_LINE_CHARS` are rejected with a clear
message instead of being processed, because the downstream tokenizer is super-linear on
huge inputs and a rejected file is better than a hung batch. Text files are size-checked
before they are read, so a 50 MB file is refused at once.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
import sys
import unicodedata
import zipfile
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from minutes_nlp.diacritics import restore_words, shipped_table, unaccent
from minutes_nlp.errors import InputError
from minutes_nlp.legacy import ENCODING_NAMES, detect_legacy, is_syllable, repair_mojibake
from minutes_nlp.lexicon import load_toml

#: Largest document accepted, in characters (the pipeline guards with the same constant).
MAX_CHARS = 1_000_000
#: Longest single line accepted, in characters.
MAX_LINE_CHARS = 100_000
#: Longest text whose diacritics are restored (pyvi runs at about 20,000 characters a second).
MAX_RESTORE_CHARS = 300_000
#: Largest .docx/.pdf/.html file read (they may embed images, so bytes > characters).
MAX_FILE_BYTES = 100_000_000

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | {".docx", ".pdf"}
#: Formats people will try that we do not read: a clear "unsupported" (batch: skipped).
UNSUPPORTED_HINTS = {
    ".doc": "old Word .doc: save it as .docx",
    ".rtf": "save it as .docx",
    ".odt": "save it as .docx",
    ".xls": "spreadsheets are not read",
    ".xlsx": "spreadsheets are not read",
    ".ppt": "slides are not read",
    ".pptx": "slides are not read",
}

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_WORD = re.compile(r"[^\W\d_]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


class UnsupportedFormatError(InputError):
    """The file is of a kind we do not read (a batch lists it as skipped, not failed)."""


@dataclass(frozen=True)
class SourceText:
    """The plain text the pipeline sees; offsets in the output refer to ``text``.

    ``analysis_text``, when set, has the same length as ``text`` (diacritics restored) and is
    what the pipeline should analyse while quoting ``text``. ``reference_date`` is what the
    reader knows from outside the text (the day a press release was published): it gives
    the year to "Chiều 15/8" and resolves deadlines when the text names no date at all.
    """

    text: str
    source: str
    format: str = "txt"
    encoding: str = "utf-8"
    notes: tuple[str, ...] = field(default_factory=tuple)
    analysis_text: str | None = None
    reference_date: dt.date | None = None


# --------------------------------------------------------------------------- text decoding


def _looks_utf16(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when NULs sit on one byte parity (BOM-less UTF-16), else None."""
    sample = data[:8192]
    half = len(sample) // 2
    if half < 2:
        return None
    even = sample[0::2].count(0) / half
    odd = sample[1::2].count(0) / half
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, source: str) -> tuple[str, str, list[str]]:
    """Bytes -> (text, encoding, notes): BOM, strict UTF-8, BOM-less UTF-16, then legacy."""
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(f"{source}: damaged {codec.upper()} text (byte {exc.start})") from None
            notes = [] if codec == "utf-8-sig" else ["decoded from UTF-16"]
            return text, codec.replace("-sig", ""), notes
    if b"\x00" in data:
        codec = _looks_utf16(data)
        if codec is None:
            raise InputError(f"{source}: looks like a binary file, not a text document")
        try:
            return data.decode(codec), codec, ["decoded from UTF-16 (no byte-order mark)"]
        except UnicodeDecodeError:
            raise InputError(f"{source}: looks like a binary file, not a text document") from None
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    name, text, score = detect_legacy(data)
    ascii_letters = sum(1 for b in data[:65536] if 65 <= (b | 32) <= 122)
    if score < 0.3 and ascii_letters < 0.3 * min(len(data), 65536):
        raise InputError(f"{source}: looks like a binary file or an unknown text encoding")
    return text, name, [f"decoded from {ENCODING_NAMES[name]}"]


def _check_text(text: str, source: str) -> None:
    """Empty, binary-looking, too large, or one absurdly long line -> InputError."""
    if not text.strip():
        raise InputError(f"{source}: the document is empty")
    sample = text[:65536]
    if len(_CONTROL.findall(sample)) > 0.05 * len(sample):
        raise InputError(f"{source}: looks like a binary file, not a text document")
    if len(text) > MAX_CHARS:
        raise InputError(f"{source}: too large ({len(text):,} characters); the limit is {MAX_CHARS:,}")
    longest = max(len(line) for line in text.splitlines())
    if longest > MAX_LINE_CHARS:
        raise InputError(
            f"{source}: one line has {longest:,} characters; the limit is {MAX_LINE_CHARS:,} "
            "(is this really a text document?)"
        )


def _finish(text: str, source: str, fmt: str, encoding: str, notes: list[str]) -> SourceText:
    """Shared post-processing for every format: checks, mojibake repair, missing diacritics."""
    _check_text(text, source)
    repaired = repair_mojibake(text)
    if repaired is not None:
        name, text = repaired
        notes.append(f"converted legacy {ENCODING_NAMES[name]} font text to Unicode")
    analysis = None
    if looks_unaccented(text):
        analysis = restore_diacritics(text)
        if analysis is not None:
            notes.append(
                "text typed without diacritics; diacritics restored for analysis (lexicon, corpus n-grams, pyvi)"
            )
        else:
            notes.append("text typed without diacritics; extraction may be less accurate")
    return SourceText(
        text=text, source=source, format=fmt, encoding=encoding, notes=tuple(notes), analysis_text=analysis
    )


def decode_text(data: bytes, source: str) -> SourceText:
    """A plain-text file's bytes -> SourceText, or InputError."""
    if len(data) > 4 * MAX_CHARS:
        raise InputError(
            f"{source}: too large ({len(data) / 1e6:.1f} MB); the limit is {MAX_CHARS:,} characters"
        )
    text, encoding, notes = decode_bytes(data, source)
    return _finish(text, source, "txt", encoding, notes)


# --------------------------------------------------------------------------- missing diacritics


@cache
def _unaccented_words() -> frozenset[str]:
    return frozenset(load_toml("ingest.toml")["common_words"]["unaccented"])


def looks_unaccented(text: str) -> bool:
    """Vietnamese typed without diacritics: many frequent unaccented words, almost no marks."""
    words = [w.lower() for w in _WORD.findall(text[:200_000])]
    if len(words) < 12:
        return False
    marked = sum(1 for w in words if not w.isascii())
    if marked > 0.02 * len(words):
        return False
    common = _unaccented_words()
    frequent = sum(1 for w in words if w in common)
    valid = sum(1 for w in words if is_syllable(w))
    return frequent >= 0.15 * len(words) and valid >= 0.6 * len(words)


def _base_letter(ch: str) -> str:
    """'ệ' -> 'e', 'đ' -> 'd': the key a letter typed without marks would have."""
    if ch in "đĐ":
        return "d"
    return unicodedata.normalize("NFD", ch)[0].lower()


def _align_restored(original: str, restored: str) -> str:
    """Take the restored form of words typed without any mark, letter by letter where it is
    the same letter with marks, in the original's case; everything else stays as it was, so
    offsets and non-letters never move and words already accented are never touched."""
    if len(restored) != len(original):
        return original
    out = list(original)
    for match in _WORD.finditer(original):
        if not match.group(0).isascii():
            continue
        for k in range(match.start(), match.end()):
            o, r = original[k], restored[k]
            if _base_letter(r) == o.lower():
                out[k] = r.upper() if o.isupper() else r.lower()
    return "".join(out)


@cache
def _pyvi():
    try:
        from pyvi import ViUtils
    except Exception:  # noqa: BLE001 - any failure to load the shipped model means "unavailable"
        return None
    return ViUtils


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    return []


@cache
def _phrase_table() -> dict[tuple[str, ...], str]:
    """Unaccented multi-word phrase -> its accented form, from every lexicon the project ships
    (directive cues, agencies, time and unit words...). Keys with two accented readings are
    dropped; single words are too ambiguous ('so': sở/số) and are left to pyvi."""
    from importlib import resources

    readings: dict[tuple[str, ...], set[str]] = {}
    for entry in resources.files("minutes_nlp").joinpath("data").iterdir():
        if not entry.name.endswith(".toml") or entry.name == "legacy_encodings.toml":
            continue
        try:
            data = load_toml(entry.name)
        except Exception:  # noqa: BLE001 - a broken lexicon is reported by its owner, not here
            continue
        phrases = _strings(data) if entry.name != "ingest.toml" else _strings(data.get("restore", {}))
        for phrase in phrases:
            words = [unicodedata.normalize("NFC", w).lower() for w in _WORD.findall(phrase)]
            if len(words) < 2 or all(w.isascii() for w in words):
                continue
            if any(len(unaccent(w)) != len(w) for w in words):
                continue
            readings.setdefault(tuple(unaccent(w) for w in words), set()).add(" ".join(words))
    return {key: next(iter(forms)) for key, forms in readings.items() if len(forms) == 1}


@cache
def _heads() -> dict[str, str]:
    """'So' -> 'Sở': one-word agency heads, used only before a capitalised name."""
    heads = load_toml("ingest.toml")["restore"]["heads"]
    return {unaccent(h): h for h in heads if " " not in h and len(unaccent(h)) == len(h)}


def _restore_phrases(text: str) -> dict[int, str]:
    """Position -> accented letter for every known lexicon phrase found in unaccented text,
    and for agency heads ('So', 'Bo') written before a capitalised name."""
    table = _phrase_table()
    heads = _heads()
    longest = max((len(k) for k in table), default=0)
    words = list(_WORD.finditer(text))
    fixed: dict[int, str] = {}
    i = 0
    while i < len(words):
        step = 1
        for n in range(min(longest, len(words) - i), 1, -1):
            window = words[i : i + n]
            if any(text[a.end() : b.start()] != " " for a, b in zip(window, window[1:], strict=False)):
                continue
            accented = table.get(tuple(w.group(0).lower() for w in window))
            if accented is None:
                continue
            for match, word in zip(window, accented.split(" "), strict=True):
                for k, ch in enumerate(word):
                    original = text[match.start() + k]
                    fixed[match.start() + k] = ch.upper() if original.isupper() else ch
            step = n
            break
        head = heads.get(words[i].group(0))
        nxt = words[i + 1] if i + 1 < len(words) else None
        if (
            step == 1
            and head
            and nxt
            and text[words[i].end() : nxt.start()] == " "
            and nxt.group(0)[0].isupper()
        ):
            for k, ch in enumerate(head):
                fixed[words[i].start() + k] = ch
        i += step
    return fixed


def _restore_with_pyvi(text: str) -> str:
    """pyvi's restoration aligned to ``text`` (the original where pyvi is unavailable)."""
    vi = _pyvi()
    if vi is None:
        return text
    out = []
    for line in text.split("\n"):
        if not line.strip():
            out.append(line)
            continue
        try:
            restored = vi.add_accents(line)
        except Exception:  # noqa: BLE001 - a model hiccup on one line must not lose the document
            restored = line
        out.append(_align_restored(line, restored if isinstance(restored, str) else line))
    return "\n".join(out)


def restore_diacritics(text: str, table: dict | None = None) -> str | None:
    """Text of the same length with diacritics restored, or None when nothing could be restored
    (or the text is too long). Known lexicon phrases ('yeu cau' -> 'yêu cầu', 'So Y te' ->
    'Sở Y tế') win; then the corpus n-gram table (``diacritics.py``; ``table``, else the one
    shipped with the models); words neither knows take pyvi's shipped model. Words restored
    exactly, measured on the corpus/dev texts with their marks stripped (every 3rd document,
    36,181 words): pyvi and the lexicon 0.860; with the n-gram table 0.974."""
    if len(text) > MAX_RESTORE_CHARS:
        return None
    chars = list(_restore_with_pyvi(text))
    table = table if table is not None else shipped_table()
    if table is not None:
        for position, ch in restore_words(text, table).items():
            chars[position] = ch
    for position, ch in _restore_phrases(text).items():
        chars[position] = ch
    result = "".join(chars)
    if result == text or len(result) != len(text):
        return None
    return result


# --------------------------------------------------------------------------- .docx


def _docx_numbering(document) -> dict[tuple[str, int], tuple[str, str, int]]:
    """(numId, level) -> (numFmt, lvlText, start) from numbering.xml; {} when absent."""
    from docx.oxml.ns import qn

    try:
        root = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    abstract = {a.get(qn("w:abstractNumId")): a for a in root.findall(qn("w:abstractNum"))}
    result: dict[tuple[str, int], tuple[str, str, int]] = {}
    for num in root.findall(qn("w:num")):
        ref = num.find(qn("w:abstractNumId"))
        body = abstract.get(ref.get(qn("w:val"))) if ref is not None else None
        if body is None:
            continue
        for lvl in body.findall(qn("w:lvl")):

            def val(tag: str, default: str, lvl=lvl) -> str:
                node = lvl.find(qn(tag))
                return node.get(qn("w:val"), default) if node is not None else default

            try:
                level = int(lvl.get(qn("w:ilvl"), "0"))
                start = int(val("w:start", "1"))
            except ValueError:
                continue
            result[(num.get(qn("w:numId")), level)] = (
                val("w:numFmt", "decimal"),
                val("w:lvlText", ""),
                start,
            )
    return result


def _roman(n: int) -> str:
    pairs = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"))
    pairs += ((50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
    out = ""
    for value, letters in pairs:
        while n >= value:
            out, n = out + letters, n - value
    return out


def _format_number(n: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    return str(n)


def _num_pr(paragraph) -> tuple[str, int] | None:
    """(numId, level) of a list paragraph, from the paragraph or its style chain."""
    from docx.oxml.ns import qn

    elements = [paragraph._p.pPr]
    style = paragraph.style
    while style is not None:
        elements.append(style.element.pPr)
        style = style.base_style
    for ppr in elements:
        if ppr is None:
            continue
        num_pr = ppr.find(qn("w:numPr"))
        if num_pr is None:
            continue
        num_id = num_pr.find(qn("w:numId"))
        ilvl = num_pr.find(qn("w:ilvl"))
        if num_id is None:
            continue
        level = int(ilvl.get(qn("w:val"), "0")) if ilvl is not None else 0
        return num_id.get(qn("w:val")), level
    return None


class _ListCounter:
    """Counts list items per numbering instance and renders their markers ("1.", "a)", "- ")."""

    def __init__(self, formats: dict[tuple[str, int], tuple[str, str, int]]) -> None:
        self.formats = formats
        self.counts: dict[str, list[int]] = {}

    def marker(self, num_id: str, level: int) -> str:
        if num_id == "0":
            return ""
        spec = self.formats.get((num_id, level))
        if spec is None or spec[0] == "bullet":
            return "- "
        if spec[0] == "none":
            return ""
        counts = self.counts.setdefault(num_id, [0] * 10)
        level = min(level, 9)
        counts[level] = counts[level] + 1 if counts[level] else spec[2]
        for deeper in range(level + 1, 10):
            counts[deeper] = 0
        text = spec[1] or f"%{level + 1}."
        for k in range(1, 10):
            if f"%{k}" in text:
                fmt = self.formats.get((num_id, k - 1), ("decimal", "", 1))[0]
                text = text.replace(f"%{k}", _format_number(max(counts[k - 1], 1), fmt))
        return text.strip() + " "


def _docx_blocks(document) -> list[str]:
    """Paragraphs and table rows in body order; list items with their number."""
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    counter = _ListCounter(_docx_numbering(document))
    lines: list[str] = []
    stack = list(reversed(list(document.element.body.iterchildren())))
    while stack:
        child = stack.pop()
        if child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                stack.extend(reversed(list(content.iterchildren())))
        elif child.tag == qn("w:p"):
            paragraph = Paragraph(child, document)
            text = paragraph.text.strip()
            if not text:
                continue
            num = _num_pr(paragraph)
            lines.append((counter.marker(*num) if num else "") + text)
        elif child.tag == qn("w:tbl"):
            for row in Table(child, document).rows:
                cells, seen = [], set()
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    cells.append(" ".join(p.text.strip() for p in cell.paragraphs if p.text.strip()))
                if any(cells):
                    lines.append(" | ".join(cells))
    return lines


def read_docx(data: bytes, source: str) -> SourceText:
    """A .docx file's bytes -> SourceText (python-docx), or InputError."""
    if data.startswith(_OLE_MAGIC):
        raise InputError(f"{source}: not a valid .docx (an old Word .doc or a password-protected file)")
    import docx

    try:
        lines = _docx_blocks(docx.Document(io.BytesIO(data)))
    except Exception as exc:  # noqa: BLE001 - zip, XML and package errors all mean the same to a user
        reason = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        raise InputError(f"{source}: not a valid .docx ({reason})") from None
    return _finish("\n".join(lines), source, "docx", "docx", [])


# --------------------------------------------------------------------------- .pdf

_SENTENCE_END = (".", ":", ";", "!", "?")
_LIST_START = re.compile(r"^(?:[-+•*–]\s|[a-zđ]\)|\d+[.)]\s|[ivx]+[.)]\s)")


def _furniture_key(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split())).lower()


def remove_page_furniture(pages: list[list[str]]) -> tuple[list[list[str]], int]:
    """Drop header/footer lines: near the top or bottom of a page and identical (digits aside)
    on most pages. Returns (pages, number of lines removed)."""
    if len(pages) < 2:
        return pages, 0
    edge = 2
    seen: dict[str, int] = {}
    for lines in pages:
        keys = {_furniture_key(line) for line in lines[:edge] + lines[-edge:] if 0 < len(line.strip()) <= 100}
        for key in keys:
            seen[key] = seen.get(key, 0) + 1
    needed = max(2, -(-6 * len(pages) // 10))
    furniture = {key for key, count in seen.items() if count >= needed}
    removed = 0
    cleaned = []
    for lines in pages:
        keep = []
        for i, line in enumerate(lines):
            at_edge = i < edge or i >= len(lines) - edge
            if at_edge and 0 < len(line.strip()) <= 100 and _furniture_key(line) in furniture:
                removed += 1
                continue
            keep.append(line)
        cleaned.append(keep)
    return cleaned, removed


def join_broken_lines(lines: list[str]) -> tuple[str, int]:
    """Undo line wrapping: de-hyphenate 'word-' + 'rest'; join a line that does not end a
    sentence with a next line that starts in lower case, or (capitalised) whose first word
    could not have fitted on the line (so the break was forced by the width).
    Returns (text, number of joins)."""
    width = max((len(line.strip()) for line in lines), default=0)
    out: list[str] = []
    joins = 0
    last_len = 0  # length of the previous physical line
    for raw in lines:
        line = raw.strip()
        previous_len, last_len = last_len, len(line)
        if out and line and out[-1]:
            prev = out[-1]
            listed = _LIST_START.match(line) is not None
            starts_lower = line[0].islower() and not listed
            if starts_lower and re.search(r"[^\W\d_]-$", prev):
                out[-1] = prev[:-1] + line
                joins += 1
                continue
            forced = line[0].isalpha() and not listed and previous_len + 1 + len(line.split()[0]) > width
            if (starts_lower or forced) and not prev.endswith(_SENTENCE_END):
                out[-1] = prev + " " + line
                joins += 1
                continue
        out.append(line)
    return "\n".join(out).strip(), joins


def read_pdf(data: bytes, source: str) -> SourceText:
    """A .pdf file's bytes -> SourceText (pypdf text layer), or InputError."""
    if not data.lstrip()[:1024].startswith(b"%PDF") and b"%PDF" not in data[:1024]:
        raise InputError(f"{source}: not a valid PDF (no PDF header)")
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                unlocked = reader.decrypt("")
            except Exception:  # noqa: BLE001 - unsupported cipher etc.
                unlocked = 0
            if not unlocked:
                raise InputError(f"{source}: password-protected PDF; remove the password first")
        pages: list[list[str]] = []
        total = 0
        for page in reader.pages:
            try:
                text = page.extract_text() or ""
            except Exception:  # noqa: BLE001 - one bad page should not hide the others
                text = ""
            total += len(text)
            if total > MAX_CHARS:
                raise InputError(f"{source}: too large (over {MAX_CHARS:,} characters of text)")
            pages.append(text.splitlines())
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many types for broken files
        reason = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        raise InputError(f"{source}: not a valid PDF ({reason})") from None
    if not any(line.strip() for lines in pages for line in lines):
        raise InputError(f"{source}: the PDF has no text layer (scanned image?); run OCR first")
    pages, removed = remove_page_furniture(pages)
    text, joins = join_broken_lines([line for lines in pages for line in lines])
    notes = []
    if removed:
        notes.append(f"removed {removed} repeated page header/footer lines")
    if joins:
        notes.append(f"joined {joins} lines broken inside sentences")
    return _finish(text, source, "pdf", "pdf", notes)


# --------------------------------------------------------------------------- .html

_DROP_TAGS = ["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg"]
_DROP_TAGS += ["button", "select", "template", "object", "embed"]
_NOISE = re.compile(r"menu|nav|sidebar|comment|share|social|related|advert|banner|breadcrumb|popup|cookie")
_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "main",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "blockquote",
        "pre",
        "figure",
        "figcaption",
        "dl",
        "dt",
        "dd",
        "center",
        "address",
        "hr",
        "br",
        "body",
        "html",
    ]
)
_HEADINGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)


def _decode_html(data: bytes, source: str) -> tuple[str, str, list[str]]:
    """HTML bytes -> text: BOM/UTF-8 first, then a declared charset, then legacy detection."""
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode_bytes(data, source)
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    declared = _CHARSET.search(data[:4096])
    if declared:
        codec = declared.group(1).decode("ascii", "replace").lower()
        try:
            text = unicodedata.normalize("NFC", data.decode(codec, errors="replace"))
            return text, codec, [f"decoded from {codec}"]
        except LookupError:
            pass
    return decode_bytes(data, source)


def _text_len(node) -> int:
    return len(node.text(deep=True, separator=" ", strip=True) or "")


def _is_noise(node, total: int) -> bool:
    """Menus, share bars, comments...: by class/id, unless the node holds most of the page."""
    if node.tag in ("html", "body", "article", "main"):
        return False
    attrs = node.attributes
    label = f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower()
    if not _NOISE.search(label):
        return False
    return _text_len(node) < 0.4 * total


def _main_node(tree):
    """The article: <article>/<main>/articleBody with the most text, else the element whose
    direct <p> children hold the most text, else <body>."""
    candidates = tree.css("article, main, [itemprop=articleBody], [role=main]")
    best = max(candidates, key=_text_len, default=None)
    if best is not None and _text_len(best) >= 200:
        return best
    scores: dict[int, tuple[int, object]] = {}
    for p in tree.css("p"):
        parent = p.parent
        if parent is None:
            continue
        length, _ = scores.get(id(parent), (0, parent))
        scores[id(parent)] = (length + _text_len(p), parent)
    if scores:
        length, node = max(scores.values(), key=lambda item: item[0])
        if length >= 200:
            return node
    return tree.body or tree.root


def _html_blocks(root) -> list[tuple[str, str]]:
    """(kind, text) blocks in reading order; iterative so deep nesting cannot overflow."""
    blocks: list[tuple[str, str]] = []
    buffer: list[str] = []
    kinds: list[str] = ["p"]

    def flush() -> None:
        text = " ".join("".join(buffer).split())
        buffer.clear()
        if text:
            blocks.append((kinds[-1], text))

    stack: list[tuple[object, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        tag = node.tag
        if tag == "-text":
            buffer.append(node.text(deep=False) or "")
            continue
        if tag in ("td", "th") and not leaving:
            buffer.append(" | " if buffer and "".join(buffer).strip() else "")
        block = tag in _BLOCK_TAGS
        if leaving:
            if block:
                flush()
                kinds.pop()
            continue
        if block:
            flush()
            kinds.append(
                "line" if tag in ("li", "tr", "br", "dt", "dd") else "h" if tag in _HEADINGS else "p"
            )
        stack.append((node, True))
        children = []
        child = node.child
        while child is not None:
            children.append(child)
            child = child.next
        stack.extend((c, False) for c in reversed(children))
    flush()
    return blocks


def html_to_text(html: str) -> str:
    """Main article text of a press-release page: paragraphs separated by blank lines,
    headings and list items on their own lines; menus, scripts and page furniture dropped."""
    from selectolax.lexbor import LexborHTMLParser

    return _article_text(LexborHTMLParser(html))


def _article_text(tree) -> str:
    """``html_to_text`` on a parsed page; it strips and removes nodes of ``tree``."""
    if tree.root is None:
        return ""
    tree.strip_tags(_DROP_TAGS)
    total = _text_len(tree.body) if tree.body is not None else 0
    for node in tree.css("[class], [id]"):
        if _is_noise(node, total):
            node.decompose()
    main = _main_node(tree)
    blocks = _html_blocks(main)
    if not any(kind == "h" for kind, _ in blocks):
        heading = tree.css_first("h1")
        title = heading.text(deep=True, separator=" ", strip=True) if heading is not None else ""
        if not title:
            title_node = tree.css_first("title")
            title = title_node.text(strip=True) if title_node is not None else ""
        if title:
            blocks.insert(0, ("h", " ".join(title.split())))
    out: list[str] = []
    for i, (kind, text) in enumerate(blocks):
        if i:
            out.append("\n" if kind == "line" and blocks[i - 1][0] == "line" else "\n\n")
        out.append(text)
    return "".join(out)


# where a saved news page states when it was published (Open Graph / schema.org / plain meta)
_PUBLISHED_META = (
    'meta[property="article:published_time"]',
    'meta[itemprop="datePublished"]',
    'meta[name="pubdate"]',
    'meta[name="publishdate"]',
    'meta[name="date"]',
    'meta[name="dc.date"]',
)
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def html_published_date(html: str) -> dt.date | None:
    """The publication day a news page declares in its metadata, if any."""
    from selectolax.lexbor import LexborHTMLParser

    return _published_date(LexborHTMLParser(html))


def _published_date(tree) -> dt.date | None:
    for selector in _PUBLISHED_META:
        node = tree.css_first(selector)
        m = _ISO_DAY.match((node.attributes.get("content") or "").strip()) if node is not None else None
        if m:
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
    return None


def read_html(data: bytes, source: str) -> SourceText:
    """An .html file's bytes -> SourceText (main article text), or InputError. The page's
    publication day, when its metadata gives one, becomes the reference date."""
    from selectolax.lexbor import LexborHTMLParser

    html, encoding, notes = _decode_html(data, source)
    try:
        tree = LexborHTMLParser(html)  # parsed once: the metadata first, the article strips it
        published = _published_date(tree)
        text = _article_text(tree)
    except Exception as exc:  # noqa: BLE001 - the parser is tolerant; this is a last resort
        raise InputError(f"{source}: cannot parse the HTML ({type(exc).__name__})") from None
    if not text.strip():
        raise InputError(f"{source}: the document is empty (no article text in the HTML)")
    if published is not None:
        notes.append(f"reference date {published.isoformat()} from the page's publication metadata")
    return replace(_finish(text, source, "html", encoding, notes), reference_date=published)


# --------------------------------------------------------------------------- dispatch


def sniff_format(data: bytes) -> str:
    """Format from the content: 'pdf', 'docx', 'html' or 'txt'."""
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if "word/document.xml" in archive.namelist():
                    return "docx"
        except zipfile.BadZipFile:
            pass
        return "zip"
    low = head[:512].lower()
    if low.startswith((b"<!doctype html", b"<html")) or b"<html" in low:
        return "html"
    return "txt"


_READERS = {"txt": decode_text, "docx": read_docx, "pdf": read_pdf, "html": read_html}


def format_for(path: Path) -> str | None:
    """The reader for a suffix, None when the content must decide; raises for unsupported."""
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return "txt"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in (".docx", ".pdf"):
        return suffix[1:]
    if suffix in UNSUPPORTED_HINTS:
        raise UnsupportedFormatError(f"{path}: unsupported format '{suffix}' ({UNSUPPORTED_HINTS[suffix]})")
    return None


def read_bytes(data: bytes, source: str, fmt: str | None = None) -> SourceText:
    """Bytes of a document -> SourceText; ``fmt`` None means sniff the content."""
    if fmt is None:
        fmt = sniff_format(data)
        if fmt == "zip":
            raise UnsupportedFormatError(f"{source}: unsupported format (a zip archive)")
        if fmt == "txt" and (b"\x00" in data[:4096] and _looks_utf16(data) is None):
            raise UnsupportedFormatError(f"{source}: unsupported format (a binary file)")
    if not data.strip():
        raise InputError(f"{source}: the document is empty")
    try:
        return _READERS[fmt](data, source)
    except InputError:
        raise
    except (RecursionError, MemoryError, ValueError, LookupError) as exc:
        raise InputError(f"{source}: cannot read ({type(exc).__name__})") from None


def read_document(path: str | Path) -> SourceText:
    """Read PATH (or '-' for standard input) into text, or raise InputError with one clear line."""
    if str(path) == "-":
        limit = MAX_FILE_BYTES
        data = sys.stdin.buffer.read(limit + 1)
        if len(data) > limit:
            raise InputError(f"<stdin>: too large (over {limit / 1e6:.0f} MB)")
        return read_bytes(data, "<stdin>")
    p = Path(path)
    try:
        if not p.exists():
            raise InputError(f"{p}: no such file")
        if p.is_dir():
            raise InputError(f"{p}: is a directory (give a file, or use --out for a folder)")
        if not p.is_file():
            raise InputError(f"{p}: not a regular file (a device or a pipe; use '-' for standard input)")
        size = p.stat().st_size
    except OSError as exc:
        raise InputError(f"{p}: cannot read: {exc.strerror or exc}") from None
    fmt = format_for(p)
    limit = 4 * MAX_CHARS if fmt == "txt" else MAX_FILE_BYTES
    if size > limit:
        raise InputError(f"{p}: too large ({size / 1e6:.1f} MB); the limit is {limit / 1e6:.0f} MB")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{p}: cannot read: {exc.strerror or exc}") from None
    return read_bytes(data, str(p), fmt)
