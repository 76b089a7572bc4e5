"""The day a report was published, in a review (the dates half of ``ReviewPanel``, whose
widgets and state it uses): asked for when the report does not say it, and, once typed or
corrected, every incident's day read again from it at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tawthiq.i18n import _

if TYPE_CHECKING:
    from tawthiq.services.desk import Reading
    from tawthiq.ui.review import ReviewPanel


def ask_published(panel: ReviewPanel, reading: Reading) -> None:
    """Beside "Published on": the day the report gives itself, to check, or a request
    for the day when it gives none (its "today" was then read as today's date)."""
    if reading.dated == "guessed":
        how = _("read from the date the report gives itself; correct it if it is wrong")
        panel.report.set_published_guess(how, reading.ref_date)
    elif reading.dated == "today":
        # short: why, and what it changes, is told beside the incident's day
        panel.report.set_published_guess(_("Not known: type the day the report was published."))


def redate(panel: ReviewPanel) -> None:
    """When "Published on" is corrected, every incident's day is read again from it at
    once (a day the documenter typed, confirmed or cleared stays theirs)."""
    if panel.reading or panel._busy() or not panel.report.report_text().strip():
        return
    day = panel.report.published_day()
    if panel.report.published.value() and day is None:
        return  # still being typed
    text, generation = panel.report.report_text(), panel._generation
    panel.reading, panel._read_with = True, panel.report.published.value()
    panel.runner.run(
        lambda: panel.desk.read_report(text, day),
        done=lambda reading: _redated(panel, generation, reading),
        failed=lambda exc: panel._failed(exc, generation),
    )


def _redated(panel: ReviewPanel, generation: int, reading: Reading) -> None:
    if generation != panel._generation:
        return
    panel.reading = False
    typed = panel.report.published.value() != panel._read_with
    if reading.dated != "given" and not typed:
        ask_published(panel, reading)
    panel.form.restore(panel.review.redate(reading.drafts, panel.form.snapshot()))
    panel._show_candidates()
    panel.drafts_ready.emit()
    if typed:
        redate(panel)
