"""Where the incident happened: the place found in the gazetteer and its governorate."""

from __future__ import annotations

import pytest
from tests.unit.extract.examples import SUNDAY, Example, cases

from tawthiq.extract import extract
from tawthiq.extract.gazetteer import Gazetteer

# Bugs caught: regressions found by blind tests, reviews and real published reports
# scored once, each written anew for the project.
PLACES_CAUGHT = {
    "tal-is-tell": Example(
        "A car bomb exploded in the town of Tal Abyad, killing four", {"place.governorate": "Raqqa"}
    ),
    "dateline-and-landmark-count-once": Example(
        "DAMASCUS — A shell hit a house in Jaramana, east of Damascus, killing two",
        {"place.governorate": "Rif Dimashq"},
    ),
    "victims-home-town": Example(
        "قُتل شاب من أهالي بلدة كفرنبل بقصف مدفعي على مدينة أريحا", {"place.name_en": "Ariha"}
    ),
    "attack-that-hurt-no-one": Example(
        "Government forces shelled Sarmin on Saturday without causing casualties, then struck "
        "Ariha on Sunday, killing three civilians.",
        {"place.name_en": "Ariha"},
    ),
    "town-a-district-is-named-after": Example(
        "Shelling on Jisr al-Shughur killed two civilians", {"place.kind": "town"}
    ),
    "kind-word-rather-than-dateline": Example(
        "دوما – خاص\nقتل مدنيان بقصف على مدينة دوما اليوم", {"place.kind": "city"}
    ),
    "camp-named-in-english": Example(
        "A woman was shot dead inside al-Hol camp on Friday", {"place.kind": "camp"}
    ),
    "where-the-wounded-were-taken-is-not-the-place": Example(
        "ISIS gunmen killed five truffle hunters near al-Sukhnah in the Homs desert; the "
        "wounded were taken to hospitals in Palmyra and Homs city.",
        {"place.name_en": "Sokhneh"},
    ),
    "kurdish-town-name": Example(
        "استهدفت مسيرة تركية سيارة قرب بلدة تربه سبي، ما أدى إلى مقتل ثلاثة",
        {"place.name_en": "Qahtaniyyeh"},
    ),
    "kurdish-town-name-in-english": Example(
        "A Turkish drone strike on a car near Qamishlo killed two civilians",
        {"place.name_en": "Quamishli"},
    ),
    "south-of-the-capital-is-rural-damascus": Example(
        "قتل أربعة أشخاص في قصف استهدف مبنى سكنياً في محيط منطقة السيدة زينب جنوبي العاصمة "
        "السورية دمشق",
        {"place.governorate": "Rif Dimashq"},
    ),
    "suburbs-of-damascus-are-rural-damascus": Example(
        "A bomb exploded near the Sayyida Zeinab shrine in the southern suburbs of Damascus, "
        "killing six.",
        {"place.governorate": "Rif Dimashq"},
    ),
    "near-the-capital": Example(
        "قتل 18 مدنيا بقصف مدفعي على مناطق في الغوطة الشرقية قرب دمشق. واستهدف القصف"
        " بلدات عدة بعد تصعيد جديد ضد معقل الفصائل الأخير قرب دمشق.",
        {"place.governorate": "Rif Dimashq"},
    ),
    "countryside-of-damascus": Example(
        "Regime warplanes struck the city of Douma in the countryside of Damascus on Tuesday."
        " Shelling continues in the countryside of Damascus, activists said.",
        {"place.governorate": "Rif Dimashq"},
    ),
    "a-damascus-camp-south-of-the-city": Example(
        "قتل 3 مدنيين بقصف على مخيم اليرموك جنوب دمشق.", {"place.governorate": "Damascus"}
    ),
    "in-the-south-of-damascus": Example(
        "A car bomb killed 4 people in the south of Damascus on Sunday.",
        {"place.governorate": "Damascus"},
    ),
    # where the victims came from is not where they were hit
    "origin-dual": Example(
        "قتل طفلان بانفجار لغم في منطقة الميادين، والطفلان ينحدران من بلدة المريعية",
        {"place.name_en": "Al Mayadin"},
    ),
    # Damascus named to say where around it: Rural Damascus, and the town told there
    "northeast-of-damascus": Example(
        "Regime aircraft bombed a crowded market northeast of Damascus on Sunday, killing 16"
        " civilians. The rockets struck the central market in the town of Misraba in the"
        " besieged East Ghouta suburbs of Damascus.",
        {"place.name_en": "Misraba"},
    ),
    "only-near-damascus": Example(
        "قتل 18 مدنيا بقصف مدفعي على بلدات عدة قرب دمشق", {"place.governorate": "Rif Dimashq"}
    ),
}

