"""A toll told as all of one group: "قتل خمسة مدنيين جميعهم أطفال", "Five people were killed,
all of them children", "all of them men". The group is the whole toll; the others none."""

from __future__ import annotations

import re

from tawthiq.domain.arabic import normalize
from tawthiq.extract.casualty_words import cue_words
from tawthiq.extract.numbers import read_quantity
from tawthiq.extract.phrases import Keys
from tawthiq.extract.result import FieldResult, exact_count
from tawthiq.extract.tokens import sentence_end, tokenize

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


# what stands between the toll and "all of them" must be neither the wounded ("and seven
# were hurt, all of them children") nor another count ("a week after seven were killed")
def _another_told(between: str) -> bool:
    tokens = tokenize(between)
    keys = Keys(tokens)
    wounded = any(h.payload == "injured" for h in cue_words().categories.find(tokens, keys))
    return wounded or any(read_quantity(tokens, i) for i in range(len(tokens)))


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
    were of one group, after the toll, with no wounded and no other count told between."""
    killed = fields["killed"]
    extra = killed.extra
    if killed.value is None or extra.get("approximate") or extra.get("min") != extra.get("max"):
        return
    for s, e in killed.spans:
        m = _ALL.search(text, e, sentence_end(text, e))
        if m is None or _another_told(text[e : m.start()]):
            continue
        group = _group(m.group("who"))
        if group is None:
            continue
        n = int(killed.value)
        told = {"children": n if group == "children" else 0, "women": n if group == "women" else 0}
        span = ((s, e), (m.start(), m.end()))
        for name in ("children", "women"):
            if fields[f"killed_{name}"].value is None:
                fields[f"killed_{name}"] = exact_count(told[name], 0.6, span)
        return
