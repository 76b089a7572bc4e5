"""Round-ups: a report that opens on the toll of several attacks told together and then
tells them one by one reads the first one's toll, not the sum; and a group a victim
belonged to is not who struck. Each example written for the project, failing before its
rule (the guards pass either way)."""

from __future__ import annotations

import pytest
from tests.unit.extract.examples import Example, cases

ROUNDUPS = {
    "attacks-here-and-there-then-one": Example(
        "هجمات متفرقة بدرعا تودي بحياة 5 أشخاص\n\n"
        "قتل 5 أشخاص في هجمات متفرقة في محافظة درعا أمس.\n\n"
        "وأسفر الهجوم على منزل في مدينة الصنمين عن مقتل 3 أشخاص وإصابة 4 آخرين.",
        {"killed": 3, "injured": 4},
    ),
    "two-separate-incidents-ar": Example(
        "قتل طفلان وأصيب آخرون في حادثين منفصلين بريف إدلب الشمالي اليوم.\n\n"
        "وقال المراسل إن انفجاراً داخل منزل في بلدة تفتناز أدى إلى مقتل طفل وإصابة أربعة آخرين.",
        {"killed": 1, "injured": 4, "killed_children": 1},
    ),
    "two-massacres-then-the-first": Example(
        "قُتل 12 مدنياً اليوم برصاص مسلحين في منطقتي حمص وطرطوس في مجزرتين.\n\n"
        "وقالت مصادر إن مسلحين أطلقوا النار في قرية حرف بنمرة فقتلوا 4 أشخاص وأصابوا اثنين.",
        {"killed": 4},
    ),
    "separate-incidents-en": Example(
        "Gunmen killed nine civilians in separate incidents in Daraa province on Monday.\n\n"
        "In the town of Nawa, gunmen shot dead two brothers outside their home.",
        {"killed": 2},
    ),
    # the first attack told by its dead's names; "four others" are the second attack's
    "two-attacks-the-first-named-the-second-others": Example(
        "قتل 6 أشخاص في محافظة درعا خلال الساعات الماضية، جراء هجومين منفصلين نفذهما مسلحون "
        "مجهولون.\n"
        'وحصل الهجوم الأول في حي طريق السد بدرعا، وأسفر عن مقتل الشاب ياسر فلاحة الملقب بـ"الحمش" '
        "والطفل عمر حمدان (14 عاماً).\n"
        "وبعد ساعات من الحادثة المذكورة قتل أربعة أشخاص آخرين، إثر استهدافهم بإطلاق نار مباشر "
        "في مدينة الصنمين.",
        {"killed": 2, "killed_children": 1},
    ),
    # guards: a round-up told only as a sum keeps it; the same toll told again stays
    "only-the-sum-is-told": Example(
        "قتل 5 أشخاص في هجمات متفرقة في محافظة درعا أمس.",
        {"killed": 5},
    ),
    "the-one-told-is-as-large": Example(
        "قتل 3 أشخاص في حادثين منفصلين بريف إدلب.\n\nوقتل ثلاثة مدنيين بقصف على بلدة سرمين.",
        {"killed": 3},
    ),
}

NAMED_AFTER_THE_CUE = {
    # "مقتل الشاب X والطفل Y": two named after the cue with no "كل من" are two
    "a-young-man-and-a-child-named": Example(
        "وأسفر الهجوم عن مقتل الشاب ياسر فلاحة الملقب بالحمش والطفل عمر حمدان (14 عاماً).",
        {"killed": 2, "killed_children": 1},
    ),
    # guards: one named, then another's wound; one named told again
    "one-named-then-one-wounded": Example(
        "ما أسفر عن استشهاد الشاب محمد الرويلي وإصابة الشاب محمد الناطور بجروح.",
        {"killed": 1, "injured": 1},
    ),
    "one-named-told-again": Example(
        "استشهد شاب وأصيب آخر جراء انفجار لغم في درعا البلد.\n"
        'وأفادت مصادر بأن اللغم أسفر عن استشهاد الشاب "محمد الرويلي" وإصابة الشاب "محمد الناطور".',
        {"killed": 1, "injured": 1},
    ),
}

AFFILIATION = {
    "a-soldier-in-the-regime-forces-was-the-victim": Example(
        "قتل الشاب أحمد برصاص مجهولين في مدينة الصنمين.\n\n"
        "وينحدر أحمد من قرية صور، وهو عسكري في قوات النظام.",
        {"perpetrators": ["unknown"]},
    ),
    "who-was-a-member-of": Example(
        "Unknown gunmen shot dead a man in Daraa al-Balad on Sunday. The victim, who was a "
        "member of the Syrian army's Fourth Division, was driving home.",
        {"perpetrators.first": "unknown"},
    ),
    # guard: who struck is still read
    "struck-by-regime-forces": Example(
        "قتل مدني برصاص قوات النظام على حاجز في مدينة الصنمين.",
        {"perpetrators.first": "syrian_government"},
    ),
}


@pytest.mark.parametrize("example", cases(ROUNDUPS, NAMED_AFTER_THE_CUE, AFFILIATION))
def test_roundups(example: Example) -> None:
    """The first attack of a round-up, and a victim's side told as no striker."""
    assert example.found() == example.expect