# A place below the village (its outskirts, a farm, a clinic, "and its surroundings") is the
# village; never a larger town the report names for another reason.
BELOW_THE_VILLAGE = {
    "a-town-south-of-a-city-ar": Example(
        "فرض الأمن الداخلي حظر تجوال في مدينة حمص عقب مقتل رجل وزوجته في بلدة زيدل جنوب مدينة"
        " حمص. وقال قائد الأمن في حمص إن التحقيق جار.",
        {"place.name_en": "Zaydal", "place.governorate": "Homs"},
    ),
    # "X in Y": Y says where X is, there and wherever else the report names it
    "a-town-in-a-city-named-again": Example(
        "A car bomb went off in a crowded street in Jindires town in Afrin city on Tuesday,"
        " killing four civilians. Afrin has seen several such blasts; last month a car bomb"
        " wounded twenty people in Afrin city.",
        {"place.name_en": "Jandairis", "place.governorate": "Aleppo"},
    ),
    "a-village-in-the-countryside-of-a-city-ar": Example(
        "قُتل مدنيان برصاص مجهولين في بلدة البصيرة بريف دير الزور الشرقي. ونزح أحد الضحيتين"
        " من مدينة دير الزور قبل سنوات، وتشهد مدينة دير الزور توترا أمنيا.",
        {"place.name_ar": "البصيرة", "place.governorate": "Deir ez-Zor"},
    ),
    "outskirts-not-where-the-gunners-are": Example(
        "Government forces stationed in Maarat al-Numan shelled the outskirts of Kafr Rouma on"
        " Sunday, killing a man at a stone workshop. Maarat al-Numan has served as their"
        " launch point for weeks.",
        {"place.name_en": "Kafruma", "place.governorate": "Idlib"},
    ),
    "outskirts-not-where-the-gunners-are-ar": Example(
        "قصفت قوات النظام المتمركزة في مدينة سراقب أطراف بلدة النيرب، ما أدى إلى مقتل عامل في"
        " ورشة لقص الحجر. وتتخذ قوات النظام من سراقب منطلقا لقصف المنطقة منذ أسابيع",
        {"place.name_en": "Nayrab"},
    ),
    "a-mill-near-a-village-and-a-list-of-towns": Example(
        "Two men were killed when shells hit a mill near the village of Hass on Sunday. The"
        " shelling also hit Ariha, Maarat al-Numan and Jisr al-Shughur.",
        {"place.name_en": "Has"},
    ),
    "a-farm-near-a-village-not-the-gunners-base-ar": Example(
        "قتل مزارعان بقصف على مزرعة قرب قرية فطيرة، وكانت قوات النظام المتمركزة في معرة النعمان"
        " قد قصفت أيضا كفرنبل وحاس ومعرة النعمان",
        {"place.name_en": "Ftireh"},
    ),
    "a-farm-near-a-village-and-a-list-named-twice-ar": Example(
        "قتل مزارعان بقصف على مزرعة قرب قرية فطيرة، وقصفت قوات النظام أيضا كفرنبل وحاس ومعرة"
        " النعمان، ثم عادت لقصف كفرنبل ومعرة النعمان مساء",
        {"place.name_en": "Ftireh"},
    ),
    "the-clinic-of-a-village": Example(
        "A nurse was killed when a shell hit the clinic of the village of Kafr Nabl; the shells"
        " were fired from positions in Maarat al-Numan, and the wounded were taken to Idlib.",
        {"place.name_en": "Kafr Nobol", "place.kind": "village"},
    ),
    "a-village-and-its-surroundings": Example(
        "Russian jets struck Kafrnabel and its surroundings on Sunday, killing three civilians.",
        {"place.name_en": "Kafr Nobol"},
    ),
}

