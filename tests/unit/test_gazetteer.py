"""The shipped gazetteer: data integrity, and place mentions found in sentences written here."""

from __future__ import annotations

import json
from collections import defaultdict
from importlib import resources
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tawthiq.extract.gazetteer import KINDS, Gazetteer, Place, PlaceMention
from tawthiq.extract.place_names import name_keys

LAT, LON = (32.0, 37.5), (35.5, 42.5)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="module")
def rows() -> list[dict[str, Any]]:
    data = json.loads(resources.files("tawthiq.resources").joinpath("gazetteer.json").read_text())
    return [dict(zip(data["fields"], row, strict=True)) for row in data["places"]]


@pytest.fixture(scope="module")
def governorate_names() -> set[str]:
    text = resources.files("tawthiq.resources").joinpath("governorates.json").read_text()
    return {g["name_en"] for g in json.loads(text)["governorates"]}


# ------------------------------------------------------------------ data integrity


def test_resources_are_compact() -> None:
    folder = resources.files("tawthiq.resources")
    for name in ("gazetteer.json", "gazetteer_stopwords.json"):
        assert len(folder.joinpath(name).read_bytes()) < 3_000_000


def test_load_is_cached(gaz: Gazetteer) -> None:
    assert Gazetteer.load() is gaz


def test_every_kind_is_there(gaz: Gazetteer) -> None:
    counts: dict[str, int] = defaultdict(int)
    for place in gaz.places():
        counts[place.kind] += 1
    assert set(counts) == set(KINDS)
    assert counts["governorate"] == 14 and counts["community"] > 7000 and counts["camp"] > 500


def test_pcodes_are_unique(rows: list[dict[str, Any]]) -> None:
    pcodes = [row["pcode"] for row in rows]
    assert len(pcodes) == len(set(pcodes))


def test_every_place_has_arabic_and_english_names(gaz: Gazetteer) -> None:
    for place in gaz.places():
        assert name_keys(place.name_ar) and any("\u0621" <= c <= "\u064a" for c in place.name_ar)
        assert name_keys(place.name_en) and any(c.isascii() and c.isalpha() for c in place.name_en)


def test_coordinates_are_inside_syria(gaz: Gazetteer) -> None:
    for place in gaz.places():
        assert LAT[0] <= place.lat <= LAT[1], place
        assert LON[0] <= place.lon <= LON[1], place


def test_governorates_are_the_fourteen(gaz: Gazetteer, governorate_names: set[str]) -> None:
    assert {p.name_en for p in gaz.places() if p.kind == "governorate"} == governorate_names
    for name in governorate_names:
        assert gaz.governorate(name).kind == "governorate"
        assert gaz.governorate(name).governorate == name
    assert gaz.governorate("Idlib").pcode == "SY07"


def test_units_of_communities_and_camps(
    gaz: Gazetteer, rows: list[dict[str, Any]], governorate_names: set[str]
) -> None:
    for row in rows:
        if row["kind"] in ("community", "camp"):
            place = gaz.by_pcode(row["pcode"])
            assert place.governorate in governorate_names, place
            assert gaz.by_pcode(row["governorate"]).kind == "governorate"
            assert gaz.by_pcode(row["subdistrict"]).kind == "subdistrict"
            assert place.district and place.subdistrict


def test_no_alias_names_two_places_of_a_kind_in_one_subdistrict(
    rows: list[dict[str, Any]],
) -> None:
    owners: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    aliases: list[tuple[str, str, str]] = []
    for row in rows:
        area = row["subdistrict"] or row["pcode"]
        names = [row["name_ar"], row["name_en"], *row["aliases"]]
        for i, name in enumerate(names):
            keys = name_keys(name)
            assert keys is not None, name
            owners[row["kind"], area, keys[0]].add(row["pcode"])
            if i >= 2:
                aliases.append((row["kind"], area, keys[0]))
    shared = [key for key in aliases if len(owners[key]) > 1]
    assert shared == []


# ------------------------------------------------------------------ finding places


def _pcodes(mention: PlaceMention) -> list[str]:
    return [p.pcode for p in mention.place_candidates]


