"""Weapons and what was hit, as reports name them (resources/extract/lexicon.json): the
sticky bomb ("عبوة لاصقة"), live ammunition, the RPG, war remnants, helicopters ("الطيران
المروحي"); a field hospital (no field of crops), a poultry farm ("مدجنة"), shelters of the
displaced (a tent alone may be a shepherd's, a wedding's or mourners')."""

from __future__ import annotations

import pytest
from tests.unit.extract.examples import Example, cases

WEAPONS = {
    "sticky-bomb-ar": Example(
        "قتل رجل بانفجار عبوة لاصقة في سيارته بمدينة الباب.",
        {"incident_type": "remote_explosive", "weapons": ["ied"]},
    ),
    "sticky-bomb-en": Example(
        "A sticky bomb attached to a car killed its driver in al-Bab.",
        {"incident_type": "remote_explosive", "weapons": ["ied"]},
    ),
    "live-ammunition": Example(
        "Security forces fired live ammunition at protesters in Daraa, killing two men.",
        {"weapons": ["small_arms"]},
    ),
    "an-rpg": Example(
        "Fighters fired an RPG at a house in Jindires, killing a woman.",
        {"weapons": ["rocket"]},
    ),
    "rpg-shells-ar": Example(
        "قتل طفل بقذائف آر بي جي أطلقت على منزل في جنديرس.", {"weapons": ["rocket"]}
    ),
    "war-remnants": Example(
        "War remnants exploded in a field near Maarat al-Numan, killing a shepherd.",
        {"incident_type": "remote_explosive", "weapons": ["landmine"]},
    ),
    "helicopters-ar": Example(
        "قتل ثلاثة مدنيين بقصف من الطيران المروحي على بلدة كفرزيتا.",
        {"incident_type": "air_drone_strike"},
    ),
}

TARGETS = {
    "field-hospital": Example(
        "An airstrike hit a field hospital in the town of Sarmin, killing three civilians.",
        {"target": "medical"},
    ),
    "poultry-farm-ar": Example(
        "استهدفت غارة جوية مدجنة في بلدة سرمين ما أدى لمقتل ثلاثة مدنيين.",
        {"target": "farmland"},
    ),
    "shelter-ar": Example(
        "استهدف القصف مركز إيواء في بلدة سرمين وقتل طفلان.", {"target": "idp_camp"}
    ),
    # a checkpoint or shops named beside the attack are no target of it
    "killed-at-a-checkpoint": Example(
        "قتل شاب برصاص عناصر حاجز في ريف دير الزور أثناء مروره بسيارته.",
        {"target": "vehicle"},
    ),
}


@pytest.mark.parametrize("example", cases(WEAPONS, TARGETS))
def test_weapon_and_target_words(example: Example) -> None:
    assert example.found() == example.expect
