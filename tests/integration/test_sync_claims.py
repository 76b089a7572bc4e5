"""What another laptop's file says about who wrote it is checked against its signed events,
and every name it brings is shown with its control characters visible: a header cannot
overwrite the key fingerprint a coordinator reads out on the phone, and an author's name
cannot rewrite the terminal it is printed on."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from laptops import Laptop, read_lines, write_lines

from tawthiq.store.events import canonical_json
from tawthiq.sync.errors import ForgeryError, NewDevicesError
from tawthiq.sync.format import end_message
from tawthiq.sync.keys import fingerprint

ON_SERVER = True  # the store's behaviour: on PostgreSQL too (issue 18)

# every test here runs on plain and on encrypted laptops (issue 16)
pytestmark = pytest.mark.usefixtures("at_rest")

SPOOF = "\r\x1b[2KEvil"  # back to the start of the line, erase it, write something else
SPOOF_SHOWN = "\\u000d\\u001b[2KEvil"
FIXTURE = Path(__file__).parent / "fixtures" / "release-0.1"


@pytest.fixture
def amal(tmp_path: Path) -> Iterator[Laptop]:
    laptop = Laptop(tmp_path, "Amal")
    laptop.new_incident(title_en="Maram camp", killed=9, date_start="2022-11-06")
    yield laptop
    laptop.close()


def resigned(path: Path, signer: Laptop, change: Callable[[dict[str, Any]], None]) -> Path:
    """The export with its header changed by ``change`` and its end signed again with the
    exporting laptop's own key: a file that laptop could have written itself."""
    lines = read_lines(path)
    header = json.loads(lines[0])
    change(header)
    first = canonical_json(header).encode()
    end = json.loads(lines[-1])
    e = end["end"]
    e["signature"] = signer.ws.identity.sign(end_message(first, e["sha256"], e["events"]))
    write_lines(path, [first, *lines[1:-1], canonical_json(end).encode()])
    return path


def own_work_left_out(path: Path, signer: Laptop) -> Path:
    """The export without the exporting laptop's own events (its decision to accept the
    laptops whose work it forwards), counted, digested and signed again with its key: a
    file that names its maker but holds none of its work."""
    import hashlib

    lines = read_lines(path)
    header = json.loads(lines[0])
    own = signer.ws.identity.device_id
    kept = [ln for ln in lines[1:-1] if json.loads(ln)[8] != own]
    header["devices"] = [d for d in header["devices"] if d["device"] != own]
    header["events"] = len(kept)
    header.pop("checkpoint", None)
    first = canonical_json(header).encode()
    digest = hashlib.sha256(b"".join(ln + b"\n" for ln in kept)).hexdigest()
    end = {"end": {"events": len(kept), "sha256": digest, "signature": ""}}
    end["end"]["signature"] = signer.ws.identity.sign(end_message(first, digest, len(kept)))
    write_lines(path, [first, *kept, canonical_json(end).encode()])
    return path


def _device_line(laptop: Laptop, who: str) -> str:
    identity = laptop.ws.identity
    key = fingerprint(identity.public_key_hex)
    return f"  device {identity.device_id}  key fingerprint {key}{who}"


