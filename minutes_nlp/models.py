"""The output data model: the public contract of ../shared/CONTRACT.md, plus additive fields.

Fields listed in the contract are never renamed, dropped or retyped without bumping
``SCHEMA_VERSION``. Everything else here is additive: spans, scores and the rule or
model that produced a value, so a reviewer can see *why* a field holds what it holds.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1"

Granularity = Literal["day", "week", "month", "quarter", "half", "year"]


class Span(BaseModel):
    """Character offsets into the input text as decoded (``input[start:end] == text``)."""

    model_config = ConfigDict(frozen=True)

    text: str
    start: int
    end: int


class Meeting(BaseModel):
    title: str | None = None
    date: dt.date | None = None
    organization: str | None = None
    chair: str | None = None
    attendees: list[str] = Field(default_factory=list)
    # additive
    document_date: dt.date | None = Field(default=None, description="date the document itself was issued")
    reference_date: dt.date | None = Field(
        default=None,
        description="date given from outside the text (--reference-date): the year of dates written "
        "without one, and the day deadlines count from when the text names no date",
    )
    evidence: dict[str, Span] = Field(default_factory=dict, description="source span of each field")

    def anchor_date(self) -> dt.date | None:
        """The day deadlines are resolved against: the meeting's, else the document's, else the
        reference date given from outside the text."""
        return self.date or self.document_date or self.reference_date


class Deadline(BaseModel):
    text: str
    date: dt.date | None
    # additive
    start: int | None = None
    end: int | None = None
    granularity: Granularity | None = None
    recurring: bool = False
    rule: str | None = Field(default=None, description="which resolution rule produced the date")


class Target(BaseModel):
    text: str
    value: float | None
    unit: str | None
    # additive
    start: int | None = None
    end: int | None = None
    comparator: str | None = Field(default=None, description="eq, gt, ge, lt, le, approx, range")
    value_max: float | None = Field(default=None, description="upper bound for ranges '8,3-8,5%'")
    metric: str | None = Field(default=None, description="what is measured")


class Task(BaseModel):
    id: str
    text: str
    start: int
    end: int
    task: str
    domain: str
    assignees: list[str] = Field(default_factory=list)
    coordinators: list[str] = Field(default_factory=list)
    issuer: str | None = None
    deadline: Deadline | None = None
    target: Target | None = None
    confidence: float = Field(ge=0.0, le=1.0)
    # additive
    sentence: Span | None = Field(default=None, description="the sentence the task comes from")
    domain_score: float | None = None
    evidence: dict[str, str] = Field(default_factory=dict, description="rule or model behind each field")


class Document(BaseModel):
    """What ``minutes-nlp extract`` prints."""

    schema_version: Literal["1"] = SCHEMA_VERSION
    meeting: Meeting = Field(default_factory=Meeting)
    tasks: list[Task] = Field(default_factory=list)
    # additive
    source: str | None = Field(default=None, description="path of the input, or '-' for stdin")
    notes: list[str] = Field(default_factory=list, description="what the reader converted or detected")

    def to_json(self, indent: int | None = 2) -> str:
        return self.model_dump_json(indent=indent, exclude_none=False)
