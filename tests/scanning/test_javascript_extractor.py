"""The JavaScript/TypeScript extractor finds Atlassian REST calls the way code really writes them."""

from __future__ import annotations

import textwrap
from pathlib import Path

from scopelint.model import CallSite
from scopelint.scanning.languages.javascript import extract
from scopelint.scanning.source import SourceFile, decode

Row = tuple[int, int, str | None, str]


def scan_text(code: str, name: str = "app.js") -> list[CallSite]:
    source = SourceFile.from_text(textwrap.dedent(code).lstrip("\n"), display=name)
    return extract(source).calls


def rows(code: str, name: str = "app.js") -> list[Row]:
    """(line, column, method, url) of every call (kind "call") in ``code``."""
    return [
        (c.location.line, c.location.column, c.method, c.url)
        for c in scan_text(code, name)
        if c.kind == "call"
    ]


def urls(code: str, name: str = "app.js") -> list[tuple[str | None, str]]:
    return [(method, url) for _, _, method, url in rows(code, name)]


# --------------------------------------------------------------------------- Forge


def test_forge_as_app_request_jira_with_inline_options() -> None:
    calls = scan_text(
        """
        import api, { route } from '@forge/api';

        export async function setSummary(key) {
          await api.asApp().requestJira(route`/rest/api/3/issue/${key}`, { method: 'PUT' });
        }
        """
    )
    assert len(calls) == 1
    call = calls[0]
    assert (call.method, call.url, call.kind) == ("PUT", "/rest/api/3/issue/{key}", "call")
    assert call.forge_product == "jira"
    assert call.extractor == "javascript"
    assert (call.location.path, call.location.line, call.location.column) == ("app.js", 4, 33)


def test_forge_as_user_confluence_and_bitbucket_without_options_are_get() -> None:
    calls = scan_text(
        """
        import api, { route } from '@forge/api';
        const page = await api.asUser().requestConfluence(route`/wiki/api/v2/pages/${page.id}`);
        const repo = await api.asApp().requestBitbucket(route`/2.0/repositories/${ws}/${slug}`);
        """
    )
    assert [(c.method, c.url, c.forge_product) for c in calls] == [
        ("GET", "/wiki/api/v2/pages/{id}", "confluence"),
        ("GET", "/2.0/repositories/{ws}/{slug}", "bitbucket"),
    ]


def test_forge_bridge_request_jira_in_custom_ui_jsx() -> None:
    calls = scan_text(
        """
        import React, { useEffect } from 'react';
        import { requestJira } from '@forge/bridge';

        export default function App({ issueKey }) {
          useEffect(() => {
            requestJira(`/rest/api/3/issue/${issueKey}/comment`, {
              method: 'post',
              body: JSON.stringify({ body: 'hi' }),
            });
          }, []);
          return <div className="app">Comments</div>;
        }
        """,
        name="static/hello/src/App.jsx",
    )
    assert [(c.method, c.url, c.forge_product) for c in calls] == [
        ("POST", "/rest/api/3/issue/{issueKey}/comment", "jira")
    ]
    assert calls[0].location.path == "static/hello/src/App.jsx"


def test_forge_options_object_in_a_variable_with_lower_case_method() -> None:
    assert urls(
        """
        import api, { route } from '@forge/api';
        async function transition(key, id) {
          const opts = { method: 'post', headers: { Accept: 'application/json' } };
          return api.asApp().requestJira(route`/rest/api/3/issue/${key}/transitions`, opts);
        }
        """
    ) == [("POST", "/rest/api/3/issue/{key}/transitions")]


def test_forge_route_held_in_a_variable_and_assume_trusted_route() -> None:
    assert urls(
        """
        import api, { route, assumeTrustedRoute } from '@forge/api';
        const myself = route`/rest/api/3/myself`;
        await api.asUser().requestJira(myself);
        await api.asApp().requestJira(assumeTrustedRoute('/rest/api/3/project/search'), {
          method: 'GET',
        });
        """
    ) == [("GET", "/rest/api/3/myself"), ("GET", "/rest/api/3/project/search")]


