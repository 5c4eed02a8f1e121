"""Cross-file linking (issue #13): values, helpers, clients and URL builders from other modules.

Each project in ``fixtures/linking/`` marks every call a reviewer would point at with
``=> METHOD URL [related PATH:LINE]`` in a comment on the call's line.  ``scopelint calls``
over the project must report exactly those calls in each marked file, each with the place
its base URL is written (in another file) among its related locations.
"""

from __future__ import annotations

import json
import re
import shutil
import textwrap
from pathlib import Path

import pytest

from scopelint import api
from scopelint.check.engine import LintOptions, lint
from scopelint.config import Settings
from scopelint.model import CallSite
from scopelint.scanning.core.environment import (
    SUMMARY_VERSION,
    Export,
    FileSummary,
    ModuleEnvironment,
    Param,
    Request,
    fill,
)

FIXTURES = Path(__file__).parent / "fixtures" / "linking"
PROJECTS = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())
_MARKER_RE = re.compile(r"(?:#|//) => (\S+) (\S+)(?: related (\S+):(\d+))?\s*$")

Row = tuple[str, int, str, str]


def _copy(project: str, tmp_path: Path) -> Path:
    target = tmp_path / project
    shutil.copytree(FIXTURES / project, target)
    (target / ".git").mkdir()  # a repository top of its own
    return target


def _marked(root: Path) -> tuple[dict[str, list[Row]], dict[Row, tuple[str, int]]]:
    rows: dict[str, list[Row]] = {}
    related: dict[Row, tuple[str, int]] = {}
    for path in sorted(root.rglob("*")):
        if not path.is_file() or ".git" in path.parts:
            continue
        display = path.relative_to(root).as_posix()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            match = _MARKER_RE.search(line)
            if match:
                row = (display, number, match.group(1), match.group(2))
                rows.setdefault(display, []).append(row)
                if match.group(3):
                    related[row] = (match.group(3), int(match.group(4)))
    return rows, related


def _strip_markers(root: Path) -> None:
    """Drop the marker comments (they hold URLs, which alone would make a file look
    Atlassian), so each file is scanned as its author wrote it; lines keep their numbers."""
    for path in root.rglob("*"):
        if path.is_file() and ".git" not in path.parts:
            text = path.read_text(encoding="utf-8")
            path.write_text(re.sub(r"[ \t]*(?:#|//) => .*$", "", text, flags=re.M), encoding="utf-8")


def _row(call: CallSite) -> Row:
    return (call.location.path, call.location.line, call.method or "?", call.url)


def test_every_shape_of_the_issue_has_a_fixture_project() -> None:
    assert set(PROJECTS) == {"py-package", "node-cjs", "ts-barrel", "forge-app", "sdk-clients",
                             "jvm-maven"}


@pytest.mark.parametrize("project", PROJECTS)
def test_every_marked_call_is_found_with_its_method_endpoint_and_origin(
    project: str, tmp_path: Path
) -> None:
    root = _copy(project, tmp_path)
    wanted, related = _marked(root)
    assert wanted, "a fixture marks its calls"
    _strip_markers(root)
    calls = [c for c in api.find_calls(["."], cwd=root) if c.kind == "call"]
    for file, rows in wanted.items():
        assert sorted(_row(c) for c in calls if c.location.path == file) == rows, file
    for row, (file, line) in related.items():
        (call,) = [c for c in calls if _row(c) == row]
        assert (file, line) in [(r.path, r.line) for r in call.related], row
        assert call.resolved


def test_the_same_project_scanned_alone_file_by_file_misses_what_linking_finds(tmp_path: Path) -> None:
    """The single-file view (no project around a file) is what linking improves on."""
    root = _copy("node-cjs", tmp_path)
    lonely = tmp_path / "alone"
    lonely.mkdir()
    (lonely / ".git").mkdir()
    shutil.copy(root / "commands" / "issues.js", lonely / "issues.js")
    assert api.find_calls(["."], cwd=lonely) == []  # nothing Atlassian in the file itself
    linked = api.find_calls(["commands/issues.js"], cwd=root)
    assert [(c.location.line, c.method) for c in linked] == [(5, "GET"), (10, "DELETE"), (14, "POST")]


