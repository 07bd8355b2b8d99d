"""Batch extraction over a folder or a glob: ``minutes-nlp extract DIR_OR_GLOB --out OUTDIR``.

Outputs, all written atomically (temp file + fsync + rename, so a killed run leaves no
half files):

- ``OUT/NAME.json`` per input (``NAME`` is the file stem; when two inputs share a stem,
  the full file name is used: ``a.docx.json``, ``a.pdf.json``);
- with ``fmt="jsonl"``: per-document parts ``OUT/.parts/NAME.jsonl`` (one task per line),
  concatenated at the end of every run into ``OUT/tasks.jsonl`` in input order;
- with ``emit_text``: ``OUT/NAME.txt``, the extracted plain text the offsets refer to;
- ``OUT/.minutes-nlp-manifest.json``: per input, the size, mtime and sha256 it had when it
  was done, rewritten after every document. An input is skipped on a re-run when its
  fingerprint still matches and its output exists (``force`` redoes everything);
- ``OUT/run-report.json``: every input as done, skipped (unsupported format, hidden file,
  folder) or failed, with a one-line reason. Nothing is dropped silently.

``jobs > 1`` uses a process pool whose workers each load the pipeline once.

Test hook: the environment variable ``MINUTES_NLP_BATCH_DELAY`` (seconds, float) makes
each document take at least that long, so tests can kill a run halfway.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import json
import os
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal

from minutes_nlp.errors import InputError, MinutesError
from minutes_nlp.ingest import UnsupportedFormatError, format_for, read_document
from minutes_nlp.output import jsonl_lines, write_atomic

MANIFEST = ".minutes-nlp-manifest.json"
REPORT = "run-report.json"
JSONL = "tasks.jsonl"
PARTS = ".parts"
DELAY_ENV = "MINUTES_NLP_BATCH_DELAY"

Status = Literal["done", "skipped", "failed"]


@dataclass
class BatchEntry:
    """What happened to one input."""

    input: str
    status: Status
    reason: str = ""
    output: str | None = None
    tasks: int | None = None
    cached: bool = False  # done in an earlier run and unchanged since


@dataclass
class BatchReport:
    out_dir: str
    entries: list[BatchEntry] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no input failed (skipped unsupported files are not failures)."""
        return not any(e.status == "failed" for e in self.entries)

    def counts(self) -> dict[str, int]:
        counts = {"done": 0, "skipped": 0, "failed": 0}
        for entry in self.entries:
            counts[entry.status] += 1
        return counts

    def to_json(self) -> str:
        payload = {
            "out_dir": self.out_dir,
            "finished": datetime.now(UTC).isoformat(timespec="seconds"),
            "ok": self.ok,
            "counts": self.counts(),
            "entries": [asdict(e) for e in self.entries],
        }
        return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


# --------------------------------------------------------------------------- inputs


def collect_inputs(pattern_or_dir: str | Path, out_dir: Path) -> tuple[list[Path], list[BatchEntry]]:
    """Files to process, plus entries for what is listed but not processed (hidden, folders)."""
    root = Path(pattern_or_dir)
    out_res = out_dir.resolve()
    listed: list[Path]
    if root.is_dir():
        if root.resolve() == out_res:
            raise InputError(f"{root}: --out must be a different folder from the inputs")
        listed = sorted(root.iterdir())
    elif root.is_file():
        listed = [root]
    elif any(ch in str(pattern_or_dir) for ch in "*?["):
        listed = sorted(Path(p) for p in glob.glob(str(pattern_or_dir), recursive=True))
        if not listed:
            raise InputError(f"{pattern_or_dir}: the pattern matches no files")
    else:
        raise InputError(f"{pattern_or_dir}: no such file or folder")
    files: list[Path] = []
    others: list[BatchEntry] = []
    for path in listed:
        resolved = path.resolve()
        if resolved == out_res or out_res in resolved.parents:
            continue  # our own outputs
        if path.name.startswith("."):
            others.append(BatchEntry(str(path), "skipped", "hidden file"))
        elif path.is_dir():
            others.append(
                BatchEntry(str(path), "skipped", "a folder (not searched; use a glob like DIR/**/*)")
            )
        else:
            files.append(path)
    return files, others


def output_names(files: list[Path]) -> dict[Path, str]:
    """Output base name per input: the stem, or the full name where stems collide."""
    stems: dict[str, int] = {}
    for path in files:
        stems[path.stem] = stems.get(path.stem, 0) + 1
    return {path: path.stem if stems[path.stem] == 1 else path.name for path in files}


def fingerprint(path: Path) -> dict[str, Any]:
    """Size, mtime and content hash: an input is 'the same' only when all three match."""
    stat = path.stat()
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "sha256": digest.hexdigest()}


