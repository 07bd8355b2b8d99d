"""One exception family, turned into a one-line message and exit code 2 at the CLI edge."""

from __future__ import annotations


class MinutesError(Exception):
    """Base class: anything the user can fix (bad input, missing model, bad argument)."""

    exit_code = 2


class InputError(MinutesError):
    """The input cannot be read as a meeting document (missing, empty, binary, undecodable)."""


class ModelError(MinutesError):
    """A trained model is missing, corrupt or made for another version."""


class CorpusError(MinutesError):
    """A corpus or gold file breaks the annotation format."""
