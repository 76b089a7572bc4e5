"""Nothing in the window is cut off or jumps aside, in Arabic as in English: the incident
selector shows its whole text, the casualties stay in their columns when a mark goes, group
titles stand clear of their frames, and a laptop's id at the end of a line is not cut."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QGroupBox, QStyle, QStyleOptionComboBox, QStyleOptionGroupBox

from tawthiq.domain.resources import read_text
from tawthiq.services.demo import SAMPLE, SAMPLE_DATE
from tawthiq.services.settings import Settings

SAMPLE_TEXT = read_text(SAMPLE)
FURTHER = "\nوفي ريف حلب، قُتل شخص وأصيب ثلاثة آخرون بقصف على بلدة الأتارب.\n"
SHORT_PLACES = (
    "إدلب - مراسل محلي\n"
    "قُتل سبعة مدنيين، مساء أمس السبت، بقصف مدفعي على سوق بلدة سرمدا شمالي إدلب." + FURTHER
)


def _read(qtbot, window, text: str) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.review.drafts_ready, timeout=30_000):
        window.review.start(text, published=SAMPLE_DATE)


def _language(window, lang: str) -> None:  # type: ignore[no-untyped-def]
    window.apply_settings(Settings(author="Amal", language=lang))


def _ink(widget) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """The leftmost and rightmost columns of a widget's picture where text is drawn."""
    image = widget.grab().toImage()
    dark = [
        x
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).lightness() < 110
    ]
    return min(dark), max(dark)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_incident_selector_shows_its_whole_text(qtbot, window, lang: str) -> None:  # type: ignore[no-untyped-def]
    """It kept the width of the first report's labels and cut a longer one ("… 9 killec")."""
    _language(window, lang)
    combo = window.review.candidates
    for text in (SHORT_PLACES, SAMPLE_TEXT + FURTHER):
        _read(qtbot, window, text)
        qtbot.waitUntil(lambda: combo.isVisible() and combo.count() == 2)
        qtbot.wait(50)  # laid out again
        option = QStyleOptionComboBox()
        combo.initStyleOption(option)
        field = combo.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
        )
        for i in range(combo.count()):
            wanted = combo.fontMetrics().horizontalAdvance(combo.itemText(i))
            assert wanted <= field.width(), (combo.itemText(i), wanted, field.width())
    # the longer label was measured; its Arabic place keeps "9 killed" after it, not inside
    assert "\u2068مخيم مرام\u2069 · " in combo.itemText(0)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_casualties_stay_in_their_columns_when_a_mark_goes(qtbot, window, lang: str) -> None:  # type: ignore[no-untyped-def]
    _language(window, lang)
    _read(qtbot, window, SAMPLE_TEXT)
    form = window.review.form
    names = [f"{t}{s}" for t in ("killed", "injured") for s in ("", "_children", "_women", "_men")]
    assert form.cells["killed_children"].state == "suggested"
    qtbot.wait(50)
    before = {n: form.cells[n].geometry() for n in names}
    form.cells["killed_children"].accept()  # its mark goes
    qtbot.wait(50)
    assert form.cells["killed_children"].badge.isHidden()
    assert {n: form.cells[n].geometry() for n in names} == before


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_group_titles_stand_clear_of_their_frames(qtbot, window, lang: str) -> None:  # type: ignore[no-untyped-def]
    """In Arabic a section's title sat on the right edge of its frame, over its line."""
    _language(window, lang)
    boxes = window.review.form.findChildren(QGroupBox)
    assert len(boxes) >= 4
    for box in boxes:
        option = QStyleOptionGroupBox()
        box.initStyleOption(option)
        style = box.style()
        label = style.subControlRect(
            QStyle.ComplexControl.CC_GroupBox, option, QStyle.SubControl.SC_GroupBoxLabel, box
        )
        frame = style.subControlRect(
            QStyle.ComplexControl.CC_GroupBox, option, QStyle.SubControl.SC_GroupBoxFrame, box
        )
        assert label.left() >= frame.left() + 4 and label.right() <= frame.right() - 4, (
            box.title(),
            label.getRect(),
            frame.getRect(),
        )
        assert label.width() >= box.fontMetrics().horizontalAdvance(box.title())


def test_the_import_summary_cuts_no_laptop_id(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """A full Arabic line ending with a laptop's id was drawn wider than its label and lost
    the id's first digit; at no width of the dialog may its text touch the label's edges."""
    from tawthiq.services.sync import ImportSummary
    from tawthiq.ui.sync_dialogs import SummaryDialog

    _language(window, "ar")
    summary = ImportSummary()
    summary.devices = {
        "41344746": _count("41344746-9b1e-4c55-8a2f-0f6c1d2e3a4b", "Amal Haddad", True),
        "f96bac79": _count("f96bac79-2c3d-4e5f-8a9b-0c1d2e3f4a5b", "Basel Youssef", False),
    }
    summary.records_new = {"incident": 2}
    dialog = SummaryDialog(summary, 1, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    for width in range(dialog.width(), dialog.width() + 48, 6):
        dialog.resize(width, dialog.height())
        qtbot.wait(20)
        left, right = _ink(dialog.text)
        assert left > 0 and right < dialog.text.width() - 1, (width, left, right)


def _count(device_id: str, author: str, first: bool):  # type: ignore[no-untyped-def]
    from tawthiq.sync.check_header import DeviceCount

    return DeviceCount(device_id, (author,), new=20, known=0, first_seen=first)


def test_names_and_titles_keep_their_own_direction_in_arabic_dialogs(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """An English title or name inside an Arabic sentence is isolated, so the sentence's
    words and numbers stay in their order around it."""
    from tawthiq.services.values import NewDevice
    from tawthiq.ui.report_dialog import ReportDialog
    from tawthiq.ui.sync_dialogs import trust_question

    _language(window, "ar")
    dialog = ReportDialog(selected_title="Shelling of camp 2", listed=3, arabic_digits=False)
    qtbot.addWidget(dialog)
    assert "\u2068Shelling of camp 2\u2069" in dialog.selected.text()
    asked = trust_question((NewDevice("41344746-9b1e", "c01b d148 d197 6150", ("Amal Haddad",)),))
    assert "«\u2068Amal Haddad\u2069»" in asked
    assert "\u2066c01b\u00a0d148\u00a0d197\u00a06150\u2069" in asked  # never wrapped
