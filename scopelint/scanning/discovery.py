"""Which files a run reads: walk the given paths, skipping what a reviewer would skip.

Skipped when walking a directory: ``.git`` and other VCS folders, ``node_modules``, virtual
environments (any folder holding ``pyvenv.cfg``), caches, what ``.gitignore`` files ignore,
``--exclude`` globs, symlinks (never followed), and anything that is not a regular file.
Files named explicitly (as pre-commit passes them) are always read.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Final

from scopelint.common.cache_home import CACHEDIR_TAG, is_tagged_cache
from scopelint.errors import ScopelintError

SKIP_DIRS = frozenset(
    {
        ".git", ".hg", ".svn", "node_modules", "bower_components", "__pycache__", ".mypy_cache",
        ".ruff_cache", ".pytest_cache", ".tox", ".nox", ".venv", "venv", ".eggs", ".hypothesis",
        ".idea", ".vscode", ".next", ".nuxt", ".gradle", ".terraform", "site-packages",
    }
)


MAX_IGNORE_FILE_BYTES = 1024 * 1024  # no hand-written .gitignore is larger
_FAST_BACKEND_PATTERNS = 8  # fewer patterns: Python's re matches them as fast as RE2 (no set to build)


class DiscoveredFile:
    """A file a run reads: ``path`` (absolute; also as the string ``fspath``), ``display``
    (relative to the working directory where possible, POSIX separators) and ``explicit``
    (named on the command line).  Equal when all three are; its fields are ``Final``.

    ``path`` is made on first use: a walk over a large tree hands out strings, because
    building 20,000 ``pathlib`` objects costs more than the rest of a warm run's walk.

    ``stat``: ``(size in bytes, st_mtime_ns, st_ctime_ns, st_ino)`` of ``os.stat`` when the
    walk took it (:mod:`scopelint.check.walker`, in another process), for the result cache's
    fast check; None otherwise.  Not part of equality, nor pickled.
    """

    __slots__ = ("_path", "display", "explicit", "fspath", "stat")
    fspath: Final[str]
    display: Final[str]
    explicit: Final[bool]
    stat: Final[tuple[int, int, int, int] | None]

    def __init__(self, path: Path | str, display: str, explicit: bool,
                 stat: tuple[int, int, int, int] | None = None) -> None:
        text = path if isinstance(path, str) else str(path)
        self.fspath = text
        self._path: Path | None = path if isinstance(path, Path) else None
        self.display = display
        self.explicit = explicit
        self.stat = stat

    @property
    def path(self) -> Path:
        made = self._path
        if made is None:
            made = self._path = Path(self.fspath)
        return made

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, DiscoveredFile):
            return NotImplemented
        return (self.fspath, self.display, self.explicit) == (other.fspath, other.display, other.explicit)

    def __hash__(self) -> int:
        return hash((self.fspath, self.display, self.explicit))

    def __repr__(self) -> str:
        return f"DiscoveredFile(path={self.path!r}, display={self.display!r}, explicit={self.explicit!r})"

    def __reduce__(self) -> tuple[type[DiscoveredFile], tuple[str, str, bool]]:
        return DiscoveredFile, (self.fspath, self.display, self.explicit)


def display_path(path: Path, cwd: Path) -> str:
    text, base = str(path), str(cwd).rstrip(os.sep)
    if text.startswith(base) and len(text) > len(base) + 1 and text[len(base)] == os.sep:
        relative = text[len(base) + 1 :]  # what relative_to gives, without its parsing
        return relative.replace(os.sep, "/") if os.sep != "/" else relative
    try:
        return path.relative_to(cwd).as_posix()
    except ValueError:
        return path.as_posix()


def _relative(text: str, base: str) -> str | None:
    """``text`` relative to ``base`` (both absolute, as ``str(Path)`` writes them) with POSIX
    separators, as ``Path.relative_to`` gives it; None when ``base`` is not above ``text``."""
    if text == base:
        return "."
    prefix = base if base.endswith(os.sep) else base + os.sep
    if not text.startswith(prefix):
        return None
    relative = text[len(prefix) :]
    return relative.replace(os.sep, "/") if os.sep != "/" else relative


class _Ignorer:
    """gitignore rules (nested .gitignore files) and --exclude globs.

    ``exclude`` globs match relative to the walked directory (or the bare name);
    ``anchored`` globs match relative to their own directory, like a .gitignore there
    (the configuration's ``exclude`` is relative to the configuration file).
    """

    def __init__(
        self,
        top: Path,
        exclude: Sequence[str],
        anchored: Sequence[tuple[Path, Sequence[str]]] = (),
        cwd: Path | None = None,
        warnings: list[str] | None = None,
    ) -> None:
        self._top = str(top)
        self._cwd = cwd or top
        self._warnings = warnings
        # --exclude and the configuration's `exclude` are the user's own: a bad glob is exit 2
        self._specs: list[tuple[str, Any]] = [
            (str(anchor), _compile_user_globs(globs)) for anchor, globs in anchored if globs
        ]
        self._exclude = _compile_user_globs(exclude) if exclude else None

    def enter(self, directory: str) -> int:
        """Load ``directory/.gitignore``; returns how many specs to pop when leaving.

        Like git, only a regular file is read (not a symlink, FIFO or device: a FIFO would
        block and /dev/zero never ends), and a line that is not a valid pattern is dropped.
        """
        ignore_file = os.path.join(directory, ".gitignore")
        try:
            info = os.lstat(ignore_file)
        except OSError:
            return 0
        if not stat.S_ISREG(info.st_mode):
            return 0
        shown = display_path(Path(ignore_file), self._cwd)
        if info.st_size > MAX_IGNORE_FILE_BYTES:
            self._warn(f"{shown}: larger than {MAX_IGNORE_FILE_BYTES // 2**20} MiB; not read")
            return 0
        try:
            with open(ignore_file, "rb") as handle:
                data = handle.read(MAX_IGNORE_FILE_BYTES + 1)
        except OSError:
            return 0
        spec, bad = _compile(data.decode("utf-8", errors="replace").splitlines())
        if bad:
            numbers = ", ".join(str(n) for n in bad[:5]) + (", ..." if len(bad) > 5 else "")
            self._warn(f"{shown}: invalid patterns ignored (line {numbers})")
        self._specs.append((directory, spec))
        return 1

    def _warn(self, message: str) -> None:
        if self._warnings is not None:
            self._warnings.append(message)

    def leave(self, count: int) -> None:
        for _ in range(count):
            self._specs.pop()

    def ignored(self, path: str, name: str, is_dir: bool) -> bool:
        """Whether the absolute ``path`` (its last component ``name``) is ignored."""
        suffix = "/" if is_dir else ""
        if self._exclude is not None:
            rel = _relative(path, self._top)
            if rel is None:
                rel = Path(path).as_posix()
            if self._exclude.match_file(rel + suffix) or self._exclude.match_file(name + suffix):
                return True
        for base, spec in self._specs:
            rel = _relative(path, base)
            if rel is not None and spec.match_file(rel + suffix):
                return True
        return False


def _compile(lines: Sequence[str]) -> tuple[Any, list[int]]:
    """A gitignore spec of ``lines`` (git's own matching rules) and the 1-based numbers of
    the lines that are not valid patterns (left out of the spec)."""
    try:
        return _spec(lines), []
    except (ValueError, re.error):
        pass
    good: list[str] = []
    bad: list[int] = []
    for number, line in enumerate(lines, 1):
        try:
            _spec([line])
        except (ValueError, re.error):
            bad.append(number)
        else:
            good.append(line)
    return _spec(good), bad


def _spec(lines: Sequence[str]) -> Any:
    """pathspec's GitIgnoreSpec, matched by its fastest backend (RE2, one set of every pattern,
    from ``pathspec[re2]``: a 130-line .gitignore costs a walk of 20,000 files ~1.4 s with
    the pure-Python backend, ~0.05 s with RE2), or by the pure-Python one when that backend
    is missing or cannot take a (valid) pattern.  Raises ValueError or re.error for an
    invalid pattern."""
    import pathspec

    if sum(1 for line in lines if line.strip() and not line.startswith("#")) >= _FAST_BACKEND_PATTERNS:
        try:
            return pathspec.GitIgnoreSpec.from_lines(lines)  # the best backend installed
        except Exception:
            pass  # an invalid line (the pure-Python backend says so below) or RE2 refusing one
    return pathspec.GitIgnoreSpec.from_lines(lines, backend="simple")


def _compile_user_globs(globs: Sequence[str]) -> Any:
    spec, bad = _compile(list(globs))
    if bad:
        raise ScopelintError(f"invalid exclude pattern {globs[bad[0] - 1]!r}")
    return spec


def _gitignores_above(directory: Path, ignorer: _Ignorer) -> None:
    """Load .gitignore files from the repository root down to ``directory``'s parent.

    Nothing is loaded when ``directory`` is itself a repository's top: the ignore files of
    a repository around it do not apply to a nested repository.
    """
    if (directory / ".git").exists():
        return
    chain: list[Path] = []
    current = directory.parent
    while True:
        chain.append(current)
        if (current / ".git").exists() or current.parent == current:
            break
        current = current.parent
    if not (chain[-1] / ".git").exists():
        return
    for folder in reversed(chain):
        ignorer.enter(str(folder))


def discover(
    paths: Sequence[Path],
    cwd: Path,
    exclude: Sequence[str] = (),
    warnings: list[str] | None = None,
    anchored_exclude: Sequence[tuple[Path, Sequence[str]]] = (),
) -> Iterator[DiscoveredFile]:
    """Yield each file to read once; missing arguments raise ScopelintError (exit 2).

    ``exclude`` globs match relative to each directory argument; each
    ``(directory, globs)`` of ``anchored_exclude`` matches relative to that directory.
    """
    seen: set[str] = set()
    for given in paths:
        absolute = given if given.is_absolute() else cwd / given
        try:
            info = os.stat(absolute)
        except FileNotFoundError:
            raise ScopelintError(f"{given}: no such file or directory") from None
        except OSError as exc:
            raise ScopelintError(f"{given}: cannot read ({exc.strerror or exc})") from None
        if stat.S_ISDIR(info.st_mode):
            ignorer = _Ignorer(absolute, exclude, anchored_exclude, cwd, warnings)
            _gitignores_above(absolute, ignorer)
            yield from _walk(str(absolute), cwd, ignorer, seen, warnings)
        elif str(absolute) not in seen:
            seen.add(str(absolute))
            yield DiscoveredFile(absolute, display_path(absolute, cwd), explicit=True)


def _walk(
    top: str,
    cwd: Path,
    ignorer: _Ignorer,
    seen: set[str],
    warnings: list[str] | None,
) -> Iterator[DiscoveredFile]:
    """The files under the folder ``top`` (absolute), each folder's files in name order before
    its subfolders (in name order); strings throughout, one ``scandir`` per folder and no
    ``stat`` of a file (the kind of entry comes with the listing)."""
    base = str(cwd).rstrip(os.sep) + os.sep
    pending: list[tuple[str, int]] = [(top, -1)]  # (folder, ignore specs to pop) stack
    while pending:
        folder, pushed = pending.pop()
        if pushed >= 0:  # leaving a folder whose subfolders are done
            ignorer.leave(pushed)
            continue
        pushed = ignorer.enter(folder)
        pending.append((folder, pushed))
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=_name)
        except OSError as exc:
            if warnings is not None:
                shown = display_path(Path(folder), cwd)
                warnings.append(f"{shown}: cannot list ({exc.strerror or exc}); skipped")
            continue
        if folder != top and any(entry.name == CACHEDIR_TAG for entry in entries) \
                and is_tagged_cache(folder):
            continue  # a cache folder (scopelint's own, cargo's...): never linted
        subfolders: list[str] = []
        for entry in entries:
            path, name = entry.path, entry.name
            try:
                if entry.is_symlink():
                    continue
                if entry.is_dir(follow_symlinks=False):
                    if name in SKIP_DIRS or os.path.exists(os.path.join(path, "pyvenv.cfg")):
                        continue
                    if not ignorer.ignored(path, name, is_dir=True):
                        subfolders.append(path)
                    continue
                if not entry.is_file(follow_symlinks=False):
                    continue  # FIFO, socket, device
            except OSError:
                continue
            if path in seen or ignorer.ignored(path, name, is_dir=False):
                continue
            seen.add(path)
            if path.startswith(base):
                display = path[len(base) :]
                if os.sep != "/":
                    display = display.replace(os.sep, "/")
            else:
                display = display_path(Path(path), cwd)
            yield DiscoveredFile(path, display, explicit=False)
        pending.extend((subfolder, -1) for subfolder in reversed(subfolders))


def _name(entry: os.DirEntry[str]) -> str:
    return entry.name
