"""Stage 1: normalize text for analysis while keeping a map back to the original offsets.

Why: Vietnamese text arrives decomposed (NFD from macOS or old web pages), with the old
tone-mark placement ("hoà", "thuỷ"), non-breaking and zero-width spaces, and hard line
breaks inside sentences (copied from PDFs). Rules and models see one canonical form; every
span we report is mapped back through ``Normalized.to_original`` so that
``original[start:end]`` is exactly what the user gave us.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from minutes_nlp.lexicon import alternation, load_toml, words

ZERO_WIDTH = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}
SPACE_LIKE = {"\u00a0", "\u2007", "\u202f", "\u2009", "\u2002", "\u2003", "\u3000", "\t", "\u000b", "\u000c"}
SENTENCE_END = '.!?:;…"”)»'


@dataclass(frozen=True)
class Normalized:
    """The analysis text and, for each of its characters (plus one past the end), the
    offset of the original character it came from."""

    text: str
    original: str
    offsets: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of ``text`` to the original text."""
        start = max(0, min(start, len(self.text)))
        end = max(start, min(end, len(self.text)))
        o_start = self.offsets[start]
        o_end = self.offsets[end - 1] + 1 if end > start else o_start
        # a normalized char may come from a cluster (base + combining marks): take it whole
        while o_end < len(self.original) and unicodedata.combining(self.original[o_end]):
            o_end += 1
        return o_start, o_end


@cache
def _tone_fixes() -> tuple[re.Pattern[str], dict[str, str]]:
    """Old-style tone placement on 'oa', 'oe', 'uy' at syllable end -> new style ('hoà' -> 'hòa')."""
    table = load_toml("normalize.toml")["tone_placement"]
    mapping = {unicodedata.normalize("NFC", k): unicodedata.normalize("NFC", v) for k, v in table.items()}
    alternatives = "|".join(sorted(map(re.escape, mapping), key=len, reverse=True))
    # not after 'q' (quý) or 'g' (giá is not affected, but 'gi' + 'uý' is rare); syllable must end here
    pattern = re.compile(rf"(?<![qQ])({alternatives})(?![\wÀ-ỹ])")
    return pattern, mapping


def _clusters(original: str) -> list[tuple[int, str]]:
    """Split into (start offset, base char + following combining marks)."""
    out: list[tuple[int, str]] = []
    for i, ch in enumerate(original):
        if out and unicodedata.combining(ch) and out[-1][0] + len(out[-1][1]) == i:
            out[-1] = (out[-1][0], out[-1][1] + ch)
        else:
            out.append((i, ch))
    return out


def _hard_wrapped(chars: list[str]) -> bool:
    """Text copied from a PDF: most long lines end without punctuation at a similar width."""
    lines = "".join(chars).split("\n")
    long = [ln for ln in lines if len(ln.strip()) >= 45 and "|" not in ln]
    if len(long) < 4:
        return False
    open_ended = [ln for ln in long if ln.rstrip()[-1:] not in SENTENCE_END]
    return len(open_ended) / len(long) >= 0.5


def _join_broken_lines(chars: list[str]) -> None:
    """Replace a single line break inside a sentence by a space (in place, length kept).

    A break is 'inside a sentence' when the previous line does not end with sentence
    punctuation and the next line starts with a lowercase letter (but not a list marker
    such as "b)"), or with a capital after a line that stops on a connector or trigger
    ("đề nghị Sở\nGiao thông vận tải ..."), or, in hard-wrapped text,
    when the previous line is long and the next one goes on with a word.
    """
    n = len(chars)
    wrapped = _hard_wrapped(chars)
    line_start = 0
    for i, ch in enumerate(chars):
        if ch != "\n":
            continue
        prev_len, line_start = i - line_start, i + 1
        j = i - 1
        while j >= 0 and chars[j] == " ":
            j -= 1
        k = i + 1
        while k < n and chars[k] == " ":
            k += 1
        if j < 0 or k >= n or chars[j] == "\n" or chars[k] == "\n":
            continue
        if chars[j] in SENTENCE_END or LIST_START.match("".join(chars[k : k + 4])):
            continue  # a sentence ended, or the next line is a list item ("b) ...")
        if (
            chars[k].isalpha()
            and chars[k].islower()
            or chars[k].isupper()
            and _ends_open("".join(chars[i - prev_len : i]))
            or wrapped
            and prev_len >= 45
            and _continues("".join(chars[i - prev_len : i]), "".join(chars[k : k + 12]))
        ):
            chars[i] = " "


LIST_START = re.compile(r"^(?:\d{1,2}[.)]|[a-zđ]\)|[IVX]+\.|[-–+•●▪*]|Thứ\s)")


@cache
def _open_ending_re() -> re.Pattern[str]:
    """A line that stops where a sentence cannot: on a connector or trigger, maybe followed by
    the head of the agency name that the next line completes."""
    endings = alternation(words("normalize.toml", "line_join.open_endings"))
    heads = alternation(words("agencies.toml", "agency.heads"))
    return re.compile(rf"(?<![\w|])(?:{endings})(?:\s+(?:{heads}))?\s*$")


def _ends_open(line: str) -> bool:
    """ "... đề nghị Sở" / "... phối hợp với": the sentence goes on on the next line."""
    return "|" not in line and bool(_open_ending_re().search(line))


def _continues(prev_line: str, next_start: str) -> bool:
    """In hard-wrapped text, does the next line go on with the sentence of the previous one?"""
    if "|" in prev_line or "|" in next_start or LIST_START.match(next_start):
        return False
    return next_start[:1].isalnum() or next_start[:1] in '("“'


def normalize(original: str) -> Normalized:
    """NFC, tone placement, odd spaces, zero-width characters, broken lines; with an offset map."""
    chars: list[str] = []
    offsets: list[int] = []
    for start, cluster in _clusters(original):
        if cluster in ZERO_WIDTH:
            continue
        if cluster in SPACE_LIKE:
            cluster = " "
        if cluster == "\r":
            continue
        for ch in unicodedata.normalize("NFC", cluster):
            chars.append(ch)
            offsets.append(start)
    _join_broken_lines(chars)
    text = "".join(chars)
    pattern, mapping = _tone_fixes()
    text = pattern.sub(lambda m: mapping[m.group(1)], text)  # same length: offsets stay valid
    offsets.append(len(original))
    return Normalized(text=text, original=original, offsets=tuple(offsets))
