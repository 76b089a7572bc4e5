"""``tawthiq protect``, ``unprotect``, ``passphrase`` and ``erase``: the database and this
laptop's secrets encrypted at rest, and destroyed at once when they must be."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from pathlib import Path

from tawthiq.cli.door import passphrase_source, read_passphrase_file
from tawthiq.domain.errors import ValidationError
from tawthiq.services import protection
from tawthiq.services.settings import data_dir
from tawthiq.services.workspace import default_db_path


def _db(args: argparse.Namespace) -> Path:
    return Path(args.db or default_db_path()).expanduser().absolute()


def _new_passphrase(
    args: argparse.Namespace, file_option: str | None, *, option: str = "--passphrase-file F"
) -> str:
    """A new passphrase: from the file named, or typed twice on the terminal (``option``:
    the command's own option for it, named when neither is there)."""
    if file_option:
        return read_passphrase_file(Path(file_option))
    if not sys.stdin.isatty():
        raise ValidationError(
            f"a new passphrase is needed: give it with {option}, or run the command on a terminal"
        )
    first = getpass.getpass("new passphrase: ")
    if getpass.getpass("the same passphrase again: ") != first:
        raise ValidationError("the two passphrases differ; nothing was changed")
    return first


def cmd_protect(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    import os

    named = args.passphrase_file or os.environ.get("TAWTHIQ_PASSPHRASE_FILE")
    db = _db(args)
    passphrase = _new_passphrase(
        args, named, option="--passphrase-file F (or TAWTHIQ_PASSPHRASE_FILE)"
    )
    result = protection.protect(db, data_dir(), passphrase)
    out(f"{db} is now encrypted; this laptop's keys and your name are sealed with it")
    if result.recovery_words is None:
        out("the recovery words written down when this laptop was first protected open it too")
        return 0
    out("recovery words (write them on paper now and keep them apart from the laptop; they are")
    out("shown this once; with them a forgotten passphrase can be replaced):")
    out(f"  {result.recovery_words}")
    if sys.stdin.isatty() and not named:
        _confirm_words(result.recovery_words)
    return 0


def _confirm_words(words: str) -> None:
    """On a terminal, the person types the words back: a set written wrongly is found now,
    not on the day it is needed."""
    for _ in range(3):
        typed = getpass.getpass("type the recovery words again to check you wrote them right: ")
        if " ".join(typed.lower().split()) == words:
            print("the recovery words are right", file=sys.stderr)
            return
        print("those words differ from the ones shown; look again", file=sys.stderr)
    print(
        "the words were not confirmed: change the passphrase with `tawthiq passphrase` while you "
        "still know it",
        file=sys.stderr,
    )


def cmd_unprotect(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    db = _db(args)
    protection.unprotect(db, data_dir(), passphrase_source(args))
    out(f"{db} is no longer encrypted: anyone who gets this laptop can read it")
    return 0


def cmd_passphrase(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    db = _db(args)
    words = None
    if args.recovery_file:
        try:
            words = Path(args.recovery_file).read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            raise ValidationError(f"cannot read the recovery file {args.recovery_file}") from None
    ask = None if words is not None else passphrase_source(args)
    if words is None and ask is not None:
        ask()  # the old passphrase first, then the new one
    new = _new_passphrase(args, args.new_passphrase_file, option="--new-passphrase-file F")
    protection.change_passphrase(db, data_dir(), new, ask=ask, recovery_words=words)
    out(f"the passphrase of {db} and of this laptop's keys is changed")
    return 0


def cmd_erase(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    db = _db(args)
    if not args.yes:
        if not sys.stdin.isatty():
            raise ValidationError("erase destroys the database for ever: confirm with --yes")
        print(
            f"this destroys {db} and this laptop's keys at once; the recovery words cannot "
            "bring them back. Type ERASE to go on: ",
            end="",
            file=sys.stderr,
            flush=True,
        )
        if sys.stdin.readline().strip() != "ERASE":
            out("nothing was erased")
            return 2
    erased = protection.erase(db, data_dir())
    if erased.encrypted:
        out(f"erased: the keys of {db} are destroyed (it cannot be read any more, not even with "
            f"the recovery words) and {erased.files} file(s) removed")  # fmt: skip
    else:
        out(f"erased: {erased.files} file(s) overwritten and removed; the database was not "
            "encrypted, and an SSD or flash disk may keep copies of what was "
            "overwritten")  # fmt: skip
    return 0


def add_commands(command: Callable[..., argparse.ArgumentParser]) -> None:
    command("protect", cmd_protect, "encrypt the database and this laptop's keys with a passphrase")
    command("unprotect", cmd_unprotect, "decrypt the database and this laptop's keys again")
    pw = command("passphrase", cmd_passphrase, "change the passphrase (the data is not rewritten)")
    pw.add_argument("--new-passphrase-file", metavar="F", help="the new passphrase's file")
    pw.add_argument(
        "--recovery-file",
        metavar="F",
        help="unlock with the recovery words in F instead of the passphrase",
    )
    er = command(
        "erase", cmd_erase, "destroy the database and this laptop's keys at once (cannot be undone)"
    )
    er.add_argument("--yes", action="store_true", help="do not ask to confirm")
