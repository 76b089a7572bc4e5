"""The bundle's entry point: the same `tawthiq` command a pip install gives."""

import multiprocessing
import os
import sys


def _system_libraries_for_children() -> None:
    """PyInstaller's bootloader points LD_LIBRARY_PATH at the bundle's own libraries. This
    process has read it already; the programs it starts (the PDF viewer, the file manager)
    must get the system's libraries back, or they may fail on a newer system."""
    if not getattr(sys, "frozen", False) or not sys.platform.startswith("linux"):
        return
    original = os.environ.pop("LD_LIBRARY_PATH_ORIG", None)
    if original is not None:
        os.environ["LD_LIBRARY_PATH"] = original
    else:
        os.environ.pop("LD_LIBRARY_PATH", None)


if __name__ == "__main__":
    # A large merge does half of its work in a second process, started by running this
    # program again: in that run, this hands over to the worker and never returns.
    multiprocessing.freeze_support()
    _system_libraries_for_children()
    from tawthiq.cli import main

    raise SystemExit(main())
