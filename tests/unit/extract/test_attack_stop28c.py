"""Review 17c of 62b494e and 9abf2c2: wrong readings the new rules cause.

Every sentence was written anew for this review (none comes from an evaluation set). The
first table holds the problems found: each failed on 9abf2c2 (it names the rule, what
9abf2c2 read and what 62b494e~1, the parent of 62b494e, read) and passes since the rule was
mended. The second table holds
"does not spoil" examples: the new rules reading what they were written for.
"""

from __future__ import annotations

from datetime import date

import pytest
from tests.unit.extract.examples import Example, cases

REF = date(2024, 3, 10)  # a Sunday; "today" for every example

STOP28C_PROBLEMS = {
    # 62b494e (_downed_before: an aircraft with its side within five words after 'shot
    # down' is no striker): the window runs over the full stop into the next sentence, and
    # the Russian warplanes that did the killing are dropped (got ['armed_opposition']).
    # 62b494e~1: ['russia', 'armed_opposition'].
    "downed-drone-then-russian-strike-next-sentence-en": Example(
        "Rebels shot down a drone. Russian warplanes later struck Sarmin, killing 4 civilians.",
        {"perpetrators.first": "russia"},
        REF,
    ),
    # 62b494e (_downed_before, over a comma): got ['armed_opposition'].
    # 62b494e~1: ['russia', 'armed_opposition'].
    "downed-warplane-then-russian-jets-bombed-en": Example(
        "After rebels downed a Syrian warplane, Russian jets bombed Kafranbel, killing 6 "
        "civilians.",
        {"perpetrators.first": "russia"},
        REF,
    ),
    # 62b494e (_downed_before): got ['armed_opposition']. 62b494e~1: ['russia',
    # 'armed_opposition'].
    "downed-drone-hours-after-russian-strike-en": Example(
        "Rebels shot down a drone, hours after Russian warplanes struck Sarmin, killing 4 "
        "civilians.",
        {"perpetrators.first": "russia"},
        REF,
    ),
    # 62b494e (_downed_before 'إسقاط', over a comma and 'و'): the Russian aircraft of the
    # next clause are taken for the one shot down (got ['armed_opposition']).
    # 62b494e~1: ['russia', 'armed_opposition'].
    "downed-recon-plane-then-russian-raids-ar": Example(
        "أعلنت الفصائل إسقاط طائرة استطلاع، وشنت طائرات روسية غارات على سرمين ما أدى لمقتل "
        "4 مدنيين.",
        {"perpetrators.first": "russia"},
        REF,
    ),
    # 62b494e (aircraft words + a side's adjective restored as the striking side): the
    # Iranian drones are what Israel struck, stored in a depot, and Iran's side is read as
    # the first perpetrator (got ['iran_affiliated', 'israel']). 62b494e~1: ['israel'].
    "israel-struck-a-depot-of-iranian-drones-ar": Example(
        "قصفت إسرائيل مستودعاً لطائرات مسيرة إيرانية قرب تدمر، ما أدى لمقتل 5 مقاتلين.",
        {"perpetrators.first": "israel"},
        REF,
    ),
    # 62b494e, the same (got ['iran_affiliated', 'israel']). 62b494e~1: ['israel'].
    "israeli-raid-on-iranian-drones-depot-ar": Example(
        "استهدفت غارة إسرائيلية مستودعاً للطائرات المسيرة الإيرانية قرب مطار التيفور، ما أدى "
        "لمقتل 4 عناصر.",
        {"perpetrators.first": "israel"},
        REF,
    ),
    # 62b494e ('explosive-laden' removed from the vehicle bomb's words): an explosive-laden
    # truck is a vehicle bomb (got []). 62b494e~1: ['vehicle_bomb'].
    "explosive-laden-truck-en": Example(
        "An explosive-laden truck blew up at a checkpoint in Azaz, killing 8 people.",
        {"weapons": ["vehicle_bomb"]},
        REF,
    ),
    # 62b494e, the same (got []). 62b494e~1: ['vehicle_bomb'].
    "explosive-laden-car-en": Example(
        "An explosive-laden car exploded near a mosque in Jarablus, killing 6 civilians.",
        {"weapons": ["vehicle_bomb"]},
        REF,
    ),
    # 62b494e, the same (got []). 62b494e~1: ['vehicle_bomb'].
    "explosive-laden-vehicle-en": Example(
        "An explosive-laden vehicle struck an SDF position near Hasakah, killing 5 fighters.",
        {"weapons": ["vehicle_bomb"]},
        REF,
    ),
    # 9abf2c2 (as_many_wounded: any 'as many wounded' within 400 characters after the first
    # toll): "as many" here are as many as another attack's 7 dead (got injured 3).
    # 62b494e~1: None.
    "as-many-of-an-earlier-strike-en": Example(
        "Regime shelling killed 3 civilians in Sarmin on Saturday. A week earlier, a strike on "
        "Ariha killed 7 and wounded as many.",
        {"killed": 3, "injured": None},
        REF,
    ),
    # 9abf2c2, the same with a year gone by (got injured 3). 62b494e~1: None.
    "as-many-of-a-2019-attack-en": Example(
        "Regime shelling killed 3 civilians in Sarmin. In 2019 shelling killed 40 and wounded "
        "as many in the same town.",
        {"killed": 3, "injured": None},
        REF,
    ),
    # 9abf2c2: the wounded of a separate strike elsewhere are given this one's figure
    # (got injured 3). 62b494e~1: None.
    "as-many-in-a-separate-strike-en": Example(
        "Regime shelling killed 3 civilians in Sarmin, and as many were wounded in a separate "
        "strike on Ariha.",
        {"killed": 3, "injured": None},
        REF,
    ),
    # 9abf2c2 ('as many were wounded' matched inside 'twice as many'): got injured 5.
    # 62b494e~1: None.
    "twice-as-many-wounded-en": Example(
        "Regime shelling killed 5 civilians in Ariha; twice as many were wounded.",
        {"killed": 5, "injured": 10},
        REF,
    ),
    # 9abf2c2, the same (got injured 5). 62b494e~1: None.
    "three-times-as-many-wounded-en": Example(
        "Regime shelling killed 5 civilians in Ariha; three times as many were wounded.",
        {"killed": 5, "injured": 15},
        REF,
    ),
    # 9abf2c2 ('as many wounded' is also "because many wounded"): the hospital's many
    # wounded are given the dead's figure (got injured 3). 62b494e~1: None.
    "hospital-overwhelmed-as-many-wounded-en": Example(
        "Regime shelling killed 3 civilians in Sarmin. The town's hospital was overwhelmed as "
        "many wounded were brought in.",
        {"killed": 3, "injured": None},
        REF,
    ),
    # 9abf2c2 ('half as many' read as as many): got injured 8. 62b494e~1: None.
    "half-as-many-wounded-en": Example(
        "Russian airstrikes killed 8 civilians in Ariha, while half as many were wounded.",
        {"killed": 8, "injured": 4},
        REF,
    ),
    # 9abf2c2 ('nearly as many' read as exactly as many): got 5, approximate False.
    # 62b494e~1: None.
    "nearly-as-many-wounded-en": Example(
        "Regime shelling killed 5 civilians in Ariha and nearly as many were wounded.",
        {"killed": 5, "injured.approximate": True},
        REF,
    ),
    # 62b494e (place_hoods: the second word's stop list lost its endings, '\S*'): 'شمالي'
    # is read as the second word of the name (got 'الشعار شمالي'). 62b494e~1: 'الشعار'.
    "hood-al-shaar-north-of-aleppo": Example(
        "قتل مدنيان بقصف على حي الشعار شمالي حلب.",
        {"place.name": "الشعار"},
        REF,
    ),
    # 62b494e, 'غربي' (got 'الوعر غربي'). 62b494e~1: 'الوعر'.
    "hood-al-waer-west-of-homs": Example(
        "قتل 3 مدنيين بقصف على حي الوعر غربي حمص.",
        {"place.name": "الوعر"},
        REF,
    ),
    # 62b494e, 'جنوبي' (got 'القدم جنوبي'). 62b494e~1: 'القدم'.
    "hood-al-qadam-south-of-damascus": Example(
        "قتل مدنيان بقصف على حي القدم جنوبي دمشق.",
        {"place.name": "القدم"},
        REF,
    ),
    # 62b494e (of_the_place_before: 'captured' makes a month or a year background, no
    # longer a day): the day the rebels took the village is read as the shelling's
    # (got 2024-03-02). 62b494e~1: 2024-03-09.
    "captured-the-village-on-2-march-en": Example(
        "Rebels captured the village on 2 March. On Saturday, regime shelling on the village "
        "killed 4 civilians.",
        {"date": "2024-03-09", "killed": 4},
        REF,
    ),
    # 62b494e (_EVENT: a word of the attack between a verb of telling and its date makes
    # the date the attack's): "أعلن الدفاع المدني في بيان عن القصف يوم السبت" is the day of
    # the statement; the shelling was on Thursday night (got 2024-03-09).
    # 62b494e~1: 2024-03-07.
    "statement-about-the-shelling-on-saturday-ar": Example(
        "وأعلن الدفاع المدني في بيان عن القصف يوم السبت مقتل 5 مدنيين في سرمين بقصف مدفعي "
        "لقوات النظام ليل الخميس.",
        {"date": "2024-03-07", "killed": 5},
        REF,
    ),
    # 62b494e (published.in_the_background: a lead that tells a toll makes a month long
    # past history only after the first 400 characters): in a short report the old
    # massacre's month is still read as the incident's (got 2018-03, month).
    # 62b494e~1: the same (the mend does not reach a short report).
    "old-massacre-recalled-short-report-ar": Example(
        "قتل 3 مدنيين بقصف لقوات النظام على سرمين. وكانت البلدة قد شهدت في آذار 2018 مجزرة "
        "قتل فيها 23 مدنياً بغارات روسية.",
        {"date": "2024-03-10", "killed": 3},
        REF,
    ),
    # 62b494e, the same in English (got 2018-03, month). 62b494e~1: the same.
    "old-massacre-recalled-short-report-en": Example(
        "Regime shelling killed 3 civilians in Sarmin. In March 2018, Russian warplanes struck "
        "the town's market, killing 23 civilians.",
        {"date": "2024-03-10", "killed": 3},
        REF,
    ),
    # 62b494e (set_off_by: 'فجر' names a bomb's maker where a bomb word follows within six
    # words): 'فجر اليوم' is dawn even with a bomb after it; the regime's patrol attacked
    # is read as the first perpetrator (got ['syrian_government', 'unknown']).
    # 62b494e~1: the same (the mend does not reach this).
    "dawn-then-bomb-is-no-detonator-ar": Example(
        "استهدف مجهولون فجر اليوم دورية لقوات النظام بعبوة ناسفة في ريف درعا، ما أدى لمقتل "
        "3 عناصر.",
        {"perpetrators.first": "unknown"},
        REF,
    ),
}