def test_options_spread_keeps_the_later_method() -> None:
    assert urls(
        """
        const base = { method: 'GET', headers: {} };
        fetch('/rest/api/3/issue', { ...base, method: 'POST' });
        fetch('/rest/api/3/issue/bulk', { method: 'DELETE', ...base });
        """
    ) == [("POST", "/rest/api/3/issue"), ("GET", "/rest/api/3/issue/bulk")]


# --------------------------------------------------------------------------- fetch / axios


def test_fetch_without_options_is_get_and_with_method_uses_it() -> None:
    assert rows(
        """
        const BASE = 'https://acme.atlassian.net';
        await fetch(`${BASE}/rest/api/3/myself`);
        await fetch(BASE + '/rest/api/3/issue/' + key, { method: 'DELETE' });
        """
    ) == [
        (2, 13, "GET", "https://acme.atlassian.net/rest/api/3/myself"),
        (3, 13, "DELETE", "https://acme.atlassian.net/rest/api/3/issue/{key}"),
    ]


def test_fetch_method_that_cannot_be_known_is_none() -> None:
    assert urls(
        """
        fetch('https://acme.atlassian.net/rest/api/3/search', { method: req.method });
        """
    ) == [(None, "https://acme.atlassian.net/rest/api/3/search")]


def test_axios_verb_methods() -> None:
    assert urls(
        """
        import axios from 'axios';
        const BASE = 'https://acme.atlassian.net';
        axios.get(`${BASE}/rest/api/3/issue/${key}`);
        axios.post(`${BASE}/rest/api/3/issue`, { fields });
        axios.put(`${BASE}/rest/api/3/issue/${key}`, data, { headers });
        axios.patch(`${BASE}/rest/api/3/field/${id}`);
        axios.delete(`${BASE}/rest/api/3/issue/${key}`);
        axios.head(`${BASE}/rest/api/3/serverInfo`);
        """
    ) == [
        ("GET", "https://acme.atlassian.net/rest/api/3/issue/{key}"),
        ("POST", "https://acme.atlassian.net/rest/api/3/issue"),
        ("PUT", "https://acme.atlassian.net/rest/api/3/issue/{key}"),
        ("PATCH", "https://acme.atlassian.net/rest/api/3/field/{id}"),
        ("DELETE", "https://acme.atlassian.net/rest/api/3/issue/{key}"),
        ("HEAD", "https://acme.atlassian.net/rest/api/3/serverInfo"),
    ]


def test_axios_config_forms() -> None:
    assert urls(
        """
        const axios = require('axios');
        axios({ method: 'put', url: 'https://acme.atlassian.net/rest/api/3/issue/A-1' });
        axios.request({ url: '/rest/api/3/project', baseURL: 'https://acme.atlassian.net' });
        axios('https://acme.atlassian.net/rest/api/3/myself');
        """
    ) == [
        ("PUT", "https://acme.atlassian.net/rest/api/3/issue/A-1"),
        ("GET", "https://acme.atlassian.net/rest/api/3/project"),
        ("GET", "https://acme.atlassian.net/rest/api/3/myself"),
    ]


def test_axios_create_base_url_is_a_base_url_site_and_instance_calls_join_it() -> None:
    calls = scan_text(
        """
        import axios from 'axios';
        const jira = axios.create({
          baseURL: 'https://acme.atlassian.net/',
          headers: { Accept: 'application/json' },
        });
        export const me = () => jira.get('/rest/api/3/myself');
        export const remove = (key) => jira.delete(`/rest/api/3/issue/${key}`);
        export const create = (fields) => jira.request({ url: '/rest/api/3/issue', method: 'POST' });
        """
    )
    assert [(c.location.line, c.kind, c.method, c.url) for c in calls] == [
        (3, "base-url", None, "https://acme.atlassian.net/"),
        (6, "call", "GET", "https://acme.atlassian.net/rest/api/3/myself"),
        (7, "call", "DELETE", "https://acme.atlassian.net/rest/api/3/issue/{key}"),
        (8, "call", "POST", "https://acme.atlassian.net/rest/api/3/issue"),
    ]


