"""Place fields that contradict each other (issue 14, item 2): a governorate that is not the
one of the record's P-code, district, subdistrict or coordinates; a subdistrict outside its
district. And the names of districts, subdistricts and countries in both languages."""

from __future__ import annotations

from typing import Any

import pytest

from tawthiq.domain.admin_units import (
    TOLERANCE_KM,
    country_code,
    country_name,
    km_outside,
    place_problems,
    unit_name,
)
from tawthiq.domain.checks import incident_problems
from tawthiq.extract.gazetteer import Gazetteer
from tawthiq.extract.places import place_kind, place_value
from tawthiq.services.drafts import place_fields

# Sarmada as the gazetteer has it: Idlib > Harim > Dana
SARMADA: dict[str, Any] = {
    "governorate": "Idlib",
    "district": "Harim",
    "subdistrict": "Dana",
    "pcode": "C4121",
    "lat": 36.186707,
    "lon": 36.723877,
    "country": "SY",
}


def _problems(**changes: Any) -> dict[str, str]:
    return {p.field or "": str(p) for p in place_problems({**SARMADA, **changes})}


def test_a_place_as_the_gazetteer_has_it_contradicts_nothing() -> None:
    assert incident_problems(SARMADA) == []


def test_every_place_of_the_gazetteer_as_picked_contradicts_nothing() -> None:
    """No false alarm: each of the 8,000 places, with its levels and coordinates as the
    window fills them in when it is picked, passes the check."""
    gazetteer = Gazetteer.load()
    worst, contradicting = 0.0, []
    for place in gazetteer.places():
        values = place_fields(place_value(place, name=place.name_ar, kind=place_kind(place)))
        state = {k: v for k, v in values.items() if v is not None}
        if place_problems(state):
            contradicting.append((place.pcode, [str(p) for p in place_problems(state)]))
        gov = gazetteer.governorate(place.governorate).pcode
        worst = max(worst, km_outside(gov, place.lat, place.lon))
    assert contradicting == []
    assert 0 < worst < TOLERANCE_KM  # the outlines are coarse, but not that coarse


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        # the wheel turned Idlib into Quneitra beside a P-code in Idlib
        ({"governorate": "Quneitra"}, "governorate", "Quneitra is not the governorate of the "
         "P-code C4121 (Sarmada, in Idlib)"),
        ({"governorate": "Aleppo", "pcode": None}, "governorate",
         "Aleppo is not the governorate of the district Harim (in Idlib)"),
        ({"governorate": "Aleppo", "pcode": None, "district": None}, "governorate",
         "Aleppo is not the governorate of the subdistrict Dana (in Idlib)"),
        ({"pcode": None, "district": None, "subdistrict": None, "lat": 33.51, "lon": 36.29},
         "governorate", "the coordinates 33.51000, 36.29000 lie in Damascus, not in Idlib"),
        ({"lat": 37.5, "lon": 34.0}, "governorate", "lie outside Syria, not in Idlib"),
        ({"country": "TR"}, "governorate", "Idlib is in Syria, not in Türkiye"),
        ({"pcode": None, "subdistrict": "Maaret Tamsrin"}, "district",
         "Maaret Tamsrin is not a subdistrict of Harim (it is in Idleb)"),
        ({"pcode": "C3945", "lat": 35.975891, "lon": 36.614319}, "district",
         "Harim is not the district of the P-code C3945 (Kafr Jales, in Idleb)"),
        ({"pcode": "C4115", "district": "Harim"}, "subdistrict",
         "Dana is not the subdistrict of the P-code C4115 (Harim, in Harim)"),
    ],
)  # fmt: skip
def test_a_contradiction_is_named_at_the_coarser_field(
    changes: dict[str, Any], field: str, words: str
) -> None:
    found = _problems(**changes)
    assert field in found, found
    assert words in found[field]


def test_names_the_gazetteer_does_not_know_contradict_nothing() -> None:
    assert _problems(district="Jisr al-Hadid", subdistrict="somewhere") == {}
    assert _problems(pcode="XY1234") == {}
    assert place_problems({"governorate": "Idlib"}) == []


def test_a_name_in_either_language_or_spelling_is_the_same_unit() -> None:
    assert _problems(district="حارم", subdistrict="الدانا") == {}
    assert _problems(district="Harem") == {}


def test_the_sentence_names_places_in_the_language_it_is_shown_in() -> None:
    (problem,) = place_problems({**SARMADA, "governorate": "Quneitra"})
    arabic = problem.text(with_field=False, lang="ar")
    assert "القنيطرة" in arabic and "سرمدا" in arabic and "إدلب" in arabic
    assert "Quneitra" in problem.text()


def test_districts_subdistricts_and_countries_read_in_each_language() -> None:
    assert unit_name("district", "Harim", "ar", "Idlib") == "حارم"
    assert unit_name("subdistrict", "Dana", "ar", "Idlib") == "دانا"
    assert unit_name("district", "Harim", "en", "Idlib") == "Harim"
    assert unit_name("district", "حارم", "en") == "Harim"
    assert unit_name("district", "Jisr al-Hadid", "ar") == "Jisr al-Hadid"  # unknown: as is
    assert (country_name("SY", "ar"), country_name("SY", "en")) == ("سوريا", "Syria")
    assert country_code("سوريا") == country_code("Syria") == "SY"


def test_the_history_reads_place_values_in_the_interface_language() -> None:
    from tawthiq.i18n import setup_i18n
    from tawthiq.ui.values import value_text

    setup_i18n("ar")
    shown = [value_text(f, v) for f, v in SARMADA.items() if f not in ("pcode", "lat", "lon")]
    assert shown == ["إدلب", "حارم", "دانا", "سوريا"]
