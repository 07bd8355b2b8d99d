"""Statistics of the annotated corpus, for the corpus card (corpus/README.md).

Run from the project root (with the venv active):

    python scripts/corpus_stats.py                    # print the tables
    python scripts/corpus_stats.py --json stats.json  # also write them as JSON
    python scripts/corpus_stats.py --root corpus      # another corpus folder

The genre of a document comes from its file name: the prefix letter is the writer
(a_ .. u_, then v_ .. yg_), the first word after it the kind (``a_hop_...`` -> writer a, kind ``hop``).
``GENRES`` maps kinds to human genre names; a two-word key (``c_so_ket``) wins over a
one-word key (``c_so``) where the first word alone is ambiguous.
Standard library + the project package only.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from minutes_nlp.corpus import DOMAIN_RECORD, SPLITS, GoldDocument, GoldTask, iter_pairs, load_document
from minutes_nlp.taxonomy import domain_codes

PARTY = "party committee meeting news"
SECTOR = "department / sector meeting news"
NO_DIRECTIVE = "news without directives (results, ceremony, visit)"
UBND = "UBND meeting press release"
GIAOBAN = "district / commune giao ban news"
NOTICE = "conclusion notice (Thông báo kết luận)"
RESOLUTION = "government resolution (Nghị quyết)"
TABLE = "document with a task table"
SHORT_NOTE = "very short directive note"
NO_DIACRITICS = "text without diacritics"
NOISY = "noisy press release (PDF/web residue)"
MINUTES = "minutes (Biên bản) of companies, schools, hospitals, cooperatives"
THEMATIC = "thematic meeting, one sector with neighbours (news, notice, minutes)"

GENRES: dict[str, str] = {
    "a_hop": UBND,
    "a_hopkhan": UBND,
    "a_lamviec": UBND,
    "a_hoinghi": UBND,
    "a_doithoai": UBND,
    "a_kiemtra": UBND,
    "a_giaoban": "district / commune giao ban news",
    "a_baocao": NO_DIRECTIVE,
    "a_bieuduong": NO_DIRECTIVE,
    "a_khanhthanh": NO_DIRECTIVE,
    "a_thamtet": NO_DIRECTIVE,
    "b_thong": "conclusion notice (Thông báo kết luận)",
    "b_nghi": "government resolution (Nghị quyết)",
    "c_tinh": PARTY,
    "c_thanh": PARTY,
    "c_huyen": PARTY,
    "c_thi": PARTY,
    "c_dang": PARTY,
    "c_bch": PARTY,
    "c_so": SECTOR,
    "c_cuc": SECTOR,
    "c_bchqs": SECTOR,
    "c_cong_an": SECTOR,
    "c_cong_van": "follow-up letter / plan to districts",
    "c_ke": "follow-up letter / plan to districts",
    "c_so_ket": NO_DIRECTIVE,
    "c_tong": NO_DIRECTIVE,
    "c_khanh": NO_DIRECTIVE,
    "c_hoi": NO_DIRECTIVE,
    "c_lay": NO_DIRECTIVE,
    "c_le": NO_DIRECTIVE,
    "c_tham": NO_DIRECTIVE,
    "c_toa": NO_DIRECTIVE,
    "c_trao": NO_DIRECTIVE,
    "d_bienban": "minutes of companies, cooperatives, other bodies",
    "d_giaoban": "hospital / health centre briefing minutes",
    "d_hop": "school / university meeting minutes",
    "e_tintuc": "noisy press release (PDF/web residue)",
    "e_thongcao": "noisy press release (PDF/web residue)",
    "e_bangnhiemvu": "document with a task table",
    "e_bienban": "transcript-like minutes (speaker turns)",
    "e_khongdau": "text without diacritics",
    "e_chidao": "very short directive note",
    # second round (writers f-o, 2026-11-28), written with corpus/DOMAIN_GUIDE.md
    "f_giaoban": GIAOBAN,
    "f_hop": UBND,
    "f_hopkhan": UBND,
    "f_khongdau": NO_DIACRITICS,
    "g_bang": TABLE,
    "g_chi": SHORT_NOTE,
    "g_nghi": RESOLUTION,
    "g_thong": NOTICE,
    "h_bienban": MINUTES,
    "i_bchqs": SECTOR,
    "i_bqlda": SECTOR,
    "i_so": SECTOR,
    "i_btv": PARTY,
    "i_tin": NOISY,
    "j_hop": UBND,
    "j_hopchuyende": UBND,
    "j_hoptructuyen": UBND,
    "j_lamviec": UBND,
    "j_phienhop": UBND,
    "k_chuyen": SHORT_NOTE,
    "k_thong": NOTICE,
    "l_bienban": MINUTES,
    "m_dang": PARTY,
    "m_thuongvu": PARTY,
    "m_giaoban": SECTOR,
    "m_hop": SECTOR,
    "m_soket": SECTOR,
    "m_pdf": NOISY,
    "m_web": NOISY,
    "m_tin": NO_DIRECTIVE,
    "n_ghichu": SHORT_NOTE,
    "n_giaoban": GIAOBAN,
    "n_nq": RESOLUTION,
    "n_soket": NO_DIRECTIVE,
    "o_bienban": THEMATIC,
    "o_ketluan": THEMATIC,
    "o_thongbao": THEMATIC,
    "o_thongcao": THEMATIC,
    "o_tin": THEMATIC,
    # third round (writers p-u): specific kinds; the rest falls back to WRITER_GENRES
    "q_bangnhiemvu": TABLE,
    "q_chidao": SHORT_NOTE,
    "u_ghichu": SHORT_NOTE,
    "u_ghinhanh": SHORT_NOTE,
    "s_nghi": RESOLUTION,
    "s_thong": NOTICE,
    "s_dang": PARTY,
    "s_huyen": PARTY,
    "s_tinh": PARTY,
    "s_hop": SECTOR,
    "s_giao": SECTOR,
    # fourth round (writers v-yg): specific kinds; the rest falls back to WRITER_GENRES
    "v_hop": UBND,
    "v_hoinghi": UBND,
    "v_lamviec": UBND,
    "v_doithoai": UBND,
    "v_giaoban": GIAOBAN,
    "w_thong": NOTICE,
    "w_bang": TABLE,
    "yc_bang": TABLE,
    "za_nghi": RESOLUTION,
    "z_btv": PARTY,
    "z_dang": PARTY,
    "z_huyen": PARTY,
    "z_thanh": PARTY,
}

# A writer's genre when the kind is not listed above.
WRITER_GENRES: dict[str, str] = {
    "p": "provincial meeting, mixed agenda (news, notice)",
    "q": "district / commune meeting, mixed agenda (news, notice, minutes)",
    "r": MINUTES,
    "t": SECTOR,
    "u": "emergency meetings and mixed hard cases",
    "x": "minutes of companies, cooperatives, industrial-park boards",
    "y": "minutes and news of hospitals, schools, colleges, social centres",
    "z": SECTOR,
    "za": "government and ministry meetings (PM notices, ministry news)",
    "zb": THEMATIC,
    "zc": "emergency and steering-committee meetings (clean, noisy, transcripts)",
    "ya": "commune / ward meetings (news, weekly minutes, notices)",
    "yb": "steering committees, People's Council supervision conclusions",
    "yc": "letters conveying a leader's directions, short notes",
    "yd": "public service units, state companies, ministry delegations",
    "ye": "transcript-like minutes, dialogues with citizens or businesses",
    "yf": "city meetings on urban matters, site inspections",
    "yg": "noisy or unaccented texts (mixed genres)",
    "xa": "money meets sectors: budgets, funds, public assets, prices",
    "xb": "investment projects, construction and land",
    "xc": "social affairs, culture, education and labour",
    "xd": "public order, security, defence and traffic",
    "xe": "digital transformation, administrative reform, inspection",
    "xf": "agriculture, forestry, environment and disasters",
    "xg": "regular meetings with a mixed agenda",
    "xh": "internal meetings of companies, hospitals, colleges, centres",
    # sixth round: the doer's sector is not the task's sector
    "wa": "schools, colleges, education offices acting beyond education",
    "wb": "hospitals, health centres, health offices acting beyond health",
    "wc": "companies, cooperatives, utilities acting beyond business",
    "wd": "police, military, traffic-safety bodies acting beyond security",
    "we": "farming, forestry, rural communes acting beyond agriculture",
    "wf": "finance, planning, tax bodies acting on the sectors they fund",
    "wg": "culture, labour, social and mass organisations acting beyond their sector",
    "wh": "UBND meetings, mixed agenda, sector bodies given other sectors' tasks",
    "wi": "government and ministry conclusions, ministries given other sectors' tasks",
    "wj": "party committees, mass organisations, People's Council supervision",
    "wk": "commune / ward officials given tasks outside their field",
    "wl": "construction, transport and project boards acting beyond their works",
    "wm": "environment bodies and disaster committees acting on other sectors",
    "wn": "digital and reform bodies: a sector's system or procedure against the sector",
    "wo": "inspection, complaints, audits and law-making against the sector fixing it",
    "wp": "transcripts, dialogues, noisy and unaccented texts (mixed sectors)",
    # seventh round: neighbouring sectors and ordinary documents
    "wq": "companies whose business is a sector (water, power, waste, mining, tourism)",
    "wr": "investment, industrial parks, trade and business dialogues",
    "ws": "rural environment, livestock, forests, rivers, coasts and disasters",
    "wt": "inspection, discipline, budget settlement and reform reviews",
    "wu": "children, youth, elderly, disability, poverty, labour and sport",
    "wv": "digital transformation as one agenda item of sector meetings",
    "ww": "periodic review meetings: general steering against named sectors",
    "wx": "ordinary press releases, conclusion notices, giao ban news, short notes",
}

# Share of non-ASCII letters below which a text counts as typed without diacritics.
NO_DIACRITICS_MAX_SHARE = 0.02


def writer_and_kind(name: str) -> tuple[str, str]:
    """('a', 'hop') from 'a_hop_ubnd_...': the writer prefix and the first word after it."""
    parts = name.split("_")
    return parts[0], parts[1] if len(parts) > 1 else ""


def genre_of(name: str) -> str:
    """Human genre name: a two-word key first, then the one-word kind, else the raw kind."""
    parts = name.split("_")
    for width in (3, 2):
        key = "_".join(parts[:width])
        if key in GENRES:
            return GENRES[key]
    writer, kind = writer_and_kind(name)
    return WRITER_GENRES.get(writer, f"{writer}: {kind}")


def has_no_diacritics(text: str) -> bool:
    """Letters present but (almost) none of them non-ASCII: a text typed without accents."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    accented = sum(1 for c in letters if not c.isascii())
    return accented / len(letters) < NO_DIACRITICS_MAX_SHARE


