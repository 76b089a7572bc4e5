"""The reports' text layer: Arabic joined, lines in visual order with brackets mirrored,
left-to-right runs kept whole, paragraphs wrapped in logical order to the width given."""

from __future__ import annotations

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from tawthiq.report.fonts import fonts
from tawthiq.report.text import Writer, ltr, visual

AR = "قُتل تسعة مدنيين، بينهم ثلاثة أطفال وامرأة، وأصيب 75 آخرون جراء قصف صاروخي استهدف مخيم مرام"


def _letters(shaped: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKC", shaped)


@pytest.mark.parametrize(
    ("logical", "drawn"),
    [
        pytest.param("مخيم مرام", "مارم ميخم", id="words-right-to-left"),
        pytest.param("(الخوذ البيضاء)", "(ءاضيبلا ذوخلا)", id="brackets-mirrored"),
        pytest.param("جالس (CP000752) شمال", "لامش (CP000752) سلاج", id="latin-code-in-brackets"),
        pytest.param(
            f"اليوم {ltr('2022-11-06')} جراء", "ءارج 2022-11-06 مويلا", id="date-kept-whole"
        ),
        # after Arabic letters the figures are Arabic numbers: the range reads right to left
        pytest.param("قتل 9-12 مدنياً", "ًايندم 12-9 لتق", id="range-in-arabic-reading-order"),
        pytest.param(f"قتل {ltr('9-12')} مدنياً", "ًايندم 9-12 لتق", id="range-kept-left-to-right"),
        pytest.param("Killed: 9 (approx.)", "Killed: 9 (approx.)", id="latin-untouched"),
    ],
)
def test_a_line_is_drawn_in_visual_order(logical: str, drawn: str) -> None:
    assert _letters(visual(logical, rtl=logical[0] not in "K")) == drawn


def test_arabic_letters_are_joined_and_diacritics_kept_on_their_letter() -> None:
    shaped = visual("قُتل", rtl=True)
    assert all("\ufe70" <= ch <= "\ufeff" or ch == "\u064f" for ch in shaped)  # joined forms
    # drawn from the left: ل ت, then the damma, then the ق it sits on (Amiri draws a mark
    # over the letter after it)
    assert shaped.index("\u064f") == len(shaped) - 2


def test_arabic_indic_figures_keep_their_order() -> None:
    w = Writer(fonts(), arabic_digits=True)
    drawn = _letters(visual(f"القتلى {w.number('9–12')}", rtl=True))
    assert "٩–١٢" in drawn and w.digits("2022") == "٢٠٢٢"


def test_paragraph_lines_fit_their_width_and_keep_logical_order() -> None:
    w = Writer(fonts())
    width = 150.0
    lines = w.lines(AR * 3, width, "Amiri", 10, rtl=True)
    assert len(lines) > 3
    assert " ".join(lines) == " ".join((AR * 3).split(" "))  # nothing lost, nothing moved
    assert all(stringWidth(visual(line, True), "Amiri", 10) <= width for line in lines)


def test_a_word_longer_than_the_line_is_cut() -> None:
    w = Writer(fonts())
    url = "https://example.org/" + "x" * 200
    lines = w.lines(url, 100, "Vera", 9, rtl=False)
    assert "".join(lines) == url and all(stringWidth(x, "Vera", 9) <= 100 for x in lines)
