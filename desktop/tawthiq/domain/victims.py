"""Victims named in an incident's reports: the record shown, the checks across a victim's
fields, what the named victims say against the incident's counts, the public view, and
the forms of a name that a search compares (Arabic folded; Arabic written in Latin letters).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from tawthiq.domain.arabic import normalize
from tawthiq.domain.errors import N_, Counted, N_plural, Sentence, ValidationError
from tawthiq.domain.fields import DELETED, FIELDS, VICTIM
from tawthiq.domain.records import Conflict
from tawthiq.domain.transliterate import WORD, latin_key

ADULT_AGE = 18  # a child is younger


@dataclass(frozen=True, slots=True)
class Victim:
    id: str
    incident_id: str
    name_ar: str | None = None
    name_en: str | None = None
    sex: str | None = None
    age: int | None = None
    age_group: str | None = None
    status: str | None = None
    relation: str | None = None
    occupation: str | None = None
    occupation_note: str | None = None
    residence: str | None = None
    origin: str | None = None
    report_ids: tuple[str, ...] = ()
    same_person_as: str | None = None
    public: bool = False
    deleted: bool = False
    values: Mapping[str, Any] = field(default_factory=dict)
    conflicts: tuple[Conflict, ...] = ()
    unchecked: tuple[str, ...] = ()

    @classmethod
    def from_state(
        cls,
        victim_id: str,
        state: Mapping[str, Any],
        conflicts: tuple[Conflict, ...] = (),
        unchecked: Iterable[str] = (),
    ) -> Victim:
        plain = {
            k: state.get(k)
            for k in (
                "name_ar", "name_en", "sex", "age", "age_group", "status", "relation",
                "occupation", "occupation_note", "residence", "origin", "same_person_as",
            )
        }  # fmt: skip
        return cls(
            id=victim_id,
            incident_id=str(state.get("incident_id") or ""),
            report_ids=tuple(state.get("report_ids") or ()),
            public=bool(state.get("public")),
            deleted=bool(state.get(DELETED)),
            values=dict(state),
            conflicts=conflicts,
            unchecked=tuple(sorted(unchecked)),
            **plain,
        )

    @property
    def name(self) -> str:
        return self.name_ar or self.name_en or ""

    @property
    def is_child(self) -> bool | None:
        """A child by the age group given, else by the age; None when neither is known."""
        if self.age_group:
            return self.age_group == "child"
        if self.age is not None:
            return self.age < ADULT_AGE
        return None


def victim_problems(state: Mapping[str, Any]) -> list[ValidationError]:
    """Every check across fields of one victim's state that fails, each naming its field."""
    problems = []
    age, group = state.get("age"), state.get("age_group")
    if age is not None and group == "child" and age >= ADULT_AGE:
        problems.append(
            ValidationError(
                N_("an age of {age} contradicts the age group child (under 18)"),
                field="age_group",
                age=age,
            )
        )
    if age is not None and group == "adult" and age < ADULT_AGE:
        problems.append(
            ValidationError(
                N_("an age of {age} contradicts the age group adult"), field="age_group", age=age
            )
        )
    named = any(_readable(state.get(k)) for k in ("name_ar", "name_en"))
    if not named and not state.get(DELETED):
        problems.append(ValidationError(N_("a victim needs a name"), field="name_ar"))
    return problems


def _readable(name: object) -> bool:
    """Whether a name holds a letter or a digit one can read: not only spaces and marks
    that show nothing (direction marks, soft hyphens, joiners, as a paste brings)."""
    return isinstance(name, str) and any(unicodedata.category(c)[0] in "LN" for c in name)


