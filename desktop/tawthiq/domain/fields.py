"""The fields of each kind of record, and how a value for each is checked.

Every change in the event log names one field of one entity; the value is plain JSON.
This module is the one place that says which values are acceptable, for the CLI, the
UI, imports and the extractor alike.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from tawthiq.domain.errors import N_, ValidationError
from tawthiq.domain.places import find_governorate
from tawthiq.domain.vocab import vocabulary

INCIDENT = "incident"
SOURCE_REPORT = "source_report"
LINK = "incident_source"
PAIR = "incident_pair"  # two incidents a documenter judged the same, or different
DELETED = "deleted"

MAX_PEOPLE = 10_000_000
_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_RANGE = re.compile(r"^\s*(\d+)\s*(?:[-–]\s*(\d+)\s*)?$")
_ISO2 = re.compile(r"^[A-Z]{2}$")

Parser = Callable[[str, Any], Any]


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """What a field holds: a ``kind`` (text, date, code, codes, count, number, ...)."""

    name: str
    kind: str
    vocab: str | None = None
    label_en: str = ""
    label_ar: str = ""


def _text(name: str, v: Any) -> Any:
    if not isinstance(v, str):
        raise ValidationError(N_("expected text, got {kind}"), field=name, kind=type(v).__name__)
    try:
        v.encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationError(
            N_("the text contains bytes that are not valid characters"), field=name
        ) from None
    v = v.strip()
    return v or None


def _verbatim(name: str, v: Any) -> Any:
    """Text kept exactly as given (a report as it was pasted: the extractor's offsets point
    into it), only refused when it holds nothing."""
    checked = _text(name, v)
    return v if checked is not None else None


def _date(name: str, v: Any) -> Any:
    if isinstance(v, date):
        return v.isoformat()
    if not isinstance(v, str):
        raise ValidationError(N_("expected a date as YYYY-MM-DD"), field=name)
    try:
        return date.fromisoformat(v.strip()).isoformat()
    except ValueError:
        raise ValidationError(
            N_("{value!r} is not a valid date; write it as YYYY-MM-DD, e.g. 2022-11-06"),
            field=name,
            value=v,
        ) from None


def _count(name: str, v: Any) -> Any:
    """A casualty figure: {"min", "max", "approximate"} from an int, 'N', 'MIN-MAX' or a dict."""
    approximate = False
    lo: object
    hi: object
    if isinstance(v, bool):
        raise ValidationError(N_("expected a number of people"), field=name)
    if isinstance(v, int):
        lo = hi = v
    elif isinstance(v, str):
        m = _RANGE.match(v)
        if not m:
            raise ValidationError(
                N_(
                    "{value!r} is not a number of people; write a whole number like 9 "
                    "or a range like 9-12"
                ),
                field=name,
                value=v,
            )
        lo = int(m.group(1))
        hi = int(m.group(2)) if m.group(2) else lo
    elif isinstance(v, Mapping):
        lo, hi = v.get("min", v.get("value")), v.get("max", v.get("min", v.get("value")))
        approximate = v.get("approximate", False)
        if not isinstance(approximate, bool):
            raise ValidationError(N_("approximate must be true or false"), field=name)
    else:
        raise ValidationError(N_("expected a number of people"), field=name)
    if (
        not (isinstance(lo, int) and isinstance(hi, int))
        or isinstance(lo, bool)
        or isinstance(hi, bool)
    ):
        raise ValidationError(N_("minimum and maximum must be whole numbers"), field=name)
    if lo < 0 or hi < 0:
        raise ValidationError(N_("a number of people cannot be negative"), field=name)
    if hi > MAX_PEOPLE:
        raise ValidationError(
            N_("{count} is not a plausible number of people for one incident"), field=name, count=hi
        )
    if lo > hi:
        raise ValidationError(
            N_("the minimum {low} is greater than the maximum {high}"), field=name, low=lo, high=hi
        )
    return {"min": lo, "max": hi, "approximate": approximate or lo != hi}


def _number(lo: float, hi: float) -> Parser:
    def parse(name: str, v: Any) -> Any:
        try:
            x = float(v)
        except (TypeError, ValueError):
            raise ValidationError(N_("{value!r} is not a number"), field=name, value=v) from None
        if isinstance(v, bool) or not math.isfinite(x) or not lo <= x <= hi:
            raise ValidationError(
                N_("{value!r} is outside {low}..{high}"), field=name, value=v, low=f"{lo:g}",
                high=f"{hi:g}",
            )  # fmt: skip
        return x

    return parse


def _bool(name: str, v: Any) -> Any:
    if isinstance(v, bool):
        return v
    if isinstance(v, str) and v.lower() in ("true", "yes", "1", "false", "no", "0"):
        return v.lower() in ("true", "yes", "1")
    raise ValidationError(N_("expected yes or no"), field=name)


def _time(name: str, v: Any) -> Any:
    v = _text(name, v)
    if v is None or _HHMM.match(v) or v in vocabulary("time_of_day").codes:
        return v
    raise ValidationError(
        N_("{value!r} is neither a time like 06:30 nor one of {codes}"),
        field=name,
        value=v,
        codes=", ".join(vocabulary("time_of_day").codes),
    )


def _governorate(name: str, v: Any) -> Any:
    v = _text(name, v)
    return None if v is None else find_governorate(v).name_en


def _country(name: str, v: Any) -> Any:
    v = _text(name, v)
    if v is None:
        return None
    if not _ISO2.match(v.upper()):
        raise ValidationError(
            N_("{value!r} is not a two-letter country code such as SY"), field=name, value=v
        )
    return v.upper()


def _code(spec: FieldSpec) -> Parser:
    def parse(name: str, v: Any) -> Any:
        v = _text(name, v)
        if v is None:
            return None
        assert spec.vocab is not None
        return vocabulary(spec.vocab).term(v.strip().lower()).code

    return parse


def _codes(spec: FieldSpec) -> Parser:
    one = _code(spec)

    def parse(name: str, v: Any) -> Any:
        items = v.split(",") if isinstance(v, str) else v
        if not isinstance(items, list | tuple):
            raise ValidationError(N_("expected a list of codes"), field=name)
        out: list[str] = []
        for item in items:
            code = one(name, item)
            if code is not None and code not in out:
                out.append(code)
        return out

    return parse


def _texts(name: str, v: Any) -> Any:
    items = v.split(";") if isinstance(v, str) else v
    if not isinstance(items, list | tuple):
        raise ValidationError(N_("expected a list of names"), field=name)
    return [t for t in (_text(name, i) for i in items) if t]


def _spec(name: str, kind: str, en: str, ar: str, vocab: str | None = None) -> FieldSpec:
    return FieldSpec(name=name, kind=kind, vocab=vocab, label_en=en, label_ar=ar)


INCIDENT_FIELDS: tuple[FieldSpec, ...] = (
    _spec("title_ar", "text", "Title (Arabic)", "العنوان (بالعربية)"),
    _spec("title_en", "text", "Title (English)", "العنوان (بالإنجليزية)"),
    _spec("date_start", "date", "Date", "التاريخ"),
    _spec("date_end", "date", "Date (end)", "التاريخ (النهاية)"),
    _spec("date_precision", "code", "Date precision", "دقة التاريخ", "date_precision"),
    _spec("time_of_day", "time", "Time of day", "وقت الحادثة"),
    _spec("place_name", "text", "Place", "المكان"),
    _spec("place_name_ar", "text", "Place (Arabic)", "المكان (بالعربية)"),
    _spec("place_name_en", "text", "Place (English)", "المكان (بالإنجليزية)"),
    _spec("place_kind", "code", "Kind of place", "نوع المكان", "place_kind"),
    _spec("subdistrict", "text", "Subdistrict", "الناحية"),
    _spec("district", "text", "District", "المنطقة"),
    _spec("governorate", "governorate", "Governorate", "المحافظة"),
    _spec("country", "country", "Country", "الدولة"),
    _spec("pcode", "text", "P-code", "الرمز المكاني"),
    _spec("lat", "latitude", "Latitude", "خط العرض"),
    _spec("lon", "longitude", "Longitude", "خط الطول"),
    _spec("geo_precision", "code", "Location precision", "دقة الموقع", "geo_precision"),
    _spec("incident_type", "code", "Incident type", "نوع الحادثة", "incident_type"),
    _spec("weapons", "codes", "Weapons", "الأسلحة", "weapons"),
    _spec("perpetrators", "codes", "Perpetrators", "الجهات المنفذة", "perpetrators"),
    _spec("target", "code", "Target", "الهدف", "target"),
    _spec("killed", "count", "Killed", "القتلى"),
    _spec("killed_children", "count", "Children killed", "الأطفال بين القتلى"),
    _spec("killed_women", "count", "Women killed", "النساء بين القتلى"),
    _spec("killed_men", "count", "Men killed", "الرجال بين القتلى"),
    _spec("injured", "count", "Injured", "الجرحى"),
    _spec("injured_children", "count", "Children injured", "الأطفال بين الجرحى"),
    _spec("injured_women", "count", "Women injured", "النساء بين الجرحى"),
    _spec("injured_men", "count", "Men injured", "الرجال بين الجرحى"),
    _spec("sources", "codes", "Sources cited", "المصادر المذكورة", "sources"),
    _spec("source_names", "texts", "Named sources", "أسماء المصادر"),
    _spec("evidence_grade", "code", "Evidence grade", "تقييم الأدلة", "evidence_grade"),
    _spec("status", "code", "Review status", "حالة المراجعة", "status"),
    _spec("confidentiality", "code", "Confidentiality", "السرية", "confidentiality"),
    _spec("narrative", "text", "Narrative", "السرد"),
    _spec("private_notes", "text", "Private notes", "ملاحظات خاصة"),
    _spec(DELETED, "bool", "Deleted", "محذوفة"),
)

SOURCE_REPORT_FIELDS: tuple[FieldSpec, ...] = (
    _spec("text", "verbatim", "Report text", "نص التقرير"),
    _spec("title", "text", "Title", "العنوان"),
    _spec("language", "text", "Language", "اللغة"),
    _spec("outlet", "text", "Outlet", "الجهة الناشرة"),
    _spec("url", "text", "Address (URL)", "الرابط"),
    _spec("publication_date", "date", "Published", "تاريخ النشر"),
    _spec("received_date", "date", "Received", "تاريخ الاستلام"),
    _spec("reliability", "code", "Reliability", "الموثوقية", "reliability"),
    _spec(DELETED, "bool", "Deleted", "محذوف"),
)

LINK_FIELDS: tuple[FieldSpec, ...] = (
    _spec("incident_id", "text", "Incident", "الحادثة"),
    _spec("source_report_id", "text", "Source report", "التقرير المصدر"),
    _spec(DELETED, "bool", "Unlinked", "أزيل الربط"),
)

PAIR_FIELDS: tuple[FieldSpec, ...] = (
    _spec("incident_a", "text", "Incident", "الحادثة"),
    _spec("incident_b", "text", "Other incident", "الحادثة الأخرى"),
    _spec("decision", "code", "Decision", "القرار", "pair_decision"),
)

FIELDS: dict[str, dict[str, FieldSpec]] = {
    INCIDENT: {f.name: f for f in INCIDENT_FIELDS},
    SOURCE_REPORT: {f.name: f for f in SOURCE_REPORT_FIELDS},
    LINK: {f.name: f for f in LINK_FIELDS},
    PAIR: {f.name: f for f in PAIR_FIELDS},
}

_PARSERS: dict[str, Callable[[FieldSpec], Parser]] = {
    "text": lambda s: _text,
    "verbatim": lambda s: _verbatim,
    "texts": lambda s: _texts,
    "date": lambda s: _date,
    "time": lambda s: _time,
    "count": lambda s: _count,
    "latitude": lambda s: _number(-90, 90),
    "longitude": lambda s: _number(-180, 180),
    "bool": lambda s: _bool,
    "governorate": lambda s: _governorate,
    "country": lambda s: _country,
    "code": _code,
    "codes": _codes,
}


def field_spec(entity: str, name: str) -> FieldSpec:
    try:
        return FIELDS[entity][name]
    except KeyError:
        raise ValidationError(f"{entity.replace('_', ' ')} has no field {name!r}") from None


def clean_value(entity: str, name: str, value: Any) -> Any:
    """The canonical JSON value for ``name``; ``None`` clears the field."""
    spec = field_spec(entity, name)
    if value is None or value == "":
        return None
    return _PARSERS[spec.kind](spec)(name, value)


def clean_changes(entity: str, changes: Mapping[str, Any]) -> dict[str, Any]:
    return {name: clean_value(entity, name, v) for name, v in changes.items()}


def incident_problems(state: Mapping[str, Any]) -> list[ValidationError]:
    """Every check across fields of one incident's state that fails, each naming its field."""
    problems = []
    start, end = state.get("date_start"), state.get("date_end")
    if start and end and end < start:
        problems.append(
            ValidationError(
                N_("{end} is before the incident's date {start}"),
                field="date_end",
                end=end,
                start=start,
            )
        )
    for total in ("killed", "injured"):
        whole = state.get(total)
        if not whole:
            continue
        parts = [state.get(f"{total}_{p}") for p in ("children", "women", "men")]
        least = sum(p["min"] for p in parts if p)
        if least > whole["max"]:
            problems.append(
                ValidationError(
                    N_(
                        "children, women and men among them ({least}) are more than "
                        "the total of at most {most}"
                    ),
                    field=total,
                    least=least,
                    most=whole["max"],
                )
            )
    return problems