def test_axios_instance_stored_on_this() -> None:
    assert urls(
        """
        class JiraClient {
          constructor() {
            this.http = axios.create({ baseURL: process.env.JIRA_URL });
          }
          issue(key) {
            return this.http.get(`/rest/api/3/issue/${key}`);
          }
        }
        """
    ) == [("GET", "{JIRA_URL}/rest/api/3/issue/{key}")]


def test_node_https_request_and_get() -> None:
    assert rows(
        """
        const https = require('https');
        const req = https.request({
          hostname: 'acme.atlassian.net',
          path: '/rest/api/3/issue/' + key,
          method: 'DELETE',
        }, (res) => res.resume());
        https.get('https://acme.atlassian.net/rest/api/3/myself', (res) => {});
        """
    ) == [
        (4, 9, "DELETE", "https://acme.atlassian.net/rest/api/3/issue/{key}"),
        (7, 11, "GET", "https://acme.atlassian.net/rest/api/3/myself"),
    ]


# --------------------------------------------------------------------------- helpers


def test_helper_with_default_method_is_reported_at_each_call() -> None:
    code = """
        const BASE = 'https://acme.atlassian.net';
        async function callJira(path, method = 'GET') {
          return fetch(BASE + path, { method });
        }
        await callJira('/rest/api/3/issue/' + key, 'DELETE');
        await callJira('/rest/api/3/myself');
        """
    assert rows(code) == [
        (5, 16, "DELETE", "https://acme.atlassian.net/rest/api/3/issue/{key}"),
        (6, 16, "GET", "https://acme.atlassian.net/rest/api/3/myself"),
    ]
    # The base URL constant is part of those calls, not a separate base-url site.
    assert all(c.kind == "call" for c in scan_text(code))


def test_arrow_function_helper_with_options_parameter() -> None:
    assert urls(
        """
        const SITE = 'https://acme.atlassian.net';
        const confluence = async (path, options = {}) =>
          fetch(`${SITE}/wiki${path}`, { ...options, headers: { Accept: 'application/json' } });
        confluence('/api/v2/pages', { method: 'POST' });
        confluence(`/api/v2/pages/${id}`);
        """
    ) == [
        ("POST", "https://acme.atlassian.net/wiki/api/v2/pages"),
        ("GET", "https://acme.atlassian.net/wiki/api/v2/pages/{id}"),
    ]


def test_helper_taking_one_destructured_object() -> None:
    assert urls(
        """
        function jira({ path, method = 'GET', body }) {
          return fetch(`https://acme.atlassian.net${path}`, { method, body });
        }
        jira({ path: '/rest/api/3/issue', method: 'post', body });
        jira({ path: '/rest/api/3/myself' });
        """
    ) == [
        ("POST", "https://acme.atlassian.net/rest/api/3/issue"),
        ("GET", "https://acme.atlassian.net/rest/api/3/myself"),
    ]


def test_helper_calling_another_helper() -> None:
    # `deleteIssue` fixes path and method, so its call of `request` is the place to report.
    assert rows(
        """
        const BASE = 'https://acme.atlassian.net';
        const request = (path, method) => fetch(BASE + path, { method });
        const deleteIssue = (key) => request(`/rest/api/3/issue/${key}`, 'DELETE');
        const send = (path, verb) => request(path, verb);
        deleteIssue('ABC-1');
        send('/rest/api/3/myself', 'GET');
        """
    ) == [
        (3, 38, "DELETE", "https://acme.atlassian.net/rest/api/3/issue/{key}"),
        (6, 6, "GET", "https://acme.atlassian.net/rest/api/3/myself"),
    ]