# (text, [(span text, a pcode among the candidates, governorate of the first, prefix), ...])
EXAMPLES = [
    pytest.param(
        "قصف على مخيم مرام للنازحين قرب بلدة كفر جالس",
        [("مرام", "CP000752", "Idlib", "مخيم"), ("كفر جالس", "C3945", "Idlib", "بلدة")],
        id="maram-camp-near-kafr-jales",
    ),
    pytest.param(
        "سقطت قذيفة بكفر جالس صباحا", [("كفر جالس", "C3945", "Idlib", None)], id="proclitic-b"
    ),
    pytest.param(
        "احترقت خيام في منطقة المخيمات بـ”كفر جالس” غرب المدينة",
        [("كفر جالس", "C3945", "Idlib", None)],
        id="proclitic-tatweel-quote",
    ),
    pytest.param(
        "وصل النازحون إلى معرتمصرين", [("معرتمصرين", "C3947", "Idlib", None)], id="no-space"
    ),
    pytest.param(
        "وصل النازحون إلى معرة مصرين", [("معرة مصرين", "C3947", "Idlib", None)], id="space"
    ),
    pytest.param(
        "نزحوا من معر تمصرين", [("معر تمصرين", "C3947", "Idlib", None)], id="ocha-spelling"
    ),
    pytest.param(
        "shelling near Idleb city", [("Idleb", "C3871", "Idlib", "city")], id="idleb-city"
    ),
    pytest.param("two killed in Idlib", [("Idlib", "SY07", "Idlib", None)], id="in-idlib"),
    pytest.param("قصف وإدلب", [("إدلب", "SY07", "Idlib", None)], id="wa-idlib"),
    pytest.param("طريق لإدلب", [("إدلب", "SY07", "Idlib", None)], id="li-idlib"),
    pytest.param("shells hit Kafr Nouran", [("Kafr Nouran", "C1041", "Aleppo", None)], id="nouran"),
    pytest.param("shells hit Kafr Noran", [("Kafr Noran", "C1041", "Aleppo", None)], id="noran"),
    pytest.param("قصفت كفر نوران", [("كفر نوران", "C1041", "Aleppo", None)], id="nouran-ar"),
    pytest.param("قتيل في الأتارب", [("الأتارب", "C1022", "Aleppo", None)], id="atarib-ar"),
    pytest.param(
        "قتيل في بلدة الأتارب", [("الأتارب", "C1022", "Aleppo", "بلدة")], id="atarib-town"
    ),
    pytest.param(
        "a man was killed in al-Atarib", [("al-Atarib", "C1022", "Aleppo", None)], id="atarib"
    ),
    pytest.param(
        "near Jisr al-Shughur", [("Jisr al-Shughur", "C4199", "Idlib", None)], id="jisr-al"
    ),
    pytest.param(
        "near Jisr ash-Shughur", [("Jisr ash-Shughur", "C4199", "Idlib", None)], id="jisr-ash"
    ),
    pytest.param("Maram camp was hit", [("Maram", "CP000752", "Idlib", "camp")], id="x-camp"),
    pytest.param("غارات على ريف حلب الغربي", [("حلب", "SY02", "Aleppo", "ريف")], id="rif-halab"),
    pytest.param("the town of Sarmada", [("Sarmada", "C4121", "Idlib", "town")], id="town-of"),
    pytest.param(
        "قصف على أطمة وسرمدا",
        [("أطمة", "C4130", "Idlib", None), ("سرمدا", "C4121", "Idlib", None)],
        id="conjunction",
    ),
    pytest.param("قصف مخيم الأمل", [("الأمل", None, "Idlib", "مخيم")], id="common-word-camp"),
    pytest.param(
        "خرج الناس إلى السوق صباح يوم الجمعة بعد أن فتح الباب الكبير للمدينة", [], id="ordinary-ar"
    ),
    pytest.param("قالت إن الأمل باق والكرامة لا تباع", [], id="camp-names-as-words"),
    pytest.param("وصل لقاح جديد إلى المشفى", [], id="word-not-proclitic"),
    pytest.param("They were told to hope for the best and go home", [], id="ordinary-en"),
    pytest.param("Kurdish forces said on Sunday", [], id="english-word-like-a-village"),
]


@pytest.mark.parametrize(("text", "expected"), EXAMPLES)
def test_find(
    gaz: Gazetteer, text: str, expected: list[tuple[str, str | None, str, str | None]]
) -> None:
    mentions = gaz.find(text)
    assert [m.text for m in mentions] == [span for span, *_ in expected]
    for mention, (span, pcode, governorate, prefix) in zip(mentions, expected, strict=True):
        assert mention.start == text.index(span) and mention.end == mention.start + len(span)
        assert text[mention.start : mention.end] == mention.text
        assert mention.prefix == prefix
        assert mention.place_candidates[0].governorate == governorate
        if pcode is not None:
            assert pcode in _pcodes(mention)


def test_spellings_find_the_same_place(gaz: Gazetteer) -> None:
    def places(text: str) -> set[str]:
        return {pcode for m in gaz.find(text) for pcode in _pcodes(m)}

    assert places("معرتمصرين") == places("معرة مصرين") == places("Maarat Misrin") != set()
    assert places("Kafr Nouran") == places("Kafr Noran") == places("كفر نوران") == {"C1041"}
    assert places("الأتارب") == places("al-Atarib") == places("Al Atareb")
    assert "C3945" in places("Kafr Jales") & places("Kfar Jales") & places("كفر جالس")


