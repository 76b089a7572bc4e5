"""Who the one dead was (a husband, a father, one told of as "he", one grown by their work),
and who a breakdown lists: each example written for the project, failing before the rule."""

from __future__ import annotations

import pytest
from tests.unit.extract.examples import Example, cases

LONE_DEAD = {
    # a husband or a father is a grown man: no woman and no child among the dead
    "his-wife-and-children-wounded-ar": Example(
        "قُتل مدني وأصيبت زوجته وأطفاله الثلاثة بقصف مدفعي استهدف منزلهم في بلدة كفرنوران.",
        {"killed": 1, "killed_children": 0, "killed_women": 0},
    ),
    "his-wife-wounded-en": Example(
        "A civilian was killed and his wife injured when a shell hit their house in Sarmin.",
        {"killed": 1, "killed_children": 0, "killed_women": 0},
    ),
    "told-again-after-the-speaker": Example(
        "قتل مدني وأصيب آخرون بقصف على بلدة الأتارب.\n\n"
        "وقال الدفاع المدني في بيان إن مدنياً قتل وأصيبت زوجته وطفلاه جراء القصف.",
        {"killed": 1, "killed_children": 0, "killed_women": 0},
    ),
    # the one dead told three times (title, lead, body) is still one man
    "one-civilian-told-three-times": Example(
        "استشهاد مدني بقصف على أحياء مدينة حلب\n\n"
        "استُشهد مواطن وأصيب خمسة آخرون، بينهم امرأتان، جراء قصف صاروخي على أحياء المدينة.\n\n"
        "وذكر الدفاع المدني أن القصف أدى إلى استشهاد مدني وإصابة آخرين.",
        {"killed": 1, "killed_women": 0},
    ),
    # "he": no woman, but a boy is told so too
    "lost-his-life-next-sentence": Example(
        "A civilian was killed in the blast at the market in Azaz on Monday.\n"
        "The victim lost his life before reaching hospital.",
        {"killed": 1, "killed_children": None, "killed_women": 0},
    ),
    "laqiya-hatfahu": Example(
        "قُتل شخص بانفجار لغم أرضي في بلدة الهبيط، ولقي حتفه على الفور.",
        {"killed": 1, "killed_children": None, "killed_women": 0},
    ),
    # one grown by their work: no child; in the Arabic masculine no woman either
    "a-driver-ar": Example(
        "قُتل سائق برصاص مسلحين مجهولين على طريق بلدة ناحتة.",
        {"killed": 1, "killed_children": 0, "killed_women": 0},
    ),
    "a-taxi-driver-shot-and-killed": Example(
        "A taxi driver was shot and killed by unidentified gunmen near the town of Nawa.",
        {"killed": 1, "killed_children": 0, "killed_women": None},
    ),
    "an-engineer-ar": Example(
        "قُتل مهندس بانفجار عبوة ناسفة زرعت في سيارته في مدينة الباب.",
        {"killed": 1, "killed_children": 0, "killed_women": 0},
    ),
    "a-shepherd-may-be-a-boy": Example(
        "قُتل راعي أغنام بانفجار لغم من مخلفات الحرب في بادية البوكمال.",
        {"killed": 1, "killed_children": None, "killed_women": 0},
    ),
    # who is settled stays unsettled when "his" may be another's
    "his-after-another-person": Example(
        "قتل مدني وأصيب آخر وزوجته بقصف على بلدة سرمين.",
        {"killed": 1, "killed_children": None, "killed_women": 0},
    ),
    "his-after-a-speaker": Example(
        "A civilian was killed in the shelling of the village, the commander said, adding "
        "that his wife had fled.",
        {"killed": 1, "killed_children": None, "killed_women": None},
    ),
    "a-girl-and-her-father": Example(
        "قُتلت طفلة بانفجار لغم في بلدة دوما، وأصيب والدها وشقيقه.",
        {"killed": 1, "killed_children": 1, "killed_women": 0},
    ),
    # "شخص وطفله": the one before "his" child is a father
    "a-person-and-his-child": Example(
        "قُتل شخص وطفله جراء انفجار عبوة ناسفة بسيارتهما في مدينة جاسم.",
        {"killed": 2, "killed_children": 1, "killed_women": 0},
    ),
    "a-person-and-his-wife": Example(
        "قُتل شخص وزوجته بقصف مدفعي على قرية البارة.",
        {"killed": 2, "killed_children": 0, "killed_women": 1},
    ),
}

