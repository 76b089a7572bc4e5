"""Names that only locate the place of an incident, or list other places hit: "X, northwest
of Damascus", "قرب دمشق", "the shelling also hit Ariha and Hass"."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from tawthiq.extract.place_names import PlaceMention

# A direction from a town locates another place by it ("X, northwest of Y"); its outskirts,
# a farm or clinic near it ("the outskirts of Kafr Rouma", "محيط قرية التح") are the town.
_REFERENCE = re.compile(  # (?=…) of the first letters: the search skips to them (as below)
    r"(?=[nsewشجغبق])(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of"
    r"|(?:شمال|جنوب|شرق|غرب)(?:\s+(?:شرق|غرب))?|(?:بالقرب من|قرب)\s+مدينة)\s*$",
    re.IGNORECASE,
)


# the places a report lists as also hit, after the one it tells of ("وطال القصف أيضا …")
_ALSO = re.compile(
    r"(?=[aأاك])(?:\balso\b|\bas\s+well\b|أيضا|أيضاً|ايضا|كما\s+(?:طال|طالت|استهدف|استهدفت|قصف|قصفت|شمل|شملت))"
    r"[^.!?؛\n]*$",
    re.IGNORECASE,
)


def listed_also(text: str, m: PlaceMention) -> bool:
    return _ALSO.search(text, max(0, m.start - 90), m.start) is not None


# Damascus governorate is the city alone: "جنوبي دمشق", "قرب دمشق", "محيط العاصمة دمشق",
# "south of the capital Damascus" lie outside it. Near, around, outside it is Rural Damascus
# (_NEAR_THE_CAPITAL); a direction alone may be inside the city, and only locates the place.
_THE_CAPITAL_AR = r"(?:ال)?(?:عاصمة\s+(?:ال)?(?:سورية\s+)?)?"
_NEAR_THE_CAPITAL = re.compile(
    rf"(?:(?:محيط|أطراف|ضواحي|قرب|بالقرب\s+من)\s+{_THE_CAPITAL_AR}"
    r"|(?:near|outside|(?:the\s+)?countryside\s+of|suburbs\s+of)\s+"
    r"(?:the\s+(?:syrian\s+)?capital,?\s+)?)$",
    re.IGNORECASE,
)
_TOWARDS_THE_CAPITAL = re.compile(
    rf"(?:(?:شمال|جنوب|شرق|غرب)ي?(?:\s+(?:شرق|غرب)ي?)?\s+{_THE_CAPITAL_AR}"
    r"|(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of\s+the\s+(?:syrian\s+)?capital,?\s+)$",
    re.IGNORECASE,
)
RURAL_DAMASCUS = "Rif Dimashq"
_CAPITAL_SUBURBS = re.compile(r"(?:['’]s)?\s+(?:suburbs|countryside|outskirts)\b", re.I)


def is_reference(text: str, m: PlaceMention) -> bool:
    """A place named only to locate another: "X, northwest of Damascus"."""
    before = text[max(0, m.start - 40) : m.start]
    if _REFERENCE.search(before[-25:]):
        return True
    towards = _capital(m) and _TOWARDS_THE_CAPITAL.search(before) is not None
    return towards or around_the_capital(text, m)


def only_landmarks(mentions: Sequence[PlaceMention], landmark: Sequence[bool]) -> set[str]:
    """The places every mention of which only locates another (``landmark``: a reference,
    "قرب مدينة سلقين", or the town after a village, "قرية العلاني التابعة لمدينة سلقين"),
    by P-code."""
    seen: dict[str, bool] = {}
    for m, only in zip(mentions, landmark, strict=True):
        for p in m.place_candidates:
            seen[p.pcode] = seen.get(p.pcode, True) and only
    return {pcode for pcode, only in seen.items() if only}


def _capital(m: PlaceMention) -> bool:
    return any(p.kind == "governorate" and p.governorate == "Damascus" for p in m.place_candidates)


def around_the_capital(text: str, m: PlaceMention) -> bool:
    """Damascus named to say where around it: "near Damascus", "the Damascus suburbs",
    "قرب دمشق" lie in Rural Damascus (the governorate of Damascus is the city). A direction
    alone ("جنوب دمشق", "in the south of Damascus") may be inside the city: a landmark."""
    before = text[max(0, m.start - 40) : m.start]
    return _capital(m) and (
        _NEAR_THE_CAPITAL.search(before) is not None
        or _CAPITAL_SUBURBS.match(text, m.end) is not None
    )


# the words that may stand between a place and a larger one that says where it is ("Jindires
# town in Afrin city", "قرية زيدل بريف حمص", "al-Busayrah in the eastern countryside of")
_LINKS = frozenset(
    {
        *("in", "of", "near", "outside", "within", "the", "town", "city", "village", "camp"),
        *("district", "area", "countryside", "region", "province", "governorate"),
        *("neighbourhood", "neighborhood", "subdistrict", "eastern", "western", "northern"),
        *("southern", "north", "south", "east", "west", "جنوب", "شمال", "شرق", "غرب"),
        *("في", "بريف", "ريف", "قرب", "بالقرب", "من", "ضمن", "التابعة", "التابع", "لمدينة"),
        *("ل", "لـ", "بمدخل", "مدخل"),  # "التابعة لـ مدينة سلقين", "رساس بمدخل مدينة السويداء"
        *("لبلدة", "لناحية", "لمنطقة", "مدينة", "مدينه", "بلدة", "بلده", "منطقة", "ناحية"),
        *("الشرقي", "الغربي", "الشمالي", "الجنوبي", "شرقي", "غربي", "شمالي", "جنوبي"),
    }
)
_LINKING = frozenset(
    [
        "بمدخل",
        "in",
        "of",
        "near",
        "outside",
        "within",
        "في",
        "بريف",
        "ريف",
        "قرب",
        "ضمن",
        "التابعة",
        "التابع",
        "جنوب",
        "شمال",
        "شرق",
        "غرب",
        "جنوبي",
        "شمالي",
        "شرقي",
        "غربي",
    ]
)
_GAP_WORDS = re.compile(r"[^\W\d_]+", re.UNICODE)


# "the Deir al-Zor town of Shaqra", "Idlib's village of Kansafra": the one before locates
_OF_ITS_TOWN = re.compile(
    r"(?:['’]s)?\s+(?:town|village|city|camp|neighbou?rhood)\s+of\s+(?:the\s+)?", re.IGNORECASE
)


def locates_the_one_before(text: str, before: PlaceMention, m: PlaceMention) -> bool:
    """Whether ``m`` only says where the place named just before it lies ("Jindires town in
    Afrin city", "قرية زيدل بريف حمص", "Tishreen Dam near Manbij"): a town or camp, then a
    few linking words and no "and", comma list or full stop."""
    gap = text[before.end : m.start]
    if not 0 < len(gap) <= 40 or any(c in gap for c in ".؛;\n(") or gap.count(",") > 1:
        return False
    if _OF_ITS_TOWN.fullmatch(gap):  # "al-Sheikh Miskin city of Daraa", not "the Idlib
        return _a_unit(m) and not _a_unit(before)  # village of Kansafra": the unit locates
    words = [w.lower() for w in _GAP_WORDS.findall(gap)]
    if not words or not all(w in _LINKS for w in words) or not _LINKING & set(words):
        return False
    return any(p.kind in ("camp", "community") for p in before.place_candidates)


def locates_the_one_after(text: str, m: PlaceMention, after: PlaceMention) -> bool:
    """Whether ``m`` only says where the town named right after it lies ("the Deir al-Zor
    town of Shaqra")."""
    return (
        _OF_ITS_TOWN.fullmatch(text, m.end, after.start) is not None
        and _a_unit(m)
        and not _a_unit(after)
        and any(p.kind in ("camp", "community") for p in after.place_candidates)
    )


def _a_unit(m: PlaceMention) -> bool:
    """A name that is a governorate's ("Idlib", "Daraa"), not a town a district is named
    after ("Ariha")."""
    return any(p.kind == "governorate" for p in m.place_candidates)


# a photograph's caption ("Smoke rises after an air strike in Saraqeb … Photo: Reuters",
# "صورة أرشيفية"): a picture of another day, not the report
_CAPTION = re.compile(
    r"(?=[pfg/raأص(\[])"
    r"(?:\bphoto\b|\bfile picture\b|\bgetty images\b|/\s*(?:reuters|afp|ap)\b|\b(?:reuters|afp)\s*/"
    r"|\[[^\[\]\n]{0,60}\b(?:agency|images|anadolu)\]"  # "[Asaad Al Asaad - Anadolu Agency]"
    r"|صورة أرشيفية|صورة تعبيرية|\(أرشيف|أرشيفية\))",
    re.IGNORECASE,
)


HARM = re.compile(
    r"(?=[kdwiقمجإاأشضو])"
    r"(?:kill|dead|died|death|wound|injur|قتل|مقتل|قتلى|جرح|جرحى|إصاب|اصاب|أصيب|استشهد|شهيد|ضحايا|وفاة)",
    re.IGNORECASE,
)


def in_a_caption(text: str, m: PlaceMention) -> bool:
    """Whether the place is named in a photograph's caption: inside the brackets of one
    ("(صورة أرشيفية من مدينة حماة)"), or on a line of its own that tells of no one harmed
    ("Smoke rises after an air strike in Saraqeb … Photo: Reuters"). A report's line with a
    credit at its end ("قتل 5 مدنيين في أريحا (صورة أرشيفية)") keeps its places."""
    opened = text.rfind("(", 0, m.start)
    shut = text.find(")", m.end)
    inside = opened >= 0 and shut >= 0 and ")" not in text[opened : m.start]
    if inside and shut - opened < 120 and _CAPTION.search(text, opened, shut):
        return True
    start = text.rfind("\n", 0, m.start) + 1
    end = text.find("\n", m.end)
    line = text[start : len(text) if end < 0 else end]
    return len(line) < 300 and _a_caption(line)


@lru_cache(maxsize=4096)
def _a_caption(line: str) -> bool:
    """A line (of every place it names: asked again for each) with a credit, telling of no
    one harmed."""
    return _CAPTION.search(line) is not None and not HARM.search(line)


_ADJECTIVE = re.compile(
    r"[-‐]\s?(?:backed|led|based|held|controlled|allied|aligned|affiliated)\b", re.I
)


def names_a_side(text: str, m: PlaceMention) -> bool:
    """ "Damascus-backed forces", "Ankara-led", "Idlib-based": a side, not a place."""
    return _ADJECTIVE.match(text, m.end) is not None
