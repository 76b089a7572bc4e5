"""Words of the report in both languages: fixed headings, field labels and vocabulary labels
(from the domain), days as each language writes them (Babel)."""

from __future__ import annotations

from datetime import UTC, date, datetime
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
    "texts_left_out": (
        "Their texts are left out of a public report: a witness's account names the witness.",
        "نصوصها لا تُطبع في تقرير علني: فرواية الشاهد تذكر اسمه.",
    ),
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
    "covers": (
        "From the content of the incident's record, its reports, links, victims and files, "
        "checked before printing.",
        "محسوبة من محتوى سجل الحادثة وتقاريرها وروابطها وضحاياها وملفاتها، وقد فُحصت قبل الطباعة.",
    ),
    "page": ("Page {page} of {pages}", "صفحة {page} من {pages}"),
    "coordinates": ("Coordinates", "الإحداثيات"),
    "not_checked": ("suggested by the extractor, not checked", "اقترحه الاستخراج الآلي ولم يُراجَع"),
    "not_checked_short": ("not checked", "لم يُراجَع"),
    "unchecked_note": (
        "{n} value(s) of this record were filled in by Tawthiq's extractor from the report "
        "and no person has checked them; each is marked so.",
        "قيمٌ في هذا السجل ملأها الاستخراج الآلي في توثيق من التقرير ولم يراجعها أحد، وكلٌّ "
        "منها معلَّم بذلك: {n}",
    ),
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
        "{n} incident(s) left out of this public report: not marked public, or deleted.",
        "حوادث استُبعدت من هذا التقرير العلني لأنها غير مصنّفة «علنية» أو محذوفة: {n}",
    ),
    "public": (
        "Public version: only incidents marked public; no private notes, named sources, "
        "texts of the source reports, names of documenters, or victims not marked public.",
        "نسخة علنية: الحوادث المصنّفة «علنية» فقط، دون الملاحظات الخاصة وأسماء المصادر "
        "ونصوص التقارير المصدر وأسماء الموثّقين والضحايا غير المصنّفين علنيين.",
    ),
    "recorded_for": (
        "{total} (recorded for {k} of {n} incidents)",
        "{total} (مسجّل في {k} من أصل {n})",
    ),
    "deleted": ("Deleted", "محذوفة"),
    "deleted_note": (
        "This incident was deleted on {when}. It is printed from its history because it was "
        "asked for by its id.",
        "حُذفت هذه الحادثة في {when}، وطُبعت من سجلها لأنها طُلبت بمعرّفها.",
    ),
    "deleted_left": (
        "Deleted incidents named in this report (printed, not counted above): {n}",
        "حوادث محذوفة مذكورة في هذا التقرير (مطبوعة وغير محسوبة أعلاه): {n}",
    ),
    "month_unknown": ("{year}, month not known", "{year}، الشهر غير معروف"),
    "months_note": (
        "Incidents known only by their year are counted in a row of that year; undated ones "
        "under “Not known”.",
        "الحوادث المعروفة بسنتها فقط محسوبة في سطر تلك السنة، وغير المؤرخة تحت «غير معروف».",
    ),
    "killed_least": ("Killed (lowest figure)", "القتلى (الحد الأدنى)"),
    "chart_last": (
        "Only the last {n} of the {total} months with incidents are drawn; the table has them all.",
        "رُسمت آخر {n} من الأشهر التي وقعت فيها حوادث، وعددها {total}؛ والجدول يضمها كلها.",
    ),
    "chart_years": (
        "Incidents known only by their year are in the table, not in the chart.",
        "الحوادث المعروفة بسنتها فقط واردة في الجدول لا في الرسم.",
    ),
    "unprintable": (
        "[?] marks characters the report's fonts cannot draw (such as emoji or Chinese "
        "characters); the record in Tawthiq keeps them.",
        "تدل [?] على محارف لا تستطيع خطوط التقرير رسمها (كالرموز التعبيرية أو الحروف "
        "الصينية)، وهي محفوظة في سجل الحادثة في توثيق.",
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


def yes_no(value: bool | None) -> Pair:
    if value is None:
        return "", ""
    return ("Yes", "نعم") if value else ("No", "لا")


def governorate(name: str | None) -> Pair:
    if not name:
        return "", ""
    try:
        g = find_governorate(name)
    except Exception:
        return name, name
    return g.name_en, g.name_ar


def day(value: date | str | None, lang: str, precision: str | None = None) -> str:
    """A day as the language writes it ("November 6, 2022", "6 تشرين الثاني 2022"); a date
    known only to its month or year as just that ("January 2022", "2022"): stored as the
    first day, it is no more that day than any other."""
    if not value:
        return ""
    d = date.fromisoformat(value) if isinstance(value, str) else value
    if precision == "year":
        return str(d.year)
    locale = "ar_SY" if lang == "ar" else "en"
    if precision == "month":
        return format_date(d, format="MMMM y", locale=locale)
    return format_date(d, format="long", locale=locale)


def moment(value: datetime, lang: str) -> str:
    """A moment of the record's history, in UTC and saying so (a report is read elsewhere
    than where it was printed)."""
    return (
        format_datetime(
            value.astimezone(UTC),
            format="d MMMM y HH:mm" if lang == "ar" else "MMMM d, y HH:mm",
            locale="ar_SY" if lang == "ar" else "en",
        )
        + " UTC"
    )


def span(lo: int, hi: int, approximate: bool = False) -> str:
    """A figure or a range, "≈" before it when the source gave it as approximate."""
    return ("≈" if approximate else "") + (str(lo) if lo == hi else f"{lo}–{hi}")


def count(c: Casualties | None) -> str:
    if c is None:
        return ""
    return span(c.min, c.max, c.approximate)
