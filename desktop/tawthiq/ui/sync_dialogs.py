"""The dialogs of File → Export… and File → Import…: what to export and how to lock it,
which new laptops to trust, and what a merge did."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from tawthiq.domain.text import visible
from tawthiq.i18n import (
    _,
    error_text,
    field_label,
    format_day,
    format_number,
    isolate,
    join,
    ngettext,
    quote,
)
from tawthiq.services.desk_sync import ExportChoice
from tawthiq.services.values import MIN_PASSPHRASE, ClockAhead, NewDevice
from tawthiq.ui.file_dialogs import save_file

if TYPE_CHECKING:
    from tawthiq.domain.errors import ValidationError
    from tawthiq.services.sync import ImportSummary


class ExportDialog(QDialog):
    """Where to write the export, whether only what is new, and how to lock it: to the
    coordinator's key when one is known, else with a passphrase; a file anyone can read
    only when chosen, and then the dialog says what it exposes."""

    def __init__(
        self,
        default: Path,
        last_export: str | None,
        parent: QWidget | None = None,
        *,
        key: str | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(_("Export for the coordinator"))
        self.setMinimumWidth(560)
        self.path = QLineEdit(str(default), self)
        browse = QPushButton(_("Choose…"), self)
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        self.since = QCheckBox(
            _("Only what changed since the last export ({when})").format(when=quote(last_export))
            if last_export
            else _("Only what changed since the last export (there is none yet)"),
            self,
        )
        self.since.setEnabled(last_export is not None)
        self.to_key = QRadioButton(_("Encrypted to the coordinator's key"), self)
        self.with_passphrase = QRadioButton(_("Encrypted with a passphrase"), self)
        self.plain = QRadioButton(_("Not encrypted"), self)
        (self.to_key if key else self.with_passphrase).setChecked(True)
        group = QButtonGroup(self)
        for b in (self.to_key, self.with_passphrase, self.plain):
            group.addButton(b)
            b.toggled.connect(self._update)
        self.exposed = QLabel(
            _(
                "Anyone who gets a file that is not encrypted can read every record in it, "
                "with the names, the private notes and the text of every report."
            ),
            self,
        )
        self.exposed.setObjectName("problem")
        self.exposed.setWordWrap(True)
        self.passphrase = QLineEdit(self)
        self.again = QLineEdit(self)
        for field in (self.passphrase, self.again):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.textChanged.connect(self._update)
        self.key = QLineEdit(key or "", self)
        self.key.setPlaceholderText("tqk-…")
        self.key.textChanged.connect(self._update)
        for ltr in (self.path, self.key):  # a path and a key read left to right in Arabic too
            ltr.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.problem = QLabel(self)
        self.problem.setObjectName("problem")
        form = QFormLayout()
        form.addRow(_("Coordinator's key"), self.key)
        form.addRow(_("Passphrase"), self.passphrase)
        form.addRow(_("Passphrase again"), self.again)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(QLabel(_("Export file"), self))
        box.addLayout(where)
        box.addWidget(self.since)
        for b in (self.to_key, self.with_passphrase, self.plain):
            box.addWidget(b)
        box.addLayout(form)
        box.addWidget(self.exposed)
        box.addWidget(self.problem)
        box.addWidget(self.buttons)
        self._update()

    def _browse(self) -> None:
        path = save_file(self, _("Export to"), self.path.text(), _("Tawthiq exports (*.tawthiq)"))
        if path is not None:
            self.path.setText(str(path))

    def _update(self) -> None:
        phrase = self.with_passphrase.isChecked()
        for field in (self.passphrase, self.again):
            field.setEnabled(phrase)
        self.key.setEnabled(self.to_key.isChecked())
        self.exposed.setVisible(self.plain.isChecked())
        problem = ""
        if phrase and len(self.passphrase.text()) < MIN_PASSPHRASE:
            problem = _("A passphrase needs at least {n} characters.").format(
                n=format_number(MIN_PASSPHRASE)
            )
        elif phrase and self.again.text() != self.passphrase.text():
            problem = _("The two passphrases differ.")
        elif self.to_key.isChecked() and not self.key.text().strip().startswith("tqk-"):
            problem = _("Paste the key the coordinator gave you; it starts with tqk-.")
        self.problem.setText(problem)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not problem and bool(self.path.text().strip()))

    def choice(self) -> ExportChoice:
        return ExportChoice(
            path=Path(self.path.text().strip()).expanduser(),
            since_last=self.since.isChecked(),
            passphrase=self.passphrase.text() if self.with_passphrase.isChecked() else None,
            recipient=self.key.text().strip() if self.to_key.isChecked() else None,
            plain=self.plain.isChecked(),
        )


def _names(names: Sequence[str]) -> str:
    """Names written on another laptop, each isolated, with its control characters visible:
    none can reverse the sentence around it or hide a letter; «» show where each ends, so
    none passes for the sentence's own words."""
    return join(f"«{quote(visible(n))}»" for n in names)


