"""This laptop's notes on export files, not synced: which it merged (a repeat is
recognised, an export older than one already merged is refused) and which it wrote
(the next export can hold only what came after)."""

from __future__ import annotations

import json
from collections.abc import Mapping

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tawthiq.store.events import canonical_json
from tawthiq.store.models import ExportRecord, ImportRecord


def _file_name(name: str) -> str:
    """A file's name as text that can be stored: a name that is not UTF-8 on disk (a USB
    stick written by another system) arrives with its bad bytes as lone surrogates."""
    try:
        text = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:
        text = name.encode("utf-8", "backslashreplace").decode("utf-8")
    return text[:500]


def was_imported(session: Session, bundle_id: str) -> bool:
    return session.get(ImportRecord, bundle_id) is not None


def newest_import_from(session: Session, exporter: str) -> int | None:
    """When the newest export from ``exporter`` merged here was made (None: none was)."""
    return session.execute(
        select(func.max(ImportRecord.created_hlc)).where(ImportRecord.exporter == exporter)
    ).scalar()


def remember_import(
    session: Session,
    *,
    bundle_id: str,
    exporter: str,
    created_hlc: int,
    imported_hlc: int,
    file_name: str,
    events_new: int,
    events_known: int,
) -> None:
    session.add(
        ImportRecord(
            bundle_id=bundle_id,
            exporter=exporter,
            created_hlc=created_hlc,
            imported_hlc=imported_hlc,
            file_name=_file_name(file_name),
            events_new=events_new,
            events_known=events_known,
        )
    )


def last_export_heads(session: Session) -> dict[str, int] | None:
    """Where each device's chain stood at this laptop's last export (None: never exported)."""
    row = session.execute(
        select(ExportRecord.heads).order_by(ExportRecord.created_hlc.desc()).limit(1)
    ).scalar()
    return None if row is None else {str(k): int(v) for k, v in json.loads(row).items()}


def last_export_hlc(session: Session) -> int | None:
    """When this laptop last exported (None: never)."""
    return session.execute(select(func.max(ExportRecord.created_hlc))).scalar()


def remember_export(
    session: Session,
    *,
    bundle_id: str,
    created_hlc: int,
    heads: Mapping[str, int],
    file_name: str,
) -> None:
    session.add(
        ExportRecord(
            bundle_id=bundle_id,
            created_hlc=created_hlc,
            heads=canonical_json(dict(heads)),
            file_name=_file_name(file_name),
        )
    )
