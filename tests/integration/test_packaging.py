"""What an install and the bundle ship: every package, every data file, the desktop entry.

The editable install used for development reads the source tree, so a package or a data
file missing from pyproject.toml goes unnoticed there and breaks only a real install or the
PyInstaller bundle (as tawthiq.sync once did). These tests read the declarations instead.
"""

from __future__ import annotations

import configparser
import fnmatch
import os
import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest

from tawthiq.domain.resources import CATALOGS, MIGRATIONS, MissingResourceError, shipped

ROOT = Path(__file__).resolve().parents[2]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
SETUPTOOLS = PROJECT["tool"]["setuptools"]
PACKAGING = ROOT / "packaging"
APP_ID = "org.tawthiq.Tawthiq"


def _source_folder(package: str) -> Path:
    """Where pyproject.toml's package-dir puts ``package`` in the source tree."""
    dirs = SETUPTOOLS["package-dir"]
    parts = package.split(".")
    for n in range(len(parts), 0, -1):
        prefix = ".".join(parts[:n])
        if prefix in dirs:
            return ROOT / dirs[prefix] / Path(*parts[n:])
    raise AssertionError(f"{package} has no package-dir")


def test_every_python_package_is_declared() -> None:
    found = {
        "tawthiq." + ".".join(p.parent.relative_to(ROOT / "desktop" / "tawthiq").parts)
        for p in (ROOT / "desktop" / "tawthiq").rglob("__init__.py")
    }
    found = {name.rstrip(".") for name in found}
    assert found - set(SETUPTOOLS["packages"]) == set()


@pytest.mark.parametrize("package", ["tawthiq.resources", "tawthiq.store.migrations"])
def test_every_data_file_is_declared(package: str) -> None:
    folder = _source_folder(package)
    globs = SETUPTOOLS["package-data"].get(package, [])
    missing = [
        str(rel)
        for f in folder.rglob("*")
        if f.is_file()
        and f.suffix not in (".py", ".pyc")
        and not any(fnmatch.fnmatch(str(rel := f.relative_to(folder)), g) for g in globs)
    ]
    assert missing == []


def test_shipped_files_are_found_from_any_folder(tmp_path: Path) -> None:
    """Resources come from the package, never from the current directory."""
    code = (
        "from tawthiq.domain.resources import shipped, font_file, CATALOGS, MIGRATIONS\n"
        "from tawthiq.extract.gazetteer import Gazetteer\n"
        "from tawthiq.i18n import _, setup_i18n\n"
        "setup_i18n('ar')\n"
        "print(len(Gazetteer.load().places()), _('Save incident'))\n"
        "print(shipped('env.py', package=MIGRATIONS).is_file(), font_file('Amiri').is_file())\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\n")
    places, save = out[0].split(" ", 1)
    assert int(places) > 8000
    assert save == "حفظ الحادثة"
    assert out[1] == "True True"


