"""Vietnamese time expressions -> due dates, resolved against the meeting date.

Everything is resolved against ``ref`` (the meeting date, else the document date), never the
date the tool runs, so the same text always gives the same answer. Words live in
``data/time.toml``; this module holds the matching logic only.

Conventions (see the annotation guide): a date is the *last day* by which a task is due;
``granularity`` is the calendar unit the expression names ("tháng 4" -> "month", "trong 15
ngày" -> "day"); a period that only names the topic ("kế hoạch năm 2025") gets
``kind == "period"``, everything the clause must be done by gets ``kind == "deadline"``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import cache

from minutes_nlp.lexicon import load_toml, words

_DATA = "time.toml"
_GRAN_RANK = {"day": 0, "week": 1, "month": 2, "quarter": 3, "half": 4, "year": 5}
_FLAGS = re.IGNORECASE


@dataclass(frozen=True)
class TimeMatch:
    """One time expression: offsets into the passed string, its due date and how it was read."""

    start: int
    end: int
    text: str
    date: dt.date | None
    granularity: str
    recurring: bool
    rule: str
    kind: str


@dataclass(frozen=True)
class _Cand:
    """A candidate before overlap resolution; ``cue`` is the cue word that preceded it (lower-case)."""

    start: int
    end: int
    date: dt.date | None
    granularity: str
    recurring: bool
    rule: str
    kind: str
    cue: str
    period_start: dt.date | None = None


# --------------------------------------------------------------------------- helpers


def _alt(phrases: Iterable[str]) -> str:
    """A regex alternation of phrases, longest first, any run of spaces between syllables."""
    items = sorted({p.strip() for p in phrases if p.strip()}, key=lambda w: (-len(w), w))
    return "(?:" + "|".join(r"\s+".join(re.escape(s) for s in p.split()) for p in items) + ")"


def _fold_char(ch: str) -> str:
    if ch in "đĐ":
        return "d" if ch == "đ" else "D"
    return unicodedata.normalize("NFD", ch)[0]


def fold(text: str) -> str:
    """Strip Vietnamese diacritics one character for one (NFC in, same length out: offsets hold)."""
    return "".join(_fold_char(ch) for ch in text)


def unaccented(text: str) -> bool:
    """True for text typed without diacritics ("truoc ngay 15/3"): match it with folded words.

    Normal Vietnamese has a diacritic on a third of its letters; below 2 % the text was typed
    without them. Accented text is matched exactly, so "Tuấn" never reads as "tuần".
    """
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return False
    marked = sum(1 for ch in letters if not ch.isascii())
    return marked / len(letters) < 0.02


def _key(phrase: str) -> str:
    """Normalize a matched phrase for dictionary look-up (folded, lower-case, single spaces)."""
    return fold(" ".join(unicodedata.normalize("NFC", phrase).lower().split()))


def _table(name: str) -> dict:
    return load_toml(_DATA)[name]


@cache
def _keys(path: str) -> frozenset[str]:
    """``_key`` of each phrase of a data list ("cues.span"): membership tests on the hot path
    read one cached set instead of building it per candidate."""
    return frozenset(_key(w) for w in words(_DATA, path))


@cache
def _folded(name: str) -> dict:
    """A data table keyed by ``_key`` of its phrases, so accented and plain input both look up."""
    return {_key(k): v for k, v in _table(name).items()}


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: dt.date, months: int) -> dt.date:
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _roll_day(ref: dt.date, month: int, day: int) -> dt.date | None:
    """A day and month without a year: the meeting's year, or the next one if already past."""
    found = _safe_date(ref.year, month, day)
    if found is None:
        found = _safe_date(ref.year + 1, month, day)
        return found
    if found < ref:
        return _safe_date(ref.year + 1, month, day) or _safe_date(ref.year + 4, month, day)
    return found


@cache
def _vietnam_holidays(year: int) -> dict[dt.date, str]:
    import holidays

    return dict(holidays.Vietnam(years=year, language="en_US").items())


def lunar_new_year_after(day: dt.date) -> dt.date:
    """Lunar New Year (Tết) strictly after ``day``, from ``holidays.Vietnam`` (no hard-coded table)."""
    for year in (day.year, day.year + 1, day.year + 2):
        for when, name in sorted(_vietnam_holidays(year).items()):
            if when > day and "Lunar New Year" in [n.strip() for n in name.split(";")]:
                return when
    raise ValueError(f"no Lunar New Year known after {day.isoformat()}")