def test_attack_header_author_of_a_file_without_its_makers_work_is_shown_as_a_claim(
    run, amal: Laptop, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Mallory's export forwarding Amal's work names her "\\r\\x1b[2KEvil" (the tamper
    matrix's row): left without her own events, the header's name is all there is, and it is
    shown as what the file says, its codes visible."""
    mallory = Laptop(tmp_path, "Mallory")
    mallory.import_(amal.export())  # holds Amal's events, and her decision to accept them
    bare = own_work_left_out(
        resigned(mallory.export(), mallory, lambda h: h.update(author=SPOOF)), mallory
    )
    done = run("import", str(bare), db=tmp_path / "coordinator.db")
    assert done.code == 2 and "\x1b" not in done.err and "\r" not in done.err
    assert (
        _device_line(mallory, f' (no events of its own in the file; it says it is "{SPOOF_SHOWN}")')
        in done.err.splitlines()
    )
    mallory.close()


def test_attack_author_name_with_escape_codes_in_signed_events(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The name is in the signed events themselves: the trust question, the import's summary,
    `history`, `show` and `list` print it, and the values, with their codes visible."""
    evil = Laptop(tmp_path, "Evil")
    evil.ws.author = SPOOF + "\u202e"
    incident = evil.new_incident(title_en="\x1b[31mred\x1b[0m title", narrative="one\rtwo")
    path = evil.export()
    coordinator = tmp_path / "coordinator.db"

    asked = run("import", str(path), db=coordinator)
    assert asked.code == 2 and "\x1b" not in asked.err and "\r" not in asked.err
    assert _device_line(evil, f" (events by {SPOOF_SHOWN}\\u202e)") in asked.err.splitlines()

    done = run("import", str(path), "--accept-new-devices", db=coordinator)
    assert done.code == 0, done.err
    assert f"({SPOOF_SHOWN}\\u202e, new)" in done.out

    for command in (("history", incident[:8]), ("show", incident[:8]), ("list",)):
        shown = run(*command, db=coordinator).out
        assert "\x1b" not in shown and "\r" not in shown and "\u202e" not in shown, command
        assert "\\u001b[31mred\\u001b[0m title" in shown, command
    history = run("history", incident[:8], db=coordinator).out
    assert f"Z  {SPOOF_SHOWN}\\u202e  device {evil.ws.identity.device_id[:8]}" in history
    assert "one\\u000dtwo" in run("show", incident[:8], db=coordinator).out
    evil.close()


def test_attack_spoofed_name_through_the_real_command(amal: Laptop, tmp_path: Path) -> None:
    """The same header, through `python -m tawthiq`: the bytes on the terminal hold no
    escape and no carriage return."""
    from test_cli import tawthiq_process

    mallory = Laptop(tmp_path, "Mallory")
    mallory.import_(amal.export())
    path = own_work_left_out(
        resigned(mallory.export(), mallory, lambda h: h.update(author=SPOOF)), mallory
    )
    done = tawthiq_process(tmp_path, "import", str(path), "--db", str(tmp_path / "c.db"))
    assert done.returncode == 2
    assert "\x1b" not in done.stderr and "\r" not in done.stderr
    assert f'it says it is "{SPOOF_SHOWN}")' in done.stderr
    mallory.close()


def _authors(names: list[str]) -> Callable[[dict[str, Any]], None]:
    def change(header: dict[str, Any]) -> None:
        header["devices"][0]["authors"] = names

    return change


@pytest.mark.parametrize(
    "names",
    [["Amal", "Basel"], ["Basel"], [], ["Amal", SPOOF]],
    ids=["one added", "replaced", "left out", "spoof added"],
)
def test_attack_header_names_other_authors_than_the_signed_events(
    names: list[str], amal: Laptop, tmp_path: Path
) -> None:
    """The header, signed by the laptop that made it, names someone who wrote none of the
    device's events (or leaves out one who did): refused as forged, not asked about."""
    path = resigned(amal.export(), amal, _authors(names))
    coordinator = Laptop(tmp_path, "Coordinator")
    digest = coordinator.digest()
    message = (
        f"{path.name} names other authors for device {amal.ws.identity.device_id[:8]} than "
        "its signed events do: its header was forged"
    )
    with pytest.raises(ForgeryError) as refused:
        coordinator.import_(path, accept_new=False)
    assert str(refused.value) == message
    with pytest.raises(ForgeryError, match=message):  # accepting the laptop changes nothing
        coordinator.import_(path, accept_new=True)
    assert coordinator.digest() == digest and not coordinator.event_ids()
    coordinator.close()


def test_the_trust_question_names_the_authors_of_the_signed_events(
    amal: Laptop, tmp_path: Path
) -> None:
    """Two documenters on one laptop, and a header author of neither (the name in the
    settings changed since): both are named, from the events; the header's name is not."""
    amal.ws.author = "Amal Haddad"
    amal.new_incident(title_en="second")
    amal.ws.author = "أمل الحدّاد"
    path = amal.export()
    coordinator = Laptop(tmp_path, "Coordinator")
    with pytest.raises(NewDevicesError) as asked:
        coordinator.import_(path, accept_new=False)
    (device,) = asked.value.devices
    assert device.authors == ("Amal", "Amal Haddad") and device.says == ""
    coordinator.close()


def test_a_device_with_more_authors_than_a_header_lists_still_imports(
    amal: Laptop, tmp_path: Path
) -> None:
    """An honest header names at most 20 authors of a device: a laptop shared by more
    documenters exports a file that imports."""
    for i in range(24):
        amal.ws.author = f"documenter {i:02}"
        amal.new_incident(title_en=f"by documenter {i}")
    path = amal.export()
    assert len(json.loads(read_lines(path)[0])["devices"][0]["authors"]) == 20
    coordinator = Laptop(tmp_path, "Coordinator")
    summary = coordinator.import_(path)
    assert summary.new == len(amal.event_ids())
    assert len(summary.devices[amal.ws.identity.device_id].authors) == 20
    coordinator.close()


def test_exports_of_the_previous_release_name_their_signed_authors(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Basel's 0.1 export says "unnamed documenter" in its header: the question names the
    authors its events were signed with, and the file passes the authors check."""
    done = run("import", str(FIXTURE / "laptop-b.tawthiq"), "--dry-run", db=tmp_path / "c.db")
    assert done.code == 0, done.err
    assert "(events by Basel)" in done.out and "(events by Amal)" in done.out
    assert "unnamed documenter" not in done.out
