"""Evidence files in the real window (pytest-qt, offscreen) on a real database: the incident's
'Files' page lists them with a thumbnail and their SHA-256, attaches through the dialog,
writes a copy to share without metadata and with a rectangle blurred, opens a decrypted copy
with the system's viewer, and detaches."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox
from tests.conftest import plain
from tests.integration.test_evidence_files import MARKER, exif_photo

from tawthiq import services
from tawthiq.services.desk import Desk
from tawthiq.services.evidence_files import file_store
from tawthiq.ui.share_dialog import BlurDialog


def _incident(ws) -> str:  # type: ignore[no-untyped-def]
    with ws.writing() as w:
        return services.incidents.create_incident(w, {"title_en": "Strike on the market"})


def _files_page(qtbot, window, incident: str, n: int):  # type: ignore[no-untyped-def]
    """The incident's view showing its files page, once it lists ``n`` files."""
    window._open_id(incident)
    page = window.history.files
    window.history.pages.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.incident_id == incident and page.list.count() == n, timeout=10_000)
    qtbot.waitUntil(lambda: window.runner.busy == 0, timeout=10_000)
    return page


def _select(page, row: int = 0) -> None:  # type: ignore[no-untyped-def]
    page.list.clearSelection()
    page.list.item(row).setSelected(True)


@pytest.fixture
def yes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    def question(parent, title, text, *a, **k):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def test_the_page_lists_a_file_with_its_thumbnail_and_sha256(
    qtbot, window_factory, ws, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    incident = _incident(ws)
    photo = tmp_path / "witness photo.jpg"
    sha = hashlib.sha256(exif_photo(photo)).hexdigest()
    Desk(ws).files.attach(incident, [photo], "WhatsApp from a neighbour")
    window = window_factory()
    page = _files_page(qtbot, window, incident, 1)
    qtbot.waitUntil(lambda: page.thumbnails_shown == 1, timeout=10_000)
    item = page.list.item(0)
    text = plain(item.text())
    assert text.startswith("witness photo.jpg")
    assert sha[:12] in text and "image/jpeg" in text and "Amal" in text
    assert "WhatsApp from a neighbour" in text
    assert sha in item.toolTip()  # the full SHA-256
    assert item.icon().availableSizes()[0].width() == 160  # the photo's own thumbnail
    tabs = window.history.pages
    assert plain(tabs.tabText(tabs.indexOf(page))) == "Files (1)"
    _select(page)
    page.buttons["copy"].click()
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.clipboard().text() == sha


def test_files_attached_through_the_dialog_and_again(
    qtbot, window_factory, ws, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    incident = _incident(ws)
    photo, pdf = tmp_path / "photo.jpg", tmp_path / "statement.pdf"
    exif_photo(photo)
    pdf.write_bytes(b"%PDF-1.4 a statement\n")
    chosen = [str(photo), str(pdf)]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: (chosen, ""))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Telegram channel", True))
    window = window_factory()
    page = _files_page(qtbot, window, incident, 0)
    page.buttons["attach"].click()
    qtbot.waitUntil(lambda: page.list.count() == 2, timeout=10_000)
    assert "Attached 2 files." in plain(page.note.text())
    got = Desk(ws).files.files_of(incident)
    assert [f.record.values["file_name"] for f in got] == ["photo.jpg", "statement.pdf"]
    assert {f.record.values["origin"] for f in got} == {"Telegram channel"}
    chosen[:] = [str(pdf)]
    page.buttons["attach"].click()
    qtbot.waitUntil(lambda: "Already attached" in page.note.text(), timeout=10_000)
    assert "statement.pdf" in plain(page.note.text())
    assert len(Desk(ws).files.files_of(incident)) == 2
    # a folder among the files: one sentence, and nothing of the others attached
    other = tmp_path / "other.pdf"
    other.write_bytes(b"%PDF-1.4 another\n")
    chosen[:] = [str(other), str(tmp_path)]
    page.buttons["attach"].click()
    qtbot.waitUntil(lambda: "is a folder" in page.note.text(), timeout=10_000)
    assert plain(page.note.text()) == f"{tmp_path} is a folder: attach the files in it"
    assert len(Desk(ws).files.files_of(incident)) == 2


def test_a_copy_to_share_loses_its_exif_and_the_rectangle_is_blurred(
    qtbot, window_factory, ws, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    incident = _incident(ws)
    photo, pdf = tmp_path / "photo.jpg", tmp_path / "statement.pdf"
    exif_photo(photo)
    pdf.write_bytes(b"%PDF-1.4 a statement\n")
    Desk(ws).files.attach(incident, [photo, pdf])
    out = tmp_path / "to share"
    out.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(out))
    drawn: list[list[tuple[int, int, int, int]]] = []

    def exec_(dialog: BlurDialog) -> int:  # the person drags one rectangle across the edge
        dialog.show()
        canvas = dialog.canvas
        QTest.mousePress(canvas, Qt.MouseButton.LeftButton, pos=QPoint(60, 20))
        QTest.mouseMove(canvas, QPoint(80, 40))
        QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=QPoint(100, 60))
        QTest.mousePress(canvas, Qt.MouseButton.LeftButton, pos=QPoint(5, 80))  # a second one
        QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=QPoint(30, 110))
        assert dialog.regions.count() == 2
        dialog.regions.setCurrentRow(1)
        dialog.remove.click()  # removed again
        drawn.append(dialog.boxes())
        return 1

    monkeypatch.setattr(BlurDialog, "exec", exec_)
    window = window_factory()
    page = _files_page(qtbot, window, incident, 2)
    _select(page, 0)
    page.buttons["share"].click()
    qtbot.waitUntil(lambda: "Written without metadata" in page.note.text(), timeout=10_000)
    assert drawn == [[(60, 20, 40, 40)]]
    [copy] = list(out.iterdir())
    data = copy.read_bytes()
    assert MARKER not in data and b"Canon" not in data
    shared = Image.open(io.BytesIO(data))
    assert not shared.getexif()
    original = Image.open(photo).convert("RGB")

    def moved(xy: tuple[int, int]) -> int:
        return max(
            abs(a - b) for a, b in zip(shared.getpixel(xy), original.getpixel(xy), strict=True)
        )

    assert moved((20, 100)) < 12  # outside the rectangle: the photo as it was
    assert moved((78, 40)) > 40  # inside, across the colours' edge: blurred
    # a PDF cannot be cleaned: said so, nothing written
    _select(page, 1)
    page.buttons["share"].click()
    qtbot.waitUntil(lambda: "Nothing written" in page.note.text(), timeout=10_000)
    assert "cannot be cleaned of its metadata" in plain(page.note.text())
    assert list(out.iterdir()) == [copy]


