"""Reading one export file and checking all of it before anything is applied.

Every event is checked for its shape, its value, its hash, its place in its device's
chain and its agreement with what this database already holds (a fork); each device's
last event against its signed head; the whole file against the exporter's signature;
the authors the header names for each device against those of its signed events. Events
new to this database go to a staging table, which only ``merge`` applies. The header is
checked first, in ``check_header``; laptops seen for the first time are asked about last.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Collection, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tawthiq.domain.errors import N_
from tawthiq.domain.fields import EVIDENCE
from tawthiq.store import chain, merging
from tawthiq.store.events import GENESIS, column_hash, head_message, parents_text
from tawthiq.store.evidence_queries import named_files
from tawthiq.store.identity import verify_signature
from tawthiq.store.parallel import Helper
from tawthiq.sync import seal
from tawthiq.sync.check_claims import Authors, Clocks, check_authors
from tawthiq.sync.check_header import (
    DeviceCount,
    FileCheck,
    ask_about_new,
    check_header,
    refuse_rollback,
    short_id,
)
from tawthiq.sync.errors import BadFileError, ForgeryError
from tawthiq.sync.files_section import read_files
from tawthiq.sync.format import (
    DeviceRange,
    Header,
    end_message,
    event_shape_problem,
    parse_header,
    parse_trailer,
)
from tawthiq.sync.screen import BAD, BAD_HASH, BAD_VALUE, ScreenedLines, parse_line, value_problem
from tawthiq.sync.stream import BundleFile

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from tawthiq.store.evidence_store import FileStore, Incoming

__all__ = ["Checker", "DeviceCount", "FileCheck"]

_CUT_OFF = N_("{path} is cut off: the export is incomplete (copy it again)")
_BATCH = 5000


class Checker:
    """Checks one file against ``session``'s database and this laptop's trusted keys."""

    def __init__(
        self,
        session: Session,
        path: Path,
        *,
        trusted: Mapping[str, str],
        accept_new: bool,
        keys: seal.Keys,
        progress: Callable[[int, int], None],
        helper: Helper | None = None,
        clock_ahead: Collection[str] = (),
        files: FileStore | None = None,
    ) -> None:
        self.session = session
        self.files = files  # where the files it carries go (None: only checked)
        self.incoming: list[Incoming] = []  # received, to be put in place once saved
        self._evidence: dict[str, dict[str, str]] = {}  # record -> sha256, file_name
        self.helper = helper  # screens the lines on a second core, when it has one
        self.path = path
        self.trusted = trusted
        self.accept_new = accept_new
        self.keys = keys
        self.progress = progress
        self.authors: dict[str, Authors] = {}  # device -> who wrote its events in the file
        self.clocks = Clocks(clock_ahead)

    def run(self) -> FileCheck:
        source = BundleFile(self.path, self.keys, lambda done: self.progress(done, source.size))
        try:
            lines = ScreenedLines(source.lines(), self.helper)
            first = next(lines, None)
            if first is None:
                raise BadFileError(_CUT_OFF, path=self.path)
            header = parse_header(first, source.size)
            result = check_header(
                self.session,
                header,
                path=self.path,
                encrypted=source.sealed,
                trusted=self.trusted,
            )
            digest = hashlib.sha256()
            for d in header.devices:
                self._device(d, lines, digest, result)
            self._trailer(next(lines, None), first, digest, header)
            self.incoming = read_files(
                lines, header.files, store=self.files, path=self.path, names=self._names()
            )
            check_authors(self.authors, result, self.path)
            if result.older:  # no fork in it: an older export all the same
                refuse_rollback(result)
            ask_about_new(result, accept_new=self.accept_new)
            if self.clocks.ahead:  # asked only of a file that is genuine in every other way
                raise self.clocks.refusal(self.path)
        except BaseException:
            self.abort_files()
            raise
        finally:
            source.close()
        result.incoming = self.incoming
        return result

    def abort_files(self) -> None:
        """The files received from this export dropped (it is not being saved)."""
        for inc in self.incoming:
            inc.abort()
        self.incoming = []

    # --- the events ---------------------------------------------------------------------

    def _last_seq(self, device_id: str) -> int:
        return chain.last_seq(self.session, device_id)

    def _device(self, d: DeviceRange, lines: ScreenedLines, digest: Any, result: FileCheck) -> None:
        have = self._last_seq(d.device_id)
        who = short_id(d.device_id)
        if d.first > have + 1:
            raise ForgeryError(
                N_(
                    "events #{first}..#{last} of device {device} are missing: this export "
                    "starts at #{start}; import the earlier export first"
                ),
                first=have + 1, last=d.first - 1, device=who, start=d.first,
            )  # fmt: skip
        prev = GENESIS if d.first == 1 else self._hash_at(d.device_id, d.first - 1)
        known_hashes: dict[int, str] = {}
        staged: list[tuple[Any, ...]] = []
        count = result.devices[d.device_id]
        authors = Authors(d.authors)
        found = authors.found
        for seq in range(d.first, d.last + 1):
            line = next(lines, None)
            if line is None:
                raise BadFileError(_CUT_OFF, path=self.path)
            digest.update(line + b"\n")
            # What the screen passed need not be checked again; all the rest is, here.
            flags = BAD if lines.flags is None else lines.flags
            item = self._parse(line, seq, who) if flags & BAD else parse_line(line)
            got_device, got_seq = item[8], item[9]
            if got_device not in result.devices:
                raise ForgeryError(
                    N_(
                        "{path} holds events of device {device}, which it does not list: no "
                        "key vouches for them"
                    ),
                    path=self.path.name,
                    device=short_id(got_device),
                )
            if got_device != d.device_id or got_seq > seq:
                raise self._missing(d, seq, lines)
            if got_seq < seq:
                raise ForgeryError(
                    N_(
                        "event #{got} of device {device} comes after #{before} in the export: "
                        "the events were reordered"
                    ),
                    got=got_seq, device=who, before=seq - 1,
                )  # fmt: skip
            if flags & (BAD | BAD_HASH):
                self._check_event(item, who)
            if item[10] != prev:
                raise ForgeryError(
                    N_(
                        "event #{seq} of device {device} does not follow event #{before}: "
                        "events were changed, removed or reordered"
                    ),
                    seq=seq, device=who, before=seq - 1,
                )  # fmt: skip
            prev = item[11]
            if item[1] == EVIDENCE and item[3] in ("sha256", "file_name"):
                self._note_evidence(item)
            if item[7] not in found:
                authors.add(item[7])
            if seq <= have:
                if seq not in known_hashes:
                    known_hashes = self._hashes(d.device_id, seq, min(have, seq + _BATCH))
                if known_hashes.get(seq) != item[11]:
                    raise ForgeryError(
                        N_(
                            "device {device} has two different histories: its event #{seq} in "
                            "this export differs from the one already here (a forged export, or "
                            "the laptop was restored from an old backup); nothing was imported"
                        ),
                        device=who,
                        seq=seq,
                    )
                count.known += 1
            else:
                problem = flags & (BAD | BAD_VALUE) and value_problem(item[1], item[3], item[4])
                if problem:
                    raise ForgeryError(
                        N_("event #{seq} of device {device} holds a value Tawthiq cannot accept "
                           "for {name}: {problem}"),
                        seq=seq, device=who, name=item[3], problem=problem,
                    )  # fmt: skip
                if item[6] > self.clocks.bound:
                    self.clocks.check(d.device_id, seq, item[6])
                origin = item[13] if len(item) > 13 else None
                staged.append((*item[:5], parents_text(item[5]), *item[6:13], origin))
                count.new += 1
                if len(staged) >= _BATCH:
                    self._stage(staged)
        self._stage(staged)
        if prev != d.head_hash:
            raise ForgeryError(
                N_("the last event of device {device} (#{seq}) is not the one the device signed"),
                device=who,
                seq=d.last,
            )
        if not d.head_signature:
            raise ForgeryError(
                N_("the chain of device {device} carries no signature: it cannot be vouched for"),
                device=who,
            )
        if not verify_signature(
            d.public_key, head_message(d.device_id, d.last, d.head_hash), d.head_signature
        ):
            raise ForgeryError(
                N_("the signature on the chain of device {device} is not valid: it was forged"),
                device=who,
            )
        self.authors[d.device_id] = authors

    def _note_evidence(self, item: list[Any]) -> None:
        try:
            value = json.loads(item[4])
        except ValueError:
            return
        if isinstance(value, str):
            self._evidence.setdefault(item[2], {})[item[3]] = value

    def _names(self) -> dict[str, str]:
        """SHA-256 -> a name the file was attached under, to name a file refused."""
        names = named_files(self.session)
        for values in self._evidence.values():
            if "sha256" in values:
                names[values["sha256"]] = values.get("file_name") or names.get(values["sha256"], "")
        return names

    def _missing(self, d: DeviceRange, seq: int, lines: Iterator[bytes]) -> ForgeryError:
        """Event ``seq`` is not where it belongs: later in the file (reordered) or nowhere
        (removed). Looks a bounded way ahead to tell which."""
        for _, line in zip(range(_BATCH), lines, strict=False):
            try:
                item = json.loads(line)
                found = item[8] == d.device_id and item[9] == seq
            except (ValueError, TypeError, IndexError, KeyError, UnicodeDecodeError):
                found = False
            if found:
                return ForgeryError(
                    N_(
                        "event #{seq} of device {device} comes later in the export than its "
                        "place: the events were reordered"
                    ),
                    seq=seq,
                    device=short_id(d.device_id),
                )
        return ForgeryError(
            N_("event #{seq} of device {device} is missing from the export (removed)"),
            seq=seq,
            device=short_id(d.device_id),
        )

    def _parse(self, line: bytes, seq: int, who: str) -> list[Any]:
        try:
            item = parse_line(line)
        except UnicodeDecodeError:
            raise BadFileError(
                N_("{path} is damaged: event #{seq} of device {device} is not valid text"),
                path=self.path, seq=seq, device=who,
            ) from None  # fmt: skip
        except (ValueError, RecursionError):
            raise BadFileError(
                N_("{path} is damaged: event #{seq} of device {device} is unreadable"),
                path=self.path, seq=seq, device=who,
            ) from None  # fmt: skip
        problem = event_shape_problem(item)
        if problem:
            raise BadFileError(
                N_("{path} is damaged: event #{seq} of device {device} has a bad {part}"),
                path=self.path, seq=seq, device=who, part=problem,
            )  # fmt: skip
        return item  # type: ignore[no-any-return]

    def _check_event(self, item: list[Any], who: str) -> None:
        if column_hash(item) != item[11]:
            raise ForgeryError(
                N_(
                    "event #{seq} of device {device} ({event}) was changed: its content no "
                    "longer matches its hash"
                ),
                seq=item[9], device=who, event=item[0],
            )  # fmt: skip

    def _hash_at(self, device_id: str, seq: int) -> str:
        found = self._hashes(device_id, seq, seq).get(seq)
        assert found is not None  # callers checked the device reaches ``seq``
        return found

    def _hashes(self, device_id: str, first: int, last: int) -> dict[int, str]:
        return chain.hashes(self.session, device_id, first, last)

    def _stage(self, rows: list[tuple[Any, ...]]) -> None:
        if rows:
            merging.stage(self.session, rows)
            rows.clear()

    # --- the end ------------------------------------------------------------------------

    def _trailer(self, line: bytes | None, header_line: bytes, digest: Any, header: Header) -> None:
        if line is None:
            raise BadFileError(_CUT_OFF, path=self.path)
        try:
            data = json.loads(line)
        except (ValueError, UnicodeDecodeError, RecursionError):
            data = None
        if isinstance(data, list):  # an event where the end should be: one too many
            raise ForgeryError(
                N_("{path} holds events its header does not list: events were added"),
                path=self.path,
            )
        end = parse_trailer(data)
        if end.events != header.events or end.sha256 != digest.hexdigest():
            raise ForgeryError(
                N_("{path} was changed after it was exported: its events do not match its end"),
                path=self.path,
            )
        message = end_message(header_line, end.sha256, end.events)
        if not verify_signature(header.exporter_key, message, end.signature):
            raise ForgeryError(
                N_(
                    "{path} is not signed by the laptop it names ({device}): it was changed "
                    "or forged"
                ),
                path=self.path,
                device=short_id(header.exporter),
            )
