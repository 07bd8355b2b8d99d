"""Human review of extracted tasks: a pure state machine, its terminal loop, and gold export.

A clerk checks every task before it reaches a tracker. Each decision is saved at once,
atomically, to ``NAME.reviewed.json`` (the contract object plus a ``review`` record per task),
so a kill at any moment loses nothing already decided and reopening resumes at the first
pending task. ``ReviewSession`` holds no I/O, so it is unit-tested directly; ``run_loop`` is the
thin terminal layer (rich for display, one typed line per command, so it works through a pty).
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError

from minutes_nlp.errors import InputError
from minutes_nlp.models import Deadline, Document, Target, Task
from minutes_nlp.output import write_atomic
from minutes_nlp.taxonomy import FALLBACK_DOMAIN, domain_codes, taxonomy

Status = Literal["pending", "accepted", "rejected", "edited", "added", "split"]
STATUSES: tuple[Status, ...] = ("accepted", "rejected", "edited", "added", "split", "pending")
# Statuses whose task goes on to trackers and gold files.
KEPT: frozenset[str] = frozenset({"accepted", "edited", "added", "split"})
REVIEWED_SUFFIX = ".reviewed.json"

# Editable fields: key typed by the reviewer -> Task attribute.
FIELD_KEYS: dict[str, str] = {
    "t": "task",
    "s": "assignees",
    "c": "coordinators",
    "i": "issuer",
    "d": "deadline",
    "g": "target",
    "m": "domain",
}


class Review(BaseModel):
    """The reviewer's decision on one task."""

    status: Status = "pending"
    decided_at: datetime | None = None
    original: dict[str, Any] = Field(default_factory=dict, description="original values of edited fields")
    note: str | None = None


class ReviewedTask(Task):
    review: Review | None = None


class ReviewedDocument(Document):
    """A contract ``Document`` whose tasks carry review records; also keeps the source text."""

    tasks: list[ReviewedTask] = Field(default_factory=list)
    source_text: str | None = Field(default=None, description="the text offsets refer to")


def status_of(task: ReviewedTask) -> Status:
    return task.review.status if task.review else "pending"


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


# ---------------------------------------------------------------- value parsing


def parse_names(value: str) -> list[str]:
    """Names typed as 'A; B' (commas belong inside long collective names, so ';' separates)."""
    return [part.strip() for part in value.split(";") if part.strip()]


def parse_target(value: str) -> Target | None:
    """'trên 20%' -> value 20, unit '%' (read by the extractor's own target rules); '-' clears."""
    from minutes_nlp.targets import find_target, parse_number

    value = unicodedata.normalize("NFC", value.strip())
    if value in ("", "-"):
        return None
    match = find_target(value)
    if match is None:
        return Target(text=value, value=parse_number(value), unit=None)
    return Target(
        text=value,
        value=match.value,
        unit=match.unit,
        comparator=match.comparator,
        value_max=match.value_max,
        metric=match.metric,
    )


def parse_domain(value: str) -> str:
    """A taxonomy code, or its number in the picker list (1-based)."""
    codes = domain_codes()
    value = value.strip()
    if value.isdigit() and 1 <= int(value) <= len(codes):
        return codes[int(value) - 1]
    if value in codes:
        return value
    raise InputError(f"{value!r} is not a domain code or number 1-{len(codes)}")


def parse_deadline(value: str, ref: date | None) -> Deadline | None:
    """A typed deadline: ISO date, or a Vietnamese expression resolved against the meeting date."""
    value = unicodedata.normalize("NFC", value.strip())
    if value in ("", "-"):
        return None
    try:
        return Deadline(text=value, date=date.fromisoformat(value), granularity="day", rule="review:iso")
    except ValueError:
        pass
    if ref is None:
        raise InputError("no meeting date to resolve against; type an ISO date (YYYY-MM-DD)")
    try:
        from minutes_nlp.timex import resolve
    except ImportError as exc:  # the resolver ships with the package; guard for partial installs
        raise InputError("deadline expressions need minutes_nlp.timex; type an ISO date") from exc
    match = resolve(value, ref)
    if match is None or match.date is None:
        raise InputError(f"cannot read {value!r} as a deadline; try '20/11/2026' or 'YYYY-MM-DD'")
    return Deadline(
        text=value,
        date=match.date,
        granularity=match.granularity,
        recurring=bool(match.recurring),
        rule=f"review:{match.rule}" if match.rule else "review",
    )


