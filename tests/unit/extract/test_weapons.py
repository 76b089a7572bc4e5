"""How it was done: the weapons and the type of incident."""

from __future__ import annotations

import pytest
from tests.unit.extract.examples import SUNDAY, Example, cases

from tawthiq.extract import extract

# The examples the rules were developed on.
WEAPONS = {
    "cluster": Example("صواريخ محملة بقنابل عنقودية", {"weapons": ["cluster_munition", "rocket"]}),
    "barrel": Example("ألقت المروحيات براميل متفجرة", {"weapons": ["barrel_bomb"]}),
    "ied": Example("انفجرت عبوة ناسفة بسيارة", {"weapons": ["ied"]}),
    "airstrike": Example("غارة جوية على السوق", {"incident_type": "air_drone_strike"}),
    "shelling": Example("قصف مدفعي على الحي", {"incident_type": "shelling_artillery_missile"}),
}


# Bugs caught: regressions found by blind tests, reviews and real published reports
# scored once, each written anew for the project.
WEAPONS_CAUGHT = {
    # a killing told with raids and arrests: the killing is the incident
    "a-killing-during-raids": Example(
        "شهد ريف القنيطرة فجر اليوم الثلاثاء مقتل شاب بنيران الجيش الإسرائيلي، بالتزامن مع حملة"
        " مداهمات واعتقالات في المنطقة. وأفاد مصدر محلي بمقتل الشاب بعد استهدافه بالرصاص قرب"
        " منزله.",
        {"incident_type": "attack"},
    ),
    # does not spoil: arrests with nobody killed stay arrests
    "arrests-only": Example(
        "نفذت القوات الإسرائيلية حملة مداهمات واعتقالات في بلدة سويسة واعتقلت شابين.",
        {"incident_type": "arrest"},
    ),
    # English "shelling" is fire from the ground; drones flying over did not strike
    "shelling-while-drones-flew-over": Example(
        "Shelling by Turkish-backed militias killed three civilians in Tal Tamr on Tuesday,"
        " the SDF said, adding that Turkish drones flew over the area during the shelling.",
        {"incident_type": "shelling_artillery_missile"},
    ),
    # "explosive device" is how wires and state media name a planted bomb
    "explosive-device-en": Example(
        "Seven children were killed when an explosive device planted by militants went off in"
        " the town of Sanamayn on Saturday.",
        {"weapons": ["ied"], "incident_type": "remote_explosive"},
    ),
    "explosive-device-ar": Example(
        "قتل طفل بانفجار عبوة متفجرة قرب مدرسة في مدينة جاسم.",
        {"weapons": ["ied"], "incident_type": "remote_explosive"},
    ),
    "helicopters": Example(
        "ألقت مروحيات النظام براميل متفجرة على القرية", {"incident_type": "air_drone_strike"}
    ),
    "ambush": Example(
        "Militants ambushed a bus on the desert road, killing nine", {"incident_type": "attack"}
    ),
    "weapon-implies-type": Example(
        "Cluster munitions fired by regime forces killed two farmers",
        {"incident_type": "shelling_artillery_missile"},
    ),
    "fighter-jets": Example(
        "شنت مقاتلات روسية هجوماً على أطراف البلدة", {"incident_type": "air_drone_strike"}
    ),
    "vacuum-missiles-are-missiles": Example(
        "نفذت طائرة حربية روسية ثلاث غارات بصواريخ فراغية على منازل المدنيين فقتلت ستة",
        {"weapons": ["missile"]},
    ),
    "opened-fire": Example(
        "قتل شخصان عندما فتحوا النار على المارة في بلدة الميادين", {"weapons": ["small_arms"]}
    ),
    "two-ieds": Example(
        "قتل 13 شخصا في تفجير بعبوتين ناسفتين استهدف حافلة عسكرية عند جسر الرئيس في دمشق",
        {"weapons": ["ied"]},
    ),
    # the stem of "برميل" loses its ب, "ببرميل" keeps one: both are the listed phrase
    "barrel-after-preposition": Example(
        "قصفت مروحية الحي ببرميل متفجر", {"weapons": ["barrel_bomb"]}
    ),
    "barrel-accusative": Example(
        "ألقت مروحية برميلا متفجرا على الحي", {"weapons": ["barrel_bomb"]}
    ),
    "barrels-definite": Example(
        "استهدفت المروحيات البلدة بالبراميل المتفجرة", {"weapons": ["barrel_bomb"]}
    ),
    # the general word for bombardment, many times, and once the word that says how
    "how-told-once": Example(
        "قتل 20 شخصا في قصف على مدرسة في قرية حاس. ولا يعرف مصدر القصف، ووقع القصف وقت"
        " خروج التلاميذ. وقال ناشطون إن مدخل المدرسة تعرض لقصف الطيران.",
        {"incident_type": "air_drone_strike"},
    ),
    # one Arabic word for rockets and missiles: from the air, a missile
    "missiles-from-the-air": Example(
        "قتل أربعة أشخاص في غارات إسرائيلية على مدينة حمص، وقالت دمشق إن الطائرات أطلقت"
        " صواريخ على المدينة",
        {"weapons": ["missile"]},
    ),
    "rockets-from-the-ground": Example(
        "قتل تسعة مدنيين بقصف قوات النظام بصواريخ محملة بقنابل عنقودية على مخيم مرام، وحلقت"
        " طائرات روسية في الأجواء",
        {"weapons": ["cluster_munition", "rocket"]},
    ),
    "two-rocket-shells": Example(
        "سقطت قذيفتان صاروخيتان بالقرب من دوار الزراعة وسط مدينة اللاذقية ظهر الثلاثاء، ما"
        " خلف 22 قتيلا",
        {"incident_type": "shelling_artillery_missile"},
    ),
    # killings told as executions, or bodies found killed: an attack (it gave no type)
    "executed-en": Example(
        "Militants executed six men in the village of Harf Banimra on Monday.",
        {"incident_type": "attack"},
    ),
    "executed-ar": Example(
        "أعدم مسلحون ستة رجال في قرية حرف بنمرة اليوم.", {"incident_type": "attack"}
    ),
    "found-killed-ar": Example(
        "عثر على جثث ثلاثة أشقاء مقتولين بالقرب من قرية حيالين صباح اليوم.",
        {"incident_type": "attack"},
    ),
    "shelling-by-gunmen-stays-shelling": Example(
        "Artillery shelling by gunmen killed two in Nubl on Sunday.",
        {"incident_type": "shelling_artillery_missile"},
    ),
    # a vehicle filled with bombs, set off by remote control: a vehicle bomb and an IED
    # (it gave aerial bombs)
    "motorcycle-filled-with-bombs-en": Example(
        "A motorcycle filled with bombs exploded near the local council in Jarablus on Monday,"
        " triggered by remote control, killing a civilian.",
        {"weapons": ["vehicle_bomb", "ied"], "incident_type": "remote_explosive"},
    ),
    "booby-trapped-truck-ar": Example(
        "انفجرت شاحنة مفخخة في مدينة عفرين اليوم ما أدى لمقتل 40 مدنيا.",
        {"weapons": ["vehicle_bomb"]},
    ),
    "bombs-from-aircraft-stay-aerial": Example(
        "Regime aircraft dropped bombs on the market of Ariha, killing five.",
        {"weapons": ["aerial_bomb"], "incident_type": "air_drone_strike"},
    ),
}


@pytest.mark.parametrize("example", cases(WEAPONS, WEAPONS_CAUGHT))
def test_weapons(example: Example) -> None:
    """The weapons used and the incident type they make."""
    assert example.found() == example.expect


def test_ceasefire_is_not_gunfire() -> None:
    value = extract("اتفاق لوقف إطلاق النار في إدلب", ref_date=SUNDAY).incidents[0]["weapons"].value
    assert "small_arms" not in value


def test_a_weapon_named_once_far_down_is_kept() -> None:
    """Many words for shelling, then the weapon named once, further down."""
    text = (
        "Shelling on schools in Idlib killed three teachers on Tuesday.\n"
        "The shelling hit the schools as students arrived; the shelling went on for an hour.\n"
        "Medics said the shelling wounded 12 others.\n"
        "Local sources said the forces shelled the schools using cluster missile shells."
    )
    weapons = extract(text, ref_date=SUNDAY).incidents[0]["weapons"].value
    assert weapons[0] == "artillery"
    assert "cluster_munition" in weapons
