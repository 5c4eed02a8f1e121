"""The committed table (data/table.json) against Atlassian's documents in the specs folder.

The expected scopes are read here straight from each document, in the plainest way, without
the loader's code: a test that walks the documents and compares.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest

from scopelint.kb.sources import default_build_list
from scopelint.kb.table import KnowledgeBase, data_dir

pytestmark = pytest.mark.specs

METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
# where each document's paths are relative to (their `servers` entry says so; JSM Assets'
# server is https://api.atlassian.com/ex/jira/{cloudId}/jsm/assets/workspace/{workspaceId}/v1,
# whose gateway part /ex/jira/{cloudId} every request may leave out)
BASE_PATHS = {
    "confluence-v2": "/wiki/api/v2",
    "bitbucket": "/2.0",
    "jsm-assets": "/jsm/assets/workspace/{workspaceId}/v1",
    "jsm-ops": "/jsm/ops",
}
# Bitbucket: the extension holds the granular scopes and `security` the classic ones, so both
# count; elsewhere `security` is only read for operations the extension says nothing about.
BOTH_SOURCES = {"bitbucket"}

ScopeSets = set[frozenset[str]]


def expected_operations(
    document: dict[str, Any], key: str
) -> dict[str, tuple[ScopeSets, dict[frozenset[str], set[str]]]]:
    """'METHOD /full/path' -> (scope sets, states of each extension scope set) as the document says."""
    schemes = document.get("components", {}).get("securitySchemes", {})
    oauth = {name for name, scheme in schemes.items() if scheme.get("type") == "oauth2"}
    found: dict[str, tuple[ScopeSets, dict[frozenset[str], set[str]]]] = {}
    for path, item in document["paths"].items():
        for method in METHODS:
            if method not in item:
                continue
            operation = item[method]
            extension = operation.get("x-atlassian-oauth2-scopes") or []
            from_extension = {frozenset(entry["scopes"]) for entry in extension}
            states: dict[frozenset[str], set[str]] = {}
            for entry in extension:
                states.setdefault(frozenset(entry["scopes"]), set()).add(entry["state"])
            from_security = set()
            for requirement in operation.get("security", document.get("security", [])):
                for scheme, scopes in requirement.items():
                    if scheme in oauth:
                        from_security.add(frozenset(scopes))
            if key in BOTH_SOURCES:
                # an empty OAuth 2.0 entry in `security` next to extension scopes is no
                # "no scope needed" alternative (issue #14.6a)
                if any(from_extension):
                    from_security.discard(frozenset())
                scope_sets = from_extension | from_security
            else:
                scope_sets = from_extension or from_security
            found[f"{method.upper()} {BASE_PATHS.get(key, '')}{path}"] = (scope_sets, states)
    return found


# the REST paths of each product a chain describes (a dropped operation must be under one)
PRODUCT_PATHS = {"jira": ("/rest/",), "confluence": ("/wiki/",), "bitbucket": ("/2.0/",)}


def template(key: str) -> str:
    """'GET /space/{spaceKey}' -> 'GET /space/{}': one operation across versions."""
    return re.sub(r"\{[^{}/]*\}", "{}", key)


@pytest.fixture(scope="module")
def documents(specs_dir: Path, kb: KnowledgeBase) -> dict[str, dict[str, Any]]:
    return {
        doc.key: json.loads((specs_dir / doc.source).read_bytes())
        for doc in kb.documents
        if doc.status != "curated"
    }


def test_the_table_is_built_from_every_current_document(specs_dir: Path, kb: KnowledgeBase) -> None:
    """Every document in the specs folder is in the table: the current ones as such, and the
    older versions the knowledge base's own build list names as the history of one."""
    build_list = default_build_list()
    history = build_list.history_files
    assert "bitbucket.json" in history and "history/confluence-v1-2021.json" in history
    in_folder = {p.relative_to(specs_dir).as_posix() for p in specs_dir.rglob("*.json")}
    assert history <= in_folder, "the build list names a history file the specs folder lacks"
    current = [doc for doc in kb.documents if doc.status == "current"]
    assert {doc.source for doc in current} == in_folder - history
    assert {doc.source for doc in kb.documents if doc.status == "history"} == history
    assert build_list.current_files == in_folder - history
    assert {doc.product for doc in current} == {
        "jira",
        "jira-software",
        "jira-service-management",
        "jsm-assets",
        "jsm-ops",
        "confluence",
        "bitbucket",
    }
    bitbucket = next(doc for doc in kb.documents if doc.key == "bitbucket")
    assert bitbucket.source == "bitbucket-2026-06.json"  # the newer document is the current one