def _is_workday(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in _vietnam_holidays(day.year)


def _add_workdays(ref: dt.date, count: int) -> dt.date:
    """The Nth working day counted from the day after ``ref`` (weekends, public holidays skipped)."""
    day = ref
    left = count
    while left > 0:
        day += dt.timedelta(days=1)
        if _is_workday(day):
            left -= 1
    return day


def _can_chi(year: int) -> str:
    lunar = _table("lunar")
    return f"{lunar['stems'][(year - 4) % 10]} {lunar['branches'][(year - 4) % 12]}"


def _tet_named(ref: dt.date, stem: str, branch: str) -> dt.date | None:
    """The Tết of the lunar year called ``stem branch`` nearest after the meeting."""
    lunar = _table("lunar")
    branch = {_key(k): _key(v) for k, v in lunar["branch_variants"].items()}.get(branch, branch)
    name = _key(f"{stem} {branch}")
    candidates = [y for y in range(ref.year - 1, ref.year + 3) if _key(_can_chi(y)) == name]
    if not candidates:
        return None
    dates = [lunar_new_year_after(dt.date(y - 1, 12, 1)) for y in candidates]
    after = [d for d in dates if d > ref]
    return min(after) if after else max(dates)


# --------------------------------------------------------------------------- text normalization


def _nfc_map(text: str) -> tuple[str, list[int] | None]:
    """NFC text and, when it differs from the input, a map from NFC offsets to input offsets."""
    if unicodedata.is_normalized("NFC", text):
        return text, None
    pieces: list[str] = []
    index: list[int] = []
    seg_start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or unicodedata.combining(text[i]) == 0:
            norm = unicodedata.normalize("NFC", text[seg_start:i])
            pieces.append(norm)
            index.extend([seg_start] * len(norm))
            seg_start = i
    index.append(len(text))
    return "".join(pieces), index


# --------------------------------------------------------------------------- patterns


@cache
def _cue_words() -> dict[str, tuple[str, ...]]:
    cues = _table("cues")
    return {
        "deadline": words(_DATA, "cues.deadline"),
        "span": words(_DATA, "cues.span"),
        "start": tuple(cues["start"]),
        "tet": words(_DATA, "lunar.cues"),
    }


@cache
def _cue_before(folded: bool = False) -> re.Pattern[str]:
    """A cue right before an expression, with an optional time of day ("trước 17 giờ ngày 5/3").

    Searched backwards from each expression rather than prefixed to every pattern: the big
    alternation then runs a few times per candidate instead of at every character.
    """
    c = _cue_words()
    cues = _alt(c["deadline"] + c["span"] + c["start"] + c["tet"])
    hour, minute = _alt(_table("cues")["hour"]), _alt(_table("cues")["minute"])
    tod = rf"\d{{1,2}}\s*{hour}\s*(?:\d{{1,2}}\s*(?:{minute}|')?)?"
    source = rf"(?<!\w)(?P<cue>{cues})\s*,?\s+(?:(?P<tod>{tod})\s*,?\s*)?$"
    return re.compile(fold(source) if folded else source, _FLAGS)


def _year_tail() -> str:
    return r"(?:\s*(?:/|-|\s)\s*(?:năm\s+)?(?P<y>\d{4})(?!\d)|\s+(?P<ythis>năm\s+nay)|\s+(?P<ynext>năm\s+(?:sau|tới)))?"


@cache
def _patterns(folded: bool = False) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Compiled patterns, one per rule; each is the shared cue prefix + a core (folded: no diacritics)."""
    t = _table
    offsets = _alt(t("month_offsets").keys())
    month_words = _alt(t("month_names").keys())
    this = _alt(t("words")["this"])
    nxt = _alt(t("words")["next"])
    roman = "(?:" + "|".join(sorted(t("roman").keys(), key=len, reverse=True)) + ")"
    numbers = _alt(t("numbers").keys())
    rec = t("recurring")
    rec_all = _alt([w for k in ("month", "quarter", "year", "week", "half", "bare") for w in rec[k]])
    weekdays = _alt(t("weekdays").keys())
    weeks = _alt(t("weeks")["this"] + t("weeks")["next"])
    lunar = t("lunar")
    stems, branches = _alt(lunar["stems"]), _alt(lunar["branches"] + list(lunar["branch_variants"]))
    halves = _alt(t("halves")["first"] + t("halves")["second"])
    year_end = _alt(t("year_end")["this_year"] + t("year_end")["next_year"])
    fixed = _alt(t("fixed_days").keys())
    anchors = _alt(t("anchors")["meeting"])
    after_event = _alt(t("anchors")["after_event"])
    words_ = t("words")
    past, whole, upcoming = _alt(words_["past"]), _alt(words_["whole"]), _alt(words_["upcoming"])
    compounds, quarter_parts = _alt(words_["year_compounds"]), _alt(words_["quarter_parts"])
    undated_parts = _alt(t("undated_year_parts").keys())
    named_week = _alt(t("weeks")["named_after"])
    range_topics = _alt(t("period")["range_topics"])
    day_parts = _alt(words_["day_parts"])
    end = r"(?![\w/])"
    cores = {
        "full_date": r"(?:ngày\s+)?(?<![\d/.\-,])(?P<d>\d{1,2})\s*(?P<s>[/.\-])\s*(?P<m>\d{1,2})\s*(?P=s)\s*(?P<y>\d{4})(?![\d/])",
        "iso_date": r"(?:ngày\s+)?(?<![\d/.\-,])(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?![\d/\-])",
        "word_date": r"(?:(?P<ngay>ngày)\s+|(?<![\d/.\-,]))(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})"
        r"(?:\s*(?:,\s*)?năm\s+(?P<y>\d{4}))?(?!\d)",
        "day_month": rf"(?P<ngay>(?:(?:{day_parts})\s+)?(?:ngày(?:\s+[^\W\d_]+){{0,3}}\s+|(?:{weekdays})\s*,?\s+)"
        rf"|(?:{day_parts})\s+)?"
        r"(?<![\d/.\-,])(?P<d>\d{1,2})\s*(?P<s>[/.\-])\s*(?P<m>\d{1,2})"
        r"(?!\d|\s*[/.\-]\s*\w|,\d)(?:\s+(?P<rec>hằng\s+năm|hàng\s+năm))?",
        "day_recurring": rf"ngày\s+(?P<d>\d{{1,2}})\s+(?:của\s+)?(?P<rec>{rec_all}){end}",
        "recurring": rf"(?P<rec>{rec_all}){end}",
        "month": rf"(?:(?P<off>{offsets})\s+(?:của\s+)?)?tháng(?:\s+(?:(?P<m>\d{{1,2}})|(?P<mw>{month_words})|(?P<rel>{this}|{nxt})))?"
        + _year_tail()
        + rf"(?![\w/])(?!\s+(?:{past}|này\s+năm)\b)",
        "quarter": rf"(?:(?P<off>{quarter_parts})\s+)?quý(?:\s+(?:(?P<q>{roman}|[1-4])|(?P<rel>{this}|{nxt})))?"
        + _year_tail()
        + rf"(?![\w/])(?!\s+{past}\b)",
        "half": rf"(?P<h>{halves})(?:\s*[/\-]?\s*(?P<y>\d{{4}})(?!\d)|\s+(?P<ythis>nay)|\s+(?P<ynext>sau|tới))?{end}",
        "year": rf"(?:(?P<pre>{whole})\s+|(?P<part>{undated_parts})\s+)?năm\s+(?P<y>\d{{4}})(?![\d/\-]|\s*[-–—]\s*\d)",
        "year_word": rf"(?P<ye>{year_end})(?!\s*\d{{4}}(?!\d))(?!\s+(?:{this}|{nxt}){end})(?!\s+(?:{compounds}|{past})\b){end}",
        "year_range": rf"(?:(?P<topic>{range_topics})\s+)?(?:năm\s+)?"
        r"(?<!\d)(?P<y1>\d{4})\s*[-–—]\s*(?P<y2>\d{4})(?!\d)",
        "span": rf"(?P<n>\d{{1,3}}|{numbers})\s+(?P<u>ngày\s+làm\s+việc|ngày|tuần|tháng|giờ)(?!\s+(?:đầu|cuối)\s+năm)"
        rf"(?P<toi>\s+{upcoming})?(?P<first>\s+(?:đầu|cuối)(?!\s+năm)"
        rf"|\s+{after_event}(?:\s+[^\W\d_]+){{1,6}})?"
        rf"(?:\s*,?\s*(?:được\s+)?(?:tính\s+)?(?:kể\s+)?từ\s+(?:(?P<anc_date>(?:ngày\s+)?\d{{1,2}}[/.\-]\d{{1,2}}[/.\-]\d{{4}})"
        rf"|(?P<anc_meet>{anchors}){end}|(?P<anc_other>(?:ngày\s+)?[^\W\d_]+(?:\s+[^\W\d_]+){{0,5}})))?",
        "week": rf"(?:(?P<wd>{weekdays})\s*,?\s+)?(?P<wk>{weeks}){end}(?!\s+(?:{this}|{nxt}|{named_week}){end})"
        rf"|(?P<wd2>{weekdays})(?:\s+(?P<rec>hằng\s+tuần|hàng\s+tuần))?{end}(?!\s*,)",
        "tet": rf"(?P<tet>{_alt(lunar['tet'])})(?!\s+(?:{_alt(lunar['other_tet'])}){end})"
        rf"(?:\s+(?P<stem>{stems})\s+(?P<br>{branches}))?"
        r"(?:\s*(?:năm\s+)?(?P<y>\d{4})(?!\d))?(?![\w/])",
        "lunar_day": rf"(?:ngày\s+)?(?:(?:{_alt(lunar['day_words'])})\s+(?P<ld>\d{{1,2}})|(?P<ram>{_alt(lunar['full_moon'])}))"
        rf"\s+(?:{_alt(lunar['first_month'])}|(?:{_alt(lunar['tet'])})(?!\s+(?:{_alt(lunar['other_tet'])}){end})){end}",
        "festival": rf"(?P<fest>{_alt(t('lunar_festivals').keys())})(?:\s*(?:năm\s+)?(?P<y>\d{{4}})(?!\d))?{end}",
        "fixed_day": rf"(?:ngày\s+)?(?P<fx>{fixed})(?:\s+(?P<d>\d{{1,2}})\s*[/.\-]\s*(?P<m>\d{{1,2}}))?(?:\s*(?:năm\s+)?(?P<y>\d{{4}})(?!\d))?{end}",
    }
    cores["relative_day"] = rf"(?P<rd>{_alt(t('relative_days').keys())})(?!\s*\d){end}"
    out = []
    for name, core in cores.items():
        source = "(?:" + core + ")"
        out.append((name, re.compile(fold(source) if folded else source, _FLAGS)))
    return tuple(out)


# --------------------------------------------------------------------------- rule handlers
# Each handler returns (date, granularity, recurring, rule, period_start) or None to reject.

_Res = tuple[dt.date | None, str, bool, str, dt.date | None]
# Cues that make "tháng"/"quý" alone mean the current one ("hoàn thành trong tháng").
_IN_CUES = frozenset(_key(w) for w in ("trong", "ngay trong"))
# Cues that place rather than bound a date; a clause's explicit deadline cue outranks them.
_WEAK_CUES = frozenset(_key(w) for w in ("vào", "dịp", "nhân dịp", "vào dịp", "kịp"))


def _year_of(m: re.Match[str], ref: dt.date) -> int | None:
    if m.groupdict().get("y"):
        return int(m.group("y"))
    if m.groupdict().get("ythis"):
        return ref.year
    if m.groupdict().get("ynext"):
        return ref.year + 1
    return None


def _h_full(m: re.Match[str], ref: dt.date, cue: str) -> _Res | None:
    day = _safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    return (day, "day", False, "explicit_date", day) if day else None


def _h_word_date(m: re.Match[str], ref: dt.date, cue: str) -> _Res | None:
    """ "ngày 15 tháng 3 năm 2024"; without "ngày" only after a due cue ("xong trước 15 tháng
    10"), where "15 tháng" cannot be a span ("trong 15 tháng")."""
    if not m.group("ngay") and (not cue or _key(cue) in _keys("cues.span")):
        return None
    d, mo = int(m.group("d")), int(m.group("m"))
    day = _safe_date(int(m.group("y")), mo, d) if m.group("y") else _roll_day(ref, mo, d)
    return (day, "day", False, "explicit_date" if m.group("y") else "day_month", day) if day else None


def _h_day_month(m: re.Match[str], ref: dt.date, cue: str) -> _Res | None:
    if not (m.group("ngay") or cue):
        return None
    d, mo = int(m.group("d")), int(m.group("m"))
    if not (1 <= d <= 31 and 1 <= mo <= 12):
        return None
    day = _roll_day(ref, mo, d)
    if day is None:
        return None
    return day, "day", bool(m.group("rec")), "recurring_day" if m.group("rec") else "day_month", day


def _h_day_recurring(m: re.Match[str], ref: dt.date, cue: str) -> _Res | None:
    d = int(m.group("d"))
    unit = _recurring_unit(m.group("rec"))
    if not 1 <= d <= 31 or unit != "month":
        return None if not 1 <= d <= 31 else (None, unit, True, "recurring", None)
    for k in range(3):
        month = _add_months(dt.date(ref.year, ref.month, 1), k)
        day = dt.date(month.year, month.month, min(d, calendar.monthrange(month.year, month.month)[1]))
        if day >= ref:
            return day, "day", True, "recurring_day", day
    return None


def _recurring_unit(phrase: str) -> str:
    key = _key(phrase)
    for unit in ("month", "quarter", "year", "week", "half"):
        if key in _keys(f"recurring.{unit}"):
            return unit
    return "month"


def _h_recurring(m: re.Match[str], ref: dt.date, cue: str) -> _Res | None:
    return None, _recurring_unit(m.group("rec")), True, "recurring", None


def _h_month(m: re.Match[str], ref: dt.date, cue: str) -> _Res | None:
    if _names_a_day(m):
        return None
    off, cue = m.group("off"), _key(cue)
    year = _year_of(m, ref)
    if m.group("m"):
        month = int(m.group("m"))
    elif m.group("mw"):
        if not (m.group("mw")[0].isupper() or _key(m.group("mw")) in (_key("giêng"), _key("chạp"))):
            return None
        month = _folded("month_names")[_key(m.group("mw"))]
    elif m.group("rel"):
        base = dt.date(ref.year, ref.month, 1)
        month_day = base if _key(m.group("rel")) in _keys("words.this") else _add_months(base, 1)
        month, year = month_day.month, month_day.year
    elif off or cue in _IN_CUES:
        if year is not None:
            return None
        month, year = ref.month, ref.year
    else:
        return None
    if not 1 <= month <= 12:
        return None
    if year is None:
        year = ref.year + 1 if month < ref.month else ref.year
    first = dt.date(year, month, 1)
    last = _month_end(year, month)
    if off:
        day = _folded("month_offsets")[_key(off)]
        return (last if day == 0 else dt.date(year, month, day)), "month", False, "month_part", first
    return last, "month", False, "month", first


def _names_a_day(m: re.Match[str]) -> bool:
    """ "tuyến 30 Tháng 4": a capital "Tháng" inside a sentence, after a day number or a
    capitalised word, is part of a name, not a month. (After a lower-case word,
    as in "Cách mạng Tháng Tám", it is still read as a month.)"""
    word = m.group(0).lstrip()
    if not word.startswith(("Tháng", "Thang")) or m.group("off"):
        return False
    before = m.string[max(0, m.start() - 12) : m.start()]
    return bool(re.search(r"(?:\b\d{1,2}|\b[A-ZÀ-ỸĐ][^\s.,;:]*)\s+$", before))


def _quarter_end(year: int, q: int) -> dt.date:
    return _month_end(year, q * 3)


def _h_quarter(m: re.Match[str], ref: dt.date, cue: str) -> _Res | None:
    year = _year_of(m, ref)
    current = (ref.month - 1) // 3 + 1
    cue = _key(cue)
    if m.group("q"):
        raw = m.group("q").upper()
        q = int(raw) if raw.isdigit() else _table("roman").get(raw, 0)
        if year is None:
            year = ref.year + 1 if q < current else ref.year
    elif m.group("rel"):
        is_this = _key(m.group("rel")) in _keys("words.this")
        q, year = (current, ref.year) if is_this else (current % 4 + 1, ref.year + (current == 4))
    elif (m.group("off") or cue in _IN_CUES) and year is None:
        q, year = current, ref.year
    else:
        return None
    if not 1 <= q <= 4:
        return None
    return _quarter_end(year, q), "quarter", False, "quarter", dt.date(year, 3 * q - 2, 1)


def _h_half(m: re.Match[str], ref: dt.date, cue: str) -> _Res | None:
    first = _key(m.group("h")) in _keys("halves.first")
    year = _year_of(m, ref)
    if year is None:
        year = ref.year + 1 if first and ref > dt.date(ref.year, 6, 30) else ref.year
    return (
        (dt.date(year, 6, 30) if first else dt.date(year, 12, 31)),
        "half",
        False,
        "half",
        dt.date(year, 1 if first else 7, 1),
    )


def _h_year(m: re.Match[str], ref: dt.date, cue: str) -> _Res | None:
    year = int(m.group("y"))
    if not 1900 <= year <= 2200:
        return None
    if m.group("part"):  # "đầu năm 2022", "giữa năm 2024": no day to be due, but a start
        begins = _folded("undated_year_parts")[_key(m.group("part"))]
        return None, "year", False, "year_part", dt.date(year, begins, 1)
    return dt.date(year, 12, 31), "year", False, "year", dt.date(year, 1, 1)


def _h_year_word(m: re.Match[str], ref: dt.date, cue: str) -> _Res | None:
    nxt = _key(m.group("ye")) in _keys("year_end.next_year")
    year = ref.year + 1 if nxt else ref.year
    return dt.date(year, 12, 31), "year", False, "year_relative", dt.date(year, 1, 1)


def _h_year_range(m: re.Match[str], ref: dt.date, cue: str) -> _Res | None:
    y1, y2 = int(m.group("y1")), int(m.group("y2"))
    if not (1900 <= y1 <= y2 <= 2200):
        return None
    return dt.date(y2, 12, 31), "year", False, "year_range", dt.date(y1, 1, 1)


def _number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    return _folded("numbers").get(_key(text))


def _h_span(m: re.Match[str], ref: dt.date, cue: str) -> _Res | None:
    cue = _key(cue)
    if cue not in _keys("cues.span") and not m.group("toi"):
        return None
    n = _number(m.group("n"))
    if not n or n > 400:
        return None
    start = ref
    if m.group("anc_date"):
        found = re.search(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})", m.group("anc_date"))
        start = _safe_date(int(found.group(3)), int(found.group(2)), int(found.group(1))) if found else None
        if start is None:
            return None
    elif m.group("anc_other") or m.group("first"):
        return None, "day", False, "relative_to_event", None
    unit = _key(m.group("u"))
    if unit == _key("ngày làm việc"):
        return _add_workdays(start, n), "day", False, "working_days", start
    if unit == _key("tuần"):
        return start + dt.timedelta(days=7 * n), "week", False, "span_weeks", start
    if unit == _key("tháng"):
        return _add_months(start, n), "month", False, "span_months", start
    if unit == _key("giờ"):
        return start + dt.timedelta(days=-(-n // 24)), "day", False, "span_hours", start
    return start + dt.timedelta(days=n), "day", False, "span_days", start


def _h_week(m: re.Match[str], ref: dt.date, cue: str) -> _Res | None:
    monday = ref - dt.timedelta(days=ref.weekday())
    wdays = _folded("weekdays")
    if m.group("wk"):
        if _key(m.group("wk")) in _keys("weeks.weekend") and _key(cue) not in _keys("weeks.weekend_cues"):
            return None  # "vào các ngày cuối tuần": weekends, not this week's end
        is_next = _key(m.group("wk")) in _keys("weeks.next")
        week_start = monday + dt.timedelta(days=7 if is_next else 0)
        if m.group("wd"):
            day = week_start + dt.timedelta(days=wdays[_key(m.group("wd"))])
            return day, "day", False, "weekday", day
        return week_start + dt.timedelta(days=6), "week", False, "week", week_start
    if not (cue or m.group("rec")):
        return None
    target = wdays[_key(m.group("wd2"))]
    ahead = (target - ref.weekday()) % 7 or 7
    day = ref + dt.timedelta(days=ahead)
    return day, "day", bool(m.group("rec")), "weekday_recurring" if m.group("rec") else "weekday", day


def _h_tet(m: re.Match[str], ref: dt.date, cue: str) -> _Res | None:
    try:
        if m.group("y"):
            year = int(m.group("y"))
            tet = lunar_new_year_after(dt.date(year - 1, 12, 1))
        elif m.group("stem"):
            tet = _tet_named(ref, _key(m.group("stem")), _key(m.group("br")))
        else:
            tet = lunar_new_year_after(ref)
    except (ValueError, KeyError, NotImplementedError, OverflowError):
        return None
    if tet is None:
        return None
    return tet - dt.timedelta(days=1), "day", False, "lunar_new_year", tet


def _h_lunar_day(m: re.Match[str], ref: dt.date, cue: str) -> _Res | None:
    """ "mùng 6 tháng Giêng": the first lunar month's day, the next one on or after the meeting."""
    day_of_month = 15 if m.group("ram") else int(m.group("ld"))
    if not 1 <= day_of_month <= 29:
        return None
    try:
        tet = lunar_new_year_after(ref - dt.timedelta(days=60))
        day = tet + dt.timedelta(days=day_of_month - 1)
        if day < ref:
            tet = lunar_new_year_after(tet)
            day = tet + dt.timedelta(days=day_of_month - 1)
    except ValueError:
        return None
    return day, "day", False, "lunar_day", day


def _h_fixed(m: re.Match[str], ref: dt.date, cue: str) -> _Res | None:
    name = _key(m.group("fx"))
    mo, d = _folded("fixed_days")[name]
    if m.group("d") and (int(m.group("d")), int(m.group("m"))) != (d, mo):
        return None
    day = _safe_date(int(m.group("y")), mo, d) if m.group("y") else _roll_day(ref, mo, d)
    if day is None:
        return None
    if name.startswith(_key("tết")):
        return day - dt.timedelta(days=1), "day", False, "fixed_holiday", day
    return day, "day", False, "fixed_holiday", day


@cache
def _festival_days(year: int, name: str) -> tuple[dt.date, ...]:
    import holidays

    days = holidays.China(years=year, language="en_US").items()
    return tuple(sorted(day for day, names in days if name in [n.strip() for n in names.split(";")]))


def _h_festival(m: re.Match[str], ref: dt.date, cue: str) -> _Res | None:
    """ "trước Tết Trung thu": the festival's next day on or after the meeting (or in the year
    written), the day before it after "trước"."""
    name = _folded("lunar_festivals")[_key(m.group("fest"))]
    years = (int(m.group("y")),) if m.group("y") else (ref.year, ref.year + 1)
    try:
        days = [d for y in years for d in _festival_days(y, name) if m.group("y") or d >= ref]
    except (NotImplementedError, KeyError, ValueError, OverflowError):
        return None
    if not days:
        return None
    day = days[0]
    due = day - dt.timedelta(days=1) if _key(cue) in _keys("cues.before_period") else day
    return due, "day", False, "lunar_festival", day


def _h_relative_day(m: re.Match[str], ref: dt.date, cue: str) -> _Res | None:
    day = ref + dt.timedelta(days=int(_folded("relative_days")[_key(m.group("rd"))]))
    return day, "day", False, "relative_day", day


_HANDLERS: dict[str, Callable[[re.Match[str], dt.date, str], _Res | None]] = {
    "relative_day": _h_relative_day,
    "full_date": _h_full,
    "iso_date": _h_full,
    "word_date": _h_word_date,
    "day_month": _h_day_month,
    "day_recurring": _h_day_recurring,
    "recurring": _h_recurring,
    "month": _h_month,
    "quarter": _h_quarter,
    "half": _h_half,
    "year": _h_year,
    "year_word": _h_year_word,
    "year_range": _h_year_range,
    "span": _h_span,
    "week": _h_week,
    "tet": _h_tet,
    "lunar_day": _h_lunar_day,
    "fixed_day": _h_fixed,
    "festival": _h_festival,
}


# --------------------------------------------------------------------------- deadline or period


@cache
def _context_patterns(folded: bool = False) -> dict[str, re.Pattern[str]]:
    period, cues = _table("period"), _table("cues")
    sources = {
        "goal": rf"(?<!\w){_alt(period['goal_verbs'])}(?!\w)",
        "topic": rf"(?<!\w){_alt(period['topic_nouns'])}(?!\w)",
        "addressed": rf"(?<!\w){_alt(period['addressed_topics'])}(?!\w)",
        "season": rf"(?<!\w)(?:{_alt(period['seasons'])})\s+$",
        "event": rf"(?<!\w){_alt(_table('anchors')['events'])}(?!\w)",
        "go_live": rf"(?<!\w){_alt(cues['go_live'])}(?!\w)",
        "deed": rf"(?<!\w){_alt(cues['occasion_deeds'])}(?!\w)",
        "duration": rf"(?<!\w){_alt(cues['duration_before'])}\s*$",
        "range_end": r"\s*(?:đến|tới|[-–—])\s*",
        "cited": r"(?:(?<!\w)số\s*)?\d+(?:/\d+)*/[A-ZĐ][\w.\-]*(?:\s+của\s+\w+(?:\s+\w+){0,5})?\s*,?\s*"
        r"(?:ban\s+hành\s+)?$",
    }
    return {
        name: re.compile(fold(src) if folded else src, 0 if name == "cited" else _FLAGS)
        for name, src in sources.items()
    }


def _window(text: str, start: int) -> str:
    """The last syllables before ``start`` in the same clause (stops at , ; : . ( ) and line breaks)."""
    before = text[max(0, start - 160) : start]
    cut = max(before.rfind(ch) for ch in ",;:.!?()\n|")
    if cut >= 0:
        before = before[cut + 1 :]
    syllables = before.split()
    return " ".join(syllables[-int(_table("period")["window"]) :])


@dataclass(frozen=True)
class _Ctx:
    """Where a candidate sits: the text around it and how it was read."""

    text: str
    start: int
    end: int
    cue: str
    rule: str
    relative: bool
    folded: bool
    period_start: dt.date | None
    ref: dt.date


def _classify(c: _Ctx) -> tuple[str, str | None]:
    """Deadline or period, and a rule override.

    A cue word ("trước", "trong", "chậm nhất") makes a due date. "từ <date>" starts a period,
    unless it is a go-live ("vận hành chính thức từ ngày 01/01/2026") or a start still ahead
    of the meeting that is not the first half of a range ("từ ... đến ..."): then the task is
    due the day before. Without a cue, the syllables before the expression decide: the nearest
    of a goal verb ("hoàn thành", "phấn đấu") or a meeting/event noun ("phiên họp tháng 8")
    makes a due date; the nearest being a topic noun ("kế hoạch", "báo cáo", "diễn tập") makes
    a period, unless a goal verb sits further back ("hoàn thành các chỉ tiêu kế hoạch năm
    2024"). Expressions counted from the meeting ("tuần sau", "trong 15 ngày") are due dates
    whatever precedes them. Nothing around -> a due date.
    """
    pats = _context_patterns(c.folded)
    near = c.text[max(0, c.start - 80) : c.start]
    if c.rule == "year_range":
        return "period", None
    if c.rule.startswith("recurring") or c.rule.endswith("recurring"):
        return "deadline", None
    if (c.rule.startswith("span") or c.rule == "working_days") and pats["duration"].search(
        _window(c.text, c.start)
    ):
        return "period", "duration"  # "rút ngắn ... xuống còn không quá 10 ngày": a service time
    if c.cue in _keys("cues.start"):
        if pats["range_end"].match(c.text, c.end):
            return "period", "range_start"
        if pats["go_live"].search(_window(c.text, c.start)):
            return "deadline", "go_live"
        written_year = re.search(r"\d{4}", c.text[c.start : c.end])
        if (
            c.period_start is not None
            and c.period_start > c.ref
            and (written_year or c.period_start.year == c.ref.year)
        ):
            return (
                "deadline",
                "go_live",
            )  # a start still ahead (a day/month rolled into next year is a past start)
        return "period", "range_start"
    if pats["cited"].search(near) and not c.cue:
        return "period", "cited_document"
    if c.rule in (*_WHOLE_PERIODS, "year_relative") and not c.cue and pats["season"].search(near):
        return "period", "season"  # "trước mùa mưa năm 2017": the year names the season
    if c.rule in _OCCASIONS and c.cue in _keys("cues.occasion") and not pats["deed"].search(near):
        return "period", "occasion"  # "dịp Tết", "dịp cuối năm": while it lasts
    if c.rule in ("lunar_new_year", "fixed_holiday", "lunar_festival"):
        if c.cue in _keys("lunar.during"):
            return "period", "during"
        ok = c.cue in _keys("lunar.cues") | _keys("cues.deadline")
        return ("deadline" if ok else "period"), None
    if c.cue or c.relative:
        return "deadline", None
    window = _window(c.text, c.start)
    hits = []
    for name in ("goal", "topic", "event"):
        hits.extend((m.end(), name) for m in pats[name].finditer(window))
    if not hits:
        return "deadline", None
    nearest_end, nearest = max(hits)
    if nearest == "topic" and not any(name == "goal" for _, name in hits):
        if _reports_to_someone(window, nearest_end, pats):
            return "deadline", None
        return "period", "topic"
    return "deadline", None


def _reports_to_someone(window: str, topic_end: int, pats: dict) -> bool:
    """ "báo cáo UBND tỉnh giữa tháng 11": the topic noun is the verb, an addressee follows."""
    topic = pats["addressed"].search(window, max(0, topic_end - 40), topic_end)
    if topic is None or topic.end() != topic_end:
        return False
    return any(word[:1].isupper() for word in window[topic_end:].split())


# --------------------------------------------------------------------------- scanning

_RELATIVE_RULES = ("week", "span", "recurring", "day_recurring", "relative_day")
_WHOLE_PERIODS = ("month", "quarter", "year")  # a named month, quarter or year (not "cuối tháng")
_OCCASIONS = ("lunar_new_year", "year_relative", "week")  # stretches of days, unlike "dịp 2/9"


def _candidates(text: str, ref: dt.date, folded: bool) -> list[_Cand]:
    found: list[_Cand] = []
    cue_re = _cue_before(folded)
    for name, pattern in _patterns(folded):
        handler = _HANDLERS[name]
        for m in pattern.finditer(text):
            cm = cue_re.search(text, max(0, m.start() - 60), m.start())
            raw_cue = cm.group("cue") if cm else ""
            start = cm.start() if cm else m.start()
            try:
                res = handler(m, ref, raw_cue)
            except (ValueError, OverflowError, KeyError):  # dates out of the calendar's range
                continue
            if res is None:
                continue
            date, gran, rec, rule, period_start = res
            cue = _key(raw_cue)
            relative = name in _RELATIVE_RULES or bool(m.groupdict().get("rel"))
            ctx = _Ctx(text, start, m.end(), cue, rule, relative, folded, period_start, ref)
            kind, override = _classify(ctx)
            if override == "go_live" and period_start is not None:
                date = period_start - dt.timedelta(days=1)
            elif (
                rule in _WHOLE_PERIODS
                and period_start is not None
                and period_start > ref
                and cue in _keys("cues.before_period")
            ):
                date, override = period_start - dt.timedelta(days=1), "before_period"
            if kind == "deadline" and not cue and not relative and date is not None and date.year < ref.year:
                # an uncued period of an earlier year reports what happened; it sets no due date
                kind, override = "period", "past"
            found.append(_Cand(start, m.end(), date, gran, rec, override or rule, kind, cue, period_start))
    return found


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Non-overlapping, longest first (then leftmost), returned in text order."""
    chosen: list[_Cand] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.start)):
        if all(c.end <= o.start or c.start >= o.end for o in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


def _scan(text: str, ref: dt.date) -> list[tuple[TimeMatch, _Cand]]:
    norm, index = _nfc_map(text)
    folded = unaccented(norm)
    work = fold(norm) if folded else norm
    out = []
    for c in _select(_candidates(work, ref, folded)):
        start, end = (c.start, c.end) if index is None else (index[c.start], index[c.end])
        match = TimeMatch(start, end, text[start:end], c.date, c.granularity, c.recurring, c.rule, c.kind)
        out.append((match, c))
    return out


def find_time_expressions(text: str, ref: dt.date) -> list[TimeMatch]:
    """All time expressions in text order, non-overlapping (longest wins); never raises."""
    try:
        return [m for m, _ in _scan(text, ref)]
    except Exception:  # noqa: BLE001 - the pipeline must survive any input
        return []


def _preference(pair: tuple[TimeMatch, _Cand]) -> tuple:
    match, cand = pair
    explicit = bool(cand.cue) and cand.cue not in _WEAK_CUES
    return (explicit, match.date is not None or match.recurring, -_GRAN_RANK[match.granularity], match.start)


def _inherit_cues(text: str, pairs: list[tuple[TimeMatch, _Cand]]) -> list[tuple[TimeMatch, _Cand]]:
    """ "trong tháng 6 và tháng 7": the second expression shares the cue of the first one."""
    out = list(pairs)
    for i in range(1, len(out)):
        (prev, prev_c), (cur, cur_c) = out[i - 1], out[i]
        if (
            prev_c.cue
            and not cur_c.cue
            and re.fullmatch(r"\s*(?:,|và|hoặc|hay)\s*", text[prev.end : cur.start])
        ):
            out[i] = (cur, replace(cur_c, cue=prev_c.cue))
    return out


def find_deadline(clause: str, ref: dt.date) -> TimeMatch | None:
    """THE deadline of one task clause, or None.

    Only ``kind == "deadline"`` matches count. When several remain, prefer one with an explicit
    cue ("trước", "chậm nhất", "hạn chót", "trong", "đến hết"), then one that has a date, then
    the finest granularity (a day beats a month beats a year: the more specific promise), then
    the later one in the clause.
    """
    try:
        pairs = _inherit_cues(clause, [p for p in _scan(clause, ref) if p[0].kind == "deadline"])
        return max(pairs, key=_preference)[0] if pairs else None
    except Exception:  # noqa: BLE001
        return None


def resolve(expression: str, ref: dt.date) -> TimeMatch | None:
    """Resolve what a reviewer typed ("trước ngày 20/11", "2024-11-20", "quý I") as a deadline."""
    try:
        if _key(expression) in _keys("no_deadline.words"):
            return None
        pairs = _scan(expression, ref)
        offset = 0
        if not pairs:
            pairs, offset = _scan("ngày " + expression, ref), len("ngày ")
        pairs = [p for p in pairs if p[0].end > offset]
        if not pairs:
            return None
        match = max(pairs, key=lambda p: (p[0].end - p[0].start, _preference(p)))[0]
        start, end = max(match.start - offset, 0), match.end - offset
        return replace(match, start=start, end=end, text=expression[start:end], kind="deadline")
    except Exception:  # noqa: BLE001
        return None


@cache
def _date_patterns() -> tuple[re.Pattern[str], ...]:
    return (
        re.compile(
            r"(?<![\d/.\-,])(?P<d>\d{1,2})\s*(?P<s>[/.\-])\s*(?P<m>\d{1,2})\s*(?P=s)\s*(?P<y>\d{4})(?![\d/])"
        ),
        re.compile(r"(?<![\d/.\-,])(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?![\d/\-])"),
        re.compile(r"ngay\s+(?P<d>\d{1,2})\s+thang\s+(?P<m>\d{1,2})\s*,?\s*nam\s+(?P<y>\d{4})(?!\d)", _FLAGS),
    )


def find_dates(text: str) -> list[tuple[int, int, dt.date]]:
    """Explicit full dates with a year ("28/02/2023", "ngày 03 tháng 8 năm 2023"), to find the meeting date."""
    try:
        norm, index = _nfc_map(text)
        work = fold(norm)
        out = []
        for pattern in _date_patterns():
            for m in pattern.finditer(work):
                day = _safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
                if day is None:
                    continue
                s, e = (m.start(), m.end()) if index is None else (index[m.start()], index[m.end()])
                out.append((s, e, day))
        out.sort()
        return [x for i, x in enumerate(out) if i == 0 or x[0] >= out[i - 1][1]]
    except Exception:  # noqa: BLE001
        return []
