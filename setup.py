"""Only what pyproject.toml cannot say: compile the Babel catalogs (i18n/*.po) into .mo
files when Tawthiq is built or installed, so compiled catalogs are never committed."""

from __future__ import annotations

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
CATALOGS = ROOT / "i18n"


def compile_catalogs(target: Path) -> list[Path]:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po in sorted(CATALOGS.glob("*/LC_MESSAGES/tawthiq.po")):
        lang = po.parent.parent.name
        with po.open("rb") as f:
            catalog = read_po(f, locale=lang)
        out = target / lang / "LC_MESSAGES" / "tawthiq.mo"
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("wb") as f:
            write_mo(f, catalog, use_fuzzy=False)
        written.append(out)
    return written


class BuildWithCatalogs(build_py):
    def run(self) -> None:
        super().run()
        # An editable install reads the package from the source tree; a wheel from build_lib.
        target = CATALOGS if self.editable_mode else Path(self.build_lib) / "tawthiq" / "locale"
        for path in compile_catalogs(target):
            self.announce(f"compiled {path}", level=2)


setup(cmdclass={"build_py": BuildWithCatalogs})
