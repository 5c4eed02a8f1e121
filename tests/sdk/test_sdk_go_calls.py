"""go-jira calls in Go code, recognised from SDK tables built by the test from a fake module in
go-jira's shape (tests/sdk/go_module.py): no shipped go-jira table, no network."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from go_module import V2_VERSION, build_tables, fake_proxy, use_tables

from scopelint.model import CallSite
from scopelint.scanning.discovery import DiscoveredFile
from scopelint.scanning.scan import scan_file

V1_CODE = """\
package main

import (
	"context"
	"fmt"

	jira "github.com/andygrunwald/go-jira"
)

func main() {
	tp := jira.BasicAuthTransport{Username: "bot@example.com", Password: "x"}
	client, err := jira.NewClient(tp.Client(), "https://acme.atlassian.net")
	if err != nil {
		panic(err)
	}
	issue, _, _ := client.Issue.Get("K-1", nil)
	ctx := context.Background()
	_, _, _ = client.Issue.GetWithContext(ctx, "K-1", nil)
	_, _, _ = client.Issue.AddComment(issue.Key, &jira.Comment{Body: "done"})
	_, _ = client.Issue.DoTransitionWithContext(ctx, "K-1", "31")
	client.Issue.NotInTheTable("K-1")
	fmt.Println(client.GetBaseURL())
}
"""


@pytest.fixture
def tables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    code, out = build_tables(tmp_path, fake_proxy(tmp_path / "proxy"), monkeypatch)
    assert code == 0
    use_tables(out, monkeypatch)
    return out


def _scan(folder: Path, name: str, text: str) -> list[CallSite]:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    scan = scan_file(DiscoveredFile(path, name, explicit=False))
    assert not [w for w in scan.warnings if "could not" in w], scan.warnings
    return scan.calls


def _calls(found: list[CallSite]) -> list[tuple[int, str | None, str, str | None]]:
    return [(c.location.line, c.method, c.url, c.via) for c in found if c.kind == "call"]


def test_v1_client_constructed_then_used(tables: Path, tmp_path: Path) -> None:
    project = tmp_path / "cli"
    project.mkdir()
    (project / "go.mod").write_text(
        "module example.com/cli\n\ngo 1.21\n\nrequire (\n\tgithub.com/andygrunwald/go-jira v1.16.0\n"
        "\tgithub.com/go-resty/resty/v2 v2.11.0 // indirect\n)\n",
        encoding="utf-8",
    )
    found = _scan(project, "main.go", V1_CODE)
    get = "/rest/api/2/issue/{issueIdOrKey}"
    assert _calls(found) == [
        (16, "GET", get, "go-jira Client.Issue.Get"),
        (18, "GET", get, "go-jira Client.Issue.GetWithContext"),
        (19, "POST", get + "/comment", "go-jira Client.Issue.AddComment"),
        (20, "GET", get + "/transitions", "go-jira Client.Issue.DoTransitionWithContext"),
        (20, "POST", get + "/transitions", "go-jira Client.Issue.DoTransitionWithContext"),
        # a method of a known group the table lacks: listed, never dropped
        (21, None, "{}", "go-jira Client.Issue.NotInTheTable"),
    ]
    by_line = {(c.location.line, c.method): c for c in found if c.kind == "call"}
    use = by_line[(16, "GET")].sdk
    assert use is not None and (use.name, use.version, use.assumed) == ("go-jira", "1.16.0", False)
    implicit = by_line[(20, "GET")].sdk
    assert implicit is not None and "GetTransitionsWithContext" in (implicit.implicit or "")
    unresolved = by_line[(21, None)]
    assert not unresolved.resolved and unresolved.sdk is not None and unresolved.sdk.reason
    # the site given to NewClient is a base-url site at its literal (SL001 fires there)
    (site,) = [c for c in found if c.kind == "base-url"]
    assert (site.location.line, site.url, site.via) == (12, "https://acme.atlassian.net", "go-jira Client")
    assert site.sdk is not None and site.sdk.product == "jira"


def test_alias_typed_parameter_and_struct_field(tables: Path, tmp_path: Path) -> None:
    code = """\
package bot

import gojira "github.com/andygrunwald/go-jira"

const site = "https://acme.atlassian.net"

type Bot struct {
	jira *gojira.Client
}

func New() *Bot {
	c, _ := gojira.NewClient(nil, site)
	return &Bot{jira: c}
}

func (b *Bot) Run() {
	b.jira.Issue.Search("project = K", nil)
}

