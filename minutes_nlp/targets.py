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
from minutes_nlp.timex import _alt, _key, _nfc_map, find_time_expressions

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
        words_table = load_toml(_DATA)["numbers"]
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
    return {_key(k): v for k, v in load_toml(_DATA)["comparators"].items()}


@cache
def _res() -> dict[str, re.Pattern[str]]:
    data = load_toml(_DATA)
    scales = _alt(data["scales"])
    units = _alt(data["units"])
    wordy = data["words"]
    joiners = _alt(wordy["range_joiners"])
    return {
        "num": re.compile(rf"(?<![\w.,/\-])(?:{_NUM})(?![\d])(?!\s*/)(?![.,]\d)"),
        "range": re.compile(rf"\s*{joiners}\s*(?P<n2>{_NUM})(?![\d])(?![.,]\d)(?!\s*/)", _FLAGS),
        "unit": re.compile(rf"\s*(?:(?P<scale>{scales})\s+)?(?P<unit>%|{units})(?!\w)", _FLAGS),
        "scale": re.compile(rf"\s+(?P<scale>{scales})(?!\w)", _FLAGS),
        "unknown": re.compile(r"\s+(?P<w1>[^\W\d_]+)(?:\s+(?P<w2>[^\W\d_]+))?", _FLAGS),
        "not_unit": re.compile(rf"\s*(?:{scales}\s+)?{_alt(data['not_units'])}(?!\w)", _FLAGS),
        "not_before": re.compile(rf"(?<!\w){_alt(data['not_before'])}\s*[.]?\s*$", _FLAGS),
        "cues": re.compile(rf"(?<!\w)(?:{_alt(_comparators())}\s+){{1,3}}$", _FLAGS),
        "cue": re.compile(rf"(?<!\w){_alt(_comparators())}(?!\w)", _FLAGS),
        "tail": re.compile(rf"\s+(?P<tail>{_alt(wordy['tails'])})(?!\w)", _FLAGS),
        "strip": re.compile(rf"^(?:{_alt(wordy['metric_strip'])}\s+)+", _FLAGS),
        "at_least": re.compile(rf"\s+{_alt(wordy['at_least_after'])}(?!\w)", _FLAGS),
    }


def _excluded_spans(text: str) -> list[tuple[int, int]]:
    """Spans of time expressions: the numbers in them are dates, not targets."""
    return [(m.start, m.end) for m in find_time_expressions(text, dt.date(2000, 1, 1))]


def _unit_after(text: str, pos: int) -> tuple[str | None, int, bool] | None:
    """(unit, end, known) after a number; None when the number is a duration, age or shift."""
    r = _res()
    if r["not_unit"].match(text, pos):
        return None
    m = r["unit"].match(text, pos)
    if m:
        unit = "%" if m.group("unit") in ("%",) or _key(m.group("unit")) == "phần trăm" else m.group("unit")
        scale = m.group("scale")
        return (
            (f"{' '.join(scale.split())} {' '.join(unit.split())}" if scale else " ".join(unit.split())),
            m.end(),
            True,
        )
    if pos < len(text) and text[pos].isalpha():
        return None  # glued letters: "1A", "17h"
    m = r["scale"].match(text, pos)
    if m:
        nxt = r["unknown"].match(text, m.end())
        if nxt and _valid_unknown(nxt.group("w1")):
            return f"{' '.join(m.group('scale').split())} {nxt.group('w1')}", nxt.end("w1"), False
        return " ".join(m.group("scale").split()), m.end(), False
    m = r["unknown"].match(text, pos)
    if m and _valid_unknown(m.group("w1")):
        if m.group("w2") and _valid_unknown(m.group("w2")):
            return f"{m.group('w1')} {m.group('w2')}", m.end("w2"), False
        return m.group("w1"), m.end("w1"), False
    return None


