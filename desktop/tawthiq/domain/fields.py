"""The registry of fields: what each field of each kind of record is, in one place.

Every change in the event log names one field of one entity. A field's ``FieldSpec`` says
what it holds and how it is checked (``domain.values``), and for an incident also where the
form shows it, its command-line option, whether and where a PDF prints it and whether a
public one may, which part of the extraction fills it, and whether it is a column of the
incident table to filter and sort by. The form, the CLI options, the PDF rows, the
extraction-to-form mapping and the materialised columns are all built from this registry.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from tawthiq.domain.errors import N_, ValidationError
from tawthiq.domain.values import KINDS

INCIDENT = "incident"
SOURCE_REPORT = "source_report"
LINK = "incident_source"
PAIR = "incident_pair"  # two incidents a documenter judged the same, or different
TRUST = "device_trust"  # a laptop's decision to accept another laptop's signing key
VICTIM = "victim"  # a person named as killed, injured, missing or detained in an incident
EVIDENCE = "evidence_file"  # a photo, video, recording or document attached to a record
DELETED = "deleted"

# the incident form's sections, in order: (code, title)
SECTIONS: tuple[tuple[str, str], ...] = (
    ("title", N_("Title")),
    ("when", N_("When")),
    ("where", N_("Where")),
    ("what", N_("What happened")),
    ("casualties", N_("Casualties")),
    ("sources", N_("Sources")),
    ("assessment", N_("Assessment")),
    ("account", N_("Account")),
)
# the editor a field gets on the form when its spec names none
_EDITORS = {
    "code": "combo",
    "codes": "checklist",
    "governorate": "governorate",
    "country": "country",
    "date": "date",
    "time": "time",
    "count": "count",
    "latitude": "number",
    "longitude": "number",
    "bool": "yes_no",
    "texts": "names",
}
PRINTED = ("identity", "facts", "casualties", "heading", "narrative")


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """Everything a field is. Only ``name`` and ``kind`` (text, date, code, codes, count,
    bool, ...) are needed; the rest says where the field appears beyond the event log."""

    name: str
    kind: str
    vocab: str | None = None
    label_en: str = ""
    label_ar: str = ""
    section: str | None = None  # the form's section; None: not on the form
    editor: str | None = None  # the form's editor when not the kind's own ("place", "block")
    cli: str | None = None  # the option of ``add``/``edit`` (``--cli``)
    printed: str | None = None  # where a PDF prints it (one of PRINTED); None: never
    public: bool = True  # a public report or export may show it
    extract: str | None = None  # the extraction contract's field ("place.name_ar": a part)
    column: bool = False  # a column of the incident table, to filter and sort by
    # its words are found by the incident search; the number orders them in the stored
    # search text (a stored format: rows written before would no longer verify if it changed)
    searched: int = 0
    hint: str | None = None  # a line under the form's editor
    # where it stands in its form section and in its printed table: after the lower ranks,
    # in registry order among equals (the form lists the admin levels top down)
    form_rank: int = 0
    print_rank: int = 0

    @property
    def form_editor(self) -> str:
        return self.editor or _EDITORS.get(self.kind, "line")

    @property
    def extract_field(self) -> str:
        """The extraction contract's field this one is filled from ("place" for a part);
        empty when the extractor does not fill it."""
        return self.extract.partition(".")[0] if self.extract else ""

    @property
    def extract_part(self) -> str:
        """The part of that field it takes: a key of the place, or an extra ("precision");
        empty for the field's value itself."""
        return self.extract.partition(".")[2] if self.extract else ""


def _spec(
    name: str, kind: str, en: str, ar: str, vocab: str | None = None, **more: Any
) -> FieldSpec:
    return FieldSpec(name=name, kind=kind, vocab=vocab, label_en=en, label_ar=ar, **more)


