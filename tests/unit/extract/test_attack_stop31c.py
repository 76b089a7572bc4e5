"""Third attack review of round 31 (issue 17), 33dcd8f..cd4e716: the rules added after the
first two reviews (after midnight, the square-bracket credit, the agency's brackets after a
dateline, Türkiye and the factions, General Security after 8 December 2024, "two days
ago"/"قبل يومين"/"منذ يومين", "this afternoon", the mends) and regressions anywhere in the
round's diff. Each example is written for the review and fails on cd4e716. Regressions
(read right on 33dcd8f) come first, then misses (wrong on both). Unless told otherwise the
report is read on Sunday 6 November 2022."""

from __future__ import annotations

from datetime import date

import pytest
from tests.unit.extract.examples import Example, cases

AFTER_THE_FALL = date(2025, 3, 10)  # a Monday, after 8 December 2024
MONDAY = date(2022, 11, 7)

# Regressions: the new actor names read a victim's side, a struck target, a speaker or a
# country named as a place as who struck; "عنصرين من"/"مسؤول في" now take the shooters for
# victims
ACTOR_REGRESSIONS = {
    # "برصاص عنصرين من قوات النظام": the two are the shooters, not victims (new: unknown)
    "shot-by-two-members-ar": Example(
        "قتل شاب برصاص عنصرين من قوات النظام على حاجز في مدينة الصنمين.",
        {"perpetrators": ["syrian_government"]},
    ),
    # "برصاص مسؤول في قوات النظام": the official fired (new: unknown)
    "shot-by-an-official-ar": Example(
        "قُتل مدني برصاص مسؤول في قوات النظام عند حاجز قرب مدينة الصنمين.",
        {"perpetrators": ["syrian_government"]},
    ),
    # the two SDF members are victims; the Turkish drone struck (new: unknown, Turkey lost)
    "two-sdf-members-killed-by-a-turkish-drone-ar": Example(
        "قتل عنصران من قوات سوريا الديموقراطية بقصف مسيرة تركية قرب القامشلي.",
        {"perpetrators": ["turkey"]},
    ),
    # General Security men killed by unknown gunmen in 2025 (new: the government struck)
    "general-security-men-killed-ar": Example(
        "قتل ثلاثة من عناصر الأمن العام برصاص مسلحين مجهولين في ريف حمص يوم 9 آذار 2025.",
        {"perpetrators": ["unknown"]},
        AFTER_THE_FALL,
    ),
    # the General Security checkpoint is what gunmen attacked (new: the government)
    "general-security-checkpoint-attacked": Example(
        "Gunmen attacked a General Security forces checkpoint near Jableh on 6 March 2025, "
        "killing three.",
        {"perpetrators": ["unknown"]},
        AFTER_THE_FALL,
    ),
    # "near the border with Türkiye" is a place, not a striker (new: russia and turkey)
    "the-border-with-turkiye": Example(
        "A Russian airstrike killed three displaced people in a camp near the border with Türkiye.",
        {"perpetrators": ["russia"]},
    ),
    # the Kurdish fighters are the dead, the Turkish drone struck (new: turkey and sdf)
    "kurdish-fighters-killed": Example(
        "A Turkish drone strike killed two Kurdish fighters and a civilian near Qamishli.",
        {"perpetrators": ["turkey"]},
    ),
    # the Hurras al-Din commander is the target of a US drone (new: armed_opposition too)
    "hurras-al-din-commander-killed": Example(
        "A US drone strike killed a senior Hurras al-Din commander in Idlib on Saturday.",
        {"perpetrators": ["us_coalition"]},
    ),
    # a National Front for Liberation headquarters is what Russian jets struck
    "nfl-headquarters-struck-ar": Example(
        "قتل ثلاثة مدنيين بغارات روسية استهدفت مقراً للجبهة الوطنية للتحرير قرب بلدة بنش.",
        {"perpetrators": ["russia"]},
    ),
    # "Syrian troops" killed by Israeli missiles are victims (new: syrian_government first)
    "syrian-troops-killed-by-israel": Example(
        "Two Syrian troops were killed when Israeli missiles struck a base near Damascus.",
        {"perpetrators": ["israel"]},
    ),
    # a Russian military police patrol was the bomb's target (new: russia too)
    "russian-military-police-patrol-hit-ar": Example(
        "انفجرت عبوة ناسفة بدورية للشرطة العسكرية الروسية على طريق M4 قرب أريحا ما أدى لمقتل مدني.",
        {"perpetrators": ["unknown"]},
    ),
    # "a Syrian military source told SANA" is who spoke (new: syrian_government too)
    "a-syrian-military-source-told": Example(
        "An explosion killed three civilians in Idlib city on 9 March 2025, a Syrian military "
        "source told SANA.",
        {"perpetrators": ["unknown"]},
        AFTER_THE_FALL,
    ),
}

