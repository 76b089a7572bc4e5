"""Before a photo is shared: the person drags rectangles over what must not be recognised
(faces, a plate, a house number); each is blurred in the copy, none is found by itself. A
rectangle can be removed again. The rectangles are in the photo's own pixels, as it is shown
(turned as its orientation says, as the copy is)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tawthiq.domain.text import visible
from tawthiq.i18n import _, digits
from tawthiq.services.evidence_images import Box

SHOWN = 640  # the longest side of the photo on screen
MIN_SIDE = 4  # a drag shorter than this (in the photo's pixels) is a click, not a region


def photo_image(data: bytes) -> QImage:
    """The photo as the copy to share is made from it (turned by Pillow as its orientation
    says: Qt leaves a PNG's or a WebP's orientation aside, and its TIFF reader can crash on
    a hostile file), so the regions drawn on it are the regions blurred; a null image if it
    is no photo Tawthiq reads."""
    from tawthiq.domain.errors import TawthiqError
    from tawthiq.services.evidence_images import oriented

    try:
        return QImage.fromData(oriented(data, "photo", "image"))
    except TawthiqError:
        return QImage()


def between(a: QPoint, b: QPoint) -> QRect:
    """The rectangle dragged from ``a`` to ``b`` (either way), ``b`` not inside it."""
    return QRect(min(a.x(), b.x()), min(a.y(), b.y()), abs(b.x() - a.x()), abs(b.y() - a.y()))


class BlurCanvas(QWidget):
    """The photo, scaled to fit, with the rectangles drawn over it; dragging adds one."""

    changed = Signal()

    def __init__(self, image: QImage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image = image
        self.boxes: list[QRect] = []  # in the photo's pixels
        self._start: QPoint | None = None
        self._now: QPoint | None = None
        side = max(image.width(), image.height(), 1)
        self.scale = min(1.0, SHOWN / side)
        self.setFixedSize(
            QSize(round(image.width() * self.scale), round(image.height() * self.scale))
        )
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # a photo is never mirrored
        self.setCursor(Qt.CursorShape.CrossCursor)

    def to_photo(self, p: QPoint) -> QPoint:
        x = min(max(0, round(p.x() / self.scale)), self.image.width())
        y = min(max(0, round(p.y() / self.scale)), self.image.height())
        return QPoint(x, y)

    def add(self, box: QRect) -> None:
        box = box.intersected(self.image.rect())
        if box.width() >= MIN_SIDE and box.height() >= MIN_SIDE:
            self.boxes.append(box)
            self.changed.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._start = self._now = self.to_photo(event.position().toPoint())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._start is not None:
            self._now = self.to_photo(event.position().toPoint())
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._start is not None and event.button() == Qt.MouseButton.LeftButton:
            end = self.to_photo(event.position().toPoint())
            self.add(between(self._start, end))
            self._start = self._now = None
            self.update()

    def _shown(self, r: QRect) -> QRect:
        s = self.scale
        return QRect(
            round(r.x() * s), round(r.y() * s), round(r.width() * s), round(r.height() * s)
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.drawImage(self.rect(), self.image)
        p.setPen(QPen(QColor("#d32f2f"), 2))
        p.setBrush(QColor(0, 0, 0, 140))
        for box in self.boxes:
            p.drawRect(self._shown(box))
        if self._start is not None and self._now is not None:
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(self._shown(between(self._start, self._now)))
        p.end()


class BlurDialog(QDialog):
    """Choose the regions to blur in one photo, then write its copy (or cancel)."""

    def __init__(self, image: QImage, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Share a safe copy"))
        self.canvas = BlurCanvas(image, self)
        self.name = QLabel(visible(name), self)  # a line of its own: its own direction
        self.name.setObjectName("heading")
        self.note = QLabel(
            _(
                "Drag a rectangle over each face or anything else that must not be "
                "recognised; it is blurred in the copy. The copy keeps no metadata (no GPS "
                "position, camera or time). The original is not changed."
            ),
            self,
        )
        self.note.setWordWrap(True)
        self.regions = QListWidget(self)
        self.remove = QPushButton(_("Remove the rectangle"), self)
        self.remove.clicked.connect(self.remove_selected)
        buttons = QDialogButtonBox(self)
        write = buttons.addButton(_("Write the copy"), QDialogButtonBox.ButtonRole.AcceptRole)
        write.setDefault(True)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        side = QVBoxLayout()
        side.addWidget(QLabel(_("Regions to blur"), self))
        side.addWidget(self.regions, 1)
        side.addWidget(self.remove)
        row = QHBoxLayout()
        row.addWidget(self.canvas, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(side, 1)
        box = QVBoxLayout(self)
        box.addWidget(self.name)
        box.addWidget(self.note)
        box.addLayout(row, 1)
        box.addWidget(buttons)
        self.canvas.changed.connect(self._list)
        self._list()

    def _list(self) -> None:
        self.regions.clear()
        for n, r in enumerate(self.canvas.boxes, 1):
            self.regions.addItem(
                digits(
                    _("{n}. {w}×{h} at {x}, {y}").format(
                        n=n, w=r.width(), h=r.height(), x=r.x(), y=r.y()
                    )
                )
            )
        self.remove.setEnabled(bool(self.canvas.boxes))

    def remove_selected(self) -> None:
        """The rectangle selected in the list (the last one drawn if none is) no longer."""
        if not self.canvas.boxes:
            return
        row = self.regions.currentRow()
        del self.canvas.boxes[row if 0 <= row < len(self.canvas.boxes) else -1]
        self.canvas.update()
        self._list()

    def boxes(self) -> list[Box]:
        return [(r.x(), r.y(), r.width(), r.height()) for r in self.canvas.boxes]
