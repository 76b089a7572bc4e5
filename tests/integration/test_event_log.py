"""The event log is the truth: tables equal a replay, rebuild changes nothing, tampering is
named."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests import pg

from conftest import connect, key_of, on_other_laptop, where
from tawthiq import services
from tawthiq.domain.fields import INCIDENT
from tawthiq.store import EventWriter, open_database
from tawthiq.store.events import canonical_json
from tawthiq.store.materialize import entity_state
from tawthiq.store.writer import load_events

ON_SERVER = True  # the store's behaviour: on PostgreSQL too (issue 18)

_TEMPLATE: dict[str, Path] = {}
_SERVER_TEMPLATE: dict[str, str] = {}  # a migrated, empty database on each test server


@contextmanager
def fresh_workspace(
    author: str = "Amal", server: str | None = None
) -> Iterator[services.Workspace]:
    """A new empty database, copied from one made once (opening migrates, which is slow);
    ``server``: on that PostgreSQL server, copied from a template database there."""
    if server is not None:
        with tempfile.TemporaryDirectory() as tmp, _server_copy(server) as url:
            ws = services.open_workspace(url, author=author, key_dir=Path(tmp))
            try:
                yield ws
            finally:
                ws.close()
        return
    with tempfile.TemporaryDirectory() as tmp:
        if "db" not in _TEMPLATE:
            keep = Path(tempfile.mkdtemp()) / "template.db"
            open_database(keep, key=key_of(keep)).close()
            _TEMPLATE["db"] = keep
        path = Path(tmp) / "t.db"
        shutil.copy(_TEMPLATE["db"], path)
        ws = services.open_workspace(path, author=author, key_dir=Path(tmp))
        try:
            yield ws
        finally:
            ws.close()


@contextmanager
def _server_copy(server: str) -> Iterator[str]:
    import psycopg

    if server not in _SERVER_TEMPLATE:
        made = pg.create_database(server)
        open_database(made).close()
        _SERVER_TEMPLATE[server] = made.rsplit("/", 1)[1]
    url = pg.create_database(server)
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(server, autocommit=True) as con:
        con.execute(f'DROP DATABASE "{name}"')
        con.execute(f'CREATE DATABASE "{name}" TEMPLATE "{_SERVER_TEMPLATE[server]}"')
    try:
        yield url
    finally:
        pg.drop_database(server, url)


texts = st.text(alphabet=st.sampled_from("abc مخيمإدلبًّ 0٣"), min_size=1, max_size=12)
field_values = st.fixed_dictionaries(
    {},
    optional={
        "title_en": texts,
        "title_ar": texts,
        "killed": st.integers(0, 50),
        "injured": st.tuples(st.integers(0, 20), st.integers(0, 20)).map(
            lambda t: f"{min(t)}-{max(t)}"
        ),
        "governorate": st.sampled_from(["Idlib", "حلب", "Hama", None]),
        "weapons": st.lists(st.sampled_from(["rocket", "cluster_munition", "mortar"]), max_size=2),
        "status": st.sampled_from(["draft", "reviewed", "verified"]),
        "date_start": st.dates(max_value=date.today()).map(lambda d: d.isoformat()),  # a past day
        "narrative": texts,
    },
)
operations = st.lists(
    st.one_of(
        st.tuples(st.just("create"), field_values),
        st.tuples(st.just("edit"), st.integers(0, 5), field_values),
        st.tuples(st.just("stale_edit"), st.integers(0, 5), st.integers(0, 50)),
        st.tuples(st.just("delete"), st.integers(0, 5)),
    ),
    min_size=1,
    max_size=12,
)


def apply(ws: services.Workspace, ops: list[tuple]) -> list[str]:
    """Run the operations; ``stale_edit`` is an edit of ``killed`` written without having
    seen the latest value (as another laptop's would be: a database takes writes from its
    own laptop only, so it is written here as one that saw nothing), which the log must keep
    as a conflict. Conflicts across laptops, through real exports, are test_sync's."""
    ids: list[str] = []
    for op in ops:
        kind, live = op[0], [i for i in ids]
        if kind == "create":
            with ws.writing() as w:
                ids.append(services.incidents.create_incident(w, op[1] or {"title_en": "x"}))
            continue
        if not live:
            continue
        target = live[op[1] % len(live)]
        with (
            ws.db.write() as s,
            EventWriter(s, ws.identity, "Basel") as w,
        ):
            if services.incidents.get_incident(s, target).deleted:
                continue
            if kind == "edit":
                services.incidents.edit_incident(
                    w, target, {k: v for k, v in op[2].items() if k != "killed"}
                )
            elif kind == "delete":
                services.incidents.delete_incident(w, target)
            else:
                w.record(
                    INCIDENT,
                    target,
                    {"killed": {"min": op[2], "max": op[2], "approximate": False}},
                    seen={"killed": []},
                )
    return ids


def materialised(ws: services.Workspace) -> dict[str, str]:
    with ws.db.read() as s:
        return dict(s.connection().exec_driver_sql("SELECT id, data FROM incident").all())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=operations)
def test_tables_equal_a_replay_and_rebuild_is_identical(ops: list[tuple]) -> None:
    _replayed_and_rebuilt(ops)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=operations)
def test_tables_equal_a_replay_and_rebuild_is_identical_on_postgresql(
    pg_server: str, ops: list[tuple]
) -> None:
    _replayed_and_rebuilt(ops, pg_server)