def _load_manifest(out_dir: Path) -> dict[str, Any]:
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    inputs = data.get("inputs") if isinstance(data, dict) else None
    return inputs if isinstance(inputs, dict) else {}


def _save_manifest(out_dir: Path, inputs: dict[str, Any]) -> None:
    write_atomic(
        out_dir / MANIFEST, json.dumps({"version": 1, "inputs": inputs}, ensure_ascii=False, indent=1)
    )


# --------------------------------------------------------------------------- work


@dataclass(frozen=True)
class Job:
    """One input and where its outputs go (picklable, for worker processes)."""

    input: str
    main_output: str
    text_output: str | None
    fmt: str
    reference_date: date | None = None


_PIPELINE: Any = None
_USE_MODELS = True


def _init_worker(use_models: bool) -> None:
    global _USE_MODELS
    _USE_MODELS = use_models


def _pipeline() -> Any:
    """The pipeline, loaded once per process on first use."""
    global _PIPELINE
    if _PIPELINE is None:
        from minutes_nlp import load

        _PIPELINE = load(use_models=_USE_MODELS)
    return _PIPELINE


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0][:200]}" if text else type(exc).__name__


def process_one(job: Job) -> BatchEntry:
    """Read, extract and write one input; every problem becomes the entry's reason."""
    delay = float(os.environ.get(DELAY_ENV, "0") or 0)
    try:
        source = read_document(job.input)
        source = replace(source, reference_date=job.reference_date or source.reference_date)
    except UnsupportedFormatError as exc:
        return BatchEntry(job.input, "skipped", str(exc))
    except MinutesError as exc:
        return BatchEntry(job.input, "failed", str(exc))
    except Exception as exc:  # noqa: BLE001 - one bad document must not end the batch
        return BatchEntry(job.input, "failed", _first_line(exc))
    try:
        doc = _pipeline().process(source)
        if job.fmt == "jsonl":
            lines = jsonl_lines(doc)
            write_atomic(job.main_output, "".join(line + "\n" for line in lines))
        else:
            write_atomic(job.main_output, doc.to_json() + "\n")
        if job.text_output:
            write_atomic(job.text_output, source.text)
    except MinutesError as exc:
        return BatchEntry(job.input, "failed", str(exc))
    except Exception as exc:  # noqa: BLE001
        return BatchEntry(job.input, "failed", _first_line(exc))
    if delay > 0:
        time.sleep(delay)
    return BatchEntry(job.input, "done", output=job.main_output, tasks=len(doc.tasks))


# --------------------------------------------------------------------------- the run


def _plan(
    files: list[Path], out_dir: Path, fmt: str, emit_text: bool, reference_date: date | None = None
) -> tuple[dict[Path, Job], list[BatchEntry]]:
    """Jobs for supported files; 'skipped' entries for formats we know we cannot read."""
    names = output_names(files)
    jobs: dict[Path, Job] = {}
    skipped: list[BatchEntry] = []
    for path in files:
        try:
            format_for(path)
        except UnsupportedFormatError as exc:
            skipped.append(BatchEntry(str(path), "skipped", str(exc)))
            continue
        name = names[path]
        main = out_dir / PARTS / f"{name}.jsonl" if fmt == "jsonl" else out_dir / f"{name}.json"
        text = out_dir / f"{name}.txt" if emit_text else None
        jobs[path] = Job(str(path), str(main), str(text) if text else None, fmt, reference_date)
    return jobs, skipped


def remove_stale_temps(out_dir: Path) -> int:
    """Delete temp files a killed run left behind (``.NAME.xxxx.tmp`` from write_atomic)."""
    removed = 0
    for folder in (out_dir, out_dir / PARTS):
        for tmp in folder.glob(".*.tmp"):
            with contextlib.suppress(OSError):
                tmp.unlink()
                removed += 1
    return removed


def _is_done(job: Job, record: Any, current: dict[str, Any]) -> bool:
    if not isinstance(record, dict) or record.get("fingerprint") != current:
        return False
    if record.get("fmt") != job.fmt or record.get("output") != job.main_output:
        return False
    if record.get("reference_date") != (job.reference_date.isoformat() if job.reference_date else None):
        return False  # done with another reference date: its deadlines may differ
    if not Path(job.main_output).exists():
        return False
    return job.text_output is None or Path(job.text_output).exists()


def _write_jsonl(out_dir: Path, order: list[Path], entries: dict[str, BatchEntry]) -> None:
    """Concatenate the parts of all done inputs, in input order, into OUT/tasks.jsonl."""
    chunks = []
    for path in order:
        entry = entries.get(str(path))
        if entry is not None and entry.status == "done" and entry.output:
            try:
                chunks.append(Path(entry.output).read_text(encoding="utf-8"))
            except OSError:
                continue
    write_atomic(out_dir / JSONL, "".join(chunks))


