"""Use cases on incidents and source reports, shared by the command line and the window."""

from __future__ import annotations

import dataclasses
import json
import re
import uuid
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from tawthiq.domain.checks import (
    check_change,
    check_incident,
    clean_changes,
    future_dates,
    incident_problems,
)
from tawthiq.domain.errors import N_, NotFoundError, ValidationError
from tawthiq.domain.fields import DELETED, INCIDENT, LINK, SOURCE_REPORT
from tawthiq.domain.records import Casualties, Change, Conflict, Incident, SourceReport
from tawthiq.store import EventWriter, IncidentFilter, queries
from tawthiq.store.events import Event
from tawthiq.store.hlc import to_datetime
from tawthiq.store.materialize import EntityState, entity_state
from tawthiq.store.writer import load_events

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

_ID_PREFIX = re.compile(r"[0-9a-f][0-9a-f-]{3,35}")
_LINK_NS = uuid.UUID("6f1c1d52-7d0e-4c39-9a43-1f5e1f3c9b10")


def new_incident_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """Checked values for a new incident, with the defaults a fresh record starts from."""
    clean = {k: v for k, v in clean_changes(INCIDENT, values).items() if v is not None}
    if DELETED in clean:
        raise ValidationError("a new incident cannot be created as deleted")
    clean.setdefault("status", "draft")
    clean.setdefault("confidentiality", "restricted")
    if clean.get("date_start"):
        clean.setdefault("date_precision", "day")
    if clean.get("governorate"):
        clean.setdefault("country", "SY")
    _not_in_the_future(clean)
    check_incident(clean)
    return clean


def _not_in_the_future(changes: Mapping[str, Any]) -> None:
    """A day a person writes has come; a day already kept (another laptop's) is left alone."""
    problems = future_dates(changes)
    if problems:
        raise problems[0]


def _verified_only_when_checked(values: Mapping[str, Any], unchecked: Collection[str]) -> None:
    """ "Verified" is a person's word that the record holds: not while a value the extractor
    suggested is unchecked, nor while its place fields contradict each other."""
    if values.get("status") != "verified":
        return
    if unchecked:
        raise ValidationError(
            N_(
                "an incident cannot be marked verified while {n} value(s) the extractor "
                "suggested are not checked ({fields}); check or confirm them first"
            ),
            field="status",
            n=len(unchecked),
            fields=", ".join(sorted(unchecked)),
        )
    problems = incident_problems({k: v for k, v in values.items() if v is not None})
    if problems:
        raise ValidationError(
            N_(
                "an incident cannot be marked verified while its fields contradict each other "
                "({problem})"
            ),
            field="status",
            problem=problems[0].text(),
        )


def create_incidents(
    writer: EventWriter,
    batch: Iterable[Mapping[str, Any]],
    *,
    suggested: Callable[[Mapping[str, Any]], Collection[str]] = lambda values: (),
) -> list[str]:
    """Save new incidents (all checked before any is written); returns their ids.
    ``suggested(values)`` names the fields of each that the extractor suggested and no
    person checked: they are recorded so."""
    batch = list(batch)
    checked = [new_incident_values(v) for v in batch]
    for given, values in zip(batch, checked, strict=True):
        _verified_only_when_checked(values, suggested(given))
    ids = []
    for given, values in zip(batch, checked, strict=True):
        incident_id = str(uuid.uuid4())  # random first characters: people type them
        writer.record(INCIDENT, incident_id, values, new=True, suggested=suggested(given))
        ids.append(incident_id)
    return ids


def create_incident(
    writer: EventWriter, values: Mapping[str, Any], *, suggested: Collection[str] = ()
) -> str:
    return create_incidents(writer, [values], suggested=lambda _values: suggested)[0]


