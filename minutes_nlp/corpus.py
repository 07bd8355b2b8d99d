"""The annotated corpus: loading gold files and validating them.

Layout: ``corpus/{train,dev,test}/NAME.txt`` + ``NAME.gold.json`` (the gold format of
CONTRACT.md). The split is by document and is the directory a document sits in.
Run ``python -m minutes_nlp.corpus validate corpus`` (or ``minutes-nlp corpus-validate``).
"""

from __future__ import annotations

import hashlib
import json
import sys
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from minutes_nlp.taxonomy import domain_codes

SPLITS = ("train", "dev", "test")
TASK_KEYS = {
    "quote",
    "task",
    "domain",
    "assignees",
    "coordinators",
    "deadline",
    "target_value",
    "target_unit",
}


@dataclass(frozen=True)
class GoldTask:
    start: int
    end: int
    quote: str
    task: str
    domain: str
    assignees: tuple[str, ...]
    coordinators: tuple[str, ...]
    deadline: str | None
    deadline_alt: tuple[str | None, ...]
    target_value: float | None
    target_unit: str | None


@dataclass(frozen=True)
class GoldDocument:
    name: str
    path: Path
    text: str
    meeting_date: str | None
    chair: str | None
    tasks: tuple[GoldTask, ...]


def iter_pairs(folder: Path) -> list[tuple[Path, Path]]:
    """(txt, gold) pairs in one folder, sorted by name."""
    pairs = []
    for gold in sorted(folder.glob("*.gold.json")):
        txt = gold.with_name(gold.name[: -len(".gold.json")] + ".txt")
        pairs.append((txt, gold))
    return pairs


def load_document(txt: Path, gold_path: Path) -> GoldDocument:
    text = txt.read_text(encoding="utf-8")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    tasks = []
    for g in gold.get("tasks", []):
        start = text.find(g["quote"])
        tasks.append(
            GoldTask(
                start=start,
                end=start + len(g["quote"]),
                quote=g["quote"],
                task=g.get("task", ""),
                domain=g.get("domain", ""),
                assignees=tuple(g.get("assignees") or ()),
                coordinators=tuple(g.get("coordinators") or ()),
                deadline=g.get("deadline"),
                deadline_alt=tuple(g.get("deadline_alt") or ()),
                target_value=g.get("target_value"),
                target_unit=g.get("target_unit"),
            )
        )
    meeting = gold.get("meeting") or {}
    return GoldDocument(txt.stem, txt, text, meeting.get("date"), meeting.get("chair"), tuple(tasks))


def load_split(root: Path, split: str) -> list[GoldDocument]:
    return [load_document(t, g) for t, g in iter_pairs(root / split)]


def _valid_iso(value: object) -> bool:
    if value is None:
        return True
    if not isinstance(value, str):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


def validate_pair(txt: Path, gold_path: Path) -> list[str]:
    """Every problem of one document, as 'NAME: message' lines."""
    name = txt.stem
    problems: list[str] = []
    if not txt.exists():
        return [f"{name}: {gold_path.name} has no {txt.name}"]
    try:
        text = txt.read_text(encoding="utf-8")
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return [f"{name}: unreadable: {exc}"]
    if text != unicodedata.normalize("NFC", text):
        problems.append(f"{name}: text is not NFC")
    meeting = gold.get("meeting")
    if not isinstance(meeting, dict) or "date" not in meeting or "chair" not in meeting:
        problems.append(f"{name}: gold needs meeting.date and meeting.chair")
    elif not _valid_iso(meeting["date"]):
        problems.append(f"{name}: meeting.date {meeting['date']!r} is not YYYY-MM-DD")
    codes = set(domain_codes())
    for i, task in enumerate(gold.get("tasks", [])):
        where = f"{name}: task {i + 1}"
        missing = TASK_KEYS - set(task)
        if missing:
            problems.append(f"{where}: missing keys {sorted(missing)}")
            continue
        quote = task["quote"]
        count = text.count(quote)
        if not quote or count != 1:
            problems.append(f"{where}: quote found {count} times: {quote[:60]!r}")
        if quote != quote.strip() or quote.endswith((".", ";", ",")):
            problems.append(f"{where}: quote has surrounding spaces or final punctuation: {quote[-20:]!r}")
        if task["domain"] not in codes:
            problems.append(f"{where}: domain {task['domain']!r} is not a taxonomy code")
        if not _valid_iso(task["deadline"]):
            problems.append(f"{where}: deadline {task['deadline']!r} is not a valid date")
        for alt in task.get("deadline_alt") or []:
            if not _valid_iso(alt):
                problems.append(f"{where}: deadline_alt {alt!r} is not a valid date")
        if task["target_value"] is not None and not isinstance(task["target_value"], int | float):
            problems.append(f"{where}: target_value must be a number or null")
        if not isinstance(task["assignees"], list) or not isinstance(task["coordinators"], list):
            problems.append(f"{where}: assignees and coordinators must be lists")
        if not str(task["task"]).strip():
            problems.append(f"{where}: empty task phrase")
    return problems


