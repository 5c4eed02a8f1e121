"""The per-call prefilter of the JavaScript/TypeScript call analyser (``may_request``): a call
whose callee cannot reach a client row, a function of the file or an import is not analysed
(most calls of a minified bundle: ``xs.filter(...).map(...)``), and no call that can is lost,
alone or through linked modules.  ``fixtures/clients/bundle_prefilter_shapes.js`` marks the
requests of one file; here, what is skipped, and the shapes only linking shows."""

from __future__ import annotations

import textwrap
from pathlib import Path

from scopelint import api
from scopelint.scanning.core import treesitter
from scopelint.scanning.languages.javascript.calls import CallAnalyser
from scopelint.scanning.languages.javascript.index import build_index


def _verdicts(code: str) -> dict[str, bool]:
    """The callee text of every recorded call -> may it make a request?"""
    data = textwrap.dedent(code).lstrip("\n").encode()
    index = build_index(treesitter.parse("javascript", data).root_node, data)
    analyser = CallAnalyser(index)
    verdicts: dict[str, bool] = {}
    for call in index.calls:
        callee = call.child_by_field_name("function") or call.child_by_field_name("constructor")
        assert callee is not None
        verdicts[index.text(callee)] = analyser.may_request(call)
    return verdicts


def test_collection_calls_on_parameters_and_globals_are_skipped_and_request_shapes_kept() -> None:
    verdicts = _verdicts("""
        const lib_1 = require("./lib");
        const fetchAlias = fetch;
        export function total(xs, limit) {
          return xs.filter((x) => x.n > limit).map((x) => ({ ...x, seen: true }));
        }
        console.log(JSON.stringify(total([], 1)));
        fetchAlias("/rest/api/3/myself");
        (0, lib_1.request)("/rest/api/3/issue/1", "DELETE");
        this.client.get("/rest/api/3/project");
        laterHelper("/rest/api/3/field");
        const bound = helperObject.send.bind(helperObject);
        bound("/rest/api/3/issue");
        function run(client) { client.send("/rest/api/3/issue"); }
        require("./other").anything("/rest/api/3/priority");
        ky.extend({ prefixUrl: "https://acme.atlassian.net" });
        new Request("/rest/api/3/dashboard");
        new XMLHttpRequest();
        new Intl.NumberFormat("en");
        function laterHelper(path) { return fetch(path); }
        const helperObject = { send(path) { return fetch(path, { method: "POST" }); } };
    """)
    skipped = {text for text, keep in verdicts.items() if not keep}
    assert skipped == {
        "xs.filter((x) => x.n > limit).map", "xs.filter", "console.log", "JSON.stringify",
        "Intl.NumberFormat", "XMLHttpRequest", "require",
    }
    # kept: an alias, a compiled import's call, `this.x.get`, a helper declared later, a
    # bound method, a method of the file through a parameter, a require's member, a client
    # row's name on a global, `new` of a row
    assert {"fetchAlias", "(0, lib_1.request)", "this.client.get", "laterHelper", "bound",
            "client.send", 'require("./other").anything', "ky.extend", "Request",
            "fetch"} <= set(verdicts) - skipped


def _write(root: Path, files: dict[str, str]) -> Path:
    (root / ".git").mkdir(exist_ok=True)
    for name, text in files.items():
        (root / name).write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return root


def test_calls_of_linked_helpers_under_names_no_row_knows_are_kept(tmp_path: Path) -> None:
    """``(0, lib_1.callJira)(...)`` as tsc compiles it, ``lib.callJira`` through a namespace
    import, and through a local alias of the module: ``callJira`` is no client row's name
    and no function of the importing file, yet each call is a request the linker finds."""
    root = _write(tmp_path, {
        "lib.js": """
            const BASE = "https://acme.atlassian.net/rest/api/3";
            function callJira(path, method) { return fetch(BASE + path, { method }); }
            module.exports = { callJira };
            """,
        "compiled.js": """
            "use strict";
            const lib_1 = require("./lib");
            function remove(key) { return (0, lib_1.callJira)("/issue/" + key, "DELETE"); }
            module.exports = { remove };
            """,
        "esm.mjs": """
            import * as lib from "./lib.js";
            const api = lib;
            export const load = (items) => items.map((key) => lib.callJira("/issue/" + key, "GET"));
            export const edit = (key) => api.callJira("/issue/" + key, "PUT");
            """,
    })
    found = sorted((c.location.path, c.location.line, c.method, c.url)
                   for c in api.find_calls(["."], cwd=root) if c.kind == "call")
    assert found == [
        ("compiled.js", 3, "DELETE", "https://acme.atlassian.net/rest/api/3/issue/{key}"),
        ("esm.mjs", 3, "GET", "https://acme.atlassian.net/rest/api/3/issue/{key}"),
        ("esm.mjs", 4, "PUT", "https://acme.atlassian.net/rest/api/3/issue/{key}"),
        ("lib.js", 2, None, "https://acme.atlassian.net/rest/api/3{path}"),  # its callers are elsewhere
    ]


def test_mocks_routes_and_responses_are_told_apart_when_most_calls_are_read_from_text() -> None:
    """``plain_call`` answers for most calls from the callee's text; a mock named through an
    alias of an msw import, a mock method, a route, a response body and a long chain ending in
    a route-shaped call are still read as their chains."""
    from scopelint.scanning.languages.javascript import extract
    from scopelint.scanning.source import SourceFile

    code = textwrap.dedent("""
        import { http as mock } from "msw";
        mock.anything("https://acme.atlassian.net/rest/api/3/issue", () => null);
        fetchMock.mockResponseOnce("https://acme.atlassian.net/rest/api/3/field");
        app.get("/rest/api/3/project", async (req, res) => {
          await fetch("https://acme.atlassian.net/rest/api/3/project");
          res.json({ self: "https://acme.atlassian.net/rest/api/3/project/1" });
        });
        {chain}.get("https://acme.atlassian.net/rest/api/3/priority", function (x) { return x; });
        items.filter((x) => x.ok)
          .map((x) => fetch("https://acme.atlassian.net/rest/api/3/issue/" + x.key, { method: "DELETE" }));
    """).lstrip().replace("{chain}", "worker" + ".andThenSomethingElseAgain()" * 12)
    calls = extract(SourceFile.from_text(code, "mocks.js")).calls
    assert [(c.location.line, c.method, c.url) for c in calls] == [
        (5, "GET", "https://acme.atlassian.net/rest/api/3/project"),
        # (line 8: `.get(path, function)` at the end of a long chain is shaped like a route)
        (10, "DELETE", "https://acme.atlassian.net/rest/api/3/issue/{key}"),
    ]
