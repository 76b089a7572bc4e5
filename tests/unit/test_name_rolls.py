"""Rolls of names in a report become suggested victims, with their evidence spans; words
after the same cues that are no names are left alone. The reports are written for these
tests."""

from __future__ import annotations

import pytest

from tawthiq.extract.victims import SuggestedVictim, name_rolls

AR = (
    "قُتل ثلاثة مدنيين في قصف مدفعي على بلدة كفرنبل صباح الأحد، وهم أحمد الخالد، "
    "ابنه سامر الخالد، والطفلة ليلى الخالد (9 سنوات)."
)
AR_COLON = (
    "أصيب مدنيان بجروح في الغارة، والضحايا هم: المسعف خالد العمر، وزوجته سلمى الحسن (٣٤ عاماً)."
)
AR_EACH = (
    "قتل خمسة أشخاص، وهم كل من علي السعيد ووالده محمود السعيد والطفل يوسف السعيد "
    "(٤ سنوات)، جراء القصف."
)
EN = (
    "Three civilians were killed when a drone struck a car near the market, identified as "
    "Omar Haddad, his son Karim and his neighbour Sami Nasser."
)
EN_AGES = "The dead were: Mariam Saleh, 62, her daughter Huda and the baby Adam Saleh (1)."


def _check_spans(text: str, found: list[SuggestedVictim]) -> None:
    for v in found:
        assert text[v.span[0] : v.span[1]] == v.name
        assert v.item[0] <= v.span[0] <= v.span[1] <= v.item[1]


def test_an_arabic_roll_gives_names_relations_and_a_childs_age() -> None:
    found = name_rolls(AR)
    _check_spans(AR, found)
    assert [v.name for v in found] == ["أحمد الخالد", "سامر الخالد", "ليلى الخالد"]
    ahmad, samer, layla = found
    assert ahmad.relation is None and ahmad.status == "killed"
    assert (samer.relation, samer.relation_en, samer.sex, samer.relative_of) == (
        "ابنه", "his son", "m", 0,
    )  # fmt: skip
    assert (layla.sex, layla.age_group, layla.age) == ("f", "child", 9)
    assert AR[layla.item[0] : layla.item[1]] == "والطفلة ليلى الخالد (9 سنوات)"
    assert layla.values() == {"name_ar": "ليلى الخالد", "sex": "f", "age_group": "child",
                              "age": 9, "status": "killed"}  # fmt: skip


def test_a_roll_after_the_victims_are_with_a_colon_an_occupation_and_arabic_digits() -> None:
    found = name_rolls(AR_COLON)
    _check_spans(AR_COLON, found)
    assert [v.name for v in found] == ["خالد العمر", "سلمى الحسن"]
    khaled, salma = found
    assert (khaled.occupation, khaled.sex, khaled.status) == ("medic", "m", "injured")
    assert (salma.relation_en, salma.sex, salma.age, salma.age_group) == (
        "his wife", "f", 34, "adult",
    )  # fmt: skip


def test_a_roll_after_each_of_joined_by_and_ends_where_the_cause_is_told() -> None:
    found = name_rolls(AR_EACH)
    _check_spans(AR_EACH, found)
    assert [v.name for v in found] == ["علي السعيد", "محمود السعيد", "يوسف السعيد"]
    assert found[1].relation == "والده" and found[1].relative_of == 0
    assert (found[2].sex, found[2].age) == ("m", 4)


def test_an_english_roll_identified_as() -> None:
    found = name_rolls(EN)
    _check_spans(EN, found)
    assert [v.name for v in found] == ["Omar Haddad", "Karim", "Sami Nasser"]
    omar, karim, sami = found
    assert omar.status == "killed"
    assert (karim.relation, karim.sex, karim.relative_of) == ("his son", "m", 0)
    assert (sami.relation, sami.relative_of) == ("his neighbour", 0)
    assert karim.values()["name_en"] == "Karim"


def test_english_ages_after_a_comma_or_in_brackets() -> None:
    found = name_rolls(EN_AGES)
    _check_spans(EN_AGES, found)
    assert [(v.name, v.age, v.age_group) for v in found] == [
        ("Mariam Saleh", 62, "adult"),
        ("Huda", None, None),
        ("Adam Saleh", 1, "child"),
    ]
    assert found[1].sex == "f" and found[1].relation == "her daughter"


@pytest.mark.parametrize(
    "text",
    [
        "وصل عناصر الدفاع المدني إلى المكان وهم يحاولون إنقاذ العالقين تحت الأنقاض.",
        "وهم يقيمون في المخيم منذ عامين.",
        "نزح الأهالي من القرية وهم في حالة خوف شديد.",
        "The building was identified as a military target by the army.",
        "The dead were taken to the hospital in the town.",
        "Two men were named as suspects, the police said.",
    ],
)
def test_words_after_a_cue_that_are_no_names_are_not_taken(text: str) -> None:
    assert name_rolls(text) == []


def test_a_report_without_a_roll_gives_none() -> None:
    assert name_rolls("قتل 3 مدنيين في قصف على إدلب") == []
    assert name_rolls("") == []


def test_names_joined_by_and_without_a_comma_are_two_people_a_name_holding_walid_one() -> None:
    text = "قتل مدنيان، وهم أحمد الخالد وسامر الخالد، جراء القصف."
    assert [v.name for v in name_rolls(text)] == ["أحمد الخالد", "سامر الخالد"]
    text = "قتل مدني، وهم أحمد وليد الخالد."
    assert [v.name for v in name_rolls(text)] == ["أحمد وليد الخالد"]


def test_a_cue_inside_a_longer_word_is_no_cue() -> None:
    assert name_rolls("نشرت صفحات وهمية أسماء مثل أحمد الخالد.") == []


def test_a_relation_after_and_keeps_its_own_waw() -> None:
    found = name_rolls("قتل مدنيان، وهم سمير الحسن، ووالدته هدى العلي.")
    assert [(v.name, v.relation, v.relation_en, v.sex) for v in found] == [
        ("سمير الحسن", None, None, None),
        ("هدى العلي", "والدته", "his mother", "f"),
    ]


def test_where_a_victim_lived_is_kept_apart_from_the_name() -> None:
    text = "قتل مدنيان، وهم خالد الحمود من أهالي بلدة سرمين، والطفل زيد الحمود (6 سنوات)."
    found = name_rolls(text)
    _check_spans(text, found)
    assert [(v.name, v.residence, v.age) for v in found] == [
        ("خالد الحمود", "سرمين", None),
        ("زيد الحمود", None, 6),
    ]
    text = (
        "Two men were killed, identified as Omar Haddad of Sarmin, 34, and Fadi Aswad from Binnish."
    )
    found = name_rolls(text)
    _check_spans(text, found)
    assert [(v.name, v.residence, v.age) for v in found] == [
        ("Omar Haddad", "Sarmin", 34),
        ("Fadi Aswad", "Binnish", None),
    ]
    assert found[0].values()["residence"] == "Sarmin"