# --------------------------------------------------------------------------- pre-commit runs


def _marked_files() -> list[tuple[str, str]]:
    return [(project, file) for project in PROJECTS
            for file in _marked(FIXTURES / project)[0]]


@pytest.mark.parametrize(("project", "file"), _marked_files())
def test_each_marked_file_given_alone_finds_its_calls_through_the_project(
    project: str, file: str, tmp_path: Path
) -> None:
    """A pre-commit run over one staged file (also one with nothing Atlassian in its own text,
    such as a job calling ``get_jira()`` from another module) links as the whole run does."""
    root = _copy(project, tmp_path)
    wanted = _marked(root)[0][file]
    _strip_markers(root)
    calls = [c for c in api.find_calls([file], cwd=root) if c.kind == "call"]
    assert sorted(_row(c) for c in calls) == wanted
    assert {c.location.path for c in calls} == {file}


def test_a_buffer_piped_in_by_an_editor_links_through_the_saved_project(tmp_path: Path) -> None:
    """``--stdin-filename``: an unsaved job using the factory of ops/clients.py."""
    root = _copy("sdk-clients", tmp_path)
    _strip_markers(root)
    (root / ".scopelint.toml").write_text('scopes = ["read:jira-work"]\n', encoding="utf-8")
    buffer = (root / "ops" / "jobs" / "cleanup.py").read_bytes()
    options = LintOptions(paths=[], cwd=root, stdin=("ops/jobs/unsaved.py", buffer))
    result = lint(options)
    # add_comment (POST) needs a write scope the declaration lacks: known only through linking
    assert {(f.code, f.location.path, f.location.line) for f in result.findings} == {
        ("SL002", "ops/jobs/unsaved.py", 7)
    }


def test_a_run_over_a_subfolder_links_to_modules_outside_it(tmp_path: Path) -> None:
    root = _copy("sdk-clients", tmp_path)
    calls = api.find_calls(["."], cwd=root / "ops" / "jobs")
    assert sorted((c.location.path, c.location.line, c.method) for c in calls) == [
        ("boards.py", 9, "GET"), ("boards.py", 13, "GET"), ("boards.py", 20, "GET"),
        ("cleanup.py", 7, "POST"), ("cleanup.py", 8, "GET"), ("versions.py", 6, "GET")
    ]


def test_a_run_over_one_staged_file_links_through_modules_it_was_not_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _copy("py-package", tmp_path)
    from scopelint.scanning import scan

    read: list[str] = []
    original = scan.summarise_path

    def spy(path: Path, display: str) -> FileSummary | None:
        read.append(display)
        return original(path, display)

    monkeypatch.setattr(scan, "summarise_path", spy)
    calls = api.find_calls(["ops_tools/jobs/cleanup.py"], cwd=root)
    assert [_row(c) for c in calls] == _marked(root)[0]["ops_tools/jobs/cleanup.py"]
    # Only the modules the staged file imports, transitively, are read: never the other jobs.
    assert set(read) <= {"ops_tools/client.py", "ops_tools/settings.py", "ops_tools/__init__.py",
                         "ops_tools/jobs/__init__.py"}
    assert "ops_tools/client.py" in read


def test_findings_of_a_partial_run_stay_on_the_given_files(tmp_path: Path) -> None:
    root = _copy("node-cjs", tmp_path)
    (root / ".scopelint.toml").write_text('scopes = ["read:jira-work"]\n', encoding="utf-8")
    result = lint(LintOptions(paths=[Path("commands/worklogs.js")], cwd=root))
    assert {f.location.path for f in result.findings} == {"commands/worklogs.js"}
    # The DELETE through call('del', url) is linked, so SL002 names what it needs.
    assert ("SL002", 8) in {(f.code, f.location.line) for f in result.findings}


