"""Which sector a task belongs to: taxonomy keywords, blended with the trained classifier.

Keyword scores come from ``data/taxonomy.toml`` (strong phrases weigh 3, others 1). The
action phrase counts double, a topic label ("Về đô thị:") triple: they say what the task is
about; the rest of the clause (who, when) says less.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from minutes_nlp.taxonomy import FALLBACK_DOMAIN, taxonomy

# keyword evidence is shrunk toward "no opinion" before blending with the model; on corpus/dev
# domain accuracy was 0.791 without smoothing, 0.802 with 2, 0.797 with 6 (one strong phrase = 3)
SMOOTHING = 2.0
TOPIC_FACTOR = (
    0.6  # the meeting's title as a weak prior; corpus/dev domain 0.794 without, 0.815 at 0.6 and at 1.0
)
AGENCY_WORD_PREFIX = "a_"  # marks the lead agency's words in the domain model's input
# A "grounding" rule (keep the model's choice among sectors the clause names) was dropped
# when the model learned from the pipeline's own clauses: on corpus/dev, model trained on
# 375 documents, mean of 3 seeds, domain accuracy 0.873 with it against 0.880 without.


@dataclass(frozen=True)
class DomainGuess:
    code: str
    score: float
    source: str  # "keywords", "model", "keywords+model", "default"


@cache
def _keyword_index() -> tuple[re.Pattern[str], dict[str, tuple[str, float]]]:
    """One alternation of every taxonomy phrase, longest first, so that overlapping phrases
    count once, for the longest ('an toàn giao thông' is security, not transport)."""
    owner: dict[str, tuple[str, float]] = {}
    for code, spec in taxonomy().items():
        for weight, key in ((3.0, "strong"), (1.0, "keywords")):
            for phrase in spec.get(key, []):
                owner.setdefault(" ".join(phrase.lower().split()), (code, weight))
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(owner, key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?:{body})(?![\w])", re.IGNORECASE), owner


def keyword_scores(text: str) -> dict[str, float]:
    pattern, owner = _keyword_index()
    scores: dict[str, float] = {}
    for m in pattern.finditer(text):
        code, weight = owner[" ".join(m.group(0).lower().split())]
        scores[code] = scores.get(code, 0.0) + weight
    return scores


def model_text(clause: str, assignees: Sequence[str] = ()) -> str:
    """What the domain model reads: marker words for the taxonomy codes whose keywords occur
    in the clause (so the model learns how far to trust each lexicon), the clause, then the
    lead agencies' words marked as such.
    (Blanking agency names was measured: model accuracy on corpus/dev 0.717 against 0.753.
    The lead agency is often not in the clause: "Giao Sở Y tế: a) ...; b) ..." - its marked
    words took corpus/dev domain accuracy from 0.905 to 0.910, mean of 2 seeds.)"""
    rest, _ = split_names(clause)
    codes = sorted(keyword_scores(rest))
    text = " ".join(f"xxkw{code}" for code in codes) + " " + clause
    marked = " ".join(agency_words(name) for name in assignees)
    return f"{text} {marked}" if marked else text


def agency_words(name: str) -> str:
    """Each word of an agency name with a marker prefix, so "Sở Y tế" leading a task is a
    different feature from "y tế" in its text."""
    from minutes_nlp.tokens import word_spans

    words = (name[a:b].lower() for a, b in word_spans(name))
    return " ".join(AGENCY_WORD_PREFIX + w for w in words if w[:1].isalnum())


def clause_and_action(clause: str, action: str, has_label: bool) -> tuple[str, str]:
    """The part of a unit that says what the task is about. "Chuẩn bị các hội nghị: <topics>"
    without a topic label: the sector of the action, not of the topics listed after it."""
    if has_label:
        return clause, action
    return clause.split(":", 1)[0], action.split(":", 1)[0]


def split_names(clause: str) -> tuple[str, str]:
    """(clause with agency names blanked, the names): who does a task says less than what."""
    from minutes_nlp.roles import protected_spans

    chars = list(clause)
    names = []
    for a, b in protected_spans(clause):
        names.append(clause[a:b])
        for i in range(a, b):
            chars[i] = " "
    return "".join(chars), " ; ".join(names)


def guess_domain(
    action: str,
    clause: str,
    label: str | None,
    model_probs: dict[str, float] | None,
    model_weight: float = 0.5,
    topic: str | None = None,
) -> DomainGuess:
    """``topic`` is the meeting's title: a weak prior for every task of the document."""
    scores: dict[str, float] = {}
    rest, names = split_names(clause)
    for text, factor in (
        (action, 2.0),
        (rest, 1.0),
        (names, 0.5),
        (label or "", 3.0),
        (topic or "", TOPIC_FACTOR),
    ):
        for code, s in keyword_scores(text).items():
            if factor * s > 0:
                scores[code] = scores.get(code, 0.0) + factor * s
    total = sum(scores.values())
    kw = {c: s / (total + SMOOTHING) for c, s in scores.items()} if total else {}
    if model_probs:
        blended = {c: (1 - model_weight) * kw.get(c, 0.0) + model_weight * p for c, p in model_probs.items()}
        code = max(blended, key=lambda c: (blended[c], c == FALLBACK_DOMAIN))
        return DomainGuess(code, round(blended[code], 3), "keywords+model" if kw else "model")
    if not kw:
        return DomainGuess(FALLBACK_DOMAIN, 0.0, "default")
    # general steering words are weak evidence when a sector is also named
    if len(kw) > 1 and max(kw, key=kw.get) == FALLBACK_DOMAIN:
        others = {c: s for c, s in kw.items() if c != FALLBACK_DOMAIN}
        best_other = max(others, key=others.get)
        if others[best_other] >= 0.8 * kw[FALLBACK_DOMAIN]:
            return DomainGuess(best_other, round(others[best_other], 3), "keywords")
    code = max(kw, key=lambda c: (kw[c], c == FALLBACK_DOMAIN))
    return DomainGuess(code, round(kw[code], 3), "keywords")
