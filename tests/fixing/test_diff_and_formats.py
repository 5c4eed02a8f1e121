"""--diff means "show what --fix would change" (as in ruff), machine formats keep stdout a valid
report, and --unsafe-fixes alone is refused (issue #18 item 6)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from test_fix_cli import CLOUD_ID, INDEX_JS, MANIFEST, run

from scopelint.cli.main import cli

SCRIPT = 'import requests\nrequests.get("https://acme.atlassian.net/rest/api/3/myself")\n'


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "manifest.yml").write_text(MANIFEST)
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "index.js").write_text(INDEX_JS)
    (tmp_path / "tools").mkdir()
    (tmp_path / ".scopelint.toml").write_text(f'[sites]\n"acme.atlassian.net" = "{CLOUD_ID}"\n')
    (tmp_path / "tools" / ".scopelint.toml").write_text('scopes = ["read:jira-user"]\n')
    (tmp_path / "tools" / "whoami.py").write_text(SCRIPT)
    return tmp_path


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def run_split(root: Path, *args: str) -> Result:
    import os

    cwd = os.getcwd()
    os.chdir(root)
    try:
        return CliRunner().invoke(cli, ["check", *args], catch_exceptions=False)
    finally:
        os.chdir(cwd)


@pytest.mark.parametrize("fmt", ["json", "sarif", "gitlab", "rdjson"])
def test_machine_formats_keep_stdout_a_valid_document_with_diff(fmt: str, project: Path) -> None:
    before = snapshot(project)

    result = run_split(project, "--fix", "--unsafe-fixes", "--diff", "--format", fmt, ".")

    assert snapshot(project) == before  # --diff writes nothing
    json.loads(result.stdout)  # the report, and only the report
    assert "--- a/manifest.yml" in result.stderr and "+++ b/tools/whoami.py" in result.stderr


def test_with_output_the_report_goes_to_the_file_and_the_diff_to_stdout(project: Path) -> None:
    result = run_split(project, "--diff", "--format", "sarif", "--output", "r.sarif", ".")

    assert result.stdout.startswith("--- a/manifest.yml")
    json.loads((project / "r.sarif").read_text())


def test_diff_alone_shows_what_fix_would_change(project: Path) -> None:
    before = snapshot(project)

    result = run(project, "--diff", ".")

    assert snapshot(project) == before
    assert "+    - write:jira-work" in result.output and "--- a/manifest.yml" in result.output
    assert "+++ b/tools/whoami.py" not in result.output  # an unsafe fix: not without --unsafe-fixes
    assert result.exit_code == 1


def test_diff_with_unsafe_fixes_shows_the_unsafe_ones_too(project: Path) -> None:
    result = run(project, "--diff", "--unsafe-fixes", ".")

    assert "+++ b/tools/whoami.py" in result.output
    gateway = f"https://api.atlassian.com/ex/jira/{CLOUD_ID}/rest/api/3/myself"
    assert f'+requests.get("{gateway}")' in result.output


def test_unsafe_fixes_alone_is_refused(project: Path) -> None:
    result = run_split(project, "--unsafe-fixes", ".")

    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "--unsafe-fixes" in result.stderr and "--fix" in result.stderr
    assert result.stdout == ""
