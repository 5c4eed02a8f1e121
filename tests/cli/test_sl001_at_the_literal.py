"""SL001 points at the literal (issue #14 item 3).

A site host is reported once, where it is written (at the host's column), with the calls that
use it as related locations in every output format; a suppression on that line silences it;
the fix rewrites that literal; placeholders are never reported; a host without a scheme and a
host filled in at run time count.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
from cli_helpers import check_json, scopelint, write_tree

CLOUD_ID = "0d7c8f0e-1111-2222-3333-444455556666"
# issue #14's example: one constant used by four requests
SYNC_PY = """\
    import requests

    BASE_URL = "https://acme.atlassian.net"


    def run(key):
        requests.get(f"{BASE_URL}/rest/api/3/issue/{key}")
        requests.get(f"{BASE_URL}/rest/api/3/issue/{key}/comment")
        requests.post(f"{BASE_URL}/rest/api/3/issue/{key}/comment", json={})
        requests.get(f"{BASE_URL}/rest/api/3/myself")
    """
USES = [(7, 18), (8, 18), (9, 19), (10, 18)]  # line, column of each call
HOST_COLUMN = len('BASE_URL = "https://') + 1


def sl001(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [f for f in found if f["code"] == "SL001"]


def test_one_finding_at_the_constant_with_the_calls_as_related_locations(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"sync.py": SYNC_PY})

    (finding,) = sl001(check_json(root))

    assert (finding["path"], finding["line"], finding["column"]) == ("sync.py", 3, HOST_COLUMN)
    assert "used by 4 calls" in finding["message"]
    assert [(r["path"], r["line"], r["column"]) for r in finding["related"]] == [
        ("sync.py", line, column) for line, column in USES
    ]
    text = scopelint(["check", "."], root).stdout.splitlines()
    assert text[0].startswith(f"sync.py:3:{HOST_COLUMN}: SL001 [hardcoded-site-url] Site URL "
                              "https://acme.atlassian.net used by 4 calls; scoped tokens need the gateway")


def test_every_format_carries_the_place_and_the_uses(tmp_path: Path, sarif_schema_path: Path) -> None:
    root = write_tree(tmp_path, {"sync.py": SYNC_PY})

    def run(fmt: str) -> str:
        result = scopelint(["check", "--format", fmt, "."], root)
        assert result.exit_code == 1, result.output
        return result.stdout

    sarif = json.loads(run("sarif"))
    jsonschema.validate(sarif, json.loads(sarif_schema_path.read_text()))
    (result,) = sarif["runs"][0]["results"]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (3, HOST_COLUMN)
    related = [r["physicalLocation"]["region"] for r in result["relatedLocations"]]
    assert [(r["startLine"], r["startColumn"]) for r in related] == USES
    assert len({r["id"] for r in result["relatedLocations"]}) == 4

    (diagnostic,) = json.loads(run("rdjson"))["diagnostics"]
    assert diagnostic["location"]["range"]["start"] == {"line": 3, "column": HOST_COLUMN}
    assert [(r["location"]["range"]["start"]["line"], r["location"]["range"]["start"]["column"])
            for r in diagnostic["related_locations"]] == USES

    (issue,) = json.loads(run("gitlab"))
    assert issue["location"]["lines"]["begin"] == 3
    assert [o["lines"]["begin"] for o in issue["other_locations"]] == [line for line, _ in USES]

    github = run("github").splitlines()[0]
    assert github.startswith(f"::error file=sync.py,line=3,col={HOST_COLUMN},title=SL001")
    assert "used by 4 calls" in github
    assert "sync.py:7:18, sync.py:8:18, sync.py:9:19, sync.py:10:18" in github

    assert "used by 4 calls" in run("markdown")
    grouped = run("grouped").splitlines()
    assert grouped[:2] == ["sync.py:", f"  3:{HOST_COLUMN} SL001 [hardcoded-site-url] Site URL "
                           "https://acme.atlassian.net used by 4 calls; scoped tokens need the gateway: "
                           "https://api.atlassian.com/ex/jira/{cloudId} (cloudId: "
                           "`scopelint cloud-id acme.atlassian.net`)"]


def test_a_suppression_on_the_constants_line_silences_it(tmp_path: Path) -> None:
    suppressed = SYNC_PY.replace('"https://acme.atlassian.net"',
                                 '"https://acme.atlassian.net"  # scopelint: ignore[SL001]')
    root = write_tree(tmp_path, {"sync.py": suppressed})

    assert sl001(check_json(root)) == []
    # and nothing reports the comment as unused (SL012): it suppressed the finding
    assert check_json(root) == []


def test_the_fix_rewrites_the_literal_in_python_javascript_and_configuration(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {
        ".scopelint.toml": f'scopes = ["read:jira-work", "write:jira-work", "read:jira-user"]\n\n'
                           f'[sites]\n"acme.atlassian.net" = "{CLOUD_ID}"\n',
        "sync.py": SYNC_PY,
        "client.js": """\
            const SITE = 'https://acme.atlassian.net';
            export const me = () => fetch(`${SITE}/rest/api/3/myself`);
            export const issue = (k) => fetch(`${SITE}/rest/api/3/issue/${k}`);
            """,
        ".env": "JIRA_URL=https://acme.atlassian.net\n",
    })
    gateway = f"https://api.atlassian.com/ex/jira/{CLOUD_ID}"

    before = sl001(check_json(root))
    assert [(f["path"], f["line"]) for f in before] == [(".env", 1), ("client.js", 1), ("sync.py", 3)]
    assert all(gateway in f["message"] and "{cloudId}" not in f["message"] for f in before)

    result = scopelint(["check", "--fix", "--unsafe-fixes", "."], root)

    assert result.exit_code == 0, result.output
    assert f'BASE_URL = "{gateway}"\n' in (root / "sync.py").read_text()
    assert f"const SITE = '{gateway}';\n" in (root / "client.js").read_text()
    assert (root / ".env").read_text() == f"JIRA_URL={gateway}\n"
    assert (root / "sync.py").read_text().count("atlassian.net") == 0


def test_placeholder_sites_are_never_reported(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {
        "a.py": 'import requests\nrequests.get("https://your-domain.atlassian.net/rest/api/3/myself")\n',
        "b.js": "fetch('https://<site>.atlassian.net/rest/api/3/myself');\n",
        "c.sh": "curl -u me:$TOKEN https://SITE.atlassian.net/rest/api/3/myself\n",
        ".env": "JIRA_URL=https://your-company.atlassian.net\nOTHER=https://xxx.atlassian.net\n",
        "config.yaml": "jira:\n  url: https://example.atlassian.net\n",
        "d.py": 'import requests\nrequests.get("https://{site}.atlassian.net/rest/api/3/myself")\n',
        "requests.http": "GET https://your-domain.atlassian.net/rest/api/3/myself\n",
    })

    assert sl001(check_json(root)) == []


def test_hosts_without_a_scheme_and_hosts_filled_in_at_run_time(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {
        "bot.js": """\
            const JiraApi = require('jira-client');
            const jira = new JiraApi({ protocol: 'https', host: 'acme.atlassian.net', apiVersion: '3' });
            jira.findIssue('OPS-1');
            """,
        "tmpl.py": """\
            import requests


            def get(site, key):
                return requests.get(f"https://{site}.atlassian.net/rest/api/3/issue/{key}")
            """,
        "admin.ps1": """\
            $Instance = "acme"
            Invoke-RestMethod -Uri "https://$Instance.atlassian.net/rest/api/3/myself" -Headers $h
            """,
    })

    found = {(f["path"], f["line"], f["column"]): f["message"] for f in sl001(check_json(root))}

    assert set(found) == {("bot.js", 2, 54), ("tmpl.py", 5, 35), ("admin.ps1", 2, 33)}
    assert "acme.atlassian.net" in found[("bot.js", 2, 54)]
    assert "{site}.atlassian.net" in found[("tmpl.py", 5, 35)]
    assert "$Instance.atlassian.net" in found[("admin.ps1", 2, 33)]  # the variable as written
    # a run-time host has no cloudId to look up: the message says how to get one
    assert "`scopelint cloud-id SITE`" in found[("tmpl.py", 5, 35)]


def test_a_doubled_slash_after_the_host_stays_out_of_the_gateway_url(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {
        "a.py": 'import requests\nrequests.get("https://acme.atlassian.net//rest/api/2/issue/" + key)\n',
    })

    (finding,) = sl001(check_json(root))

    assert "https://api.atlassian.com/ex/jira/{cloudId}/rest/api/2/issue/{key}" in finding["message"]
    assert "{cloudId}//" not in finding["message"]


# --------------------------------------------------------------------------- one literal, two products

TWO_PRODUCTS = {
    "backup.sh": """\
        #!/usr/bin/env bash
        SITE="https://acme.atlassian.net"
        curl -sf -u "$AUTH" "$SITE/rest/api/3/search/jql?jql=project%3DOPS"
        curl -s -u "$AUTH" -X DELETE "$SITE/rest/api/3/issue/OPS-99"
        curl -s -u "$AUTH" "$SITE/wiki/api/v2/pages/12345"
        """,
    "report.py": """\
        import requests

        SITE = "https://acme.atlassian.net"
        requests.get(f"{SITE}/rest/api/3/myself")
        requests.get(f"{SITE}/wiki/api/v2/pages/123")
        """,
    "report.js": """\
        const SITE = 'https://acme.atlassian.net';
        fetch(`${SITE}/rest/api/3/myself`);
        fetch(`${SITE}/wiki/api/v2/pages/123`);
        """,
}


def test_a_site_literal_used_by_jira_and_confluence_calls_gets_no_automatic_fix(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {**TWO_PRODUCTS, ".scopelint.toml":
                                 f'[sites]\n"acme.atlassian.net" = "{CLOUD_ID}"\n'})
    before = {name: (root / name).read_text() for name in TWO_PRODUCTS}

    found = sl001(check_json(root))

    assert [(f["path"], f["line"]) for f in found] == [("backup.sh", 2), ("report.js", 1), ("report.py", 3)]
    jira, confluence = (f"https://api.atlassian.com/ex/{s}/{CLOUD_ID}" for s in ("jira", "confluence"))
    for finding in found:
        assert finding.get("fix") is None, finding["path"]
        assert "its calls are of 2 products" in finding["message"]
        assert "so there is no automatic fix: use one base per product, " in finding["message"]
        assert f"{jira} for the Jira calls and {confluence} for the Confluence calls" in finding["message"]
    assert len(next(f for f in found if f["path"] == "backup.sh")["related"]) == 3  # the shell calls too

    scopelint(["check", "--fix", "--unsafe-fixes", "."], root)

    assert {name: (root / name).read_text() for name in TWO_PRODUCTS} == before


def test_a_shell_variable_used_by_one_product_is_one_finding_fixed_where_written(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {
        ".scopelint.toml": f'scopes = ["read:jira-work", "write:jira-work"]\n\n'
                           f'[sites]\n"acme.atlassian.net" = "{CLOUD_ID}"\n',
        "backup.sh": """\
            SITE="https://acme.atlassian.net"
            curl -sf -u "$AUTH" "$SITE/rest/api/3/search/jql?jql=project%3DOPS"
            curl -s -u "$AUTH" -X DELETE "${SITE}/rest/api/3/issue/OPS-99"
            """,
    })

    (finding,) = sl001(check_json(root))
    assert (finding["line"], finding["column"]) == (1, len('SITE="https://') + 1)
    assert finding["message"].startswith("Site URL https://acme.atlassian.net used by 2 calls")

    scopelint(["check", "--fix", "--unsafe-fixes", "."], root)

    assert (root / "backup.sh").read_text().splitlines()[0] == \
        f'SITE="https://api.atlassian.com/ex/jira/{CLOUD_ID}"'


def test_a_call_of_an_unknown_product_through_the_literal_stops_the_fix(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {
        ".scopelint.toml": f'[sites]\n"acme.atlassian.net" = "{CLOUD_ID}"\n',
        "sync.py": """\
            import requests
            SITE = "https://acme.atlassian.net"
            requests.get(f"{SITE}/rest/api/3/myself")
            requests.get(f"{SITE}/rest/acme-plugin/1.0/report")
            """,
    })

    (finding,) = sl001(check_json(root))

    assert finding.get("fix") is None
    assert "the product of 1 of its calls is unknown" in finding["message"]
    assert "no automatic fix: use one base per product" in finding["message"]
