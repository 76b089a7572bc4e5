"""A PostgreSQL database is a Tawthiq database like a file (issue 18): the coordinator's
desk can be the team server, every command taking ``--db postgresql://…``."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import make_url

from tawthiq import cli

PLAIN_ONLY = True
SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"


def _cli(capsys, *argv: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    try:
        code = cli.main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    got = capsys.readouterr()
    return code, got.out, got.err


def _password(url: str) -> str:
    return str(make_url(url).password)


def test_ingest_list_search_verify_on_postgresql(pg_url: str, capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    report = SAMPLES / "maram-camp.ar.txt"
    code, out, err = _cli(capsys, "ingest", str(report), "--db", pg_url)
    assert code == 0, err
    incident = out.split()[0]
    assert " new " in out
    code, out, _ = _cli(capsys, "list", "--db", pg_url, "--search", "مخيّم مرام")
    assert code == 0 and incident[:8] in out and "killed 9" in out
    code, out, _ = _cli(capsys, "list", "--db", pg_url, "--search", "حلب")
    assert incident[:8] not in out
    code, out, err = _cli(capsys, "verify", "--db", pg_url)
    assert code == 0, err
    assert out.startswith("ok:")
    # the password never shows in what is printed
    assert _password(pg_url) not in out + err
    # the same records exported from the server and merged into a laptop's file
    bundle = tmp_path / "from-server.tawthiq"
    code, _, err = _cli(capsys, "export", "--db", pg_url, "--unencrypted", "-o", str(bundle))
    assert code == 0, err
    laptop = tmp_path / "laptop.db"
    assert _cli(capsys, "import", str(bundle), "--db", str(laptop))[0] == 0
    code, out, _ = _cli(capsys, "list", "--db", str(laptop), "--search", "مخيّم مرام")
    assert incident[:8] in out


def test_wrong_password_is_one_sentence(pg_url: str, capsys) -> None:  # type: ignore[no-untyped-def]
    # the server's password is CI's own there (TAWTHIQ_TEST_PG), not the throw-away cluster's
    wrong = pg_url.replace(f":{_password(pg_url)}@", ":not-the-password@")
    assert wrong != pg_url
    code, _, err = _cli(capsys, "list", "--db", wrong)
    assert code != 0
    assert "Traceback" not in err and err.count("\n") == 1
    assert "not-the-password" not in err
    assert "refused the login" in err
