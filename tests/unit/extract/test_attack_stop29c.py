"""Review of 3c232ed..36f5931 (no one harmed, earlier events, fighters beside civilians,
'أودى … بحياة', peoples and neighbourhoods): reports written for the review, each read
wrongly on 36f5931."""

from __future__ import annotations

import pytest
from tests.unit.extract.examples import Example, cases

# tolls.no_one_harmed: "no one was killed" is not "no one was hurt"; "no casualties were
# reported" is not known; an attack that hurt no one is not the report's only attack
WRONG_ZERO = {
    "no-one-killed-but-passengers-wounded": Example(
        "No one was killed when a drone struck a car on the road near Sarmada on Sunday, "
        "though its passengers were wounded, the Civil Defence said.",
        {"killed": 0, "injured": None},
    ),
    "nobody-killed-but-many-injured": Example(
        "Nobody was killed when the shell hit the bakery in Binnish on Tuesday, but many "
        "people were injured.",
        {"killed": 0, "injured": None},
    ),
    "the-army-says-no-one-killed-residents-say-wounded": Example(
        "The Syrian army said no one was killed in the blast in Jableh, but residents said "
        "people were wounded.",
        {"injured": None},
    ),
    "no-casualties-reported-so-far": Example(
        "No casualties have been reported so far after shelling hit the town of Sarmin on "
        "Monday morning.",
        {"killed": None, "injured": None},
    ),
    "no-casualties-immediately-reported": Example(
        "No casualties were immediately reported after the blast in the town of Azaz on Monday.",
        {"killed": None, "injured": None},
    ),
    "none-so-far-while-the-missing-are-sought": Example(
        "قصفت قوات النظام مدينة سرمين دون وقوع إصابات بشرية حتى الآن بحسب الدفاع المدني الذي "
        "لا يزال يبحث عن مفقودين.",
        {"killed": None},
    ),
    "no-material-losses-but-wounded": Example(
        "استهدف القصف محطة المياه في بلدة الأتارب دون وقوع خسائر مادية كبيرة، لكنه خلّف جرحى "
        "بين المدنيين القاطنين قربها.",
        {"killed": None, "injured": None},
    ),
    "no-casualties-among-the-crew-but-passers-by": Example(
        "The drone hit a fuel truck near Sarmada, causing no casualties among its crew, though "
        "passers-by were injured by the blast.",
        {"injured": None},
    ),
    "the-drone-killed-its-rider-the-shelling-hurt-no-one": Example(
        "A drone strike on a motorcycle near the village of Fleifel killed its rider on "
        "Tuesday.\nShelling on nearby Kansafra the same day caused no casualties.",
        {"killed": 1},
    ),
}

