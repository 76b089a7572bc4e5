"""Whom a laptop on a team server follows (issue 18): the coordinator that enrolled it (its
key fingerprint comes with the connection string), and the laptops that coordinator and
the coordinators it enrolled accepted; never a documenter's acceptances. A laptop a
coordinator revokes: none of its later events are taken, by server or by USB."""

from __future__ import annotations

import sqlite3

import pytest
from server_team import Team, connect, heads

from tawthiq.services import team
from tawthiq.services.sync import signing_fingerprint
from tawthiq.store import trust
from tawthiq.store.errors import StoreError
from tawthiq.store.pg_connection import without_pin
from tawthiq.sync.errors import SyncError

PLAIN_ONLY = True


def test_a_documenters_acceptance_vouches_for_no_one_else(crew: Team) -> None:
    amal, basel, carol = crew.enrol("amal"), crew.enrol("basel"), crew.enrol("carol")
    crew.sync(crew.coordinator)
    for laptop in (amal, basel):
        crew.sync(laptop)
    crew.sync(crew.coordinator)  # signs its trust in Amal's and Basel's keys
    carols = carol.new_incident(title_en="Carol's")
    crew.sync(carol)  # on the server; the coordinator has not synced since
    carol_id = carol.ws.identity.device_id
    # Amal accepts Carol herself, after checking her fingerprint...
    after = crew.sync(amal, accept={carol_id: signing_fingerprint(carol.ws)})
    assert carol_id in after.pulled.accepted and amal.incident(carols)
    crew.sync(amal)  # her signed acceptance is on the server
    # ...and Basel, who trusts Amal's key, does not take Carol on Amal's word.
    waiting = crew.sync(basel).pulled.waiting
    assert carol_id in waiting
    with pytest.raises(Exception, match="no incident"):
        basel.incident(carols)
    # The coordinator's word (it enrolled Carol) is what Basel follows.
    crew.sync(crew.coordinator)
    assert carol_id in crew.sync(basel).pulled.accepted
    assert basel.incident(carols).title_en == "Carol's"


def test_a_coordinator_enrolled_by_the_coordinator_is_followed_too(crew: Team) -> None:
    dana = crew.enrol("dana", role="coordinator")
    amal = crew.enrol("amal")
    crew.sync(crew.coordinator)
    crew.sync(dana)  # follows the coordinator; the coordinator enrolled her as one
    # Dana enrols Eli; Amal, who was enrolled by the first coordinator, follows Dana's word
    eli = crew.enrol("eli", "documenter", by=dana)
    elis = eli.new_incident(title_en="Eli's")
    crew.sync(eli)
    crew.sync(dana)  # signs Dana's trust in Eli's key
    crew.sync(crew.coordinator)  # signs its trust in Dana's key, as a coordinator
    pulled = crew.sync(amal).pulled
    assert pulled.waiting == {}, pulled.waiting
    assert amal.incident(elis).title_en == "Eli's"
    with amal.ws.db.read() as s:
        view = trust.team_view(s, amal.ws.identity.device_id)
    assert set(view.coordinators) == {
        crew.coordinator.ws.identity.device_id,
        dana.ws.identity.device_id,
    }


def _revoke(crew: Team, laptop_name: str) -> int:
    """The coordinator revokes a laptop; how far its chain then reached on the server."""
    fp = signing_fingerprint(crew.laptops[laptop_name].ws)
    last = heads(crew.coordinator)[crew.laptops[laptop_name].ws.identity.device_id]
    team.revoke(crew.coordinator.ws, crew.owner_url, fp)
    crew.sync(crew.coordinator)  # the revocation, signed, goes up
    return last


