"""Shell functions that forward their arguments to curl/wget/HTTPie: each call of the
function is the request, reported where the function is called."""

from __future__ import annotations

from scopelint.model import CallSite
from scopelint.scanning.formats.ci_yaml import extract as extract_ci
from scopelint.scanning.languages.shell import extract
from scopelint.scanning.source import SourceFile

API = """\
api() {
  curl -fsS -u "$JIRA_USER:$JIRA_API_TOKEN" -H 'Accept: application/json' "$@"
}
"""


def scan(text: str, name: str = "release.sh") -> list[CallSite]:
    result = extract(SourceFile.from_text(text, name))
    assert result.warnings == []
    return result.calls


def summary(calls: list[CallSite]) -> list[tuple[str | None, str, int, int]]:
    return [(c.method, c.url, c.location.line, c.location.column) for c in calls]


def test_a_call_of_a_curl_wrapper_is_the_request_at_the_call() -> None:
    text = API + (
        'project_id=$(api "$JIRA_BASE_URL/rest/api/3/project/$PROJECT" | jq -r .id)\n'
        'api -X POST "$JIRA_BASE_URL/rest/api/3/version" \\\n'
        '  -d "{\\"name\\":\\"$VERSION\\"}"\n'
        'api "$JIRA_BASE_URL/rest/api/3/issue/$KEY/comment" -d @comment.json\n'
        'api --request DELETE "$JIRA_BASE_URL/rest/api/3/issue/$KEY"\n'
    )
    calls = scan(text)
    assert summary(calls) == [
        ("GET", "{JIRA_BASE_URL}/rest/api/3/project/{PROJECT}", 4, 19),
        ("POST", "{JIRA_BASE_URL}/rest/api/3/version", 5, 14),
        ("POST", "{JIRA_BASE_URL}/rest/api/3/issue/{KEY}/comment", 7, 6),  # -d: POST
        ("DELETE", "{JIRA_BASE_URL}/rest/api/3/issue/{KEY}", 8, 23),
    ]
    # the curl line in the body is where the request is sent from
    assert {(r.line, r.column) for c in calls for r in c.related} == {(2, 3)}
    assert {c.via for c in calls} == {"curl"}
    assert all(c.resolved for c in calls)


def test_function_keyword_syntax_and_a_subshell_body() -> None:
    text = (
        "function jira {\n"
        '  curl -sS -H "Authorization: Bearer $TOKEN" "$@"\n'
        "}\n"
        'conf() ( wget -qO- --header "Authorization: Bearer $TOKEN" "$@" )\n'
        'jira "https://api.atlassian.com/ex/jira/$CLOUD_ID/rest/api/3/myself"\n'
        'conf --method=DELETE "https://api.atlassian.com/ex/confluence/$CLOUD_ID/wiki/api/v2/pages/$ID"\n'
    )
    assert [(c.method, c.url, c.location.line, c.via) for c in scan(text)] == [
        ("GET", "https://api.atlassian.com/ex/jira/{CLOUD_ID}/rest/api/3/myself", 5, "curl"),
        ("DELETE", "https://api.atlassian.com/ex/confluence/{CLOUD_ID}/wiki/api/v2/pages/{ID}",
         6, "wget"),
    ]


def test_method_and_path_parameters_through_locals_and_shift() -> None:
    text = (
        "jira_api() {\n"
        '  local method="$1" path="$2"\n'
        "  shift 2\n"
        '  curl -sS -X "$method" -H "Authorization: Bearer $JIRA_TOKEN" \\\n'
        '    "https://api.atlassian.com/ex/jira/$CLOUD_ID$path" "$@"\n'
        "}\n"
        'transitions=$(jira_api GET "/rest/api/3/issue/$KEY/transitions")\n'
        'jira_api POST "/rest/api/3/issue/$KEY/transitions" -d "{}"\n'
        "jira_api PUT \"/rest/api/3/issue/$KEY/assignee\" -d '{\"accountId\": null}'\n"
    )
    gateway = "https://api.atlassian.com/ex/jira/{CLOUD_ID}/rest/api/3/issue/{KEY}"
    assert summary(scan(text)) == [
        ("GET", f"{gateway}/transitions", 7, 29),  # at the path the caller wrote
        ("POST", f"{gateway}/transitions", 8, 16),
        ("PUT", f"{gateway}/assignee", 9, 15),
    ]


def test_positional_default_and_a_method_fixed_in_the_body() -> None:
    text = (
        "get() {\n"
        '  local m="${2:-GET}"\n'
        '  curl -X "$m" "https://acme.atlassian.net/rest/api/3$1"\n'
        "}\n"
        'post() { curl -X POST --json "$2" "https://acme.atlassian.net/rest/api/3$1"; }\n'
        "get /myself\n"
        "get /issue/KEY-1 DELETE\n"
        "post /issue '{}'\n"
    )
    assert [(c.method, c.url, c.location.line) for c in scan(text)] == [
        ("GET", "https://acme.atlassian.net/rest/api/3/myself", 6),
        ("DELETE", "https://acme.atlassian.net/rest/api/3/issue/KEY-1", 7),
        ("POST", "https://acme.atlassian.net/rest/api/3/issue", 8),
    ]


