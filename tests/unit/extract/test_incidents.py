"""Several incidents in one report: each told apart, none made of a mere mention."""

from __future__ import annotations

from datetime import date

import pytest
from tests.unit.extract.examples import SUNDAY, Example, cases

from tawthiq.extract import extract


def test_incidents_in_other_governorates_are_reported_apart() -> None:
    text = (
        "قتل تسعة مدنيين بينهم ثلاثة أطفال بقصف صاروخي على مخيم مرام قرب كفر جالس في إدلب اليوم.\n"
        "وارتفع عدد القتلى إلى تسعة بحسب الدفاع المدني.\n"
        "وفي ريف حلب، قُتل شخصان وأصيب خمسة آخرون بقصف مدفعي على بلدة الأتارب.\n"
    )
    result = extract(text, ref_date=SUNDAY)
    assert len(result.incidents) == 2
    first, second = result.incidents
    assert (first["killed"].value, first["injured"].value) == (9, None)
    assert first["place"].value["governorate"] == "Idlib"
    assert (second["killed"].value, second["injured"].value) == (2, 5)
    assert second["place"].value["governorate"] == "Aleppo"
    assert second["date"].value == "2022-11-06"  # told in the same report, same day
    for inc in result.incidents:  # every span of the second incident is in its paragraph
        for s, e in inc["killed"].spans:
            assert text[s:e] in ("تسعة مدنيين", "تسعة", "شخصان")


def test_html_paragraphs_stay_apart() -> None:
    text = (
        "<p>قتل 3 مدنيين بقصف على سرمدا في ريف إدلب اليوم.</p>"
        "<p>وفي ريف حلب، قتل شخصان وأصيب 4 بقصف على مدينة الباب.</p>"
    )
    first = extract(text, ref_date=SUNDAY).incidents[0]
    assert (first["killed"].value, first["injured"].value) == (3, None)
    assert first["place"].value["governorate"] == "Idlib"


def test_each_line_of_a_daily_tally_is_an_incident() -> None:
    text = (
        "وثق المرصد مقتل 6 مدنيين في مناطق سورية متفرقة:\n"
        "- 4 مدنيين، بينهم طفل، قتلوا بقصف مدفعي على بلدة كفرنبل في ريف إدلب\n"
        "- 2 قتلا بانفجار لغم في بادية السلمية بريف حماة\n"
    )
    first, second = extract(text, ref_date=SUNDAY).incidents
    assert (first["killed"].value, first["killed_children"].value) == (4, 1)
    assert first["place"].value["governorate"] == "Idlib"
    assert second["killed"].value == 2 and second["place"].value["governorate"] == "Hama"


def test_another_attack_in_the_same_governorate_is_an_incident_of_its_own() -> None:
    head = "قتل ثلاثة مدنيين بقصف صاروخي على مخيم مرام في ريف إدلب اليوم.\n"
    other = "وقال شهود إن طائرات روسية قصفت أطراف مدينة أريحا دون ورود أنباء عن إصابات.\n"
    first, second = extract(head + other, ref_date=SUNDAY).incidents
    assert first["killed"].value == 3 and first["place"].value["kind"] == "camp"
    assert second["place"].value["name_en"] == "Ariha"
    assert second["perpetrators"].value == ["russia"]
    # the same attack told on, with no place of its own, stays with the headline incident
    more = "وكانت القذائف سقطت صباح اليوم على خيام النازحين.\n"
    assert len(extract(head + more, ref_date=SUNDAY).incidents) == 1


def test_where_the_wounded_were_taken_is_no_other_incident() -> None:
    text = (
        "قُتل رجل وزوجته بهجوم مسلح على منزل في بلدة ذيبان بريف دير الزور الشرقي مساء السبت.\n\n"
        "وقالت مصادر محلية إن مسلحين اقتحما المنزل وأطلقا النار من بنادق آلية، ونُقلت طفلة "
        "مصابة إلى مشفى في بلدة الشحيل."
    )
    incidents = extract(text, ref_date=SUNDAY).incidents
    assert len(incidents) == 1
    assert "small_arms" in incidents[0]["weapons"].value


