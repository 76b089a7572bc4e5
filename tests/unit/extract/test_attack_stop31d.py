"""Fourth and last attack review of round 31 (issue 17), 33dcd8f..a522570: regressions
anywhere in the round's diff, above all in what the mends changed (the victim rule with
"عنصران من"/"برصاص", an actor before "checkpoint"/"patrol"/"positions", the new side
names, "after midnight", the new target words). Each example is written for the review
and fails on a522570. Regressions (read right on 33dcd8f) come first, then misses (wrong
on both). Unless told otherwise the report is read on Sunday 6 November 2022."""

from __future__ import annotations

from datetime import date

import pytest
from tests.unit.extract.examples import Example, cases

AFTER_THE_FALL = date(2025, 3, 10)  # a Monday, after 8 December 2024

# Regressions: an English actor before "positions", "checkpoint", "patrol", "vehicle" is
# taken for what was hit, even where the sentence tells it fired (33dcd8f read the side)
BEFORE_ITS_THING = {
    # the fire came FROM regime positions (new: unknown)
    "fire-from-regime-positions": Example(
        "Two children were killed by artillery fire from regime positions near Kafr Nabl on "
        "Saturday.",
        {"perpetrators": ["syrian_government"]},
    ),
    # shells fired from Turkish army positions (new: unknown)
    "shells-from-turkish-army-positions": Example(
        "Shells fired from Turkish army positions killed a woman in the village of Um al-Kheir "
        "near Tal Tamr.",
        {"perpetrators": ["turkey"]},
    ),
    # Israeli positions are the subject that fired (new: unknown)
    "israeli-positions-fired": Example(
        "Israeli positions in the occupied Golan fired shells at Quneitra, killing a shepherd.",
        {"perpetrators": ["israel"]},
    ),
    # sniper fire from Hezbollah positions (new: unknown)
    "sniper-fire-from-hezbollah-positions": Example(
        "Sniper fire from Hezbollah positions killed a child in Madaya.",
        {"perpetrators": ["iran_affiliated"]},
    ),
    # soldiers at a regime checkpoint opened fire (new: unknown)
    "soldiers-at-a-regime-checkpoint-fired": Example(
        "Soldiers at a regime checkpoint opened fire on a car near Sanamayn, killing a man and "
        "his son.",
        {"perpetrators": ["syrian_government"]},
    ),
    # shot dead at an SDF checkpoint for not stopping (new: unknown)
    "shot-at-an-sdf-checkpoint": Example(
        "A young man was shot dead at an SDF checkpoint in Raqqa after he failed to stop, "
        "relatives said.",
        {"perpetrators": ["sdf"]},
    ),
    # a regime patrol is who opened fire (new: unknown)
    "regime-patrol-opened-fire": Example(
        "A regime patrol opened fire on farmers near Tafas, killing one of them.",
        {"perpetrators": ["syrian_government"]},
    ),
    # an SDF patrol shot him (new: unknown)
    "sdf-patrol-shot-dead": Example(
        "An SDF patrol shot dead a young man in the town of Shuhayl on Saturday.",
        {"perpetrators": ["sdf"]},
    ),
    # a Turkish military vehicle ran him over (new: unknown)
    "turkish-military-vehicle-ran-over": Example(
        "A Turkish military vehicle ran over and killed a child near Afrin on Saturday.",
        {"perpetrators": ["turkey"]},
    ),
}

# Regressions: "عنصران من" as victims after a harm word, where the two are the ones who
# fired or targeted (33dcd8f read the side)
TWO_MEMBERS = {
    # "بعد أن أطلق عنصران من قوات النظام النار عليه": the two shot him (new: unknown)
    "after-two-regime-members-fired-ar": Example(
        "قتل شاب بعد أن أطلق عنصران من قوات النظام النار عليه عند حاجز في بلدة المسيفرة بريف درعا.",
        {"perpetrators": ["syrian_government"]},
    ),
    # "إثر إطلاق عنصرين من قوات النظام النار عليه" (new: unknown)
    "two-regime-members-opening-fire-ar": Example(
        "قتل شاب إثر إطلاق عنصرين من قوات النظام النار عليه عند حاجز في مدينة الصنمين.",
        {"perpetrators": ["syrian_government"]},
    ),
    # "استهدف عنصران من قسد سيارته": the two targeted him (new: unknown)
    "two-sdf-members-targeted-his-car-ar": Example(
        "قتل مدني بعدما استهدف عنصران من قسد سيارته بالرصاص قرب بلدة الشحيل.",
        {"perpetrators": ["sdf"]},
    ),
    # "بقذيفة أطلقها عنصران من قوات النظام": the two fired the shell (new: unknown)
    "shell-fired-by-two-regime-members-ar": Example(
        "قتل مدنيان بقذيفة أطلقها عنصران من قوات النظام على بلدة كفرنبودة.",
        {"perpetrators": ["syrian_government"]},
    ),
}