# --------------------------------------------------------------------------- within one file


def _write(root: Path, files: dict[str, str]) -> Path:
    (root / ".git").mkdir(exist_ok=True)
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return root


def _found(root: Path, *paths: str) -> list[tuple[str, int, str, str]]:
    return [_row(c) for c in api.find_calls(list(paths) or ["."], cwd=root) if c.kind == "call"]


def test_a_method_passed_in_selects_the_verb_method_within_one_file(tmp_path: Path) -> None:
    root = _write(tmp_path, {"worklogs.js": """
        const http = require('request-promise-native');
        const BASE = 'https://acme.atlassian.net/rest/api/3';
        function call(method, url) {
          return http[method]({ url, json: true });
        }
        call('del', `${BASE}/issue/${key}/worklog/${id}`);
        call('put', `${BASE}/issue/${key}`);
        """})
    assert _found(root) == [
        ("worklogs.js", 6, "DELETE", "https://acme.atlassian.net/rest/api/3/issue/{key}/worklog/{id}"),
        ("worklogs.js", 7, "PUT", "https://acme.atlassian.net/rest/api/3/issue/{key}"),
    ]


def test_a_helper_module_with_no_atlassian_text_wrapping_an_imported_base_is_linked(
    tmp_path: Path,
) -> None:
    """client.py holds no URL (it imports BASE_URL) and the jobs hold only paths: neither is
    worth parsing alone, yet the jobs' calls go through the helper to the settings' base."""
    root = _write(tmp_path, {
        "app/__init__.py": "",
        "app/settings.py": 'BASE_URL = "https://api.atlassian.com/ex/jira/abc/rest/api/3"\n',
        "app/client.py": """
            import requests
            from .settings import BASE_URL
            def call_jira(method, path):
                return requests.request(method, f"{BASE_URL}{path}", timeout=10)
            """,
        "app/jobs/__init__.py": "",
        "app/jobs/triage.py": """
            from app.client import call_jira
            def run(key):
                call_jira("DELETE", f"/issue/{key}")
            """,
    })
    assert _found(root) == [
        ("app/jobs/triage.py", 3, "DELETE", "https://api.atlassian.com/ex/jira/abc/rest/api/3/issue/{key}"),
    ]


def test_a_url_builder_of_the_same_python_file_is_followed(tmp_path: Path) -> None:
    root = _write(tmp_path, {"report.py": """
        import requests

        def issue_url(site, key, *, expand=""):
            return f"{site}/rest/api/3/issue/{key}?expand={expand}"

        def worklog_url(site, key):
            url = issue_url(site, key)
            return url.split("?")[0] + "/worklog"

        requests.get(issue_url("https://acme.atlassian.net", "OPS-1"))
        requests.delete(issue_url(SITE, key, expand="names"))
        """})
    assert _found(root) == [
        ("report.py", 10, "GET", "https://acme.atlassian.net/rest/api/3/issue/OPS-1?expand="),
        ("report.py", 11, "DELETE", "{SITE}/rest/api/3/issue/{key}?expand=names"),
    ]


# --------------------------------------------------------------------------- bad input