def test_a_wrapper_calling_a_wrapper() -> None:
    text = API + (
        'jira_get() { api "$JIRA_BASE_URL/rest/api/3$1"; }\n'
        'jira_delete() { api -X DELETE "$JIRA_BASE_URL/rest/api/3$1"; }\n'
        "jira_get /myself\n"
        'jira_delete "/issue/$KEY"\n'
    )
    calls = scan(text)
    assert summary(calls) == [
        ("GET", "{JIRA_BASE_URL}/rest/api/3/myself", 6, 10),
        ("DELETE", "{JIRA_BASE_URL}/rest/api/3/issue/{KEY}", 7, 14),
    ]
    # the curl line, then the line of the wrapper the call went through
    assert [(r.line, r.column) for r in calls[1].related] == [(2, 3), (5, 17)]


def test_a_url_written_in_the_body_is_reported_at_the_call() -> None:
    text = (
        "myself() {\n"
        '  curl -fsS -u "$U:$T" "https://acme.atlassian.net/rest/api/3/myself" "$@"\n'
        "}\n"
        "myself -o me.json\n"
    )
    call, = scan(text)
    assert (call.method, call.location.line, call.location.column) == ("GET", 4, 1)
    assert [(r.line, r.column) for r in call.related] == [(2, 3)]


def test_a_wrapper_nobody_calls_keeps_its_body_request() -> None:
    text = (
        "myself() {\n"
        '  curl -fsS -u "$U:$T" "https://acme.atlassian.net/rest/api/3/myself" "$@"\n'
        "}\n"
    )
    assert summary(scan(text)) == [("GET", "https://acme.atlassian.net/rest/api/3/myself", 2, 25)]


def test_forwarding_to_something_else_or_to_another_service_is_not_a_call() -> None:
    text = API + (
        'log() { echo "[$(date)] $*" >&2; }\n'
        'log "$JIRA_BASE_URL/rest/api/3/version created"\n'
        'log "$JIRA_BASE_URL/rest/api/3/myself"\n'
        'api "https://hooks.slack.com/services/T000/B000/XXXX" -d @message.json\n'
        "api --version\n"
    )
    assert scan(text) == []


def test_a_wrapper_in_a_ci_run_block_points_at_the_workflow_lines() -> None:
    text = (
        "jobs:\n"
        "  release:\n"
        "    runs-on: ubuntu-latest\n"
        "    steps:\n"
        "      - run: |\n"
        '          api() { curl -fsS -u "$JIRA_USER:$JIRA_API_TOKEN" "$@"; }\n'
        '          api -X PUT "$JIRA_BASE_URL/rest/api/3/version/$VERSION_ID" -d @v.json\n'
    )
    scan_ = extract_ci(SourceFile.from_text(text, ".github/workflows/release.yml"))
    call, = scan_.calls
    assert (call.method, call.url) == ("PUT", "{JIRA_BASE_URL}/rest/api/3/version/{VERSION_ID}")
    assert (call.location.line, call.location.column) == (7, 23)
    assert [(r.line, r.column) for r in call.related] == [(6, 19)]


def test_a_function_running_its_arguments_and_a_required_parameter() -> None:
    text = (
        'retry() { until "$@"; do sleep 2; done; }\n'
        "jira() {\n"
        "  local method=${1:?usage: jira METHOD PATH}; shift\n"
        '  curl -X "$method" "https://acme.atlassian.net/rest/api/3$1"\n'
        "}\n"
        "retry curl -fsS https://acme.atlassian.net/rest/api/3/serverInfo\n"
        "retry jira DELETE /issue/KEY-1\n"
    )
    calls = scan(text)
    assert [(c.method, c.url, c.location.line) for c in calls] == [
        ("GET", "https://acme.atlassian.net/rest/api/3/serverInfo", 6),
        ("DELETE", "https://acme.atlassian.net/rest/api/3/issue/KEY-1", 7),
    ]
    assert [r.line for r in calls[1].related] == [4, 1]


def test_a_site_variable_given_to_a_wrapper_keeps_where_the_site_is_written() -> None:
    text = (
        'SITE="https://acme.atlassian.net"\n'
        'api() { curl -fsS -u "$U:$T" "$@"; }\n'
        'api "$SITE/rest/api/3/myself"\n'
    )
    calls = [c for c in scan(text) if c.kind == "call"]
    assert [(c.method, c.url, c.location.line) for c in calls] == [
        ("GET", "https://acme.atlassian.net/rest/api/3/myself", 3),
    ]
    # the site's literal first (where SL001 reports it), then the curl line
    assert [(r.line, r.column) for r in calls[0].related] == [(1, 7), (2, 9)]