# Regressions: the round's new side names read where the side is the victims, what was
# struck, or the one who spoke
SIDE_NAMES = {
    # Turkish soldiers killed by a roadside bomb are victims (new: turkey too)
    "turkish-soldiers-killed-by-a-bomb": Example(
        "Two Turkish soldiers were killed and three wounded when a roadside bomb struck their "
        "armoured vehicle near Al-Bab, the Turkish defence ministry said.",
        {"perpetrators": ["unknown"]},
    ),
    # the 33 Turkish soldiers of February 2020 were the strike's victims (new: turkey too)
    "thirty-three-turkish-soldiers-killed": Example(
        "A Syrian government air strike killed 33 Turkish soldiers in Idlib on Thursday.",
        {"perpetrators": ["syrian_government"]},
    ),
    # the Syrian defence ministry announced the toll of an Israeli strike (new: the
    # government too)
    "defence-ministry-announced-ar": Example(
        "أعلنت وزارة الدفاع السورية مقتل ثلاثة مدنيين بقصف إسرائيلي على ريف درعا.",
        {"perpetrators": ["israel"]},
    ),
    # SANA's soldiers "of the Syrian Arab Army" are the dead of an Israeli raid (new: the
    # government too)
    "saa-soldiers-martyred-by-israel-ar": Example(
        "استشهد ثلاثة من جنود الجيش العربي السوري جراء عدوان إسرائيلي على ريف دمشق.",
        {"perpetrators": ["israel"]},
    ),
    # a soldier of the Syrian Arab Army killed by a landmine (new: the government too)
    "saa-soldier-killed-by-a-mine-ar": Example(
        "ارتقى جندي من الجيش العربي السوري وأصيب اثنان بانفجار لغم أرضي في ريف حمص الشرقي.",
        {"perpetrators": ["unknown"]},
    ),
    # two soldiers of the Syrian Arab Army killed by an IS attack (new: the government too)
    "saa-soldiers-killed-by-is-ar": Example(
        "قتل جنديان من الجيش العربي السوري بهجوم لخلايا تنظيم داعش في بادية دير الزور.",
        {"perpetrators": ["isis"]},
    ),
    # the Faylaq al-Sham camp is what Russian jets struck (new: armed_opposition too)
    "faylaq-al-sham-camp-struck": Example(
        "A Russian airstrike on a Faylaq al-Sham training camp killed 78 fighters near Kafr "
        "Takharim on Monday.",
        {"perpetrators": ["russia"]},
    ),
    # Wagner mercenaries are the ambush's dead (new: russia too)
    "wagner-mercenaries-ambushed": Example(
        "An Islamic State group ambush killed five Wagner mercenaries near Palmyra on Saturday.",
        {"perpetrators": ["isis"]},
    ),
    # pro-government militia fighters are the ambush's dead (new: the government too)
    "pro-government-militia-ambushed": Example(
        "An Islamic State group ambush killed nine pro-government militia fighters near Sukhnah "
        "on Saturday.",
        {"perpetrators": ["isis"]},
    ),
    # a Türkiye-backed faction's commander is the IED's victim (new: sna too)
    "turkiye-backed-commander-killed": Example(
        "A Türkiye-backed faction commander was killed when an IED exploded under his car in "
        "Al-Bab.",
        {"perpetrators": ["unknown"]},
    ),
    # General Security personnel killed by gunmen in 2025 (new: the government first)
    "general-security-personnel-killed": Example(
        "Unknown gunmen killed two General Security personnel in Jableh on 6 March 2025.",
        {"perpetrators": ["unknown"]},
        AFTER_THE_FALL,
    ),
    # "قتل ثلاثة من قوات الأمن العام بكمين": they were ambushed (new: the government first)
    "general-security-forces-ambushed-ar": Example(
        "قتل ثلاثة من قوات الأمن العام بكمين نصبه مسلحون مجهولون على طريق جبلة يوم 6 آذار 2025.",
        {"perpetrators": ["unknown"]},
        AFTER_THE_FALL,
    ),
    # "IS cells" was taken out of the Islamic State's names: its cells struck (new: unknown)
    "is-cells-killed-shepherds": Example(
        "IS cells killed five shepherds and stole their sheep in the Hama desert on Saturday.",
        {"perpetrators": ["isis"]},
    ),
}

