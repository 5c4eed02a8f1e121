"""Issue #14.6a: an empty "no scope needed" alternative only where the document gives one.

Walks every operation of every document in the table (current documents and older versions)
and checks each empty alternative against the raw document: either an
``x-atlassian-oauth2-scopes`` entry with no scopes, or an OAuth 2.0 entry in ``security``
with no scopes for an operation whose extension names no scope at all.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from scopelint.kb.table import KnowledgeBase, data_dir

METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


def document_gives_an_empty_alternative(document: dict[str, Any], operation: dict[str, Any]) -> bool:
    extension = operation.get("x-atlassian-oauth2-scopes") or []
    if any(entry.get("scopes") == [] for entry in extension):
        return True
    if any(entry.get("scopes") for entry in extension):
        return False
    schemes = document.get("components", {}).get("securitySchemes", {})
    oauth = {name for name, scheme in schemes.items() if scheme.get("type") == "oauth2"}
    security = operation.get("security", document.get("security", []))
    return any(requirement.get(name) == [] for requirement in security for name in oauth)


def raw_operations(document: dict[str, Any], base: str) -> dict[str, dict[str, Any]]:
    found = {}
    for path, item in document["paths"].items():
        for method in METHODS:
            if method in item:
                full = path if not base or path.startswith(base + "/") else base + path
                found[f"{method.upper()} {full}"] = item[method]
    return found


@pytest.mark.specs
def test_an_empty_alternative_only_where_the_document_gives_one(
    specs_dir: Path, kb: KnowledgeBase
) -> None:
    checked = empty = 0
    for doc in kb.documents:
        folder = data_dir() if doc.status == "curated" else specs_dir
        document = json.loads((folder / doc.source).read_bytes())
        if doc.status == "curated":
            entries = {f"{e['method']} {e['path']}": e for e in document["operations"]}
            for op in kb.operations:
                if op.document == doc.key and op.needs_no_scope:
                    assert [] in [alt["scopes"] for alt in entries[op.key]["alternatives"]], op.key
                    empty += 1
            continue
        raw = raw_operations(document, doc.base_path)
        for op in kb.operations:
            if op.document != doc.key:
                continue
            checked += 1
            if op.needs_no_scope:
                empty += 1
                assert document_gives_an_empty_alternative(document, raw[op.key]), (doc.key, op.key)
    assert checked >= 2400 and empty > 10


def test_the_bitbucket_operations_of_the_issue_need_their_granular_scope(kb: KnowledgeBase) -> None:
    for method, path, scope in (
        ("GET", "/2.0/workspaces/{workspace}", "read:workspace:bitbucket"),
        ("GET", "/2.0/users/{selected_user}", "read:user:bitbucket"),
    ):
        op = kb.operation(method, path)
        assert op is not None and not op.needs_no_scope, path
        assert (scope,) in {alt.scopes for alt in op.alternatives}
