"""The tamper matrix: every attack on the audit trail that Tawthiq refuses or detects, one row
each — the scene made with real parts (a database changed with sqlite3, real signed exports,
the command as a person types it), the command that must catch it, its exit code (DESIGN:
1 a finding, 2 a refusal, 3 in use or unreadable) and the sentence it prints. ``ATTACKS`` is
also what the closing table of the issue is printed from."""

from __future__ import annotations

from pathlib import Path

import pytest
import tamper_files as files
import tamper_history as history
import tamper_log as log
from tamper_scene import Attack, Scene
from test_report_tamper import REFUSED
from test_sync_clock import YEAR_4199
from test_sync_export import full  # noqa: F401 (a fixture the killed-export row asks for)

from tawthiq.store.hlc import MAX_HLC


def _rows() -> list[Attack]:
    verify, tampered = "verify", "verify failed: "
    ahead = (
        "{file} holds event #{seq} of device {device} dated {date}, {days} days ahead of this "
        "laptop's clock (at most 24 hours are allowed); nothing was imported"
    )
    printed = REFUSED.removeprefix("tawthiq: ").strip()
    return [
        Attack("hlc-end-of-time", "1", "an event dated 2^63-1 (a forger's program), signed",
               "import FILE", 2,
               ahead.replace("{date}", "6429-10-17").replace("{days}", "1,608,112"),
               files.dated_import(MAX_HLC, forged_program=True)),
        Attack("hlc-year-4199", "1", "an event dated in the year 4199, signed", "import FILE", 2,
               ahead.replace("{date}", "4199-01-01").replace("{days}", "793,332"),
               files.dated_import(YEAR_4199, forged_program=False)),
        Attack("clock-a-year-ahead", "1", "an honest laptop whose clock was a year ahead",
               "import FILE (then --accept-clock-ahead DEVICE: 0)", 2,
               ahead.replace("{date}", "2027-12-07").replace("{days}", "365"), files.year_ahead),
        Attack("device-history-removed", "2",
               "another device's events, chain head and key row deleted, then `rebuild`",
               verify, 1, "the history of device {device} (events #1..#{seq}) is missing: "
               "checkpoint #{checkpoint} holds it; it was removed", history.another_device_removed),
        Attack("own-history-removed", "2", "this laptop's own history deleted, then `rebuild`",
               verify, 1,
               "the history of device {device} is missing: checkpoint #2 holds it; it was removed",
               history.own_removed_verify),
        Attack("own-history-removed-next-save", "2",
               "this laptop's own history deleted: its next save", "add --title-en …", 2,
               "this laptop's history in the database was changed outside Tawthiq since its last "
               "save (run `tawthiq verify` to see where); nothing was saved",
               history.own_removed_add),
        Attack("chain-cut-back", "2", "the end of the chain cut off, an older signed head put back",
               verify, 1, "events #{from}..#{from} of device {device} are missing: checkpoint #2 "
               "holds its chain to #{from}; the chain was cut back", history.cut_back),
        Attack("checkpoint-removed", "2", "checkpoint #2 of 4 deleted", verify, 1,
               "checkpoint #2 is missing (removed); the checkpoints jump to #3",
               history.checkpoints("DELETE FROM checkpoint WHERE number = 2")),
        Attack("checkpoint-altered", "2", "a head in checkpoint #3 moved on by one", verify, 1,
               "checkpoint #3 was altered: its heads, root or signature no longer match",
               history.checkpoints("UPDATE checkpoint_head SET seq = seq + 1 WHERE number = 3")),
        Attack("checkpoints-all-removed", "2", "every checkpoint deleted", verify, 1,
               "the database holds events of this release but no checkpoint: its checkpoints "
               "were removed",
               history.checkpoints("DELETE FROM checkpoint", "DELETE FROM checkpoint_head")),
        Attack("checkpoints-two-with-one-number", "2",
               "a laptop restored from an older copy writes on (coordinator imports its export)",
               "import FILE", 2, "laptop {laptop} signed two different checkpoints #3: it has two "
               "histories (restored from an old copy, or its key used on two laptops); nothing "
               "was imported", history.shrank(0)),
        Attack("history-shrank", "2",
               "a laptop restored from an older copy, its checkpoints past the coordinator's",
               "import FILE", 2,
               "laptop {laptop}'s checkpoint #4 holds device {device} at #3, but its "
               "earlier checkpoint #3 held it at #6: its history shrank (events removed, or "
               "restored from an old copy); nothing was imported", history.shrank(1)),
        Attack("file-rolled-back", "2",
               "the whole file replaced by yesterday's copy (on another laptop it verifies: the "
               "printed report names a later checkpoint)", verify, 1,
               "this laptop signed checkpoint #2 of this database (it remembers it beside its "
               "key), but the database's checkpoints end at #1: the newest were removed, or the "
               "file was put back to an older copy", history.rolled_back),
        Attack("checkpoints-all-removed-next-save", "2",
               "every checkpoint and Basel's history deleted: this laptop's next save",
               "add --title-en …", 2, "the database holds events of this release but no "
               "checkpoint: its checkpoints were removed outside Tawthiq (run `tawthiq verify`); "
               "nothing was saved", history.stripped_then_saved),
        Attack("tail-and-newest-checkpoint-cut", "2",
               "the chain cut back to an exported signed head, the newest checkpoint removed too",
               verify, 1, "this laptop signed checkpoint #2 of this database (it remembers it "
               "beside its key), but the database's checkpoints end at #1",
               history.tail_and_checkpoint_cut),
        Attack("rebuilt-under-another-key", "2",
               "the database rebuilt by an attacker's fresh key, put at the victim's place",
               verify, 1, "this laptop signed checkpoint #2 of the database at this place (it "
               "remembers it beside its key), but this one's checkpoints begin with another #1: "
               "they were rewritten, or the file was replaced", history.rebuilt_under_another_key),
        Attack("report-event-value-changed", "3", "an event's toll changed in place", "report ID",
               1, printed, log.report_value_changed),
        Attack("fingerprint-after-value-changed", "3",
               "an event's toll changed after the report was printed",
               "verify --fingerprint FP --id ID", 1,
               "it is not the fingerprint of incident {id} at any moment of its history",
               log.fingerprint_after_value_changed),
        Attack("report-incident-row-changed", "3", "the incident row's toll changed", "report ID",
               1, printed, log.report_row_changed),
        Attack("report-source-text-changed", "3",
               "a source report's text changed in its event and row", "report ID", 1, printed,
               log.report_source_event_changed),
        Attack("report-source-row-changed", "3", "a source report's text changed in its row",
               "report ID", 1, printed, log.report_source_row_changed),
        Attack("report-source-without-history", "3",
               "a source report and its link added to the tables, no event", "report ID", 1,
               printed, log.report_source_without_history),
        Attack("report-chain-broken-elsewhere", "3",
               "an event of another incident of the same laptop changed", "report ID", 1, printed,
               log.report_chain_broken_elsewhere),
        Attack("header-author-spoofed", "4", 'a header author "\\r\\x1b[2KEvil" (file re-signed)',
               "import FILE", 2, "  device {device}  key fingerprint {key} (events by Mallory)",
               files.header_author_spoofed),
        Attack("header-authors-forged", "4",
               "a header's authors list naming someone the events do not (re-signed)",
               "import FILE --accept-new-devices", 2, "{file} names other authors for device "
               "{device} than its signed events do: its header was forged",
               files.header_authors_forged),
        Attack("history-author-escapes", "4", "an author name with ESC and CR, in signed events",
               "history ID", 0, "Z  {shown}  device {device}  title_en: (new) -> Maram camp",
               files.history_author_escaped),
        Attack("verify-beside-a-writer", "5", "another program holds the write lock", verify, 0,
               "ok: 5 events from 1 device", log.verify_beside_a_writer),
        Attack("verify-locked-out", "5", "another program holds the file exclusively", verify, 3,
               "the database {db} is in use by another program; close it and try again",
               log.verify_locked_out),
        Attack("verify-immutable-copy", "5", "the evidence copy made immutable (chattr +i)",
               verify, 0, "ok: 5 events from 1 device", log.verify_immutable),
        Attack("forged-device-trusted-by-file", "6",
               "a forger's device (own key, signed events) added, and a line in the old "
               "trusted-devices.json", verify, 1,
               "device {device} is not among the devices this laptop trusts",
               history.forged_device),
        Attack("device-row-added-import", "6",
               "a laptop's key put in the device table by hand: importing its export",
               "import FILE", 2, "{file} holds work from 1 laptop(s) not seen before",
               history.device_row_added("import")),
        Attack("device-row-added-report", "6",
               "a laptop's key put in the device table by hand: printing", "report ID", 1,
               "device {device} is not among the devices this laptop trusts",
               history.device_row_added("report")),
        Attack("swapped-key-save", "6", "device-key.json swapped for another laptop's",
               "edit ID --killed 10",
               2, SWAPPED, history.swapped_key("edit", "ID", "--killed", "10")),
        Attack("swapped-key-export", "6", "device-key.json swapped for another laptop's",
               "export -o FILE --unencrypted", 2, SWAPPED,
               history.swapped_key("export", "-o", "FILE", "--unencrypted")),
        Attack("lone-surrogate", "7", 'a lone surrogate "\\udcff" in a value (file re-signed)',
               "import FILE", 2, "{path} is damaged: event #1 of device {device} is not valid text",
               files.lone_surrogate),
        Attack("named-pipe", "7", "a named pipe given as the export file", "import FIFO", 2,
               "{pipe} is a named pipe, not an export file", files.named_pipe),
        Attack("export-beside-a-writer", "7", "another program holds the write lock",
               "export -o FILE --unencrypted", 3,
               "the database {db} is in use by another program; close it and try again",
               files.export_beside_a_writer),
        Attack("killed-export-part", "7", "an export killed (-9) half-way leaves its .part file",
               "(the next start) verify — the .part file is gone", 0, "ok: ",
               files.killed_export_left_a_part),
        Attack("fork-in-older-export", "7",
               "a copy of a laptop writes on; its export arrives after a newer one of the laptop",
               "import FILE", 2, "device {device} has two different histories: its event #{seq} "
               "in this export differs from the one already here", files.fork_in_an_older_export),
        Attack("window-tampered-database", "7", "every checkpoint deleted, then the window opened",
               "(open the window)", None, "the database holds events of this release but no "
               "checkpoint: its checkpoints were removed",
               files.window_on_a_tampered_database),
        Attack("rollback", "before", "an older export of a laptop after a newer one",
               "import FILE", 2, "{file} is older than an export from the same laptop ({device}) "
               "already imported: it would take this database back", files.rollback),
        Attack("gap", "before", "a `--since last` export without the one before it",
               "import FILE", 2, "{file} continues an earlier export: events #1..#{seq} of device "
               "{device} are missing here; import the earlier export first", files.gap),
        Attack("value-changed-rehashed", "before", "an event's value changed and re-hashed",
               verify, 1,
               "event #{next} of device {device} ({next_id}) does not follow event #{seq} ({id}): "
               "event #{seq} was altered or replaced, or events were removed or reordered",
               log.value_rehashed),
        Attack("last-event-removed", "before", "the last event deleted", verify, 1,
               "events #{seq}..#{seq} of device {device} are missing (removed from the end)",
               log.last_event_removed),
        Attack("forged-tail-event", "before", "an event added at the end with a correct hash",
               verify, 1, "events after #{seq} of device {device} are not covered by its signature "
               "(added outside Tawthiq)", log.forged_tail_event),
        Attack("chain-rehashed-new-key", "before",
               "every event re-hashed, the head signed with a new key put in the database",
               verify, 1,
               "the key recorded for device {device} was replaced: it is not the key this laptop "
               "trusts",
               log.rehashed(new_key=True)),
        Attack("chain-rehashed-old-signature", "before",
               "every event re-hashed, the head's hash changed, its signature left", verify, 1,
               "the signature on the chain of device {device} is not valid: the chain was "
               "re-written", log.rehashed(new_key=False)),
        Attack("middle-event-removed", "before", "an event in the middle of the chain deleted",
               verify, 1,
               "event #{seq} of device {device} is missing (removed); the chain jumps to "
               "#{next} ({next_id})", log.middle_event_removed),
        Attack("events-reordered", "before", "two events swapped in the chain", verify, 1,
               ALTERED, log.events_reordered),
        Attack("origin-changed", "before",
               "an unchecked suggestion marked as typed by a person, in its event",
               verify, 1, ALTERED, log.origin_changed),
        Attack("row-deleted-flag", "before", "an incident row's deleted flag changed", verify, 1,
               tampered + "incident {id}: the stored deleted does not match its history",
               log.on_maram("UPDATE incident SET deleted = ''")),
        Attack("row-toll-changed", "before", "an incident row's toll changed", verify, 1,
               tampered + "incident {id}: the stored killed_max does not match its history",
               log.on_maram("UPDATE incident SET killed_max = 'nine'")),
        Attack("row-renumbered", "before", "an incident row's number changed", verify, 1,
               "the search index of incident does not match the table",
               log.on_maram("UPDATE incident SET num = 77")),
        Attack("value-of-the-wrong-shape-show", "before", "an event's toll replaced by a bare "
               "number (no value Tawthiq writes)", "show ID", 1, "incident {id} holds a value "
               "Tawthiq never writes: the database was changed outside Tawthiq (run `tawthiq "
               "verify` to see where)", log.value_of_the_wrong_shape("show")),
        Attack("value-of-the-wrong-shape-history", "before", "the same, its history",
               "history ID", 1, "incident {id} holds a value Tawthiq never writes",
               log.value_of_the_wrong_shape("history")),
        Attack("search-index-emptied", "before", "the search index emptied", verify, 1,
               "the search index of incident does not match the table", log.search_index_emptied),
        Attack("rebuild-damaged-log", "before", "an event's value changed, then `rebuild`",
               "rebuild", 2, "the event log is damaged ({problem}); rebuild would not repair it",
               log.on_maram("UPDATE event SET value = '0' WHERE field = 'killed'", "rebuild")),
        *(
            Attack(f"export-{kind.replace(' ', '-')}", "before", f"an export: {kind}",
                   "import FILE", 2, message, files.export_tampered(kind))
            for kind, message in EXPORT_TAMPERING.items()
        ),
    ]  # fmt: skip


