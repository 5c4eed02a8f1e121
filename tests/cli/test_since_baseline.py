"""Only what changed: `scopelint check --since REV` and `--baseline` / `--write-baseline`.

Each test works in a temporary git repository (real git, a committer identity of its own)
holding shell scripts whose curl calls go to the site instead of the gateway (SL001, one
finding a call, easy to tell apart by issue key).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from contextlib import chdir
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from scopelint.cli.main import cli


def curl(key: str) -> str:
    return f"curl --user \"$EMAIL:$TOKEN\" 'https://acme.atlassian.net/rest/api/3/issue/{key}'\n"


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    for name in [key for key in os.environ if key.startswith("GIT_")]:
        monkeypatch.delenv(name)  # set when the tests run inside a git hook
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "--quiet")
    git(root, "config", "user.name", "scopelint tests")
    git(root, "config", "user.email", "tests@scopelint.invalid")
    git(root, "config", "commit.gpgsign", "false")
    return root


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "-m", message)


def check(root: Path, *args: str) -> Result:
    with chdir(root):
        return CliRunner().invoke(cli, ["check", "--format", "json", *args], catch_exceptions=False)


def report(result: Result) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def keys_and_lines(result: Result) -> list[tuple[str, int]]:
    """(issue key in the message, line) of every finding."""
    found = []
    for finding in report(result)["findings"]:
        assert finding["code"] == "SL001"
        key = finding["message"].split("/rest/api/3/issue/")[1].split()[0]
        found.append((key, finding["line"]))
    return sorted(found, key=lambda pair: pair[1])


# --------------------------------------------------------------------------- --since


def test_since_reports_only_the_call_added_after_the_revision(repo: Path) -> None:
    script = repo / "sync.sh"
    script.write_text(curl("OLD-1"), encoding="utf-8")
    commit(repo, "one call")
    script.write_text(curl("OLD-1") + "echo next\n" + curl("NEW-2"), encoding="utf-8")

    everything = check(repo, ".")
    since_head = check(repo, "--since", "HEAD", ".")

    assert keys_and_lines(everything) == [("OLD-1", 1), ("NEW-2", 3)]
    assert since_head.exit_code == 1
    assert keys_and_lines(since_head) == [("NEW-2", 3)]


def test_since_an_older_commit_includes_committed_changes(repo: Path) -> None:
    (repo / "a.sh").write_text(curl("OLD-1"), encoding="utf-8")
    commit(repo, "first")
    (repo / "a.sh").write_text(curl("OLD-1") + curl("MID-2"), encoding="utf-8")
    commit(repo, "second")

    assert keys_and_lines(check(repo, "--since", "HEAD~1", ".")) == [("MID-2", 2)]
    assert keys_and_lines(check(repo, "--since", "HEAD", ".")) == []


def test_since_reports_every_line_of_a_new_untracked_file(repo: Path) -> None:
    (repo / "old.sh").write_text(curl("OLD-1"), encoding="utf-8")
    commit(repo, "first")
    (repo / "new.sh").write_text(curl("NEW-1") + curl("NEW-2"), encoding="utf-8")

    assert keys_and_lines(check(repo, "--since", "HEAD", ".")) == [("NEW-1", 1), ("NEW-2", 2)]


def test_since_with_nothing_changed_is_clean(repo: Path) -> None:
    (repo / "a.sh").write_text(curl("OLD-1"), encoding="utf-8")
    commit(repo, "first")

    result = check(repo, "--since", "HEAD", ".")

    assert result.exit_code == 0
    assert report(result)["findings"] == []


def test_since_an_unknown_revision_is_a_one_line_error(repo: Path) -> None:
    (repo / "a.sh").write_text(curl("OLD-1"), encoding="utf-8")
    commit(repo, "first")

    result = check(repo, "--since", "no-such-branch", ".")

    assert result.exit_code == 2
    assert result.stderr.startswith("scopelint: error: ")
    assert len(result.stderr.splitlines()) == 1


# --------------------------------------------------------------------------- baselines


def test_findings_in_the_baseline_are_not_reported_but_new_ones_are(repo: Path) -> None:
    script = repo / "sync.sh"
    script.write_text(curl("OLD-1") + curl("OLD-2"), encoding="utf-8")
    check(repo, "--write-baseline", "baseline.json", ".")

    quiet = check(repo, "--baseline", "baseline.json", ".")
    assert quiet.exit_code == 0
    assert report(quiet)["findings"] == []

    script.write_text(curl("OLD-1") + curl("NEW-3") + curl("OLD-2"), encoding="utf-8")
    loud = check(repo, "--baseline", "baseline.json", ".")
    assert loud.exit_code == 1
    assert keys_and_lines(loud) == [("NEW-3", 2)]


def test_baseline_bytes_do_not_change_when_lines_move(repo: Path) -> None:
    script = repo / "sync.sh"
    script.write_text(curl("OLD-1") + curl("OLD-2"), encoding="utf-8")
    check(repo, "--write-baseline", "before.json", ".")

    script.write_text("#!/bin/sh\nset -eu\n\n# sync issues\n" + curl("OLD-1") + "\n" + curl("OLD-2"))
    moved = check(repo, ".")
    check(repo, "--write-baseline", "after.json", ".")

    assert keys_and_lines(moved) == [("OLD-1", 5), ("OLD-2", 7)]  # the findings did move
    assert (repo / "after.json").read_bytes() == (repo / "before.json").read_bytes()
    assert report(check(repo, "--baseline", "before.json", "."))["findings"] == []


def test_stale_baseline_entries_are_reported_in_the_summary(repo: Path) -> None:
    script = repo / "sync.sh"
    script.write_text(curl("OLD-1") + curl("OLD-2"), encoding="utf-8")
    check(repo, "--write-baseline", "baseline.json", ".")
    script.write_text(curl("OLD-1"), encoding="utf-8")  # OLD-2 fixed

    as_json = check(repo, "--baseline", "baseline.json", ".")
    as_text = check(repo, "--format", "text", "--baseline", "baseline.json", ".")

    assert as_json.exit_code == 0  # a stale entry is news, not a failure
    (stale,) = report(as_json)["summary"]["stale_baseline"]
    assert stale.startswith("sync.sh: SL001 ")
    assert "OLD-2" in stale
    assert as_text.stdout.splitlines()[-1].endswith(" 1 stale baseline entry.")


def test_since_and_baseline_together_report_only_new_unrecorded_findings(repo: Path) -> None:
    script = repo / "sync.sh"
    script.write_text(curl("OLD-1"), encoding="utf-8")
    commit(repo, "first")
    script.write_text(curl("OLD-1") + curl("NEW-2"), encoding="utf-8")
    check(repo, "--write-baseline", "baseline.json", ".")  # records OLD-1 and NEW-2
    script.write_text(curl("OLD-1") + curl("NEW-2") + curl("NEW-3"), encoding="utf-8")

    result = check(repo, "--since", "HEAD", "--baseline", "baseline.json", ".")

    # OLD-1 is on an unchanged line, NEW-2 is changed but recorded: only NEW-3 is left
    assert keys_and_lines(result) == [("NEW-3", 3)]
    # OLD-1 is still there, so its entry is not stale just because its line did not change
    assert report(result)["summary"]["stale_baseline"] == []


def test_write_baseline_with_since_records_every_finding(repo: Path) -> None:
    script = repo / "sync.sh"
    script.write_text(curl("OLD-1"), encoding="utf-8")
    commit(repo, "first")
    script.write_text(curl("OLD-1") + curl("NEW-2"), encoding="utf-8")

    narrowed = check(repo, "--since", "HEAD", ".")
    written = check(repo, "--since", "HEAD", "--write-baseline", "baseline.json", ".")

    assert keys_and_lines(narrowed) == [("NEW-2", 2)]  # the report is narrowed ...
    recorded = json.loads((repo / "baseline.json").read_text(encoding="utf-8"))["fingerprints"]
    assert len(recorded) == 2  # ... the baseline is not
    assert written.stdout == "Wrote 2 entries to baseline.json.\n"
    assert report(check(repo, "--baseline", "baseline.json", "."))["findings"] == []


def test_a_bad_since_revision_writes_no_baseline(repo: Path) -> None:
    (repo / "a.sh").write_text(curl("OLD-1"), encoding="utf-8")
    commit(repo, "first")

    result = check(repo, "--since", "no-such-branch", "--write-baseline", "baseline.json", ".")

    assert result.exit_code == 2
    assert not (repo / "baseline.json").exists()


def test_a_missing_baseline_is_a_one_line_error(repo: Path) -> None:
    (repo / "a.sh").write_text(curl("OLD-1"), encoding="utf-8")

    result = check(repo, "--baseline", "nowhere.json", ".")

    assert result.exit_code == 2
    assert "nowhere.json" in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_a_run_over_some_files_does_not_call_the_rest_of_the_baseline_stale(repo: Path) -> None:
    # a pre-commit run passes only the changed files
    (repo / "a.sh").write_text(curl("A-1"))
    (repo / "b.sh").write_text(curl("B-1"))
    check(repo, "--write-baseline", "bl.json", ".")
    partial = check(repo, "--baseline", "bl.json", "a.sh")
    assert report(partial)["findings"] == []
    assert report(partial)["summary"].get("stale_baseline", []) == []

    (repo / "a.sh").write_text("echo fixed\n")
    fixed = check(repo, "--baseline", "bl.json", "a.sh")
    stale = report(fixed)["summary"]["stale_baseline"]
    assert len(stale) == 1 and stale[0].startswith("a.sh: SL001")


# --------------------------------------------------------------------------- issue #18 item 7


def test_write_baseline_says_what_it_wrote_and_exits_0(repo: Path) -> None:
    (repo / "sync.sh").write_text(curl("OLD-1") + curl("OLD-2") + curl("OLD-3"), encoding="utf-8")

    for fmt in ("text", "json", "sarif"):
        result = check(repo, "--format", fmt, "--write-baseline", "bl.json", ".")
        assert result.exit_code == 0, result.output
        assert result.stdout == "Wrote 3 entries to bl.json.\n"
    (repo / "sync.sh").write_text(curl("OLD-1"), encoding="utf-8")
    assert check(repo, "--write-baseline", "one.json", ".").stdout == "Wrote 1 entry to one.json.\n"


def test_write_baseline_with_output_still_writes_the_report(repo: Path) -> None:
    (repo / "sync.sh").write_text(curl("OLD-1"), encoding="utf-8")

    result = check(repo, "--write-baseline", "bl.json", "--output", "report.json", ".")

    assert result.exit_code == 0
    assert [f["code"] for f in json.loads((repo / "report.json").read_text())["findings"]] == ["SL001"]


def test_entries_of_deleted_files_are_stale(repo: Path) -> None:
    (repo / "a.sh").write_text(curl("A-1"))
    (repo / "b.sh").write_text(curl("B-1"))
    check(repo, "--write-baseline", "bl.json", ".")
    (repo / "b.sh").unlink()

    partial = check(repo, "--baseline", "bl.json", "a.sh")  # b.sh was not named, but it is gone
    full = check(repo, "--baseline", "bl.json", ".")

    for result in (partial, full):
        (stale,) = report(result)["summary"]["stale_baseline"]
        assert stale.startswith("b.sh: SL001")


# --------------------------------------------------------------------------- issue #18 item 8


def test_since_in_a_shallow_clone_says_how_to_fetch_the_history(repo: Path, tmp_path: Path) -> None:
    for n in range(3):
        (repo / "a.sh").write_text(curl(f"OLD-{n}"), encoding="utf-8")
        commit(repo, f"commit {n}")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "--quiet", "--depth", "1", f"file://{repo}", str(clone))

    result = check(clone, "--since", "HEAD~2", ".")

    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "shallow" in lines[0] and "fetch-depth: 0" in lines[0] and "git fetch --unshallow" in lines[0]
    assert "HEAD~2" in lines[0]


def test_since_uses_the_repository_of_the_path_given(repo: Path, tmp_path: Path) -> None:
    (repo / "sync.sh").write_text(curl("OLD-1"), encoding="utf-8")
    commit(repo, "one call")
    (repo / "sync.sh").write_text(curl("OLD-1") + curl("NEW-2"), encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"  # not a repository; or another one
    elsewhere.mkdir()

    from_outside = check(elsewhere, "--since", "HEAD", str(repo))
    relative = check(elsewhere, "--since", "HEAD", "../repo")

    for result in (from_outside, relative):
        assert result.exit_code == 1, result.output
        assert keys_and_lines(result) == [("NEW-2", 2)]


def test_since_on_a_path_outside_any_repository_is_a_one_line_error(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    loose = tmp_path / "loose"
    loose.mkdir()
    (loose / "a.sh").write_text(curl("OLD-1"), encoding="utf-8")

    result = check(loose, "--since", "HEAD", ".")

    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "not in a git repository" in result.stderr
