"""Files found but not read (binary, a FIFO named on the command line) are counted as
skipped, not as checked, in every summary (text, JSON, `calls`, verbose), also when the
result cache answers; exit codes are those of the findings."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from cli_helpers import scopelint, write_tree

APP = 'import requests\nrequests.get("https://api.atlassian.com/ex/jira/1/rest/api/3/myself")\n'
SITE = 'import requests\nrequests.get("https://acme.atlassian.net/rest/api/3/myself")\n'


def project(root: Path, app: str = APP) -> Path:
    root.mkdir()
    write_tree(root, {"app.py": app, ".scopelint.toml": 'scopes = ["read:jira-user"]\n'})
    (root / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)) * 4)
    (root / "dump.py").write_bytes(b"\x00\x01 https://acme.atlassian.net/rest/api/3/issue/X-1")
    return root


def test_binary_files_are_skipped_not_checked(tmp_path: Path) -> None:
    root = project(tmp_path / "p")
    result = scopelint(["check", "--no-cache", "."], root)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().splitlines()[-1] == (
        "All checks passed (2 files, 1 call resolved, 0 unresolved); 2 files skipped."
    )
    data = json.loads(scopelint(["check", "--no-cache", "--format", "json", "."], root).stdout)
    assert (data["summary"]["files"], data["summary"]["files_skipped"]) == (2, 2)


def test_the_cache_remembers_a_skipped_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCOPELINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("SCOPELINT_NO_CACHE", raising=False)
    root = project(tmp_path / "p")
    first = scopelint(["check", "--format", "json", "."], root)
    second = scopelint(["check", "--format", "json", "."], root)
    for run in (first, second):
        summary = json.loads(run.stdout)["summary"]
        assert (summary["files"], summary["files_skipped"]) == (2, 2)


def test_findings_keep_their_exit_code_and_verbose_names_the_skipped(tmp_path: Path) -> None:
    root = project(tmp_path / "p", SITE)
    result = scopelint(["check", "--no-cache", "-v", "."], root)
    assert result.exit_code == 1
    assert result.stdout.strip().splitlines()[-1].endswith("; 2 files skipped.")
    assert "scopelint: skipped 2 files:" in result.stderr
    assert "scopelint:   dump.py (binary file)" in result.stderr
    assert "scopelint:   logo.png (binary file)" in result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_named_fifo_is_skipped_with_a_warning_and_not_counted(tmp_path: Path) -> None:
    root = project(tmp_path / "p")
    os.mkfifo(root / "pipe")
    result = scopelint(["check", "--no-cache", "app.py", "pipe"], root)
    assert result.exit_code == 0, result.output
    assert "pipe: not a regular file; skipped" in result.stderr
    assert result.stdout.strip().splitlines()[-1] == (
        "All checks passed (1 file, 1 call resolved, 0 unresolved); 1 file skipped."
    )
    only = scopelint(["check", "--no-cache", "pipe"], root)
    assert only.exit_code == 0
    assert "no files to check" not in only.stderr  # it was found; it could not be read


def test_calls_counts_the_skipped_apart(tmp_path: Path) -> None:
    root = project(tmp_path / "p")
    result = scopelint(["calls", "."], root)
    assert result.exit_code == 0
    assert result.stdout.strip().splitlines()[-1] == (
        "1 call site in 1 file, 2 scanned (1 resolved, 0 unresolved); 2 files skipped."
    )
