"""Words of the report in both languages: fixed headings, field labels and vocabulary labels
(from the domain), days as each language writes them (Babel)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from babel.dates import format_date, format_datetime

from tawthiq.domain.fields import FIELDS, INCIDENT, SOURCE_REPORT
from tawthiq.domain.places import find_governorate
from tawthiq.domain.records import Casualties
from tawthiq.domain.vocab import vocabulary

Pair = tuple[str, str]  # (English, Arabic)

TEXT: dict[str, Pair] = {
    "report": ("Tawthiq incident report", "تقرير حادثة — توثيق"),
    "reports": ("Tawthiq incidents report", "تقرير حوادث — توثيق"),
    "id": ("Incident", "الحادثة"),
    "facts": ("The incident", "الحادثة"),
    "casualties": ("Casualties", "الضحايا"),
    "in_all": ("In all", "المجموع"),
    "children": ("Children", "أطفال"),
    "women": ("Women", "نساء"),
    "men": ("Men", "رجال"),
    "killed": ("Killed", "القتلى"),
    "injured": ("Injured", "الجرحى"),
    "narrative": ("Account", "الرواية"),
    "private": ("Private notes — never for publication", "ملاحظات خاصة — ليست للنشر أبداً"),
    "sources": ("Source reports", "التقارير المصدر"),
    "source": ("Source report", "التقرير المصدر"),
    "received": ("Received", "تاريخ الاستلام"),
    "history": ("Record history", "سجل الحادثة"),
    "created": ("Recorded", "سُجّلت"),
    "changed": ("Last changed", "آخر تعديل"),
    "by": ("by", "بواسطة"),
    "revisions": ("Changes in the audit trail", "التغييرات في سجل التدقيق"),
    "conflicts": ("Open conflicts", "تعارضات مفتوحة"),
    "none": ("none", "لا يوجد"),
    "integrity": ("Integrity fingerprint", "بصمة السلامة"),
    "check": (
        "Check a printed copy: tawthiq verify --fingerprint",
        "للتحقق من نسخة مطبوعة: tawthiq verify --fingerprint",
    ),
    "page": ("Page {page} of {pages}", "صفحة {page} من {pages}"),
    "coordinates": ("Coordinates", "الإحداثيات"),
    "primary": ("primary", "رئيسية"),
    "summary": ("Summary", "ملخص"),
    "selection": ("Incidents in this report", "الحوادث في هذا التقرير"),
    "incidents": ("Incidents", "الحوادث"),
    "by_month": ("By month", "حسب الشهر"),
    "by_governorate": ("By governorate", "حسب المحافظة"),
    "by_perpetrator": ("By primary perpetrator", "حسب الجهة المنفذة الرئيسية"),
    "month": ("Month", "الشهر"),
    "unknown": ("Not known", "غير معروف"),
    "left_out": (
        "{n} confidential incident(s) left out of this public report.",
        "استُبعدت {n} حادثة سرّية من هذا التقرير العلني.",
    ),
    "public": (
        "Public version: private notes and confidential incidents are left out.",
        "نسخة علنية: استُبعدت الملاحظات الخاصة والحوادث السرّية.",
    ),
    "chart": ("Incidents and people killed, by month", "الحوادث والقتلى حسب الشهر"),
}


def field(name: str, entity: str = INCIDENT) -> Pair:
    spec = FIELDS[entity][name]
    return spec.label_en, spec.label_ar


def source_field(name: str) -> Pair:
    return field(name, SOURCE_REPORT)


def code(vocab: str, value: str | None) -> Pair:
    if not value:
        return "", ""
    try:
        term = vocabulary(vocab).term(value)
    except Exception:
        return value, value
    return term.en, term.ar


def codes(vocab: str, values: Any, *, primary_first: bool = False) -> Pair:
    en, ar = [], []
    for i, value in enumerate(values or ()):
        e, a = code(vocab, value)
        if primary_first and i == 0 and len(values) > 1:
            e, a = f"{e} ({TEXT['primary'][0]})", f"{a} ({TEXT['primary'][1]})"
        en.append(e)
        ar.append(a)
    return ", ".join(en), "، ".join(ar)


_LANGUAGES = {
    "ar": ("Arabic", "العربية"),
    "en": ("English", "الإنجليزية"),
    "mixed": ("Arabic and English", "العربية والإنجليزية"),
}


def language(code: str | None) -> Pair:
    return _LANGUAGES.get(code or "", (code or "", code or ""))


def governorate(name: str | None) -> Pair:
    if not name:
        return "", ""
    try:
        g = find_governorate(name)
    except Exception:
        return name, name
    return g.name_en, g.name_ar


def day(value: date | str | None, lang: str) -> str:
    """A day as the language writes it ("November 6, 2022", "6 تشرين الثاني 2022")."""
    if not value:
        return ""
    d = date.fromisoformat(value) if isinstance(value, str) else value
    return format_date(d, format="long", locale="ar_SY" if lang == "ar" else "en")


def moment(value: datetime, lang: str) -> str:
    return format_datetime(
        value.astimezone(),
        format="d MMMM y HH:mm" if lang == "ar" else "MMMM d, y HH:mm",
        locale="ar_SY" if lang == "ar" else "en",
    )


def count(c: Casualties | None) -> str:
    if c is None:
        return ""
    text = str(c.min) if c.min == c.max else f"{c.min}–{c.max}"
    return ("≈" if c.approximate and c.min == c.max else "") + text
