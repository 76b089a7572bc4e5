"""What was hit: the target of the incident."""

from __future__ import annotations

import pytest
from tests.unit.extract.examples import Example, cases

# The examples the rules were developed on.
TARGETS = {
    "camp": Example("سقطت القذائف على مخيم للنازحين", {"target": "idp_camp"}),
    "hospital": Example("An airstrike hit the hospital", {"target": "medical"}),
}


# Bugs caught: regressions found by blind tests, reviews and real published reports
# scored once, each written anew for the project.
TARGETS_CAUGHT = {
    # the car of a car bomb is the weapon, not what it hit
    "car-bomb-near-a-mosque": Example(
        "Car bombing kills 14 in Azaz\nA suicide car bomb exploded near a mosque in Azaz on"
        " Sunday, killing 14 people.",
        {"target": "place_of_worship", "weapons": ["vehicle_bomb"]},
    ),
    "car-bomb-near-a-mosque-ar": Example(
        "انفجرت سيارة مفخخة قرب مسجد في مدينة اعزاز ما أدى لمقتل 14 شخصاً.",
        {"target": "place_of_worship"},
    ),
    # does not spoil: a car that was hit
    "a-car-hit-by-a-drone": Example(
        "A drone targeted a car on the road near Qamishli, killing two.", {"target": "vehicle"}
    ),
    "market-accusative": Example("استهدفت الطائرات سوقاً شعبياً في البلدة", {"target": "market"}),
    "car-bomb-not-target": Example("انفجرت سيارة مفخخة في سوق المدينة", {"target": "market"}),
    "hospital-not-target": Example(
        "Shelling hit homes; the wounded were taken to a field hospital", {"target": "residential"}
    ),
    "residential-building": Example("استهدفت غارة مبنى سكني في المدينة", {"target": "residential"}),
    "tanween-on-short-word": Example(
        "استهدفت القذائف حياً سكنياً في البلدة", {"target": "residential"}
    ),
    "the-hospital-where-one-died-was-not-hit": Example(
        "Shelling hit homes in the village, killing three people, one of whom died in hospital.",
        {"target": "residential"},
    ),
    "the-bridge-in-a-town-name-was-not-hit": Example(
        "قتل مدنيان بقصف على منازل في مدينة جسر الشغور", {"target": "residential"}
    ),
    "possessive-target": Example(
        "قتل 4 مدنيين بانفجار عبوة ناسفة لدى مرور سيارتهم قرب بلدة الميادين", {"target": "vehicle"}
    ),
    "water-wells": Example(
        "قتل 21 مدنيا بغارة استهدفت تجمعا للمدنيين حول بئري ماء في شارع القطار بمدينة الرقة",
        {"target": "infrastructure"},
    ),
    "taken-to-a-field-hospital": Example(
        "أصيب 4 أطفال بانفجار لغم في قرية حطلة، وتم نقل الأطفال على وجه السرعة إلى مستشفى"
        " ميداني في المنطقة",
        {"target": None},
    ),
    "military-bus": Example(
        "قتل 13 شخصا في تفجير بعبوتين ناسفتين استهدف حافلة عسكرية عند جسر الرئيس في دمشق",
        {"target": "military"},
    ),
    "shelling-reached-the-hospital": Example(
        "قتل 3 مدنيين بقصف مدفعي على بلدة سرمين، وامتد القصف إلى المشفى الوحيد في البلدة.",
        {"target": "medical"},
    ),
    # more words for a vehicle hit (a pick-up, a minibus): it gave no target
    "a-pick-up-en": Example(
        "A landmine went off in a pick-up carrying farmers near al-Zara village on Sunday,"
        " injuring seven.",
        {"target": "vehicle"},
    ),
    "a-pick-up-ar": Example(
        "انفجر لغم بسيارة بيك آب تقل مزارعين قرب قرية الزارة اليوم، ما أدى لإصابة سبعة.",
        {"target": "vehicle"},
    ),
    "a-minibus-en": Example(
        "A drone struck a minibus near Qamishli on Sunday, killing two.", {"target": "vehicle"}
    ),
}


@pytest.mark.parametrize("example", cases(TARGETS, TARGETS_CAUGHT))
def test_targets(example: Example) -> None:
    """The target hit, not where the wounded were taken."""
    assert example.found() == example.expect
