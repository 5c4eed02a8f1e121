"""End to end through the real pre-commit: the hook as a user's `.pre-commit-config.yaml` uses it.

pre-commit clones this repository at its HEAD commit, pip-installs it into the hook's
environment (this needs the package registry) and runs the hook on the files given.  So what
is tested is what is committed: uncommitted edits in the working tree do not matter.

`pre-commit try-repo` would do the same, but it builds the environment in a throwaway store
on every call (it ignores PRE_COMMIT_HOME), so this test writes the configuration try-repo
would write and runs `pre-commit run`, with PRE_COMMIT_HOME shared by the session: the
environment is built once for both runs.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from precommit_helpers import clean_env, git

pytestmark = pytest.mark.precommit_e2e  # registered in conftest.py; deselect with -m "not precommit_e2e"

REPO_ROOT = Path(__file__).resolve().parents[2]

BAD = "curl --user \"$EMAIL:$TOKEN\" 'https://acme.atlassian.net/rest/api/3/issue/PPT-28'\n"
CLEAN = 'curl -H "Authorization: Bearer $TOKEN" "https://api.atlassian.com/ex/jira/$CLOUD_ID/rest/api/3/myself"\n'


def head_of_this_repository() -> str:
    try:
        return git(REPO_ROOT, "rev-parse", "--verify", "HEAD").strip()
    except (subprocess.CalledProcessError, FileNotFoundError):
        pytest.skip(f"{REPO_ROOT} is not a git checkout (pre-commit installs hooks from git)")


def pre_commit_run(repo: Path, home: Path, *files: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "scopelint", "--color", "never", "--files", *files],
        cwd=repo,
        env=clean_env(PRE_COMMIT_HOME=str(home)),
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


@pytest.fixture
def hooked_repo(repo: Path) -> Path:
    config = (
        "repos:\n"
        f"  - repo: {REPO_ROOT.as_posix()}\n"
        f"    rev: {head_of_this_repository()}\n"
        "    hooks:\n"
        "      - id: scopelint\n"
    )
    (repo / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    (repo / "fetch-issue.sh").write_text(BAD, encoding="utf-8")
    (repo / "whoami.sh").write_text(CLEAN, encoding="utf-8")
    return repo


def test_hook_fails_on_a_finding_and_passes_on_a_clean_file(
    hooked_repo: Path, pre_commit_home: Path
) -> None:
    failed = pre_commit_run(hooked_repo, pre_commit_home, "fetch-issue.sh")
    passed = pre_commit_run(hooked_repo, pre_commit_home, "whoami.sh")

    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "scopelint" in failed.stdout and "Failed" in failed.stdout
    assert "fetch-issue.sh:1:" in failed.stdout
    assert "SL001 [hardcoded-site-url]" in failed.stdout
    assert "whoami.sh" not in failed.stdout  # only the file pre-commit passed

    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout
    assert "SL0" not in passed.stdout
