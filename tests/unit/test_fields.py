"""What a documenter may enter in each field, and the sentence they get when it is wrong."""

from __future__ import annotations

import pytest

from tawthiq.domain.checks import check_incident, clean_value
from tawthiq.domain.errors import ValidationError
from tawthiq.domain.fields import INCIDENT
from tawthiq.services.incidents import new_incident_values


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (9, {"min": 9, "max": 9, "approximate": False}),
        ("9", {"min": 9, "max": 9, "approximate": False}),
        ("9-12", {"min": 9, "max": 12, "approximate": True}),
        ({"min": 20, "max": 40, "approximate": True}, {"min": 20, "max": 40, "approximate": True}),
        ({"value": 75}, {"min": 75, "max": 75, "approximate": False}),
        (0, {"min": 0, "max": 0, "approximate": False}),
    ],
)
def test_casualty_figures(raw: object, expected: dict[str, object]) -> None:
    assert clean_value(INCIDENT, "killed", raw) == expected


@pytest.mark.parametrize(
    ("field", "raw", "message"),
    [
        ("killed", "-3", "not a number of people"),
        ("killed", -3, "cannot be negative"),
        ("killed", "nine", "not a number of people"),
        ("killed", "12-9", "minimum 12 is greater than the maximum 9"),
        ("killed", True, "expected a number of people"),
        ("date_start", "2022-13-45", "not a valid date"),
        ("date_start", "06/11/2022", "not a valid date"),
        ("weapons", "rocket,nuke", "unknown weapons code 'nuke'"),
        ("incident_type", "bombing", "unknown incident type code 'bombing'"),
        ("governorate", "Atlantis", "unknown governorate 'Atlantis'"),
        ("lat", "north", "not a number"),
        ("lat", 95, "outside -90..90"),
        ("time_of_day", "25:00", "neither a time"),
        ("country", "Syria", "not a two-letter country code"),
    ],
)
def test_bad_values_are_refused_with_a_sentence(field: str, raw: object, message: str) -> None:
    with pytest.raises(ValidationError, match=message) as info:
        clean_value(INCIDENT, field, raw)
    assert "\n" not in str(info.value)


def test_codes_are_normalised_and_deduplicated() -> None:
    assert clean_value(INCIDENT, "weapons", " Rocket , cluster_munition,rocket") == [
        "rocket",
        "cluster_munition",
    ]


def test_unknown_field_is_refused() -> None:
    with pytest.raises(ValidationError, match="no field 'colour'"):
        clean_value(INCIDENT, "colour", "red")


def test_breakdown_cannot_exceed_the_total() -> None:
    values = new_incident_values({"killed": 9, "killed_children": 3, "killed_women": 1})
    check_incident(values)
    with pytest.raises(ValidationError, match=r"children, women and men among them \(10\)"):
        new_incident_values({"killed": 9, "killed_children": 6, "killed_women": 4})


def test_end_date_before_start_is_refused() -> None:
    with pytest.raises(ValidationError, match="before the incident's date"):
        new_incident_values({"date_start": "2022-11-06", "date_end": "2022-11-01"})


def test_new_incident_defaults() -> None:
    values = new_incident_values({"date_start": "2022-11-06", "governorate": "إدلب"})
    assert values["governorate"] == "Idlib"
    assert values["status"] == "draft"
    assert values["date_precision"] == "day"
    assert values["country"] == "SY"
