"""The router files operations by their first three segments in one pass and builds a group
when a lookup needs it: a repeated (method, path) keeps its first operation, and the versions
that ``latest`` stands for come from every ``/rest/<name>/<version>`` prefix."""

from __future__ import annotations

from scopelint.kb.router import Router
from scopelint.model import Alternative, Operation

READ = (Alternative("granular", "Current", ("read:jira-work",)),)


def op(method: str, path: str, operation_id: str) -> Operation:
    return Operation("jira", method, path, operation_id, False, None, READ, "jira-platform")


def test_a_repeated_operation_keeps_the_first_and_is_listed_once() -> None:
    first, again = op("GET", "/rest/api/3/myself", "first"), op("GET", "/rest/api/3/myself", "again")
    router = Router([first, op("PUT", "/rest/api/3/myself", "put"), again, op("GET", "/rest//x", "odd")])
    assert router.resolve("GET", "https://acme.atlassian.net/rest/api/3/myself").operation is first
    nearest = router.nearest("GET", "/rest/api/3/myselfx", limit=5)
    assert [o.operation_id for o in nearest].count("first") == 1 and again not in nearest


def test_latest_is_the_newest_version_of_each_prefix_and_api_stays_2() -> None:
    router = Router([
        op("GET", "/rest/agile/1.0/board", "v1"), op("GET", "/rest/agile/2.0/board", "v2"),
        op("GET", "/rest/api/3/myself", "me3"), op("GET", "/rest/api/2/myself", "me2"),
    ])
    assert router.resolve("GET", "/rest/agile/latest/board").operation.operation_id == "v2"  # type: ignore[union-attr]
    assert router.resolve("GET", "/rest/api/latest/myself").operation.operation_id == "me2"  # type: ignore[union-attr]
    assert router.latest == {"agile": "2.0", "api": "2"}