def share(part: int, whole: int) -> float:
    return round(part / whole, 3) if whole else 0.0


def load_readable(folder: Path) -> list[GoldDocument]:
    """Documents of one split folder; a pair still being written (no text, bad JSON) is skipped."""
    docs = []
    for txt, gold in iter_pairs(folder):
        try:
            docs.append(load_document(txt, gold))
        except (OSError, ValueError, KeyError) as exc:
            print(f"skipped {gold.name}: {exc}", file=sys.stderr)
    return docs


def load_corpus(root: Path) -> dict[str, list[GoldDocument]]:
    """Documents per split; a missing split folder counts as empty."""
    return {split: load_readable(root / split) if (root / split).is_dir() else [] for split in SPLITS}


def count_table(
    docs_by_split: dict[str, list[GoldDocument]], key: Callable[[GoldDocument], str]
) -> dict[str, dict[str, int]]:
    """key(doc) -> {docs, tasks, empty, <split>_docs} rows, sorted by key."""
    rows: dict[str, dict[str, int]] = {}
    for split, docs in docs_by_split.items():
        for doc in docs:
            row = rows.setdefault(key(doc), {"docs": 0, "tasks": 0, "empty": 0} | {s: 0 for s in SPLITS})
            row["docs"] += 1
            row["tasks"] += len(doc.tasks)
            row["empty"] += not doc.tasks
            row[split] += 1
    return dict(sorted(rows.items()))


