"""The incident's evidence files, a page of its view: a thumbnail for each photo (made off the
UI thread), an icon for other files, and what each is (SHA-256, size, type, who attached it,
when, where it came from). Files are attached from a dialog or dropped on the page, opened
with the system's viewer (a decrypted copy: ``files_open``), shared as copies without
metadata (``share_dialog``) and detached (a tombstone: the record and bytes stay)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QIcon,
    QPixmap,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from tawthiq.domain.text import visible
from tawthiq.i18n import _, digits, format_number, isolate, ngettext, quote, sentence_text
from tawthiq.services.desk import Desk
from tawthiq.services.desk_files import EvidenceFile, ShareOutcome
from tawthiq.services.evidence import check_readable
from tawthiq.services.evidence_images import CLEANED, MAX_IMAGE_BYTES
from tawthiq.services.results import IncidentView
from tawthiq.ui.file_dialogs import size_text
from tawthiq.ui.files_open import OpenedCopies
from tawthiq.ui.long_work import run_long
from tawthiq.ui.ops import Runner, error_sentence
from tawthiq.ui.share_dialog import BlurDialog, photo_image

ICON = 64
SHA_ROLE = Qt.ItemDataRole.UserRole


def describe(f: EvidenceFile) -> str:
    """Three lines of the list: its name; its type, size and SHA-256; who, when, whence."""
    v = f.record.values
    name = visible(str(v.get("file_name") or "")) or f.sha256[:12]
    what = _("{kind} · {size} · SHA-256 {sha}…").format(
        kind=f.media_type, size=size_text(int(v.get("size") or 0)), sha=isolate(f.sha256[:12])
    )
    who = _("Attached by {who} on {when}").format(
        who=quote(visible(f.record.attached_by)),
        when=digits(f"{f.attached_at.astimezone():%Y-%m-%d %H:%M}"),
    )
    if v.get("origin"):
        who += " · " + _("from {origin}").format(origin=quote(visible(str(v["origin"]))))
    if not f.here:
        who += " · " + _("not on this laptop yet")
    return "\n".join((name, what, who))


class FilesPanel(QWidget):
    message = Signal(str)
    files_shown = Signal(int)  # how many files the page lists (its tab's title follows)

    def __init__(self, desk: Desk, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk, self.runner = desk, runner
        self.incident_id: str | None = None
        self.files: list[EvidenceFile] = []
        self.opened = OpenedCopies()
        self._generation = 0
        self.thumbnails_shown = 0
        self.setAcceptDrops(True)
        self.list = QListWidget(self)
        self.list.setIconSize(QSize(ICON, ICON))
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.list.setWordWrap(True)
        self.list.setSpacing(4)
        self.list.itemDoubleClicked.connect(lambda _item: self.open_selected())
        self.list.itemSelectionChanged.connect(self._enable)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.hide()  # until there is something to say
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for key, slot in (
            ("attach", self.attach),
            ("open", self.open_selected),
            ("share", self.share_selected),
            ("copy", self.copy_sha),
            ("detach", self.detach_selected),
        ):
            button = QPushButton(self)
            button.clicked.connect(lambda _c=False, s=slot: s())
            self.buttons[key] = button
            row.addWidget(button)
        row.addStretch(1)
        box = QVBoxLayout(self)
        box.addLayout(row)
        box.addWidget(self.note)
        box.addWidget(self.list, 1)
        self.retranslate()

    # what it shows ----------------------------------------------------------------------

    def title(self) -> str:
        return _("Files ({n})").format(n=format_number(len(self.files)))

    def show_view(self, view: IncidentView | None) -> None:
        """Follow the incident of ``view`` (None: none): its files are read again."""
        self.incident_id = view.incident.id if view is not None else None
        self._generation += 1
        if self.incident_id is None:
            self._show([])
            return
        incident = self.incident_id
        self.runner.run(
            lambda: self.desk.files.files_of(incident),
            done=self._current(self._show),
            failed=lambda exc: self.message.emit(error_sentence(exc)),
        )

    def _show(self, files: list[EvidenceFile]) -> None:
        self.files = list(files)
        self.list.clear()
        plain = self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        for f in self.files:
            item = QListWidgetItem(plain, describe(f))
            item.setData(SHA_ROLE, f.sha256)
            item.setToolTip(_("SHA-256: {sha}").format(sha=f.sha256))
            self.list.addItem(item)
        self.files_shown.emit(len(self.files))
        self._enable()
        images = [f for f in self.files if f.here and f.media_type.startswith("image/")]
        if images:
            self.runner.run(
                lambda: {f.sha256: self.desk.files.thumbnail(f) for f in images},
                done=self._current(self._thumbnails),
            )

    def _thumbnails(self, made: dict[str, bytes | None]) -> None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            data = made.get(str(item.data(SHA_ROLE)))
            pixmap = QPixmap()
            if data and pixmap.loadFromData(data, "PNG"):
                item.setIcon(QIcon(pixmap))
        self.thumbnails_shown = sum(1 for d in made.values() if d)

    def _current(self, show: Callable[[Any], None]) -> Callable[[Any], None]:
        """``show``, unless the page was asked for something else meanwhile."""
        generation = self._generation

        def current(value: Any) -> None:
            if generation == self._generation:
                show(value)

        return current

    def selected(self) -> list[EvidenceFile]:
        chosen = {str(i.data(SHA_ROLE)) for i in self.list.selectedItems()}
        return [f for f in self.files if f.sha256 in chosen]

    def _enable(self) -> None:
        some = bool(self.list.selectedItems())
        for key in ("open", "share", "copy", "detach"):
            self.buttons[key].setEnabled(some)
        self.buttons["attach"].setEnabled(self.incident_id is not None)

    def say(self, sentence: str) -> None:
        self.note.setText(sentence)
        self.note.setVisible(bool(sentence))
        self.message.emit(sentence)

    # attaching --------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.incident_id and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.attach(paths)

    def attach(self, paths: list[Path] | None = None) -> None:
        """Attach files (chosen in a dialog unless given), with where they came from."""
        incident = self.incident_id
        if incident is None:
            return
        if paths is None:
            names, _filter = QFileDialog.getOpenFileNames(self, _("Attach files to the incident"))
            paths = [Path(n) for n in names]
        if not paths:
            return
        origin, ok = QInputDialog.getText(
            self,
            _("Attach files to the incident"),
            _("Where do these files come from? (optional: a person, a channel, a link)"),
            QLineEdit.EchoMode.Normal,
            "",
        )
        if not ok:
            return

        def work(progress: Any) -> list[tuple[str, bool]]:
            for path in paths:  # every one refused before any is stored
                check_readable(path)
            done = []
            for n, path in enumerate(paths):
                progress(n, len(paths))
                got = self.desk.files.attach(incident, [path], origin or None).files[0]
                done.append((got.file_name, got.new))
            progress(len(paths), len(paths))
            return done

        def attached(done: list[tuple[str, bool]]) -> None:
            again = [name for name, new in done if not new]
            n = len(done) - len(again)
            said = ngettext("Attached {n} file.", "Attached {n} files.", n).format(
                n=format_number(n)
            )
            if again:
                said += " " + _("Already attached, nothing changed: {names}.").format(
                    names=", ".join(quote(visible(n)) for n in again)
                )
            self.say(said)
            self.show_view_id(incident)

        run_long(self, self.runner, _("Attaching files…"), work, done=attached, said=self.say)

    def show_view_id(self, incident_id: str) -> None:
        """Read the files of ``incident_id`` again (after this page changed them)."""
        if incident_id == self.incident_id:
            self._generation += 1
            self.runner.run(
                lambda: self.desk.files.files_of(incident_id),
                done=self._current(self._show),
                failed=lambda exc: self.say(error_sentence(exc)),
            )

    # opening, copying, detaching -----------------------------------------------------------

    def open_selected(self) -> None:
        """A decrypted copy of each file selected, opened by the system's viewer."""
        chosen = self.selected()
        if not chosen:
            return
        if self.desk.files.encrypted() and not self._ask(
            _(
                "The database is encrypted. To open a file with another program, a plain copy "
                "is written to a private temporary folder, readable while it is open, and "
                "removed when Tawthiq's window closes. Open it?"
            )
        ):
            return
        for f in chosen:
            self.runner.run(
                lambda f=f: self.opened.write(self.desk, f),
                done=self._open_with_viewer,
                failed=lambda exc: self.say(error_sentence(exc)),
            )

    def _open_with_viewer(self, path: Path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def copy_sha(self) -> None:
        shas = [f.sha256 for f in self.selected()]
        if shas:
            QGuiApplication.clipboard().setText("\n".join(shas))
            self.say(_("SHA-256 copied."))

    def detach_selected(self) -> None:
        chosen, incident = self.selected(), self.incident_id
        if not chosen or incident is None:
            return
        names = ", ".join(
            quote(visible(str(f.record.values.get("file_name") or ""))) for f in chosen
        )
        if not self._ask(
            _(
                "Detach {names} from this incident? It leaves the page; its record, its bytes "
                "and its history are kept."
            ).format(names=names)
        ):
            return

        def work() -> None:
            for f in chosen:
                self.desk.files.detach(incident, f.sha256)

        def detached(_result: object) -> None:
            n = len(chosen)
            self.say(
                ngettext("Detached {n} file.", "Detached {n} files.", n).format(n=format_number(n))
            )
            self.show_view_id(incident)

        self.runner.run(work, done=detached, failed=lambda exc: self.say(error_sentence(exc)))

    def _ask(self, question: str) -> bool:
        answer = QMessageBox.question(self, _("Tawthiq"), question)
        return answer == QMessageBox.StandardButton.Yes

    # sharing ----------------------------------------------------------------------------

    def share_selected(self) -> None:
        """A copy without metadata of the file selected first, in a folder chosen; a photo's
        regions to blur are chosen by hand before it is written."""
        chosen, incident = self.selected(), self.incident_id
        if not chosen or incident is None:
            return
        folder = QFileDialog.getExistingDirectory(self, _("Folder for the copy to share"))
        if not folder:
            return
        f = chosen[0]
        too_big = int(f.record.values.get("size") or 0) > MAX_IMAGE_BYTES
        if f.media_type not in CLEANED or not f.here or too_big:  # the service says why not
            self._share(incident, Path(folder), f, [])
            return

        def chosen_regions(data: bytes) -> None:
            image = photo_image(data)
            if image.isNull():  # not a photo after all: the service says so
                self._share(incident, Path(folder), f, [])
                return
            name = str(f.record.values.get("file_name") or f.sha256[:12])
            dialog = BlurDialog(image, name, self)
            if dialog.exec():
                self._share(incident, Path(folder), f, dialog.boxes())

        self.runner.run(
            lambda: b"".join(self.desk.files.read(f.sha256)),
            done=chosen_regions,
            failed=lambda exc: self.say(error_sentence(exc)),
        )

    def _share(self, incident: str, folder: Path, f: EvidenceFile, boxes: list[Any]) -> None:
        def written(outcomes: list[ShareOutcome]) -> None:
            for o in outcomes:
                if o.copy is not None:
                    self.say(
                        _("Written without metadata: {path}").format(path=isolate(o.copy.path))
                    )
                else:
                    self.say(_("Nothing written: {why}").format(why=sentence_text(o.refused or "")))

        self.runner.run(
            lambda: self.desk.files.share_copies(incident, folder, boxes, only=f.sha256),
            done=written,
            failed=lambda exc: self.say(error_sentence(exc)),
        )

    def retranslate(self) -> None:
        for key, text, tip in (
            ("attach", _("Attach files…"), _("Or drop files on this page")),
            ("open", _("Open"), _("Open a copy with this computer's viewer")),
            ("share", _("Share a safe copy…"), _("A copy without metadata, regions blurred")),
            ("copy", _("Copy SHA-256"), _("The full SHA-256 of the files selected")),
            ("detach", _("Detach…"), _("The file leaves this incident; its record is kept")),
        ):
            self.buttons[key].setText(text)
            self.buttons[key].setToolTip(tip)
        self._show(self.files)
