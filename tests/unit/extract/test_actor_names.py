"""The names sides go by as reports write them (resources/extract/lexicon.json), and the
words of a bomb or of gunfire that tell the kind of attack with no weapon named: spellings
("سورية" and "الديموقراطية", "مليشيا" beside "ميليشيا"), the Free Syrian Army that is no
government force, HTS after 8 December 2024, "a bomb went off", "انفجرت قنبلة", "fire was
opened on"."""

from __future__ import annotations

from datetime import date

import pytest
from tests.unit.extract.examples import Example, cases

from tawthiq.extract import extract

NAMES = {
    "sdf-with-ta-marbuta": Example(
        "قتل مدنيان بقصف مدفعي لقوات سورية الديمقراطية على قرية في ريف منبج.",
        {"perpetrators": ["sdf"]},
    ),
    "sdf-with-waw": Example(
        "قصفت قوات سوريا الديموقراطية قرية قرب الباب ما أدى لمقتل طفل.",
        {"perpetrators": ["sdf"]},
    ),
    "sdf-held-area-is-no-striker": Example(
        "قتل ثلاثة مدنيين بانفجار دراجة مفخخة في بلدة البصيرة"
        " التي تسيطر عليها قوات سورية الديموقراطية.",
        {"perpetrators": ["unknown"]},
    ),
    "free-army-ar-is-opposition": Example(
        "قصف الجيش السوري الحر حاجزاً في ريف حماة وقتل عابر سبيل.",
        {"perpetrators": ["armed_opposition"]},
    ),
    "free-army-en-is-opposition": Example(
        "The Free Syrian Army shelled a checkpoint near Hama, killing a passer-by.",
        {"perpetrators": ["armed_opposition"]},
    ),
    "militias-short-spelling": Example(
        "قتل شاب برصاص المليشيات الإيرانية في مدينة الميادين.",
        {"perpetrators": ["iran_affiliated"]},
    ),
    "assad-militia-short-spelling": Example(
        "قصفت مليشيات الأسد بلدة كفرنبل وقتل طفلان.", {"perpetrators": ["syrian_government"]}
    ),
    "russian-occupation-ar": Example(
        "قتل ثلاثة مدنيين بغارات للاحتلال الروسي على قرية في جبل الزاوية.",
        {"perpetrators": ["russia"]},
    ),
    "coalition-aircraft-ar": Example(
        "قتل أربعة مدنيين بغارة لطائرات التحالف الدولي على قرية في ريف دير الزور.",
        {"perpetrators": ["us_coalition"]},
    ),
    "turkiye-backed-factions": Example(
        "Türkiye-backed Syrian factions shelled a village near Tal Tamr, killing a woman.",
        {"perpetrators.first": "sna"},
    ),
    # state media's "insurgents" and "terrorist groups" name whom the strikes were said to
    # target as often as who struck: no side
    "insurgents-targeted-are-no-striker": Example(
        "Airstrikes killed four civilians in Idlib. Damascus says its strikes target armed "
        "insurgent groups.",
        {"perpetrators": ["unknown"]},
    ),
}

KINDS = {
    "a-bomb-went-off": Example(
        "A bomb went off near a fuel tanker in a crowded market in Azaz, killing 11 people.",
        {"incident_type": "remote_explosive"},
    ),
    "bombs-exploded": Example(
        "Two bombs exploded in the market of al-Bab, wounding six people.",
        {"incident_type": "remote_explosive"},
    ),
    "a-bomb-exploded-ar": Example(
        "انفجرت قنبلة في سوق مدينة عفرين ما أدى لمقتل ثلاثة مدنيين.",
        {"incident_type": "remote_explosive"},
    ),
    "fire-was-opened": Example(
        "Intense fire was opened on houses in the village, killing three civilians.",
        {"incident_type": "attack"},
    ),
    # "exploded" alone is a weak word: a strike, a shell or a mine told says how
    "a-car-that-exploded-after-a-drone-strike": Example(
        "A drone struck a car near Sarmada, which exploded, killing two men.",
        {"incident_type": "air_drone_strike"},
    ),
    "a-shell-that-exploded": Example(
        "A shell exploded in a street of Ariha, killing a child.",
        {"incident_type": "shelling_artillery_missile"},
    ),
    "a-mortar-shell-that-exploded": Example(
        "A mortar shell exploded in the market of Azaz, killing three people.",
        {"incident_type": "shelling_artillery_missile"},
    ),
}


# HTS became the government on 8 December 2024
AUTHORITIES = {
    "hts-before-the-fall": Example(
        "Hayat Tahrir al-Sham shelled a village near Afrin on Monday, killing two civilians.",
        {"perpetrators": ["hts"]},
        date(2021, 3, 8),
    ),
    "hts-after-the-fall": Example(
        "HTS gunmen killed four men in a village near Homs on Monday, a monitor said.",
        {"perpetrators": ["syrian_government"]},
        date(2025, 1, 8),
    ),
    # a checkpoint of theirs near the place is no striker
    "a-general-security-checkpoint-nearby": Example(
        "قتل رجل بانفجار لغم قرب قرية في ريف حماة يوم الإثنين، على بعد كيلومترين من مقر"
        " تابع للأمن العام.",
        {"perpetrators": ["unknown"]},
        date(2025, 8, 15),
    ),
}


@pytest.mark.parametrize("example", cases(NAMES, KINDS, AUTHORITIES))
def test_names_and_kinds(example: Example) -> None:
    assert example.found() == example.expect


def test_the_short_spelling_is_read_wherever_the_long_one_is_listed() -> None:
    """Every perpetrator phrase with "ميليشي" is read in its "مليشي" spelling too, with the
    same code (a data check over the whole lexicon)."""
    from tawthiq.domain.resources import read_json

    lexicon = read_json("extract/lexicon.json")["perpetrators"]
    listed = [(p, code) for code, phrases in lexicon.items() for p in phrases if "ميليشي" in p]
    assert listed
    for phrase, code in listed:
        text = f"قتل مدنيان بقصف {phrase.replace('ميليشي', 'مليشي')} على بلدة كفرنبل."
        found = extract(text).incidents[0]["perpetrators"].value
        assert code in found, (phrase, found)
