"""OAuth 2.0 scope declarations in configuration files and environment assignments."""

from __future__ import annotations

from pathlib import Path

import pytest

from scopelint.model import ScopeDeclaration
from scopelint.scanning.discovery import DiscoveredFile
from scopelint.scanning.scan import scan_file


def declarations(tmp_path: Path, name: str, text: str) -> list[ScopeDeclaration]:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    scan = scan_file(DiscoveredFile(path, name, explicit=True))
    assert not scan.warnings, scan.warnings
    return scan.declarations


def summary(found: list[ScopeDeclaration]) -> list[tuple[str, int, dict[str, int]]]:
    return sorted((d.kind, d.location.line, dict(d.scope_lines)) for d in found)


# --------------------------------------------------------------------------- environment


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        (".env",
         '# JIRA_SCOPES=read:jira-user\nATLASSIAN_OAUTH_SCOPES="read:jira-work write:jira-work"\n', 2),
        (".env.example", "export JIRA_SCOPE=read:jira-work,write:jira-work  # both\n", 1),
        ("deploy.sh", "#!/bin/sh\nexport JIRA_SCOPES='read:jira-work write:jira-work'\n./run\n", 2),
        ("scripts/env.bash", "declare -x JIRA_SCOPES=\"read:jira-work write:jira-work\"\n", 1),
        ("Dockerfile", "FROM python:3.12\nENV JIRA_SCOPES=\"read:jira-work write:jira-work\"\n", 2),
        ("Dockerfile", "FROM node:20\nARG JIRA_SCOPES read:jira-work,write:jira-work\n", 2),
        ("Makefile", "JIRA_SCOPES := read:jira-work write:jira-work\n\nrun:\n\tpython sync.py\n", 1),
    ],
)
def test_env_assignments_ending_in_scopes(tmp_path: Path, name: str, text: str, line: int) -> None:
    found = declarations(tmp_path, name, text)
    assert [(d.kind, d.location.line, d.scopes) for d in found] == [
        ("env", line, ("read:jira-work", "write:jira-work"))
    ]


def test_env_names_that_do_not_end_in_scope_and_other_providers_are_ignored(tmp_path: Path) -> None:
    text = (
        "JIRA_SCOPES_FILE=read:jira-work\n"  # does not end in SCOPE(S)
        "GOOGLE_SCOPES=openid email\n"
        "GITHUB_SCOPES=repo,read:org\n"
    )
    assert declarations(tmp_path, ".env", text) == []


def test_env_value_with_a_variable_is_partial(tmp_path: Path) -> None:
    found = declarations(tmp_path, ".env", "JIRA_SCOPES=read:jira-work ${EXTRA_SCOPES}\n")
    assert [(d.scopes, d.partial) for d in found] == [(("read:jira-work",), True)]


# --------------------------------------------------------------------------- YAML


def test_yaml_settings_scope_keys_lists_and_strings(tmp_path: Path) -> None:
    found = declarations(tmp_path, "config/settings.yaml", (
        "atlassian:\n"
        "  client_id: abc\n"
        "  scopes:\n"
        "    - read:jira-work\n"
        "    - write:jira-work\n"
        "backstage:\n"
        "  additionalScopes: read:jira-user, offline_access\n"
        "google:\n"
        "  scopes: [openid, email]\n"
    ))
    assert summary(found) == [
        ("scope-key", 3, {"read:jira-work": 4, "write:jira-work": 5}),
        ("scope-key", 7, {"read:jira-user": 7, "offline_access": 7}),
    ]


def test_yaml_block_scalar_scopes_are_located_per_line(tmp_path: Path) -> None:
    found = declarations(tmp_path, "app.yaml", (
        "oauth:\n"
        "  scope: >-\n"
        "    read:jira-work\n"
        "    read:jira-usr\n"
    ))
    assert summary(found) == [("scope-key", 2, {"read:jira-work": 3, "read:jira-usr": 4})]


