"""An attack on grouping as other laptops and a careless world make it: rings of groupings
merged from three laptops, a grouping pointing at an incident this laptop never saw, a
grouping and an ungrouping at once, and daily shelling of one town ingested day by day."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

import pytest

from conftest import on_other_laptop
from tawthiq import services
from tawthiq.services import grouping


def _three(ws) -> list[str]:  # type: ignore[no-untyped-def]
    ids = []
    with ws.writing() as w:
        for n in range(3):
            ids.append(
                services.incidents.create_incident(
                    w,
                    {"title_en": f"Attack {n}", "date_start": f"2022-11-0{n + 1}", "killed": n + 1},
                )
            )
    return ids


def _listed(run) -> str:  # type: ignore[no-untyped-def]
    done = run("list")
    assert done.code == 0, done.err
    return done.out


def test_a_ring_of_three_groupings_from_three_laptops_hides_nothing(run, ws) -> None:  # type: ignore[no-untyped-def]
    """Laptop 1 groups a into b, laptop 2 (not knowing) b into c, laptop 3 c into a: each
    legal where it was made. Merged, every one of the three points at one grouped into a
    third, so the list shows none of them: three attacks vanish for everyone."""
    a, b, c = _three(ws)
    with ws.writing() as w:
        grouping.group(w, a, b)
    on_other_laptop(ws, lambda w: w.record("incident", b, {"grouped_into": c}, seen={}))
    on_other_laptop(ws, lambda w: w.record("incident", c, {"grouped_into": a}, seen={}))
    listed = _listed(run)
    assert all(x[:8] in listed for x in (a, b, c)), listed
    assert run("verify").code == 0


def test_a_grouping_into_an_incident_never_seen_here_hides_nothing(run, ws) -> None:  # type: ignore[no-untyped-def]
    a, _b, _c = _three(ws)
    elsewhere = str(uuid.uuid4())
    on_other_laptop(ws, lambda w: w.record("incident", a, {"grouped_into": elsewhere}, seen={}))
    assert a[:8] in _listed(run)
    assert run("verify").code == 0
    assert run("rebuild").code == 0 and a[:8] in _listed(run)


def test_a_grouping_and_an_ungrouping_at_once_are_a_conflict_settled_by_resolve(run, ws) -> None:  # type: ignore[no-untyped-def]
    """Here b is grouped into a; another laptop that had seen that ungroups it while this
    one groups it into c: a conflict on grouped_into, shown, and settled with resolve."""
    a, b, c = _three(ws)
    with ws.writing() as w:
        grouping.group(w, b, a)
    on_other_laptop(ws, lambda w: grouping.ungroup(w, b))
    # meanwhile here (not having the ungrouping yet when it was made): b into c instead
    with ws.writing() as w:
        base = [e.event_id for e in w.events_of(b) if e.field == "grouped_into"][:1]
    on_other_laptop(
        ws, lambda w: w.record("incident", b, {"grouped_into": c}, seen={"grouped_into": base})
    )
    shown = run("show", b)
    assert "CONFLICT in grouped_into" in shown.out, shown.out
    settled = run("resolve", b[:8], "grouped_into", "--value", c)
    assert settled.code == 0, settled.err
    assert "CONFLICT" not in run("show", b).out
    listed = _listed(run)
    assert c[:8] in listed and a[:8] in listed and b[:8] not in listed


@pytest.mark.parametrize("at_rest", ["plain"], indirect=True)  # read with sqlite3 itself
def test_rebuild_after_a_ring_gives_the_same_tables(run, ws, db_path: Path, at_rest) -> None:  # type: ignore[no-untyped-def]
    a, b, c = _three(ws)
    with ws.writing() as w:
        grouping.group(w, a, b)
    on_other_laptop(ws, lambda w: w.record("incident", b, {"grouped_into": c}, seen={}))
    on_other_laptop(ws, lambda w: w.record("incident", c, {"grouped_into": a}, seen={}))

    def table() -> list[tuple]:  # type: ignore[type-arg]
        with sqlite3.connect(db_path) as conn:
            return conn.execute(
                "SELECT id, grouped_into, range_killed_min, range_killed_max, "
                "range_injured_min, range_injured_max FROM incident ORDER BY id"
            ).fetchall()

    before = table()
    assert run("rebuild").code == 0
    assert table() == before
    assert run("verify").code == 0


SUNDAY = (
    "قُتل مدنيان اليوم الأحد بقصف مدفعي لقوات النظام على بلدة سرمدا شمالي إدلب، "
    "بحسب الدفاع المدني.\n"
)
MONDAY = (
    "قُتل مدنيان اليوم الاثنين بقصف مدفعي لقوات النظام على بلدة سرمدا شمالي إدلب، "
    "بحسب الدفاع المدني.\n"
)


def test_a_town_shelled_two_days_running_is_two_incidents(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Daily shelling: Sunday's report dated Sunday, Monday's report dated Monday, each
    saying 'today'; ingest adds Monday's attack to Sunday's."""
    (tmp_path / "sun.txt").write_text(SUNDAY, "utf-8")
    (tmp_path / "mon.txt").write_text(MONDAY, "utf-8")
    first = run("ingest", str(tmp_path / "sun.txt"), "--ref-date", "2022-11-06")
    assert first.code == 0 and " new " in first.out, first.err
    second = run("ingest", str(tmp_path / "mon.txt"), "--ref-date", "2022-11-07")
    assert second.code == 0, second.err
    [line] = second.out.splitlines()
    assert line.split()[1] == "new", (line, second.err)


