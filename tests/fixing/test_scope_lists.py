"""Scope lists edited in place: only the list changes, every other byte stays as written."""

from __future__ import annotations

import pytest

from scopelint.fixing.scope_lists import (
    EditError,
    add_scopes_toml,
    add_scopes_yaml,
    remove_scopes_toml,
    remove_scopes_yaml,
)
from scopelint.kb.hosts import site_to_gateway

MANIFEST = """\
# Forge manifest -- keep this comment
modules:
  jira:issuePanel:
    - key: hello-panel   # the panel
      title: "Hello"
      resource: main
permissions:
  scopes:
    - read:jira-work    # reading issues
    - 'write:jira-work'

    - read:jira-user
  content:
    styles: [unsafe-inline]
app:
  id: ari:cloud:ecosystem::app/1234
"""


def test_yaml_block_list_unsorted_appends_in_given_order_copying_the_item_style() -> None:
    result = add_scopes_yaml(MANIFEST, ("permissions", "scopes"), ["storage:app", "manage:jira-webhook"])
    assert result == MANIFEST.replace(
        "    - read:jira-user\n",
        "    - read:jira-user\n    - storage:app\n    - manage:jira-webhook\n",
    )


def test_yaml_block_list_sorted_keeps_sorted_and_quoting_of_neighbours() -> None:
    text = """\
app:
  id: ari:cloud:ecosystem::app/1  # id
permissions:
  scopes:
  - 'read:jira-user'
  - 'write:jira-work'
  # trailing comment stays
other: 1
"""
    result = add_scopes_yaml(text, scopes=["read:jira-work", "storage:app", "zz:last"])
    assert result == """\
app:
  id: ari:cloud:ecosystem::app/1  # id
permissions:
  scopes:
  - 'read:jira-user'
  - 'read:jira-work'
  - 'storage:app'
  - 'write:jira-work'
  - 'zz:last'
  # trailing comment stays
other: 1
"""


def test_yaml_flow_list_multiline_and_inline() -> None:
    text = 'permissions: {scopes: ["b:x", "d:x"]}   # flow style\napp: {id: x}\n'
    assert add_scopes_yaml(text, scopes=["a:x", "c:x", "e:x"]) == (
        'permissions: {scopes: ["a:x", "b:x", "c:x", "d:x", "e:x"]}   # flow style\napp: {id: x}\n'
    )
    multiline = "scopes: [\n    read:a,\n    read:c,\n]\n# end\n"
    assert add_scopes_yaml(multiline, ("scopes",), ["read:b", "read:d"]) == (
        "scopes: [\n    read:a,\n    read:b,\n    read:c,\n    read:d,\n]\n# end\n"
    )
    assert add_scopes_yaml("scopes: []  # none yet\n", ("scopes",), ["b", "a"]) == (
        "scopes: [a, b]  # none yet\n"
    )


def test_yaml_adding_present_scopes_changes_nothing() -> None:
    assert add_scopes_yaml(MANIFEST, scopes=["read:jira-user", "write:jira-work"]) is MANIFEST
    once = add_scopes_yaml(MANIFEST, scopes=["storage:app"])
    assert add_scopes_yaml(once, scopes=["storage:app"]) == once


def test_yaml_missing_list_is_created_under_the_right_parent() -> None:
    text = "app:\n  id: x   # keep\npermissions:\n  content:\n    styles: [a]\n"
    assert add_scopes_yaml(text, scopes=["write:b", "read:a"]) == (
        "app:\n  id: x   # keep\npermissions:\n  content:\n    styles: [a]\n"
        "  scopes:\n    - read:a\n    - write:b\n"
    )
    no_permissions = "app:\n  id: x\n"
    assert add_scopes_yaml(no_permissions, scopes=["read:a"]) == (
        "app:\n  id: x\npermissions:\n  scopes:\n    - read:a\n"
    )
    empty_value = "scopes:   # fill me\nselect: [SL002]\n"
    assert add_scopes_yaml(empty_value, ("scopes",), ["read:a"]) == (
        "scopes:   # fill me\n  - read:a\nselect: [SL002]\n"
    )


def test_yaml_keeps_crlf_and_a_missing_final_newline() -> None:
    text = "scopes:\r\n  - read:a\r\n  - read:c"
    assert add_scopes_yaml(text, ("scopes",), ["read:b", "read:d"]) == (
        "scopes:\r\n  - read:a\r\n  - read:b\r\n  - read:c\r\n  - read:d"
    )


def test_yaml_scopes_that_need_quotes_get_them() -> None:
    result = add_scopes_yaml("scopes:\n  - read:a\n", ("scopes",), ["odd: scope", "#hash"])
    assert result == "scopes:\n  - '#hash'\n  - 'odd: scope'\n  - read:a\n"


def test_yaml_token_list_inside_a_list_of_mappings() -> None:
    text = "tokens:\n  - name: ci   # the CI token\n    paths: [ci/**]\n    scopes: [read:a]\n"
    assert add_scopes_yaml(text, ("tokens", 0, "scopes"), ["read:b"]) == (
        "tokens:\n  - name: ci   # the CI token\n    paths: [ci/**]\n    scopes: [read:a, read:b]\n"
    )


