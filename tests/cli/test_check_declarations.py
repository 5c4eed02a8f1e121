"""Which declaration governs which call: Forge manifests, Connect descriptors, scopelint config
(top-level scopes and per-path tokens), OAuth authorization URLs in code, and --scopes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from cli_helpers import scopelint, write_tree

PROJECTS = Path(__file__).resolve().parent.parent / "fixtures" / "projects"


def copy_project(name: str, tmp_path: Path) -> Path:
    root = tmp_path / name
    shutil.copytree(PROJECTS / name, root)
    (root / ".git").mkdir()
    return root


def check_json(cwd: Path, *args: str) -> tuple[int, list[dict[str, Any]]]:
    result = scopelint(["check", "--format", "json", *args], cwd)
    assert result.exit_code in (0, 1), result.output
    found: list[dict[str, Any]] = json.loads(result.stdout)["findings"]
    return result.exit_code, found


def where(findings: list[dict[str, Any]], code: str | None = None) -> set[tuple[str, str, int]]:
    return {(f["code"], f["path"], f["line"]) for f in findings if code is None or f["code"] == code}


def set_manifest_scopes(manifest: Path, scopes: list[str]) -> None:
    text = manifest.read_text(encoding="utf-8")
    head, _, tail = text.partition("permissions:\n  scopes:\n")
    rest = tail.split("\n", 1)
    while rest and rest[0].startswith("    - "):
        rest = rest[1].split("\n", 1) if len(rest) > 1 else []
    listed = "".join(f"    - {scope}\n" for scope in scopes)
    manifest.write_text(head + "permissions:\n  scopes:\n" + listed + "\n".join(rest), encoding="utf-8")


# --------------------------------------------------------------------------- Forge


def test_forge_custom_ui_call_missing_its_scope_is_reported_on_its_line(tmp_path: Path) -> None:
    root = copy_project("forge-app", tmp_path)  # declares read:jira-work and storage:app

    code, findings = check_json(root)

    assert code == 1
    assert where(findings) == {("SL002", "static/app/src/App.js", 8)}
    (finding,) = findings
    assert finding["missing_scopes"] == ["read:page:confluence"]
    assert finding["endpoint"] == {"method": "GET", "path": "/wiki/api/v2/pages"}
    assert "manifest.yml" in finding["message"]


def test_forge_backend_call_missing_its_scope_is_reported_on_its_line(tmp_path: Path) -> None:
    root = copy_project("forge-app", tmp_path)
    set_manifest_scopes(root / "manifest.yml", ["read:page:confluence", "storage:app"])

    _code, findings = check_json(root)

    assert where(findings) == {("SL002", "src/index.js", 8)}
    assert findings[0]["endpoint"] == {"method": "GET", "path": "/rest/api/3/issue/{issueIdOrKey}"}
    assert "read:jira-work" in findings[0]["message"]


def test_forge_app_with_every_scope_it_needs_is_clean(tmp_path: Path) -> None:
    root = copy_project("forge-app", tmp_path)
    set_manifest_scopes(root / "manifest.yml", ["read:jira-work", "read:page:confluence", "storage:app"])

    result = scopelint(["check"], root)

    assert result.exit_code == 0, result.output
    assert "All checks passed" in result.stdout


def test_forge_platform_scopes_are_neither_unknown_nor_unused(tmp_path: Path) -> None:
    root = copy_project("forge-app", tmp_path)
    set_manifest_scopes(
        root / "manifest.yml",
        ["read:jira-work", "read:page:confluence", "storage:app", "read:app-system-token"],
    )

    result = scopelint(["check", "--select", "SL003,SL006"], root)

    assert result.exit_code == 0, result.output
    assert "storage:app" not in result.output


def test_forge_manifest_governs_a_single_file_run(tmp_path: Path) -> None:
    """pre-commit passes only changed files; the manifest above them must still be read."""
    root = copy_project("forge-app", tmp_path)
    set_manifest_scopes(root / "manifest.yml", ["storage:app", "write:jira-work"])

    _code, findings = check_json(root, "src/index.js")

    assert where(findings) == {("SL002", "src/index.js", 8)}  # and no SL003 for write:jira-work


# --------------------------------------------------------------------------- monorepo


def test_each_manifest_of_a_monorepo_governs_only_its_own_app(tmp_path: Path) -> None:
    root = copy_project("monorepo", tmp_path)  # a: read:jira-user, b: storage:app

    code, findings = check_json(root)

    assert code == 1
    assert where(findings) == {("SL002", "apps/b/src/index.js", 4)}
    assert findings[0]["missing_scopes"] == ["read:jira-user"]
    assert "apps/b/manifest.yml" in findings[0]["message"]


def test_a_monorepo_app_checked_alone_still_uses_its_own_manifest(tmp_path: Path) -> None:
    root = copy_project("monorepo", tmp_path)

    _code, in_a = check_json(root, "apps/a")
    _code, in_b = check_json(root, "apps/b")

    assert in_a == []
    assert where(in_b) == {("SL002", "apps/b/src/index.js", 4)}


def test_scopes_of_app_b_do_not_leak_into_app_a(tmp_path: Path) -> None:
    root = copy_project("monorepo", tmp_path)
    set_manifest_scopes(root / "apps/a/manifest.yml", ["storage:app"])
    set_manifest_scopes(root / "apps/b/manifest.yml", ["read:jira-user"])

    _code, findings = check_json(root)

    # nor does a's storage:app cover b's storage use (SL014), nor b's use make a's one used (SL019)
    assert where(findings) == {
        ("SL002", "apps/a/src/index.js", 4),
        ("SL014", "apps/b/src/index.js", 6),
        ("SL019", "apps/a/manifest.yml", 12),
    }


# --------------------------------------------------------------------------- Connect


def test_connect_app_with_read_cannot_write(tmp_path: Path) -> None:
    root = copy_project("connect-app", tmp_path)  # scopes ["READ"]; GET on line 4, PUT on line 11

    code, findings = check_json(root)

    assert code == 1
    assert where(findings) == {("SL002", "src/summaries.js", 11)}
    assert findings[0]["missing_scopes"] == ["WRITE"]
    assert "WRITE" in findings[0]["message"]
    assert findings[0]["endpoint"] == {"method": "PUT", "path": "/rest/api/3/issue/{issueIdOrKey}"}


def test_connect_scope_hierarchy_admin_covers_write(tmp_path: Path) -> None:
    root = copy_project("connect-app", tmp_path)
    descriptor = root / "atlassian-connect.json"
    data = json.loads(descriptor.read_text(encoding="utf-8"))
    for declared in (["ADMIN"], ["WRITE"], ["project_admin"]):
        data["scopes"] = declared
        descriptor.write_text(json.dumps(data, indent=2), encoding="utf-8")

        code, findings = check_json(root)

        if declared == ["WRITE"]:
            assert (code, findings) == (0, []), declared
            continue
        # Covered (no SL002); but the app only needs WRITE, so the broader scope is SL013.
        assert [(f["code"], f["path"]) for f in findings] == [
            ("SL013", "atlassian-connect.json")
        ], declared
        assert "WRITE suffices" in findings[0]["message"], declared


def test_connect_scope_too_broad_names_the_app_folder_and_counts_its_calls(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {
        "atlassian-connect.json": '{"key": "k", "baseUrl": "https://x", "scopes": ["READ", "WRITE"]}\n',
        "routes/index.js": (
            "export default (app, addon) => app.get('/me', (req, res) => {\n"
            "  addon.httpClient(req).get('/rest/api/3/myself', () => res.end());\n"
            "});\n"
        ),
    })

    _code, findings = check_json(root)

    assert [f["message"] for f in findings] == [
        "the Connect scope WRITE is broader than the 1 call in this project needs: READ, "
        "already declared, suffices (the broadest call, GET /rest/api/3/myself, needs READ)"
    ]
    _code, findings = check_json(tmp_path.parent, str(tmp_path))
    assert f"1 call under {tmp_path.name}/ needs" in findings[0]["message"]


def test_connect_ap_request_with_type_put_needs_write(tmp_path: Path) -> None:
    root = copy_project("connect-app", tmp_path)
    (root / "src" / "summaries.js").write_text(
        "export function rename(key, summary) {\n"
        "  return AP.request({\n"
        "    url: `/rest/api/3/issue/${key}`,\n"
        "    type: 'PUT',\n"
        "    contentType: 'application/json',\n"
        "    data: JSON.stringify({ fields: { summary } }),\n"
        "  });\n"
        "}\n",
        encoding="utf-8",
    )

    _code, findings = check_json(root)

    assert where(findings) == {("SL002", "src/summaries.js", 3)}
    assert findings[0]["missing_scopes"] == ["WRITE"]


# --------------------------------------------------------------------------- scopelint config


CONFIG_WITH_TOKENS = """\
    # The web app's token may only read users; the reporting job has its own token.
    scopes = ["read:jira-user"]

    [[tokens]]
    name = "reporting-bot"
    paths = ["jobs/**"]
    scopes = ["read:jira-work"]
    """

REPORT_JOB = """\
    import requests


    def issue(base: str, key: str) -> dict:
        return requests.get(f"{base}/rest/api/3/issue/{key}").json()
    """

WEB_APP = """\
    import requests


    def me(base: str) -> dict:
        return requests.get(f"{base}/rest/api/3/myself").json()


    def issue(base: str, key: str) -> dict:
        return requests.get(f"{base}/rest/api/3/issue/{key}").json()
    """


def test_config_tokens_govern_only_their_paths(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {".scopelint.toml": CONFIG_WITH_TOKENS, "jobs/report.py": REPORT_JOB, "web/app.py": WEB_APP},
    )

    code, findings = check_json(root)

    assert code == 1
    # jobs/report.py reads an issue with the bot's read:jira-work: fine.  web/app.py reads an
    # issue with the top-level token, which only has read:jira-user.
    assert where(findings) == {("SL002", "web/app.py", 9)}
    assert findings[0]["missing_scopes"] == ["read:jira-work"]


def test_config_tokens_in_yaml_govern_only_their_paths(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            ".scopelint.yaml": """\
                scopes: [read:jira-work, read:jira-user]
                tokens:
                  - name: reporting-bot
                    paths: [jobs/]
                    scopes: [read:jira-user]
                """,
            "jobs/report.py": REPORT_JOB,
            "web/app.py": WEB_APP,
        },
    )

    _code, findings = check_json(root)

    # the bot's token cannot read the issue; and its one scope serves no call under jobs/
    assert where(findings) == {("SL002", "jobs/report.py", 5), ("SL003", ".scopelint.yaml", 5)}
    unused = [f for f in findings if f["code"] == "SL003"]
    assert unused[0]["unused_scopes"] == ["read:jira-user"]


def test_scopes_option_overrides_every_declaration(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {".scopelint.toml": CONFIG_WITH_TOKENS, "jobs/report.py": REPORT_JOB, "web/app.py": WEB_APP},
    )

    _code, only_work = check_json(root, "--scopes", "read:jira-work")
    code, both = check_json(root, "--scopes", "read:jira-work, read:jira-user")

    # read:jira-work alone: the `myself` call now misses read:jira-user, although the
    # config's top-level token has it (the option replaces declarations, it does not add).
    assert where(only_work) == {("SL002", "web/app.py", 5)}
    assert only_work[0]["missing_scopes"] == ["read:jira-user"]
    assert (code, both) == (0, [])


def test_oauth_authorize_url_in_code_declares_scopes_for_its_folder(tmp_path: Path) -> None:
    authorize = (
        "https://auth.atlassian.com/authorize?audience=api.atlassian.com&client_id=abc123"
        "&scope=read%3Ajira-user%20offline_access&redirect_uri=https%3A%2F%2Fexample.com%2Fcb"
        "&response_type=code&prompt=consent"
    )
    root = write_tree(
        tmp_path,
        {
            "web/login.py": f'AUTHORIZE_URL = "{authorize}"\n',
            "web/app.py": WEB_APP,
        },
    )

    code, findings = check_json(root)

    assert code == 1
    assert where(findings) == {("SL002", "web/app.py", 9)}
    assert findings[0]["missing_scopes"] == ["read:jira-work"]
    assert "web/login.py" in findings[0]["message"]


def test_without_any_declaration_scopes_are_not_checked(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"web/app.py": WEB_APP})

    code, findings = check_json(root)

    assert (code, findings) == (0, [])


# --------------------------------------------------------------------------- no declaration at all

SYNC_PY = """\
    import os, requests
    BASE = f"https://api.atlassian.com/ex/jira/{os.environ['CLOUD_ID']}/rest/api/3"
    requests.get(f"{BASE}/myself", auth=AUTH)
    requests.post(f"{BASE}/issue", json={}, auth=AUTH)
    """


def _notes(root: Path, *args: str) -> list[str]:
    result = scopelint(["check", "--format", "json", *args, "."], root)
    notes: list[str] = json.loads(result.stdout)["summary"]["notes"]
    return notes


def test_calls_without_any_declared_scopes_get_one_note_saying_what_to_do(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"sync.py": SYNC_PY})

    (note,) = _notes(root)
    assert note.startswith("2 calls to Atlassian found, but no scopes are declared")
    assert "`scopelint suggest --from .`" in note and "scopes = [...] in .scopelint.toml" in note
    text = scopelint(["check", "."], root)
    assert text.exit_code == 0
    assert f"Note: {note}" in text.stdout.splitlines()
    sarif = json.loads(scopelint(["check", "--format", "sarif", "."], root).stdout)
    (notification,) = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert notification["message"]["text"] == note


def test_no_note_without_calls_or_with_declared_scopes(tmp_path: Path) -> None:
    for name in ("quiet", "declared", "given"):
        (tmp_path / name).mkdir()
    quiet = write_tree(tmp_path / "quiet", {"readme.py": "print('no calls here')\n"})
    declared = write_tree(tmp_path / "declared", {"sync.py": SYNC_PY,
                                                   ".scopelint.toml": 'scopes = ["read:jira-user"]\n'})
    given = write_tree(tmp_path / "given", {"sync.py": SYNC_PY})

    assert _notes(quiet) == []
    assert not any("no scopes are declared" in n for n in _notes(declared))
    assert not any("no scopes are declared" in n for n in _notes(given, "--scopes", "read:jira-user"))
    assert _notes(given, "--ignore", "SL002") == []  # the note is SL002's: not selected, not said
