"""What a hook run reports: findings on the files pre-commit passed, in a few short lines.

pre-commit runs `scopelint check FILE...` with the staged files that match the hook.  The
declarations governing those files (a Forge manifest.yml above them) are read for their
scopes, but their own problems belong to a run that was given them.
"""

from __future__ import annotations

from contextlib import chdir
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from scopelint.cli.main import cli

MANIFEST = """\
app:
  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000
permissions:
  scopes:
    - read:jira-user
    - not:a-real:scope
"""

APP_JS = """\
import api, { route } from "@forge/api";

export async function issue(key) {
  const response = await api.asApp().requestJira(route`/rest/api/3/issue/${key}`);
  return response.json();
}
"""


@pytest.fixture
def forge_app(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()  # the project's top: no configuration above it is read
    (tmp_path / "manifest.yml").write_text(MANIFEST, encoding="utf-8")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "app.js").write_text(APP_JS, encoding="utf-8")
    return tmp_path


def check(root: Path, *args: str) -> Result:
    with chdir(root):
        return CliRunner().invoke(cli, ["check", *args], catch_exceptions=False)


def test_only_the_passed_file_is_reported_under_its_manifest(forge_app: Path) -> None:
    result = check(forge_app, "src/app.js")

    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("src/app.js:4:")
    assert "SL002 [missing-scopes]" in lines[0]
    assert "manifest.yml declares" in lines[0]  # the manifest governed the call
    assert "manifest.yml:" not in result.stdout  # but its unknown scope is not reported
    assert "SL006" not in result.stdout


def test_the_manifest_is_reported_when_it_is_passed_too(forge_app: Path) -> None:
    """The other half: the unknown scope is a real finding, for a run that was given the file."""
    result = check(forge_app, "manifest.yml", "src/app.js")

    assert result.exit_code == 1
    assert "manifest.yml:6:" in result.stdout
    assert "SL006 [unknown-scope]" in result.stdout
    assert "not:a-real:scope" in result.stdout


def test_hook_output_is_one_line_per_finding_then_a_summary(forge_app: Path) -> None:
    result = check(forge_app, "src/app.js")

    assert result.stdout.splitlines()[1:] == [
        "SL002 missing-scopes: https://github.com/scopelint/scopelint/blob/main/docs/rules.md#sl002-missing-scopes",
        "Found 1 problem (1 error) in 1 file, 1 scanned; 1 call resolved, 0 unresolved. "
        "1 fixable with --fix.",
    ]
    assert result.stderr == ""


def test_a_clean_file_prints_one_line(forge_app: Path) -> None:
    (forge_app / "src" / "util.js").write_text("export const answer = 42;\n", encoding="utf-8")

    result = check(forge_app, "src/util.js")

    assert result.exit_code == 0
    assert result.stdout.splitlines() == ["All checks passed (1 file, 0 calls resolved, 0 unresolved)."]