def test_helper_with_a_complete_url_is_reported_once_at_its_definition() -> None:
    assert rows(
        """
        const BASE = 'https://acme.atlassian.net';
        const getIssue = (key) => fetch(`${BASE}/rest/api/3/issue/${key}`);
        getIssue('A-1');
        getIssue('A-2');
        """
    ) == [(2, 33, "GET", "https://acme.atlassian.net/rest/api/3/issue/{key}")]


def test_helper_never_called_in_the_file_leaves_its_base_url() -> None:
    calls = scan_text(
        """
        const BASE = 'https://acme.atlassian.net';
        export async function callJira(path, method = 'GET') {
          return fetch(BASE + path, { method });
        }
        """
    )
    assert [(c.kind, c.url, c.location.line) for c in calls] == [
        ("base-url", "https://acme.atlassian.net", 1)
    ]


def test_class_method_helper_using_a_this_field() -> None:
    assert urls(
        """
        class Jira {
          baseUrl = 'https://acme.atlassian.net';
          async send(path, method = 'GET') {
            return fetch(this.baseUrl + path, { method });
          }
          async assign(key, accountId) {
            return this.send(`/rest/api/3/issue/${key}/assignee`, 'PUT');
          }
        }
        """
    ) == [("PUT", "https://acme.atlassian.net/rest/api/3/issue/{key}/assignee")]


def test_helper_over_an_axios_instance_and_upper_cased_method() -> None:
    assert rows(
        """
        const jira = axios.create({ baseURL: 'https://acme.atlassian.net' });
        const get = (path) => jira.get(path);
        const send = (verb, path, body) => fetch(`https://acme.atlassian.net${path}`, {
          method: verb.toUpperCase(),
          body,
        });
        get('/rest/api/3/myself');
        send('put', `/rest/api/3/issue/${key}`, payload);
        """
    ) == [
        (7, 5, "GET", "https://acme.atlassian.net/rest/api/3/myself"),
        (8, 13, "PUT", "https://acme.atlassian.net/rest/api/3/issue/{key}"),
    ]


def test_bitbucket_cloud_api() -> None:
    assert urls(
        """
        const BB = 'https://api.bitbucket.org/2.0';
        fetch(`${BB}/repositories/${workspace}/${repo}/pullrequests`, { method: 'POST' });
        """
    ) == [("POST", "https://api.bitbucket.org/2.0/repositories/{workspace}/{repo}/pullrequests")]


# --------------------------------------------------------------------------- values


def test_function_local_constants_let_and_var() -> None:
    assert urls(
        """
        function run(key) {
          const site = 'https://acme.atlassian.net';
          let api = `${site}/rest/api/3`;
          var url = api + '/issue/' + key + '/worklog';
          return fetch(url, { method: 'POST' });
        }
        """
    ) == [("POST", "https://acme.atlassian.net/rest/api/3/issue/{key}/worklog")]


def test_placeholders_use_identifier_or_last_member_name() -> None:
    assert urls(
        """
        fetch(`/rest/api/3/issue/${issue.fields.parent.key}/comment/${ids[0]}`);
        fetch(`/rest/api/3/user?accountId=${encodeURIComponent(user.accountId)}`);
        fetch(`${process.env.JIRA_BASE_URL}/rest/api/3/project/${getKey()}`);
        """
    ) == [
        ("GET", "/rest/api/3/issue/{key}/comment/{}"),
        ("GET", "/rest/api/3/user?accountId={accountId}"),
        ("GET", "{JIRA_BASE_URL}/rest/api/3/project/{}"),
    ]