def resolve_id(session: Session, prefix: str, *, what: str = INCIDENT) -> str:
    """The full id of the record whose id starts with ``prefix`` (at least 4 characters)."""
    label = what.replace("_", " ")
    prefix = prefix.strip().lower()
    if not _ID_PREFIX.fullmatch(prefix):
        raise NotFoundError(
            f"{prefix!r} cannot be an id: give at least the first 4 characters of the {label} "
            "id (0-9, a-f)"
        )
    found = queries.find_ids(session, what, prefix)
    if not found:
        raise NotFoundError(f"there is no {label} with id {prefix!r}")
    if len(found) > 1:
        raise NotFoundError(f"more than one {label} id starts with {prefix!r}; give more of it")
    return found[0]


def _replayed(events: list[Event], incident_id: str) -> EntityState:
    """The incident replayed from its events, or a sentence saying there is none."""
    if not events:
        raise NotFoundError(N_("there is no incident with id {id!r}"), id=incident_id)
    return entity_state(events)


def edit_incident(
    writer: EventWriter,
    incident_id: str,
    changes: Mapping[str, Any],
    *,
    seen: Mapping[str, Sequence[str]] | None = None,
    suggested: Collection[str] = (),
    confirmed: Collection[str] = (),
) -> list[Event]:
    """Change fields (``None`` clears one); only fields whose value really changes get events.
    ``seen``: the values (event ids) of each field the author was looking at; a value written
    by someone else meanwhile then stays beside this one as a conflict instead of being
    overwritten (the window passes what it had loaded). ``suggested``: changed fields whose
    new value the extractor suggested and no person checked; ``confirmed``: fields whose
    suggested value a person has now checked (recorded again, as theirs)."""
    clean = clean_changes(INCIDENT, changes)
    if DELETED in clean:
        raise ValidationError("use `tawthiq delete` to delete an incident; deleting is not an edit")
    events = writer.events_of(incident_id)
    replayed = _replayed(events, incident_id)
    state = replayed.values
    if state.get(DELETED):
        raise ValidationError(
            N_("incident {id} is deleted; it can no longer be edited"), id=incident_id
        )
    conflicted = set(replayed.conflicts)
    # A value equal to the one shown still counts when it settles a conflict, and when a
    # person writes the very value the extractor suggested: they have checked it.
    unchecked = set(replayed.unchecked) - set(suggested)
    changed = {
        k: v for k, v in clean.items() if state.get(k) != v or k in conflicted or k in unchecked
    }
    merged = {**state, **changed}
    _not_in_the_future(changed)
    check_change(state, {k: v for k, v in merged.items() if v is not None})
    # Confirming leaves a field in conflict alone: which value stands is settled by
    # `resolve`, seeing every value, not by a check of one of them.
    for name in (set(confirmed) & unchecked) - conflicted:
        if name not in changed:  # the same value, now checked by a person
            changed[name] = state[name]
    still = (unchecked - set(changed)) | {k for k in suggested if changed.get(k) is not None}
    _verified_only_when_checked(merged, still)
    if not changed:
        return []
    return writer.record(
        INCIDENT, incident_id, changed, seen=_seen_of(seen, changed), suggested=suggested
    )


def _seen_of(
    seen: Mapping[str, Sequence[str]] | None, changed: Mapping[str, Any]
) -> dict[str, Sequence[str]] | None:
    return None if seen is None else {k: tuple(seen.get(k, ())) for k in changed}


def edit_source_report(
    writer: EventWriter,
    report_id: str,
    changes: Mapping[str, Any],
    *,
    seen: Mapping[str, Sequence[str]] | None = None,
) -> list[Event]:
    """Change what is known of where a report came from (outlet, address, dates,
    reliability). Its text is never changed: a different text is a different report."""
    clean = clean_changes(SOURCE_REPORT, changes)
    if "text" in clean or DELETED in clean:
        raise ValidationError(N_("a source report's text is kept as it was received"))
    events = writer.events_of(report_id)
    if not events:
        raise NotFoundError(N_("there is no source report with id {id!r}"), id=report_id)
    state = entity_state(events).values
    changed = {k: v for k, v in clean.items() if state.get(k) != v}
    if not changed:
        return []
    return writer.record(SOURCE_REPORT, report_id, changed, seen=_seen_of(seen, changed))