# tolls.told_of_another: the pluperfect, "last month", "had earlier" told of this attack
SAME_EVENT = {
    "pluperfect-lead-after-a-headline": Example(
        "غارات روسية على بلدة كفرنبل\nوكانت الطائرات الحربية الروسية قد قصفت البلدة صباح "
        "اليوم الأحد ما أدى إلى مقتل خمسة مدنيين بينهم طفلان.",
        {"killed": 5, "killed_children": 2},
    ),
    "pluperfect-lead-dawn-today": Example(
        "قصف مدفعي يستهدف بلدة كفرنبل\nوكانت قوات النظام قد استهدفت البلدة فجر اليوم بعشرات "
        "القذائف ما أسفر عن مقتل طفلين وامرأة وإصابة ستة مدنيين.",
        {"killed": 3, "injured": 6, "killed_children": 2, "killed_women": 1},
    ),
    "pluperfect-lead-after-a-rising-toll": Example(
        "ارتفاع حصيلة ضحايا القصف على أريحا إلى سبعة قتلى\nوكانت قوات النظام قد قصفت المدينة "
        "صباح اليوم بالمدفعية ما أدى إلى مقتل سبعة مدنيين وإصابة 12 آخرين.",
        {"killed": 7, "injured": 12},
    ),
    "the-civil-defence-had-announced-today": Example(
        "قتل ثلاثة مدنيين بقصف على الأتارب.\nوكان الدفاع المدني قد أعلن في وقت سابق اليوم عن "
        "مقتل ثلاثة مدنيين وإصابة تسعة آخرين بينهم أربعة أطفال جراء القصف.",
        {"killed": 3, "injured": 9},
    ),
    "the-mother-had-been-wounded-in-the-same-shelling": Example(
        "قتل طفلان بقصف على مدينة إدلب اليوم.\nوكانت والدتهما قد أصيبت بجروح خطيرة في القصف "
        "ذاته، وأصيب أربعة آخرون من الجيران.",
        {"killed": 2, "injured": 5},
    ),
    "the-shelling-had-begun-in-the-morning": Example(
        "مقتل ثلاثة أطفال في أريحا\nوقال الدفاع المدني إن ثلاثة أطفال قتلوا وأصيب خمسة مدنيين، "
        "وكان القصف قد بدأ منذ ساعات الصباح الأولى.",
        {"killed": 3, "injured": 5},
    ),
    "who-had-fled-from-hama": Example(
        "مقتل أربعة مدنيين بقصف على إدلب\nقتل أربعة مدنيين بينهم طفلان كانوا قد نزحوا من ريف "
        "حماة، وأصيب خمسة آخرون بقصف صاروخي على مدينة إدلب.",
        {"killed": 4, "injured": 5, "killed_children": 2},
    ),
    "the-town-had-been-shelled-days-ago": Example(
        "مقتل طفل بقصف على الأتارب\nقتل طفل وأصيب والده بجروح بقصف مدفعي على منزلهما في بلدة "
        "الأتارب التي كانت قد تعرضت لقصف مماثل قبل أيام.",
        {"killed": 1, "injured": 1},
    ),
    "the-fiercest-since-last-month-ar": Example(
        "مقتل مدنيين اثنين بقصف على الأتارب\nقتل مدنيان وأصيب سبعة آخرون بينهم ثلاثة أطفال في "
        "القصف الذي يعد الأعنف منذ الشهر الماضي على بلدة الأتارب.",
        {"killed": 2, "injured": 7},
    ),
    "the-deadliest-since-last-month-en": Example(
        "Airstrike kills 12 in Idlib city\nThe strike, the deadliest since last month, killed "
        "12 civilians including four children and wounded 20 others on Sunday.",
        {"killed": 12, "injured": 20, "killed_children": 4},
    ),
    "second-attack-since-last-week-ar": Example(
        "مقتل أربعة مدنيين بقصف على سرمين\nوفي ثاني هجوم من نوعه منذ الأسبوع الماضي، قتل أربعة "
        "مدنيين بينهم امرأتان وأصيب ستة آخرون بقصف صاروخي على مدينة سرمين.",
        {"killed": 4, "injured": 6, "killed_women": 2},
    ),
    "a-truce-agreed-last-week-ar": Example(
        "مقتل ثلاثة مدنيين بقصف على أريحا\nقتل ثلاثة مدنيين بينهم امرأة وأصيب تسعة آخرون بقصف "
        "مدفعي على مدينة أريحا، رغم اتفاق التهدئة الذي أعلن الأسبوع الماضي.",
        {"killed": 3, "injured": 9, "killed_women": 1},
    ),
    "a-ceasefire-agreed-last-week-en": Example(
        "Shelling kills three in Ariha\nShelling killed three civilians, among them a woman, "
        "and wounded nine in Ariha on Sunday, days after a ceasefire agreed last week.",
        {"killed": 3, "injured": 9, "killed_women": 1},
    ),
    "had-earlier-reported-five-now-eight": Example(
        "Eight killed in shelling on Ariha\nThe Civil Defence, which had earlier reported five "
        "dead, said eight civilians were killed and 15 injured in the shelling on Sunday.",
        {"killed": 8, "injured": 15},
    ),
    "had-earlier-shelled-this-morning": Example(
        "Shelling on Atarib on Sunday\nRegime forces had earlier shelled the town on Sunday "
        "morning, killing three civilians and injuring seven, the Civil Defence said.",
        {"killed": 3, "injured": 7},
    ),
}

# casualties.py: fighters beside civilians, after a total that counts them both
FIGHTERS = {
    "seven-people-two-fighters-five-civilians": Example(
        "Shelling killed seven people, two fighters and five civilians, in the town of Sarmin.",
        {"killed": 5},
    ),
}

# "بحياة" after "أودى" further than four words: the cause told at length between them
AWDA = {
    "awdat-the-raids-on-the-market-bihayat": Example(
        "أودت الغارات الجوية التي استهدفت سوق مدينة أريحا بحياة سبعة مدنيين.", {"killed": 7}
    ),
    "awda-the-shelling-of-the-quarters-bihayat": Example(
        "أودى القصف المدفعي العنيف الذي استهدف الأحياء السكنية بحياة ثلاثة أطفال في بلدة سرمين.",
        {"killed": 3, "killed_children": 3},
    ),
    "awda-the-car-bomb-this-morning-bihayat": Example(
        "أودى انفجار السيارة المفخخة وسط مدينة الباب صباح اليوم بحياة ستة مدنيين.",
        {"killed": 6},
    ),
    "awdat-a-raid-on-a-market-bihayat": Example(
        "أودت غارة جوية روسية على سوق شعبي في بلدة البارة بحياة أربعة مدنيين بينهم امرأة.",
        {"killed": 4, "killed_women": 1},
    ),
}

# not_village_names: a village whose own name begins with a people's word
PEOPLES = {
    "the-village-of-arab-saeed": Example(
        "A civilian was killed in the village of Arab Saeed in the Raqqa countryside.",
        {"killed": 1, "place.name": "Arab Saeed", "place.governorate": "Raqqa"},
    ),
}

_TABLES = (WRONG_ZERO, SAME_EVENT, FIGHTERS, AWDA, PEOPLES)


# Still open after the fixes of this review (strict: each must fail today).
_OPEN = {
    "the-mother-had-been-wounded-in-the-same-shelling": "the wounded told in the pluperfect "
    "('وكانت والدتهما قد أصيبت … في القصف ذاته') are not added to the others (read 4 before "
    "this round too)",
    "seven-people-two-fighters-five-civilians": "a total told first ('seven people, two "
    "fighters and five civilians') keeps the fighters in it",
}


@pytest.mark.parametrize("example", cases(*_TABLES, still_open=_OPEN))
def test_attack_stop29c(example: Example) -> None:
    """Each report read as a careful documenter would record it."""
    assert example.found() == example.expect
