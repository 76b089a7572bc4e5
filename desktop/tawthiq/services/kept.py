"""A report pasted or ingested again: found among the reports already kept (the same text
once runs of spaces and line breaks are made one space), so its incidents are not made a
second time without a word. The reports kept include those merged from other laptops."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tawthiq.store import queries

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

_PROBE_WORDS = 12  # the longest words of a report, all of which a copy of it must hold


def normalised(text: str) -> str:
    """The text with every run of white space made one space, none at either end."""
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class AlreadyKept:
    """The reports already kept with the same text, and the incidents resting on them."""

    report_ids: tuple[str, ...]
    incidents: tuple[tuple[str, dict[str, Any]], ...]  # (id, current values), oldest first


def already_kept(session: Session, text: str) -> AlreadyKept | None:
    """The reports kept with this text (white space aside), or None."""
    wanted = normalised(text)
    if not wanted:
        return None
    words = sorted(set(wanted.split(" ")), key=lambda w: (-len(w), w))[:_PROBE_WORDS]
    same = [
        report_id
        for report_id, kept in queries.reports_with_words(session, " ".join(words))
        if normalised(kept) == wanted
    ]
    if not same:
        return None
    return AlreadyKept(tuple(same), tuple(queries.incidents_resting_on(session, same)))


def describe(values: Mapping[str, Any]) -> str:
    """An incident in one line, as the command line lists it: date, type, place, toll."""

    def figure(name: str) -> str:
        v = values.get(name)
        n = v.get("max") if isinstance(v, Mapping) else v
        return "-" if n is None else str(n)

    place = values.get("place_name") or values.get("governorate") or "-"
    return (
        f"{values.get('date_start') or '????-??-??'}  {values.get('incident_type') or '-'}  "
        f"{place}  killed {figure('killed')}  injured {figure('injured')}"
    )