def validate_corpus(root: Path) -> list[str]:
    """Problems across the corpus: per-document checks, duplicates, split leakage."""
    problems: list[str] = []
    seen_text: dict[str, str] = {}
    seen_name: dict[str, str] = {}
    total = 0
    for split in SPLITS:
        folder = root / split
        if not folder.is_dir():
            problems.append(f"{split}: folder {folder} is missing")
            continue
        for txt in sorted(folder.glob("*.txt")):
            if not txt.with_name(txt.stem + ".gold.json").exists():
                problems.append(f"{txt.stem}: no gold file")
        for txt, gold in iter_pairs(folder):
            total += 1
            problems += validate_pair(txt, gold)
            if txt.stem in seen_name:
                problems.append(f"{txt.stem}: name in both {seen_name[txt.stem]} and {split}")
            seen_name[txt.stem] = split
            if txt.exists():
                key = hashlib.sha256(" ".join(txt.read_text(encoding="utf-8").split()).encode()).hexdigest()
                if key in seen_text:
                    problems.append(f"{txt.stem}: same text as {seen_text[key]}")
                seen_text[key] = txt.stem
    if total == 0:
        problems.append(f"no documents under {root}")
    return problems + validate_domain_record(root)


DOMAIN_RECORD = Path("annotation") / "domain_second_pass.jsonl"


def validate_domain_record(root: Path) -> list[str]:
    """The double-annotation record (``annotation/domain_second_pass.jsonl``), if present,
    must describe the gold as it is: every row names an existing task, and its adjudicated
    ``final`` domain is the gold domain. An edited gold label needs its row updated too."""
    path = root / DOMAIN_RECORD
    if not path.exists():
        return []
    codes = set(domain_codes())
    problems: list[str] = []
    gold_domains: dict[str, str] = {}
    for split in SPLITS:
        for txt, gold in iter_pairs(root / split):
            tasks = json.loads(gold.read_text(encoding="utf-8")).get("tasks", [])
            for k, task in enumerate(tasks):
                gold_domains[f"{split}/{txt.stem}#{k}"] = task.get("domain")
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            problems.append(f"{DOMAIN_RECORD}:{n}: not JSON")
            continue
        where = f"{DOMAIN_RECORD}:{n} {row.get('id')}"
        if row.get("id") not in gold_domains:
            problems.append(f"{where}: no such task")
        elif not {row.get("first"), row.get("second"), row.get("final")} <= codes:
            problems.append(f"{where}: a label is not a taxonomy code")
        elif gold_domains[row["id"]] != row["final"]:
            problems.append(f"{where}: final {row['final']} but gold says {gold_domains[row['id']]}")
    return problems


def corpus_hash(root: Path, split: str = "train") -> str:
    """A content hash of one split, recorded in model meta files."""
    digest = hashlib.sha256()
    for txt, gold in iter_pairs(root / split):
        digest.update(txt.read_bytes())
        digest.update(gold.read_bytes())
    return digest.hexdigest()[:16]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2 or args[0] != "validate":
        print("usage: python -m minutes_nlp.corpus validate CORPUS_DIR", file=sys.stderr)
        return 2
    root = Path(args[1])
    problems = validate_corpus(root)
    for line in problems:
        print(line)
    docs = sum(len(iter_pairs(root / s)) for s in SPLITS if (root / s).is_dir())
    print(f"{docs} documents, {len(problems)} problems", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
