"""Rolls of names in a report: "وهم أحمد الخالد، ابنه سامر الخالد، والطفلة ليلى الخالد
(9 سنوات)", "identified as Omar Haddad, his son Karim and his neighbour Sami Nasser".

Each person of a roll becomes a suggested victim (name, relation to the one named before,
sex and age group when a word tells them, an age in brackets, the status the sentence
gives) with its evidence spans, character offsets into the text exactly as given. Nothing
here is saved: a documenter accepts them one by one. Kept apart from ``extract()``: the
extraction contract's fields stay as they are."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from tawthiq.domain.arabic import ASCII_DIGITS, normalize
from tawthiq.domain.resources import read_json
from tawthiq.extract.casualty_words import cue_words
from tawthiq.extract.phrases import Keys, PhraseIndex
from tawthiq.extract.tokens import tokenize

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class SuggestedVictim:
    name: str
    span: Span  # the name
    item: Span  # the whole mention: descriptor, relation, name and age
    relation: str | None = None  # as written ("ابنه", "his son")
    relation_en: str | None = None  # the same in English
    relative_of: int | None = None  # the index in the roll of the person it relates to
    sex: str | None = None  # "f" or "m"
    age_group: str | None = None  # "child" or "adult"
    age: int | None = None
    occupation: str | None = None  # a code of the "occupation" vocabulary
    status: str | None = None  # "killed" or "injured", as the sentence tells
    residence: str | None = None  # "من أهالي سرمين", "of Sarmin": where they lived

    @property
    def spans(self) -> list[Span]:
        return [self.item, self.span]

    def values(self) -> dict[str, object]:
        """The suggestion as a victim's field values."""
        out: dict[str, object] = {"name_ar" if _ARABIC.search(self.name) else "name_en": self.name}
        for key in ("sex", "age_group", "age", "occupation", "status", "residence"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        if self.relation:
            out["relation"] = self.relation
        return out


# --- the words ------------------------------------------------------------------------

# relation (folded) -> (English, sex)
_AR_RELATIONS = {
    "ابنه": ("his son", "m"), "ابنها": ("her son", "m"), "ابنته": ("his daughter", "f"),
    "ابنتها": ("her daughter", "f"), "زوجته": ("his wife", "f"), "زوجها": ("her husband", "m"),
    "شقيقه": ("his brother", "m"), "شقيقها": ("her brother", "m"),
    "شقيقته": ("his sister", "f"), "شقيقتها": ("her sister", "f"), "اخوه": ("his brother", "m"),
    "اخته": ("his sister", "f"), "والده": ("his father", "m"), "والدته": ("his mother", "f"),
    "والدها": ("her father", "m"), "والدتها": ("her mother", "f"), "جاره": ("his neighbour", "m"),
    "جارته": ("his neighbour", "f"), "حفيده": ("his grandson", "m"),
    "حفيدته": ("his granddaughter", "f"), "ابن عمه": ("his cousin", "m"),
}  # fmt: skip
# descriptor (folded) -> (sex, age group, occupation)
_AR_PEOPLE = {
    "الطفل": ("m", "child", None), "الطفله": ("f", "child", None),
    "الفتي": ("m", "child", None), "الفتاه": ("f", "child", None),
    "الرضيع": ("m", "child", None), "الرضيعه": ("f", "child", None),
    "الشاب": ("m", "adult", None), "الشابه": ("f", "adult", None),
    "الرجل": ("m", "adult", None), "السيده": ("f", "adult", None),
    "المسن": ("m", "adult", None), "المسنه": ("f", "adult", None),
    "المسعف": ("m", "adult", "medic"), "المسعفه": ("f", "adult", "medic"),
    "الممرض": ("m", "adult", "medic"), "الممرضه": ("f", "adult", "medic"),
    "الطبيب": ("m", "adult", "medic"), "الطبيبه": ("f", "adult", "medic"),
    "الصحفي": ("m", "adult", "journalist"), "الصحفيه": ("f", "adult", "journalist"),
    "المتطوع": ("m", "adult", "civil_defence"), "المتطوعه": ("f", "adult", "civil_defence"),
    "المعلم": ("m", "adult", "teacher"), "المعلمه": ("f", "adult", "teacher"),
}  # fmt: skip
_EN_RELATIONS = {
    "son": "m", "daughter": "f", "wife": "f", "husband": "m", "brother": "m", "sister": "f",
    "father": "m", "mother": "f", "neighbour": None, "neighbor": None, "cousin": None,
    "nephew": "m", "niece": "f", "grandson": "m", "granddaughter": "f", "uncle": "m",
    "aunt": "f", "friend": None,
}  # fmt: skip
_EN_PEOPLE = {
    "child": (None, "child", None), "boy": ("m", "child", None), "girl": ("f", "child", None),
    "baby": (None, "child", None), "toddler": (None, "child", None),
    "woman": ("f", "adult", None), "man": ("m", "adult", None),
    "medic": (None, "adult", "medic"), "paramedic": (None, "adult", "medic"),
    "nurse": (None, "adult", "medic"), "doctor": (None, "adult", "medic"),
    "journalist": (None, "adult", "journalist"), "teacher": (None, "adult", "teacher"),
    "volunteer": (None, "adult", "civil_defence"),
}  # fmt: skip
# words that are no part of a name: a roll holding them is a sentence, not names ("على"
# is left out: folded, it is the name علي)
_STOP_WORDS = (
    "في من الى إلى عن مع الذي التي الذين بعد قبل ان أن إن لا لم لن قد كان كانت هو هي "
    "هم جراء بسبب اثر إثر نتيجة خلال عند حيث"
)
_AR_STOP = frozenset(normalize(w) for w in _STOP_WORDS.split())
_KILLED = re.compile(r"(?:قتل|استشهاد|استشهد|قضي|قضوا|killed|dead|died)",
                     re.IGNORECASE)  # fmt: skip
_INJURED = re.compile(r"(?:اصاب|اصيب|جرح|injured|wounded|hurt)", re.IGNORECASE)
_ARABIC = re.compile("[\u0621-\u064a]")

# the cues a roll follows
_AR_CUE = re.compile(
    r"(?:(?<=[\s،,.:؛(])|^)(?:و?هم|و?الضحايا\s+هم|و?القتلى\s+هم|و?الشهداء\s+هم|كل\s+من|كلا\s+من)"
    r"(?!\w)\s*:?\s*(?:كل\s+من\s+)?"
)
_EN_CUE = re.compile(
    r"\b(?:identified\s+as|named\s+as|(?:the\s+)?victims\s+(?:are|were)(?:\s+named)?(?:\s+as)?|"
    r"(?:the\s+)?(?:dead|killed)\s+(?:are|were))\s*:?\s*",
    re.IGNORECASE,
)
_END = re.compile(r"[.!?؛;\n]|\s(?:جراء|بسبب|إثر|اثر|نتيجة|بعد|فيما|كما|بينما|after|when|in)\s")
_AR_AGE = re.compile(r"\s*[(（]\s*([0-9٠-٩]{1,3})\s*(?:سنوات|سنة|سنه|عاما|عامًا|عاماً|عام)?\s*[)）]")
_EN_AGE = re.compile(r"\s*(?:\(\s*(\d{1,3})(?:\s*years?(?:\s*old)?)?\s*\)|,\s*(?:aged\s+)?(\d{1,3})"
                     r"(?=\s*(?:,|and\b|$)))")  # fmt: skip
_EN_HOME = re.compile(r"\s*,?\s*(?:of|from)\s+([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})")
_EN_NAME = re.compile(r"(?:(?:[A-Z][\w'’]*|al-|el-|bin|ibn|abu|Abu|Al-|El-)[\w'’-]*\s*)+")


def name_rolls(text: str) -> list[SuggestedVictim]:
    """Every roll of names in ``text``, its people in order."""
    found: list[SuggestedVictim] = []
    for cue in _AR_CUE.finditer(text):
        found.extend(_roll(text, cue.start(), cue.end(), arabic=True))
    for cue in _EN_CUE.finditer(text):
        found.extend(_roll(text, cue.start(), cue.end(), arabic=False))
    unique = {v.item: v for v in found}  # two cues over one roll ("victims were named as")
    return sorted(unique.values(), key=lambda v: v.item)


def _roll(text: str, cue_at: int, start: int, *, arabic: bool) -> list[SuggestedVictim]:
    end_match = _END.search(text, start)
    end = end_match.start() if end_match else len(text)
    status = _status(text[max(0, cue_at - 120) : start])
    items = _items(text, start, end, arabic)
    out: list[SuggestedVictim] = []
    head = 0  # the last person named without a relation: the one "his son" is the son of
    for a, b in items:
        one = (_ar_item if arabic else _en_item)(text, a, b, status, head, len(out))
        if one is None:
            break  # a roll stops at the first mention that is not a person
        if one.relation is None:
            head = len(out)
        out.append(one)
    return out


def _status(before: str) -> str | None:
    """The state the sentence tells of the people named: its last word of killing or harm."""
    before = normalize(before)
    kill = [m.end() for m in _KILLED.finditer(before)]
    harm = [m.end() for m in _INJURED.finditer(before)]
    if not kill and not harm:
        return None
    return "killed" if max(kill, default=-1) > max(harm, default=-1) else "injured"


def _items(text: str, start: int, end: int, arabic: bool) -> list[Span]:
    """The mentions of a roll: between commas, and before a last "و"/"and"."""
    seps = re.compile(
        r"\s*[،,]\s*|\s+(?=و\S)" if arabic else r"\s*,(?!\s*\d)\s*(?:and\s+)?|\s+and\s+"
    )
    out, at = [], start
    for m in seps.finditer(text, start, end):
        if arabic and m.group().strip() == "" and not _new_person(text, at, m, end):
            continue  # "و" inside a name (وليد) or a sentence: no new mention
        if m.start() > at:
            out.append((at, m.start()))
        at = m.end() + (1 if arabic and not m.group().strip() else 0)  # past the "و"
    if end > at:
        out.append((at, end))
    return out


def _new_person(text: str, at: int, m: re.Match[str], end: int) -> bool:
    """Whether the "و" after ``m`` begins another person: a descriptor or a relation
    follows it (والطفلة, ووالده), or a name of two words or more both before it and after
    it ("أحمد الخالد وسامر الخالد"; not "أحمد وليد الخالد", a name holding Walid)."""
    rest = text[m.end() : end]
    if _starts_person(rest):
        return True
    after = re.split(r"\s*[،,]\s*|\s+(?=و\S)", rest, maxsplit=1)[0]
    return len(text[at : m.start()].split()) >= 2 and len(after.split()) >= 2


def _starts_person(rest: str) -> bool:
    """After "و": a descriptor or a relation (والطفلة, وابنه)."""
    word = normalize(rest.split(maxsplit=1)[0]) if rest.split() else ""
    word = word[1:] if word.startswith("و") else word
    return word in _AR_PEOPLE or word in _AR_RELATIONS


def _ar_item(
    text: str, a: int, b: int, status: str | None, head: int, position: int
) -> SuggestedVictim | None:
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text[a:b])]
    words = [(a + s, a + e) for s, e in words]
    if not words:
        return None
    sex = group = occupation = relation = relation_en = None
    i = 0

    def folded(k: int) -> str:
        """The word folded; one starting with the "و" of "and" (والطفلة) without it."""
        word = normalize(text[words[k][0] : words[k][1]]).strip("،,:()")
        if word in _AR_RELATIONS or word in _AR_PEOPLE or not word.startswith("و"):
            return word
        return word[1:]

    def written(k: int, j: int) -> str:
        """Words k..j as written, without a leading "و" that is "and"."""
        shown = text[words[k][0] : words[j][1]]
        bare = normalize(text[words[k][0] : words[k][1]])
        return shown if bare == folded(k) else shown[1:]

    two = f"{folded(0)} {normalize(text[words[1][0] : words[1][1]])}" if len(words) > 1 else ""
    if two in _AR_RELATIONS:
        relation, (relation_en, sex) = written(0, 1), _AR_RELATIONS[two]
        i = 2
    elif folded(0) in _AR_RELATIONS:
        relation_en, sex = _AR_RELATIONS[folded(0)]
        relation = written(0, 0)
        i = 1
    if i < len(words) and folded(i) in _AR_PEOPLE:
        sex_, group, occupation = _AR_PEOPLE[folded(i)]
        sex = sex or sex_
        i += 1
    age_m = _AR_AGE.search(text, words[i][0] if i < len(words) else b, b)
    name_end = age_m.start() if age_m else b
    names = [w for w in words[i:] if w[1] <= name_end]
    if names and _and_before(text[names[0][0] : names[0][1]]):
        names[0] = (names[0][0] + 1, names[0][1])  # "، وسامر الخالد": and Samer
    names, residence = _ar_residence(text, names)
    if not 1 <= len(names) <= 5 or not _ar_name(text, names, position, i):
        return None
    if _no_person(text[names[0][0] : names[-1][1]]):
        return None
    age = int(age_m.group(1).translate(ASCII_DIGITS)) if age_m else None
    if age is not None and group is None:
        group = "child" if age < 18 else "adult"
    span = (names[0][0], names[-1][1])
    return SuggestedVictim(
        name=text[span[0] : span[1]], span=span, item=(words[0][0], age_m.end() if age_m else b),
        relation=relation, relation_en=relation_en, relative_of=head if relation else None,
        sex=sex, age_group=group, age=age, occupation=occupation, status=status,
        residence=residence,
    )  # fmt: skip


