"""Fifth and final check of round 31 (issue 17), 33dcd8f..bc67c4a: regressions only, in
the round's diff as it stands after four reviews. Each example is written for the review,
is read right on 33dcd8f and wrong on bc67c4a. Unless told otherwise the report is read on
Sunday 6 November 2022."""

from __future__ import annotations

import pytest
from tests.unit.extract.examples import Example, cases

# Regressions: the new rebel faction names ("Jaish al-Islam", "Turkistan Islamic Party",
# "Jaish al-Izza", "الجيش الحر") are read as who struck where they name the victims, the
# side holding the place struck, a speaker or another event (33dcd8f read only the side
# that struck)
FACTION_NOT_STRIKER = {
    # Jaish al-Islam holds Douma, the regime struck it (new: + armed_opposition, unknown)
    "douma-held-by-jaish-al-islam": Example(
        "Regime airstrikes on Douma, held by Jaish al-Islam, killed 12 civilians on Saturday.",
        {"perpetrators": ["syrian_government"]},
    ),
    # the killed fighters are Jaish al-Islam's (new: + armed_opposition)
    "jaish-al-islam-fighters-killed": Example(
        "Regime shelling killed three Jaish al-Islam fighters and a child in Harasta.",
        {"perpetrators": ["syrian_government"]},
    ),
    # Jaish al-Islam's rockets were the day before's event (new: + armed_opposition)
    "jaish-al-islam-rockets-day-before": Example(
        "Regime warplanes struck Douma on Saturday after Jaish al-Islam rockets hit Damascus the "
        "day before; nine civilians were killed in Douma.",
        {"perpetrators": ["syrian_government"]},
    ),
    # Jaish al-Islam announced the toll (new: + armed_opposition)
    "jaish-al-islam-announced-ar": Example(
        "قتل سبعة مدنيين بغارات لطيران النظام على مدينة دوما، وفق ما أعلن جيش الإسلام.",
        {"perpetrators": ["syrian_government"]},
    ),
    # Jaish al-Islam is a party to talks (new: + armed_opposition)
    "jaish-al-islam-in-talks": Example(
        "Regime shelling killed four civilians in Douma on Saturday, as talks between Russia and "
        "Jaish al-Islam stalled.",
        {"perpetrators": ["syrian_government"]},
    ),
    # the town is the TIP's stronghold (new: + armed_opposition)
    "tip-stronghold-struck": Example(
        "Russian warplanes struck Jisr al-Shughur, a stronghold of the Turkistan Islamic Party, "
        "killing four civilians on Saturday.",
        {"perpetrators": ["russia"]},
    ),
    # the village is controlled by the TIP (new: + armed_opposition)
    "tip-controls-the-village": Example(
        "Two civilians were killed when Russian jets bombed the village of Zarzur, controlled by "
        "the Turkistan Islamic Party.",
        {"perpetrators": ["russia"]},
    ),
    # two TIP members are among the dead (new: + armed_opposition)
    "tip-members-killed-ar": Example(
        "قتل عنصران من الحزب الإسلامي التركستاني وطفل بغارة روسية على ريف جسر الشغور.",
        {"perpetrators": ["russia"]},
    ),
    # the TIP's headquarters is what was struck (new: + armed_opposition)
    "tip-headquarters-struck-ar": Example(
        "قتل ثلاثة مدنيين بغارات روسية استهدفت محيط مقر للحزب الإسلامي التركستاني في ريف جسر "
        "الشغور.",
        {"perpetrators": ["russia"]},
    ),
    # Latamneh is Jaish al-Izza's stronghold (new: + armed_opposition)
    "jaish-al-izza-stronghold-ar": Example(
        "قتل مدنيان بغارات روسية على بلدة اللطامنة، معقل جيش العزة، شمالي حماة.",
        {"perpetrators": ["russia"]},
    ),
    # the killed fighters are Jaish al-Izza's (new: + armed_opposition)
    "jaish-al-izza-fighters-killed": Example(
        "Russian airstrikes killed two Jaish al-Izza fighters and a civilian near Latamneh.",
        {"perpetrators": ["russia"]},
    ),
    # an FSA commander is the speaker (new: + armed_opposition)
    "fsa-commander-said-ar": Example(
        "قال قيادي في الجيش الحر إن قصفاً لقوات النظام قتل امرأة وطفلين في بلدة كفرزيتا.",
        {"perpetrators": ["syrian_government"]},
    ),
    # two FSA fighters are among the dead (new: + armed_opposition)
    "fsa-fighters-martyred-ar": Example(
        "استشهد مقاتلان من الجيش الحر وطفل بغارات لطيران النظام على بلدة اللطامنة.",
        {"perpetrators": ["syrian_government"]},
    ),
    # the district is held by the FSA (new: + armed_opposition)
    "fsa-holds-the-district": Example(
        "Regime shelling killed two civilians in Daraa al-Balad, a district held by the "
        "Free Syrian Army.",
        {"perpetrators": ["syrian_government"]},
    ),
}

