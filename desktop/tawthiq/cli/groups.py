"""``tawthiq group``: many reports, one incident, after the fact; and the table of what
each report of an incident said."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from tawthiq.cli.door import open_desk
from tawthiq.domain.data_record import FIGURES, DataRecord
from tawthiq.domain.errors import ValidationError
from tawthiq.domain.fields import FIELDS, LINK
from tawthiq.domain.text import visible


def cmd_group(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    listing = args.into is None and not args.undo
    desk = open_desk(args, read_only=listing, signing=not listing)
    if args.undo:
        if args.into is not None:
            raise ValidationError("--undo takes one incident: the one to stand on its own again")
        incident_id = desk.resolve_id(args.id)
        was = desk.groups.ungroup(incident_id)
        out(f"{incident_id[:8]} stands on its own again (it was grouped into {was[:8]})")
        return 0
    if args.into is None:
        return _candidates(desk, desk.resolve_id(args.id), out)
    incident_id, into = desk.resolve_id(args.id), desk.resolve_id(args.into)
    root = desk.groups.group(incident_id, into)
    out(
        f"{incident_id[:8]} grouped into {root[:8]}: its reports now count for {root[:8]} "
        f"(undo: `tawthiq group --undo {incident_id[:8]}`)"
    )
    return 0


def _candidates(desk: object, incident_id: str, out: Callable[[str], None]) -> int:
    from tawthiq.cli.format import incident_line

    found = desk.groups.candidates(incident_id)  # type: ignore[attr-defined]
    for c in found:
        out(f"{c.match.strength:6} {incident_line(c.incident)}")
        out(f"       ({'; '.join(c.match.reasons)})")
    out(
        f"{len(found)} incident(s) {incident_id[:8]} may be; group it into one with "
        f"`tawthiq group {incident_id[:8]} ID`"
    )
    return 0


_SHORT = {
    "killed": "killed",
    "killed_children": "children",
    "killed_women": "women",
    "killed_men": "men",
    "injured": "injured",
    "injured_children": "inj. children",
    "injured_women": "inj. women",
    "injured_men": "inj. men",
}


def source_lines(record: DataRecord, members: tuple[str, ...] = ()) -> list[str]:
    """What each report said of the incident and the range across them, beside the
    documenter's own figures: as `show` prints it."""
    inc = record.incident
    lines = []
    into = inc.values.get("grouped_into")
    if into:
        lines.append(
            f"  Grouped into incident {into[:8]}: shown as part of it "
            f"(undo: `tawthiq group --undo {inc.id[:8]}`)"
        )
    if members:
        lines.append(f"  Incidents grouped into this one: {', '.join(m[:8] for m in members)}")
    shown = [k for k in FIGURES if k in record.ranges]
    if not record.per_source or not shown:
        return lines
    lines.append("  Figures by source (killed, then injured; the documenter's own first):")
    own = [str(inc.count(k) or "—") for k in shown]
    lines.append("    " + " | ".join(f"{_SHORT[k]} {v}" for k, v in zip(shown, own, strict=True))
                 + "  (this record)")  # fmt: skip
    for row in record.per_source:
        r = row.report
        figures = " | ".join(f"{_SHORT[k]} {row.figures.get(k, '—')}" for k in shown)
        raised = "  ↑ raises the toll" if row.raises_toll else ""
        lines.append(
            visible(
                f"    {figures}  ({r.outlet or 'unknown outlet'}, "
                f"{r.publication_date or r.received_date or 'no date'}, report {r.id[:8]}){raised}"
            )
        )
    ranges = " | ".join(f"{_SHORT[k]} {record.ranges[k]}" for k in shown)
    lines.append(f"    {ranges}  (range across {len(record.per_source)} report(s))")
    return lines


def add_commands(command: Callable[..., argparse.ArgumentParser]) -> None:
    gr = command(
        "group",
        cmd_group,
        "record that an incident is another one told again (its reports then count for it)",
    )
    gr.add_argument("id", help="the incident told again (the first 8 characters are enough)")
    gr.add_argument(
        "into", nargs="?", help="the incident it is; without it, list the incidents it may be"
    )
    gr.add_argument("--undo", action="store_true", help="make the incident stand on its own again")


assert set(_SHORT) == set(FIGURES) and set(FIGURES) <= set(FIELDS[LINK])