def test_yaml_remove_block_flow_and_last_item() -> None:
    assert remove_scopes_yaml(MANIFEST, scopes=["write:jira-work", "not:there"]) == MANIFEST.replace(
        "    - 'write:jira-work'\n", ""
    )
    everything = remove_scopes_yaml(MANIFEST, scopes=["read:jira-work", "write:jira-work", "read:jira-user"])
    assert everything == MANIFEST.replace(
        "  scopes:\n    - read:jira-work    # reading issues\n    - 'write:jira-work'\n\n"
        "    - read:jira-user\n",
        "  scopes: []\n\n",
    )
    flow = "scopes: [a, b, c]  # x\n"
    assert remove_scopes_yaml(flow, ("scopes",), ["b"]) == "scopes: [a, c]  # x\n"
    assert remove_scopes_yaml(flow, ("scopes",), ["c"]) == "scopes: [a, b]  # x\n"
    assert remove_scopes_yaml(flow, ("scopes",), ["a", "b", "c"]) == "scopes: []  # x\n"
    assert remove_scopes_yaml(flow, ("scopes",), ["zzz"]) is flow
    assert remove_scopes_yaml("app: {}\n", scopes=["a"]) == "app: {}\n"


def test_yaml_refuses_shapes_it_cannot_edit_without_reformatting() -> None:
    anchored = "common: &s [read:a]\npermissions:\n  scopes: *s\n"
    with pytest.raises(EditError):
        add_scopes_yaml(anchored, scopes=["read:b"])
    with pytest.raises(EditError, match="not a list"):
        add_scopes_yaml("permissions:\n  scopes: read:a\n", scopes=["read:b"])
    with pytest.raises(EditError, match="not valid YAML"):
        add_scopes_yaml("permissions: [\n", scopes=["read:b"])


PYPROJECT = """\
[project]
name = "demo"   # the name

[tool.scopelint]
select = ['SL']
scopes = ['read:jira-work', 'write:jira-work']  # token scopes

[tool.ruff]
line-length = 100
"""


def test_toml_inline_array_sorted_insert_keeps_literal_quotes() -> None:
    result = add_scopes_toml(PYPROJECT, ("tool", "scopelint"), ["a:first", "storage:app", "zz:last"])
    assert result == PYPROJECT.replace(
        "scopes = ['read:jira-work', 'write:jira-work']",
        "scopes = ['a:first', 'read:jira-work', 'storage:app', 'write:jira-work', 'zz:last']",
    )


def test_toml_multiline_array_unsorted_appends() -> None:
    text = (
        '# config\nscopes = [\n    "write:b",  # writes\n    "read:a",\n]\n\n'
        '[sites]\n"acme.atlassian.net" = "x"\n'
    )
    assert add_scopes_toml(text, (), ["read:c"]) == text.replace(
        '    "read:a",\n', '    "read:a",\n    "read:c",\n'
    )


def test_toml_idempotent_and_created_when_missing() -> None:
    assert add_scopes_toml(PYPROJECT, scopes=["read:jira-work"]) is PYPROJECT
    bare = '[project]\nname = "demo"\n'
    created = add_scopes_toml(bare, scopes=["write:b", "read:a"])
    assert created == bare + '\n[tool.scopelint]\nscopes = ["read:a", "write:b"]\n'
    assert add_scopes_toml(created, scopes=["read:a", "write:b"]) == created


def test_toml_remove() -> None:
    assert remove_scopes_toml(PYPROJECT, scopes=["read:jira-work"]) == PYPROJECT.replace(
        "['read:jira-work', 'write:jira-work']", "['write:jira-work']"
    )
    multi = 'scopes = [\n  "a",  # keep a?\n  "b",\n  "c",\n]\n'
    assert remove_scopes_toml(multi, (), ["a"]) == 'scopes = [\n  "b",\n  "c",\n]\n'
    assert remove_scopes_toml(multi, (), ["nothing"]) is multi
    assert remove_scopes_toml('[project]\nname = "x"\n', scopes=["a"]) == '[project]\nname = "x"\n'


def test_toml_refuses_non_arrays() -> None:
    with pytest.raises(EditError, match="not an array"):
        add_scopes_toml('scopes = "read:a"\n', (), ["read:b"])


@pytest.mark.parametrize(
    ("url", "product", "expected"),
    [
        (
            "https://acme.atlassian.net/rest/api/3/issue/{key}?expand=names",
            "jira",
            "https://api.atlassian.com/ex/jira/CID/rest/api/3/issue/{key}?expand=names",
        ),
        (
            "https://acme.atlassian.net/rest/agile/1.0/board",
            "jira-software",
            "https://api.atlassian.com/ex/jira/CID/rest/agile/1.0/board",
        ),
        (
            "https://acme.atlassian.net/wiki/api/v2/pages",
            "confluence",
            "https://api.atlassian.com/ex/confluence/CID/wiki/api/v2/pages",
        ),
        (
            "https://api.atlassian.com/ex/jira/CID/rest/api/3/myself",
            "jira",
            "https://api.atlassian.com/ex/jira/CID/rest/api/3/myself",
        ),
    ],
)
def test_site_to_gateway(url: str, product: str, expected: str) -> None:
    assert site_to_gateway(url, product, "CID") == expected


def test_site_to_gateway_refuses_bitbucket() -> None:
    with pytest.raises(ValueError, match="gateway"):
        site_to_gateway("https://api.bitbucket.org/2.0/user", "bitbucket", "CID")
