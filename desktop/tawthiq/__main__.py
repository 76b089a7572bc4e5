from __future__ import annotations

from tawthiq.cli import main

raise SystemExit(main())
