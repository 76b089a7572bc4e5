"""Places, attacked (review of 929ade1): reports the round's place rules read wrong or
still miss. The town chosen is a victim's origin, a town named only as a locator or in
the background, a town of an earlier attack, a person's name read as a village; or the
governorate is chosen where the report tells the town. Each example written for the
review; REGRESSIONS pass on defd44d and fail on 929ade1, MISSES fail on both."""

from __future__ import annotations

import pytest
from tests.unit.extract.examples import Example, cases

_IDLIB_SHELLED = (
    "Regime shelling kills three civilians in Idlib\n\n"
    "Regime shelling killed three civilians in Idlib province on Saturday, the civil defence "
    "in Idlib said.\n\n"
    "The civil defence said the three were killed and five others injured in shelling on "
    "Idlib's southern countryside.\n\n"
    "Rescue teams were still working in the Idlib countryside in the evening.\n\n"
    "The regime and its allies have intensified their attacks on Idlib in recent weeks.\n\n"
    "Idlib province is home to some three million people, many of them displaced.\n\n"
    "Aid groups have warned of a humanitarian catastrophe in Idlib.\n\n"
    "Turkey and Russia agreed a ceasefire for Idlib in March 2020.\n\n"
)
_IDLIB_SHELLED_AR = (
    "قصف لقوات النظام يقتل ثلاثة مدنيين في ريف إدلب\n\n"
    "قتل ثلاثة مدنيين بقصف لقوات النظام على ريف إدلب الجنوبي اليوم السبت، بحسب الدفاع المدني."
    "\n\nوقال الدفاع المدني إن القصف على ريف إدلب أسفر عن مقتل ثلاثة مدنيين وإصابة خمسة آخرين."
    "\n\nوصعدت قوات النظام من قصفها على ريف إدلب خلال الأسابيع الماضية.\n\n"
    "ويقطن في محافظة إدلب نحو أربعة ملايين نسمة، معظمهم من النازحين.\n\n"
    "وتحذر المنظمات الإنسانية من كارثة في إدلب.\n\n"
)
_KANSAFRA_LEAD = (
    "Two civilians killed in regime shelling on Idlib\n\n"
    "Two civilians were killed and five others were injured in regime artillery shelling on "
    "the southern Idlib countryside on Saturday morning, the Syrian Civil Defence said in a "
    "statement.\n\n"
)
_KANSAFRA_LEAD_AR = (
    "مقتل مدنيين اثنين بقصف لقوات النظام على ريف إدلب\n\n"
    "قتل مدنيان وأصيب خمسة آخرون بجروح متفاوتة جراء قصف مدفعي لقوات النظام استهدف ريف إدلب "
    "الجنوبي صباح اليوم السبت، بحسب ما أفاد الدفاع المدني السوري في بيان.\n\n"
)

