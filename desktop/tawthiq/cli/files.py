"""``tawthiq attach`` and ``tawthiq files``: evidence files attached to an incident, listed,
and copied without their metadata for sharing."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from tawthiq.cli.door import open_desk
from tawthiq.domain.errors import N_, ValidationError
from tawthiq.domain.text import visible

if TYPE_CHECKING:
    from tawthiq.services.desk_files import EvidenceFile


def cmd_attach(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    desk = open_desk(args, signing=True)
    incident_id = desk.resolve_id(args.id)
    done = desk.files.attach(incident_id, [Path(p) for p in args.file], args.origin)
    for f in done.files:
        said = "" if f.new else "  (already attached to this incident: nothing changed)"
        if f.restored:
            said = "  (already attached to this incident: its lost or damaged copy is stored again)"
        out(visible(f"{f.sha256}  {f.file_name}{said}"))
    return 0


def _box(text: str) -> tuple[int, int, int, int]:
    parts = text.split(",")
    try:
        x, y, w, h = (int(p) for p in parts)
    except ValueError:
        raise ValidationError(
            N_("--blur takes x,y,width,height in pixels, such as 120,40,200,200; not {value}"),
            value=text,
        ) from None
    return x, y, w, h


def _line(f: EvidenceFile, sha: str) -> str:
    v = f.record.values
    when = f.attached_at.strftime("%Y-%m-%d %H:%M UTC")
    here = "" if f.here else "  (not on this laptop yet)"
    return visible(
        f"{sha}  {v.get('size', 0):>12,}  {f.media_type:<24}  "
        f"{f.record.attached_by}  {when}  {v.get('file_name', '')}{here}"
    )


def show_lines(files: list[EvidenceFile]) -> list[str]:
    """What ``tawthiq show`` says of an incident's files: each SHA-256's start, size,
    type, who attached it, when, and the name it came under."""
    if not files:
        return []
    return [f"Files ({len(files)}):", *(f"  {_line(f, f.sha256[:12])}" for f in files)]


def cmd_files(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    boxes = [_box(b) for b in args.blur or ()]  # refused before the database opens
    if boxes and not args.share_copy:
        raise ValidationError(N_("--blur goes with --share-copy DIR"))
    if args.detach and (args.share_copy or boxes):
        raise ValidationError(N_("--detach goes alone, without --share-copy"))
    desk = open_desk(args, read_only=not args.detach, signing=bool(args.detach))
    incident_id = desk.resolve_id(args.id)
    if args.detach:
        sha = desk.files.resolve(incident_id, args.detach)
        desk.files.detach(incident_id, sha)
        out(f"{sha}  detached from incident {incident_id[:8]} (its record and bytes are kept)")
        return 0
    if args.share_copy:
        return _share(desk, incident_id, Path(args.share_copy), boxes, out)
    found = desk.files.files_of(incident_id)
    for f in found:
        out(_line(f, f.sha256))
    out(f"{len(found)} file(s) attached to incident {incident_id[:8]}")
    return 0


def _share(
    desk: object,
    incident_id: str,
    folder: Path,
    boxes: list[tuple[int, int, int, int]],
    out: Callable[[str], None],
) -> int:
    outcomes = desk.files.share_copies(incident_id, folder, boxes)  # type: ignore[attr-defined]
    refused = 0
    for o in outcomes:
        if o.copy is not None:
            out(visible(f"{o.copy.path}  (from {o.file.sha256[:12]}, metadata removed)"))
        else:
            refused += 1
            print(f"tawthiq: not copied: {visible(o.refused or '')}", file=sys.stderr)
    made = len(outcomes) - refused
    out(f"{made} copy(ies) without metadata written to {folder}; {refused} file(s) not cleaned")
    return 0


def add_commands(command: Callable[..., argparse.ArgumentParser]) -> None:
    at = command(
        "attach",
        cmd_attach,
        "attach photos, videos, recordings or documents to an incident (prints each SHA-256)",
    )
    at.add_argument("id", help="the incident (the first 8 characters are enough)")
    at.add_argument("file", nargs="+", metavar="FILE")
    at.add_argument("--origin", metavar="TEXT",
                    help="where the files came from (\"WhatsApp from a local contact\"); "
                         "never printed in a public report")  # fmt: skip
    fs = command("files", cmd_files, "list the files attached to an incident")
    fs.add_argument("id", help="the incident (the first 8 characters are enough)")
    fs.add_argument("--share-copy", metavar="DIR",
                    help="write a copy of each photo without its metadata (EXIF, GPS, XMP) "
                         "into the existing folder DIR; other files are not copied, and said "
                         "so")  # fmt: skip
    fs.add_argument("--detach", metavar="SHA256",
                    help="detach the file whose SHA-256 begins so (6 characters or more) from "
                         "the incident; its record and bytes are kept")  # fmt: skip
    fs.add_argument("--blur", action="append", metavar="x,y,w,h",
                    help="with --share-copy: blur this rectangle of each photo (pixels, as the "
                         "photo is shown); may be given several times")  # fmt: skip
