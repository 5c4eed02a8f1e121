"""The OpenAPI loader: scope alternatives, kinds, states, fallbacks and full paths.

Each rule has a small hand-made document; the real documents confirm the rules hold there too.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from kb_helpers import make_document, oauth_scheme, x_scopes

from scopelint.kb.build import build_table
from scopelint.kb.openapi_loader import alternative_kind, load_operations, read_document
from scopelint.kb.table import KnowledgeBase, table_from_json
from scopelint.model import Alternative, Operation

GRANULAR_ISSUE = ["read:issue:jira", "read:user:jira"]


def load_one(document: dict[str, Any], key: str = "doc") -> dict[str, Operation]:
    return {op.key: op for op in load_operations(document, key).operations}


def alt_set(op: Operation) -> set[tuple[str, str | None, tuple[str, ...]]]:
    return {(alt.kind, alt.state, alt.scopes) for alt in op.alternatives}


# ---------------------------------------------------------------- x-atlassian-oauth2-scopes


@pytest.mark.parametrize("beta_first", [False, True], ids=["current-first", "beta-first"])
def test_extension_alternatives_do_not_depend_on_their_order(beta_first: bool) -> None:
    entries = [("Current", ["read:jira-work"]), ("Beta", GRANULAR_ISSUE)]
    if beta_first:
        entries.reverse()
    document = make_document(
        {"/rest/api/3/issue/{issueIdOrKey}": {"get": {"x-atlassian-oauth2-scopes": x_scopes(*entries)}}}
    )
    op = load_one(document)["GET /rest/api/3/issue/{issueIdOrKey}"]
    assert alt_set(op) == {
        ("classic", "Current", ("read:jira-work",)),
        ("granular", "Beta", ("read:issue:jira", "read:user:jira")),
    }
    # classic first, whatever order the document used
    assert [alt.kind for alt in op.alternatives] == ["classic", "granular"]


def test_scopes_inside_an_alternative_are_sorted_and_unique() -> None:
    document = make_document(
        {
            "/rest/api/3/myself": {
                "get": {
                    "x-atlassian-oauth2-scopes": x_scopes(
                        ("Beta", ["read:user:jira", "read:avatar:jira", "read:user:jira"])
                    )
                }
            }
        }
    )
    op = load_one(document)["GET /rest/api/3/myself"]
    assert op.alternatives == (Alternative("granular", "Beta", ("read:avatar:jira", "read:user:jira")),)


@pytest.mark.parametrize(
    ("scopes", "kind"),
    [
        (["read:jira-work"], "classic"),
        (["manage:jira-configuration", "write:jira-work"], "classic"),
        (["read:issue:jira"], "granular"),
        (["read:issue.changelog:jira"], "granular"),
        (["read:jira-work", "read:issue:jira"], "granular"),  # mixed sets count as granular
        (["repository"], "classic"),
        (["pullrequest:write"], "classic"),
        ([], "classic"),
    ],
)
def test_kind_is_decided_by_scope_names(scopes: list[str], kind: str) -> None:
    assert alternative_kind(scopes) == kind
    document = make_document(
        {"/rest/api/3/myself": {"get": {"x-atlassian-oauth2-scopes": x_scopes(("Current", scopes))}}}
    )
    (alt,) = load_one(document)["GET /rest/api/3/myself"].alternatives
    assert alt.kind == kind
    assert alt.state == "Current"


def test_the_same_scope_set_twice_is_one_alternative_keeping_its_state() -> None:
    # Jira's security entry repeats the classic extension entry: one alternative, state kept
    document = make_document(
        {
            "/rest/api/3/myself": {
                "get": {
                    "security": [{"basicAuth": []}, {"OAuth2": ["read:jira-work"]}],
                    "x-atlassian-oauth2-scopes": x_scopes(("Current", ["read:jira-work"])),
                }
            }
        }
    )
    op = load_one(document)["GET /rest/api/3/myself"]
    assert op.alternatives == (Alternative("classic", "Current", ("read:jira-work",)),)


# ---------------------------------------------------------------- security


def test_without_the_extension_the_security_oauth_entries_are_the_alternatives() -> None:
    # Jira Software's documents have no x-atlassian-oauth2-scopes at all
    document = make_document(
        {
            "/rest/agile/1.0/board": {
                "get": {
                    "security": [
                        {"basicAuth": []},
                        {"OAuth2": ["read:board-scope:jira-software", "read:project:jira"]},
                    ]
                }
            },
            "/rest/agile/1.0/board/{boardId}": {
                "delete": {"security": [{"basicAuth": []}, {"OAuth2": ["write:jira-work"]}]}
            },
        },
        title="Jira Software Cloud API",
    )
    ops = load_one(document)
    assert alt_set(ops["GET /rest/agile/1.0/board"]) == {
        ("granular", None, ("read:board-scope:jira-software", "read:project:jira"))
    }
    assert alt_set(ops["DELETE /rest/agile/1.0/board/{boardId}"]) == {("classic", None, ("write:jira-work",))}
    assert {op.product for op in ops.values()} == {"jira-software"}


@pytest.mark.parametrize("scheme", ["OAuth2", "oAuthDefinitions", "oauth2"])
def test_the_oauth_scheme_is_found_by_its_type_whatever_its_name(scheme: str) -> None:
    document = make_document(
        {"/rest/api/3/myself": {"get": {"security": [{"basicAuth": []}, {scheme: ["read:jira-work"]}]}}},
        schemes=oauth_scheme(scheme),
    )
    op = load_one(document)["GET /rest/api/3/myself"]
    assert alt_set(op) == {("classic", None, ("read:jira-work",))}


def test_a_scheme_that_is_not_oauth2_gives_no_alternative() -> None:
    schemes = {
        "OAuth2": {"type": "http", "scheme": "basic"},
        "api_key": {"type": "apiKey", "in": "header", "name": "x"},
    }
    document = make_document(
        {"/rest/api/3/myself": {"get": {"security": [{"OAuth2": ["read:jira-work"]}, {"api_key": []}]}}},
        schemes=schemes,
    )
    assert load_one(document)["GET /rest/api/3/myself"].alternatives == ()


def test_document_level_security_applies_to_operations_without_their_own() -> None:
    document = make_document(
        {
            "/rest/api/3/myself": {"get": {}},
            "/rest/api/3/mypreferences/locale": {"put": {"security": [{"basicAuth": []}]}},
        }
    )
    document["security"] = [{"OAuth2": ["read:jira-work"]}]
    ops = load_one(document)
    assert alt_set(ops["GET /rest/api/3/myself"]) == {("classic", None, ("read:jira-work",))}
    assert ops["PUT /rest/api/3/mypreferences/locale"].alternatives == ()


def test_an_empty_security_entry_next_to_a_classic_extension_does_not_mean_no_scope() -> None:
    # jira-platform's Connect migration task: extension read:jira-work, security "OAuth2: []"
    document = make_document(
        {
            "/rest/atlassian-connect/1/migration/{connectKey}/{jiraIssueFieldsKey}/task": {
                "get": {
                    "security": [{"basicAuth": []}, {"OAuth2": []}],
                    "x-atlassian-oauth2-scopes": x_scopes(("Current", ["read:jira-work"])),
                }
            },
            "/rest/forge/1/app/properties": {
                "get": {
                    "security": [{"basicAuth": []}, {"OAuth2": []}],
                    "x-atlassian-oauth2-scopes": x_scopes(("Beta", ["read:app-data:jira"])),
                }
            },
        }
    )
    ops = load_one(document)
    task = ops["GET /rest/atlassian-connect/1/migration/{connectKey}/{jiraIssueFieldsKey}/task"]
    assert alt_set(task) == {("classic", "Current", ("read:jira-work",))}
    assert not task.needs_no_scope
    assert alt_set(ops["GET /rest/forge/1/app/properties"]) == {("granular", "Beta", ("read:app-data:jira",))}


def bitbucket_document() -> dict[str, Any]:
    schemes = oauth_scheme(
        "oauth2",
        {"repository": "Read repositories", "pullrequest:write": "Write pull requests", "account": "Account"},
    )
    schemes["api_key"] = {"type": "apiKey", "in": "header", "name": "Authorization"}

    def security_of(*scopes: str) -> list[dict[str, list[str]]]:
        return [{"oauth2": list(scopes)}, {"basic": []}, {"api_key": []}]

    return make_document(
        {
            "/repositories/{workspace}": {
                "get": {
                    "security": security_of("repository"),
                    "x-atlassian-oauth2-scopes": x_scopes(
                        ("Current", ["read:repository:bitbucket"]), scheme="oauth2"
                    ),
                }
            },
            "/repositories/{workspace}/{repo_slug}/pullrequests": {
                "post": {
                    "security": security_of("pullrequest:write"),
                    "x-atlassian-oauth2-scopes": x_scopes(
                        ("Current", ["read:pullrequest:bitbucket", "write:pullrequest:bitbucket"]),
                        scheme="oauth2",
                    ),
                }
            },
            "/users/{selected_user}": {
                "get": {
                    "security": security_of(),
                    "x-atlassian-oauth2-scopes": x_scopes(
                        ("Current", ["read:user:bitbucket"]), scheme="oauth2"
                    ),
                }
            },
            "/hook_events": {"get": {"security": security_of()}},
        },
        title="Bitbucket API",
        schemes=schemes,
        servers=[{"url": "https://api.bitbucket.org/2.0"}],
    )


def test_bitbucket_keeps_granular_extension_and_classic_security_as_alternatives() -> None:
    ops = load_one(bitbucket_document(), "bitbucket")
    assert alt_set(ops["GET /2.0/repositories/{workspace}"]) == {
        ("classic", None, ("repository",)),
        ("granular", "Current", ("read:repository:bitbucket",)),
    }
    assert alt_set(ops["POST /2.0/repositories/{workspace}/{repo_slug}/pullrequests"]) == {
        ("classic", None, ("pullrequest:write",)),
        ("granular", "Current", ("read:pullrequest:bitbucket", "write:pullrequest:bitbucket")),
    }
    # "oauth2: []" next to granular extension scopes is no "no scope needed" alternative
    # (issue #14.6a: SL002 never fired and suggest said "no scope needed")
    users = ops["GET /2.0/users/{selected_user}"]
    assert alt_set(users) == {("granular", "Current", ("read:user:bitbucket",))}
    assert not users.needs_no_scope
    # ...but alone (no extension scopes) it is the document saying no scope is needed
    hooks = ops["GET /2.0/hook_events"]
    assert alt_set(hooks) == {("classic", None, ())} and hooks.needs_no_scope
    assert {op.product for op in ops.values()} == {"bitbucket"}


# ---------------------------------------------------------------- no scope vs not callable


def test_no_scope_needed_and_not_callable_stay_different() -> None:
    document = make_document(
        {
            "/rest/api/3/serverInfo": {
                "get": {
                    "security": [{"basicAuth": []}, {"OAuth2": []}, {}],
                    "x-atlassian-oauth2-scopes": x_scopes(("Current", []), ("Beta", [])),
                }
            },
            "/rest/api/3/mypreferences/locale": {"put": {"security": [{"basicAuth": []}]}},
            "/rest/atlassian-connect/1/app/module/dynamic": {"get": {"security": []}},
            "/rest/api/3/nothing-said": {"get": {}},
        }
    )
    ops = load_one(document)
    server_info = ops["GET /rest/api/3/serverInfo"]
    assert server_info.alternatives == (Alternative("classic", "Current", ()),)
    assert server_info.scoped_access and server_info.needs_no_scope
    for key in (
        "PUT /rest/api/3/mypreferences/locale",
        "GET /rest/atlassian-connect/1/app/module/dynamic",
        "GET /rest/api/3/nothing-said",
    ):
        assert ops[key].alternatives == (), key
        assert not ops[key].scoped_access and not ops[key].needs_no_scope


def test_the_difference_survives_the_compiled_table(tmp_path: Path) -> None:
    document = make_document(
        {
            "/rest/api/3/serverInfo": {"get": {"x-atlassian-oauth2-scopes": x_scopes(("Current", []))}},
            "/rest/api/3/mypreferences/locale": {"put": {"security": [{"basicAuth": []}]}},
        }
    )
    source = tmp_path / "tiny.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    table = json.loads(json.dumps(build_table([str(source)], validate=False).table))
    kb = table_from_json(table, "file", None)
    server_info = kb.operation("GET", "/rest/api/3/serverInfo")
    locale = kb.operation("PUT", "/rest/api/3/mypreferences/locale")
    assert server_info is not None and server_info.alternatives == (Alternative("classic", "Current", ()),)
    assert locale is not None and locale.alternatives == ()


# ---------------------------------------------------------------- full paths and products


def test_confluence_v1_paths_already_carry_wiki_rest_api() -> None:
    document = make_document(
        {
            "/wiki/rest/api/space": {
                "get": {"security": [{"oAuthDefinitions": ["read:confluence-space.summary"]}]}
            }
        },
        title="The Confluence Cloud REST API",
        schemes=oauth_scheme("oAuthDefinitions", {"read:confluence-space.summary": "x"}),
        servers=[{"url": "//your-domain.atlassian.net"}],
    )
    loaded = load_operations(document, "confluence-v1")
    assert loaded.base_path == ""
    assert [op.key for op in loaded.operations] == ["GET /wiki/rest/api/space"]
    assert loaded.product == "confluence"


def test_confluence_v2_paths_get_the_server_base() -> None:
    document = make_document(
        {
            "/pages/{id}": {
                "get": {"x-atlassian-oauth2-scopes": x_scopes(("Current", ["read:page:confluence"]))}
            }
        },
        title="The Confluence Cloud REST API v2",
        schemes=oauth_scheme("oAuthDefinitions", {"read:page:confluence": "x"}),
        servers=[
            {
                "url": "https://{your-domain}/wiki/api/v2",
                "variables": {"your-domain": {"default": "no-default"}},
            }
        ],
    )
    loaded = load_operations(document, "confluence-v2")
    assert loaded.base_path == "/wiki/api/v2"
    assert [op.key for op in loaded.operations] == ["GET /wiki/api/v2/pages/{id}"]


def test_bitbucket_paths_get_2_0() -> None:
    loaded = load_operations(bitbucket_document(), "bitbucket")
    assert loaded.base_path == "/2.0"
    assert all(op.path.startswith("/2.0/") for op in loaded.operations)
    assert "GET /2.0/hook_events" in {op.key for op in loaded.operations}


def test_operation_fields_are_kept() -> None:
    document = make_document(
        {
            "/rest/api/3/mypreferences/locale": {
                "put": {
                    "operationId": "setLocale",
                    "deprecated": True,
                    "x-atlassian-connect-scope": "INACCESSIBLE",
                    "security": [{"basicAuth": []}],
                }
            }
        }
    )
    op = load_one(document, "jira-platform")["PUT /rest/api/3/mypreferences/locale"]
    assert (op.operation_id, op.deprecated, op.connect_scope, op.document) == (
        "setLocale",
        True,
        "INACCESSIBLE",
        "jira-platform",
    )


def test_catalog_holds_scheme_scopes_and_operation_scopes() -> None:
    document = make_document(
        {"/rest/api/3/myself": {"get": {"x-atlassian-oauth2-scopes": x_scopes(("Beta", ["read:user:jira"]))}}}
    )
    catalog = load_operations(document, "doc").catalog
    assert {"read:jira-work", "write:jira-work", "read:user:jira"} <= catalog


# ---------------------------------------------------------------- JSON and YAML files

YAML_DOCUMENT = """\
openapi: 3.0.1
info:
  title: Jira Software Cloud API
  version: 1001.0.0