# A village the gazetteer lacks (or has only in another governorate) is kept as written, with
# the governorate the report gives: better an unplaced village than a wrong town.
UNPLACED = {
    # the village's word after its name ("Arzah village in …"): it gave the governorate
    "name-then-village-en": Example(
        "Gunmen killed 10 citizens in Arzah village in the northern Hama countryside on Friday.",
        {"place.name": "Arzah", "place.governorate": "Hama"},
    ),
    "village-not-in-the-gazetteer": Example(
        "Two children were killed in the village of Zizoun al-Jadida in the western Hama"
        " countryside on Sunday.",
        {"place.name": "Zizoun al-Jadida", "place.governorate": "Hama", "place.pcode": None},
    ),
    "village-not-in-the-gazetteer-ar": Example(
        "قتل مدني في قرية زيزونات بريف حماة الغربي بقصف من قوات النظام",
        {"place.name_ar": "زيزونات", "place.kind": "village", "place.governorate": "Hama"},
    ),
    "namesake-in-another-governorate": Example(
        "A young man was killed in the village of Umm Jurn in the southern Idlib countryside.",
        {"place.name_en": "Umm Jurn", "place.governorate": "Idlib", "place.lat": None},
    ),
    "namesake-in-another-governorate-ar": Example(
        "قتل طفلان بقصف على أطراف قرية أم جرن في ريف إدلب الجنوبي",
        {"place.name": "أم جرن", "place.governorate": "Idlib"},
    ),
    "not-the-town-the-wounded-were-taken-to": Example(
        "قتل شخصان بقصف على مزرعة في قرية الطيبات بريف دمشق، وأسعف الجرحى إلى مشفى مدينة دوما",
        {"place.name": "الطيبات", "place.governorate": "Rif Dimashq", "place.district": None},
    ),
    "a-village-south-of-a-city-ar": Example(
        "قتل مدني في قرية زيزونات جنوبي إدلب برصاص قناص",
        {"place.name": "زيزونات", "place.governorate": "Idlib"},
    ),
    "a-village-southwest-of-a-city-its-name-holding-another": Example(
        "A child was killed in the village of Zizoun al-Jadida, southwest of Hama.",
        {"place.name": "Zizoun al-Jadida", "place.governorate": "Hama"},
    ),
    "a-short-name-is-not-a-village-elsewhere": Example(
        "Artillery hit the village of Hiss in the Homs countryside, killing one.",
        {"place.name": "Hiss", "place.governorate": "Homs"},
    ),
}

# English spellings of villages matched by a scored similarity (consonants and vowels)
SPELT_AS_HEARD = {
    "doubled-letters": Example(
        "A shell hit the village of Hazzano, killing a child.", {"place.name_en": "Hazano"}
    ),
    "a-spelling-the-data-adds": Example(
        "Regime shelling on the town of Latamneh killed a child.", {"place.name_en": "Latmana"}
    ),
    "at-the-start-of-a-sentence": Example(
        "In Hazzano, a shell killed a child on Sunday.", {"place.name_en": "Hazano"}
    ),
    "a-vowel-of-its-own": Example(
        "A shell killed a farmer in the village of Balyoun.", {"place.name_en": "Balyun"}
    ),
    "not-the-first-word-alone": Example(
        "A shell killed a farmer in the village of Kafr Ouaid.", {"place.name_en": "Kafr Oweid"}
    ),
    "the-spelling-closest-among-namesakes": Example(
        "Shelling hit the outskirts of Kafr Rouma, killing a woman.",
        {"place.name_en": "Kafruma"},
    ),
    "the-governorate-the-report-names-hama": Example(
        "Shelling on the village of Zeizoun in the western Hama countryside killed two.",
        {"place.governorate": "Hama", "place.name_en": "Zayzun"},
    ),
    "a-direction-word-is-not-a-name": Example(
        "Shelling on the village of Zeizoun in the western Daraa countryside killed two.",
        {"place.governorate": "Daraa", "place.name_en": "Zayzun"},
    ),
    "the-governorate-the-report-names-daraa": Example(
        "Shelling on the village of Zaizoun in the Daraa countryside killed two.",
        {"place.governorate": "Daraa", "place.name_en": "Zayzun"},
    ),
}

