"""Which lines changed since a git revision, to report only findings on new or edited lines.

Lines added or modified in the working tree (staged or not) relative to ``rev`` count, and
so does every line of an untracked, not-ignored file.  Paths are relative to ``cwd``, POSIX.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterable, Sequence
from pathlib import Path

from scopelint.errors import ScopelintError
from scopelint.model import Finding

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")
_C_ESCAPES = {"a": 7, "b": 8, "t": 9, "n": 10, "v": 11, "f": 12, "r": 13, '"': 34, "\\": 92}


def _git(args: list[str], cwd: Path) -> bytes:
    try:
        completed = subprocess.run(
            ["git", "-c", "core.quotepath=off", *args],
            cwd=cwd,
            capture_output=True,
            check=False,
        )
    except FileNotFoundError:
        raise ScopelintError("git is not installed (needed to find changed lines)") from None
    except OSError as exc:
        raise ScopelintError(f"cannot run git in {cwd}: {exc.strerror or exc}") from None
    if completed.returncode != 0:
        message = completed.stderr.decode("utf-8", errors="replace").strip()
        first = message.splitlines()[0] if message else f"exit status {completed.returncode}"
        first = first.removeprefix("fatal: ").removeprefix("error: ")
        raise ScopelintError(f"git {args[0]} failed: {first}")
    return completed.stdout


def _unquote(raw: str) -> str:
    """Undo git's C-style quoting of an unusual path (``"dir/na\\303\\257ve.py"``)."""
    if not (raw.startswith('"') and raw.endswith('"')):
        return raw
    body = raw[1:-1]
    out = bytearray()
    i = 0
    while i < len(body):
        char = body[i]
        if char == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            octal = body[i + 1 : i + 4]
            if len(octal) == 3 and all(c in "01234567" for c in octal):
                out.append(int(octal, 8))
                i += 4
                continue
            out.append(_C_ESCAPES.get(nxt, ord(nxt)))
            i += 2
            continue
        out.extend(char.encode("utf-8"))
        i += 1
    return out.decode("utf-8", errors="surrogateescape")


def parse_diff(diff: str) -> dict[str, set[int]]:
    """New-side line numbers of added/modified lines per repository-relative path."""
    changed: dict[str, set[int]] = {}
    current: set[int] | None = None
    for line in diff.splitlines():
        if line.startswith("+++ "):
            target = _unquote(line[4:].rstrip("\t"))
            if target == "/dev/null" or not target.startswith("b/"):
                current = None
            else:
                current = changed.setdefault(target[2:], set())
        elif line.startswith("@@") and current is not None:
            hunk = _HUNK.match(line)
            if hunk:
                start = int(hunk.group(1))
                count = int(hunk.group(2)) if hunk.group(2) is not None else 1
                current.update(range(start, start + count))
    return changed


def _line_count(path: Path) -> int:
    try:
        data = path.read_bytes()
    except OSError:
        return 0
    return data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)


def _relative_to_cwd(top: Path, repo_path: str, cwd: Path) -> str:
    return Path(os.path.relpath(top / repo_path, cwd)).as_posix()


def repository_top(path: Path) -> Path:
    """The top folder of the git repository holding ``path`` (a file or folder)."""
    folder = path if path.is_dir() else path.parent
    try:
        return Path(_git(["rev-parse", "--show-toplevel"], folder).decode("utf-8").strip())
    except ScopelintError as exc:
        if "not a git repository" in str(exc):
            raise ScopelintError(f"--since: {path} is not in a git repository ({exc})") from None
        raise


def changed_lines(rev: str, cwd: Path, paths: Sequence[Path] = ()) -> dict[str, set[int]]:
    """Changed line numbers per file (relative to ``cwd``, POSIX) since ``rev``, in the
    repository of each of ``paths`` (relative to ``cwd``; none: the working directory's).

    Raises ScopelintError for a path outside any repository and for a revision git does not
    know; in a shallow clone the message says how to fetch the history.
    """
    if not rev or rev.startswith("-"):
        raise ScopelintError(f"not a git revision: {rev!r}")
    cwd = cwd.resolve()
    folders = [(p if p.is_absolute() else cwd / p) for p in paths] or [cwd]
    tops = list(dict.fromkeys(repository_top(folder) for folder in folders))
    changed: dict[str, set[int]] = {}
    for top in tops:
        changed.update(_changed_in(rev, top, cwd))
    return changed


def _changed_in(rev: str, top: Path, cwd: Path) -> dict[str, set[int]]:
    try:
        diff = _git(
            [
                "diff",
                "--unified=0",
                "--no-color",
                "--no-ext-diff",
                "--no-textconv",
                "--find-renames",
                "--no-relative",
                "--src-prefix=a/",
                "--dst-prefix=b/",
                rev,
                "--",
            ],
            top,
        )
    except ScopelintError as exc:
        if _is_shallow(top):
            raise ScopelintError(
                f"--since {rev}: git does not know that revision, and {top.name} is a shallow "
                "clone (only its last commits were fetched); fetch the history first: "
                "`git fetch --unshallow` (GitHub Actions: `fetch-depth: 0` in actions/checkout; "
                f"GitLab CI: GIT_DEPTH: 0) [{exc}]"
            ) from None
        raise
    changed = {
        _relative_to_cwd(top, path, cwd): lines
        for path, lines in parse_diff(diff.decode("utf-8", errors="surrogateescape")).items()
    }
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z", "--full-name"], top)
    for raw in untracked.split(b"\0"):
        if not raw:
            continue
        repo_path = raw.decode("utf-8", errors="surrogateescape")
        count = _line_count(top / repo_path)
        changed[_relative_to_cwd(top, repo_path, cwd)] = set(range(1, count + 1))
    return changed


def _normalise(path: str) -> str:
    posix = path.replace("\\", "/")
    while posix.startswith("./"):
        posix = posix[2:]
    return posix


def filter_to_changed(
    findings: Iterable[Finding], changed: dict[str, set[int]], cwd: Path | None = None
) -> list[Finding]:
    """The findings that touch at least one changed line.  With ``cwd`` (what both kinds of
    path are relative to), ``../repo/a.sh`` and ``/abs/repo/a.sh`` are the same file."""

    def key(path: str) -> str:
        if cwd is None:
            return _normalise(path)
        return os.path.normpath(os.path.join(cwd, path))

    normalised = {key(path): lines for path, lines in changed.items()}
    kept = []
    for finding in findings:
        lines = normalised.get(key(finding.location.path))
        if not lines:
            continue
        loc = finding.location
        last = loc.end_line if loc.end_line is not None and loc.end_line >= loc.line else loc.line
        if any(line in lines for line in range(loc.line, last + 1)):
            kept.append(finding)
    return kept


def _is_shallow(top: Path) -> bool:
    try:
        return _git(["rev-parse", "--is-shallow-repository"], top).strip() == b"true"
    except ScopelintError:
        return False
