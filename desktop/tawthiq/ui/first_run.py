"""What the window asks before it opens: the passphrase of a protected laptop (before any
record, or even the documenter's name, is read), and on the first start the name, the
language and a passphrase (encryption on unless the person declines it)."""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path
from typing import Any

from tawthiq.domain.errors import TawthiqError
from tawthiq.i18n import _
from tawthiq.services import protection
from tawthiq.services.settings import Settings, save_settings
from tawthiq.services.workspace import create_protected
from tawthiq.ui.long_work import run_waiting
from tawthiq.ui.ops import Runner, error_sentence
from tawthiq.ui.protect_dialogs import RecoveryWordsDialog
from tawthiq.ui.safety import app_name
from tawthiq.ui.settings_dialog import SettingsDialog
from tawthiq.ui.unlock_dialog import unlock_dialog


def unlock_at_start(db: Path, folder: Path, settings: Settings) -> bool:
    """Ask the passphrase when this laptop's keys or the database are protected; False
    when the person chose to quit instead."""
    if not protection.needs_passphrase(db, folder):
        return True
    return bool(unlock_dialog(db, folder, title=app_name(settings.neutral_name)).exec())


def first_start(
    settings: Settings, db: Path, folder: Path, *, apply: Any, kdf: Any = None
) -> Settings | None:
    """The first start's questions; with a passphrase chosen, the database made and
    encrypted, then its recovery words shown once. None: the person cancelled."""
    dialog = SettingsDialog(
        settings, first_run=True, offer_protection=not protection.is_protected(db, folder)
    )
    while True:
        if not dialog.exec():
            return None
        chosen = dialog.result_settings(settings)
        try:
            save_settings(chosen)
        except TawthiqError as exc:
            print(f"tawthiq: {exc}", file=sys.stderr)
        apply(chosen)
        passphrase = dialog.passphrase()
        if passphrase is None:
            return chosen
        title = app_name(chosen.neutral_name)
        try:
            made = run_waiting(
                None,
                Runner(dialog, threads=1),
                title,
                _("Encrypting the database…"),
                partial(
                    create_protected,
                    db,
                    author=chosen.author,
                    key_dir=folder,
                    passphrase=passphrase,
                    kdf=kdf,
                ),
            )
        except Exception as exc:  # said in the dialog, asked again
            dialog.error.setText(error_sentence(exc))
            dialog.error.show()
            continue
        if made.recovery_words:
            RecoveryWordsDialog(made.recovery_words, title=title).exec()
        return chosen
