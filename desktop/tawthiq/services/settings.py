"""The documenter's settings (name, language, digits, the window's idle lock and name),
kept in settings.json in the data folder beside the database and the device key. Once the
laptop is protected, what names a person (the documenter's name) is kept sealed in
private-settings.json instead: the window needs the language before the passphrase is
typed, never the name."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir

from tawthiq.domain.errors import N_, ValidationError
from tawthiq.store import sealed

LANGUAGES = ("ar", "en")
PRIVATE_FILE = "private-settings.json"
# the settings that name a person or point to one (sealed on a protected laptop)
NAMING = ("author", "coordinator_key")


def data_dir() -> Path:
    """The user data folder (platformdirs), or ``$TAWTHIQ_DATA_DIR`` when set."""
    override = os.environ.get("TAWTHIQ_DATA_DIR")
    if override:
        return Path(override).expanduser().absolute()
    return Path(user_data_dir("tawthiq", appauthor=False))


def settings_path() -> Path:
    return data_dir() / "settings.json"


@dataclass(frozen=True, slots=True)
class Settings:
    author: str = ""
    language: str = "ar"
    arabic_digits: bool = False
    coordinator_key: str = ""  # the key the last export was encrypted to: the next default
    lock_minutes: int = 10  # the window locks itself after this long untouched (0: never)
    neutral_name: bool = False  # the window calls itself "Notes", not Tawthiq (shared laptops)

    @property
    def complete(self) -> bool:
        """Whether the first-run questions (name and language) have been answered."""
        return bool(self.author.strip()) and self.language in LANGUAGES

    def changed(self, **values: Any) -> Settings:
        return replace(self, **values)


def raw_settings() -> dict[str, Any]:
    """The plain settings file as it is (on a protected laptop, a cut protect may have
    left a name there)."""
    return _raw()


def _raw() -> dict[str, Any]:
    try:
        data = json.loads(settings_path().read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _private() -> dict[str, Any]:
    """The sealed settings of a protected laptop ({} while it is locked)."""
    folder = data_dir()
    if not sealed.is_unlocked(folder):
        return {}
    try:
        data = sealed.read(folder / PRIVATE_FILE)
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def load_settings() -> Settings:
    """What was saved; anything missing or unreadable is left at its default (the name,
    on a protected laptop, until it is unlocked)."""
    data = _raw()
    if sealed.is_protected(data_dir()):
        data = {k: v for k, v in data.items() if k not in NAMING} | _private()
    values: dict[str, Any] = {}
    for f in fields(Settings):
        v = data.get(f.name)
        if isinstance(v, type(getattr(Settings(), f.name))):
            values[f.name] = v
    if values.get("language") not in LANGUAGES:
        values.pop("language", None)
    minutes = values.get("lock_minutes", 0)
    if isinstance(minutes, bool) or minutes < 0:
        values.pop("lock_minutes", None)
    return Settings(**values)


def save_settings(settings: Settings) -> None:
    """Write the settings (keeping keys another version may have added), replacing the
    file in one step so a crash never leaves half of it."""
    if settings.language not in LANGUAGES:
        raise ValidationError(N_("unknown language {language!r}"), language=settings.language)
    path = settings_path()
    data = {**_raw(), **asdict(settings)}
    tmp = path.with_name(path.name + ".tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if sealed.is_protected(path.parent):
            sealed.write(path.parent / PRIVATE_FILE, {k: data.pop(k) for k in NAMING})
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        raise ValidationError(
            N_("cannot save the settings in {path}: {reason}"), path=path, reason=exc.strerror
        ) from None