def _valid_unknown(word: str) -> bool:
    stop = {_key(w) for w in load_toml(_DATA)["stop_after"]}
    return word[:1].islower() and _key(word) not in stop


def _comparator(cues: str, ranged: bool, at_least: bool) -> str:
    """The last cue with a direction decides ("đạt trên" -> gt); "từ ... trở lên" -> ge."""
    if ranged:
        return "range"
    if at_least:
        return "ge"
    codes = [_comparators()[_key(m.group(0))] for m in _res()["cue"].finditer(cues)]
    strong = [c for c in codes if c != "eq"]
    return strong[-1] if strong else "eq"


def _metric(text: str, start: int, floor: int, cues: str) -> str | None:
    """What is measured: the few syllables before the cue, without directive verbs."""
    before = text[max(floor, start - 120) : start]
    cut = max(before.rfind(ch) for ch in ",;:()\n")
    if cut >= 0:
        before = before[cut + 1 :]
    syllables = before.split()[-8:]
    phrase = _res()["strip"].sub("", " ".join(syllables)).strip()
    direction = [
        w
        for w in load_toml(_DATA)["words"]["direction"]
        if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", _key(cues))
    ]
    if direction:
        word = max(direction, key=len)
        phrase = f"{phrase} {word}".strip()
    return phrase or None


def _scan(text: str) -> list[tuple[TargetMatch, int]]:
    r = _res()
    spans = _excluded_spans(text)
    out: list[tuple[TargetMatch, int]] = []
    pos_floor = 0
    for m in r["num"].finditer(text):
        s, e = m.start(), m.end()
        if s < pos_floor or any(a < e and s < b for a, b in spans):
            continue
        before = text[max(0, s - 40) : s]
        cue_m = r["cues"].search(before)
        cues = cue_m.group(0) if cue_m else ""
        value = parse_number(m.group(0))
        if value is None:
            continue
        value_max = None
        rng = r["range"].match(text, e)
        if rng:
            value_max = parse_number(rng.group("n2"))
            e = rng.end() if value_max is not None else e
        unit = _unit_after(text, e)
        if unit is None:
            continue
        unit_text, end, known = unit
        if unit_text is None or (not known and not cues):
            continue  # an unknown counted noun needs a goal cue ("tối thiểu 40 trạm sạc")
        if not cues and not known and r["not_before"].search(before):
            continue  # a name or an ordinal: "tầng 2 nhà B", "tỉnh lộ 153", "cấp 1"
        if value_max is None and re.fullmatch(r"(?:19|20)\d\d", m.group(0)) and not known:
            continue
        at_least = bool(r["at_least"].match(text, end))
        tail = r["tail"].match(text, end)
        if tail:
            end = tail.end()
        if value_max is not None and value_max <= value:
            value_max = None
        start = s - len(cues)
        comparator = _comparator(cues, value_max is not None, at_least and _key(cues).endswith("từ"))
        metric = _metric(text, start, pos_floor, cues)
        score = 2 * bool(cues) + known + (unit_text == "%")
        out.append(
            (TargetMatch(start, end, text[start:end], value, unit_text, comparator, value_max, metric), score)
        )
        pos_floor = end
    return out


def _remap(text: str, norm: str, index: list[int] | None, t: TargetMatch) -> TargetMatch:
    if index is None:
        return t
    s, e = index[t.start], index[t.end]
    return TargetMatch(s, e, text[s:e], t.value, t.unit, t.comparator, t.value_max, t.metric)


def find_targets(clause: str) -> list[TargetMatch]:
    """All candidate targets in text order; never raises."""
    try:
        norm, index = _nfc_map(clause)
        return [_remap(clause, norm, index, t) for t, _ in _scan(norm)]
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
        best = max(found, key=lambda p: (p[1], -p[0].start))[0]
        return _remap(clause, norm, index, best)
    except Exception:  # noqa: BLE001
        return None


__all__ = ["TargetMatch", "find_target", "find_targets", "parse_number"]
