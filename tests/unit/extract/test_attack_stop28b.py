"""Review 17b of b4048fc, 6b38711 and d9c449f: wrong readings the new rules cause.

Every sentence was written anew for this review (none comes from an evaluation set). The
first table holds the problems found: each failed on d9c449f (it names the commit, the
rule, what d9c449f read and what c0744fb, the parent of b4048fc, read) and passes since the
rule was mended. The second table holds
"does not spoil" examples: the new rules reading what they were written for.
"""

from __future__ import annotations

from datetime import date

import pytest
from tests.unit.extract.examples import Example, cases

REF = date(2024, 3, 10)  # a Sunday; "today" for every example

# a report's lead (over 400 characters) telling today's attack with no day of its own
_LEAD_AR = (
    "قتل ثلاثة مدنيين، بينهم طفل، بقصف مدفعي لقوات النظام استهدف الأحياء السكنية في مدينة "
    "سرمين شرق إدلب، بحسب ما أفاد الدفاع المدني السوري، الذي قال إن فرقه عملت على انتشال "
    "الضحايا من تحت الأنقاض ونقل الجرحى إلى المشافي القريبة، وسط حالة من الخوف بين الأهالي "
    "الذين بدأ بعضهم بالنزوح نحو المخيمات الحدودية مع تركيا، في ظل تصعيد مستمر تشهده المنطقة "
    "منذ أسابيع رغم اتفاق وقف إطلاق النار الموقع بين روسيا وتركيا.\n\n"
)
_LEAD_EN = (
    "Three civilians, including a child, were killed by regime artillery shelling that "
    "targeted residential neighbourhoods of the town of Sarmin, east of Idlib, the Syrian "
    "Civil Defence said. Its teams worked to recover the victims from under the rubble and to "
    "take the wounded to nearby hospitals, amid fear among residents, some of whom began "
    "fleeing towards the camps on the Turkish border, as an escalation continues in the area "
    "despite the ceasefire.\n\n"
)

