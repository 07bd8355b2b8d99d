"""Restoring Vietnamese diacritics from word n-grams counted in the corpus.

Why: texts typed without diacritics ("yeu cau So Y te ...") are analysed after their marks
are restored. pyvi's shipped model alone gets about 86% of the words of administrative text
right ("Thanh tra" -> "Thành trả", "lap ke hoach" -> "lắp kế hoạch"); the same texts written
by this team with their marks know which reading these documents use. The table holds, for
an unaccented word in its context, the accented form most often seen in ``corpus/train``:
left word + word + right word, else the counts after the left and before the right
neighbour added up, else the word alone. A left + right context is kept only where it changes
what the neighbours say, so the table stays small (0.7 MB gzipped for 1,000 documents).
It is built by ``minutes-nlp train`` into ``models/diacritics.json.gz``; without it, restoring
falls back to pyvi and the lexicon phrases (``ingest.restore_diacritics``).
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from minutes_nlp.errors import ModelError

TABLE_FILE = "diacritics.json.gz"
_WORD = re.compile(r"[^\W\d_]+")
_START, _END = "^", "$"


def unaccent(word: str) -> str:
    """'Nghị' -> 'Nghi', 'đường' -> 'duong': what the word looks like typed without marks."""
    stripped = "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))
    return stripped.replace("đ", "d").replace("Đ", "D")


def _best(counts: Counter) -> str:
    """The most frequent form; ties go to the alphabetically first, so builds are deterministic."""
    return min(counts, key=lambda form: (-counts[form], form))


def build_table(texts: Iterable[str]) -> dict:
    """Count accented words in context over ``texts`` (texts with their marks). Kept: each
    word's most frequent form; for each left and each right neighbour, the counts of the
    forms seen (the two are added up when restoring); and a left + right context only where
    it changes what the neighbours say."""
    words: defaultdict[str, Counter] = defaultdict(Counter)
    pairs: defaultdict[str, Counter] = defaultdict(Counter)
    triples: defaultdict[str, Counter] = defaultdict(Counter)
    for text in texts:
        forms = [m.group(0).lower() for m in _WORD.finditer(unicodedata.normalize("NFC", text))]
        keys = [unaccent(f) for f in forms]
        for i, form in enumerate(forms):
            if len(keys[i]) != len(form):
                continue
            left = keys[i - 1] if i else _START
            right = keys[i + 1] if i + 1 < len(keys) else _END
            words[keys[i]][form] += 1
            pairs[f"{left} {keys[i]}"][form] += 1
            pairs[f"{keys[i]} {right}|"][form] += 1
            triples[f"{left} {keys[i]} {right}"][form] += 1
    table: dict = {
        "words": {key: _best(counts) for key, counts in words.items()},
        "pairs": {key: dict(counts) for key, counts in pairs.items()},
        "triples": {},
    }
    for key, counts in triples.items():
        left, centre, right = key.split(" ")
        if _best(counts) != choose(table, left, centre, right):
            table["triples"][key] = _best(counts)
    return {name: dict(sorted(part.items())) for name, part in table.items()}


def choose(table: dict, left: str, centre: str, right: str) -> str | None:
    """The accented form of ``centre`` (unaccented, lower case) between ``left`` and ``right``:
    the whole context if the table kept it, else both neighbours' counts added up, else the
    word's usual form."""
    form = table["triples"].get(f"{left} {centre} {right}")
    if form is not None:
        return form
    counts = Counter(table["pairs"].get(f"{left} {centre}", {}))
    counts.update(table["pairs"].get(f"{centre} {right}|", {}))
    if counts:
        return _best(counts)
    return table["words"].get(centre)


def restore_words(text: str, table: dict) -> dict[int, str]:
    """Position -> accented letter, for every word typed without any mark whose restored form
    the table knows (letters only change their marks; the case is the original's)."""
    matches = list(_WORD.finditer(text))
    keys = [m.group(0).lower() for m in matches]
    fixed: dict[int, str] = {}
    for i, match in enumerate(matches):
        word = match.group(0)
        if not word.isascii():
            continue
        left = keys[i - 1] if i else _START
        right = keys[i + 1] if i + 1 < len(keys) else _END
        form = choose(table, left, keys[i], right)
        if form is None or len(form) != len(word) or unaccent(form) != keys[i]:
            continue
        for k, ch in enumerate(form):
            original = text[match.start() + k]
            fixed[match.start() + k] = ch.upper() if original.isupper() else ch
    return fixed


def save_table(table: dict, path: Path) -> None:
    """Gzipped JSON (about 0.8 MB for 1,000 documents), byte-identical for the same table."""
    data = json.dumps(table, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    path.write_bytes(gzip.compress(data, mtime=0))


@cache
def load_table(path: str) -> dict | None:
    """The table in ``path``, or None when there is none (restoring then uses pyvi alone)."""
    file = Path(path)
    if not file.exists():
        return None
    try:
        table = json.loads(gzip.decompress(file.read_bytes()).decode("utf-8"))
    except (OSError, EOFError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"{file} is unreadable: {exc}; rebuild it with `minutes-nlp train`") from exc
    if not isinstance(table, dict) or not {"words", "pairs", "triples"} <= set(table):
        raise ModelError(f"{file} is not a diacritics table; rebuild it with `minutes-nlp train`")
    return table


def models_table(models_dir: str | Path | None = None) -> dict | None:
    """The table saved with the models in ``models_dir`` (default: the shipped models,
    ``MINUTES_NLP_MODELS`` or ``models/``), if any. It is trained with them, so a pipeline
    restores diacritics with the table of the models it loaded."""
    from minutes_nlp.trained import default_models_dir

    root = Path(models_dir) if models_dir else default_models_dir()
    return load_table(str(root / TABLE_FILE)) if root is not None else None


def shipped_table() -> dict | None:
    """The table beside the shipped models, if any."""
    return models_table(None)
