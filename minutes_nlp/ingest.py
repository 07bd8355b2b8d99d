"""Reading an input into plain text (first version: UTF-8 text only; formats come with issue 6)."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from minutes_nlp.errors import InputError


@dataclass(frozen=True)
class SourceText:
    """The plain text the pipeline sees; offsets in the output refer to ``text``."""

    text: str
    source: str
    format: str = "txt"
    encoding: str = "utf-8"
    notes: tuple[str, ...] = field(default_factory=tuple)


def decode_text(data: bytes, source: str) -> SourceText:
    if b"\x00" in data[:4096]:
        raise InputError(f"{source}: looks like a binary file, not a text document")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{source}: not valid UTF-8 text (byte {exc.start})") from exc
    if not text.strip():
        raise InputError(f"{source}: the document is empty")
    return SourceText(text=text, source=source)


def read_document(path: str | Path) -> SourceText:
    """Read PATH (or '-' for standard input) into text, or raise InputError with one clear line."""
    if str(path) == "-":
        return decode_text(sys.stdin.buffer.read(), "<stdin>")
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file")
    if p.is_dir():
        raise InputError(f"{p}: is a directory (give a file, or use --out for a folder)")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{p}: cannot read: {exc.strerror}") from exc
    return decode_text(data, str(p))
