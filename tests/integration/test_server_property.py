"""Property (issue 18): laptops make random changes and exchange them in random orders,
some by USB exports, some through the team server, with repeats; afterwards every laptop
holds every event ever made and is in the state that a pure file merge of everyone's work
gives (a laptop that only ever imported everyone's exports)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from laptops import Laptop
from test_sync_property import _record_events, play, template  # noqa: F401 - its fixture
from test_sync_property import _step as file_step
from tests import pg

from tawthiq.services import team
from tawthiq.services.sync import signing_fingerprint


def _step(
    data: st.DataObject, laptops: list[Laptop], urls: dict[str, str], mailbox: list[Path]
) -> None:
    """A third of the steps, a laptop syncs with the server; the others are the file
    property's own (edits, exports, imports)."""
    if data.draw(st.integers(0, 2), label="through the server") > 0:
        file_step(data, laptops, mailbox)
        return
    me = data.draw(st.sampled_from(laptops), label="syncing laptop")
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
    template: Path,  # noqa: F811 - the fixture imported above
    pg_server: str,
    data: st.DataObject,
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
        try:
            every_event = play(data, laptops, lambda: _step(data, laptops, urls, mailbox), most=24)
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
