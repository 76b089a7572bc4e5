"""How many were killed and injured in the incident: the totals, as reports write them."""

from __future__ import annotations

from datetime import date

import pytest
from tests.unit.extract.examples import MONDAY, SUNDAY, Example, cases

from tawthiq.extract import extract

# The examples the rules were developed on.
TOLLS = {
    "killed-breakdown": Example(
        "قُتل تسعة مدنيين بينهم ثلاثة أطفال وامرأة، وأصيب 75 آخرون",
        {"killed": 9, "killed_children": 3, "killed_women": 1, "injured": 75},
    ),
    "among-the-dead": Example(
        "مقتل 9 مدنيين. وقال الدفاع المدني إن 3 أطفال وامرأة كانوا من بين القتلى",
        {"killed": 9, "killed_children": 3, "killed_women": 1, "injured": None},
    ),
    "updated-toll": Example(
        "قتل 6 مدنيين بقصف. ثم ارتفع عدد القتلى إلى 9",
        {"killed": 9, "killed_children": None, "killed_women": None, "injured": None},
    ),
    "noun-after": Example(
        "خلف القصف 4 قتلى و12 جريحا",
        {"killed": 4, "killed_children": None, "killed_women": None, "injured": 12},
    ),
    "dual": Example(
        "استشهد طفلان وأصيب شخصان",
        {"killed": 2, "killed_children": 2, "killed_women": 0, "injured": 2},
    ),
    "singular": Example(
        "قتل شخص في البلدة وإصابة آخر",
        {"killed": 1, "killed_children": None, "killed_women": None, "injured": 1},
    ),
    "vague-injured": Example(
        "مقتل مدنيين اثنين وعشرات الجرحى",
        {"killed": 2, "killed_children": None, "killed_women": None, "injured": 20},
    ),
    "english": Example(
        "Three civilians including a woman and a child were killed and five injured",
        {"killed": 3, "killed_children": 1, "killed_women": 1, "injured": 5},
    ),
    "english-verb": Example(
        "The shelling killed eight people, including two children, and wounded 14",
        {"killed": 8, "killed_children": 2, "killed_women": None, "injured": 14},
    ),
    "killing-one": Example(
        "A drone hit a car, killing one person and injuring another",
        {"killed": 1, "killed_children": None, "killed_women": None, "injured": 1},
    ),
    # a man: no child, no woman
    "not-ages": Example(
        "قتل الشاب البالغ من العمر 35 عاما",
        {"killed": 1, "killed_children": 0, "killed_women": 0, "injured": None},
    ),
}