def test_a_revoked_laptops_later_events_are_taken_neither_by_usb_nor_by_server(
    crew: Team,
) -> None:
    amal, basel = crew.enrol("amal"), crew.enrol("basel")
    amal.new_incident(title_en="Before the checkpoint")
    for laptop in (crew.coordinator, amal, crew.coordinator, basel):
        crew.sync(laptop)
    amal_id = amal.ws.identity.device_id
    # Amal's laptop is seized; the coordinator revokes it.
    last = _revoke(crew, "amal")
    with crew.coordinator.ws.db.read() as s:
        assert (
            trust.decisions(s, crew.coordinator.ws.identity.device_id)[amal_id].revoked_after
            == last
        )
    crew.sync(basel)  # takes the coordinator's revocation, and follows it
    with basel.ws.db.read() as s:
        assert trust.team_view(s, basel.ws.identity.device_id).revoked == {amal_id: last}
    # Whoever holds the laptop writes on with its key: the server refuses the login...
    forged = amal.new_incident(title_en="Written after the seizure", killed=40)
    with pytest.raises(StoreError, match="revoked"):
        crew.sync(amal)
    # ...Basel refuses the USB export that carries it, and changes nothing...
    path = amal.export()
    digest = basel.digest()
    with pytest.raises(SyncError, match="revoked"):
        basel.import_(path)
    assert basel.digest() == digest
    # ...and when someone with the server's owner password puts those events on the server,
    # Basel's pull sets Amal's laptop aside, naming it, and takes the rest.
    _copy_events_to_server(amal, crew.owner_url, amal_id, after=last)
    carol = crew.enrol("carol")
    carols = carol.new_incident(title_en="Carol's")
    crew.sync(carol)
    crew.sync(crew.coordinator)
    result = crew.sync(basel)
    assert [q.device_id for q in result.pulled.quarantined] == [amal_id]
    assert "revoked" in str(result.pulled.quarantined[0].reason)
    assert basel.incident(carols).title_en == "Carol's"
    with pytest.raises(Exception, match="no incident"):
        basel.incident(forged)
    assert heads(basel)[amal_id] == last


def _copy_events_to_server(laptop, owner_url: str, device_id: str, *, after: int) -> None:  # type: ignore[no-untyped-def]
    """``laptop``'s own events after ``after``, and its chain head, put on the server as
    they are (genuine, signed), bypassing Tawthiq."""
    src = sqlite3.connect(laptop.ws.db.path)
    try:
        cur = src.execute(
            "SELECT * FROM event WHERE device_id = ? AND seq > ? ORDER BY seq", [device_id, after]
        )
        cols = [d[0] for d in cur.description]
        rows = cur.fetchall()
        head = src.execute(
            "SELECT seq, hash, signature FROM chain_head WHERE device_id = ?", [device_id]
        ).fetchone()
    finally:
        src.close()
    assert rows, "nothing written after the revocation"
    with connect(owner_url) as conn:
        names, marks = ", ".join(cols), ", ".join(["%s"] * len(cols))
        for row in rows:
            conn.execute(f"INSERT INTO event ({names}) VALUES ({marks})", list(row))
        conn.execute(
            "UPDATE chain_head SET seq = %s, hash = %s, signature = %s WHERE device_id = %s",
            [*head, device_id],
        )


def test_the_enrolment_string_is_all_a_laptop_needs_and_revoking_twice_changes_nothing(
    crew: Team,
) -> None:
    amal = crew.enrol("amal")
    amal.new_incident(title_en="Amal's")  # her key reaches the server with it
    fp = "".join(signing_fingerprint(crew.coordinator.ws).split())
    assert crew.urls["amal"].endswith(f"tawthiq_coordinator={fp}")
    crew.sync(amal)
    assert team.followed_coordinators(amal.ws) == {fp}
    team.sync(amal.ws)  # remembered, coordinator and all
    team.sync(amal.ws, without_pin(crew.urls["amal"]))  # typed without it: kept
    assert team.followed_coordinators(amal.ws) == {fp}
    login = team.revoke(crew.coordinator.ws, crew.owner_url, signing_fingerprint(amal.ws))
    assert login is not None
    digest = crew.coordinator.digest()
    # again: no login left to take, the same revocation already signed
    assert team.revoke(crew.coordinator.ws, crew.owner_url, signing_fingerprint(amal.ws)) is None
    assert crew.coordinator.digest() == digest
    with pytest.raises(SyncError, match="no laptop with key fingerprint"):
        team.revoke(crew.coordinator.ws, crew.owner_url, "0123 4567 89ab cdef")


def test_a_coordinator_never_relays_a_revoked_laptops_later_events(crew: Team) -> None:
    """Dana took Amal's later work by USB before the revocation reached her: she keeps it,
    and her sync sends the server none of it."""
    dana = crew.enrol("dana", role="coordinator")
    amal = crew.enrol("amal")
    amal.new_incident(title_en="Before the checkpoint")
    for laptop in (crew.coordinator, amal, crew.coordinator, dana):
        crew.sync(laptop)
    amal_id = amal.ws.identity.device_id
    last = _revoke(crew, "amal")
    amal.new_incident(title_en="Written after the seizure")
    dana.import_(amal.export())  # the revocation has not reached her yet
    assert heads(dana)[amal_id] > last
    result = crew.sync(dana)  # takes the revocation, then pushes
    assert result.pulled.revoked == {amal_id: last}
    with connect(crew.owner_url) as conn:
        on_server = conn.execute(
            "SELECT seq FROM chain_head WHERE device_id = %s", [amal_id]
        ).fetchone()
    assert on_server == (last,)
