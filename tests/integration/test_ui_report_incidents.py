"""A pasted report in the window: each incident it tells, with the sentence it rests on and
why it is one of its own; a report kept before is said to be so, with its incidents."""

from __future__ import annotations

from datetime import date

from tests.conftest import listed

from tawthiq.services.desk import Desk

TWO = (
    "قُتل خمسة مدنيين وأصيب ثمانية بقصف مدفعي لقوات النظام على بلدة سرمدا في ريف إدلب صباح "
    "اليوم الأحد.\n"
    "وفي ريف حلب الغربي، قصفت طائرات روسية بلدة الأتارب دون ورود أنباء عن إصابات.\n"
)


def _read(qtbot, window, text: str) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.review.drafts_ready, timeout=30_000):
        window.review.start(text, published=date(2022, 11, 6))


def test_each_incident_shows_why_and_the_sentence_it_rests_on(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    review = window.review
    _read(qtbot, window, TWO)
    first, second = TWO.splitlines()
    assert review.candidates.count() == 2
    told = review.told.text()
    assert "Incident 1 of 2" in told and first[:40] in told
    assert review.report.highlighted() == [first]  # the sentence is marked in the report
    review.candidates.activated.emit(1)
    told = review.told.text()
    assert "Incident 2 of 2: another attack, in another governorate" in told
    assert second[:40] in told and review.report.highlighted() == [second]


def test_a_report_kept_before_is_said_with_links_to_its_incidents(qtbot, window, ws) -> None:  # type: ignore[no-untyped-def]
    kept = Desk(ws).ingest_report(TWO, ref_date=date(2022, 11, 6))
    ids = [i for i, _ in kept.saved]
    window.incidents.apply_filter()  # the list shows them, as it would have on opening
    listed(qtbot, window.incidents)
    review = window.review
    _read(qtbot, window, "\n\n" + TWO.replace(" ", "  "))  # the same, spaced otherwise
    assert review.kept_note.isVisible()
    note = review.kept_note.text()
    assert "already kept, with 2 incidents" in note and all(f'href="{i}"' in note for i in ids)
    assert "already kept" in window.statusBar().currentMessage()
    # saving asks first; "no" saves nothing
    asked: list[str] = []
    review.confirm = lambda question: asked.append(question) or False
    review.save()
    assert asked and "already kept" in asked[0] and not review.saving
    assert len(Desk(ws).kept_report(TWO).incidents) == 2  # type: ignore[union-attr]
    # the link opens the incident in the list
    review.kept_note.linkActivated.emit(ids[1])
    assert window.tabs.currentIndex() == 1
    assert window.incidents.current().id == ids[1]


def test_a_new_report_shows_no_note(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    _read(qtbot, window, TWO)
    assert not window.review.kept_note.isVisible()
