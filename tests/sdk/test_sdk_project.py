"""A real-looking monorepo (tests/fixtures/projects/sdk_monorepo): for each source file, the SDK
version its project uses, the table chosen for it, and what the calls in the file look up to."""

from __future__ import annotations

from pathlib import Path

import pytest

from scopelint.kb.sdk import load_index
from scopelint.scanning.dependencies import detect_version

ROOT = Path(__file__).resolve().parents[1] / "fixtures" / "projects" / "sdk_monorepo"


@pytest.mark.parametrize(
    ("source_file", "import_name", "language", "expect"),
    [
        # Poetry lock beats the declared ^3.5 / ^3.41 ranges
        (
            "services/sync/src/sync/jobs.py",
            "jira",
            "python",
            ("jira", "3.8.0", "services/sync/poetry.lock", "3.8.0", False),
        ),
        (
            "services/sync/src/sync/jobs.py",
            "atlassian",
            "python",
            ("atlassian-python-api", "3.41.14", "services/sync/poetry.lock", "3.41.21", False),
        ),
        # pnpm workspace: each app gets its own importer entry from the root lock
        (
            "apps/web/src/issues.ts",
            "jira.js",
            "javascript",
            ("jira.js", "4.1.3", "pnpm-lock.yaml", "4.1.3", False),
        ),
        (
            "apps/legacy/lib/bot.js",
            "jira-client",
            "javascript",
            ("jira-client", "7.2.0", "pnpm-lock.yaml", "7.2.0", False),
        ),
        # an unlocked range: the newest table it admits
        ("scripts/cleanup.py", "jira", "python", ("jira", None, "scripts/requirements.txt", "3.10.5", False)),
    ],
)
def test_version_and_table_per_file(
    source_file: str, import_name: str, language: str, expect: tuple[str, str | None, str, str, bool]
) -> None:
    sdk, version, source, table_version, assumed = expect
    index = load_index()
    assert index.sdk_for_import(import_name, language) == sdk
    ecosystem = "pypi" if language == "python" else "npm"
    warnings: list[str] = []
    found = detect_version((ROOT / source_file).parent, ecosystem, sdk, stop_at=ROOT, warnings=warnings)
    assert not warnings
    assert (found.version, found.source, found.assumed) == (version, ROOT / source, False)
    table, was_assumed = index.select(sdk, found.version, found.spec)
    assert (table.version, was_assumed) == (table_version, assumed)


def test_the_calls_of_the_files_look_up_to_their_endpoints() -> None:
    index = load_index()
    jira38, _ = index.select("jira", "3.8.0")
    (search,) = jira38.lookup("jira.JIRA", "search_issues")
    assert [f"{r.method} {r.path}" for r in search.requests][-1] == "GET /rest/api/2/search"
    assert search.replacement is not None and search.replacement["upgrade"] == "jira >=3.10"
    assert search.returns == "jira.client.ResultList"
    apa, _ = index.select("atlassian-python-api", "3.41.14")
    (page,) = apa.lookup("atlassian.Confluence", "get_page_by_id", {"cloud": True})
    assert page.requests[0].path == "/wiki/rest/api/content/{page_id}"
    js, _ = index.select("jira.js", "4.1.3")
    assert js.lookup("jira.js Version3Client", "issues.getIssue")[0].requests[0].path == (
        "/rest/api/3/issue/{issueIdOrKey}"
    )
    legacy, _ = index.select("jira-client", "7.2.0")
    (comment,) = legacy.lookup("jira-client JiraApi", "addComment", {"apiVersion": "2"})
    assert (comment.requests[0].method, comment.requests[0].path) == (
        "POST",
        "/rest/api/2/issue/{issueId}/comment",
    )
    newest, _ = index.select("jira", None, ">=3.10")
    assert (
        newest.lookup("jira.JIRA", "enhanced_search_issues")[0].requests[-1].path == "/rest/api/2/search/jql"
    )
