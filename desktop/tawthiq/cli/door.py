"""The one door of every command: the use cases (``Desk``) on the database named by --db,
the same the window calls; no command opens a session of its own."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path

from tawthiq import services
from tawthiq.domain.checks import checked_name
from tawthiq.domain.errors import N_, ValidationError
from tawthiq.services.protection import unlock_laptop
from tawthiq.services.settings import data_dir
from tawthiq.services.workspace import default_author

PASSPHRASE_FILE_ENV = "TAWTHIQ_PASSPHRASE_FILE"


def passphrase_source(args: argparse.Namespace) -> Callable[[], str] | None:
    """The database passphrase of this command, read when first needed and once: from
    --passphrase-file, $TAWTHIQ_PASSPHRASE_FILE, or asked on the terminal (never taken
    from the command line itself, where other users of the laptop can see it)."""
    cached: list[str] = []
    named = getattr(args, "passphrase_file", None) or os.environ.get(PASSPHRASE_FILE_ENV)
    if named:
        read: Callable[[], str] = lambda: read_passphrase_file(named)  # noqa: E731
    elif sys.stdin.isatty():
        read = lambda: getpass.getpass("passphrase: ")  # noqa: E731
    else:
        return None

    def ask() -> str:
        if not cached:
            cached.append(read())
        return cached[0]

    return ask


def read_passphrase_file(path: str | Path) -> str:
    """The first line of ``path``, without its line ending; what the file holds is never
    part of an error."""
    try:
        with Path(path).expanduser().open("rb") as f:
            first = f.readline(64 * 1024)
    except OSError as exc:
        raise ValidationError(
            N_("cannot read the passphrase file {path}: {reason}"),
            path=path,
            reason=exc.strerror or type(exc).__name__,
        ) from None
    try:
        phrase = first.decode("utf-8-sig").rstrip("\r\n")
    except UnicodeDecodeError:
        raise ValidationError(
            N_("the passphrase file {path} is not UTF-8 text"), path=path
        ) from None
    if not phrase:
        raise ValidationError(N_("the passphrase file {path} has no passphrase on its first line"),
                              path=path)  # fmt: skip
    return phrase


def unlocked(args: argparse.Namespace) -> Callable[[], str] | None:
    """This laptop's secrets unlocked (the documenter's name is one): the passphrase
    source, for the database too."""
    ask = passphrase_source(args)
    unlock_laptop(data_dir(), ask)
    return ask


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
    ask = unlocked(args)
    name = (args.author if author is None else args.author or author) or default_author()
    if not read_only if named is None else named:
        checked_name(name)
    ws = services.open_workspace(
        args.db, author=name, create=create, signing=signing, read_only=read_only, ask=ask
    )
    _OPENED.append(ws)
    return services.Desk(ws)


_OPENED: list[services.Workspace] = []  # closed when the command ends (``close_opened``)


def close_opened() -> None:
    """Close the databases this command opened: nothing of them is written after it ends
    (a connection closed when Python collects it, at an unknown later time)."""
    while _OPENED:
        _OPENED.pop().close()


def given_name(args: argparse.Namespace) -> str | None:
    """The name a command without a database of its own writes: --author, or else
    TAWTHIQ_AUTHOR or the window's settings; refused when it cannot be written."""
    unlocked(args)
    return checked_name(args.author or default_author())
