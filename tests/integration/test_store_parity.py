"""The same records on a laptop's SQLite file and on a team server's PostgreSQL database
list, sort and search alike (issue 18: "results equal to SQLite's on the same data"). The
server database is made as a server's usually is, with a language's collation rather than
byte order, so an order that depends on the server's locale is seen."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from tests import pg

from tawthiq import services
from tawthiq.services import Workspace
from tawthiq.store import IncidentFilter
from tawthiq.store.queries import SORT_COLUMNS

PLAIN_ONLY = True

# mixed case, Arabic beside Latin, accents, digits, and empty values in every sorted column
RECORDS: list[dict[str, object]] = [
    {"title_en": "apple orchard strike", "governorate": "Idlib", "killed": 3,
     "date_start": "2022-11-06", "status": "reviewed", "place_name": "Maarrat"},
    {"title_en": "Banana market shelling", "killed": 12, "injured": "4-6",
     "date_start": "2022-11-06"},
    {"title_ar": "قصفٌ على مخيّم «مرام» للنازحين في إدلب", "governorate": "Idlib",
     "killed": 9, "date_start": "2021-03-01", "place_name": "مخيم مرام"},
    {"title_ar": "غارة على ادلب المدينة", "governorate": "Aleppo", "killed": 0,
     "date_start": "2022-01-15", "status": "verified"},
    {"title_en": "zeta", "injured": "0"},
    {"title_en": "Zeta", "governorate": "Hama", "place_name": "hama"},
    {"title_en": "école détruite", "governorate": "aleppo", "date_start": "2020-02-29"},
    {"title_en": "Éclat 2 blast", "killed": 3, "place_name": "Éclat"},
    {"title_ar": "مدرسة الهدى في تلّ أبيض", "governorate": "Raqqa", "killed": 3,
     "date_start": "2022-11-06"},
    {"title_en": "_under score", "governorate": "Idlib"},
    {"title_en": "10 killed", "killed": 10},
    {"title_en": "9 killed", "killed": 9, "status": "draft"},
]  # fmt: skip

QUERIES = [
    "إدلب", "ادلب", "ادل", "إد", "مخيّم", "مخيم", "للنازحين", "نازح", "النازحين", "مرام",
    "تل ابيض", "تلّ أبيض", "المدرسة", "مدرسه الهدي", "apple", "APP", "ban", "orchard strike",
    "école", "Ecole", "éclat", "zeta", "under", "_under", "10", "9", "killed", "«مرام»",
]  # fmt: skip


def _create_collated(admin: str) -> str:
    """A new database whose text order is a language's (ICU's English), not byte order."""
    url = pg.create_database(admin)
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(admin, autocommit=True) as con:
        con.execute(f'DROP DATABASE "{name}"')
        con.execute(
            f'CREATE DATABASE "{name}" TEMPLATE template0 LOCALE_PROVIDER icu '
            "ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'"
        )
    return url


@contextlib.contextmanager
def _laptop_and_server(
    pg_server: str, tmp_path: Path, fill: Callable[[Any], None]
) -> Iterator[tuple[Workspace, Workspace]]:
    """A laptop's file and a server's database (its text order a language's), each filled
    by ``fill`` (given a writer), then closed and dropped."""
    url = _create_collated(pg_server)
    keys = tmp_path / "keys"
    laptop = services.open_workspace(tmp_path / "laptop.db", author="Amal", key_dir=keys)
    server = services.open_workspace(url, author="Amal", key_dir=keys)
    try:
        for ws in (laptop, server):
            with ws.writing() as w:
                fill(w)
        yield laptop, server
    finally:
        laptop.close()
        server.close()
        pg.drop_database(pg_server, url)


def _records(w: Any) -> None:
    made = [services.incidents.create_incident(w, dict(r)) for r in RECORDS]
    services.incidents.delete_incident(w, made[-1])  # "9 killed": deleted


@pytest.fixture
def both(pg_server: str, tmp_path: Path) -> Iterator[tuple[Workspace, Workspace]]:
    with _laptop_and_server(pg_server, tmp_path, _records) as pair:
        yield pair


def _titles(ws: Workspace, flt: IncidentFilter, **order: object) -> list[str]:
    with ws.db.read() as s:
        found = services.incidents.list_incidents(s, flt, limit=100, **order)  # type: ignore[arg-type]
        return [i.title_ar or i.title_en or "" for i in found]


@pytest.mark.parametrize("descending", [True, False], ids=["down", "up"])
def test_every_sort_orders_alike_empty_values_included(both, descending: bool) -> None:  # type: ignore[no-untyped-def]
    laptop, server = both
    for sort in SORT_COLUMNS:
        on_laptop = _titles(laptop, IncidentFilter(), sort=sort, descending=descending)
        assert len(on_laptop) == len(RECORDS) - 1
        assert _titles(server, IncidentFilter(), sort=sort, descending=descending) == on_laptop, (
            sort
        )


def test_searches_and_filters_find_alike(both) -> None:  # type: ignore[no-untyped-def]
    laptop, server = both
    found_any = 0
    for query in QUERIES:
        flt = IncidentFilter(text=query)
        on_laptop = _titles(laptop, flt)
        assert _titles(server, flt) == on_laptop, query
        with laptop.db.read() as s1, server.db.read() as s2:
            count = services.incidents.count_incidents(s1, flt)
            assert services.incidents.count_incidents(s2, flt) == count == len(on_laptop)
        found_any += bool(on_laptop)
    assert found_any >= len(QUERIES) - 3  # the queries do find things
    # Arabic folding: the hamza, the article and the prefix find the same two records
    assert (
        set(_titles(server, IncidentFilter(text="إدلب")))
        == set(_titles(server, IncidentFilter(text="ادل")))
        == {str(RECORDS[2]["title_ar"]), str(RECORDS[3]["title_ar"])}
    )
    for flt in (
        IncidentFilter(governorate="Idlib"),
        IncidentFilter(status="reviewed"),
        IncidentFilter(date_from="2022-01-15", date_to="2022-11-06"),
        IncidentFilter(include_deleted=True),
        IncidentFilter(governorate="Idlib", text="مرام"),
    ):
        assert _titles(server, flt) == _titles(laptop, flt), flt


def _forty(w: Any) -> None:
    for n in range(40):
        words = [
            "قصف",
            *(["مخيّم"] if n % 4 == 0 else []),
            *(["زيتون"] if n in (3, 17, 31) else []),
        ]
        day = f"2022-{n % 12 + 1:02d}-{n % 27 + 1:02d}" if n % 5 else None
        values = {"title_ar": " ".join([*words, f"رقم {n}"]),
                  "killed": n % 7 or None, "date_start": day}  # fmt: skip
        made = services.incidents.create_incident(w, values)
        if n % 6 == 0:
            services.incidents.add_source_report(
                w, {"text": f"شهود عن الحصار رقم {n}"}, incident_ids=[made]
            )


@pytest.fixture
def many(pg_server: str, tmp_path: Path) -> Iterator[tuple[Workspace, Workspace]]:
    """40 incidents on both: a word in every one, one in every fourth, one in three, one
    only in the report some rest on, dates and empty values mixed."""
    with _laptop_and_server(pg_server, tmp_path, _forty) as pair:
        yield pair


@pytest.mark.parametrize("descending", [True, False], ids=["down", "up"])
def test_search_pages_are_alike_whichever_way_the_server_finds_them(  # type: ignore[no-untyped-def]
    many, monkeypatch, descending: bool
) -> None:
    """On PostgreSQL a page of a search is first looked for among the first incidents in
    order (``queries.NEAR_FIRST``; made small here so that both ways are taken): every page,
    in every order, is the laptop's."""
    from tawthiq.store import queries

    monkeypatch.setattr(queries, "NEAR_FIRST", 6)
    laptop, server = many
    taken = {"first": 0, "index": 0}
    among_first = queries._page_among_the_first

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        page = among_first(*args, **kwargs)
        taken["first" if page is not None else "index"] += 1
        return page

    monkeypatch.setattr(queries, "_page_among_the_first", counted)
    for word in ("قصف", "مخيم", "زيتون", "الحصار", "قص"):
        for sort in SORT_COLUMNS:
            for offset in (0, 2, 4, 10):
                flt = IncidentFilter(text=word)
                order = {"sort": sort, "descending": descending}
                with laptop.db.read() as s1, server.db.read() as s2:
                    want = services.incidents.list_incidents(
                        s1, flt, limit=2, offset=offset, **order
                    )
                    got = services.incidents.list_incidents(
                        s2, flt, limit=2, offset=offset, **order
                    )
                assert [i.title_ar for i in got] == [i.title_ar for i in want], (word, sort, offset)
    assert taken["first"] > 30 and taken["index"] > 30, taken
