"""The shipped SDK tables: each valid against its schema, listed in the index, self-consistent."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

DATA = Path(__file__).resolve().parents[2] / "data" / "sdk"
TABLES = sorted(DATA.glob("*/*.json"))


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def test_there_are_tables_for_five_sdks() -> None:
    assert {p.parent.name for p in TABLES} == {
        "atlassian-python-api",
        "confluence.js",
        "jira",
        "jira-client",
        "jira.js",
    }


@pytest.mark.parametrize("path", TABLES, ids=lambda p: f"{p.parent.name}@{p.stem}")
def test_table_is_valid_and_consistent(path: Path) -> None:
    schema = _load(DATA / "sdk-table.schema.json")
    jsonschema.Draft202012Validator.check_schema(schema)
    table = _load(path)
    errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(table)]
    assert not errors, errors[:5]
    # the file is named after what it holds, and provenance says the same
    assert (path.parent.name, path.stem) == (table["sdk"], table["version"])
    prov = table["provenance"]
    assert (prov["package"], prov["version"]) == (table["sdk"], table["version"])
    assert table["version"] in prov["archive"]
    for name, cls in table["classes"].items():
        options = {o["name"] for o in cls.get("options", [])}
        for method, rows in cls["methods"].items():
            assert (
                method not in cls["unresolved"]
                or any(r.get("when") for r in rows)
                or cls["unresolved"][method].startswith("with ")
            ), f"{name}.{method} both resolved and not"
            for row in rows:
                for req in row["requests"]:
                    used = set(re.findall(r"\{@(\w+)\}", req["path"]))
                    assert used <= options, f"{name}.{method}: {req['path']} uses an option the class lacks"
                    placeholders = set(re.findall(r"\{(\w+)\}", req["path"]))
                    assert placeholders == set(req.get("params", {})), f"{name}.{method}: {req['path']}"


def test_index_lists_exactly_the_tables() -> None:
    index = _load(DATA / "index.json")
    listed = {e["file"]: e for e in index["tables"]}
    assert set(listed) == {p.relative_to(DATA).as_posix() for p in TABLES}
    for file, entry in listed.items():
        table = _load(DATA / file)
        for key in ("sdk", "ecosystem", "language", "version", "covers", "imports"):
            assert entry[key] == table[key], (file, key)
        assert entry["classes"] == sorted(table["classes"])


def test_covers_ranges_of_one_sdk_do_not_overlap_and_hold_their_own_version() -> None:
    from scopelint.kb.sdk import version_in

    by_sdk: dict[str, list[dict[str, Any]]] = {}
    for path in TABLES:
        table = _load(path)
        by_sdk.setdefault(table["sdk"], []).append(table)
    for sdk, tables in by_sdk.items():
        assert len(tables) >= 2, sdk
        for table in tables:
            assert version_in(table["ecosystem"], table["version"], table["covers"]), (sdk, table["version"])
            others = [t for t in tables if t is not table]
            assert not any(version_in(t["ecosystem"], table["version"], t["covers"]) for t in others), sdk
