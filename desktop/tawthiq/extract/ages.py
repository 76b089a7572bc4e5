"""Numbers that are ages, not people: "aged 8", "البالغ من العمر 35", "a child (7)", "a boy,
12,"; and a number joined to an age ("aged 8 and 10")."""

from __future__ import annotations

from collections.abc import Sequence

from tawthiq.extract.casualty_words import cue_words
from tawthiq.extract.numbers import Quantity
from tawthiq.extract.phrases import key_of
from tawthiq.extract.tokens import Token

ARTICLES = frozenset({"a", "an", "his", "her", "their", "its"})


_PARTICLES = ("al-", "el-", "ad-", "as-", "ash-", "at-", "az-", "ar-", "an-")
_PLACE_BEFORE = frozenset(
    {"in", "at", "of", "from", "near", "on", "to", "across", "around", "outside", "inside"}
)
_NAME_LINKS = frozenset({"al", "el", "bin", "ibn", "abu"})


def name_word(token: Token) -> bool:
    """A word of a person's name in Latin letters: capitalised, or "al-Hamad"."""
    letters = token.norm.replace("-", "").replace("'", "").replace("’", "")
    if not (letters.isascii() and letters.isalpha()):
        return False
    return (
        token.text[:1].isupper() or token.norm.startswith(_PARTICLES) or token.norm in _NAME_LINKS
    )


def name_opens(tokens: Sequence[Token], last: int) -> bool:
    """Whether the name ending at ``last`` opens its sentence or clause: not one of a roll
    ("Ahmad, 34, and Khaled, 29, were killed", "… and his daughter Hiba, 9, were killed")."""
    k = last
    while k > 0 and name_word(tokens[k - 1]):
        k -= 1
    return k == 0 or (tokens[k].start - tokens[k - 1].end >= 2 and tokens[k - 1].norm != "and")


def _an_aside(tokens: Sequence[Token], at: int) -> bool:
    """A number under 100 set apart on both sides from the word before it ("(7) was",
    ", 12, was"): an aside, not "a child, 4 women"."""
    if not 1 <= at < len(tokens) or not tokens[at].norm.isdigit() or int(tokens[at].norm) >= 100:
        return False
    return tokens[at].start - tokens[at - 1].end >= 2 and (
        at + 1 == len(tokens) or tokens[at + 1].start - tokens[at].end >= 2
    )


def age_after_name(tokens: Sequence[Token], at: int) -> bool:
    """Whether the number at ``at`` is the age of one named by name right before it, set
    apart ("Ahmad al-Hamad, 45, was killed", "Mohammed (32) was wounded")."""
    if not _an_aside(tokens, at):
        return False
    k = at - 1
    while k > 0 and name_word(tokens[k - 1]) and tokens[k - 1].norm not in _PLACE_BEFORE:
        k -= 1
    if k > 0 and tokens[k - 1].norm in _PLACE_BEFORE:
        return False  # "Those killed in Ariha, 8, included …", "In Afrin, 12, …": a place
    return name_word(tokens[at - 1])


def age_after_person(tokens: Sequence[Token], at: int) -> bool:
    """Whether the number at ``at`` is the age of the one person named right before it with
    an article or by name ("a child (7) was killed", "a boy, 12, was wounded", "Ahmad, 45,
    was killed")."""
    if not _an_aside(tokens, at):
        return False
    if age_after_name(tokens, at):
        return True
    noun = tokens[at - 1]
    return (
        noun.norm.isascii()
        and key_of(noun.norm) in cue_words().singular
        and at >= 2
        and tokens[at - 2].norm in ARTICLES
    )


def is_age(tokens: Sequence[Token], keys: Sequence[str], q: Quantity, age_end: int) -> bool:
    """ "aged 8", "البالغ من العمر 35", "بعمر 12"; and "and 10" right after an age; "a child
    (7)", "a boy, 12,": a bare number right after one person named with an article."""
    ages = cue_words().ages
    if any(keys[k] in ages for k in range(max(0, q.first - 3), q.first)):
        return True
    if age_after_person(tokens, q.first):
        return True
    # ("… under the age of sixteen and three women": a number with people after it counts them)
    people_after = q.last + 1 < len(keys) and keys[q.last + 1] in cue_words().people
    return (
        q.first - age_end <= 2
        and q.first > 0
        and tokens[q.first - 1].norm in ("and", "و")
        and not people_after
    )
