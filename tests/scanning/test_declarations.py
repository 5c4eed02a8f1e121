"""Scope declarations: Forge manifests, Connect descriptors and scopelint's own config."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest

from scopelint.model import FileScan, ScopeDeclaration
from scopelint.scanning.declarations import connect_descriptor, forge_manifest, scopelint_config
from scopelint.scanning.registry import load, specs_for
from scopelint.scanning.source import SourceFile


def unreadable(scan: FileScan) -> tuple[str, int, int, str, str]:
    """The one problem that made a declaration unreadable: (path, line, column, kind, reason).
    Such a file is a finding (SL011), not a warning."""
    assert scan.warnings == [], scan.warnings
    assert len(scan.unreadable) == 1, scan.unreadable
    [problem] = scan.unreadable
    loc = problem.location
    return loc.path, loc.line, loc.column, problem.kind, problem.reason


def only(scan: FileScan) -> ScopeDeclaration:
    assert not scan.warnings, scan.warnings
    assert len(scan.declarations) == 1, scan.declarations
    return scan.declarations[0]


# --------------------------------------------------------------------------- Forge manifest

FORGE = """\
modules:
  jira:issuePanel:
    - key: panel
      function: main
app:
  id: ari:cloud:ecosystem::app/1234
permissions:
  external:
    fetch:
      backend:
        - api.example.com
  scopes:
    - read:jira-work
    - "write:jira-work"
    - storage:app
"""


def forge(text: str, display: str = "manifest.yml") -> FileScan:
    return forge_manifest.extract(SourceFile.from_text(text, display))


def test_forge_scopes_in_file_order_with_lines() -> None:
    declaration = only(forge(FORGE))
    assert declaration.source == "forge-manifest"
    assert declaration.scopes == ("read:jira-work", "write:jira-work", "storage:app")
    assert declaration.scope_lines == {"read:jira-work": 13, "write:jira-work": 14,
                                       "storage:app": 15}
    assert (declaration.location.path, declaration.location.line) == ("manifest.yml", 12)
    assert declaration.root == "."
    assert declaration.paths == ()


def test_forge_registry_routes_manifest_to_this_module() -> None:
    [spec] = [s for s in specs_for(PurePosixPath("apps/x/manifest.yml")) if s.name == "forge-manifest"]
    scan = load(spec.module)(SourceFile.from_text(FORGE, "apps/x/manifest.yml"))
    assert only(scan).root == "apps/x"


@pytest.mark.parametrize(
    ("display", "root"),
    [
        ("manifest.yml", "."),
        ("apps/issue-panel/manifest.yml", "apps/issue-panel"),
        ("packages/a/b/manifest.yaml", "packages/a/b"),
    ],
)
def test_forge_root_is_the_manifest_directory(display: str, root: str) -> None:
    assert only(forge(FORGE, display)).root == root


def test_forge_flow_style_scopes_and_duplicates() -> None:
    text = "app:\n  id: x\npermissions: {scopes: [read:me, read:me, 'read:account']}\n"
    declaration = only(forge(text))
    assert declaration.scopes == ("read:me", "read:account")
    assert declaration.scope_lines == {"read:me": 3, "read:account": 3}


@pytest.mark.parametrize(
    "scopes_yaml",
    [
        "scopes: read:jira-work",
        "scopes:\n    read: jira-work",
        "scopes:\n    - read:jira-work\n    - 42",
        "scopes:\n    - [read:jira-work]",
    ],
    ids=["string", "mapping", "number-item", "nested-list"],
)
def test_forge_scopes_not_a_list_of_strings_is_unreadable(scopes_yaml: str) -> None:
    scan = forge(f"app:\n  id: x\npermissions:\n  {scopes_yaml}\n", "apps/a/manifest.yml")
    assert scan.declarations == []
    assert unreadable(scan) == (
        "apps/a/manifest.yml", 4, 3, "Forge manifest", "permissions.scopes is not a list of strings"
    )


def test_forge_manifest_without_scopes_declares_none() -> None:
    declaration = only(forge("app:\n  id: x\nmodules:\n  function: []\n"))
    assert declaration.scopes == ()
    declaration = only(forge("app:\n  id: x\npermissions:\n  scopes:\n"))
    assert declaration.scopes == ()
    assert declaration.location.line == 4


@pytest.mark.parametrize(
    "text",
    [
        "name: my-action\nruns:\n  using: node20\n",  # some other manifest.yml
        "- just\n- a list\n",
        "",
        "# only a comment\n",
    ],
)
def test_yaml_that_is_not_a_forge_manifest_yields_nothing(text: str) -> None:
    scan = forge(text)
    assert scan.declarations == [] and scan.warnings == []


def test_broken_forge_yaml_is_unreadable_where_the_parser_stopped() -> None:
    scan = forge("app:\n  id: [x\npermissions:\n  scopes: []\n", "apps/a/manifest.yml")
    assert scan.declarations == []
    path, line, column, kind, reason = unreadable(scan)
    assert (path, line, column, kind) == ("apps/a/manifest.yml", 3, 12, "Forge manifest")
    assert reason.startswith("invalid YAML (line 3: ")


def test_forge_yaml_tags_never_construct_objects(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = (
        "app:\n  id: x\n"
        f"evil: !!python/object/apply:os.system ['touch {marker}']\n"
        "permissions:\n  scopes:\n    - read:jira-work\n"
    )
    scan = forge(text)
    assert not marker.exists()
    assert [d.scopes for d in scan.declarations] in ([("read:jira-work",)], [])


def test_forge_alias_bomb_is_refused_without_expanding_it() -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 13):  # 50**12 strings if anything expanded it
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 50) + "]")
    lines += ["app:", "  id: x", "permissions:", "  scopes: *a12"]
    scan = forge("\n".join(lines) + "\n")  # expanding it would never finish (hang guard: pytest-timeout)
    assert scan.declarations == []
    assert "aliases" in unreadable(scan)[4]


def test_forge_a_few_aliases_are_fine() -> None:
    text = "x: &s [read:jira-work]\napp:\n  id: x\npermissions:\n  scopes: *s\n"
    assert only(forge(text)).scopes == ("read:jira-work",)


# --------------------------------------------------------------------------- Connect

CONNECT = """\
{
  "key": "my-connect-app",
  "baseUrl": "https://app.example.com",
  "modules": {"jiraIssueFields": [{"key": "f", "scopes": ["admin"]}]},
  "scopes": [
    "read",
    "Write", "act_as_user",
    "READ"
  ]
}
"""


def connect(text: str, display: str = "atlassian-connect.json") -> FileScan:
    return connect_descriptor.extract(SourceFile.from_text(text, display))


def test_connect_scopes_upper_cased_with_lines() -> None:
    declaration = only(connect(CONNECT, "connect/atlassian-connect.json"))
    assert declaration.source == "connect-descriptor"
    assert declaration.scopes == ("READ", "WRITE", "ACT_AS_USER")
    assert declaration.scope_lines == {"READ": 6, "WRITE": 7, "ACT_AS_USER": 7}
    assert (declaration.location.line, declaration.location.column) == (5, 3)
    assert declaration.root == "connect"


def test_connect_without_scopes_declares_none() -> None:
    assert only(connect('{"key": "app", "baseUrl": "https://x"}')).scopes == ()


def test_connect_scopes_not_a_list_is_unreadable() -> None:
    scan = connect('{"key": "app",\n "scopes": "read"}')
    assert scan.declarations == []
    assert unreadable(scan) == (
        "atlassian-connect.json", 2, 2, "Connect descriptor", "scopes is not a list of strings"
    )


def test_broken_connect_json_is_unreadable_where_the_parser_stopped() -> None:
    scan = connect('{\n  "key": "app",\n  "scopes": ["read",]\n}')
    assert scan.declarations == []
    assert unreadable(scan) == (
        "atlassian-connect.json", 3, 21, "Connect descriptor", "invalid JSON (line 3: Expecting value)"
    )


def test_json_that_is_not_a_descriptor_yields_nothing() -> None:
    scan = connect('["read"]')
    assert scan.declarations == [] and scan.warnings == []


# --------------------------------------------------------------------------- scopelint config

PYPROJECT = """\
[project]
name = "svc"

