"""Stamps of the paths the linker consulted: a whole-project link plan is reused only while
every one of them looks the same (see :func:`scopelint.scanning.linking.link_scans`)."""

from __future__ import annotations

import os
from collections.abc import Iterable

from scopelint.common.cache_home import is_racy

Stamp = list[int] | None  # [mode, size, mtime_ns, ctime_ns, inode], None: nothing there


def path_stamp(path: str) -> Stamp:
    """``path``'s stamp, not following a symlink; None when nothing is there (or it cannot be
    stat'ed)."""
    try:
        info = os.lstat(path)
    except (OSError, ValueError):
        return None
    return [info.st_mode, info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]


def record(paths: Iterable[str], started_ns: int) -> list[list[object]] | None:
    """``[[path, stamp], ...]`` for ``paths`` (sorted), or None when one was changed too
    recently to be trusted (:func:`is_racy`)."""
    recorded: list[list[object]] = []
    for path in sorted(paths):
        stamp = path_stamp(path)
        if stamp is not None and is_racy(stamp[2], started_ns):
            return None
        recorded.append([path, stamp])
    return recorded


def still_hold(recorded: object) -> bool:
    """Whether every ``[path, stamp]`` of ``recorded`` still matches (anything else: no)."""
    if not isinstance(recorded, list):
        return False
    for item in recorded:
        if not isinstance(item, list) or len(item) != 2 or not isinstance(item[0], str):
            return False
        if path_stamp(item[0]) != item[1]:
            return False
    return True