def test_object_config_and_new_url() -> None:
    assert urls(
        """
        const config = { jira: { site: 'https://acme.atlassian.net' } };
        fetch(new URL('/rest/api/3/myself', config.jira.site));
        fetch(new URL(`/rest/api/3/issue/${key}`, config.jira.site).toString(), { method: 'PUT' });
        """
    ) == [
        ("GET", "https://acme.atlassian.net/rest/api/3/myself"),
        ("PUT", "https://acme.atlassian.net/rest/api/3/issue/{key}"),
    ]


def test_env_default_falls_back_to_the_literal_site() -> None:
    assert urls(
        """
        const BASE = process.env.JIRA_URL || 'https://acme.atlassian.net';
        fetch(`${BASE}/rest/api/3/myself`);
        """
    ) == [("GET", "https://acme.atlassian.net/rest/api/3/myself")]


def test_other_apis_and_web_ui_links_are_not_rest_calls() -> None:
    assert scan_text(
        """
        fetch('https://api.example.com/2.0/users');
        axios.get('https://acme.atlassian.net/browse/ABC-1');
        fetch('/api/local/things', { method: 'POST' });
        fetch(BASE);
        """
    ) == []


def test_map_like_receivers_do_not_lend_their_method_name() -> None:
    # A cache keyed by REST path is not a DELETE request; the path is still a REST path.
    assert urls("responseCache.delete(`/rest/api/3/issue/${key}`);") == [
        (None, "/rest/api/3/issue/{key}")
    ]


# --------------------------------------------------------------------------- TypeScript


def test_typescript_with_type_annotations() -> None:
    code = """
        import fetch, { RequestInit } from 'node-fetch';

        const BASE: string = 'https://acme.atlassian.net';

        interface Issue { key: string }

        export async function getIssue(key: string): Promise<Issue> {
          const init: RequestInit = { method: 'GET' } as RequestInit;
          const res = await fetch(`${BASE}/rest/api/3/issue/${key}` as string, init);
          return (await res.json()) as Issue;
        }

        export async function search(jql: string): Promise<Issue[]> {
          const { data } = await axios.get<Issue[]>(`${BASE}/rest/api/3/search/jql?jql=${jql}`);
          return data;
        }

        export async function deleteIssue<T extends string>(key: T): Promise<void> {
          await fetch(BASE + `/rest/api/3/issue/${key!}`, { method: 'delete' } satisfies RequestInit);
        }
        """
    for name in ("client.ts", "client.mts", "client.cts"):
        assert urls(code, name) == [
            ("GET", "https://acme.atlassian.net/rest/api/3/issue/{key}"),
            ("GET", "https://acme.atlassian.net/rest/api/3/search/jql?jql={jql}"),
            ("DELETE", "https://acme.atlassian.net/rest/api/3/issue/{key}"),
        ]
        assert extract(SourceFile.from_text(textwrap.dedent(code), display=name)).warnings == []


def test_tsx_component() -> None:
    code = """
        import { requestJira } from '@forge/bridge';
        import React, { useState } from 'react';

        type Props = { projectKey: string };

        export const Board: React.FC<Props> = ({ projectKey }: Props) => {
          const [items, setItems] = useState<string[]>([]);
          const load = async (): Promise<void> => {
            const r = await requestJira(`/rest/agile/1.0/board?projectKeyOrId=${projectKey}`);
            setItems(await r.json());
          };
          return <button onClick={load}>Load {items.length}</button>;
        };
        """
    result = extract(SourceFile.from_text(textwrap.dedent(code), display="static/ui/Board.tsx"))
    assert result.warnings == []
    assert [(c.method, c.url, c.forge_product) for c in result.calls] == [
        ("GET", "/rest/agile/1.0/board?projectKeyOrId={projectKey}", "jira")
    ]


# --------------------------------------------------------------------------- bare strings