REGRESSIONS = {
    # the one town of the governorate, told only in the closing history line, is no place
    # of the attack: the governorate the report tells eight times is (_pick's new rule)
    "one-town-told-in-history-beats-the-governorate": Example(
        _IDLIB_SHELLED + "Before that, regime forces captured Saraqib after months of bombardment.",
        {"place.name_en": "Idlib"},
    ),
    # a border crossing named for an aid vote is no place of the shelling
    "aid-crossing-beats-the-governorate": Example(
        _IDLIB_SHELLED + "The UN Security Council is expected to vote next month on renewing "
        "aid deliveries through the Bab al-Hawa crossing.",
        {"place.name_en": "Idlib"},
    ),
    # the same in Arabic, and worse: a namesake "باب الهوى" in Homs, the wrong governorate
    "aid-crossing-beats-the-governorate-ar": Example(
        _IDLIB_SHELLED_AR + "ومن المقرر أن يصوت مجلس الأمن الشهر المقبل على تمديد إدخال "
        "المساعدات عبر معبر باب الهوى.",
        {"place.name_en": "Idlib", "place.governorate": "Idlib"},
    ),
    # al-Hol named as what the administration runs, not where the drone struck
    "camp-in-the-background-beats-the-governorate": Example(
        "Turkish drone kills two in Hasakah\n\n"
        "A Turkish drone strike killed two members of the Syrian Democratic Forces in Hasakah "
        "province on Saturday, the Syrian Observatory for Human Rights reported.\n\n"
        "The Observatory said the drone hit a car on a road in the Hasakah countryside, killing "
        "both men instantly.\n\n"
        "Turkey has carried out dozens of drone strikes in Hasakah province this year.\n\n"
        "The Kurdish-led administration governs most of Hasakah and neighbouring provinces.\n\n"
        "It also runs al-Hol camp, which holds tens of thousands of relatives of Islamic State "
        "fighters.",
        {"place.name_en": "Al-Hasakah"},
    ),
    # the sentence that names the village hit also says when the shelling began (Friday):
    # weighed a quarter, it loses to the town the rescuers came from
    "village-hit-told-with-the-day-before": Example(
        _KANSAFRA_LEAD + "The shelling, which began late on Friday, hit the village of "
        "Kansafra in Jabal al-Zawiya.\n\n"
        "Rescue teams from the nearby town of Ariha helped pull the victims from the rubble.",
        {"place.name_en": "Kansafra"},
    ),
    "village-hit-told-with-the-day-before-ar": Example(
        _KANSAFRA_LEAD_AR + "وطال القصف الذي بدأ مساء أمس الجمعة بلدة كنصفرة في جبل الزاوية.\n\n"
        "وساعدت فرق الدفاع المدني القادمة من مدينة أريحا القريبة في انتشال الضحايا من تحت "
        "الأنقاض.",
        {"place.name_en": "Kansafra"},
    ),
    # a year told of the house hit (the family came back in 2021) makes no history of where
    "village-hit-told-with-a-year-of-its-house-ar": Example(
        _KANSAFRA_LEAD_AR + "واستهدف القصف منزلا في بلدة كنصفرة كانت العائلة قد عادت إليه عام "
        "2021 بعد سنوات من النزوح.\n\n"
        "وهرعت فرق الدفاع المدني من مدينة أريحا القريبة إلى المكان.",
        {"place.name_en": "Kansafra"},
    ),
    # "firing from Jourin village": where the guns stood, not the town they hit (place_fuzzy)
    "fired-from-a-village": Example(
        "Regime artillery firing from Jourin village shelled the town of Qastoun on Saturday, "
        "killing a woman.",
        {"place.name_en": "Qastun"},
    ),
    "shelled-from-positions-of-a-village": Example(
        "Two civilians were killed on Saturday when regime shelling hit the Idlib countryside, "
        "the civil defence said. The shelling came from regime positions of Jourin village in "
        "the Ghab plain.",
        {"place.name_en": "Idlib"},
    ),
    # a Lebanese town the victim came from, read as a Syrian namesake ("Akkari", Homs)
    "a-foreign-hometown-spelt-like-a-village": Example(
        "A Lebanese man from Akkar town was killed by Syrian border guards in the Homs "
        "countryside on Saturday.",
        {"place.name_en": "Homs"},
    ),
    # a displaced man's home village is not where the shelling killed him
    "a-displaced-mans-home-village": Example(
        "A displaced man from Kafr Awid village was killed in regime shelling on the eastern "
        "Idlib countryside on Saturday.",
        {"place.name_en": "Idlib"},
    ),
    # the fighter's village, spelt like one in Aleppo, outvotes the strike near Qamishli
    "a-fighters-village-takes-the-governorate": Example(
        "A member of the Syrian Democratic Forces from Tal Alo village was killed in a Turkish "
        "drone strike near Qamishli on Saturday.",
        {"place.governorate": "Al-Hasakah"},
    ),
}

