"""Victims by name: adding them to an incident, editing and deleting them (each field an
event, under the incident's own audit, conflict and merge rules), listing an incident's
victims, finding a victim by name across incidents (Arabic folded, and across scripts),
linking one person recorded in two incidents, and what named victims say against the
incident's counts. A public view holds only victims marked public (``public_victims``)."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tawthiq.domain.checks import clean_changes
from tawthiq.domain.errors import N_, NotFoundError, Sentence, ValidationError
from tawthiq.domain.fields import DELETED, INCIDENT, SOURCE_REPORT, VICTIM
from tawthiq.domain.records import SourceReport
from tawthiq.domain.transliterate import latin_key
from tawthiq.domain.victims import (
    Victim,
    arabic_key,
    counts_vs_victims,
    public_victims,
    victim_problems,
)
from tawthiq.store import EventWriter
from tawthiq.store import victim_queries as queries
from tawthiq.store.events import Event
from tawthiq.store.materialize import EntityState, entity_state
from tawthiq.store.writer import load_events

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from tawthiq.extract.victims import SuggestedVictim

__all__ = [
    "FoundVictim",
    "Victim",
    "add_victim",
    "counts_vs_victims",
    "delete_victim",
    "edit_victim",
    "find_victims",
    "get_victim",
    "incident_problems_with_victims",
    "link_same_person",
    "public_victims",
    "reports_naming",
    "resolve_victim_conflict",
    "same_person",
    "suggested_victims",
    "unlink_same_person",
    "victims_of",
    "victims_shown",
]

MATCH_AT = 85.0  # rapidfuzz's 0..100: a name this close or closer is found


_NONE = {
    INCIDENT: N_("there is no incident with id {id!r}"),
    SOURCE_REPORT: N_("there is no source report with id {id!r}"),
    VICTIM: N_("there is no victim with id {id!r}"),
}


def _state_of(events: list[Event], entity: str, record_id: str) -> EntityState:
    if not events or events[0].entity != entity:
        raise NotFoundError(_NONE[entity], id=record_id)
    return entity_state(events)


def _check_reports(writer: EventWriter, report_ids: Sequence[str]) -> None:
    for report_id in report_ids:
        _state_of(writer.events_of(report_id), SOURCE_REPORT, report_id)


def _check_victim(before: Mapping[str, Any], after: Mapping[str, Any]) -> None:
    """A change may not bring in a contradiction the victim did not have already."""
    had = {p.text() for p in victim_problems(before)}
    for problem in victim_problems({k: v for k, v in after.items() if v is not None}):
        if problem.text() not in had:
            raise problem


def add_victim(
    writer: EventWriter,
    incident_id: str,
    values: Mapping[str, Any],
    *,
    suggested: Collection[str] = (),
) -> str:
    """Record a victim of ``incident_id`` (an incident kept, not deleted); returns its id.
    ``suggested``: fields the extractor suggested and no person checked."""
    incident = _state_of(writer.events_of(incident_id), INCIDENT, incident_id)
    if incident.values.get(DELETED):
        raise ValidationError(
            N_("incident {id} is deleted; no victim can be added to it"), id=incident_id[:8]
        )
    clean = {k: v for k, v in clean_changes(VICTIM, values).items() if v is not None}
    for name in ("incident_id", DELETED, "same_person_as"):
        if name in clean:
            raise ValidationError(N_("a new victim cannot be given its {field} directly"),
                                  field=name)  # fmt: skip
    clean.setdefault("public", False)
    problems = victim_problems(clean)
    if problems:
        raise problems[0]
    _check_reports(writer, clean.get("report_ids", ()))
    victim_id = str(uuid.uuid4())
    writer.record(
        VICTIM, victim_id, {"incident_id": incident_id, **clean}, new=True, suggested=suggested
    )
    return victim_id


def _live_victim(writer: EventWriter, victim_id: str) -> EntityState:
    state = _state_of(writer.events_of(victim_id), VICTIM, victim_id)
    if state.values.get(DELETED):
        raise ValidationError(
            N_("victim {id} is deleted; it can no longer be changed"), id=victim_id[:8]
        )
    return state


def edit_victim(
    writer: EventWriter,
    victim_id: str,
    changes: Mapping[str, Any],
    *,
    seen: Mapping[str, Sequence[str]] | None = None,
) -> list[Event]:
    """Change a victim's fields (``None`` clears one); only fields whose value really
    changes, or settles a conflict, get events. ``seen``: the events of each field the
    author was looking at (a value written elsewhere meanwhile then stays as a conflict)."""
    clean = clean_changes(VICTIM, changes)
    for name in ("incident_id", DELETED):
        if name in clean:
            raise ValidationError(N_("a victim's {field} is not changed by an edit"), field=name)
    state = _live_victim(writer, victim_id)
    conflicted = set(state.conflicts)
    unchecked = set(state.unchecked)
    changed = {
        k: v
        for k, v in clean.items()
        if state.values.get(k) != v or k in conflicted or k in unchecked
    }
    _check_victim(state.values, {**state.values, **changed})
    _check_reports(writer, changed.get("report_ids") or ())
    if not changed:
        return []
    parents = None if seen is None else {k: tuple(seen.get(k, ())) for k in changed}
    return writer.record(VICTIM, victim_id, changed, seen=parents)


def delete_victim(writer: EventWriter, victim_id: str) -> None:
    """Mark a victim deleted (a tombstone that has seen every value); the history stays."""
    state = _live_victim(writer, victim_id)
    seen = [e.event_id for heads in state.heads.values() for e in heads]
    writer.record(VICTIM, victim_id, {DELETED: True}, seen={DELETED: seen})


def resolve_victim_conflict(writer: EventWriter, victim_id: str, field: str, value: Any) -> None:
    """Settle a conflict on a victim's ``field`` with ``value``, seeing every value in it."""
    state = _state_of(writer.events_of(victim_id), VICTIM, victim_id)
    heads = state.conflicts.get(field)
    if heads is None or field == DELETED:
        raise ValidationError(
            N_("victim {id} has no conflict in this field"), field=field, id=victim_id[:8]
        )
    clean = clean_changes(VICTIM, {field: value})
    _check_victim(state.values, {**state.values, **clean})
    writer.record(VICTIM, victim_id, clean, seen={field: [e.event_id for e in heads]})


