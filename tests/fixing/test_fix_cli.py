"""`scopelint check --fix`: what a user sees happen to their files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from scopelint.cli.main import cli

MANIFEST = """\
app:
  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000   # production app
permissions:
  scopes:
    - 'read:jira-work'    # reading issues
    - write:confluence-content
modules: {}
"""

INDEX_JS = """\
import api, { route } from '@forge/api';
export async function drop(key) {
  return api.asApp().requestJira(route`/rest/api/3/issue/${key}`, { method: 'DELETE' });
}
export async function show(key) {
  return api.asApp().requestJira(route`/rest/api/3/issue/${key}`);
}
"""

CLOUD_ID = "11111111-2222-3333-4444-555555555555"


def run(tree: Path, *args: str) -> Result:
    cwd = os.getcwd()
    os.chdir(tree)
    try:
        return CliRunner().invoke(cli, ["check", *args], catch_exceptions=False)
    finally:
        os.chdir(cwd)


@pytest.fixture()
def forge_app(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "manifest.yml").write_text(MANIFEST)
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "index.js").write_text(INDEX_JS)
    return tmp_path


def test_safe_fix_adds_only_the_missing_scope_and_keeps_everything_else(forge_app: Path) -> None:
    before = run(forge_app, ".")
    assert before.exit_code == 1 and "SL002" in before.output

    result = run(forge_app, "--fix", ".")
    expected = MANIFEST.replace(
        "    - write:confluence-content\n",
        "    - write:confluence-content\n    - write:jira-work\n",
    )
    assert (forge_app / "manifest.yml").read_text() == expected
    assert "SL002" not in result.output
    assert ". 1 fixed (1 fixable with --unsafe-fixes)." in result.output
    # the unsafe finding (an unused scope) remains and keeps the exit code at 1
    assert "SL003" in result.output and result.exit_code == 1


def test_fix_is_idempotent(forge_app: Path) -> None:
    run(forge_app, "--fix", ".")
    once = (forge_app / "manifest.yml").read_bytes()
    second = run(forge_app, "--fix", ".")
    assert (forge_app / "manifest.yml").read_bytes() == once
    assert " 0 fixed" in second.output and " 1 fixed" not in second.output


def test_diff_prints_the_change_and_writes_nothing(forge_app: Path) -> None:
    result = run(forge_app, "--fix", "--diff", ".")
    assert (forge_app / "manifest.yml").read_text() == MANIFEST
    assert "+    - write:jira-work" in result.output
    assert "--- a/manifest.yml" in result.output


def test_unsafe_fixes_also_remove_unused_scopes(forge_app: Path) -> None:
    result = run(forge_app, "--fix", "--unsafe-fixes", ".")
    assert result.exit_code == 0, result.output
    assert (forge_app / "manifest.yml").read_text() == MANIFEST.replace(
        "    - write:confluence-content\n", "    - write:jira-work\n"
    )
    assert result.stdout.splitlines()[-1] == (
        "All checks passed (2 files, 2 calls resolved, 0 unresolved). 2 fixed."
    )


def test_fix_keeps_toml_formatting_and_file_order(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    config = (
        "# token for the nightly export\n"
        "scopes = [\n"
        "    \"write:jira-work\",  # comments\n"
        "    \"read:jira-user\",\n"
        "]\n"
        "ignore = [\"SL001\"]\n"
    )
    (tmp_path / ".scopelint.toml").write_text(config)
    (tmp_path / "export.py").write_text(
        "import requests\n"
        "requests.get('https://api.atlassian.com/ex/jira/x/rest/api/3/issue/' + key)\n"
    )
    run(tmp_path, "--fix", ".")
    text = (tmp_path / ".scopelint.toml").read_text()
    # unsorted list: the new scope is appended, everything else byte for byte the same
    assert text == config.replace(
        '    "read:jira-user",\n', '    "read:jira-user",\n    "read:jira-work",\n'
    )


def test_unsafe_fix_rewrites_jira_and_confluence_site_urls_when_the_cloud_id_is_known(
    tmp_path: Path,
) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".scopelint.toml").write_text(
        'scopes = ["read:jira-work", "read:page:confluence"]\n\n'
        f'[sites]\n"acme.atlassian.net" = "{CLOUD_ID}"\n'
    )
    script = (
        "#!/bin/sh\n"
        "curl -s 'https://acme.atlassian.net/rest/api/3/issue/PPT-28'\n"
        "curl -s 'https://acme.atlassian.net/wiki/api/v2/pages/123'\n"
    )
    (tmp_path / "fetch.sh").write_text(script)
    safe_only = run(tmp_path, "--fix", ".")
    assert (tmp_path / "fetch.sh").read_text() == script  # a URL rewrite is not a safe fix
    assert "SL001" in safe_only.output

    result = run(tmp_path, "--fix", "--unsafe-fixes", ".")
    assert (tmp_path / "fetch.sh").read_text() == (
        "#!/bin/sh\n"
        f"curl -s 'https://api.atlassian.com/ex/jira/{CLOUD_ID}/rest/api/3/issue/PPT-28'\n"
        f"curl -s 'https://api.atlassian.com/ex/confluence/{CLOUD_ID}/wiki/api/v2/pages/123'\n"
    )
    assert "SL001" not in result.output


def test_without_a_known_cloud_id_the_finding_says_how_to_get_one(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "fetch.sh").write_text("curl 'https://acme.atlassian.net/rest/api/3/myself'\n")
    result = run(tmp_path, "--fix", "--unsafe-fixes", ".")
    assert "scopelint cloud-id acme.atlassian.net" in result.output
    assert (tmp_path / "fetch.sh").read_text() == "curl 'https://acme.atlassian.net/rest/api/3/myself'\n"


def test_a_declaration_that_cannot_be_parsed_is_left_untouched(forge_app: Path) -> None:
    broken = MANIFEST + "  bad: [unclosed\n"
    (forge_app / "manifest.yml").write_text(broken)
    result = run(forge_app, "--fix", ".")
    assert (forge_app / "manifest.yml").read_text() == broken
    assert "Traceback" not in result.output
