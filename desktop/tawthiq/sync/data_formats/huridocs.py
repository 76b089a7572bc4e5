"""Incidents after the HURIDOCS Events Standard Formats: for each incident an event record,
the act it was (one per incident), the perpetrators' involvement, the information each
report gave, and the victims named (person records: only those marked public, with their
public fields, unless the export is private).

Field names are the standard's, as HURIDOCS' own implementation of it names them
(OpenEvSys, ``schema/mysql-dbpopulate-datadict.sql``, https://github.com/huridocs/OpenEvSys);
codes of its Micro-thesauri (Dueck, Guzman, Verstappen, HURIDOCS 2001) carry their
``huri_code`` and English and Arabic labels. What the standard has no field for is kept
under ``x_tawthiq`` in each record. docs/data-formats.md says where each field comes from."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date
from functools import cache
from typing import IO, Any

from tawthiq.domain.data_record import FIGURES, DataRecord, ReportFigures
from tawthiq.domain.records import Incident
from tawthiq.domain.victims import Victim, public_victims
from tawthiq.sync.data_formats import record_text as rt

SUFFIX = ".json"
STANDARD = "HURIDOCS Events Standard Formats (2001)"

# date_precision -> Micro-thesaurus 48, Types of Dates (an exact day has none)
DATE_TYPES: dict[str, tuple[str, str, str]] = {
    "week": ("010000000000", "Estimate", "تاريخ تقديري"),
    "month": ("020000000000", "Unknown day", "اليوم غير معروف"),
    "year": ("030000000000", "Unknown month and day", "الشهر واليوم غير معروفين"),
}
# incident_type -> Micro-thesaurus 4, Types of Acts
_BOMBING = ("010105020000", "Killing in indiscriminate attacks such as bombing",
            "قتل في هجمات عشوائية كالقصف")  # fmt: skip
TYPES_OF_ACTS: dict[str, tuple[str, str, str]] = {
    "air_drone_strike": _BOMBING,
    "shelling_artillery_missile": _BOMBING,
    "remote_explosive": _BOMBING,
    "suicide_bomb": _BOMBING,
    "grenade": _BOMBING,
    "armed_clash": ("010103030000", "Death of a non-combatant in a crossfire",
                    "مقتل غير مقاتل في تبادل لإطلاق النار"),
    "attack": ("010103020000", "Deliberate killing of a non-combatant", "قتل متعمد لغير مقاتل"),
    "abduction_disappearance": ("030104000000", "Abduction; kidnapping", "اختطاف"),
    "arrest": ("030101000000", "Arrest", "اعتقال"),
    "sexual_violence": ("020102000000", "Sexual violations", "انتهاكات جنسية"),
    "looting_destruction": ("130101000000", "Looting; theft", "نهب وسرقة"),
}  # fmt: skip
# reliability -> Micro-thesaurus 42, Reliability
RELIABILITY = {
    "completely_reliable": "010000000000",
    "usually_reliable": "020000000000",
    "fairly_reliable": "030000000000",
    "not_usually_reliable": "040000000000",
    "unreliable": "050000000000",
    "unknown": "990000000000",
}
CIVILIANS = {"en": "Civilians", "ar": "مدنيون"}
INDIVIDUAL = {"en": "Individual", "ar": "فرد"}  # a victim's counting unit: one person
SEPARATORS = (",", ":")


def write(records: Iterable[DataRecord], out: IO[str], *, private: bool) -> int:
    """``{"standard": …, "events": [ … ]}``, one event written at a time; the events written."""
    count = [0]

    def events() -> Iterator[str]:
        for record in records:
            count[0] += 1
            yield json.dumps(
                event(record, private=private), ensure_ascii=False, separators=SEPARATORS
            )

    head = '{"standard": ' + json.dumps(STANDARD) + ', "events": [\n'
    for part in rt.streamed(events(), head=head, sep=",\n", tail="\n]}\n"):
        out.write(part)
    return count[0]


def event(record: DataRecord, *, private: bool) -> dict[str, Any]:
    """The event record (100s) with its acts (2100s), involvements (2400s), information
    (2500s) and victims (900s) inside it."""
    inc = record.incident
    lat, lon = inc.number("lat"), inc.number("lon")
    out: dict[str, Any] = {
        "event_record_number": inc.id,
        "event_title": inc.title_en or inc.title_ar or "",
        "confidentiality": confidentiality(inc),
        "geographical_term": geographical_term(inc),
        "local_geographical_area": local_area(inc),
        "initial_date": _day(inc.date_start),
        "initial_date_type": date_type(inc),
        "final_date": _day(inc.date_end),
        "final_date_type": date_type(inc) if inc.date_end else None,
        "event_description": inc.text("narrative") or "",
        "impact_of_event": rt.figures_sentence(record),
        "event_location": None
        if lat is None or lon is None
        else {"latitude": lat, "longitude": lon},
        "acts": [act(record)],
        "involvements": involvements(inc),
        "information": [information(r, inc.id) for r in record.per_source],
        "victims": victims(record, private=private),
        "x_tawthiq": {
            "title": {"en": inc.title_en or "", "ar": inc.title_ar or ""},
            "evidence_grade": rt.term("evidence_grade", inc.code("evidence_grade")),
            "status": rt.term("status", inc.status),
            "date_precision": rt.term("date_precision", inc.date_precision),
        },
    }
    if private:
        out["remarks"] = rt.private_notes(inc)
        out["comments"] = "; ".join(rt.named_sources(inc))
    return out


def act(record: DataRecord) -> dict[str, Any]:
    """The one act the incident was: its type, who it was done to (civilians, counted)."""
    inc = record.incident
    return {
        "act_record_number": f"{inc.id}-act",
        "victim": None,
        "event": inc.id,
        "type_of_act": type_of_act(inc.incident_type),
        "initial_date": _day(inc.date_start),
        "initial_date_type": date_type(inc),
        "final_date": _day(inc.date_end),
        "final_date_type": date_type(inc) if inc.date_end else None,
        "exact_location": rt.place(inc, rt.EN) or rt.place(inc, rt.AR),
        "method_of_violence": [rt.term("weapons", w) for w in inc.weapons],
        "type_of_location": rt.term("target", inc.code("target")),
        "x_tawthiq": {
            "victim_type": CIVILIANS,
            "incident_type": rt.term("incident_type", inc.incident_type),
            "counts": {n: rt.as_json(c) for n in FIGURES if (c := inc.count(n))},
            "ranges": {n: rt.as_json(c) for n, c in record.ranges.items()},
        },
    }


def victims(record: DataRecord, *, private: bool) -> list[dict[str, Any]]:
    """A person record (900s) for each victim named; without ``private`` only those marked
    public, with only their public fields, whatever the caller handed over."""
    shown = list(record.victims) if private else public_victims(record.victims)
    return [person(v, record.incident.id, private=private) for v in shown]


def person(v: Victim, event_id: str, *, private: bool) -> dict[str, Any]:
    """One victim as the standard's person record: the name (in Latin letters when known,
    the other spelling as another name), sex, occupation, whether deceased; with the two
    fields the standard keeps on the act for its victim (age at the time, status at the end
    of the act), since this export has one act per incident."""
    latin, arabic = v.name_en or "", v.name_ar or ""
    out: dict[str, Any] = {
        "person_record_number": v.id,
        "counting_unit": INDIVIDUAL,
        "person_name": latin or arabic,
        "other_names": arabic if latin and arabic else None,
        "confidentiality": "n" if v.public else "y",
        "sex": rt.term("sex", v.sex),
        "occupation": rt.term("occupation", v.occupation),
        "deceased": "y" if v.status == "killed" else None,
        "age_at_time_of_victimisation": None if v.age is None else str(v.age),
        "status_at_end_of_act": rt.term("victim_status", v.status),
        "x_tawthiq": {
            "act": f"{event_id}-act",  # the act they were a victim of
            "name": {"en": latin, "ar": arabic},
            "age_group": rt.term("age_group", v.age_group),
            "reports": list(v.report_ids),
        },
    }
    if private:
        out["local_term_for_occupation"] = v.occupation_note
        out["x_tawthiq"].update(relation=v.relation, residence=v.residence, origin=v.origin,
                                same_person_as=v.same_person_as)  # fmt: skip
    return out


def involvements(inc: Incident) -> list[dict[str, Any]]:
    """One involvement record per perpetrator, the first being the primary one."""
    return [
        {
            "involvement_record_number": f"{inc.id}-involvement-{i}",
            "perpetrator": rt.term("perpetrators", code),
            "event": inc.id,
            "act": f"{inc.id}-act",
            "x_tawthiq": {"primary": i == 1},
        }
        for i, code in enumerate(inc.perpetrators, start=1)
    ]


def information(r: ReportFigures, event_id: str) -> dict[str, Any]:
    """What one report gave: the outlet as the source, when it was published and
    received, how reliable it is, and its address and figures (never its text)."""
    rep = r.report
    reliability = reliability_term(rep.reliability)
    return {
        "information_record_number": rep.id,
        "source": rep.outlet or "",
        "event": event_id,
        "language_of_source_material": rep.language,
        "date_of_source_material": rep.publication_date,
        "reliability_of_information": reliability,
        "date_received": rep.received_date,
        "x_tawthiq": {
            "url": rep.url,
            "figures": {n: rt.as_json(c) for n, c in r.figures.items()},
            "raises_toll": r.raises_toll,
        },
    }


@cache
def reliability_term(code: str | None) -> dict[str, str] | None:
    """Our reliability code with its labels and Micro-thesaurus 42's code."""
    found = rt.term("reliability", code)
    if found is None or code not in RELIABILITY:
        return found
    return {**found, "huri_code": RELIABILITY[code]}


