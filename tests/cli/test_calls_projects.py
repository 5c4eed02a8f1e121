"""`scopelint calls` on real-looking projects lists every real call, and nothing else.

The projects under tests/fixtures/projects mark the line of every request their code makes
with ``=> METHOD ENDPOINT`` in a comment (the endpoint as Atlassian's documents name it).
Everything else in them -- tests with mocks, server routes, README examples, base URLs in
configuration -- must not be listed.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from cli_helpers import scopelint

PROJECTS = Path(__file__).resolve().parent.parent / "fixtures" / "projects"
_MARKER_RE = re.compile(r"(?:#|//) => ([A-Z]+) (/\S+)")

Row = tuple[str, int, str | None, str | None]


def marked(root: Path) -> list[Row]:
    rows: list[Row] = []
    for path in sorted(root.rglob("*")):
        if not path.is_file() or ".git" in path.parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            match = _MARKER_RE.search(line)
            if match:
                rows.append((path.relative_to(root).as_posix(), number, match.group(1), match.group(2)))
    return rows


@pytest.mark.parametrize(
    ("project", "count"),
    # a Python CLI (requests session, urllib3); a Node service (axios instance, ky instance and
    # ky, an express server, nock tests); a repository of exported data (CSV/TSV exports, saved
    # API responses, logs, a HAR recording, an OpenAPI copy, a Confluence XML export) whose one
    # script makes two requests; a bot (Python and Node) with a fake Jira outside tests/
    # (Flask, FastAPI, aiohttp, Express, Fastify, Koa, Hono routes) and tests on every mock
    # library (responses, requests_mock, respx, httpretty, pytest-httpserver, aioresponses,
    # unittest.mock, nock, msw, fetch-mock, axios-mock-adapter, jest.mock, sinon); a folder of
    # scripts without a suffix, read by their #! line (bash, python3, node, pwsh, ruby)
    [("jira-sync-cli", 6), ("node-jira-bridge", 7), ("exported-data", 2), ("mocked-services", 5),
     ("ops-scripts", 8)],
)
def test_calls_lists_every_real_call_and_nothing_else(tmp_path: Path, project: str, count: int) -> None:
    root = tmp_path / project
    shutil.copytree(PROJECTS / project, root)
    (root / ".git").mkdir()
    result = scopelint(["calls", "--format", "json"], root)
    assert result.exit_code == 0, result.output
    listed = [(r["path"], r["line"], r["method"], r["endpoint"]) for r in json.loads(result.stdout)]

    expected = marked(root)
    assert len(expected) == count  # the markers themselves are all there
    assert sorted(listed) == sorted(expected)
