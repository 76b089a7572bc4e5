"""Arabic normalisation and the light stemmer used by search (and later by extraction)."""

from __future__ import annotations

import doctest

import pytest

from tawthiq.domain import arabic
from tawthiq.store import hlc, sqlite_search


@pytest.mark.parametrize("module", [arabic, hlc, sqlite_search])
def test_doctests(module: object) -> None:
    result = doctest.testmod(module)  # type: ignore[arg-type]
    assert result.attempted > 0 and result.failed == 0


@pytest.mark.parametrize(
    ("variants"),
    [
        ("تل أبيض", "تل ابيض", "تلّ أبيض", "تَلّ أَبْيَض"),
        ("للنازحين", "النازحين", "نازحين", "والنازحين"),
        ("إدلب", "ادلب", "أدلب"),
        ("مدرسة", "مدرسه"),
        ("مستشفى", "مستشفي"),
        ("٧٥ جريحاً", "75 جريحا", "۷۵ جريحًا"),
        ("قتلـــى", "قتلى"),
    ],
)
def test_variants_give_the_same_search_terms(variants: tuple[str, ...]) -> None:
    terms = {tuple(arabic.search_terms(v)) for v in variants}
    assert len(terms) == 1, terms


def test_short_words_keep_their_first_letter() -> None:
    # ب/ل/و at the start of a short word are letters of the word, not clitics.
    assert arabic.search_terms("بيت لحم ولد") == ["بيت", "لحم", "ولد"]


def test_presentation_forms_from_pdf_text_are_folded() -> None:
    # pdftotext gives Arabic presentation forms; NFKC brings them back to letters.
    assert arabic.normalize("\ufee3\ufea8\ufef4\ufee2") == "مخيم"