def test_idlib_city_and_governorate(gaz: Gazetteer) -> None:
    city = gaz.find("shelling near Idleb city")[0].place_candidates[0]
    assert (city.kind, city.name_ar, city.governorate) == ("community", "إدلب", "Idlib")
    (mention,) = gaz.find("in Idlib")
    assert mention.place_candidates[0] == gaz.governorate("Idlib")


def test_ambiguous_names_give_every_candidate(gaz: Gazetteer) -> None:
    (mention,) = gaz.find("قرية الصالحية")
    assert len(mention.place_candidates) > 3
    assert {p.kind for p in mention.place_candidates} == {"community"}
    assert len({p.governorate for p in mention.place_candidates}) > 1


def test_camp_word_picks_the_camp(gaz: Gazetteer) -> None:
    (mention,) = gaz.find("قصف مخيم الأمل")
    assert {p.kind for p in mention.place_candidates} == {"camp"}
    assert isinstance(mention.place_candidates[0], Place)


def test_offsets_survive_diacritics_and_tatweel(gaz: Gazetteer) -> None:
    text = "وقُتِل ثلاثة في بِـإدلـب اليوم"
    (mention,) = gaz.find(text)
    assert mention.text == "إدلـب" and text[mention.start : mention.end] == "إدلـب"


_PIECES = [
    *("كفر جالس", "بـ”إدلب”", "وسرمدا", "مُخيّم مرام", "للأتارب", "السوق", "Idleb's", "al-Bab"),
    *("Kafr Noran camp", "the town of Dana", " ", "، ", ". ", "\n", "-", "ـ", "\u064b", "x"),
]


@given(st.lists(st.sampled_from(_PIECES) | st.text(max_size=6), max_size=25))
@settings(max_examples=300, deadline=None)
def test_mentions_point_into_the_text(pieces: list[str]) -> None:
    text = "".join(pieces)
    mentions = Gazetteer.load().find(text)
    end = 0
    for mention in mentions:
        assert end <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.text
        assert mention.place_candidates
        end = mention.end


@pytest.mark.parametrize(
    ("text", "name_en"),
    [
        ("the town of Tal Rifaat", "Tall Refaat"),
        ("homes in Kafr Nabuda", "Kafr Nabutha"),
        ("the town of Darat Izza", "Daret Azza"),
        ("the town of Tal Abyad", "Tell Abiad"),
        ("inside al-Hol camp", "Hole"),
    ],
    ids=["doubled-letters", "d-th", "vowels", "tal-is-tell", "alias-added"],
)
def test_english_spellings_of_one_arabic_name(text: str, name_en: str) -> None:
    mentions = Gazetteer.load().find(text)
    assert mentions and name_en in {p.name_en for p in mentions[0].place_candidates}


def test_consonants_alone_do_not_make_a_match() -> None:
    """ "Baghuz" (Deir ez-Zor) and Bughaz (Idlib) share their consonants, not their vowels."""
    for m in Gazetteer.load().find("Clashes went on in the village of Baghuz today"):
        assert all(p.name_en != "Bughaz" for p in m.place_candidates)


def test_a_common_word_of_a_name_keeps_its_meaning() -> None:
    """ "Tal" may be spelt "Tell" in the gazetteer, but a common word that is not a spelling
    of a name's word still has to be the name's own: "Baghdad" is no "Bgheidid"."""
    for m in Gazetteer.load().find("The attack drew condemnation from Baghdad"):
        assert all(p.name_en != "Bgheidid" for p in m.place_candidates)


def test_added_aliases_are_sound(gaz: Gazetteer, rows: list[dict[str, Any]]) -> None:
    """The names resources/extract/places.json adds point at places that exist and name no
    other place of the same kind in the same subdistrict."""
    extra = json.loads(
        resources.files("tawthiq.resources").joinpath("extract/places.json").read_text("utf-8")
    )["aliases"]
    owners: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for row in rows:
        for name in [row["name_ar"], row["name_en"], *row["aliases"]]:
            key = name_keys(name)
            if key:
                owners[row["kind"], row["subdistrict"] or row["pcode"], key[0]].add(row["pcode"])
    for pcode, names in extra.items():
        place = gaz.by_pcode(pcode)
        assert set(names) <= set(gaz.names(pcode))
        row = next(r for r in rows if r["pcode"] == pcode)
        for name in names:
            key = name_keys(name)
            assert key is not None, name
            others = owners[place.kind, row["subdistrict"] or pcode, key[0]] - {pcode}
            assert not others, (name, others)
