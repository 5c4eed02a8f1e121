"""The shell extractor: curl/wget/HTTPie in scripts, Makefile recipes and Dockerfiles."""

from __future__ import annotations

from pathlib import PurePosixPath

import pytest

from scopelint.model import CallSite
from scopelint.scanning.languages.shell import extract
from scopelint.scanning.registry import load, specs_for
from scopelint.scanning.source import SourceFile

SITE = "https://acme.atlassian.net"
ISSUE = f"{SITE}/rest/api/3/issue/PPT-28"


def scan(text: str, name: str = "script.sh") -> list[CallSite]:
    result = extract(SourceFile.from_text(text, name))
    assert result.warnings == []
    return result.calls


def only(text: str, name: str = "script.sh") -> CallSite:
    calls = scan(text, name)
    assert len(calls) == 1, calls
    return calls[0]


def test_forum_case_is_a_get_of_the_site_url_on_line_one() -> None:
    text = (
        f"curl --location '{ISSUE}' "
        "--header 'Authorization: Basic dXNlcjp0b2tlbg=='\n"
    )
    call = only(text)
    assert (call.method, call.url, call.kind, call.extractor) == ("GET", ISSUE, "call", "shell")
    assert (call.location.line, call.location.column) == (1, 18)  # just past the quote
    assert call.location.path == "script.sh"


@pytest.mark.parametrize(
    ("arguments", "method"),
    [
        (f"{ISSUE}", "GET"),
        (f"-sSL {ISSUE}", "GET"),
        (f"-d '{{}}' {ISSUE}", "POST"),
        (f"--data '{{}}' {ISSUE}", "POST"),
        (f"--data-raw '{{}}' {ISSUE}", "POST"),
        (f"--data-binary @body.json {ISSUE}", "POST"),
        (f"--data-urlencode a=b {ISSUE}", "POST"),
        (f"--json '{{}}' {ISSUE}", "POST"),
        (f"-F file=@a.png {ISSUE}", "POST"),
        (f"--form file=@a.png {ISSUE}", "POST"),
        (f"-sd '{{}}' {ISSUE}", "POST"),
        (f"-X PUT -d '{{}}' {ISSUE}", "PUT"),
        (f"-d '{{}}' --request put {ISSUE}", "PUT"),
        (f"-XDELETE {ISSUE}", "DELETE"),
        (f"-sX PATCH {ISSUE}", "PATCH"),
        (f"--request=DELETE {ISSUE}", "DELETE"),
        (f"-G -d jql=project=PPT {ISSUE}", "GET"),
        (f"--get --data-urlencode jql=x {ISSUE}", "GET"),
        (f"-I {ISSUE}", "HEAD"),
        (f"--head {ISSUE}", "HEAD"),
        (f"-T attachment.txt {ISSUE}", "PUT"),
        (f"--upload-file attachment.txt {ISSUE}", "PUT"),
        (f'-X "$METHOD" {ISSUE}', None),
    ],
)
def test_curl_method_rules(arguments: str, method: str | None) -> None:
    call = only(f"curl {arguments}\n")
    assert call.url == ISSUE
    assert call.method == method


def test_option_arguments_are_not_taken_for_urls() -> None:
    other = f"{SITE}/rest/api/3/other"
    text = (
        f"curl -H 'Referer: {other}' -o {other} -u me:{other} -e {other} "
        f"--header 'X: {other}' -A {other} -d '{{\"self\": \"{other}\"}}' {ISSUE}\n"
    )
    call = only(text)
    assert call.url == ISSUE
    assert call.method == "POST"


def test_url_option_and_several_urls() -> None:
    calls = scan(f"curl --url {ISSUE} {SITE}/rest/api/3/myself --url={SITE}/wiki/api/v2/pages\n")
    assert [c.url for c in calls] == [
        ISSUE,
        f"{SITE}/rest/api/3/myself",
        f"{SITE}/wiki/api/v2/pages",
    ]
    assert calls[2].location.column == len("curl --url ") + len(ISSUE) + len(
        f" {SITE}/rest/api/3/myself --url="
    ) + 1


