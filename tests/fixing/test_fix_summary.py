"""What `check --fix` says (issue #18 item 10): how many it fixed and what is left fixable, and,
after scopes were added, that a scoped API token needs creating again, with its scopes."""

from __future__ import annotations

from pathlib import Path

from test_fix_cli import INDEX_JS, MANIFEST, run

CLOUD_ID = "11111111-2222-3333-4444-555555555555"
SITE_SCRIPT = 'import requests\nrequests.get("https://acme.atlassian.net/rest/api/3/myself")\n'


def site_project(tmp_path: Path, count: int) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".scopelint.toml").write_text(f'[sites]\n"acme.atlassian.net" = "{CLOUD_ID}"\n')
    for n in range(count):
        (tmp_path / f"tool{n}.py").write_text(SITE_SCRIPT)
    return tmp_path


def test_nothing_safely_fixable_says_so_and_what_unsafe_fixes_would_do(tmp_path: Path) -> None:
    root = site_project(tmp_path, 3)

    result = run(root, "--fix", ".")

    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1].endswith(". 0 fixed (3 fixable with --unsafe-fixes).")


def test_without_fix_the_summary_says_what_is_fixable(tmp_path: Path) -> None:
    root = site_project(tmp_path, 1)

    assert run(root, ".").stdout.splitlines()[-1].endswith(". 1 fixable with --fix --unsafe-fixes.")
    assert run(root, "--fix", "--unsafe-fixes", ".").stdout.splitlines()[-1] == (
        "All checks passed (2 files, 1 call resolved, 0 unresolved). 1 fixed."
    )


def test_scopes_added_to_a_config_remind_that_a_scoped_token_needs_creating_again(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".scopelint.toml").write_text('scopes = ["read:jira-user"]\n')
    (tmp_path / "sync.py").write_text(
        "import requests\n"
        'requests.get("https://api.atlassian.com/ex/jira/abc/rest/api/3/issue/PPT-1")\n'
        'requests.get("https://api.atlassian.com/ex/confluence/abc/wiki/api/v2/pages/1")\n'
    )

    result = run(tmp_path, "--fix", ".")

    assert "read:jira-work" in (tmp_path / ".scopelint.toml").read_text()
    notes = result.stderr.splitlines()
    assert notes[0].startswith("scopelint: note: .scopelint.toml now declares 2 more scopes")
    assert "scopes are fixed when it is created" in notes[0]
    assert "https://id.atlassian.com/manage-profile/security/api-tokens" in notes[0]
    assert notes[1:] == [
        "  Jira: read:jira-user, read:jira-work",
        "  Confluence: read:page:confluence",
    ]


def test_scopes_added_to_a_forge_manifest_say_how_to_get_them_approved(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "manifest.yml").write_text(MANIFEST)
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "index.js").write_text(INDEX_JS)

    result = run(tmp_path, "--fix", ".")

    assert "scopelint: note: manifest.yml now declares 1 more scope" in result.stderr
    assert "forge deploy" in result.stderr and "forge install --upgrade" in result.stderr
    assert "API token" not in result.stderr


def test_egress_added_to_a_forge_manifest_is_a_permission_admins_approve_too(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "manifest.yml").write_text(
        "modules:\n  function:\n    - key: f\n      handler: index.run\n"
        "permissions:\n  scopes:\n    - storage:app\napp:\n  id: x\n"
    )
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "index.js").write_text(
        "import { storage } from '@forge/api';\n"
        "export const run = async () => { await storage.set('k', 1);"
        " await fetch('https://hooks.slack.com/services/T1/B1/x'); };\n"
    )

    result = run(tmp_path, "--fix", ".")

    assert result.exit_code == 0, result.output
    assert "scopelint: note: manifest.yml now declares 1 more external permission (hooks.slack.com)." in (
        result.stderr
    )
    assert "forge install --upgrade" in result.stderr and "more scope" not in result.stderr


def test_diff_adds_nothing_so_it_reminds_of_nothing(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".scopelint.toml").write_text('scopes = ["read:jira-user"]\n')
    (tmp_path / "sync.py").write_text(
        'import requests\nrequests.get("https://api.atlassian.com/ex/jira/abc/rest/api/3/issue/PPT-1")\n'
    )

    result = run(tmp_path, "--diff", ".")

    assert "note:" not in result.stderr
    assert result.stdout.splitlines()[-1].endswith(". 1 would be fixed (1 more with --unsafe-fixes).")
