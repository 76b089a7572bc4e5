"""The place data the extractor ships is whole: aliases point at places that exist, no two
governorates share a name without a rule that tells them apart, and the English forms
compared with spellings are what scripts/build_place_keys.py builds."""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest

from tawthiq.domain.resources import read_json
from tawthiq.extract import extract
from tawthiq.extract.gazetteer import Gazetteer
from tawthiq.extract.place_fuzzy import english_form, entries_of, fuzzy_matches, fuzzy_skeleton
from tawthiq.extract.place_names import name_keys, vowel_shape

ROOT = Path(__file__).resolve().parents[3]
PLACES = read_json("extract/places.json")
ALIASES: dict[str, list[str]] = PLACES["aliases"]


def _build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build", ROOT / "scripts/build_place_keys.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_alias_names_a_place_of_the_gazetteer() -> None:
    gazetteer = Gazetteer.load()
    known = {p.pcode for p in gazetteer.places()}
    assert set(ALIASES) <= known
    for pcode, names in ALIASES.items():
        assert names and len(names) == len(set(names)), pcode
        assert all(name_keys(n) is not None for n in names), pcode


def test_no_alias_is_shared_across_governorates_without_a_tie_break() -> None:
    """An English alias shared with a place in another governorate must differ from it in
    its vowels (what the finder tells them apart by); an Arabic one must say in
    shared_aliases how a report's place is chosen."""
    gazetteer = Gazetteer.load()
    for pcode, names in ALIASES.items():
        own = gazetteer.by_pcode(pcode)
        for name in names:
            key = name_keys(name)[0]  # type: ignore[index]
            others = [p for p in gazetteer._index.get(key, []) if p.governorate != own.governorate]
            if not others:
                continue
            if name.isascii():
                shape = vowel_shape(english_form(name))
                assert all(shape not in gazetteer.vowel_shapes(p.pcode) for p in others), name
            else:
                assert name in PLACES["shared_aliases"], name


def test_shared_aliases_are_aliases() -> None:
    every = {n for names in ALIASES.values() for n in names}
    assert set(PLACES["shared_aliases"]) <= every


def test_shipped_english_forms_are_what_the_build_makes() -> None:
    """resources/extract/place_fuzzy.json is rebuilt with the gazetteer and the aliases
    (python scripts/build_place_keys.py)."""
    shipped = read_json("extract/place_fuzzy.json")["forms"]
    assert shipped == _build_script().fuzzy_forms()


def test_english_forms_name_places_that_exist() -> None:
    known = {p.pcode for p in Gazetteer.load().places()}
    forms = read_json("extract/place_fuzzy.json")["forms"]
    for key, entries in forms.items():
        pairs = entries_of(entries)
        assert all(pcode in known and fuzzy_skeleton(f) == key for f, pcode in pairs), key


@pytest.mark.parametrize(
    ("arabic", "latin"),
    [("كفرنبل", "kfrnbl"), ("زيزون", "zizun"), ("معرة حرمة", "mra hrma"), ("الأتارب", "al-atarb")],
)
def test_arabic_names_are_transliterated_as_reports_spell_them(arabic: str, latin: str) -> None:
    assert _build_script().transliterate(arabic) == latin


def test_a_spelling_below_the_threshold_matches_nothing() -> None:
    assert fuzzy_matches("Qwerty") == []
    # a short name must be spelt nearly alike: "Hiss" is not Has
    gazetteer = Gazetteer.load()
    assert "Has" not in {gazetteer.by_pcode(m.pcode).name_en for m in fuzzy_matches("Hiss")}
    assert all(m.score >= 0.8 for m in fuzzy_matches("Kafr Sijna"))


def test_a_match_says_why() -> None:
    best = fuzzy_matches("Kafrnabel")[0]
    assert Gazetteer.load().by_pcode(best.pcode).name_en == "Kafr Nobol"
    assert "consonants" in best.why and "spelling" in best.why and 0.8 <= best.score <= 1


def test_two_villages_counted_as_one_community_are_each_found() -> None:
    """OCHA counts some pairs of villages as one community ("معارة النعسان_معارة الحاسكي"):
    each village of two words or more is found by its own name, and "معارة" as "معرة";
    a part of one word ("الأسد", "منبج") names nothing new."""
    places = read_json("gazetteer.json")
    fields = places["fields"]
    compound = [dict(zip(fields, p, strict=True)) for p in places["places"]]
    compound = [p for p in compound if p["kind"] == "community" and "_" in p["name_ar"]]
    assert len(compound) > 200
    two_words = [
        (p, part) for p in compound for part in p["name_ar"].split("_") if len(part.split()) > 1
    ]
    # (an alias another place of the subdistrict also bears is dropped, as any alias)
    kept = [part for p, part in two_words if part in p["aliases"]]
    assert len(kept) >= 0.8 * len(two_words)
    assert not any(len(a.split()) == 1 for p in compound for a in p["aliases"] if "_" not in a
                   and a in p["name_ar"].split("_"))  # fmt: skip
    found = Gazetteer.load().find("قُتل مدني في منطقة معرة النعسان بريف إدلب")
    assert found[0].place_candidates[0].pcode == "C3935"


def test_a_spelling_the_sources_lack_finds_its_village() -> None:
    """ "عينجارة" is how reports write Anjara (عنجارة) in western Aleppo: an alias, in the
    data (the town was read as Afrin, named further on)."""
    text = "قتل مدني بقصف مدفعي استهدف منزله في بلدة عينجارة غرب حلب. وقصفت قسد مدينة عفرين."
    place = extract(text, ref_date=date(2020, 2, 5)).incidents[0]["place"].value
    assert (place["pcode"], place["governorate"]) == ("C1144", "Aleppo")


def test_a_towns_kurdish_name_places_its_villages() -> None:
    """Zarkan (زركان) is Abu Rasin in Hasakah: "قرية مشيرفة بريف زركان" is Hasakah's
    Mushayrifa, not its namesake in Idlib (it was)."""
    text = "استشهد مدنيان جراء قصف تركي على قرية مشيرفة بريف زركان مساء اليوم."
    place = extract(text, ref_date=date(2024, 3, 10)).incidents[0]["place"].value
    assert (place["name"], place["governorate"]) == ("مشيرفة", "Al-Hasakah")