# The capital and its countryside: the governorate is always the chosen place's own
CAPITAL = {
    "a-town-outside-the-capital-named-again-and-again": Example(
        "A mortar shell hit a school in Jaramana on Sunday, killing two children. Damascus has"
        " seen more shelling this month; Damascus residents said rockets fell in central"
        " Damascus last week.",
        {"place.name_en": "Jaramana", "place.governorate": "Rif Dimashq"},
    ),
    "a-town-outside-the-capital-named-again-and-again-ar": Example(
        "قتل مدنيان في قصف على مدينة حرستا شرق العاصمة دمشق، وقالت محافظة دمشق إن قذائف سقطت"
        " على أحياء دمشق القديمة",
        {"place.name_en": "Harasta", "place.governorate": "Rif Dimashq"},
    ),
    "east-of-the-capital": Example(
        "Shelling killed a woman in Douma, east of the capital. The army in Damascus said it had"
        " targeted militants.",
        {"place.name_en": "Duma", "place.governorate": "Rif Dimashq"},
    ),
    "a-governorate-named-for-another-reason-ar": Example(
        "قتل ثلاثة مدنيين بقصف على مدينة دوما اليوم. وفي سياق منفصل، وصلت تعزيزات عسكرية إلى"
        " حماة قادمة من حمص، وشهدت حماة اشتباكات متقطعة",
        {"place.name_en": "Duma", "place.governorate": "Rif Dimashq"},
    ),
    "a-governorate-named-for-another-reason": Example(
        "A shell hit Kisweh, killing two. In Hasakah, SDF forces arrested five men; Hasakah has"
        " seen such raids for weeks.",
        {"place.name_en": "Kisweh", "place.governorate": "Rif Dimashq"},
    ),
    "a-village-east-of-the-capital-not-in-the-gazetteer": Example(
        "Two civilians were killed in the village of Tayyibat, east of Damascus.",
        {"place.name": "Tayyibat", "place.governorate": "Rif Dimashq"},
    ),
    "a-town-near-the-capital-not-in-the-gazetteer-ar": Example(
        "قتل شخصان في بلدة الطيبات قرب دمشق",
        {"place.name": "الطيبات", "place.kind": "town", "place.governorate": "Rif Dimashq"},
    ),
    "a-village-in-rural-damascus-not-in-the-gazetteer": Example(
        "Two civilians were killed in the village of Tayyibat in rural Damascus.",
        {"place.name": "Tayyibat", "place.governorate": "Rif Dimashq"},
    ),
}

