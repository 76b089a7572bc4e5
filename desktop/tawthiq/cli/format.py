"""Plain-text rendering of incidents and their history for the terminal. Every line is
written with its control characters visible: names and values may come from another
laptop, and none of them may move the cursor or reverse the line."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tawthiq.domain.admin_units import country_name, unit_name
from tawthiq.domain.checks import incident_problems
from tawthiq.domain.fields import FIELDS, INCIDENT
from tawthiq.domain.records import EXTRACTOR, IMPORTED, Casualties, Change, Incident, SourceReport
from tawthiq.domain.text import visible
from tawthiq.domain.vocab import vocabulary


def value_text(field: str, value: Any) -> str:
    """A field value as a person reads it: vocabulary codes with their English label."""
    if value is None:
        return "(empty)"
    spec = FIELDS[INCIDENT].get(field)
    if spec is not None and spec.vocab:
        codes = value if isinstance(value, list) else [value]
        return ", ".join(f"{c} ({vocabulary(spec.vocab).label(c, 'en')})" for c in codes)
    if spec is not None and spec.kind == "count" and isinstance(value, dict):
        c = Casualties.from_value(value)
        return f"{c}{' (approximate)' if c and c.approximate and c.min == c.max else ''}"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _place_text(inc: Incident, name: str) -> str:
    """A governorate, district or subdistrict as stored, then in Arabic when the gazetteer
    knows it ("Harim / حارم"); the country by name ("SY (Syria / سوريا)")."""
    value = inc.text(name) or ""
    if name == "country":
        return f"{value} ({country_name(value, 'en')} / {country_name(value, 'ar')})"
    arabic = unit_name(name, value, "ar", inc.governorate)
    return value if arabic == value else f"{value} / {arabic}"


def incident_line(inc: Incident) -> str:
    cells = [
        inc.id[:8],
        str(inc.date_start or "????-??-??"),
        (inc.governorate or "-")[:12].ljust(12),
        (inc.incident_type or "-")[:26].ljust(26),
        f"killed {inc.killed or '-'}".ljust(11),
        f"injured {inc.injured or '-'}".ljust(12),
        (inc.status or "-").ljust(8),
        inc.title
        + ("  [deleted]" if inc.deleted else "")
        + (f"  [{len(inc.unchecked)} not checked]" if inc.unchecked else ""),
    ]
    return visible("  ".join(cells))


NOT_CHECKED = "suggested by the extractor, not checked"
_ORIGIN = {EXTRACTOR: f"  ({NOT_CHECKED})", IMPORTED: "  (imported)"}


def incident_details(inc: Incident, reports: Iterable[SourceReport]) -> list[str]:
    lines = [f"Incident {inc.id}" + ("  [DELETED]" if inc.deleted else "")]
    if inc.unchecked:
        lines.append(
            f"  {len(inc.unchecked)} value(s) {NOT_CHECKED}: check them in the window, or "
            f"confirm with `tawthiq edit {inc.id[:8]} --confirm FIELD` (or `--confirm all`)"
        )
    for name, spec in FIELDS[INCIDENT].items():
        if name in inc.values and name != "deleted":
            shown = (
                _place_text(inc, name)
                if name in ("governorate", "district", "subdistrict", "country")
                else value_text(name, inc.values[name])
            )
            mark = f"  ({NOT_CHECKED})" if name in inc.unchecked else ""
            lines.append(f"  {spec.label_en} / {spec.label_ar}: {shown}{mark}")
    for c in inc.conflicts:
        shown = " | ".join(
            f"{value_text(c.field, v)} [event …{e[-8:]}]"
            for v, e in zip(c.values, c.event_ids, strict=True)
        )
        lines.append(f"  CONFLICT in {c.field}: {shown} (shown: the last)")
    for problem in incident_problems(inc.values):  # arrived so from another laptop
        lines.append(f"  CONTRADICTION in {problem.field}: {problem.text(with_field=False)}")
    for r in reports:
        first = (r.text or "").strip().splitlines()[0][:70] if r.text else ""
        lines.append(
            f"  Source report {r.id[:8]} ({r.language or '?'}, "
            f"{r.outlet or 'unknown outlet'}): {first}"
        )
    return [visible(line) for line in lines]


def history_lines(changes: Iterable[Change]) -> list[str]:
    lines = []
    for c in changes:
        old = " | ".join(value_text(c.field, v) for v in c.old) if c.old else "(new)"
        mark = _ORIGIN.get(c.origin or "", "") + ("  CONFLICT" if c.in_conflict else "")
        lines.append(
            visible(
                f"{c.when:%Y-%m-%d %H:%M:%S}Z  {c.author}  device {c.device_id[:8]}  "
                f"{c.field}: {old} -> {value_text(c.field, c.new)}{mark}"
            )
        )
    return lines
