"""Which casualty word a figure belongs to: the cue right after its number, before it, or
further on in its sentence, and the figures that belong to no toll at all.

``casualties`` gathers the figures and counts them; this module only reads the words
around one figure, so the rules of where a cue may stand sit apart from the counting.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from tawthiq.extract.casualty_words import cue_words
from tawthiq.extract.numbers import read_quantity
from tawthiq.extract.people import Item, of_them
from tawthiq.extract.phrases import Hit, Keys, key_of
from tawthiq.extract.tokens import Token

_WINDOW_BEFORE = 4
_WINDOW_FORWARD = 12
# as keys: the light stemmer reads "بينهم" as ب + "ينهم"
_BREAKDOWN_WORDS = frozenset(key_of(w) for w in ("بينهم", "منهم", "بينهن", "including", "among"))


class _Before:
    """``[i]``: the nearest of ``marks`` (token indices, ascending) before token ``i`` in its
    sentence, or -1: found when asked (a figure or two a sentence), not for every token."""

    def __init__(self, marks: Sequence[int], sent: Sequence[int]) -> None:
        self._marks, self._sent = marks, sent

    def __getitem__(self, i: int) -> int:
        k = bisect.bisect_left(self._marks, i) - 1
        if k < 0 or self._sent[self._marks[k]] != self._sent[i]:
            return -1
        return self._marks[k]


class _AnyBefore(_Before):
    """``[i]``: whether one of ``marks`` stands before token ``i`` in its sentence."""

    def __getitem__(self, i: int) -> bool:
        return super().__getitem__(i) >= 0


@dataclass
class SentenceScan:
    """Per token, what stands earlier in its sentence (read in lists made once per text, so
    a long report full of numbers stays linear)."""

    update_before: _AnyBefore  # a word of an update ("ارتفع", "rose to")
    cue_before: _Before  # the nearest casualty word before, in the sentence, or -1

    @classmethod
    def of(
        cls, keys: Sequence[str], sent: Sequence[int], cat_at: dict[int, Hit[str]]
    ) -> SentenceScan:
        updates = cue_words().update
        if isinstance(keys, Keys):  # where the text's words stand, known already
            at = keys.positions()
            marks = sorted(i for w in updates & at.keys() for i in at[w] if keys[i] == w)
        else:
            marks = [i for i, key in enumerate(keys) if key in updates]
        return cls(_AnyBefore(marks, sent), _Before(sorted(cat_at), sent))


_FAMILY = frozenset({"family", "عائله", "اسره", "العائله", "الاسره"})  # "one family"
_TOOK_LIFE = "بحياه"
_TOOK = frozenset({"اودي", "اودت", "يودي", "تودي", "اودتا", "اوديا", "اودوا"})
_TOOK_REACH = 10  # words: "أودى القصف المدفعي العنيف الذي استهدف الأحياء السكنية بحياة"
_MET_REACH = 16  # words: "لقي طفل صغير لم يتجاوز الثالثة من عمره مصرعه"
_LIVES = frozenset({"حياتهم", "حياته", "حياتها", "حياتهما"})
_LOST = frozenset({"فقد", "فقدت", "فقدوا", "فقدا", "وفقد", "وفقدت", "وفقدوا"})


_MET = frozenset(
    {"لقي", "لقيت", "لقيا", "لقوا", "لقين", "لقيتا", "يلقي", "تلقي", "يلقون", "يلقين"}
    | {"لاقي", "لاقت", "لاقوا"}
)
_DEATH = ("حتف", "مصرع")


def lost_life(i: int, tokens: Sequence[Token], sent: Sequence[int]) -> bool:
    """ "حياتهم" tells of a death only after "فقد" ("فقد ۳ أطفال أشقاء حياتهم"), not in
    "يخاطرون بحياتهم"; "لقي" only before "حتفه" or "مصرعه" ("لقي طفل صغير مصرعه", not
    "لقي ترحيباً"); every other cue word stands alone."""
    word = tokens[i].norm.removeprefix("و")
    if word == _TOOK_LIFE:  # "أودى الانفجار بحياة طفلين", "يودي بحياة شاب"
        before = range(max(0, i - _TOOK_REACH), i)
        return any(sent[k] == sent[i] and tokens[k].norm.removeprefix("و") in _TOOK for k in before)
    if word in _MET:
        ahead = range(i + 1, min(len(tokens), i + 1 + _MET_REACH))
        return any(sent[k] == sent[i] and tokens[k].norm.startswith(_DEATH) for k in ahead)
    if tokens[i].norm.lstrip("وفب") not in _LIVES:
        return True
    return any(tokens[k].norm in _LOST and sent[k] == sent[i] for k in range(max(0, i - 8), i))


_DEATH_OF = frozenset(key_of(w) for w in ("وفاه", "موت", "died", "death"))
_PARTITIVE = frozenset({"of", "من"})
_DIED = frozenset(
    key_of(w)
    for w in ("died", "succumbed", "توفي", "توفوا", "توفيت", "فارق", "فارقوا", "قضى", "قضوا")
)


_DEATH_OR_DIED = _DEATH_OF | _DIED


def moved_between_tolls(
    it: Item,
    tokens: Sequence[Token],
    keys: Sequence[str],
    sent: Sequence[int],
    cat_at: dict[int, Hit[str]],
) -> bool:
    """A number of the wounded who later died ("after two of the wounded died", "بعد وفاة
    اثنين من الجرحى"): they moved from one toll to the other and are neither toll."""
    j = (it.number_last if it.number_last >= 0 else it.first) + 1
    if j >= len(tokens) or tokens[j].norm not in _PARTITIVE:
        return False
    k = j + 1 + (j + 1 < len(tokens) and tokens[j + 1].norm == "the")
    if k not in cat_at or cat_at[k].payload != "injured":
        return False
    before = any(keys[b] in _DEATH_OR_DIED for b in range(max(0, it.first - 2), it.first))
    after = any(
        keys[a] in _DIED or tokens[a].norm.startswith(("died", "succumb"))
        for a in range(k + 1, min(len(tokens), k + 5))
        if sent[a] == sent[k]
    )
    return before or after


_WAS = frozenset({"was", "were"})
_FIRST = frozenset({"first", "الاولي", "الاول"})
_LATER = frozenset({"second", "third", "الثانيه", "الثاني", "الثالثه", "الثالث"})


def piece_of_a_toll(it: Item, tokens: Sequence[Token], before: Item | None) -> bool:
    """ "3 were killed in the first strike and 2 in the second", "قتل 3 في الغارة الأولى و2
    في الثانية": one attack's toll told in pieces, which add up (a town after "and 4" is
    another attack's, not a piece of this one)."""
    if before is None or not 0 < it.first - before.last <= 12:
        return False
    opens = tokens[it.first].norm.startswith("و") or tokens[it.first - 1].norm == "and"
    first = any(tokens[k].norm in _FIRST for k in range(before.last + 1, it.first))
    later = any(tokens[k].norm in _LATER for k in range(it.last + 1, min(len(tokens), it.last + 4)))
    return opens and first and later


def passive_cue(it: Item, tokens: Sequence[Token], cat_at: dict[int, Hit[str]]) -> str | None:
    """The cue told of people right after them in English: "… and five others were
    injured", "… and a number of civilians were wounded"."""
    k = it.last + 1
    if k + 1 < len(tokens) and tokens[k].norm in _WAS and k + 1 in cat_at:
        return cat_at[k + 1].payload or None
    return None


def among_cue(
    last: int, cat_at: dict[int, Hit[str]], sent: Sequence[int], keys: Sequence[str]
) -> str | None:
    """ "3 أطفال وامرأة كانوا من بين القتلى", "… were among the dead"."""
    for j in range(last + 1, min(len(keys), last + 9)):
        if sent[j] != sent[last]:
            return None
        if keys[j] in ("بين", "among") and j + 1 < len(keys) and (j + 1) in cat_at:
            return cat_at[j + 1].payload
    return None


def category_near(
    it: Item,
    cat_at: dict[int, Hit[str]],
    sent: Sequence[int],
    tokens: Sequence[Token],
    keys: Sequence[str],
    scan: SentenceScan,
    commas: set[int],
) -> tuple[str, str] | None:
    """The killed/injured cue of a figure and where it stands: right after the number
    ("9 قتلى", "8 killed"), before it ("مقتل 9 مدنيين", "killed eight people"), or further
    on ("three people, including a child, were killed"; "ستة مدنيين … لقوا حتفهم")."""
    verbs = cue_words().verbs
    first, last = it.first, it.last
    after_number = (it.number_last if it.number_last >= 0 else first) + 1

    def cue(j: int, *, opening_verb_ok: bool) -> str | None:
        if not (0 <= j < len(tokens)) or j not in cat_at or sent[j] != sent[first]:
            return None
        t = tokens[cat_at[j].first]
        opens_clause = t.is_arabic and t.norm[:1] in ("و", "ف")
        if not opening_verb_ok and opens_clause and key_of(_bare(t.norm)) in verbs:
            return None  # "استشهد طفلان وأصيب شخصان": "وأصيب" opens the next clause
        return cat_at[j].payload

    opener = after_number < len(tokens) and tokens[after_number].norm[:1] in ("و", "ف")
    # "kills 2, injures 12": past a comma, a verb with a number of its own is that number's
    opener = opener or (
        after_number in commas
        and after_number + 1 < len(tokens)
        and tokens[after_number].norm.isascii()
        and (
            tokens[after_number + 1].norm.isdigit()
            or read_quantity(tokens, after_number + 1) is not None
        )
    )
    right_after = None if opener else cue(after_number, opening_verb_ok=False)
    if right_after:  # "9 قتلى"; but "ممرض ومريضين، وإصابة 12": "وإصابة" opens a clause
        if right_after == "injured" and first > 0 and keys[first - 1] in _DEATH_OF:
            return "killed", "right_after"  # "وفاة ثلاثة مصابين": three of the injured died
        return right_after, "right_after"

    # "11 people, including five children under the age of sixteen and three women, were
    # killed": a breakdown set off by commas right after the figure is read past
    listed = last + 1 in commas and last + 1 < len(tokens) and keys[last + 1] in _BREAKDOWN_WORDS
    window = _WINDOW_FORWARD * (2 if listed else 1)

    def forward() -> str | None:
        if it.cue_at >= 0:  # "A man from Theyban town …, named as …, was shot dead"
            return cue(it.cue_at, opening_verb_ok=False)
        for j in range(last + 1, min(len(tokens), last + 1 + window)):
            found = cue(j, opening_verb_ok=False)
            if found:
                return found
            if tokens[j].start < it.told_until:
                continue  # "three civilians (two children and a woman) were killed"
            aside = any(
                keys[k] in _BREAKDOWN_WORDS or keys[k] in cue_words().ages
                for k in range(max(0, j - 3), j)
            )  # "بينهم ثلاثة", "aged 8 and 10"
            # "11 people, including five children and three women, were killed": the whole
            # breakdown set off by commas right after the figure is an aside
            listing = listed and not any(k in commas for k in range(last + 2, j + 1))
            if aside or listing:
                continue
            digits = tokens[j].norm.isdigit()
            q = None if digits else read_quantity(tokens, j)
            if digits or q:
                after = (q.last if q else j) + 1
                if of_them(tokens, after):
                    continue  # "Five civilians, three of them children, were killed"
                if after < len(keys) and tokens[after].norm in _FAMILY:
                    continue  # "Five Syrians from one family … were killed"
                return None
        return None

    # English only (Arabic writes "أسفر عن مقتل، ثلاثة …" too), and not for a breakdown
    # ("killed three civilians, two women and a child, and injured nine"): a comma between
    # the figure and a cue before it leaves the figure to the cue after it ("18 were killed,
    # 16 were injured"; "confirming the deaths, reported that five others were injured")
    apart = it.group not in ("children", "women", "men")
    crossed = False
    for j in range(first - 1, max(-1, first - 1 - _WINDOW_BEFORE), -1):
        # ("Child killed, mother and sister wounded": a cue closing its clause with a comma)
        crossed = crossed or ((apart or j in cat_at) and j + 1 in commas)
        if tokens[j].norm in ("and", "but"):  # "a child was killed and three were wounded"
            ahead = forward()
            if ahead:
                return ahead, "forward"
        found = cue(j, opening_verb_ok=True)
        if found and crossed and tokens[j].norm.isascii():  # an English cue word
            ahead = forward()
            if ahead:
                return ahead, "forward"
        if found:
            return found, "before"
    ahead = forward()
    if ahead:
        return ahead, "forward"
    # "ارتفع عدد القتلى جراء القصف على البلدة أمس إلى أحد عشر": the cue opened the sentence
    k = scan.cue_before[first]
    if scan.update_before[first] and k >= 0:
        return cat_at[k].payload, "before"
    return None


def _bare(norm: str) -> str:
    return norm[1:] if norm[:1] in ("و", "ف") and len(norm) > 3 else norm


_JOINED_BY = frozenset({"and", "or", "و", "او", "أو", "/"})
_VICTIMS = frozenset({"ضحيه", "ضحايا", "ضحيتها", "ضحيته", "ضحاياه", "ضحاياها", "victims"})
_TWO_WOUNDED = frozenset({"جريحين", "جريحان", "مصابين", "مصابان"})
_JOINT_REACH = 3  # tokens between a figure and a joint cue ("قتل وأصيب ما لا يقل عن 5")
_DEAD_NOUNS = frozenset({"قتيل", "قتيلا", "قتلي", "شهيد", "شهيدا", "شهداء", "dead"})
_WOUNDED_NOUNS = frozenset(
    {"جريح", "جريحا", "جرحي", "مصاب", "مصابا", "مصابين", "wounded", "injured"}
)

# the nouns as written, with a conjunction or without: the words to look at again
_HARM_NOUN_FORMS = frozenset(
    w for n in _DEAD_NOUNS | _WOUNDED_NOUNS for w in (n, "و" + n)
)  # fmt: skip


def joint_cues(
    tokens: Sequence[Token], sent: Sequence[int], cat_at: dict[int, Hit[str]]
) -> set[int]:
    """The tokens of a killed word and an injured word told together ("قتيل وجريح",
    "شهيداً وجريحاً", "قتل وأصيب", "killed or wounded"): a figure they count is everyone
    harmed, not the dead nor the wounded."""
    hits = sorted({id(h): h for h in cat_at.values()}.values(), key=lambda h: h.first)
    # the nouns of one dead and one wounded ("بين قتيل وجريح") are no cue of a figure alone
    hits += [
        tuple.__new__(Hit, (kind, i, i, tokens[i].start, tokens[i].end))
        for i, norm in enumerate([t[1] for t in tokens])
        if norm in _HARM_NOUN_FORMS
        for kind, nouns in (("killed", _DEAD_NOUNS), ("injured", _WOUNDED_NOUNS))
        if norm.removeprefix("و") in nouns and i not in cat_at
    ]
    hits.sort(key=lambda h: h.first)
    people = cue_words().people
    out: set[int] = set()
    for a, b in itertools.pairwise(hits):
        if {a.payload, b.payload} != {"killed", "injured"} or sent[a.first] != sent[b.first]:
            continue
        between = [tokens[k].norm for k in range(a.last + 1, b.first)]
        if len(between) > 1 or not all(w in _JOINED_BY for w in between):
            continue
        if not between and not tokens[b.first].norm.startswith("و"):
            continue  # "بعد وفاة جريح": one of the wounded died, nobody counted together
        if tokens[b.first].norm.removeprefix("و") in _TWO_WOUNDED:
            continue  # "3 شهداء وجريحين": two wounded, a figure of their own
        # "4 قتلوا وأصيب 8", "أربعة مدنيين قتلوا وأصيب 15": each word has its own figure
        before = any(
            _a_number(tokens, k) or _a_person(tokens, k) or key_of(tokens[k].norm) in people
            for k in range(max(0, a.first - 3), a.first)
        )  # "مدنياً قتل وأصيب أربعة آخرون"
        if before and (_a_number(tokens, b.last + 1) or _a_person(tokens, b.last + 1)):
            continue  # ("ثلاثة مدنيين قتلوا وأصيب آخر": the wounded one is told after)
        if _others_counted(tokens, b.last + 1):
            continue  # "خمسة أشخاص من عائلة الحسين، قتلوا وأصيب ثلاثة آخرون": others
        out.update(range(a.first, b.last + 1))
    return out


def _a_person(tokens: Sequence[Token], k: int) -> bool:
    """ "آخر", "طفل", "شخصان", "آخرون", "عدد": people named without a number."""
    if not 0 <= k < len(tokens):
        return False
    key, cues = key_of(tokens[k].norm), cue_words()
    return key in cues.singular or key in cues.dual or key in cues.plural or key == "عدد"


_OTHERS = frozenset({"اخرون", "اخرين", "others", "other"})


def _others_counted(tokens: Sequence[Token], k: int) -> bool:
    """A number at ``k`` of "others" ("ثلاثة آخرون", "three others"): people of their own,
    after those told before."""
    q = read_quantity(tokens, k) if 0 <= k < len(tokens) else None
    return q is not None and q.last + 1 < len(tokens) and tokens[q.last + 1].norm in _OTHERS


def _a_number(tokens: Sequence[Token], k: int) -> bool:
    if not 0 <= k < len(tokens):
        return False
    return tokens[k].norm.isdigit() or read_quantity(tokens, k) is not None


def counts_everyone_harmed(
    it: Item,
    joint: set[int],
    sent: Sequence[int],
    cat_at: dict[int, Hit[str]],
    tokens: Sequence[Token],
) -> bool:
    """Whether a figure stands next to a killed-and-injured pair ("40 مدنيا بين قتيل
    وجريح", "killed and injured at least 5 people"), nearer than any word of its own
    ("3 قتلى و5 جرحى", "killed 3 civilians; the dead and wounded were taken …")."""
    if not joint:
        return False
    s = sent[it.first]
    away = [(it.first - k, k) for k in range(it.first - _JOINT_REACH, it.first)]
    away += [(k - it.last, k) for k in range(it.last + 1, it.last + 1 + _JOINT_REACH)]
    # the word right after the number is its own ("قتلى وجرحى، 3 قتلى"): after goes first
    near = sorted((d, k < it.first, k) for d, k in away if 0 <= k < len(sent) and sent[k] == s)
    # "راح ضحيتها 40 مدنيا بين قتيل وجريح": victims are the dead and the wounded alike
    first = next(
        (
            k
            for _, _, k in near
            if k in joint or (k in cat_at and _bare(tokens[k].norm) not in _VICTIMS)
        ),
        None,
    )
    return first is not None and first in joint