def test_import_cycles_missing_modules_and_unparsable_files_leave_placeholders(tmp_path: Path) -> None:
    root = _write(tmp_path, {
        "pkg/__init__.py": "from .a import *\n",
        "pkg/a.py": "from .b import *\nBASE = LOOP\n",
        "pkg/b.py": "from .a import *\nfrom .a import BASE as LOOP\n",
        "pkg/broken.py": "def (:\n",
        "pkg/jobs.py": """
            import requests
            from pkg import BASE
            from pkg.broken import SITE
            from pkg.missing import HOST
            from pkg.a import NOTHING_HERE

            requests.get(BASE + "/rest/api/3/myself")
            requests.get(f"{SITE}/rest/api/3/issue/{key}")
            requests.get(HOST + "/rest/api/3/serverInfo")
            requests.post(NOTHING_HERE + "/rest/api/3/issue")
            """,
        "web/a.js": "export * from './b.js';\nexport const A = B + '/rest/api/3';\n",
        "web/b.js": "export * from './a.js';\nexport { A as B } from './a.js';\n",
        "web/use.js": """
            import { A } from './a.js';
            import { X } from './nowhere.js';
            fetch(`${A}/myself`);
            fetch(`${X}/rest/api/3/field`, { method: 'POST' });
            """,
    })
    calls = [c for c in api.find_calls(["."], cwd=root) if c.kind == "call"]
    # A name the project's module does not export is named as the reason; a module the
    # project does not have (a library, or missing) is a placeholder as in a one-file scan.
    assert [(c.location.line, c.resolved, c.unresolved) for c in calls[:4]] == [
        (7, True, ""),
        (8, False, "SITE is not found in pkg.broken"),  # broken.py cannot be parsed
        (9, False, "pkg.missing is not found in the project"),
        (10, False, "NOTHING_HERE is not found in pkg.a"),
    ]
    assert [(c.location.path, c.method, c.url) for c in calls] == [
        ("pkg/jobs.py", "GET", "{LOOP}/rest/api/3/myself"),  # BASE = LOOP, a cycle
        ("pkg/jobs.py", "GET", "{SITE}/rest/api/3/issue/{key}"),
        ("pkg/jobs.py", "GET", "{HOST}/rest/api/3/serverInfo"),
        ("pkg/jobs.py", "POST", "{NOTHING_HERE}/rest/api/3/issue"),
        # (web/a.js's `B + '/rest/api/3'` is an API prefix, not a call, since issue #14)
        ("web/use.js", "GET", "{B}/rest/api/3/myself"),
        ("web/use.js", "POST", "{X}/rest/api/3/field"),
    ]


def test_a_summary_round_trips_through_json_and_another_version_is_refused() -> None:
    summary = FileSummary(
        "lib/jira.js", "javascript",
        exports={
            "callJira": Export("helper", params=[Param("url", 0), Param("method", 1, None, "GET")],
                               requests=[Request("{%url}", "{%method}", "node-fetch", "inferred",
                                                 [("", 4, 14)])]),
            "default": Export("client", template="https://acme.atlassian.net/rest/api/3",
                              type="axios.Instance", options={"timeout": "1000"}),
            "users": Export("object", members={"find": Export("builder", template="{%q}")}),
            "BASE": Export("alias", target="./settings.BASE"),
        },
        depends_on=["./settings.BASE"], imports=["./settings"], reexports=["./more"],
    )
    data = json.loads(json.dumps(summary.to_json()))
    again = FileSummary.from_json(data, "lib/jira.js")
    assert again is not None and again.to_json() == summary.to_json()
    assert again.exports["callJira"].requests[0].origins == (("", 4, 14),)
    assert FileSummary.from_json({**data, "version": SUMMARY_VERSION + 1}) is None
    assert FileSummary.from_json({**data, "exports": {"x": {"kind": "spaceship"}}}) is None
    assert FileSummary.from_json({"version": SUMMARY_VERSION, "exports": []}) is None


def test_filling_a_helper_template() -> None:
    assert fill("{%base}/issue/{%key}", {"base": "https://x.atlassian.net", "key": "A-1"}) == \
        "https://x.atlassian.net/issue/A-1"
    assert fill("{%init.method=GET}", {}) == "GET"
    assert fill("{%init.method=GET}", {"init.method": "PUT"}) == "PUT"
    assert fill("{%path}", {}) == "{path}"