_TITLE: dict[str, Any] = {"section": "title", "searched": 1}
_WHERE: dict[str, Any] = {"section": "where", "printed": "facts"}
_COUNT: dict[str, Any] = {"section": "casualties", "printed": "casualties"}

INCIDENT_FIELDS: tuple[FieldSpec, ...] = (
    _spec("title_ar", "text", "Title (Arabic)", "العنوان (بالعربية)", cli="title-ar",
          printed="heading", **_TITLE),
    _spec("title_en", "text", "Title (English)", "العنوان (بالإنجليزية)", cli="title-en",
          printed="heading", **_TITLE),
    _spec("date_start", "date", "Date", "التاريخ", section="when", cli="date", printed="facts",
          extract="date", column=True),
    _spec("date_end", "date", "Date (end)", "التاريخ (النهاية)", section="when",
          cli="date-end", printed="facts", column=True),
    _spec("date_precision", "code", "Date precision", "دقة التاريخ", "date_precision",
          section="when", cli="date-precision", extract="date.precision"),
    _spec("time_of_day", "time", "Time of day", "وقت الحادثة", section="when", cli="time",
          printed="facts", extract="time_of_day"),
    _spec("place_name", "text", "Place", "المكان", editor="place", cli="place",
          extract="place.name", searched=3,
          hint=N_("Type the beginning of a name (كفر ج, Kafr J) and pick a place"), **_WHERE),
    _spec("place_name_ar", "text", "Place (Arabic)", "المكان (بالعربية)", section="where",
          cli="place-ar", extract="place.name_ar", searched=3),
    _spec("place_name_en", "text", "Place (English)", "المكان (بالإنجليزية)", section="where",
          cli="place-en", extract="place.name_en", searched=3),
    _spec("place_kind", "code", "Kind of place", "نوع المكان", "place_kind", cli="place-kind",
          extract="place.kind", **_WHERE),
    _spec("subdistrict", "text", "Subdistrict", "الناحية", editor="unit", cli="subdistrict",
          extract="place.subdistrict", searched=3, form_rank=3, **_WHERE),
    _spec("district", "text", "District", "المنطقة", editor="unit", cli="district",
          extract="place.district", searched=3, form_rank=2, **_WHERE),
    _spec("governorate", "governorate", "Governorate", "المحافظة", cli="governorate",
          extract="place.governorate", column=True, form_rank=1, **_WHERE),
    _spec("country", "country", "Country", "الدولة", section="where", cli="country",
          extract="place.country", form_rank=1),
    _spec("pcode", "text", "P-code", "الرمز المكاني", cli="pcode", extract="place.pcode",
          form_rank=4, **_WHERE),
    # latitude and longitude print as one row of coordinates
    _spec("lat", "latitude", "Latitude", "خط العرض", cli="lat", extract="place.lat",
          form_rank=4, **_WHERE),
    _spec("lon", "longitude", "Longitude", "خط الطول", cli="lon", extract="place.lon",
          form_rank=4, **_WHERE),
    _spec("geo_precision", "code", "Location precision", "دقة الموقع", "geo_precision",
          cli="geo-precision", extract="place.geo_precision", form_rank=4, **_WHERE),
    _spec("incident_type", "code", "Incident type", "نوع الحادثة", "incident_type",
          section="what", cli="type", printed="facts", extract="incident_type", column=True),
    _spec("weapons", "codes", "Weapons", "الأسلحة", "weapons", section="what", cli="weapons",
          printed="facts", extract="weapons"),
    _spec("perpetrators", "codes", "Perpetrators", "الجهات المنفذة", "perpetrators",
          section="what", cli="perpetrators", printed="facts", extract="perpetrators",
          column=True, hint=N_("The first one ticked is the primary perpetrator")),
    _spec("target", "code", "Target", "الهدف", "target", section="what", cli="target",
          printed="facts", extract="target"),
    _spec("munition_remnants", "bool", "Munition remnants found", "مخلفات ذخائر في الموقع",
          section="what", cli="munition-remnants", printed="facts",
          extract="munition_remnants", column=True,
          hint=N_("Unexploded or remnant munitions reported at the site")),
    _spec("killed", "count", "Killed", "القتلى", cli="killed", extract="killed", column=True,
          **_COUNT),
    _spec("killed_children", "count", "Children killed", "الأطفال بين القتلى",
          cli="killed-children", extract="killed_children", **_COUNT),
    _spec("killed_women", "count", "Women killed", "النساء بين القتلى", cli="killed-women",
          extract="killed_women", **_COUNT),
    _spec("killed_men", "count", "Men killed", "الرجال بين القتلى", cli="killed-men", **_COUNT),
    _spec("injured", "count", "Injured", "الجرحى", cli="injured", extract="injured",
          column=True, **_COUNT),
    _spec("injured_children", "count", "Children injured", "الأطفال بين الجرحى",
          cli="injured-children", **_COUNT),
    _spec("injured_women", "count", "Women injured", "النساء بين الجرحى", cli="injured-women",
          **_COUNT),
    _spec("injured_men", "count", "Men injured", "الرجال بين الجرحى", cli="injured-men",
          **_COUNT),
    _spec("sources", "codes", "Sources cited", "المصادر المذكورة", "sources", section="sources",
          cli="sources", printed="facts", extract="sources"),
    # people named as sources are for the documenters, never for a public report
    _spec("source_names", "texts", "Named sources", "أسماء المصادر", section="sources",
          cli="source-names", printed="facts", public=False,
          hint=N_("Outlets and groups the report names, separated by ;")),
    _spec("evidence_grade", "code", "Evidence grade", "تقييم الأدلة", "evidence_grade",
          section="assessment", cli="grade", printed="identity", print_rank=1),
    _spec("status", "code", "Review status", "حالة المراجعة", "status", section="assessment",
          cli="status", printed="identity", column=True),
    _spec("confidentiality", "code", "Confidentiality", "السرية", "confidentiality",
          section="assessment", cli="confidentiality", printed="facts"),
    _spec("narrative", "text", "Narrative", "السرد", section="account", editor="block",
          cli="narrative", printed="narrative", searched=2),
    _spec("private_notes", "text", "Private notes", "ملاحظات خاصة", section="account",
          editor="block", cli="notes", public=False, hint=N_("Never printed in a public report")),
    # set when a documenter (or ingest, on a strong match) judged the incident one already
    # kept: it is then shown as part of that one, its reports among that one's; cleared, it
    # stands on its own again
    _spec("grouped_into", "text", "Grouped into incident", "ضُمّت إلى الحادثة", column=True),
    _spec(DELETED, "bool", "Deleted", "محذوفة"),
)  # fmt: skip