def test_rest_path_not_passed_to_a_known_call_has_no_method() -> None:
    assert rows(
        """
        const SEARCH = '/rest/api/3/search/jql';
        const PAGE = `https://acme.atlassian.net/wiki/api/v2/pages/${id}`;
        const message = 'see /rest/api/3/search for details';
        """
    ) == [
        (1, 16, None, "/rest/api/3/search/jql"),
        (2, 14, None, "https://acme.atlassian.net/wiki/api/v2/pages/{id}"),
    ]


def test_site_and_gateway_base_urls_are_base_url_sites() -> None:
    calls = scan_text(
        """
        export const SITE = 'https://acme.atlassian.net';
        export const GATEWAY = `https://api.atlassian.com/ex/jira/${cloudId}`;
        export const BROWSE = 'https://acme.atlassian.net/browse/ABC-1';
        """
    )
    assert [(c.kind, c.method, c.url, c.location.line) for c in calls] == [
        ("base-url", None, "https://acme.atlassian.net", 1),
        ("base-url", None, "https://api.atlassian.com/ex/jira/{cloudId}", 2),
    ]


# --------------------------------------------------------------------------- not client calls


def test_server_route_definitions_are_skipped_but_their_handlers_are_scanned() -> None:
    assert urls(
        """
        const express = require('express');
        const app = express();
        const router = express.Router();
        app.get('/rest/api/3/issue/:id', handler);
        router.post('/rest/api/3/issue', async (req, res) => {
          const r = await fetch('https://acme.atlassian.net/rest/api/3/issue', { method: 'POST' });
          res.json(await r.json());
        });
        fastify.put('/rest/api/3/issue/:id', opts, async () => ({}));
        proxy.delete('/rest/api/3/issue/:key', function (req, res) {});
        """
    ) == [("POST", "https://acme.atlassian.net/rest/api/3/issue")]


def test_mock_registrations_are_skipped() -> None:
    assert scan_text(
        """
        import nock from 'nock';
        import fetchMock from 'jest-fetch-mock';
        import { rest } from 'msw';
        import { http, HttpResponse } from 'msw';

        nock('https://acme.atlassian.net').get('/rest/api/3/myself').reply(200, {});
        nock(BASE).post(`/rest/api/3/issue/${key}/comment`).reply(201);
        fetchMock.get('https://acme.atlassian.net/rest/api/3/project', []);
        const server = setupServer(
          rest.get('https://acme.atlassian.net/rest/api/3/myself', (req, res, ctx) => res(ctx.json({}))),
          http.put('https://acme.atlassian.net/rest/api/3/issue/:key', () => HttpResponse.json({})),
        );
        const fake = jest.fn(() => fetch('https://acme.atlassian.net/rest/api/3/field'));
        global.fetch.mockResolvedValue({ url: 'https://acme.atlassian.net/rest/api/3/serverInfo' });
        """,
        name="tests/client.test.js",
    ) == []


def test_canned_responses_and_server_answers_are_not_calls() -> None:
    """A fake server's answers and a saved response's links are data, not requests; the real
    call inside the same handler is still found."""
    site = "https://acme.atlassian.net"
    assert urls(
        f"""
        const express = require('express');
        const app = express();
        const ISSUE = {{ key: 'OPS-1', self: '{site}/rest/api/3/issue/10001',
                        fields: {{ status: {{ self: '{site}/rest/api/3/status/3' }} }},
                        _links: {{ next: '/rest/api/3/issue/OPS-2' }} }};
        app.get('/fake/issue/:key', (req, res) =>
          res.json({{ key: req.params.key, url: `{site}/rest/api/3/issue/${{req.params.key}}` }}));
        app.post('/fake/comment', (req, res) =>
          res.status(201).send({{ self: '{site}/rest/api/3/comment/1' }}));
        router.get('/fake/serverInfo', (ctx) => {{ ctx.body = {{ baseUrl: '{site}' }}; }});
        hono.get('/fake/project/:key', (c) => c.json({{ link: '{site}/rest/api/3/project/OPS' }}));
        app.get('/proxy/:key', async (req, res) => {{
          const url = `https://api.atlassian.com/ex/jira/${{CLOUD_ID}}/rest/api/3/issue/${{req.params.key}}`;
          res.json(await (await fetch(url)).json());
        }});
        """
    ) == [("GET", "https://api.atlassian.com/ex/jira/{CLOUD_ID}/rest/api/3/issue/{key}")]


