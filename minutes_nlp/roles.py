"""Who does what in one clause: speaker, trigger, assignee, coordinators, action.

Why: in Vietnamese directives the same surface pattern carries all roles —
``[speaker] TRIGGER [assignee] [chủ trì, phối hợp với COORDINATORS] ACTION`` or
``[label:] ASSIGNEE [chủ trì ...] ACTION`` or a bare ``ACTION`` that inherits its assignee.
The boundary between a name and the action is the first lower-case action word that is
not inside an agency name ("Ban Quản lý dự án đầu tư xây dựng" keeps its verbs).
All offsets are relative to the clause string passed in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from minutes_nlp.lexicon import alternation, phrase_pattern, words
from minutes_nlp.tokens import verb_spans, word_edges, word_spans

D = "directives.toml"
A = "agencies.toml"

Span = tuple[int, int]


@dataclass(frozen=True)
class Roles:
    form: str  # "trigger", "subject", "label", "imperative", "none"
    anchor: int  # where the task span starts
    action_start: int | None
    trigger: Span | None = None
    speaker: Span | None = None
    assignee: Span | None = None
    coordinators: Span | None = None
    label_end: int = 0
    passive_or_past: bool = False


# ---------------------------------------------------------------- lexicon patterns


@cache
def _lowered(key: str) -> frozenset[str]:
    """A lexicon list of directives.toml, lower-cased, for membership tests (built once)."""
    return frozenset(w.lower() for w in words(D, key))


def _verbs() -> list[str]:
    """Action verbs: those that open a clause, and those only found after an agency's name."""
    return words(D, "action.starts") + words(D, "action.after_names")


@cache
def _action_re() -> re.Pattern[str]:
    alts = sorted(
        set(_verbs() + words(D, "action.modals") + words(D, "action.lead")),
        key=lambda w: (-len(w), w),
    )
    body = alternation(alts)
    return re.compile(rf"(?<![\w&/-])(?:{body})(?![\w&])", re.IGNORECASE)


@cache
def _aspect_re() -> re.Pattern[str]:
    """An aspect or negation word that ends the text before a verb ('Sở X đã', 'bệnh viện mới')."""
    alts = "|".join(re.escape(w) for w in words(D, "not_directive.aspect_before_action"))
    return re.compile(rf"(?<!\w)\s*(?:{alts})\s*$", re.IGNORECASE)


@cache
def _not_head_re() -> re.Pattern[str]:
    return phrase_pattern(A, "agency.not_heads", case_sensitive=True)


@cache
def _head_re() -> re.Pattern[str]:
    heads = sorted(words(A, "agency.heads") + words(A, "agency.person_titles"), key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(h) for h in heads) + r")(?![\w])")


@cache
def _addressed_place_re() -> re.Pattern[str]:
    places = alternation(words(A, "agency.addressed_places"))
    return re.compile(rf"(?i:{places})(?P<name>(?:\s+[\w-]+){{0,4}})")


def _is_addressed_place(phrase: str) -> bool:
    """A locality with at most a proper name: "tỉnh", "tỉnh Quảng Trị", "thành phố Hải Vân"."""
    m = _addressed_place_re().fullmatch(phrase.strip())
    return m is not None and all(word[0].isupper() for word in m.group("name").split())


@cache
def _protected_re() -> re.Pattern[str]:
    return phrase_pattern(A, "agency.protected_names", case_sensitive=True)


def protected_spans(text: str) -> list[Span]:
    """Spans of agency names whose words must not be read as the action."""
    spans = [m.span() for m in _protected_re().finditer(text)]
    for m in _head_re().finditer(text):
        end = _name_run(text, m.end())
        if end > m.end():
            spans.append((m.start(), end))
    return spans


_TOKEN = re.compile(r"\S+")


