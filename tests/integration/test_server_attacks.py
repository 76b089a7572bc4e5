"""What an independent attack on the team server found, each held to now: a member with
its own PostgreSQL login and psql tries to write as another laptop, to plant rows that stop
everyone's sync, or to run code as the database's owner."""

from __future__ import annotations

import psycopg
import pytest
from server_team import Team, connect

PLAIN_ONLY = True


def _last_event(crew: Team, device: str) -> dict[str, object]:
    with connect(crew.owner_url) as conn:
        cur = conn.execute(
            "SELECT * FROM event WHERE device_id = %s ORDER BY seq DESC LIMIT 1", [device]
        )
        cols = [d.name for d in cur.description or []]
        return dict(zip(cols, cur.fetchone() or (), strict=True))


def test_temporary_tables_do_not_stand_in_for_the_servers_own(crew: Team) -> None:
    """A TEMP table named server_member or device, read by the owner's functions in place
    of the real ones, made another laptop's device the member's own."""
    amal, crew_basel = crew.enrol("amal"), crew.enrol("basel")
    amal.new_incident(title_en="Amal's")
    crew.sync(amal)
    amal_device = amal.ws.identity.device_id
    row = _last_event(crew, amal_device)
    row.update(
        event_id="00000000-0000-4000-8000-000000000bad", seq=int(row["seq"]) + 1,  # type: ignore[call-overload]
        prev_hash=row["hash"],
    )  # fmt: skip
    with connect(crew.urls["basel"]) as conn:
        key = conn.execute(
            "SELECT public_key FROM public.device WHERE device_id = %s", [amal_device]
        ).fetchone()
        fp = conn.execute(
            "SELECT left(encode(sha256(decode(%s, 'hex')), 'hex'), 16)", [key[0] if key else ""]
        ).fetchone()
        conn.execute("CREATE TEMP TABLE device AS SELECT * FROM public.device")
        conn.execute(
            "CREATE TEMP TABLE server_member (login text, fingerprint text, role text, "
            "enrolled_at timestamptz, revoked_at timestamptz)"
        )
        conn.execute(
            "INSERT INTO server_member VALUES (session_user, %s, 'documenter', now(), NULL)",
            [fp[0] if fp else ""],
        )
        assert conn.execute("SELECT public.tawthiq_own_devices()").fetchall() != [(amal_device,)]
        names, marks = ", ".join(row), ", ".join(["%s"] * len(row))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(f"INSERT INTO public.event ({names}) VALUES ({marks})", list(row.values()))
        changed = conn.execute(
            "UPDATE public.chain_head SET seq = seq + 1 WHERE device_id = %s", [amal_device]
        )
        assert changed.rowcount == 0
    assert crew_basel is not None
    amal.new_incident(title_en="Amal's second")
    assert crew.sync(amal).pushed.events > 0  # her chain is hers alone


def test_members_make_nothing_in_the_schema(crew: Team) -> None:
    """On PostgreSQL before 15 (or a cluster upgraded from one) everyone could create in
    the schema public: a function named like one the owner's functions call would then run
    as the owner."""
    crew.enrol("amal")
    with connect(crew.owner_url) as conn:
        conn.execute("GRANT CREATE ON SCHEMA public TO PUBLIC")  # as an older server has it
    from tawthiq.services import team

    team.init_server(crew.owner_url)  # init again, as after an upgrade of the server
    with connect(crew.urls["amal"]) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("CREATE FUNCTION public.decode(varchar, text) RETURNS bytea "
                     "LANGUAGE sql AS $$ SELECT ''::bytea $$")  # fmt: skip


def test_one_device_per_key_and_no_second_device_for_a_login(crew: Team) -> None:
    amal = crew.enrol("amal")
    amal.new_incident(title_en="first")
    crew.sync(amal)
    key = amal.ws.identity.public_key_hex
    with connect(crew.urls["amal"]) as conn, pytest.raises(psycopg.errors.UniqueViolation):
        conn.execute(
            "INSERT INTO device (device_id, public_key, first_seen_hlc, trusted) "
            "VALUES ('00000000-0000-4000-8000-00000000d00d', %s, 1, true)",
            [key],
        )


def test_a_member_cannot_take_the_row_numbers_of_records_to_come(crew: Team) -> None:
    amal = crew.enrol("amal")
    crew.enrol("basel")
    with connect(crew.urls["basel"]) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(
            "INSERT INTO incident (num, id, data, deleted, n_conflicts, revisions, created_hlc, "
            "updated_hlc, created_by, updated_by, search_text) VALUES (2, "
            "'00000000-0000-4000-8000-0000000000b2', '{}', false, 0, 0, 0, 0, 'x', 'x', '')"
        )
    amal.new_incident(title_en="numbered by the server")
    assert crew.sync(amal).pushed.events > 0


def test_a_members_unreadable_checkpoint_row_stops_only_its_own_laptop(crew: Team) -> None:
    amal, basel = crew.enrol("amal"), crew.enrol("basel")
    basel.new_incident(title_en="Basel's")
    crew.sync(basel)
    crew.sync(crew.coordinator)
    with connect(crew.urls["basel"]) as conn:  # its own row, as its login may write it
        conn.execute(
            "UPDATE received_checkpoint SET heads = 'not json' WHERE device_id = %s",
            [basel.ws.identity.device_id],
        )
    incident = amal.new_incident(title_en="Amal's, to be taken")
    crew.sync(amal)
    result = crew.sync(crew.coordinator)
    assert [q.device_id for q in result.pulled.quarantined] == [basel.ws.identity.device_id]
    assert crew.coordinator.incident(incident).title_en == "Amal's, to be taken"
