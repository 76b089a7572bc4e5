"""Saving a pasted report that tells an incident already kept (part of ``ReviewPanel``'s
save): the incidents it may be are looked for off the UI thread; when there are any the
documenter chooses to add the report to one of them (no new incident; the form's figures
kept as this report's) or to save a new incident. Nothing is joined without that choice."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QTabWidget

from tawthiq.i18n import _, format_number, isolate, ngettext
from tawthiq.services.grouping import GUESSED_DAY
from tawthiq.ui.review_state import Candidate, KeptReport

if TYPE_CHECKING:
    from tawthiq.services.desk_groups import AddedReport
    from tawthiq.services.grouping import Candidate as Kept
    from tawthiq.services.results import IncidentView
    from tawthiq.ui.review import ReviewPanel


def guessed_day(current: Candidate, values: dict[str, Any]) -> bool:
    """Whether the form's day is still the extractor's guess (counted from today's date, or
    the day the report was published for want of one told in it)."""
    evidence = current.draft.evidence.get("date_start")
    return (
        evidence is not None
        and evidence.unsure in GUESSED_DAY
        and values.get("date_start") == current.draft.values.get("date_start")
    )


def look_for_kept(
    panel: ReviewPanel, current: Candidate, values: dict[str, Any], write: Callable[[], None]
) -> None:
    """Look for the incidents kept the form may be; ask when there are any; then
    ``write`` (save the form as a new incident) or add the report to the one chosen."""
    from tawthiq.ui import review_save

    guessed = guessed_day(current, values)
    generation = panel._generation
    review_save.set_saving(panel, True)  # the form stays as it is while the question is open

    def found(kept: list[Kept]) -> None:
        review_save.set_saving(panel, False)
        if generation != panel._generation:
            return
        if not kept:
            write()
            return
        into = panel.add_or_new(kept, guessed)
        if into is None:
            panel.message.emit(_("Not saved."))
        elif into:
            add(panel, current, values, into)
        else:
            write()

    panel.runner.run(
        lambda: panel.desk.groups.candidates_for(values, guessed_day=guessed),
        done=found,
        failed=lambda exc: panel._failed(exc, generation),
    )


def add(panel: ReviewPanel, current: Candidate, values: dict[str, Any], into: str) -> None:
    """Keep the report as a source of ``into`` with the form's figures; the form then shows
    that incident, so what is changed next is changed there."""
    from tawthiq.ui import review_save

    text, origin = panel.report.received_text(), panel.report.origin()
    report, report_id, _changes = panel.review.source_plan(text, origin)
    generation = panel._generation
    review_save.set_saving(panel, True)

    def done(added: AddedReport) -> None:
        review_save.set_saving(panel, False)
        panel.review.kept = KeptReport(added.report_id, text, origin)
        view = added.view
        current.incident_id, current.heads = view.incident.id, dict(view.heads)
        current.unchecked = frozenset(view.incident.unchecked)
        if generation == panel._generation and current is panel.review.shown:
            panel.form.set_values(view.incident.values, unchecked=view.incident.unchecked)
            current.baseline = panel.form.values()
            panel._show_candidates()
            show_sources(panel, view)
        else:
            current.baseline, current.snapshot = dict(view.incident.values), None
        n = len(view.reports)
        panel.message.emit(
            ngettext(
                "Added the report to incident {id} ({n} report); no new incident was made.",
                "Added the report to incident {id} ({n} reports); no new incident was made.",
                n,
            ).format(id=isolate(added.incident_id[:8]), n=format_number(n))
        )
        panel.saved.emit(added.incident_id)

    panel.runner.run(
        lambda: panel.desk.groups.add_to(into, values, report=report, report_id=report_id),
        done=done,
        failed=lambda exc: panel._failed(exc, generation),
    )


def beside_report(panel: ReviewPanel) -> QTabWidget:
    """The report, and a page for the reports of the incident the form shows and their
    figures (there once the form shows an incident kept)."""
    pages = QTabWidget(panel)
    pages.addTab(panel.report, "")
    pages.addTab(panel.sources, "")
    return pages


def show_sources(panel: ReviewPanel, view: IncidentView | None) -> None:
    pages = panel.report_pages
    panel.sources.show_view(view)
    pages.setTabText(0, _("The report"))
    pages.setTabText(1, panel.sources.title())
    pages.setTabVisible(1, view is not None)
    pages.tabBar().setVisible(view is not None)  # a pasted report alone: no tabs
