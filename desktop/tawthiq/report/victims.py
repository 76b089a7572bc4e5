"""The "Victims" table: each victim named in the incident (and in those grouped into it),
with their names in Arabic and English, sex, age or age group, status, occupation and, in
the documenters' own copy, their relation to the others. A public report gets only the
victims marked public, without their private fields (the service hands over no other), and
never the relation column; the documenters' copy says where the named victims exceed the
counts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.platypus import Flowable, Spacer

from tawthiq.domain.victims import Victim
from tawthiq.report import labels as L
from tawthiq.report.layout import BODY, PAD, SMALL, WARN, Layout, grid
from tawthiq.report.text import Style

TEXT: dict[str, L.Pair] = {
    "victims": ("Victims", "الضحايا"),
    "name_ar": ("Name (Arabic)", "الاسم بالعربية"),
    "name_en": ("Name (English)", "الاسم بالإنجليزية"),
    "sex": ("Sex", "الجنس"),
    "age": ("Age", "العمر"),
    "status": ("Status", "الحالة"),
    "occupation": ("Occupation", "المهنة"),
    "relation": ("Relation", "صلة القرابة"),
    "years": ("{n} years", "{n} سنة"),
    "public_note": (
        "Only victims whose documenters marked them to be named publicly are listed.",
        "لا تُذكر إلا أسماء الضحايا الذين أذن موثّقوهم بذكرها علناً.",
    ),
    "counts_note": (
        "The named victims and the counts disagree:",
        "الضحايا المسمَّون والأعداد لا تتفق:",
    ),
}
# each column's share of the frame, with the relation column and without it
_WITH = {"name_ar": 0.19, "name_en": 0.19, "sex": 0.09, "age": 0.10, "status": 0.12,
         "occupation": 0.16, "relation": 0.15}  # fmt: skip
_WITHOUT = {"name_ar": 0.22, "name_en": 0.22, "sex": 0.10, "age": 0.12, "status": 0.14,
            "occupation": 0.20}  # fmt: skip


class Victims(Layout):
    """Builds the table of one incident's victims at a frame ``width``."""

    def build(
        self, victims: Sequence[Victim], notes: Sequence[tuple[str, str]] = ()
    ) -> list[Flowable]:
        out: list[Flowable] = []
        if victims:
            relation = not self.o.public and any(v.relation for v in victims)
            shares = _WITH if relation else _WITHOUT
            cols = [self.width * f for f in shares.values()]
            head_style = Style(size=7.5, bold=True, align="center")
            data: list[list[Any]] = [
                [self.both(TEXT[k], cols[n], head_style) for n, k in enumerate(shares)]
            ]
            for v in victims:
                data.append([self._cell(k, v, cols[n]) for n, k in enumerate(shares)])
            table = grid(data, cols, rtl=self.o.lang == "ar", repeat_rows=1)
            out += self.headed(TEXT["victims"], table)
            if self.o.public:
                out.append(self.note(TEXT["public_note"], SMALL))
        if notes and not self.o.public:
            warn = Style(size=9, color=WARN)
            out.append(Spacer(1, 3))
            out.append(self.note(TEXT["counts_note"], Style(size=9, bold=True, color=WARN)))
            out += [self.note(pair, warn) for pair in notes]
        return [*out, Spacer(1, 8)] if out else []

    def _cell(self, key: str, v: Victim, width: float) -> Any:
        """A name in its own script and direction; a code in both languages, one over the
        other; a relation as told."""
        if key in ("name_ar", "name_en", "relation"):
            text = getattr(v, key) or ""
            default = "rtl" if key == "name_ar" else "ltr"
            if not text:
                return self.p("—", width - PAD, Style(size=BODY.size, align="center"))
            return self.p(text, width - PAD, BODY, self.w.direction(text, default=default))
        en, ar = self._pair(key, v)
        if en == ar:  # no value, or words as told: written once
            return self.p(en, width - PAD, Style(size=8, align="center"), self.w.direction(en))
        return self.both((en, ar), width, Style(size=8, align="center"))

    def _pair(self, key: str, v: Victim) -> L.Pair:
        if key == "age":
            if v.age is not None:
                en, ar = TEXT["years"]
                return en.format(n=v.age), ar.format(n=self.w.digits(v.age))
            return L.code("age_group", v.age_group) if v.age_group else ("—", "—")
        if key == "occupation" and v.occupation == "other" and v.occupation_note:
            return v.occupation_note, v.occupation_note  # kept from a public report
        vocab = {"sex": "sex", "status": "victim_status", "occupation": "occupation"}[key]
        code = getattr(v, key)
        return L.code(vocab, code) if code else ("—", "—")
