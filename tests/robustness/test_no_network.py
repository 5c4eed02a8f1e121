"""Only `cloud-id`, `kb update` and `kb build` with a URL (and --allow-network) open a network
connection.  Every other command runs here with sockets that refuse to connect, and must
pass without even trying; the three that would connect end in one line, not a traceback.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from contextlib import chdir
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from scopelint.cli.main import cli
from scopelint.kb.table import load_default

SITE_URL = "https://acme.atlassian.net/rest/api/3/issue/PPT-28"


class NetworkAttempts:
    def __init__(self) -> None:
        self.attempts: list[str] = []

    def refuse(self, what: str) -> Any:
        def refused(*args: Any, **kwargs: Any) -> Any:
            self.attempts.append(f"{what}{args[1:] if what.startswith('socket.') else args}")
            raise OSError(f"network disabled by the test ({what})")

        return refused


@pytest.fixture()
def network(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[NetworkAttempts]:
    monkeypatch.setenv("SCOPELINT_CACHE_DIR", str(tmp_path / "cache"))
    load_default.cache_clear()
    guard = NetworkAttempts()
    monkeypatch.setattr(socket.socket, "connect", guard.refuse("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", guard.refuse("socket.connect_ex"))
    monkeypatch.setattr(socket, "create_connection", guard.refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", guard.refuse("getaddrinfo"))
    yield guard
    load_default.cache_clear()


def small_document(scope: str) -> dict[str, Any]:
    return {
        "openapi": "3.0.1",
        "info": {"title": "Jira", "version": "1"},
        "paths": {
            "/rest/api/3/myself": {
                "get": {
                    "responses": {"200": {"description": "ok"}},
                    "x-atlassian-oauth2-scopes": [
                        {"scheme": "OAuth2", "state": "Current", "scopes": [scope]}
                    ],
                }
            }
        },
    }


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    (root / ".git").mkdir()
    (root / "fetch.sh").write_text(f"curl -u me:$TOKEN {SITE_URL}\n")
    (root / ".scopelint.toml").write_text('scopes = ["read:jira-work"]\n')
    (root / "old.json").write_text(json.dumps(small_document("read:jira-work")))
    (root / "new.json").write_text(json.dumps(small_document("read:jira-user")))
    return root


def scopelint(project: Path, *args: str) -> Result:
    with chdir(project):
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)


OFFLINE_COMMANDS: dict[str, tuple[list[str], int]] = {
    "check": (["check", "."], 1),
    "check-sarif": (["check", "--format", "sarif", "."], 1),
    "check-markdown": (["check", "--format", "markdown", "."], 1),
    "calls": (["calls", "--format", "json", "."], 0),
    "scopes": (["scopes", "GET", SITE_URL], 0),
    "suggest-endpoints": (["suggest", "--endpoints", f"GET {SITE_URL}"], 0),
    "suggest-from-code": (["suggest", "--from", ".", "--format", "manifest"], 0),
    "explain-error": (
        ["explain-error", "Unauthorized; scope does not match", "--url", SITE_URL, "--status", "401"],
        0,
    ),
    "rules": (["rules"], 0),
    "rule": (["rule", "SL002"], 0),
    "kb-info": (["kb", "info"], 0),
    "kb-diff": (["kb", "diff", "old.json", "new.json"], 0),
    "kb-build-files": (["kb", "build", "--out", "table.json", "old.json"], 0),
    "kb-build-url-refused": (
        ["kb", "build", "--out", "table.json", "https://dac-static.atlassian.com/jira.json"],
        2,
    ),
}


@pytest.mark.parametrize("name", sorted(OFFLINE_COMMANDS))
def test_command_runs_without_the_network(network: NetworkAttempts, project: Path, name: str) -> None:
    args, exit_code = OFFLINE_COMMANDS[name]
    result = scopelint(project, *args)
    assert result.exit_code == exit_code, result.output
    assert network.attempts == []
    assert "Traceback" not in result.output


def test_kb_build_with_a_url_needs_allow_network(network: NetworkAttempts, project: Path) -> None:
    url = "https://dac-static.atlassian.com/jira.json"
    result = scopelint(project, "kb", "build", "--out", "table.json", url)
    assert result.stderr.splitlines() == [
        f"scopelint: error: {url}: reading documents from URLs needs --allow-network"
    ]
    assert not (project / "table.json").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["cloud-id", "acme.atlassian.net"],
        ["kb", "build", "--allow-network", "--out", "table.json", "https://dac-static.atlassian.com/jira.json"],
        ["kb", "update", "--only", "jira-platform"],
    ],
    ids=["cloud-id", "kb-build-url", "kb-update"],
)
def test_the_commands_that_connect_fail_in_one_line_without_it(
    network: NetworkAttempts, project: Path, args: list[str]
) -> None:
    result = scopelint(project, *args)
    assert network.attempts, "this command was expected to try the network"
    assert result.exit_code == 2, result.output
    *progress, error = result.stderr.splitlines()
    assert all(line.startswith("Downloading ") for line in progress), result.stderr  # kb update
    assert error.startswith("scopelint: error: ") and "cannot connect" in error, error
    assert not (project / "table.json").exists()