def type_of_act(code: str | None) -> dict[str, str] | None:
    found = TYPES_OF_ACTS.get(code or "")
    if found is None:
        return None
    huri, en, ar = found
    return {"huri_code": huri, "en": en, "ar": ar}


def date_type(inc: Incident) -> dict[str, str] | None:
    found = DATE_TYPES.get(inc.date_precision or "")
    if found is None or inc.date_start is None:
        return None
    huri, en, ar = found
    return {"huri_code": huri, "en": en, "ar": ar}


def confidentiality(inc: Incident) -> str:
    """The standard's y/n: anything but a public record is confidential."""
    level = inc.code("confidentiality")
    return "n" if level in (None, "public") else "y"


def geographical_term(inc: Incident) -> dict[str, str] | None:
    code = rt.country_code(inc)
    if not code:
        return None
    return {"code": code, "en": rt.country(code, rt.EN), "ar": rt.country(code, rt.AR)}


def local_area(inc: Incident) -> dict[str, str] | None:
    """The place and the units it lies in, smallest first, in each language."""
    v, gov = inc.values, inc.governorate

    def line(lang: str) -> str:
        parts = (
            rt.place(inc, lang),
            rt.admin_unit("subdistrict", v.get("subdistrict"), lang, gov),
            rt.admin_unit("district", v.get("district"), lang, gov),
            rt.governorate(gov, lang),
        )
        return (
            "، ".join(p for p in parts if p) if lang == rt.AR else ", ".join(p for p in parts if p)
        )

    en, ar = line(rt.EN), line(rt.AR)
    return {"en": en, "ar": ar, "pcode": v.get("pcode") or ""} if en or ar else None


def _day(d: date | None) -> str | None:
    return d.isoformat() if d else None
