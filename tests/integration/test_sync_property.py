"""Property: two to five laptops make random changes and exchange exports in random
orders, with repeats; afterwards every laptop holds every event ever made and every
database has the same state digest."""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from laptops import Laptop
from sqlalchemy import select

from tawthiq import services
from tawthiq.domain.errors import ValidationError
from tawthiq.domain.fields import TRUST
from tawthiq.store.models import EventRow, IncidentRow
from tawthiq.sync.errors import ForgeryError, RollbackError

OPS = ("create", "edit", "edit", "edit", "delete", "resolve", "export", "import", "import")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty, migrated database to copy: opening one is the slow part of a laptop."""
    path = tmp_path_factory.mktemp("template") / "empty.db"
    services.open_workspace(path, key_dir=path.parent / "keys").close()
    return path


def _incidents(laptop: Laptop) -> list[tuple[str, bool, int]]:
    with laptop.ws.db.read() as s:
        # In the order they were made, not by their random ids: the same draws then pick the
        # same incidents when hypothesis replays an example.
        rows = s.execute(
            select(IncidentRow.id, IncidentRow.deleted, IncidentRow.n_conflicts).order_by(
                IncidentRow.created_hlc, IncidentRow.id
            )
        )
        return [(r[0], bool(r[1]), int(r[2])) for r in rows]


def _step(data: st.DataObject, laptops: list[Laptop], mailbox: list[Path]) -> None:
    op = data.draw(st.sampled_from(OPS), label="op")
    me = data.draw(st.sampled_from(laptops), label="laptop")
    known = _incidents(me)
    if op == "create" or (op in ("edit", "delete", "resolve") and not known):
        me.new_incident(title_en="x", killed=data.draw(st.integers(0, 5)))
    elif op == "edit":
        incident, deleted, _ = data.draw(st.sampled_from(known))
        field = data.draw(st.sampled_from(["killed", "title_en", "status"]))
        value = {
            "killed": data.draw(st.integers(0, 5)),
            "title_en": data.draw(st.sampled_from(["a", "b", "c"])),
            "status": data.draw(st.sampled_from(["draft", "reviewed", "verified"])),
        }[field]
        if not deleted:
            me.edit(incident, **{field: value})
    elif op == "delete":
        incident, deleted, _ = data.draw(st.sampled_from(known))
        if not deleted:
            me.delete(incident)
    elif op == "resolve":
        conflicted = [i for i, _, n in known if n]
        if conflicted:
            incident = data.draw(st.sampled_from(conflicted))
            conflict = data.draw(st.sampled_from(me.incident(incident).conflicts))
            pick = data.draw(st.sampled_from(conflict.event_ids))
            me.resolve(incident, conflict.field, pick=pick)
    elif op == "export":
        since = data.draw(st.sampled_from([None, "last"]))
        mailbox.append(me.export(since=since))
    elif mailbox:
        path = data.draw(st.sampled_from(mailbox))
        digest = me.digest()
        try:
            me.import_(path)
        except (RollbackError, ForgeryError) as refused:  # older export; later one first
            event(f"import refused: {type(refused).__name__}")
            assert me.digest() == digest


def play(
    data: st.DataObject, laptops: list[Laptop], step: Callable[[], None], *, most: int
) -> set[str]:
    """A shared start, then up to ``most`` random steps; the ids of every record event
    made meanwhile."""
    # A shared start, so that laptops soon edit the same incidents without seeing each
    # other's changes (and do not only make their own).
    for _ in range(2):
        laptops[0].new_incident(title_en="shared", killed=1)
    start = laptops[0].export()
    for laptop in laptops[1:]:
        laptop.import_(start)
    every_event: set[str] = set()
    for _ in range(data.draw(st.integers(4, most), label="steps")):
        # (an edit that breaks a check across fields is refused, as in a form)
        with contextlib.suppress(ValidationError):
            step()
        for laptop in laptops:
            every_event |= _record_events(laptop)
    return every_event


def _record_events(laptop: Laptop) -> set[str]:
    """The ids of the laptop's events, less its trust decisions: accepting a laptop at the
    last round of imports is a decision of its own that no other laptop receives."""
    with laptop.ws.db.read() as s:
        rows = s.execute(select(EventRow.event_id).where(EventRow.entity != TRUST))
        return set(rows.scalars())


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_laptops_converge_whatever_the_order_of_exchanges(
    template: Path, data: st.DataObject
) -> None:
    n = data.draw(st.integers(2, 5), label="laptops")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        laptops = [Laptop(root, f"laptop{i}", template) for i in range(n)]
        mailbox: list[Path] = []
        try:
            every_event = play(data, laptops, lambda: _step(data, laptops, mailbox), most=30)
            finals = [laptop.export() for laptop in laptops]
            for laptop in laptops:
                order = data.draw(st.permutations(finals), label="final order")
                for path in order:
                    laptop.import_(path)
            conflicts = sum(n for _, _, n in _incidents(laptops[0]))
            event(
                f"fields in conflict at the end: {min(conflicts, 3)}{'+' if conflicts > 2 else ''}"
            )
            digests = {laptop.digest() for laptop in laptops}
            assert len(digests) == 1
            for laptop in laptops:
                assert _record_events(laptop) == every_event
            report = laptops[0].verify()
            assert report.ok, report.problems
        finally:
            for laptop in laptops:
                laptop.close()
