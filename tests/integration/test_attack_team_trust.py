"""An attacker's look at whom a team server's laptops follow and what a revocation does
(issue 18): each scene is something a seized laptop, a rogue coordinator or another team on
the same PostgreSQL cluster can do. Each failed on the first version of the team's trust
(an independent attack on it); they hold now, as do the last ones, which held from the
start."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import psycopg
import pytest
from server_team import Team, connect, heads
from test_server_trust import _copy_events_to_server

from tawthiq.domain.errors import TawthiqError
from tawthiq.domain.fields import TRUST
from tawthiq.services import team
from tawthiq.services.sync import signing_fingerprint
from tawthiq.services.workspace import record_trust
from tawthiq.store import chain, trust
from tawthiq.store.pg_connection import without_pin

PLAIN_ONLY = True


def _id(laptop) -> str:  # type: ignore[no-untyped-def]
    return str(laptop.ws.identity.device_id)


def _fp(laptop) -> str:  # type: ignore[no-untyped-def]
    return "".join(signing_fingerprint(laptop.ws).split())


def _last(laptop, device: str) -> int:  # type: ignore[no-untyped-def]
    """How far ``laptop`` holds ``device``'s chain."""
    with laptop.ws.db.read() as s:
        return int(chain.last_seq(s, device))


def _team_with_a_second_coordinator(crew: Team) -> tuple:  # type: ignore[type-arg]
    """Dana, a coordinator the first coordinator enrolled; Amal and Basel, documenters;
    everyone has everyone's work and trust."""
    dana = crew.enrol("dana", role="coordinator")
    amal, basel = crew.enrol("amal"), crew.enrol("basel")
    for laptop in (crew.coordinator, dana, amal, basel):
        laptop.new_incident(title_en=f"{laptop.name}'s first")
    for laptop in (dana, amal, basel, crew.coordinator, dana, amal, basel):
        crew.sync(laptop)
    return dana, amal, basel


@pytest.fixture
def other_team(pg_server: str) -> Iterator[str]:
    """Another team's server database on the same PostgreSQL cluster (its owner's URL)."""
    from tests import pg

    url = pg.create_database(pg_server)
    team.init_server(url)
    yield url
    pg.drop_database(pg_server, url)


# --- found by the attack, fixed --------------------------------------------------------


def test_a_documenter_of_one_team_cannot_read_another_teams_log(
    crew: Team, other_team: str
) -> None:
    """The group roles are the cluster's, and every team database grants them SELECT: a
    documenter's login of team A connects to team B's database (CONNECT is PUBLIC's by
    default) and reads its whole log."""
    b_laptop = type(crew.coordinator)(crew.root, "b-coordinator")
    team.sync(b_laptop.ws, other_team)
    b_laptop.new_incident(title_en="Team B's witness")
    team.sync(b_laptop.ws, other_team)
    b_laptop.close()
    crew.enrol("amal")
    other_db = other_team.rsplit("/", 1)[1]
    with (
        pytest.raises(psycopg.Error),
        psycopg.connect(without_pin(crew.urls["amal"]), dbname=other_db) as conn,
    ):
        rows = conn.execute("SELECT count(*) FROM event").fetchone()
        assert rows is not None
        pytest.fail(f"team A's documenter read {rows[0]} events of team B's log")


def test_a_coordinator_of_one_team_cannot_enrol_itself_in_another_team(
    crew: Team, other_team: str
) -> None:
    """tawthiq_enrol is granted to the cluster-wide group tawthiq_coordinator, and takes the
    password from its caller: team A's coordinator makes itself a coordinator login of team
    B, with a password of its choosing."""
    dana = crew.enrol("dana", role="coordinator")
    other_db = other_team.rsplit("/", 1)[1]
    with (
        pytest.raises(psycopg.Error),
        psycopg.connect(without_pin(crew.urls["dana"]), dbname=other_db) as conn,
    ):
        login = conn.execute(
            "SELECT * FROM public.tawthiq_enrol(%s, 'coordinator')", [_fp(dana)]
        ).fetchone()
        pytest.fail(f"team A's coordinator enrolled itself in team B as {login}")


def test_a_rogue_coordinator_cannot_revoke_the_coordinator_that_enrolled_it(
    crew: Team,
) -> None:
    """Dana's laptop is seized; whoever holds it signs a revocation of the first coordinator
    (the one every laptop was pinned to) and syncs. The coordinator revokes Dana as soon as
    it knows. Today the coordinator's own view then counts itself revoked: its push sends
    none of its later events (not even its revocation of Dana), and every laptop refuses
    its work for good; the team has lost its coordinator to one seized laptop."""
    dana, amal, _basel = _team_with_a_second_coordinator(crew)
    boss = crew.coordinator
    with dana.ws.writing() as w:  # the attacker, with Dana's key
        record_trust(
            w,
            {_id(boss): boss.ws.identity.public_key_hex},
            revoked_after={_id(boss): heads(dana)[_id(boss)]},
        )
    crew.sync(dana)
    team.revoke(boss.ws, crew.owner_url, signing_fingerprint(dana.ws))
    orders = boss.new_incident(title_en="The coordinator's later work")
    crew.sync(boss)
    with connect(crew.owner_url) as conn:
        on_server = conn.execute(
            "SELECT seq FROM chain_head WHERE device_id = %s", [_id(boss)]
        ).fetchone()
    assert on_server == (heads(boss)[_id(boss)],), (
        "the coordinator's revocation of Dana stayed home"
    )
    crew.sync(amal)
    assert amal.incident(orders).title_en == "The coordinator's later work"