MISSES = {
    # "the Idlib town of Ariha": the town is also a district's name, so the governorate is
    # not read as its locator and wins (place_landmarks.locates_the_one_after)
    "the-governorates-town-that-names-a-district": Example(
        "A civilian was gunned down in the Idlib town of Ariha on Saturday.",
        {"place.name": "Ariha"},
    ),
    "the-governorates-town-that-names-a-district-2": Example(
        "A civilian was gunned down in the Idlib town of Maarat al-Numan on Saturday.",
        {"place.name": "Maarat al-Numan"},
    ),
    "the-governorates-city-that-names-a-district": Example(
        "A car bomb killed four people in the Aleppo city of Manbij on Saturday.",
        {"place.name": "Manbij"},
    ),
    "the-governorates-city-that-names-a-district-dez": Example(
        "A civilian was gunned down in the Deir ez-Zor city of al-Mayadin on Saturday.",
        {"place.name": "al-Mayadin"},
    ),
    # a town named for where the drone took off: Raqqa's, not the Hasakah the strike hit
    "where-the-drone-took-off": Example(
        "Turkish drone strike killed two members of the SDF in Hasakah province on Saturday, "
        "the SOHR reported. The Observatory's sources said the drone took off from a base near "
        "Tal Abyad.",
        {"place.governorate": "Al-Hasakah"},
    ),
    # the camp the family came back from lies in Idlib; the mine went off in Hama
    "the-camp-a-family-came-back-from": Example(
        "A landmine killed a child in rural Hama on Saturday, the Syrian Observatory reported. "
        "The child's family had returned to the area from a camp near Sarmada.",
        {"place.governorate": "Hama"},
    ),
    "the-camp-a-family-came-back-from-ar": Example(
        "قتل طفل بانفجار لغم أرضي في ريف حماة الشمالي اليوم السبت، بحسب المرصد السوري. وكانت "
        "عائلة الطفل قد عادت إلى المنطقة من مخيم قرب سرمدا.",
        {"place.governorate": "Hama"},
    ),
    # a town told in a sentence of history (2019), quartered, still beats the governorate
    "a-town-captured-years-ago": Example(
        "Regime shelling killed three civilians in Idlib province on Saturday, the civil "
        "defence said. In 2019, regime forces captured the town of Khan Shaykhun after months "
        "of bombardment.",
        {"place.name_en": "Idlib"},
    ),
    "a-town-seized-years-ago-in-a-long-report": Example(
        "Turkish drone kills two in Hasakah\n\n"
        "A Turkish drone strike killed two members of the SDF in Hasakah province on Saturday, "
        "the SOHR reported.\n\n"
        "The Observatory said the strike hit a car in the Hasakah countryside, killing both "
        "men.\n\n"
        "Turkey has carried out dozens of drone strikes in Hasakah this year.\n\n"
        "The Kurdish-led administration governs most of Hasakah province.\n\n"
        "Turkey and its allied factions seized Ras al-Ain in 2019.",
        {"place.name_en": "Al-Hasakah"},
    ),
    "a-town-entered-years-ago-ar": Example(
        "مقتل شاب برصاص مجهولين في ريف درعا\n\n"
        "قتل شاب برصاص مجهولين في ريف درعا الغربي اليوم السبت، بحسب تجمع أحرار حوران.\n\n"
        "وقال التجمع إن مجهولين أطلقوا النار على الشاب في ريف درعا الغربي ما أدى لمقتله على "
        "الفور.\n\n"
        "وتشهد محافظة درعا فلتانا أمنيا منذ سيطرة قوات النظام عليها عام 2018.\n\n"
        "وفي عام 2018 دخلت قوات النظام مدينة طفس بموجب اتفاق التسوية.",
        {"place.name_en": "Daraa"},
    ),
    # the town of an earlier attack ("a day after", "قبل يومين", "On October 28")
    "the-town-of-the-attack-a-day-before": Example(
        _KANSAFRA_LEAD + "The attack came a day after a child was killed in regime shelling on "
        "the town of Sarmin.",
        {"place.name_en": "Idlib"},
    ),
    "the-town-of-the-attack-two-days-before-ar": Example(
        _KANSAFRA_LEAD_AR + "وقبل يومين قتلت امرأة بقصف على بلدة سرمين.",
        {"place.name_en": "Idlib"},
    ),
    "the-town-of-an-attack-on-a-told-day": Example(
        "Gunmen kill man in Daraa\n\n"
        "Unknown gunmen shot dead a young man in the western Daraa countryside on Saturday "
        "evening, the local Horan Free League said in a statement on its website.\n\n"
        "On October 28, gunmen killed a former opposition commander in the town of Tafas.",
        {"place.name_en": "Daraa"},
    ),
    # "ريف جبل الزاوية": a region's word the clitic rule does not know reads camp "الجبل"
    "the-countryside-of-a-mountain-region-ar": Example(
        "قتل مدنيان بقصف مدفعي لقوات النظام على ريف جبل الزاوية جنوبي إدلب اليوم السبت.",
        {"place.name_en": "Idlib"},
    ),
    # "كبلدات" ("such as the towns of"): a clitic the new rule leaves out
    "a-region-word-with-ka-ar": Example(
        "قتل مدنيان بقصف لقوات النظام طال مناطق عدة في ريف إدلب الجنوبي كبلدات جبل الزاوية "
        "اليوم السبت.",
        {"place.name_en": "Idlib"},
    ),
    # "منطقة القلمون الشرقي" is Rif Dimashq's region, not the village Qalmun in Latakia
    "a-region-read-as-a-far-village-ar": Example(
        "قتل ثلاثة عناصر من قوات النظام بانفجار لغم أرضي في منطقة القلمون الشرقي اليوم السبت.",
        {"place.governorate": "Rif Dimashq"},
    ),
    # a victim's family name read as a village
    "a-family-name-read-as-a-town-ar": Example(
        "قتل الشاب محمد الجاسم برصاص مجهولين في ريف درعا الغربي اليوم السبت، بحسب تجمع أحرار "
        "حوران.",
        {"place.name_en": "Daraa"},
    ),
    "a-family-name-read-as-a-governorate": Example(
        "Unknown gunmen shot dead Mohammad al-Idlibi, a displaced man, in the northern Aleppo "
        "countryside on Saturday.",
        {"place.governorate": "Aleppo"},
    ),
    "a-family-name-read-as-a-village": Example(
        "Unknown gunmen shot dead Ahmad al-Khatib, a former opposition fighter, in the northern "
        "Hama countryside on Saturday.",
        {"place.name_en": "Hama"},
    ),
    # a wire's dateline (Sarmada, in the north) is where it was filed, not the southern
    # countryside that was hit
    "a-datelines-town": Example(
        "SARMADA, Syria (Reuters) - Russian air strikes killed four civilians in the southern "
        "Idlib countryside on Saturday, rescuers said, as the Syrian army pressed its offensive "
        "in Idlib province.",
        {"place.name_en": "Idlib"},
    ),
    # where the victim came from, spelt otherwise, over the town the shells hit
    "from-a-village-killed-in-a-town": Example(
        "A woman from Ibleen village was killed when regime shells hit the town of Ariha on "
        "Saturday.",
        {"place.name_en": "Ariha"},
    ),
    # a displaced man's home village, read as an unplaced village of Aleppo
    "a-displaced-mans-village-in-another-governorate": Example(
        "Gunmen shot dead a displaced man from Kafr Awid village in the northern Aleppo "
        "countryside on Saturday.",
        {"place.name_en": "Aleppo"},
    ),
}


