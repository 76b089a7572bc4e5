"""Controlled vocabularies (codes with Arabic and English labels), loaded from resources."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from tawthiq.domain.errors import ValidationError
from tawthiq.domain.resources import read_json


@dataclass(frozen=True, slots=True)
class Term:
    code: str
    en: str
    ar: str

    def label(self, lang: str) -> str:
        return self.ar if lang == "ar" else self.en


@dataclass(frozen=True, slots=True)
class Vocabulary:
    name: str
    terms: tuple[Term, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(t.code for t in self.terms)

    def term(self, code: str) -> Term:
        for t in self.terms:
            if t.code == code:
                return t
        raise ValidationError(
            f"unknown {self.name.replace('_', ' ')} code {code!r}; "
            f"known codes: {', '.join(self.codes)}"
        )

    def label(self, code: str, lang: str) -> str:
        return self.term(code).label(lang)


@cache
def vocabularies() -> dict[str, Vocabulary]:
    """Every vocabulary by name, in the order the resource file gives."""
    data = read_json("vocabularies.json")
    out: dict[str, Vocabulary] = {}
    for name, terms in data.items():
        if name.startswith("_"):
            continue
        out[name] = Vocabulary(
            name=name,
            terms=tuple(Term(code=c, en=t["en"], ar=t["ar"]) for c, t in terms.items()),
        )
    return out


def vocabulary(name: str) -> Vocabulary:
    return vocabularies()[name]
