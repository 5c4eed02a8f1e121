"""The OAuth 2.0 fixture trees of SL006 (one per way an app writes its scopes): each typo's
finding names the scope it most likely means, and each uncovered call names what is missing.
(tests/rules/test_rule_fixtures.py checks that exactly the marked findings are reported.)"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures" / "SL006"

# tree -> (the SL006 message, the SL002 missing scopes of the closest alternative)
EXPECTED = {
    "bad-oauth-python": ("unknown scope 'offline-access'; did you mean offline_access?",
                         ["write:jira-work"]),
    "bad-oauth-url-parts": ("unknown scope 'read:jira-wrok'; did you mean read:jira-work?",
                            ["read:jira-work"]),
    "bad-oauth-authlib": ("unknown scope 'read:jira-usr'; did you mean read:jira-user?",
                          ["read:jira-user"]),
    "bad-oauth-ts": ("unknown scope 'offline-access'; did you mean offline_access?",
                     ["manage:servicedesk-customer"]),
    "bad-oauth-object": ("unknown scope 'offline-access'; did you mean offline_access?",
                         ["read:jira-user"]),
    "bad-oauth-passport": ("unknown scope 'read:jira-wrk'; did you mean read:jira-work?",
                           ["read:jira-work"]),
    "bad-oauth-nextauth": ("unknown scope 'offline-access'; did you mean offline_access?",
                           ["write:jira-work"]),
    "bad-oauth-simple-oauth2": (
        "unknown scope 'manage:jira-configuraton'; did you mean manage:jira-configuration?",
        ["manage:jira-configuration"]),
    "bad-oauth-env": ("unknown scope 'wirte:jira-work'; did you mean write:jira-work?",
                      ["write:jira-work"]),
    "bad-oauth-settings": ("unknown scope 'write:jira-wrok'; did you mean write:jira-work?",
                           ["write:jira-work"]),
    "bad-oauth-ci-env": ("unknown scope 'offline_acess'; did you mean offline_access?",
                         ["write:jira-work"]),
    "bad-oauth-json": ("unknown scope 'read:jira-usr'; did you mean read:jira-user?",
                       ["read:jira-user"]),
}


def test_every_oauth_tree_is_listed() -> None:
    trees = {path.name for path in FIXTURES.iterdir() if path.name.startswith("bad-oauth")}
    assert trees == set(EXPECTED)


@pytest.mark.parametrize("tree", sorted(EXPECTED))
def test_typo_and_missing_scope_messages(tree: str, tmp_path: Path) -> None:
    project = tmp_path / tree
    shutil.copytree(FIXTURES / tree, project, ignore=shutil.ignore_patterns("fixture.toml"))
    (project / ".git").mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "scopelint", "check", "--format", "json", "."],
        cwd=project, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)["findings"]
    typo, missing = EXPECTED[tree]
    assert [f["message"] for f in findings if f["code"] == "SL006"] == [typo]
    assert [f["missing_scopes"] for f in findings if f["code"] == "SL002"] == [missing]
