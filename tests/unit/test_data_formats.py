"""The plain data formats without a database: a record written as a CSV row or a JSON
object and read back, the range of figures across reports, and another tool's columns
read through a mapping."""

from __future__ import annotations

import io
import json

import pytest

from tawthiq.domain.checks import clean_changes
from tawthiq.domain.errors import ValidationError
from tawthiq.domain.fields import INCIDENT
from tawthiq.domain.records import Casualties, Incident
from tawthiq.services.grouping import record_from
from tawthiq.sync.data_formats import plain_csv, plain_json
from tawthiq.sync.data_formats.mapping import UnknownColumns, checked_mapping, read_mapped

STATE = {
    "title_ar": "قصف مخيم مرام", "date_start": "2022-11-06", "governorate": "Idlib",
    "weapons": ["rocket", "cluster_munition"], "lat": 36.178912345678,
    "killed": {"min": 6, "max": 10, "approximate": True}, "munition_remnants": False,
    "narrative": 'سطر أول، "مقتبس"\nسطر ثان', "private_notes": "a contact",
    "confidentiality": "public",
}  # fmt: skip


def _linked(*killed: tuple[str, int, int]) -> list[tuple[str, dict, dict]]:  # type: ignore[type-arg]
    """Reports of an incident, each with its publication day and the killed it gave."""
    return [
        (f"r{n}", {"outlet": f"Outlet {n}", "publication_date": day},
         {"killed": {"min": lo, "max": hi, "approximate": lo != hi}})
        for n, (day, lo, hi) in enumerate(killed)
    ]  # fmt: skip


def test_the_range_is_the_lowest_and_highest_any_report_gave() -> None:
    inc = Incident.from_state("i1", STATE)
    linked = _linked(("2022-11-07", 8, 8), ("2022-11-06", 6, 6), ("2022-11-08", 9, 10))
    record = record_from(inc, linked)
    assert record.ranges == {"killed": Casualties(6, 10, True)}
    # in the order they were published; a later report raising the toll says so
    assert [r.report.outlet for r in record.per_source] == ["Outlet 1", "Outlet 0", "Outlet 2"]
    assert [r.raises_toll for r in record.per_source] == [False, True, True]
    bare = record_from(inc, [])
    assert bare.ranges == {} and bare.per_source == ()


def test_a_csv_row_reads_back_as_the_same_values() -> None:
    record = record_from(Incident.from_state("i1", STATE), _linked(("2022-11-07", 8, 9)))
    out = io.StringIO()
    assert plain_csv.write([record], out, private=True) == 1
    text = out.getvalue()
    assert text.startswith("\ufeffid,title_ar,")
    header = text.lstrip("\ufeff").splitlines()[0].split(",")
    assert header[-1] == "source_reports" and "range_killed_min" in header
    (row,) = plain_csv.read(io.StringIO(text))
    assert row[0] == 2  # the row as a spreadsheet numbers it, under the header
    values = row[1]
    assert values.pop("id") == "i1"
    assert values["munition_remnants"] == "no" and values["lat"] == str(STATE["lat"])
    assert clean_changes(INCIDENT, values) == STATE  # as the form reads them: the same


def test_a_public_csv_has_no_private_columns() -> None:
    record = record_from(Incident.from_state("i1", STATE), [])
    out = io.StringIO()
    plain_csv.write([record], out, private=False)
    assert "private_notes" not in out.getvalue() and "a contact" not in out.getvalue()
    assert "source_names" not in out.getvalue().splitlines()[0]


def test_a_json_object_holds_values_as_the_log_does_and_reads_back() -> None:
    record = record_from(Incident.from_state("i1", STATE), _linked(("2022-11-07", 8, 9)))
    out = io.StringIO()
    plain_json.write([record], out, private=False)
    (obj,) = json.loads(out.getvalue())
    assert obj["killed"] == STATE["killed"] and obj["weapons"] == STATE["weapons"]
    assert "private_notes" not in obj
    assert obj["ranges"] == {"killed": {"min": 8, "max": 9, "approximate": True}}
    assert obj["source_reports"][0]["figures"]["killed"]["max"] == 9
    ((n, values),) = plain_json.read(io.StringIO(out.getvalue()))
    assert n == 1 and "ranges" not in values and "source_reports" not in values
    assert values["killed"] == STATE["killed"]


def test_columns_of_another_tool_are_named_when_refused() -> None:
    with pytest.raises(UnknownColumns) as refused:
        plain_csv.read(io.StringIO("id,Deaths\n1,2\n"))
    assert refused.value.columns == ("Deaths",)


def test_a_mapping_reads_their_columns_as_our_fields() -> None:
    mapping = checked_mapping({
        "columns": {"When": "date_start", "Low": "killed_min", "High": "killed_max",
                    "Arms": "weapons", "Ignored": ""},
        "values": {"weapons": {"Rockets": "rocket"}}, "date_format": "%d/%m/%Y",
    })  # fmt: skip
    text = "When,Low,High,Arms,Ignored\n06/11/2022,3,,Rockets; mortar,x\n\n13/13/2022,,,,\n"
    rows = read_mapped(io.StringIO(text), mapping)
    assert rows == [
        (2, {"date_start": "2022-11-06", "killed": {"min": 3, "max": 3},
             "weapons": ["rocket", "mortar"]}),
        (4, {"date_start": "13/13/2022"}),  # the date's own check says what is wrong
    ]  # fmt: skip
    with pytest.raises(ValidationError, match="not fields"):
        checked_mapping({"columns": {"When": "day"}})
    with pytest.raises(ValidationError, match="does not have"):
        read_mapped(io.StringIO("Other\n1\n"), mapping)
