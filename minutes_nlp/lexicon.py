"""Loading of Vietnamese lexicons and rule data shipped in ``minutes_nlp/data``.

Code holds matching logic only; words live in these files, validated when loaded.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable
from functools import cache
from importlib import resources

from minutes_nlp.errors import ModelError


def _data_text(name: str) -> str:
    try:
        return resources.files("minutes_nlp").joinpath("data", name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:  # pragma: no cover - packaging error
        raise ModelError(f"lexicon file minutes_nlp/data/{name} is missing from the installation") from exc


@cache
def load_toml(name: str) -> dict:
    """Parse a TOML data file; strings are NFC-normalized so matching is stable."""
    try:
        data = tomllib.loads(_data_text(name))
    except tomllib.TOMLDecodeError as exc:
        raise ModelError(f"lexicon minutes_nlp/data/{name} is not valid TOML: {exc}") from exc
    return _nfc(data)


def _nfc(value):
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    if isinstance(value, dict):
        return {k: _nfc(v) for k, v in value.items()}
    return value


def words(name: str, key: str) -> tuple[str, ...]:
    """A list of phrases from a TOML file, longest first (so alternations prefer long matches)."""
    table = load_toml(name)
    node = table
    for part in key.split("."):
        if part not in node:
            raise ModelError(f"lexicon minutes_nlp/data/{name} has no entry {key!r}")
        node = node[part]
    if not isinstance(node, list) or not all(isinstance(w, str) for w in node):
        raise ModelError(f"lexicon minutes_nlp/data/{name}: {key!r} must be a list of strings")
    return tuple(sorted(set(node), key=lambda w: (-len(w), w)))


def alternation(phrases: Iterable[str]) -> str:
    """A regex alternation of literal phrases, in the given order; any run of spaces inside a
    phrase matches any whitespace (a phrase may be broken across a line)."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in phrases)


@cache
def phrase_pattern(name: str, key: str, case_sensitive: bool = False) -> re.Pattern[str]:
    """A regex matching any phrase of a lexicon list on syllable boundaries (longest first)."""
    alternatives = alternation(words(name, key))
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile(rf"(?<![\w&/-])(?:{alternatives})(?![\w&])", flags)
