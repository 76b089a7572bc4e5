"""The one door of every command: the use cases (``Desk``) on the database named by --db,
the same the window calls; no command opens a session of its own."""

from __future__ import annotations

import argparse

from tawthiq import services
from tawthiq.domain.checks import checked_name
from tawthiq.services.workspace import default_author


def open_desk(
    args: argparse.Namespace,
    *,
    create: bool = False,
    author: str | None = None,
    signing: bool = False,
    read_only: bool = False,
    named: bool | None = None,
) -> services.Desk:
    """The database named by --db (only commands that may be a laptop's first may create
    it), written as --author (or ``author`` when none is given); ``signing`` commands are
    refused before any file is made while nobody has said who is writing; ``read_only``
    commands write nothing to the database (it may be a read-only evidence copy). A name
    that cannot be written is refused before anything is opened, by the commands that
    write it (``named``: those that may write, unless told)."""
    name = (args.author if author is None else args.author or author) or default_author()
    if not read_only if named is None else named:
        checked_name(name)
    ws = services.open_workspace(
        args.db, author=name, create=create, signing=signing, read_only=read_only
    )
    return services.Desk(ws)


def given_name(args: argparse.Namespace) -> str | None:
    """The name a command without a database of its own writes: --author, or else
    TAWTHIQ_AUTHOR or the window's settings; refused when it cannot be written."""
    return checked_name(args.author or default_author())
