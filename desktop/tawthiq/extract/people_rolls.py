"""People named without a number: victims named one by one after a cue (the roll, "مقتل كل من
الطفل فلان … والسيدة فلانة"), a person told by their name ("الطفل محسن"), and a person
named with an article ("a young woman", "a child was killed")."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tawthiq.extract.ages import age_after_person, name_word
from tawthiq.extract.casualty_words import STRUCK_WITH, cue_words
from tawthiq.extract.numbers import may_start, read_quantity
from tawthiq.extract.phrases import Hit, key_of
from tawthiq.extract.tokens import Token

_EACH = frozenset({"كل", "كلا"})  # ("كلاً" is read "كل")
_ROLL_WORDS = 60  # how far a roll of names goes on after "مقتل كل من"


def roll_calls(tokens: Sequence[Token], cat_at: dict[int, Hit[str]]) -> list[tuple[int, int]]:
    """Where victims are named one by one after a cue and "كل من" ("مقتل كلا من الطفل فلان
    … والسيدة فلانة"): the token ranges (after "من", up to a stretch of words)."""
    out = []
    cues = sorted(cat_at)
    for j in {h.last for h in cat_at.values()}:
        if j + 2 < len(tokens) and tokens[j + 1].norm in _EACH and tokens[j + 2].norm == "من":
            start, end = j + 2, min(len(tokens) - 1, j + 2 + _ROLL_WORDS)
        elif _named_after(tokens, j):
            # "مقتل الشاب ياسر فلاحة … والطفل عمر حمدان": the first named right after the cue
            start, end = j, min(len(tokens) - 1, j + _SHORT_ROLL)
            # … before the cause or the place is told ("مقتل الطفل أحمد بقصف …، والطفل محمد
            # في حالة حرجة": the second is no one of the roll)
            end = next(
                (k for k in range(j + 2, end)
                 if _unnamed_person(tokens, k) or tokens[k].norm in _CAUSE_OR_PLACE),
                end,
            )  # fmt: skip
            if not any(
                tokens[k].norm.startswith("و") and _named_after(tokens, k - 1, joined=True)
                for k in range(j + 3, end)
            ):
                continue  # one named: no roll ("مقتل الشاب أحمد" is the one told)
        else:
            continue
        # the roll ends where the cause is told ("… جراء قصف", "… اثر انفجار"), or
        # where another cue begins ("… وإصابة الطفل علي", "… أصيب الطفل علي")
        end = next((k for k in range(start + 1, end) if tokens[k].norm in _ROLL_ENDS), end)
        end = next((k for k in cues if start < k < end), end)
        out.append((start, end))
    return out


_SHORT_ROLL = 25  # how far the people named after a cue with no "كل من" may go on
_CAUSE_OR_PLACE = STRUCK_WITH | {"في", "جراء", "اثر", "إثر", "نتيجه", "هو", "هي"}


def _named_after(tokens: Sequence[Token], j: int, *, joined: bool = False) -> bool:
    """ "مقتل الشاب ياسر": a person with the article, then a name, right after ``j`` (with
    "و" before the person, ``joined``: "والطفل عمر")."""
    person = tokens[j + 1].norm.removeprefix("و") if joined and j + 1 < len(tokens) else ""
    person = person or (tokens[j + 1].norm if j + 1 < len(tokens) else "")
    if j + 2 >= len(tokens) or not person.startswith("ال"):
        return False
    name = tokens[j + 2]
    return (
        key_of(person) in cue_words().singular
        and name.is_arabic
        and not name.norm.startswith(("ال", "و"))
        and key_of(name.norm) not in cue_words().people
    )


def _unnamed_person(tokens: Sequence[Token], k: int) -> bool:
    """ "وطفل", "وامرأة": a person with no article, who is no one named."""
    norm = tokens[k].norm.removeprefix("و")
    return not norm.startswith("ال") and key_of(norm) in cue_words().singular


_ROLL_ENDS = frozenset({"جراء", "بسبب", "اثر", "إثر", "نتيجه", "بعد", "فيما", "كما", "بينما"})


def by_name(
    tokens: Sequence[Token], keys: Sequence[str], group_at: dict[int, Hit[str]], i: int
) -> bool:
    """A definite person followed by a name, neither by another definite word nor after
    another person ("والدة الطفل فلان": the mother of one)."""
    nxt = tokens[i + 1].norm if i + 1 < len(tokens) else ""
    after_person = i > 0 and ((i - 1) in group_at or keys[i - 1] in cue_words().singular)
    return bool(nxt) and not nxt.startswith("ال") and not nxt.isdigit() and not after_person


WAS = frozenset({"was", "were"})
# "a man from Theyban town", "a resident of Daraa", "A man, identified as …, was shot dead"
_FROM = frozenset({"from", "of", "in", "identified", "named"})
_YEARS = frozenset({"year", "years"})
_FROM_WORDS = 24  # how far where a person came from and who they were may go on
# words that open a clause of its own ("a woman from the village said two children were
# killed", "a man from Daraa whose son was killed"): the cue after them is not the person's
_NOT_OF_THEM = frozenset(
    {"said", "says", "told", "tells", "that", "whose", "where", "when", "while", "after",
     "who", "which", "according", "added", "reported", "reports", "because", "but",
     "confirmed", "confirms", "described", "describes", "explained", "explains", "recounted",
     "recalled", "witnessed", "saw", "stated", "noted", "spoke", "speaking", "how", "whether"}
)  # fmt: skip


def noun_after(
    tokens: Sequence[Token], keys: Sequence[str], i: int, group_at: dict[int, Hit[str]]
) -> tuple[int, int | None] | None:
    """The person named after the article at ``i``, past words that only describe them
    ("a young woman", "his 12-year-old son"): (the noun's token, an age given), or None."""
    modifiers, age, j = cue_words().modifiers, None, i + 1
    while j < len(tokens) and j - i <= 4:
        # "a young man" is one noun; "a female patient", "a civilian man": the second
        if keys[j] in modifiers and (j not in group_at or j + 1 in group_at):
            j += 1
            continue
        q = read_quantity(tokens, j)  # "12-year-old"
        if (
            q and q.last + 2 < len(tokens) and keys[q.last + 1] in ("year", "years")
            and tokens[q.last + 2].norm == "old"
        ):  # fmt: skip
            age, j = q.max, q.last + 3
            continue
        break
    return (j, age) if j in group_at else None


def cue_follows(tokens: Sequence[Token], last: int, cat_at: dict[int, Hit[str]]) -> bool:
    """ "a child was killed", "a boy who lived next door was wounded", "their mother and two
    neighbours were wounded": the cue after a person named with an article, directly, past
    a short relative clause, or past the people named with them (or their age: "a child
    (7) was killed")."""
    return cue_after(tokens, last, cat_at) >= 0


def cue_after(
    tokens: Sequence[Token],
    last: int,
    cat_at: dict[int, Hit[str]],
    sent: Sequence[int] | None = None,
) -> int:
    """Where ``cue_follows`` finds the cue (the token after "was"), or -1; with ``sent`` (the
    sentence of each token), also past where the person came from and who they were ("A man
    from Theyban town in the eastern suburbs of Deir Ez-Zour governorate, named as …, was
    shot dead"), within their sentence."""
    if last + 1 < len(tokens) and age_after_person(tokens, last + 1):
        last += 1
    elif (
        last + 2 < len(tokens) and tokens[last + 1].norm == "aged"
        and tokens[last + 2].norm.isdigit()
    ):  # fmt: skip
        last += 2  # "A civilian, aged 45, was killed"
    following = tokens[last + 1].norm if last + 1 < len(tokens) else ""
    extra = {"who": 7, "and": 5}.get(following, 0)
    after = tokens[last + 2].norm if last + 2 < len(tokens) else ""
    if sent is not None and following in _FROM and not (following == "of" and may_start(after)):
        extra = _FROM_WORDS  # (not "a father of four children")
    end = min(len(tokens), last + 2 + extra)
    if last + 1 in cat_at and tokens[last + 1].norm.isascii():
        return last + 1  # "a civilian lost their life", "a child died", "a woman killed in …"
    for j in range(last + 1, end):
        if extra == _FROM_WORDS and (
            sent[j] != sent[last] or tokens[j].norm in _NOT_OF_THEM  # type: ignore[index]
        ):
            return -1  # another sentence, or someone else's killing told
        if tokens[j].norm in WAS and (j + 1 in cat_at or j + 2 in cat_at):
            return j + 1 if j + 1 in cat_at else j + 2
        # "a farmer was shot and killed": a verb of how, "and", then the cue
        if tokens[j].norm in WAS and j + 3 in cat_at and tokens[j + 2].norm == "and":
            return j + 3
        # a number stops it, but not an age ("a woman and her son (9) were killed",
        # "identified as 52-year-old Ghazi")
        if (
            tokens[j].norm.isdigit()
            and not (following == "and" and j == last + 2)
            and not age_after_person(tokens, j)
            and not (extra == _FROM_WORDS and j + 1 < end and tokens[j + 1].norm in _YEARS)
            and not (extra == _FROM_WORDS and tokens[j - 1].norm == "aged")
        ):
            return -1
    return -1


def opens_headline(
    tokens: Sequence[Token], keys: Sequence[str], sent: Sequence[int], i: int
) -> bool:
    """Whether the English word at ``i`` opens its sentence, past words that only describe
    it ("Syrian child killed …")."""
    modifiers, j = cue_words().modifiers, i
    while j > 0 and sent[j - 1] == sent[i] and keys[j - 1] in modifiers and i - j < 2:
        j -= 1
    return not tokens[i].is_arabic and (j == 0 or sent[j - 1] != sent[i])


def headline_cue(
    tokens: Sequence[Token],
    keys: Sequence[str],
    sent: Sequence[int],
    i: int,
    last: int,
    cat_at: dict[int, Hit[str]],
) -> bool:
    """Whether the person over ``i``..``last`` opens an English headline and its cue follows,
    right after them ("Child killed by a landmine …") or past their name ("Man named Ghazi
    al-Refaie killed, his wife injured")."""
    if not opens_headline(tokens, keys, sent, i):
        return False
    k = last + 1
    if k + 1 < len(tokens) and tokens[k].norm in ("named", "identified"):
        k += 2 if tokens[k + 1].norm == "as" else 1
        while k < len(tokens) and k - last <= _NAME_WORDS and name_word(tokens[k]):
            k += 1
    return k in cat_at and tokens[k].norm.isascii() and sent[k] == sent[i]


_NAME_WORDS = 7  # how long a name in a headline may be


def described(keys: Sequence[str], at: int, group_at: dict[int, Hit[str]]) -> int:
    """Where the person stands after up to two words that only describe them ("Syrian",
    "local" in "three Syrian children"): ``at`` itself when no person follows them."""
    modifiers, j = cue_words().modifiers, at
    while j < len(keys) and j - at < 2 and j not in group_at and keys[j] in modifiers:
        j += 1
    return j if j in group_at else at


def complement_words(tokens: Sequence[Token], items: Sequence[Any]) -> int:
    """How many words an "of" phrase adds after the last person ("a member of the local
    council and his son"), up to five; 0 when none follows."""
    if not items or items[-1].last + 1 >= len(tokens) or tokens[items[-1].last + 1].norm != "of":
        return 0
    return 5


def list_goes_on(tokens: Sequence[Token], at: int) -> bool:
    """Whether more people follow at ``at``: "and", "و" or a number."""
    if at >= len(tokens):
        return False
    norm = tokens[at].norm
    return norm in ("and", "as") or norm.startswith("و") or may_start(norm)
