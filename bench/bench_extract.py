"""Extractor benchmark: per-report latency on the development corpus, against dateparser.

    python bench/bench_extract.py [../shared/corpus/dev.jsonl]

Needs `pip install dateparser` for the baseline (it is not a dependency of Tawthiq).
Prints load time, median/p90 per report for Tawthiq's full extraction, the same for
``dateparser.search.search_dates(text, languages=["ar", "en"])`` (dates only), their ratio,
and how often each picks the gold incident date.

Then, for the speed targets: each report read once (its first reading, before any is read
again, not the median of repeats) by both, their medians and ratio; ms per KB on texts of
about 4, 16, 50 and 100 KB made at bench time by joining the corpus's paragraphs one after
another (a report that goes on about many incidents), with dateparser's figures on the same
texts and the ratio of ms/KB at 100 KB to ms/KB at 4 KB (1.0 is linear; Tawthiq's best of
3 readings, for a busy machine); the load time in a fresh process; and a cProfile top 10 by
own time over one reading of every report.
"""

from __future__ import annotations

import cProfile
import io
import json
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
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

    ours_first = first_readings(ours, docs)  # before any report is read twice
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

    baseline("قتل 3 مدنيين يوم 6/11/2022 on Sunday", date(2022, 11, 6))  # its language data
    theirs_first = first_readings(baseline, docs)
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
    speed_targets(docs, ours, baseline, ours_first, theirs_first)


_SIZES_KB = (4, 16, 50, 100)


def first_readings(fn, docs) -> list[float]:  # type: ignore[no-untyped-def]
    """Each text read once, in ms: what a person pasting a report waits for."""
    out = []
    for text, ref, _ in docs:
        t = time.perf_counter()
        fn(text, ref)
        out.append((time.perf_counter() - t) * 1000)
    return out


def long_texts(docs: list[tuple[str, date | None, str | None]]) -> dict[int, str]:
    """Texts of about each size in KB (UTF-8), the corpus's paragraphs one after another."""
    paragraphs = [p.strip() for text, _, _ in docs for p in text.split("\n\n") if p.strip()]
    out: dict[int, str] = {}
    for kb in _SIZES_KB:
        chosen: list[str] = []
        size, k = 0, 0
        while size < kb * 1024:
            chosen.append(paragraphs[k % len(paragraphs)])
            size += len(chosen[-1].encode("utf-8")) + 2
            k += 1
        out[kb] = "\n\n".join(chosen)
    return out


def load_in_fresh_process(compiled: bool = False) -> float:
    """``compiled``: the modules' bytecode written first, as an installed Tawthiq has it
    (pip and the bundle compile them); else as this environment runs them (with
    PYTHONDONTWRITEBYTECODE set, every process compiles the sources again)."""
    code = (
        "import time; t = time.perf_counter(); from datetime import date; "
        "from tawthiq.extract import extract; extract('تحميل', ref_date=date(2022, 1, 1)); "
        "print((time.perf_counter() - t) * 1000)"
    )
    with tempfile.TemporaryDirectory() as cache:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = cache
        if compiled:  # one run to write the bytecode
            subprocess.run([sys.executable, "-c", code], capture_output=True, check=True, env=env)
        runs = [float(subprocess.run([sys.executable, "-c", code], capture_output=True,
                                     text=True, check=True, env=env if compiled else None).stdout)
                for _ in range(3)]  # fmt: skip
    return statistics.median(runs)


def speed_targets(docs, ours, baseline, ours_first, theirs_first):  # type: ignore[no-untyped-def]
    print("\n-- speed targets (issue 17) --")
    print(
        f"load in a fresh process (import + first extract): {load_in_fresh_process():.0f} ms;"
        f" {load_in_fresh_process(compiled=True):.0f} ms with the modules' bytecode compiled"
    )
    ours_med, theirs_med = statistics.median(ours_first), statistics.median(theirs_first)
    print(
        f"first reading of each report: tawthiq median {ours_med:.2f} ms, dateparser median "
        f"{theirs_med:.2f} ms, ratio {theirs_med / ours_med:.1f}x"
    )
    print(f"{'size':>8} {'chars':>7} {'tawthiq ms':>11} {'ms/KB':>7} {'dateparser ms':>14}"
          f" {'ms/KB':>7} {'ratio':>6}")  # fmt: skip
    per_kb = {}
    for kb, text in long_texts(docs).items():
        real_kb = len(text.encode("utf-8")) / 1024
        long_doc = [(text, date(2022, 11, 6), None)]
        ours_ms = min(first_readings(ours, long_doc * 3))  # the best of 3: a busy machine
        theirs_ms = first_readings(baseline, long_doc)[0]
        per_kb[kb] = ours_ms / real_kb
        print(
            f"{real_kb:6.1f}KB {len(text):7d} {ours_ms:11.1f} {per_kb[kb]:7.2f} {theirs_ms:14.1f}"
            f" {theirs_ms / real_kb:7.2f} {theirs_ms / ours_ms:5.1f}x"
        )
    print(
        f"scaling: ms/KB at 100 KB / ms/KB at 4 KB = {per_kb[100] / per_kb[4]:.2f} (1.0 is linear)"
    )
    profile = cProfile.Profile()
    profile.enable()
    first_readings(ours, docs)
    profile.disable()
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out)
    total = sum(v[2] for v in stats.stats.values())  # type: ignore[attr-defined]
    print(
        f"cProfile, one reading of every report, top 10 by own time (total {total * 1000:.0f} ms):"
    )
    top = sorted(stats.stats.items(), key=lambda kv: -kv[1][2])[:10]  # type: ignore[attr-defined]
    for (file, line, name), (_, calls, own, cum, _) in top:
        where = f"{Path(file).name}:{line}({name})"
        print(f"  {own / total:5.1%} own {own * 1000:7.1f} ms  cum {cum * 1000:7.1f} ms  "
              f"{calls:7d} calls  {where}")  # fmt: skip


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus/dev.jsonl"))
