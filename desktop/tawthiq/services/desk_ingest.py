"""Reports in, incidents out, as the window's "Open report files…" and `tawthiq ingest`
ask for them: part of ``Desk`` (each report saved whole or not at all)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from tawthiq.domain.errors import Cancelled
from tawthiq.services.changes import Changes, Stopped
from tawthiq.services.results import Ingested, IngestSummary

if TYPE_CHECKING:
    from tawthiq.services.workspace import Workspace

Progress = Callable[[int, int], None]


class Ingesting:
    @property
    def ws(self) -> Workspace:
        raise NotImplementedError

    def ingest_report(
        self,
        text: str,
        *,
        ref_date: date | None = None,
        outlet: str | None = None,
        again: bool = False,
        separate: bool = False,
    ) -> Ingested:
        """Extract a report and save it with the incidents found, all or nothing; a report
        already kept saves nothing (``kept`` names its incidents) unless ``again``."""
        from tawthiq.services.ingest import ingest_report

        with self.ws.writing() as w:
            done = ingest_report(
                w, text, ref_date=ref_date, outlet=outlet, again=again, separate=separate
            )
        if done.kept is not None:
            return Ingested(None, (), Changes(), kept=done.kept)
        changes = Changes.of(done.incident_ids, reports=True)
        asides = done.result.set_aside if done.result is not None else ()
        return Ingested(
            done.report_id, done.saved, changes, asides, added=done.added, weaker=done.weaker
        )

    def ingest_files(
        self, paths: Sequence[Path], progress: Progress, *, ref_date: date | None = None
    ) -> IngestSummary:
        """Extract and save each report file; each is saved whole or not at all, and a stop
        keeps the reports finished before it."""
        from tawthiq.services.report_files import read_report

        texts = [(p, read_report(str(p))) for p in paths]  # all readable before any is saved
        incidents: list[str] = []
        empty, kept, guessed = [], [], []
        try:
            for i, (path, text) in enumerate(texts):
                progress(i, len(texts))
                done = self.ingest_report(text, ref_date=ref_date)
                incidents += [incident_id for incident_id, _ in done.saved]
                incidents += [incident_id for incident_id, _, _ in done.added]
                if done.kept is not None:
                    kept.append(path.name)
                elif not done.saved and not done.added:
                    empty.append(path.name)
                # counted from today's date (not the publication day given for want of a
                # day told, nor a weekday that disagrees: those are checked in the form)
                if any(found["date"].unsure == "today" for _, found in done.saved):
                    guessed.append(path.name)
        except Cancelled as stop:  # the reports finished before it are kept, and shown
            raise Stopped(stop, Changes.of(incidents, reports=True)) from None
        with contextlib.suppress(Cancelled):  # everything was already saved
            progress(len(texts), len(texts))
        changes = Changes.of(incidents, reports=bool(texts))
        return IngestSummary(
            len(texts), len(incidents), tuple(empty), changes, tuple(kept), tuple(guessed)
        )
