"""What is done with the audit trail: verify it (at once, or quickly as the window opens
a database), rebuild the tables from it, count its checkpoints, check a printed report's
fingerprint against it. Reached as ``Desk.trail``, each a user action in its own session."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from tawthiq.services.changes import EVERYTHING
from tawthiq.services.results import Rebuilt

if TYPE_CHECKING:
    from tawthiq.services.maintenance import VerifyReport
    from tawthiq.services.reports import FingerprintCheck
    from tawthiq.services.workspace import Workspace

Progress = Callable[[int, int], None]


class TrailDesk:
    def __init__(self, workspace: Callable[[], Workspace]) -> None:
        self._workspace = workspace

    @property
    def ws(self) -> Workspace:
        return self._workspace()

    def check_fingerprint(self, printed: str, prefix: str | None = None) -> FingerprintCheck:
        """Which incident (of all, or the one ``prefix`` names) a printed report's
        fingerprint belongs to, and how much it changed since."""
        from tawthiq.services import incidents as svc
        from tawthiq.services.reports import check_fingerprint

        with self.ws.db.read() as s:
            incident_id = svc.resolve_id(s, prefix) if prefix else None
            return check_fingerprint(s, printed, incident_id)

    def rebuild(
        self, progress: Progress | None = None, *, accept_rollback: bool = False
    ) -> Rebuilt:
        """Every table written again from the log; undone entirely when ``progress`` raises
        Cancelled. ``accept_rollback``: this copy was put back on purpose (see
        ``maintenance.accept_rollback``)."""
        from tawthiq.services.maintenance import accept_rollback as accept
        from tawthiq.services.maintenance import rebuild

        with self.ws.db.write() as s:
            done = rebuild(s, progress)
            if accept_rollback:
                accept(s, self.ws.key_dir, self.ws.db.path)
        drifted = done.digest_before != done.digest_after
        return Rebuilt(done.entities, drifted, done.digest_after, EVERYTHING)

    def checkpoints(self) -> int:
        """How many checkpoints the database holds (0: an earlier release's, not written since)."""
        from tawthiq.store.checkpoints import latest_number

        with self.ws.db.read() as s:
            return latest_number(s)

    def opening_check(self) -> list[str]:
        from tawthiq.services.maintenance import opening_check
        from tawthiq.store.identity import load_identity

        with self.ws.db.read() as s:
            return opening_check(s, load_identity(self.ws.key_dir)) + self._witnessed(s)

    def _witnessed(self, session: Any) -> list[str]:
        from tawthiq.services.maintenance import witnessed

        return witnessed(session, self.ws.key_dir, self.ws.db.path)

    def verify(self, progress: Progress | None = None) -> VerifyReport:
        from tawthiq.services.maintenance import verify
        from tawthiq.store.server_schema import is_team_server

        with self.ws.db.read() as s:
            # a team server's: the keys this laptop accepted in its log. A PostgreSQL
            # database that is no team server is written as a laptop's file is, its own
            # checkpoints signed in it: they are checked as a file's are.
            if self.ws.db.url and is_team_server(s):
                return verify(s, self.ws.server_keys(s), progress, team_server=True)
            report = verify(s, self.ws.trusted_keys(), progress)
            report.problems.extend(self._witnessed(s))
            report.problems.extend(self._files(s))
            return report

    def _files(self, session: Any) -> list[str]:
        """Stored evidence files missing or changed."""
        from tawthiq.services.evidence import file_problems
        from tawthiq.services.evidence_files import file_store
        from tawthiq.store.identity import load_identity

        identity = load_identity(self.ws.key_dir)
        own = identity.device_id if identity is not None else None
        return file_problems(session, file_store(self.ws), own)
