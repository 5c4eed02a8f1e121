"""`check --fix` on a Forge app whose manifest has no `permissions.scopes` yet: it adds the
block, granular scopes by default (as `suggest` chooses), classic ones with `--prefer classic`;
the rest of the manifest stays byte for byte, and a second run changes nothing."""

from __future__ import annotations

import json
from contextlib import chdir
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from scopelint.cli.main import cli

MANIFEST = """\
# Release helper: an issue panel
modules:
  jira:issuePanel:
    - key: release-panel
      resource: main
      title: Release   # shown on the issue
app:
  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000
"""

INDEX_JS = """\
import api, { route } from '@forge/api';
export async function show(key) {
  return api.asUser().requestJira(route`/rest/api/3/issue/${key}`);
}
export async function note(key, body) {
  return api.asApp().requestJira(route`/rest/api/3/issue/${key}/comment`, { method: 'POST', body });
}
"""

GRANULAR = [
    "read:avatar:jira", "read:comment.property:jira", "read:comment:jira",
    "read:field-configuration:jira", "read:group:jira", "read:issue-meta:jira",
    "read:issue-security-level:jira", "read:issue.changelog:jira", "read:issue.vote:jira",
    "read:issue:jira", "read:project-role:jira", "read:project:jira", "read:status:jira",
    "read:user:jira", "write:comment:jira",
]


def run(tree: Path, *args: str) -> Result:
    with chdir(tree):
        return CliRunner().invoke(cli, ["check", *args], catch_exceptions=False)


@pytest.fixture()
def forge_app(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "manifest.yml").write_text(MANIFEST, encoding="utf-8")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "index.js").write_text(INDEX_JS, encoding="utf-8")
    return tmp_path


def block(scopes: list[str]) -> str:
    return "permissions:\n  scopes:\n" + "".join(f"    - {scope}\n" for scope in scopes)


def test_fix_adds_a_block_of_granular_scopes_by_default(forge_app: Path) -> None:
    result = run(forge_app, "--fix", ".")

    assert result.exit_code == 0, result.output
    assert (forge_app / "manifest.yml").read_text(encoding="utf-8") == MANIFEST + block(GRANULAR)


def test_the_block_is_what_suggest_chooses(forge_app: Path) -> None:
    with chdir(forge_app):
        suggested = CliRunner().invoke(cli, ["suggest", "--from", "src", "--format", "json"])

    assert json.loads(suggested.stdout)["scopes"] == GRANULAR


def test_prefer_classic_adds_classic_scopes(forge_app: Path) -> None:
    result = run(forge_app, "--fix", "--prefer", "classic", ".")

    assert result.exit_code == 0, result.output
    assert (forge_app / "manifest.yml").read_text(encoding="utf-8") == MANIFEST + block(
        ["read:jira-work", "write:jira-work"]
    )


def test_a_second_run_changes_nothing(forge_app: Path) -> None:
    run(forge_app, "--fix", ".")
    fixed = (forge_app / "manifest.yml").read_bytes()

    again = run(forge_app, "--fix", ".")

    assert again.exit_code == 0
    assert (forge_app / "manifest.yml").read_bytes() == fixed


def test_diff_shows_the_block_and_writes_nothing(forge_app: Path) -> None:
    result = run(forge_app, "--fix", "--diff", "--prefer", "classic", ".")

    assert "+permissions:\n+  scopes:\n+    - read:jira-work\n+    - write:jira-work\n" in result.output
    assert (forge_app / "manifest.yml").read_text(encoding="utf-8") == MANIFEST


def test_a_manifest_with_scopes_keeps_its_closest_alternative_unless_prefer_says(
    forge_app: Path,
) -> None:
    (forge_app / "manifest.yml").write_text(MANIFEST + block(["read:jira-work"]), encoding="utf-8")

    run(forge_app, "--fix", ".")
    assert (forge_app / "manifest.yml").read_text(encoding="utf-8") == MANIFEST + block(
        ["read:jira-work", "write:jira-work"]
    )

    (forge_app / "manifest.yml").write_text(MANIFEST + block(["read:jira-work"]), encoding="utf-8")
    run(forge_app, "--fix", "--prefer", "granular", ".")
    text = (forge_app / "manifest.yml").read_text(encoding="utf-8")
    assert "write:comment:jira" in text and "write:jira-work" not in text


def test_prefer_is_a_choice(forge_app: Path) -> None:
    result = run(forge_app, "--fix", "--prefer", "fewest", ".")
    assert result.exit_code == 2
