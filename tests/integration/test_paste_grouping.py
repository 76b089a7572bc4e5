"""A pasted report added to an incident already kept, as the window asks for it
(``Desk.groups``), on a real database: the report kept with its own figures, no incident
made, the range across the reports; nothing joined unless asked."""

from __future__ import annotations

from datetime import date

import pytest

from tawthiq import services
from tawthiq.domain.errors import ValidationError
from tawthiq.domain.filters import IncidentFilter
from tawthiq.services.desk import Desk

DAY = date(2022, 11, 6)
ARABIC = (
    "إدلب - مراسل محلي\n"
    "قُتل ستة مدنيين بينهم طفلان، وأصيب 20 آخرون، صباح اليوم الأحد، بقصف صاروخي لقوات "
    "النظام على مخيم مرام شمالي إدلب، بحسب الدفاع المدني.\n"
)
ENGLISH = (
    "Idlib - Nine civilians, among them three children, were killed and 75 injured on "
    "Sunday morning when government forces shelled Maram camp north of Idlib with rockets, "
    "the Civil Defence said.\n"
)


def _count(desk: Desk) -> int:
    with desk.ws.db.read() as s:
        return services.incidents.count_incidents(s, IncidentFilter())


def _first(desk: Desk, text: str) -> tuple[str, dict]:  # type: ignore[type-arg]
    """The report read, then saved from the window's form as a new incident."""
    values = desk.read_report(text, DAY).drafts[0].values
    saved = desk.save(values, report={"text": text, "outlet": "Enab Baladi"})
    return saved.incident_id, values


@pytest.fixture
def desk(ws: services.Workspace) -> Desk:
    return Desk(ws)


def test_a_second_report_is_added_to_the_incident_with_its_own_figures(desk: Desk) -> None:
    first, _ = _first(desk, ARABIC)
    values = desk.read_report(ENGLISH, DAY).drafts[0].values
    found = desk.groups.candidates_for(values)
    assert [c.incident.id for c in found] == [first] and found[0].strong
    assert "the same place code" in found[0].match.reasons
    added = desk.groups.add_to(first, values, report={"text": ENGLISH, "outlet": "SANA"})
    assert added.incident_id == first and _count(desk) == 1
    assert added.changes.touches(first) and added.changes.reports
    view = desk.incident(first)
    assert [r.outlet for r in view.reports] == ["Enab Baladi", "SANA"]
    assert view.sources is not None
    said = [(r.figures["killed"].max, r.figures["injured"].max) for r in view.sources.per_source]
    assert said == [(6, 20), (9, 75)]
    assert (view.sources.ranges["killed"].min, view.sources.ranges["killed"].max) == (6, 9)
    assert view.incident.killed is not None and view.incident.killed.max == 6  # kept as it was
    assert added.view.incident.id == first and len(added.view.reports) == 2


def test_adding_to_a_grouped_incident_adds_to_the_one_it_is_shown_as(desk: Desk) -> None:
    first, values = _first(desk, ARABIC)
    other = desk.save({**values, "killed": 7}).incident_id
    desk.groups.group(other, first)
    english = desk.read_report(ENGLISH, DAY).drafts[0].values
    # the grouped one is not offered: its group is
    assert [c.incident.id for c in desk.groups.candidates_for(english)] == [first]
    added = desk.groups.add_to(other, english, report={"text": ENGLISH})
    assert added.incident_id == first
    assert len(desk.incident(first).reports) == 2


def test_a_report_kept_for_another_incident_of_the_paste_is_linked_again(desk: Desk) -> None:
    first, _ = _first(desk, ARABIC)
    values = desk.read_report(ENGLISH, DAY).drafts[0].values
    elsewhere = desk.save({**values, "date_start": "2022-10-01"}, report={"text": ENGLISH})
    assert elsewhere.report_id is not None
    desk.groups.add_to(first, values, report_id=elsewhere.report_id)
    assert _count(desk) == 2
    assert [len(desk.incident(i).reports) for i in (first, elsewhere.incident_id)] == [2, 1]


def test_a_guessed_day_is_a_candidate_never_a_strong_one(desk: Desk) -> None:
    first, _ = _first(desk, ARABIC)
    values = desk.read_report(ENGLISH, DAY).drafts[0].values
    found = desk.groups.candidates_for(values, guessed_day=True)
    assert [c.incident.id for c in found] == [first] and not found[0].strong
    assert "the report's date is a guess" in found[0].match.reasons


def test_nothing_is_added_to_a_deleted_incident(desk: Desk) -> None:
    first, values = _first(desk, ARABIC)
    desk.delete(first)
    with pytest.raises(ValidationError, match="deleted"):
        desk.groups.add_to(first, values, report={"text": ENGLISH})
    with desk.ws.db.read() as s:
        assert not services.kept.already_kept(s, ENGLISH)
