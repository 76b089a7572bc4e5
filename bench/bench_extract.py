"""Extractor benchmark: per-report latency on the development corpus, against dateparser.

    python bench/bench_extract.py [../shared/corpus/dev.jsonl]

Needs `pip install dateparser` for the baseline (it is not a dependency of Tawthiq).
Prints load time, median/p90 per report for Tawthiq's full extraction, the same for
``dateparser.search.search_dates(text, languages=["ar", "en"])`` (dates only), their ratio,
and how often each picks the gold incident date.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from datetime import date, datetime
from pathlib import Path


def load(corpus: Path) -> list[tuple[str, date | None, str | None]]:
    docs = []
    for line in corpus.read_text("utf-8").splitlines():
        d = json.loads(line)
        text = d.get("text") or (corpus.parent / d["text_file"]).read_text("utf-8")
        ref = date.fromisoformat(d["publication_date"]) if d.get("publication_date") else None
        docs.append((text, ref, d["gold"].get("date")))
    return docs


def timed(fn, docs, repeat: int):  # type: ignore[no-untyped-def]
    per_doc, answers = [], []
    for text, ref, _ in docs:
        runs = []
        for _ in range(repeat):
            t = time.perf_counter()
            answer = fn(text, ref)
            runs.append(time.perf_counter() - t)
        per_doc.append(statistics.median(runs) * 1000)
        answers.append(answer)
    return per_doc, answers


def main(corpus: Path) -> None:
    docs = load(corpus)
    t = time.perf_counter()
    from tawthiq.extract import extract

    extract("تحميل", ref_date=date(2022, 1, 1))  # resources load once
    load_ms = (time.perf_counter() - t) * 1000

    def ours(text: str, ref: date | None) -> str | None:
        return extract(text, ref_date=ref).incidents[0]["date"].value

    ours_ms, ours_dates = timed(ours, docs, repeat=20)
    for label, big in (
        ("a 100 KB table of figures", "- 12/10/2022: الضحايا 3 و 4 و 5.\n" * 3000),
        ("100 KB of numbers", "1 " * 50_000),
    ):
        t = time.perf_counter()
        extract(big, ref_date=date(2022, 11, 6))
        print(f"tawthiq on {label}: {time.perf_counter() - t:.2f} s")
    print(
        f"tawthiq: load {load_ms:.0f} ms; per report median {statistics.median(ours_ms):.2f} ms,"
        f" max {max(ours_ms):.2f} ms over {len(docs)} reports (every field)"
    )
    try:
        from dateparser.search import search_dates
    except ImportError:
        print("dateparser is not installed: no baseline (pip install dateparser)")
        return

    def baseline(text: str, ref: date | None) -> str | None:
        base = datetime.combine(ref or date.today(), datetime.min.time())
        found = search_dates(text, languages=["ar", "en"], settings={"RELATIVE_BASE": base})
        return found[0][1].date().isoformat() if found else None

    baseline(docs[0][0], docs[0][1])  # its own warm-up
    theirs_ms, their_dates = timed(baseline, docs, repeat=3)
    gold = [g for _, _, g in docs]
    scored = [i for i, g in enumerate(gold) if g]
    ours_right = sum(ours_dates[i] == gold[i] for i in scored)
    theirs_right = sum(their_dates[i] == gold[i] for i in scored)
    ratio = statistics.median(theirs_ms) / statistics.median(ours_ms)
    print(
        f"dateparser.search_dates (dates only): median {statistics.median(theirs_ms):.2f} ms, "
        f"max {max(theirs_ms):.2f} ms"
    )
    print(f"ratio: tawthiq is {ratio:.1f}x faster per report")
    print(
        f"incident date right: tawthiq {ours_right}/{len(scored)}, "
        f"dateparser (first date found) {theirs_right}/{len(scored)}"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus/dev.jsonl"))
