"""The config extractor: Atlassian URLs as values in .env, YAML, JSON, TOML, INI, .properties."""

from __future__ import annotations

import json

import pytest

from scopelint.model import CallSite, FileScan
from scopelint.scanning.formats.config_files import extract
from scopelint.scanning.source import SourceFile

SITE = "https://acme.atlassian.net"
GATEWAY = "https://api.atlassian.com/ex/jira/11223344-aaaa-bbbb-cccc-556677889900"


def run(text: str, name: str) -> FileScan:
    return extract(SourceFile.from_text(text, name))


def summary(found: list[CallSite]) -> list[tuple[str, str | None, str, int, int]]:
    return [(c.url, c.method, c.kind, c.location.line, c.location.column) for c in found]


def test_dotenv() -> None:
    text = (
        "# Jira access\n"
        f'export JIRA_BASE_URL="{SITE}"\n'
        f"JIRA_API={SITE}/rest/api/3  # the v3 API\n"
        f"JIRA_GATEWAY='{GATEWAY}'\n"
        f"WEB_LINK={SITE}/browse/PPT-1\n"
        f"WIKI_LINK={SITE}/wiki/spaces/ENG/overview\n"
        "OTHER=https://example.com\n"
        f"# COMMENTED={SITE}\n"
    )
    scan = run(text, ".env")
    assert scan.warnings == []
    assert summary(scan.calls) == [
        (SITE, None, "base-url", 2, 23),
        (f"{SITE}/rest/api/3", None, "base-url", 3, 10),  # the v3 base: no call by itself
        (GATEWAY, None, "base-url", 4, 15),
    ]
    assert {c.extractor for c in scan.calls} == {"config"}


@pytest.mark.parametrize("name", [".env.production", "staging.env", "deploy/.env.local"])
def test_dotenv_variants(name: str) -> None:
    assert summary(run(f"URL={SITE}\n", name).calls) == [(SITE, None, "base-url", 1, 5)]


def test_yaml_values_with_line_information() -> None:
    text = (
        "jira:\n"
        f"  base: {SITE}\n"
        f"  search: '{GATEWAY}/rest/api/3/search'\n"
        f"  note: see {SITE} for details\n"
        "  mirrors:\n"
        f'    - "{SITE}/wiki"\n'
        "---\n"
        f"second: {SITE}\n"
    )
    scan = run(text, "config/app.yaml")
    assert scan.warnings == []
    assert summary(scan.calls) == [
        (SITE, None, "base-url", 2, 9),
        (f"{GATEWAY}/rest/api/3/search", None, "call", 3, 12),
        (f"{SITE}/wiki", None, "base-url", 6, 8),
        (SITE, None, "base-url", 8, 9),
    ]


def test_json_values() -> None:
    data = {"jira": {"url": SITE, "endpoints": [f"{SITE}/rest/api/3/myself", "x"]}, "n": 3}
    text = json.dumps(data, indent=2)
    scan = run(text, "settings.json")
    assert [(c.url, c.kind, c.location.line) for c in scan.calls] == [
        (SITE, "base-url", 3),
        (f"{SITE}/rest/api/3/myself", "call", 5),
    ]
    assert scan.calls[0].location.column == len('    "url": "') + 1


def test_json_with_escaped_slashes() -> None:
    scan = run('{"u": "https:\\/\\/acme.atlassian.net"}', "a.json")
    assert summary(scan.calls) == [(SITE, None, "base-url", 1, 8)]


def test_toml_values() -> None:
    text = f'[tool.sync]\nname = "x"\nsite = "{SITE}"\n\n[[targets]]\nurl = \'{GATEWAY}\'\n'
    assert summary(run(text, "sync.toml").calls) == [
        (SITE, None, "base-url", 3, 9),
        (GATEWAY, None, "base-url", 6, 8),
    ]


def test_ini_and_cfg_values() -> None:
    text = f"[jira]\nurl = {SITE}\napi: {SITE}/rest/api/2/issue\n\n[other]\nx = 1\n"
    assert summary(run(text, "setup.cfg").calls) == [
        (SITE, None, "base-url", 2, 7),
        (f"{SITE}/rest/api/2/issue", None, "call", 3, 6),
    ]


def test_properties_with_escaped_colon() -> None:
    text = "# app\njira.url=https\\://acme.atlassian.net\njira.user = bot\n"
    assert summary(run(text, "app.properties").calls) == [(SITE, None, "base-url", 2, 10)]


@pytest.mark.parametrize(
    ("name", "text", "kind"),
    [
        ("bad.json", f'{{"url": "{SITE}", ', "JSON"),
        ("bad.yaml", f"a: b: c\nurl: {SITE}\n", "YAML"),
        ("bad.toml", f'url = \nsite = "{SITE}"\n', "TOML"),
        ("bad.ini", f"url = {SITE}\n", "INI"),
    ],
)
def test_broken_files_that_may_hold_a_url_give_one_warning(name: str, text: str, kind: str) -> None:
    scan = run(text, name)
    assert scan.calls == []
    assert len(scan.warnings) == 1
    assert scan.warnings[0].startswith(f"{name}: invalid {kind} (")


@pytest.mark.parametrize(
    "name",
    [
        "package-lock.json",
        "poetry.lock",
        "jira.postman_collection.json",
        "manifest.yml",
        "atlassian-connect.json",
        ".scopelint.yaml",
        ".github/workflows/sync.yml",
        ".gitlab-ci.yml",
        "bitbucket-pipelines.yml",
    ],
)
def test_files_owned_by_other_extractors_are_skipped(name: str) -> None:
    text = json.dumps({"url": SITE}) if name.endswith(".json") else f"url: {SITE}\n"
    scan = run(text, name)
    assert (scan.calls, scan.warnings) == ([], [])


def test_deep_json_does_not_blow_the_stack() -> None:
    scan = run("[" * 50_000 + f'"{SITE}"' + "]" * 50_000, "deep.json")
    assert scan.calls == []
    assert len(scan.warnings) == 1
    assert scan.warnings[0].startswith("deep.json: ")


def test_deep_yaml_does_not_blow_the_stack() -> None:
    scan = run("x: " + "[" * 5_000 + SITE + "]" * 5_000 + "\n", "deep.yaml")
    assert scan.calls == []
    assert len(scan.warnings) == 1


def test_files_that_name_no_atlassian_host_are_not_parsed() -> None:
    # only values that are Atlassian URLs count, so a broken unrelated file is no news
    assert run('{"url": ', "bad.json") == FileScan(path="bad.json")
    assert run("a: b: c\n", "bad.yaml") == FileScan(path="bad.yaml")


def test_yaml_alias_bomb_finishes() -> None:
    text = f"a: &a [{SITE}, x, x, x, x, x, x, x, x]\n"
    previous = "a"
    for level in range(1, 15):
        text += f"b{level}: &b{level} [" + ", ".join([f"*{previous}"] * 9) + "]\n"
        previous = f"b{level}"
    scan = run(text, "bomb.yaml")
    assert scan.warnings == []
    assert summary(scan.calls) == [(SITE, None, "base-url", 1, 8)]


@pytest.mark.parametrize("text", ["&https://acme.atlassian.net/rest/api/3/issue/PPT-28", "&a\n", "42\n"])
def test_a_yaml_document_that_is_one_scalar_or_empty_is_no_error(text: str) -> None:
    # (found by the property test: a document that is an anchor alone is None)
    scan = run(text, "settings.yaml")
    assert scan.calls == [] and scan.warnings == []