LISTS = {
    # a breakdown goes on past people of no number ("health workers") to the children
    "including-a-list-with-no-number": Example(
        "Shelling hit the hospital, killing at least 13 people, including one physician, "
        "other health workers, and 2 children.",
        {"killed": 13, "killed_children": 2},
    ),
    # "one family" counts no one
    "one-family-is-no-toll": Example(
        "ضحايا من عائلة واحدة بقصف مدفعي على غرب حلب\nوأصيب آخرون بجروح في القصف.",
        {"killed": None, "injured": None},
    ),
    "four-of-one-family": Example(
        "قُتل أربعة مدنيين من عائلة واحدة بقصف على بلدة الأتارب.", {"killed": 4}
    ),
}

NAMED = {
    # the roll is told in the sentence of the child, not of the toll
    "names-in-the-childs-sentence": Example(
        "قتل 3 مدنيين برصاص مسلحين في بلدة الشحيل. وأسفر إطلاق النار عن مقتل طفل يدعى "
        "“محمود” و“خالد العلي” و“عمر الحسن”، وإصابة آخرين.",
        {"killed": 3, "killed_children": 1, "killed_women": 0},
    ),
    # a name opened with ” as well as “
    "a-name-opened-with-a-closing-quote": Example(
        "قتل ثلاثة مدنيين هم الشاب ”يوسف الأحمد” و”مظلوم الخلف” و”حسن العمر” بقصف على قرية كفرنبل.",
        {"killed": 3, "killed_women": 0},
    ),
    # a man's name opening the sentence, then who he was
    "a-name-then-his-work": Example(
        "Yahya al-Hariri, a taxi driver, was shot and killed by unidentified gunmen in the "
        "town of Nawa on Monday.",
        {"killed": 1, "killed_children": 0, "killed_women": 0},
    ),
    "a-womans-name-then-her-work": Example(
        "Fatima al-Ali, a teacher, was killed when a shell struck her home in Nawa.",
        {"killed": 1, "killed_children": 0, "killed_women": None},
    ),
    "a-womans-name-settles-nothing": Example(
        "قتل مدنيان هما “أحمد العلي” و”فاطمة العلي” بقصف على قرية كفرنبل.",
        {"killed": 2, "killed_women": None},
    ),
}

AGES = {
    # a number set apart after a name is the age of one named, not a toll
    "a-name-and-an-age": Example(
        "Ahmad al-Hamad, 45, was killed by sniper fire in Daraa al-Balad on Sunday.",
        {"killed": 1},
    ),
    "a-name-and-an-age-in-brackets": Example(
        "Mohammed al-Ali (12) was killed when a shell struck his school in Ariha.",
        {"killed": 1, "killed_children": 1, "killed_women": 0},
    ),
    "a-place-then-a-toll-is-no-age": Example(
        "In Idlib, 45 people were killed in airstrikes on Monday.", {"killed": 45}
    ),
}

MET_DEATH = {
    # "لقي" with the one who died between it and "مصرعه" / "حتفه"
    "laqiya-a-child-masraahu": Example(
        "لقي طفل مصرعه وأصيب اثنان آخران بانفجار قنبلة من مخلفات الحرب في بلدة سرمين.",
        {"killed": 1, "injured": 2, "killed_children": 1},
    ),
    "laqiya-far-from-masraahu": Example(
        "لقي طفل صغير لم يتجاوز الثالثة من عمره مصرعه برصاص عناصر مسلحة في مدينة عفرين.",
        {"killed": 1, "killed_children": 1},
    ),
    "laqiyat-a-woman-hatfaha": Example(
        "لقيت امرأة حتفها بقصف مدفعي على بلدة كفرنبل.",
        {"killed": 1, "killed_women": 1, "killed_children": 0},
    ),
    "a-child-then-yalqa": Example(
        "طفل يلقى حتفه بانفجار لغم في بلدة تلمنس", {"killed": 1, "killed_children": 1}
    ),
    # "أودى … بحياة": with the cause between, or in the present
    "awda-the-blast-bihayat": Example(
        "أودى الانفجار بحياة طفلين في مدينة الباب بريف حلب الشرقي.",
        {"killed": 2, "killed_children": 2},
    ),
    "yudi-bihayat-a-young-man": Example(
        "انفجار عبوة ناسفة يودي بحياة شاب في مدينة الباب",
        {"killed": 1, "killed_children": 0, "killed_women": 0},
    ),
    "a-quiet-life-is-no-death": Example(
        "يتمتع الأهالي بحياة هادئة في مدينة الباب، وأصيب طفل بقصف مدفعي على أطرافها.",
        {"killed": None, "injured": 1},
    ),
    "laqiya-a-welcome-is-no-death": Example(
        "لقي الوفد ترحيباً من أهالي بلدة تلمنس، وأصيب طفل بقصف مدفعي على البلدة.",
        {"killed": None, "injured": 1},
    ),
}