SOURCE_REPORT_FIELDS: tuple[FieldSpec, ...] = (
    # a witness's account, a contact's message: it names people, so a public report
    # cites the report (outlet, dates, address) without its text
    _spec("text", "verbatim", "Report text", "نص التقرير", public=False),
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
    # what this report said of this incident, as it was read when linked: the figures the
    # incident's table of sources shows beside the documenter's own
    *(
        _spec(name, "count", en, ar)
        for name, en, ar in (
            ("killed", "Killed (this report)", "القتلى (في هذا التقرير)"),
            ("killed_children", "Children killed (this report)", "الأطفال القتلى (في هذا التقرير)"),
            ("killed_women", "Women killed (this report)", "النساء القتلى (في هذا التقرير)"),
            ("killed_men", "Men killed (this report)", "الرجال القتلى (في هذا التقرير)"),
            ("injured", "Injured (this report)", "الجرحى (في هذا التقرير)"),
            ("injured_children", "Children injured (this report)",
             "الأطفال الجرحى (في هذا التقرير)"),
            ("injured_women", "Women injured (this report)", "النساء الجرحى (في هذا التقرير)"),
            ("injured_men", "Men injured (this report)", "الرجال الجرحى (في هذا التقرير)"),
        )
    ),
    _spec(DELETED, "bool", "Unlinked", "أزيل الربط"),
)  # fmt: skip

