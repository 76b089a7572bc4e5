"""Incidents as rows of ACLED's event data: its columns in its order, its event types and
precision codes, English labels (ACLED's data is in English). One row per incident.

Columns and their order: ACLED's dataset since its 20 March 2023 column change, as ACLED's
own R package documents a row of it (acledR, ``man/acled_old_dummy.Rd``,
https://dtacled.github.io/acledR/reference/acled_old_dummy.html) and ACLED's "Guide to 2023
ACLED Column Changes" (https://acleddata.com/knowledge-base/guide-to-2023-acled-column-changes);
codes from the ACLED Codebook (2024). docs/data-formats.md says where each column comes from.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import IO

from tawthiq.domain.data_record import DataRecord
from tawthiq.domain.records import Incident
from tawthiq.sync.data_formats import cells
from tawthiq.sync.data_formats import record_text as rt

SUFFIX = ".csv"

COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)

POLITICAL_VIOLENCE = "Political violence"
STRATEGIC = "Strategic developments"
EXPLOSIONS = "Explosions/Remote violence"
AGAINST_CIVILIANS = "Violence against civilians"

# incident_type -> (disorder_type, event_type, sub_event_type) of the codebook
EVENT_TYPES: dict[str, tuple[str, str, str]] = {
    "air_drone_strike": (POLITICAL_VIOLENCE, EXPLOSIONS, "Air/drone strike"),
    "shelling_artillery_missile": (
        POLITICAL_VIOLENCE,
        EXPLOSIONS,
        "Shelling/artillery/missile attack",
    ),
    "remote_explosive": (POLITICAL_VIOLENCE, EXPLOSIONS, "Remote explosive/landmine/IED"),
    "suicide_bomb": (POLITICAL_VIOLENCE, EXPLOSIONS, "Suicide bomb"),
    "grenade": (POLITICAL_VIOLENCE, EXPLOSIONS, "Grenade"),
    "armed_clash": (POLITICAL_VIOLENCE, "Battles", "Armed clash"),
    "attack": (POLITICAL_VIOLENCE, AGAINST_CIVILIANS, "Attack"),
    "abduction_disappearance": (
        POLITICAL_VIOLENCE,
        AGAINST_CIVILIANS,
        "Abduction/forced disappearance",
    ),
    "sexual_violence": (POLITICAL_VIOLENCE, AGAINST_CIVILIANS, "Sexual violence"),
    "arrest": (STRATEGIC, STRATEGIC, "Arrests"),
    "looting_destruction": (STRATEGIC, STRATEGIC, "Looting/property destruction"),
}
CHEMICAL = (POLITICAL_VIOLENCE, EXPLOSIONS, "Chemical weapon")
HARM_OTHERWISE = EVENT_TYPES["attack"]
NO_HARM_OTHERWISE = (STRATEGIC, STRATEGIC, "Other")

# date_precision -> time_precision: 1 the day, 2 a week or so, 3 a month (or less precise)
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
# geo_precision (or, without one, place_kind) -> geo_precision: 1 the town, 2 part of a
# region, 3 a larger region
GEO_PRECISION = {
    "exact": 1,
    "locality": 1,
    "subdistrict": 2,
    "district": 2,
    "governorate": 3,
    "country": 3,
}
PLACE_KIND_PRECISION = {"camp": 1, "town": 1, "city": 1, "village": 1, "district": 2, "area": 2}

# perpetrator -> ACLED's inter code: 1 state forces, 2 rebel groups, 3 political militias,
# 7 civilians, 8 external/other forces (a state's forces outside its own country)
INTER = {
    "syrian_government": 1,
    "russia": 8,
    "iran_affiliated": 8,
    "turkey": 8,
    "us_coalition": 8,
    "israel": 8,
    "hts": 2,
    "sna": 2,
    "armed_opposition": 2,
    "isis": 2,
    "sdf": 2,
    "unknown": 3,
}
CIVILIANS = 7
# targets that are not civilians: an attack on them is not civilian targeting
NOT_CIVILIAN = {"military"}
# ISO 3166 numeric codes and ACLED regions of the countries documenters here work in
ISO_NUMERIC = {"SY": 760, "IQ": 368, "LB": 422, "TR": 792, "JO": 400, "PS": 275, "IL": 376}
MIDDLE_EAST = "Middle East"


def write(records: Iterable[DataRecord], out: IO[str], *, private: bool) -> int:
    """One row per record after the header; the rows written."""
    return cells.write_rows(out, COLUMNS, (row(r, private=private) for r in records))


def row(record: DataRecord, *, private: bool) -> list[object]:
    inc = record.incident
    disorder, event_type, sub_event = event_types(inc)
    actor1, assoc1, inter1 = actor(inc)
    civilians = civilian_targeting(inc, event_type)
    code = rt.country_code(inc)
    country = rt.country(code, rt.EN)
    actor2 = f"Civilians ({country})" if civilians and country else "Civilians" if civilians else ""
    inter2: int | str = CIVILIANS if civilians else ""
    day = event_date(inc)
    source = rt.outlets(record) + (rt.named_sources(inc) if private else [])
    notes = note(record)
    if private and rt.private_notes(inc):
        notes += f" Private notes: {rt.private_notes(inc)}"
    return [
        inc.id,
        day.isoformat() if day else "",
        day.year if day else "",
        time_precision(inc),
        disorder,
        event_type,
        sub_event,
        actor1,
        assoc1,
        inter1,
        actor2,
        "",
        inter2,
        interaction(inter1, inter2),
        "Civilian targeting" if civilians else "",
        ISO_NUMERIC.get(code, ""),
        MIDDLE_EAST if code in ISO_NUMERIC else "",
        country,
        rt.governorate(inc.governorate, rt.EN),
        rt.admin_unit("district", inc.values.get("district"), rt.EN, inc.governorate),
        rt.admin_unit("subdistrict", inc.values.get("subdistrict"), rt.EN, inc.governorate),
        rt.place(inc, rt.EN),
        _coordinate(inc.number("lat")),
        _coordinate(inc.number("lon")),
        geo_precision(inc),
        "; ".join(source),
        "",
        notes,
        fatalities(record),
        "",
        "",
    ]


def event_types(inc: Incident) -> tuple[str, str, str]:
    """The codebook's types for the incident's type; for "other" (or none), the best fit:
    a chemical weapon's own sub-event type, an attack when people were harmed, else Other."""
    found = EVENT_TYPES.get(inc.incident_type or "")
    if found:
        return found
    if "chemical" in inc.weapons:
        return CHEMICAL
    harmed = any(c is not None and c.max > 0 for c in (inc.killed, inc.injured))
    return HARM_OTHERWISE if harmed else NO_HARM_OTHERWISE