def _name_run(text: str, pos: int) -> int:
    """Extend a name after its head over capitalised words ('Sở Kế hoạch và Đầu tư',
    'Phòng Văn hóa và Thông tin'): a word (underthesea) continues the name when its first
    letter is upper-case, when it joins two such words ('và', '-'), or names a place level."""
    end = pos
    spans = [(a, b) for a, b in word_spans(text) if a >= pos]
    for k, (a, b) in enumerate(spans):
        gap = text[end:a].strip()
        word = text[a:b]
        if gap == "," and word[0].isupper() and not _head_re().match(text, a):
            pass  # "Sở Văn hóa, Thể thao và Du lịch": a comma inside one name
        elif gap not in {"", "-", "–", "&", "và"}:
            break  # other punctuation, or a comma before another agency, ends the name
        if word[0].isupper() or word[0].isdigit():
            end = b
            continue
        if word in words(A, "agency.place_words"):
            end = b
            continue
        if word in {"và", "&"} and k + 1 < len(spans) and text[spans[k + 1][0]].isupper():
            continue
        break
    return end


@dataclass(frozen=True)
class ActionWord:
    """Where an action begins; ``source`` says whether the lexicon or the POS tagger found it."""

    begin: int
    finish: int
    word: str
    source: str = "lexicon"

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish

    def group(self, _index: int = 0) -> str:
        return self.word


def _acceptable(text: str, a: int, word: str, start: int, allow_upper_at: int | None, protected) -> bool:
    at_start = a == (allow_upper_at if allow_upper_at is not None else start)
    if word[0].isupper() and not at_start:
        return False
    if any(p < a < q for p, q in protected) or any(p <= a < q and p < start for p, q in protected):
        return False
    if at_start and word[0].isupper() and any(p == a and q > a + len(word) for p, q in protected):
        return False  # "Thanh tra Sở ...", "Ban Tổ chức ...": a name, not an imperative
    return _previous_word(text, a).lower() not in words(D, "action.blocking_words")


def _previous_word(text: str, pos: int) -> str:
    """The word (underthesea segmentation) that ends right before ``pos``."""
    prev = ""
    for a, b in word_spans(text):
        if b > pos:
            break
        if not text[b:pos].strip():
            prev = text[a:b]
    return prev


def find_action(text: str, start: int = 0, allow_upper_at: int | None = None) -> ActionWord | None:
    """First action word at or after ``start`` that opens an action, not inside a name:
    a lexicon verb on word edges, else the first word the POS tagger calls a verb."""
    protected = protected_spans(text)
    word_starts, word_ends = word_edges(text)
    lexical = None
    for m in _action_re().finditer(text, start):
        # underthesea often glues a capitalised first word to the next ("Hoàn thiện bộ")
        capital_start = (
            m.start() == allow_upper_at and m.group(0)[:1].isupper() and _whole_word_lowercased(text, m)
        )
        if not capital_start and (m.start() not in word_starts or m.end() not in word_ends):
            continue
        if _acceptable(text, m.start(), m.group(0), start, allow_upper_at, protected):
            lexical = ActionWord(m.start(), m.end(), m.group(0))
            break
    if lexical is not None:
        if allow_upper_at == start and lexical.begin > start:
            first = _verb_opening(text, start)
            if first is not None and not looks_like_agent(text[start : lexical.begin]):
                return first  # "Chấm dứt hoạt động, thu hồi đất ...": a verb the lexicon lacks
        return lexical
    for a, b in verb_spans(text):
        if a < start:
            continue
        word = text[a:b]
        if word.lower() in _pos_stoplist() or len(text[b:].split()) < 2:
            continue  # a fallback verb needs something to act on
        if _acceptable(text, a, word, start, allow_upper_at, protected):
            return ActionWord(a, b, word, "pos")
    return None


def _whole_word_lowercased(text: str, m: re.Match[str]) -> bool:
    """Is the match a whole word once the capital is lowered ('Hoàn thiện bộ' -> yes for
    'hoàn thiện'; 'Giao thông' -> no for 'giao')?"""
    window = text[m.start() : m.start() + 40]
    lowered = window[:1].lower() + window[1:]
    return (m.end() - m.start()) in {b for _, b in word_spans(lowered)}


def _verb_opening(text: str, start: int) -> ActionWord | None:
    """The POS tagger's verb that opens the text at ``start``, if any."""
    for a, b in verb_spans(text[: start + 60]):
        if a == start and text[a:b].lower() not in _pos_stoplist():
            return ActionWord(a, b, text[a:b], "pos")
        if a > start:
            break
    return None