def trust_question(devices: tuple[NewDevice, ...]) -> str:
    """The question asked before laptops seen for the first time are trusted: each named by
    the authors of its signed events, or, with none in the files, by what it says it is."""
    lines = [
        _(
            "These files hold work from laptops this one has never seen. Check each key "
            "fingerprint with its owner (by phone or in person) before accepting:"
        ),
        "",
    ]
    for d in devices:
        if d.authors:
            who = _(" — work by {names}").format(names=_names(d.authors))
        elif d.says:
            who = _(" — no work of its own in these files; it says it is {name}").format(
                name=_names([d.says])
            )
        else:
            who = ""
        lines.append(
            _("Laptop {device}: key fingerprint {fingerprint}{who}").format(
                device=isolate(d.device_id[:8]),
                # on one line, to be read out whole: its groups joined by no-break spaces
                fingerprint=isolate(d.fingerprint.replace(" ", "\u00a0")),
                who=who,
            )
        )
    lines += ["", _("Accept these laptops and import their work?")]
    return "\n".join(lines)


def trust_box(
    devices: tuple[NewDevice, ...],
    parent: QWidget | None = None,
    *,
    title: str | None = None,
    question: str | None = None,
) -> QMessageBox:
    """The trust question as a dialog, its text plain: a name is never read as markup."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        title or _("New laptops"),
        question or trust_question(devices),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def answered_yes(box: QMessageBox) -> bool:
    """A question shown until answered: whether the answer was Yes."""
    box.exec()
    return box.standardButton(box.clickedButton()) == QMessageBox.StandardButton.Yes


def ask_clock(parent: QWidget, devices: tuple[ClockAhead, ...], file: str) -> bool:
    """The clock question asked; No is the default: dates in the future would win every
    later conflict's display."""
    answer = QMessageBox.question(
        parent,
        _("Dates ahead of this laptop's clock"),
        clock_question(devices, file),
        defaultButton=QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def clock_question(devices: tuple[ClockAhead, ...], file: str) -> str:
    """The question asked before work dated far in this laptop's future is merged: its
    dates are signed, so they are kept as they are, and they would win every later
    conflict on their fields' display order."""
    lines = [
        _("{file} holds work dated ahead of this laptop's clock:").format(file=isolate(file)),
        "",
    ]
    for d in devices:
        days = max(round(d.days), 1)
        lines.append(
            _("Laptop {device}: event #{seq} is dated {date}, {days} ahead.").format(
                device=isolate(d.device_id[:8]),
                seq=format_number(d.seq),
                date=format_day(d.day),
                days=ngettext("{n} day", "{n} days", days).format(n=format_number(days)),
            )
        )
    n = len(devices)
    lines += [
        "",
        ngettext(
            "If that laptop's clock was wrong, check with its owner first: its work is then "
            "kept with the dates it was signed with. If this laptop's clock is wrong, answer "
            "No and correct it first.",
            "If those laptops' clocks were wrong, check with their owners first: their work "
            "is then kept with the dates it was signed with. If this laptop's clock is wrong, "
            "answer No and correct it first.",
            n,
        ),
        "",
        ngettext(
            "Import this work, accepting that laptop's clock?",
            "Import this work, accepting those laptops' clocks?",
            n,
        ),
    ]
    return "\n".join(lines)


def summary_text(summary: ImportSummary) -> str:
    devices = join(
        "{id} ({who})".format(
            id=isolate(d.device_id[:8]),
            who=join(
                [
                    *([_names(d.authors)] if d.authors else [_("unnamed")]),
                    *([_("new")] if d.first_seen else []),
                ]
            ),
        )
        for d in summary.devices.values()
    )
    return _(
        "{new} new events, {known} already known, {conflicts} conflicts, from laptops {devices}."
    ).format(
        new=format_number(summary.new),
        known=format_number(summary.known),
        conflicts=format_number(summary.n_conflicts),
        devices=devices or "—",
    )


class SummaryDialog(QDialog):
    """What an import did, the records now in conflict (to open them), and a way on to the
    possible duplicates."""

    open_incident = Signal(str)
    review_duplicates = Signal()

    def __init__(
        self,
        summary: ImportSummary,
        duplicates: int,
        parent: QWidget | None = None,
        *,
        contradictions: Mapping[str, Sequence[ValidationError]] | None = None,
    ):
        """``contradictions``: incidents merged with fields that contradict each other (a
        governorate that is not the one of the P-code), with what each contradiction is."""
        super().__init__(parent)
        self.setWindowTitle(_("Import finished"))
        self.text = QLabel(summary_text(summary), self)
        self.text.setWordWrap(True)
        # a full wrapped line is drawn a little wider than Qt measures it: room at each end,
        # so a laptop's id at the end of an Arabic line is not cut
        self.text.setContentsMargins(6, 0, 6, 0)
        self.setMinimumWidth(480)
        incidents = summary.records_new.get("incident", 0)
        changed = summary.records_changed.get("incident", 0)
        self.counts = QLabel(
            ngettext("{n} new incident;", "{n} new incidents;", incidents).format(
                n=format_number(incidents)
            )
            + " "
            + ngettext("{n} changed.", "{n} changed.", changed).format(n=format_number(changed)),
            self,
        )
        self.conflicts = QListWidget(self)
        for record_id, (entity, fields) in summary.conflicts.items():
            if entity != "incident":
                continue
            item = QListWidgetItem(
                _("Incident {id}: {fields}").format(
                    id=isolate(record_id[:8]), fields=join(field_label(f) for f in fields)
                )
            )
            item.setData(Qt.ItemDataRole.UserRole, record_id)
            self.conflicts.addItem(item)
        self.conflicts.itemActivated.connect(
            lambda item: self.open_incident.emit(item.data(Qt.ItemDataRole.UserRole))
        )
        self.contradicting = QListWidget(self)
        for record_id, problems in (contradictions or {}).items():
            item = QListWidgetItem(
                _("Incident {id}: {problem}").format(
                    id=isolate(record_id[:8]), problem=error_text(problems[0])
                )
            )
            item.setData(Qt.ItemDataRole.UserRole, record_id)
            self.contradicting.addItem(item)
        self.contradicting.itemActivated.connect(
            lambda item: self.open_incident.emit(item.data(Qt.ItemDataRole.UserRole))
        )
        self.duplicates = QPushButton(
            _("Review {n} possible duplicates…").format(n=format_number(duplicates)), self
        )
        self.duplicates.setEnabled(duplicates > 0)
        self.duplicates.clicked.connect(self.review_duplicates.emit)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(self.text)
        box.addWidget(self.counts)
        if self.conflicts.count():
            box.addWidget(QLabel(_("In conflict now (open one to settle it):"), self))
            box.addWidget(self.conflicts)
        else:
            self.conflicts.hide()
        if self.contradicting.count():  # merged as signed, to be corrected by someone
            box.addWidget(
                QLabel(_("Place fields that contradict each other (open one to correct it):"), self)
            )
            box.addWidget(self.contradicting)
        else:
            self.contradicting.hide()
        box.addWidget(self.duplicates)
        box.addWidget(close)
