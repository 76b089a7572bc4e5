"""The ``tawthiq`` command as a user types it, including every kind of bad input."""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import connect, device_id_of
from tawthiq import services


def digest(db: Path) -> tuple[str, int]:
    """What 'nothing changed' means: same state digest and same number of events."""
    ws = services.open_workspace(db)
    with ws.db.read() as s:
        d = services.maintenance.state_digest(s)
        n = s.connection().exec_driver_sql("SELECT count(*) FROM event").scalar()
    ws.close()
    return d, n


@pytest.fixture
def maram(run) -> str:  # type: ignore[no-untyped-def]
    r = run(
        "add",
        "--title",
        "قصف مخيم مرام",
        "--title-en",
        "Maram camp shelled",
        "--date",
        "2022-11-06",
        "--governorate",
        "إدلب",
        "--killed",
        "9",
        "--killed-children",
        "3",
        "--killed-women",
        "1",
        "--injured",
        "75",
        "--type",
        "shelling_artillery_missile",
        "--weapons",
        "rocket,cluster_munition",
        "--perpetrators",
        "syrian_government",
        "--target",
        "idp_camp",
        "--notes",
        "witness: Abu Ahmad, +90 555",
    )
    assert r.code == 0, r.err
    return r.out.strip()


def test_help_lists_the_subcommands(run) -> None:  # type: ignore[no-untyped-def]
    r = run("--help")
    assert r.code == 0
    listed = {line.split()[0] for line in r.out.splitlines() if line.startswith("    ")}
    assert {
        "demo",
        "add",
        "edit",
        "delete",
        "list",
        "show",
        "history",
        "verify",
        "rebuild",
    } <= listed


def test_add_show_list(run, maram: str) -> None:  # type: ignore[no-untyped-def]
    assert len(maram) == 36
    shown = run("show", maram[:8]).out
    assert "Killed / القتلى: 9" in shown
    assert "Children killed / الأطفال بين القتلى: 3" in shown
    assert "Governorate / المحافظة: Idlib" in shown
    assert "cluster_munition (Cluster munitions)" in shown
    assert "قصف مخيم مرام" in shown
    listed = run("list").out.splitlines()
    assert listed[-1] == "1 incident(s)"
    assert listed[0].startswith(maram[:8]) and "killed 9" in listed[0]


def test_list_filters(run, maram: str) -> None:  # type: ignore[no-untyped-def]
    run(
        "add",
        "--title-en",
        "Ariha market",
        "--date",
        "2023-01-02",
        "--governorate",
        "Idlib",
        "--type",
        "air_drone_strike",
        "--status",
        "reviewed",
    )
    run("add", "--title-en", "Aleppo", "--date", "2022-11-07", "--governorate", "Aleppo")

    def titles(*args: str) -> list[str]:
        return [line.split("  ")[-1].strip() for line in run("list", *args).out.splitlines()[:-1]]

    assert titles() == ["Ariha market", "Aleppo", "قصف مخيم مرام"]
    assert titles("--governorate", "ادلب") == ["Ariha market", "قصف مخيم مرام"]
    assert titles("--from", "2022-11-07", "--to", "2022-12-31") == ["Aleppo"]
    assert titles("--type", "air_drone_strike") == ["Ariha market"]
    assert titles("--status", "draft") == ["Aleppo", "قصف مخيم مرام"]
    assert titles("--perpetrator", "syrian_government") == ["قصف مخيم مرام"]
    assert titles("--search", "مخيّم") == ["قصف مخيم مرام"]
    assert run("list", "--limit", "1", "--offset", "1").out.splitlines()[-1] == (
        "3 incident(s), showing 1 from 2"
    )


def test_edit_and_history(run, maram: str) -> None:  # type: ignore[no-untyped-def]
    r = run("edit", maram[:8], "--killed", "10", "--status", "reviewed", "--author", "Basel")
    assert r.code == 0 and "2 field(s) changed" in r.out
    hist = run("history", maram).out.splitlines()
    killed = [line for line in hist if " killed: " in line]
    assert killed[0].endswith("killed: (new) -> 9")
    assert "Basel" in killed[1] and killed[1].endswith("killed: 9 -> 10")
    device = device_id_of(Path(os.environ["TAWTHIQ_DATA_DIR"]))
    assert f"device {device[:8]}" in killed[1]
    assert run("edit", maram[:8], "--clear", "target").code == 0
    assert "Target" not in run("show", maram).out