def _replayed_and_rebuilt(ops: list[tuple], server: str | None = None) -> None:
    with fresh_workspace(server=server) as ws:
        ids = apply(ws, ops)
        stored = materialised(ws)
        assert set(stored) == set(ids)
        with ws.db.read() as s:
            for incident_id in ids:
                replay = entity_state(load_events(s, incident_id)).values
                assert stored[incident_id] == canonical_json(replay)
            report = services.maintenance.verify(s)
        assert report.ok, report.problems
        with ws.db.write() as s:
            first = services.maintenance.rebuild(s)
        with ws.db.write() as s:
            second = services.maintenance.rebuild(s)
        assert first.digest_before == first.digest_after == second.digest_after
        assert materialised(ws) == stored


def _events(path: Path) -> list[tuple]:
    with connect(path) as con:
        return con.execute(
            "SELECT event_id, device_id, seq FROM event ORDER BY device_id, seq"
        ).fetchall()


def _tamper(path: Path, sql: str, *params: object) -> None:
    con = connect(path)
    with con:
        con.execute(sql, params)
    con.close()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    ops=operations, pick=st.integers(0, 10_000), how=st.sampled_from(["alter", "delete", "swap"])
)
def test_any_altered_removed_or_swapped_event_is_named(
    ops: list[tuple], pick: int, how: str
) -> None:
    with fresh_workspace() as ws:
        apply(ws, ops)
        path = ws.db.path
        events = _events(path)
        if not events:
            return
        event_id, device, seq = events[pick % len(events)]
        if how == "alter":
            _tamper(path, "UPDATE event SET value = '99' WHERE event_id = ?", event_id)
            expected = event_id
        elif how == "delete":
            _tamper(path, "DELETE FROM event WHERE event_id = ?", event_id)
            expected = f"#{seq} "
        else:
            later = [e for e in events if e[1] == device and e[2] > seq]
            if not later:
                return
            other_id, _, other_seq = later[pick % len(later)]
            _tamper(path, "UPDATE event SET seq = -1 WHERE event_id = ?", event_id)
            _tamper(path, "UPDATE event SET seq = ? WHERE event_id = ?", seq, other_id)
            _tamper(path, "UPDATE event SET seq = ? WHERE event_id = ?", other_seq, event_id)
            expected = f"#{seq} of device {device[:8]}"
        with ws.db.read() as s:
            report = services.maintenance.verify(s)
        assert not report.ok
        assert expected in report.problems[0], report.problems


def test_editing_a_materialised_row_behind_the_log_is_caught(ws: services.Workspace) -> None:
    with ws.writing() as w:
        incident_id = services.incidents.create_incident(w, {"title_en": "Maram camp", "killed": 9})
    _tamper(where(ws), "UPDATE incident SET killed_max = 2 WHERE id = ?", incident_id)
    with ws.db.read() as s:
        report = services.maintenance.verify(s)
    assert report.problems == [
        f"incident {incident_id}: the stored killed_max does not match its history"
    ]
    with ws.db.write() as s:
        result = services.maintenance.rebuild(s)
    assert result.digest_before != result.digest_after
    with ws.db.read() as s:
        assert services.maintenance.verify(s).ok
        assert services.incidents.get_incident(s, incident_id).killed.max == 9


def test_every_change_is_kept_with_author_and_old_value(ws: services.Workspace) -> None:
    with ws.writing() as w:
        incident_id = services.incidents.create_incident(w, {"title_en": "Maram camp", "killed": 6})
    for n in (8, 9):
        with ws.writing() as w:
            services.incidents.edit_incident(w, incident_id, {"killed": n})
    with ws.db.read() as s:
        changes = [c for c in services.incidents.history(s, incident_id) if c.field == "killed"]
    assert [(c.old and c.old[0]["max"], c.new["max"]) for c in changes] == [((), 6), (6, 8), (8, 9)]
    assert {c.author for c in changes} == {"Amal"}
    assert changes[0].when <= changes[1].when <= changes[2].when


def test_unchanged_values_write_no_events(ws: services.Workspace) -> None:
    with ws.writing() as w:
        incident_id = services.incidents.create_incident(w, {"title_en": "Maram camp", "killed": 9})
    with ws.writing() as w:
        assert (
            services.incidents.edit_incident(
                w, incident_id, {"killed": "9", "title_en": "Maram camp"}
            )
            == []
        )


def test_clock_never_goes_back_across_sessions_and_devices(ws: services.Workspace) -> None:
    """A laptop whose clock is behind still writes after what it has seen (hybrid clock)."""
    from tawthiq.store.hlc import pack, unpack

    with ws.writing() as w:
        incident_id = services.incidents.create_incident(w, {"title_en": "x"})
    future = pack(unpack(w.clock.now())[0] + 3_600_000, 0)  # an hour ahead

    def ahead(w2: EventWriter) -> None:
        w2.clock.observe(future)
        w2.record(INCIDENT, incident_id, {"status": "reviewed"})

    on_other_laptop(ws, ahead)
    with ws.writing() as w3:
        (event,) = services.incidents.edit_incident(w3, incident_id, {"status": "verified"})
    assert event.hlc > future
    with ws.db.read() as s:
        assert services.incidents.get_incident(s, incident_id).status == "verified"
