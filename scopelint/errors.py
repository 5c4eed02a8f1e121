"""Errors that are the user's to fix: reported as one line, exit code 2, no traceback."""

from __future__ import annotations


class ScopelintError(Exception):
    """A tool error caused by arguments, config or input; ``str()`` is the one-line message."""

    exit_code = 2


class ConfigError(ScopelintError):
    """An invalid scopelint configuration file (the message names the file)."""


class DocumentError(ScopelintError):
    """An OpenAPI document or compiled table that cannot be used (the message names the file)."""
