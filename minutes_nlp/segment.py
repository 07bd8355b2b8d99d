"""Stage 2: lines -> sentences -> clause units, with the list structure that links items to
the sentence that introduces them.

Why a stage of its own: whether a directive is found at all depends mostly on cutting the
text at the right places. Page furniture (header block, dateline, photo captions, byline,
recipients, signatures) is recognised first so it never becomes a task; then sentences are
split with underthesea's sentence tokenizer, repaired where it fails (abbreviations such
as "TP.", numbered items); then each sentence is cut into clause units at ";" and at a
list-opening ":" when the items are tasks, and kept whole when they are topics of one task.
All offsets are into the normalized text (see ``normalize.Normalized.to_original``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache

from minutes_nlp.lexicon import alternation, load_toml, phrase_pattern, words
from minutes_nlp.roles import looks_like_agent
from minutes_nlp.timex import find_time_expressions
from minutes_nlp.tokens import pos_tags, verb_spans, word_spans

D = "directives.toml"

MARKER_SHAPES = r"""
        (?:[IVXLC]+[.)])                       # I.  II)
      | (?:\d{1,2}(?:\.\d{1,2})*[.)](?!\d))    # 1.  2.1.  3)
      | (?:[a-zđ][)])                          # a)  đ)
      | (?:[a-zđ][.](?=\s))                    # a.
      | (?:[-–—+•●▪◦*■□➢►✓]+)                  # bullets
      | (?:\(\d{1,2}\))                        # (1)
"""

ROW_NUMBER = re.compile(r"\d+[.)]?")  # a table cell holding only the row number


@cache
def _ordinal_marker() -> str:
    """An ordinal word from the lexicon that opens a list item ("Thứ nhất,", "Một là,")."""
    return rf"(?:(?:{alternation(words(D, 'structure.ordinal_markers'))})[,:.])"


@cache
def _marker_re() -> re.Pattern[str]:
    """A list marker at the start of a line: numbers, letters, bullets, or an ordinal word."""
    return re.compile(rf"^(?P<marker>{MARKER_SHAPES} | {_ordinal_marker()})\s*", re.VERBOSE)


DATELINE = re.compile(r"^[^\n,:]{2,40},\s*ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}", re.IGNORECASE)
FIELD_LINE = re.compile(r"^[^\W\d][\w ]{1,30}:\s*\S")
SENT_END = re.compile(r"[.!?…]+[\"”')\]]*(?:/\.)?$|/\.$")
ABBREV_END = re.compile(
    r"(?:\b(?:TP|TT|Q|P|Tp|ThS|TS|BS|GS|PGS|KS|CN|KT|TM|TL|ĐT|QL|Th\.S|St|Tr|Ô|B|Đ/c|đ/c|V/v|No|Mr|Mrs|Ms|TX|H|X)\.|\b[A-ZĐ]\.)$"
)


@dataclass(frozen=True)
class Line:
    """A physical line (paragraph) of the text."""

    index: int
    start: int
    end: int
    text: str
    kind: str  # header, doctype, title, dateline, caption, byline, heading, body, item, table_header, table_row, footer, blank
    marker: str | None = None
    content_start: int = 0  # offset where the content after the list marker begins
    depth: int = 0
    parent: int | None = None  # index of the line that introduces this item


@dataclass(frozen=True)
class Unit:
    """A clause unit: the candidate span of one task."""

    start: int
    end: int
    text: str
    line: int  # index of the Line it comes from
    sentence_start: int
    sentence_end: int
    role: (
        str  # "sentence", "part" (after ';'), "item" (of an enumeration), "intro" (introduces a list), "row"
    )
    parent_line: int | None = None  # list structure: the line introducing this item
    intro: int | None = None  # index (in the unit list) of the unit that introduces this one
    label: str | None = None  # topic or assignee label before ':' ("Về đô thị", "Phòng Kinh doanh")
    cells: tuple[tuple[str, int, int], ...] = field(default_factory=tuple)  # table rows: (header, start, end)


@dataclass(frozen=True)
class Segmentation:
    lines: tuple[Line, ...]
    units: tuple[Unit, ...]
    in_conclusion: tuple[bool, ...]  # per unit: after a conclusion cue ("Kết luận", "Phân công")


# ---------------------------------------------------------------- lines


def _raw_lines(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for piece in text.split("\n"):
        spans.append((pos, pos + len(piece)))
        pos += len(piece) + 1
    return spans


def _is_upper_line(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) / len(letters) > 0.85


@cache
def _header_res() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    header = re.compile("|".join(re.escape(w) for w in words(D, "structure.header_lines")), re.IGNORECASE)
    doctype = re.compile(r"^(?:" + "|".join(re.escape(w) for w in words(D, "structure.doc_types")) + r")\b")
    footer = re.compile(r"^(?:" + "|".join(re.escape(w) for w in words(D, "structure.footer_starts")) + r")")
    return header, doctype, footer


RELATED_MAX_WORDS = 15  # a related-news headline is short and has no final stop
RELATED_MAX_LINES = 4


@cache
def _related_re() -> re.Pattern[str]:
    return phrase_pattern(D, "structure.related_news_markers")


# a sentence end inside a line: a word of three letters or more ("TP. Hải Phòng" is not one)
INNER_SENTENCE_END = re.compile(r"\w{3,}[.!?]\s+(\w)")
TITLE_MAX_WORDS = 40


def _reads_as_running_text(line: str) -> bool:
    """A first line of two sentences, or a long one ending in a period, is a pasted paragraph
    (a press release given as one line), not the document's title."""
    if any(m.group(1).isupper() for m in INNER_SENTENCE_END.finditer(line)):
        return True
    return line.rstrip().endswith(".") and len(line.split()) > TITLE_MAX_WORDS


