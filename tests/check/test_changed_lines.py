"""Changed lines since a revision, from a real temporary git repository."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from scopelint.check.changed_lines import changed_lines, filter_to_changed
from scopelint.errors import ScopelintError
from scopelint.model import Finding, Location, Severity

ORIGINAL = "".join(f"line {n}\n" for n in range(1, 7))


def git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    done = subprocess.run(
        ["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True
    )
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    # settings a user may have that would break naive diff parsing
    for key, value in [
        ("diff.noprefix", "true"),
        ("diff.mnemonicPrefix", "true"),
        ("color.ui", "always"),
        ("core.quotepath", "true"),
    ]:
        git(root, "config", key, value)
    (root / "a.py").write_text(ORIGINAL)
    (root / "sub").mkdir()
    (root / "sub" / "b.py").write_text(ORIGINAL)
    (root / "gone.py").write_text(ORIGINAL)
    (root / "old_name.py").write_text(ORIGINAL * 3)
    (root / ".gitignore").write_text("*.log\n")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "initial")
    return root


def test_modified_inserted_and_deleted_lines(repo: Path) -> None:
    lines = ORIGINAL.splitlines(keepends=True)
    # modify line 2, insert two lines after line 4, delete line 6
    new = [lines[0], "line 2 changed\n", lines[2], lines[3], "new a\n", "new b\n", lines[4]]
    (repo / "a.py").write_text("".join(new))
    (repo / "gone.py").unlink()
    changed = changed_lines("HEAD", repo)
    assert changed == {"a.py": {2, 5, 6}}


def test_staged_changes_and_untracked_files_count(repo: Path) -> None:
    (repo / "sub" / "b.py").write_text(ORIGINAL.replace("line 3", "line three"))
    git(repo, "add", "sub/b.py")
    (repo / "new.py").write_text("one\ntwo\nthree")  # no final newline: still 3 lines
    (repo / "debug.log").write_text("ignored\n")
    assert changed_lines("HEAD", repo) == {"sub/b.py": {3}, "new.py": {1, 2, 3}}


def test_paths_are_relative_to_cwd(repo: Path) -> None:
    (repo / "a.py").write_text(ORIGINAL.replace("line 1", "line one"))
    (repo / "sub" / "b.py").write_text(ORIGINAL.replace("line 6", "line six"))
    (repo / "sub" / "c.py").write_text("x\n")
    assert changed_lines("HEAD", repo / "sub") == {
        "../a.py": {1},
        "b.py": {6},
        "c.py": {1},
    }


def test_unusual_file_names(repo: Path) -> None:
    odd = 'dir with space/naïve "q".py'
    (repo / "dir with space").mkdir()
    (repo / odd).write_text(ORIGINAL)
    git(repo, "add", odd)
    git(repo, "commit", "-q", "-m", "odd")
    (repo / odd).write_text(ORIGINAL.replace("line 4", "line four"))
    (repo / "ünïcode new.py").write_text("a\nb\n")
    assert changed_lines("HEAD", repo) == {odd: {4}, "ünïcode new.py": {1, 2}}


def test_renamed_file_counts_only_edited_lines(repo: Path) -> None:
    git(repo, "mv", "old_name.py", "new_name.py")
    content = (repo / "new_name.py").read_text().splitlines(keepends=True)
    content[9] = "edited\n"
    (repo / "new_name.py").write_text("".join(content))
    assert changed_lines("HEAD", repo) == {"new_name.py": {10}}


def test_older_revision_and_nothing_changed(repo: Path) -> None:
    assert changed_lines("HEAD", repo) == {}
    (repo / "a.py").write_text(ORIGINAL + "line 7\n")
    git(repo, "commit", "-q", "-am", "more")
    assert changed_lines("HEAD", repo) == {}
    assert changed_lines("HEAD~1", repo) == {"a.py": {7}}


def test_bad_revision_is_a_one_line_user_error(repo: Path) -> None:
    with pytest.raises(ScopelintError) as info:
        changed_lines("no-such-branch", repo)
    message = str(info.value)
    assert "no-such-branch" in message
    assert "\n" not in message


def test_option_like_revision_is_refused(repo: Path) -> None:
    with pytest.raises(ScopelintError, match="not a git revision"):
        changed_lines("--output=/tmp/x", repo)


def test_outside_a_repository_is_a_user_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    with pytest.raises(ScopelintError, match="git rev-parse failed") as info:
        changed_lines("HEAD", plain)
    assert "\n" not in str(info.value)


def _finding(path: str, line: int, end_line: int | None = None) -> Finding:
    return Finding("SL002", "missing-scopes", Severity.ERROR, Location(path, line, 1, end_line), "m")


def test_filter_to_changed_keeps_findings_on_changed_lines() -> None:
    changed = {"a.py": {2, 5}, "sub/b.py": {1}}
    on_changed = _finding("a.py", 5)
    spanning = _finding("a.py", 3, 6)  # a multi-line call whose line 5 changed
    dotted = _finding("./sub/b.py", 1)
    findings = [
        _finding("a.py", 1),
        on_changed,
        spanning,
        dotted,
        _finding("c.py", 2),
        _finding("sub/b.py", 2),
    ]
    assert filter_to_changed(findings, changed) == [on_changed, spanning, dotted]
