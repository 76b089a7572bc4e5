"""A second attacker's look at the team's trust (issue 18), after the first attack's fixes:
authority going down the line of enrolment on the laptops, and the server's enrolment
functions. Each test here failed on the code it was written against."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from laptops import Laptop
from server_team import Team, connect
from test_attack_team_trust import _fp, _id, _team_with_a_second_coordinator

from tawthiq.domain.errors import TawthiqError
from tawthiq.services import team
from tawthiq.services.sync import signing_fingerprint
from tawthiq.services.workspace import record_trust
from tawthiq.store import trust
from tawthiq.sync.errors import SyncError

PLAIN_ONLY = True


def _revoked_in_view(laptop: Laptop) -> dict[str, int]:
    with laptop.ws.db.read() as s:
        return dict(trust.team_view(s, _id(laptop)).revoked)


def test_revoking_a_coordinator_gives_back_no_laptop_it_had_revoked(crew: Team) -> None:
    """Fred, whom Dana (a coordinator) enrolled, has his laptop stolen; Dana revokes it,
    and every laptop follows. Months later Dana leaves the team and the first coordinator
    revokes her login and key (after her last event it holds, which is after her
    revocation of Fred). Every laptop then forgot Dana's revocation of Fred: whoever holds
    Fred's laptop was back in the team, by USB and by server, though the event that
    revoked him is one of Dana's events that everyone still takes as hers."""
    dana, amal, _basel = _team_with_a_second_coordinator(crew)
    boss = crew.coordinator
    fred = crew.enrol("fred", "documenter", by=dana)
    fred.new_incident(title_en="Fred's first")
    for laptop in (fred, dana, boss, amal):
        crew.sync(laptop)
    team.revoke(dana.ws, crew.urls["dana"], signing_fingerprint(fred.ws))
    crew.sync(dana)
    crew.sync(boss)
    crew.sync(amal)
    assert _id(fred) in _revoked_in_view(amal)  # Dana's revocation is followed
    # Dana leaves; the first coordinator revokes her (her events so far stay taken)
    team.revoke(boss.ws, crew.owner_url, signing_fingerprint(dana.ws))
    crew.sync(boss)
    crew.sync(amal)
    assert _id(dana) in _revoked_in_view(amal)
    stolen = fred.new_incident(title_en="Written by whoever holds Fred's laptop")
    assert _id(fred) in _revoked_in_view(amal), "Fred's revocation vanished with Dana's"
    with pytest.raises(SyncError, match="revoked"):
        amal.import_(fred.export())
    with pytest.raises(TawthiqError, match="no incident"):
        amal.incident(stolen)


def test_a_laptop_that_never_had_a_login_can_still_be_revoked(crew: Team) -> None:
    """Eli works by USB only: the coordinator imports his export and accepts his key, and
    its syncs relay his work to the server, where every laptop takes it on the
    coordinator's word. Eli's laptop is stolen. `server revoke` refuses ("no laptop with
    key fingerprint … is enrolled") and signs nothing: no one can revoke Eli, and his
    thief's exports are taken by every laptop of the team for good."""
    boss = crew.coordinator
    amal = crew.enrol("amal")
    eli = crew.laptops["eli"] = Laptop(crew.root, "eli")
    eli.new_incident(title_en="Eli's, by USB")
    boss.import_(eli.export())
    crew.sync(boss)
    crew.sync(amal)
    assert _id(eli) in amal.trusted()
    try:
        team.revoke(boss.ws, crew.owner_url, signing_fingerprint(eli.ws))
    except TawthiqError as exc:
        pytest.fail(f"the coordinator cannot revoke a laptop it accepted by USB: {exc}")
    crew.sync(boss)
    crew.sync(amal)
    assert _id(eli) in _revoked_in_view(amal)


def test_a_coordinator_cannot_revoke_on_the_server_the_coordinator_that_enrolled_it(
    crew: Team,
) -> None:
    """On the laptops authority goes down the line of enrolment; on the server every
    coordinator login is equal. Carol is the team's lead coordinator on her own laptop
    (enrolled by the server's owner); she enrols Dana as a coordinator. Dana's laptop is
    seized: its login calls tawthiq_revoke on Carol's fingerprint (or tawthiq_enrol, which
    gives Carol's login a new password only the caller learns, and any role): Carol is
    locked out of the server by the laptop she enrolled, before she can revoke it."""
    carol = crew.enrol("carol", role="coordinator")
    crew.sync(carol)
    dana = crew.enrol("dana", "coordinator", by=carol)
    crew.sync(dana)
    with connect(crew.urls["dana"]) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT * FROM public.tawthiq_enrol(%s, 'auditor')", [_fp(carol)])
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT public.tawthiq_revoke(%s)", [_fp(carol)])
    assert crew.sync(carol).role == "coordinator"