PAIR_FIELDS: tuple[FieldSpec, ...] = (
    _spec("incident_a", "text", "Incident", "الحادثة"),
    _spec("incident_b", "text", "Other incident", "الحادثة الأخرى"),
    _spec("decision", "code", "Decision", "القرار", "pair_decision"),
)

# Written by the laptop that accepted the key, in its own signed chain: who accepted which
# key, and when, is part of the log (record id: ``store.trust.decision_id``).
TRUST_FIELDS: tuple[FieldSpec, ...] = (
    _spec("device", "text", "Laptop", "الحاسوب"),
    _spec("public_key", "text", "Signing key", "مفتاح التوقيع"),
    # a team server's: the role a coordinator enrolled the laptop in, or "coordinator" for
    # the one a laptop follows; and, once revoked, its last event still taken
    _spec("role", "text", "Team role", "الدور في الفريق"),
    _spec("revoked_after", "text", "Revoked after event", "أُلغيت الثقة بعد الحدث"),
)

# A victim named in an incident's reports. Names, and whatever tells who a person is, are
# personal data of the most sensitive kind: only a victim marked ``public`` is ever shown
# in a public report or export, and then only the fields marked public here.
VICTIM_FIELDS: tuple[FieldSpec, ...] = (
    _spec("incident_id", "text", "Incident", "الحادثة"),
    _spec("name_ar", "text", "Name (Arabic)", "الاسم (بالعربية)", cli="name", public=False),
    _spec("name_en", "text", "Name (English)", "الاسم (بالإنجليزية)", cli="name-en",
          public=False),
    _spec("sex", "code", "Sex", "الجنس", "sex", cli="sex"),
    _spec("age", "age", "Age (years)", "العمر (بالسنوات)", cli="age"),
    _spec("age_group", "code", "Age group", "الفئة العمرية", "age_group", cli="age"),
    _spec("status", "code", "Status", "الحالة", "victim_status", cli="status"),
    _spec("relation", "text", "Relation to other victims", "صلة القرابة بضحايا آخرين",
          cli="relation", public=False),
    _spec("occupation", "code", "Occupation", "المهنة", "occupation", cli="occupation"),
    _spec("occupation_note", "text", "Occupation (as told)", "المهنة (كما وردت)",
          cli="occupation", public=False),
    _spec("residence", "text", "Residence", "مكان الإقامة", cli="residence", public=False),
    _spec("origin", "text", "Place of origin", "مكان المنشأ", cli="origin", public=False),
    # the source reports that name this person (their ids)
    _spec("report_ids", "texts", "Reports naming them", "التقارير التي تذكره", cli="report"),
    # the same person recorded in another incident (a casualty who later died of wounds)
    _spec("same_person_as", "text", "Same person as victim", "الشخص نفسه في ضحية أخرى",
          public=False),
    _spec("public", "bool", "Named publicly", "يُذكر اسمه علناً", cli="public"),
    _spec(DELETED, "bool", "Deleted", "محذوف"),
)  # fmt: skip

# A file attached to an incident or a source report. Its bytes are kept beside the database
# under their SHA-256 (``store.evidence_store``) and never changed; the record holds what
# proves and describes them. Who attached it, and when, are its first event's author and
# time. What may name or locate a person (the name it came under, the camera, where it came
# from, the documenter's note) is never in a public report or export.
EVIDENCE_FIELDS: tuple[FieldSpec, ...] = (
    _spec("sha256", "sha256", "SHA-256", "بصمة SHA-256"),
    _spec("size", "bytes", "Size (bytes)", "الحجم (بايت)"),
    _spec("media_type", "text", "Type", "النوع"),
    _spec("file_name", "text", "File name (as attached)", "اسم الملف (كما أُرفق)", public=False),
    _spec("taken_at", "text", "Taken at", "وقت الالتقاط"),
    _spec("device", "text", "Camera", "آلة التصوير", public=False),
    _spec("origin", "text", "Came from", "مصدر الملف", public=False),
    _spec("incident_id", "text", "Incident", "الحادثة"),
    _spec("source_report_id", "text", "Source report", "التقرير المصدر"),
    _spec("note", "text", "Note", "ملاحظة", public=False),
    _spec(DELETED, "bool", "Removed", "أُزيل"),
)