def delete_incident(writer: EventWriter, incident_id: str) -> None:
    """Mark as deleted (a tombstone event); the history stays."""
    events = writer.events_of(incident_id)
    if _replayed(events, incident_id).values.get(DELETED):
        raise ValidationError(N_("incident {id} is already deleted"), id=incident_id)
    writer.record(INCIDENT, incident_id, {DELETED: True}, seen={DELETED: _all_heads(events)})


def _all_heads(events: list[Event]) -> list[str]:
    """Every current value of every field: what a deletion (or its undoing) has seen, so a
    change made elsewhere without seeing it stands out as a conflict."""
    return [e.event_id for heads in entity_state(events).heads.values() for e in heads]


def resolve_conflict(
    writer: EventWriter, incident_id: str, field: str, *, value: Any = None, pick: str | None = None
) -> list[Event]:
    """Settle a conflict on ``field`` with a new event that has seen every value in it:
    the value of the event ``pick`` (its id or the start of it), or ``value``. For
    ``deleted``, True keeps the incident deleted and False restores it with the changes
    made meanwhile."""
    events = writer.events_of(incident_id)
    state = _replayed(events, incident_id)
    heads = state.conflicts.get(field)
    if heads is None:
        raise ValidationError(
            N_("incident {id} has no conflict in this field"), field=field, id=incident_id
        )
    if pick is not None:
        # Event ids begin with their time, so people give their end, as `show` prints it.
        part = pick.strip().lower().strip("…")
        chosen = [e for e in heads if part and e.event_id.endswith(part)]
        chosen = chosen or [e for e in heads if part and e.event_id.startswith(part)]
        if len(chosen) != 1:
            raise ValidationError(
                N_("{pick!r} is not one of the values in conflict: give one of {events}"),
                pick=pick,
                events=", ".join(e.event_id[-8:] for e in heads),
            )
        picked = chosen[0]
        value = (picked.field == field and picked.decoded) if field == DELETED else picked.decoded
    if field == DELETED:
        keep = clean_changes(INCIDENT, {DELETED: value}).get(DELETED)
        if keep is None:
            raise ValidationError(N_("say whether the incident stays deleted: yes or no"))
        return writer.record(
            INCIDENT, incident_id, {DELETED: keep}, seen={field: _all_heads(events)}
        )
    clean = clean_changes(INCIDENT, {field: value})
    merged = {**state.values, **clean}
    check_change(state.values, {k: v for k, v in merged.items() if v is not None})
    return writer.record(INCIDENT, incident_id, clean, seen={field: [e.event_id for e in heads]})


def add_source_report(
    writer: EventWriter, values: Mapping[str, Any], *, incident_ids: Iterable[str] = ()
) -> str:
    """Keep a report's text as it was received, linked to the incidents it describes."""
    clean = {k: v for k, v in clean_changes(SOURCE_REPORT, values).items() if v is not None}
    if not clean.get("text"):
        raise ValidationError(N_("a source report needs its text"))
    report_id = str(uuid.uuid4())
    writer.record(SOURCE_REPORT, report_id, clean, new=True)
    for incident_id in incident_ids:
        link_source_report(writer, incident_id, report_id)
    return report_id


def link_id(incident_id: str, report_id: str) -> str:
    """The same on every laptop, so two laptops linking the same pair make one link."""
    return str(uuid.uuid5(_LINK_NS, f"{incident_id}/{report_id}"))


def link_source_report(writer: EventWriter, incident_id: str, report_id: str) -> None:
    """Record that an incident rests on a source report (one report may tell of several)."""
    writer.record(
        LINK,
        link_id(incident_id, report_id),
        {"incident_id": incident_id, "source_report_id": report_id},
        new=True,
    )


