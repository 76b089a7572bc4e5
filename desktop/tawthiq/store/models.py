"""SQLAlchemy 2.0 tables: the append-only event log and the tables materialised from it."""

from __future__ import annotations

from sqlalchemy import BigInteger, Boolean, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class EventRow(Base):
    """One change of one field of one entity; never updated or deleted."""

    __tablename__ = "event"
    __table_args__ = (
        UniqueConstraint("device_id", "seq", name="uq_event_device_seq"),
        Index("ix_event_entity", "entity_id", "field"),
    )

    event_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(36))
    field: Mapped[str] = mapped_column(String(64))
    # Stored as the exact canonical JSON text that was hashed, never re-encoded.
    value: Mapped[str] = mapped_column(Text)
    parents: Mapped[str] = mapped_column(Text)
    hlc: Mapped[int] = mapped_column(BigInteger)
    author: Mapped[str] = mapped_column(Text)
    device_id: Mapped[str] = mapped_column(String(36))
    seq: Mapped[int] = mapped_column(BigInteger)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    signature: Mapped[str | None] = mapped_column(Text, default=None)
    # Where the value came from (person, extractor, import); NULL before format 2.
    origin: Mapped[str | None] = mapped_column(String(16), default=None)


class Device(Base):
    """A laptop that has written events: its Ed25519 public key, for checking signatures."""

    __tablename__ = "device"

    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    public_key: Mapped[str] = mapped_column(String(64))
    first_seen_hlc: Mapped[int] = mapped_column(BigInteger)
    trusted: Mapped[bool] = mapped_column(Boolean, default=True)


class ChainHead(Base):
    """Each device's last event, signed, so a removed or added tail event is noticed."""

    __tablename__ = "chain_head"

    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger)
    hash: Mapped[str] = mapped_column(String(64))
    signature: Mapped[str] = mapped_column(Text)


class _Materialised:
    """Columns every materialised entity has: its state and where it came from."""

    num: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    data: Mapped[str] = mapped_column(Text)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    n_conflicts: Mapped[int] = mapped_column(Integer, default=0)
    revisions: Mapped[int] = mapped_column(Integer, default=0)
    created_hlc: Mapped[int] = mapped_column(BigInteger)
    updated_hlc: Mapped[int] = mapped_column(BigInteger)
    created_by: Mapped[str] = mapped_column(Text)
    updated_by: Mapped[str] = mapped_column(Text)


