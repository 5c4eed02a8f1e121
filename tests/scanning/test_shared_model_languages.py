"""Go, Java/Kotlin and PHP (the languages on the core's shared model): what a user of
`scopelint check` notices beyond the marked client fixtures: test servers, stubs and routes
are not calls, the literal holding the host is a related location, suppression comments in
each language's comment syntax, SL001 and SL008, `--fix` to the gateway, constants another
file defines (through the environment), and hostile files that cost only themselves."""

from __future__ import annotations

from pathlib import Path

import pytest

from scopelint.model import FileScan
from scopelint.scanning.core.environment import Export, MappingEnvironment
from scopelint.scanning.registry import load, specs_for
from scopelint.scanning.source import SourceFile
from tests.cli.cli_helpers import check_json, scopelint, write_tree

CLOUD_ID = "11111111-2222-3333-4444-555555555555"
TOKEN = "ATATT3xFfGF0" + "T" * 180 + "=ABCD1234"  # a fake API token of the real shape


def scan(name: str, text: str) -> FileScan:
    (spec,) = specs_for(Path(name))  # type: ignore[arg-type]
    return load(spec.module)(SourceFile.from_text(text, name))


# --------------------------------------------------------------------------- not calls

NOT_CALLS = {
    "client_test.go": """\
        package jira

        import (
            "net/http"
            "net/http/httptest"
            "testing"
        )

        func TestIssue(t *testing.T) {
            mux := http.NewServeMux()
            mux.HandleFunc("/rest/api/3/issue/OPS-1", func(w http.ResponseWriter, r *http.Request) {
                w.Write([]byte(`{"self":"https://acme.atlassian.net/rest/api/3/issue/10001"}`))
            })
            srv := httptest.NewServer(mux)
            defer srv.Close()
            req := httptest.NewRequest("GET", "/rest/api/3/issue/OPS-1", nil)
            _ = req
        }
        """,
    "JiraTest.java": """\
        import static com.github.tomakehurst.wiremock.client.WireMock.get;
        import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
        import org.springframework.web.bind.annotation.GetMapping;

        class JiraTest {
            void stub() {
                stubFor(get(urlEqualTo("/rest/api/3/issue/OPS-1")).willReturn(okJson("{}")));
            }

            @GetMapping("/rest/api/3/issue/{key}")
            String proxy(String key) { return key; }
        }
        """,
    "web.php": """\
        <?php
        use Illuminate\\Support\\Facades\\Route;
        use Illuminate\\Support\\Facades\\Http;

        Route::get('/rest/api/3/issue/{key}', [IssueController::class, 'show']);
        Http::fake(['https://acme.atlassian.net/rest/api/3/issue/*' => Http::response([], 200)]);
        """,
}


@pytest.mark.parametrize("name", sorted(NOT_CALLS))
def test_test_servers_stubs_and_routes_are_not_calls(name: str) -> None:
    import textwrap

    found = scan(name, textwrap.dedent(NOT_CALLS[name]))
    assert found.warnings == []
    assert [(c.location.line, c.url) for c in found.calls] == []


def test_a_route_handler_still_has_its_own_calls_found() -> None:
    found = scan("main.go", (
        'package main\nimport "net/http"\n'
        'func main() {\n'
        '\thttp.HandleFunc("/webhook", func(w http.ResponseWriter, r *http.Request) {\n'
        '\t\thttp.Get("https://acme.atlassian.net/rest/api/3/myself")\n'
        '\t})\n}\n'
    ))
    assert [(c.location.line, c.method, c.url) for c in found.calls] == [
        (5, "GET", "https://acme.atlassian.net/rest/api/3/myself")
    ]


# --------------------------------------------------------------------------- related

def test_a_call_names_the_literal_holding_its_host_as_related() -> None:
    found = scan("jira.go", (
        'package jira\nimport "net/http"\n\n'
        'const site = "https://acme.atlassian.net"\n\n'
        'func Me() { http.Get(site + "/rest/api/3/myself") }\n'
    ))
    (call,) = found.calls
    assert (call.location.line, call.method) == (6, "GET")
    assert [(r.line, r.column) for r in call.related] == [(4, 14)]


# --------------------------------------------------------------------------- environment