def _pos_stoplist() -> frozenset[str]:
    """Verbs that do not open a task action (copulas, reporting verbs)."""
    return _lowered("action.not_actions")


def opens_real_action(text: str, pos: int, strong_agent: bool = False) -> bool:
    """Modals ('tiếp tục', 'khẩn trương') must lead to a real action word ('tiếp tục sôi động' does not)."""
    modal_re = phrase_pattern(D, "action.modals")
    real_re = _real_action_re()
    for step in range(4):
        if real_re.match(text, pos):
            return True
        if (step == 0 or strong_agent) and not modal_re.match(text, pos) and _is_verb_at(text, pos):
            return True  # a verb the lexicon does not know, found by the POS tagger
        m = modal_re.match(text, pos)
        if not m:
            return False
        pos = m.end()
        while pos < len(text) and text[pos] in " ,":
            pos += 1
    return False


def _is_verb_at(text: str, pos: int) -> bool:
    """Does the POS tagger see a verb starting at ``pos``? (Tagging runs only when asked.)"""
    return any(a == pos for a, _ in verb_spans(text))


@cache
def _real_action_re() -> re.Pattern[str]:
    alts = sorted(
        set(_verbs() + words(D, "action.lead") + words(D, "action.coordinate")),
        key=len,
        reverse=True,
    )
    body = alternation(alts)
    return re.compile(rf"(?:{body})(?![\w&])", re.IGNORECASE)


# ---------------------------------------------------------------- triggers and speakers


def find_trigger(text: str, start: int = 0) -> re.Match[str] | None:
    """The first trigger verb used as a verb (not 'giao thông', 'theo yêu cầu', 'đã giao')."""
    before_re = phrase_pattern(D, "trigger.blocked_before")
    after_re = phrase_pattern(D, "trigger.blocked_after", case_sensitive=True)
    protected = protected_spans(text)
    for m in phrase_pattern(D, "trigger.verbs").finditer(text, start):
        if any(a < m.start() < b for a, b in protected):
            continue
        head = text[max(0, m.start() - 25) : m.start()]
        if any(h.end() == len(head.rstrip()) and head.rstrip() for h in before_re.finditer(head.rstrip())):
            continue
        tail = text[m.end() : m.end() + 25].lstrip(" :")
        if not tail.strip(" .,;") or after_re.match(tail):
            continue
        return m
    return None