COUNTS = {
    # the word for two after its noun, then the verb
    "two-civilians-with-the-number-after": Example(
        "وقال الدفاع المدني إن مدنيين اثنين قتلا وأصيب آخر جراء قذيفة مدفعية على بلدة الأتارب.",
        {"killed": 2, "injured": 1},
    ),
    "a-dual-with-the-number-after-then-a-woman": Example(
        "قتل طفلين اثنين وامرأة بقصف مدفعي على بلدة الأتارب.",
        {"killed": 3, "killed_children": 2, "killed_women": 1},
    ),
    # "ابنيه" (his two sons) takes no article: "والأبنية السكنية" are buildings
    "the-buildings-are-no-two-sons": Example(
        "انتشلت فرق الدفاع المدني عشرة شهداء مدنيين، والدمار كبير في المشفى والأبنية السكنية "
        "المحيطة به، ولا يزال هناك العديد من الجرحى.",
        {"killed": 10, "injured": None},
    ),
    "two-of-them-is-no-number-after": Example(
        "ما أدى إلى مقتل 4 مدنيين، اثنان منهم إخوة، وإصابة آخرين.", {"killed": 4}
    ),
    # "قتلوا وأصيب آخر": each verb has its own people, not one count of both
    "killed-then-another-wounded": Example(
        "وأكد ناشطون أن ثلاثة مدنيين قتلوا وأصيب آخر بقصف مدفعي على بلدة الأتارب.",
        {"killed": 3, "injured": 1},
    ),
    "killed-and-wounded-together-is-one-count": Example(
        "قتل وأصيب خمسة مدنيين بقصف مدفعي على بلدة الأتارب.", {"killed": None}
    ),
}

GROWN = {
    # a toll told only as people of a grown person's work settles no child
    "paramedics-and-a-driver": Example(
        "Two paramedics and one driver were killed today as their ambulance was struck by an "
        "airstrike near Kafr Zeta.",
        {"killed": 3, "killed_children": 0, "killed_women": None},
    ),
    "three-paramedics-ar": Example(
        "قُتل ثلاثة مسعفين بغارة جوية استهدفت سيارة إسعاف قرب كفرزيتا.",
        {"killed": 3, "killed_children": 0},
    ),
    "a-child-among-them-settles-nothing": Example(
        "Two paramedics and a child were killed in an airstrike near Kafr Zeta.",
        {"killed": 3, "killed_children": 1},
    ),
    "two-paramedics-and-a-driver-ar-duals": Example(
        "قتل مسعفان وسائق بغارة جوية على سيارة إسعاف قرب كفرزيتا يوم الاثنين.",
        {"killed": 3, "killed_children": 0},
    ),
    "two-farmers-ar-dual": Example(
        "قتل مزارعان بقصف مدفعي على أطراف بلدة كفرنبل.", {"killed": 2, "killed_children": 0}
    ),
    "two-farmers-en": Example(
        "Two farmers were killed by a landmine near Saraqeb on Monday.",
        {"killed": 2, "killed_children": 0, "killed_women": None},
    ),
    "two-paramedics-and-a-child-ar": Example(
        "قتل مسعفان وطفل بغارة جوية على سيارة إسعاف قرب كفرزيتا.",
        {"killed": 3, "killed_children": 1},
    ),
    "some-of-them-grown-settles-nothing": Example(
        "Three people were killed, including two paramedics, in an airstrike near Kafr Zeta.",
        {"killed": 3, "killed_children": None},
    ),
}

WHO_IS_COUNTED = {
    # "155 Syrian organizations condemn": organisations are no people, past a nationality
    "organisations-are-no-toll": Example(
        "155 Syrian Organizations Condemn the Killing of Kurdish Civilians\n\nOn the eve of "
        "Newroz, fighters killed four unarmed Kurdish civilians in Jindires.",
        {"killed": 4},
    ),
    # "Five Syrians from one family, including three children, have been killed"
    "syrians-from-one-family": Example(
        "Five Syrians from one family, including three children, have been killed in strikes "
        "on Idlib province.",
        {"killed": 5, "killed_children": 3},
    ),
    # "a female patient": a woman; "a civilian man": a man
    "a-female-patient": Example(
        "A female patient and three paramedics were killed when the ambulance was hit by a "
        "strike near Maarat al-Numan.",
        {"killed": 4, "killed_women": 1},
    ),
    "a-civilian-man": Example(
        "A civilian man was killed in a drone strike on the outskirts of Sarmin.",
        {"killed": 1, "killed_children": 0, "killed_women": 0},
    ),
}