def classify_lines(text: str) -> list[Line]:
    """Give every line a kind; find list markers and the line each item belongs to."""
    header_re, doctype_re, footer_re = _header_res()
    spans = _raw_lines(text)
    nonblank = [i for i, (s, e) in enumerate(spans) if text[s:e].strip()]
    first, last = (nonblank[0], nonblank[-1]) if nonblank else (-1, -1)
    lines: list[Line] = []
    in_footer = False
    title_next = False
    seen_body = False
    marker_stack: list[tuple[str, int]] = []  # (marker family, line index)
    last_intro: int | None = None  # a plain line ending with ':' opens a list
    intro_level = 0  # how many list markers were open when that line came
    in_related = 0  # index of the "Tin liên quan" line whose headlines follow, else 0
    for i, (s, e) in enumerate(spans):
        raw = text[s:e]
        stripped = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        if not stripped:
            lines.append(Line(i, s, e, raw, "blank"))
            in_related = 0
            continue
        kind = "body"
        marker = None
        content_start = s + lead
        m = _marker_re().match(stripped)
        if m and len(stripped) > len(m.group(0)):
            marker = m.group("marker")
            content_start = s + lead + m.end()
        headline = len(stripped.split()) <= RELATED_MAX_WORDS and not SENT_END.search(stripped) and i != last
        if in_related and (not headline or i - in_related > RELATED_MAX_LINES):
            in_related = 0
        if in_footer or (footer_re.match(stripped) and seen_body):
            in_footer = True
            kind = "footer"
        elif in_related:
            kind = "caption"  # a headline under "Tin liên quan" (web residue)
        elif seen_body and _related_re().fullmatch(stripped.rstrip(" :").lower()):
            in_related = i
            kind = "caption"
        elif stripped.count("|") >= 2:
            kind = "table_row"
        elif header_re.search(stripped) and len(stripped) < 90:
            kind = "header"
        elif DATELINE.match(stripped):
            kind = "dateline"
        elif doctype_re.match(stripped) and _is_upper_line(stripped) and len(stripped) < 40:
            kind = "doctype"
            title_next = True
        elif title_next:
            kind = "title"
            title_next = False
        elif i == first and not seen_body and not _reads_as_running_text(stripped):
            kind = "header" if _is_upper_line(stripped) and len(stripped) < 60 else "title"
        elif not seen_body and _is_upper_line(stripped) and len(stripped) < 70:
            kind = "header"
        elif i == last and len(stripped.split()) <= 5 and not SENT_END.search(stripped) and seen_body:
            kind = "byline"
        elif _is_heading(stripped[len(m.group(0)) :] if marker else stripped):
            kind = "heading"
        elif marker is None and _is_caption(stripped) and seen_body:
            kind = "caption"
        elif marker is not None:
            kind = "item"
        if kind in {"body", "item", "table_row"}:
            seen_body = True
        depth, parent = 0, None
        if kind == "item":
            family = _marker_family(marker or "")
            families = [f for f, _ in marker_stack]
            if family in families:
                level = families.index(family)
                answered = last_intro is not None and any(k > last_intro for _, k in marker_stack)
                del marker_stack[level:]
                if answered and level < intro_level:
                    last_intro = None  # "4." after "3. ...\nGiao X:\na) ...": that list is over
            if last_intro is not None and (not marker_stack or last_intro > marker_stack[-1][1]):
                parent = last_intro  # "3. Kết luận\nGiao X:\na) ...": a) answers the intro, not 3.
            else:
                parent = marker_stack[-1][1] if marker_stack else None
            depth = len(marker_stack) + (1 if last_intro is not None else 0)
            marker_stack.append((family, i))
        elif kind in {"body", "heading"}:
            if kind == "heading" or _is_upper_line(stripped):
                marker_stack.clear()
            if stripped.endswith(":"):
                last_intro, intro_level = i, len(marker_stack)
            elif kind == "body":
                last_intro = None
                marker_stack.clear()
        elif kind == "table_row":
            parent = last_intro
        lines.append(Line(i, s, e, raw, kind, marker, content_start, depth, parent))
    return lines


