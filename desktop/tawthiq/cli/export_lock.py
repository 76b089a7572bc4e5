"""How ``tawthiq export`` locks its file, and how ``import`` opens a locked one: to a
recipient's key, with the export's own passphrase (asked on the terminal, read from a
file, or ``$TAWTHIQ_PASSPHRASE``), or, only when asked in so many words, not at all."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from dataclasses import dataclass

from tawthiq.cli.door import read_passphrase_file
from tawthiq.domain.errors import N_, ValidationError

PASSPHRASE_ENV = "TAWTHIQ_PASSPHRASE"

# said on standard error with every export written unencrypted (and in the window)
EXPOSED = N_(
    "this export is not encrypted: anyone who gets the file can read every record in it, "
    "with the names, the private notes and the text of every report"
)
_NO_CHOICE = N_(
    "an export is encrypted unless you say otherwise: give --to KEY (the coordinator's "
    "key), --export-passphrase-file F or --passphrase (a passphrase for the export), or "
    "--unencrypted; nothing was exported"
)


@dataclass(frozen=True, slots=True)
class ExportLock:
    """What the command line chose: ``ask`` means the passphrase is still to be asked on
    the terminal (twice), once the database is open."""

    recipient: str | None = None
    passphrase: str | None = None
    plain: bool = False
    ask: bool = False


def _given(args: argparse.Namespace) -> str | None:
    """The export passphrase a file gives, else the environment's; None: neither."""
    if args.export_passphrase_file:
        return read_passphrase_file(args.export_passphrase_file)
    return os.environ.get(PASSPHRASE_ENV) or None


def export_lock(args: argparse.Namespace) -> ExportLock:
    """The choice of ``export``'s options, checked before the database opens: conflicting
    options, or none with no terminal to ask on, are refused with one sentence."""
    phrase_options = [o for o, on in (("--passphrase", args.passphrase),
                                      ("--export-passphrase-file", args.export_passphrase_file))
                      if on]  # fmt: skip
    chosen = (["--to"] if args.to else []) + phrase_options[:1]
    chosen += ["--unencrypted"] if args.unencrypted else []
    if len(phrase_options) > 1:
        raise ValidationError(
            N_("give the export's passphrase either with --passphrase or with "
               "--export-passphrase-file, not both; nothing was exported")
        )  # fmt: skip
    if len(chosen) > 1:
        raise ValidationError(
            N_("{first} and {second} contradict each other: an export is encrypted to a key, "
               "or with a passphrase, or not at all; nothing was exported"),
            first=chosen[0], second=chosen[1],
        )  # fmt: skip
    if args.to:
        return ExportLock(recipient=args.to)
    if args.unencrypted:
        return ExportLock(plain=True)
    phrase = _given(args)
    if phrase is not None:
        return ExportLock(passphrase=phrase)
    if not sys.stdin.isatty():
        if args.passphrase:
            raise ValidationError(
                N_("--passphrase needs a terminal to ask on; in a script, give "
                   "--export-passphrase-file F; nothing was exported")
            )  # fmt: skip
        raise ValidationError(_NO_CHOICE)
    return ExportLock(ask=True)


def ask_twice() -> str:
    """The export's passphrase, typed twice on the terminal."""
    first = getpass.getpass("passphrase for the export: ")
    if getpass.getpass("the same passphrase again: ") != first:
        raise ValidationError(N_("the two passphrases differ; nothing was exported"))
    return first


def import_passphrase(args: argparse.Namespace) -> str | None:
    """The passphrase of encrypted files to import: from --export-passphrase-file or
    ``$TAWTHIQ_PASSPHRASE``, or asked when --passphrase is given; None: asked only if a
    file needs one and there is a terminal."""
    phrase = _given(args)
    if phrase is not None or not args.passphrase:
        return phrase
    if not sys.stdin.isatty():
        raise ValidationError(
            N_("--passphrase needs a terminal to ask on; in a script, give "
               "--export-passphrase-file F")
        )  # fmt: skip
    return getpass.getpass("passphrase of the export: ")


def add_export_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--to", metavar="KEY", help="encrypt to the recipient's key (tawthiq key)")
    parser.add_argument(
        "--passphrase",
        action="store_true",
        help=f"encrypt with a passphrase asked on the terminal (or ${PASSPHRASE_ENV})",
    )
    parser.add_argument(
        "--export-passphrase-file",
        metavar="F",
        help="encrypt with the passphrase on the first line of F",
    )
    parser.add_argument(
        "--unencrypted",
        action="store_true",
        help="write the export readable by anyone who gets the file",
    )


def add_import_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--passphrase",
        action="store_true",
        help=f"ask for the passphrase of encrypted files (or ${PASSPHRASE_ENV})",
    )
    parser.add_argument(
        "--export-passphrase-file",
        metavar="F",
        help="the passphrase of encrypted files, on the first line of F",
    )