@cache
def _organisations() -> PhraseIndex[str]:
    """The parties and sources the extractor knows by name (resources/extract/lexicon.json)."""
    lexicon = read_json("extract/lexicon.json")
    return PhraseIndex(
        (alias, code) for field in ("perpetrators", "sources")
        for code, aliases in lexicon[field].items() for alias in aliases
    )  # fmt: skip


def _no_person(name: str) -> bool:
    """Whether what stands where a name would be tells a group or an organisation, not a
    person: it begins with a word counting people or things ("طفلان", "أطفال", "عائلة",
    "families"), is made only of words naming kinds of people ("طفل وامرأة"), or names a
    party or source the extractor knows ("the Syrian Civil Defence", "الخوذ البيضاء")."""
    tokens = tokenize(name)
    if not tokens:
        return True
    keys = Keys(tokens)
    words = [(k, a) for k, a in zip(keys, keys.alts, strict=True)]
    cues = cue_words()
    counting = cues.plural | cues.not_people | cues.dual.keys()
    kinds = counting | cues.people
    if words[0][0] in counting or words[0][1] in counting:
        return True
    if all(k in kinds or a in kinds for k, a in words):
        return True
    hits = _organisations().find(tokens, keys)
    return any(h.last > h.first or len(tokens) == 1 for h in hits)


