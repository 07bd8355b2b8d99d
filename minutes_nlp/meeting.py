"""Stage 6: the meeting header — title, date held, organization, chair, attendees.

Why separate: the date held is the reference for every relative deadline, so it must be
the day of the meeting ("Ngày 27/3/2024, ... chủ trì cuộc họp"), not the day the notice was
issued (the dateline), which is only the fallback.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache

from minutes_nlp.lexicon import phrase_pattern, words
from minutes_nlp.segment import DATELINE, Line

A = "agencies.toml"
M = "meeting.toml"
PARTIAL_DATE = re.compile(
    r"(?:(?<=\s)|^)(?:ngày|sáng|chiều|tối|trưa)\s+(\d{1,2})[/.-](\d{1,2})(?![/.-]?\d)", re.IGNORECASE
)
ATTEND = re.compile(
    r"(?:Tham dự(?: họp| hội nghị| phiên họp| cuộc họp)?|Dự (?:họp|phiên họp|hội nghị|cuộc họp|giao ban)|Cùng dự|Thành phần(?: tham dự)?)"
    r"(?:\s+có)?\s*[:,]?\s*",
)


@dataclass(frozen=True)
class MeetingInfo:
    title: str | None = None
    date: dt.date | None = None
    document_date: dt.date | None = None
    organization: str | None = None
    chair: str | None = None
    chair_mention: str | None = None  # "Chủ tịch UBND tỉnh Trần Quốc Nam": how the chair is named
    attendees: tuple[str, ...] = ()
    evidence: dict[str, tuple[int, int]] = field(default_factory=dict)


# ---------------------------------------------------------------- people


@cache
def _surnames() -> frozenset[str]:
    return frozenset(w.split()[0] for w in words(A, "person.surnames"))


def _is_cap(tok: str) -> bool:
    return bool(tok) and tok[0].isupper() and (len(tok) == 1 or tok[1:].islower() or tok[1:] == "'")


def find_names(text: str) -> list[tuple[int, int]]:
    """Person names: a surname followed by 1-3 capitalised syllables ('Trần Quốc Nam')."""
    out = []
    toks = [(m.start(), m.end(), m.group(0)) for m in re.finditer(r"[^\s,;:.()\"“”/-]+", text)]
    i = 0
    while i < len(toks):
        s, e, tok = toks[i]
        if tok in _surnames():
            after_place = _person_after_place(text, toks, i)
            if after_place is not None:
                out.append((toks[after_place[0]][0], toks[after_place[1] - 1][1]))
                i = after_place[1]
                continue
            j = _capitalised_run_end(toks, i, 4)
            if j - i >= 2 and not (_looks_like_place(text, s) and j - i < 3):
                out.append((s, toks[j - 1][1]))
                i = j
                continue
        i += 1
    return out


def _capitalised_run_end(toks: list[tuple[int, int, str]], i: int, max_tokens: int) -> int:
    """End (exclusive token index) of the run of capitalised words that starts at ``i``,
    each one space after the last, at most ``max_tokens`` long."""
    end = i + 1
    while (
        end < len(toks)
        and end - i < max_tokens
        and _is_cap(toks[end][2])
        and toks[end][0] - toks[end - 1][1] == 1
    ):
        end += 1
    return end


def _person_after_place(text: str, toks: list[tuple[int, int, str]], i: int) -> tuple[int, int] | None:
    """'Phó Chủ tịch UBND tỉnh Hà Tĩnh Trương Công Diệu': a place name that starts with a
    surname ('Hà', 'Lâm') runs straight into the person's name; the person starts at the next
    surname that leaves a place of two or more syllables and a three- or four-syllable name
    (a two-syllable tail is more often the person's own given name: 'thành phố Hồ Thị Kim
    Thoa'). (token range)"""
    if not _looks_like_place(text, toks[i][0]):
        return None
    end = _capitalised_run_end(toks, i, 8)
    for k in range(i + 2, end - 2):
        if toks[k][2] in _surnames() and 3 <= end - k <= 4:
            return k, end
    return None


def _looks_like_place(text: str, start: int) -> bool:
    before = text[max(0, start - 12) : start].lower()
    return bool(re.search(r"(?:tỉnh|huyện|xã|phường|thành phố|quận|sông|đường|cầu|thôn|bản|khu)\s+$", before))


@cache
def _name_prefix_re() -> re.Pattern[str]:
    items = sorted(words(A, "person.prefixes"), key=len, reverse=True)
    return re.compile(r"^(?:(?:" + "|".join(re.escape(p) for p in items) + r")(?:\s+|(?<=\.)))+")


def bare_name(name: str) -> str:
    """Strip honorifics and degrees: 'BSCKII Trần Minh Tuấn' -> 'Trần Minh Tuấn'; a name broken
    across lines is one line again."""
    return _name_prefix_re().sub("", " ".join(name.split())).strip(" ,.-")


# ---------------------------------------------------------------- chair


CHAIR_LINE = re.compile(
    r"(?:^|[.;]\s)\s*[-+•]?\s*(?:Chủ trì|Chủ tọa|Chủ trì cuộc họp|Người chủ trì|Chủ trì hội nghị)\s*:\s*([^\n;]+)",
    re.MULTILINE,
)
CHAIR_OF = re.compile(
    r"(?:dưới sự chủ trì của|do)\s+((?:đồng chí|ông|bà)\s+)?([^,.;\n]{3,80})", re.IGNORECASE
)
CHAIR_VERB = re.compile(
    r"\b(?:chủ trì\b(?!\s*,\s*phối hợp)(?!\s+phối hợp)|(?:đã\s+)?có buổi làm việc|(?:đã\s+)?làm việc với|chủ tọa)",
    re.IGNORECASE,
)
CONCLUSION_OF = re.compile(r"(?:Kết luận|ý kiến kết luận|Ý kiến chỉ đạo)\s+của\s+([^\n]{3,120}?)\s+tại\b")


def find_chair(text: str, body_start: int) -> tuple[str | None, str | None, tuple[int, int] | None]:
    """(bare name, mention as written, span) of the person who chaired."""
    m = CHAIR_LINE.search(text)
    if m:
        names = find_names(m.group(1))
        if names:
            a, b = names[0]
            name = m.group(1)[a:b]
            title = m.group(1)[b:].strip(" -–,.")
            name = bare_name(name)
            mention = f"{title} {name}".strip() if title else name
            return name, mention, (m.start(1) + a, m.start(1) + b)
    for m in CHAIR_OF.finditer(text, body_start):
        if "chủ trì" not in m.group(0).lower() and "chủ trì" not in text[m.end() : m.end() + 20].lower():
            continue
        names = find_names(m.group(2))
        if names:
            a, b = names[0]
            window = m.group(2)
            start = m.start(2)
            return window[a:b], _mention(window, a, b), (start + a, start + b)
    for cm in CHAIR_VERB.finditer(text, body_start):
        sent_start = max(text.rfind(".", 0, cm.start()), text.rfind("\n", 0, cm.start())) + 1
        window = text[sent_start : cm.start()]
        if re.search(r"\b(?:giao(?! thông)|yêu cầu|đề nghị)\b", window):
            continue  # "... giao Sở X chủ trì": an assignment, not the chair ("Bộ Giao thông" is a name)
        names = find_names(window)
        if names:
            a, b = names[-1]
            name = window[a:b]
            mention = _mention(window, a, b)
            return name, mention, (sent_start + a, sent_start + b)
    m = CONCLUSION_OF.search(text)
    if m:
        names = find_names(m.group(1))
        if names:
            a, b = names[-1]
            return m.group(1)[a:b], m.group(1).strip(), (m.start(1) + a, m.start(1) + b)
    return None, None, None


def _mention(window: str, a: int, b: int) -> str:
    """'Chủ tịch UBND tỉnh Trần Quốc Nam' or, for 'Đồng chí X, Bí thư, Chủ tịch Y chủ trì', 'Chủ tịch Y X'."""
    before = window[:a]
    title_m = re.search(
        r"((?:Phó\s+)?(?:Chủ tịch|Bí thư|Giám đốc|Tổng Giám đốc|Hiệu trưởng|Bộ trưởng|Thủ tướng|Trưởng ban|Trưởng Ban)[^,.;]*)\s*$",
        before,
    )
    if title_m:
        return f"{title_m.group(1).strip()} {window[a:b]}"
    after = window[b:]
    titles = re.findall(r",\s*((?:Phó\s+)?(?:Chủ tịch|Bí thư|Giám đốc|Trưởng ban|Trưởng Ban)[^,]*)", after)
    if titles:
        return f"{titles[-1].strip()} {window[a:b]}"
    return window[a:b]


# ---------------------------------------------------------------- dates


MEETING_CUE = re.compile(
    r"(?:^|[.:;]\s*|\s-\s)(?:Ngày|Sáng|Chiều|Tối|Trưa|Hôm nay|Vào ngày|Thời gian)\b[^.\d]{0,20}$"
    r"|(?:họp|tổ chức|diễn ra|khai mạc|làm việc|giao ban|vào)\s+(?:ngày\s+)?$|(?:lúc|giờ)[^.]{0,25}ngày\s+$",
    re.IGNORECASE,
)
DATELINE_BEFORE = re.compile(r"(?:^|\n)[^,\n]{2,40},\s*ngày\s+$")
TODAY_AFTER = re.compile(r"[^.]{0,60}?\b(?:hôm nay|sáng nay|chiều nay|tối nay|trưa nay)\b", re.IGNORECASE)
CITATION_LINE = re.compile(r"^\s*(?:Căn cứ|Theo|Thực hiện)\b")


def find_meeting_date(
    text: str, lines: list[Line], document_date: dt.date | None, reference: dt.date | None = None
) -> tuple[dt.date | None, tuple[int, int] | None]:
    """The day the meeting was held: a date introduced as the meeting's ('Ngày 20/4/2024, ...',
    'họp ngày ...', 'Thời gian: ...'), not a dateline, a cited document's date or a citation.
    A date without a year takes it from the document's own date, else from ``reference``
    (known from outside the text), else from the first full date in the text."""
    from minutes_nlp.timex import find_dates

    year_hint = document_date or reference or _any_full_date(text, find_dates)
    best: tuple[int, int, int, dt.date] | None = None  # (rank, start, end, date)
    body = [ln for ln in lines if ln.kind in {"body", "item", "title", "heading", "header"}]
    for order, ln in enumerate(body[:12]):
        seg = text[ln.start : ln.end]
        cited_until = _citation_end(seg)
        cands = [(a, b, d) for a, b, d in find_dates(seg) if not _is_document_reference(seg, a)]
        cands += _partial_dates(seg, cands, year_hint)
        for a, b, d in cands:
            if a < cited_until:
                continue  # "Căn cứ Kế hoạch ..., từ ngày 01/10 ...": the citation's dates
            before = seg[max(0, a - 40) : a]
            if seg[a : a + 4].lower() == "ngày":  # the date's own "ngày" belongs to the cue
                before += "ngày "
            rank = order * 10 + a / 1000
            if MEETING_CUE.search(before) or TODAY_AFTER.match(seg, b):
                rank -= 100  # "Bình Lâm, ngày 20/5/2025 – Sáng nay, ... họp": the dateline is the day
            elif DATELINE_BEFORE.search("\n" + seg[:a]) or not phrase_pattern(M, "meeting_words").search(seg):
                rank += 200
            if best is None or rank < best[0]:
                best = (rank, ln.start + a, ln.start + b, d)
    if best is None or best[0] >= 200:
        if best is not None and document_date is None:
            return best[3], (best[1], best[2])
        return document_date, None
    return best[3], (best[1], best[2])


def _citation_end(seg: str) -> int:
    """Where the citation that opens a paragraph ("Căn cứ ...", "Thực hiện ...") ends: its
    first sentence. The sentences after it may still say when the meeting was held."""
    if not CITATION_LINE.match(seg):
        return 0
    m = re.search(r"[.;]\s", seg)
    return m.end() if m else len(seg)


def _any_full_date(text: str, find_dates) -> dt.date | None:
    found = find_dates(text[:3000])
    return found[0][2] if found else None


def _is_document_reference(seg: str, pos: int) -> bool:
    before = seg[max(0, pos - 60) : pos]
    return bool(
        re.search(
            r"(?:Quyết định|Thông báo|Công văn|Nghị quyết|Kế hoạch|Chỉ thị|Văn bản|Luật|Nghị định|Thông tư)"
            r"(?:\s+số)?\s+[^,;]{0,30}?\s*(?:ngày\s+)?$",
            before,
        )
    )


def _partial_dates(seg: str, full, year_hint: dt.date | None) -> list[tuple[int, int, dt.date]]:
    """'Sáng 29/9' without a year: the year of the document (a day after it is last year's)."""
    out = []
    if year_hint is None:
        return out
    for m in PARTIAL_DATE.finditer(seg):
        a, b = m.start(1), m.end()
        if any(fa <= a < fb for fa, fb, _ in full):
            continue
        try:
            day = dt.date(year_hint.year, int(m.group(2)), int(m.group(1)))
        except ValueError:
            continue
        if day > year_hint + dt.timedelta(days=31):
            try:
                day = dt.date(year_hint.year - 1, day.month, day.day)
            except ValueError:
                continue
        out.append((a, b, day))
    return out


def find_document_date(text: str, lines: list[Line]) -> dt.date | None:
    from minutes_nlp.timex import find_dates

    for ln in lines:
        if ln.kind == "dateline" or DATELINE.match(ln.text.strip()):
            found = find_dates(ln.text)
            if found:
                return found[0][2]
    return None


# ---------------------------------------------------------------- the rest


def find_title(text: str, lines: list[Line]) -> tuple[str | None, tuple[int, int] | None]:
    titles = [ln for ln in lines if ln.kind == "title"]
    if not titles:
        return None, None
    first = titles[0]
    run = [first]
    for ln in lines[first.index + 1 :]:
        if ln.kind == "title":
            run.append(ln)
        else:
            break
    a, b = run[0].start, run[-1].end
    return " ".join(text[ln.start : ln.end].strip() for ln in run), (a, b)


ORG_BEFORE = re.compile(
    r"([^,.;:\n]{3,90}?)\s+(?:đã\s+)?(?:tổ chức|họp|giao ban|tổng kết|sơ kết|triển khai)\b"
)


def find_organization(text: str, lines: list[Line], title: str | None) -> str | None:
    """The body holding the meeting: the letterhead of an official document, else the
    subject of '... tổ chức/họp' in the title or first paragraph of a press release."""
    from minutes_nlp.roles import _head_re

    header = [text[ln.start : ln.end].strip() for ln in lines[:6] if ln.kind == "header"]
    header = [h for h in header if not re.match(r"(?:CỘNG HÒA|Số|Độc lập|V/v)", h)][:2]
    if header:
        return " ".join(header)
    sources = [title or ""] + [text[ln.start : ln.end] for ln in lines if ln.kind in {"body"}][:2]
    for src in sources:
        for m in ORG_BEFORE.finditer(src):
            cand = re.sub(r"^(?:Ngày|Sáng|Chiều|Tối|Trưa)\s+\S+\s*,?\s*", "", m.group(1).strip())
            cand = cand.split(":")[-1].strip()
            head = _head_re().match(cand)
            if head and not re.match(r"(?:Phó\s+)?(?:Chủ tịch|Giám đốc|Bí thư|Ông|Bà|Đồng chí)", cand):
                return cand
    return None


def find_attendees(text: str, lines: list[Line]) -> tuple[str, ...]:
    for ln in lines:
        if ln.kind not in {"body", "item"}:
            continue
        seg = text[ln.content_start : ln.end]
        m = ATTEND.search(seg)
        if not m:
            continue
        rest = seg[m.end() :]
        end = rest.find(". ")
        rest = rest if end < 0 else rest[:end]
        parts = [p.strip(" .") for p in re.split(r";", rest) if p.strip(" .")]
        if parts:
            return tuple(parts)
    return ()


def extract_meeting(text: str, lines: list[Line], reference: dt.date | None = None) -> MeetingInfo:
    body_start = next((ln.start for ln in lines if ln.kind in {"body", "item"}), 0)
    title, title_span = find_title(text, lines)
    document_date = find_document_date(text, lines)
    date, date_span = find_meeting_date(text, lines, document_date, reference)
    chair, mention, chair_span = find_chair(text, body_start)
    evidence = {}
    if title_span:
        evidence["title"] = title_span
    if date_span:
        evidence["date"] = date_span
    if chair_span:
        evidence["chair"] = chair_span
    return MeetingInfo(
        title=title,
        date=date,
        document_date=document_date,
        organization=find_organization(text, lines, title),
        chair=bare_name(chair) if chair else None,
        chair_mention=mention,
        attendees=find_attendees(text, lines),
        evidence=evidence,
    )