SWAPPED = (
    "this database belongs to laptop {own} (key {own_key}), but the device key here is laptop "
    "{other} (key {other_key}): the key file was replaced or lost, or the database was copied from "
    "another laptop; nothing was saved"
)
ALTERED = (
    "event #{seq} of device {device} ({id}) was altered: its content no longer matches its hash"
)
NOT_SIGNED = "{path} is not signed by the laptop it names ({device}): it was changed or forged"
EXPORT_TAMPERING = {
    "changed value": "event #5 of device {device} ({event}) was changed: its content no longer "
    "matches its hash",
    "removed middle event": "event #5 of device {device} is missing from the export (removed)",
    "reordered events": "event #4 of device {device} comes later in the export than its place: "
    "the events were reordered",
    "stripped signature": "the chain of device {device} carries no signature: it cannot be "
    "vouched for",
    "replaced signature": "the signature on the chain of device {device} is not valid: it was "
    "forged",
    "key replaced": "but this laptop knows it by key {key}: the export is forged or that "
    "laptop's key was replaced; nothing was imported",
    "event of an unlisted device": "{file} holds events of device 00000000, which it does not "
    "list: no key vouches for them",
    "header changed": NOT_SIGNED,
    "event added": "{path} holds events its header does not list: events were added",
    "end digest changed": "{path} was changed after it was exported: its events do not match "
    "its end",
    "end signature replaced": NOT_SIGNED,
}
ATTACKS = _rows()


