"""Checking values against the registry of fields: one value as its kind reads it, a
record's fields against each other (casualty breakdowns, days, place levels), a form's
every problem at once, and a value from another laptop before it is merged."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from tawthiq.domain.admin_units import place_problems
from tawthiq.domain.errors import N_, ValidationError
from tawthiq.domain.fields import (
    BREAKDOWN,
    DATE_FIELDS,
    FIELDS,
    INCIDENT,
    TOTALS,
    VICTIM,
    field_spec,
)
from tawthiq.domain.values import parser
from tawthiq.domain.victims import victim_problems


def clean_value(entity: str, name: str, value: Any) -> Any:
    """The canonical JSON value for ``name``; ``None`` clears the field."""
    spec = field_spec(entity, name)
    if value is None or value == "":
        return None
    return parser(spec.kind, spec.vocab)(name, value)


def clean_changes(entity: str, changes: Mapping[str, Any]) -> dict[str, Any]:
    return {name: clean_value(entity, name, v) for name, v in changes.items()}


def incident_problems(state: Mapping[str, Any]) -> list[ValidationError]:
    """Every check across fields of one incident's state that fails, each naming its field."""
    problems = []
    start, end = state.get("date_start"), state.get("date_end")
    if start and end and end < start:
        problems.append(
            ValidationError(
                N_("{end} is before the incident's date {start}"),
                field="date_end",
                end=end,
                start=start,
            )
        )
    for total in TOTALS:
        whole = state.get(total)
        if not whole:
            continue
        parts = [state.get(f"{total}_{p}") for p in BREAKDOWN]
        least = sum(p["min"] for p in parts if p)
        if least > whole["max"]:
            problems.append(
                ValidationError(
                    N_(
                        "children, women and men among them ({least}) are more than "
                        "the total of at most {most}"
                    ),
                    field=total,
                    least=least,
                    most=whole["max"],
                )
            )
    problems.extend(place_problems(state))
    return problems


def future_dates(values: Mapping[str, Any], today: date | None = None) -> list[ValidationError]:
    """An incident date later than today among ``values`` (what is not a date is left to
    its own check): what is documented has happened. Checked where a person writes a date,
    never on what arrives from another laptop (its clock may be wrong, and its record is
    kept as it was written)."""
    today = today or date.today()
    problems = []
    for name in DATE_FIELDS:
        try:
            day = date.fromisoformat(str(values.get(name) or ""))
        except ValueError:
            continue
        if day > today:
            problems.append(
                ValidationError(
                    N_(
                        "{value} is after today ({today}): "
                        "an incident's date cannot be in the future"
                    ),
                    field=name,
                    value=day.isoformat(),
                    today=today.isoformat(),
                )
            )
    return problems


def check_incident(state: Mapping[str, Any]) -> None:
    """Checks across fields of one incident's state after a change is applied."""
    problems = incident_problems(state)
    if problems:
        raise problems[0]


def check_change(before: Mapping[str, Any], after: Mapping[str, Any]) -> None:
    """A change may not bring in a problem across fields; one the record already had
    (arrived from another laptop, where the checks were older) does not stop other changes,
    and ``tawthiq show`` and the form go on naming it."""
    had = {p.text() for p in incident_problems(before)}
    for problem in incident_problems(after):
        if problem.text() not in had:
            raise problem


def form_problems(entity: str, values: Mapping[str, Any]) -> dict[str, ValidationError]:
    """Every field of a form whose value is not acceptable, then the checks across fields:
    a form shows all of them at once, next to their fields."""
    problems: dict[str, ValidationError] = {}
    clean: dict[str, Any] = {}
    for name, value in values.items():
        try:
            clean[name] = clean_value(entity, name, value)
        except ValidationError as exc:
            problems[name] = exc
    state = {k: v for k, v in clean.items() if v is not None and k not in problems}
    across = []
    if entity == INCIDENT:
        across = future_dates(state) + incident_problems(state)
    elif entity == VICTIM:
        across = victim_problems(state)
    for problem in across:
        problems.setdefault(problem.field or "", problem)
    return problems


def checked_name(name: str | None) -> str | None:
    """A documenter's name, refused before anything is written when it cannot be stored:
    given on the command line, in the environment or a settings file, it may hold bytes
    that are no characters (a name typed in another encoding)."""
    if name is not None:
        try:
            name.encode("utf-8")
        except UnicodeEncodeError:
            raise ValidationError(
                N_(
                    "your name holds bytes that are not valid characters; give it again with "
                    "--author NAME or TAWTHIQ_AUTHOR, as text"
                )
            ) from None
    return name


def foreign_value_problem(entity: str, name: str, value: Any) -> str | None:
    """Why a value arriving from another laptop is not one Tawthiq would have written for
    this field (None when it is): it must be exactly what checking it again gives."""
    if entity not in FIELDS or name not in FIELDS[entity]:
        return f"{entity}.{name} is not a field Tawthiq knows"
    if value is None:
        return None
    try:
        again = clean_value(entity, name, value)
    except ValidationError as exc:
        return exc.text()
    if again != value or type(again) is not type(value):
        return "the value is not in the form Tawthiq stores"
    return None
