"""Whether another process of this computer still runs (its leftovers are then its own)."""

from __future__ import annotations

import os


def is_running(pid: int) -> bool:
    """Whether process ``pid`` runs on this computer (where that cannot be told: yes)."""
    if os.name != "posix":
        return True  # os.kill would end it there, not ask
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's: it runs
        return True
    return True