class IncidentRow(_Materialised, Base):
    __tablename__ = "incident"
    __table_args__ = (
        # shown_as last: a count of the incidents a list shows reads the index alone
        Index("ix_incident_gov_date", "deleted", "governorate", "date_start", "shown_as"),
        Index("ix_incident_date", "deleted", "date_start", "shown_as"),
        Index("ix_incident_type", "incident_type"),
        Index("ix_incident_status", "status"),
        Index("ix_incident_conflicts", "n_conflicts"),
        Index("ix_incident_killed", "deleted", "killed_max"),
        Index("ix_incident_injured", "deleted", "injured_max"),
        Index("ix_incident_title", "deleted", "title"),
        Index("ix_incident_place", "deleted", "place_name"),
        Index("ix_incident_sort_type", "deleted", "incident_type"),
        Index("ix_incident_sort_status", "deleted", "status"),
        Index("ix_incident_sort_gov", "deleted", "governorate"),
        Index("ix_incident_munition_remnants", "deleted", "munition_remnants"),
        Index("ix_incident_grouped_into", "grouped_into"),
        Index("ix_incident_shown_as", "shown_as"),
        Index("ix_incident_range_killed", "deleted", "range_killed_max"),
        Index("ix_incident_range_injured", "deleted", "range_injured_max"),
    )

    # A column for each field the registry marks ``column`` (a figure gives two, its
    # minimum and maximum); tests/integration/test_field_registry.py holds the two lists together.

    title: Mapped[str | None] = mapped_column(Text)
    date_start: Mapped[str | None] = mapped_column(String(10))
    date_end: Mapped[str | None] = mapped_column(String(10))
    governorate: Mapped[str | None] = mapped_column(String(64))
    place_name: Mapped[str | None] = mapped_column(Text)
    incident_type: Mapped[str | None] = mapped_column(String(64))
    perpetrators: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str | None] = mapped_column(String(16))
    killed_min: Mapped[int | None] = mapped_column(Integer)
    killed_max: Mapped[int | None] = mapped_column(Integer)
    injured_min: Mapped[int | None] = mapped_column(Integer)
    injured_max: Mapped[int | None] = mapped_column(Integer)
    munition_remnants: Mapped[bool | None] = mapped_column(Boolean)
    grouped_into: Mapped[str | None] = mapped_column(String(36))
    # Many reports, one incident: the lowest and highest killed and injured figures the
    # reports of the incident and of those grouped into it gave (``group_ranges``), NULL
    # when none gave one. Derived from other rows, not from the incident's own events.
    # the incident it is shown as, when it is part of another's group (``store.groups``);
    # NULL when it stands alone: lists show only those
    shown_as: Mapped[str | None] = mapped_column(String(36))
    range_killed_min: Mapped[int | None] = mapped_column(Integer)
    range_killed_max: Mapped[int | None] = mapped_column(Integer)
    range_injured_min: Mapped[int | None] = mapped_column(Integer)
    range_injured_max: Mapped[int | None] = mapped_column(Integer)
    # The fields whose value shown was suggested by the extractor and not checked by a
    # person (canonical JSON list), NULL when there is none.
    unchecked: Mapped[str | None] = mapped_column(Text)
    search_text: Mapped[str] = mapped_column(Text, default="")


class SourceReportRow(_Materialised, Base):
    __tablename__ = "source_report"

    language: Mapped[str | None] = mapped_column(String(8))
    outlet: Mapped[str | None] = mapped_column(Text)
    publication_date: Mapped[str | None] = mapped_column(String(10))
    search_text: Mapped[str] = mapped_column(Text, default="")


class LinkRow(_Materialised, Base):
    __tablename__ = "incident_source"
    __table_args__ = (
        Index("ix_link_incident", "incident_id"),
        Index("ix_link_source", "source_report_id"),
    )

    incident_id: Mapped[str | None] = mapped_column(String(36))
    source_report_id: Mapped[str | None] = mapped_column(String(36))


class PairRow(_Materialised, Base):
    """A documenter's judgement on two incidents suggested as possible duplicates."""

    __tablename__ = "incident_pair"
    __table_args__ = (
        Index("ix_pair_a", "incident_a"),
        Index("ix_pair_b", "incident_b"),
    )

    incident_a: Mapped[str | None] = mapped_column(String(36))
    incident_b: Mapped[str | None] = mapped_column(String(36))
    decision: Mapped[str | None] = mapped_column(String(16))


class TrustRow(_Materialised, Base):
    """A laptop's decision to accept another laptop's signing key (``device_trust``)."""

    __tablename__ = "device_trust"

    device: Mapped[str | None] = mapped_column(String(36), index=True)
    public_key: Mapped[str | None] = mapped_column(String(64))


class VictimRow(_Materialised, Base):
    """A victim named in an incident's reports; ``name_key``: the forms of the names a
    search compares (folded Arabic, a Latin skeleton), ``domain.victims.name_keys``."""

    __tablename__ = "victim"
    __table_args__ = (
        Index("ix_victim_incident", "incident_id", "deleted"),
        Index("ix_victim_same_person", "same_person_as"),
    )

    incident_id: Mapped[str | None] = mapped_column(String(36))
    status: Mapped[str | None] = mapped_column(String(16))
    public: Mapped[bool] = mapped_column(Boolean, default=False)
    same_person_as: Mapped[str | None] = mapped_column(String(36))
    name_key: Mapped[str] = mapped_column(Text, default="")