# Regressions: after midnight in English, the outlet's brackets mid-sentence, a square
# bracket closing a body line, "this afternoon" after a dateline, an ordinal unit's number
# after a month, a line break between "said" and its day, "two days ago" of something else
DATE_REGRESSIONS = {
    # English news tells the calendar day: after midnight Saturday (2200 GMT Friday) is
    # early Saturday (new: Sunday)
    "after-midnight-saturday-gmt": Example(
        "A drone struck a house in Sarmada shortly after midnight Saturday (2200 GMT Friday), "
        "killing two men.",
        {"date": "2022-11-05"},
    ),
    # "after midnight on Saturday morning" is Saturday morning (new: Sunday)
    "after-midnight-on-saturday-morning": Example(
        "A Russian airstrike hit a poultry farm near Idlib shortly after midnight on Saturday "
        "morning, killing two workers.",
        {"date": "2022-11-05"},
    ),
    # "(Idlib - 5 November 2022)" after a place mid-sentence is no dateline (new: 30 October)
    "place-and-day-in-brackets-with-a-dash": Example(
        "Shelling on Sarmin (Idlib - 5 November 2022) killed two children. A third child died "
        "of his wounds on Sunday.",
        {"date": "2022-11-05"},
    ),
    # "this afternoon" in a dispatch of 5 November is 5 November (new: the day it is read)
    "this-afternoon-after-a-dateline": Example(
        "BEIRUT, Nov 5 (Reuters) - Regime shells hit Sarmin this afternoon, killing two children.",
        {"date": "2022-11-05"},
    ),
    # a body line closing on a bracketed source is no photo caption: its day is the attack's
    "source-in-square-brackets-ends-the-line": Example(
        "Regime shells killed two children in Sarmin on 5 November 2022 [Source: Syria Civil "
        "Defence - Idlib]\nA third child died of his wounds on Sunday.",
        {"date": "2022-11-05"},
        MONDAY,
    ),
    # the same in Arabic with "[فيديو - الدفاع المدني]"
    "video-in-square-brackets-ends-the-line-ar": Example(
        "قتل طفلان بقصف مدفعي لقوات النظام على سرمين في 5 تشرين الثاني 2022 [فيديو - الدفاع "
        "المدني]\nوتوفي طفل ثالث متأثراً بجراحه يوم الأحد.",
        {"date": "2022-11-05"},
        MONDAY,
    ),
    # "November 8th Brigade": a brigade, not 8 November (new: the 8th, after the day read,
    # and the toll lost)
    "month-then-8th-brigade": Example(
        "In early November, 8th Brigade fighters clashed with gunmen in Busra al-Sham. On "
        "Friday, a child was killed by a stray bullet in the town.",
        {"date": "2022-11-04", "killed": 1},
    ),
    # "November 5th Corps": the corps, not 5 November (new: 5 November)
    "month-then-5th-corps": Example(
        "In November, 5th Corps fighters shelled Ariha on Thursday, killing a woman.",
        {"date": "2022-11-03"},
    ),
    # a hard-wrapped line between "said" and its day: Sunday is still when it was said
    "said-wrapped-before-its-day": Example(
        "The Syrian Observatory for Human Rights said\non Sunday that regime shelling on Sarmin "
        "on Saturday killed two children.",
        {"date": "2022-11-05"},
        MONDAY,
    ),
    # "عاد … قبل يومين": when he came home, not when he was shot (new: 4 November)
    "returned-two-days-ago-ar": Example(
        "قتل شاب برصاص قناص في بلدة طفس، وكان قد عاد إلى بلدته من لبنان قبل يومين.",
        {"date": "2022-11-06"},
    ),
    # "قصف متواصل منذ يومين": for two days, not two days ago (new: 4 November)
    "shelled-for-two-days-ar": Example(
        "قتل طفلان بقصف مدفعي على بلدة سرمين التي تتعرض لقصف متواصل منذ يومين.",
        {"date": "2022-11-06"},
    ),
    # "an escalation that began two days ago": the escalation's start (new: 4 November)
    "escalation-began-two-days-ago": Example(
        "Regime shells killed two children in Sarmin, amid an escalation that began two days ago.",
        {"date": "2022-11-06"},
    ),
    # a page dated 8 November telling "قبل يومين": the toll is lost (new: no killed)
    "page-date-then-two-days-ago-ar": Example(
        "الثلاثاء 8 تشرين الثاني 2022\n\nقتل ثلاثة مدنيين بغارة روسية على مدينة أريحا قبل يومين.",
        {"killed": 3},
        date(2022, 11, 9),
    ),
}

