"""Putting the window together: the application, its language and font, the documenter's
settings, the database; and ``--screenshot``, which shows the sample report in the form and
saves a picture of the window."""

from __future__ import annotations

import os
import sys
import tempfile
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from tawthiq.domain.errors import TawthiqError

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

    from tawthiq.services.workspace import Workspace

WINDOW_SIZE = (1360, 860)


def _has_display() -> bool:
    if sys.platform != "linux" or os.environ.get("QT_QPA_PLATFORM"):
        return True
    if os.environ.get("WAYLAND_DISPLAY"):
        return True
    display = os.environ.get("DISPLAY", "")
    return bool(display) and _x_server_answers(display)


def _x_server_answers(display: str) -> bool:
    """Whether a local X display (":0", "unix:1.0") has a server listening; Qt itself would
    abort with advice to reinstall. Displays on other hosts are left to Qt."""
    import re
    import socket

    local = re.fullmatch(r"(?:unix)?:(\d+)(?:\.\d+)?", display)
    if local is None:
        return True
    path = f"/tmp/.X11-unix/X{local.group(1)}"
    for address in (path, "\0" + path):  # the socket file, or Linux's abstract name
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.settimeout(2)
            try:
                s.connect(address)
            except OSError:
                continue
            return True
    return False


def app_icon() -> QIcon:
    """The window's icon, from the PNGs shipped in resources/icons/."""
    from PySide6.QtGui import QIcon

    from tawthiq.domain.resources import shipped

    icon = QIcon()
    for png in sorted(shipped("icons").glob("tawthiq-*.png")):
        icon.addFile(str(png))
    return icon


def run(
    *,
    db: str | None,
    author: str | None = None,
    lang: str | None = None,
    screenshot: Path | None = None,
    tab: str = "review",
) -> int:
    """Open the window (``tawthiq`` or ``tawthiq gui``); returns the exit status."""
    if screenshot is not None and not _has_display():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a picture needs no screen
    if not _has_display():
        print(
            "tawthiq: no display to open the window on; run it in a desktop session "
            "(the command line works without one: see `tawthiq --help`)",
            file=sys.stderr,
        )
        return 2
    from PySide6.QtWidgets import QApplication

    from tawthiq.i18n import error_text, unmarked
    from tawthiq.services.desk import Desk
    from tawthiq.services.settings import Settings, data_dir, load_settings
    from tawthiq.services.workspace import default_db_path, is_server_url
    from tawthiq.ui.first_run import first_start, unlock_at_start
    from tawthiq.ui.language import Language
    from tawthiq.ui.main_window import MainWindow
    from tawthiq.ui.ops import keep_window_responsive, quiet_bugs
    from tawthiq.ui.safety import app_name

    app = QApplication.instance() or QApplication(["tawthiq"])
    keep_window_responsive()
    quiet_bugs()
    assert isinstance(app, QApplication)
    app.setApplicationName("Tawthiq")
    app.setDesktopFileName("org.tawthiq.Tawthiq")  # packaging/org.tawthiq.Tawthiq.desktop
    app.setWindowIcon(app_icon())

    def chosen() -> Settings:
        settings = load_settings()
        if lang:
            settings = settings.changed(language=lang)
        if author:
            settings = settings.changed(author=author)
        return settings

    settings = chosen()
    language = Language(app)
    language.apply(settings.language, arabic_digits=settings.arabic_digits)
    app.setApplicationDisplayName(app_name(settings.neutral_name))
    sample: tempfile.TemporaryDirectory[str] | None = None
    key_dir: Path | None = None
    if screenshot is not None:
        settings = settings.changed(author=settings.author or "demo")
        if db is None:  # a sample database and its key, gone when the picture is taken
            sample = tempfile.TemporaryDirectory(prefix="tawthiq-screenshot-")
            key_dir = Path(sample.name)
            db = str(_sample_database(key_dir, settings.author, keep=tab == "incidents"))
    folder = key_dir or data_dir()
    server = db if is_server_url(db) else None  # a team server's database, read here
    db_path = (
        folder / "team-server" if server else Path(db or default_db_path()).expanduser().absolute()
    )
    try:
        if not unlock_at_start(db_path, folder, settings):
            return 0
    except TawthiqError as exc:
        print(f"tawthiq: {unmarked(error_text(exc))}", file=sys.stderr)
        return 2
    if screenshot is None:
        settings = chosen()  # the name, sealed on a protected laptop, can be read now
        if not settings.author.strip() or not (lang or settings.complete):
            started = first_start(
                settings,
                db_path,
                folder,
                apply=lambda s: language.apply(s.language, arabic_digits=s.arabic_digits),
            )
            if started is None:
                return 0
            settings = started
    # opened by the window, off its thread
    desk = Desk(partial(_open, server or str(db_path), settings.author, key_dir))
    window = MainWindow(
        desk, settings, lambda s: language.apply(s.language, arabic_digits=s.arabic_digits)
    )
    window.resize(*WINDOW_SIZE)
    if screenshot is None:
        window.cannot_open.connect(partial(_refuse, app))
    window.show()
    try:
        code = app.exec() if screenshot is None else _screenshot(app, window, screenshot, tab)
        if window.open_error:
            print(f"tawthiq: {unmarked(window.open_error)}", file=sys.stderr)
            return 2
        desk.close()
        return code
    finally:
        if sample is not None:
            desk.close()
            sample.cleanup()