def test_url_assertions_in_tests_are_skipped() -> None:
    assert scan_text(
        """
        test('deletes', async () => {
          expect(fetch).toHaveBeenCalledWith(
            'https://acme.atlassian.net/rest/api/3/issue/A-1', { method: 'DELETE' });
          expect(url).toBe('https://acme.atlassian.net/rest/api/3/myself');
          assert.strictEqual(calls[0], '/rest/api/3/issue');
        });
        """,
        name="client.spec.ts",
    ) == []


# --------------------------------------------------------------------------- locations, errors


def test_columns_count_characters_not_bytes() -> None:
    code = (
        "const title = 'Résumé — 日本語 🎉'; fetch('/rest/api/3/myself');\n"
        "// ünïcödé\n"
        "      const x = '✓'; await api.asApp().requestJira(route`/rest/api/3/issue/${k}`);\n"
    )
    calls = extract(SourceFile.from_text(code, display="u.js")).calls
    first = code.index("'/rest/api/3/myself'") + 1
    third_line = code.splitlines()[2]
    assert [(c.location.line, c.location.column) for c in calls] == [
        (1, first),
        (3, third_line.index("route`") + 1),
    ]


def test_file_read_from_disk_with_utf8_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.js"
    path.write_bytes(b"\xef\xbb\xbf" + "const é = 1; fetch('/rest/api/3/myself');\n".encode())
    source = SourceFile(path=path, display="bom.js", text=decode(path.read_bytes()))
    calls = extract(source).calls
    assert [(c.location.line, c.location.column, c.url) for c in calls] == [
        (1, 20, "/rest/api/3/myself")
    ]


def test_syntax_errors_warn_once_and_keep_the_valid_parts() -> None:
    result = extract(
        SourceFile.from_text(
            textwrap.dedent(
                """
                fetch('https://acme.atlassian.net/rest/api/3/myself');
                function broken( {{{ ]] {
                const x = = ;
                axios.delete('https://acme.atlassian.net/rest/api/3/issue/A-1');
                """
            ),
            display="src/broken.js",
        )
    )
    assert result.warnings == [
        "src/broken.js: JavaScript/TypeScript syntax errors; results may be incomplete"
    ]
    assert ("GET", "https://acme.atlassian.net/rest/api/3/myself") in [
        (c.method, c.url) for c in result.calls
    ]


def test_clean_file_has_no_warning_and_unrelated_file_has_nothing() -> None:
    assert extract(SourceFile.from_text("fetch('/rest/api/3/myself');", "ok.js")).warnings == []
    empty = extract(SourceFile.from_text("export const add = (a, b) => a + b;\n", "math.js"))
    assert (empty.calls, empty.warnings) == ([], [])


def test_pathological_inputs_do_not_raise() -> None:
    deep = "const x = " + "[" * 20000 + "'/rest/api/3/myself'" + "]" * 20000 + ";\n"
    assert extract(SourceFile.from_text(deep, "deep.js")).warnings == []
    chain = "const u = 'https://acme.atlassian.net/rest/api/3/' + " + " + ".join(
        ["'a'"] * 3000
    ) + ";\nfetch(u);\n"
    calls = extract(SourceFile.from_text(chain, "chain.js")).calls
    assert [(c.method, c.url) for c in calls] == [
        ("GET", "https://acme.atlassian.net/rest/api/3/" + "a" * 3000)
    ]
    minified = ";".join(
        f"fetch('/rest/api/3/issue/K-{i}',{{method:'PUT'}})" for i in range(3000)
    )
    result = extract(SourceFile.from_text("const é='ü';" + minified, "bundle.min.js"))
    assert len(result.calls) == 3000
    assert result.calls[-1].location.column == len("const é='ü';" + minified) - len(
        "'/rest/api/3/issue/K-2999',{method:'PUT'})"
    ) + 1


