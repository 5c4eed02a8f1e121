"""An SDK client made in one module and used in another (issue #12 with #13's linking).

The module that constructs the client summarises it (``sdk_exports``: SDK class and
constructor options); the module that imports it gets that summary through the environment
and reads its calls as SDK calls.  Here the environment is built by hand from the summaries,
as the project linker does."""

from __future__ import annotations

import textwrap
from pathlib import Path

from scopelint.scanning.core.environment import Export, MappingEnvironment
from scopelint.scanning.languages.javascript.extractor import extract as extract_js
from scopelint.scanning.languages.javascript.extractor import sdk_exports as js_exports
from scopelint.scanning.languages.python.extractor import extract as extract_py
from scopelint.scanning.languages.python.extractor import sdk_exports as py_exports
from scopelint.scanning.source import SourceFile


def source(root: Path, relative: str, text: str) -> SourceFile:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return SourceFile(path=path, display=relative, text=path.read_text(encoding="utf-8"))


def rows(calls: list) -> list[tuple[int, str | None, str, str | None]]:  # type: ignore[type-arg]
    return sorted((c.location.line, c.method, c.url, c.via) for c in calls if c.kind == "call")


def test_python_module_singletons_and_a_factory_function(tmp_path: Path) -> None:
    requirements = "atlassian-python-api==3.41.16\njira==3.8.0\n"
    (tmp_path / "requirements.txt").write_text(requirements, encoding="utf-8")
    clients = source(tmp_path, "digest/clients.py", """\
        import os
        from atlassian import Confluence, Jira
        from jira import JIRA

        SITE = os.environ.get("ATLASSIAN_SITE", "https://acme.atlassian.net")
        jira = Jira(url=SITE, username="u", password="p", cloud=True)
        confluence = Confluence(url=SITE, username="u", password="p", cloud=True)
        NAME = "digest"

        def get_jira() -> JIRA:
            return JIRA(server=SITE, get_server_info=False)
        """)
    exports = py_exports(clients)
    assert exports == {
        "jira": Export("client", type="atlassian.Jira", options={"cloud": "True"}),
        "confluence": Export("client", type="atlassian.Confluence", options={"cloud": "True"}),
        "get_jira": Export("factory", type="jira.JIRA", options={"get_server_info": "False"}),
    }
    environment = MappingEnvironment({f"digest.clients.{name}": e for name, e in exports.items()})
    weekly = source(tmp_path, "digest/weekly.py", """\
        from digest.clients import confluence, get_jira, jira

        def run() -> None:
            jira.issue_add_comment("PLAT-1", "done")
            confluence.cql("space = ENG")
            classic = get_jira()
            classic.add_comment("PLAT-1", "done")
        """)
    assert rows(extract_py(weekly, environment).calls) == [
        (4, "POST", "/rest/api/2/issue/{issue_key}/comment", "atlassian.Jira.issue_add_comment"),
        (5, "GET", "/wiki/rest/api/search", "atlassian.Confluence.cql"),
        (7, "POST", "/rest/api/2/issue/{issue}/comment", "jira.JIRA.add_comment"),
    ]
    # without the environment, the same file is read alone: nothing is known about the names
    assert rows(extract_py(weekly).calls) == []


def test_javascript_exported_clients_esm_and_commonjs(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text('{"dependencies": {"jira.js": "^4.0.2", "jira-client": "8.2.2"}}',
                                            encoding="utf-8")
    esm = source(tmp_path, "src/jira.ts", """\
        import { AgileClient, Version3Client } from 'jira.js';
        const host = process.env.JIRA_HOST ?? 'https://acme.atlassian.net';
        export const jira = new Version3Client({ host });
        export const agile = new AgileClient({ host });
        export const SPACE = 'ENG';
        """)
    cjs = source(tmp_path, "lib/jiraClient.js", """\
        const JiraApi = require('jira-client');
        const jira = new JiraApi({ host: 'acme.atlassian.net', apiVersion: '3' });
        module.exports = jira;
        """)
    assert js_exports(esm) == {
        "jira": Export("client", type="jira.js Version3Client"),
        "agile": Export("client", type="jira.js AgileClient"),
    }
    assert js_exports(cjs) == {
        "default": Export("client", type="jira-client JiraApi", options={"apiVersion": "3"})
    }
    environment = MappingEnvironment(
        {f"./jira.js.{name}": e for name, e in js_exports(esm).items()}
        | {f"./jiraClient.{name}": e for name, e in js_exports(cjs).items()}
    )
    sync = source(tmp_path, "src/sync.ts", """\
        import { jira } from './jira.js';
        export async function sync(key: string) {
          await jira.issues.getIssue({ issueIdOrKey: key });
        }
        """)
    commands = source(tmp_path, "lib/commands.js", """\
        const jira = require('./jiraClient');
        async function show(key) { return jira.findIssue(key); }
        module.exports = { show };
        """)
    assert rows(extract_js(sync, environment).calls) == [
        (3, "GET", "/rest/api/3/issue/{issueIdOrKey}", "jira.js Version3Client.issues.getIssue")
    ]
    assert rows(extract_js(commands, environment).calls) == [
        (2, "GET", "/rest/api/3/issue/{issueNumber}", "jira-client JiraApi.findIssue")
    ]