# Bugs caught: regressions found by blind tests, reviews and real published reports
# scored once, each written anew for the project.
TOLLS_CAUGHT = {
    "profession-chain": Example("أسفر القصف عن مقتل ممرض ومريضين وإصابة 12 شخصا", {"killed": 3}),
    "man-and-son": Example("قُتل رجل وابنه جراء القصف على البلدة", {"killed": 2}),
    "woman-and-daughters": Example("قُتلت امرأة وطفلتاها بسقوط قذيفة على منزلهم", {"killed": 3}),
    "breakdown-then-verb": Example(
        "إن ستة مدنيين، بينهم ثلاثة أطفال، لقوا حتفهم في القصف", {"killed": 6}
    ),
    "far-update": Example(
        "ارتفع عدد القتلى جراء القصف على البلدة أمس الأحد إلى أحد عشر مدنيا", {"killed": 11}
    ),
    "injured-from-group": Example("وأصيب ثمانية أطفال آخرين بجروح في القصف", {"injured": 8}),
    "one-of-the-ovens": Example(
        "سقطت قذيفة قرب أحد الأفران وبلغت حصيلة الجرحى 23 مصابا", {"injured": 23}
    ),
    # (40 tents are no one hurt; "without any injury recorded" is none: stop 29)
    "tents-not-people": Example("تضرر أكثر من 40 مخيماً دون تسجيل أي إصابات", {"injured": 0}),
    "dual-citizens": Example("استشهد مواطنان بقصف مدفعي على البلدة", {"killed": 2}),
    "bodies-recovered": Example(
        "انتشلت فرق الدفاع المدني جثامين أربعة مدنيين من تحت الأنقاض", {"killed": 4}
    ),
    "child-and-mother": Example(
        "Shells struck the camp, killing a child and his mother", {"killed": 2}
    ),
    "child-was-killed": Example(
        "A child was killed and three civilians were wounded", {"injured": 3}
    ),
    "ages-not-counts": Example(
        "Two children, aged 8 and 10, were killed by unexploded ordnance", {"killed": 2}
    ),
    "largest-rise": Example(
        "ارتفعت حصيلة القتلى إلى اثني عشر شخصاً بعد وفاة ثلاثة مصابين", {"killed": 12}
    ),
    "since-a-date": Example(
        "Shelling killed two people today. Since 5 October, hostilities have "
        "killed more than 100 civilians.",
        {"killed": 2},
    ),
    "history": Example(
        "قُتل شخص اليوم. وكان 30 معتقلاً قد قتلوا تحت التعذيب بين عامي 2011 و2013", {"killed": 1}
    ),
    "bulleted-highlight": Example(
        "HIGHLIGHTS\n- On January 12, shells killed two civilians near the camp", {"killed": 2}
    ),
    "range-ar": Example("قتل ما بين خمسة وسبعة مدنيين بالقصف", {"killed": 5}),
    "range-en": Example("Between five and nine people were killed in the strike", {"killed": 5}),
    "wa-teen": Example("قتل ثلاثة مدنيين وأصيب وخمسة عشر جريحاً", {"injured": 15}),
    "covid-cases": Example(
        "سجلت مديرية الصحة 160 إصابة جديدة بفيروس كورونا في إدلب", {"injured": None}
    ),
    "impossible-day-not-a-toll": Example("في 31 تشرين الثاني قتل 3 مدنيين", {"killed": 3}),
    "ethiopic-digit": Example("في ፩ مايو 2022 قتل 3 مدنيين", {"killed": 3}),
    "range-bayn": Example("قتل بين 10 و15 مدنياً في القصف", {"killed": 10}),
    "thousands-word": Example("نزح 12 ألف شخص وقتل 4 مدنيين", {"killed": 4}),
    "hundred-and": Example("قتل مئة وخمسون مدنيا في المجزرة", {"killed": 150}),
    "big-toll-not-a-year": Example("Shelling killed 2,000 civilians in Sarmada.", {"killed": 2000}),
    "year-count-ar": Example("قتل 2000 مدني خلال الحملة", {"killed": 2000}),
    "dash-range": Example("قتل 10-15 مدنيا في القصف", {"killed": 10}),
    "one-of-the-days": Example(
        "في واحد من أكثر أيام الحملة دموية، قتل 20 مدنياً بقصف على البلدة", {"killed": 20}
    ),
    "split-verb": Example(
        "لقي أربعة مدنيين، بينهم امرأة، حتفهم بانفجار لغم في ريف حماة", {"killed": 4}
    ),
    "n-of-them-aside": Example(
        "Seven civilians, two of them women, were killed in the shelling", {"killed": 7}
    ),
    "and-her-children": Example("The strike killed a woman and her three children", {"killed": 4}),
    "adjective-and-relative-clause": Example(
        "Shells hit the camp. A teenage girl who lived next door was injured", {"injured": 1}
    ),
    "last-month-tally": Example(
        "Last month, 40 people were killed in the province, monitors said. "
        "On Monday a drone strike killed two farmers.",
        {"killed": 2},
    ),
    "levantine-killed": Example(
        "استشهد الزلمة وابنو بضربة مسيرة عالطريق، وفي تلاتة مصابين", {"killed": 2}
    ),
    "levantine-injured": Example(
        "استشهد الزلمة وابنو بضربة مسيرة عالطريق، وفي تلاتة مصابين", {"injured": 3}
    ),
    "people-then-dual-verb": Example("رجل وامرأة قُتلا بقصف على القرية", {"killed": 2}),
    "daily-tally-first-line": Example(
        "وثق المرصد مقتل 6 مدنيين في مناطق سورية متفرقة:\n"
        "- 4 مدنيين قتلوا بقصف مدفعي على بلدة كفرنبل في ريف إدلب\n"
        "- 2 قتلا بانفجار لغم في بادية السلمية بريف حماة",
        {"killed": 4},
    ),
    "wounded-who-died-are-no-injured-toll": Example(
        "The toll rose to nine after two of the wounded died in hospital. "
        "Eleven others were wounded.",
        {"injured": 11},
    ),
    "wounded-who-died-ar": Example(
        "ارتفع عدد القتلى إلى سبعة بعد وفاة اثنين من الجرحى، فيما أصيب 12 آخرون", {"injured": 12}
    ),
    "first-named-shares-the-cue": Example(
        "Three children were killed. Their mother and two neighbours were wounded.", {"injured": 3}
    ),
    "named-dead-beat-a-vague-later-figure": Example(
        "Three children were killed when shells hit their home. The town saw heavy fighting "
        "last year that left dozens dead.",
        {"killed": 3},
    ),
    "the-toll-rose-past-more-bodies": Example(
        "The monitor said the toll had risen to seven after rescuers pulled two more bodies "
        "from the rubble.",
        {"killed": 7},
    ),
    "breakdown-after-two-dots-stays-in-the-tally": Example(
        "الحصيلة اليومية | 11 قتيلاً على الأراضي السورية.. بينهم 6 مدنيين\n\n"
        "- 4 مواطنين قضوا بانفجار لغم في بادية السخنة",
        {"killed": 4},
    ),
    "irtaqa-is-killed": Example(
        "ارتقى طفل وامرأة وأصيب ستة مدنيين بجروح جراء قصف على المدينة", {"killed": 2}
    ),
    "lost-their-lives": Example(
        "فقد ثلاثة أطفال أشقاء حياتهم بانفجار لغم قرب القرية", {"killed": 3}
    ),
    "risking-their-lives-is-no-death": Example(
        "يخاطر 20 متطوعاً بحياتهم كل يوم في عملهم", {"killed": None}
    ),
    "the-driver": Example(
        "استهدفت مسيرة تركية سيارة قرب القامشلي، ونجم عن الاستهداف استشهاد السائق", {"killed": 1}
    ),
    "children-only-toll": Example(
        "At least two children were killed when a landmine went off near Qasrok on Monday.",
        {"killed": 2},
    ),
    "a-comma-apart-from-the-deaths": Example(
        "Shelling killed four children in Qastoun late on Saturday. The Observatory, confirming"
        " the deaths, reported that five other members of the same family were injured.",
        {"killed": 4},
    ),
    "wire-dateline-keeps-the-toll": Example(
        "BEIRUT, Nov 7 (Reuters) - Syrian government air strikes killed nine civilians,"
        " including four children, in a village in Idlib province, rescuers said. The strikes"
        " hit the town of Kafr Nobol late on Sunday, the White Helmets said.",
        {"killed": 9, "killed_children": 4},
        ref=MONDAY,
    ),
    "the-only-toll-is-kept": Example(
        "شهدت بلدة سرمين في 30 تشرين الأول قصفاً مدفعياً عنيفاً من قوات النظام. وقتل اليوم"
        " الأحد 7 مدنيين بينهم طفلان بقصف صاروخي جديد على البلدة، بحسب الدفاع المدني.",
        {"killed": 7, "killed_children": 2},
    ),
    "a-later-day-updates": Example(
        "Nine civilians, including four children, were killed on Saturday in an air strike on"
        " the town of Kafr Nobol in Idlib province. The death toll rose to 12 on Sunday after"
        " three of the wounded died in hospital.",
        {"killed": 12},
    ),
    "a-later-day-goes-on": Example(
        "Syrian government forces shelled the town of Sarmin in Idlib province on November 4,"
        " killing seven civilians, two of them children. The shelling continued on November 5,"
        " wounding 10 more people, according to the White Helmets.",
        {"killed": 7, "sources": ["civil_defence"], "weapons": ["artillery"]},
    ),
    "breakdown-after-a-comma": Example(
        "The shelling killed three civilians, two women and a child, and injured nine others"
        " in the town of Ariha in Idlib on Sunday.",
        {"killed": 3, "killed_women": 2, "killed_children": 1, "injured": 9},
    ),
    "rocket-shells-beside-an-air-strike": Example(
        "شن الطيران الحربي الروسي غارات على بلدة كنصفرة في جبل الزاوية اليوم الأحد، بالتزامن"
        " مع قصف بقذائف صاروخية من قوات النظام، ما أدى لمقتل 3 مدنيين.",
        {"killed": 3},
    ),
    "treated-victims-are-injured": Example(
        "A car bomb exploded in a market in the city of Azaz on Sunday, killing two people."
        " Medics treated 20 victims, most of them for shrapnel wounds.",
        {"killed": 2, "injured": 20},
    ),
    "a-third-child-adds-to-the-toll": Example(
        "Shelling killed five people, including two children, in Ariha on Monday. A third child"
        " later died of his wounds.",
        {"killed": 6, "killed_children": 3},
    ),
    "a-months-running-count": Example(
        "Shelling on Ariha killed a child on Monday, the fifth child killed in Idlib this month.",
        {"killed": 1, "killed_children": 1},
    ),
    "a-third-child-injured": Example(
        "Two children were killed and a third child was seriously injured in shelling on Ariha.",
        {"killed": 2, "killed_children": 2, "injured": 1},
    ),
    "roll-stops-at-the-injured": Example(
        "وثقت الشبكة مقتل كل من الطفل أحمد والطفل محمد، وإصابة الطفل علي والطفلة سارة، جراء قصف"
        " على سرمين.",
        {"killed": 2, "killed_children": 2, "injured": 2},
    ),
    "roll-stops-at-the-sentence": Example(
        "وثقت الشبكة مقتل كل من الطفل أحمد والطفل محمد في قصف على سرمين. وفي حادثة منفصلة أصيب"
        " الطفل علي والسيدة هدى بقصف على بنش.",
        {"killed": 2, "killed_children": 2},
    ),
    "an-old-attack-recalled": Example(
        "On 7 April 2018, a chemical attack on Douma killed 43 people. Today, shelling on the"
        " town killed 3 civilians.",
        {"killed": 3},
    ),
    "double-space-before-the-toll": Example(
        "Shelling on Ariha on Monday killed  5 civilians and wounded 10.",
        {"killed": 5, "injured": 10},
    ),
    # people named with no number: how many is not said
    "including-children-unnumbered": Example(
        "Two people were killed and others were wounded, including children and women.",
        {"injured": None},
    ),
    # a count of the killed and the injured together is neither toll
    "killed-or-injured": Example(
        "Nearly 10 citizens killed or injured in shelling on Azaz city", {"killed": None}
    ),
    "qatil-wa-jarih": Example("سقط 12 بين قتيل وجريح بقصف على مدينة اعزاز", {"injured": None}),
    # a month's tally, named by the month alone, is no toll of this incident
    "month-alone-tally": Example(
        "اغتيال شاب في درعا\nاستهدف مسلحون مجهولون الشاب أحمد اليوم على طريق السرايا في"
        " مدينة درعا، ما أدى لمقتله.\nوأحصى المكتب 33 عملية اغتيال خلال شهر تشرين الأول"
        " الفائت، أسفرت عن مقتل 18 شخصاً، وإصابة 13 آخرين.",
        {"killed": 1},
    ),
    # "…, were killed, 16 were injured": the cue after the comma is the figure's
    "comma-then-figure": Example(
        "18 people, including four fighters, were killed, 16 were injured, and more than 50"
        " went missing after gunmen attacked truffle gatherers in the Kebajeb desert.",
        {"injured": 16},
    ),
    # the toll rises to an ordinal: "a third child later succumbed"
    "tifl-thalith": Example(
        "قتل طفلان وأصيب ثلاثة آخرون بانفجار لغم قرب قصروك. وتوفي طفل ثالث متأثرا بجراحه.",
        {"killed": 3},
    ),
    "a-ninth-child-wounded": Example(
        "Eight children were killed in the explosion of a landmine in Sanamein on Sunday, with"
        " a ninth child sustaining injuries.",
        {"killed": 8},
    ),
    # victims named one by one after "مقتل كل من", the mother of one of them not twice
    "roll-of-names": Example(
        "وثقت الشبكة مقتل كلا من الطفل سامر البالغ من العمر 12 عاما و الطفل علي البالغ من العمر"
        " 10 سنوات والسيدة هدى والدة الطفل سامر من بلدة سحلب جراء قصف بطائرات مسيرة.",
        {"killed": 3},
    ),
    # "more than N" in the lead, the precise figure for the same people further on
    "more-than-then-precise": Example(
        "Shelling on Ariha killed two people and injured more than 10 others on Sunday. The"
        " civil defence said 13 people were injured, among them four children.",
        {"killed": 2, "injured": 13},
    ),
    "akthar-min-then-precise": Example(
        "قُتل شخصان وأصيب أكثر من عشرة آخرين بقصف على أريحا. وقال الدفاع المدني إن 13 شخصاً"
        " أصيبوا بجروح، بينهم أربعة أطفال.",
        {"injured": 13},
    ),
    # does not spoil: a figure below the floor, or one with an attack of its own, is others
    "more-than-then-fewer-children": Example(
        "At least 30 people were injured in the strike on Sarmada. Doctors at the hospital"
        " said 12 people were injured seriously.",
        {"injured": 30},
    ),
    "at-least-then-another-attack": Example(
        "At least four guards were killed in the strike on the power station. Later, shelling"
        " on the town of Al-Bab killed seven people.",
        {"killed": 4},
    ),
    # one person named in passing is not the toll the report gives
    "also-wounded-in-passing": Example(
        "A drone strike on a car near Binnish killed two men. A boy who was walking past was"
        " also wounded. The civil defence said five people were wounded in the attack.",
        {"killed": 2, "injured": 5},
    ),
    "a-paramedic-in-passing-ar": Example(
        "قُتل ستة مدنيين بقصف على أريحا. وأصيب مسعف أثناء عمله على إسعاف الجرحى، فيما بلغ"
        " عدد المصابين 20 شخصاً.",
        {"killed": 6, "injured": 20},
    ),
    "one-named-among-the-wounded": Example(
        "قُتل ثلاثة مدنيين وأصيب 15 آخرون بقصف على أريحا. وكان بين المصابين الطفل أحمد الذي"
        " أصيب بشظية في رأسه.",
        {"killed": 3, "injured": 15},
    ),
    # does not spoil: the one injured person is the toll when none other is told near
    "killing-one-injuring-another-beside-a-tally": Example(
        "A drone hit a car near Qamishli, killing one person and injuring another. Turkish"
        " drones have struck the region 37 times this year. The attacks left 54 dead."
        " Among them 39 fighters and three soldiers, and over 50 others were injured.",
        {"killed": 1, "injured": 1},
    ),
    # "a number of civilians were injured": approximate, how many is not told
    "a-number-of-injured": Example(
        "Shelling on Ariha killed three civilians and a number of civilians were injured,"
        " among them children.",
        {"killed": 3, "injured": None, "killed_children": None},
    ),
    "adad-min-injured": Example(
        "قُتل ثلاثة مدنيين وأصيب عدد من المدنيين بينهم طفل بقصف على أريحا.",
        {"killed": 3, "injured": None, "killed_children": None},
    ),
    "a-number-then-a-figure": Example(
        "قُتل طفل وأصيب عدد من المدنيين بجروح، وقال الدفاع المدني إن 7 أشخاص أصيبوا.",
        {"killed": 1, "injured": 7},
    ),
    "a-number-of-houses-is-no-one": Example(
        "أدى القصف إلى مقتل 3 مدنيين وتضرر عدد من المنازل في البلدة.",
        {"killed": 3, "injured": None},
    ),
    "and-five-others-were-injured": Example(
        "Shelling on Ariha killed three civilians and five others were injured.",
        {"killed": 3, "injured": 5},
    ),
    # the dead and the wounded counted together are neither toll ("بين قتيل وجريح")
    "killed-and-wounded-together-ar": Example(
        "سقط نحو 25 مدنياً بين قتيل وجريح بقصف جوي على سوق بلدة كفرنبل صباح اليوم.",
        {"killed": None, "injured": None},
    ),
    "martyrs-and-wounded-in-the-title": Example(
        "12 شهيداً وجريحاً بقصف مدفعي على مدينة الأتارب\nاستشهد ثلاثة مدنيين وأصيب تسعة آخرون"
        " بقصف لقوات النظام على الأتارب.",
        {"killed": 3, "injured": 9},
    ),
    "killed-and-injured-verbs-together-ar": Example(
        "قُتل وأصيب ما لا يقل عن 6 أشخاص بانفجار لغم أرضي قرب بلدة الشحيل.",
        {"killed": None, "injured": None},
    ),
    "killed-or-wounded-en": Example(
        "A car bomb killed or wounded at least 20 people in the town of Azaz on Friday.",
        {"killed": None, "injured": None},
    ),
    # does not spoil: each word with its own figure
    "each-word-its-own-figure-ar": Example(
        "أفاد المراسل أن أربعة مدنيين قُتلوا وأصيب 15 آخرون بغارة على مدينة دارة عزة.",
        {"killed": 4, "injured": 15},
    ),
    "one-killed-and-four-wounded-ar": Example(
        "قال المراسل إن مدنياً قتل وأصيب أربعة آخرون بقصف على قرية الغدفة.",
        {"killed": 1, "injured": 4},
    ),
    # a war's toll is not the attack's
    "the-wars-toll-en": Example(
        "At least seven children were killed in the town of Sanamayn when an explosive device"
        " went off. Syria's war, which escalated into a deadly conflict, has killed more than"
        " 500,000 people.",
        {"killed": 7, "killed_children": 7},
    ),
    "previous-rounds-en": Example(
        "A civilian lost their life on Wednesday in clashes in the town of Abu Hamam. The"
        " previous rounds of clashes left at least 90 people losing their lives.",
        {"killed": 1},
    ),
    "a-total-in-these-attacks-en": Example(
        "A drone strike on a car near Amuda injured three people on Sunday. A total of 40"
        " fighters and 9 children were killed in these attacks.",
        {"killed": None, "injured": 3},
    ),
    # who a figure counted, in brackets after it, is not more of them
    "brackets-after-the-figure-ar": Example(
        "أسفر القصف المدفعي على حي الضبيط عن مقتل ثلاثة مدنيين (طفل ورجلان) وإصابة مدني آخر.",
        {"killed": 3, "injured": 1},
    ),
    "brackets-after-the-figure-en": Example(
        "The strike on the market killed five people (two women and three children) on Monday.",
        {"killed": 5, "killed_women": 2, "killed_children": 3},
    ),
    "a-wars-toll-in-thousands-ar": Example(
        "قتل سبعة أطفال بانفجار عبوة ناسفة في مدينة الصنمين اليوم. وأودت الحرب في سوريا بحياة"
        " أكثر من 500 ألف شخص.",
        {"killed": 7},
    ),
    # "several" in the headline, the figure further on
    "several-then-the-figure": Example(
        "Blast kills several children in Daraa\nAt least seven children were killed when an"
        " explosive device went off in the town of Sanamayn on Saturday.",
        {"killed": 7, "killed_children": 7},
    ),
    # the word for one after a person is that person, not one more
    "a-man-and-one-more-ar": Example(
        "قتلت 14 امرأة ورجل واحد بتفجير سيارة مفخخة قرب مدينة منبج.",
        {"killed": 15, "killed_women": 14, "killed_children": 0},
    ),
    "no-one-was-killed-en": Example(
        "A drone strike on a car near Amuda injured three people. No one was killed.",
        {"killed": None, "injured": 3},
    ),
    # a number of attacks told with their kind counts no one ("seven aerial attacks")
    "attacks-with-their-kind-count-no-one": Example(
        "Seven drone strikes hit the town of Sarmin on Sunday, killing two civilians.",
        {"killed": 2},
    ),
    # found by an independent review: none of these is a figure of the dead and wounded
    "one-of-the-wounded-died-ar": Example(
        "ارتفع عدد ضحايا القصف على بلدة سرمين اليوم الأحد إلى 5 قتلى بعد وفاة جريح متأثراً بجراحه.",
        {"killed": 5},
    ),
    "martyrs-and-two-wounded-ar": Example(
        "قصف مدفعي على سرمين اليوم الأحد يوقع 3 شهداء وجريحين.", {"killed": 3}
    ),
    "the-dead-and-wounded-were-taken-en": Example(
        "Shelling on Sarmin on Sunday killed 3 civilians; the dead and wounded were taken to"
        " Idlib hospital.",
        {"killed": 3},
    ),
    "dead-and-wounded-then-each-figure-ar": Example(
        "أسفر القصف المدفعي على بلدة سرمين اليوم الأحد عن سقوط قتلى وجرحى، 3 قتلى و5 جرحى"
        " بحسب الدفاع المدني.",
        {"killed": 3, "injured": 5},
    ),
    "no-one-killed-but-wounded-en": Example(
        "No one was killed but 12 people were wounded when shelling hit Sarmin on Sunday.",
        {"killed": None, "injured": 12},
    ),
    "a-wounding-in-brackets-ar": Example(
        "قتل 3 مدنيين (وأصيب 5 آخرون) بقصف على سرمين اليوم الأحد.", {"killed": 3, "injured": 5}
    ),
    "casualties-are-not-the-dead-en": Example(
        "Shelling on Sarmin on Sunday caused 12 casualties, including three deaths, medics said.",
        {"killed": 3},
    ),
    "victims-dead-and-wounded-ar": Example(
        "راح ضحيتها قرابة 40 مدنيا بين قتيل وجريح إثر استهداف سوق شعبي في جسر الشغور.",
        {"killed": None, "injured": None},
    ),
    # ages in brackets are no more people
    "ages-in-brackets-ar": Example(
        "قتل ثلاثة أطفال (4 و7 و9 سنوات) بقصف على سرمين اليوم الأحد.",
        {"killed": 3, "killed_children": 3},
    ),
    # who a figure counted, in brackets, between it and its verb: the figure is the toll
    # (a later "the death of a civilian" of an earlier attack was taken)
    "brackets-between-the-figure-and-its-verb-en": Example(
        "At least three civilians (two children and a woman) were killed by missiles on"
        " Mardikh village on Sunday. The bombing followed an attack with barrel bombs"
        " resulting in the death of a civilian.",
        {"killed": 3, "killed_children": 2, "killed_women": 1},
    ),
    # a breakdown set off by commas between the figure and its verb, ages in it and all (the
    # figure was lost, and "and three women" read as an age)
    "a-long-breakdown-before-the-verb-en": Example(
        "The Observatory stated that 11 people, including five children under the age of"
        " sixteen and three women, were killed, and 34 others were injured when a mine"
        " exploded on Sunday.",
        {"killed": 11, "killed_children": 5, "killed_women": 3, "injured": 34},
    ),
    "ages-joined-by-and-stay-ages-en": Example(
        "Two children aged 8 and 10 were killed by a shell in Ariha on Sunday.",
        {"killed": 2, "killed_children": 2},
    ),
    # the title told some of the wounded, the report the whole of them (it gave the title's)
    "a-title-tells-some-of-the-whole-en": Example(
        "Five Medical Staff Injured in Artillery Attack on Al-Atareb Hospital\n\nThe attack"
        " resulted in 6 deaths among patients. An additional 17 people were injured,"
        " including 5 medical staff.",
        {"killed": 6, "injured": 17},
    ),
    # some of the dead not numbered ("عدد من الأطفال و3 نساء"): the total told later is the
    # toll (it gave 3, the women alone)
    "some-unnumbered-then-the-total-ar": Example(
        "قتل عدد من الأطفال و3 نساء بغارات روسية على بلدة كفرنبل اليوم، وبلغت الحصيلة 8 قتلى.",
        {"killed": 8, "killed_women": 3},
    ),
    # "as many were wounded": as many as the dead (it gave no injured, or a later figure)
    "as-many-wounded-en": Example(
        "At least 13 people were killed and as many were wounded early on Friday in an attack"
        " on the town of Beit Jinn.",
        {"killed": 13, "injured": 13},
    ),
    "wounded-as-many-en": Example(
        "A car bomb killed 13 people and wounded as many in Azaz on Sunday.",
        {"killed": 13, "injured": 13},
    ),
    "as-many-wounded-ar": Example(
        "قتل 13 مدنيا ومثلهم جرحى بقصف على مدينة أريحا اليوم.", {"killed": 13, "injured": 13}
    ),
    "many-wounded-is-no-figure-en": Example(
        "Shelling killed 5 in Ariha on Sunday. Many were wounded.", {"injured": None}
    ),
    # a headline's verbs each with its own number: "kills 2, injures 12" (it gave injured 2)
    "kills-n-injures-m-en": Example(
        "Rocket attack in central Syria kills 2, injures 12", {"killed": 2, "injured": 12}
    ),
    "kills-n-wounds-m-en": Example(
        "Shelling on Ariha kills 3, wounds 7", {"killed": 3, "injured": 7}
    ),
    # infants are children: "including two infants" is some of the six (it gave 2)
    "infants-among-the-children-en": Example(
        "Six children, including two infants, were killed in Atma town this morning.",
        {"killed": 6, "killed_children": 6},
    ),
    "infants-among-the-children-ar": Example(
        "قتل ستة أطفال بينهم رضيعان بقصف على بلدة أطمة صباح اليوم.",
        {"killed": 6, "killed_children": 6},
    ),
    # the age of one person named with an article, in brackets or commas, is no more people
    # and does not part the person from the verb (it gave no toll, or a toll of 7)
    "an-age-in-brackets-en": Example(
        "A child (7) was killed on Sunday when a shell hit Sarmin.",
        {"killed": 1, "killed_children": 1},
    ),
    "an-age-in-commas-en": Example(
        "A boy, 12, was killed on Sunday when a shell hit Sarmin.",
        {"killed": 1, "killed_children": 1},
    ),
    "ages-of-a-mother-and-son-en": Example(
        "A woman (45) and her son (9) were killed when a shell hit Sarmin on Sunday.",
        {"killed": 2, "killed_women": 1, "killed_children": 1},
    ),
    "a-list-after-a-child-is-no-age-en": Example(
        "A child, 4 women and a man were killed when a shell hit Sarmin on Sunday.",
        {"killed_women": 4},
    ),
    "civilian-lives-claimed-en": Example(
        "At least six civilian lives have been claimed in the latest drone attack on the dam."
        " At least 10 more have been injured.",
        {"killed": 6, "injured": 10},
    ),
    # "In September, …" tells an earlier month's attack: not this one's toll
    "an-earlier-months-toll-en": Example(
        "Four civilians were injured in a Turkish drone strike in the town of Al-Safia on"
        " Wednesday.\n\nIn September, a Turkish drone strike killed three fighters near Manbij.",
        {"killed": None, "injured": 4},
        date(2023, 10, 4),
    ),
    # today's shelling told with no toll; an earlier day's toll is that day's
    "todays-shelling-no-toll-ar": Example(
        "قصفت قوات النظام صباح اليوم الأحد بلدة سرمين بالصواريخ دون ورود أنباء عن إصابات.\n\n"
        "وكانت قوات النظام قد قتلت يوم الجمعة الماضي 10 مدنيين بقصف على بلدة آفس.",
        {"killed": None},
    ),
    # found by a second review
    "children-with-their-ages-in-brackets-ar": Example(
        "قتل 5 مدنيين (بينهم 3 أطفال أعمارهم 4 و7 و9 سنوات) بقصف على مدينة أريحا.",
        {"killed": 5, "killed_children": 3},
    ),
    "the-highest-total-is-no-tally-ar": Example(
        "قتل 4 مدنيين وأصيب 9 بقصف على بلدة تفتناز، ويعد هذا الإجمالي الأعلى.",
        {"killed": 4, "injured": 9},
    ),
    "the-total-killed-ar": Example(
        "قُتل ما لا يقل عن سبعة أطفال جراء قصف صاروخي على مدرسة في بلدة تفتناز، وبلغ عدد القتلى"
        " الإجمالي 10.",
        {"killed": 10},
    ),
    "children-among-the-dead-and-wounded-ar": Example(
        "ارتفع عدد ضحايا القصف الروسي على مدينة إدلب إلى 9 قتلى وجرحى، بينهم طفلان.",
        {"killed": None, "killed_children": None, "killed_women": None},
    ),
    # the people joined after a fighter share the sentence's verb (the fighter counts no one)
    "a-fighter-and-one-civilian-ar": Example(
        "قُتل عنصر من قوى الأمن الداخلي ومدني واحد على الأقل في قصف على مدينة حلب ليل الإثنين.",
        {"killed": 1},
    ),
    # "in two separate incidents": a sum of two attacks, each told after with its own toll
    "two-separate-incidents-ar": Example(
        "قتل طفلان في حادثتين منفصلتين، اليوم السبت، أحدهما بانفجار لغم أرضي شمالي مدينة"
        " الرقة، والآخر برصاصة طائشة بريف دير الزور.\nوأفادت مصادر بأن لغما أرضيا انفجر صباح"
        " اليوم في قرية الأحمدية بريف الرقة الشمالي، ما أسفر عن مقتل الطفل يوسف السعيد.",
        {"killed": 1, "killed_children": 1},
        date(2022, 7, 30),
    ),
}