def link_same_person(writer: EventWriter, victim_id: str, other_id: str) -> None:
    """Record that victim ``victim_id`` is the person recorded as ``other_id`` in another
    incident (a casualty who later died of wounds)."""
    one = _live_victim(writer, victim_id)
    other = _live_victim(writer, other_id)
    if one.values.get("incident_id") == other.values.get("incident_id"):
        raise ValidationError(
            N_(
                "victims {a} and {b} are in the same incident; only victims of two incidents "
                "are linked as one person"
            ),
            a=victim_id[:8],
            b=other_id[:8],
        )
    if (
        other.values.get("same_person_as") == victim_id
        or one.values.get("same_person_as") == other_id
    ):
        raise ValidationError(
            N_("victims {a} and {b} are already linked as one person"),
            a=victim_id[:8],
            b=other_id[:8],
        )
    edit_victim(writer, victim_id, {"same_person_as": other_id})


def unlink_same_person(writer: EventWriter, victim_id: str, other_id: str) -> None:
    """Undo ``link_same_person`` (whichever of the two the link was recorded on): an event
    clearing the link, so the history keeps that they were once linked."""
    one = _live_victim(writer, victim_id)
    other = _live_victim(writer, other_id)
    if one.values.get("same_person_as") == other_id:
        edit_victim(writer, victim_id, {"same_person_as": None})
    elif other.values.get("same_person_as") == victim_id:
        edit_victim(writer, other_id, {"same_person_as": None})
    else:
        raise ValidationError(
            N_("victims {a} and {b} are not linked as one person"),
            a=victim_id[:8],
            b=other_id[:8],
        )


def same_person(session: Session, victim: Victim) -> list[Victim]:
    """The victims of other incidents recorded as the same person as ``victim``: the one it
    is linked to and those linked to it (not deleted)."""
    ids = list(queries.linked_to(session, victim.id))
    if victim.same_person_as and victim.same_person_as not in ids:
        ids.insert(0, victim.same_person_as)
    out = []
    for other_id in ids:
        events = load_events(session, other_id)
        if events and events[0].entity == VICTIM:
            other = _victim(other_id, events)
            if not other.deleted:
                out.append(other)
    return out


