"""Grouping evaluation on real reports (kept outside the project: third-party texts).

    python bench/eval_grouping.py SET.jsonl [SET2.jsonl ...] [--why]

Each line of a set: {"id", "incident" (a key naming the attack: reports of one attack share
it), "lang", "outlet", "published" (YYYY-MM-DD), "url", "text"}. Every report is ingested in
publication order into a fresh database, as a documenter would (`ingest --ref-date` the day
it was published), and the incident each report's first reading ended in (after grouping)
is compared with the set's own grouping, pair by pair: pairs of reports of one attack
grouped (recall), pairs of different attacks grouped (precision, which matters more: a
wrong grouping hides an attack), and pairs not grouped but offered as a candidate.
``--why`` prints, for each pair missed, what the two incidents were read as.
"""

from __future__ import annotations

import itertools
import json
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from tawthiq import services
from tawthiq.services import grouping
from tawthiq.services.incidents import get_incident
from tawthiq.services.ingest import ingest_report


@dataclass
class Reading:
    """Where one report went: the incidents it was saved to (its first reading first), and
    the incidents offered as candidates for them."""

    incidents: list[str] = field(default_factory=list)
    candidates: set[str] = field(default_factory=set)
    added: int = 0


def _ingest(ws: Any, report: dict[str, Any]) -> Reading:
    with ws.writing() as w:
        done = ingest_report(
            w, report["text"], ref_date=date.fromisoformat(report["published"]),
            outlet=report["outlet"], url=report.get("url"),
        )  # fmt: skip
    if done.kept is not None:
        return Reading([i for i, _ in done.kept.incidents])
    first = done.result.incidents[0] if done.result and done.result.incidents else None
    saved = [(i, f) for i, f in done.saved] + [(i, f) for i, f, _ in done.added]
    saved.sort(key=lambda pair: pair[1] is not first)  # the report's first reading first
    return Reading([i for i, _ in saved], {c.incident.id for _, c in done.weaker}, len(done.added))


def evaluate(reports: list[dict[str, Any]], *, why: bool = False) -> dict[str, float]:
    reports = sorted(reports, key=lambda r: (r["published"], r["id"]))
    folder = Path(tempfile.mkdtemp(prefix="tawthiq-eval-group-"))
    ws = services.open_workspace(folder / "eval.db", author="eval", key_dir=folder)
    read = {r["id"]: _ingest(ws, r) for r in reports}
    gold = {r["id"]: r["incident"] for r in reports}
    with ws.db.read() as s:
        first = {k: grouping.root_of(s, v.incidents[0]) if v.incidents else None
                 for k, v in read.items()}  # fmt: skip
        every = {k: {grouping.root_of(s, i) for i in v.incidents} for k, v in read.items()}
        n = {"together": 0, "apart": 0, "grouped": 0, "wrong": 0, "offered": 0}
        missed = []
        for a, b in itertools.combinations(gold, 2):
            same = gold[a] == gold[b]
            joined = first[a] is not None and first[a] == first[b]
            n["together" if same else "apart"] += 1
            if joined:
                n["grouped" if same else "wrong"] += 1
                if not same:
                    print(f"WRONGLY GROUPED: {a} ({gold[a]}) and {b} ({gold[b]})")
            elif same:
                offered = read[a].candidates & every[b] or read[b].candidates & every[a]
                n["offered"] += bool(offered)
                if not offered:
                    missed.append((a, b))
        if why:
            for a, b in missed:
                print(gold[a], _read_as(s, first[a]), "|", _read_as(s, first[b]))
    recall = n["grouped"] / n["together"] if n["together"] else 1.0
    joined = n["grouped"] + n["wrong"]
    precision = n["grouped"] / joined if joined else 1.0
    print(f"{len(reports)} reports of {len(set(gold.values()))} attacks; the reports' first "
          f"readings ended in {len({f for f in first.values() if f})} incidents")  # fmt: skip
    print(f"pairs of reports of one attack: {n['together']}; grouped {n['grouped']} "
          f"(recall {recall:.3f}); of the rest, {n['offered']} offered as a candidate")  # fmt: skip
    print(f"pairs of different attacks: {n['apart']}; wrongly grouped {n['wrong']} "
          f"(precision {precision:.3f})")  # fmt: skip
    print(f"ingest said 'added' {sum(r.added for r in read.values())} times")
    return {"recall": recall, "precision": precision}


def _read_as(session: Any, incident_id: str | None) -> tuple[Any, ...] | None:
    if incident_id is None:
        return None
    v = get_incident(session, incident_id).values
    place = v.get("place_name_en") or v.get("place_name")
    killed = (v.get("killed") or {}).get("max")
    return (v.get("date_start"), v.get("governorate"), place, v.get("incident_type"), killed)


if __name__ == "__main__":
    paths = [a for a in sys.argv[1:] if not a.startswith("--")]
    rows = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            rows += [json.loads(line) for line in f if line.strip()]
    evaluate(rows, why="--why" in sys.argv)
