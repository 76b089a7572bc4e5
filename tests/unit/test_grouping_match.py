"""Whether a report's incident is one already kept (domain.grouping.match): written
examples of what joins, what is only a candidate, and what is never matched."""

from __future__ import annotations

from typing import Any

import pytest

from tawthiq.domain.grouping import LIKE_NAME, SAME_NAME, STRONG, WEAK, match, name_similarity

SARMADA: dict[str, Any] = {
    "date_start": "2022-11-06",
    "governorate": "Idlib",
    "place_name_ar": "سرمدا",
    "place_name_en": "Sarmada",
    "pcode": "C4140",
    "lat": 36.1798,
    "lon": 36.7162,
    "incident_type": "shelling_artillery_missile",
    "perpetrators": ["syrian_government"],
    "killed": {"min": 7, "max": 7, "approximate": False},
}


def told(**changes: Any) -> dict[str, Any]:
    return {**SARMADA, **changes}


def seven(n: int) -> dict[str, Any]:
    return {"min": n, "max": n, "approximate": False}


def test_the_same_attack_told_by_another_outlet_is_a_strong_match() -> None:
    other = told(killed=seven(9), perpetrators=["russia"], incident_type="air_drone_strike")
    m = match(other, SARMADA)
    assert m is not None and m.strength == STRONG
    assert "the same place code" in m.reasons and "the same date" in m.reasons


def test_a_place_named_in_another_script_and_spelling_matches_by_its_name() -> None:
    # no code and no coordinates on the new one: the name, folded, says it is the place
    new = {k: v for k, v in SARMADA.items() if k not in ("pcode", "lat", "lon", "place_name_ar")}
    new["place_name_en"] = "Sarmadah"
    m = match(new, SARMADA)
    assert m is not None and m.strength == STRONG and "the same place name" in m.reasons


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Maarat al-Numan", "Ma'arrat an-Nu'man"),
        ("Kafr Nabl", "Kafranbel"),
        ("Ariha", "Areeha"),
        ("معرة النعمان", "معره النعمان"),
    ],
)
def test_spellings_of_one_name_are_alike(a: str, b: str) -> None:
    assert name_similarity({"place_name": a}, {"place_name": b}) >= LIKE_NAME


@pytest.mark.parametrize(
    ("a", "b"),
    [("Hama", "Homs"), ("Ariha", "Atarib"), ("Idlib", "Jisr al-Shughur"), ("بنش", "تفتناز")],
)
def test_different_places_are_not_alike(a: str, b: str) -> None:
    assert name_similarity({"place_name": a}, {"place_name": b}) < SAME_NAME


def test_the_next_day_even_at_the_very_same_place_is_only_a_candidate() -> None:
    # a town shelled two days running, each day's toll alike: two attacks
    m = match(told(date_start="2022-11-07", killed=seven(8)), SARMADA)
    assert m is not None and m.strength == WEAK and "dates a day apart" in m.reasons


def test_the_next_day_with_a_very_different_toll_is_only_a_candidate() -> None:
    # a town shelled two days running: two attacks, not one told twice
    m = match(told(date_start="2022-11-07", killed=seven(30)), SARMADA)
    assert m is not None and m.strength == WEAK


def test_a_guessed_day_is_never_strong() -> None:
    m = match(told(), SARMADA, guessed_day=True)
    assert m is not None and m.strength == WEAK
    assert "the report's date is a guess" in m.reasons


@pytest.mark.parametrize(
    "changes",
    [
        {"date_start": "2022-11-08"},  # two days apart
        {"governorate": "Aleppo"},  # another governorate
        {"incident_type": "arrest"},  # not one strike told twice
        {"date_start": None},  # no day: nothing to compare
    ],
)
def test_no_match(changes: dict[str, Any]) -> None:
    assert match(told(**changes), SARMADA) is None


def test_a_neighbouring_village_is_a_candidate_not_the_same_place() -> None:
    # Kafr Jales, about 8 km away: near, but another place
    near = told(
        pcode="C4150",
        lat=36.2350,
        lon=36.6480,
        place_name_ar="كفر جالس",
        place_name_en="Kafr Jales",
    )
    m = match(near, SARMADA)
    assert m is not None and m.strength == WEAK and "places within 12 km" in m.reasons


