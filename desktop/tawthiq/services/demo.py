"""The headless demonstration: a sample report becomes a stored, audited incident."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from tawthiq.domain.resources import read_text
from tawthiq.services import incidents as svc
from tawthiq.services.maintenance import verify
from tawthiq.services.workspace import Workspace

SAMPLE = "samples/maram-camp.ar.txt"

# What a documenter reads off the sample report; the extractor fills this in once it lands.
SAMPLE_INCIDENT = {
    "title_ar": "قصف مخيم مرام للنازحين قرب كفر جالس",
    "title_en": "Shelling of Maram camp for displaced people near Kafr Jales",
    "date_start": "2022-11-06",
    "time_of_day": "morning",
    "place_name": "مخيم مرام",
    "place_name_en": "Maram camp",
    "place_kind": "camp",
    "governorate": "Idlib",
    "incident_type": "shelling_artillery_missile",
    "weapons": ["rocket", "cluster_munition"],
    "perpetrators": ["syrian_government"],
    "target": "idp_camp",
    "killed": 9,
    "killed_children": 3,
    "killed_women": 1,
    "injured": 75,
    "sources": ["civil_defence", "local_activists"],
    "narrative": "قصف صاروخي بذخائر عنقودية على مخيم مرام للنازحين قرب كفر جالس في ريف إدلب.",
}


def run_demo(ws: Workspace, say: Callable[[str], None]) -> str:
    """Store the sample incident with its source report; returns the incident id."""
    text = read_text(SAMPLE)
    say(f"1. sample report ({len(text)} characters, Arabic): {text.splitlines()[1][:60]}…")
    with ws.writing() as w:
        incident_id = svc.create_incident(w, SAMPLE_INCIDENT)
        report_id = svc.add_source_report(
            w,
            {
                "text": text,
                "language": "ar",
                "outlet": "Tawthiq sample",
                "received_date": date.today().isoformat(),
                "reliability": "unknown",
            },
            incident_ids=[incident_id],
        )
        events = w.written
    say(
        f"2. stored incident {incident_id} with source report {report_id[:8]} "
        f"({events} events in the audit trail, author {ws.author!r})"
    )
    with ws.writing() as w:
        svc.edit_incident(w, incident_id, {"status": "reviewed", "evidence_grade": "fair"})
    say("3. reviewed it: status draft -> reviewed, evidence grade -> fair")
    with ws.db.read() as s:
        inc = svc.get_incident(s, incident_id)
        changes = svc.history(s, incident_id)
        report = verify(s, ws.trusted_keys())
    say(
        f"4. {inc.date_start} {inc.governorate}: {inc.title_en}; killed {inc.killed}, "
        f"injured {inc.injured}; {len(changes)} field changes in its history"
    )
    say(
        f"5. verify: {'ok' if report.ok else 'FAILED'}: {report.events} events from "
        f"{report.devices} device(s); state digest {report.digest[:16]}"
    )
    say("(extraction from the pasted text and the PDF report join this demo as they land)")
    return incident_id