def parse_field(field: str, value: str, ref: date | None) -> Any:
    """Turn what the reviewer typed into the value of Task.FIELD."""
    if field == "task":
        if not value.strip():
            raise InputError("the task phrase cannot be empty")
        return value.strip()
    if field in ("assignees", "coordinators"):
        return parse_names(value)
    if field == "issuer":
        return value.strip() if value.strip() not in ("", "-") else None
    if field == "deadline":
        return parse_deadline(value, ref)
    if field == "target":
        return parse_target(value)
    if field == "domain":
        return parse_domain(value)
    raise InputError(f"unknown field {field!r}")


def _dump(value: Any) -> Any:
    return value.model_dump(mode="json") if isinstance(value, BaseModel) else value


# ---------------------------------------------------------------- the state machine


class ReviewSession:
    """Tasks, a cursor and decisions; every method is one reviewer action (no I/O)."""

    def __init__(self, doc: ReviewedDocument, clock: Callable[[], datetime] = _now) -> None:
        self.doc = doc
        self.clock = clock
        pending = self.first_pending()
        self.cursor = 0 if pending is None else pending

    @property
    def tasks(self) -> list[ReviewedTask]:
        return self.doc.tasks

    @property
    def text(self) -> str | None:
        return self.doc.source_text

    @property
    def current(self) -> ReviewedTask | None:
        return self.tasks[self.cursor] if 0 <= self.cursor < len(self.tasks) else None

    @property
    def reference_date(self) -> date | None:
        return self.doc.meeting.anchor_date()

    def first_pending(self) -> int | None:
        return next((i for i, t in enumerate(self.tasks) if status_of(t) == "pending"), None)

    def counts(self) -> dict[str, int]:
        found = Counter(status_of(t) for t in self.tasks)
        return {s: found.get(s, 0) for s in STATUSES}

    def _require(self) -> ReviewedTask:
        task = self.current
        if task is None:
            raise InputError("no task here")
        return task

    def _set(self, current: ReviewedTask, /, **update: Any) -> ReviewedTask:
        new = current.model_copy(update=update)
        self.tasks[self.cursor] = new
        return new

    def _review(self, task: ReviewedTask, status: Status, original: dict[str, Any] | None = None) -> Review:
        old = task.review or Review()
        return Review(
            status=status,
            decided_at=self.clock(),
            original=old.original if original is None else original,
            note=old.note,
        )

    def advance(self) -> bool:
        """Move to the next task; past the end, wrap to the first pending. False when all are decided."""
        if self.cursor + 1 < len(self.tasks):
            self.cursor += 1
            return True
        pending = self.first_pending()
        if pending is None:
            self.cursor = len(self.tasks)
            return False
        self.cursor = pending
        return True

    def back(self) -> None:
        self.cursor = max(0, min(self.cursor, len(self.tasks)) - 1)

    def accept(self) -> ReviewedTask:
        """Accept; a task already edited, added or split keeps that status (it is accepted with it)."""
        task = self._require()
        status = status_of(task)
        new_status: Status = status if status in ("edited", "added", "split") else "accepted"
        return self._set(task, review=self._review(task, new_status))

    def reject(self) -> ReviewedTask:
        task = self._require()
        return self._set(task, review=self._review(task, "rejected"))

    def edit_field(self, field: str, value: Any) -> ReviewedTask:
        """Set one field; the first original value of each edited field is kept in the review."""
        task = self._require()
        if field not in FIELD_KEYS.values():
            raise InputError(f"field {field!r} cannot be edited")
        original = dict(task.review.original) if task.review else {}
        original.setdefault(field, _dump(getattr(task, field)))
        status = status_of(task)
        new_status: Status = status if status in ("added", "split") else "edited"
        if isinstance(value, Deadline) and self.text is not None and value.start is None:
            found = self.text.find(value.text, task.start, task.end)
            if found >= 0:
                value = value.model_copy(update={"start": found, "end": found + len(value.text)})
        return self._set(task, **{field: value}, review=self._review(task, new_status, original))

    def split(self, second_begins: str) -> tuple[ReviewedTask, ReviewedTask]:
        """Split the current task where SECOND_BEGINS starts; halves inherit every other field."""
        from minutes_nlp.pipeline import task_id

        task = self._require()
        at = task.text.find(second_begins.strip(), 1) if second_begins.strip() else -1
        if at <= 0:
            raise InputError(f"{second_begins!r} does not start inside the task text (after its first word)")
        first_text = task.text[:at].rstrip(" \t\n,;:.-–")
        second_text = task.text[at:].rstrip()
        if not first_text:
            raise InputError("the first half would be empty")
        parent = {"id": task.id, "text": task.text, "start": task.start, "end": task.end, "task": task.task}
        original = {**(task.review.original if task.review else {}), "split_from": parent}
        halves = []
        for start, piece in ((task.start, first_text), (task.start + at, second_text)):
            end = start + len(piece)
            review = Review(
                status="split", decided_at=self.clock(), original=original, note=f"split from {task.id}"
            )
            halves.append(
                task.model_copy(
                    update={
                        "id": task_id(start, end, piece),
                        "text": piece,
                        "start": start,
                        "end": end,
                        "task": piece,
                        "review": review,
                    }
                )
            )
        self.tasks[self.cursor : self.cursor + 1] = halves
        return halves[0], halves[1]

    def add(self, quote: str) -> ReviewedTask:
        """A missed task, quoted from the document text; it is placed in document order."""
        from minutes_nlp.pipeline import task_id

        if self.text is None:
            raise InputError("the document text is not available, so a quote cannot be located")
        quote = quote.strip()
        if not quote:
            raise InputError("type the text of the missed task")
        start = self.text.find(quote)
        if start < 0:
            quote = unicodedata.normalize("NFC", quote)
            start = self.text.find(quote)
        if start < 0:
            raise InputError("that quote does not occur in the document text")
        end = start + len(quote)
        if any(t.start == start and t.end == end for t in self.tasks):
            raise InputError("that text is already a task")
        task = ReviewedTask(
            id=task_id(start, end, quote),
            text=quote,
            start=start,
            end=end,
            task=quote,
            domain=FALLBACK_DOMAIN,
            confidence=1.0,
            review=Review(status="added", decided_at=self.clock()),
        )
        index = next((i for i, t in enumerate(self.tasks) if t.start > start), len(self.tasks))
        self.tasks.insert(index, task)
        self.cursor = index
        return task

    def bulk(self, accept_above: float | None = None, reject_below: float | None = None) -> int:
        """Decide pending tasks by confidence; returns how many were decided."""
        decided = 0
        for i, task in enumerate(self.tasks):
            if status_of(task) != "pending":
                continue
            status: Status | None = None
            if accept_above is not None and task.confidence >= accept_above:
                status = "accepted"
            elif reject_below is not None and task.confidence < reject_below:
                status = "rejected"
            if status:
                note = f"bulk: confidence {task.confidence:.2f}"
                review = Review(status=status, decided_at=self.clock(), note=note)
                self.tasks[i] = task.model_copy(update={"review": review})
                decided += 1
        pending = self.first_pending()
        self.cursor = 0 if pending is None else pending
        return decided


