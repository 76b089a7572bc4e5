"""Places: a village the gazetteer spells otherwise, named as where the victim came from
with its kind word after it ("a child from al-Dwair village"). Each example written for
the project, failing before its rule (the guards pass either way)."""

from __future__ import annotations

import pytest
from tests.unit.extract.examples import Example, cases

FROM_A_VILLAGE = {
    "from-a-village-spelt-otherwise": Example(
        "A 16-year-old child from al-Dwair village in the eastern suburbs of Deir Ez-Zour "
        "governorate was killed by a landmine on Monday.",
        {"place.name": "al-Dwair", "place.governorate": "Deir ez-Zor", "place.kind": "village"},
    ),
    "of-a-village-spelt-otherwise": Example(
        "A shepherd of al-Dwair village was wounded by a landmine in the Deir Ez-Zour desert.",
        {"place.name": "al-Dwair", "place.governorate": "Deir ez-Zor"},
    ),
    # guards: the place of the attack is told; "from" without a kind word names no village
    "killed-elsewhere-than-their-village": Example(
        "A man from al-Dwair village was killed in shelling on Idlib city.",
        {"place.governorate": "Idlib", "place.kind": "city"},
    ),
    "from-an-organisation": Example(
        "A spokesman from the White Helmets said three civilians were killed in Sarmin.",
        {"place.name_en": "Sarmin", "killed": 3},
    ),
}


@pytest.mark.parametrize("example", cases(FROM_A_VILLAGE))
def test_places_stop30(example: Example) -> None:
    """A village spelt otherwise, told as where someone came from."""
    assert example.found() == example.expect
