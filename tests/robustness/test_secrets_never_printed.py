"""An API token planted anywhere never comes out in full, in any format of any command.

The token sits in a Python string, in a curl `Authorization: Basic` header, in a .env file,
in a Postman header, in a URL's query, in the project's own configuration (where SL006
echoes the unknown "scope"), in files that fail to parse, and in command-line arguments
(where click echoes a bad option value).  Every output stream of every run is searched.
"""

from __future__ import annotations

import json
import random
import string
from collections.abc import Iterator
from contextlib import chdir
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from scopelint.cli.main import cli
from scopelint.common.redact import redact
from scopelint.reporting import FORMATS as CHECK_FORMATS
from scopelint.suggest.formats import FORMATS as SUGGEST_FORMATS

_rng = random.Random(7)
TOKEN = "ATATT3xFfGF0" + "".join(_rng.choice(string.ascii_letters + string.digits + "-_") for _ in range(180))
# A Basic credential that is no ATATT token: found only next to an Authorization header.
BASIC = "bWVAZXhhbXBsZS5jb206" + "".join(_rng.choice(string.ascii_letters + string.digits) for _ in range(40))
SECRETS = (TOKEN, BASIC)
SITE = "https://acme.atlassian.net"


def plant(root: Path) -> None:
    (root / ".git").mkdir()
    (root / "app.py").write_text(
        "import requests\n"
        f'TOKEN = "{TOKEN}"\n'
        f'requests.get("{SITE}/rest/api/3/myself", headers={{"Authorization": f"Bearer {{TOKEN}}"}})\n'
        f'requests.get("{SITE}/rest/api/3/issue/PPT-28?token={TOKEN}")\n'
    )
    (root / "fetch.sh").write_text(
        f"curl -H 'Authorization: Basic {TOKEN}' {SITE}/rest/api/3/myself\n"
        f"curl -H 'Authorization: Basic {BASIC}' {SITE}/rest/api/3/project\n"
    )
    (root / ".env").write_text(f"JIRA_URL={SITE}\nJIRA_API_TOKEN={TOKEN}\n")
    collection = {
        "info": {
            "name": "jira",
            "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json",
        },
        "item": [
            {
                "name": "me",
                "request": {
                    "method": "GET",
                    "header": [{"key": "Authorization", "value": f"Basic {TOKEN}"}],
                    "url": {"raw": f"{SITE}/rest/api/3/myself"},
                },
            }
        ],
    }
    (root / "jira.postman_collection.json").write_text(json.dumps(collection))
    # The project's configuration: the token pasted where a scope belongs (SL006 echoes it).
    (root / ".scopelint.toml").write_text(f'scopes = ["read:jira-work", "{TOKEN}"]\n')
    # Files that fail to parse, with the token near the error.
    (root / "broken.json").write_text(f'{{"url": "{SITE}", "{TOKEN}" ')
    (root / "broken.yaml").write_text(f"url: {SITE}\n{TOKEN}: [\n")
    (root / "broken.toml").write_text(f'url = "{SITE}"\n{TOKEN}\n')
    (root / "broken.ini").write_text(f"[jira]\nurl = {SITE}\n{TOKEN}\n")
    (root / "broken.py").write_text(f'URL = "{SITE}/rest/api/3/myself"\n{TOKEN} = (\n')


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("secrets")
    plant(root)
    yield root


def scopelint(project: Path, *args: str, stdin: str | None = None) -> Result:
    with chdir(project):
        return CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)


