"""Atlassian's hosts, in one module: site / gateway / Bitbucket, the gateway form, the cloudId."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scopelint.kb import hosts
from scopelint.kb.hosts import (
    ATLASSIAN_HOST_PATTERN,
    SITE_HOST_PATTERN,
    gateway_base,
    gateway_cloud_id,
    gateway_url,
    host_kind,
    is_atlassian_host,
    is_cloud_id,
    is_gateway_base_path,
    is_host_name,
    is_site_host,
    site_host,
    site_prefix,
    site_to_gateway,
    split_gateway_path,
    tenant_info_url,
)

CLOUD_ID = "1324a887-45db-1bf4-1e99-ef0ff456d421"


@pytest.mark.parametrize(
    ("host", "kind"),
    [
        ("acme.atlassian.net", "site"),
        ("ACME.Atlassian.NET", "site"),
        ("acme.atlassian.net.", "site"),
        ("eu.acme.atlassian.net", "site"),
        ("atlassian.net", "other"),
        ("acme.atlassian.net.evil.com", "other"),
        ("api.atlassian.com", "gateway"),
        ("api.bitbucket.org", "bitbucket"),
        ("jira.example.com", "other"),
        (None, "relative"),
    ],
)
def test_host_kind(host: str | None, kind: str) -> None:
    assert host_kind(host) == kind
    if host is not None:
        assert is_site_host(host) == (kind == "site")


def test_atlassian_hosts() -> None:
    assert is_atlassian_host("acme.atlassian.net") and is_atlassian_host("API.ATLASSIAN.COM")
    assert is_atlassian_host("api.bitbucket.org")
    assert not is_atlassian_host("auth.atlassian.com")  # the OAuth server, not a REST API host
    assert not is_atlassian_host("atlassian.net.example.com")


@given(st.from_regex(rf"\A{SITE_HOST_PATTERN}\Z"))
def test_the_site_pattern_only_matches_site_hosts(host: str) -> None:
    assert is_site_host(host) and is_atlassian_host(host) and host_kind(host) == "site"


@given(st.from_regex(rf"\A{ATLASSIAN_HOST_PATTERN}\Z"))
def test_the_host_pattern_only_matches_atlassian_hosts(host: str) -> None:
    assert is_atlassian_host(host)


def test_gateway_paths() -> None:
    assert split_gateway_path(f"/ex/jira/{CLOUD_ID}/rest/api/3/myself") == (
        "jira", CLOUD_ID, "/rest/api/3/myself",
    )
    assert split_gateway_path(f"/ex/confluence/{CLOUD_ID}") == ("confluence", CLOUD_ID, "/")
    assert split_gateway_path("/ex/jira") is None
    assert split_gateway_path("/rest/api/3/myself") is None
    assert is_gateway_base_path(f"/ex/jira/{CLOUD_ID}") and is_gateway_base_path("/ex/confluence/{id}/wiki/")
    assert not is_gateway_base_path(f"/ex/jira/{CLOUD_ID}/rest/api/3")
    assert not is_gateway_base_path(f"/ex/bitbucket/{CLOUD_ID}")
    assert gateway_cloud_id(f"https://api.atlassian.com/ex/jira/{CLOUD_ID}/rest/api/3/x?y=1") == CLOUD_ID
    assert gateway_cloud_id("https://api.atlassian.com/ex/jira/acme?x") == "acme"
    assert gateway_cloud_id("https://acme.atlassian.net/rest/api/3/x") is None
    assert gateway_base("jira-service-management") == "https://api.atlassian.com/ex/jira/{cloudId}"
    assert gateway_base("confluence", CLOUD_ID) == f"https://api.atlassian.com/ex/confluence/{CLOUD_ID}"
    assert gateway_base("bitbucket") is None


def test_site_urls_and_their_gateway_form() -> None:
    url = "https://user@ACME.atlassian.net:443/rest/api/3/issue/{key}?expand=names"
    assert site_prefix(url) == ("https://user@ACME.atlassian.net:443", "/rest/api/3/issue/{key}?expand=names")
    assert site_host(url) == "acme.atlassian.net"
    assert gateway_url(url, None) == (
        "https://api.atlassian.com/ex/jira/{cloudId}/rest/api/3/issue/{key}?expand=names"
    )
    assert gateway_url("https://acme.atlassian.net/wiki/api/v2/pages", None, CLOUD_ID) == (
        f"https://api.atlassian.com/ex/confluence/{CLOUD_ID}/wiki/api/v2/pages"
    )
    assert gateway_url("https://api.bitbucket.org/2.0/user", "bitbucket") is None
    assert gateway_url("https://acme.atlassian.net/2.0/x", "bitbucket") is None
    assert site_prefix("https://jira.example.com/rest/api/3/x") is None
    assert site_to_gateway(f"https://api.atlassian.com/ex/jira/{CLOUD_ID}/x", "jira", "other") == (
        f"https://api.atlassian.com/ex/jira/{CLOUD_ID}/x"
    )
    with pytest.raises(ValueError, match=r"no api\.atlassian\.com gateway form"):
        site_to_gateway("https://acme.atlassian.net/2.0/x", "bitbucket", CLOUD_ID)


def test_cloud_ids_and_host_names() -> None:
    assert is_cloud_id(CLOUD_ID) and is_cloud_id(CLOUD_ID.upper())
    assert not is_cloud_id("acme") and not is_cloud_id(CLOUD_ID + "0")
    assert is_host_name("acme.atlassian.net") and is_host_name("127.0.0.1")
    assert not is_host_name("-acme.atlassian.net") and not is_host_name("acme..net")
    assert tenant_info_url("https://acme.atlassian.net/") == "https://acme.atlassian.net/_edge/tenant_info"
# --------------------------------------------------------------------------- one home

# A host fact in code is a string that IS a host, the site suffix, the tenant-info path, or a
# regular expression for them or for a cloudId.  Prose that mentions a host (a rule's
# explanation, an error message) is not a fact and may stay where it is read.
_FACT_VALUES = {
    hosts.GATEWAY_HOST,
    hosts.BITBUCKET_HOST,
    hosts.SITE_SUFFIX,
    hosts.SITE_SUFFIX[1:],
    hosts.TENANT_INFO_PATH,
    hosts.OAUTH_AUTHORIZE_HOST,
}
_FACT_REGEX = re.compile(r"atlassian\\\.|bitbucket\\\.|\{8\}-\[")


def test_host_facts_have_one_home() -> None:
    package = Path(hosts.__file__).resolve().parent.parent
    copies = []
    for path in sorted(package.rglob("*.py")):
        if path == Path(hosts.__file__).resolve():
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                value = node.value
                if value in _FACT_VALUES or _FACT_REGEX.search(value):
                    copies.append(f"{path.relative_to(package.parent)}:{node.lineno}: {value!r}")
    assert copies == [], "host facts outside scopelint/kb/hosts.py:\n" + "\n".join(copies)
