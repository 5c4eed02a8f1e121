"""The one atomic write: readers see a file's old content or the whole new one, never half of it.

Every file scopelint writes goes through :func:`write_atomic`: reports (``--output``),
baselines, the compiled table (``kb build``, ``kb update``), fixes, ``cloud-id --save`` and
the user cache.  Callers state what differs between them as options, and turn ``OSError``
into their own one-line message.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path


class TempFileError(OSError):
    """The temporary file could not be created next to the target (e.g. a read-only folder)."""


def _default_mode() -> int:
    """The mode ``open()`` gives a new file: 0o666 less the process's umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _is_special(path: Path) -> bool:
    """``path`` (its symbolic links followed) exists and is neither a regular file nor a folder."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


# What tempfile.mkstemp opens with (a new file only: O_EXCL), without importing tempfile,
# which brings shutil, random, bz2 and lzma (~5 ms of a pre-commit hook run that writes its
# replay entry).
_TEMP_FLAGS = (os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
               | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))


def _create_temporary(target: Path) -> tuple[int, str]:
    """A new file ``.<name>.<random>.tmp`` beside ``target``, mode 0o600, opened for writing:
    (descriptor, path).  Raises ``OSError`` (as ``tempfile.mkstemp`` does) when none can be made."""
    folder = os.fspath(target.parent)
    for _ in range(100):
        name = os.path.join(folder, f".{target.name}.{os.urandom(6).hex()}.tmp")
        try:
            return os.open(name, _TEMP_FLAGS, 0o600), name
        except FileExistsError:
            continue  # taken by another run: try another random name
    raise FileExistsError(errno.EEXIST, "No usable temporary file name found", folder)


def write_atomic(
    path: Path,
    data: bytes | str,
    *,
    encoding: str = "utf-8",
    make_parents: bool = False,
    follow_symlinks: bool = False,
    durable: bool = False,
    before_replace: Callable[[], None] | None = None,
) -> None:
    """Write ``data`` (text is encoded with ``encoding``, line ends as given) to ``path``.

    The data goes to a temporary file in the target's folder, which then replaces the target
    with ``os.replace``.  An existing file's permission bits are kept; a new file gets the
    mode ``open()`` would give it.

    - ``make_parents``: create missing parent folders first (otherwise a missing folder is
      an error);
    - ``follow_symlinks``: when ``path`` is a symbolic link, replace the file it points to and
      keep the link (otherwise the link itself is replaced by a regular file);
    - ``durable``: ``fsync`` the data before the rename (survives a power loss);
    - ``before_replace``: called after the data is written, just before the rename; whatever
      it raises aborts the write.

    A target that exists and is not a regular file or a folder (a character or block device
    such as ``/dev/null`` or ``/dev/stdout``, a FIFO, a socket), directly or through symbolic
    links, is opened and written in place, never replaced: as ``cat > /dev/null`` does.

    Raises :class:`TempFileError` when the temporary file cannot be created, ``OSError`` for
    any other failure.  On any failure the target is untouched and no temporary file is left.
    """
    payload = data.encode(encoding) if isinstance(data, str) else data
    if _is_special(path):
        if before_replace is not None:
            before_replace()
        with open(path, "wb") as stream:  # a device or FIFO: no rename, no fsync
            stream.write(payload)
        return
    target = Path(os.path.realpath(path)) if follow_symlinks else path
    if make_parents:
        target.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except (FileNotFoundError, NotADirectoryError):  # a new file (or no folder: mkstemp says)
        mode = _default_mode()
    try:
        fd, temp_name = _create_temporary(target)
    except OSError as exc:
        raise TempFileError(exc.errno, exc.strerror, exc.filename) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(temp_name, mode)
        if before_replace is not None:
            before_replace()
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
