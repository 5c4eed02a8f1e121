"""data/table.json: valid against data/table.schema.json, compact, free of prose; scope catalogs."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from kb_helpers import make_document, x_scopes

from scopelint.kb.build import build_table
from scopelint.kb.table import KnowledgeBase, data_dir, load_table, table_from_json
from scopelint.model import PRODUCTS

REPO = Path(__file__).resolve().parents[2]
SCHEMA_PATH = REPO / "data" / "table.schema.json"
TABLE_PATH = REPO / "data" / "table.json"


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.fixture(scope="module")
def table() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(TABLE_PATH.read_text(encoding="utf-8"))
    return data


def errors_of(validator: Draft202012Validator, data: Any) -> list[str]:
    return [error.message for error in validator.iter_errors(data)]


def strings_in(value: Any, where: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield where + "." + key, key
            yield from strings_in(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from strings_in(item, f"{where}[{index}]")


def test_the_embedded_table_is_the_repository_one() -> None:
    assert data_dir() in (REPO / "data", REPO / "scopelint" / "_data")


def test_committed_table_is_valid_against_its_schema(
    validator: Draft202012Validator, table: dict[str, Any]
) -> None:
    assert errors_of(validator, table) == []


def test_a_freshly_built_table_is_valid_too(validator: Draft202012Validator, tmp_path: Path) -> None:
    document = make_document(
        {
            "/rest/api/3/serverInfo": {"get": {"x-atlassian-oauth2-scopes": x_scopes(("Current", []))}},
            "/rest/api/3/mypreferences/locale": {
                "put": {"deprecated": True, "security": [{"basicAuth": []}]}
            },
            "/rest/api/3/issue/{issueIdOrKey}": {
                "get": {
                    "operationId": "getIssue",
                    "x-atlassian-connect-scope": "READ",
                    "x-atlassian-oauth2-scopes": x_scopes(
                        ("Beta", ["read:issue:jira"]), ("Current", ["read:jira-work"])
                    ),
                }
            },
        }
    )
    source = tmp_path / "tiny.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    built = json.loads(json.dumps(build_table([str(source)]).table))
    assert errors_of(validator, built) == []


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(
            lambda t: t["operations"][0].append("Get the announcement banner"), id="summary-in-a-row"
        ),
        pytest.param(lambda t: t["operations"][0].__setitem__(1, "FETCH"), id="unknown-method"),
        pytest.param(lambda t: t["alternatives"][0].__setitem__(0, 2), id="unknown-kind"),
        pytest.param(lambda t: t["operations"][0][6].append("read:jira-work"), id="scope-name-in-a-row"),
        pytest.param(lambda t: t["documents"][0].__setitem__("sha256", "abc"), id="short-sha256"),
        pytest.param(lambda t: t["documents"][0].__setitem__("description", "Long prose..."), id="doc-prose"),
        pytest.param(lambda t: t["catalog"].__setitem__("trello", [0]), id="unknown-product"),
        pytest.param(lambda t: t["scopes"].append("Read your Jira work, please"), id="prose-scope"),
        pytest.param(lambda t: t.__setitem__("format", 1), id="older-format"),
        pytest.param(lambda t: t.__setitem__("format", t["format"] + 1), id="newer-format"),
        pytest.param(lambda t: t.pop("built"), id="no-build-date"),
    ],
)
def test_the_schema_rejects_damaged_tables(
    validator: Draft202012Validator, table: dict[str, Any], damage: Any
) -> None:
    small = {**table, "operations": table["operations"][:5]}
    damaged = copy.deepcopy(small)
    assert validator.is_valid(damaged)
    damage(damaged)
    assert not validator.is_valid(damaged)


def test_indexes_point_inside_their_lists(table: dict[str, Any]) -> None:
    scopes, documents, alternatives = table["scopes"], table["documents"], table["alternatives"]
    assert scopes == sorted(scopes)
    for _kind, _state, indexes in alternatives:
        assert all(0 <= i < len(scopes) for i in indexes)
        assert indexes == sorted(indexes)
    used = set()
    for row in table["operations"]:
        assert 0 <= row[0] < len(documents)
        assert all(0 <= i < len(alternatives) for i in row[6])
        used.update(row[6])
    assert used == set(range(len(alternatives)))  # each alternative is stored once and used
    for indexes in table["catalog"].values():
        assert all(0 <= i < len(scopes) for i in indexes)
    assert len({(row[1], row[2]) for row in table["operations"]}) == len(table["operations"])


# scopelint's own short notes: a removal's notice, a curated operation's note, a document's note
OWN_NOTES = re.compile(r"^(\.removals\[\d+\]\[4\]|\.notes\[\d+\]\[2\]|\.documents\[\d+\]\.note)$")


def test_the_table_holds_no_description_prose(table: dict[str, Any]) -> None:
    # provenance (document titles, the generator) and scopelint's own notes are the only
    # places a space may appear
    notes = 0
    for where, text in strings_in(table):
        if OWN_NOTES.match(where):
            assert len(text) <= 300, where
            notes += 1
            continue
        assert len(text) <= 200, where
        if where.endswith(".title") or where == ".generator" or where.endswith(".version"):
            continue
        if re.fullmatch(r"\.removals\[\d+\]\[3\]", where):
            assert re.fullmatch(r"([A-Z]+ /\S*)?", text), (where, text)  # "METHOD path" or ""
            continue
        assert not any(ch.isspace() for ch in text), (where, text)
    assert notes >= len(table["removals"]) + len(table["notes"])


@pytest.mark.specs
def test_no_summary_or_description_of_the_documents_is_in_the_table(
    specs_dir: Path, table: dict[str, Any]
) -> None:
    prose: set[str] = set()
    for doc in table["documents"]:
        if doc["status"] == "curated":
            continue  # scopelint's own file, not Atlassian's
        document = json.loads((specs_dir / doc["source"]).read_bytes())
        for item in document["paths"].values():
            for operation in item.values():
                if isinstance(operation, dict):
                    prose.update(
                        str(operation.get(k)) for k in ("summary", "description") if operation.get(k)
                    )
    assert len(prose) > 1000
    assert not prose & {text for _where, text in strings_in(table)}


def test_the_table_file_stays_small() -> None:
    # read on every pre-commit run: no indentation, no prose
    assert TABLE_PATH.stat().st_size < 400_000
    assert "\n " not in TABLE_PATH.read_text(encoding="utf-8")


def test_a_damaged_table_is_a_one_line_document_error(tmp_path: Path, table: dict[str, Any]) -> None:
    from scopelint.errors import DocumentError

    broken = copy.deepcopy(table)
    broken["operations"][0] = [0, "GET"]
    path = tmp_path / "table.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(DocumentError, match="damaged scopelint table"):
        load_table(path)
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(DocumentError, match="not a scopelint table"):
        load_table(path)


def test_round_trip_through_the_compact_layout_keeps_every_operation(
    table: dict[str, Any], kb: KnowledgeBase
) -> None:
    again = table_from_json(table, "file", None)
    assert again.operations == kb.operations


# ---------------------------------------------------------------- scope catalogs


@pytest.mark.parametrize(
    ("product", "scope"),
    [
        ("jira", "read:jira-work"),
        ("jira", "read:issue:jira"),
        ("jira-software", "read:board-scope:jira-software"),
        ("jira-service-management", "read:servicedesk-request"),
        ("confluence", "read:page:confluence"),
        ("bitbucket", "repository"),
        ("bitbucket", "pullrequest:write"),
        ("bitbucket", "read:repository:bitbucket"),
    ],
)
def test_each_product_has_its_scope_catalog(kb: KnowledgeBase, product: str, scope: str) -> None:
    assert scope in kb.scope_catalog(product)
    assert scope in kb.scope_catalog()
    assert kb.is_known_scope(scope)
    assert product in kb.products_of_scope(scope)


def test_catalogs_are_per_product(kb: KnowledgeBase) -> None:
    assert set(PRODUCTS) <= {p for p in PRODUCTS if kb.scope_catalog(p)}
    assert "read:page:confluence" not in kb.scope_catalog("jira")
    assert "repository" not in kb.scope_catalog("confluence")
    assert kb.scope_catalog("trello") == frozenset()
    every = frozenset().union(*(kb.scope_catalog(p) for p in PRODUCTS))
    assert kb.scope_catalog() == every


def test_forge_platform_scopes_are_known_but_not_in_the_catalog(kb: KnowledgeBase) -> None:
    assert kb.is_known_scope("storage:app")
    assert kb.is_platform_scope("storage:app")
    assert "storage:app" not in kb.scope_catalog()
    assert not kb.is_platform_scope("read:jira-work")
    assert not kb.is_known_scope("read:jira-wrok")
    assert "read:jira-work" in kb.similar_scopes("read:jira-wrok")


def test_every_scope_an_operation_uses_is_in_its_products_catalog(kb: KnowledgeBase) -> None:
    for op in kb.operations:
        for alt in op.alternatives:
            assert set(alt.scopes) <= kb.scope_catalog(op.product), op.key