# Regressions: people, targets, weapons
OTHER_REGRESSIONS = {
    # "Two car occupants": two people (new: no toll; "car" now counts things)
    "car-occupants": Example(
        "Two car occupants were killed when a drone struck their vehicle near Sarmada.",
        {"killed": 2},
    ),
    # "خيام المهجرين" are the displaced's tents (new: no target; "خيام" alone was taken back)
    "tents-of-the-displaced-ar": Example(
        "قتلت امرأة وأصيب طفلان بقصف مدفعي طال خيام المهجرين قرب بلدة كفرلوسين.",
        {"target": "idp_camp"},
    ),
    # fumes of a tent fire are no chemical weapon (new: chemical)
    "toxic-gas-of-a-fire": Example(
        "Two children died of toxic gas after a fire broke out in their tent in a camp near Atmeh.",
        {"weapons": []},
    ),
    "toxic-gas-of-a-fire-ar": Example(
        "توفي طفلان اختناقاً بالغازات السامة المنبعثة من حريق اندلع في خيمتهما بمخيم قرب أطمة.",
        {"weapons": []},
    ),
}

# Misses: what the round's rules were meant to read and still do not (wrong on 33dcd8f too)
MISSES = {
    # the village told as struck with the toll, a town named only as the source's seat
    "struck-village-with-the-toll-ar": Example(
        "قتل مدنيان بغارة روسية على قرية تل الزعرور بريف إدلب الجنوبي، بحسب الدفاع المدني في "
        "مدينة أريحا.",
        {"place.name": "تل الزعرور"},
    ),
    "struck-village-with-the-toll-en": Example(
        "A Russian airstrike hit the village of Tal Zaarour in the southern Idlib countryside, "
        "killing two civilians, the Civil Defence in Ariha said.",
        {"place.name": "Tal Zaarour"},
    ),
    # the camp struck is in the village; Ariha is where they had fled from
    "camp-in-a-village-struck-ar": Example(
        "قتل طفلان بقصف على مخيم في قرية تل الزعرور بريف إدلب، نزحا إليها من مدينة أريحا.",
        {"place.name": "تل الزعرور"},
    ),
    # "Two stray bullets" count bullets, not dead ("bullets" was added, an adjective between)
    "two-stray-bullets": Example(
        "Two stray bullets killed a child in Tafas.", {"killed": 1, "killed_children": 1}
    ),
    # "two days ago" in a dispatch of 8 November is the 6th, not two days before the reading
    "two-days-ago-after-a-dateline": Example(
        "BEIRUT, Nov 8 (Reuters) - Russian jets killed three civilians in Ariha two days ago, "
        "rescuers said.",
        {"date": "2022-11-06"},
        date(2022, 11, 9),
    ),
    # two regime soldiers killed by IS: IS struck (33dcd8f: both sides; cd4e716: unknown)
    "two-soldiers-killed-by-is-ar": Example(
        "قتل عنصرين من قوات النظام بهجوم لتنظيم الدولة في بادية السخنة.",
        {"perpetrators": ["isis"]},
    ),
}


# still open after the review (strict xfails: a fix is noticed)
_OPEN = {
    "two-sdf-members-killed-by-a-turkish-drone-ar": "kept after the last review: 'عنصران من' "
    "names no victims (as a victims' word it took the gunmen of 'أطلق عنصران من … النار'), so "
    "the SDF, now read in this spelling, stands beside who struck",
    "struck-village-with-the-toll-ar": "a village the gazetteer lacks loses to a town named "
    "where the Civil Defence speaks",
    "struck-village-with-the-toll-en": "a village the gazetteer lacks loses to a town named "
    "where the Civil Defence speaks",
    "camp-in-a-village-struck-ar": "a village the gazetteer lacks loses to the town a family "
    "fled from",
    "two-stray-bullets": "'two stray bullets' is counted as two dead",
    "two-days-ago-after-a-dateline": "'two days ago' is no day counted back",
    "two-soldiers-killed-by-is-ar": "the victims' side told with 'عنصرين من' before the "
    "attack word is named beside who struck",
}


@pytest.mark.parametrize(
    "example",
    cases(ACTOR_REGRESSIONS, DATE_REGRESSIONS, OTHER_REGRESSIONS, MISSES, still_open=_OPEN),
)
def test_attack_stop31c(example: Example) -> None:
    """Round 31's later rules and the whole round's diff, read as a careful documenter reads."""
    assert example.found() == example.expect