def test_ci_env_compose_and_kubernetes_env(tmp_path: Path) -> None:
    workflow = declarations(tmp_path, ".github/workflows/sync.yml", (
        "on: push\n"
        "jobs:\n"
        "  sync:\n"
        "    runs-on: ubuntu-latest\n"
        "    env:\n"
        "      JIRA_SCOPES: read:jira-work\n"
        "    steps:\n"
        "      - run: ./sync.sh\n"
        "        env:\n"
        "          CONFLUENCE_SCOPES: read:page:confluence\n"
    ))
    assert summary(workflow) == [
        ("env", 6, {"read:jira-work": 6}), ("env", 10, {"read:page:confluence": 10})
    ]
    compose = declarations(tmp_path, "docker-compose.yml", (
        "services:\n"
        "  bot:\n"
        "    image: bot\n"
        "    environment:\n"
        "      - JIRA_SCOPES=read:jira-work write:jira-work\n"
    ))
    assert summary(compose) == [("env", 5, {"read:jira-work": 5, "write:jira-work": 5})]
    kubernetes = declarations(tmp_path, "k8s/deployment.yaml", (
        "spec:\n"
        "  containers:\n"
        "    - name: bot\n"
        "      env:\n"
        "        - name: JIRA_SCOPES\n"
        '          value: "read:jira-work"\n'
    ))
    assert summary(kubernetes) == [("env", 5, {"read:jira-work": 6})]


def test_yaml_records_in_lists_are_data_not_settings(tmp_path: Path) -> None:
    found = declarations(tmp_path, "exports/sites.yaml", (
        "- id: 1111\n"
        "  scopes: [read:jira-work, write:jira-work]\n"
        "- id: 2222\n"
        "  scopes: [read:jira-work]\n"
    ))
    assert found == []


# --------------------------------------------------------------------------- JSON and TOML


def test_json_settings_are_located_in_the_text(tmp_path: Path) -> None:
    found = declarations(tmp_path, "config/default.json", (
        '{\n'
        '  "port": 3000,\n'
        '  "atlassian": {\n'
        '    "scopes": [\n'
        '      "read:jira-work",\n'
        '      "write:jira-work"\n'
        '    ],\n'
        '    "oauth": { "scope": "read:me offline_access" }\n'
        '  }\n'
        '}\n'
    ))
    assert summary(found) == [
        ("scope-key", 4, {"read:jira-work": 5, "write:jira-work": 6}),
        ("scope-key", 8, {"read:me": 8, "offline_access": 8}),
    ]


@pytest.mark.parametrize(
    "text",
    [
        # accessible-resources saved from the API: a list of records
        '[{"id": "1111", "name": "acme", "scopes": ["read:jira-work", "write:jira-work"]}]\n',
        # a saved token response: data, not the app's settings
        '{"access_token": "x", "token_type": "Bearer", "scope": "read:jira-work offline_access"}\n',
        # scopelint's own table holds "scopes" per operation alternative, inside lists
        '{"operations": [{"alternatives": [{"scopes": ["read:jira-work"]}]}]}\n',
    ],
)
def test_json_data_is_not_a_declaration(tmp_path: Path, text: str) -> None:
    assert declarations(tmp_path, "data/saved.json", text) == []


def test_toml_settings(tmp_path: Path) -> None:
    found = declarations(tmp_path, "config/app.toml", (
        "[atlassian]\n"
        'client_id = "abc"\n'
        "scopes = [\n"
        '  "read:jira-work",\n'
        '  "read:jira-user",\n'
        "]\n"
    ))
    assert summary(found) == [("scope-key", 3, {"read:jira-work": 4, "read:jira-user": 5})]


def test_pyproject_tool_table_of_the_app_declares_but_scopelints_own_table_stays_config(
    tmp_path: Path,
) -> None:
    found = declarations(tmp_path, "app/pyproject.toml", (
        "[project]\n"
        'name = "sync"\n'
        'dependencies = ["requests-oauthlib"]\n'
        "\n"
        "[tool.sync.atlassian]\n"
        'scopes = ["read:jira-work", "read:jira-usr"]\n'
    ))
    assert summary(found) == [("scope-key", 6, {"read:jira-work": 6, "read:jira-usr": 6})]
    assert found[0].source == "oauth-scopes"
    (tmp_path / "app" / "pyproject.toml").unlink()
    own = declarations(tmp_path, "app/pyproject.toml", (
        "[tool.scopelint]\n"
        'scopes = ["read:jira-work"]\n'
    ))
    assert [(d.source, d.scopes) for d in own] == [("config", ("read:jira-work",))]


def test_broken_settings_files_declare_nothing_and_do_not_stop_the_scan(tmp_path: Path) -> None:
    path = tmp_path / "config.json"
    path.write_text('{"scopes": ["read:jira-work", \n', encoding="utf-8")
    scan = scan_file(DiscoveredFile(path, "config.json", explicit=True))
    assert scan.declarations == []
