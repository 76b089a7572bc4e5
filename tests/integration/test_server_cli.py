"""The commands a coordinator types at a desk whose database is the team server (issue 18):
the same answers as on a file, and a server that cannot be used said in one sentence with
DESIGN's exit code, its password never shown."""

from __future__ import annotations

import subprocess
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url
from test_server_store import SAMPLES, _cli


def test_show_history_report_verify_rebuild_on_postgresql(  # type: ignore[no-untyped-def]
    pg_url: str, capsys, tmp_path: Path
) -> None:
    db = ("--db", pg_url)
    code, out, err = _cli(capsys, "ingest", str(SAMPLES / "maram-camp.ar.txt"), *db)
    assert code == 0, err
    incident = out.split()[0][:8]
    assert _cli(capsys, "edit", incident, "--killed", "10", *db)[0] == 0
    code, out, _ = _cli(capsys, "show", incident, *db)
    assert code == 0 and "10" in out and "مخيم مرام" in out
    code, out, _ = _cli(capsys, "history", incident, *db)
    assert code == 0 and "killed: 9 -> 10" in out.replace("(new) -> 9", "")
    pdf = tmp_path / "maram.pdf"
    code, out, err = _cli(capsys, "report", incident, "-o", str(pdf), *db)
    assert code == 0, err
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Maram camp" in text
    # a stored row changed behind the log is found, and rebuild puts it back
    with psycopg.connect(pg_url) as con:
        con.execute("UPDATE incident SET killed_max = 2")
    code, _, err = _cli(capsys, "verify", *db)
    assert code == 1 and "the stored killed_max does not match its history" in err
    code, out, _ = _cli(capsys, "rebuild", *db)
    assert code == 0 and "the tables had drifted from the log" in out
    code, out, _ = _cli(capsys, "verify", *db)
    assert code == 0 and out.startswith("ok: ")
    assert _cli(capsys, "show", incident, *db)[1].count("10") >= 1


@pytest.mark.parametrize(
    ("change", "code", "said"),
    [
        ({"port": 1}, 3, "cannot reach the server"),  # nothing listens there
        ({"host": "no-such-host.invalid"}, 3, "cannot reach the server"),
        ({"database": "no_such_database"}, 2, "there is no database"),
        ({"password": "not-the-password"}, 2, "refused the login"),
    ],
    ids=["wrong-port", "unknown-host", "no-database", "wrong-password"],
)
@pytest.mark.parametrize("command", [["list"], ["add", "--title-en", "x"]])
def test_a_server_that_cannot_be_used_is_one_sentence(  # type: ignore[no-untyped-def]
    pg_url: str, capsys, change: dict[str, object], code: int, said: str, command: list[str]
) -> None:
    url = make_url(pg_url)
    wrong = url.set(**change).render_as_string(hide_password=False)  # type: ignore[arg-type]
    got, out, err = _cli(capsys, *command, "--db", wrong)
    assert (got, out) == (code, "")
    assert err.startswith("tawthiq: ") and said in err and err.count("\n") == 1
    assert "Traceback" not in err
    assert str(url.password) not in err and "not-the-password" not in err


def test_a_usage_mistake_never_echoes_a_connection_strings_password(capsys) -> None:  # type: ignore[no-untyped-def]
    from tawthiq import cli

    with pytest.raises(SystemExit):
        cli.main(["list", "stray", "postgresql://amal:S3CRET-pw@server.example/tawthiq"])
    err = capsys.readouterr().err
    assert "S3CRET" not in err and "postgresql://amal:***@server.example/tawthiq" in err
