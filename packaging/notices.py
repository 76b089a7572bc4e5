"""Write the licence notices of the system libraries PyInstaller copied into a bundle.

    python3 packaging/notices.py dist/tawthiq

On a Debian-based build machine, every shared library at the top of the bundle's
``_internal`` folder that a Debian package installed gets that package's copyright file
(``licenses/system/<package>.copyright``) and a line in ``licenses/SYSTEM-LIBRARIES.md``
(library, package, version). Libraries that came inside Python packages (Qt from PySide6,
Pillow's) are covered by those packages' own metadata. Elsewhere it writes nothing and
says so.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path


def owners() -> dict[str, str]:
    """Library file name -> the Debian package that installed it, from dpkg's file lists."""
    found: dict[str, str] = {}
    for listing in Path("/var/lib/dpkg/info").glob("*.list"):
        package = listing.stem
        for line in listing.read_text("utf-8", "replace").splitlines():
            if ".so" in line:
                found.setdefault(line.rsplit("/", 1)[-1], package)
    return found


def version(package: str) -> str:
    found = subprocess.run(
        ["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, text=True
    )
    return found.stdout.strip() or "?"


def main(bundle: Path) -> int:
    internal = bundle / "_internal"
    if shutil.which("dpkg") is None:
        print("notices: no dpkg here; system library notices not written")
        return 0
    out = internal / "licenses" / "system"
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    installed = owners()
    for lib in sorted(internal.glob("*.so*")):
        if lib.is_symlink() or ".cpython-" in lib.name or lib.name.startswith("libpython"):
            continue
        package = installed.get(lib.name)
        if package is None:
            continue
        copyright_file = Path("/usr/share/doc", package.split(":")[0], "copyright")
        if copyright_file.is_file():
            shutil.copyfile(copyright_file, out / f"{package.split(':')[0]}.copyright")
        rows.append(f"| {lib.name} | {package.split(':')[0]} | {version(package)} |")
    (internal / "licenses" / "SYSTEM-LIBRARIES.md").write_text(
        "# System libraries in this bundle\n\n"
        "Copied from the build machine by PyInstaller; each package's copyright file is in\n"
        "`system/`. Their sources are those of the Debian packages named here.\n\n"
        "| library | Debian package | version |\n|---|---|---|\n" + "\n".join(rows) + "\n",
        "utf-8",
    )
    print(f"notices: {len(rows)} system libraries, their copyright files in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "dist/tawthiq")))
