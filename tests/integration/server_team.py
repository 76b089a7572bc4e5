"""A team for the server tests: a PostgreSQL database made a team server, a coordinator's
laptop that owns it, and documenters' laptops enrolled on it (tests/integration/laptops.py
laptops: real database files and key folders)."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
from laptops import Laptop

from tawthiq.services import team
from tawthiq.services.sync import signing_fingerprint
from tawthiq.store import chain
from tawthiq.store.pg_connection import without_pin


class Team:
    def __init__(self, root: Path, owner_url: str) -> None:
        self.root = root
        self.owner_url = owner_url
        team.init_server(owner_url)
        self.coordinator = Laptop(root, "coordinator")
        self.urls: dict[str, str] = {"coordinator": owner_url}
        self.laptops: dict[str, Laptop] = {"coordinator": self.coordinator}

    def enrol(self, name: str, role: str = "documenter", *, by: Laptop | None = None) -> Laptop:
        """A new laptop enrolled in ``role`` by the first coordinator, or by the coordinator
        ``by`` (one of the team's laptops) with its own login."""
        laptop = Laptop(self.root, name)
        fp = signing_fingerprint(laptop.ws)
        by = by or self.coordinator
        done = team.enrol(by.ws, self.urls[by.name], fp, role)
        self.urls[name] = done.url
        self.laptops[name] = laptop
        return laptop

    def sync(self, laptop: Laptop, **options: object) -> team.SyncResult:
        return team.sync(laptop.ws, self.urls[laptop.name], **options)  # type: ignore[arg-type]

    def close(self) -> None:
        for laptop in self.laptops.values():
            laptop.close()


def connect(url: str) -> psycopg.Connection:
    """A plain psql-like connection (autocommit), bypassing Tawthiq (without the
    coordinator's fingerprint an enrolment's string carries: a parameter of Tawthiq's)."""
    return psycopg.connect(without_pin(url), autocommit=True)


def forge_next_event(owner_url: str, device_id: str) -> None:
    """Someone with the owner's password adds an event to ``device_id``'s chain on the
    server (its head moved on), signed with no key of that laptop's."""
    with connect(owner_url) as conn:
        last = conn.execute(
            "SELECT * FROM event WHERE device_id = %s ORDER BY seq DESC LIMIT 1", [device_id]
        )
        cols = [d.name for d in last.description or []]
        row = dict(zip(cols, last.fetchone() or (), strict=True))
        row.update(
            event_id="00000000-0000-4000-8000-00000000beef",
            seq=row["seq"] + 1,
            prev_hash=row["hash"],
            value=json.dumps(99),
            field="killed",
        )
        names, marks = ", ".join(row), ", ".join(["%s"] * len(row))
        conn.execute(f"INSERT INTO event ({names}) VALUES ({marks})", list(row.values()))
        conn.execute(
            "UPDATE chain_head SET seq = %s, hash = %s WHERE device_id = %s",
            [row["seq"], row["hash"], device_id],
        )


def heads(laptop: Laptop) -> dict[str, int]:
    with laptop.ws.db.read() as s:
        return {d: h.seq for d, h in chain.signed_heads(s).items()}
