"""Paths named on the command line that an ``exclude`` pattern matches (ruff's rule): they are
checked anyway, with a warning naming the pattern, unless ``--force-exclude`` (what a
pre-commit hook passes, since pre-commit names every staged file) skips them."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from scopelint.scanning.discovery import DiscoveredFile, discover


class ExcludePattern(NamedTuple):  # (a NamedTuple: cheaper to create on every hook run)
    glob: str
    anchor: Path | None  # the folder it is relative to; None: the walked folder or the name
    source: str  # where it was written: "--exclude" or the configuration file


def matches(pattern: ExcludePattern, path: Path, is_dir: bool) -> bool:
    """Whether ``pattern`` (gitignore syntax) excludes the absolute ``path``."""
    import pathspec

    suffix = "/" if is_dir else ""
    try:
        spec = pathspec.GitIgnoreSpec.from_lines([pattern.glob])
    except (ValueError, Exception):  # an invalid glob is reported where the walk compiles it
        return False
    if pattern.anchor is None:
        return bool(spec.match_file(path.name + suffix))
    try:
        relative = Path(os.path.normpath(path)).relative_to(os.path.normpath(pattern.anchor))
    except ValueError:
        return False
    if str(relative) == ".":
        return False
    return bool(spec.match_file(relative.as_posix() + suffix))


def excluded_by(path: Path, is_dir: bool, patterns: Sequence[ExcludePattern]) -> list[ExcludePattern]:
    """The patterns that exclude the absolute ``path``."""
    return [p for p in patterns if matches(p, path, is_dir)]


def named_but_excluded(given: Path | str, hit: Sequence[ExcludePattern]) -> str:
    """The warning for a path named on the command line that ``hit`` excludes."""
    return (
        f"{given}: excluded by {describe(hit[0])}; checked because it was named "
        "(--force-exclude skips it)"
    )


def describe(pattern: ExcludePattern) -> str:
    if pattern.source == "--exclude":
        return f"--exclude {pattern.glob!r}"
    return f"exclude {pattern.glob!r} in {pattern.source}"


def discover_named(
    paths: Sequence[Path],
    cwd: Path,
    patterns: Sequence[ExcludePattern],
    *,
    force_exclude: bool,
    warnings: list[str],
) -> Iterator[DiscoveredFile]:
    """:func:`~scopelint.scanning.discovery.discover` over ``paths``, where a named path that a
    pattern excludes is skipped (``force_exclude``) or checked with a warning; inside a named
    folder the patterns that exclude the folder itself do not apply, the others do."""
    seen: set[str] = set()
    for given in paths:
        absolute = given if given.is_absolute() else cwd / given
        is_dir = absolute.is_dir()
        hit = excluded_by(absolute, is_dir, patterns)
        if hit and force_exclude:
            continue
        if hit:
            warnings.append(named_but_excluded(given, hit))
        kept = [p for p in patterns if p not in hit]
        anchored: dict[Path, list[str]] = {}
        loose: list[str] = []
        for pattern in kept:
            if pattern.anchor is None:
                loose.append(pattern.glob)
            else:
                anchored.setdefault(pattern.anchor, []).append(pattern.glob)
        for found in discover([given], cwd, loose, warnings, list(anchored.items())):
            if found.fspath not in seen:
                seen.add(found.fspath)
                yield found