def assert_no_secret(result: Result) -> None:
    for stream in (result.stdout, result.stderr):
        for secret in SECRETS:
            assert secret not in stream
            assert secret[len(secret) // 2 :] not in stream  # nor its second half


@pytest.mark.parametrize("fmt", CHECK_FORMATS)
def test_check_never_prints_a_token(project: Path, fmt: str) -> None:
    result = scopelint(project, "check", "--format", fmt, ".")
    assert result.exit_code == 1, result.output
    assert_no_secret(result)


def test_check_says_where_the_tokens_are_redacted(project: Path) -> None:
    result = scopelint(project, "check", "--select", "SL008", ".")
    hits = [line for line in result.stdout.splitlines() if " SL008 " in line]
    assert {line.split(":")[0] for line in hits} >= {"app.py", "fetch.sh", ".env", ".scopelint.toml"}
    assert redact(TOKEN) in result.stdout


def test_the_unknown_scope_message_redacts_a_pasted_token(project: Path) -> None:
    result = scopelint(project, "check", "--select", "SL006", ".")
    assert f"unknown scope '{redact(TOKEN)}'" in result.stdout
    assert_no_secret(result)


def test_a_url_with_a_token_in_its_query_is_shown_redacted(project: Path) -> None:
    result = scopelint(project, "check", "--select", "SL001", "app.py")
    assert f"?token={redact(TOKEN)}" in result.stdout
    assert_no_secret(result)


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_calls_never_prints_a_token(project: Path, fmt: str) -> None:
    result = scopelint(project, "calls", "--include-bases", "--format", fmt, ".")
    assert result.exit_code == 0, result.output
    assert "PPT-28?token=" in result.stdout
    assert_no_secret(result)


@pytest.mark.parametrize("fmt", SUGGEST_FORMATS)
def test_suggest_from_code_never_prints_a_token(project: Path, fmt: str) -> None:
    result = scopelint(project, "suggest", "--from", ".", "--format", fmt)
    assert result.exit_code in (0, 1), result.output
    assert_no_secret(result)


@pytest.mark.parametrize(
    "endpoint", [f"GET /rest/api/3/nothing/{TOKEN}", f"{TOKEN} /rest/api/3/myself"]
)
def test_suggest_never_echoes_a_token_in_an_endpoint(project: Path, endpoint: str) -> None:
    result = scopelint(project, "suggest", "--endpoints", endpoint, "--format", "json")
    assert_no_secret(result)


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_scopes_never_echoes_a_token_in_the_url(project: Path, fmt: str) -> None:
    result = scopelint(project, "scopes", "--format", fmt, "GET", f"{SITE}/rest/api/3/nothing/{TOKEN}")
    assert result.exit_code == 1
    assert_no_secret(result)


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_explain_error_never_echoes_a_pasted_token(project: Path, fmt: str) -> None:
    message = (
        f"Unauthorized; scope does not match. Request: curl -H 'Authorization: Basic {BASIC}' "
        f"{SITE}/rest/api/3/myself?token={TOKEN}"
    )
    result = scopelint(
        project, "explain-error", "--format", fmt, "--url", f"{SITE}/rest/api/3/myself?t={TOKEN}", "-",
        stdin=message,
    )
    assert result.exit_code == 0, result.output
    assert_no_secret(result)


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--format", TOKEN, "."],  # click: 'ATATT...' is not one of ...
        ["check", "--jobs", TOKEN, "."],
        ["check", "--select", TOKEN, "."],
        ["check", "--config", TOKEN, "."],
        ["check", TOKEN],
        ["scopes", TOKEN, "/rest/api/3/myself"],
        ["rule", TOKEN],
        [TOKEN],
    ],
    ids=["format", "jobs", "select", "config", "path", "method", "rule", "command"],
)
def test_a_token_in_the_wrong_argument_is_not_echoed(project: Path, args: list[str]) -> None:
    result = scopelint(project, *args)
    assert result.exit_code == 2, result.output
    assert_no_secret(result)


def test_a_token_in_the_projects_configuration_value_of_the_wrong_type(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".scopelint.toml").write_text(f'select = "{TOKEN}"\nscopes = 5\n[sites]\n"{TOKEN}" = 1\n')
    result = scopelint(tmp_path, "check", ".")
    assert result.exit_code == 2
    assert result.stderr.startswith("scopelint: error: ")
    assert_no_secret(result)
