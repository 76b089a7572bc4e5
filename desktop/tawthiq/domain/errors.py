"""Errors a user can cause and must be told about in one plain sentence."""

from __future__ import annotations


class TawthiqError(Exception):
    """Base of every error whose message is meant for the user, as it is."""


class ValidationError(TawthiqError):
    """A value that a documenter entered is not acceptable; nothing was saved."""


class NotFoundError(TawthiqError):
    """An id that names nothing in the database."""