def test_every_prefix_of_a_file_is_handled_without_raising() -> None:
    code = textwrap.dedent(
        """
        import api, { route } from '@forge/api';
        const BASE = `https://${site}.atlassian.net`;
        const call = async (path, { method = 'GET', ...rest } = {}) =>
          fetch(BASE + path, { method, ...rest });
        class C { x = call(`/rest/api/3/issue/${k}`, { method: 'put' }); }
        app.get('/rest/api/3/x', (q, s) => api.asApp().requestJira(route`/rest/api/3/myself`));
        """
    )
    for end in range(0, len(code) + 1, 3):
        result = extract(SourceFile.from_text(code[:end], "prefix.ts"))
        assert all(call.extractor == "javascript" for call in result.calls)
        assert all("syntax errors" in warning for warning in result.warnings), result.warnings


def test_javascript_module_suffixes_use_the_javascript_grammar() -> None:
    code = "const r = await fetch(`/rest/api/3/issue/${key}`, { method: 'DELETE' });\n"
    for name in ("a.mjs", "a.cjs", "a.jsx"):
        assert urls(code, name) == [("DELETE", "/rest/api/3/issue/{key}")]


def test_atlassian_connect_express_http_client_calls() -> None:
    # request-style options objects and node callbacks: client calls, not route definitions
    assert urls(
        """
        module.exports = function (app, addon) {
          app.get('/issue-glance', addon.authenticate(), function (req, res) {
            const httpClient = addon.httpClient(req);
            httpClient.put({ url: '/rest/api/3/issue/' + req.query.key, json: {} }, function (err) {});
            httpClient.asUserByAccountId(req.context.userAccountId).get('/rest/api/3/myself', () => {});
            addon.httpClient(req).del({ uri: `/rest/api/3/issue/${key}/comment/${id}` }, cb);
          });
        };
        """
    ) == [
        ("PUT", "/rest/api/3/issue/{key}"),
        ("GET", "/rest/api/3/myself"),
        ("DELETE", "/rest/api/3/issue/{key}/comment/{id}"),
    ]


def test_an_empty_fallback_leaves_the_unknown_value_a_placeholder() -> None:
    code = """
        const cloudId = process.env.ATLASSIAN_CLOUD_ID ?? '';
        const site = process.env.JIRA_SITE || 'https://acme.atlassian.net';
        fetch(`https://api.atlassian.com/ex/confluence/${cloudId}/wiki/api/v2/spaces`);
        fetch(`${site}/rest/api/3/myself`);
        """
    assert [url for _method, url in urls(code)] == [
        "https://api.atlassian.com/ex/confluence/{ATLASSIAN_CLOUD_ID}/wiki/api/v2/spaces",
        "https://acme.atlassian.net/rest/api/3/myself",
    ]


def test_a_url_a_function_returns_is_no_call_where_it_is_returned() -> None:
    # URL builders: the request is sent where their value is used (often in a module that
    # imports them); a hard-coded site in one is still an API base to point at.
    found = scan_text(
        """
        const SITE = 'https://acme.atlassian.net';
        export const propertyPath = (key) => `/rest/api/3/issue/${key}/properties/notes`;
        export function worklogUrl(key) {
          return `${SITE}/rest/api/3/issue/${key}/worklog`;
        }
        """
    )
    assert [(c.location.line, c.kind, c.url) for c in found] == [
        (1, "base-url", "https://acme.atlassian.net"),
        (4, "base-url", "https://acme.atlassian.net/rest/api/3/issue/{key}/worklog"),
    ]
