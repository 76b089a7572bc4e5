"""Attack review of round 31 (issue 17), people, counts and the unplaced village: the
bombs and cars a number counts, the unquoted "يدعى"/"named" roll, teenagers, babies,
grandchildren, "المواطن", parents, dozens; a village the gazetteer lacks, told with the
toll, against a town named later. Each example written for the review; each fails on
710ea48. The regressions (passing on 33dcd8f) come first, then the misses (failing on
both)."""

from __future__ import annotations

import pytest
from tests.unit.extract.examples import Example, cases

# Regressions: read right on 33dcd8f, wrong on 710ea48.
PLACE_REGRESSIONS = {
    # the dead's home village opens the lead; where they were struck is Talbiseh
    "home-village-then-where-struck": Example(
        "قتل شابان من أبناء قرية تل الزعرور بريف حمص الشمالي، اليوم الأحد.\n"
        "وكان الشابان يعملان في أرض زراعية قرب مدينة تلبيسة عندما سقطت عليهما قذيفة مدفعية.",
        {"place.name": "تلبيسة"},
    ),
    # the village the shells were fired from is no place of the harm; Kafr Nabl is
    "shelled-from-a-village-ar": Example(
        "قتل طفلان بقصف مدفعي مصدره مواقع قوات النظام في قرية تل الزعرور بريف إدلب الجنوبي.\n"
        "وسقطت القذائف على منازل المدنيين في بلدة كفرنبل.",
        {"place.name": "كفرنبل", "killed": 2},
    ),
    # the same in English: fired from the village, landed in Kafr Nabl
    "shelled-from-a-village-en": Example(
        "Shelling from regime positions in the village of Tal Zaarour in the southern Idlib "
        "countryside killed two children on Monday. The shells hit homes in Kafr Nabl.",
        {"place.name": "Kafr Nabl"},
    ),
    # "نازحة من قرية": where she fled from; the raid hit her house in Ariha
    "displaced-from-a-village": Example(
        "قتلت امرأة نازحة من قرية تل الزعرور بريف إدلب الجنوبي بغارة روسية.\n"
        "واستهدفت الغارة منزلا تقطنه في مدينة أريحا.",
        {"place.name": "أريحا"},
    ),
    # "brothers from the village of": their origin; the strike hit Ariha's market
    "brothers-from-a-village-en": Example(
        "Two brothers from the village of Tal Zaarour in the southern Idlib countryside were "
        "killed in a Russian air strike. The strike hit the market in Ariha, where they worked.",
        {"place.name": "Ariha"},
    ),
    # the wounded's village of origin; the shelling struck Ariha's market
    "wounded-from-a-village": Example(
        "قتل مدني وأصيب آخرون من قرية تل الزعرور بريف إدلب بقصف.\n"
        "وكان القصف قد استهدف سوق مدينة أريحا.",
        {"place.name": "أريحا"},
    ),
    # "قرية شمالي إدلب": a village north of Idlib, not one named "شمالي"
    "a-direction-is-no-village": Example(
        "قتل مدنيان بغارة روسية على قرية شمالي إدلب.\n"
        "وقال الدفاع المدني إن الغارة استهدفت أطراف بلدة كفرنبل.",
        {"place.name": "كفرنبل"},
    ),
    # "بلدة تقع في ريف إدلب": "lies in", not a town named "تقع"
    "lies-in-is-no-village": Example(
        "قتل مدنيان بغارة روسية على بلدة تقع في ريف إدلب الجنوبي.\n"
        "وقال الدفاع المدني إن الغارة استهدفت منازل في بلدة كفرنبل.",
        {"place.name": "كفرنبل"},
    ),
    # "بلدة خاضعة لسيطرة الفصائل": who holds the town, not its name
    "held-by-is-no-village": Example(
        "قتل مدنيان بقصف على بلدة خاضعة لسيطرة الفصائل بريف إدلب.\n"
        "وأوضح المرصد أن القصف طال بلدة كفرنبل.",
        {"place.name": "كفرنبل"},
    ),
    # "قرية يسيطر عليها النظام": likewise
    "regime-held-ar-is-no-village": Example(
        "قتل مدنيان بغارة على قرية يسيطر عليها النظام بريف إدلب.\n"
        "وكانت الغارة على أطراف بلدة كفرنبل.",
        {"place.name": "كفرنبل"},
    ),
    # "an Arab village": who lives there, like "a Kurdish village"; the shells fell on Ain Issa
    "arab-is-no-village-name": Example(
        "Two civilians were killed in Turkish shelling on an Arab village in the Raqqa "
        "countryside on Monday. The shells fell on the outskirts of Ain Issa, the monitor said.",
        {"place.name": "Ain Issa"},
    ),
    # "a Shia village" ("Shiite" is in the list, "Shia" is not)
    "shia-is-no-village-name": Example(
        "Two civilians were killed when rebels shelled a Shia village in the Aleppo "
        "countryside. The shells landed in Nubl, a monitor said.",
        {"place.name": "Nubl"},
    ),
}

