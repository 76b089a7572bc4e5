"""The one door of every command: the use cases (``Desk``) on the database named by --db,
the same the window calls; no command opens a session of its own."""

from __future__ import annotations

import argparse

from tawthiq import services


def open_desk(
    args: argparse.Namespace,
    *,
    create: bool = False,
    author: str | None = None,
    signing: bool = False,
    read_only: bool = False,
) -> services.Desk:
    """The database named by --db (only commands that may be a laptop's first may create
    it), written as --author (or ``author`` when none is given); ``signing`` commands are
    refused before any file is made while nobody has said who is writing; ``read_only``
    commands write nothing to the database (it may be a read-only evidence copy)."""
    name = args.author if author is None else args.author or author
    ws = services.open_workspace(
        args.db, author=name, create=create, signing=signing, read_only=read_only
    )
    return services.Desk(ws)