func Projects(c *gojira.Client) {
	c.Project.GetList()
}
"""
    found = _scan(tmp_path, "bot/bot.go", code)
    assert _calls(found) == [
        (17, "GET", "/rest/api/2/search", "go-jira Client.Issue.Search"),
        (21, "GET", "/rest/api/2/project", "go-jira Client.Project.GetList"),
    ]
    # no go.mod names go-jira: the v1 table (the import path's), version assumed
    use = found[-1].sdk
    assert use is not None and use.assumed and use.table == "1.16.0"
    assert [(c.location.line, c.kind) for c in found if c.kind == "base-url"] == [(5, "base-url")]


def test_client_from_a_helper_a_package_var_and_the_raw_escape_hatch(
    tables: Path, tmp_path: Path
) -> None:
    code = """\
package ops

import (
	"context"
	"net/http"
	"os"

	jira "github.com/andygrunwald/go-jira"
)

var shared *jira.Client

func init() {
	shared, _ = jira.NewClient(http.DefaultClient, os.Getenv("JIRA_URL"))
}

func newClient() (*jira.Client, error) {
	return jira.NewClient(http.DefaultClient, os.Getenv("JIRA_URL"))
}

func Run(ctx context.Context) {
	c, _ := newClient()
	c.Project.GetList()
	req, _ := shared.NewRequest("GET", "rest/api/2/myself", nil)
	_, _ = shared.Do(req, nil)
	put, _ := shared.NewRequestWithContext(ctx, http.MethodPut, "/rest/api/2/issue/K-1", nil)
	_, _ = shared.Do(put, nil)
}
"""
    found = _scan(tmp_path, "ops.go", code)
    assert _calls(found) == [
        (23, "GET", "/rest/api/2/project", "go-jira Client.Project.GetList"),
        (24, "GET", "/rest/api/2/myself", "go-jira Client.NewRequest"),
        (26, "PUT", "/rest/api/2/issue/K-1", "go-jira Client.NewRequestWithContext"),
    ]
    # the site comes from the environment: nothing to report at the constructors
    assert [c for c in found if c.kind == "base-url"] == []


def test_v2_cloud_import_path_picks_the_v2_table(tables: Path, tmp_path: Path) -> None:
    project = tmp_path / "svc"
    project.mkdir()
    (project / "go.mod").write_text(
        f"module example.com/svc\n\nrequire github.com/andygrunwald/go-jira/v2 {V2_VERSION}\n",
        encoding="utf-8",
    )
    code = """\
package svc

import (
	"context"
	"net/http"

	jira "github.com/andygrunwald/go-jira/v2/cloud"
)

func Clean(ctx context.Context) {
	client, _ := jira.NewClient("https://acme.atlassian.net", http.DefaultClient)
	client.Issue.Delete(ctx, "K-1")
	client.Project.GetAll(ctx, nil)
}
"""
    found = _scan(project, "clean.go", code)
    assert _calls(found) == [
        (12, "DELETE", "/rest/api/2/issue/{issueIdOrKey}", "go-jira Client.Issue.Delete"),
        (13, "GET", "/rest/api/3/project", "go-jira Client.Project.GetAll"),
    ]
    use = found[-1].sdk
    assert use is not None and not use.assumed and use.table == V2_VERSION[1:]
    (site,) = [c for c in found if c.kind == "base-url"]
    assert site.location.line == 11  # NewClient(baseURL, httpClient): the first argument


def test_other_packages_and_plain_structs_are_not_the_sdk(tables: Path, tmp_path: Path) -> None:
    code = """\
package other

import jira "example.com/internal/jira"

type Client struct{ Issue *jira.IssueService }

func Run(c *Client) {
	c.Issue.Get("K-1", nil)
	client, _ := jira.NewClient(nil, "https://example.com")
	client.Issue.Get("K-1", nil)
}
"""
    assert _scan(tmp_path, "other.go", code) == []


def test_check_reports_sl001_and_the_removed_search(tables: Path, tmp_path: Path) -> None:
    """The whole pipeline: SL001 on the site given to NewClient, SL004 on Issue.Search
    (GET /rest/api/2/search was removed) when the knowledge base is there."""
    from contextlib import chdir

    from click.testing import CliRunner

    from scopelint.cli.main import cli

    project = tmp_path / "job"
    project.mkdir()
    (project / "job.go").write_text(
        'package job\n\nimport jira "github.com/andygrunwald/go-jira"\n\nfunc Run() {\n'
        '\tclient, _ := jira.NewClient(nil, "https://acme.atlassian.net")\n'
        '\tclient.Issue.Search("project = K", nil)\n}\n',
        encoding="utf-8",
    )
    with chdir(project):
        result = CliRunner().invoke(cli, ["check", "--format", "json", "."], catch_exceptions=False)
    assert result.exit_code == 1, result.output
    findings = json.loads(result.stdout)["findings"]
    assert [(f["code"], f["line"]) for f in findings] == [("SL001", 6), ("SL004", 7)]
    assert "/ex/jira/{cloudId}" in findings[0]["message"]
    # the SDK-level way out is named (the fake module has no method calling /search/jql)
    assert "go-jira Client.Issue.Search: go-jira 1.16.0 has no method" in findings[1]["message"]