# Regressions: the new government-side names ("Tiger Forces", "ميليشيا الدفاع الوطني")
# read as who struck where their men are the dead
MILITIA_VICTIMS = {
    # Tiger Forces soldiers are the victims of an ISIS ambush (new: + syrian_government)
    "tiger-forces-soldiers-ambushed": Example(
        "An ISIS ambush killed four Tiger Forces soldiers in the Badia near Sukhnah.",
        {"perpetrators": ["isis"]},
    ),
    # NDF members killed at their checkpoint by gunmen (new: + syrian_government)
    "ndf-members-killed-at-checkpoint-ar": Example(
        "قتل عنصران من ميليشيا الدفاع الوطني بهجوم لمسلحين مجهولين على حاجز في ريف حماة.",
        {"perpetrators": ["unknown"]},
    ),
}

# Regressions: a count of shells, rockets, drones or missiles is read as the dead where a
# people's word follows within two words ("Two motorcycle riders" mend)
WEAPONS_COUNTED_AS_PEOPLE = {
    # five shells fell on civilians; one man was killed (new: 5)
    "five-shells-on-civilians-ar": Example(
        "سقطت 5 قذائف على مدنيين في سوق مدينة أريحا، ما أدى إلى مقتل رجل.",
        {"killed": 1},
    ),
    # four rockets targeted civilians; two children were killed (new: 4)
    "four-rockets-targeted-civilians-ar": Example(
        "استهدفت 4 قذائف صاروخية مدنيين في سوق بلدة الأتارب، ما أسفر عن مقتل طفلين.",
        {"killed": 2},
    ),
    # two rockets hit civilians; one man was killed (new: 2)
    "two-rockets-hit-civilians": Example(
        "Two rockets hit civilians queuing for bread in Ariha, killing one man.",
        {"killed": 1},
    ),
    # three drones targeted farmers; one was killed (new: 3)
    "three-drones-targeted-farmers": Example(
        "Three drones targeted farmers in the fields near Sarmin, killing one.",
        {"killed": 1},
    ),
    # two missiles struck workers; one was killed (new: 2)
    "two-missiles-struck-workers": Example(
        "Two missiles struck workers at a factory in Azaz, killing one.",
        {"killed": 1},
    ),
}

# Regressions: other new words
OTHER_WORDS = {
    # "teens" aged 18 and 19 are adults: no child among the dead (new: 2 children)
    "teens-aged-18-and-19": Example(
        "Two teens aged 18 and 19 were shot dead at a checkpoint in Daraa al-Balad.",
        {"killed": 2, "killed_children": None},
    ),
    # the drone struck a car; the oil wells only tell where (new: infrastructure)
    "car-struck-near-oil-wells": Example(
        "A Turkish drone struck a car near the Rumeilan oil wells, killing two SDF members.",
        {"target": "vehicle"},
    ),
}


@pytest.mark.parametrize(
    "example", cases(FACTION_NOT_STRIKER, MILITIA_VICTIMS, WEAPONS_COUNTED_AS_PEOPLE, OTHER_WORDS)
)
def test_attack_stop31e(example: Example) -> None:
    """A side told beside the attack is no striker; a weapon's count is not the dead."""
    assert example.found() == example.expect