@cache
def _speaker_re() -> re.Pattern[str]:
    items = words(D, "speaker.titles") + words(D, "speaker.pronouns") + words(D, "speaker.bodies")
    body = alternation(sorted(items, key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?:{body})(?![\w])", re.IGNORECASE)


@cache
def _body_re() -> re.Pattern[str]:
    """Collective speakers ('UBND huyện', 'Ban Thường vụ Tỉnh ủy'): when they 'chỉ đạo' someone,
    they take part in the task themselves."""
    body = alternation(words(D, "speaker.bodies"))
    return re.compile(rf"(?:{body})(?:\s+\S+){{0,3}}", re.IGNORECASE)


def _speaker_right_before(text: str, pos: int) -> bool:
    """The clause before ``pos`` is only its speaker ("Chủ tịch UBND tỉnh Nguyễn Văn An giao
    cho ..."), with no verb of its own ("Trưởng phòng hỏi có nên tách ... diện tích giao cho")."""
    if speaker_before(text, pos) is None:
        return False
    clause = text[_clause_start(text, pos) : pos]
    modals = _lowered("action.modals")
    return not any(clause[a:b].lower() not in modals for a, b in verb_spans(clause))


def _clause_start(text: str, pos: int) -> int:
    """Where the clause of a trigger at ``pos`` begins: after the last , : or ; before it."""
    head = text[:pos]
    return max(head.rfind(","), head.rfind(":"), head.rfind(";")) + 1


def speaker_before(text: str, pos: int) -> Span | None:
    """The speaker phrase that ends right before ``pos`` ('Chủ tịch UBND tỉnh Trần Quốc Nam')."""
    head = text[:pos]
    seg_start = _clause_start(text, pos)
    seg = head[seg_start:]
    m = _speaker_re().search(seg)
    if not m:
        return None
    a = seg_start + m.start()
    b = len(head.rstrip())
    # drop adverbs between speaker and trigger ("cũng", "tiếp tục")
    tail = re.search(r"(?:\s+(?:cũng|tiếp tục|đã|còn|thì|đều|lại))+\s*$", head[a:b])
    if tail:
        b = a + tail.start()
    return (a, b) if b > a else None


# ---------------------------------------------------------------- labels


@cache
def _topic_label_re() -> re.Pattern[str]:
    labels = sorted(words(D, "structure.topic_labels"), key=len, reverse=True)
    return re.compile(r"^(?:" + "|".join(re.escape(w) for w in labels) + r")\s", re.IGNORECASE)


def topic_label_end(text: str) -> int:
    """End of a leading topic label ('Về đô thị: ', 'Đối với công tác GPMB, ')."""
    if not _topic_label_re().match(text):
        return 0
    marks = [p for p in (text.find(":"), text.find(",")) if 0 < p <= 90]
    if marks:
        end = min(marks)
    else:
        act = find_action(text, 3)
        end = act.start() - 1 if act is not None else 0
    if end <= 0:
        return 0
    end += 1
    while end < len(text) and text[end] in " ,:":
        end += 1
    return end


# ---------------------------------------------------------------- parse


def looks_like_agent(phrase: str) -> bool:
    """Could this phrase be who does a task (an agency, a collective, a person, a speaker)?"""
    p = phrase.strip(" ,:;")
    if not p or len(p) > 220:
        return False
    if _not_head_re().match(p):
        return False  # "Báo cáo ...", "Tổ chức ...": a capitalised word, not a name
    if _head_re().match(p):
        return True
    if _person_re().match(p):
        return True  # "chị Trương Thị Mơ", "Trương Thị Mơ"
    low = p.lower()
    first = low.split()[0]
    if first in words(A, "agency.collective_starts"):
        return True
    if len(p.split()) <= 10:
        edges = {b for _, b in word_spans(low)}
        if any(low.startswith(n) and len(n) in edges for n in words(A, "agency.collective_nouns")):
            return True  # a whole word: "trường THCS", not "trường hợp"
    return bool(_speaker_re().match(p))


@cache
def _person_re() -> re.Pattern[str]:
    """A person: an optional honorific, then a surname and a capitalised given name."""
    surnames = "|".join(re.escape(w.split()[0]) for w in words(A, "person.surnames"))
    prefixes = "|".join(re.escape(w) for w in words(A, "person.prefixes"))
    return re.compile(rf"(?:(?:{prefixes})\s+)?(?:{surnames})\s+[A-ZĐÀ-Ỹ]\w*")


def parse_roles(text: str, label: str | None = None) -> Roles:
    """Find the roles in one clause (see module docstring)."""
    roles = _parse_roles(text, label)
    if roles.coordinators is None and roles.action_start is not None and roles.form != "none":
        later = _later_coordinators(text, roles.action_start)
        if later is not None:
            roles = replace(roles, coordinators=later)
    return roles


def _later_coordinators(text: str, action_start: int) -> Span | None:
    """ "X lập biên bản ..., phối hợp với UBND các xã giải tỏa ...": the helpers named after
    the first action; only a phrase that names agents counts."""
    for c in phrase_pattern(D, "action.coordinate").finditer(text, action_start):
        nxt = find_action(text, c.end())
        span = _strip_span(text, c.end(), nxt.start() if nxt else len(text))
        if span is not None and looks_like_agent(text[span[0] : span[1]]):
            return span
    return None


def _parse_roles(text: str, label: str | None) -> Roles:
    """Speaker, trigger, assignee, helpers next to the action, and the action itself."""
    start = 0
    label_end = 0
    if label and text.startswith(label):
        label_end = len(label)
        while label_end < len(text) and text[label_end] in " :,":
            label_end += 1
    else:
        label_end = topic_label_end(text)
    start = label_end

    trig = _best_trigger(text, start)
    assenting = _assenting_speaker(text, start, trig.start()) if trig is not None else None
    if trig is not None and assenting is None and _subject_acts_before(text, start, trig.start()):
        trig = None  # "Công chức X kiểm tra ..., yêu cầu chủ đầu tư ...": the trigger is part of the task
    if trig is not None and trig.group(0).lower() in _lowered("trigger.needs_agent"):
        after = text[trig.end() :].lstrip(" :")
        if not looks_like_agent(" ".join(after.split()[:4])):
            trig = None  # "giao đủ 1.350 tân binh", "nút giao": not handing out a task
    if (
        trig is not None
        and trig.group(0).lower() in _lowered("trigger.opening_or_speaker")
        and text[start : trig.start()].strip(" ,")
        and not _speaker_right_before(text, trig.start())
    ):
        trig = None  # "5,6 ha đất giao cho Công ty X ...": an allocation, not a task
    if trig is not None:
        speaker = assenting or speaker_before(text, trig.start())
        trig_word = trig.group(0).lower()
        is_speaker_only = trig_word in _lowered("trigger.speaker_only")
        person_speaker = speaker is not None and not _body_re().fullmatch(
            text[speaker[0] : speaker[1]].strip()
        )
        subject = _agency_before_trigger(text, start, trig.start()) if speaker is None else None
        if subject is not None:
            # "Ban Quản lý dự án huyện yêu cầu nhà thầu tăng ca": not the meeting's voice but an
            # agency told to press its contractor; the agency does the task
            coord, _ = _coordinators(text, trig)
            return Roles("subject", 0, trig.start(), None, None, subject, coord, label_end)
        if not (is_speaker_only and not person_speaker):
            after = _addressee_start(text, trig.end())
            action = find_action(text, after)
            assignee_end = action.start() if action else len(text)
            prohibition = phrase_pattern(D, "trigger.prohibitions").search(text, after, assignee_end)
            if prohibition and looks_like_agent(text[after : prohibition.start()]):
                action, assignee_end = prohibition, prohibition.start()
            assignee = _strip_span(text, after, assignee_end)
            if assignee and not (
                looks_like_agent(text[assignee[0] : assignee[1]])
                or _is_addressed_place(text[assignee[0] : assignee[1]])
            ):
                assignee = None
            coord, action_start = _coordinators(text, action)
            return Roles(
                "trigger", trig.start(), action_start, trig.span(), speaker, assignee, coord, label_end
            )

    obligation = _obligation(text, start, label_end)
    if obligation is not None and obligation.form == "subject":
        return obligation  # "Báo cáo quý I phải được các phòng gửi về ...": the agent is named
    action = find_action(text, start, allow_upper_at=start)
    if action is None:
        return obligation or Roles("none", start, None, label_end=label_end)
    prefix = text[start : action.start()]
    if prefix.strip() and phrase_pattern(D, "action.adverbs").fullmatch(prefix.strip(" ,")):
        prefix = ""  # "hằng tháng báo cáo ...", "định kỳ ... kiểm tra": still a bare action
    past = bool(_aspect_re().search(prefix.strip().lower()))
    if not prefix.strip():
        if not label_end and action.group(0).lower() in _lowered("action.not_imperative"):
            return Roles("none", start, action.start(), label_end=label_end)
        coord, action_start = _coordinators(text, action)
        form = (
            "label"
            if label_end and label and not _topic_label_re().match(label) and looks_like_agent(label)
            else "imperative"
        )
        return Roles(form, 0, action_start, coordinators=coord, label_end=label_end)
    subject = _strip_span(text, start, action.start())
    if subject and past:
        # "Sở X đã chủ trì ...": a report, not a directive
        subj_text = _aspect_re().sub("", text[subject[0] : subject[1]])
        subject = (subject[0], subject[0] + len(subj_text))
    named = bool(subject) and bool(_head_re().match(text[subject[0] : subject[1]]))
    if (
        subject
        and looks_like_agent(text[subject[0] : subject[1]])
        and opens_real_action(text, action.start(), strong_agent=named)
    ):
        coord, action_start = _coordinators(text, action)
        return Roles("subject", 0, action_start, None, None, subject, coord, label_end, passive_or_past=past)
    return _obligation(text, start, label_end) or Roles(
        "none", start, action.start(), label_end=label_end, passive_or_past=past
    )


def _agency_before_trigger(text: str, start: int, trigger_at: int) -> Span | None:
    """The whole stretch before a trigger, when it is a named agency that is not a speaker."""
    subject = _strip_span(text, start, trigger_at)
    if subject is None or trigger_at - start > 120:
        return None
    phrase = text[subject[0] : subject[1]]
    if any(ch in phrase for ch in ",;:") or not _head_re().match(phrase):
        return None
    return subject if looks_like_agent(phrase) else None


def _obligation(text: str, start: int, label_end: int) -> Roles | None:
    """'100% hồ sơ bệnh án phải được hoàn thiện, chuyển về ...': the thing to be done comes
    first and the verb is passive; it is a bare action for whoever the list addresses."""
    m = phrase_pattern(D, "action.obligation_markers").search(text, start)
    if m is None or m.start() > 120:
        return None
    verb_at = m.end()
    while verb_at < len(text) and text[verb_at] == " ":
        verb_at += 1
    if _real_action_re().match(text, verb_at) or _is_verb_at(text, verb_at):
        return Roles("imperative", 0, verb_at, label_end=label_end)
    # "Việc quyết toán ... phải được Phòng Kinh tế hoàn thành ...": the agent follows "được"
    window = text[verb_at : verb_at + 80]
    action = find_action(text, verb_at)
    candidates = [action.start()] if action is not None and action.start() - verb_at <= 80 else []
    candidates += [verb_at + a for a, _ in verb_spans(window)]  # verbs the lexicon lacks ("gửi")
    for at in sorted(set(candidates)):
        agent = _strip_span(text, verb_at, at)
        if agent and looks_like_agent(text[agent[0] : agent[1]]):
            coord, action_start = (
                _coordinators(text, action) if action is not None and action.start() == at else (None, at)
            )
            return Roles("subject", 0, action_start, None, None, agent, coord, label_end)
    return None


def _best_trigger(text: str, start: int) -> re.Match[str] | None:
    """The first trigger whose addressee is an agent ("nhấn mạnh, thời gian ..., vì vậy yêu cầu
    các cấp ủy ..."), else the first trigger."""
    first = find_trigger(text, start)
    trig = first
    while trig is not None:
        after = text[trig.end() :].lstrip(" :")
        if looks_like_agent(" ".join(after.split()[:4])) or _addresses_a_place(text, trig.end()):
            return trig
        trig = find_trigger(text, trig.end())
    return first


def _addresses_a_place(text: str, after: int) -> bool:
    """ "đề nghị tỉnh chỉ đạo các địa phương ...": the trigger's addressee is a locality, so a
    later trigger ("chỉ đạo") is part of its task."""
    action = find_action(text, after)
    return action is not None and _is_addressed_place(text[after : action.start()].strip(" :,"))


def _addressee_start(text: str, pos: int) -> int:
    """Where the addressee after a trigger begins: past spaces, ':' and ',', and past "cho"
    when an agency follows it ("giao nhiệm vụ cho Sở X", not "giao nhiệm vụ cho tháng 11")."""
    while pos < len(text) and text[pos] in " :,":
        pos += 1
    m = phrase_pattern(D, "trigger.before_addressee").match(text, pos)
    if m and looks_like_agent(" ".join(text[m.end() :].split()[:4])):
        pos = m.end()
        while pos < len(text) and text[pos] == " ":
            pos += 1
    return pos


def _assenting_speaker(text: str, start: int, trigger_at: int) -> Span | None:
    """ "Chủ tịch UBND tỉnh đồng ý đề xuất của Sở Y tế, giao Sở Tài chính ...": a speaker who
    first agrees, then hands out the task. The speaker, or None."""
    clause = text[start:trigger_at]
    assent = phrase_pattern(D, "trigger.assent_verbs").search(clause)
    if assent is None:
        return None
    speaker = _strip_span(text, start, start + assent.start())
    if speaker is None:
        return None
    phrase = text[speaker[0] : speaker[1]]
    if _speaker_re().match(phrase) or _body_re().fullmatch(phrase):
        return speaker
    return None


def _subject_acts_before(text: str, start: int, trigger_at: int) -> bool:
    """An agency and its own action come before the trigger."""
    action = find_action(text, start, allow_upper_at=start)
    if action is None or action.start() >= trigger_at:
        return False
    subject = text[start : action.start()].strip(" ,")
    if not subject:
        return False
    only_adverbs = not text[action.start() : trigger_at].strip(" ,") or phrase_pattern(
        D, "action.modals"
    ).fullmatch(text[action.start() : trigger_at].strip(" ,"))
    if _speaker_re().match(subject) and only_adverbs:
        return False  # "Chủ tịch UBND tỉnh cũng giao ...": the speaker, not an assignee
    return looks_like_agent(subject) and opens_real_action(text, action.start())


def _strip_span(text: str, a: int, b: int) -> Span | None:
    while a < b and text[a] in " ,:;":
        a += 1
    while b > a and text[b - 1] in " ,:;":
        b -= 1
    return (a, b) if b > a else None


def _coordinators(text: str, action: re.Match[str] | None) -> tuple[Span | None, int | None]:
    """After 'chủ trì,' or at the action: 'phối hợp với Y, Z' up to the real action."""
    if action is None:
        return None, None
    coord_re = phrase_pattern(D, "action.coordinate")
    lead_re = phrase_pattern(D, "action.lead")
    pos = action.start()
    m = lead_re.match(text, pos)
    if m:
        pos = m.end()
        while pos < len(text) and text[pos] in " ,":
            pos += 1
    c = coord_re.match(text, pos) or (
        m and phrase_pattern(D, "action.coordinate_after_lead").match(text, pos)
    )
    if not c:
        if m:  # "chủ trì" followed directly by the action
            nxt = find_action(text, pos)
            return None, nxt.start() if nxt else pos
        return None, action.start()
    after = c.end()
    nxt = find_action(text, after)
    end = nxt.start() if nxt else len(text)
    span = _strip_span(text, after, end)
    return span, (nxt.start() if nxt else None)


# ---------------------------------------------------------------- agent lists


@cache
def _split_head_re() -> re.Pattern[str]:
    heads = sorted(words(A, "agency.heads") + words(A, "agency.person_titles"), key=len, reverse=True)
    starts = words(A, "agency.collective_starts")
    alts = [re.escape(h) + r"(?![\w])" for h in heads] + [re.escape(s) + r"\s" for s in starts]
    return re.compile(r"(?:" + "|".join(alts) + r")")


def split_agents(phrase: str) -> list[str]:
    """'các cấp, các ngành, các địa phương' -> three; 'Sở Văn hóa, Thể thao và Du lịch' -> one.

    Split at ';' always (a table cell "Công an tỉnh; UBND xã An Thạnh"); at ', ' only before
    a new head ('các', 'Sở', 'UBND', a title); at ' và ' before a new head or a lower-case
    noun ('các ngành và địa phương'); never inside a known full name ("Văn phòng HĐND và UBND").
    """
    phrase = phrase.strip(" ,;:.")
    phrase = re.sub(r"\s*\((?:qua|thông qua)[^)]*\)", "", phrase)
    if not phrase:
        return []
    parts: list[str] = []
    cur_start = 0
    head_re = _split_head_re()
    names = [m.span() for m in _protected_re().finditer(phrase)]
    for m in re.finditer(r"\s*;\s*|,\s+|\s+và\s+|\s+cùng\s+", phrase):
        if any(a < m.start() and m.end() < b for a, b in names):
            continue
        rest = phrase[m.end() :]
        new_head = head_re.match(rest) is not None
        is_and = "và" in m.group(0) or "cùng" in m.group(0)
        if ";" in m.group(0) or new_head or (is_and and rest[:1].islower()):
            piece = phrase[cur_start : m.start()].strip(" ,")
            if piece:
                parts.append(piece)
            cur_start = m.end()
    last = phrase[cur_start:].strip(" ,")
    if last:
        parts.append(last)
    return parts