def split_table(docs_by_split: dict[str, list[GoldDocument]]) -> dict[str, dict[str, int]]:
    return {
        split: {
            "docs": len(docs),
            "tasks": sum(len(d.tasks) for d in docs),
            "empty": sum(not d.tasks for d in docs),
        }
        for split, docs in docs_by_split.items()
    }


def domain_table(docs_by_split: dict[str, list[GoldDocument]]) -> dict[str, dict[str, int]]:
    """Tasks per taxonomy code, in contract order: all splits and per split."""
    counts = {s: Counter(t.domain for d in docs for t in d.tasks) for s, docs in docs_by_split.items()}
    codes = list(domain_codes()) + sorted({c for cnt in counts.values() for c in cnt} - set(domain_codes()))
    return {
        code: {"all": sum(c[code] for c in counts.values())} | {s: counts[s][code] for s in SPLITS}
        for code in codes
    }


def field_shares(tasks: list[GoldTask]) -> dict[str, float]:
    """Share of tasks carrying each optional field."""
    n = len(tasks)
    return {
        "deadline": share(sum(t.deadline is not None for t in tasks), n),
        "deadline_alt": share(sum(bool(t.deadline_alt) for t in tasks), n),
        "target": share(sum(t.target_value is not None or t.target_unit is not None for t in tasks), n),
        "coordinators": share(sum(bool(t.coordinators) for t in tasks), n),
        "assignees": share(sum(bool(t.assignees) for t in tasks), n),
    }