def _summary(report: BatchReport) -> None:
    """A rich table on stderr: every input when few, else only the ones not done."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(stderr=True)
    counts = report.counts()
    rows = report.entries if len(report.entries) <= 50 else [e for e in report.entries if e.status != "done"]
    table = Table(title=f"done {counts['done']}, skipped {counts['skipped']}, failed {counts['failed']}")
    table.add_column("Input", overflow="fold")
    table.add_column("Status", no_wrap=True)
    table.add_column("Tasks", justify="right", no_wrap=True)
    table.add_column("Reason", overflow="fold")
    style = {"done": "green", "skipped": "yellow", "failed": "red"}
    for e in rows:
        status = e.status + (" (earlier run)" if e.cached else "")
        table.add_row(
            Text(e.input),
            Text(status, style=style[e.status]),
            "" if e.tasks is None else str(e.tasks),
            Text(e.reason),
        )
    console.print(table)
    console.print(f"Report: {Path(report.out_dir) / REPORT}")


def _execute(
    pending: list[Job], jobs: int, use_models: bool, on_result: Callable[[BatchEntry], None]
) -> None:
    """Run the jobs here (jobs == 1) or in a process pool; results go to ``on_result``."""
    if jobs <= 1 or len(pending) <= 1:
        _init_worker(use_models)
        for job in pending:
            on_result(process_one(job))
        return
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(use_models,)) as pool:
        futures: dict[Future[BatchEntry], Job] = {pool.submit(process_one, job): job for job in pending}
        try:
            remaining = set(futures)
            while remaining:
                finished, remaining = wait(remaining, return_when=FIRST_COMPLETED)
                for future in finished:
                    try:
                        entry = future.result()
                    except Exception as exc:  # noqa: BLE001 - a crashed worker fails its input only
                        entry = BatchEntry(
                            futures[future].input, "failed", f"worker crashed: {_first_line(exc)}"
                        )
                    on_result(entry)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


BATCH_FORMATS = ("json", "jsonl")


def run_batch(
    pattern_or_dir: str | Path,
    out_dir: str | Path,
    *,
    fmt: str = "json",
    force: bool = False,
    jobs: int = 1,
    emit_text: bool = False,
    use_models: bool = True,
    show_progress: bool = True,
    reference_date: date | None = None,
) -> BatchReport:
    """Process every input of a folder or glob into OUT; see the module docstring."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    if fmt not in BATCH_FORMATS:
        raise InputError(f"a batch writes {' or '.join(BATCH_FORMATS)} files, not {fmt!r}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(out)
    files, others = collect_inputs(pattern_or_dir, out)
    plan, unsupported = _plan(files, out, fmt, emit_text, reference_date)
    manifest = _load_manifest(out)
    results: dict[str, BatchEntry] = {e.input: e for e in others + unsupported}

    pending: list[Job] = []
    prints: dict[str, dict[str, Any]] = {}
    for path, job in plan.items():
        key = str(path.resolve())
        try:
            prints[job.input] = fingerprint(path)
        except OSError as exc:
            results[job.input] = BatchEntry(
                job.input, "failed", f"{path}: cannot read: {exc.strerror or exc}"
            )
            continue
        if not force and _is_done(job, manifest.get(key), prints[job.input]):
            record = manifest[key]
            results[job.input] = BatchEntry(
                job.input,
                "done",
                "already done in an earlier run",
                job.main_output,
                record.get("tasks"),
                True,
            )
        else:
            manifest.pop(key, None)
            pending.append(job)

    console = Console(stderr=True)
    progress = Progress(
        TextColumn("[bold]extract"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=console,
        disable=not show_progress,
        transient=True,
    )

    def on_result(entry: BatchEntry) -> None:
        results[entry.input] = entry
        if entry.status == "done":
            manifest[str(Path(entry.input).resolve())] = {
                "fingerprint": prints[entry.input],
                "fmt": fmt,
                "output": entry.output,
                "tasks": entry.tasks,
                "reference_date": reference_date.isoformat() if reference_date else None,
            }
            _save_manifest(out, manifest)
        progress.update(bar, advance=1, description=Path(entry.input).name)

    with progress:
        bar = progress.add_task("", total=len(pending))
        try:
            _execute(pending, jobs, use_models, on_result)
        finally:
            for job in pending:
                results.setdefault(
                    job.input, BatchEntry(job.input, "failed", "interrupted before it was processed")
                )
            order = sorted({Path(p) for p in results}, key=lambda p: str(p))
            report = BatchReport(str(out), [results[str(p)] for p in order])
            if fmt == "jsonl":
                _write_jsonl(out, [p for p in order if p in plan], results)
            write_atomic(out / REPORT, report.to_json())
    if show_progress:
        _summary(report)
    return report
