"""The dialogs of File → Sync with team server…: the server's connection string, the
laptops to trust, and what the sync did."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from tawthiq.domain.errors import N_
from tawthiq.i18n import _, error_text, format_number, isolate, ngettext
from tawthiq.services.desk_sync import ServerSynced, with_password, without_password
from tawthiq.services.values import NewDevice
from tawthiq.ui import sync_dialogs
from tawthiq.ui.sync_dialogs import SummaryDialog, _names

SCHEMES = ("postgresql://", "postgres://")
ROLES = {  # what the server lets this laptop do, as the summary tells it
    "owner": N_("the server's owner"),
    "coordinator": N_("coordinator"),
    "documenter": N_("documenter"),
    "auditor": N_("auditor (reads only)"),
}


class ServerDialog(QDialog):
    """The team server to sync with: the connection string as the coordinator gave it,
    pasted whole; its password then moves to a field that never shows it."""

    def __init__(self, remembered: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Sync with the team server"))
        self.setMinimumWidth(560)
        what = QLabel(
            _(
                "Tawthiq pulls the team's work from the server, checks every event before "
                "keeping any of it, then sends this laptop's new work."
            ),
            self,
        )
        what.setWordWrap(True)
        self.url = QLineEdit(self)
        self.url.setPlaceholderText("postgresql://USER:PASSWORD@HOST/DATABASE")
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        for ltr in (self.url, self.password):  # a connection string reads left to right
            ltr.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        hint = QLabel(
            _(
                "Paste the connection string your coordinator gave you; its password moves "
                "to the field below, where it is not shown."
            ),
            self,
        )
        hint.setWordWrap(True)
        hint.setObjectName("hint")
        self.problem = QLabel(self)
        self.problem.setObjectName("problem")
        form = QFormLayout()
        form.addRow(_("Connection string"), self.url)
        form.addRow(_("Password"), self.password)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Sync"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(what)
        box.addLayout(form)
        box.addWidget(hint)
        box.addWidget(self.problem)
        box.addWidget(self.buttons)
        self._before = ""
        self.url.textEdited.connect(self._edited)
        self.url.editingFinished.connect(self._take_password)
        self.url.textChanged.connect(self._update)
        if remembered:
            self.url.setText(remembered)
            self._take_password()
        self._update()

    def _edited(self, text: str) -> None:
        """Pasted (more than one character at once): the password leaves the field at once;
        typed by hand, when the typing is done."""
        if len(text) - len(self._before) > 1:
            self._take_password()
        self._before = self.url.text()

    def _take_password(self) -> None:
        bare, password = without_password(self.url.text())
        if password:
            self.password.setText(password)
            self.url.setText(bare)
        self._before = self.url.text()

    def _update(self) -> None:
        text = self.url.text().strip()
        problem = ""
        if text and not text.startswith(SCHEMES):
            problem = _("A team server's connection string starts with postgresql://.")
        self.problem.setText(problem)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(text) and not problem)

    def connection(self) -> str:
        """The connection string to sync with, its password put back."""
        self._take_password()
        return with_password(self.url.text(), self.password.text())


def _laptop(d: NewDevice) -> str:
    line = _("Laptop {device}: key fingerprint {fingerprint}").format(
        device=isolate(d.device_id[:8]), fingerprint=isolate(d.fingerprint.replace(" ", "\u00a0"))
    )
    if d.authors:
        line += _(" — work by {names}").format(names=_names(d.authors))
    return line


def trust_question(devices: tuple[NewDevice, ...]) -> str:
    """Asked when the server holds the work of laptops this one does not trust and that no
    laptop it trusts vouched for: their keys, to be checked with their owners."""
    return "\n".join(
        [
            _(
                "The team server holds work from laptops this one does not trust yet, and "
                "no laptop you trust has accepted them. Check each key fingerprint with its "
                "owner (by phone or in person) before accepting:"
            ),
            "",
            *(_laptop(d) for d in devices),
            "",
            _("Accept these laptops and take their work?"),
        ]
    )


def trust_box(devices: tuple[NewDevice, ...], parent: QWidget | None = None) -> QMessageBox:
    """The import's trust question, asked of the server's laptops; No by default."""
    box = sync_dialogs.trust_box(
        devices, parent, title=_("New laptops on the team server"), question=trust_question(devices)
    )
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box


def synced_text(result: ServerSynced) -> str:
    role = ROLES.get(result.role)
    return (
        _(
            "Synced with the team server as {role}: {pulled} new events taken, {pushed} sent."
        ).format(
            role=_(role) if role else isolate(result.role),
            pulled=format_number(result.pulled.summary.new),
            pushed=format_number(result.pushed),
        )
        + " "
        + _("Evidence files: {received} received, {sent} sent.").format(
            received=format_number(result.files_received), sent=format_number(result.files_sent)
        )
    )


def _plain_lines(lines: list[str], parent: QWidget) -> QLabel:
    """Lines as plain text (a name from another laptop is never read as markup), wrapped."""
    label = QLabel("\n".join(lines), parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setContentsMargins(12, 0, 6, 0)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class ServerSummaryDialog(SummaryDialog):
    """What a sync did: an import's summary (new records, changes, conflicts to open,
    possible duplicates), the events sent, and the laptops whose work was not taken."""

    def __init__(self, result: ServerSynced, parent: QWidget | None = None):
        pulled = result.pulled
        self.synced_result = result
        super().__init__(
            pulled.summary, len(pulled.pairs), parent, contradictions=pulled.contradictions
        )
        self.setWindowTitle(_("Sync finished"))
        self.setMinimumWidth(600)
        self.synced = QLabel(synced_text(result), self)
        self.synced.setWordWrap(True)
        # where, as it connects (its password as ***), left to right in either language
        self.server = QLabel(result.server, self)
        self.server.setTextFormat(Qt.TextFormat.PlainText)
        self.server.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.server.setAlignment(Qt.AlignmentFlag.AlignLeft)
        self.server.setObjectName("hint")
        self.server.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box = self.layout()
        assert isinstance(box, QVBoxLayout)
        box.insertWidget(0, self.synced)
        box.insertWidget(1, self.server)
        at = box.count() - 2  # before the duplicates' button and Close
        sections = (
            (
                _("Trusted from now on:"),
                [_laptop(d) for d in result.accepted],
            ),
            (
                ngettext(
                    "Not trusted here, so its work was not taken:",
                    "Not trusted here, so their work was not taken:",
                    len(result.waiting),
                ),
                [_laptop(d) for d in result.waiting],
            ),
            (
                ngettext(
                    "Set aside: its events failed a check, and none of them was taken:",
                    "Set aside: their events failed a check, and none of them was taken:",
                    len(result.refused),
                ),
                [
                    _("Laptop {device}: {reason}").format(
                        device=isolate(r.device_id[:8]), reason=error_text(r.reason)
                    )
                    for r in result.refused
                ],
            ),
            (
                ngettext(
                    "Evidence file not taken or not sent:",
                    "Evidence files not taken or not sent:",
                    len(result.files_refused),
                ),
                [error_text(reason) for reason in result.files_refused],
            ),
        )
        self.accepted_list, self.waiting_list, self.refused_list, self.files_list = (
            _plain_lines(lines, self) for _heading, lines in sections
        )
        views = (self.accepted_list, self.waiting_list, self.refused_list, self.files_list)
        for (heading, lines), view in zip(sections, views, strict=True):
            if not lines:
                view.hide()
                continue
            title = QLabel(heading, self)
            title.setWordWrap(True)
            failed = view in (self.refused_list, self.files_list)
            title.setObjectName("error" if failed else "heading")
            box.insertWidget(at, title)
            box.insertWidget(at + 1, view)
            at += 2