def test_a_revoked_coordinators_decisions_after_its_revocation_point_count_for_nothing(
    crew: Team,
) -> None:
    """Whoever holds Dana's seized laptop signs a revocation of Basel and hands Amal an
    export (the revocation of Dana has not reached her). The coordinator revokes Dana after
    her last event it holds: the revocation of Basel comes after that point, yet Amal keeps
    taking it (and signs it as her own): Basel's later work is refused by her for good."""
    dana, amal, basel = _team_with_a_second_coordinator(crew)
    with dana.ws.writing() as w:  # the attacker, with Dana's key
        record_trust(
            w,
            {_id(basel): basel.ws.identity.public_key_hex},
            revoked_after={_id(basel): _last(dana, _id(basel))},
        )
    amal.import_(dana.export())
    team.revoke(crew.coordinator.ws, crew.owner_url, signing_fingerprint(dana.ws))
    crew.sync(crew.coordinator)
    with crew.coordinator.ws.db.read() as s:
        decided = trust.decisions(s, _id(crew.coordinator))[_id(dana)]
    assert decided.revoked_after is not None
    assert decided.revoked_after < _last(amal, _id(dana))  # the forged revocation is beyond
    later = basel.new_incident(title_en="Basel's work after the seizure of Dana's laptop")
    crew.sync(basel)
    pulled = crew.sync(amal).pulled
    assert [q.device_id for q in pulled.quarantined] == [_id(dana)] or not pulled.quarantined
    assert amal.incident(later).title_en.startswith("Basel's work")


def test_a_coordinators_malformed_revocation_is_a_refusal_not_a_crash_of_every_follower(
    crew: Team,
) -> None:
    """``revoked_after`` is read with ``isdigit()`` then ``int()``: "²" passes the first and
    breaks the second. A rogue coordinator that puts such a record on the server (its own
    signed events, inserted with its own login) makes every follower's sync end in a
    ValueError (an internal error, exit 70), every time: no quarantine, no one syncs."""
    dana, amal, basel = _team_with_a_second_coordinator(crew)
    before = heads(dana)[_id(dana)]
    with dana.ws.writing() as w:
        w.record(
            TRUST,
            trust.decision_id(_id(dana), _id(basel)),
            {"revoked_after": "\u00b2"},
            new=False,
        )
    _copy_events_to_server(dana, crew.urls["dana"], _id(dana), after=before)
    with contextlib.suppress(TawthiqError):  # a refusal in one sentence, naming Dana, would do
        crew.sync(amal)


def test_a_revoked_key_is_not_enrolled_again_as_if_nothing_happened(crew: Team) -> None:
    """After a revocation the server takes the same key again without a word: the laptop
    gets a working login, `server members` lists it as active, and every laptop (the
    coordinator's own included) still refuses its work. A seized key should need a new
    key, and `enrol` should say so."""
    amal = crew.enrol("amal")
    amal.new_incident(title_en="Before")
    for laptop in (amal, crew.coordinator):
        crew.sync(laptop)
    team.revoke(crew.coordinator.ws, crew.owner_url, signing_fingerprint(amal.ws))
    crew.sync(crew.coordinator)
    with pytest.raises(TawthiqError, match="revoked"):
        team.enrol(crew.coordinator.ws, crew.owner_url, signing_fingerprint(amal.ws), "documenter")


# --- attacks that hold (kept as checks) ---------------------------------------------------


def test_holds_a_documenter_cannot_call_the_enrolment_functions(crew: Team) -> None:
    amal = crew.enrol("amal")
    with connect(crew.urls["amal"]) as conn:
        for call, args in (
            ("SELECT * FROM public.tawthiq_enrol(%s, 'coordinator')", [_fp(amal)]),
            ("SELECT public.tawthiq_revoke(%s)", [_fp(amal)]),
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(call, args)


def test_holds_the_enrolment_function_quotes_what_a_coordinator_gives_it(crew: Team) -> None:
    dana = crew.enrol("dana", role="coordinator")
    with connect(crew.urls["dana"]) as conn:
        with pytest.raises(psycopg.errors.InvalidParameterValue):
            conn.execute(
                "SELECT * FROM public.tawthiq_enrol(%s, 'coordinator')",
                ["0123456789abcdef'; ALTER ROLE x SUPERUSER; --"],
            )
        with pytest.raises(psycopg.errors.InvalidParameterValue):
            conn.execute("SELECT * FROM public.tawthiq_enrol(%s, 'owner')", [_fp(dana)])
        row = conn.execute(
            "SELECT * FROM public.tawthiq_enrol(%s, 'auditor')", ["00000000000000aa"]
        ).fetchone()
        assert row is not None and len(row[1]) == 64  # a password made by the server
        super_ = conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = %s", [row[0]])
        assert super_.fetchone() == (False,)


def test_holds_a_documenters_word_that_someone_is_a_coordinator_is_not_followed(
    crew: Team,
) -> None:
    amal, basel = crew.enrol("amal"), crew.enrol("basel")
    mallory = type(amal)(crew.root, "mallory")  # never enrolled; Amal's friend
    for laptop in (crew.coordinator, amal, basel):
        laptop.new_incident(title_en=f"{laptop.name}'s first")
    for laptop in (amal, basel, crew.coordinator, amal, basel):
        crew.sync(laptop)
    amal.import_(mallory.export())
    with amal.ws.writing() as w:
        record_trust(
            w,
            {
                _id(mallory): mallory.ws.identity.public_key_hex,
                _id(amal): amal.ws.identity.public_key_hex,
            },
            roles={_id(mallory): trust.COORDINATOR, _id(amal): trust.COORDINATOR},
        )
    crew.sync(amal)
    crew.sync(basel)
    with basel.ws.db.read() as s:
        view = trust.team_view(s, _id(basel))
    assert set(view.coordinators) == {_id(crew.coordinator)}
    assert _id(mallory) not in view.vouched
    mallory.close()
