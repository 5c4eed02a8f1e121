"""Every request of every SDK table row is an operation of scopelint's knowledge base (current or
dropped from its document), an endpoint it records as removed, or knowingly outside it
(data/sdk/outside.json, with a reason)."""

from __future__ import annotations

from sdk_rows import Row, known, load_outside, outside_reason, rows, same_template

from scopelint.kb.table import load_default


def test_every_row_is_known_or_outside() -> None:
    kb = load_default()
    outside = load_outside()
    stray: list[Row] = []
    counted = {"known": 0, "outside": 0}
    for row in rows():
        if known(kb, row):
            counted["known"] += 1
        elif outside_reason(row, outside) is not None:
            counted["outside"] += 1
        else:
            stray.append(row)
    assert not stray, "\n".join(
        f"{r.method} {r.path}  ({r.sdk} {r.version} {r.qualified})" for r in stray[:30]
    )
    # the tables are mostly about the knowledge base, not about exceptions to it
    assert counted["known"] > 4 * counted["outside"], counted


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


def test_outside_reason_matches_prefixes_and_endpoints() -> None:
    outside = {
        "prefixes": [{"prefixes": ["/rest/tempo-"], "reason": "an app"}],
        "endpoints": [{"endpoint": "PUT /rest/api/2/user", "reason": "server only"}],
    }
    assert outside_reason(Row("s", "1", "c.m", "GET", "/rest/tempo-core/1/x"), outside) == "an app"
    assert outside_reason(Row("s", "1", "c.m", "PUT", "/rest/api/2/user"), outside) == "server only"
    assert outside_reason(Row("s", "1", "c.m", "GET", "/rest/api/2/user"), outside) is None
