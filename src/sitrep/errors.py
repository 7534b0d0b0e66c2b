"""The sitrep error tree.

Every error a user can meet is a ``SitrepError`` whose message names the input and
the problem in one line. Third-party exceptions are translated into these at the
boundary where they occur (``raise InputError(...) from exc``); the CLI and the API
turn them into a message once, never a traceback.

    SitrepError
    ├── InputError          an input cannot be read or is not what it claims to be
    │   ├── FetchError      a URL or feed could not be fetched (network, size, type)
    │   └── UnsafeURLError  a URL points at a private, loopback or metadata address
    ├── ExtractionError     a stage failed on a document
    ├── PipelineError       the stage table is misordered (a stage runs before what it requires)
    ├── StoreError          the database refused or is not reachable
    ├── ResourceError       a bundled data file is missing or malformed
    └── DependencyError     an optional dependency (an extra such as ``frames``) is not installed
"""

from __future__ import annotations


class SitrepError(Exception):
    """Base of every error sitrep reports to its users."""


class InputError(SitrepError):
    """An input (file, line, URL, feed entry) cannot be used."""


class FetchError(InputError):
    """A remote resource could not be fetched safely."""


class UnsafeURLError(FetchError):
    """A URL resolves to an address sitrep refuses to contact."""


class ExtractionError(SitrepError):
    """An extraction stage failed on a document."""

    def __init__(self, stage: str, message: str) -> None:
        super().__init__(f"{stage}: {message}")
        self.stage = stage


class PipelineError(SitrepError):
    """The extraction stages are not in an order that gives each one what it requires."""


class StoreError(SitrepError):
    """The store cannot be opened, migrated or written."""


class ResourceError(SitrepError):
    """A bundled resource file is missing or malformed."""


class DependencyError(SitrepError):
    """An optional dependency is missing; the message names the extra that installs it."""