components:
  securitySchemes:
    OAuth2:
      type: oauth2
      flows:
        authorizationCode:
          authorizationUrl: https://auth.atlassian.com/authorize
          tokenUrl: https://auth.atlassian.com/oauth/token
          scopes:
            read:board-scope:jira-software: Read boards
paths:
  /rest/agile/1.0/board:
    get:
      operationId: getAllBoards
      security:
        - basicAuth: []
        - OAuth2:
            - read:project:jira
            - read:board-scope:jira-software
      responses:
        "200":
          description: OK
"""


def test_yaml_and_json_files_load_the_same(tmp_path: Path) -> None:
    yaml_path = tmp_path / "jira-software.yaml"
    yaml_path.write_text(YAML_DOCUMENT, encoding="utf-8")
    from_yaml = load_operations(read_document(yaml_path), "jira-software").operations

    from ruamel.yaml import YAML

    json_path = tmp_path / "jira-software.json"
    json_path.write_text(json.dumps(YAML(typ="safe").load(YAML_DOCUMENT)), encoding="utf-8")
    from_json = load_operations(read_document(json_path), "jira-software").operations

    assert from_yaml == from_json
    (op,) = from_yaml
    assert op.key == "GET /rest/agile/1.0/board"
    assert op.alternatives == (
        Alternative("granular", None, ("read:board-scope:jira-software", "read:project:jira")),
    )


def test_build_accepts_a_yaml_document(tmp_path: Path) -> None:
    source = tmp_path / "jira-software.yml"
    source.write_text(YAML_DOCUMENT, encoding="utf-8")
    result = build_table([str(source)])
    assert result.operations == 1
    assert result.warnings == []
    assert result.table["documents"][0]["key"] == "jira-software"
    assert result.table["documents"][0]["product"] == "jira-software"


# ---------------------------------------------------------------- the real documents


@pytest.mark.specs
def test_real_jira_document_rules(specs_dir: Path) -> None:
    ops = load_one(read_document(specs_dir / "jira-platform.json"), "jira-platform")
    issue = ops["GET /rest/api/3/issue/{issueIdOrKey}"]
    assert ("classic", "Current", ("read:jira-work",)) in alt_set(issue)
    assert len(next(a for a in issue.alternatives if a.kind == "granular").scopes) == 9
    # the document lists Beta first here
    assert alt_set(ops["DELETE /rest/api/3/filter/{id}/columns"]) == {
        ("classic", "Current", ("write:jira-work",)),
        ("granular", "Beta", ("delete:filter.column:jira",)),
    }
    assert ops["PUT /rest/api/3/mypreferences/locale"].alternatives == ()
    assert ops["GET /rest/api/3/serverInfo"].needs_no_scope
    assert not ops["GET /rest/forge/1/app/properties"].needs_no_scope


@pytest.mark.specs
def test_real_jira_software_document_takes_security(specs_dir: Path) -> None:
    ops = load_one(read_document(specs_dir / "jira-software.json"), "jira-software")
    assert alt_set(ops["GET /rest/agile/1.0/board"]) == {
        ("granular", None, ("read:board-scope:jira-software", "read:project:jira"))
    }
    assert sum(1 for op in ops.values() if op.alternatives) >= 84


@pytest.mark.specs
def test_real_bitbucket_document_keeps_both(specs_dir: Path) -> None:
    ops = load_one(read_document(specs_dir / "bitbucket.json"), "bitbucket")
    assert alt_set(ops["GET /2.0/repositories/{workspace}"]) == {
        ("classic", None, ("repository",)),
        ("granular", "Current", ("read:repository:bitbucket",)),
    }
    assert ("classic", None, ("pullrequest:write",)) in alt_set(
        ops["POST /2.0/repositories/{workspace}/{repo_slug}/pullrequests"]
    )


@pytest.mark.specs
def test_real_confluence_paths(specs_dir: Path) -> None:
    v1 = load_one(read_document(specs_dir / "confluence-v1.json"), "confluence-v1")
    v2 = load_one(read_document(specs_dir / "confluence-v2.json"), "confluence-v2")
    assert all(key.split(" ", 1)[1].startswith("/wiki/rest/") for key in v1)
    assert all(key.split(" ", 1)[1].startswith("/wiki/api/v2/") for key in v2)
    assert alt_set(v2["GET /wiki/api/v2/pages/{id}"]) == {("granular", "Current", ("read:page:confluence",))}


def test_loaded_operations_agree_with_the_knowledge_base_types(kb: KnowledgeBase) -> None:
    # every alternative in the table in use is sorted, unique and of the right kind
    for op in kb.operations:
        for alt in op.alternatives:
            assert list(alt.scopes) == sorted(set(alt.scopes)), op.key
            assert alt.kind == alternative_kind(alt.scopes), op.key
