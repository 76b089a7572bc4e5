"""Further incidents of real reports, to judge by hand: is each an event of its own?

    python bench/further_incidents.py CORPUS.jsonl [--judged JUDGED.json]

For every report of the corpus (``text``, or ``text_file`` beside the corpus, read with its
``publication_date``) this prints each incident after the first that the extractor finds:
its number, why it was taken (another governorate, another place, a day of its own), its
type, place, perpetrators and date, and the sentence it rests on; then the sentences set
aside (history, a general statement, a recap). A person reads the report and judges each.

``--judged`` names a JSON file kept beside the corpus, never in this repository (it quotes
nothing, but it belongs with the texts): ``{"<report id>@<sentence start>": true | false}``.
With it the script prints the precision of further incidents (judged true / judged) and
lists the further incidents not judged yet. The sentence start is the offset printed.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path
from typing import Any


def load(corpus: Path) -> list[dict[str, Any]]:
    docs = []
    for line in corpus.read_text("utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            d["text"] = d.get("text") or (corpus.parent / d["text_file"]).read_text("utf-8")
            docs.append(d)
    return docs


def told_at(found: Any, text: str) -> tuple[int, str]:
    """Where an incident is told: the sentence it rests on, or (an extractor from before the
    sentence was given) the line its incident type was first read in."""
    sentence = getattr(found, "sentence", None)
    if sentence is not None and sentence.spans:
        start, end = sentence.spans[0]
        return start, text[start:end]
    spans = found["incident_type"].spans or found["killed"].spans
    if not spans:
        return -1, ""
    at = spans[0][0]
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return start, text[start : end if end >= 0 else len(text)].strip()


def main() -> int:
    from tawthiq.extract import extract

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--judged", type=Path)
    args = parser.parse_args()
    judged: dict[str, bool] = json.loads(args.judged.read_text("utf-8")) if args.judged else {}
    further = yes = 0
    unjudged = []
    for d in load(args.corpus):
        text = d["text"]
        ref = date.fromisoformat(d["publication_date"]) if d.get("publication_date") else None
        result = extract(text, ref_date=ref)
        saved = [i for i in result.incidents if i.is_incident]
        print(f"== {d['id']}: {len(saved)} incident(s)")
        for n, found in enumerate(saved, 1):
            start, sentence = told_at(found, text)
            place = found["place"].value or {}
            print(
                f"  {n} [{getattr(found, 'why', '?')}] {found['incident_type'].value} · "
                f"{place.get('name')} ({place.get('governorate')}) · "
                f"{found['perpetrators'].value} · {found['date'].value}"
            )
            print(f"    @{start} «{sentence}»")
            if n == 1:
                continue
            further += 1
            key = f"{d['id']}@{start}"
            if key in judged:
                yes += judged[key]
            else:
                unjudged.append(key)
        for aside in getattr(result, "set_aside", ()):
            s, e = aside.sentence.spans[0]
            print(f"  set aside [{aside.why}] @{s} «{text[s:e]}»")
    print(f"further incidents: {further}")
    if judged:
        done = further - len(unjudged)
        share = f"{yes / done:.2f}" if done else "-"
        print(f"judged: {done}, events of their own: {yes}, precision: {share}")
        if unjudged:
            print("not judged yet: " + ", ".join(unjudged))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
