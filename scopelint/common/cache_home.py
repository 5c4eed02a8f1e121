"""Where the user's cache folder is, as a string, importing nothing but ``os`` and ``sys``.

The hook's fast path (:mod:`scopelint.cli.hook`) needs this before anything else is loaded;
:func:`scopelint.common.user_cache.cache_dir` is the same answer as a ``Path``.
"""

import os
import sys


def cache_home() -> str:
    """``$SCOPELINT_CACHE_DIR`` if set, else the platform's cache folder for scopelint: on Linux
    ``$XDG_CACHE_HOME/scopelint`` (an absolute ``XDG_CACHE_HOME`` only) or ``~/.cache/scopelint``
    (the XDG rule platformdirs follows), elsewhere platformdirs' ``user_cache_dir``."""
    override = os.environ.get("SCOPELINT_CACHE_DIR")
    if override:
        return override
    if sys.platform.startswith("linux"):
        xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
        base = xdg if xdg and os.path.isabs(xdg) else os.path.join(os.path.expanduser("~"), ".cache")
        return os.path.join(base, "scopelint")
    from platformdirs import user_cache_dir

    return str(user_cache_dir("scopelint"))


NO_CACHE_ENV = "SCOPELINT_NO_CACHE"


def no_cache_requested() -> bool:
    """``SCOPELINT_NO_CACHE`` set to anything but empty, ``0``, ``false`` or ``no``."""
    return os.environ.get(NO_CACHE_ENV, "").strip().lower() not in ("", "0", "false", "no")


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of ``data`` in hex, without importing OpenSSL's hashlib when CPython's
    own ``_sha256`` (3.11) or ``_sha2`` (3.12+) is there (~3 ms less on every hook run)."""
    try:
        from _sha256 import sha256  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        try:
            from _sha2 import sha256  # type: ignore[import-not-found,no-redef,unused-ignore]
        except ImportError:
            from hashlib import sha256  # type: ignore[assignment,unused-ignore]
    return str(sha256(data).hexdigest())


def project_results(cwd: str) -> str:
    """The folder of the result cache for runs from ``cwd``: ``<cache>/results/<24 hex digits
    of the SHA-256 of cwd's absolute path>`` (a scan's paths are relative to the cwd)."""
    name = sha256_hex(os.path.abspath(cwd).encode("utf-8", "surrogatepass"))[:24]
    return os.path.join(cache_home(), "results", name)


# The Cache Directory Tagging Specification (https://bford.info/cachedir/): backup tools,
# and scopelint's own discovery, skip a folder holding a CACHEDIR.TAG that starts so.
CACHEDIR_TAG = "CACHEDIR.TAG"
CACHEDIR_SIGNATURE = b"Signature: 8a477f597d28d172789f06886806bc55"
_OURS = frozenset({"results", "valid-configs", "table.json", ".gitignore", CACHEDIR_TAG})


def mark_cache_folder(root: str | None = None) -> None:
    """Write a ``CACHEDIR.TAG`` and a ``.gitignore`` (``*``) into the cache folder ``root``
    (default: :func:`cache_home`) when they are missing, as ruff and cargo do: a cache put
    inside a project is neither committed nor linted.  Errors are ignored (a cache only
    saves time)."""
    folder = root if root is not None else cache_home()
    if os.path.exists(os.path.join(folder, CACHEDIR_TAG)):
        return
    try:  # a folder holding anything else (SCOPELINT_CACHE_DIR=. ?) is never marked
        if any(name not in _OURS and not name.endswith(".tmp") for name in os.listdir(folder)):
            return
    except FileNotFoundError:
        pass
    except OSError:
        return
    from pathlib import Path

    from scopelint.common.atomic import write_atomic

    tag = CACHEDIR_SIGNATURE + (b"\n# This file is a cache directory tag created by scopelint.\n"
                                b"# For information about cache directory tags see https://bford.info/cachedir/\n")
    try:
        write_atomic(Path(folder, ".gitignore"), "# Created by scopelint automatically.\n*\n",
                     make_parents=True)
        write_atomic(Path(folder, CACHEDIR_TAG), tag, make_parents=True)
    except OSError:
        return


def is_tagged_cache(folder: str) -> bool:
    """Whether ``folder`` holds a ``CACHEDIR.TAG`` with the standard signature."""
    try:
        with open(os.path.join(folder, CACHEDIR_TAG), "rb") as handle:
            return handle.read(len(CACHEDIR_SIGNATURE)) == CACHEDIR_SIGNATURE
    except OSError:
        return False


# A path modified this close to (or after) the start of the run that recorded it is not
# trusted (git's "racily clean" rule): a later edit may keep its timestamp.  On a file
# system with whole-second timestamps (FAT: 2 s) the window is 2 s; with finer ones, the
# kernel's coarse clock tick (a few ms; 20 ms is generous).
RACY_NS = 2_000_000_000
RACY_FINE_NS = 20_000_000


def is_racy(mtime_ns: int, started_ns: int) -> bool:
    """Whether a file with this mtime, stamped by a run started at ``started_ns``, may be
    edited again without its mtime changing (see :data:`RACY_NS`)."""
    window = RACY_NS if mtime_ns % 1_000_000_000 == 0 else RACY_FINE_NS
    return mtime_ns >= started_ns - window