STOP28B_PROBLEMS = {
    # 6b38711 (date_field: a month long past after the lead is background only where its
    # sentence tells no harm): a report of today's attack that recalls an old massacre after
    # its lead is dated to the massacre's month (got 2018-03, month). c0744fb: 2024-03-10.
    "old-massacre-recalled-after-lead-ar": Example(
        _LEAD_AR + "ويذكر أن المدينة شهدت في آذار من العام 2018 مجزرة قتل فيها 23 مدنياً "
        "بغارات روسية.",
        {"date": "2024-03-10", "date.precision": "day", "killed": 3},
        REF,
    ),
    # 6b38711, the same in English (got 2018-03, month). c0744fb: 2024-03-10.
    "old-massacre-recalled-after-lead-en": Example(
        _LEAD_EN + "In March 2018, Russian warplanes struck the town's market, killing 23 "
        "civilians.",
        {"date": "2024-03-10", "date.precision": "day", "killed": 3},
        REF,
    ),
    # 6b38711 (of_the_place_before 'began', within five words, for a day too): the day
    # the shelling began is taken for background, and the earlier shelling's day wins
    # (got 2024-03-02). c0744fb: 2024-03-09.
    "shelling-began-on-saturday-en": Example(
        "Regime shelling on Kafranbel began at dawn on Saturday and killed five civilians. "
        "The town had also been shelled on 2 March.",
        {"date": "2024-03-09", "killed": 5},
        REF,
    ),
    # 6b38711 ('started'): clashes that started on the day told (got 2024-03-02).
    # c0744fb: 2024-03-09.
    "clashes-started-on-saturday-en": Example(
        "Clashes that started on Saturday between the SDF and Turkish-backed factions near "
        "Manbij killed 6 fighters, days after shelling on 2 March.",
        {"date": "2024-03-09", "killed": 6},
        REF,
    ),
    # 6b38711 ('اندلاع'): "إثر اندلاع اشتباكات يوم السبت" is the day of the fighting
    # (got 2024-03-02). c0744fb: 2024-03-09.
    "clashes-broke-out-on-saturday-ar": Example(
        "قتل 5 عناصر من قسد إثر اندلاع اشتباكات يوم السبت مع الفصائل في ريف منبج، بعد قصف "
        "متبادل في 2 آذار.",
        {"date": "2024-03-09", "killed": 5},
        REF,
    ),
    # b4048fc (a verb of telling reaches 8 words back; تبنى is one): the claim tells the
    # attack's own day, "تبنى داعش الهجوم على حافلة يوم الخميس", which is taken for the
    # day of the claim, and an earlier attack's day wins (got 2024-02-25). c0744fb: 2024-03-07.
    "claimed-attack-on-thursday-ar": Example(
        "تبنى تنظيم داعش الهجوم على حافلة عسكرية يوم الخميس في بادية تدمر، والذي أسفر عن "
        "مقتل 12 عنصراً، بعد هجوم مماثل في 25 شباط.",
        {"date": "2024-03-07", "killed": 12, "perpetrators": ["isis"]},
        REF,
    ),
    # b4048fc: "أفاد الدفاع المدني بمقتل 3 مدنيين بقصف يوم السبت": the day is the
    # shelling's, told with no clause word between (got 2024-03-02). c0744fb: 2024-03-09.
    "reported-deaths-in-shelling-on-saturday-ar": Example(
        "أفاد الدفاع المدني بمقتل 3 مدنيين بقصف يوم السبت على بلدة سرمين، التي تعرضت لقصف "
        "مماثل في 2 آذار.",
        {"date": "2024-03-09", "killed": 3},
        REF,
    ),
    # 6b38711 (a neighbourhood's second word may not carry the article): Aleppo's Salah
    # al-Din is cut to 'صلاح' (got place 'صلاح'). c0744fb: 'صلاح الدين'.
    "hood-salah-al-din": Example(
        "قتل 4 مدنيين بقصف مدفعي لقوات النظام على حي صلاح الدين في مدينة حلب.",
        {"place.name": "صلاح الدين", "killed": 4},
        REF,
    ),
    # 6b38711 (a name whose first word has the article is one word): Sheikh Maqsoud is cut
    # to 'الشيخ' (got 'الشيخ'). c0744fb: 'الشيخ مقصود'.
    "hood-sheikh-maqsoud": Example(
        "قتل 3 مدنيين بقصف على حي الشيخ مقصود في مدينة حلب.",
        {"place.name": "الشيخ مقصود"},
        REF,
    ),
    # 6b38711: Damascus's Rukn al-Din (got 'ركن'). c0744fb: 'ركن الدين'.
    "hood-rukn-al-din": Example(
        "قتل شخصان بانفجار عبوة ناسفة في حي ركن الدين بدمشق.",
        {"place.name": "ركن الدين"},
        REF,
    ),
    # 6b38711: Aleppo's Bustan al-Qasr (got 'بستان'). c0744fb: 'بستان القصر'.
    "hood-bustan-al-qasr": Example(
        "قتل 4 مدنيين بغارة جوية على حي بستان القصر في مدينة حلب.",
        {"place.name": "بستان القصر"},
        REF,
    ),
    # 6b38711 (no second word starting with ب، ل، و): Homs's Deir Baalbah (got 'دير').
    # c0744fb: 'دير بعلبة'.
    "hood-deir-baalbah": Example(
        "قتل طفلان بقصف مدفعي على حي دير بعلبة في مدينة حمص.",
        {"place.name": "دير بعلبة"},
        REF,
    ),
    # 6b38711: Homs's Karm al-Zaytoun (got 'كرم'). c0744fb: 'كرم الزيتون'.
    "hood-karm-al-zaytoun": Example(
        "قتل 3 مدنيين بقصف على حي كرم الزيتون في مدينة حمص.",
        {"place.name": "كرم الزيتون"},
        REF,
    ),
    # 6b38711 (aircraft words dropped from the attack word + side adjective phrases):
    # "قصف مسيرات روسية" no longer names Russia (got ['unknown']). c0744fb: ['russia'].
    "russian-drones-shelling": Example(
        "قتل 3 مدنيين بقصف مسيرات روسية على مدينة سرمين.",
        {"perpetrators": ["russia"]},
        REF,
    ),
    # 6b38711, the same (got ['unknown']). c0744fb: ['russia'].
    "russian-drones-targeting-homes": Example(
        "قتل طفلان بقصف مسيرات روسية استهدف منازل المدنيين في قرية البارة بجبل الزاوية.",
        {"perpetrators": ["russia"]},
        REF,
    ),
    # 6b38711 ('فجر' names a bomb's maker, up to four words on): 'فجر' here is dawn, and
    # the regime's car attacked is read as the first perpetrator (got ['syrian_government',
    # 'unknown']). c0744fb: ['unknown', 'syrian_government'].
    "dawn-is-no-detonator-ar": Example(
        "استهدف مسلحون مجهولون فجر الجمعة سيارة عسكرية لقوات النظام في ريف درعا الغربي، ما "
        "أدى لمقتل ضابط.",
        {"perpetrators.first": "unknown"},
        REF,
    ),
    # 6b38711 ('فجر' again): "فجر اليوم حاجزاً لقوات النظام" (got ['syrian_government',
    # 'unknown']). c0744fb: ['unknown', 'syrian_government'].
    "dawn-today-is-no-detonator-ar": Example(
        "هاجم مسلحون مجهولون فجر اليوم حاجزاً لقوات النظام في ريف درعا، ما أدى لمقتل 3 عناصر.",
        {"perpetrators.first": "unknown"},
        REF,
    ),
    # 6b38711 ('detonated' in _claim_after): the SDF's vehicle that set off a mine is read as
    # the mine's maker (got ['sdf']). c0744fb: ['unknown', 'sdf'].
    "vehicle-detonated-a-landmine-en": Example(
        "An SDF vehicle detonated a landmine near Hajin, killing two fighters.",
        {"perpetrators.first": "unknown"},
        REF,
    ),
    # 6b38711 ('فجرت'): a regime patrol that set off a mine left by the war (got
    # ['syrian_government']). c0744fb: ['unknown', 'syrian_government'].
    "patrol-set-off-war-remnant-mine-ar": Example(
        "فجرت دورية لقوات النظام لغماً أرضياً من مخلفات الحرب قرب تدمر، ما أدى لمقتل 3 عناصر.",
        {"perpetrators.first": "unknown"},
        REF,
    ),
    # d9c449f ('explosive-laden' is a vehicle bomb): a loitering drone is no vehicle bomb
    # (got ['vehicle_bomb', 'drone']). c0744fb: ['drone'].
    "explosive-laden-drone-en": Example(
        "An explosive-laden drone struck a house in the village of Kafr Nouran, killing two "
        "civilians.",
        {"weapons": ["drone"]},
        REF,
    ),
    # d9c449f ('عن بعد' is an IED): a drone is flown from afar (got ['drone', 'ied']).
    # c0744fb: ['drone'].
    "remotely-guided-drone-ar": Example(
        "قتل مدنيان باستهداف طائرة مسيرة موجهة عن بعد لسيارة في ريف إدلب.",
        {"weapons": ["drone"]},
        REF,
    ),
    # d9c449f ('remote control' is an IED): got ['ied', 'drone']. c0744fb: ['drone'].
    "remote-control-drone-en": Example(
        "A remote control drone dropped a bomb on a car near Atarib, killing two civilians.",
        {"weapons": ["drone"]},
        REF,
    ),
    # d9c449f: a car bomb set off from afar is one weapon, not a car bomb and an IED
    # (got ['vehicle_bomb', 'ied']). c0744fb: ['vehicle_bomb'].
    "car-bomb-detonated-remotely-ar": Example(
        "قتل 5 مدنيين بانفجار سيارة مفخخة جرى تفجيرها عن بعد في مدينة أعزاز.",
        {"weapons": ["vehicle_bomb"]},
        REF,
    ),
    # d9c449f, the same in English (got ['vehicle_bomb', 'ied']). c0744fb: ['vehicle_bomb'].
    "car-bomb-detonated-by-remote-control-en": Example(
        "A car bomb detonated by remote control killed 5 civilians in Azaz.",
        {"weapons": ["vehicle_bomb"]},
        REF,
    ),
}