def _marker_family(marker: str) -> str:
    if re.fullmatch(r"[IVXLC]+[.)]", marker):
        return "roman"
    if re.fullmatch(r"\d{1,2}[.)]", marker):
        return "arabic"
    if re.fullmatch(r"\d{1,2}(?:\.\d{1,2})+[.)]?", marker):
        return "arabic2"
    if re.fullmatch(r"[a-zđ][.)]", marker):
        return "letter"
    if re.fullmatch(_ordinal_marker(), marker):
        return "ordinal"
    if marker.startswith("("):
        return "paren"
    return "bullet:" + marker[0]


def _is_heading(stripped: str) -> bool:
    """A short all-caps line inside the body ('III. KẾT LUẬN VÀ PHÂN CÔNG', 'NỘI DUNG')."""
    return _is_upper_line(stripped) and len(stripped) < 80


def _is_caption(stripped: str) -> bool:
    """A photo caption: a short line without final punctuation, not a list intro."""
    if SENT_END.search(stripped) or stripped.endswith((":", ";", ",")):
        return False
    if FIELD_LINE.match(stripped):
        return False  # "Thời gian: 14 giờ ngày 16/4/2024", "Chủ trì: ...": a header field, not a caption
    n = len(stripped.split())
    return 2 <= n <= 25


# ---------------------------------------------------------------- sentences


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside text[start:end], via underthesea, repaired and re-anchored."""
    chunk = text[start:end]
    if not chunk.strip():
        return []
    pieces = _tokenize_sentences(chunk)
    spans: list[tuple[int, int]] = []
    pos = 0
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        i = chunk.find(piece, pos)
        if i < 0:  # underthesea changed the text: fall back to our own rule for the rest
            spans += _fallback_split(chunk, pos)
            pos = len(chunk)
            break
        spans.append((i, i + len(piece)))
        pos = i + len(piece)
    if pos < len(chunk) and chunk[pos:].strip():
        spans += _fallback_split(chunk, pos)
    spans = _repair(chunk, spans)
    return [(start + a, start + b) for a, b in spans]


def _tokenize_sentences(chunk: str) -> list[str]:
    if len(chunk) > 20000:  # very long lines: underthesea is slow there, our rule is enough
        return [chunk[a:b] for a, b in _fallback_split(chunk, 0)]
    from underthesea import sent_tokenize

    return sent_tokenize(chunk)


_FALLBACK = re.compile(r"(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ\"“(])")


def _fallback_split(chunk: str, pos: int) -> list[tuple[int, int]]:
    out, start = [], pos
    for m in _FALLBACK.finditer(chunk, pos):
        if chunk[start : m.start()].strip():
            out.append((start, m.start()))
        start = m.end()
    if chunk[start:].strip():
        out.append((start, len(chunk.rstrip())))
    return out


def _repair(chunk: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge splits after abbreviations ('TP.', 'ĐT.') or a lone list number, and after
    a piece that does not end a sentence."""
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out:
            pa, pb = out[-1]
            prev = chunk[pa:pb]
            nxt = chunk[a:b]
            lone_number = re.fullmatch(r"\d{1,2}[.)]|[a-zđ]\)", prev.strip()) is not None
            abbrev = ABBREV_END.search(prev) is not None
            lower_start = nxt[:1].islower() or nxt[:1].isdigit()
            no_end = not re.search(r"[.!?…:;\"”)]$", prev.strip())
            if (
                lone_number
                or abbrev
                or (lower_start and (no_end or prev.endswith(".") and _decimal_or_abbrev(prev)))
            ):
                out[-1] = (pa, b)
                continue
        out.append((a, b))
    return out


