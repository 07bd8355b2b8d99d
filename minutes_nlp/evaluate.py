"""Scoring predictions against gold, with the definitions of ../shared/eval/score.py.

Same matching (spans overlap by half of each, one-to-one, largest overlap first), same
name normalisation and the same metrics, so ``minutes-nlp evaluate`` and the shared scorer
agree; here the pipeline runs in-process (fast) and misses/false alarms can be listed.
One metric is ours alone: ``coordinator_f1``, the supporting agencies of matched tasks by
the assignees' name F1 (the shared scorer does not look at them).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from minutes_nlp.corpus import GoldDocument, GoldTask

STOP = {"các", "những", "toàn", "bộ"}


def norm_name(s: str) -> str:
    s = unicodedata.normalize("NFC", s or "").lower()
    s = re.sub(r"[^\w\s]", " ", s)
    return " ".join(w for w in s.split() if w not in STOP)


def syllables(s: str) -> list[str]:
    return re.findall(r"\w+", unicodedata.normalize("NFC", s or "").lower())


def bag_f1(a: list[str], b: list[str]) -> float:
    if not a and not b:
        return 1.0
    if not a or not b:
        return 0.0
    common = sum((Counter(a) & Counter(b)).values())
    if common == 0:
        return 0.0
    p, r = common / len(a), common / len(b)
    return 2 * p * r / (p + r)


def name_f1(pred: list[str], gold: list[str]) -> float:
    P = [n for n in (norm_name(x) for x in pred or []) if n]
    G = [n for n in (norm_name(x) for x in gold or []) if n]
    if not P and not G:
        return 1.0
    if not P or not G:
        return 0.0
    used: set[int] = set()
    tp = 0
    for p in P:
        for i, g in enumerate(G):
            if i not in used and (p == g or p in g or g in p):
                used.add(i)
                tp += 1
                break
    if tp == 0:
        return 0.0
    prec, rec = tp / len(P), tp / len(G)
    return 2 * prec * rec / (prec + rec)


def match(pred: list[dict], gold: tuple[GoldTask, ...]) -> list[tuple[dict, GoldTask]]:
    cands = []
    for pi, p in enumerate(pred):
        ps, pe = int(p["start"]), int(p["end"])
        for gi, g in enumerate(gold):
            ov = min(pe, g.end) - max(ps, g.start)
            if ov > 0 and ov >= 0.5 * (g.end - g.start) and ov >= 0.5 * max(1, pe - ps):
                cands.append((ov, pi, gi))
    cands.sort(reverse=True)
    used_p, used_g, pairs = set(), set(), []
    for _, pi, gi in cands:
        if pi in used_p or gi in used_g:
            continue
        used_p.add(pi)
        used_g.add(gi)
        pairs.append((pred[pi], gold[gi]))
    return pairs


def deadline_ok(p: dict, g: GoldTask) -> bool:
    d = p.get("deadline")
    pd = d.get("date") if isinstance(d, dict) else None
    return pd in [g.deadline, *g.deadline_alt]


def target_ok(p: dict, g: GoldTask) -> bool:
    t = p.get("target") if isinstance(p.get("target"), dict) else None
    if g.target_value is None:
        return t is None or t.get("value") is None
    if not t or t.get("value") is None:
        return False
    same = abs(float(t["value"]) - float(g.target_value)) < 1e-6
    pu, gu = norm_name(str(t.get("unit") or "")), norm_name(str(g.target_unit or ""))
    return same and (pu == gu or (bool(pu) and bool(gu) and (gu.startswith(pu) or pu.startswith(gu))))


@dataclass
class Report:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    full_tp: int = 0
    acc: dict[str, list[float]] = field(
        default_factory=lambda: {
            k: [] for k in ("deadline", "target", "domain", "assignee", "coordinator", "task")
        }
    )
    meeting_date: list[bool] = field(default_factory=list)
    chair: list[bool] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)

    def summary(self, docs: int) -> dict[str, float | int]:
        P = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        R = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        fP = self.full_tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        fR = self.full_tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

        def f1(p: float, r: float) -> float:
            return 0.0 if p + r == 0 else 2 * p * r / (p + r)

        def mean(xs: list) -> float:
            return round(sum(xs) / len(xs), 4) if xs else 0.0

        return {
            "docs": docs,
            "gold_tasks": self.tp + self.fn,
            "pred_tasks": self.tp + self.fp,
            "detect_p": round(P, 4),
            "detect_r": round(R, 4),
            "detect_f1": round(f1(P, R), 4),
            "full_f1": round(f1(fP, fR), 4),
            "deadline_acc": mean(self.acc["deadline"]),
            "target_acc": mean(self.acc["target"]),
            "domain_acc": mean(self.acc["domain"]),
            "assignee_f1": mean(self.acc["assignee"]),
            "coordinator_f1": mean(self.acc["coordinator"]),
            "task_f1": mean(self.acc["task"]),
            "meeting_date_acc": mean(self.meeting_date),
            "chair_acc": mean(self.chair),
            "failed_docs": len(self.failures),
        }


def score_document(report: Report, gold: GoldDocument, out: dict) -> None:
    """Add one document's prediction (the contract JSON as a dict) to the report."""
    pred = [p for p in out.get("tasks", []) if isinstance(p, dict)]
    bad = [p for p in pred if gold.text[p.get("start", 0) : p.get("end", 0)] != p.get("text")]
    if bad:
        report.failures.append(f"{gold.name}: {len(bad)} task(s) whose text != input[start:end]")
    pairs = match(pred, gold.tasks)
    report.tp += len(pairs)
    report.fp += len(pred) - len(pairs)
    report.fn += len(gold.tasks) - len(pairs)
    for p, g in pairs:
        d, t = deadline_ok(p, g), target_ok(p, g)
        dom = p.get("domain") == g.domain
        asg = name_f1(p.get("assignees") or [], list(g.assignees))
        report.acc["deadline"].append(d)
        report.acc["target"].append(t)
        report.acc["domain"].append(dom)
        report.acc["assignee"].append(asg)
        report.acc["coordinator"].append(name_f1(p.get("coordinators") or [], list(g.coordinators)))
        report.acc["task"].append(bag_f1(syllables(p.get("task", "")), syllables(g.task)))
        if d and dom and asg >= 0.5:
            report.full_tp += 1
        else:
            why = [k for k, ok in (("deadline", d), ("domain", dom), ("assignees", asg >= 0.5)) if not ok]
            report.errors.append(
                {
                    "doc": gold.name,
                    "kind": "wrong",
                    "text": g.quote,
                    "fields": why,
                    "pred": {
                        "deadline": (p.get("deadline") or {}).get("date"),
                        "domain": p.get("domain"),
                        "assignees": p.get("assignees"),
                    },
                    "gold": {"deadline": g.deadline, "domain": g.domain, "assignees": list(g.assignees)},
                }
            )
    matched_gold = {id(g) for _, g in pairs}
    matched_pred = {id(p) for p, _ in pairs}
    for g in gold.tasks:
        if id(g) not in matched_gold:
            report.errors.append({"doc": gold.name, "kind": "missed", "text": g.quote})
    for p in pred:
        if id(p) not in matched_pred:
            report.errors.append({"doc": gold.name, "kind": "false_alarm", "text": p.get("text", "")})
    meeting = out.get("meeting") or {}
    date_ok = meeting.get("date") == gold.meeting_date
    chair_ok = norm_name(meeting.get("chair") or "") == norm_name(gold.chair or "")
    report.meeting_date.append(date_ok)
    report.chair.append(chair_ok)
    if not (date_ok and chair_ok):
        report.errors.append(
            {
                "doc": gold.name,
                "kind": "meeting",
                "text": f"date {meeting.get('date')} vs {gold.meeting_date}; chair {meeting.get('chair')} vs {gold.chair}",
            }
        )


def evaluate(docs: list[GoldDocument], predict: Callable[[GoldDocument], dict]) -> tuple[dict, Report]:
    report = Report()
    for gold in docs:
        try:
            out = predict(gold)
        except Exception as exc:  # noqa: BLE001 - one failing document is a failure, not a crash
            report.failures.append(f"{gold.name}: {type(exc).__name__}: {exc}")
            report.fn += len(gold.tasks)
            report.meeting_date.append(False)
            report.chair.append(False)
            continue
        score_document(report, gold, out)
    return report.summary(len(docs)), report
