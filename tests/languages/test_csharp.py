"""C#: what a user of `scopelint calls/check` sees on .NET code.

Every client shape is in tests/scanning/fixtures/clients/csharp_clients.cs (each request
marked with its method and URL); here: how a base address really joins, what is not a call,
suppressions, SL008, and the gateway fix in interpolated and verbatim strings.
"""

from __future__ import annotations

from pathlib import Path

from lang_helpers import CLOUD_ID, extract, findings, rows, scopelint, write_tree


def test_a_base_address_joins_as_dotnet_joins_it() -> None:
    scan = extract("Jira.cs", """\
        class Jira {
            static readonly HttpClient WithSlash = new() {
                BaseAddress = new Uri("https://acme.atlassian.net/rest/api/3/") };
            static readonly HttpClient NoSlash = new HttpClient {
                BaseAddress = new Uri("https://acme.atlassian.net/rest/api/3") };
            async Task Run() {
                await WithSlash.GetAsync("issue/OPS-1");
                await NoSlash.GetAsync("issue/OPS-1");
                await WithSlash.GetAsync("/rest/api/2/myself");
            }
        }
        """)
    assert rows(scan) == [
        (7, "GET", "https://acme.atlassian.net/rest/api/3/issue/OPS-1"),
        (8, "GET", "https://acme.atlassian.net/rest/api/issue/OPS-1"),  # the last segment is replaced
        (9, "GET", "https://acme.atlassian.net/rest/api/2/myself"),
    ]


def test_routes_mocks_and_log_messages_are_not_calls() -> None:
    scan = extract("IssuesController.cs", """\
        using Microsoft.AspNetCore.Mvc;
        [ApiController, Route("rest/api/3/issue")]
        public class IssuesController : ControllerBase {
            [HttpGet("{key}")]
            public IActionResult Get(string key) {
                _log.LogInformation("https://acme.atlassian.net/rest/api/3/issue/{Key}", key);
                return Ok();
            }
        }
        public static class Api {
            public static void Map(WebApplication app) =>
                app.MapGet("/rest/api/3/myself", () => Results.Ok());
        }
        """)
    assert scan.calls == [] and scan.warnings == []


def test_a_test_file_against_an_http_mock_reports_no_urls() -> None:
    scan = extract("JiraClientTests.cs", """\
        using RichardSzalay.MockHttp;
        public class JiraClientTests {
            [Fact]
            public async Task ReadsTheIssue() {
                var mock = new MockHttpMessageHandler();
                mock.When("https://acme.atlassian.net/rest/api/3/issue/OPS-1*")
                    .Respond("application/json", "{}");
                var options = new JiraOptions { BaseUrl = "https://acme.atlassian.net" };
                var client = new JiraClient(mock.ToHttpClient(), options);
            }
        }
        """)
    assert scan.calls == []


def test_suppressions_sl008_and_the_gateway_fix(tmp_path: Path) -> None:
    write_tree(tmp_path, {
        ".scopelint.toml": f'scopes = ["read:jira-work"]\n[sites]\n"acme.atlassian.net" = "{CLOUD_ID}"\n',
        "Client.cs": """\
            class Client {
                const string Token = "ATATT3xFfGF0abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789";
                async Task Run(HttpClient http, string key) {
                    await http.GetAsync($"https://acme.atlassian.net/rest/api/3/issue/{key}");
                    await http.GetAsync(@"https://acme.atlassian.net/rest/api/3/myself");
                    // scopelint: ignore[SL001]
                    await http.GetAsync("https://acme.atlassian.net/rest/api/3/serverInfo");
                    await http.GetAsync("https://acme.atlassian.net/rest/api/3/field");/*scopelint: ignore*/
                }
            }
            """,
    })
    assert findings(tmp_path, "--select", "SL001,SL008") == [
        ("Client.cs", 2, "SL008"), ("Client.cs", 4, "SL001"), ("Client.cs", 5, "SL001"),
    ]
    scopelint(["check", "--fix", "--unsafe-fixes", "."], tmp_path)
    text = (tmp_path / "Client.cs").read_text(encoding="utf-8")
    gateway = f"https://api.atlassian.com/ex/jira/{CLOUD_ID}"
    assert f'await http.GetAsync($"{gateway}/rest/api/3/issue/{{key}}");' in text
    assert f'await http.GetAsync(@"{gateway}/rest/api/3/myself");' in text
    assert text.count("https://acme.atlassian.net") == 2  # the suppressed lines are left alone
    assert findings(tmp_path, "--select", "SL001,SL008") == [("Client.cs", 2, "SL008")]
