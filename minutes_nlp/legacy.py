"""Pre-Unicode Vietnamese encodings: TCVN3 (ABC), VNI Windows and Windows-1258.

Old clerk files were typed with 8-bit font encodings. The byte tables are data
(``data/legacy_encodings.toml``); this module decodes, encodes (so tests can make legacy
bytes with the same tables) and guesses which encoding a byte string used by scoring how
plausible each decoding is as Vietnamese.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from minutes_nlp.lexicon import load_toml

#: Human-readable names used in notes ("decoded from TCVN3 (ABC)").
ENCODING_NAMES: dict[str, str] = {"tcvn3": "TCVN3 (ABC)", "vni": "VNI Windows", "cp1258": "Windows-1258"}

#: Combining marks that are Vietnamese tones (the other marks belong to the letter: â ă ê ô ơ ư).
TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")

_WORD = re.compile(r"[^\W\d_]+")
_SAMPLE = 200_000


@cache
def _tables(name: str) -> tuple[dict[str, bytes], dict[str, str], re.Pattern[str]]:
    """(char -> bytes, latin-1 byte string -> char, regex over the byte strings), longest first."""
    if name not in ("tcvn3", "vni"):
        raise ValueError(f"unknown legacy encoding {name!r}")
    table = load_toml("legacy_encodings.toml")[name]
    encode = {unicodedata.normalize("NFC", ch): bytes.fromhex(hexs) for ch, hexs in table.items()}
    decode = {raw.decode("latin-1"): ch for ch, raw in encode.items()}
    if len(decode) != len(encode):
        raise ValueError(f"legacy table {name} maps two letters to the same bytes")
    keys = sorted(decode, key=len, reverse=True)
    return encode, decode, re.compile("|".join(re.escape(k) for k in keys))


def _cp1252_char(ch: str) -> str:
    """Bytes 0x80-0x9F that no table claims were Windows-1252 punctuation (quotes, dashes)."""
    try:
        return bytes([ord(ch)]).decode("cp1252")
    except UnicodeDecodeError:
        return ch


_C1 = re.compile(r"[\x80-\x9f]")


def decode_legacy(data: bytes, name: str) -> str:
    """Decode bytes written in ``name`` ('tcvn3', 'vni' or 'cp1258') to NFC Unicode; never fails."""
    if name == "cp1258":
        return unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))
    _, decode, pattern = _tables(name)
    text = pattern.sub(lambda m: decode[m.group(0)], data.decode("latin-1"))
    return unicodedata.normalize("NFC", _C1.sub(lambda m: _cp1252_char(m.group(0)), text))


def _encode_cp1258_char(ch: str) -> bytes:
    """cp1258 has few precomposed letters: write base letter (with its hat/horn) + tone mark."""
    try:
        return ch.encode("cp1258")
    except UnicodeEncodeError:
        pass
    parts = unicodedata.normalize("NFD", ch)
    base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS))
    tones = "".join(c for c in parts if c in TONE_MARKS)
    return (base + tones).encode("cp1258", errors="replace")


def encode_legacy(text: str, name: str) -> bytes:
    """Encode text in a legacy encoding (the inverse of :func:`decode_legacy`).

    TCVN3 has no bytes for toned capitals (fonts drew them over the lower-case bytes), so
    those become lower case; characters outside the table become '?'.
    """
    text = unicodedata.normalize("NFC", text)
    if name == "cp1258":
        return b"".join(_encode_cp1258_char(ch) for ch in text)
    encode, _, _ = _tables(name)
    out = bytearray()
    for ch in text:
        if ch in encode:
            out += encode[ch]
        elif ord(ch) < 0x80:
            out.append(ord(ch))
        elif ch.lower() in encode:
            out += encode[ch.lower()]
        else:
            out += ch.encode("cp1252", errors="replace")
    return bytes(out)


def strip_tones(word: str) -> str:
    """Remove tone marks only (keeps â ă ê ô ơ ư đ), NFC."""
    parts = unicodedata.normalize("NFD", word)
    return unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS))


@cache
def _syllable_re() -> re.Pattern[str]:
    spec = load_toml("ingest.toml")["syllable"]

    def alt(items: list[str]) -> str:
        return "|".join(re.escape(x) for x in sorted(items, key=len, reverse=True))

    onset, coda = alt(spec["onsets"]), alt(spec["codas"])
    return re.compile(
        f"(?:{onset})?(?:(?:{alt(spec['nuclei'])})(?:{coda})?|(?:{alt(spec['closed_nuclei'])}))"
    )


@cache
def _vietnamese_letters() -> frozenset[str]:
    """ASCII letters plus every Vietnamese letter (the VNI table lists them all)."""
    table = load_toml("legacy_encodings.toml")["vni"]
    ascii_letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return frozenset(ascii_letters) | {unicodedata.normalize("NFC", ch) for ch in table}


@cache
def _common_words() -> frozenset[str]:
    return frozenset(load_toml("ingest.toml")["common_words"]["accented"])


def is_syllable(word: str) -> bool:
    """True when ``word`` is spelled like one Vietnamese syllable: at most one tone mark and
    onset + nucleus + coda from the orthography tables."""
    if sum(1 for c in unicodedata.normalize("NFD", word) if c in TONE_MARKS) > 1:
        return False
    return _syllable_re().fullmatch(strip_tones(word.lower())) is not None


def plausibility(text: str) -> float:
    """How much ``text`` looks like correctly decoded Vietnamese: valid-syllable share plus a
    bonus for very frequent words, minus the share of letters foreign to Vietnamese.
    0 for no words; about 1.3-1.8 for real prose."""
    words = _WORD.findall(text[:_SAMPLE])
    if not words:
        return 0.0
    common = _common_words()
    valid = sum(1 for w in words if is_syllable(w))
    frequent = sum(1 for w in words if w.lower() in common)
    letters = "".join(words)
    known = _vietnamese_letters()
    foreign = sum(1 for ch in letters if ch not in known)
    return (valid + 2.0 * frequent) / len(words) - foreign / len(letters)


def detect_legacy(data: bytes) -> tuple[str, str, float]:
    """Decode non-UTF-8 bytes with each legacy encoding; return (name, text, score) of the best."""
    best: tuple[str, str, float] | None = None
    for name in ("tcvn3", "vni", "cp1258"):
        text = decode_legacy(data, name)
        score = plausibility(text)
        if best is None or score > best[2]:
            best = (name, text, score)
    assert best is not None
    return best


def repair_mojibake(text: str) -> tuple[str, str] | None:
    """Fix legacy-font text already stored as Unicode (a .VnTime document saved as UTF-8 or
    .docx shows 'ChÝnh phñ'). Returns (encoding name, repaired text) or None.

    Real Vietnamese nearly always contains a letter outside Windows-1252 (ư ơ đ ạ ...), so
    such text is left alone; otherwise the repair must be clearly more plausible.
    """
    sample = text[:_SAMPLE]
    if not any("\u00a0" <= ch <= "\u00ff" for ch in sample):
        return None
    try:
        raw = text.encode("cp1252")
    except UnicodeEncodeError:
        return None
    current = plausibility(text)
    best: tuple[str, str] | None = None
    best_score = current + 0.3
    for name in ("tcvn3", "vni"):
        candidate = decode_legacy(raw, name)
        score = plausibility(candidate)
        if score > best_score:
            best, best_score = (name, candidate), score
    return best