PEOPLE_REGRESSIONS = {
    # "Two motorcycle riders": two people on a motorcycle, not two motorcycles
    "motorcycle-riders": Example(
        "Two motorcycle riders were killed when a drone struck them near Sarmada.",
        {"killed": 2},
    ),
    # "Four car passengers": people
    "car-passengers": Example(
        "Four car passengers were killed when a shell hit their vehicle near Ariha.",
        {"killed": 4},
    ),
    # "Two bomb disposal experts": people who defuse bombs
    "bomb-disposal-experts": Example(
        "Two bomb disposal experts were killed while dismantling a device in Azaz.",
        {"killed": 2},
    ),
    # "Two car dealers": people
    "car-dealers": Example("Two car dealers were shot dead by gunmen in Daraa.", {"killed": 2}),
    # "Three bomb makers": people
    "bomb-makers": Example(
        "Three bomb makers were killed when explosives they were handling went off in Idlib.",
        {"killed": 3},
    ),
    # the man after "يدعى" is the one who spoke, not the dead: no sex is told of the dead
    "called-is-the-speaker-ar": Example(
        "قتل شخص بقصف مدفعي على بلدة سرمين، بحسب ما قال ناشط يدعى أحمد العلي لعنب بلدي.",
        {"killed": 1, "killed_women": None},
    ),
    # the man after "يدعى" is the gunman
    "called-is-the-gunman-ar": Example(
        "قتل شخص برصاص عنصر في ميليشيا محلية يدعى أحمد العلي في بلدة طفس.",
        {"killed": 1, "killed_women": None},
    ),
    # "a militia member named Ahmad": the killer's name
    "named-is-the-gunman-en": Example(
        "A civilian was shot dead in Tafas by a local militia member named Ahmad al-Ali.",
        {"killed": 1, "killed_women": None},
    ),
    # "an activist named Ahmad … told": the speaker's name
    "named-is-the-speaker-en": Example(
        "A civilian was killed in shelling on Sarmin, an activist named Ahmad al-Ali told "
        "Enab Baladi.",
        {"killed": 1, "killed_women": None},
    ),
}