_HOME_WORDS = frozenset({"اهالي", "سكان", "مدينه", "بلده", "قريه"})


def _ar_residence(text: str, names: list[Span]) -> tuple[list[Span], str | None]:
    """The name's words cut where "من أهالي سرمين" (from the people of Sarmin) begins,
    and that place; an empty name when what follows "من" is no place of one to three
    words."""
    folded = [normalize(text[s:e]) for s, e in names]
    if "من" not in folded[1:]:
        return names, None
    cut = folded.index("من", 1)
    place = names[cut + 1 :]
    while place and normalize(text[place[0][0] : place[0][1]]) in _HOME_WORDS:
        place = place[1:]
    if not 1 <= len(place) <= 3:
        return [], None
    return names[:cut], text[place[0][0] : place[-1][1]]


# names that begin with the letter و, which is then no "and"
_WAW_WORDS = (
    "وليد وسيم وائل وفاء وداد وعد ورد وصال وجيه وهيب وحيد وديع ولاء وئام وفيق وضاح وطفة "
    "وجدان وليم وهبة وهبي وفيقة وسام وصفي وحيدة وجيهة"
)
_WAW_NAMES = frozenset(normalize(n) for n in _WAW_WORDS.split())


def _and_before(word: str) -> bool:
    """A first word that is "و" (and) before a name: "وسامر", not "وليد"."""
    folded = normalize(word)
    return folded.startswith("و") and len(folded) > 3 and folded not in _WAW_NAMES