class EvidenceRow(_Materialised, Base):
    """A file attached to an incident or a source report (``evidence_file``); its bytes are
    kept beside the database under ``sha256`` (``store.evidence_store``)."""

    __tablename__ = "evidence_file"
    __table_args__ = (
        Index("ix_evidence_incident", "incident_id"),
        Index("ix_evidence_source", "source_report_id"),
        Index("ix_evidence_sha256", "sha256"),
    )

    sha256: Mapped[str | None] = mapped_column(String(64))
    size: Mapped[int | None] = mapped_column(BigInteger)
    media_type: Mapped[str | None] = mapped_column(String(128))
    incident_id: Mapped[str | None] = mapped_column(String(36))
    source_report_id: Mapped[str | None] = mapped_column(String(36))


MATERIALISED: dict[str, type[_Materialised]] = {
    "incident": IncidentRow,
    "source_report": SourceReportRow,
    "incident_source": LinkRow,
    "incident_pair": PairRow,
    "device_trust": TrustRow,
    "victim": VictimRow,
    "evidence_file": EvidenceRow,
}


class CheckpointRow(Base):
    """A checkpoint this database's own laptop signed at a commit: a Merkle root over every
    device's chain head the database held then, chained to the checkpoint before.
    Numbered 1, 2, … in this file; the heads are in ``checkpoint_head``."""

    __tablename__ = "checkpoint"

    number: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    device_id: Mapped[str] = mapped_column(String(36))
    public_key: Mapped[str] = mapped_column(String(64))
    hlc: Mapped[int] = mapped_column(BigInteger)
    devices: Mapped[int] = mapped_column(Integer)
    events: Mapped[int] = mapped_column(BigInteger)
    root: Mapped[str] = mapped_column(String(64))
    previous: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    signature: Mapped[str] = mapped_column(Text)


class CheckpointHead(Base):
    """A device's chain head as of checkpoint ``number``, stored only where it moved since
    the checkpoint before: the heads of a checkpoint are each device's latest row up to it."""

    __tablename__ = "checkpoint_head"
    __table_args__ = (Index("ix_checkpoint_head_device", "device_id", "number"),)

    number: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger)
    hash: Mapped[str] = mapped_column(String(64))


class ReceivedCheckpoint(Base):
    """The latest checkpoint of another laptop, as its exports brought it: the next one must
    reach at least as far, so a laptop whose history shrank is noticed."""

    __tablename__ = "received_checkpoint"

    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    number: Mapped[int] = mapped_column(BigInteger)
    hlc: Mapped[int] = mapped_column(BigInteger)
    heads: Mapped[str] = mapped_column(Text)  # JSON [[device, seq, hash], …], all of them
    root: Mapped[str] = mapped_column(String(64))
    previous: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    signature: Mapped[str] = mapped_column(Text)
    received_hlc: Mapped[int] = mapped_column(BigInteger)


class ImportRecord(Base):
    """An export file merged into this database (this laptop's bookkeeping, not synced):
    a repeat is recognised, and an export older than one already merged is refused."""

    __tablename__ = "import_record"

    bundle_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    exporter: Mapped[str] = mapped_column(String(36), index=True)
    created_hlc: Mapped[int] = mapped_column(BigInteger)
    imported_hlc: Mapped[int] = mapped_column(BigInteger)
    file_name: Mapped[str] = mapped_column(Text)
    events_new: Mapped[int] = mapped_column(Integer)
    events_known: Mapped[int] = mapped_column(Integer)


class ExportRecord(Base):
    """An export written from this database: where each device's chain stood, so the next
    export can hold only what came after (``--since last``)."""

    __tablename__ = "export_record"

    bundle_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    created_hlc: Mapped[int] = mapped_column(BigInteger, index=True)
    heads: Mapped[str] = mapped_column(Text)  # JSON: device id -> last sequence number
    file_name: Mapped[str] = mapped_column(Text)