def test_constants_of_another_class_come_from_the_environment() -> None:
    java = (
        "package com.acme.jira;\n"
        "import static com.acme.jira.JiraConstants.API;\n"
        "import java.net.URI;\nimport java.net.http.HttpRequest;\n"
        "class Client {\n"
        "  HttpRequest get(String key) {\n"
        "    return HttpRequest.newBuilder(URI.create(API + \"/issue/\" + key)).build();\n"
        "  }\n"
        "  HttpRequest agile(String board) {\n"
        "    return HttpRequest.newBuilder(URI.create(JiraConstants.AGILE + \"/board/\" + board)).build();\n"
        "  }\n}\n"
    )
    source = SourceFile.from_text(java, "Client.java")
    extract = load("scopelint.scanning.languages.jvm")
    assert extract(source).calls == []  # alone, the base is unknown: nothing to report
    environment = MappingEnvironment({
        "com.acme.jira.JiraConstants.API": Export("constant", template="https://acme.atlassian.net/rest/api/3"),
        "com.acme.jira.JiraConstants.AGILE": Export("constant", template="/rest/agile/1.0"),
    })
    from scopelint.scanning.languages.jvm import extract as extract_jvm

    calls = extract_jvm(source, environment).calls
    assert [(c.location.line, c.method, c.url) for c in calls] == [
        (7, "GET", "https://acme.atlassian.net/rest/api/3/issue/{key}"),
        (10, "GET", "/rest/agile/1.0/board/{board}"),
    ]


# --------------------------------------------------------------------------- check and --fix