def test_a_coordinator_two_levels_down_cannot_revoke_the_first_coordinators_documenters(
    crew: Team,
) -> None:
    """Authority goes down the line of enrolment, and a coordinator's revocation should
    count for the laptops below it only. It does for coordinators, not for documenters:
    Eve, a coordinator Dana enrolled (Dana being one the first coordinator enrolled), is
    seized; her laptop signs a revocation of Basel, whom the first coordinator enrolled,
    at his event 0. Amal, who follows the first coordinator, then refuses every later
    event of Basel's: any coordinator anywhere down the line silences any documenter of
    the team, and the first coordinator has no word that overrules her but revoking her."""
    dana, amal, basel = _team_with_a_second_coordinator(crew)
    eve = crew.enrol("eve", "coordinator", by=dana)
    for laptop in (eve, dana, crew.coordinator, eve, amal):
        crew.sync(laptop)
    with amal.ws.db.read() as s:
        assert _id(eve) in trust.team_view(s, _id(amal)).coordinators
    with eve.ws.writing() as w:  # whoever holds Eve's laptop
        record_trust(
            w, {_id(basel): basel.ws.identity.public_key_hex}, revoked_after={_id(basel): 0}
        )
    crew.sync(eve)
    crew.sync(amal)
    assert _id(basel) not in _revoked_in_view(amal), (
        "a coordinator two levels down revoked a documenter the first coordinator enrolled"
    )


def test_the_documenters_of_a_seized_coordinator_follow_its_revocation(crew: Team) -> None:
    """A regional coordinator's documenters are enrolled by her: their connection strings
    pin her, not the first coordinator. In their view she stands at the top and the first
    coordinator below her (she took it as her coordinator), so when her laptop is seized
    and the first coordinator revokes her, her documenters follow nothing of it: whoever
    holds her laptop goes on being their coordinator (by USB, its later events and its
    enrolments are taken), and may even revoke the first coordinator for them."""
    boss = crew.coordinator
    dana = crew.enrol("dana", role="coordinator")
    crew.sync(dana)
    eli = crew.enrol("eli", "documenter", by=dana)
    eli.new_incident(title_en="Eli's first")
    for laptop in (eli, dana, boss, eli):
        crew.sync(laptop)
    team.revoke(boss.ws, crew.owner_url, signing_fingerprint(dana.ws))
    crew.sync(boss)
    crew.sync(eli)
    assert _id(dana) in _revoked_in_view(eli), (
        "Eli does not follow the first coordinator's revocation of the coordinator that "
        "enrolled him"
    )
    seized = dana.new_incident(title_en="Written by whoever holds Dana's laptop")
    with pytest.raises(SyncError, match="revoked"):
        eli.import_(dana.export())
    with pytest.raises(TawthiqError, match="no incident"):
        eli.incident(seized)


# --- a team server whose owner is no superuser (a hosted PostgreSQL's usual case) ----------


@pytest.fixture
def own_owner(pg_server: str) -> Iterator[str]:
    """A team database owned by a login with CREATEROLE but no superuser: its URL."""
    from tests import pg

    login = f"tawthiq_owner_{secrets.token_hex(4)}"
    password = secrets.token_hex(16)
    admin = pg.create_database(pg_server)
    name = admin.rsplit("/", 1)[1]
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f"CREATE ROLE {login} LOGIN CREATEROLE PASSWORD '{password}'")
        conn.execute(f'ALTER DATABASE "{name}" OWNER TO {login}')
    parts = urlsplit(admin)
    netloc = f"{login}:{password}@{parts.hostname}" + (f":{parts.port}" if parts.port else "")
    yield urlunsplit(parts._replace(netloc=netloc))
    pg.drop_database(pg_server, admin)
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f"DROP OWNED BY {login}")
        conn.execute(f"DROP ROLE {login}")


def test_a_non_superuser_owner_revokes_a_laptop_that_is_connected(
    tmp_path: Path, own_owner: str
) -> None:
    """The README's server is any PostgreSQL; a hosted one gives the database's owner
    CREATEROLE, never superuser. tawthiq_revoke runs as that owner and ends the revoked
    login's open sessions with pg_terminate_backend, which PostgreSQL 15 lets only a
    superuser, a member of the login's role or of pg_signal_backend do: revoking a laptop
    while it is connected (a sync under way, a window open on the server) fails, and the
    whole revocation (NOLOGIN, CONNECT taken back) is rolled back."""
    crew = Team(tmp_path, own_owner)
    try:
        amal = crew.enrol("amal")
        with connect(crew.urls["amal"]) as session:
            session.execute("SELECT 1")
            team.revoke(crew.coordinator.ws, own_owner, signing_fingerprint(amal.ws))
        with connect(own_owner) as conn:
            row = conn.execute(
                "SELECT revoked_at IS NOT NULL FROM server_member WHERE fingerprint = %s",
                [_fp(amal)],
            ).fetchone()
        assert row == (True,)
    finally:
        crew.close()
