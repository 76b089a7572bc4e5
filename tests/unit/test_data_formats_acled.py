"""The ACLED export: ACLED's columns in ACLED's order, its event types and precision codes,
the conservative toll, English labels, and nothing private unless asked for."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from data_format_samples import (
    NAMED_SOURCE,
    PRIVATE_NOTE,
    REPORT_TEXT,
    abduction,
    chemical,
    maram,
    samples,
    write_file,
)

from tawthiq.domain.data_record import DataRecord
from tawthiq.domain.records import Casualties, Incident
from tawthiq.domain.vocab import vocabulary
from tawthiq.sync.data_formats import acled, module_of

# ACLED's columns since 20 March 2023, in order, as ACLED's R package documents a row of
# its data (acledR, man/acled_old_dummy.Rd); typed here again, not taken from the module
CODEBOOK_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
]  # fmt: skip
# the codebook's event types and sub-event types of political violence and strategic
# developments (its demonstrations are never ours)
EVENT_TYPES = {
    "Battles", "Explosions/Remote violence", "Violence against civilians",
    "Strategic developments",
}  # fmt: skip
# the codebook's sub-event types of political violence and strategic developments
SUB_EVENT_TYPES = {
    "Armed clash", "Government regains territory", "Non-state actor overtakes territory",
    "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED", "Grenade", "Sexual violence", "Attack",
    "Abduction/forced disappearance", "Agreement", "Arrests", "Change to group/activity",
    "Disrupted weapons use", "Headquarters or base established", "Looting/property destruction",
    "Non-violent transfer of territory", "Other",
}  # fmt: skip


def rows(
    tmp_path: Path, records: list[DataRecord], *, private: bool = False
) -> list[dict[str, str]]:
    path = tmp_path / "acled.csv"
    assert write_file(acled, records, path, private=private) == len(records)
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == CODEBOOK_COLUMNS
        return list(reader)


def test_the_header_is_acleds_column_list_in_its_order(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    assert write_file(acled, iter(()), path, private=False) == 0
    assert path.read_text("utf-8").splitlines() == [",".join(CODEBOOK_COLUMNS)]
    assert module_of("acled") is acled and acled.SUFFIX == ".csv"


def test_the_maram_shelling_as_acled_codes_it(tmp_path: Path) -> None:
    (row,) = rows(tmp_path, [maram()])
    assert row["event_id_cnty"] == "6f1c2a8e-maram"
    assert (row["event_date"], row["year"], row["time_precision"]) == ("2024-03-07", "2024", "1")
    assert (row["disorder_type"], row["event_type"], row["sub_event_type"]) == (
        "Political violence",
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
    )
    assert (row["actor1"], row["assoc_actor_1"], row["inter1"]) == (
        "Syrian government forces",
        "Russian forces",
        "1",
    )
    assert (row["actor2"], row["inter2"], row["interaction"]) == ("Civilians (Syria)", "7", "17")
    assert row["civilian_targeting"] == "Civilian targeting"
    assert (row["iso"], row["region"], row["country"]) == ("760", "Middle East", "Syria")
    # the district and subdistrict were stored in Arabic: ACLED gets the gazetteer's English
    assert (row["admin1"], row["admin2"], row["admin3"]) == ("Idlib", "Harim", "Dana")
    assert row["location"] == "Maram camp"
    assert (float(row["latitude"]), float(row["longitude"])) == (36.2431, 36.7123)
    assert row["geo_precision"] == "1"
    assert row["source"] == "عنب بلدي; SANA; Syria TV"
    assert row["notes"] == (
        "On 2024-03-07, shelling/artillery/missile attack in Maram camp (Harim, Idlib): "
        "8 killed (reports gave 6 to 10), 12–15 injured."
    )


def test_fatalities_are_the_documenters_lower_figure_not_the_reports_highest(
    tmp_path: Path,
) -> None:
    own_range = maram(killed={"min": 7, "max": 9})
    without_own = maram(killed=None)
    nothing = DataRecord(Incident.from_state("x", {"date_start": "2024-01-01"}))
    got = [r["fatalities"] for r in rows(tmp_path, [maram(), own_range, without_own, nothing])]
    # the documenter said 8; with 7-9 the lower bound; with no own figure the lowest report
    assert got == ["8", "7", "6", "0"]


@pytest.mark.parametrize(
    ("precision", "end", "expected_precision", "expected_day"),
    [
        ("day", None, "1", "2024-03-07"),
        ("week", "2024-03-13", "2", "2024-03-10"),  # ACLED codes a span by its middle day
        ("month", "2024-03-31", "3", "2024-03-19"),
        ("year", "2024-12-31", "3", "2024-08-03"),
        (None, "2024-03-09", "2", "2024-03-08"),  # no precision said: from the span
    ],
)
def test_time_precision_from_the_dates_precision(
    tmp_path: Path,
    precision: str | None,
    end: str | None,
    expected_precision: str,
    expected_day: str,
) -> None:
    (row,) = rows(tmp_path, [maram(date_precision=precision, date_end=end)])
    assert (row["time_precision"], row["event_date"]) == (expected_precision, expected_day)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"geo_precision": "exact"}, "1"),
        ({"geo_precision": "locality"}, "1"),
        ({"geo_precision": "district"}, "2"),
        ({"geo_precision": "governorate"}, "3"),
        ({"geo_precision": None, "place_kind": "area"}, "2"),
        ({"geo_precision": None, "place_kind": None}, "1"),  # a named place: its town
        ({"geo_precision": None, "place_kind": None, "place_name": None, "place_name_ar": None,
          "place_name_en": None, "subdistrict": None, "district": None}, "3"),
    ],
)  # fmt: skip
def test_geo_precision_from_the_location_precision_or_kind_of_place(
    tmp_path: Path, changes: dict[str, object], expected: str
) -> None:
    (row,) = rows(tmp_path, [maram(**changes)])
    assert row["geo_precision"] == expected


def test_every_incident_type_is_one_of_the_codebooks_sub_event_types() -> None:
    for code in vocabulary("incident_type").codes:
        inc = Incident.from_state("x", {"incident_type": code})
        disorder, event_type, sub_event = acled.event_types(inc)
        assert sub_event in SUB_EVENT_TYPES, code
        assert disorder in ("Political violence", "Strategic developments"), code
        assert event_type in EVENT_TYPES, code
    arrest = acled.event_types(Incident.from_state("x", {"incident_type": "arrest"}))
    assert arrest == ("Strategic developments", "Strategic developments", "Arrests")


def test_other_incidents_take_the_best_fitting_type(tmp_path: Path) -> None:
    harmed = DataRecord(
        Incident.from_state("h", {"incident_type": "other", "killed": {"min": 1, "max": 1}})
    )
    quiet = DataRecord(Incident.from_state("q", {"incident_type": "other"}))
    got = [
        (r["event_type"], r["sub_event_type"]) for r in rows(tmp_path, [chemical(), harmed, quiet])
    ]
    assert got == [
        ("Explosions/Remote violence", "Chemical weapon"),
        ("Violence against civilians", "Attack"),
        ("Strategic developments", "Other"),
    ]


def test_an_unknown_perpetrator_is_an_unidentified_armed_group(tmp_path: Path) -> None:
    (row,) = rows(tmp_path, [abduction()])
    assert (row["actor1"], row["inter1"]) == ("Unidentified Armed Group (Syria)", "3")
    assert (row["event_type"], row["sub_event_type"]) == (
        "Violence against civilians",
        "Abduction/forced disappearance",
    )
    assert (row["actor2"], row["interaction"], row["civilian_targeting"]) == (
        "Civilians (Syria)",
        "37",
        "Civilian targeting",
    )
    # no coordinates: empty cells, never a made-up point
    assert (row["latitude"], row["longitude"], row["location"]) == ("", "", "عفرين")


def test_a_military_target_is_not_civilian_targeting(tmp_path: Path) -> None:
    (row,) = rows(tmp_path, [maram(target="military")])
    assert (row["civilian_targeting"], row["actor2"], row["interaction"]) == ("", "", "10")


def test_private_fields_and_report_texts_stay_out_unless_asked_for(tmp_path: Path) -> None:
    public = (tmp_path / "public.csv", False)
    everything = (tmp_path / "all.csv", True)
    for path, private in (public, everything):
        write_file(acled, samples(), path, private=private)
    public_text, all_text = public[0].read_text("utf-8"), everything[0].read_text("utf-8")
    assert NAMED_SOURCE not in public_text and PRIVATE_NOTE not in public_text
    assert NAMED_SOURCE in all_text and PRIVATE_NOTE in all_text
    assert REPORT_TEXT not in public_text and REPORT_TEXT not in all_text


def test_figures_are_read_from_the_record_not_reports_without_figures() -> None:
    record = maram()
    assert acled.fatalities(record) == 8
    assert acled.fatalities(DataRecord(record.incident, (), {"killed": Casualties(2, 5)})) == 8
