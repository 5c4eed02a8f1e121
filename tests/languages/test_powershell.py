"""PowerShell: what a user of `scopelint calls/check` sees on admin scripts and modules.

The shapes of every web-cmdlet call are in tests/scanning/fixtures/clients/powershell_*.ps1/.psm1
(each request marked with its method and URL); here: encodings, wrappers linked across files,
what is not a call, suppressions, SL008 and the gateway fix.
"""

from __future__ import annotations

from pathlib import Path

from lang_helpers import CLOUD_ID, calls, extract, findings, rows, scopelint, write_tree

from scopelint.scanning.core.environment import MappingEnvironment
from scopelint.scanning.languages.powershell import extract as extract_powershell
from scopelint.scanning.languages.powershell import summarise
from scopelint.scanning.source import SourceFile

SCRIPT = (
    "param([string]$Key)\r\n"
    "$page = Invoke-RestMethod -Uri \"https://acme.atlassian.net/rest/api/3/issue/$Key\" -Method Get\r\n"
    "irm -Method Delete \"https://acme.atlassian.net/rest/api/3/issue/$Key\"\r\n"
)


def test_utf16_le_and_utf8_bom_scripts_are_read_with_their_lines(tmp_path: Path) -> None:
    write_tree(tmp_path, {
        "utf16.ps1": b"\xff\xfe" + SCRIPT.encode("utf-16-le"),
        "bom.ps1": b"\xef\xbb\xbf" + SCRIPT.encode("utf-8"),
    })
    assert calls(tmp_path) == [
        ("bom.ps1", 2, "GET", "/rest/api/3/issue/{issueIdOrKey}"),
        ("bom.ps1", 3, "DELETE", "/rest/api/3/issue/{issueIdOrKey}"),
        ("utf16.ps1", 2, "GET", "/rest/api/3/issue/{issueIdOrKey}"),
        ("utf16.ps1", 3, "DELETE", "/rest/api/3/issue/{issueIdOrKey}"),
    ]


def test_unsafe_fix_moves_a_utf16_script_to_the_gateway_and_keeps_its_encoding(tmp_path: Path) -> None:
    write_tree(tmp_path, {
        "utf16.ps1": b"\xff\xfe" + SCRIPT.encode("utf-16-le"),
        ".scopelint.toml": 'scopes = ["read:jira-work", "write:jira-work"]\n'
                           f'[sites]\n"acme.atlassian.net" = "{CLOUD_ID}"\n',
    })
    assert findings(tmp_path) == [("utf16.ps1", 2, "SL001"), ("utf16.ps1", 3, "SL001")]

    result = scopelint(["check", "--fix", "--unsafe-fixes", "."], tmp_path)

    raw = (tmp_path / "utf16.ps1").read_bytes()
    assert raw.startswith(b"\xff\xfe")
    gateway = f"https://api.atlassian.com/ex/jira/{CLOUD_ID}"
    assert raw[2:].decode("utf-16-le") == SCRIPT.replace("https://acme.atlassian.net", gateway)
    assert result.exit_code == 0, result.output


def test_a_wrapper_module_links_to_the_scripts_that_call_it_through_its_summary() -> None:
    module = SourceFile.from_text(
        "$script:BaseUrl = 'https://acme.atlassian.net/'\n"
        "function Invoke-JiraApi {\n"
        "    param([Parameter(Mandatory)][string]$Path,\n"
        "          [Microsoft.PowerShell.Commands.WebRequestMethod]$Method = 'Get', [object]$Body)\n"
        "    $params = @{ Uri = \"$script:BaseUrl$Path\"; Method = $Method }\n"
        "    Invoke-RestMethod @params\n"
        "}\n",
        display="JiraAdmin.psm1",
    )
    summary = summarise(module)
    helper = summary.exports["Invoke-JiraApi"]
    assert (helper.kind, helper.template, helper.method) == (
        "helper", "https://acme.atlassian.net/{Path}", "{Method}")
    assert tuple(p.name for p in helper.params) == ("Path", "Method", "Body")
    assert dict(helper.defaults) == {"Method": "Get"}

    script = SourceFile.from_text(
        "Import-Module \"$PSScriptRoot/JiraAdmin.psm1\"\n"
        "Invoke-JiraApi -Path \"/rest/api/3/issue/$IssueKey\" -Method Put -Body @{}\n"
        "Invoke-JiraApi '/rest/api/3/issuesecurityschemes'\n",
        display="Set-IssueSecurity.ps1",
    )
    alone = extract_powershell(script)  # the module unread: -Method Put is all that is known
    assert [(c.location.line, c.method, c.via) for c in alone.calls] == [
        (2, "PUT", "Invoke-JiraApi"), (3, None, None)]

    linked = extract_powershell(script, MappingEnvironment(summary.exports))
    assert rows(linked) == [
        (2, "PUT", "https://acme.atlassian.net//rest/api/3/issue/{IssueKey}"),
        (3, "GET", "https://acme.atlassian.net//rest/api/3/issuesecurityschemes"),
    ]