def test_delete_keeps_history(run, maram: str) -> None:  # type: ignore[no-untyped-def]
    assert run("delete", maram).code == 0
    assert run("list").out.strip() == "0 incident(s)"
    assert "[DELETED]" in run("show", maram).out
    assert run("history", maram).out.splitlines()[-1].endswith("deleted: (new) -> yes")
    r = run("edit", maram, "--killed", "3")
    assert r.code == 2 and "is deleted" in r.err


def test_verify_and_rebuild(run, maram: str, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    r = run("verify")
    assert r.code == 0 and r.out.startswith("ok: 17 events from 1 device; state digest ")
    before = r.out.splitlines()[0].split()[-1]
    r = run("rebuild")
    assert r.code == 0 and r.out.endswith(f"state digest {before} (unchanged)\n")
    con = connect(db_path)
    with con:
        con.execute("UPDATE event SET value='1' WHERE field='killed'")
    con.close()
    r = run("verify")
    assert r.code == 1
    assert "was altered: its content no longer matches its hash" in r.err


def test_add_from_json_file(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "incident.json"
    f.write_text(
        json.dumps(
            {
                "title_ar": "غارة على سوق",
                "killed": {"min": 4, "max": 6},
                "weapons": ["aerial_bomb"],
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    r = run("add", "--json", str(f), "--governorate", "Hama")
    assert r.code == 0
    assert "Killed / القتلى: 4–6" in run("show", r.out.strip()).out


def test_demo_runs_headless(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    r = run("demo", db=tmp_path / "demo.db")
    assert r.code == 0, r.err
    assert "verify: ok" in r.out and "killed 9, injured 75" in r.out
    assert "1 incident(s)" in run("list", db=tmp_path / "demo.db").out
    # the place as a person reads it, whole, not a fragment of JSON (issue 14)
    assert "مخيم مرام (Maram), Dana, Harim, Idlib, CP000752" in r.out and '{"name"' not in r.out
    assert "from 1 device;" in r.out
    # the extractor's values were saved as its suggestions, then the reviewer confirmed them
    assert "saved as its suggestion, not checked" in r.out and "values confirmed" in r.out
    shown = run("list", db=tmp_path / "demo.db").out
    assert "not checked" not in shown


BAD_INPUT = [
    (
        ["add", "--title", "x", "--date", "2022-13-45"],
        "date_start: '2022-13-45' is not a valid date",
    ),
    (["add", "--title", "x", "--killed", "-3"], "killed: '-3' is not a number of people"),
    (["add", "--title", "x", "--killed", "nine"], "killed: 'nine' is not a number of people"),
    (["add", "--title", "x", "--killed", "12-9"], "the minimum 12 is greater than the maximum 9"),
    (["add", "--title", "x", "--weapons", "nuke"], "unknown weapons code 'nuke'"),
    (["add", "--title", "x", "--governorate", "Atlantis"], "unknown governorate 'Atlantis'"),
    (["add", "--title", "x", "--killed", "2", "--killed-children", "5"], "more than the total"),
    (["add"], "give at least one field"),
    (["show", "deadbeef"], "there is no incident with id 'deadbeef'"),
    (["edit", "deadbeef", "--killed", "3"], "there is no incident with id 'deadbeef'"),
    (["history", "de"], "give at least the first 4 characters of the incident id"),
    (["delete", "____"], "cannot be an id"),
    (["show", "%%%%"], "cannot be an id"),
    (["delete", "00000000-0000-0000-0000-000000000000"], "there is no incident"),
    (["list", "--from", "yesterday"], "'yesterday' is not a valid date"),
    (["list", "--type", "bombing"], "unknown incident type code 'bombing'"),
    (["edit", "MARAM", "--date", "2022-02-30"], "'2022-02-30' is not a valid date"),
    (["edit", "MARAM", "--clear", "colour"], "incident has no field 'colour'"),
]


@pytest.mark.parametrize(
    ("args", "message"), BAD_INPUT, ids=[" ".join(a[:3]) for a, _ in BAD_INPUT]
)
def test_bad_input_is_one_sentence_and_changes_nothing(  # type: ignore[no-untyped-def]
    run, maram: str, db_path: Path, args: list[str], message: str
) -> None:
    before = digest(db_path)
    r = run(*[maram if a == "MARAM" else a for a in args])
    assert r.code == 2
    assert message in r.err
    assert r.err.count("\n") == 1 and r.err.startswith("tawthiq: ")
    assert digest(db_path) == before


def test_bad_input_on_a_new_path_creates_no_database(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    new = tmp_path / "new.db"
    assert run("add", "--date", "2022-13-45", db=new).code == 2
    assert not new.exists()


def test_bad_json_file(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "bad.json"
    f.write_bytes(b'{"killed": 9,')
    r = run("add", "--json", str(f))
    assert r.code == 2 and "is not valid JSON" in r.err
    f.write_text("[1, 2]")
    assert "must hold one JSON object" in run("add", "--json", str(f)).err
    assert "cannot read" in run("add", "--json", str(tmp_path / "missing.json")).err


def test_not_a_tawthiq_database(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"\x00garbage" * 100)
    r = run("list", db=junk)
    assert r.code == 2 and r.err == f"tawthiq: {junk} is not a Tawthiq database\n"


def test_unwritable_folder(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "file").write_text("x")
    r = run("add", "--title", "x", db=tmp_path / "file" / "t.db")
    assert r.code == 2 and "cannot create the folder" in r.err


def test_locked_database(run, maram: str, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    before = digest(db_path)
    other = connect(db_path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        r = run("edit", maram, "--killed", "11")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert r.code == 3 and "is in use by another program; close it and try again" in r.err
    assert digest(db_path) == before


def tawthiq_process(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m tawthiq ARGS` in its own process, with a data folder of its own."""
    env = {**os.environ, "TAWTHIQ_DATA_DIR": str(tmp_path / "data")}
    return subprocess.run(
        [sys.executable, "-m", "tawthiq", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_installed_command_prints_no_traceback(tmp_path: Path) -> None:
    """The real console entry point, in its own process, as a user runs it."""
    db = str(tmp_path / "p.db")
    ok = tawthiq_process(tmp_path, "add", "--title-en", "x", "--db", db)
    assert ok.returncode == 0 and len(ok.stdout.strip()) == 36
    bad = tawthiq_process(tmp_path, "add", "--date", "6/11/2022", "--db", db)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert bad.stderr.strip() == (
        "tawthiq: date_start: '6/11/2022' is not a valid date; write it as YYYY-MM-DD, "
        "e.g. 2022-11-06"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "--killed", "99999999999999999999"], "not a plausible number of people"),
        (["add", "--title", "bad \udcff byte"], "not valid characters"),
        (["list", "--limit", "abc"], "invalid int value: 'abc'"),
        (["list", "--limit", "-1"], "--limit must be at least 1"),
        (["bogus"], "invalid choice: 'bogus'"),
        (["add", "--title"], "expected one argument"),
        (["add", "--json", "-", "--title-en", "x"], None),
    ],
    ids=["overflow", "surrogate", "limit-abc", "limit-negative", "bogus", "missing-value", "stdin"],
)
def test_more_bad_input(run, monkeypatch, args: list[str], message: str | None) -> None:  # type: ignore[no-untyped-def]
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO('{"killed": {"min": 1, "approximate": "false"}}'))
    r = run(*args)
    assert r.code == 2
    assert (message or "approximate must be true or false") in r.err
    assert r.err.count("\n") == 1


def test_argparse_errors_are_one_sentence(tmp_path: Path) -> None:
    for args in (["list", "--limit", "abc"], ["bogus"], ["add", "--title"]):
        p = tawthiq_process(tmp_path, *args)
        assert p.returncode == 2 and p.stderr.count("\n") == 1, p.stderr
        assert p.stderr.startswith("tawthiq: ") and "usage:" not in p.stderr


def test_json_with_a_byte_order_mark_and_deep_nesting(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "notepad.json"
    f.write_bytes('\ufeff{"title_ar": "قصف", "killed": 2}'.encode())
    assert run("add", "--json", str(f)).code == 0
    f.write_text("[" * 100_000 + "]" * 100_000)
    r = run("add", "--json", str(f))
    assert r.code == 2 and "nested too deeply" in r.err


def test_deleting_goes_through_delete_only(run, maram: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "d.json"
    f.write_text('{"deleted": true, "killed": 7}')
    assert "use `tawthiq delete`" in run("edit", maram, "--json", str(f)).err
    assert "use `tawthiq delete`" in run("edit", maram, "--clear", "deleted").err
    assert "cannot be created as deleted" in run("add", "--json", str(f)).err
    assert run("delete", maram).code == 0
    assert run("list", "--deleted").out.splitlines()[0].endswith("[deleted]")


def test_pipe_closed_early_is_not_an_error(tmp_path: Path) -> None:
    env = {**os.environ, "TAWTHIQ_DATA_DIR": str(tmp_path / "data")}
    db = str(tmp_path / "p.db")
    for n in range(3):
        subprocess.run(
            [sys.executable, "-m", "tawthiq", "add", "--title-en", f"t{n}", "--db", db],
            env=env,
            check=True,
            capture_output=True,
            timeout=60,
        )
    p = subprocess.run(
        f"{sys.executable} -m tawthiq list --db {db} | head -c 1",
        shell=True,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "Traceback" not in p.stderr and "Error" not in p.stderr


def test_what_tawthiq_writes_is_for_this_user_only(tmp_path: Path) -> None:
    """Laptops are shared: another account must not read the database or the key."""
    db = tmp_path / "private.db"
    assert tawthiq_process(tmp_path, "add", "--title-en", "x", "--db", str(db)).returncode == 0
    written = [db, *(tmp_path / "data").iterdir()]
    assert any(p.name == "device-key.json" for p in written)
    for path in written:
        assert path.stat().st_mode & 0o077 == 0, f"{path.name} is readable by others"


def test_a_coordinator_starts_with_key_and_import(tmp_path: Path) -> None:
    """On a new laptop the coordinator's first commands make the database."""
    field = tmp_path / "field"
    field.mkdir()
    field_db = str(field / "field.db")
    assert tawthiq_process(field, "add", "--title-en", "x", "--db", field_db).returncode == 0
    export = str(field / "x.tawthiq")
    assert (
        tawthiq_process(field, "export", "-o", export, "--unencrypted", "--db", field_db).returncode
        == 0
    )
    coordinator = tmp_path / "coordinator"
    coordinator.mkdir()
    db = coordinator / "c.db"
    dry = tawthiq_process(coordinator, "import", "--dry-run", export, "--db", str(db))
    # a dry run works before there is a database, says what an import would do, makes nothing
    assert dry.returncode == 0, dry.stderr
    assert "1 new incident record(s) would be added" in dry.stdout
    assert "--accept-new-devices" in dry.stdout and "key fingerprint" in dry.stdout
    assert not db.exists() and not (coordinator / "data").exists()
    assert sorted(p.name for p in coordinator.iterdir()) == []
    key = tawthiq_process(coordinator, "key", "--db", str(db))
    assert key.returncode == 0 and "tqk-" in key.stdout, key.stderr
    done = tawthiq_process(coordinator, "import", "--accept-new-devices", export, "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert " new events" in done.stdout


def test_data_folder_from_the_environment_expands_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tawthiq.services.settings import data_dir

    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("TAWTHIQ_DATA_DIR", "~/tawthiq-data")
    assert data_dir() == tmp_path / "tawthiq-data"


def test_a_change_with_nobody_s_name_is_refused(run, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Issue 14, item 5: with no name configured, changes were signed 'unnamed documenter'
    for ever (in the log, the PDF's 'recorded by', another laptop's trust question)."""
    monkeypatch.delenv("TAWTHIQ_AUTHOR")
    fresh = tmp_path / "new.db"
    refused = run("add", "--title", "x", "--killed", "2", db=fresh)
    assert refused.code == 2 and refused.err.count("\n") == 1
    assert "--author NAME, the TAWTHIQ_AUTHOR environment variable" in refused.err
    assert not fresh.exists()  # refused before any file was made
    report = tmp_path / "r.txt"
    report.write_text("قتل مدنيان بقصف على سرمدا اليوم", "utf-8")
    assert run("ingest", str(report), db=fresh).code == 2 and not fresh.exists()

    made = run("add", "--title", "x", "--killed", "2", "--author", "Amal", db=fresh)
    assert made.code == 0, made.err
    incident = made.out.strip()[:8]
    history = run("history", incident, db=fresh).out
    assert run("edit", incident, "--killed", "3", db=fresh).code == 2
    assert run("history", incident, db=fresh).out == history  # nothing was written
    assert "Amal" in history and "unnamed" not in history
    # reading needs no name, and a name from the environment is enough to write
    assert run("list", db=fresh).code == 0 and run("verify", db=fresh).code == 0
    monkeypatch.setenv("TAWTHIQ_AUTHOR", "Basel")
    assert run("edit", incident, "--killed", "3", db=fresh).code == 0
    assert "Basel" in run("history", incident, db=fresh).out


_NOT_TEXT = (
    "tawthiq: your name holds bytes that are not valid characters; give it again with "
    "--author NAME or TAWTHIQ_AUTHOR, as text"
)


def test_a_name_that_is_not_text_is_refused_before_anything_is_written(
    tmp_path: Path,
) -> None:
    """A name typed in another encoding reaches Tawthiq as bytes that are no characters: it
    ended in an internal error (exit 70) once the change was about to be signed."""
    db = tmp_path / "new.db"
    name = b"x\xffy"
    env = {**os.environ, "TAWTHIQ_DATA_DIR": str(tmp_path / "data")}
    environb = {os.fsencode(k): os.fsencode(v) for k, v in env.items()}
    add = [sys.executable, "-m", "tawthiq", "add", "--db", str(db), "--title-en", "ok"]
    for how, argv, given in (
        ("environment", add, {**environb, b"TAWTHIQ_AUTHOR": name}),
        ("--author", [*map(os.fsencode, add), b"--author", name], environb),
    ):
        done = subprocess.run(argv, env=given, capture_output=True, timeout=60)
        assert (done.returncode, done.stderr.decode()) == (2, _NOT_TEXT + "\n"), how
        assert not db.exists(), how  # refused before any file was made
    made = subprocess.run([*add, "--author", "Amal"], env=env, capture_output=True, timeout=60)
    assert made.returncode == 0
    for args in (["--title-en", "a\udcffb"], ["--narrative", "a\udcffb"], ["--author", "x\udcffy"]):
        refused = subprocess.run(
            [*map(os.fsencode, add[:-2]), *map(os.fsencode, args)],
            env=environb,
            capture_output=True,
            timeout=60,
        )
        assert refused.returncode == 2 and refused.stderr.count(b"\n") == 1, args
    pdf = tmp_path / "r.pdf"
    report = ["report", made.stdout.decode().strip(), "-o", str(pdf), "--db", str(db)]
    refused = tawthiq_process(tmp_path, *report, "--author", "x\udcffy")
    assert (refused.returncode, refused.stderr) == (2, _NOT_TEXT + "\n")
    assert not pdf.exists()


def _not_a_file(kind: str, path: Path) -> str | None:
    """Make ``path`` a named pipe, a device node or a socket; the word for it in the
    refusal (None: this machine cannot make one)."""
    if kind == "fifo":
        os.mkfifo(path)
        return "is a named pipe, not a file"
    if kind == "device":  # /dev/full's own numbers, in a folder of the test's
        if os.geteuid() != 0:
            return None
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
        return "is a device, not a file"

    here = os.getcwd()
    os.chdir(path.parent)  # a socket's path has a short limit; bound by its name alone
    try:
        socket.socket(socket.AF_UNIX).bind(path.name)
    finally:
        os.chdir(here)
    return "is not a regular file"


@pytest.mark.parametrize("kind", ["fifo", "device", "socket"])
def test_attack_export_or_report_onto_what_is_not_a_file(kind: str, tmp_path: Path) -> None:
    """`-o` naming a named pipe, a device or a socket: the finished file was renamed onto
    it and took its place (as root, /dev/full became a regular file). Refused at once; a
    link to a regular file is still written through its name."""
    db = str(tmp_path / "r.db")
    made = tawthiq_process(tmp_path, "add", "--title-en", "Maram camp", "--db", db)
    incident = made.stdout.strip()
    for command, name in (("export", "out.tawthiq"), ("report", "out.pdf")):
        target = tmp_path / name
        said = _not_a_file(kind, target)
        if said is None:
            pytest.skip("only root makes device nodes")
        mode = target.lstat().st_mode
        args = [
            command,
            *([incident] if command == "report" else ["--unencrypted"]),
            "-o",
            str(target),
        ]
        done = tawthiq_process(tmp_path, *args, "--db", db)
        assert (done.returncode, done.stderr) == (
            2,
            f"tawthiq: {target} {said}; give the name of a file to write\n",
        ), command
        assert target.lstat().st_mode == mode, command  # still what it was
        assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
        target.unlink()
        (tmp_path / f"real-{name}").write_bytes(b"")
        target.symlink_to(tmp_path / f"real-{name}")
        assert tawthiq_process(tmp_path, *args, "--db", db).returncode == 0, command