def _ar_name(text: str, names: list[Span], index: int, described: int) -> bool:
    """Words that can be a person's name: Arabic letters, no word of a sentence, and not a
    verb of the present ("يحاولون", "يقيمون"). A lone first word needs a word before it
    telling it is a person (a relation or "الطفلة")."""
    folded = [normalize(text[s:e]) for s, e in names]
    if any(not _ARABIC.match(w) or w.strip("،,") in _AR_STOP for w in folded):
        return False
    if re.fullmatch(r"[يتن]\w+(?:ون|ين|ان)", folded[0]):
        return False
    return len(folded) >= 2 or described > 0 or index > 0


def _en_item(
    text: str, a: int, b: int, status: str | None, head: int, position: int
) -> SuggestedVictim | None:
    chunk = text[a:b]
    sex = group = occupation = relation = relation_en = None
    at = 0
    words = chunk.split()
    if words and words[0].lower() in ("his", "her", "their") and len(words) > 1:
        rel = words[1].lower()
        if rel in _EN_RELATIONS:
            sex = _EN_RELATIONS[rel]
            relation = relation_en = f"{words[0]} {words[1]}"
            at = chunk.index(words[1]) + len(words[1])
    rest = chunk[at:].lstrip()
    at = len(chunk) - len(rest)
    first = rest.split(maxsplit=1)[0].lower() if rest.split() else ""
    if first in ("the", "a", "an") and len(rest.split()) > 1:
        rest = rest.split(maxsplit=1)[1]
        at = len(chunk) - len(rest)
        first = rest.split(maxsplit=1)[0].lower()
    if first.rstrip(",") in _EN_PEOPLE:
        sex_, group, occupation = _EN_PEOPLE[first.rstrip(",")]
        sex = sex or sex_
        rest = rest.split(maxsplit=1)[1] if len(rest.split()) > 1 else ""
        at = len(chunk) - len(rest)
    name = _EN_NAME.match(rest)
    if name is None or not name.group().strip() or not name.group()[0].isupper():
        return None
    start = a + at
    span = (start, start + len(name.group().rstrip()))
    if _no_person(text[span[0] : span[1]]):
        return None
    tail = text[span[1] : b]
    home = _EN_HOME.match(tail)
    residence = home.group(1) if home else None
    tail = tail[home.end() :] if home else tail
    age_m = _EN_AGE.match(tail)
    if tail.strip() and not age_m:
        return None  # words after the name that are no age: a sentence, not a name
    age = int(age_m.group(1) or age_m.group(2)) if age_m else None
    if age is not None and group is None:
        group = "child" if age < 18 else "adult"
    return SuggestedVictim(
        name=text[span[0] : span[1]], span=span, item=(a, b), relation=relation,
        relation_en=relation_en, relative_of=head if relation else None, sex=sex,
        age_group=group, age=age, occupation=occupation, status=status, residence=residence,
    )  # fmt: skip
