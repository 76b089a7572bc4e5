"""The bundle's entry point: the same `tawthiq` command a pip install gives."""

from tawthiq.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
