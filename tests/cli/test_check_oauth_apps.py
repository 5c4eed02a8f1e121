"""OAuth 2.0 apps' declarations as `check` and `calls` use them: an app's declarations govern
its whole app (the folder with its project file), together; `calls --format json` names the
governing declaration of each call; unknown `--scopes` is a command-line error."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cli_helpers import check_json, scopelint, write_tree

JIRA_CLIENT = """\
    const API = 'https://api.atlassian.com/ex/jira';

    export async function search(cloudId: string, token: string) {
      const headers = { Authorization: `Bearer ${token}` };
      return fetch(`${API}/${cloudId}/rest/api/3/search/jql`, { headers });
    }

    export async function comment(cloudId: string, token: string, key: string) {
      return fetch(`${API}/${cloudId}/rest/api/3/issue/${key}/comment`, { method: 'POST', body: '{}' });
    }
"""


def where(findings: list[dict[str, Any]]) -> set[tuple[str, str, int]]:
    return {(f["code"], f["path"], f["line"]) for f in findings}


def test_scopes_in_one_module_govern_calls_in_a_sibling_folder_of_the_app(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {
        "package.json": '{"name": "portal"}\n',
        "src/auth/scopes.ts": "export const SCOPES = ['read:jira-work', 'offline_access'];\n",
        "src/jira/client.ts": JIRA_CLIENT,
    })

    findings = check_json(root)

    assert where(findings) == {("SL002", "src/jira/client.ts", 9)}
    assert "src/auth/scopes.ts declares: write:jira-work" in findings[0]["message"]


def test_each_app_of_a_monorepo_is_governed_by_its_own_declarations(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {
        "package.json": '{"name": "monorepo", "private": true, "workspaces": ["apps/*"]}\n',
        "apps/reader/package.json": '{"name": "reader"}\n',
        "apps/reader/src/auth.ts": "export const SCOPES = ['read:jira-work'];\n",
        "apps/reader/src/jira.ts": JIRA_CLIENT,
        "apps/writer/package.json": '{"name": "writer"}\n',
        "apps/writer/.env": "ATLASSIAN_OAUTH_SCOPES=read:jira-work write:jira-work\n",
        "apps/writer/src/jira.ts": JIRA_CLIENT,
    })

    findings = check_json(root)

    assert where(findings) == {("SL002", "apps/reader/src/jira.ts", 9)}


def test_an_apps_declarations_govern_together(tmp_path: Path) -> None:
    """The URL asks for read:jira-work, the .env example adds write:jira-work: their union
    covers both calls; a typo in either is still reported where it is written."""
    root = write_tree(tmp_path, {
        "package.json": '{"name": "portal"}\n',
        ".env.example": "JIRA_SCOPES=write:jira-work read:jira-usr\n",
        "src/login.ts": (
            "export const url = 'https://auth.atlassian.com/authorize?audience=api.atlassian.com"
            "&scope=read%3Ajira-work%20offline_access&client_id=x';\n"
        ),
        "src/jira.ts": JIRA_CLIENT,
    })

    findings = check_json(root)

    assert where(findings) == {("SL006", ".env.example", 1)}
    assert "did you mean read:jira-user?" in findings[0]["message"]


def test_a_partial_declaration_reports_no_missing_scopes(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {
        "requirements.txt": "requests\n",
        "app/config.py": (
            "from app.extra import MORE\n"
            'SCOPES = ["read:jira-work"] + MORE\n'
        ),
        "app/jira.py": (
            "import requests\n"
            'API = "https://api.atlassian.com/ex/jira"\n'
            "def issues(cloud_id):\n"
            '    return requests.get(f"{API}/{cloud_id}/rest/api/3/search/jql")\n'
            "def comment(cloud_id, key):\n"
            '    requests.post(f"{API}/{cloud_id}/rest/api/3/issue/{key}/comment", json={})\n'
        ),
    })

    assert check_json(root) == []  # MORE may hold write:jira-work


def test_unused_oauth_scopes_wait_until_every_call_was_read(tmp_path: Path) -> None:
    files = {
        "requirements.txt": "requests\n",
        "app/config.py": 'SCOPES = ["read:jira-work", "write:jira-work"]\n',
        "app/jira.py": (
            "import requests\n"
            'API = "https://api.atlassian.com/ex/jira"\n'
            "def issues(cloud_id):\n"
            '    return requests.get(f"{API}/{cloud_id}/rest/api/3/search/jql")\n'
        ),
    }
    (tmp_path / "all-read").mkdir()
    (tmp_path / "one-unread").mkdir()
    root = write_tree(tmp_path / "all-read", files)
    assert where(check_json(root)) == {("SL003", "app/config.py", 1)}

    files["app/admin.py"] = (
        "import requests\n"
        "def run(cloud_id, resource):\n"
        '    requests.post(f"https://api.atlassian.com/ex/jira/{cloud_id}/rest/api/3/" + build(resource))\n'
    )
    root = write_tree(tmp_path / "one-unread", files)
    assert check_json(root) == []  # that call may need write:jira-work


def test_calls_json_names_the_governing_declaration_of_each_call(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {
        "oauth-app/package.json": '{"name": "portal"}\n',
        "oauth-app/src/auth.ts": "export const SCOPES = ['read:jira-work', 'write:jira-work'];\n",
        "oauth-app/src/jira.ts": JIRA_CLIENT,
        "forge-app/manifest.yml": (
            "app:\n  id: ari:cloud:ecosystem::app/1\npermissions:\n  scopes:\n    - read:jira-work\n"
        ),
        "forge-app/src/index.js": (
            "import api, { route } from '@forge/api';\n"
            "export const run = (key) => api.asApp().requestJira(route`/rest/api/3/issue/${key}`);\n"
        ),
        "scripts/.scopelint.toml": 'scopes = ["read:jira-user"]\n',
        "scripts/whoami.sh": (
            "curl -H \"Authorization: Bearer $TOKEN\" "
            "https://api.atlassian.com/ex/jira/$CLOUD_ID/rest/api/3/myself\n"
        ),
        "loose/fetch.py": (
            "import requests\n"
            'requests.get("https://api.atlassian.com/ex/jira/1/rest/api/3/project/search")\n'
        ),
    })

    result = scopelint(["calls", "--format", "json", "."], root)

    assert result.exit_code == 0, result.output
    rows = {(row["path"], row["line"]): row["declaration"] for row in json.loads(result.stdout)}
    scopes_list = {"path": "oauth-app/src/auth.ts", "line": 1, "kind": "scope-list"}
    assert rows == {
        ("oauth-app/src/jira.ts", 5): scopes_list,
        ("oauth-app/src/jira.ts", 9): scopes_list,
        ("forge-app/src/index.js", 2): {
            "path": "forge-app/manifest.yml", "line": 4, "kind": "forge-manifest"
        },
        ("scripts/whoami.sh", 1): {"path": "scripts/.scopelint.toml", "line": 1, "kind": "config"},
        ("loose/fetch.py", 2): None,
    }


def test_unknown_scopes_on_the_command_line_are_an_error_with_the_closest_names(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"src/jira.ts": JIRA_CLIENT})

    result = scopelint(["check", "--scopes", "read:jira-work,offline-access,read:jira-wrok", "."], root)

    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "--scopes: unknown scopes 'offline-access' (did you mean offline_access?), " \
           "'read:jira-wrok' (did you mean read:jira-work?)" in lines[0]


def test_known_scopes_on_the_command_line_still_govern_every_call(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"src/jira.ts": JIRA_CLIENT})

    findings = check_json(root, "--scopes", "read:jira-work,offline_access")

    assert where(findings) == {("SL002", "src/jira.ts", 9)}


def test_a_scope_setting_with_no_call_under_it_reports_typos_but_not_unused_scopes(
    tmp_path: Path,
) -> None:
    """Backstage's app-config asks for scopes for Backstage's own code, which is not here."""
    root = write_tree(tmp_path, {
        "app-config.yaml": (
            "auth:\n"
            "  providers:\n"
            "    atlassian:\n"
            "      development:\n"
            "        clientId: ${AUTH_ATLASSIAN_CLIENT_ID}\n"
            "        additionalScopes:\n"
            "          - read:jira-user\n"
            "          - read:jira-wrok\n"
        ),
    })

    findings = check_json(root)

    assert where(findings) == {("SL006", "app-config.yaml", 8)}


def test_django_settings_scope_governs_the_project(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {
        "portal/requirements.txt": "Django==5.0.6\nsocial-auth-app-django==5.4.1\n",
        "portal/portal/settings.py": (
            'SOCIAL_AUTH_ATLASSIAN_SCOPE = ["read:jira-user", "read:jira-work", "offline_access"]\n'
            'SOCIAL_AUTH_GOOGLE_OAUTH2_SCOPE = ["openid", "email"]\n'
        ),
        "portal/jira/client.py": (
            "import requests\n"
            'API = "https://api.atlassian.com/ex/jira"\n'
            "def me(cloud_id):\n"
            '    return requests.get(f"{API}/{cloud_id}/rest/api/3/myself")\n'
            "def assigned(cloud_id):\n"
            '    return requests.get(f"{API}/{cloud_id}/rest/api/3/search/jql")\n'
            "def move(cloud_id, key):\n"
            '    return requests.post(f"{API}/{cloud_id}/rest/api/3/issue/{key}/transitions")\n'
        ),
    })

    findings = check_json(root)

    assert where(findings) == {("SL002", "portal/jira/client.py", 8)}
    assert findings[0]["missing_scopes"] == ["write:jira-work"]


def test_a_typo_read_again_through_another_name_is_reported_once(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {
        "settings.py": (
            'BASE_SCOPES = frozenset({"read:jira-work", "read:jira-usr"})\n'
            'ALL_SCOPES = BASE_SCOPES | {"write:jira-work"}\n'
        ),
    })

    findings = check_json(root)

    assert [(f["code"], f["line"]) for f in findings] == [("SL006", 1)]


def test_an_authorization_url_asking_for_scopes_it_imports_keeps_missing_scopes_quiet(
    tmp_path: Path,
) -> None:
    """The login URL asks for ``PERMISSIONS`` from another module (not a scope-named list, so
    not read there): the app may ask for write:jira-work, so the comment call is not reported
    against the registration's scopes alone."""
    files = {
        "package.json": '{"name": "portal"}\n',
        "src/permissions.ts": "export const PERMISSIONS = ['read:jira-work', 'write:jira-work'];\n",
        "src/registration.ts": "export const registration = { scope: 'read:jira-work' };\n",
        "src/login.ts": (
            "import { PERMISSIONS } from './permissions';\n"
            "export const url = `https://auth.atlassian.com/authorize?${new URLSearchParams({\n"
            "  audience: 'api.atlassian.com', scope: PERMISSIONS.join(' '),\n"
            "  client_id: process.env.CLIENT_ID! })}`;\n"
        ),
        "src/jira.ts": JIRA_CLIENT,
    }
    (tmp_path / "imported").mkdir()
    root = write_tree(tmp_path / "imported", files)
    assert check_json(root) == []

    # the same app asking for an imported SCOPES list: read where it is defined, it governs
    files["src/permissions.ts"] = "export const SCOPES = ['read:jira-work'];\n"
    files["src/login.ts"] = files["src/login.ts"].replace("PERMISSIONS", "SCOPES")
    (tmp_path / "known").mkdir()
    root = write_tree(tmp_path / "known", files)
    findings = check_json(root)
    assert where(findings) == {("SL002", "src/jira.ts", 9)}


