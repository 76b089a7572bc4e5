"""The form's unsaved work taken out of the window when it is locked (to be kept sealed),
and put back once it is unlocked: the report, where it came from, and the shown form's
values with their marks (a suggestion not checked stays marked so)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import TYPE_CHECKING, Any

from tawthiq.services.drafts import Evidence

if TYPE_CHECKING:
    from tawthiq.services.desk import IncidentView
    from tawthiq.ui.review import ReviewPanel


def _plain(value: Any) -> Any:
    """A form value as JSON holds it (days as ISO text, tuples as lists)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def take_out(panel: ReviewPanel) -> dict[str, Any] | None:
    """What a documenter would lose (None: nothing), the form then emptied."""
    if not panel.dirty:
        panel.new_report(ask=False)
        return None
    shown = panel.review.shown
    snapshot = panel.form.snapshot()
    draft = {
        "report": panel.report.report_text(),
        "received": panel.report.received_text(),
        "origin": _plain(panel.report.origin()),
        "values": _plain(snapshot["values"]),
        "marks": {
            name: [state, asdict(evidence) if evidence is not None else None]
            for name, (state, evidence) in snapshot["marks"].items()
        },
        "incident": shown.incident_id,
        "heads": {k: list(v) for k, v in shown.heads.items()},
    }
    panel.new_report(ask=False)
    return draft


def _snapshot(draft: dict[str, Any]) -> dict[str, Any]:
    marks = {}
    for name, (state, evidence) in draft["marks"].items():
        if evidence is not None:
            spans = tuple(tuple(s) for s in evidence["spans"])
            evidence = Evidence(evidence["confidence"], spans, evidence.get("unsure"))
        marks[name] = (state, evidence)
    return {"values": draft["values"], "marks": marks}


def put_back(panel: ReviewPanel, draft: dict[str, Any], view: IncidentView | None) -> None:
    """The form as it was at the lock; ``view``: the incident it was editing, read again
    (its heads are those the edit began from, so a change made meanwhile is a conflict)."""
    if view is not None and panel.open_incident(view):
        panel.review.shown.heads = {k: tuple(v) for k, v in draft["heads"].items()}
    else:
        panel.new_report(ask=False)
        panel.report.set_report(draft["report"], received=draft["received"])
        panel.report.set_origin(draft["origin"])
    panel.form.restore(_snapshot(draft))