def test_provenance_matches_the_files(specs_dir: Path, kb: KnowledgeBase) -> None:
    """A stale data/table.json (documents or curated data changed, `make data` not run) fails here."""
    for doc in kb.documents:
        if doc.status == "curated":
            raw = (data_dir() / doc.source).read_bytes()
            assert hashlib.sha256(raw).hexdigest() == doc.sha256, f"{doc.source}: rebuild with `make data`"
            continue
        raw = (specs_dir / doc.source).read_bytes()
        assert hashlib.sha256(raw).hexdigest() == doc.sha256, f"{doc.source}: rebuild with `make data`"
        info = json.loads(raw)["info"]
        assert (doc.title, doc.version) == (info["title"], info["version"])
    assert {c["source"] for c in kb.curated_files} == {"endpoints.json", "retired.json"}
    for curated in kb.curated_files:
        raw = (data_dir() / curated["source"]).read_bytes()
        assert hashlib.sha256(raw).hexdigest() == curated["sha256"], f"{curated['source']}: `make data`"


def test_every_operation_of_every_document_is_in_the_table_with_its_scopes(
    kb: KnowledgeBase, documents: dict[str, dict[str, Any]]
) -> None:
    owner: dict[str, str] = {}  # operation -> first document (in table order) that has it
    expected: dict[str, tuple[ScopeSets, dict[frozenset[str], set[str]]]] = {}
    current = [doc for doc in kb.documents if doc.status == "current"]
    for doc in current:
        for key, value in expected_operations(documents[doc.key], doc.key).items():
            if key not in owner:
                owner[key] = doc.key
                expected[key] = value
    # an older version brings the operations that no current document and no newer version of
    # its own document has (matched without parameter names), under its product's REST paths
    seen = {template(key) for key in expected}
    history = [doc for doc in kb.documents if doc.status == "history"]
    for doc in sorted(history, key=lambda d: d.date or "", reverse=True):
        assert doc.of is not None
        found = expected_operations(documents[doc.key], doc.of)
        for key, value in found.items():
            if template(key) in seen:
                continue
            if not key.split(" ", 1)[1].startswith(PRODUCT_PATHS[doc.product]):
                continue
            owner[key] = doc.key
            expected[key] = value
        seen |= {template(key) for key in found}
    curated = {op.key for op in kb.operations if kb.note(op.method, op.path)}
    assert curated == {"GET /me", "GET /oauth/token/accessible-resources"}

    table = {op.key: op for op in kb.operations if op.key not in curated}
    assert len(table) + len(curated) == len(kb.operations), "an operation appears twice in the table"
    missing = sorted(set(expected) - set(table))
    extra = sorted(set(table) - set(expected))
    assert not missing, f"{len(missing)} operations missing, e.g. {missing[:5]}"
    assert not extra, f"{len(extra)} operations no document has, e.g. {extra[:5]}"

    wrong = []
    for key, (scope_sets, states) in expected.items():
        op = table[key]
        got = {frozenset(alt.scopes) for alt in op.alternatives}
        if got != scope_sets or op.document != owner[key]:
            wrong.append((key, sorted(map(sorted, scope_sets)), sorted(map(sorted, got))))
            continue
        for alt in op.alternatives:
            if frozenset(alt.scopes) in states:
                assert alt.state in states[frozenset(alt.scopes)], key
    assert not wrong, f"{len(wrong)} operations with other scopes than the document's, e.g. {wrong[:3]}"


