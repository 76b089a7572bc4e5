"""The Airwars export: low and high estimates taken across the reports, the documenter's
own figure beside them, the grading and the labels in both languages, every source."""

from __future__ import annotations

import csv
from pathlib import Path

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
from tawthiq.sync.data_formats import airwars, module_of


def rows(
    tmp_path: Path, records: list[DataRecord], *, private: bool = False
) -> list[dict[str, str]]:
    path = tmp_path / "airwars.csv"
    assert write_file(airwars, records, path, private=private) == len(records)
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_killed_min_and_max_come_from_the_range_across_reports(tmp_path: Path) -> None:
    (row,) = rows(tmp_path, [maram()])
    # three outlets said 6, 8 and 10; the documenter kept 8
    assert (row["civilians_killed_min"], row["civilians_killed_max"]) == ("6", "10")
    assert (row["documenter_killed_min"], row["documenter_killed_max"]) == ("8", "8")
    # no report gave children, women or injured: the documenter's figures stand
    assert (row["children_killed_min"], row["children_killed_max"]) == ("3", "3")
    assert (row["women_killed_min"], row["women_killed_max"]) == ("2", "2")
    assert (row["men_killed_min"], row["men_killed_max"]) == ("", "")
    assert (row["civilians_injured_min"], row["civilians_injured_max"]) == ("12", "15")


def test_grading_belligerents_and_places_in_english_and_arabic(tmp_path: Path) -> None:
    maram_row, abduction_row, chemical_row = rows(tmp_path, samples())
    assert (maram_row["grading"], maram_row["grading_ar"]) == ("Fair", "مقبول")
    assert (abduction_row["grading"], abduction_row["grading_ar"]) == ("Weak", "ضعيف")
    assert (chemical_row["grading"], chemical_row["grading_ar"]) == ("Contested", "متنازع عليه")
    assert maram_row["belligerents"] == "Syrian government forces; Russian forces"
    assert maram_row["belligerents_ar"] == "قوات الحكومة السورية; القوات الروسية"
    assert (maram_row["location"], maram_row["location_ar"]) == ("Maram camp", "مخيم مرام")
    assert (maram_row["governorate"], maram_row["governorate_ar"]) == ("Idlib", "إدلب")
    assert (maram_row["district"], maram_row["district_ar"]) == ("Harim", "حارم")
    assert (maram_row["incident_type"], maram_row["incident_type_ar"]) == (
        "Shelling/artillery/missile attack",
        "قصف مدفعي أو صاروخي",
    )
    assert (abduction_row["date"], abduction_row["date_end"]) == ("2024-05-06", "2024-05-12")
    assert (abduction_row["date_precision"], abduction_row["date_precision_ar"]) == (
        "Week",
        "أسبوع",
    )


def test_every_source_with_its_outlet_day_address_and_figure(tmp_path: Path) -> None:
    (row,) = rows(tmp_path, [maram()])
    assert row["sources_count"] == "3"
    assert row["sources"].split(" | ") == [
        "عنب بلدي, 2024-03-07, https://news.example.org/r-enab",
        "SANA, 2024-03-08, https://news.example.org/r-sana",
        "Syria TV, 2024-03-09, https://news.example.org/r-stv",
    ]
    assert row["source_figures"] == (
        "عنب بلدي: 6 killed | SANA: 8 killed (raised the toll)"
        " | Syria TV: 10 killed (raised the toll)"
    )


def test_a_record_without_reports_or_figures_leaves_its_cells_empty(tmp_path: Path) -> None:
    (row,) = rows(tmp_path, [chemical()])
    assert (row["sources_count"], row["sources"], row["source_figures"]) == ("0", "", "")
    assert (row["civilians_killed_min"], row["civilians_killed_max"]) == ("", "")
    assert (row["civilians_injured_min"], row["civilians_injured_max"]) == ("20", "30")
    (row,) = rows(tmp_path, [abduction()])
    assert (row["latitude"], row["longitude"]) == ("", "")


def test_private_columns_only_in_an_export_that_asks_for_them(tmp_path: Path) -> None:
    public = tmp_path / "public.csv"
    everything = tmp_path / "all.csv"
    write_file(airwars, samples(), public, private=False)
    write_file(airwars, samples(), everything, private=True)
    public_text = public.read_text("utf-8")
    assert NAMED_SOURCE not in public_text and PRIVATE_NOTE not in public_text
    assert "named_sources" not in public_text.splitlines()[0]
    with everything.open(encoding="utf-8", newline="") as f:
        first = next(csv.DictReader(f))
    assert (first["named_sources"], first["private_notes"]) == (NAMED_SOURCE, PRIVATE_NOTE)
    assert REPORT_TEXT not in public_text and REPORT_TEXT not in everything.read_text("utf-8")
    assert module_of("airwars") is airwars and airwars.SUFFIX == ".csv"
