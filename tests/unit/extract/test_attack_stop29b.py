"""Review of the stop-29 rules (the word for two after its noun, the joint killed-and-wounded
count, "لقي", a toll of grown occupations, a family/organisation is no people, landmark
towns, a camp named by an ordinary word). Each example written for the review; every one
fails on 9976f8c. "before:" notes what df7cb49 read."""

from __future__ import annotations

import pytest
from tests.unit.extract.examples import Example, cases

NUMBER_AFTER = {
    # people.py: a word for one/two after a plural with a number is not the count of them
    # (only "منهم" is checked, and even that not for "واحد منهم")
    "three-civilians-two-of-one-family": Example(  # got 2; before: 3
        "أسفر القصف عن مقتل ثلاثة مدنيين اثنان من عائلة واحدة في بلدة كفرنوران.",
        {"killed": 3},
    ),
    "four-civilians-two-of-the-women": Example(  # got 2; before: 4
        "قُتل أربعة مدنيين اثنان من النساء بقصف على قرية كفرعمة.",
        {"killed": 4},
    ),
    "six-wounded-two-seriously": Example(  # got 2; before: 6
        "أصيب ستة مدنيين اثنان بجروح خطيرة بقصف على بلدة سرمين.",
        {"injured": 6},
    ),
    "seven-wounded-two-gravely-then-comma": Example(  # got 2; before: 7
        "أصيب سبعة مدنيين اثنان بجروح بليغة، جراء قصف على مدينة أريحا.",
        {"injured": 7},
    ),
    "three-civilians-one-of-them-a-child": Example(  # got 1; before: 3
        "أسفر القصف عن مقتل 3 مدنيين واحد منهم طفل وإصابة آخرين في مدينة أريحا.",
        {"killed": 3},
    ),
    "three-civilians-one-of-the-children": Example(  # got 1; before: 3
        "قتل ثلاثة مدنيين واحد من الأطفال بقصف على مدينة أريحا.",
        {"killed": 3},
    ),
    "three-women-two-of-one-family": Example(  # got 2, women 2; before: 2, women None
        "قتلت ثلاث نساء اثنتان من عائلة واحدة بقصف على قرية البارة.",
        {"killed": 3, "killed_women": 3},
    ),
    "three-children-two-girls": Example(  # got 2; before: 2
        "قتل ثلاثة أطفال اثنان منهم فتيات واثنان من عائلة واحدة بقصف على سرمين.",
        {"killed": 3},
    ),
}

JOINT = {
    # figure_cues.joint_cues: only a singular or dual after the second verb is its own;
    # "آخرون" / "عدد آخر" still make one count of the dead and the wounded (before: same)
    "two-killed-others-wounded": Example(  # got None
        "مدنيان قتلا وأصيب آخرون بقصف على بلدة الأتارب.", {"killed": 2}
    ),
    "three-killed-others-wounded": Example(  # got None
        "وأكد ناشطون أن ثلاثة مدنيين قتلوا وأصيب آخرون بقصف مدفعي على بلدة الأتارب.",
        {"killed": 3},
    ),
    "four-killed-a-number-wounded": Example(  # got None
        "أربعة مدنيين قتلوا وأصيب عدد آخر بقصف مدفعي على بلدة الأتارب.", {"killed": 4}
    ),
}

MET_DEATH = {
    # figure_cues.lost_life: "لقي" beyond ten words of "حتفه", and "لاقى" / "لقين" (before: same)
    "laqiya-with-a-long-description": Example(  # got None
        "لقي شاب يبلغ من العمر خمسة وعشرين عاماً وينحدر من بلدة كفرنبل في ريف إدلب الجنوبي "
        "حتفه جراء انفجار لغم أرضي.",
        {"killed": 1},
    ),
    "laqu-with-a-long-description": Example(  # got None
        "لقي ثلاثة عمال من بلدة معرة مصرين كانوا يعملون في ورشة لصيانة السيارات على أطراف "
        "البلدة حتفهم بغارة جوية.",
        {"killed": 3},
    ),
    "laaqa-hatfahu": Example(  # got None
        "لاقى شاب حتفه بانفجار لغم أرضي من مخلفات الحرب في بلدة سرمين.", {"killed": 1}
    ),
    "laqina-hatfahunna": Example(  # got None
        "ثلاث نساء لقين حتفهن بقصف مدفعي على قرية البارة.",
        {"killed": 3, "killed_women": 3},
    ),
}

