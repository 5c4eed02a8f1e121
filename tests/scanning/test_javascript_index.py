"""The JavaScript/TypeScript index (a tree-sitter query, not a walk over every node) hands
each node what the code around it means: a route's path is no request but its handlers are
code, a mock's body holds no request, a canned response's links are data, and a URL written
in a minified bundle on one line is found as in ordinary code."""

from __future__ import annotations

import textwrap

from scopelint.scanning.languages.javascript import extract
from scopelint.scanning.source import SourceFile


def found(code: str, name: str = "app.js") -> list[tuple[int, str | None, str, str]]:
    source = SourceFile.from_text(textwrap.dedent(code).lstrip("\n"), display=name)
    return [(c.location.line, c.method, c.url, c.kind) for c in extract(source).calls]


def test_a_routes_middleware_and_every_handler_are_code_but_its_path_is_not_a_request() -> None:
    calls = found(
        """
        const express = require('express');
        express.Router().post('/rest/api/3/issue', auth, async (req, res) => {
          await fetch('https://acme.atlassian.net/rest/api/3/issue', { method: 'POST' });
        }, async (req, res) => {
          await fetch('https://acme.atlassian.net/rest/api/3/myself');
        });
        """
    )
    assert calls == [
        (3, "POST", "https://acme.atlassian.net/rest/api/3/issue", "call"),
        (5, "GET", "https://acme.atlassian.net/rest/api/3/myself", "call"),
    ]


def test_a_string_in_a_call_inside_a_template_is_its_own_candidate() -> None:
    calls = found(
        """
        const base = 'https://acme.atlassian.net';
        console.log(`${note('/rest/api/3/project')} at ${base}`);
        """
    )
    assert (2, None, "/rest/api/3/project", "call") in calls


def test_nothing_inside_a_mock_is_a_request_and_code_after_it_is() -> None:
    calls = found(
        """
        jest.mock('./jira', () => ({ get: () => fetch('https://acme.atlassian.net/rest/api/3/myself') }));
        fetch('https://acme.atlassian.net/rest/api/3/field');
        """
    )
    assert calls == [(2, "GET", "https://acme.atlassian.net/rest/api/3/field", "call")]


def test_a_minified_bundle_on_one_line_is_read_call_by_call() -> None:
    line = (
        '!function(){var e="https://acme.atlassian.net",t={_links:{self:e+"/rest/api/3/issue/1"}};'
        'function n(r){return r.ok}fetch(e+"/rest/api/3/issue/"+k,{method:"DELETE"}).then(n),'
        'fetch(e+"/wiki/api/v2/pages")}();\n'
    )
    calls = found(line, "vendor.min.js")
    assert [(method, url) for _line, method, url, kind in calls if kind == "call"] == [
        ("DELETE", "https://acme.atlassian.net/rest/api/3/issue/{k}"),
        ("GET", "https://acme.atlassian.net/wiki/api/v2/pages"),
    ]
    assert all(line == 1 for line, *_rest in calls)