def counts_vs_victims(incident: Mapping[str, Any], victims: Iterable[Victim]) -> list[Sentence]:
    """Where the victims named (not deleted) say more than the incident's counts: more
    named killed (or injured) than the toll, more named children, women or men among them
    than its breakdown allows (a part's count given, or the toll less the other parts
    known: one killed, a woman, leaves no man killed). Each a sentence, in English as text,
    translatable in the window."""
    alive = [v for v in victims if not v.deleted]
    problems: list[Sentence] = []
    for status in ("killed", "injured"):
        named = [v for v in alive if v.status == status]
        groups = {
            "": named,
            "children": [v for v in named if v.is_child is True],
            "women": [v for v in named if v.sex == "f" and v.is_child is False],
            "men": [v for v in named if v.sex == "m" and v.is_child is False],
        }
        for part, people in groups.items():
            name = f"{status}_{part}" if part else status
            most = _most(incident, status, part)
            if not people or most is None:
                continue
            if len(people) > most:
                singular, plural = _SAYS[name]
                problems.append(
                    Counted(singular, plural, number="named", named=len(people), most=most)
                )
    return problems


_PARTS = ("children", "women", "men")


def _most(incident: Mapping[str, Any], status: str, part: str) -> int | None:
    """The most people of ``part`` (all when empty) the counts allow: its own count, and
    the toll less the least of the other parts that are known (None: nothing known)."""
    own = incident.get(f"{status}_{part}" if part else status)
    bounds: list[int] = [own["max"]] if own else []
    whole = incident.get(status)
    if part and whole:
        others = [incident.get(f"{status}_{p}") for p in _PARTS if p != part]
        known = [o["min"] for o in others if o]
        if known:
            bounds.append(max(0, whole["max"] - sum(known)))
    if not bounds or (not part and not own):
        return None
    return min(bounds)


_SAYS = {
    "killed": N_plural(
        "{named} victim is named as killed, but the killed toll is at most {most}",
        "{named} victims are named as killed, but the killed toll is at most {most}",
    ),
    "killed_children": N_plural(
        "{named} child is named as killed, but the children killed are at most {most}",
        "{named} children are named as killed, but the children killed are at most {most}",
    ),
    "killed_women": N_plural(
        "{named} woman is named as killed, but the women killed are at most {most}",
        "{named} women are named as killed, but the women killed are at most {most}",
    ),
    "killed_men": N_plural(
        "{named} man is named as killed, but the men killed are at most {most}",
        "{named} men are named as killed, but the men killed are at most {most}",
    ),
    "injured": N_plural(
        "{named} victim is named as injured, but the injured are at most {most}",
        "{named} victims are named as injured, but the injured are at most {most}",
    ),
    "injured_children": N_plural(
        "{named} child is named as injured, but the children injured are at most {most}",
        "{named} children are named as injured, but the children injured are at most {most}",
    ),
    "injured_women": N_plural(
        "{named} woman is named as injured, but the women injured are at most {most}",
        "{named} women are named as injured, but the women injured are at most {most}",
    ),
    "injured_men": N_plural(
        "{named} man is named as injured, but the men injured are at most {most}",
        "{named} men are named as injured, but the men injured are at most {most}",
    ),
}


# Fields a public report or export may show of a victim marked public: the registry's
# public fields, and the names (private unless the victim is marked public).
_NAMES = ("name_ar", "name_en")


def public_victims(victims: Iterable[Victim]) -> list[Victim]:
    """The victims a public report or export may show: marked public (and not in dispute
    between two laptops) and not deleted, each
    with only the fields a public view may hold (relation, residence, origin and the like
    left out even then)."""
    spec = FIELDS[VICTIM]
    out = []
    for v in victims:
        if not v.public or v.deleted or any(c.field == "public" for c in v.conflicts):
            continue  # while laptops disagree whether it may be public, it is not
        kept = {k: x for k, x in v.values.items() if spec[k].public or k in _NAMES}
        out.append(Victim.from_state(v.id, kept))
    return out


# --- names across scripts ------------------------------------------------------------


def arabic_key(name: str) -> str:
    """A name in Arabic folded as the search folds it (hamza, ta marbuta, diacritics)."""
    return " ".join(WORD.findall(normalize(name)))


def name_keys(*names: str | None) -> str:
    """Every form of a victim's names the search compares, in one text."""
    forms: list[str] = []
    for name in names:
        if name:
            for form in (arabic_key(name), latin_key(name)):
                if form and form not in forms:
                    forms.append(form)
    return " | ".join(forms)
