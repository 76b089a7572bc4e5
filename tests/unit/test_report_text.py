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
        # plain bidi would show "12-9" (figures after Arabic letters are Arabic numbers, rule
        # W2); a range in free text reads as the report's own ranges do, left to right
        pytest.param("قتل 9-12 مدنياً", "ًايندم 9-12 لتق", id="range-in-free-text-kept-whole"),
        pytest.param(f"قتل {ltr('9-12')} مدنياً", "ًايندم 9-12 لتق", id="range-kept-left-to-right"),
        pytest.param("Killed: 9 (approx.)", "Killed: 9 (approx.)", id="latin-untouched"),
        # numbers with separators inside stay whole and left to right, as a reader copies them
        pytest.param(
            "الهاتف +963 944 123 456 والرابط", "طبارلاو +963 944 123 456 فتاهلا", id="phone-number"
        ),
        pytest.param("يوم 2023-03-07 و", "و 2023-03-07 موي", id="date-in-free-text"),
        pytest.param(
            "الفترة 2020-2023 والنسبة 3/4.",
            ".3/4 ةبسنلاو 2020-2023 ةرتفلا",
            id="years-and-fraction",
        ),
        pytest.param("نحو 50% منهم", "مهنم %50 وحن", id="percent-as-arabic-writes-it"),
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


def test_no_break_spaces_wrap_between_words_never_inside_them() -> None:
    w = Writer(fonts())
    words = ("قُتل تسعة مدنيين بينهم ثلاثة أطفال وامرأة وأصيب 75 آخرون صباح اليوم " * 20).split()
    lines = w.lines("\u00a0".join(words), 300, "Amiri", 9, rtl=True)
    assert len(lines) > 5
    assert " ".join(lines).split() == words  # every word whole, none cut
    assert all(stringWidth(visual(line, True), "Amiri", 9) <= 300 for line in lines)
    # a no-break space that fits keeps its words together; tabs are spaces
    assert w.lines("a\tb 10\u00a0km", 1000, "Vera", 9, rtl=False) == ["a b 10 km"]


def test_a_very_long_word_is_cut_with_few_measurements(monkeypatch: pytest.MonkeyPatch) -> None:
    w = Writer(fonts())
    calls = []
    measure = Writer.width
    monkeypatch.setattr(Writer, "width", lambda self, *a: calls.append(1) or measure(self, *a))
    token = "ب" * 5000
    lines = w.lines(token, 200, "Amiri", 9, rtl=True)
    assert "".join(lines) == token and len(lines) > 10
    assert all(stringWidth(visual(line, True), "Amiri", 9) <= 200 for line in lines)
    assert len(calls) < len(token) / 2  # not one measurement a letter, as it was


def test_joiners_and_soft_hyphens_shape_and_vanish() -> None:
    drawn = visual("می\u200cخواهم", rtl=True)
    assert "\u200c" not in drawn and "\ufbfd" in drawn  # ی ends its part: final, not joined
    assert visual("كت\u00adاب", rtl=True) != visual("كتاب", rtl=True)  # shaping alone keeps it
    w = Writer(fonts())
    para = w.para("كت\u00adاب", 200)
    assert "\u00ad" not in para.text and visual("كتاب", True) in para.text


def test_characters_no_font_has_become_a_visible_mark() -> None:
    w = Writer(fonts())
    para = w.para("قتلى 😢💔 في 中文 إدلب", 300)
    assert para.text.count("[?]") == 2 and w.missing == {"😢", "💔", "中", "文"}
    # a sign Amiri lacks is drawn by Vera inside the Arabic line, not replaced
    assert '<font name="Vera">≈</font>' in w.para("نحو ≈20 قتيلاً", 300).text
