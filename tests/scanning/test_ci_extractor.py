"""The CI extractor: shell blocks of GitHub Actions, GitLab CI and Bitbucket Pipelines."""

from __future__ import annotations

from pathlib import PurePosixPath

from scopelint.model import CallSite, FileScan
from scopelint.scanning.formats.ci_yaml import extract
from scopelint.scanning.registry import specs_for
from scopelint.scanning.source import SourceFile

SITE = "https://acme.atlassian.net"


def run(text: str, name: str = ".github/workflows/sync.yml") -> FileScan:
    return extract(SourceFile.from_text(text, name))


def calls(text: str, name: str = ".github/workflows/sync.yml") -> list[CallSite]:
    result = run(text, name)
    assert result.warnings == []
    return result.calls


def summary(found: list[CallSite]) -> list[tuple[str | None, str, str, int, int]]:
    return [(c.method, c.url, c.kind, c.location.line, c.location.column) for c in found]


GITHUB_WORKFLOW = """\
name: sync
on: push
env:
  JIRA_BASE: https://acme.atlassian.net
jobs:
  sync:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Create an issue
        run: |
          echo "creating"
          curl -sS -X POST \\
            -H "Content-Type: application/json" \\
            "${{ env.JIRA_BASE }}/rest/api/3/issue" \\
            -d @issue.json

          curl https://acme.atlassian.net/rest/api/3/myself
      - run: curl -I https://api.atlassian.com/ex/jira/${{ secrets.CLOUD_ID }}/rest/api/3/myself
      - shell: python
        run: |
          print("curl https://acme.atlassian.net/rest/api/3/myself")
"""


def test_github_workflow_run_block_points_at_the_file_lines() -> None:
    assert summary(calls(GITHUB_WORKFLOW)) == [
        (None, SITE, "base-url", 4, 14),
        ("POST", "{JIRA_BASE}/rest/api/3/issue", "call", 15, 14),
        ("GET", f"{SITE}/rest/api/3/myself", "call", 18, 16),
        ("HEAD", "https://api.atlassian.com/ex/jira/{CLOUD_ID}/rest/api/3/myself", "call", 19, 22),
    ]
    assert {c.extractor for c in calls(GITHUB_WORKFLOW)} == {"ci"}


def test_github_composite_action() -> None:
    text = """\
name: notify
runs:
  using: composite
  steps:
    - shell: bash
      run: >-
        curl --request PUT
        "$JIRA/rest/api/3/issue/$KEY/assignee"
        --data '{"accountId": null}'
"""
    assert summary(calls(text, ".github/actions/notify/action.yml")) == [
        ("PUT", "{JIRA}/rest/api/3/issue/{KEY}/assignee", "call", 8, 10),
    ]


def test_gitlab_scripts_as_lists_and_strings() -> None:
    text = """\
variables:
  JIRA_URL: "https://acme.atlassian.net"
default:
  before_script: curl -s https://acme.atlassian.net/rest/api/3/serverInfo
sync:
  stage: deploy
  script:
    - echo start
    - curl -X PUT "$JIRA_URL/rest/api/3/issue/$KEY" -d '{}'
    - - wget https://acme.atlassian.net/rest/api/3/project
  after_script:
    - |
      http DELETE $JIRA_URL/rest/api/3/issue/$KEY
"""
    assert summary(calls(text, ".gitlab-ci.yml")) == [
        (None, SITE, "base-url", 2, 14),
        ("GET", f"{SITE}/rest/api/3/serverInfo", "call", 4, 26),
        ("PUT", "{JIRA_URL}/rest/api/3/issue/{KEY}", "call", 9, 20),
        ("GET", f"{SITE}/rest/api/3/project", "call", 10, 14),
        ("DELETE", "{JIRA_URL}/rest/api/3/issue/{KEY}", "call", 13, 19),
    ]


def test_bitbucket_pipelines() -> None:
    text = """\
pipelines:
  branches:
    main:
      - step:
          name: transition
          script:
            - pipe: atlassian/jira-transition:0.3.0
              variables:
                JIRA_BASE_URL: https://acme.atlassian.net
            - curl -u "$U:$T" "https://acme.atlassian.net/rest/api/3/search?jql=x"
"""
    assert summary(calls(text, "bitbucket-pipelines.yml")) == [
        (None, SITE, "base-url", 9, 32),
        ("GET", f"{SITE}/rest/api/3/search?jql=x", "call", 10, 32),
    ]


def test_invalid_yaml_gives_one_warning_and_no_calls() -> None:
    result = run("jobs:\n  a: b: c\n", ".gitlab-ci.yml")
    assert result.calls == []
    assert len(result.warnings) == 1
    warning = result.warnings[0]
    assert warning.startswith(".gitlab-ci.yml: invalid YAML (")
    assert "line 2" in warning
    assert warning.endswith("); only text-level checks ran")


def test_alias_bomb_is_walked_once_per_node() -> None:
    text = "a: &a [curl https://acme.atlassian.net/rest/api/3/myself, x, x, x, x, x, x, x, x]\n"
    previous = "a"
    for level in range(1, 15):  # 9**15 entries if every alias were expanded
        text += f"b{level}: &b{level} [" + ", ".join([f"*{previous}"] * 9) + "]\n"
        previous = f"b{level}"
    result = run(text, ".gitlab-ci.yml")
    assert result.warnings == []
    assert result.calls == []  # the list is not under a script key


def test_text_without_atlassian_urls_is_quiet() -> None:
    text = "jobs:\n  build:\n    steps:\n      - run: make test\n"
    assert calls(text) == []


def test_registry_routes_ci_files_here() -> None:
    for name in (".github/workflows/a.yml", ".gitlab-ci.yml", "bitbucket-pipelines.yml"):
        assert "ci" in [spec.name for spec in specs_for(PurePosixPath(name))]