def test_continuation_lines_keep_the_file_line_of_the_url() -> None:
    text = (
        "#!/bin/sh\n"
        "set -eu\n"
        "curl -sS \\\n"
        "  -u \"$EMAIL:$TOKEN\" \\\n"
        "  -X POST \\\n"
        "  -H 'Content-Type: application/json' \\\n"
        "  \"${JIRA_BASE}/rest/api/3/issue/${KEY}/comment\" \\\n"
        "  -d @comment.json\n"
    )
    call = only(text)
    assert call.url == "{JIRA_BASE}/rest/api/3/issue/{KEY}/comment"
    assert call.method == "POST"
    assert (call.location.line, call.location.column) == (7, 4)


def test_placeholders_are_normalised() -> None:
    text = 'curl "$BASE/rest/api/3/issue/$(jq -r .key issue.json)/transitions"\n'
    assert only(text).url == "{BASE}/rest/api/3/issue/{}/transitions"


def test_several_commands_per_line() -> None:
    text = (
        f"test -n \"$T\" && curl -s {SITE}/rest/api/3/myself | jq .; "
        f"wget -qO- {SITE}/rest/api/3/project; "
        f"KEY=$(curl -X POST -d @i.json {SITE}/rest/api/3/issue | jq -r .key)\n"
    )
    calls = scan(text)
    assert [(c.method, c.url.rsplit("/", 1)[-1]) for c in calls] == [
        ("GET", "myself"),
        ("GET", "project"),
        ("POST", "issue"),
    ]
    assert all(c.location.line == 1 for c in calls)
    assert text[calls[2].location.column - 1:].startswith(f"{SITE}/rest/api/3/issue")


def test_only_atlassian_api_urls_count() -> None:
    text = (
        "curl https://example.com/health\n"
        f"curl {SITE}/browse/PPT-1\n"
        "curl https://api.atlassian.com/oauth/token -d grant_type=x\n"
    )
    assert scan(text) == []


def test_base_urls_are_marked_as_such() -> None:
    text = (
        f'JIRA_BASE="{SITE}"\n'
        "export GATEWAY=https://api.atlassian.com/ex/jira/$CLOUD_ID\n"
        f"curl -I {SITE}\n"
    )
    calls = scan(text)
    assert [(c.kind, c.method, c.location.line) for c in calls] == [
        ("base-url", None, 1),
        ("base-url", None, 2),
        ("base-url", "HEAD", 3),
    ]
    assert calls[1].url == "https://api.atlassian.com/ex/jira/{CLOUD_ID}"


def test_wget_methods() -> None:
    text = (
        f"wget -q -O out.json --header 'Authorization: Bearer x' {ISSUE}\n"
        f"wget --post-data '{{}}' {SITE}/rest/api/3/issue\n"
        f"wget --method=PUT --body-file=a.json {ISSUE}\n"
    )
    assert [(c.method, c.location.line) for c in scan(text)] == [
        ("GET", 1),
        ("POST", 2),
        ("PUT", 3),
    ]


@pytest.mark.parametrize(
    ("command", "method", "url"),
    [
        (f"http PUT {ISSUE} summary=Hello", "PUT", ISSUE),
        (f"http {ISSUE}", "GET", ISSUE),
        (f"http {ISSUE} Accept:application/json expand==names", "GET", ISSUE),
        (f"http --auth me:tok {ISSUE} fields:='{{}}'", "POST", ISSUE),
        (f"http -a me:tok {ISSUE} summary=x", "POST", ISSUE),
        (f"http --form {ISSUE} file@a.png", "POST", ISSUE),
        ("https acme.atlassian.net/rest/api/3/myself", "GET", f"{SITE}/rest/api/3/myself"),
        (f"http delete {ISSUE}", "DELETE", ISSUE),
    ],
)
def test_httpie(command: str, method: str, url: str) -> None:
    call = only(command + "\n")
    assert (call.method, call.url) == (method, url)


def test_wrappers_and_paths_to_curl() -> None:
    text = f"sudo -u deploy env A=1 /usr/bin/curl -X DELETE {ISSUE}\ntimeout 30 curl {ISSUE}\n"
    assert [c.method for c in scan(text)] == ["DELETE", "GET"]


def test_non_ascii_text_before_the_url_counts_characters() -> None:
    call = only(f"echo 'héllo wörld' && curl {ISSUE}\n")
    assert call.location.column == len("echo 'héllo wörld' && curl ") + 1


