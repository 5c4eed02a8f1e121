"""The user's cache folder, and the small facts scopelint remembers there between runs.

``$SCOPELINT_CACHE_DIR`` overrides the platform's cache folder (tests use it).  Everything
kept here is an optimisation: a missing, unreadable or unwritable cache only makes a run
slower, never different.
"""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path

VALID_CONFIGS = "valid-configs"  # one hex digest a line, newest first
MAX_VALID_CONFIGS = 64


def cache_dir() -> Path:
    """The user's cache folder (see :func:`scopelint.common.cache_home.cache_home`)."""
    from scopelint.common.cache_home import cache_home

    return Path(cache_home())


def config_digest(text: str, filename: str, schema: bytes, version: str) -> str:
    """What a validation result depends on: the file's exact text and name, the schema, the tool."""
    digest = hashlib.sha256()
    for part in (version.encode(), schema, filename.encode(), text.encode("utf-8", "surrogatepass")):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def _known(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="ascii").split()
    except (OSError, UnicodeDecodeError):
        return []


def is_known_valid(digest: str) -> bool:
    return digest in _known(cache_dir() / VALID_CONFIGS)


def remember_valid(digest: str) -> None:
    """Record that a configuration passed validation; failures to write are ignored."""
    from scopelint.common.atomic import write_atomic
    from scopelint.common.cache_home import mark_cache_folder

    mark_cache_folder(str(cache_dir()))
    path = cache_dir() / VALID_CONFIGS
    entries = [digest, *(d for d in _known(path) if d != digest)][:MAX_VALID_CONFIGS]
    with contextlib.suppress(OSError):
        write_atomic(path, "\n".join(entries) + "\n", encoding="ascii", make_parents=True)
