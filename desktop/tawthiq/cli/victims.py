"""``tawthiq victims`` and ``tawthiq add-victim``: victims by name, each with the reports
naming them; a search by name across incidents (Arabic folded, and across scripts)."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import Any

from tawthiq.cli.door import open_desk
from tawthiq.domain.arabic import has_arabic
from tawthiq.domain.checks import clean_changes
from tawthiq.domain.errors import N_, ValidationError
from tawthiq.domain.fields import VICTIM
from tawthiq.domain.text import visible
from tawthiq.domain.victims import Victim, victim_problems
from tawthiq.domain.vocab import vocabulary


def cmd_victims(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    if (args.id is None) == (args.search is None):
        raise ValidationError(N_("give an incident's id, or --search NAME, but not both"))
    desk = open_desk(args, read_only=True)
    if args.search is not None:
        found = desk.victims.find(args.search)
        for f in found:
            v = f.victim
            out(visible(f"{v.id[:8]}  {_names(v)}  {_about(v)}  incident {v.incident_id[:8]}  "
                        f"({f.score:.0f}%)"))  # fmt: skip
        out(f"{len(found)} victim(s) named like {visible(args.search)!r}")
        return 0
    incident_id = desk.resolve_id(args.id)
    listed = desk.victims.of(incident_id)
    for v in listed:
        out(visible(f"{v.id[:8]}  {_names(v)}  {_about(v)}  "
                    f"[{'named publicly' if v.public else 'private'}]"))  # fmt: skip
        for line in _details(v):
            out(visible(f"          {line}"))
        for other in desk.victims.same_person(v):
            out(visible(f"          the same person as victim {other.id[:8]} ({_names(other)}) "
                        f"in incident {other.incident_id[:8]}"))  # fmt: skip
        reports = desk.victims.reports(v)
        for r in reports:
            out(visible(f"          named by {r.outlet or 'unknown outlet'}, "
                        f"{r.publication_date or r.received_date or 'no date'} "
                        f"(report {r.id[:8]})"))  # fmt: skip
        for c in v.conflicts:
            shown = " / ".join(str(x) for x in c.values)
            out(visible(f"          in conflict: {c.field}: {shown}"))
    out(f"{len(listed)} victim(s) of incident {incident_id[:8]}")
    for problem in desk.victims.problems(incident_id):
        out(f"counts and victims disagree: {problem}")
    return 0


def victim_lines(victims: Sequence[Victim], problems: Sequence[str]) -> list[str]:
    """What ``tawthiq show`` says of an incident's victims: a line each (names, status,
    age, occupation, public or not), and a contradiction where they exceed the counts."""
    lines = [
        f"  Victim {v.id[:8]}: {_names(v)}  ({_about(v)})  "
        f"[{'named publicly' if v.public else 'private'}]"
        for v in victims
    ]
    lines += [f"  CONTRADICTION in victims: {problem}" for problem in problems]
    return [visible(line) for line in lines]


def _names(v: Victim) -> str:
    return " / ".join(n for n in (v.name_ar, v.name_en) if n) or "(no name)"


def _label(vocab: str, code: str | None) -> str | None:
    return vocabulary(vocab).label(code, "en").lower() if code else None


def _about(v: Victim) -> str:
    parts = [
        _label("victim_status", v.status),
        _label("sex", v.sex),
        f"{v.age} years" if v.age is not None else _label("age_group", v.age_group),
        v.occupation_note if v.occupation == "other" and v.occupation_note
        else _label("occupation", v.occupation),
    ]  # fmt: skip
    return ", ".join(p for p in parts if p) or "nothing told"


def _details(v: Victim) -> list[str]:
    out = []
    for key, label in (("relation", "relation"), ("residence", "lives in"),
                       ("origin", "from")):  # fmt: skip
        value = getattr(v, key)
        if value:
            out.append(f"{label}: {value}")
    if v.unchecked:
        out.append(f"suggested, not checked: {', '.join(v.unchecked)}")
    return out


def victim_values(args: argparse.Namespace) -> dict[str, Any]:
    """The victim's fields from ``add-victim``'s options, checked (before anything opens)."""
    values: dict[str, Any] = {}
    name = args.name.strip()
    if has_arabic(name) or args.name_en:
        values["name_ar"] = name
    else:
        values["name_en"] = name
    if args.name_en:
        values["name_en"] = args.name_en
    for key in ("sex", "status", "relation", "residence", "origin"):
        value = getattr(args, key)
        if value is not None:
            values[key] = value
    if args.age is not None:
        age = args.age.strip().lower()
        values["age_group" if age in vocabulary("age_group").codes else "age"] = age
    if args.occupation is not None:
        values.update(occupation_values(args.occupation))
    if args.public:
        values["public"] = True
    cleaned = clean_changes(VICTIM, values)
    for problem in victim_problems(cleaned):  # a name of marks that show nothing, or none
        raise problem
    return cleaned


def occupation_values(given: str) -> dict[str, str]:
    """An occupation's code when ``given`` is one or its label (English or Arabic), else
    "other" with ``given`` kept as told."""
    text = given.strip()
    for term in vocabulary("occupation").terms:
        if text.lower() in (term.code, term.en.lower()) or text == term.ar:
            return {"occupation": term.code}
    return {"occupation": "other", "occupation_note": text}


def cmd_add_victim(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    values = victim_values(args)  # every check of the values before the database opens
    desk = open_desk(args, signing=True)
    incident_id = desk.resolve_id(args.id)
    reports = [desk.victims.resolve_report(r) for r in args.report or ()]
    if reports:
        values["report_ids"] = reports
    out(desk.victims.add(incident_id, values))
    return 0


def cmd_link_victims(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    desk = open_desk(args, signing=True)
    one = desk.victims.get(desk.victims.resolve_id(args.victim))
    other = desk.victims.get(desk.victims.resolve_id(args.other))
    if args.undo:
        desk.victims.unlink_same_person(one.id, other.id)
        said = "are no longer recorded as the same person"
    else:
        desk.victims.link_same_person(one.id, other.id)
        said = "are recorded as the same person"
    out(visible(f"victim {one.id[:8]} ({_names(one)}, incident {one.incident_id[:8]}) and "
                f"victim {other.id[:8]} ({_names(other)}, incident {other.incident_id[:8]}) "
                f"{said}"))  # fmt: skip
    return 0


def add_commands(command: Callable[..., argparse.ArgumentParser]) -> None:
    vi = command(
        "victims",
        cmd_victims,
        "list an incident's victims by name, with the reports naming each; or find victims "
        "by name (--search)",
    )
    vi.add_argument("id", nargs="?", help="the incident (the first 8 characters are enough)")
    vi.add_argument(
        "--search", metavar="NAME", help="find victims of any incident by name (Arabic or Latin)"
    )
    add = command("add-victim", cmd_add_victim, "record a victim of an incident by name")
    add.add_argument("id", help="the incident (the first 8 characters are enough)")
    add.add_argument("--name", required=True, help="the name (Arabic, or as the report gives it)")
    add.add_argument("--name-en", help="the name in Latin letters")
    add.add_argument("--sex", metavar="f|m", help="f or m")
    add.add_argument("--age", metavar="N|child|adult", help="age in years, or child or adult")
    add.add_argument("--status", metavar="STATUS", help="killed, injured, missing or detained")
    add.add_argument("--relation", help='relation to other victims, e.g. "his son"')
    add.add_argument(
        "--occupation", help="civil_defence, medic, journalist, ... or words of your own"
    )
    add.add_argument("--residence", help="where they lived")
    add.add_argument("--origin", help="where they came from")
    add.add_argument(
        "--report", action="append", metavar="REPORT_ID", help="a source report naming them"
    )
    add.add_argument(
        "--public", action="store_true", help="the name may be shown in public reports"
    )
    link = command(
        "link-victims",
        cmd_link_victims,
        "record that two victims of different incidents are the same person (a casualty "
        "who later died of wounds); --undo unlinks them",
    )
    link.add_argument("victim", help="a victim (the first 8 characters of its id are enough)")
    link.add_argument("other", help="the same person recorded in another incident")
    link.add_argument("--undo", action="store_true", help="unlink them (kept in the history)")