def test_where_the_warplanes_took_off_is_no_other_incident() -> None:
    text = (
        "قُتل سبعة مدنيين بغارات روسية فجر اليوم الأحد على قرية الحمامة بريف جسر الشغور.\n\n"
        "وقال مراسلنا إن طائرة حربية روسية أقلعت من قاعدة حميميم ونفذت ثلاث غارات على منازل "
        "المدنيين، ما أسفر في حصيلة أولية عن مقتل ستة مدنيين."
    )
    incidents = extract(text, ref_date=SUNDAY).incidents
    assert len(incidents) == 1
    assert incidents[0]["target"].value == "residential"


# A further incident is an event of its own: its own place and attack or harm, told as
# happening on the report's day or on a day it names; never a general statement or history.
HEAD = (
    "قتل تسعة مدنيين بينهم ثلاثة أطفال بقصف صاروخي على مخيم مرام قرب كفر جالس في إدلب اليوم.\n"
    "وارتفع عدد القتلى إلى تسعة بحسب الدفاع المدني.\n"
)


@pytest.mark.parametrize(
    ("paragraph", "why"),
    [
        ("وتواصل قوات النظام قصفها لقرى ريف حلب الغربي ومنها الأتارب وكفر نوران.\n", "general"),
        ("وتتعرض بلدة الأتارب في ريف حلب لقصف متقطع من مواقع قوات النظام.\n", "general"),
        ("Regime forces continue to shell the town of Atarib in western Aleppo.\n", "general"),
        ("وكانت قوات النظام قد قصفت بلدة الأتارب بريف حلب الغربي بالصواريخ.\n", "recap"),
        ("وفي عام 2019 قصفت طائرات روسية مدينة معرة النعمان في ريف إدلب الجنوبي.\n", "history"),
        ("وفي عام 2019 قصفت طائرات روسية بلدة الأتارب في ريف حلب الغربي.\n", "history"),
    ],
    ids=["continues-ar", "sporadic-ar", "continues-en", "recap-ar", "history-home", "history-away"],
)
def test_background_with_a_place_is_no_incident_and_says_why(paragraph: str, why: str) -> None:
    result = extract(HEAD + paragraph, ref_date=SUNDAY)
    assert result.incidents[0]["place"].value["kind"] == "camp"
    assert len(result.incidents) == 1
    assert [a.why for a in result.set_aside] == [why]
    (aside,) = result.set_aside
    start, end = aside.sentence.spans[0]
    assert (HEAD + paragraph)[start:end] == paragraph.strip()


def test_a_recap_that_names_its_day_is_an_incident_of_its_own() -> None:
    other = "وكانت بلدة الأتارب في ريف حلب الغربي شهدت أمس السبت قصفاً صاروخياً أوقع قتيلين.\n"
    headline, second = extract(HEAD + other, ref_date=SUNDAY).incidents
    assert headline["killed"].value == 9
    assert second["place"].value["governorate"] == "Aleppo"
    assert second["date"].value == "2022-11-05" and second.why == "other_governorate"


def test_a_dateline_before_the_lead_leaves_the_lead_to_the_headline() -> None:
    text = (
        "درعا – مراسل محلي\n\n"
        "كثفت قوات النظام قصفها المدفعي أمس الأحد على مناطق في محافظة درعا، متسببة بمقتل "
        "عدد من المدنيين.\n\n"
        "وقصفت قوات النظام بالصواريخ بلدة جلين غرب درعا، ما أدى إلى مقتل ثلاثة مدنيين.\n"
    )
    result = extract(text, ref_date=SUNDAY)
    assert len(result.incidents) == 1
    assert result.incidents[0]["killed"].value == 3


def test_every_incident_comes_with_the_sentence_it_rests_on() -> None:
    text = HEAD + "وفي ريف حلب، قصفت طائرات روسية بلدة الأتارب دون ورود أنباء عن إصابات.\n"
    result = extract(text, ref_date=SUNDAY)
    first, second = result.incidents
    assert (first.why, second.why) == ("headline", "other_governorate")
    lines = text.splitlines()
    for found, line in zip(result.incidents, (lines[0], lines[2]), strict=True):
        (start, end), words = found.sentence.spans[0], found.sentence.value
        assert text[start:end] == words == line
    data = result.to_dict()["incidents"]
    assert [d["sentence"]["value"] for d in data] == [lines[0], lines[2]]


