"""The HURIDOCS export: event, act, involvement and information records with the Events
Standard Formats' field names, Micro-thesauri codes with both labels, victims as person
records, and nothing private unless asked for."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

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
from tawthiq.domain.victims import Victim
from tawthiq.sync.data_formats import huridocs, module_of

# the standard's field names, as HURIDOCS' OpenEvSys names them (its data dictionary,
# schema/mysql-dbpopulate-datadict.sql); typed here again, not taken from the module
EVENT_FIELDS = {
    "event_record_number", "event_title", "confidentiality", "geographical_term",
    "local_geographical_area", "initial_date", "initial_date_type", "final_date",
    "final_date_type", "event_description", "impact_of_event", "remarks", "violation_status",
    "violation_index", "rights_affected", "huridocs_index_terms", "local_index",
    "other_thesaurus", "date_received", "date_of_entry", "entered_by", "project_title",
    "comments", "supporting_documents", "files", "record_grouping", "date_updated",
    "updated_by", "monitoring_status", "event_location",
}  # fmt: skip
ACT_FIELDS = {
    "act_record_number", "victim", "event", "confidentiality", "type_of_act", "initial_date",
    "initial_date_type", "exact_location", "stated_reason", "method_of_violence",
    "attribution", "physical_consequences", "psychological_consequences",
    "age_at_time_of_victimisation", "final_date", "final_date_type",
    "exact_location_at_end_of_act", "status_at_end_of_act", "remarks",
    "victim_characteristics", "type_of_location", "national_legislation",
    "international_instruments", "date_received", "comments", "supporting_documents",
}  # fmt: skip
INVOLVEMENT_FIELDS = {
    "involvement_record_number", "perpetrator", "event", "act", "confidentiality",
    "degree_of_involvement", "type_of_perpetrator", "latest_status_as_perpetrator_in_the_act",
    "remarks", "comments",
}  # fmt: skip
INFORMATION_FIELDS = {
    "information_record_number", "source", "event", "related_person", "confidentiality",
    "source_connection_to_information", "language_of_source_material",
    "date_of_source_material", "type_of_source_material", "local_language_of_source_material",
    "remarks", "reliability_of_information", "date_received", "comments",
}  # fmt: skip
PERSON_FIELDS = {
    "person_record_number", "counting_unit", "person_name", "other_names", "confidentiality",
    "date_of_birth", "date_of_birth_type", "place_of_birth", "locality_of_birth", "sex",
    "sexual_orientation", "identification_documents", "civil_status", "dependants",
    "formal_education", "other_training", "occupation", "local_term_for_occupation",
    "health", "medical_records", "physical_description", "deceased", "date_deceased",
    "date_deceased_type", "group_description", "number_of_persons_in_group", "religion",
    "citizenship", "ethnic_background", "other_background", "general_characteristics",
    "language", "local_language", "national_origin", "remarks",
}  # fmt: skip
# the act's fields about its victim, which a person record carries here (one act an event)
VICTIM_OF_ACT = {"age_at_time_of_victimisation", "status_at_end_of_act"}
# the records an event holds, and where what the standard has no field for is kept
HELD = {"acts", "involvements", "information", "victims"}
OURS = "x_tawthiq"


def events(tmp_path: Path, records: list[DataRecord], *, private: bool = False) -> list[Any]:
    path = tmp_path / "huridocs.json"
    assert write_file(huridocs, records, path, private=private) == len(records)
    data = json.loads(path.read_text("utf-8"))
    assert data["standard"] == "HURIDOCS Events Standard Formats (2001)"
    return list(data["events"])


def test_every_field_name_is_the_standards(tmp_path: Path) -> None:
    for private in (False, True):
        for event in events(tmp_path, samples(), private=private):
            assert set(event) - EVENT_FIELDS <= HELD | {OURS}
            for act in event["acts"]:
                assert set(act) - ACT_FIELDS <= {OURS}
            for involvement in event["involvements"]:
                assert set(involvement) - INVOLVEMENT_FIELDS <= {OURS}
            for information in event["information"]:
                assert set(information) - INFORMATION_FIELDS <= {OURS}
            for person in event["victims"]:
                assert set(person) - PERSON_FIELDS - VICTIM_OF_ACT <= {OURS}


def _named() -> DataRecord:
    public = Victim.from_state("v-1", {"incident_id": "6f1c2a8e-maram", "name_ar": "محمد الأحمد",
                                       "name_en": "Mohammad al-Ahmad", "sex": "m", "age": 34,
                                       "status": "killed", "relation": "أخو سامر",
                                       "public": True})  # fmt: skip
    private = Victim.from_state("v-2", {"incident_id": "6f1c2a8e-maram",
                                        "name_ar": "ليلى الخالد", "age_group": "child",
                                        "status": "injured", "occupation": "other",
                                        "occupation_note": "طالبة"})  # fmt: skip
    return replace(maram(), victims=(public, private))


def test_victims_are_person_records_public_ones_only_unless_private(tmp_path: Path) -> None:
    (event,) = events(tmp_path, [_named()])
    (person,) = event["victims"]  # handed both: the writer itself keeps the private one out
    assert set(person) - PERSON_FIELDS - VICTIM_OF_ACT <= {OURS}
    assert person["person_name"] == "Mohammad al-Ahmad"
    assert person["other_names"] == "محمد الأحمد"
    assert person["status_at_end_of_act"] == {"code": "killed", "en": "Killed", "ar": "قُتل"}
    assert "أخو سامر" not in json.dumps(event, ensure_ascii=False)
    (event,) = events(tmp_path, [_named()], private=True)
    people = {p["person_record_number"]: p for p in event["victims"]}
    assert people["v-1"]["x_tawthiq"]["relation"] == "أخو سامر"
    layla = people["v-2"]
    assert layla["person_name"] == "ليلى الخالد" and layla["other_names"] is None
    assert layla["confidentiality"] == "y" and layla["deceased"] is None
    assert layla["local_term_for_occupation"] == "طالبة"
    assert layla["x_tawthiq"]["age_group"]["code"] == "child"


def test_the_maram_shelling_as_an_event_with_its_act_and_information(tmp_path: Path) -> None:
    (event,) = events(tmp_path, [maram()])
    assert event["event_record_number"] == "6f1c2a8e-maram"
    assert event["event_title"] == "Shelling of Maram camp for displaced people"
    assert event["x_tawthiq"]["title"]["ar"] == "قصف مخيم مرام للنازحين"
    assert event["geographical_term"] == {"code": "SY", "en": "Syria", "ar": "سوريا"}
    assert event["local_geographical_area"]["en"] == "Maram camp, Dana, Harim, Idlib"
    assert event["local_geographical_area"]["ar"] == "مخيم مرام، دانا، حارم، إدلب"
    assert (event["initial_date"], event["initial_date_type"]) == ("2024-03-07", None)
    assert event["event_description"] == "سقطت قذائف على خيام النازحين في مخيم مرام فجراً"
    assert event["event_location"] == {"latitude": 36.2431, "longitude": 36.7123}
    assert event["confidentiality"] == "n"
    (act,) = event["acts"]
    assert act["type_of_act"] == {
        "huri_code": "010105020000",
        "en": "Killing in indiscriminate attacks such as bombing",
        "ar": "قتل في هجمات عشوائية كالقصف",
    }
    assert act["x_tawthiq"]["victim_type"] == {"en": "Civilians", "ar": "مدنيون"}
    assert act["x_tawthiq"]["counts"]["killed"] == {"min": 8, "max": 8}
    assert act["x_tawthiq"]["counts"]["injured"] == {"min": 12, "max": 15, "approximate": True}
    assert act["x_tawthiq"]["ranges"] == {"killed": {"min": 6, "max": 10}}
    assert act["type_of_location"]["ar"] == "مخيم للنازحين"
    assert [p["perpetrator"]["code"] for p in event["involvements"]] == [
        "syrian_government",
        "russia",
    ]
    assert [i["source"] for i in event["information"]] == ["عنب بلدي", "SANA", "Syria TV"]
    first = event["information"][0]
    assert first["date_of_source_material"] == "2024-03-07"
    assert first["reliability_of_information"]["huri_code"] == "020000000000"
    assert first["reliability_of_information"]["en"] == "Usually reliable"
    assert first["x_tawthiq"]["url"] == "https://news.example.org/r-enab"
    assert first["x_tawthiq"]["figures"] == {"killed": {"min": 6, "max": 6}}
    assert [i["x_tawthiq"]["raises_toll"] for i in event["information"]] == [False, True, True]


def test_dates_known_to_the_week_or_month_carry_their_type_of_date(tmp_path: Path) -> None:
    _, week, month = events(tmp_path, samples())
    assert week["initial_date_type"]["huri_code"] == "010000000000"  # Estimate
    assert month["initial_date_type"] == {
        "huri_code": "020000000000",
        "en": "Unknown day",
        "ar": "اليوم غير معروف",
    }
    assert (month["initial_date"], month["final_date"]) == ("2023-11-01", "2023-11-30")
    assert week["confidentiality"] == "y"  # restricted: not public
    assert week["acts"][0]["type_of_act"]["en"] == "Abduction; kidnapping"
    # "other" has no type of act in the standard's list: none rather than a wrong one
    assert month["acts"][0]["type_of_act"] is None
    assert week["event_location"] is None


def test_private_fields_and_report_texts_stay_out_unless_asked_for(tmp_path: Path) -> None:
    public = tmp_path / "public.json"
    everything = tmp_path / "all.json"
    write_file(huridocs, samples(), public, private=False)
    write_file(huridocs, samples(), everything, private=True)
    public_text, all_text = public.read_text("utf-8"), everything.read_text("utf-8")
    assert NAMED_SOURCE not in public_text and PRIVATE_NOTE not in public_text
    assert REPORT_TEXT not in public_text and REPORT_TEXT not in all_text
    first = json.loads(all_text)["events"][0]
    assert (first["remarks"], first["comments"]) == (PRIVATE_NOTE, NAMED_SOURCE)
    assert "مخيم مرام" in public_text  # Arabic written as itself in UTF-8, not escaped
    assert module_of("huridocs") is huridocs and huridocs.SUFFIX == ".json"


def test_no_records_is_an_empty_list_of_events(tmp_path: Path) -> None:
    assert events(tmp_path, []) == []
    assert [len(e["information"]) for e in events(tmp_path, [abduction(), chemical()])] == [1, 0]