def test_open_writes_a_private_copy_for_the_viewer_removed_at_close(
    qtbot, window_factory, ws, tmp_path, monkeypatch, yes
) -> None:  # type: ignore[no-untyped-def]
    incident = _incident(ws)
    photo = tmp_path / "photo.jpg"
    data = exif_photo(photo)
    Desk(ws).files.attach(incident, [photo])
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    window = window_factory()
    page = _files_page(qtbot, window, incident, 1)
    _select(page)
    page.buttons["open"].click()
    qtbot.waitUntil(lambda: bool(opened), timeout=10_000)
    copy = Path(opened[0])
    assert copy.name == "photo.jpg" and copy.read_bytes() == data
    assert (copy.stat().st_mode & 0o077) == 0 and (copy.parent.parent.stat().st_mode & 0o077) == 0
    store = file_store(ws)
    assert copy != store.path_of(hashlib.sha256(data).hexdigest())
    assert bool(yes) == store.encrypted  # asked only when the database is encrypted
    window.close()
    assert not copy.exists() and not copy.parent.parent.exists()


def test_detach_removes_it_from_the_page_and_keeps_the_bytes(
    qtbot, window_factory, ws, tmp_path, yes
) -> None:  # type: ignore[no-untyped-def]
    incident = _incident(ws)
    photo = tmp_path / "photo.jpg"
    sha = hashlib.sha256(exif_photo(photo)).hexdigest()
    Desk(ws).files.attach(incident, [photo])
    window = window_factory()
    page = _files_page(qtbot, window, incident, 1)
    _select(page)
    page.buttons["detach"].click()
    qtbot.waitUntil(lambda: page.list.count() == 0, timeout=10_000)
    assert "photo.jpg" in plain(yes[0])
    assert Desk(ws).files.files_of(incident) == []
    assert file_store(ws).has(sha)  # a tombstone: the bytes stay
    tabs = window.history.pages
    assert plain(tabs.tabText(tabs.indexOf(page))) == "Files (0)"


def test_files_dropped_on_the_page_are_attached(
    qtbot, window_factory, ws, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    incident = _incident(ws)
    pdf = tmp_path / "statement.pdf"
    pdf.write_bytes(b"%PDF-1.4 a statement\n")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", True))
    window = window_factory()
    page = _files_page(qtbot, window, incident, 0)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(pdf))])
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)  # fmt: skip
    page.dropEvent(drop)
    qtbot.waitUntil(lambda: page.list.count() == 1, timeout=10_000)
    assert "origin" not in Desk(ws).files.files_of(incident)[0].record.values  # none typed
