"""The TvnexaError family: one root, one subclass per meaning."""

from __future__ import annotations


class TvnexaError(Exception):
    """Root of every error TVNexa raises on purpose."""


class SourceError(TvnexaError):
    """Raised when a catalogue source cannot deliver a dataset (network, HTTP, I/O)."""


class SourceFormatError(SourceError):
    """Raised when a source delivers a dataset that is not a JSON array of objects."""


class DatasetNotPublished(SourceError):
    """Raised when a source does not publish a dataset at all (older snapshots)."""


class NotFound(TvnexaError):
    """Raised when a looked-up record does not exist."""

    def __init__(self, kind: str, key: str) -> None:
        super().__init__(f"{kind} {key!r} was not found")
        self.kind = kind
        self.key = key


class InvalidQuery(TvnexaError):
    """Raised when a query parameter is out of range or malformed."""

    def __init__(self, parameter: str, reason: str) -> None:
        super().__init__(f"{parameter}: {reason}")
        self.parameter = parameter
        self.reason = reason


class StorageError(TvnexaError):
    """Raised when the database refuses or fails an operation."""