# Ordinary reports where the rules above must not fire
NOT_SPOILED = {
    # a credit at the end of a report's own line keeps its places
    "a-credit-on-the-reports-line-ar": Example(
        "قتل 5 مدنيين بقصف مدفعي على مدينة أريحا جنوب إدلب. (صورة أرشيفية)",
        {"place.name_en": "Ariha"},
    ),
    "a-credit-on-the-reports-line-en": Example(
        "Five civilians were killed in shelling on Ariha, south of Idlib, on Sunday."
        " Photo: Reuters",
        {"place.name_en": "Ariha"},
    ),
    "a-caption-in-brackets-ar": Example(
        "قتل 5 أشخاص في قصف جوي. (صورة أرشيفية من مدينة حماة) وقع القصف على قرية اللطامنة.",
        {"place.name_ar": "اللطامنة"},
    ),
    # a photograph's caption shows another day; "Damascus-backed" names a side
    "a-caption-and-a-side": Example(
        "Smoke rises after an air strike in Saraqeb, Idlib province. Photo: Reuters\n"
        "Seven civilians were killed when artillery from Damascus-backed forces hit a hospital"
        " in the city of Atareb on Sunday.",
        {"place.name_en": "Atareb", "place.governorate": "Aleppo"},
    ),
    # a wire's dateline with its date or its region is where the reporter filed from
    "a-dateline-with-its-date": Example(
        "DAMASCUS, March 10 (Reuters) - A car bomb killed four people in the town of Sarmin on"
        " Sunday.",
        {"place.name_en": "Sarmin", "place.governorate": "Idlib"},
    ),
    "a-dateline-with-its-region": Example(
        "ERBIL, Kurdistan Region - A Turkish drone strike killed a civilian in Kobani on Sunday.",
        {"place.governorate": "Aleppo"},
    ),
    # "مخيم وقرى": a camp and villages, not a camp named "القرى"
    "a-camp-and-villages": Example(
        "قتيلة وعدة جرحى في قصف على مخيم وقرى بإدلب\nقُتلت امرأة بقصف صاروخي استهدف مخيماً"
        " للنازحين قرب بلدة باتنته في ريف إدلب الشمالي.",
        {"place.name_en": "Batenta"},
    ),
    # two towns joined by "and" are two places hit, neither says where the other is
    "two-towns-hit": Example(
        "Shelling killed three civilians in Afrin and Jindires on Sunday, and wounded eight"
        " in Afrin.",
        {"place.name_en": "Afrin"},
    ),
    "a-namesake-in-the-governorate-the-sentence-names": Example(
        "قتل ثلاثة مدنيين بقصف على قرية دوما بريف حماة",
        {"place.name_en": "Duma", "place.governorate": "Hama"},
    ),
    "a-small-village-is-not-a-village-named-small-ar": Example(
        "قتل مدني في قرية صغيرة في ريف إدلب الجنوبي", {"place.name_en": "Idlib"}
    ),
    "a-neighbouring-town-is-not-a-town-named-so-ar": Example(
        "قتل شاب في بلدة مجاورة بريف درعا", {"place.name_en": "Daraa"}
    ),
    "a-poultry-farm-is-not-a-village-ar": Example(
        "قتل مدنيان في قصف على مزرعة دواجن بريف حماة", {"place.name_en": "Hama"}
    ),
    "positions-struck-are-the-place": Example(
        "Rebels shelled army positions in Jurin, killing two soldiers, while the army fired back"
        " from positions in Maarat al-Numan.",
        {"place.name_en": "Jorin"},
    ),
    "a-quarter-named-after-its-city": Example(
        "A shell hit the Daraa al-Balad district on Sunday, killing two.",
        {"place.governorate": "Daraa"},
    ),
    "a-city-word-after-the-name": Example(
        "Shelling hit Idlib City, killing two.", {"place.name_en": "Idleb"}
    ),
    "a-hospital-named-after-the-town": Example(
        "A strike hit a car near Jisr al-Shughur Hospital, killing two.",
        {"place.name_en": "Jisr-Ash-Shugur"},
    ),
    "a-crossing-named-after-the-town": Example(
        "Two were killed when shells hit Bab al-Hawa crossing.", {"place.name_en": "Bab El Hawa"}
    ),
    "a-man-is-not-a-village": Example(
        "Ahmed al-Ali was killed in an airstrike on Saraqib.", {"place.name_en": "Saraqab"}
    ),
    "a-weekday-is-not-a-village": Example(
        "A man was killed in Monday's shelling on Ariha.", {"place.name_en": "Ariha"}
    ),
    "mountains-abroad-are-no-syrian-village": Example(
        "Turkish jets bombed PKK positions in the Karjokh mountains of Iraq, killing four.",
        {"place.name_en": None},
    ),
    "a-village-the-gazetteer-has-in-the-governorate-named": Example(
        "قتل شخصان في قرية الكسوة بريف دمشق الغربي",
        {"place.name_en": "Kisweh", "place.governorate": "Rif Dimashq"},
    ),
    "a-mapped-village-and-its-governorate": Example(
        "A farmer was killed in the village of Maarzita in the southern Idlib countryside; the"
        " wounded were taken to Maarat al-Numan.",
        {"place.name_en": "Maarzita"},
    ),
    "the-capital-itself": Example(
        "A mortar shell fell on a house in Damascus, killing one; activists in Douma said.",
        {"place.governorate": "Damascus"},
    ),
    "a-district-town-with-a-kind-word": Example(
        "هجوم صاروخي على منطقة مصياف بريف حماة أسفر عن مقتل خمسة، وانطلق الهجوم من غرب مدينة"
        " بانياس وتسبب في أضرار",
        {"place.governorate": "Hama"},
    ),
}


@pytest.mark.parametrize("example", cases(PLACES_CAUGHT))
def test_places(example: Example) -> None:
    """The place struck, not a landmark, a dateline or where the victims came from."""
    assert example.found() == example.expect


@pytest.mark.parametrize(
    "example", cases(BELOW_THE_VILLAGE, UNPLACED, SPELT_AS_HEARD, CAPITAL, NOT_SPOILED)
)
def test_villages(example: Example) -> None:
    """The village itself, as the gazetteer has it or as the report writes it."""
    assert example.found() == example.expect


def test_an_unplaced_village_says_it_is_unsure() -> None:
    text = "قتل مدني في قرية زيزونات بريف حماة الغربي بقصف من قوات النظام"
    place = extract(text, ref_date=SUNDAY).incidents[0]["place"]
    assert place.confidence == 0.4
    assert place.value["pcode"] is None and place.value["lat"] is None
    assert [text[a:b] for a, b in place.spans] == ["زيزونات"]


def test_a_spelling_is_less_sure_than_a_name() -> None:
    spelt_text = "A shell hit the village of Hazzano, killing a child."
    spelt = extract(spelt_text, ref_date=SUNDAY)
    named = extract("A shell hit the village of Hazano, killing a child.", ref_date=SUNDAY)
    a, b = spelt.incidents[0]["place"], named.incidents[0]["place"]
    assert a.value["pcode"] == b.value["pcode"]
    assert a.confidence <= b.confidence
    # how alike, for whoever checks it (not part of the JSON contract)
    mention = next(m for m in Gazetteer.load().find(spelt_text) if m.text == "Hazzano")
    assert mention.score <= 1 and "consonants" in (mention.why or "")


