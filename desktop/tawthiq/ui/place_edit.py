"""The place field: type the beginning of a name ("كفر ج", "Kafr J") and pick a place of the
gazetteer; its governorate, district, P-code and coordinates fill in. The district,
subdistrict and country read in the interface's language while their stored values stay
as they are ("Harim" shows as "حارم", "SY" as "سوريا")."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QWidget

from tawthiq.domain.admin_units import country_code, country_name, unit_name, units_named
from tawthiq.i18n import is_rtl
from tawthiq.services.desk import PlaceChoice
from tawthiq.ui.editors import TextLine

_INSERT = Qt.ItemDataRole.UserRole + 1  # the text a pick writes into the field
_CHOICE = Qt.ItemDataRole.UserRole + 2

KIND_AR = {
    "community": "بلدة",
    "camp": "مخيم",
    "subdistrict": "ناحية",
    "district": "منطقة",
    "governorate": "محافظة",
}
KIND_EN = {
    "community": "town",
    "camp": "camp",
    "subdistrict": "subdistrict",
    "district": "district",
    "governorate": "governorate",
}


def describe(choice: PlaceChoice) -> str:
    """How a place is offered: its name in both scripts, what it is and where."""
    if is_rtl():  # the district and governorate by their Arabic names too
        units = [unit_name("district", choice.district, "ar", choice.governorate),
                 unit_name("governorate", choice.governorate, "ar")]  # fmt: skip
        where = "، ".join(filter(None, units))
        return f"{choice.name_ar} — {choice.name_en} · {KIND_AR[choice.kind]} · {where}"
    where = ", ".join(filter(None, [choice.district, choice.governorate]))
    return f"{choice.name_en} — {choice.name_ar} · {KIND_EN[choice.kind]} · {where}"


class PlaceLine(TextLine):
    """A place name with suggestions from the gazetteer as one types."""

    picked = Signal(object)  # PlaceChoice

    def __init__(
        self, lookup: Callable[[str], list[PlaceChoice]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.lookup = lookup
        self.model = QStandardItemModel(self)
        self.completer_ = QCompleter(self.model, self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setCompletionRole(_INSERT)
        self.completer_.setMaxVisibleItems(12)
        self.setCompleter(self.completer_)
        self.completer_.activated[QModelIndex].connect(self._activated)  # type: ignore[index]
        self.textEdited.connect(self._suggest)

    def _suggest(self, typed: str) -> None:
        self.model.clear()
        if len(typed.strip()) < 2:
            return
        for choice in self.lookup(typed):
            item = QStandardItem(describe(choice))
            item.setData(choice.values.get("place_name", choice.name_ar), _INSERT)
            item.setData(choice, _CHOICE)
            item.setEditable(False)
            self.model.appendRow(item)
        if self.model.rowCount():
            self.completer_.setCompletionPrefix("")
            self.completer_.complete()

    def choices(self) -> list[PlaceChoice]:
        """The places offered for what was typed last (for tests and keyboard users)."""
        return [self.model.item(r).data(_CHOICE) for r in range(self.model.rowCount())]

    def _activated(self, index: QModelIndex | QPersistentModelIndex) -> None:
        choice = index.data(_CHOICE)
        if choice is not None:
            self.pick(choice)

    def pick(self, choice: PlaceChoice) -> None:
        self.setText(choice.values.get("place_name", choice.name_ar))
        self.picked.emit(choice)
        self.edited.emit()


class _ShownLine(TextLine):
    """A stored value shown by its name in the interface's language; what the person types
    instead is the value, as typed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stored: Any = None
        self._shown = ""

    def shown(self, value: str) -> str:
        raise NotImplementedError

    def typed(self, text: str) -> Any:
        return text

    def value(self) -> Any:
        text = self.text().strip()
        if self._stored is not None and text == self._shown:
            return self._stored
        return self.typed(text) if text else None

    def set_value(self, value: Any) -> None:
        self._stored = value
        self._shown = self.shown(str(value)) if value is not None else ""
        super().set_value(self._shown or None)

    def retranslate(self) -> None:
        current = self.value()
        self.set_value(current)


class UnitLine(_ShownLine):
    """A district or subdistrict, stored as the gazetteer's (English) name."""

    def __init__(self, level: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.level = level

    def shown(self, value: str) -> str:
        return unit_name(self.level, value, "ar" if is_rtl() else "en")

    def typed(self, text: str) -> Any:
        """A name the gazetteer gives one unit of this level is kept as the extractor
        writes it (its English name), whichever language it was typed in."""
        found = units_named(self.level, text)
        return found[0].name_en if len(found) == 1 else text


class CountryLine(_ShownLine):
    """A country, stored as its two-letter code and shown by its name."""

    def shown(self, value: str) -> str:
        return country_name(value, "ar" if is_rtl() else "en")

    def typed(self, text: str) -> Any:
        return country_code(text) or text