def _decimal_or_abbrev(prev: str) -> bool:
    return bool(re.search(r"(?:\b\w{1,3}\.)$", prev))


# ---------------------------------------------------------------- clauses


@cache
def _structure() -> dict:
    return load_toml(D)["structure"]


def _top_level_positions(s: str, chars: str) -> list[int]:
    """Positions of separator chars outside parentheses and quotes."""
    depth, quote, out = 0, False, []
    for i, ch in enumerate(s):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch in '"“”':
            quote = not quote if ch == '"' else ch == "“"
        elif ch in chars and depth == 0 and not quote:
            out.append(i)
    return out


def _is_topic_label(pre: str) -> bool:
    p = pre.strip().lower()
    return any(p == t or p.startswith(t + " ") for t in words(D, "structure.topic_labels"))


def _is_list_intro(pre: str) -> bool:
    """The part before ':' only announces a list ('... như sau', 'yêu cầu các sở, ngành')."""
    p = re.sub(r"[\s,]+$", "", pre.strip().lower())
    for ending in words(D, "structure.list_intro_endings"):
        if p.endswith(" " + ending) or p == ending:
            return True
    # a trigger followed only by an addressee ('Chủ tịch yêu cầu các sở, ngành')
    trig = phrase_pattern(D, "trigger.verbs").search(pre)
    return bool(trig and not _acts_before_colon(pre))


def _lowercase_action_starts(text: str, pos: int = 0) -> list[int]:
    """Where action verbs start in ``text`` from ``pos``, skipping capitalised ones: a verb
    inside a name ("Ban Chỉ đạo", "Ban Quản lý") is not an action."""
    return [
        m.start() for m in phrase_pattern(D, "action.starts").finditer(text, pos) if m.group(0)[0].islower()
    ]


def _is_assignee_label(pre: str) -> bool:
    """'Phòng Kinh doanh', 'Các chi nhánh', 'Sở Y tế' before ':' (no verb of action)."""
    p = pre.strip()
    if not p or len(p.split()) > 14:
        return False
    if any(a > 0 for a in _lowercase_action_starts(p)):
        return False
    first = p.split()[0]
    return first[:1].isupper() or first.lower() in {"các", "mỗi", "từng"}


def _trim(s: str, a: int, b: int) -> tuple[int, int]:
    """Strip spaces, final punctuation and leading connectors from s[a:b]."""
    while a < b and s[a] in " \t,;:-–":
        a += 1
    while b > a and s[b - 1] in " \t.;,:/":
        b -= 1
    conn = phrase_pattern(D, "structure.connectors")
    for _ in range(3):
        m = conn.match(s, a)
        if not m or m.end() >= b:
            break
        rest = s[m.end() : b]
        if rest[:1] not in {",", " "}:
            break
        a = m.end()
        while a < b and s[a] in " ,":
            a += 1
    return a, b


def _has_action(s: str) -> bool:
    return bool(phrase_pattern(D, "action.starts").search(s))