def year_counts(docs: list[GoldDocument]) -> dict[str, int]:
    """Documents per meeting year ('none' when meeting.date is null)."""
    years = Counter((d.meeting_date or "none")[:4] for d in docs)
    return dict(sorted(years.items()))


def per_document(docs: list[GoldDocument]) -> dict[str, float | int]:
    """Text length and gold task count per document."""
    lengths = [len(d.text) for d in docs]
    counts = [len(d.tasks) for d in docs]
    with_tasks = [c for c in counts if c]
    return {
        "chars_mean": round(statistics.mean(lengths)) if lengths else 0,
        "chars_median": round(statistics.median(lengths)) if lengths else 0,
        "chars_min": min(lengths, default=0),
        "chars_max": max(lengths, default=0),
        "tasks_mean": round(statistics.mean(counts), 2) if counts else 0,
        "tasks_median": statistics.median(counts) if counts else 0,
        "tasks_max": max(counts, default=0),
        "tasks_mean_nonempty": round(statistics.mean(with_tasks), 2) if with_tasks else 0,
        "with_chair": sum(d.chair is not None for d in docs),
        "with_date": sum(d.meeting_date is not None for d in docs),
    }


def task_histogram(docs: list[GoldDocument]) -> dict[str, int]:
    """Documents by gold task count, buckets 0, 1-3, 4-9, 10+."""
    buckets: Counter[str] = Counter()
    for d in docs:
        n = len(d.tasks)
        buckets["0" if n == 0 else "1-3" if n <= 3 else "4-9" if n <= 9 else "10+"] += 1
    return {k: buckets[k] for k in ("0", "1-3", "4-9", "10+")}


def collect(root: Path) -> dict:
    """Every statistic of the corpus card as one JSON-ready dict."""
    by_split = load_corpus(root)
    docs = [d for split_docs in by_split.values() for d in split_docs]
    tasks = [t for d in docs for t in d.tasks]
    no_diacritics = sorted(d.name for d in docs if has_no_diacritics(d.text))
    return {
        "root": str(root),
        "documents": len(docs),
        "tasks": len(tasks),
        "splits": split_table(by_split),
        "writers": count_table(by_split, lambda d: writer_and_kind(d.name)[0]),
        "genres": count_table(by_split, lambda d: f"{writer_and_kind(d.name)[0]} | {genre_of(d.name)}"),
        "kinds": count_table(by_split, lambda d: "_".join(writer_and_kind(d.name))),
        "empty_documents": sorted(d.name for d in docs if not d.tasks),
        "domains": domain_table(by_split),
        "field_shares": field_shares(tasks),
        "field_shares_by_split": {
            s: field_shares([t for d in ds for t in d.tasks]) for s, ds in by_split.items()
        },
        "no_diacritics": {
            "count": len(no_diacritics),
            "by_split": {s: sum(has_no_diacritics(d.text) for d in ds) for s, ds in by_split.items()},
            "names": no_diacritics,
        },
        "years": year_counts(docs),
        "per_document": per_document(docs),
        "task_histogram": task_histogram(docs),
        "domain_agreement": domain_agreement(root),
    }


