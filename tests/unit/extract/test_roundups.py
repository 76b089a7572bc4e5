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


@pytest.mark.parametrize("example", cases(ROUNDUPS, AFFILIATION))
def test_roundups(example: Example) -> None:
    """The first attack of a round-up, and a victim's side told as no striker."""
    assert example.found() == example.expect
