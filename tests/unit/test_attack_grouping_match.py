"""An attack on grouping's matcher (domain.grouping.match): two different attacks a careless
world tells alike must never be joined without a person (a strong match joins on ingest);
precision matters more than recall."""

from __future__ import annotations

from typing import Any

import pytest

from tawthiq.domain.grouping import STRONG, match

SARMADA: dict[str, Any] = {
    "date_start": "2022-11-06",
    "date_precision": "day",
    "governorate": "Idlib",
    "place_name_ar": "سرمدا",
    "place_name_en": "Sarmada",
    "incident_type": "shelling_artillery_missile",
    "perpetrators": ["syrian_government"],
    "killed": {"min": 2, "max": 2, "approximate": False},
}


def told(**changes: Any) -> dict[str, Any]:
    return {**SARMADA, **changes}


def n(k: int) -> dict[str, Any]:
    return {"min": k, "max": k, "approximate": False}


def _strong(new: dict[str, Any], kept: dict[str, Any]) -> bool:
    m = match(new, kept)
    return m is not None and m.strength == STRONG


def test_the_same_town_the_same_day_with_tolls_far_apart_is_only_a_candidate() -> None:
    """2 killed at a school and 40 at the market of one town on one day: two attacks
    (or at best a toll a person must judge), never joined on their own."""
    assert not _strong(told(killed=n(40), target="market"), told(target="school"))


@pytest.mark.xfail(strict=True, reason="review: target not compared (policy)")
def test_the_same_town_the_same_day_at_different_targets_is_only_a_candidate() -> None:
    assert not _strong(told(target="market"), told(target="hospital"))


@pytest.mark.xfail(strict=True, reason="review: time of day not compared (policy)")
def test_the_same_town_in_the_morning_and_at_night_is_only_a_candidate() -> None:
    assert not _strong(told(time_of_day="morning"), told(time_of_day="night"))


def test_a_town_shelled_on_two_days_running_is_two_attacks() -> None:
    """Daily shelling of one town, each day's report dated to its own day (both days
    exact), the usual toll of 2 each day: two attacks, joined automatically today."""
    monday = told(date_start="2022-11-07")
    assert not _strong(monday, SARMADA)


@pytest.mark.parametrize(
    ("a", "b"),
    [("مخيم الكرامة 1", "مخيم الكرامة 2"), ("Atmeh camp 1", "Atmeh camp 2")],
)
def test_two_numbered_camps_are_not_one_place(a: str, b: str) -> None:
    """Camps of one cluster are numbered; the numbers are the only difference."""
    base = {k: v for k, v in SARMADA.items() if not k.startswith("place_name")}
    key = "place_name_ar" if a[0] >= "\u0600" else "place_name_en"
    assert not _strong({**base, key: a}, {**base, key: b})
