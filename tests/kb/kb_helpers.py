"""Hand-made OpenAPI documents and the CLI error contract, shared by the KB tests."""

from __future__ import annotations

from typing import Any

from click.testing import Result

CLASSIC_JIRA = {"read:jira-work": "Read Jira work", "write:jira-work": "Write Jira work"}


def oauth_scheme(name: str = "OAuth2", scopes: dict[str, str] | None = None) -> dict[str, Any]:
    return {
        name: {
            "type": "oauth2",
            "flows": {
                "authorizationCode": {
                    "authorizationUrl": "https://auth.atlassian.com/authorize",
                    "tokenUrl": "https://auth.atlassian.com/oauth/token",
                    "scopes": dict(scopes if scopes is not None else CLASSIC_JIRA),
                }
            },
        },
        "basicAuth": {"type": "http", "scheme": "basic"},
    }


def make_document(
    paths: dict[str, Any],
    title: str = "The Jira Cloud platform REST API",
    schemes: dict[str, Any] | None = None,
    servers: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """A small OpenAPI 3.0 document; every operation gets a response so it validates."""
    for item in paths.values():
        for operation in item.values():
            operation.setdefault("responses", {"200": {"description": "OK"}})
    document: dict[str, Any] = {
        "openapi": "3.0.1",
        "info": {"title": title, "version": "1.0.0"},
        "paths": paths,
        "components": {"securitySchemes": schemes if schemes is not None else oauth_scheme()},
    }
    if servers is not None:
        document["servers"] = servers
    return document


def x_scopes(*entries: tuple[str, list[str]], scheme: str = "OAuth2") -> list[dict[str, Any]]:
    """``x-atlassian-oauth2-scopes`` from (state, scopes) pairs, in the order given."""
    return [{"scheme": scheme, "state": state, "scopes": scopes} for state, scopes in entries]


def assert_one_line_error(result: Result, exit_code: int = 2) -> str:
    """The tool-error contract: one `scopelint: error:` line on stderr, exit 2, no traceback."""
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), (
        f"unexpected exception: {result.exception!r}"
    )
    assert result.exit_code == exit_code, (result.exit_code, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("scopelint: error: "), lines[0]
    return lines[0]