def _conflicts(state: EntityState) -> tuple[Conflict, ...]:
    """Each field in conflict with its values; for ``deleted`` in conflict with changes made
    without seeing the deletion, the values are "stays deleted" (True, the deletion's
    event) and "restored" (False, the latest such change)."""
    out = []
    for f, heads in sorted(state.conflicts.items()):
        edits = [e for e in heads if e.field != f]
        if edits:
            deletion = [e for e in heads if e.field == f][-1]
            out.append(Conflict(f, (True, False), (deletion.event_id, edits[-1].event_id)))
        else:
            values = tuple(json.loads(e.value) for e in heads)
            out.append(Conflict(f, values, tuple(e.event_id for e in heads)))
    return tuple(out)


def get_incident(session: Session, incident_id: str) -> Incident:
    events = load_events(session, incident_id)
    state = _replayed(events, incident_id)
    return Incident.from_state(
        incident_id, state.values, _conflicts(state), unchecked=state.unchecked
    )


def source_reports_of(session: Session, incident_id: str) -> list[SourceReport]:
    rows = queries.linked_source_reports(session, incident_id)
    return [SourceReport.from_state(report_id, values) for report_id, values in rows]


def list_incidents(
    session: Session,
    flt: IncidentFilter,
    *,
    limit: int = 50,
    offset: int = 0,
    sort: str = "date",
    descending: bool = True,
) -> list[Incident]:
    rows = queries.list_incidents(
        session, flt, limit=limit, offset=offset, sort=sort, descending=descending
    )
    return [
        dataclasses.replace(
            Incident.from_state(i, values, unchecked=u),
            killed_range=Casualties(*ranges["killed"]) if "killed" in ranges else None,
            injured_range=Casualties(*ranges["injured"]) if "injured" in ranges else None,
        )
        for i, values, u, ranges in rows
    ]


def contradictions(session: Session, ids: Sequence[str]) -> dict[str, list[ValidationError]]:
    """The incidents among ``ids`` (not deleted) whose fields contradict each other, with
    each contradiction: what an import names, since another laptop's signed events are
    merged as they are, never refused."""
    out = {}
    for incident_id, values, _day in queries.dated_incidents(session, ids):
        problems = incident_problems(values)
        if problems:
            out[incident_id] = problems
    return out


def all_incident_ids(session: Session) -> list[str]:
    """Every incident ever recorded, deleted ones too (a printed copy may be of one)."""
    return queries.all_incident_ids(session)


def count_incidents(session: Session, flt: IncidentFilter) -> int:
    return queries.count_incidents(session, flt)


def field_heads_of(events: list[Event]) -> dict[str, tuple[str, ...]]:
    """For each field, the events whose values it holds now (two or more: a conflict); an
    edit made while looking at them names them as what it saw."""
    return {f: tuple(e.event_id for e in h) for f, h in entity_state(events).heads.items()}


def heads(session: Session, entity_id: str) -> dict[str, tuple[str, ...]]:
    return field_heads_of(load_events(session, entity_id))


def history(session: Session, incident_id: str) -> list[Change]:
    """Every field-level change of an incident, oldest first."""
    events = sorted(load_events(session, incident_id), key=lambda e: e.order)
    state = _replayed(events, incident_id)
    by_id = {e.event_id: e for e in events}
    conflicted = {e.event_id for h in state.conflicts.values() for e in h}
    return [
        Change(
            event_id=e.event_id,
            when=to_datetime(e.hlc),
            author=e.author,
            device_id=e.device_id,
            field=e.field,
            old=tuple(
                by_id[p].decoded for p in e.parents if p in by_id and by_id[p].field == e.field
            ),
            new=e.decoded,
            in_conflict=e.event_id in conflicted,
            origin=e.origin,
        )
        for e in events
    ]