def _acts_before_colon(pre: str) -> bool:
    """An action of its own before ':', after the trigger if there is one ('giao Sở X hoàn
    thiện các nội dung:' acts; 'yêu cầu các thành viên Ban Chỉ đạo:' only addresses)."""
    trig = phrase_pattern(D, "trigger.verbs").search(pre)
    return bool(_lowercase_action_starts(pre, trig.end() if trig else 0))


def _items_are_topics(sentence: str, post_start: int, end: int, parts: list[tuple[int, int]]) -> bool:
    """After an action + ':' ('hoàn thiện ... các nội dung: báo cáo A; dự toán B; kế hoạch C'),
    items that are mostly noun phrases name the parts of one task, not tasks."""
    items = [sentence[post_start:end]]
    for a, b in parts:
        if a > end:
            if ":" in sentence[a:b]:
                break
            items.append(sentence[a:b])
    items = [i for i in items if i.strip()]
    if len(items) < 2:
        return False
    action = phrase_pattern(D, "action.starts")
    bare = sum(
        _first_word_is_noun(i) and not action.match(i.strip()) and not _names_its_doer(i.strip())
        for i in items
    )
    return 2 * bare > len(items)


def _names_its_doer(item: str) -> bool:
    """'Sở Giao thông vận tải chỉ đạo nhà thầu sửa chữa ...': an item that opens with an
    agency and its own action is a task of that agency, not a topic of the task before ':'."""
    starts = [a for a in _lowercase_action_starts(item) if a > 0]
    return bool(starts) and looks_like_agent(item[: starts[0]].strip(" ,"))


def _first_word_is_noun(piece: str) -> bool:
    tagged = pos_tags(piece.strip()[:60])
    return bool(tagged) and tagged[0][1] in {"N", "Nc"}


_ANY_DAY = dt.date(2000, 1, 1)  # where a time expression is, not when: any reference will do


def _only_a_deadline(piece: str) -> bool:
    """'xong trước ngày 30/4/2023', 'hoàn thành trong quý III', 'thời hạn: 30/11/2023': a
    completion word and a time."""
    text = piece.strip(" .,")
    lead = phrase_pattern(D, "structure.deadline_tails").match(text)
    if lead is None:
        return False
    rest = text[lead.end() :].lstrip(" ,:")
    times = find_time_expressions(rest, _ANY_DAY)
    return bool(times) and times[0].start == 0 and not rest[times[0].end :].strip(" .,")


VERB_WINDOW = 4  # a ';'-part whose verb comes this early is a clause of its own


def _opens_with_verb(piece: str) -> bool:
    """'Khoa Dược cung ứng ...', 'hoàn trả mặt đường ...': a verb the lexicon lacks, found by
    the POS tagger among the first words, makes the part a clause, not a noun phrase."""
    words = word_spans(piece)[:VERB_WINDOW]
    if not words:
        return False
    limit = words[-1][1]
    return any(a < limit for a, _ in verb_spans(piece[: limit + 40]))