def check_incident(state: Mapping[str, Any]) -> None:
    """Checks across fields of one incident's state after a change is applied."""
    problems = incident_problems(state)
    if problems:
        raise problems[0]


def form_problems(entity: str, values: Mapping[str, Any]) -> dict[str, ValidationError]:
    """Every field of a form whose value is not acceptable, then the checks across fields:
    a form shows all of them at once, next to their fields."""
    problems: dict[str, ValidationError] = {}
    clean: dict[str, Any] = {}
    for name, value in values.items():
        try:
            clean[name] = clean_value(entity, name, value)
        except ValidationError as exc:
            problems[name] = exc
    if entity == INCIDENT:
        state = {k: v for k, v in clean.items() if v is not None and k not in problems}
        for problem in incident_problems(state):
            problems.setdefault(problem.field or "", problem)
    return problems


def foreign_value_problem(entity: str, name: str, value: Any) -> str | None:
    """Why a value arriving from another laptop is not one Tawthiq would have written for
    this field (None when it is): it must be exactly what checking it again gives."""
    if entity not in FIELDS or name not in FIELDS[entity]:
        return f"{entity}.{name} is not a field Tawthiq knows"
    if value is None:
        return None
    try:
        again = clean_value(entity, name, value)
    except ValidationError as exc:
        return exc.text()
    if again != value or type(again) is not type(value):
        return "the value is not in the form Tawthiq stores"
    return None