def test_broken_shell_does_not_raise() -> None:
    result = extract(SourceFile.from_text(f'curl "{ISSUE}\nif then fi )) ((\n', "x.sh"))
    assert isinstance(result.calls, list)


def test_makefile_recipe() -> None:
    text = (
        "JIRA ?= https://acme.atlassian.net\n"
        "API = $(JIRA)/rest/api/3\n"
        "\n"
        ".PHONY: sync\n"
        "sync: deps\n"
        "\t@echo syncing\n"
        "\t-curl -fsS -X PUT \\\n"
        "\t  \"$(JIRA)/rest/api/3/issue/$${KEY}\" \\\n"
        "\t  -d @issue.json\n"
        "\t$(MAKE) other && curl ${API}/myself\n"
        "ping: ; curl $(JIRA)/rest/api/3/serverInfo\n"
    )
    calls = scan(text, "Makefile")
    assert [(c.method, c.url, c.kind, c.location.line, c.location.column) for c in calls] == [
        (None, "https://acme.atlassian.net", "base-url", 1, 9),
        ("PUT", "{JIRA}/rest/api/3/issue/{KEY}", "call", 8, 5),
        ("GET", "{JIRA}/rest/api/3/serverInfo", "call", 11, 14),
    ]


def test_make_functions_become_unknown_placeholders() -> None:
    text = "x:\n\tcurl $(shell cat base.txt)/rest/api/3/myself\n"
    call = only(text, "tools.mk")
    assert call.url == "{}/rest/api/3/myself"
    assert (call.location.line, call.location.column) == (2, 7)


def test_dockerfile_run_with_continuation_and_comment() -> None:
    text = (
        "FROM alpine:3\n"
        "ENV JIRA_URL=https://acme.atlassian.net\n"
        "RUN apk add --no-cache curl && \\\n"
        "    # check the token works\n"
        "    curl -fsS \\\n"
        "      -X POST \\\n"
        "      \"$JIRA_URL/rest/api/3/issue\" -d @i.json\n"
        'RUN ["curl", "-I", "https://acme.atlassian.net/rest/api/3/myself"]\n'
        "run --mount=type=secret,id=t curl https://acme.atlassian.net/wiki/api/v2/pages\n"
    )
    calls = scan(text, "Dockerfile")
    assert [(c.method, c.url, c.location.line, c.location.column) for c in calls] == [
        (None, "https://acme.atlassian.net", 2, 14),
        ("POST", "{JIRA_URL}/rest/api/3/issue", 7, 8),
        ("HEAD", "https://acme.atlassian.net/rest/api/3/myself", 8, 21),
        ("GET", "https://acme.atlassian.net/wiki/api/v2/pages", 9, 35),
    ]


def test_dockerfile_heredoc() -> None:
    text = "FROM alpine\nRUN <<EOF\nset -e\ncurl -X DELETE https://acme.atlassian.net/rest/api/3/issue/A-1\nEOF\n"
    call = only(text, "build.Dockerfile")
    assert (call.method, call.location.line, call.location.column) == ("DELETE", 4, 16)


@pytest.mark.parametrize("name", ["deploy.sh", "Makefile", "rules.mk", "Dockerfile", "Dockerfile.ci"])
def test_registry_sends_these_files_to_the_shell_extractor(name: str) -> None:
    specs = specs_for(PurePosixPath(name))
    assert [spec.name for spec in specs] == ["shell"]
    extract_fn = load(specs[0].module)
    assert extract_fn(SourceFile.from_text(f"RUN curl {ISSUE}\n\tcurl {ISSUE}\n", name)).calls


def test_here_documents_fed_to_a_shell_are_scanned() -> None:
    text = (
        "ssh deploy@host <<EOF\n"
        f"curl -X POST {SITE}/rest/api/3/issue -d @i.json\n"
        "EOF\n"
        "cat > payload.txt <<EOF\n"
        f"curl {SITE}/rest/api/3/not-run-here\n"
        "EOF\n"
    )
    call = only(text)
    assert (call.method, call.url) == ("POST", f"{SITE}/rest/api/3/issue")
    assert (call.location.line, call.location.column) == (2, 14)
