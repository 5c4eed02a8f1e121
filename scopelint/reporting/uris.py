"""Finding paths as URIs (SARIF artifact locations and %SRCROOT%)."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath, PureWindowsPath
from urllib.parse import quote

from scopelint.reporting.fingerprint import normalise_path


def is_absolute(path: str) -> bool:
    return PurePosixPath(path).is_absolute() or PureWindowsPath(path).is_absolute()


def relative_uri(path: str) -> str:
    """A relative URI reference for a relative path: POSIX separators, percent-encoded (the
    bytes of the file's name, so a name that is not UTF-8 is ``bad%FFname.py``)."""
    return quote(os.fsencode(normalise_path(path)), safe="/")


def file_uri(path: str) -> str:
    """``file://`` URI of an absolute (or, resolved against the cwd, relative) path."""
    return Path(path).absolute().as_uri()


def directory_uri(path: str) -> str:
    """``file://`` URI of a directory, with the trailing slash URI resolution needs."""
    uri = file_uri(path)
    return uri if uri.endswith("/") else uri + "/"
