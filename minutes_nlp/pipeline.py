"""The pipeline: normalize -> segment -> roles -> classify -> extract -> meeting -> Document.

``minutes_nlp.load()`` builds it once; call it on a text, or ``pipe`` many texts (a
generator, like spaCy's ``nlp.pipe``). Output offsets always point into the text as given.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from minutes_nlp.classify import Decision, DirectiveClassifier, UnitContext
from minutes_nlp.diacritics import shipped_table
from minutes_nlp.domain import clause_and_action, guess_domain
from minutes_nlp.domain import model_text as domain_model_text
from minutes_nlp.errors import InputError
from minutes_nlp.extract import Inherited, extract_fields, own_roles
from minutes_nlp.ingest import MAX_CHARS, SourceText, restore_diacritics
from minutes_nlp.meeting import MeetingInfo, bare_name, extract_meeting
from minutes_nlp.models import Deadline, Document, Meeting, Span, Target, Task
from minutes_nlp.normalize import Normalized, normalize
from minutes_nlp.roles import Roles, looks_like_agent, parse_roles
from minutes_nlp.segment import Segmentation, Unit, segment

NARRATED_MAX = 0.1  # a first clause scored this low (report, praise, procedure) hands no task on


@dataclass
class Analysis:
    """Everything the stages computed for one document (for debugging and evaluation)."""

    norm: Normalized
    seg: Segmentation
    meeting: MeetingInfo
    roles: list[Roles] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    timing_text: str | None = None  # where deadlines and targets are read, when not norm.text
    reference_date: dt.date | None = None  # known from outside the text (SourceText)


class Pipeline:
    def __init__(
        self,
        classifier: DirectiveClassifier,
        domain_model=None,
        models_info: dict | None = None,
        domain_weight: float = 0.5,
        diacritics_table: dict | None = None,
    ):
        self.classifier = classifier
        self.domain_model = domain_model
        self.models_info = models_info or {}
        self.domain_weight = domain_weight
        # the table trained with the models; None: the text as ingest restored it (shipped table)
        self.diacritics_table = diacritics_table

    @classmethod
    def load(cls, models_dir: str | Path | None = None, use_models: bool = True) -> Pipeline:
        directive_model = domain_model = table = None
        info: dict = {}
        if use_models:
            from minutes_nlp.diacritics import models_table
            from minutes_nlp.trained import load_models

            directive_model, domain_model, info = load_models(models_dir)
            table = models_table(models_dir)
        weight = float(info.get("blend_weight", 0.5)) if directive_model else 0.0
        domain_weight = float(info.get("domain_blend_weight", 0.5))
        reads_context = bool(info.get("directive_reads_context"))
        classifier = DirectiveClassifier(directive_model, weight, reads_context=reads_context)
        return cls(classifier, domain_model, info, domain_weight, diacritics_table=table)

    # ------------------------------------------------------------ public API

    def __call__(self, text: str, source: str | None = None) -> Document:
        return self.process(SourceText(text=text, source=source or "<text>"))

    def pipe(self, texts: Iterable[str]) -> Iterator[Document]:
        for text in texts:
            yield self(text)

    def process(self, source: SourceText) -> Document:
        text = source.text
        if len(text) > MAX_CHARS:
            raise InputError(
                f"{source.source}: document too large ({len(text):,} characters; limit {MAX_CHARS:,})"
            )
        analysis_text = getattr(source, "analysis_text", None)
        if (
            analysis_text
            and self.diacritics_table is not None
            and self.diacritics_table is not shipped_table()
        ):
            # ingest restored the marks with the shipped table; these models bring their own
            analysis_text = restore_diacritics(text, self.diacritics_table) or analysis_text
        if not analysis_text or len(analysis_text) != len(text):
            analysis_text = text
        analysis = self.analyse(analysis_text, source.reference_date)
        if analysis_text is not text:
            # restored diacritics can be wrong ("tuan toi" -> "tuần tối"); dates and numbers are
            # read from the text as typed (timex and targets handle unaccented Vietnamese)
            typed = normalize(text).text
            if len(typed) == len(analysis.norm.text):
                analysis.timing_text = typed
        doc = self._document(text, analysis)
        doc.source = source.source
        doc.notes = list(source.notes)
        return doc

    # ------------------------------------------------------------ stages

    def analyse(self, text: str, reference_date: dt.date | None = None) -> Analysis:
        norm = normalize(text)
        seg = segment(norm.text)
        meeting = extract_meeting(norm.text, list(seg.lines), reference_date)
        roles = [parse_roles(u.text, u.label if u.role != "intro" else None) for u in seg.units]
        analysis = Analysis(norm, seg, meeting, roles, reference_date=reference_date)
        analysis.decisions = self._decide(seg, roles, meeting)
        return analysis

    def _decide(self, seg: Segmentation, roles: list[Roles], meeting: MeetingInfo) -> list[Decision]:
        """Sequential: whether an item is a directive depends on the clause before it."""
        units = seg.units
        model_scores = self.classifier.model_scores(seg, roles)
        decisions: list[Decision] = []
        directive_seen = False  # after a speaker hands out a task, the rest is the conclusion
        for i, unit in enumerate(units):
            intro_directive = False
            if unit.intro is not None and unit.intro < i:
                j = unit.intro
                same_sentence_before = j > 0 and units[j - 1].sentence_start == units[j].sentence_start
                narrated = (
                    units[j].role != "intro"
                    and not decisions[j].is_directive
                    and (roles[j].passive_or_past or decisions[j].score <= NARRATED_MAX)
                )
                intro_directive = not narrated and (
                    decisions[j].is_directive
                    or roles[j].form in {"trigger", "label", "subject"}
                    or (bool(units[j].label) and looks_like_agent(units[j].label or ""))
                    or _intro_hands_out(units[j].text)
                    or (same_sentence_before and decisions[j - 1].is_directive)
                )
            prev = decisions[-1].is_directive if decisions else False
            same_paragraph = i > 0 and units[i - 1].line == unit.line
            ctx = UnitContext(seg.in_conclusion[i] or directive_seen, intro_directive, prev, same_paragraph)
            decision = self.classifier.decide_one(unit, roles[i], ctx, model_scores[i])
            decisions.append(decision)
            directive_seen = directive_seen or (decision.is_directive and roles[i].form == "trigger")
        return decisions

    def _document(self, original: str, an: Analysis) -> Document:
        units = an.seg.units
        chair_mention = an.meeting.chair_mention
        own = [own_roles(u, r, chair_mention) for u, r in zip(units, an.roles, strict=True)]
        resolved: list[Inherited] = []
        last_directive: Inherited | None = None
        named_sibling: dict[int, Inherited] = {}  # per list: the last item that named its assignee
        tasks: list[Task] = []
        ref = an.meeting.date or an.meeting.document_date or an.reference_date
        for i, unit in enumerate(units):
            parent = resolved[unit.intro] if unit.intro is not None and unit.intro < i else None
            if parent is not None and units[unit.intro].role != "intro":
                # "X chủ trì, phối hợp với Y làm A; xây dựng B": B is X's, and Y helps with A only
                # (a list intro "Giao X chủ trì, phối hợp với Y:" does lend Y to its items)
                parent = replace(parent, coordinators=())
            if parent is None and an.roles[i].form == "imperative" and last_directive is not None:
                parent = replace(last_directive, coordinators=())
            sibling = named_sibling.get(unit.intro) if unit.intro is not None else None
            if parent is not None and not parent.assignees and an.roles[i].form == "imperative" and sibling:
                # "a) Thành phố Hải Vân khẩn trương ...; b) Dành quỹ đất ...": a bare item under a
                # heading that names nobody goes on with the item before it
                parent = Inherited(sibling.assignees, (), parent.issuer or sibling.issuer)
            parent = parent or Inherited(issuer=chair_mention if an.seg.in_conclusion[i] else None)
            mine = own[i]
            merged = Inherited(
                mine.assignees or parent.assignees,
                mine.coordinators if mine.assignees else (mine.coordinators or parent.coordinators),
                mine.issuer or parent.issuer or (chair_mention if an.seg.in_conclusion[i] else None),
            )
            resolved.append(merged)
            decision = an.decisions[i]
            if not decision.is_directive:
                continue
            if unit.intro is not None and unit.intro < i and mine.assignees:
                named_sibling[unit.intro] = merged
            last_directive = merged
            timing_unit = (
                replace(unit, text=an.timing_text[unit.start : unit.end]) if an.timing_text else unit
            )
            fields = extract_fields(unit, an.roles[i], parent, mine, ref, timing_unit)
            tasks.append(self._task(original, an, unit, fields, decision))
        meeting = self._meeting(original, an)
        return Document(meeting=meeting, tasks=tasks)

    def _task(self, original: str, an: Analysis, unit: Unit, fields, decision: Decision) -> Task:
        norm = an.norm
        start, end = norm.to_original(fields.start, fields.end)
        text = original[start:end]
        clause, action = clause_and_action(unit.text, fields.action, bool(unit.label))
        model_probs = None
        if self.domain_model is not None:
            # models trained before the lead agency was part of their input read the clause alone
            leads = fields.assignees if self.models_info.get("domain_reads_assignees") else ()
            model_probs = self.domain_model.probabilities(domain_model_text(clause, leads))
        intro_label = an.seg.units[unit.intro].label if unit.intro is not None else None
        domain = guess_domain(
            action, clause, unit.label or intro_label, model_probs, self.domain_weight, an.meeting.title
        )
        deadline = target = None
        if fields.deadline is not None:
            d = fields.deadline
            deadline = Deadline(
                **_located(original, norm, d),
                date=d.date,
                granularity=d.granularity,
                recurring=d.recurring,
                rule=d.rule,
            )
        if fields.target is not None:
            t = fields.target
            target = Target(
                **_located(original, norm, t),
                value=t.value,
                unit=t.unit,
                comparator=t.comparator,
                value_max=t.value_max,
                metric=t.metric,
            )
        ss, se = norm.to_original(unit.sentence_start, unit.sentence_end)
        evidence = {
            "directive": "; ".join(decision.evidence),
            "assignees": fields.sources.get("assignees", ""),
            "domain": domain.source,
        }
        if deadline is not None:
            evidence["deadline"] = deadline.rule or ""
        return Task(
            id=task_id(start, end, text),
            text=text,
            start=start,
            end=end,
            task=fields.task,
            domain=domain.code,
            assignees=[as_written(a, original, norm, unit) for a in fields.assignees],
            coordinators=[as_written(c, original, norm, unit) for c in fields.coordinators],
            issuer=as_written(fields.issuer, original, norm, None) if fields.issuer else None,
            deadline=deadline,
            target=target,
            confidence=round(max(0.0, min(1.0, decision.score)), 3),
            sentence=Span(text=original[ss:se], start=ss, end=se),
            domain_score=domain.score,
            evidence=evidence,
        )

    def _meeting(self, original: str, an: Analysis) -> Meeting:
        m = an.meeting
        evidence = {}
        for key, (a, b) in m.evidence.items():
            oa, ob = an.norm.to_original(a, b)
            evidence[key] = Span(text=original[oa:ob], start=oa, end=ob)
        # names and titles as written in the original (diacritics may have been restored for analysis)
        chair = bare_name(evidence["chair"].text) if "chair" in evidence else m.chair
        title = evidence["title"].text.replace("\n", " ").strip() if "title" in evidence else m.title
        return Meeting(
            title=title,
            date=m.date,
            organization=m.organization,
            chair=chair,
            attendees=list(m.attendees),
            document_date=m.document_date,
            reference_date=an.reference_date,
            evidence=evidence,
        )


def _located(original: str, norm: Normalized, match) -> dict:
    """text/start/end of a timex or target match, moved from the analysis text to the input."""
    a, b = norm.to_original(match.start, match.end)
    return {"text": original[a:b], "start": a, "end": b}


def as_written(value: str, original: str, norm: Normalized, unit: Unit | None) -> str:
    """A name found in the analysis text, spelled as in the input: the analysis text may have
    restored diacritics or NFC-normalised the input, but its characters align with it. A line
    break inside the name (text copied from a PDF) becomes a space; the evidence span keeps
    the exact characters."""
    text = norm.text
    i = -1
    if unit is not None:
        i = text.find(value, max(0, unit.start - 400), unit.end)
    if i < 0:
        i = text.find(value)
    if i < 0:
        return value
    a, b = norm.to_original(i, i + len(value))
    return " ".join(original[a:b].split())


def _intro_hands_out(text: str) -> bool:
    from minutes_nlp.lexicon import phrase_pattern

    return bool(
        phrase_pattern("directives.toml", "trigger.verbs").search(text)
        or phrase_pattern("directives.toml", "structure.conclusion_cues").search(text)
    )


def task_id(start: int, end: int, text: str) -> str:
    """Stable: the same span of the same text always gets the same id."""
    digest = hashlib.sha1(f"{start}:{end}:{text}".encode()).hexdigest()[:12]
    return f"t{digest}"
