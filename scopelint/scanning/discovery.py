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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scopelint.errors import ScopelintError

SKIP_DIRS = frozenset(
    {
        ".git", ".hg", ".svn", "node_modules", "bower_components", "__pycache__", ".mypy_cache",
        ".ruff_cache", ".pytest_cache", ".tox", ".nox", ".venv", "venv", ".eggs", ".hypothesis",
        ".idea", ".vscode", ".next", ".nuxt", ".gradle", ".terraform", "site-packages",
    }
)


MAX_IGNORE_FILE_BYTES = 1024 * 1024  # no hand-written .gitignore is larger


@dataclass(frozen=True, slots=True)
class DiscoveredFile:
    path: Path  # absolute
    display: str  # relative to the working directory where possible, POSIX separators
    explicit: bool  # named on the command line


def display_path(path: Path, cwd: Path) -> str:
    text, base = str(path), str(cwd).rstrip(os.sep)
    if text.startswith(base) and len(text) > len(base) + 1 and text[len(base)] == os.sep:
        relative = text[len(base) + 1 :]  # what relative_to gives, without its parsing
        return relative.replace(os.sep, "/") if os.sep != "/" else relative
    try:
        return path.relative_to(cwd).as_posix()
    except ValueError:
        return path.as_posix()


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
        self._top = top
        self._cwd = cwd or top
        self._warnings = warnings
        # --exclude and the configuration's `exclude` are the user's own: a bad glob is exit 2
        self._specs: list[tuple[Path, Any]] = [
            (anchor, _compile_user_globs(globs)) for anchor, globs in anchored if globs
        ]
        self._exclude = _compile_user_globs(exclude) if exclude else None

    def enter(self, directory: Path) -> int:
        """Load ``directory/.gitignore``; returns how many specs to pop when leaving.

        Like git, only a regular file is read (not a symlink, FIFO or device: a FIFO would
        block and /dev/zero never ends), and a line that is not a valid pattern is dropped.
        """
        ignore_file = directory / ".gitignore"
        try:
            info = os.lstat(ignore_file)
        except OSError:
            return 0
        if not stat.S_ISREG(info.st_mode):
            return 0
        shown = display_path(ignore_file, self._cwd)
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

    def ignored(self, path: Path, is_dir: bool) -> bool:
        suffix = "/" if is_dir else ""
        if self._exclude is not None:
            try:
                rel = path.relative_to(self._top).as_posix()
            except ValueError:
                rel = path.as_posix()
            if self._exclude.match_file(rel + suffix) or self._exclude.match_file(path.name + suffix):
                return True
        for base, spec in self._specs:
            try:
                rel = path.relative_to(base).as_posix()
            except ValueError:
                continue
            if spec.match_file(rel + suffix):
                return True
        return False


def _compile(lines: Sequence[str]) -> tuple[Any, list[int]]:
    """A gitignore spec of ``lines`` (git's own matching rules) and the 1-based numbers of
    the lines that are not valid patterns (left out of the spec)."""
    import pathspec

    try:
        return pathspec.GitIgnoreSpec.from_lines(lines), []
    except (ValueError, re.error):
        pass
    good: list[str] = []
    bad: list[int] = []
    for number, line in enumerate(lines, 1):
        try:
            pathspec.GitIgnoreSpec.from_lines([line])
        except (ValueError, re.error):
            bad.append(number)
        else:
            good.append(line)
    return pathspec.GitIgnoreSpec.from_lines(good), bad


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
        ignorer.enter(folder)


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
    seen: set[Path] = set()
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
            yield from _walk(absolute, cwd, ignorer, seen, warnings)
        elif absolute not in seen:
            seen.add(absolute)
            yield DiscoveredFile(absolute, display_path(absolute, cwd), explicit=True)


def _walk(
    top: Path,
    cwd: Path,
    ignorer: _Ignorer,
    seen: set[Path],
    warnings: list[str] | None,
) -> Iterator[DiscoveredFile]:
    pushed = ignorer.enter(top)
    try:
        try:
            entries = sorted(os.scandir(top), key=lambda e: e.name)
        except OSError as exc:
            if warnings is not None:
                warnings.append(f"{display_path(top, cwd)}: cannot list ({exc.strerror or exc}); skipped")
            return
        subdirs: list[Path] = []
        for entry in entries:
            path = Path(entry.path)
            try:
                if entry.is_symlink():
                    continue
                if entry.is_dir(follow_symlinks=False):
                    if entry.name in SKIP_DIRS or (path / "pyvenv.cfg").exists():
                        continue
                    if not ignorer.ignored(path, is_dir=True):
                        subdirs.append(path)
                    continue
                if not entry.is_file(follow_symlinks=False):
                    continue  # FIFO, socket, device
            except OSError:
                continue
            if path in seen or ignorer.ignored(path, is_dir=False):
                continue
            seen.add(path)
            yield DiscoveredFile(path, display_path(path, cwd), explicit=False)
        for subdir in subdirs:
            yield from _walk(subdir, cwd, ignorer, seen, warnings)
    finally:
        ignorer.leave(pushed)