def test_a_wrapper_nobody_here_defines_gives_its_method_when_the_call_names_one() -> None:
    scan = extract("Set-IssueSecurity.ps1", """\
        Import-Module "$PSScriptRoot/JiraAdmin.psm1" -Force
        Invoke-JiraApi -Path "/rest/api/3/issue/$IssueKey" -Method Put -Body @{ fields = @{} }
        Invoke-JiraApi -Method:Delete -Path "/rest/api/3/issue/$IssueKey/watchers?accountId=$($w.accountId)"
        $verb = 'Post'
        Send-Jira -HttpMethod $verb -Endpoint '/rest/api/3/issue'
        Invoke-JiraApi -Path '/rest/api/3/issuesecurityschemes'
        Set-Label -Method Put -Name 'urgent'
        Invoke-JiraApi -Path "/rest/api/3/issue/$IssueKey" -Method $Unknown
    """)
    assert [(c.location.line, c.method, c.method_source, c.via, c.url) for c in scan.calls] == [
        (2, "PUT", "inferred", "Invoke-JiraApi", "/rest/api/3/issue/{IssueKey}"),
        (3, "DELETE", "inferred", "Invoke-JiraApi",
         "/rest/api/3/issue/{IssueKey}/watchers?accountId={accountId}"),
        (5, "POST", "inferred", "Send-Jira", "/rest/api/3/issue"),
        # no -Method: the wrapper's default is not known in this file; the path is still seen
        (6, None, "unknown", None, "/rest/api/3/issuesecurityschemes"),
        (8, None, "unknown", None, "/rest/api/3/issue/{IssueKey}"),
    ]


def test_mocks_routes_and_messages_are_not_calls() -> None:
    scan = extract("Jira.Tests.ps1", """\
        Describe 'Get-Issue' {
            Mock Invoke-RestMethod { @{ key = 'OPS-1' } } -ParameterFilter {
                $Uri -eq 'https://acme.atlassian.net/rest/api/3/issue/OPS-1' }
            It 'reads' { Should -Invoke Invoke-RestMethod -ParameterFilter {
                $Method -eq 'Get' -and $Uri -like '*/rest/api/3/issue/*' } }
        }
        Add-PodeRoute -Method Get -Path '/rest/api/3/issue/:key' -ScriptBlock { Write-PodeJsonResponse @{} }
        Write-Host "GET https://acme.atlassian.net/rest/api/3/myself"
        Write-Verbose "https://acme.atlassian.net/rest/api/3/issue/$Key"
        """)
    assert scan.calls == []
    assert scan.warnings == []


def test_a_data_file_setting_is_an_api_base() -> None:
    scan = extract("config.psd1", """\
        @{
            JiraBase   = 'https://acme.atlassian.net'
            AdminGroup = 'jira-admins'
            Docs       = 'https://acme.atlassian.net/wiki/spaces/OPS/pages/1'
        }
        """)
    assert rows(scan) == [(2, "base-url", "https://acme.atlassian.net")]


def test_suppression_comments_in_both_comment_syntaxes(tmp_path: Path) -> None:
    write_tree(tmp_path, {"audit.ps1": """\
        # scopelint: ignore[SL001]
        irm https://acme.atlassian.net/rest/api/3/myself
        irm https://acme.atlassian.net/rest/api/3/serverInfo <# scopelint: ignore[SL001] #>
        $fields = 'customfield_10010'
        irm https://acme.atlassian.net/rest/api/3/field
        $token = 'ATATT3xFfGF0abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789'
        """})
    assert findings(tmp_path, "--select", "SL001,SL008") == [
        ("audit.ps1", 5, "SL001"),
        ("audit.ps1", 6, "SL008"),
    ]


def test_a_block_comment_alone_on_its_line_covers_the_next_and_an_unused_one_is_removed(
    tmp_path: Path,
) -> None:
    write_tree(tmp_path, {"audit.ps1": """\
        <# scopelint: ignore[SL001] #>
        irm https://acme.atlassian.net/rest/api/3/field
        <# scopelint: ignore[SL001] #>
        Write-Host 'nothing to suppress here'
        irm https://acme.atlassian.net/rest/api/3/myself <# scopelint: ignore[SL001, SL008] #>
        """})
    assert findings(tmp_path, "--select", "SL001,SL012") == [
        ("audit.ps1", 3, "SL012"),
        ("audit.ps1", 5, "SL012"),
    ]

    result = scopelint(["check", "--select", "SL001,SL012", "--fix", "."], tmp_path)

    assert result.exit_code == 0, result.output
    assert (tmp_path / "audit.ps1").read_text() == (
        "<# scopelint: ignore[SL001] #>\n"
        "irm https://acme.atlassian.net/rest/api/3/field\n"
        "Write-Host 'nothing to suppress here'\n"
        "irm https://acme.atlassian.net/rest/api/3/myself <# scopelint: ignore[SL001] #>\n"
    )