# Regressions: days, weapons and targets
OTHER_REGRESSIONS = {
    # "ليلة الأربعاء" is the night before Wednesday: after its midnight is early Wednesday
    # (new: Thursday, and "ليلة السبت" likewise Sunday; the rule was meant for "ليل الأربعاء")
    "after-midnight-of-the-eve-of-wednesday-ar": Example(
        "قتل ثلاثة مدنيين بقصف صاروخي على مدينة إدلب بعد منتصف ليلة الأربعاء.",
        {"date": "2022-11-02"},
    ),
    # the poison gas attack of 2018 is the town's history, not today's weapon (new: chemical)
    "poison-gas-attack-of-2018": Example(
        "Regime shelling killed three civilians in Douma, the town hit by a poison gas attack "
        "in 2018.",
        {"weapons": ["artillery"]},
    ),
    # shot dead near a fuel station: where he was, not what was struck (new: infrastructure)
    "shot-near-a-fuel-station": Example(
        "Unknown gunmen shot dead a man near a fuel station in Tafas.", {"target": None}
    ),
    # the same with "قرب كازية"
    "shot-near-a-fuel-station-ar": Example(
        "قتل شاب برصاص مسلحين مجهولين قرب كازية على أطراف بلدة طفس.", {"target": None}
    ),
}

# Misses: what the round's rules were meant to read and still do not (wrong on 33dcd8f too)
MISSES = {
    # "يدعى" names the young man; his mother is a second dead, a woman
    "named-young-man-and-his-mother-ar": Example(
        "قتل شاب يدعى خالد المحمد ووالدته بقصف مدفعي على بلدة سرمين.",
        {"killed": 2, "killed_women": 1},
    ),
    # "a man named Ghazi … and his wife": two dead, one a woman
    "man-named-and-his-wife": Example(
        "A man named Ghazi al-Hamad and his wife were killed when a shell hit their house in "
        "Sarmin.",
        {"killed": 2, "killed_women": 1},
    ),
    # "November 5th," before a capitalised word is still the day (the comma follows it)
    "november-5th-comma-then-a-name": Example(
        "On November 5th, Russian warplanes struck Ariha, killing four civilians.",
        {"date": "2022-11-05"},
    ),
    # a suicide bomb attack is a suicide bombing (new: remote_explosive; 33dcd8f: attack)
    "suicide-bomb-attack": Example(
        "A suicide bomb attack killed six people at a checkpoint near Azaz on Saturday.",
        {"incident_type": "suicide_bomb"},
    ),
}


# still open after the review (strict xfails: a fix is noticed)
_OPEN = {
    "named-young-man-and-his-mother-ar": "the roll after 'يدعى' runs on into the kin told "
    "after the name",
    "man-named-and-his-wife": "the roll after 'named' runs on into the kin told after the name",
    "november-5th-comma-then-a-name": "an ordinal after a month before a capital is no day",
    "suicide-bomb-attack": "'suicide bomb attack' is no suicide bombing",
}


@pytest.mark.parametrize(
    "example",
    cases(BEFORE_ITS_THING, TWO_MEMBERS, SIDE_NAMES, OTHER_REGRESSIONS, MISSES, still_open=_OPEN),
)
def test_attack_stop31d(example: Example) -> None:
    """The whole round's diff, read as a careful documenter reads."""
    assert example.found() == example.expect