# misses the round's rules did not reach (wrong before them too), each with why
_HISTORY = "a town told only in a sentence of history or of another attack, with no toll "
_OPEN = {
    "where-the-drone-took-off": "where a drone took off from is read as a place of the attack",
    "the-camp-a-family-came-back-from": "a camp a family came back from outranks the town",
    "the-camp-a-family-came-back-from-ar": "a camp a family came back from outranks the town",
    "a-town-captured-years-ago": _HISTORY + "of its own, still outranks the governorate",
    "a-town-seized-years-ago-in-a-long-report": _HISTORY + "of its own, outranks the governorate",
    "the-town-of-the-attack-a-day-before": _HISTORY + "told, outranks the governorate",
    "the-town-of-the-attack-two-days-before-ar": _HISTORY + "told, outranks the governorate",
    "the-town-of-an-attack-on-a-told-day": _HISTORY + "told, outranks the governorate",
    "a-region-read-as-a-far-village-ar": "'منطقة القلمون الشرقي' is read as a village of "
    "Latakia (a region's name that is also a village's)",
    "a-family-name-read-as-a-town-ar": "a family name ('محمد الجاسم') is read as a town",
    "a-family-name-read-as-a-governorate": "a family name ('al-Idlibi') is read as Idlib",
    "a-family-name-read-as-a-village": "a family name ('al-Khatib') is read as a village",
    "a-datelines-town": "a wire story's dateline town outranks the countryside told",
    "from-a-village-killed-in-a-town": "the victim's home village outranks the town told",
    "a-displaced-mans-village-in-another-governorate": "a displaced man's home village, in "
    "another governorate, outranks the governorate told",
}


@pytest.mark.parametrize("example", cases(REGRESSIONS, MISSES, still_open=_OPEN))
def test_places_attack_stop30(example: Example) -> None:
    """The place a careful documenter records."""
    assert example.found() == example.expect
