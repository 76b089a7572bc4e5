"""The shipped vocabularies and governorates are complete and consistent."""

from __future__ import annotations

import re

import pytest

from tawthiq.domain.arabic import normalize
from tawthiq.domain.places import find_governorate, governorates
from tawthiq.domain.resources import read_json
from tawthiq.domain.vocab import vocabularies

# The minimum code lists of ../shared/DESIGN.md, which other parts and benchmarks rely on.
DESIGN_CODES = {
    "incident_type": "air_drone_strike shelling_artillery_missile remote_explosive suicide_bomb "
    "grenade armed_clash attack abduction_disappearance arrest sexual_violence "
    "looting_destruction other",
    "weapons": "aerial_bomb barrel_bomb cluster_munition artillery rocket missile mortar drone "
    "small_arms ied vehicle_bomb landmine chemical incendiary heavy_weapons",
    "perpetrators": "syrian_government russia iran_affiliated hts sna armed_opposition isis sdf "
    "turkey us_coalition israel unknown",
    "target": "idp_camp residential market medical school place_of_worship bakery infrastructure "
    "vehicle farmland military other",
    "sources": "civil_defence medical_sources witnesses local_activists monitoring_group "
    "news_agency official_statement other",
    "evidence_grade": "confirmed fair weak contested discounted",
    "status": "draft reviewed verified",
    "date_precision": "day week month year",
}
ARABIC = re.compile("[\u0621-\u064a]")


@pytest.mark.parametrize("name", sorted(DESIGN_CODES))
def test_design_codes_are_all_there(name: str) -> None:
    assert set(DESIGN_CODES[name].split()) <= set(vocabularies()[name].codes)


@pytest.mark.parametrize("name", sorted(vocabularies()))
def test_every_code_has_an_arabic_and_an_english_label(name: str) -> None:
    vocab = vocabularies()[name]
    assert vocab.terms
    for term in vocab.terms:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", term.code)
        assert term.en.strip() and not ARABIC.search(term.en), term
        assert ARABIC.search(term.ar), term
    assert len({t.en for t in vocab.terms}) == len(vocab.terms), "two codes share an English label"
    assert len({t.ar for t in vocab.terms}) == len(vocab.terms), "two codes share an Arabic label"


def test_resource_file_has_no_duplicate_codes() -> None:
    import json
    from importlib import resources

    raw = resources.files("tawthiq.resources").joinpath("vocabularies.json").read_text("utf-8")
    pairs_seen: list[list[str]] = []
    json.loads(
        raw, object_pairs_hook=lambda pairs: pairs_seen.append([k for k, _ in pairs]) or dict(pairs)
    )
    for keys in pairs_seen:
        assert len(keys) == len(set(keys)), f"duplicate key in vocabularies.json: {keys}"


def test_governorates_are_the_fourteen_of_syria_inside_the_country() -> None:
    govs = governorates()
    assert len(govs) == 14
    assert {g.pcode for g in govs} == {f"SY{i:02d}" for i in range(1, 15)}
    for g in govs:
        assert 32.0 < g.lat < 37.5 and 35.5 < g.lon < 42.5, g
        assert ARABIC.search(g.name_ar)


def test_no_alias_names_two_governorates() -> None:
    seen: dict[str, str] = {}
    for g in read_json("governorates.json")["governorates"]:
        for name in (g["name_en"], g["name_ar"], *g["aliases"]):
            key = normalize(name)
            assert seen.setdefault(key, g["pcode"]) == g["pcode"], name


@pytest.mark.parametrize(
    ("name", "pcode"),
    [
        ("Idlib", "SY07"),
        ("إدلب", "SY07"),
        ("ادلب", "SY07"),
        ("محافظة إدلب", "SY07"),
        ("Idleb", "SY07"),
        ("aleppo", "SY02"),
        ("حلب", "SY02"),
        ("Deir ez-Zor", "SY09"),
        ("Dayr az-Zawr", "SY09"),
        ("Hasaka", "SY08"),
        ("ريف دمشق", "SY03"),
    ],
)
def test_governorate_found_by_any_spelling(name: str, pcode: str) -> None:
    assert find_governorate(name).pcode == pcode