NO_ONE_HARMED = {
    # a report that counts no one and says the attack hurt no one: 0, not "not told"
    "no-one-killed-or-injured": Example(
        "Artillery shelling destroyed a tent school in al-Abrar camp near Sawaghiyah on "
        "Wednesday. Despite the school being destroyed, no one was killed or injured.",
        {"killed": 0, "injured": 0, "killed_children": 0, "killed_women": 0},
    ),
    "without-casualties-ar": Example(
        "قصفت قوات النظام بلدة كفرنبل بالمدفعية الثقيلة دون وقوع إصابات في صفوف المدنيين.",
        {"killed": 0, "injured": 0},
    ),
    "another-attack-hurt-no-one": Example(
        "قصفت قوات النظام بلدة كفرنبل بالمدفعية، ما أدى إلى إصابة طفل. وقصفت بلدة البارة "
        "دون وقوع إصابات.",
        {"killed": None, "injured": 1},
    ),
    "no-advance-is-no-harm-told": Example(
        "الغارات لم تسفر عن تقدم للقوات على جبهة كفرنبل.", {"killed": None, "injured": None}
    ),
}

EARLIER_AND_FIGHTERS = {
    # "وكان … قد", "last week": an earlier event's toll is not this one's
    "had-announced-last-week": Example(
        "هز قصف صاروخي مدينة منبج، ما أدى إلى مقتل امرأة وإصابة 6 أخريات. وكان الدفاع "
        "المدني قد أعلن الأسبوع الماضي عن سقوط 15 قتيلا جراء انفجار سيارة مفخخة في المدينة.",
        {"killed": 1, "injured": 6, "killed_women": 1},
    ),
    "had-killed-before-en": Example(
        "Shelling killed two civilians in Sarmin on Monday. Last week, an airstrike on the "
        "same town killed nine people.",
        {"killed": 2},
    ),
    "an-earlier-toll-alone-stays": Example(
        "وكانت قوات النظام قد قتلت 5 مدنيين بقصف على أريحا.", {"killed": 5}
    ),
    # "وفي حادث منفصل", "In a separate incident": another incident's figures
    "a-separate-incident-ar": Example(
        "قتل خمسة رعاة بهجوم مسلح قرب قرية الحيوانية بريف حمص الشرقي.\n\n"
        "وفي حادث منفصل، أصيب ثلاثة أطفال بجروح نتيجة انفجار جسم غريب في منزلهم.",
        {"killed": 5, "injured": None},
    ),
    "a-separate-incident-en": Example(
        "Shelling killed two civilians in Sarmin.\n\nIn a separate incident, three children "
        "were injured by a landmine near Ariha.",
        {"killed": 2, "injured": None},
    ),
    "a-separate-incident-alone-stays": Example(
        "وفي حادث منفصل، أصيب ثلاثة أطفال بجروح نتيجة انفجار جسم غريب في منزلهم.",
        {"injured": 3},
    ),
    # the civilians are the toll, not the fighters killed with them
    "fighters-and-civilians": Example(
        "A suicide attacker drove a car bomb at a checkpoint in Naim Square, killing five "
        "fighters and five civilians.",
        {"killed": 5},
    ),
}

# a teacher is grown; a round of the night: after midnight last night is today
GROWN_WORK_AND_NIGHT = {
    "a-teacher-is-grown": Example(
        "قتل مدرس بانفجار عبوة ناسفة في سيارته بمدينة الباب.",
        {"killed": 1, "killed_children": 0, "killed_women": 0},
    ),
    # guards: an age told of another, or under 18, settles nothing
    "the-age-of-the-wounded": Example(
        "قتل مدني وأصيب طفل (12 عاماً) بقصف على بلدة الكرك الشرقي.",
        {"killed": 1, "killed_children": None},
    ),
    "a-grown-and-a-young-age": Example(
        "قتل مدني بقصف على بلدة الكرك.\n\nوالضحية أحمد (16 عاماً)، وكان برفقته والده (45 عاماً).",
        {"killed": 1, "killed_children": None},
    ),
    "after-midnight-last-night-is-today": Example(
        "قتلت امرأة اليوم بقصف على بلدة الخفسة.\n\n"
        "وقال الدفاع المدني إن القصف وقع بعد منتصف الليلة الماضية واستهدف منازل المدنيين.",
        {"killed": 1, "date": "2022-11-06"},
    ),
}

_TABLES = (
    LONE_DEAD, LISTS, NAMED, AGES, MET_DEATH, COUNTS, GROWN, WHO_IS_COUNTED, NO_ONE_HARMED,
    EARLIER_AND_FIGHTERS, GROWN_WORK_AND_NIGHT,
)  # fmt: skip


@pytest.mark.parametrize("example", cases(*_TABLES))
def test_lone_dead(example: Example) -> None:
    """The one dead told as who they were, and the people a breakdown lists."""
    assert example.found() == example.expect