def _victim(victim_id: str, events: list[Event]) -> Victim:
    from tawthiq.services.incidents import _conflicts

    state = entity_state(events)
    return Victim.from_state(victim_id, state.values, _conflicts(state), state.unchecked)


def get_victim(session: Session, victim_id: str) -> Victim:
    events = load_events(session, victim_id)
    _state_of(events, VICTIM, victim_id)
    return _victim(victim_id, events)


def victims_of(session: Session, incident_id: str, *, group: bool = True) -> list[Victim]:
    """The victims (not deleted) of an incident, and with ``group`` of the incidents
    grouped into it, in the order they were recorded, each with its conflicts."""
    ids = [incident_id]
    if group:
        from tawthiq.services.grouping import members

        ids.extend(members(session, incident_id))
    return [
        _victim(victim_id, load_events(session, victim_id))
        for victim_id, _ in queries.victims_of(session, ids)
    ]


@dataclass(frozen=True, slots=True)
class FoundVictim:
    victim: Victim
    score: float  # 0..100: how close the name found is to the one asked for


def find_victims(session: Session, name: str, *, limit: int = 50) -> list[FoundVictim]:
    """Victims (of any incident) whose name, in Arabic or in English, is the one asked for
    after folding Arabic spelling variants and comparing across scripts: "Mohammad
    al-Ahmad" finds "محمد الأحمد". The closest first."""
    from rapidfuzz import fuzz, process

    asked = [f for f in {arabic_key(name), latin_key(name)} if f]
    if not asked:
        return []
    owners: list[str] = []  # the victim of each form, in step with ``forms``
    forms: list[str] = []
    for victim_id, _incident, keys in queries.victim_names(session):
        for form in keys.split(" | "):
            if form:
                owners.append(victim_id)
                forms.append(form)
    best: dict[str, float] = {}
    for a in asked:
        hits = process.extract(
            a, forms, scorer=fuzz.token_set_ratio, score_cutoff=MATCH_AT, limit=None
        )
        for _form, score, at in hits:
            best[owners[at]] = max(best.get(owners[at], 0.0), score)
    scored = [(score, victim_id) for victim_id, score in best.items()]
    scored.sort(key=lambda s: (-s[0], s[1]))
    return [
        FoundVictim(_victim(victim_id, load_events(session, victim_id)), score)
        for score, victim_id in scored[:limit]
    ]


def reports_naming(session: Session, victim: Victim) -> list[SourceReport]:
    """The source reports that name ``victim`` (those kept), as listed on it."""
    found = queries.reports_named(session, victim.report_ids)
    return [SourceReport.from_state(r, found[r]) for r in victim.report_ids if r in found]


def victims_shown(session: Session, incident_id: str, *, public: bool) -> list[Victim]:
    """The victims a report or export of ``incident_id`` may list: every one, or for a
    public one only those marked public, with only their public fields. Every printed or
    exported list of victims goes through here."""
    listed = victims_of(session, incident_id)
    return public_victims(listed) if public else listed


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A person a report of the incident names in a roll, not yet recorded as its victim."""

    report_id: str
    victim: SuggestedVictim


def suggested_victims(session: Session, incident_id: str) -> list[Suggestion]:
    """The people the incident's reports name in rolls of names ("وهم …", "identified as
    …") who are not among its victims yet (by name, folded): for the documenter to accept
    one by one (``add_victim`` with the report, its fields ``suggested``)."""
    from tawthiq.extract.victims import name_rolls
    from tawthiq.services.incidents import source_reports_of

    known = {latin_key(n) for v in victims_of(session, incident_id)
             for n in (v.name_ar, v.name_en) if n}  # fmt: skip
    out = []
    for report in source_reports_of(session, incident_id):
        for found in name_rolls(report.text or ""):
            key = latin_key(found.name)
            if key not in known:
                known.add(key)
                out.append(Suggestion(report.id, found))
    return out


def incident_problems_with_victims(session: Session, incident_id: str) -> list[Sentence]:
    """Where the incident's named victims say more than its counts (the form shows them)."""
    from tawthiq.services.incidents import get_incident

    incident = get_incident(session, incident_id)
    return counts_vs_victims(incident.values, victims_of(session, incident_id))
