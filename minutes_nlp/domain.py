"""Which sector a task belongs to: taxonomy keywords, blended with the trained classifier.

Keyword scores come from ``data/taxonomy.toml`` (strong phrases weigh 3, others 1). The
action phrase counts double, a topic label ("Về đô thị:") triple: they say what the task is
about; the rest of the clause (who, when) says less.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from minutes_nlp.taxonomy import FALLBACK_DOMAIN, taxonomy


@dataclass(frozen=True)
class DomainGuess:
    code: str
    score: float
    source: str  # "keywords", "model", "keywords+model", "default"


@cache
def _patterns() -> dict[str, list[tuple[re.Pattern[str], float]]]:
    out: dict[str, list[tuple[re.Pattern[str], float]]] = {}
    for code, spec in taxonomy().items():
        pats = []
        for weight, key in ((3.0, "strong"), (1.0, "keywords")):
            for phrase in spec.get(key, []):
                body = re.escape(phrase).replace(r"\ ", r"\s+")
                pats.append((re.compile(rf"(?<![\w])(?:{body})(?![\w])", re.IGNORECASE), weight))
        out[code] = pats
    return out


def keyword_scores(text: str) -> dict[str, float]:
    scores = {}
    for code, pats in _patterns().items():
        s = sum(w * len(p.findall(text)) for p, w in pats)
        if s:
            scores[code] = s
    return scores


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
) -> DomainGuess:
    scores: dict[str, float] = {}
    rest, names = split_names(clause)
    for text, factor in ((action, 2.0), (rest, 1.0), (names, 0.5), (label or "", 3.0)):
        for code, s in keyword_scores(text).items():
            scores[code] = scores.get(code, 0.0) + factor * s
    total = sum(scores.values())
    kw = {c: s / total for c, s in scores.items()} if total else {}
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
