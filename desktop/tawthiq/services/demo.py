"""The headless demonstration: a sample report pasted, extracted, saved, reviewed, verified."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from tawthiq.domain.resources import read_text
from tawthiq.report.model import ReportOptions
from tawthiq.services import incidents as svc
from tawthiq.services.ingest import ingest_report
from tawthiq.services.maintenance import verify
from tawthiq.services.reports import choose, write_report
from tawthiq.services.workspace import Workspace

SAMPLE = "samples/maram-camp.ar.txt"
SAMPLE_DATE = date(2022, 11, 6)  # the day the sample report was written


def _shown(value: object) -> str:
    """A found value as a person reads it: a place by its names and where it lies, not as
    a fragment of JSON."""
    if isinstance(value, dict):
        name = value.get("name") or value.get("name_ar") or ""
        english = f" ({value['name_en']})" if value.get("name_en") else ""
        parts = [value.get(k) for k in ("subdistrict", "district", "governorate", "pcode")]
        return ", ".join([f"{name}{english}", *(str(p) for p in parts if p)])
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value).lower() if isinstance(value, bool) else str(value)


def run_demo(ws: Workspace, say: Callable[[str], None]) -> str:
    """Paste the sample report through the same path as `tawthiq ingest`; returns the id."""
    text = read_text(SAMPLE)
    say(f"1. pasted a sample report ({len(text)} characters, Arabic), written {SAMPLE_DATE}")
    with ws.writing() as w:
        # the demonstration saves the sample every time, kept before or not
        done = ingest_report(
            w, text, ref_date=SAMPLE_DATE, outlet="Tawthiq sample", again=True, separate=True
        )
        events = w.written
    incident_id, found = done.saved[0]
    say("2. the extractor filled in the form (value, confidence, the words it came from):")
    for name, field in found.fields.items():
        if field.value in (None, []):
            continue
        evidence = " | ".join(text[s:e] for s, e in field.spans[:2])
        say(f"     {name:17} {_shown(field.value):42} {field.confidence:.2f}  «{evidence}»")
    say(
        f"3. saved incident {incident_id} with its source report {(done.report_id or '')[:8]} "
        f"({events} events in the audit trail, author {ws.author!r}); each value the extractor "
        "found is saved as its suggestion, not checked"
    )
    with ws.writing() as w:
        unchecked = svc.get_incident(w.session, incident_id).unchecked
        svc.edit_incident(
            w, incident_id, {"status": "reviewed", "evidence_grade": "fair"}, confirmed=unchecked
        )
    say(
        f"4. a reviewer checked it against the report: {len(unchecked)} suggested values "
        "confirmed, status draft -> reviewed, evidence grade -> fair"
    )
    with ws.db.read() as s:
        inc = svc.get_incident(s, incident_id)
        changes = svc.history(s, incident_id)
        report = verify(s, ws.trusted_keys())
    say(
        f"5. {inc.date_start} {inc.governorate or ''}: {inc.title_en}; killed {inc.killed}, "
        f"injured {inc.injured}; {len(changes)} field changes in its history"
    )
    say(
        f"6. verify: {'ok' if report.ok else 'FAILED'}: {report.events} events from "
        f"{report.devices} device{'' if report.devices == 1 else 's'}; "
        f"state digest {report.digest[:16]}"
    )
    pdf = ws.db.folder / f"incident-{incident_id[:8]}.pdf"
    with ws.db.read() as s:
        chosen = choose(s, [incident_id])
    pages = write_report(pdf, chosen, ReportOptions(author=ws.author)).pages
    say(
        f"7. printed its bilingual report: {pdf} ({pages} pages; fingerprint "
        f"{chosen.items[0].fingerprint[:16]}, which `tawthiq verify --fingerprint` checks)"
    )
    return incident_id