def test_another_town_further_on_is_another_incident() -> None:
    text = (
        HEAD + "وفي ريف حلب الغربي، قصفت طائرات روسية بلدة الأتارب دون ورود أنباء عن إصابات.\n"
        "وقصفت قوات النظام بالمدفعية الثقيلة قرية كفر نوران في ريف حلب الغربي.\n"
        "وقال ناشطون إن القذائف سقطت على أطراف القرية.\n"
    )
    _headline, atarib, kafr_nouran = extract(text, ref_date=SUNDAY).incidents
    assert atarib["perpetrators"].value == ["russia"]
    assert kafr_nouran["perpetrators"].value == ["syrian_government"]
    assert kafr_nouran.sentence.value.startswith("وقصفت قوات النظام")


def test_the_headline_takes_no_actor_from_a_general_statement() -> None:
    head = "قتل تسعة مدنيين بقصف صاروخي على مخيم مرام قرب كفر جالس في إدلب اليوم.\n"
    general = (
        "وتواصل الطائرات الروسية قصف قرى جبل الزاوية في ريف إدلب الجنوبي مثل كنصفرة والبارة.\n"
    )
    result = extract(head + general, ref_date=SUNDAY)
    assert [a.why for a in result.set_aside] == ["general"]
    assert result.incidents[0]["perpetrators"].value == ["unknown"]


def test_a_further_incident_far_down_a_long_report_points_into_the_report() -> None:
    """Each part is read in a window of the report around it: what it finds is the same as
    near the top, and every span still points at the report's own words."""
    head = "قتل تسعة مدنيين بقصف صاروخي على مخيم مرام قرب كفر جالس في إدلب اليوم.\n"
    other = "وفي ريف حلب، قُتل شخصان وأصيب خمسة آخرون بقصف مدفعي على بلدة الأتارب.\n"
    filler = "وأضاف المصدر أن الأهالي تجمعوا أمام المبنى بعد ساعات من الحادثة.\n" * 40
    near = extract(head + other, ref_date=SUNDAY).incidents[1]
    text = head + filler + other + filler
    far = extract(text, ref_date=SUNDAY).incidents[1]
    shift = len(filler)
    for name, field in near.fields.items():
        assert far[name].value == field.value, name
        assert far[name].spans == tuple((s + shift, e + shift) for s, e in field.spans), name
    assert [text[s:e] for s, e in far["killed"].spans] == ["شخصان"]


