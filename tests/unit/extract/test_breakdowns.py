"""Who the killed were: children, women and men among the toll."""

from __future__ import annotations

import pytest
from tests.unit.extract.examples import Example, cases

_FILLER = (
    "وتفقدت فرق الدفاع المدني المنازل المتضررة وأخمدت حريقاً اندلع في أحد المحال التجارية، "
    "فيما عملت الفرق على فتح الطرقات وإزالة الأنقاض من الشوارع الرئيسية في المدينة حتى "
    "ساعات الصباح الأولى. "
) * 2


# The examples the rules were developed on.
BREAKDOWNS = {
    "of-them": Example(
        "Rescuers recovered nine bodies, four of them children and two women",
        {"killed": 9, "killed_children": 4, "killed_women": 2},
    ),
    "minhum": Example(
        "قتل تسعة مدنيين، أربعة منهم أطفال، بالقصف",
        {"killed": 9, "killed_children": 4, "killed_women": None},
    ),
    "aside": Example(
        "Two civilians, a woman and a child, were killed when a shell hit their home",
        {"killed": 2, "killed_children": 1, "killed_women": 1},
    ),
}


# Bugs caught: regressions found by blind tests, reviews and real published reports
# scored once, each written anew for the project.
BREAKDOWNS_CAUGHT = {
    "dual-women-wa": Example("ارتفع عدد القتلى إلى 8 بينهم طفلان وامرأتان", {"killed_women": 2}),
    "and-her-children-group": Example(
        "The strike killed a woman and her three children", {"killed_children": 3}
    ),
    "year-old-son": Example(
        "Gunmen shot dead a farmer and his 14-year-old son near the village", {"killed_children": 1}
    ),
    "son-aged-twelve": Example(
        "قتل رجل وابنه البالغ من العمر 12 عاما بقصف على البلدة", {"killed_children": 1}
    ),
    "a-nationality-describes-the-person": Example(
        "Unknown gunmen shot dead an Iraqi woman and her daughter inside their tent.",
        {"killed_women": 1},
    ),
    "deadliest-this-year-is-no-running-total": Example(
        "Rocket fire on the market killed seven civilians including three children, in one of "
        "the deadliest attacks on the area this year.",
        {"killed_children": 3},
    ),
    "their-two-children": Example(
        "قُتل رجل وزوجته وطفلاهما بهجوم مسلح على منزلهم", {"killed_children": 2}
    ),
    "a-refugee-woman": Example("قُتلت لاجئة عراقية برصاص مسلحين في المخيم", {"killed_women": 1}),
    "a-breakdown-far-from-the-toll-is-another-count": Example(
        "قُتل ثلاثة مدنيين، بينهم طفل، بقصف مدفعي على المدينة. "
        + _FILLER
        + "وكانت هجمات سابقة قد أدت إلى مقتل 66 شخصاً بينهم 19 طفلاً و11 امرأة.",
        {"killed_children": 1},
    ),
    "the-killing-of-a-woman": Example(
        "Shelling on Azaz resulted in the killing of a citizen woman and the injury of others.",
        {"killed_women": 1},
    ),
    # people named with no number: how many is not said
    "women-and-children-unnumbered": Example(
        "قتل 8 مدنيين بقصف على داعل، وبين القتلى نساء وأطفال", {"killed_children": None}
    ),
    "unnumbered-women": Example(
        "قتل 8 مدنيين بقصف على داعل، وبين القتلى نساء وأطفال", {"killed_women": None}
    ),
    # "the victims" are the dead, as "الضحايا"; their breakdown is of the killed
    "victims-included": Example(
        "Barrel bombs on Busra al-Sham killed 20 civilians and injured more than 15 others."
        " The victims included three children and five women.",
        {"killed_women": 5},
    ),
    # the toll rises to an ordinal: "a third child later succumbed"
    "a-third-child-died": Example(
        "Two children were killed and three were injured when a landmine went off near"
        " Qasrok on Monday. A third child later succumbed to his injuries in hospital.",
        {"killed_children": 3},
    ),
    # victims named one by one after "مقتل كل من", the mother of one of them not twice
    "roll-of-names-children": Example(
        "وثقت الشبكة مقتل كلا من الطفل سامر البالغ من العمر 12 عاما و الطفل علي البالغ من العمر"
        " 10 سنوات والسيدة هدى والدة الطفل سامر من بلدة سحلب جراء قصف بطائرات مسيرة.",
        {"killed_children": 2},
    ),
}


@pytest.mark.parametrize("example", cases(BREAKDOWNS, BREAKDOWNS_CAUGHT))
def test_breakdowns(example: Example) -> None:
    """Children and women among the killed."""
    assert example.found() == example.expect