@pytest.mark.parametrize("example", cases(TOLLS, TOLLS_CAUGHT))
def test_tolls(example: Example) -> None:
    """The killed and injured totals (with their breakdown where the example gives it)."""
    assert example.found() == example.expect


def test_cumulative_totals_are_not_the_incident_toll() -> None:
    text = "قتل مدني بقصف مسيرة اليوم. وبذلك يرتفع منذ مطلع العام تعداد القتلى إلى 78 شخصا"
    assert extract(text, ref_date=SUNDAY).incidents[0]["killed"].value == 1


def test_numbers_of_attacks_and_bulleted_statistics_are_not_tolls() -> None:
    text = (
        "قتل مدني بقصف مسيرة على قرية قرب القامشلي اليوم.\n"
        "وتوزعت الاستهدافات على النحو الآتي:\n"
        "– 60 استهداف على الحسكة أسفرت عن مقتل 13 من المدنيين\n"
        "– 29 استهدافا في ريف حلب أسفرت عن مقتل 3 من المدنيين\n"
    )
    found = extract(text, ref_date=SUNDAY).incidents[0]
    assert found["killed"].value == 1


def test_plural_after_a_possessive_counts_no_one() -> None:
    text = (
        "Clashes went on. The SDF said 40 of its fighters were killed and the wounded were moved."
    )
    assert extract(text, ref_date=SUNDAY).incidents[0]["injured"].value is None