def test_a_landmark_is_not_the_place() -> None:
    text = "Shelling killed two civilians in Zabadani, northwest of Damascus."
    place = extract(text, ref_date=SUNDAY).incidents[0]["place"].value
    assert place["governorate"] == "Rif Dimashq"


@pytest.mark.parametrize(
    "text",
    [
        "Shelling killed two civilians in a village held by Hayat Tahrir al-Sham.",
        "قتل مدنيان بقصف على قرية تسيطر عليها هيئة تحرير الشام",
    ],
    ids=["en", "ar"],
)
def test_a_group_named_after_a_place_is_not_the_place(text: str) -> None:
    """ "Hayat" is a village in As-Suwayda and "al-Sham" is Damascus, but not here."""
    assert extract(text, ref_date=SUNDAY).incidents[0]["place"].value is None


# A city's neighbourhood, named with its word: the neighbourhood as written, in the city's
# district and governorate (it gave the whole city, or the governorate)
NEIGHBOURHOODS = {
    "hood-before-its-city-ar": Example(
        "قتل ثلاثة مدنيين بقصف إسرائيلي على حي المزة بدمشق اليوم.",
        {"place.name": "المزة", "place.kind": "area", "place.governorate": "Damascus"},
    ),
    "hood-in-a-city-ar": Example(
        "قتل ثلاثة مدنيين بقصف على حي بابا عمرو في مدينة حمص اليوم.",
        {"place.name": "بابا عمرو", "place.district": "Homs", "place.governorate": "Homs"},
    ),
    "hood-of-a-city-en": Example(
        "An Israeli strike on the Mezzeh neighbourhood of Damascus killed three on Sunday.",
        {"place.name": "Mezzeh", "place.governorate": "Damascus"},
    ),
    "a-citys-hood-en": Example(
        "Three were killed in a strike on a building in Damascus's Mezzeh neighbourhood.",
        {"place.name": "Mezzeh", "place.governorate": "Damascus"},
    ),
    # a word of the name is a village elsewhere ("Touma"): the name stays whole
    "a-hood-with-a-village-in-its-name-en": Example(
        "A mortar shell hit the Bab Touma neighbourhood of Damascus on Sunday, killing two.",
        {"place.name": "Bab Touma", "place.governorate": "Damascus"},
    ),
    "the-eastern-part-of-a-hood-ar": Example(
        "قتل ثلاثة مدنيين بقصف على حي الميدان الشرقي في مدينة حلب اليوم.",
        {"place.name": "الميدان", "place.governorate": "Aleppo"},
    ),
}

NEIGHBOURHOODS_NOT = {
    "a-residential-hood-is-no-name-ar": Example(
        "قتل مدنيان بقصف على حي سكني في مدينة إدلب اليوم.",
        {"place.name": "إدلب", "place.kind": "city"},
    ),
    "a-hood-of-another-city-ar": Example(
        "قتل مدنيان بقصف على بلدة سرمين في ريف إدلب اليوم، وهما نازحان من حي الشعار في حلب.",
        {"place.name": "سرمين"},
    ),
}


@pytest.mark.parametrize("example", cases(NEIGHBOURHOODS, NEIGHBOURHOODS_NOT))
def test_a_citys_neighbourhood(example: Example) -> None:
    assert example.found() == example.expect
    if example.expect.get("place.kind") == "area":
        place = extract(example.text, ref_date=example.ref).incidents[0]["place"]
        assert place.value["pcode"] is None and place.confidence == 0.5


def test_a_neighbourhood_told_again_is_the_same_incident() -> None:
    """The city named first, its neighbourhood in the next paragraph: one incident, in the
    neighbourhood (it was split in two: the neighbourhood has no P-code to match the city)."""
    text = (
        "أُصيب خمسة أطفال بجروح جراء انفجار عبوة ناسفة في مدينة حمص اليوم.\n"
        "وبحسب سانا، أُصيب خمسة أطفال بجروح بعد انفجار عبوة ناسفة في حي بابا عمرو بمدينة حمص."
    )
    incidents = extract(text, ref_date=SUNDAY).incidents
    assert [i["place"].value["name"] for i in incidents] == ["بابا عمرو"]
