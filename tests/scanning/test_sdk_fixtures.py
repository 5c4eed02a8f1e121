"""Calls made through Atlassian SDKs, on small projects written the way people use each SDK.

Each source file in ``fixtures/sdk/<project>/`` marks every request on its line with
``=> METHOD URL via NAME [implicit]`` (several separated by `` ; ``), ``base-url URL via CLASS``
for the site given to a constructor, and ``? {} via NAME`` for an unresolved SDK call.  The
extractor must find exactly those, and nothing else; each project's manifest (or its absence)
decides the SDK version and table the calls are read with.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scopelint.model import CallSite
from scopelint.scanning.registry import load, specs_for
from scopelint.scanning.source import SourceFile

FIXTURES = Path(__file__).parent / "fixtures" / "sdk"
SOURCES = sorted(
    p for p in FIXTURES.rglob("*") if p.suffix in (".py", ".js", ".mjs", ".cjs", ".ts") and p.is_file()
)
_MARKER_RE = re.compile(r"(?:#|//) => (.*)$")
_ENTRY_RE = re.compile(r"(\S+) (\S+)(?: via (.+?))?( implicit)?")  # JS names hold a space

Row = tuple[int, str, str, str | None, bool]


def expected(text: str) -> list[Row]:
    rows: list[Row] = []
    for number, line in enumerate(text.splitlines(), start=1):
        match = _MARKER_RE.search(line)
        if not match:
            continue
        for entry in match.group(1).split(" ; "):
            parsed = _ENTRY_RE.fullmatch(entry.strip())
            assert parsed, f"line {number}: cannot read the marker {entry!r}"
            method, url, via, implicit = parsed.groups()
            rows.append((number, method, url, via, implicit is not None))
    return sorted(rows)


def scan(path: Path) -> list[CallSite]:
    (spec,) = [s for s in specs_for(Path(path.name)) if s.name in ("python", "javascript")]  # type: ignore[arg-type]
    source = SourceFile(path=path, display=path.name, text=path.read_text(encoding="utf-8"))
    result = load(spec.module)(source)
    assert result.warnings == []
    return result.calls


def found(path: Path) -> list[Row]:
    return sorted(
        (
            call.location.line,
            "base-url" if call.kind == "base-url" else call.method or "?",
            call.url,
            call.via,
            bool(call.sdk and call.sdk.implicit),
        )
        for call in scan(path)
    )


def test_there_are_fixtures_for_each_sdk() -> None:
    projects = {p.relative_to(FIXTURES).parts[0] for p in SOURCES}
    assert {"py-jira-3.8", "py-jira-3.10", "py-atlassian-3", "py-atlassian-5", "js-jirajs-4", "js-jirajs-6",
            "js-confluence-1", "js-confluence-3", "js-jira-client-7", "js-jira-client-8"} <= projects


@pytest.mark.parametrize("path", SOURCES, ids=[str(p.relative_to(FIXTURES)) for p in SOURCES])
def test_every_marked_request_and_nothing_else(path: Path) -> None:
    wanted = expected(path.read_text(encoding="utf-8"))
    assert wanted, "a fixture marks its requests"
    assert found(path) == wanted


Use = tuple[str, str, str, bool]


@pytest.mark.parametrize(
    ("project", "uses"),
    [
        ("py-jira-3.8", {("jira", "3.8.0", "3.8.0", False)}),  # pinned in requirements.txt
        ("py-jira-3.10", {("jira", "3.10.5", "3.10.5", False)}),  # a range: the newest table it admits
        # pinned to a version between tables: reported as pinned, read with the table covering it
        ("py-atlassian-3", {("atlassian-python-api", "3.41.16", "3.41.21", False)}),
        ("py-atlassian-5", {("atlassian-python-api", "5.0.5", "5.0.5", False)}),
        ("js-jirajs-4", {("jira.js", "4.1.3", "4.1.3", False)}),
        ("js-jirajs-6", {("jira.js", "6.2.0", "6.2.0", False)}),
        ("js-confluence-1", {("confluence.js", "1.7.4", "1.7.4", False)}),
        ("js-confluence-3", {("confluence.js", "3.2.0", "3.2.0", False)}),
        ("js-jira-client-7", {("jira-client", "7.2.0", "7.2.0", False)}),
        ("js-jira-client-8", {("jira-client", "8.2.2", "8.2.2", False)}),
        # nothing says: the newest table, assumed; atlassian 5.x Confluence has no
        # get_page_by_id with cloud=True, so the newest table that has it (3.41.21) reads it
        ("py-no-manifest", {("jira", "3.10.5", "3.10.5", True),
                            ("atlassian-python-api", "5.0.5", "5.0.5", True),
                            ("atlassian-python-api", "3.41.21", "3.41.21", True)}),
    ],
)
def test_each_project_reads_the_sdk_version_its_manifest_names(project: str, uses: set[Use]) -> None:
    found: set[Use] = set()
    for path in SOURCES:
        if path.relative_to(FIXTURES).parts[0] == project:
            found |= {(c.sdk.name, c.sdk.version, c.sdk.table, c.sdk.assumed) for c in scan(path) if c.sdk}
    assert found == uses


def test_a_damaged_sdk_table_is_one_warning_and_the_file_is_still_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bad input: an SDK table that cannot be read costs its SDK calls, with one line naming
    the table; the file's other calls are still found.  (A table failing its schema fails the
    build, never a run: tests/sdk/ validates every shipped table.)"""
    import shutil

    from scopelint.kb import sdk as kb_sdk
    from scopelint.kb.sdk import sdk_dir

    broken = tmp_path / "sdk"
    shutil.copytree(sdk_dir(), broken)
    (broken / "jira" / "3.8.0.json").write_text('{"format": 1, "sdk": "jira", "classes": {', encoding="utf-8")
    monkeypatch.setattr(kb_sdk, "sdk_dir", lambda: broken)
    kb_sdk._load_index.cache_clear()
    kb_sdk._load_table.cache_clear()
    try:
        project = tmp_path / "project"
        project.mkdir()
        (project / "requirements.txt").write_text("jira==3.8.0\n", encoding="utf-8")
        path = project / "bot.py"
        path.write_text(
            "import requests\nfrom jira import JIRA\n"
            "JIRA('https://acme.atlassian.net').add_comment('K-1', 'x')\n"
            "requests.get('https://acme.atlassian.net/rest/api/3/myself')\n",
            encoding="utf-8",
        )
        (spec,) = [s for s in specs_for(Path("bot.py")) if s.name == "python"]
        result = load(spec.module)(SourceFile(path=path, display="bot.py", text=path.read_text()))
    finally:
        kb_sdk._load_index.cache_clear()
        kb_sdk._load_table.cache_clear()
    assert len(result.warnings) == 1
    assert result.warnings[0].endswith("jira/3.8.0.json: damaged SDK table (JSONDecodeError)")
    assert [(c.method, c.url) for c in result.calls if c.kind == "call"] == [
        ("GET", "https://acme.atlassian.net/rest/api/3/myself")
    ]
