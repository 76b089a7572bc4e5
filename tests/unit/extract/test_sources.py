"""Who told it: the sources a report cites."""

from __future__ import annotations

import pytest
from tests.unit.extract.examples import Example, cases

# The examples the rules were developed on.
SOURCES = {
    "white-helmets": Example(
        "وقال الدفاع المدني (الخوذ البيضاء) إن", {"sources": ["civil_defence"]}
    ),
    "sohr": Example(
        "according to the Syrian Observatory for Human Rights", {"sources": ["monitoring_group"]}
    ),
    # a denial is no official statement of the incident
    "denial-source": Example(
        "قتل ثلاثة مدنيين بقصف، بحسب الدفاع المدني. ونفت روسيا في بيان مسؤوليتها",
        {"sources": ["civil_defence"]},
    ),
}


@pytest.mark.parametrize("example", cases(SOURCES))
def test_sources(example: Example) -> None:
    """The sources cited."""
    assert example.found() == example.expect