[tool.scopelint]
select = ["SL00"]
scopes = [
  "read:jira-work",
  'write:jira-work',
]

[[tool.scopelint.tokens]]
name = "reporting-bot"
paths = ["scripts/**", "bots/report.py"]
scopes = ["read:issue:jira", "read:project:jira"]

[tool.scopelint.sites]
"acme.atlassian.net" = "1324a887-45db-1bf4-1e99-ef0ff456d421"

[[tool.scopelint.tokens]]
paths = ["wiki/**"]
scopes = [
  "read:page:confluence",
]
"""


def config(text: str, display: str) -> FileScan:
    return scopelint_config.extract(SourceFile.from_text(text, display))


def test_pyproject_top_level_scopes_and_tokens() -> None:
    scan = config(PYPROJECT, "services/svc/pyproject.toml")
    assert scan.warnings == []
    top, bot, wiki = scan.declarations
    assert {d.source for d in scan.declarations} == {"config"}
    assert {d.root for d in scan.declarations} == {"services/svc"}

    assert top.scopes == ("read:jira-work", "write:jira-work")
    assert top.paths == ()
    assert top.location.line == 6
    assert top.scope_lines == {"read:jira-work": 7, "write:jira-work": 8}

    assert bot.scopes == ("read:issue:jira", "read:project:jira")
    assert bot.paths == ("scripts/**", "bots/report.py")
    assert bot.location.line == 14
    assert bot.scope_lines == {"read:issue:jira": 14, "read:project:jira": 14}

    assert wiki.paths == ("wiki/**",)
    assert wiki.location.line == 21
    assert wiki.scope_lines == {"read:page:confluence": 22}


def test_pyproject_without_scopelint_table_yields_nothing() -> None:
    for text in ('[project]\nname = "x"\n', '[tool.ruff]\nline-length = 100\n',
                 "[project\nbroken = \n"):
        scan = config(text, "pyproject.toml")
        assert scan.declarations == [] and scan.warnings == []


def test_registry_routes_scopelint_config_files_to_this_module() -> None:
    for name in (".scopelint.toml", ".scopelint.yaml", ".scopelint.yml", "pyproject.toml"):
        assert "scopelint-config" in [spec.name for spec in specs_for(PurePosixPath(name))]


def test_scopelint_toml_with_inline_tokens() -> None:
    text = (
        'scopes = ["read:jira-work"]\n'
        "tokens = [\n"
        '  { name = "a", paths = ["x/**"], scopes = ["read:me"] },\n'
        '  { paths = ["y/**"], scopes = ["read:page:confluence",\n'
        '                                "write:page:confluence"] },\n'
        "]\n"
    )
    top, first, second = config(text, ".scopelint.toml").declarations
    assert (top.root, top.location.line, top.scope_lines) == (".", 1, {"read:jira-work": 1})
    assert (first.paths, first.location.line, first.scopes) == (("x/**",), 3, ("read:me",))
    assert second.scope_lines == {"read:page:confluence": 4, "write:page:confluence": 5}


def test_scopelint_yaml_with_tokens_and_lines() -> None:
    text = """\