FIELDS: dict[str, dict[str, FieldSpec]] = {
    INCIDENT: {f.name: f for f in INCIDENT_FIELDS},
    SOURCE_REPORT: {f.name: f for f in SOURCE_REPORT_FIELDS},
    LINK: {f.name: f for f in LINK_FIELDS},
    PAIR: {f.name: f for f in PAIR_FIELDS},
    TRUST: {f.name: f for f in TRUST_FIELDS},
    VICTIM: {f.name: f for f in VICTIM_FIELDS},
    EVIDENCE: {f.name: f for f in EVIDENCE_FIELDS},
}
assert all(f.kind in KINDS for fields in FIELDS.values() for f in fields.values())

# an incident's fields that say how it is kept, not what happened: no data file carries them
BOOKKEEPING = (DELETED, "grouped_into")

# the parts of a total among the people it counts, as the form's grid and the PDF show them
BREAKDOWN = ("children", "women", "men")
TOTALS = ("killed", "injured")
# the days an incident happened on (the start, the end of a range)
DATE_FIELDS = tuple(f.name for f in INCIDENT_FIELDS if f.kind == "date")


@cache  # the registry never changes: asked once per record while replaying
def incident_fields(**where: Any) -> tuple[FieldSpec, ...]:
    """The incident's fields whose attributes have the given values, in registry order:
    ``incident_fields(column=True)``, ``incident_fields(section="where")``."""
    return tuple(f for f in INCIDENT_FIELDS if all(getattr(f, k) == v for k, v in where.items()))


@cache
def searched_fields() -> tuple[str, ...]:
    """Fields whose words the incident search finds, in the order the search text holds them."""
    return tuple(f.name for f in sorted(incident_fields(), key=lambda f: f.searched) if f.searched)


def cli_options() -> dict[str, str]:
    """Option of ``add``/``edit`` -> incident field, in registry order."""
    return {f.cli: f.name for f in INCIDENT_FIELDS if f.cli}


@cache
def form_sections() -> tuple[tuple[str, str, tuple[FieldSpec, ...]], ...]:
    """(code, title, fields) of each section of the incident form, in order."""
    return tuple(
        (code, title, tuple(sorted(incident_fields(section=code), key=lambda f: f.form_rank)))
        for code, title in SECTIONS
    )


@cache
def printed_fields(table: str) -> tuple[FieldSpec, ...]:
    """The fields a PDF prints in ``table`` ("identity", "facts"), in their order."""
    return tuple(sorted(incident_fields(printed=table), key=lambda f: f.print_rank))


@cache
def extracted_fields() -> tuple[FieldSpec, ...]:
    """Fields the extractor fills, in registry order."""
    return tuple(f for f in INCIDENT_FIELDS if f.extract)


@cache
def cross_checked_fields() -> tuple[str, ...]:
    """Fields that a check across fields (``incident_problems``) or against today
    (``future_dates``) can refuse while each is fine alone: a breakdown beyond its total, an
    end before the start, a day not yet come."""
    return (*(f"{t}_{p}" for t in TOTALS for p in BREAKDOWN), *DATE_FIELDS)


def field_spec(entity: str, name: str) -> FieldSpec:
    try:
        return FIELDS[entity][name]
    except KeyError:
        raise ValidationError(f"{entity.replace('_', ' ')} has no field {name!r}") from None