# Writers grouped by what they had when they first labelled domains.
DOMAIN_ROUNDS = {
    "a-e (before the domain guide)": tuple("abcde"),
    "f-i (first version of the guide)": tuple("fghi"),
    "j-u (revised guide)": tuple("jklmnopqrstu"),
    "v-yg (revised guide, fourth round)": ("v", "w", "x", "y", "z", "za", "zb", "zc")
    + ("ya", "yb", "yc", "yd", "ye", "yf", "yg"),
    "xa-xh (revised guide, fifth round)": ("xa", "xb", "xc", "xd", "xe", "xf", "xg", "xh"),
    "wa-wp (revised guide, sixth round)": ("wa", "wb", "wc", "wd", "we", "wf", "wg", "wh")
    + ("wi", "wj", "wk", "wl", "wm", "wn", "wo", "wp"),
    "wq-wx (revised guide, seventh round)": ("wq", "wr", "ws", "wt", "wu", "wv", "ww", "wx"),
}


def domain_agreement(root: Path) -> dict[str, dict[str, float | int]]:
    """Agreement of the first (writer's) and the blind second domain label, from
    ``DOMAIN_RECORD`` (checked against the gold by the validator): observed agreement, Cohen's kappa, and how many
    gold labels adjudication changed."""
    path = root / DOMAIN_RECORD
    if not path.exists():
        return {}
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    groups: dict[str, list[dict]] = {"all": rows}
    for name, writers in DOMAIN_ROUNDS.items():
        groups[name] = [r for r in rows if r["id"].split("/")[1].split("_", 1)[0] in writers]
    for split in SPLITS:
        groups[split] = [r for r in rows if r["id"].startswith(split + "/")]
    return {name: _agreement(rs) for name, rs in groups.items() if rs}


def _agreement(rows: list[dict]) -> dict[str, float | int]:
    n = len(rows)
    observed = sum(r["first"] == r["second"] for r in rows) / n
    first = Counter(r["first"] for r in rows)
    second = Counter(r["second"] for r in rows)
    expected = sum(first[c] * second[c] for c in first) / (n * n)
    kappa = (observed - expected) / (1 - expected) if expected < 1 else 1.0
    changed = sum(r["final"] != r["first"] for r in rows)
    return {"tasks": n, "agreement": round(observed, 3), "kappa": round(kappa, 3), "changed": changed}


def format_rows(title: str, rows: dict[str, dict[str, int]], columns: list[str]) -> list[str]:
    """A plain-text table: one key column then the given numeric columns."""
    width = max([len(title)] + [len(k) for k in rows])
    lines = [f"{title:<{width}}  " + "  ".join(f"{c:>6}" for c in columns)]
    lines += [f"{k:<{width}}  " + "  ".join(f"{row[c]:>6}" for c in columns) for k, row in rows.items()]
    return lines


def render(stats: dict) -> str:
    """The statistics as readable text."""
    cols = ["docs", "tasks", "empty", *SPLITS]
    lines = [f"corpus {stats['root']}: {stats['documents']} documents, {stats['tasks']} tasks", ""]
    lines += format_rows("split", stats["splits"], ["docs", "tasks", "empty"]) + [""]
    lines += format_rows("writer", stats["writers"], cols) + [""]
    lines += format_rows("writer | genre", stats["genres"], cols) + [""]
    lines += format_rows("kind", stats["kinds"], cols) + [""]
    lines += format_rows("domain", stats["domains"], ["all", *SPLITS]) + [""]
    lines.append("task field shares (all): " + json.dumps(stats["field_shares"]))
    for split, shares in stats["field_shares_by_split"].items():
        lines.append(f"task field shares ({split}): " + json.dumps(shares))
    lines.append(f"documents without tasks: {len(stats['empty_documents'])}")
    no_marks = stats["no_diacritics"]
    lines.append(f"texts without diacritics: {no_marks['count']} " + json.dumps(no_marks["by_split"]))
    lines.append("meeting years: " + json.dumps(stats["years"]))
    lines.append("per document: " + json.dumps(stats["per_document"]))
    lines.append("gold tasks per document: " + json.dumps(stats["task_histogram"]))
    if stats["domain_agreement"]:
        lines += ["", "domain labels, writer vs blind second annotator:"]
        lines += format_rows(
            "tasks of", stats["domain_agreement"], ["tasks", "agreement", "kappa", "changed"]
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Print statistics of the annotated corpus.")
    parser.add_argument("--root", type=Path, default=Path("corpus"), help="corpus folder (default: corpus)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the statistics as JSON")
    args = parser.parse_args(argv)
    if not args.root.is_dir():
        print(f"no corpus folder at {args.root}", file=sys.stderr)
        return 2
    stats = collect(args.root)
    print(render(stats))
    if args.json:
        args.json.write_text(json.dumps(stats, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
