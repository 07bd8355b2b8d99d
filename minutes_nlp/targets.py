"""Measurable targets in a task clause: "đạt trên 95% kế hoạch" -> 95.0, "%", gt.

Numbers are read as Vietnamese writes them (dot groups thousands, comma marks decimals).
Numbers that are dates, times, document numbers, road names, ordinals, ages or durations are
not targets. Words live in ``data/units.toml``; this module holds the matching logic only.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from minutes_nlp.lexicon import load_toml
from minutes_nlp.timex import _alt, _key, _nfc_map, find_time_expressions, fold, unaccented

_DATA = "units.toml"
_FLAGS = re.IGNORECASE
_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+|\d+\.\d{1,2}(?![\d.])|\d+"


@dataclass(frozen=True)
class TargetMatch:
    """One measurable goal: offsets into the passed string, its value, unit and comparator."""

    start: int
    end: int
    text: str
    value: float
    unit: str | None
    comparator: str
    value_max: float | None
    metric: str | None


def parse_number(text: str) -> float | None:
    """Vietnamese number writing: "2.500" -> 2500, "3,5" -> 3.5, "1.240,5" -> 1240.5, "hai" -> 2.

    A dot followed by groups of exactly three digits separates thousands; a comma marks the
    decimals. A lone dot with one or two digits after it ("3.5") is read as a decimal point,
    as some press texts write it.
    """
    try:
        s = " ".join(str(text).split())
        if not s:
            return None
        words_table = {_key(k): v for k, v in load_toml(_DATA)["numbers"].items()}
        if _key(s) in words_table:
            return float(words_table[_key(s)])
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", s):
            return float(s.replace(".", "").replace(",", "."))
        if re.fullmatch(r"\d+,\d+", s):
            return float(s.replace(",", "."))
        if re.fullmatch(r"\d+(?:\.\d{1,2})?", s):
            return float(s)
        return None
    except (ValueError, OverflowError, TypeError):
        return None


@cache
def _comparators() -> dict[str, str]:
    """Cue phrase (folded key) -> comparator code."""
    return {_key(k): v for k, v in load_toml(_DATA)["comparators"].items()}


@cache
def _res(folded: bool = False) -> dict[str, re.Pattern[str]]:
    """Compiled patterns; ``folded`` ones match text typed without diacritics."""
    data = load_toml(_DATA)
    scales = _alt(data["scales"])
    units = _alt(data["units"])
    wordy = data["words"]
    cues = _alt(data["comparators"].keys())
    sources = {
        "num": rf"(?<![\w.,/\-])(?:{_NUM})(?![\d])(?!\s*/)(?![.,]\d)",
        "range": rf"\s*{_alt(wordy['range_joiners'])}\s*(?P<n2>{_NUM})(?![\d])(?![.,]\d)(?!\s*/)",
        "unit": rf"\s*(?:(?P<scale>{scales})\s+)?(?P<unit>%|{units})(?!\w)",
        "scale": rf"\s+(?P<scale>{scales})(?!\w)",
        "unknown": r"\s+(?P<w1>[^\W\d_]+)(?:\s+(?P<w2>[^\W\d_]+))?",
        "not_unit": rf"\s*(?P<unit>(?:{scales}\s+)?{_alt(data['not_units'])})(?!\w)",
        "not_before": rf"(?<!\w){_alt(data['not_before'])}\s*[.]?\s*$",
        "describe": rf"(?<!\w){_alt(data['describe_before'])}\s*$",
        "cues": rf"(?<!\w)(?:{cues}\s+){{1,3}}$",
        "cue": rf"(?<!\w){cues}(?!\w)",
        "duration_cue": rf"(?<!\w){_alt(wordy['duration_cues'])}(?!\w)",
        "direction": rf"(?<!\w){_alt(wordy['direction'])}(?!\w)",
        "money": rf"(?<!\w){_alt(wordy['money'])}$",
        "tail": rf"\s+(?P<tail>{_alt(wordy['tails'])})(?!\w)",
        "strip": rf"^(?:{_alt(wordy['metric_strip'])}\s+)+",
        "at_least": rf"\s+{_alt(wordy['at_least_after'])}(?!\w)",
    }
    return {name: re.compile(fold(src) if folded else src, _FLAGS) for name, src in sources.items()}


def _excluded_spans(text: str) -> list[tuple[int, int]]:
    """Spans of time expressions: the numbers in them are dates, not targets."""
    found = find_time_expressions(text, dt.date(2000, 1, 1))
    return [(m.start, m.end) for m in found if m.rule != "duration"]


def _words(text: str, start: int, end: int) -> str:
    return " ".join(text[start:end].split())


def _unit_after(work: str, text: str, pos: int, cues: str, folded: bool) -> tuple[str, int, bool] | None:
    """(unit as written, end, known) after a number; None when the number is a duration, age or shift.

    A duration counts only after a reduction cue ("xuống còn 5 ngày làm việc": a service time).
    """
    r = _res(folded)
    m = r["not_unit"].match(work, pos)
    if m:
        if not r["duration_cue"].search(cues):
            return None
        return _words(text, m.start("unit"), m.end("unit")), m.end(), True
    m = r["unit"].match(work, pos)
    if m:
        first = m.start("scale") if m.group("scale") else m.start("unit")
        unit = _words(text, first, m.end())
        return ("%" if _key(unit) == _key("phần trăm") else unit), m.end(), True
    if pos < len(work) and work[pos].isalpha():
        return None  # glued letters: "1A", "17h"
    m = r["scale"].match(work, pos)
    if m:
        nxt = r["unknown"].match(work, m.end())
        if nxt and _valid_unknown(nxt.group("w1")):
            return _words(text, m.start("scale"), nxt.end("w1")), nxt.end("w1"), False
        return _words(text, m.start("scale"), m.end()), m.end(), False
    m = r["unknown"].match(work, pos)
    if m and _valid_unknown(m.group("w1")):
        last = m.end("w2") if m.group("w2") and _valid_unknown(m.group("w2")) else m.end("w1")
        return _words(text, m.start("w1"), last), last, False
    return None


def _valid_unknown(word: str) -> bool:
    stop = {_key(w) for w in load_toml(_DATA)["stop_after"]}
    return word[:1].islower() and _key(word) not in stop


def _comparator(cues: str, ranged: bool, at_least: bool, folded: bool) -> str:
    """The last cue with a direction decides ("đạt trên" -> gt); "từ ... trở lên" -> ge."""
    if ranged:
        return "range"
    if at_least:
        return "ge"
    codes = [_comparators().get(_key(m.group(0)), "eq") for m in _res(folded)["cue"].finditer(cues)]
    strong = [c for c in codes if c != "eq"]
    return strong[-1] if strong else "eq"


def _metric(work: str, text: str, start: int, floor: int, cues: str, folded: bool) -> str | None:
    """What is measured: the few syllables before the cue, without directive verbs."""
    lo = max(floor, start - 120)
    before = work[lo:start]
    cut = max(before.rfind(ch) for ch in ",;:()\n|")
    if cut >= 0:
        lo += cut + 1
    words = text[lo:start].split()[-8:]
    folded_words = work[lo:start].split()[-8:]
    strip = _res(folded)["strip"].match(" ".join(folded_words))
    skip = len(strip.group(0).split()) if strip else 0
    phrase = " ".join(words[skip:])
    direction = [d.group(0) for d in _res(folded)["direction"].finditer(cues)]
    if direction:
        phrase = f"{phrase} {' '.join(direction[-1].split())}".strip()
    return phrase or None


def _scan(text: str) -> list[tuple[TargetMatch, int]]:
    folded = unaccented(text)
    work = fold(text) if folded else text
    r = _res(folded)
    spans = _excluded_spans(text)
    out: list[tuple[TargetMatch, int]] = []
    pos_floor = 0
    for m in r["num"].finditer(work):
        s, e = m.start(), m.end()
        if s < pos_floor or any(a < e and s < b for a, b in spans):
            continue
        before = work[max(0, s - 40) : s]
        cue_m = r["cues"].search(before)
        cues = cue_m.group(0) if cue_m else ""
        bare = before[: len(before) - len(cues)]
        value = parse_number(m.group(0))
        if value is None or (not cues and r["describe"].search(bare)):
            continue  # "mặt đường rộng 9 m" describes, it does not set a goal
        value_max = None
        rng = r["range"].match(work, e)
        if rng:
            value_max = parse_number(rng.group("n2"))
            e = rng.end() if value_max is not None else e
        unit = _unit_after(work, text, e, cues, folded)
        if unit is None:
            continue
        unit_text, end, known = unit
        if not known and not cues:
            continue  # an unknown counted noun needs a goal cue ("tối thiểu 40 trạm sạc")
        if not known and r["not_before"].search(bare):
            continue  # a name or an ordinal: "tầng 2 nhà B", "tỉnh lộ 153", "cấp 1"
        if value_max is None and re.fullmatch(r"(?:19|20)\d\d", m.group(0)) and not known:
            continue
        at_least = bool(r["at_least"].match(work, end))
        tail = r["tail"].match(work, end)
        if tail:
            end = tail.end()
        if value_max is not None and value_max <= value:
            value_max = None
        start = s - len(cues)
        from_cue = _key(cues).endswith(_key("từ"))
        comparator = _comparator(cues, value_max is not None, at_least and from_cue, folded)
        metric = _metric(work, text, start, pos_floor, cues, folded)
        money = bool(r["money"].search(fold(unit_text) if folded else unit_text))
        score = 2 * bool(cues) + known + 2 * (unit_text == "%") + money
        match = TargetMatch(start, end, text[start:end], value, unit_text, comparator, value_max, metric)
        out.append((match, score))
        pos_floor = end
    return out


def _remap(text: str, index: list[int] | None, t: TargetMatch) -> TargetMatch:
    if index is None:
        return t
    s, e = index[t.start], index[t.end]
    return TargetMatch(s, e, text[s:e], t.value, t.unit, t.comparator, t.value_max, t.metric)


def find_targets(clause: str) -> list[TargetMatch]:
    """All candidate targets in text order; never raises."""
    try:
        norm, index = _nfc_map(clause)
        return [_remap(clause, index, t) for t, _ in _scan(norm)]
    except Exception:  # noqa: BLE001 - the pipeline must survive any input
        return []


def find_target(clause: str) -> TargetMatch | None:
    """THE main measurable goal of one clause: a number after a goal cue, a percentage, a known
    unit, in that order of weight; the first one wins a tie. None when nothing qualifies."""
    try:
        norm, index = _nfc_map(clause)
        found = _scan(norm)
        if not found:
            return None
        best = max(found, key=lambda p: (p[1], p[0].unit == "%", -p[0].start))[0]
        return _remap(clause, index, best)
    except Exception:  # noqa: BLE001
        return None


__all__ = ["TargetMatch", "find_target", "find_targets", "parse_number"]