KEPT = "قُتل سبعة مدنيين اليوم الأحد بقصف مدفعي لقوات النظام على سوق بلدة سرمدا شمالي إدلب.\n"
TWO = (
    "Two civilians were killed on Sunday by Russian airstrikes on the town of Jisr al-Shughur "
    "in western Idlib, local activists said.\n\n"
    "In another attack on Sunday, nine civilians were killed when Syrian government artillery "
    "shelled the market of Sarmada in northern Idlib, rescuers said.\n"
)


def test_a_report_of_two_attacks_one_kept_prints_new_and_added(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The ingest contract: stdout one line per incident the report was saved to, each
    starting with the full id, then new or added; nothing else on stdout."""
    (tmp_path / "kept.txt").write_text(KEPT, "utf-8")
    (tmp_path / "two.txt").write_text(TWO, "utf-8")
    first = run("ingest", str(tmp_path / "kept.txt"), "--ref-date", "2022-11-06")
    [[kept, word, *_]] = [line.split() for line in first.out.splitlines()]
    assert word == "new"
    second = run("ingest", str(tmp_path / "two.txt"), "--ref-date", "2022-11-06")
    assert second.code == 0, second.err
    lines = [line.split() for line in second.out.splitlines()]
    assert sorted(w for _, w, *_ in lines) == ["added", "new"], second.out
    assert all(len(i) == 36 and uuid.UUID(i) for i, *_ in lines)
    assert [i for i, w, *_ in lines if w == "added"] == [kept]
    assert [i for i, w, *_ in lines if w == "new"] != [kept]
    listed = _listed(run)
    assert "2 incident(s)" in listed, listed


VILLAGES = (
    "قُتل مدنيان اليوم الأحد بقصف مدفعي لقوات النظام على بلدة سرمدا شمالي إدلب.\n",
    "قُتل مدنيان اليوم الأحد بقصف مدفعي لقوات النظام على مدينة بنش شرقي إدلب.\n",
)
COUNTRYSIDE = "قُتل مدنيان اليوم الأحد بقصف مدفعي لقوات النظام على ريف إدلب.\n"


def test_a_governorate_report_fitting_two_kept_attacks_is_joined_to_neither(  # type: ignore[no-untyped-def]
    run, tmp_path: Path
) -> None:
    """Two villages of Idlib shelled on one day, 2 killed each (a common day in 2019-20);
    then 'two killed by shelling in the Idlib countryside': it fits both equally, yet ingest
    adds it to one of them."""
    for n, text in enumerate(VILLAGES):
        (tmp_path / f"v{n}.txt").write_text(text, "utf-8")
        assert " new " in run("ingest", str(tmp_path / f"v{n}.txt"), "--ref-date", "2022-11-06").out
    (tmp_path / "rif.txt").write_text(COUNTRYSIDE, "utf-8")
    done = run("ingest", str(tmp_path / "rif.txt"), "--ref-date", "2022-11-06")
    assert done.code == 0, done.err
    [line] = done.out.splitlines()
    assert line.split()[1] == "new", (line, done.err)


def test_after_an_added_report_no_hint_groups_two_kept_attacks(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The weaker candidates of a report added to a kept incident are printed as 'incident
    K may also be incident S; if so: tawthiq group K S': K is the kept village, not the
    report, so the advice merges two villages' attacks (a careless person follows it)."""
    for n, text in enumerate(VILLAGES):
        (tmp_path / f"v{n}.txt").write_text(text, "utf-8")
        assert run("ingest", str(tmp_path / f"v{n}.txt"), "--ref-date", "2022-11-06").code == 0
    (tmp_path / "rif.txt").write_text(COUNTRYSIDE, "utf-8")
    done = run("ingest", str(tmp_path / "rif.txt"), "--ref-date", "2022-11-06")
    added = [line.split()[0] for line in done.out.splitlines() if line.split()[1] == "added"]
    for kept in added:
        assert f"`tawthiq group {kept[:8]} " not in done.err, done.err


def test_grouped_into_one_another_laptop_grouped_elsewhere_meanwhile(run, ws, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Here a into b; meanwhile elsewhere b into c: one group shown as c, holding a's
    reports too, none lost; verify passes."""
    a, b, c = _three(ws)
    with ws.writing() as w:
        services.incidents.add_source_report(
            w, {"text": "report of a", "outlet": "OUTLET_A"}, incident_ids=[a]
        )
    with ws.writing() as w:
        grouping.group(w, a, b)
    on_other_laptop(ws, lambda w: w.record("incident", b, {"grouped_into": c}, seen={}))
    listed = _listed(run)
    assert "1 incident(s)" in listed and c[:8] in listed, listed
    out = tmp_path / "all.json"
    assert run("export-data", "--format", "json", "--all", "-o", str(out)).code == 0
    assert "OUTLET_A" in out.read_text("utf-8")
    assert run("verify").code == 0