# Misses: wrong on both 33dcd8f and 710ea48.
PEOPLE_MISSES = {
    # a teenager whose age is told as 19 is grown (new: a child)
    "teenager-aged-19-en": Example(
        "A 19-year-old teenager was killed by sniper fire in Tafas.",
        {"killed": 1, "killed_children": 0},
    ),
    # "مراهق" aged 19 likewise (new: a child)
    "teenager-aged-19-ar": Example(
        "قتل مراهق يبلغ من العمر 19 عاماً برصاص قناص في بلدة طفس.",
        {"killed": 1, "killed_children": 0},
    ),
    # "المواطن" with an age of 15: a child; new asserts no child
    "the-citizen-aged-15": Example(
        "قتل المواطن أحمد العلي (15 عاماً) برصاص قناص في بلدة طفس.",
        {"killed": 1, "killed_children": 1},
    ),
    # a teenager and his mother: two dead (new: one, and no woman)
    "a-teenager-aged-17-and-his-mother": Example(
        "A teenager, aged 17, and his mother were killed in shelling on Sarmin.",
        {"killed": 2, "killed_children": 1, "killed_women": 1},
    ),
    # "teenage brothers" are children (new: none told)
    "teenage-brothers": Example(
        "Two teenage brothers were killed by a landmine near Tal Rifaat.",
        {"killed": 2, "killed_children": 2},
    ),
    # "an adolescent girl": one dead child (new: no toll at all)
    "an-adolescent-girl": Example(
        "An adolescent girl was killed by sniper fire in Tafas.",
        {"killed": 1, "killed_children": 1},
    ),
    # "a grandfather of six": his grandchildren, not six dead (like "a father of four")
    "a-grandfather-of-six": Example(
        "Ahmad al-Ali, a grandfather of six, was killed by sniper fire in Tafas.",
        {"killed": 1, "killed_women": 0, "killed_children": 0},
    ),
    # a named elder and his grandson: two dead men (new: no toll)
    "the-hajj-and-his-grandson": Example(
        "قتل الحاج محمد العلي وحفيده بقصف على بلدة سرمين.",
        {"killed": 2, "killed_women": 0},
    ),
    # two children and their two parents: the mother is a woman among the four
    "two-children-and-their-parents": Example(
        "قتل طفلان ووالداهما بقصف على بلدة سرمين.",
        {"killed": 4, "killed_children": 2, "killed_women": 1},
    ),
    # "مع والديه": the child with his two parents, three dead (new: one)
    "a-child-with-his-parents": Example(
        "قتل طفل مع والديه بقصف على سرمين.", {"killed": 3, "killed_children": 1}
    ),
    # the parents are the wounded: two injured (new: none)
    "the-parents-wounded": Example(
        "قتل طفل وأصيب والداه بجروح بقصف مدفعي على بلدة سرمين.",
        {"killed": 1, "injured": 2, "killed_children": 1},
    ),
    # half a dozen children among 15: the toll is 15 (new: 8)
    "half-a-dozen-among-fifteen": Example(
        "Half a dozen children and two women were among the 15 killed in Ariha.",
        {"killed": 15, "killed_children": 6, "killed_women": 2},
    ),
    # "her home": the dead is a woman; new asserts no woman from the relative's name
    "named-relative-of-a-woman": Example(
        "A civilian was killed when a shell hit her home in Sarmin, a relative named Ahmad "
        "al-Ali told Enab Baladi.",
        {"killed": 1, "killed_women": 1},
    ),
}

PLACE_MISSES = {
    # "a Turkmen village": no village named Turkmen; the drone hit Al-Rai
    "turkmen-is-no-village-name": Example(
        "Three civilians were killed in a drone strike on a Turkmen village in the northern "
        "Aleppo countryside. The drone hit a house in Al-Rai, the monitor said.",
        {"place.name": "Al-Rai"},
    ),
}


# the misses still open after the review (a strict xfail: a fix is noticed)
_OPEN = {
    "teenager-aged-19-en": "an age told with a child's word is not weighed against 18",
    "teenager-aged-19-ar": "an age told with a child's word is not weighed against 18",
    "the-citizen-aged-15": "'المواطن' settles no child even where an age under 18 is told",
    "a-teenager-aged-17-and-his-mother": "a person whose age follows ('aged 17,') joins no "
    "one told after it",
    "teenage-brothers": "'teenage' describes; 'brothers' counts no child",
    "an-adolescent-girl": "'adolescent' is no describing word before a person",
    "a-grandfather-of-six": "'a grandfather of N' is not read as 'a father of N'",
    "the-hajj-and-his-grandson": "'الحاج' with a name is no person counted",
    "two-children-and-their-parents": "parents are people of no sex: the mother is no woman",
    "a-child-with-his-parents": "'مع والديه' joins no one to the dead",
    "the-parents-wounded": "a dual of kin after 'أصيب' counts no wounded",
    "half-a-dozen-among-fifteen": "a toll told after 'among the' is no total",
    "named-relative-of-a-woman": "'her home' tells no woman among the dead",
}


@pytest.mark.parametrize(
    "example",
    cases(PLACE_REGRESSIONS, PEOPLE_REGRESSIONS, PEOPLE_MISSES, PLACE_MISSES, still_open=_OPEN),
)
def test_attack_stop31b(example: Example) -> None:
    assert example.found() == example.expect