GROWN = {
    # lone_dead.settle_grown_toll: one span of grown people settles 0 children for a toll
    # that has others in it (their families, pupils, a boy, a girl, other civilians)
    "drivers-and-their-families": Example(  # got 0; before: None
        "Two drivers and their families were killed in an airstrike on the road near Saraqib.",
        {"killed_children": None},
    ),
    "paramedics-and-a-whole-family-ar": Example(  # got 0; before: None
        "قُتل ثلاثة مسعفين وعائلة كاملة بقصف على بلدة سرمين.", {"killed_children": None}
    ),
    "two-teachers-and-their-students-ar": Example(  # got 0; before: None
        "قُتل معلمين اثنين وثلاثة من طلابهم بقصف على مدرسة في أريحا.",
        {"killed": 5, "killed_children": None},
    ),
    "teachers-and-their-pupils-en": Example(  # got 7, 0; before: 4, None
        "Three teachers and four of their pupils were killed when a shell hit a school in Ariha.",
        {"killed": 7, "killed_children": 4},
    ),
    "employees-and-a-girl-ar": Example(  # got 5, 0; before: 5, None
        "قتل خمسة موظفين في مؤسسة المياه وطفلة بقصف على مدينة إدلب.",
        {"killed": 6, "killed_children": 1},
    ),
    "journalists-and-a-boy": Example(  # got 2, 0; before: 2, None
        "Two journalists were killed along with a boy who was guiding them in Ariha.",
        {"killed": 3, "killed_children": 1},
    ),
    "paramedics-then-other-civilians": Example(  # got 2, 0; before: 2, None
        "Two paramedics were killed when an airstrike hit their ambulance near Kafr Zeta. "
        "Three other civilians were also killed in the strike.",
        {"killed": 5, "killed_children": None},
    ),
    "doctors-then-children-in-the-market": Example(  # got 2, 0; before: 2, None
        "Shelling hit the hospital in Ariha, killing two doctors. Four children were also "
        "killed in the nearby market.",
        {"killed": 6, "killed_children": 4},
    ),
    "a-medic-and-his-son": Example(  # got 1, 0; before: 1, 0
        "قُتل مسعف ونجله بقصف مدفعي على بلدة كفرنوران.",
        {"killed": 2, "killed_children": None},
    ),
}

NOT_PEOPLE = {
    # "family" as a not-people word: "family members" are people
    "five-family-members": Example(  # got None; before: 5
        "Five family members were killed when a shell hit their home in Ariha.", {"killed": 5}
    ),
    "four-family-members-including-children": Example(  # got 2; before: 4
        "Four family members, including two children, have been killed in shelling on Ariha.",
        {"killed": 4, "killed_children": 2},
    ),
}

PLACES = {
    # place_landmarks.only_landmarks: the town near which it happened loses to the town the
    # victims came from
    "near-a-town-victims-from-another": Example(  # got Harim; before: Salqin
        "قتل طفلان بانفجار لغم قرب مدينة سلقين أثناء رعي الأغنام، وينحدر الطفلان من مدينة حارم.",
        {"place.name_en": "Salqin"},
    ),
    # "لـ" as a linking word: the town shelled is outweighed by a village also shelled
    "town-hit-then-village-also-hit-la": Example(  # got Shaykh Sulayman; before: Daret Azza
        "قصفت قوات النظام مدينة دارة عزة بالمدفعية ما أدى إلى مقتل مدنيين اثنين، كما استهدفت "
        "قرية الشيخ سليمان التابعة لـ مدينة دارة عزة.",
        {"place.name_en": "Daret Azza"},
    ),
    "town-hit-then-village-also-hit-attached": Example(  # got Shaykh Sulayman; before: same
        "قصفت قوات النظام مدينة دارة عزة بالمدفعية ما أدى إلى مقتل مدنيين اثنين، كما استهدفت "
        "قرية الشيخ سليمان التابعة لمدينة دارة عزة.",
        {"place.name_en": "Daret Azza"},
    ),
    # gazetteer._accept: a camp with an ordinary-word name after "قرية" is lost
    "a-camp-called-a-village": Example(  # got the town Sarmada; before: the camp
        "قُتل طفلان بقصف صاروخي على قرية الأمل للنازحين قرب سرمدا.", {"place.kind": "camp"}
    ),
}


# Still open after the fixes of this review (strict: each must fail today).
_TOLL = "the toll misses people told beside the grown ones (a pupil, a girl, a boy)"
_LOCATOR = (
    "a town that locates a village anywhere in the report weighs a fifth wherever it is "
    "named (places.choose_place, locators), even where the toll is told in it"
)
_OPEN = {
    "teachers-and-their-pupils-en": "'four of their pupils' are not read as children",
    "employees-and-a-girl-ar": _TOLL,
    "journalists-and-a-boy": _TOLL,
    "paramedics-then-other-civilians": "'Three other civilians were also killed' is not added",
    "doctors-then-children-in-the-market": "'Four children were also killed' is not added",
    "near-a-town-victims-from-another": "'وينحدر الطفلان من' (the subject between) is not "
    "read as where the victims came from",
    "town-hit-then-village-also-hit-la": _LOCATOR,
    "town-hit-then-village-also-hit-attached": _LOCATOR,
}


@pytest.mark.parametrize(
    "example", cases(NUMBER_AFTER, JOINT, MET_DEATH, GROWN, NOT_PEOPLE, PLACES, still_open=_OPEN)
)
def test_attack_stop29b(example: Example) -> None:
    """What a careful documenter records for each review example."""
    assert example.found() == example.expect
