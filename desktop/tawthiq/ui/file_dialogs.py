"""The open and save dialogs, in the interface's language down to their file list: Qt's
list writes sizes with the system's English units ("19.5 KiB") whatever the language, so
the dialogs show it through a model that writes them with Qt's own translated units."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QIdentityProxyModel, QModelIndex, Qt
from PySide6.QtWidgets import QFileDialog, QFileSystemModel, QWidget

from tawthiq.i18n import digits

SIZE_COLUMN = 1
# the units of Qt's file list, as its own catalogs translate them
_UNITS = ((2**40, "%1 TB"), (2**30, "%1 GB"), (2**20, "%1 MB"), (2**10, "%1 KB"))


def size_text(size: int) -> str:
    """A file's size in the interface's language, one decimal from a kilobyte on."""
    for step, unit in _UNITS:
        if size >= step:
            amount = digits(f"{size / step:.1f}")
            return QCoreApplication.translate("QFileSystemModel", unit).replace("%1", amount)
    return QCoreApplication.translate("QFileSystemModel", "%1 bytes").replace(
        "%1", digits(str(size))
    )


class _Sizes(QIdentityProxyModel):
    """Qt's file list with its sizes written by ``size_text``."""

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:  # type: ignore[override]
        if index.column() == SIZE_COLUMN and role == Qt.ItemDataRole.DisplayRole:
            source = self.sourceModel()
            if isinstance(source, QFileSystemModel):
                info = source.fileInfo(self.mapToSource(index))
                return size_text(info.size()) if info.isFile() else ""
        return super().data(index, role)


def file_dialog(
    parent: QWidget | None, title: str, filters: str, *, save_as: str | None = None
) -> QFileDialog:
    """A dialog that opens existing files, or (``save_as``: the name it proposes) saves one."""
    dialog = QFileDialog(parent, title, "", filters)
    if save_as is None:
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    else:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.selectFile(save_as)  # a bare name, or a path whose folder it opens
    dialog.setProxyModel(_Sizes(dialog))
    return dialog


def open_files(parent: QWidget | None, title: str, filters: str) -> list[Path]:
    """The files the person chose to open (none: they cancelled)."""
    dialog = file_dialog(parent, title, filters)
    return [Path(n) for n in dialog.selectedFiles()] if dialog.exec() else []


def save_file(parent: QWidget | None, title: str, name: str, filters: str) -> Path | None:
    """Where the person chose to save (None: they cancelled)."""
    dialog = file_dialog(parent, title, filters, save_as=name)
    files = dialog.selectedFiles() if dialog.exec() else []
    return Path(files[0]) if files else None