def split_clauses(sentence: str) -> list[tuple[int, int, str, str | None]]:
    """Cut one sentence into (start, end, role, label) clause units (offsets into sentence).

    ';' separates parts; a ':' whose left side introduces a list makes the left side an
    'intro' and each ';'-item a unit; a ':' after an action ('Chuẩn bị tốt báo cáo: X; Y')
    opens a list of topics that stays one unit; a label before ':' ('Về đô thị:',
    'Phòng Kinh doanh:') stays inside its item.
    """
    semis = _top_level_positions(sentence, ";")
    bounds = [-1, *semis, len(sentence)]
    parts = [(bounds[i] + 1, bounds[i + 1]) for i in range(len(bounds) - 1)]
    units: list[list] = []  # [start, end, role, label]
    topic_mode = False  # inside a list of topics opened by an action + ':'
    topic_lower = True
    in_list = False
    for a, b in parts:
        piece = sentence[a:b]
        if not piece.strip():
            continue
        lead_ws = len(piece) - len(piece.lstrip())
        first_char = piece.lstrip()[:1]
        if topic_mode and units and (first_char.islower() or not topic_lower) and ":" not in piece:
            units[-1][1] = b
            continue
        topic_mode = False
        if units and units[-1][2] != "intro" and _only_a_deadline(piece):
            units[-1][1] = b  # "...; xong trước ngày 30/4/2023" or "; thời hạn: 30/11": when it is due
            continue
        colons = _top_level_positions(piece, ":")
        if colons:
            c = colons[0]
            pre = piece[:c]
            post_start = a + c + 1
            if not sentence[post_start:b].strip():
                units.append([a, a + c, "intro", pre.strip()])
                in_list = True
                continue
            if _is_topic_label(pre) or (_is_assignee_label(pre) and not _is_list_intro(pre)):
                units.append([a, b, "item" if in_list else "part", pre.strip()])
                continue
            topic_list = phrase_pattern(D, "structure.topic_list_endings").search(
                pre.rstrip(" ,").split(",")[-1]
            )
            topics = _acts_before_colon(pre) and (
                bool(topic_list) or _items_are_topics(sentence, post_start, b, parts)
            )
            if _is_list_intro(pre) and not topics:
                units.append([a, a + c, "intro", None])
                if sentence[post_start:b].strip():
                    units.append([post_start, b, "item", None])
                in_list = True
                continue
            # an action with a list of topics after ':'
            units.append([a, b, "item" if in_list else "part", None])
            topic_mode = True
            rest = sentence[post_start:b].lstrip()
            topic_lower = rest[:1].islower()
            continue
        if units and units[-1][2] != "intro" and not _has_action(piece) and not _opens_with_verb(piece):
            units[-1][1] = b  # a noun phrase continuing the previous clause
            continue
        units.append([a + lead_ws, b, "item" if in_list else "part", None])
    out = []
    for a, b, role, label in units:
        a2, b2 = _trim(sentence, a, b)
        if b2 > a2:
            out.append((a2, b2, role, label))
    if len(out) == 1 and out[0][2] == "part":
        a2, b2, _, label = out[0]
        announces = _announcing_re().search(sentence[a2:b2].rstrip(" .;…"))
        out[0] = (a2, b2, "intro" if announces else "sentence", label)
    return out


@cache
def _announcing_re() -> re.Pattern[str]:
    """A sentence that ends by announcing the tasks that follow."""
    alts = alternation(words(D, "structure.announcing_endings"))
    return re.compile(rf"(?<!\w)(?:{alts})$", re.IGNORECASE)


# ---------------------------------------------------------------- document


def opens_conclusion(sentence: str) -> bool:
    """Does this sentence open the conclusion part ('Kết luận phiên họp, ...', 'Phân công: ...')?"""
    cues = phrase_pattern(D, "structure.conclusion_cues")
    blocked = phrase_pattern(D, "structure.conclusion_blocked")
    blocked_spans = [m.span() for m in blocked.finditer(sentence)]
    return any(not any(a <= m.start() < b for a, b in blocked_spans) for m in cues.finditer(sentence))


@cache
def _conclusion_re() -> re.Pattern[str]:
    return phrase_pattern(D, "structure.conclusion_headings")


def _table_cells(
    text: str, line: Line, header: list[str]
) -> tuple[int, int, tuple[tuple[str, int, int], ...]]:
    """Cells of a table row. The unit runs to the end of the row from the task cell, or from
    the first cell that is not the row number when the lead column comes before the task
    ("1 | Sở Y tế | Bố trí phòng khám ... | Năm 2016"): the row names its own assignee."""
    s, e = line.start, line.end
    raw = text[s:e]
    cells = []
    pos = 0
    for part in raw.split("|"):
        a = pos + len(part) - len(part.lstrip())
        b = pos + len(part.rstrip())
        cells.append((s + a, s + b))
        pos += len(part) + 1
    named = []
    for k, (a, b) in enumerate(cells):
        name = header[k] if k < len(header) else ""
        named.append((name, a, b))
    nonempty = [(n, a, b) for n, a, b in named if b > a]
    task_cell = next((c for c in nonempty if c[0] == "task"), None)
    if task_cell is None:
        # first cell that is not a bare number
        task_cell = next((c for c in nonempty if not ROW_NUMBER.fullmatch(text[c[1] : c[2]])), None)
    if task_cell is None:
        return s, s, tuple(named)
    lead_first = next((c for c in nonempty if c[0] in ("lead", "coord") and c[1] < task_cell[1]), None)
    start = lead_first[1] if lead_first else task_cell[1]
    end = max(b for _, _, b in nonempty)
    return start, end, tuple(named)