# ---------------------------------------------------------------- files


def reviewed_path(path: Path) -> Path:
    """NAME.reviewed.json beside the input (the input itself when it already is one)."""
    if path.name.endswith(REVIEWED_SUFFIX):
        return path
    return path.with_name(path.stem + REVIEWED_SUFFIX)


def _source_text(source: str | None, base: Path) -> str | None:
    """The text a JSON's offsets refer to, read from its ``source`` path when it still exists."""
    from minutes_nlp.ingest import read_document

    if not source or source == "-":
        return None
    candidate = Path(source)
    for path in (candidate, base.parent / candidate, base.parent / candidate.name):
        if path.is_file():
            try:
                return read_document(path).text
            except InputError:
                return None
    return None


def to_reviewed(doc: Document, text: str | None) -> ReviewedDocument:
    """Wrap an extracted document; every task starts pending."""
    data = doc.model_dump(mode="json")
    for task in data["tasks"]:
        task["review"] = Review().model_dump(mode="json")
    reviewed = ReviewedDocument.model_validate(data)
    reviewed.source_text = text
    return reviewed


def load_reviewed_file(path: Path) -> ReviewedDocument:
    try:
        return ReviewedDocument.model_validate_json(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read: {exc}") from exc
    except ValidationError as exc:
        raise InputError(f"{path}: not an extract or reviewed JSON ({exc.error_count()} errors)") from exc


def open_for_review(path: Path) -> tuple[ReviewedDocument, Path]:
    """Load PATH (document, extract JSON or reviewed JSON), resuming an existing review file."""
    if not path.exists():
        raise InputError(f"{path}: no such file")
    out = reviewed_path(path)
    if out.exists():
        return load_reviewed_file(out), out
    if path.suffix.lower() == ".json":
        doc = load_reviewed_file(path)
        if doc.source_text is None:
            doc.source_text = _source_text(doc.source, path)
        for i, task in enumerate(doc.tasks):
            if task.review is None:
                doc.tasks[i] = task.model_copy(update={"review": Review()})
        return doc, out
    import minutes_nlp
    from minutes_nlp.ingest import read_document

    source = read_document(path)
    extracted = minutes_nlp.load().process(source)
    return to_reviewed(extracted, source.text), out


def save(doc: ReviewedDocument, path: Path) -> None:
    """Write the whole reviewed document atomically (a kill leaves the old or the new file)."""
    write_atomic(path, doc.model_dump_json(indent=2) + "\n")


def kept_tasks(doc: ReviewedDocument, include_all: bool = False) -> list[ReviewedTask]:
    """Tasks that go downstream: decided-and-kept ones, or every task with ``include_all``."""
    return list(doc.tasks) if include_all else [t for t in doc.tasks if status_of(t) in KEPT]


# ---------------------------------------------------------------- gold export


def gold_quote(task: ReviewedTask) -> str:
    """The task's clause without surrounding spaces or final punctuation (annotation convention)."""
    return task.text.strip().rstrip(".;,").rstrip()


def to_gold(doc: ReviewedDocument) -> tuple[str, dict, list[str]]:
    """(text, gold object, problems) for one reviewed document; problems mean: do not write it."""
    problems: list[str] = []
    if doc.source_text is None:
        return "", {}, ["the document text is not available"]
    text = unicodedata.normalize("NFC", doc.source_text)
    pending = sum(1 for t in doc.tasks if status_of(t) == "pending")
    if pending:
        problems.append(f"{pending} task(s) still pending review")
    tasks = []
    for task in kept_tasks(doc):
        quote = unicodedata.normalize("NFC", gold_quote(task))
        count = text.count(quote)
        if count != 1:
            problems.append(f"task {task.id}: quote found {count} times: {quote[:60]!r}")
        tasks.append(
            {
                "quote": quote,
                "task": task.task,
                "domain": task.domain,
                "assignees": list(task.assignees),
                "coordinators": list(task.coordinators),
                "deadline": task.deadline.date.isoformat() if task.deadline and task.deadline.date else None,
                "target_value": task.target.value if task.target else None,
                "target_unit": task.target.unit if task.target else None,
            }
        )
    meeting = {
        "date": doc.meeting.date.isoformat() if doc.meeting.date else None,
        "chair": doc.meeting.chair,
    }
    return text, {"meeting": meeting, "tasks": tasks}, problems


def write_gold(files: Iterable[Path], outdir: Path) -> tuple[list[Path], list[str]]:
    """Reviewed files -> OUTDIR/NAME.txt + NAME.gold.json; (gold files written, problems of the others)."""
    written: list[Path] = []
    problems: list[str] = []
    outdir.mkdir(parents=True, exist_ok=True)
    for path in files:
        doc = load_reviewed_file(path)
        name = path.name.removesuffix(REVIEWED_SUFFIX).removesuffix(".json")
        text, gold, found = to_gold(doc)
        if found:
            problems += [f"{name}: {p}" for p in found]
            continue
        write_atomic(outdir / f"{name}.txt", text)
        write_atomic(outdir / f"{name}.gold.json", json.dumps(gold, ensure_ascii=False, indent=2) + "\n")
        written.append(outdir / f"{name}.gold.json")
    return written, problems


# ---------------------------------------------------------------- the terminal loop

HELP_LINE = (
    "a accept · r reject · e edit · s split · n add missed task · b back · Enter next · q quit · ? help"
)
HELP_FULL = """\
a      accept the task (an edited task stays 'edited')
r      reject the task
e      edit a field, then pick it: t task, s assignees, c coordinators, i issuer,
       d deadline (a date or a Vietnamese expression, resolved against the meeting date),
       g target ('trên 20%'), m domain (number or code from the list); '-' clears a field
s      split: type the words where the second task begins
n      add a missed task: type (paste) its text exactly as it appears in the document
b      back to the previous task;  Enter: next task without deciding
q      quit (every decision is already saved; reopening resumes at the first pending task)
Names are separated by ';' (commas may belong inside one name)."""

CONTEXT_CHARS = 220


def context_window(
    text: str, start: int, end: int, sentence: tuple[int, int] | None = None
) -> tuple[int, int]:
    """The sentence around a span: the task's sentence when known, else up to blank-line/period bounds."""
    if sentence is not None and sentence[0] <= start and end <= sentence[1]:
        return sentence
    left = max(text.rfind("\n", 0, start), text.rfind(". ", 0, start) + 1, start - CONTEXT_CHARS, 0)
    stops = [i for i in (text.find("\n", end), text.find(". ", end)) if i >= 0]
    right = min([*stops, end + CONTEXT_CHARS, len(text)])
    if right < len(text) and text[right] == ".":
        right += 1
    return left, right


def render_task(console: Any, session: ReviewSession) -> None:
    """One task on screen: its sentence with the span highlighted, every field, status and help."""
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    task = session.current
    total = len(session.tasks)
    if task is None:
        console.print(Panel("No task here. n add a missed task · b back · q quit", title=f"0/{total}"))
        return
    text = session.text
    if text is not None and 0 <= task.start < task.end <= len(text):
        sentence = (task.sentence.start, task.sentence.end) if task.sentence else None
        left, right = context_window(text, task.start, task.end, sentence)
        plain = console.color_system is None
        before, span, after = text[left : task.start], text[task.start : task.end], text[task.end : right]
        body = Text(before.lstrip())
        mark = len(body)
        body.append(f"[[{span}]]" if plain else span)
        body.stylize("bold black on yellow", mark, len(body))
        body.append(after.rstrip())
    else:
        body = Text(task.text, style="bold")
    status = status_of(task)
    title = f"task {session.cursor + 1}/{total} · {status} · {task.id}"
    console.print(Panel(body, title=Text(title), title_align="left"))

    labels = taxonomy()
    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column("field", style="bold cyan", no_wrap=True)
    table.add_column("value")
    deadline = "-"
    if task.deadline:
        when = task.deadline.date.isoformat() if task.deadline.date else "?"
        deadline = f'{when}  ← "{task.deadline.text}"'
    target = "-"
    if task.target:
        value = f"{task.target.value:g}" if task.target.value is not None else "?"
        target = f"{value} {task.target.unit or ''}"
        target = f'{target.strip()}  ← "{task.target.text}"'
    domain_label = labels.get(task.domain, {}).get("label", "?")
    rows = [
        ("t task", task.task),
        ("s assignees", "; ".join(task.assignees) or "-"),
        ("c coordinators", "; ".join(task.coordinators) or "-"),
        ("i issuer", task.issuer or "-"),
        ("d deadline", deadline),
        ("g target", target),
        ("m domain", f"{task.domain} ({domain_label})"),
        ("  confidence", f"{task.confidence:.2f}"),
    ]
    for name, value in rows:
        table.add_row(name, Text(value))
    console.print(table)
    original = task.review.original if task.review else {}
    edited = [name for name in original if name != "split_from"]
    if edited:
        console.print(Text(f"edited: {', '.join(edited)}", style="dim"))
    if task.review and task.review.note:
        console.print(Text(task.review.note, style="dim"))
    console.print(Text(HELP_LINE, style="dim"))


def render_summary(console: Any, session: ReviewSession, path: Path | None = None) -> None:
    from rich.table import Table

    table = Table(title="review summary" + (f" — {path.name}" if path else ""))
    for status in STATUSES:
        table.add_column(status, justify="right")
    counts = session.counts()
    table.add_row(*(str(counts[s]) for s in STATUSES))
    console.print(table)


def _domain_picker(console: Any) -> None:
    from rich.columns import Columns
    from rich.text import Text

    labels = taxonomy()
    items = [Text(f"{i}. {code} ({labels[code]['label']})") for i, code in enumerate(domain_codes(), 1)]
    console.print(Columns(items, equal=True))


def _say(console: Any, message: str, style: str | None = None) -> None:
    """Print plain text (never rich markup: messages quote what the reviewer typed)."""
    from rich.text import Text

    console.print(Text(message, style=style or ""))


def _ask(console: Any, read: Callable[[Any], str], prompt: str) -> str | None:
    """One typed line; None on end of input (treated as quit)."""
    from rich.text import Text

    try:
        return read(Text(prompt))
    except EOFError:
        return None


def _edit(console: Any, session: ReviewSession, read: Callable[[Any], str]) -> bool:
    """Ask which field and its new value; True when something changed."""
    key = _ask(console, read, "field [t s c i d g m]> ")
    if key is None:
        return False
    field = FIELD_KEYS.get(key.strip().lower())
    if field is None:
        _say(console, f"no field {key.strip()!r}; one of t s c i d g m")
        return False
    ref = session.reference_date
    if field == "domain":
        _domain_picker(console)
    if field == "deadline" and ref is None:
        typed = _ask(console, read, "meeting date (YYYY-MM-DD), to resolve deadlines> ")
        try:
            ref = date.fromisoformat((typed or "").strip())
        except ValueError:
            _say(console, "not a date; a deadline can still be typed as YYYY-MM-DD")
        else:
            session.doc.meeting.date = ref
            session.doc.notes.append(f"meeting date {ref.isoformat()} set in review")
    value = _ask(console, read, f"{field} ('-' clears)> ")
    if value is None:
        return False
    parsed = parse_field(field, value, ref)
    session.edit_field(field, parsed)
    if field == "deadline":
        shown = parsed.date.isoformat() if parsed and parsed.date else "none"
        _say(console, f"deadline → {shown}")
    return True


def run_loop(
    session: ReviewSession,
    console: Any,
    on_change: Callable[[], None],
    read: Callable[[Any], str] | None = None,
) -> None:
    """Show a task, read one command line, apply it, save; until quit, end of input or all decided."""
    read = read or console.input
    if session.first_pending() is None and session.tasks:
        _say(console, f"all {len(session.tasks)} tasks already decided; reviewing from the first")
    while True:
        console.rule()
        render_task(console, session)
        line = _ask(console, read, "action> ")
        if line is None:
            return
        command = line.strip().lower()
        try:
            if command == "q":
                return
            if command in ("?", "h"):
                _say(console, HELP_FULL)
            elif command == "":
                if not session.advance():
                    return
            elif command == "b":
                session.back()
            elif command in ("a", "r"):
                session.accept() if command == "a" else session.reject()
                on_change()
                if not session.advance():
                    return
            elif command == "e":
                if _edit(console, session, read):
                    on_change()
            elif command == "s":
                typed = _ask(console, read, "second task begins with> ")
                if typed is not None:
                    session.split(typed)
                    on_change()
            elif command == "n":
                typed = _ask(console, read, "quote> ")
                if typed is not None:
                    session.add(typed)
                    on_change()
            else:
                _say(console, f"unknown command {line.strip()!r}; ? for help")
        except InputError as exc:
            _say(console, str(exc), "bold red")
