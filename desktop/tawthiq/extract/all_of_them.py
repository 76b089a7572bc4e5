"""A toll told as all of one group: "قتل خمسة مدنيين جميعهم أطفال", "Five people were killed,
all of them children", "all of them men". The group is the whole toll; the others none."""

from __future__ import annotations

import re

from tawthiq.domain.arabic import normalize
from tawthiq.extract.result import FieldResult
from tawthiq.extract.tokens import sentence_end

_ALL = re.compile(
    r"(?:\bو?(?:جميعهم|جميعهن|كلهم|كلهن)|\ball\s+of\s+them\b|\bthey\s+were\s+all\b)[\s,]*"
    r"(?:من\s+)?(?P<who>[^\W\d_]+(?:\s+[^\W\d_]+){0,2})",
    re.IGNORECASE,
)
# the group's words (normalised: أ إ آ -> ا, ة -> ه), the article left out
_GROUP = {
    **dict.fromkeys(("اطفال", "قاصرين", "قاصرون", "children", "kids", "minors"), "children"),
    **dict.fromkeys(("نساء", "سيدات", "women"), "women"),
    **dict.fromkeys(("رجال", "شبان", "men", "young men"), "men"),
}
# the injured told between the toll and "all of them": the words may be theirs
_WOUNDED = re.compile(r"جرح|جريح|مصاب|اصاب|إصاب|أصيب|injur|wound|\bhurt\b", re.IGNORECASE)
# another count told between the toll and "all of them" ("a week after seven were killed")
_ANOTHER_COUNT = re.compile(
    r"\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|dozens?)\b"
    r"|اثن|ثلاث|أربع|اربع|خمس|ست|سبع|ثمان|تسع|عشر",
    re.IGNORECASE,
)


def _group(who: str) -> str | None:
    """The one group ``who`` names; none where it goes on to another ("women and children",
    "الأطفال والنساء", "رجال وفتيان")."""
    words = normalize(who).lower().split()
    if any(w == "and" or (w.startswith("و") and len(w) > 3) for w in words[1:]):
        return None
    if words and words[0].startswith("ال") and len(words[0]) > 4:
        words[0] = words[0][2:]
    for n in (2, 1):
        group = _GROUP.get(" ".join(words[:n]))
        if group:
            return group
    return None


def settle_all_of_them(fields: dict[str, FieldResult], text: str) -> None:
    """Children and women among the killed where the toll's own sentence says all of them
    were of one group, after the toll and with no wounded told between."""
    killed = fields["killed"]
    extra = killed.extra
    if killed.value is None or extra.get("approximate") or extra.get("min") != extra.get("max"):
        return
    for s, e in killed.spans:
        m = _ALL.search(text, e, sentence_end(text, e))
        if m is None or _WOUNDED.search(text, e, m.start()):
            continue
        if _ANOTHER_COUNT.search(text, e, m.start()):
            continue
        group = _group(m.group("who"))
        if group is None:
            continue
        n = int(killed.value)
        told = {"children": n if group == "children" else 0, "women": n if group == "women" else 0}
        span = ((s, e), (m.start(), m.end()))
        for name in ("children", "women"):
            field = f"killed_{name}"
            if fields[field].value is None:
                value = told[name]
                fields[field] = FieldResult(
                    value, 0.6, span, {"min": value, "max": value, "approximate": False}
                )
        return