@cache
def _table_header_words() -> dict[str, tuple[str, ...]]:
    table = load_toml(D).get("table", {})
    return {k: tuple(v) for k, v in table.items()}


def _header_names(cells: list[str]) -> list[str]:
    names = []
    spec = _table_header_words()
    for c in cells:
        low = c.strip().lower()
        name = ""
        for key, keys in spec.items():
            if any(k in low for k in keys):
                name = key
                break
        names.append(name)
    return names


HEADER_CELL_MAX_WORDS = 6  # "Thời hạn hoàn thành", "Đơn vị chủ trì thực hiện"


def _is_header_row(cells: list[str], names: list[str]) -> bool:
    """A table header names the task column and one more, in short cells, and has no row
    number: a data row such as "3 | ... ngừng việc | Phòng Lao động - Việc làm | ..." also
    contains header words."""
    if "task" not in names or sum(bool(n) for n in names) < 2:
        return False
    if any(ROW_NUMBER.fullmatch(c) for c in cells):
        return False
    return all(len(c.split()) <= HEADER_CELL_MAX_WORDS for c in cells)


def segment(text: str) -> Segmentation:
    """Lines, then sentences, then clause units for the whole (normalized) text."""
    lines = classify_lines(text)
    units: list[Unit] = []
    in_conc: list[bool] = []
    conclusion = False
    conc_re = _conclusion_re()
    header: list[str] = []
    line_unit: dict[int, int] = {}  # line index -> index of its last unit (for parents)
    for line in lines:
        if line.kind == "table_row":
            cells = [c.strip() for c in text[line.start : line.end].split("|")]
            names = _header_names(cells)
            if _is_header_row(cells, names):
                header = names
                continue
            a, b, named = _table_cells(text, line, header)
            if b > a:
                parent_unit = line_unit.get(line.parent) if line.parent is not None else None
                units.append(
                    Unit(
                        a,
                        b,
                        text[a:b],
                        line.index,
                        line.start,
                        line.end,
                        "row",
                        line.parent,
                        parent_unit,
                        None,
                        named,
                    )
                )
                in_conc.append(True)
                line_unit[line.index] = len(units) - 1
            continue
        if line.kind == "heading" and conc_re.search(line.text):
            conclusion = True
        if line.kind not in {"body", "item"}:
            continue
        parent_unit = line_unit.get(line.parent) if line.parent is not None else None
        for s_start, s_end in split_sentences(text, line.content_start, line.end):
            sentence = text[s_start:s_end]
            if opens_conclusion(sentence):
                conclusion = True
            first_of_sentence = len(units)
            # a list after ':' may run on past a full stop: "... như: A; B; C. D: x; y."
            running_list = (
                units[-1].intro
                if units
                and units[-1].role == "item"
                and units[-1].line == line.index
                and units[-1].intro is not None
                else None
            )
            for a, b, role, label in split_clauses(sentence):
                intro = None
                if running_list is not None and len(units) == first_of_sentence and role == "sentence":
                    role, intro = "item", running_list
                elif role in {"item", "part"} and first_of_sentence < len(units):
                    # items inherit from the intro of this sentence, parts from the first clause
                    intro = next(
                        (
                            k
                            for k in range(len(units) - 1, first_of_sentence - 1, -1)
                            if units[k].role == "intro"
                        ),
                        first_of_sentence,
                    )
                elif parent_unit is not None:
                    intro = parent_unit
                units.append(
                    Unit(
                        s_start + a,
                        s_start + b,
                        sentence[a:b],
                        line.index,
                        s_start,
                        s_end,
                        role if not (role == "sentence" and line.kind == "item") else "item",
                        line.parent,
                        intro,
                        label,
                    )
                )
                in_conc.append(conclusion)
            if len(units) > first_of_sentence:
                line_unit[line.index] = first_of_sentence
    return Segmentation(tuple(lines), tuple(units), tuple(in_conc))