def actor(inc: Incident) -> tuple[str, str, int | str]:
    """(actor1, assoc_actor_1, inter1): the first perpetrator, the others beside it."""
    if not inc.perpetrators:
        return "", "", ""
    first, *others = inc.perpetrators
    name = rt.label("perpetrators", first, rt.EN)
    if first == "unknown":
        country = rt.country(rt.country_code(inc), rt.EN)
        name = f"Unidentified Armed Group ({country})" if country else "Unidentified Armed Group"
    assoc = "; ".join(rt.label("perpetrators", c, rt.EN) for c in others)
    return name, assoc, INTER.get(first, "")


def civilian_targeting(inc: Incident, event_type: str) -> bool:
    """Civilians were the target: violence against civilians by type, or a target that
    is not a military one."""
    target = inc.code("target")
    return event_type == AGAINST_CIVILIANS or (target is not None and target not in NOT_CIVILIAN)


def interaction(inter1: int | str, inter2: int | str) -> int | str:
    """The two inter codes as one number, the lower first; one actor alone: its code and 0."""
    if inter1 == "":
        return ""
    if inter2 == "":
        return int(inter1) * 10
    low, high = sorted((int(inter1), int(inter2)))
    return low * 10 + high


def event_date(inc: Incident) -> date | None:
    """The day, or for a span of days its middle day, as ACLED codes a week or a month."""
    start, end = inc.date_start, inc.date_end
    if start is None or end is None or end <= start:
        return start
    return date.fromordinal((start.toordinal() + end.toordinal()) // 2)


def time_precision(inc: Incident) -> int | str:
    if inc.date_start is None:
        return ""
    known = TIME_PRECISION.get(inc.date_precision or "")
    if known:
        return known
    end = inc.date_end or inc.date_start
    days = (end - inc.date_start).days
    return 1 if days == 0 else 2 if days <= 7 else 3


def geo_precision(inc: Incident) -> int | str:
    known = GEO_PRECISION.get(inc.code("geo_precision") or "")
    if known:
        return known
    kind = PLACE_KIND_PRECISION.get(inc.code("place_kind") or "")
    if kind:
        return kind
    if inc.place_name:
        return 1
    if inc.values.get("subdistrict") or inc.values.get("district"):
        return 2
    return 3 if inc.governorate else ""


def fatalities(record: DataRecord) -> int:
    """The most conservative figure, as ACLED codes disputed or vague tolls: the lower
    bound of the documenter's own figure, else the lowest a report gave, else 0."""
    own = record.incident.killed or record.ranges.get("killed")
    return own.min if own is not None else 0


def note(record: DataRecord) -> str:
    """ "On 2024-03-07, an air/drone strike in Maram camp (Harim, Idlib): 8 killed." """
    inc = record.incident
    what = (
        inc.incident_type and rt.label("incident_type", inc.incident_type, rt.EN)
    ) or "an incident"
    where = rt.place(inc, rt.EN)
    around = ", ".join(
        x
        for x in (
            rt.admin_unit("district", inc.values.get("district"), rt.EN, inc.governorate),
            rt.governorate(inc.governorate, rt.EN),
        )
        if x and x != where
    )
    place = f"{where} ({around})" if where and around else where or around
    text = f"On {rt.day_text(inc)}, " if inc.date_start else ""
    text += what[0].lower() + what[1:] if text else what
    if place:
        text += f" in {place}"
    figures = rt.figures_sentence(record)
    return f"{text}: {figures}." if figures else f"{text}."


def _coordinate(v: float | None) -> float | str:
    return "" if v is None else round(v, 6)