# What the new rules were written for, still read right.
STOP28B_SPARED = {
    # d9c449f (c0744fb: no weapon)
    "motorcycle-filled-with-explosives": Example(
        "A motorcycle filled with explosives blew up in the market of al-Bab, killing 6 civilians.",
        {"weapons": ["vehicle_bomb"], "killed": 6},
        REF,
    ),
    # 6b38711 (c0744fb: 2012-03, month)
    "captured-in-march-2012-toll-beside-en": Example(
        "Regime shelling killed 3 civilians in Saraqib. Rebels captured the town in March 2012 "
        "in battles that killed 40 people.",
        {"date": "2024-03-10", "killed": 3},
        REF,
    ),
    # 6b38711 (c0744fb: 2012-03, month)
    "captured-in-march-2012-toll-beside-ar": Example(
        "قتل 3 مدنيين بقصف مدفعي لقوات النظام على مدينة سراقب. وكانت فصائل المعارضة قد سيطرت "
        "على المدينة في آذار 2012 بعد معارك قتل فيها 40 شخصاً.",
        {"date": "2024-03-10", "killed": 3},
        REF,
    ),
    # 6b38711 (c0744fb: 2019-05, month)
    "offensive-began-in-2019-en": Example(
        "Regime shelling killed 3 civilians in Sarmin. The offensive on the town began in May "
        "2019 and killed more than 200 civilians.",
        {"date": "2024-03-10", "killed": 3},
        REF,
    ),
    # 6b38711: a single-word name with a one-word neighbour still read
    "hood-al-waer-besieged": Example(
        "قتل مدنيان بقصف على حي الوعر المحاصر في مدينة حمص.",
        {"place.name": "الوعر"},
        REF,
    ),
    # 6b38711: a two-word name without the article still read whole
    "hood-bab-amr": Example(
        "قتل 4 مدنيين بقصف مدفعي على حي باب عمرو في مدينة حمص.",
        {"place.name": "باب عمرو"},
        REF,
    ),
}


@pytest.mark.parametrize("example", cases(STOP28B_PROBLEMS))
def test_review17b_problems(example: Example) -> None:
    """Readings b4048fc, 6b38711 and d9c449f get wrong (fail until fixed)."""
    assert example.found() == example.expect


@pytest.mark.parametrize("example", cases(STOP28B_SPARED))
def test_review17b_does_not_spoil(example: Example) -> None:
    """What the new rules were written for, still read right."""
    assert example.found() == example.expect