def _refuse(app: object, sentence: str) -> None:
    """The window could not open the database: say why, then end with status 2."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from tawthiq.i18n import _

    QMessageBox.critical(None, _("Tawthiq"), sentence)
    assert isinstance(app, QApplication)
    app.exit(2)


def _open(db: str | None, author: str, key_dir: Path | None = None) -> Workspace:
    from tawthiq.services.protection import refuse_locked
    from tawthiq.services.workspace import open_workspace

    return open_workspace(db, author=author, key_dir=key_dir, create=True, ask=refuse_locked)


def _sample_database(folder: Path, author: str, *, keep: bool) -> Path:
    """A new database in ``folder``, signed with a key of its own there (the documenter's
    own key and data folder are not touched); with ``keep``, holding the sample report's
    incidents for the list's picture (the form's picture pastes the report into an empty
    one: into this one it would say that the report is already kept)."""
    from tawthiq.domain.resources import read_text
    from tawthiq.services.demo import SAMPLE, SAMPLE_DATE
    from tawthiq.services.desk import Desk
    from tawthiq.services.workspace import open_workspace

    path = folder / "sample.db"
    desk = Desk(open_workspace(path, author=author, key_dir=folder, create=True))
    if keep:
        desk.ingest_report(read_text(SAMPLE), ref_date=SAMPLE_DATE, outlet="Tawthiq sample")
    desk.close()
    return path


def _screenshot(app: object, window: object, path: Path, tab: str) -> int:
    """The sample report pasted and read into the form (or the list with the first
    incident's history), the window saved as a picture."""
    from PySide6.QtCore import QDeadlineTimer, QEventLoop
    from PySide6.QtWidgets import QApplication

    from tawthiq.domain.resources import read_text
    from tawthiq.services.demo import SAMPLE, SAMPLE_DATE
    from tawthiq.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)

    def settle(until: object = None, seconds: float = 20) -> None:
        deadline = QDeadlineTimer(int(seconds * 1000))
        while not deadline.hasExpired():
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            if (until is None or until()) and window.runner.busy == 0:  # type: ignore[operator]
                break

    settle(lambda: window.ready or window.open_error)
    if window.open_error:
        return 2
    settle(lambda: window.trail.report is not None)  # the audit trail's line, checked
    if tab == "incidents":
        window.tabs.setCurrentIndex(1)
        if window.incidents.model.rows:
            window.incidents.select(window.incidents.model.rows[0].id)
        settle(lambda: window.history.model.rowCount() > 0)
    else:
        window.review.start(read_text(SAMPLE), published=SAMPLE_DATE)
        settle(lambda: not window.review.reading)
        window.review.form.cells["killed"].show_evidence()
    settle()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(path)):
        print(f"tawthiq: could not write the screenshot to {path}", file=sys.stderr)
        return 2
    print(path)
    window.review.new_report(ask=False)  # the sample was for the picture: nothing to keep
    window.close()
    return 0
