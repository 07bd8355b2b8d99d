"""Stage 5: the fields of one directive — task phrase, assignees, coordinators, issuer,
deadline, target — from its roles, with inheritance from the clause that introduced it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from minutes_nlp.lexicon import phrase_pattern
from minutes_nlp.roles import Roles, split_agents
from minutes_nlp.segment import Unit

D = "directives.toml"


@dataclass(frozen=True)
class Inherited:
    """What an item takes from the clause that introduces it."""

    assignees: tuple[str, ...] = ()
    coordinators: tuple[str, ...] = ()
    issuer: str | None = None


@dataclass(frozen=True)
class Fields:
    start: int  # span of the task in the unit's coordinate system (normalized text)
    end: int
    task: str
    assignees: tuple[str, ...]
    coordinators: tuple[str, ...]
    issuer: str | None
    deadline: object | None  # timex.TimeMatch with offsets into the normalized text
    target: object | None  # targets.TargetMatch with offsets into the normalized text
    action: str
    sources: dict[str, str]


def _span_text(text: str, span: tuple[int, int] | None) -> str:
    return text[span[0] : span[1]] if span else ""


def resolve_issuer(speaker: str, chair_mention: str | None) -> str:
    """'đồng chí', 'Chủ tịch', 'Chủ tịch UBND tỉnh' -> the named chair when one is known."""
    low = speaker.strip().lower()
    if chair_mention and (
        low in {"đồng chí", "đ/c", "ông", "bà", "chủ tọa"}
        or (chair_mention.lower().startswith(low) and len(low) < len(chair_mention))
        or low.split()[-1:] == chair_mention.lower().split()[:1]
    ):
        return chair_mention
    return speaker.strip()


def own_roles(unit: Unit, roles: Roles, chair_mention: str | None) -> Inherited:
    """The assignees/coordinators/issuer a unit names itself (may be empty)."""
    text = unit.text
    assignees: list[str] = []
    # "Ông kết luận:" before a list: the label names who speaks, not who does the items
    label_speaker = _speaker_of_label(unit.label) if unit.role == "intro" and unit.label else None
    if roles.assignee:
        assignees = split_agents(_span_text(text, roles.assignee))
    elif roles.form == "label" and unit.label:
        assignees = split_agents(unit.label)
    elif unit.role == "intro" and unit.label and label_speaker is None:
        from minutes_nlp.roles import looks_like_agent

        if looks_like_agent(unit.label):
            assignees = split_agents(unit.label)
    if unit.role == "row" and unit.cells:
        assignees = _cells(unit, "lead") or assignees
    coordinators = split_agents(_span_text(text, roles.coordinators)) if roles.coordinators else []
    if unit.role == "row" and unit.cells:
        coordinators = _cells(unit, "coord") or coordinators
    issuer = resolve_issuer(_span_text(text, roles.speaker), chair_mention) if roles.speaker else None
    if issuer is None and label_speaker and not assignees:
        issuer = resolve_issuer(label_speaker, chair_mention)
    if (
        unit.role == "intro"
        and roles.form == "subject"
        and roles.assignee
        and _concludes(text, roles.action_start)
    ):
        # "Phó Thủ tướng kết luận như sau:": the subject speaks; the items are not his to do
        issuer = resolve_issuer(_span_text(text, roles.assignee), chair_mention)
        assignees = []
    if (
        not assignees
        and issuer
        and chair_mention
        and not _is_chair(issuer, chair_mention)
        and _directs_unaddressed(text, roles)
    ):
        assignees, issuer = [issuer], None
    if (
        assignees
        and issuer
        and not (chair_mention and _is_chair(issuer, chair_mention))
        and _item_lead_directs(unit, roles)
    ):
        assignees, issuer = [issuer], None  # "- Phó Hiệu trưởng X chỉ đạo các tổ chuyên môn ..."
    return Inherited(tuple(assignees), tuple(coordinators), issuer)


def _is_chair(speaker: str, chair_mention: str) -> bool:
    """The speaker is the chair: the same mention, or the chair's name ("Giám đốc Lê Văn An"
    for "Giám đốc Công ty Lê Văn An")."""
    if speaker == chair_mention:
        return True
    name: list[str] = []
    for word in reversed(chair_mention.split()):
        if not word[:1].isupper():
            break
        name.insert(0, word)
    return len(name) >= 2 and " ".join(name) in speaker


def _directs_unaddressed(text: str, roles: Roles) -> bool:
    """ "Phó Giám đốc X chỉ đạo khắc phục ...": a directing verb with no one addressed; in train
    the speaker was the gold assignee in each such task."""
    return not roles.assignee and _self_directing(text, roles)


def _self_directing(text: str, roles: Roles) -> bool:
    """Is the trigger of this clause a directing verb ("chỉ đạo") that its speaker may lead?"""
    if roles.form != "trigger" or not roles.trigger:
        return False
    verb = text[roles.trigger[0] : roles.trigger[1]]
    return phrase_pattern(D, "trigger.self_directing").fullmatch(verb) is not None


def _item_lead_directs(unit: Unit, roles: Roles) -> bool:
    """ "1. Tổng Giám đốc chỉ đạo Phòng Kinh doanh ký kết ...": a list item that opens with
    someone other than the chair directing a unit under him is his task (the annotation guide:
    "giao X chỉ đạo Y làm ..." -> X). In train + dev, 9 of 12 such items had him as the lead."""
    if unit.role != "item" or not roles.speaker:
        return False
    if unit.text[roles.label_end : roles.speaker[0]].strip(" ,:"):
        return False  # the speaker does not open the item
    return _self_directing(unit.text, roles)


def _concludes(text: str, action_start: int | None) -> bool:
    """Does the action of this clause open with a conclusion cue ("kết luận", "phát biểu chỉ đạo")?"""
    if action_start is None:
        return False
    m = phrase_pattern("directives.toml", "structure.conclusion_cues").match(text, action_start)
    return m is not None


def _speaker_of_label(label: str) -> str | None:
    """ "Ông kết luận", "Chủ tịch UBND huyện kết luận như sau": who speaks before a list, or
    None when the label does not end with a conclusion cue (then it may name who does it)."""
    blocked = phrase_pattern(D, "structure.conclusion_blocked")
    for m in phrase_pattern(D, "structure.conclusion_cues").finditer(label):
        rest = label[m.end() :].strip(" ,:")
        if m.start() > 0 and len(rest.split()) <= 2 and not blocked.match(label, m.start()):
            return label[: m.start()].strip(" ,") or None
    return None


def _cells(unit: Unit, name: str) -> list[str]:
    out = []
    for header, a, b in unit.cells:
        if header == name and b > a:
            value = unit.text[a - unit.start : b - unit.start] if a >= unit.start else ""
            out += split_agents(value)
    return out


_TAIL_CUT = re.compile(r",?\s*(?:phấn đấu|với mục tiêu|nhằm|để|góp phần)\b.*$", re.IGNORECASE)


def task_phrase(text: str, action_start: int | None, deadline_span: tuple[int, int] | None) -> str:
    """The action itself: from the action word, without the deadline words and the goal tail."""
    start = action_start if action_start is not None else 0
    phrase = text[start:]
    if deadline_span and deadline_span[0] >= start:
        a, b = deadline_span[0] - start, deadline_span[1] - start
        phrase = phrase[:a] + phrase[b:]
    cut = _TAIL_CUT.search(phrase)
    if cut and cut.start() > 15:
        phrase = phrase[: cut.start()]
    phrase = re.sub(r",?\s*(?:hoàn thành|xong|báo cáo kết quả|thời hạn)\s*$", "", phrase.strip(" ,;:."))
    phrase = re.sub(r"\s+", " ", phrase).strip(" ,;:.")
    modal = phrase_pattern(D, "action.modals")
    m = modal.match(phrase)
    if m and len(phrase) > m.end() + 10 and m.group(0).lower() in {"cần", "phải", "cần phải", "cũng"}:
        phrase = phrase[m.end() :].strip(" ,")
    return phrase[:1].upper() + phrase[1:] if phrase else phrase


def find_deadline(unit: Unit, roles: Roles, ref: dt.date | None):
    """The deadline of the clause (timex), in normalized-text offsets."""
    if ref is None:
        return _deadline_without_reference(unit, roles)
    from minutes_nlp.timex import find_deadline as timex_deadline

    text = unit.text
    if unit.role == "row" and unit.cells:
        cells = [
            (a, text[a - unit.start : b - unit.start]) for h, a, b in unit.cells if h == "deadline" and b > a
        ]
        for a, cell in cells:
            m = timex_deadline(cell, ref)
            if m is None:
                from minutes_nlp.timex import resolve

                m = resolve(cell, ref)
            if m is not None:
                return _shift(m, a)
        if any(cell.strip() for _, cell in cells):
            return None  # the deadline column decides: "Thường xuyên", "Trong thời gian nghỉ Tết"
    m = timex_deadline(text[roles.anchor :], ref)
    return _shift(m, unit.start + roles.anchor) if m is not None else None


# two meeting days far apart: a deadline that reads the same from both does not depend on one
_FAR_REFERENCES = (dt.date(2000, 1, 1), dt.date(2099, 12, 31))


def _deadline_without_reference(unit: Unit, roles: Roles):
    """No meeting, document or reference date is known: keep only a deadline that reads the
    same whatever day the meeting was ("trước ngày 30/11/2018"), not "trong tuần tới"."""
    first, second = (find_deadline(unit, roles, ref) for ref in _FAR_REFERENCES)
    if first is None or second is None:
        return None
    return first if (first.date, first.start, first.end) == (second.date, second.start, second.end) else None


def find_target(unit: Unit, roles: Roles):
    from minutes_nlp.targets import find_target as target_of

    m = target_of(unit.text[roles.anchor :])
    return _shift(m, unit.start + roles.anchor) if m is not None else None


def _shift(match, offset: int):
    """Re-anchor a timex/target match into document offsets."""
    from dataclasses import replace

    return replace(match, start=match.start + offset, end=match.end + offset)


def extract_fields(
    unit: Unit,
    roles: Roles,
    inherited: Inherited,
    own: Inherited,
    ref: dt.date | None,
    timing_unit: Unit | None = None,
) -> Fields:
    """``timing_unit`` is the same clause as typed (same offsets), read for dates and numbers."""
    timing_unit = timing_unit or unit
    sources: dict[str, str] = {}
    assignees = own.assignees
    sources["assignees"] = roles.form
    if not assignees:
        assignees = inherited.assignees
        sources["assignees"] = "inherited"
    coordinators = own.coordinators or (inherited.coordinators if not own.assignees else ())
    issuer = own.issuer or inherited.issuer
    deadline = find_deadline(timing_unit, roles, ref)
    target = find_target(timing_unit, roles)
    local_deadline = (deadline.start - unit.start, deadline.end - unit.start) if deadline else None
    action_start = roles.action_start
    if unit.role == "row" and unit.cells:
        task_cell = next(((a, b) for h, a, b in unit.cells if h == "task" and b > a), None)
        action = unit.text[task_cell[0] - unit.start : task_cell[1] - unit.start] if task_cell else unit.text
        action = action[:1].upper() + action[1:]
    else:
        action = task_phrase(unit.text, action_start, local_deadline)
    start = unit.start + roles.anchor
    return Fields(
        start=start,
        end=unit.end,
        task=action or unit.text,
        assignees=tuple(assignees),
        coordinators=tuple(coordinators),
        issuer=issuer,
        deadline=deadline,
        target=target,
        action=action,
        sources=sources,
    )