def test_sides_that_rule_each_other_out_make_only_a_candidate() -> None:
    m = match(told(perpetrators=["sdf"]), SARMADA)
    assert m is not None and m.strength == WEAK and "different sides named" in m.reasons


def test_a_type_or_sides_not_told_are_no_reason_against_but_a_type_is_needed_to_join() -> None:
    m = match(told(perpetrators=[], incident_type=None), SARMADA)
    assert m is not None and m.strength == WEAK
    m = match(told(perpetrators=["unknown"]), SARMADA)
    assert m is not None and m.strength == STRONG


DARAA_AREA: dict[str, Any] = {
    "date_start": "2025-03-25",
    "governorate": "Dar'a",
    "place_name_en": "Dar'a",
    "pcode": "SY12",
    "incident_type": "air_drone_strike",
    "perpetrators": ["israel"],
    "killed": seven(6),
}
KOYA = {**DARAA_AREA, "place_name_en": "Koya", "pcode": "C6025", "lat": 32.72, "lon": 35.86}


def test_an_area_holding_a_village_joins_only_when_everything_else_agrees() -> None:
    m = match(KOYA, DARAA_AREA)
    assert m is not None and m.strength == STRONG
    assert "one place is the area that holds the other" in m.reasons
    for changes in (
        {"killed": seven(20)},  # another toll
        {"perpetrators": []},  # no side told
        {"incident_type": "armed_clash"},  # a kind of violence that may be another attack
        {"date_start": "2025-03-26"},  # the next day
    ):
        m = match({**KOYA, **changes}, DARAA_AREA)
        assert m is not None and m.strength == WEAK, changes


def test_two_reports_naming_only_the_governorate_are_not_one_place() -> None:
    # the same code, but of a whole governorate: two attacks there that day are two
    m = match({**DARAA_AREA, "killed": seven(30)}, DARAA_AREA)
    assert m is not None and m.strength == WEAK


def test_a_governorates_own_city_counts_as_the_area() -> None:
    hama_city = told(
        governorate="Hama", place_name_en="Hama", pcode="C2987", lat=35.13, lon=36.75,
        incident_type="attack", perpetrators=["isis"], killed=seven(26),
    )  # fmt: skip
    village = {**hama_city, "place_name_en": "Dweizin", "pcode": None, "lat": None, "lon": None}
    m = match(village, hama_city)
    assert m is not None and m.strength == STRONG


def test_neighbouring_villages_alike_in_everything_stay_two() -> None:
    # two villages shelled the same day by the same side with the same toll: two attacks
    near = told(
        pcode="C4150",
        lat=36.2350,
        lon=36.6480,
        place_name_ar="كفر جالس",
        place_name_en="Kafr Jales",
    )
    m = match(near, SARMADA)
    assert m is not None and m.strength == WEAK


def test_a_clash_and_a_strike_at_one_place_code_are_only_a_candidate() -> None:
    m = match(told(incident_type="armed_clash"), SARMADA)
    assert m is not None and m.strength == WEAK
    assert match(told(incident_type="looting_destruction"), SARMADA) is None


@pytest.mark.parametrize(
    ("ar", "en"), [("كفر نبل", "Kafranbel"), ("كويا", "Koya"), ("دويزين", "Dweizin")]
)
def test_a_name_in_arabic_and_its_latin_spelling_are_alike_but_never_the_same_place(
    ar: str, en: str
) -> None:
    similarity = name_similarity({"place_name": ar}, {"place_name": en})
    assert LIKE_NAME <= similarity < SAME_NAME


@pytest.mark.parametrize(("ar", "en"), [("حماة", "Homs"), ("أريحا", "Atarib"), ("بنش", "Taftanaz")])
def test_other_places_across_scripts_are_not_alike(ar: str, en: str) -> None:
    assert name_similarity({"place_name": ar}, {"place_name": en}) < LIKE_NAME


def test_camps_numbered_in_arabic_and_latin_digits_are_the_same_number() -> None:
    assert (
        name_similarity({"place_name": "مخيم الكرامة ١"}, {"place_name": "مخيم الكرامة 1"})
        >= SAME_NAME
    )
    assert name_similarity({"place_name": "مخيم الكرامة ١"}, {"place_name": "مخيم الكرامة 2"}) == 0
