"""Property (issue 18): laptops make random changes and exchange them in random orders,
some by USB exports, some through the team server, with repeats; afterwards every laptop
holds every event ever made and is in the state that a pure file merge of everyone's work
gives (a laptop that only ever imported everyone's exports)."""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from laptops import Laptop
from test_sync_property import _incidents, _record_events
from tests import pg

from tawthiq import services
from tawthiq.domain.errors import ValidationError
from tawthiq.services import team
from tawthiq.services.sync import signing_fingerprint
from tawthiq.sync.errors import ForgeryError, RollbackError

OPS = ("create", "edit", "edit", "delete", "export", "import", "sync", "sync", "sync")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty, migrated database to copy: opening one is the slow part of a laptop."""
    path = tmp_path_factory.mktemp("template") / "empty.db"
    services.open_workspace(path, key_dir=path.parent / "keys").close()
    return path


def _step(
    data: st.DataObject, laptops: list[Laptop], urls: dict[str, str], mailbox: list[Path]
) -> None:
    op = data.draw(st.sampled_from(OPS), label="op")
    me = data.draw(st.sampled_from(laptops), label="laptop")
    known = _incidents(me)
    if op == "create" or (op in ("edit", "delete") and not known):
        me.new_incident(title_en="x", killed=data.draw(st.integers(0, 5)))
    elif op == "edit":
        incident, deleted, _ = data.draw(st.sampled_from(known))
        if not deleted:
            me.edit(incident, killed=data.draw(st.integers(0, 5)),
                    title_en=data.draw(st.sampled_from(["a", "b", "c"])))  # fmt: skip
    elif op == "delete":
        incident, deleted, _ = data.draw(st.sampled_from(known))
        if not deleted:
            me.delete(incident)
    elif op == "export":
        mailbox.append(me.export(since=data.draw(st.sampled_from([None, "last"]))))
    elif op == "import" and mailbox:
        path = data.draw(st.sampled_from(mailbox))
        digest = me.digest()
        try:
            me.import_(path)
        except (RollbackError, ForgeryError) as refused:  # older export; later one first
            event(f"import refused: {type(refused).__name__}")
            assert me.digest() == digest
    elif op == "sync":
        done = team.sync(me.ws, urls[me.name], accept_new=True)
        assert not done.pulled.quarantined, done.pulled.quarantined
        event(f"sync as {done.role}")


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_usb_and_server_exchanges_reach_the_state_of_a_pure_file_merge(
    template: Path, pg_server: str, data: st.DataObject
) -> None:
    n = data.draw(st.integers(2, 4), label="laptops")
    url = pg.create_database(pg_server)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        team.init_server(url)
        laptops = [Laptop(root, f"laptop{i}", template) for i in range(n)]
        reference = Laptop(root, "reference", template)  # only ever imports exports
        urls = {laptops[0].name: url}  # the first is the coordinator: it owns the server
        for laptop in laptops[1:]:
            fp = signing_fingerprint(laptop.ws)
            urls[laptop.name] = team.enrol(laptops[0].ws, url, fp, "documenter").url
        mailbox: list[Path] = []
        every_event: set[str] = set()
        try:
            for _ in range(2):
                laptops[0].new_incident(title_en="shared", killed=1)
            start = laptops[0].export()
            for laptop in laptops[1:]:
                laptop.import_(start)
            for _ in range(data.draw(st.integers(4, 24), label="steps")):
                with contextlib.suppress(ValidationError):  # as a form refuses it
                    _step(data, laptops, urls, mailbox)
                for laptop in laptops:
                    every_event |= _record_events(laptop)
            # a last full exchange through the server, twice (what one laptop sends on its
            # last sync, the others take on the next round)
            for _ in range(2):
                for laptop in laptops:
                    team.sync(laptop.ws, urls[laptop.name], accept_new=True)
            for path in [laptop.export() for laptop in laptops]:
                reference.import_(path)
            digests = {laptop.digest() for laptop in laptops}
            assert digests == {reference.digest()}
            for laptop in [*laptops, reference]:
                assert _record_events(laptop) == every_event
            report = laptops[0].verify()
            assert report.ok, report.problems
        finally:
            for laptop in [*laptops, reference]:
                laptop.close()
            pg.drop_database(pg_server, url)