# The rows whose attack is on what the store keeps (its log, chains, checkpoints and rows),
# run again on a PostgreSQL database (issue 18): the same finding, the same sentence. The
# others are about files, SQLite's own types or its search index, or the laptop's key.
ON_SERVER_ROWS = [
    a for a in ATTACKS
    if a.id in {
        "hlc-year-4199", "device-history-removed", "chain-cut-back", "checkpoint-altered",
        "checkpoints-all-removed", "report-event-value-changed", "report-incident-row-changed",
        "value-changed-rehashed", "forged-tail-event", "middle-event-removed", "events-reordered",
        "origin-changed", "value-of-the-wrong-shape-show", "rebuild-damaged-log",
        "swapped-key-save",
    }
]  # fmt: skip


@pytest.mark.parametrize("attack", ATTACKS, ids=[a.id for a in ATTACKS])
def test_tamper_matrix(  # type: ignore[no-untyped-def]
    attack: Attack,
    run,
    tmp_path: Path,
    db_path: Path,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> None:
    _caught(attack, Scene(run, tmp_path, db_path, data_dir, monkeypatch, request))


@pytest.mark.parametrize("at_rest", ["postgresql"], indirect=True)
@pytest.mark.parametrize("attack", ON_SERVER_ROWS, ids=[a.id for a in ON_SERVER_ROWS])
def test_tamper_matrix_on_postgresql(  # type: ignore[no-untyped-def]
    attack: Attack,
    at_rest,
    run,
    tmp_path: Path,
    db_path: str,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> None:
    _caught(attack, Scene(run, tmp_path, db_path, data_dir, monkeypatch, request))


def _caught(attack: Attack, scene: Scene) -> None:
    try:
        seen = attack.scene(scene)
    finally:
        for laptop in scene.laptops:
            laptop.close()
    said = seen.said
    if attack.code is not None:
        assert said.code == attack.code, said.err
    text = said.err if said.code or attack.code is None else said.out
    assert "Traceback" not in said.err
    assert attack.message.format(**seen.names) in text, text
    if said.code in (1, 2, 3):  # one sentence, as every refusal and finding
        assert said.err.startswith("tawthiq: ")