def test_a_missing_resource_is_named() -> None:
    with pytest.raises(MissingResourceError, match=r"tawthiq\.nowhere"):
        shipped("x.json", package="tawthiq.nowhere")
    assert shipped("ar", "LC_MESSAGES", "tawthiq.mo", package=CATALOGS).is_file()
    assert (shipped(package=MIGRATIONS) / "versions").is_dir()


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(PACKAGING / f"{APP_ID}.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_starts_the_installed_command_with_the_shipped_icon() -> None:
    entry = _desktop_entry()
    assert entry["Exec"].split()[0] in PROJECT["project"]["scripts"]
    assert entry["Exec"].split()[1:] == ["gui"]
    assert entry["Icon"] == APP_ID
    assert entry["Name[ar]"] == "توثيق"
    sizes = {int(p.stem.split("-")[1]) for p in shipped("icons").glob("tawthiq-*.png")}
    assert {16, 32, 48, 128, 256, 512} <= sizes
    assert shipped("icons", "tawthiq.svg").is_file()


def test_appstream_metadata_names_the_desktop_entry_and_the_licence() -> None:
    root = ET.parse(PACKAGING / f"{APP_ID}.metainfo.xml").getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == f"{APP_ID}.desktop"
    assert root.findtext("project_license") == PROJECT["project"]["license"]
    version = root.find("releases/release")
    assert version is not None
    assert version.get("version") == PROJECT["project"]["version"]


@pytest.mark.parametrize(
    ("tool", "args", "name"),
    [
        ("desktop-file-validate", [], f"{APP_ID}.desktop"),
        ("appstreamcli", ["validate", "--no-net"], f"{APP_ID}.metainfo.xml"),
    ],
)
def test_freedesktop_validators_accept_the_files(tool: str, args: list[str], name: str) -> None:
    if shutil.which(tool) is None:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} is missing: .ci/run installs it")
        pytest.skip(f"{tool} is not installed here (.ci/run installs it)")
    result = subprocess.run([tool, *args, str(PACKAGING / name)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_spec_ships_no_tests_or_development_tools() -> None:
    spec = (PACKAGING / "tawthiq.spec").read_text("utf-8")
    for excluded in ("pytest", "hypothesis", "zxingcpp"):
        assert f'"{excluded}"' in spec
    assert 'collect_data_files("tawthiq")' in spec
    assert "include_py_files=True" in spec  # Alembic reads the migrations as files


def _spec_keeps() -> Callable[[str], object]:
    """The spec's filter of the files the bundle ships (``_wanted``), run here."""
    import ast

    spec = ast.parse((PACKAGING / "tawthiq.spec").read_text("utf-8"))
    wanted = next(n for n in spec.body if isinstance(n, ast.FunctionDef) and n.name == "_wanted")
    space: dict[str, object] = {"Path": Path}
    exec(compile(ast.Module([wanted], []), "tawthiq.spec", "exec"), space)
    keep = space["_wanted"]
    assert callable(keep)
    return keep


def test_the_bundle_keeps_qts_arabic_catalog() -> None:
    """Qt's own dialogs speak Arabic from the catalog PySide6 ships; the bundle's filter of
    Qt's translations must keep it (and may drop the other languages)."""
    from PySide6.QtCore import QLibraryInfo

    keep = _spec_keeps()
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    assert (folder / "qtbase_ar.qm").is_file()
    assert keep("PySide6/Qt/translations/qtbase_ar.qm")
    assert not keep("PySide6/Qt/translations/qtbase_fr.qm")


def test_the_bundle_carries_sqlcipher_and_the_recovery_words_list() -> None:
    """An encrypted database needs sqlcipher3's extension module (SQLCipher and the OpenSSL
    it encrypts with are inside it); recovery words need mnemonic's English list, a data
    file that PyInstaller does not find by following imports. The spec keeps that list
    and drops the other languages' (packaging/smoke.sh checks the built bundle)."""
    import mnemonic

    spec = (PACKAGING / "tawthiq.spec").read_text("utf-8")
    assert '"sqlcipher3.dbapi2"' in spec
    assert 'collect_data_files("mnemonic")' in spec
    words = Path(mnemonic.__file__).parent / "wordlist"
    assert (words / "english.txt").is_file()
    keep = _spec_keeps()
    assert keep("mnemonic/wordlist/english.txt")
    assert not keep("mnemonic/wordlist/french.txt")


def test_every_dependency_is_pinned_for_the_bundle() -> None:
    """packaging/build.sh installs under constraints.txt: a dependency missing there would
    be whatever version the registry has on the day of the build."""
    from packaging.requirements import Requirement

    def name(text: str) -> str:
        return text.strip().lower().replace("_", "-")

    lines = (PACKAGING / "constraints.txt").read_text("utf-8").splitlines()
    pinned = {name(line.split("==")[0]) for line in lines if "==" in line}
    needed = {name(Requirement(dep).name) for dep in PROJECT["project"]["dependencies"]}
    assert needed - pinned == set()
