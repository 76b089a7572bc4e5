"""Full-text search finds Arabic records whatever spelling the documenter types."""

from __future__ import annotations

import pytest

from tawthiq import services
from tawthiq.store import IncidentFilter

ON_SERVER = True  # the store's behaviour: on PostgreSQL too (issue 18)


@pytest.fixture
def seeded(ws: services.Workspace) -> dict[str, str]:
    ids = {}
    with ws.writing() as w:
        ids["tal_abyad"] = services.incidents.create_incident(
            w, {"title_ar": "قصف على تلّ أبيض", "governorate": "Raqqa", "date_start": "2019-10-12"}
        )
        ids["maram"] = services.incidents.create_incident(
            w, {"title_ar": "قصف مخيم مرام", "governorate": "Idlib", "date_start": "2022-11-06"}
        )
        ids["ariha"] = services.incidents.create_incident(
            w,
            {
                "title_en": "Market in Ariha shelled",
                "governorate": "Idlib",
                "date_start": "2023-01-02",
                "narrative": "Witnesses said the market was full.",
            },
        )
        services.incidents.add_source_report(
            w,
            {"text": "استهدف القصف خيام النازحين في مخيّم مرام بذخائر عنقودية", "language": "ar"},
            incident_ids=[ids["maram"]],
        )
        deleted = services.incidents.create_incident(w, {"title_ar": "مخيم مرام (مكرر)"})
    with ws.writing() as w:
        services.incidents.delete_incident(w, deleted)
    return ids


def search(ws: services.Workspace, text: str) -> set[str]:
    with ws.db.read() as s:
        return {i.id for i in services.incidents.list_incidents(s, IncidentFilter(text=text))}


@pytest.mark.parametrize("query", ["تل أبيض", "تل ابيض", "تلّ أبيض", "تَلّ أَبْيَض"])
def test_tal_abyad_spellings(ws: services.Workspace, seeded: dict[str, str], query: str) -> None:
    assert search(ws, query) == {seeded["tal_abyad"]}


@pytest.mark.parametrize("query", ["للنازحين", "النازحين", "نازحين", "والنازحين"])
def test_clitics_on_displaced(ws: services.Workspace, seeded: dict[str, str], query: str) -> None:
    # "النازحين" is only in the source report's text, linked to the Maram incident.
    assert search(ws, query) == {seeded["maram"]}


def test_deleted_incidents_are_not_found(ws: services.Workspace, seeded: dict[str, str]) -> None:
    assert search(ws, "مرام") == {seeded["maram"]}


def test_english_is_case_insensitive_and_prefix(
    ws: services.Workspace, seeded: dict[str, str]
) -> None:
    assert search(ws, "ARIHA") == {seeded["ariha"]}
    assert search(ws, "witness") == {seeded["ariha"]}
    assert search(ws, "nothing like this") == set()


def test_search_combines_with_filters(ws: services.Workspace, seeded: dict[str, str]) -> None:
    flt = IncidentFilter(text="قصف", governorate="Idlib", date_from="2022-01-01")
    with ws.db.read() as s:
        found = {i.id for i in services.incidents.list_incidents(s, flt)}
        assert services.incidents.count_incidents(s, flt) == 1
    assert found == {seeded["maram"]}


def test_punctuation_only_query_matches_nothing(
    ws: services.Workspace, seeded: dict[str, str]
) -> None:
    assert search(ws, "«»،؟") == set()


def test_edits_reach_the_index(ws: services.Workspace, seeded: dict[str, str]) -> None:
    with ws.writing() as w:
        services.incidents.edit_incident(w, seeded["ariha"], {"title_en": "Bakery in Ariha"})
    assert search(ws, "bakery") == {seeded["ariha"]}
    assert search(ws, "market") == {seeded["ariha"]}  # still in the narrative
    with ws.writing() as w:
        services.incidents.edit_incident(w, seeded["ariha"], {"narrative": None})
    assert search(ws, "market") == set()
