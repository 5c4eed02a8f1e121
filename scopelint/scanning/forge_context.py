"""Is a file part of a Forge app?  (A Forge ``manifest.yml`` in its folder or a folder above.)

A Forge function's egress goes through ``fetch``, axios or got without naming Atlassian or
``@forge/`` anywhere in the file, so such files pass no byte prefilter; for JavaScript and
TypeScript files under a Forge app, the scan reads them anyway (issue #21).  The answer is
cached per folder: a run asks once per folder, walking up at most to the repository top
(a folder holding ``.git``) or the file system root.  A ``manifest.yml`` counts when one of
its first lines starts with ``app:``, ``modules:`` or ``permissions:`` (the keys
:data:`~scopelint.scanning.declarations.forge_manifest.FORGE_TOP_LEVEL_KEYS` names).
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

MANIFEST_NAMES = ("manifest.yml", "manifest.yaml")
_TOP_KEY_RE = re.compile(rb"(?m)^(?:app|modules|permissions)[ \t]*:")
_HEAD_BYTES = 256 * 1024

# Bytes a JavaScript/TypeScript file of a Forge app must hold to possibly need an egress or
# image permission, or use a platform API.
FORGE_CODE_MARKERS: tuple[bytes, ...] = (
    b"@forge/", b"fetch", b"axios", b"got", b"http", b"src=", b"request",
)


@cache
def _manifest_in(directory: str) -> bool:
    for name in MANIFEST_NAMES:
        candidate = os.path.join(directory, name)
        try:
            if os.path.islink(candidate) or not os.path.isfile(candidate):
                continue
            with open(candidate, "rb") as handle:
                head = handle.read(_HEAD_BYTES)
        except OSError:
            continue
        if _TOP_KEY_RE.search(head):
            return True
    return False


@cache
def forge_app_folder(directory: str) -> bool:
    """Does ``directory`` (absolute) or a folder above it hold a Forge manifest?"""
    if _manifest_in(directory):
        return True
    parent = os.path.dirname(directory)
    if parent == directory or os.path.exists(os.path.join(directory, ".git")):
        return False
    return forge_app_folder(parent)


def in_forge_app(path: Path) -> bool:
    return forge_app_folder(os.path.dirname(os.path.abspath(path)))