def test_missing_scopes_name_every_file_of_the_app_that_declares(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {
        "requirements.txt": "flask\nrequests-oauthlib\n",
        ".env": "ATLASSIAN_OAUTH_SCOPES=read:jira-work offline_access\n",
        "app/auth.py": (
            "from requests_oauthlib import OAuth2Session\n"
            "def session(client_id):\n"
            "    return OAuth2Session(client_id, scope=['read:jira-user'])\n"
        ),
        "app/jira.py": (
            "import requests\n"
            'API = "https://api.atlassian.com/ex/jira"\n'
            "def issues(cloud_id):\n"
            '    return requests.get(f"{API}/{cloud_id}/rest/api/3/search/jql")\n'
            "def comment(cloud_id, key):\n"
            '    requests.post(f"{API}/{cloud_id}/rest/api/3/issue/{key}/comment", json={})\n'
        ),
    })

    findings = check_json(root)

    assert where(findings) == {("SL002", "app/jira.py", 6), ("SL003", "app/auth.py", 3)}
    missing = next(f for f in findings if f["code"] == "SL002")
    assert "than app/auth.py and .env declare: write:jira-work" in missing["message"]


def test_an_app_checked_by_absolute_path_is_named_by_that_path(tmp_path: Path) -> None:
    (tmp_path / "app").mkdir()
    root = write_tree(tmp_path / "app", {
        "requirements.txt": "requests\n",
        "app/config.py": 'SCOPES = ["read:jira-work", "write:jira-work"]\n',
        "app/jira.py": (
            "import requests\n"
            'API = "https://api.atlassian.com/ex/jira"\n'
            "def issues(cloud_id):\n"
            '    return requests.get(f"{API}/{cloud_id}/rest/api/3/search/jql")\n'
        ),
    })
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()

    findings = check_json(elsewhere, str(root))

    assert [f["message"] for f in findings] == [
        f"write:jira-work is declared but no call found under {root}/ needs it"
    ]