select: [SL002]
scopes:
  - read:jira-work
  - read:jira-user
tokens:
  - name: reporting-bot
    paths: ["scripts/**"]
    scopes:
      - read:issue:jira
"""
    scan = config(text, "tools/.scopelint.yaml")
    top, bot = scan.declarations
    assert scan.warnings == []
    assert (top.root, top.location.line) == ("tools", 2)
    assert top.scope_lines == {"read:jira-work": 3, "read:jira-user": 4}
    assert (bot.paths, bot.location.line, bot.scope_lines) == (
        ("scripts/**",), 8, {"read:issue:jira": 9}
    )


def test_config_tokens_only_declares_no_top_level_scopes() -> None:
    text = "tokens:\n  - paths: [a/**]\n    scopes: [read:me]\n"
    [token] = config(text, ".scopelint.yml").declarations
    assert token.paths == ("a/**",)


@pytest.mark.parametrize(
    ("text", "warning"),
    [
        ("scopes: read:jira-work\n", "scopes is not a list of strings; ignored"),
        ("tokens: {paths: [a]}\n", "tokens is not a list of tables; ignored"),
        ("tokens:\n  - scopes: [read:me]\n",
         "tokens[0] needs paths = a non-empty list of strings; ignored"),
        ("tokens:\n  - paths: [a]\n    scopes: read:me\n",
         "tokens[0] needs scopes = a list of strings; ignored"),
        ("tokens:\n  - just-a-string\n", "tokens[0] is not a table; ignored"),
    ],
)
def test_invalid_config_entries_are_unreadable(text: str, warning: str) -> None:
    scan = config(text, ".scopelint.yaml")
    assert scan.declarations == []
    assert unreadable(scan) == (".scopelint.yaml", 1, 1, "scopelint configuration",
                                warning.removesuffix("; ignored"))


def test_invalid_entry_does_not_hide_valid_ones() -> None:
    text = "scopes: [read:me]\ntokens:\n  - paths: []\n    scopes: [x]\n"
    scan = config(text, ".scopelint.yaml")
    assert [d.scopes for d in scan.declarations] == [("read:me",)]
    assert unreadable(scan)[1:] == (2, 1, "scopelint configuration",
                                    "tokens[0] needs paths = a non-empty list of strings")


@pytest.mark.parametrize(
    ("text", "display", "start"),
    [
        ("scopes: [a\n", ".scopelint.yaml", "invalid YAML (line 2"),
        ("scopes = [\n", ".scopelint.toml", "invalid TOML"),
        ("[tool.scopelint]\nscopes = [\n", "pyproject.toml", "invalid TOML"),
        ("- a\n- b\n", ".scopelint.yml", "expected a mapping"),
    ],
)
def test_broken_config_is_unreadable(text: str, display: str, start: str) -> None:
    scan = config(text, display)
    assert scan.declarations == []
    path, _line, _column, kind, reason = unreadable(scan)
    assert (path, kind) == (display, "scopelint configuration")
    assert reason.startswith(start), reason


def test_forge_scopes_as_a_mapping_of_options_are_its_keys() -> None:
    """The manifest reference allows scopes as a mapping (offline user impersonation)."""
    text = (
        "app:\n  id: x\npermissions:\n  scopes:\n"
        "    read:jira-work:\n      allowImpersonation: true\n"
        "    write:jira-work: {}\n"
        "    storage:app:\n"
    )
    declaration = only(forge(text))
    assert declaration.scopes == ("read:jira-work", "write:jira-work", "storage:app")
    assert declaration.scope_lines == {"read:jira-work": 5, "write:jira-work": 7, "storage:app": 8}
