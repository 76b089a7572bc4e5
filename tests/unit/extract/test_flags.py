"""Yes-or-no facts a report tells by a phrase (extract/flags.py): munition remnants at the
site. A phrase makes the flag true; nothing said, a denial or another day's find leaves it
unknown (None), never false."""

from __future__ import annotations

import pytest
from tests.unit.extract.examples import Example, cases

REMNANTS = {
    "uxo-en": Example(
        "Two civilians were killed on Sunday when a rocket hit a house in Sarmada, Idlib. "
        "Civil defence teams later removed unexploded ordnance from the street.",
        {"munition_remnants": True},
    ),
    "unexploded-cluster-ar": Example(
        "قُتل ثلاثة مدنيين اليوم الأحد بقصف صاروخي على سرمدا. وقال الدفاع المدني إن فرقه "
        "عثرت على ذخائر عنقودية غير منفجرة في الحي المستهدف.",
        {"munition_remnants": True},
    ),
    "mutafajjira-spelling-ar": Example(
        "قتل مدنيان اليوم الأحد بقصف صاروخي على سرمدا، وعثرت الفرق على الذخائر غير المتفجرة.",
        {"munition_remnants": True},
    ),
    "did-not-explode-ar": Example(
        "وأزالت الفرق قنبلة لم تنفجر بعد القصف الذي قتل 3 مدنيين اليوم الأحد في سرمدا",
        {"munition_remnants": True},
    ),
    "failed-to-detonate-en": Example(
        "Two civilians were killed on Sunday in Sarmada. A second shell failed to detonate.",
        {"munition_remnants": True},
    ),
    "war-remnants-killed-ar": Example(
        "قتل طفلان أمس بانفجار لغم من مخلفات الحرب في بلدة الميادين.", {"munition_remnants": True}
    ),
    "nothing-said": Example(
        "قُتل ثلاثة مدنيين اليوم الأحد بقصف صاروخي لقوات النظام على بلدة سرمدا.",
        {"munition_remnants": None},
    ),
}

# Bugs caught: regressions found by an independent review, written anew for the project.
REMNANTS_CAUGHT = {
    "denied-en": Example(
        "A Russian airstrike hit a market in Sarmada on Sunday, killing four civilians. "
        "No unexploded ordnance was found at the site.",
        {"munition_remnants": None},
    ),
    "denied-ar": Example(
        "قتل أربعة مدنيين اليوم الأحد بغارة روسية على سوق سرمدا. ولم يتم العثور على ذخائر "
        "غير منفجرة في المكان.",
        {"munition_remnants": None},
    ),
    "found-on-another-day-ar": Example(
        "قتل مدنيان اليوم الأحد بقصف صاروخي على سرمدا. وفي 29 آب الماضي عثر الأهالي على ذخائر "
        "غير منفجرة في البلدة.",
        {"munition_remnants": None},
    ),
    "found-last-month-en": Example(
        "Two civilians were killed on Sunday when a rocket hit a house in Sarmada, Idlib. "
        "Last month, residents found unexploded cluster bombs in the town.",
        {"munition_remnants": None},
    ),
    "fireworks-were-duds": Example(
        "Two civilians were killed on Sunday in Sarmada. The fireworks at the wedding were duds.",
        {"munition_remnants": None},
    ),
}


@pytest.mark.parametrize("example", cases(REMNANTS, REMNANTS_CAUGHT))
def test_munition_remnants(example: Example) -> None:
    assert example.found() == example.expect