PROJECT = {
    ".scopelint.toml": (
        'scopes = ["read:jira-user", "read:jira-work"]\n\n'
        f'[sites]\n"acme.atlassian.net" = "{CLOUD_ID}"\n'
    ),
    "main.go": """\
        package main

        import "net/http"

        func main() {
            http.Get("https://acme.atlassian.net/rest/api/3/myself")
            http.Get("https://acme.atlassian.net/rest/api/3/serverInfo") // scopelint: ignore[SL001]
        }
        """,
    "Me.java": """\
        import org.apache.http.client.methods.HttpGet;

        class Me {
            static final String TOKEN = "TOKEN_HERE";
            HttpGet me() { return new HttpGet("https://acme.atlassian.net/rest/api/3/myself"); }
            /* scopelint: ignore[SL001] */ HttpGet info() {
                return new HttpGet("https://acme.atlassian.net/rest/api/3/serverInfo"); }
        }
        """.replace("TOKEN_HERE", TOKEN),
    "Me.kt": """\
        import okhttp3.Request

        fun me() = Request.Builder().url("https://acme.atlassian.net/rest/api/3/myself").build()
        """,
    "me.php": """\
        <?php
        $ch = curl_init('https://acme.atlassian.net/rest/api/3/myself');
        $ch2 = curl_init('https://acme.atlassian.net/rest/api/3/serverInfo'); # scopelint: ignore[SL001]
        """,
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write_tree(tmp_path, PROJECT)


def test_sl001_and_sl008_in_every_language_and_suppressions_in_each_comment_syntax(project: Path) -> None:
    found = {(f["code"], f["path"], f["line"]) for f in check_json(project, ".")}
    assert {f for f in found if f[0] == "SL001"} == {
        ("SL001", "main.go", 6), ("SL001", "Me.java", 5), ("SL001", "Me.kt", 3),
        ("SL001", "me.php", 2),
    }
    assert ("SL008", "Me.java", 4) in found
    assert not any(code == "SL002" for code, _path, _line in found)  # the scopes cover them


def test_fix_rewrites_site_urls_to_the_gateway_in_each_language(project: Path) -> None:
    result = scopelint(["check", "--fix", "--unsafe-fixes", "."], project)
    assert "Traceback" not in result.output
    gateway = f"https://api.atlassian.com/ex/jira/{CLOUD_ID}/rest/api/3/myself"
    for name in ("main.go", "Me.java", "Me.kt", "me.php"):
        text = (project / name).read_text(encoding="utf-8")
        assert gateway in text, name
        assert "https://acme.atlassian.net/rest/api/3/myself" not in text, name
    # a suppressed finding is not fixed
    assert "https://acme.atlassian.net/rest/api/3/serverInfo" in (project / "main.go").read_text()
    assert TOKEN not in result.output


# --------------------------------------------------------------------------- hostile files

ME = "https://acme.atlassian.net/rest/api/3/myself"
CALLS = {
    "main.go": f'package main\nimport "net/http"\nfunc main() {{ http.Get("{ME}") }}\n',
    "App.java": f'import kong.unirest.Unirest;\nclass App {{ void f() {{ Unirest.get("{ME}"); }} }}\n',
    "App.kt": f'import kong.unirest.Unirest\nfun f() = Unirest.get("{ME}")\n',
    "app.php": f"<?php\n$c = curl_init('{ME}');\n",
}
DEEP = {
    "main.go": "package main\nvar x = " + "(" * 5000 + "1" + ")" * 5000 + "\n",
    "App.java": "class A { int x = " + "(" * 5000 + "1" + ")" * 5000 + "; }\n",
    "App.kt": "val x = " + "(" * 5000 + "1" + ")" * 5000 + "\n",
    "app.php": "<?php\n$x = " + "(" * 5000 + "1" + ")" * 5000 + ";\n",
}
CONCAT = {
    "main.go": ("package main\nvar u = ", " + ", "\n"),
    "App.java": ("class A { String u = ", " + ", "; }\n"),
    "App.kt": ("val u = ", " + ", "\n"),
    "app.php": ("<?php\n$u = ", " . ", ";\n"),
}


@pytest.mark.parametrize("name", sorted(CALLS))
def test_deeply_nested_code_costs_nothing_but_its_own_analysis(name: str) -> None:
    found = scan(name, DEEP[name] + CALLS[name].split("\n", 1)[1] if name != "app.php" else DEEP[name])
    assert all("\n" not in w and name in w for w in found.warnings)


@pytest.mark.parametrize("name", sorted(CALLS))
def test_a_long_concatenation_is_read_in_bounded_time_and_the_calls_still_found(name: str) -> None:
    head, op, tail = CONCAT[name]
    text = head + op.join(['"/rest/api/3/x"'] * 20000) + tail
    body = CALLS[name] if name != "app.php" else CALLS[name].replace("<?php\n", "")
    found = scan(name, text + body)
    assert any(c.url == ME for c in found.calls)
    assert all("\n" not in w for w in found.warnings)


@pytest.mark.parametrize("name", sorted(CALLS))
def test_garbage_bad_encoding_and_a_byte_order_mark_never_raise(name: str) -> None:
    import random

    rng = random.Random(17)
    garbage = bytes(rng.randrange(256) for _ in range(20000)).decode("utf-8", errors="replace")
    cut = CALLS[name][: len(CALLS[name]) // 2]
    for text in (garbage, "\ufeff" + CALLS[name], CALLS[name] + "\udcff\ufffd{(\"", cut):
        found = scan(name, text)
        assert all("\n" not in w and name in w for w in found.warnings)
    assert scan(name, "\ufeff" + CALLS[name]).calls  # a BOM does not hide the call


def test_a_grammar_that_cannot_load_costs_only_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scopelint.scanning.core import treesitter

    monkeypatch.setitem(treesitter._GRAMMARS, "go", ("tree_sitter_go_missing", "language"))
    monkeypatch.delitem(treesitter._languages, "go", raising=False)
    monkeypatch.setattr(treesitter._local, "parsers", {}, raising=False)
    write_tree(tmp_path, {"main.go": CALLS["main.go"], "fetch.sh": "curl https://acme.atlassian.net/rest/api/3/myself\n"})
    result = scopelint(["check", "--format", "json", "."], tmp_path)
    assert result.exit_code == 1, result.output
    import json

    findings = json.loads(result.stdout)["findings"]
    assert {(f["code"], f["path"]) for f in findings} >= {("SL001", "main.go"), ("SL001", "fetch.sh")}
    warnings = [line for line in result.stderr.splitlines() if "main.go" in line]
    assert warnings and all("could not parse Go" in line for line in warnings), result.stderr


@pytest.mark.parametrize(("name", "text"), [
    ("D.java", """\
import java.net.URI;
import java.net.http.*;

class D {
    void drop(HttpClient client) throws Exception {
        HttpRequest request = HttpRequest.newBuilder()
            .uri(URI.create("https://api.atlassian.com/ex/jira/abc/rest/api/3/issue/K-1")).DELETE().build();
        client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
"""),
    ("D.kt", """\
import java.net.URI
import java.net.http.*

fun drop(client: HttpClient) {
    val request = HttpRequest.newBuilder()
        .uri(URI.create("https://api.atlassian.com/ex/jira/abc/rest/api/3/issue/K-1")).DELETE().build()
    client.send(request, HttpResponse.BodyHandlers.ofString())
}
"""),
])
def test_a_client_class_brought_in_by_a_wildcard_import_is_recognised(name: str, text: str) -> None:
    """`import java.net.http.*;` then `HttpRequest.newBuilder()...DELETE()`: the method is the
    builder's verb, not unknown (a token without a delete scope must not pass)."""
    (call,) = scan(name, text).calls
    assert (call.method, call.url) == ("DELETE", "https://api.atlassian.com/ex/jira/abc/rest/api/3/issue/K-1")