def test_disagreeing_figures_lower_the_confidence() -> None:
    sure = extract("قتل تسعة مدنيين بقصف صاروخي", ref_date=SUNDAY).incidents[0]["killed"]
    torn = extract(
        "قتل تسعة مدنيين بقصف صاروخي. وقال ناشطون إن 12 مدنيا قتلوا", ref_date=SUNDAY
    ).incidents[0]["killed"]
    assert sure.value == torn.value == 9
    assert torn.confidence < sure.confidence


def test_the_toll_stays_when_its_breakdown_is_unnumbered() -> None:
    first = extract("قتل 8 مدنيين بقصف على داعل، وبين القتلى نساء وأطفال", ref_date=SUNDAY)
    assert first.incidents[0]["killed"].value == 8


def test_rocket_shells_stay_rockets_beside_an_air_strike() -> None:
    text = TOLLS_CAUGHT["rocket-shells-beside-an-air-strike"].text
    weapons = extract(text, ref_date=SUNDAY).incidents[0]["weapons"].value
    assert "rocket" in weapons and "missile" not in weapons


def test_an_old_report_pasted_today_keeps_its_toll() -> None:
    """The report's own date is years before today's: its toll is no history of itself."""
    text = (
        "وثقت الشبكة بتاريخ 23-6-2019 مقتل كلا من الطفل سامر و الطفل علي والسيدة هدى من بلدة"
        " سحلب جراء قصف بطائرات مسيرة."
    )
    incident = extract(text, ref_date=date(2026, 12, 1)).incidents[0]
    assert (incident["date"].value, incident["killed"].value) == ("2019-06-23", 3)


def test_a_number_of_injured_is_approximate_with_no_figure() -> None:
    """ "A number of civilians were injured": the form shows an approximate toll, not 1."""
    for text in (
        TOLLS_CAUGHT["a-number-of-injured"].text,
        TOLLS_CAUGHT["adad-min-injured"].text,
    ):
        injured = extract(text, ref_date=SUNDAY).incidents[0]["injured"]
        assert (injured.value, injured.extra["approximate"]) == (None, True)
        assert injured.spans