def test_module_environment_finds_the_longest_module_then_members() -> None:
    env = ModuleEnvironment({
        "pkg": {"client": Export("object", members={"get": Export("builder", template="{%p}")})},
        "pkg.settings": {"URL": Export("constant", template="https://acme.atlassian.net")},
        "./api": {"x": Export("constant", template="/rest/api/3")},
    })
    assert env.lookup("pkg.settings.URL") == Export("constant", template="https://acme.atlassian.net")
    assert env.lookup("pkg.client.get") == Export("builder", template="{%p}")
    assert env.lookup("./api.x") == Export("constant", template="/rest/api/3")
    namespace = Export("object", members={"x": Export("constant", template="/rest/api/3")})
    assert env.lookup("./api.*") == namespace
    assert env.lookup("pkg.nothing") is None
    assert env.lookup("other.URL") is None


def test_linked_scans_in_worker_processes_match_the_one_process_result(tmp_path: Path) -> None:
    base = "https://acme.atlassian.net/rest/api/3"
    files = {"lib/jira.js": f"const axios = require('axios');\n"
                            f"module.exports = axios.create({{ baseURL: '{base}' }});\n"}
    for n in range(60):
        files[f"cmd/c{n}.js"] = ("const jira = require('../lib/jira');\n"
                                 f"jira.get(`/issue/${{key}}/comment/{n}`);\n")
    root = _write(tmp_path, files)
    serial = [_row(c) for c in _calls(root, jobs=1)]
    parallel = [_row(c) for c in _calls(root, jobs=2)]
    assert len(serial) == 60 and serial == parallel
    assert serial[0] == ("cmd/c0.js", 2, "GET", "https://acme.atlassian.net/rest/api/3/issue/{key}/comment/0")


def _calls(root: Path, jobs: int) -> list[CallSite]:
    from scopelint.check.engine import scan_paths

    options = LintOptions(paths=[Path(".")], cwd=root, settings=Settings(), jobs=jobs)
    return sorted((c for c in scan_paths(options, Settings()).calls if c.kind == "call"),
                  key=lambda c: (c.location.path, c.location.line))


def test_partial_loops_over_literal_paths_and_subclass_methods_within_one_file(tmp_path: Path) -> None:
    root = _write(tmp_path, {
        "audit.py": """
            import functools
            import urllib.request

            SITE = "https://acme.atlassian.net"
            ENDPOINTS = ["/rest/api/3/role", "/rest/api/3/permissionscheme"]

            def _request(method, path, base=SITE):
                return urllib.request.urlopen(urllib.request.Request(base + path, method=method))

            fetch = functools.partial(_request, "GET")
            for path in ENDPOINTS:
                fetch(path)
            for path in ("/rest/api/3/myself",):
                _request("DELETE", path)
            """,
        "jira.py": """
            import requests

            class Base:
                def __init__(self):
                    self.base = "https://acme.atlassian.net/rest/api/3"
                    self.session = requests.Session()

                def _get(self, path):
                    return self.session.get(self.base + path)

            class Issues(Base):
                def issue(self, key):
                    return self._get(f"/issue/{key}")
            """,
        "jira.js": """
            const axios = require('axios');
            class Base {
              constructor() {
                this.http = axios.create({ baseURL: 'https://acme.atlassian.net/rest/api/3' });
              }
              get(path) { return this.http.get(path); }
            }
            class Issues extends Base {
              issue(key) { return this.get(`/issue/${key}`); }
            }
            """,
    })
    calls = [c for c in api.find_calls(["."], cwd=root) if c.kind == "call"]
    assert [_row(c) for c in calls] == [
        ("audit.py", 12, "GET", "https://acme.atlassian.net/rest/api/3/permissionscheme"),
        ("audit.py", 12, "GET", "https://acme.atlassian.net/rest/api/3/role"),
        ("audit.py", 14, "DELETE", "https://acme.atlassian.net/rest/api/3/myself"),
        ("jira.js", 9, "GET", "https://acme.atlassian.net/rest/api/3/issue/{key}"),
        ("jira.py", 13, "GET", "https://acme.atlassian.net/rest/api/3/issue/{key}"),
    ]
    # the site is written once, on line 4: every call built on it says so
    assert {(r.path, r.line) for c in calls if c.location.path == "audit.py" for r in c.related} == {
        ("audit.py", 4)}