# What the new rules were written for, still read right.
STOP28C_SPARED = {
    # 9abf2c2 (62b494e~1: injured None)
    "as-many-wounded-short-en": Example(
        "Two civilians were killed and as many wounded in a regime drone strike on a car near "
        "Atarib.",
        {"killed": 2, "injured": 2},
        REF,
    ),
    # 9abf2c2 (62b494e~1: injured None)
    "as-many-of-the-wounded-ar": Example(
        "قتل 4 عناصر من قوات النظام ومثلهم من الجرحى بهجوم لتنظيم داعش في بادية تدمر.",
        {"killed": 4, "injured": 4},
        REF,
    ),
    # 9abf2c2: a figure of the wounded of their own wins
    "as-many-then-a-figure-en": Example(
        "Regime shelling killed 5 civilians in Ariha, and as many were wounded, some of them "
        "seriously, according to the White Helmets, who said 14 people in all were hurt.",
        {"killed": 5, "injured": 14},
        REF,
    ),
    # 62b494e: an aircraft shot down after the attack's own Russian aircraft
    "russian-raid-then-a-plane-downed-ar": Example(
        "قتل 6 مدنيين بقصف طائرات روسية على كفرنبل، وأسقطت الفصائل طائرة.",
        {"perpetrators.first": "russia"},
        REF,
    ),
    # 62b494e: the aircraft shot down comes before the Russian one that struck
    "downed-drone-then-turkish-drone-ar": Example(
        "قتل 3 مدنيين بغارة لطائرة حربية روسية على أريحا، بعد يوم من إسقاط الفصائل طائرة "
        "مسيرة تركية.",
        {"perpetrators.first": "russia"},
        REF,
    ),
    # 62b494e (62b494e~1: 2024-03-02)
    "battle-launched-on-saturday-ar": Example(
        "مع انطلاق المعركة يوم السبت قتل 5 عناصر من قوات النظام في ريف حماة، بعد قصف في 2 آذار.",
        {"date": "2024-03-09", "killed": 5},
        REF,
    ),
    # 62b494e: 'bomb-laden' still a vehicle bomb
    "bomb-laden-motorcycle-en": Example(
        "A bomb-laden motorcycle exploded in the market of al-Bab, killing 4 civilians.",
        {"weapons": ["vehicle_bomb"]},
        REF,
    ),
    # 62b494e (62b494e~1: ['vehicle_bomb', 'ied'])
    "booby-trapped-motorcycle-remotely-ar": Example(
        "قتل مدنيان بانفجار دراجة نارية مفخخة عن بعد في مدينة الباب.",
        {"weapons": ["vehicle_bomb"]},
        REF,
    ),
    # 62b494e (62b494e~1: 'الشيخ')
    "hood-sheikh-maqsoud-beside-ashrafiyeh": Example(
        "قتل طفلان بقصف لقوات النظام على حي الشيخ مقصود بعد قصف على حي الأشرفية.",
        {"place.name": "الشيخ مقصود", "perpetrators": ["syrian_government"]},
        REF,
    ),
    # 62b494e (62b494e~1: 'طريق')
    "hood-tariq-al-bab": Example(
        "قتل مدنيان بقصف على حي طريق الباب في حلب.",
        {"place.name": "طريق الباب"},
        REF,
    ),
    # 62b494e: a bomb set off by whom the report names
    "isis-set-off-a-car-bomb-ar": Example(
        "فجر عناصر من تنظيم داعش عربة مفخخة عند حاجز لقوات النظام في بادية تدمر، ما أدى "
        "لمقتل 7 عناصر.",
        {"perpetrators.first": "isis", "weapons": ["vehicle_bomb"], "killed": 7},
        REF,
    ),
}


@pytest.mark.parametrize("example", cases(STOP28C_PROBLEMS))
def test_review17c_problems(example: Example) -> None:
    """Readings 62b494e and 9abf2c2 get wrong (fail until fixed)."""
    assert example.found() == example.expect


@pytest.mark.parametrize("example", cases(STOP28C_SPARED))
def test_review17c_does_not_spoil(example: Example) -> None:
    """What the new rules were written for, still read right."""
    assert example.found() == example.expect
