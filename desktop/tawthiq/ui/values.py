"""Field values as a documenter reads them in the interface's language (no Qt)."""

from __future__ import annotations

from typing import Any

from tawthiq.domain.admin_units import LEVELS, country_name, unit_name
from tawthiq.domain.fields import FIELDS, INCIDENT
from tawthiq.domain.records import Casualties
from tawthiq.domain.vocab import vocabulary
from tawthiq.i18n import _, digits, is_rtl, isolate

EMPTY = "—"


def value_text(field: str, value: Any) -> str:
    """ "cluster_munition" -> "ذخائر عنقودية"; {"min": 9, "max": 12} -> "9–12"."""
    if value is None or value == [] or value == "":
        return EMPTY
    spec = FIELDS[INCIDENT].get(field)
    lang = "ar" if is_rtl() else "en"
    if spec is not None and spec.vocab:
        codes = value if isinstance(value, list) else [value]
        labels = []
        for code in codes:
            try:
                labels.append(vocabulary(spec.vocab).label(code, lang))
            except Exception:
                labels.append(str(code))
        return "، ".join(labels) if lang == "ar" else ", ".join(labels)
    if spec is not None and spec.kind == "count" and isinstance(value, dict):
        return count_text(Casualties.from_value(value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, int | float):
        return digits(str(value))
    if field in LEVELS and isinstance(value, str):  # "Harim" reads "حارم" in Arabic
        return unit_name(field, value, lang)
    if spec is not None and spec.kind == "country" and isinstance(value, str):
        return country_name(value, lang)
    text = str(value)
    return digits(text) if spec is not None and spec.kind == "date" else text


def count_text(c: Casualties | None) -> str:
    """9, 9–12 or ≈9, kept in that order inside Arabic too (an isolate: without it a right-to-
    left cell shows a range as 12–9)."""
    if c is None:
        return ""
    text = str(c.min) if c.min == c.max else f"{c.min}–{c.max}"
    return isolate(digits(("≈" if c.approximate and c.min == c.max else "") + text))


def combined(field: str, values: list[Any]) -> Any:
    """A value that keeps what each conflicting value says: a range over the figures, every
    code of the lists, the texts one after the other."""
    spec = FIELDS[INCIDENT].get(field)
    present = [v for v in values if v is not None]
    if not present:
        return None
    if spec is not None and spec.kind == "count":
        lo = min(v["min"] for v in present)
        hi = max(v["max"] for v in present)
        return {"min": lo, "max": hi, "approximate": lo != hi}
    if all(isinstance(v, list) for v in present):
        out: list[Any] = []
        for v in present:
            out.extend(x for x in v if x not in out)
        return out
    texts = []
    for v in present:
        if str(v) not in texts:
            texts.append(str(v))
    return " / ".join(texts)
