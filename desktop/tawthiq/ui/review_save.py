"""Saving a review, the saving half of ``ReviewPanel`` (whose widgets and state it uses):
what is on the screen, checked, with the question about suggestions nobody checked and a
report kept before; the form comes back as it was saved."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tawthiq.i18n import _, format_number, isolate, ngettext
from tawthiq.ui import review_group
from tawthiq.ui.review_state import Candidate, KeptReport, Marks, again_question, has_content

if TYPE_CHECKING:
    from tawthiq.services.desk import Saved
    from tawthiq.ui.review import ReviewPanel


def save(panel: ReviewPanel) -> None:
    """Ctrl+S: nothing is saved while any field has a problem."""
    if panel.saving:
        return  # pressed twice: one save
    if panel.reading:
        panel.message.emit(_("The report is still being read; save when the form is filled."))
        return
    problems = panel.form.check()
    origin_ok = panel.report.check()
    if problems or not origin_ok:
        cell = panel.form.first_problem()
        if cell is not None:
            panel.form.ensureWidgetVisible(cell)
            cell.setFocus()
        n = len(problems) + (0 if origin_ok else 1)
        panel.message.emit(
            ngettext(
                "Not saved: {n} field needs correcting (shown in red).",
                "Not saved: {n} fields need correcting (shown in red).",
                n,
            ).format(n=format_number(n))
        )
        return
    current, values = panel.review.shown, panel.form.values()
    if current.incident_id is None and not has_content(values):
        panel.message.emit(_("The form is empty: fill in at least one field before saving."))
        return
    if not _save_again(panel, current):
        return
    changes = current.changes(values)
    marks = current.marks(changes, panel.form.suggested())
    text, origin = panel.report.received_text(), panel.report.origin()
    report, report_id, report_changes = panel.review.source_plan(text, origin)
    if (
        current.incident_id
        and not changes
        and not marks.confirmed
        and report is None
        and not report_changes
    ):
        panel.message.emit(_("Nothing has changed since the last save."))
        return
    if marks.suggested and not panel.save_unchecked(len(marks.suggested)):
        panel.message.emit(
            _("Not saved: check the values marked in amber (✓ accepts one), then save.")
        )
        return

    def write() -> None:
        _write(panel, current, changes, marks, text, origin)

    if current.incident_id is None and (report is not None or report_id is not None):
        # a pasted report that may tell an incident kept: added to it, or saved (write)
        review_group.look_for_kept(panel, current, values, write)
        return
    write()


def _write(
    panel: ReviewPanel,
    current: Candidate,
    changes: dict[str, Any],
    marks: Marks,
    text: str,
    origin: dict[str, Any],
) -> None:
    """Save the form as it is: a new incident, or the changes to the one it shows."""
    report, report_id, report_changes = panel.review.source_plan(text, origin)
    set_saving(panel, True)
    generation = panel._generation
    panel.runner.run(
        lambda: panel.desk.save(
            changes,
            incident_id=current.incident_id,
            seen=current.seen([*changes, *marks.confirmed]),
            report=report,
            report_id=report_id,
            report_changes=report_changes,
            suggested=marks.suggested,
            confirmed=marks.confirmed,
        ),
        done=lambda saved: _saved(panel, generation, current, saved, text, origin),
        failed=lambda exc: panel._failed(exc, generation),
    )


def _save_again(panel: ReviewPanel, current: Candidate) -> bool:
    """A new incident from a report already kept is saved only when the documenter says
    to record it once more."""
    review = panel.review
    if review.already is None or review.again or current.incident_id or review.kept:
        return True
    question = again_question(len(review.already.incidents))
    if not panel.confirm(question):
        panel.message.emit(_("Not saved: the report is already kept."))
        return False
    review.again = True
    return True


def set_saving(panel: ReviewPanel, on: bool) -> None:
    panel.saving = on
    for widget in (panel.form, panel.report, panel.candidates, panel.read_button,
                   panel.accept_button, panel.save_button, panel.named):  # fmt: skip
        widget.setEnabled(not on)


def _saved(
    panel: ReviewPanel,
    generation: int,
    candidate: Candidate,
    saved: Saved,
    text: str,
    origin: dict[str, Any],
) -> None:
    set_saving(panel, False)
    candidate.incident_id, candidate.heads = saved.incident_id, dict(saved.heads)
    candidate.unchecked = frozenset(saved.unchecked)
    if saved.report_id is not None:
        panel.review.kept = KeptReport(saved.report_id, text, origin)
    if generation == panel._generation and candidate is panel.review.shown:
        # what was saved, defaults included, its unchecked suggestions still marked
        # (how sure the extractor was, and why not, kept while the words are at hand)
        doubt = {
            k: e
            for k, e in candidate.draft.evidence.items()
            if k in saved.unchecked and saved.values.get(k) == candidate.draft.values.get(k)
        }
        panel.form.set_values(saved.values, doubt, saved.unchecked)
        candidate.baseline = panel.form.values()
        panel._show_candidates()
    panel.message.emit(
        ngettext(
            "Saved incident {id} ({n} change recorded in its history).",
            "Saved incident {id} ({n} changes recorded in its history).",
            saved.events,
        ).format(id=isolate(saved.incident_id[:8]), n=format_number(saved.events))
    )
    panel.saved.emit(saved.incident_id)