# Two attacks told together: the headline's toll is its own attack's, never the sum of both
# nor the other one's; one attack's toll told in pieces is added up.
SEVERAL_TOLLS = {
    "two-towns-in-one-sentence": Example(
        "Three children were killed in Ariha and two women in Binnish when shells hit their"
        " homes on Sunday.",
        {"killed": 3, "killed_children": 3, "killed_women": 0},
    ),
    "two-attacks-in-two-clauses": Example(
        "A child was killed in shelling on Ariha on Sunday, and two women were killed in a"
        " drone strike on Binnish.",
        {"killed": 1, "killed_children": 1},
    ),
    "two-attacks-ar": Example(
        "قُتل طفل بقصف مدفعي على أريحا، وامرأتان بغارة مسيرة على بنش.",
        {"killed": 1, "killed_children": 1, "killed_women": 0},
    ),
    "the-other-attack-toll-is-not-the-headline": Example(
        "قصفت قوات النظام مدينة أريحا اليوم الأحد ما أدى لمقتل طفلين وإصابة خمسة مدنيين، كما"
        " قتل سبعة أشخاص وأصيب 12 آخرون بغارات روسية على بنش.",
        {"killed": 2, "injured": 5, "place.name_en": "Ariha"},
    ),
    "next-sentence-other-town": Example(
        "Russian strikes killed two children in Ariha. Regime shelling killed three women in"
        " Binnish.",
        {"killed": 2, "killed_children": 2},
    ),
    "a-title-then-an-earlier-attack": Example(
        "Drone strike kills two in Sarmada\nA day after shelling on Ariha killed five civilians,"
        " a Turkish drone struck a car near Sarmada on Sunday, killing two people.",
        {"killed": 2, "place.name_en": "Sarmada"},
    ),
    # one attack's toll told in pieces is one toll
    "pieces-of-one-toll": Example(
        "Two air strikes hit the vegetable market in Ariha on Sunday: 3 people were killed in"
        " the first strike and 2 in the second.",
        {"killed": 5},
    ),
    "pieces-of-one-toll-ar": Example(
        "قُتل 3 مدنيين في الغارة الأولى و2 في الثانية على سوق الخضار في أريحا.",
        {"killed": 5},
    ),
    "pieces-of-one-toll-far-apart": Example(
        "Russian air strikes killed 3 civilians in the first raid on the market and 4 in the"
        " second raid on the same market in Saraqib.",
        {"killed": 7},
    ),
    # does not spoil: one attack in one town, its people told together
    "one-town-its-people-together": Example(
        "Shelling on Ariha killed two children and three women on Sunday.",
        {"killed": 5, "killed_children": 2, "killed_women": 3},
    ),
    "one-town-named-after-and-before": Example(
        "قصفت قوات النظام مدينة أريحا ما أدى لمقتل طفل وامرأتين في المدينة.",
        {"killed": 3, "killed_children": 1, "killed_women": 2},
    ),
    "a-breakdown-from-another-town-is-this-toll": Example(
        "Regime shelling on Sarmin killed 6 civilians, among them 2 children from Saraqib who"
        " had fled there.",
        {"killed": 6, "killed_children": 2},
    ),
    "a-breakdown-from-another-town-ar": Example(
        "قُتل 6 مدنيين بقصف على سرمين، بينهم طفلان نازحان من سراقب.",
        {"killed": 6, "killed_children": 2},
    ),
    "another-incident-is-no-one": Example(
        "قُتل أربعة مدنيين بقصف مدفعي على مدينة أريحا اليوم الأحد. وفي حادثة أخرى، قُتل ثلاثة"
        " أشخاص بغارة مسيرة على سيارة قرب سرمدا.",
        {"killed": 4},
    ),
}


@pytest.mark.parametrize("example", cases(SEVERAL_TOLLS))
def test_the_headline_has_its_own_attack_toll(example: Example) -> None:
    assert example.found() == example.expect


@pytest.mark.parametrize(
    "text",
    [
        "Syrian government shelling on the town of Ariha killed four civilians on Sunday. In a"
        " separate attack, a drone strike on a car near Sarmada killed three people.",
        "قُتل أربعة مدنيين بقصف مدفعي لقوات النظام على مدينة أريحا اليوم الأحد. وفي هجوم آخر،"
        " قُتل ثلاثة أشخاص بغارة مسيرة على سيارة قرب سرمدا.",
        "قُتل أربعة مدنيين بقصف مدفعي لقوات النظام على مدينة أريحا اليوم الأحد. وفي حادثة أخرى،"
        " قُتل ثلاثة أشخاص بغارة مسيرة على سيارة قرب سرمدا.",
    ],
)
def test_a_separate_attack_is_told_apart_with_its_own_toll(text: str) -> None:
    """ "In a separate attack", "وفي هجوم آخر": each attack keeps its own toll."""
    tolls = [(i["killed"].value, i["place"].value["name_en"]) for i in extract(text).incidents]
    assert tolls == [(4, "Ariha"), (3, "Sarmada")]


def test_a_title_and_the_lead_under_it_tell_one_incident() -> None:
    """A headline with no full stop, then the paragraph that tells it: one incident, with
    the lead's day, its toll and its village (victims displaced from another governorate
    do not make it another incident)."""
    text = (
        "وفاة طفلين بانفجار جسم من مخلفات الحرب في ريف درعا\n\n"
        "توفي طفلان من مهجري محافظة السويداء بانفجار جسم من مخلفات الحرب في ريف محافظة درعا"
        " الشرقي، اليوم السبت 27 أيلول.\n\n"
        "وقال الدفاع المدني إن الحادثة وقعت خلال رعي الطفلين الأغنام على أطراف بلدة الحراك."
    )
    found = extract(text, ref_date=date(2025, 9, 27))
    first = found.incidents[0]
    assert (len(found.incidents), first["date"].value, first["killed"].value) == (
        1, "2025-09-27", 2,
    )  # fmt: skip
    assert first["place"].value["governorate"] == "Daraa"
