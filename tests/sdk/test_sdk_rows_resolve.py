"""Every request of every SDK table row is an operation of scopelint's knowledge base, an endpoint
it records as removed, or knowingly outside it (data/sdk/outside.json, with a reason)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sdk_rows import Row, known, load_outside, outside_reason, pending, rows, same_template

from scopelint.kb.table import load_default


def test_every_row_is_known_outside_or_pending() -> None:
    kb = load_default()
    outside = load_outside()
    waiting = pending()
    stray: list[Row] = []
    counted = {"known": 0, "outside": 0, "pending": 0}
    for row in rows():
        if known(kb, row):
            counted["known"] += 1
        elif outside_reason(row, outside) is not None:
            counted["outside"] += 1
        elif any(m == row.method and same_template(p, row.path) for m, p in waiting):
            counted["pending"] += 1
        else:
            stray.append(row)
    assert not stray, "\n".join(
        f"{r.method} {r.path}  ({r.sdk} {r.version} {r.qualified})" for r in stray[:30]
    )
    # the tables are mostly about the knowledge base, not about exceptions to it
    assert counted["known"] > 4 * (counted["outside"] + counted["pending"]), counted


def test_outside_entries_each_have_a_reason_and_are_used() -> None:
    """No stale entry: every entry of outside.json is needed by some row that does not resolve."""
    kb = load_default()
    outside = load_outside()
    unresolved = [row for row in rows() if not known(kb, row)]
    for entry in outside["prefixes"]:
        assert entry["reason"].strip()
        for prefix in entry["prefixes"]:
            assert any(r.path.startswith(prefix) for r in unresolved), f"unused prefix {prefix}"
    for entry in outside["endpoints"]:
        assert entry["reason"].strip()
        method, _, path = entry["endpoint"].partition(" ")
        assert any(r.method == method and same_template(path, r.path) for r in unresolved), entry["endpoint"]


def test_pending_entries_do_not_resolve_yet() -> None:
    """PENDING (branch kb-history): once the knowledge base holds a dropped operation, its entry in
    tests/sdk/pending_kb_history.json must go; when the list is empty, delete the file and this test."""
    kb = load_default()
    now_known = [f"{m} {p}" for m, p in pending() if kb.resolve(m, p).operation is not None]
    assert not now_known, f"remove from pending_kb_history.json (now in the knowledge base): {now_known}"


def test_pending_entries_are_operations_of_an_older_document(specs_dir: Path) -> None:
    """Honesty of the pending list: each entry is an operation of an older copy of a document."""
    ops: set[tuple[str, str]] = set()
    for name in (
        "jira-platform-2022.json",
        "history/jira-platform-2024.json",
        "history/confluence-v1-2021.json",
        "history/confluence-v1-2024-modified.json",
    ):
        path = specs_dir / name
        if not path.is_file():
            pytest.skip(f"{path} is not there")
        for template, item in json.loads(path.read_text(encoding="utf-8"))["paths"].items():
            ops.update((method.upper(), template) for method in item)
    for method, path in pending():
        assert (method, path) in ops, f"{method} {path} is in no older document"


def test_outside_reason_matches_prefixes_and_endpoints() -> None:
    outside = {
        "prefixes": [{"prefixes": ["/rest/tempo-"], "reason": "an app"}],
        "endpoints": [{"endpoint": "PUT /rest/api/2/user", "reason": "server only"}],
    }
    assert outside_reason(Row("s", "1", "c.m", "GET", "/rest/tempo-core/1/x"), outside) == "an app"
    assert outside_reason(Row("s", "1", "c.m", "PUT", "/rest/api/2/user"), outside) == "server only"
    assert outside_reason(Row("s", "1", "c.m", "GET", "/rest/api/2/user"), outside) is None