def test_the_history_holds_what_the_current_documents_dropped(kb: KnowledgeBase) -> None:
    """The operations the issue names are kept, with the version they were last seen in."""
    dropped = {op.key: op for op in kb.operations if kb.document(op.document).status == "history"}
    for key in (
        "GET /wiki/rest/api/content",
        "POST /wiki/rest/api/content",
        "GET /wiki/rest/api/content/{id}",
        "PUT /wiki/rest/api/content/{id}",
        "DELETE /wiki/rest/api/content/{id}",
        "GET /wiki/rest/api/content/{id}/child/{type}",
        "GET /wiki/rest/api/content/{id}/child/comment",
        "GET /wiki/rest/api/space",
        "GET /wiki/rest/api/space/{spaceKey}",
        "POST /rest/api/3/search/id",
        "GET /2.0/addon/linkers",
    ):
        assert key in dropped, key
    space = dropped["GET /wiki/rest/api/space"]
    assert space.document == "confluence-v1@2024-02-04"
    assert {(a.kind, a.scopes) for a in space.alternatives} == {
        ("classic", ("read:confluence-space.summary",)),
        ("granular", ("read:content-details:confluence",)),
    }
    removal = kb.removal("GET", "/wiki/rest/api/space")
    assert removal is not None and removal.dropped
    assert (removal.dropped_from, removal.last_seen, removal.last_version) == (
        "confluence-v1",
        "2024-02-04",
        "1.0.0",
    )
    assert removal.replacement == "GET /wiki/api/v2/spaces"
    assert "GET /wiki/rest/api/space" not in {op.key for op in kb.current_operations}
    assert "GET /wiki/rest/api/space" not in {f"{op.method} {op.path}" for op in kb.current_operations}


def test_the_modified_2024_copy_agrees_with_the_2021_one_on_classic_scopes(
    documents: dict[str, dict[str, Any]], kb: KnowledgeBase
) -> None:
    """SOURCES.md: the 2024 Confluence copy is modified; use it for scopes.  Its classic scopes
    agree with the unmodified 2021 copy on every operation it was the last to have."""
    older = expected_operations(documents["confluence-v1@2021-11-23"], "confluence-v1")
    checked = 0
    for op in kb.operations:
        if op.document != "confluence-v1@2024-02-04" or op.key not in older:
            continue
        classic = {frozenset(a.scopes) for a in op.alternatives if a.kind == "classic"}
        assert classic == older[op.key][0], op.key
        checked += 1
    assert checked >= 40


def test_operations_in_both_jira_documents_appear_once(
    kb: KnowledgeBase, documents: dict[str, dict[str, Any]]
) -> None:
    v3 = set(expected_operations(documents["jira-platform"], "jira-platform"))
    v2 = set(expected_operations(documents["jira-platform-v2"], "jira-platform-v2"))
    shared = v3 & v2
    assert "GET /rest/atlassian-connect/1/addons/{addonKey}/properties" in shared
    keys = [op.key for op in kb.operations]
    for key in shared:
        assert keys.count(key) == 1, key
    counts = {doc.key: doc.operations for doc in kb.documents}
    assert counts["jira-platform"] == len(v3)
    assert counts["jira-platform-v2"] == len(v2) - len(shared)
    assert sum(counts.values()) == len(kb.operations)


def test_known_facts_from_the_documents(kb: KnowledgeBase) -> None:
    issue = kb.operation("GET", "/rest/api/3/issue/{issueIdOrKey}")
    assert issue is not None
    assert {(a.kind, a.scopes) for a in issue.alternatives} == {
        ("classic", ("read:jira-work",)),
        (
            "granular",
            (
                "read:avatar:jira",
                "read:field-configuration:jira",
                "read:issue-meta:jira",
                "read:issue-security-level:jira",
                "read:issue.changelog:jira",
                "read:issue.vote:jira",
                "read:issue:jira",
                "read:status:jira",
                "read:user:jira",
            ),
        ),
    }
    locale = kb.operation("PUT", "/rest/api/3/mypreferences/locale")
    assert locale is not None and locale.alternatives == ()
    board = kb.operation("GET", "/rest/agile/1.0/board")
    assert board is not None and board.product == "jira-software"
    assert {a.scopes for a in board.alternatives} == {("read:board-scope:jira-software", "read:project:jira")}
