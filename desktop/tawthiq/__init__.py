"""Tawthiq (توثيق): offline-first documentation of attacks on civilians."""

from __future__ import annotations

__version__ = "0.1.0"
