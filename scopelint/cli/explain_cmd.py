"""`scopelint explain-error MESSAGE`: what an Atlassian error message most likely means."""

from __future__ import annotations

import sys

import click

from scopelint.cli.common import fail, format_option, user_errors
from scopelint.explain.render import FORMATS, RENDERERS
from scopelint.model import HTTP_METHODS


@click.command(name="explain-error")
@click.argument("message")
@click.option("--url", help="The URL the request went to (enables checks on it).")
@click.option(
    "--method", default="GET", show_default=True, help="The HTTP method of the request (with --url)."
)
@click.option("--status", type=click.IntRange(100, 599), help="The HTTP status of the answer.")
@click.option("--scopes", default=None,
              help="The token's scopes (comma- or space-separated; with --url): say which are "
                   "missing for that URL.")
@format_option(*FORMATS)
@user_errors
def explain_error(
    message: str, url: str | None, method: str, status: int | None, scopes: str | None,
    output_format: str,
) -> None:
    """Explain an error body or message as Atlassian returned it, and what to check.

    MESSAGE is the text or JSON body ({"errorMessages": [...]}, {"message": ..., "code": ...});
    '-' reads it from standard input.  Credentials in it are never printed in full.

    \b
    Examples:
      scopelint explain-error "Issue does not exist or you do not have permission to see it." \\
        --url https://acme.atlassian.net/rest/api/3/issue/PPT-28
      scopelint explain-error "Unauthorized; scope does not match" --method POST \\
        --url https://api.atlassian.com/ex/jira/{cloudId}/rest/api/3/issue \\
        --scopes read:jira-work,offline_access
    """
    from scopelint.explain import explain

    verb = method.upper()
    if verb not in HTTP_METHODS:
        fail(f"unknown HTTP method {method!r} (expected one of {', '.join(HTTP_METHODS)})")
    text = sys.stdin.read() if message == "-" else message
    if not text.strip():
        fail("the error message is empty")
    token_scopes = None
    if scopes is not None:
        token_scopes = [word for word in scopes.replace(",", " ").split() if word]
        if not url:
            fail("--scopes needs --url: the scopes are checked against that request's operation")
        if not token_scopes:
            fail("--scopes is empty")
        from scopelint.check.declarations import validate_scopes
        from scopelint.kb.table import load_default

        validate_scopes(load_default(), token_scopes)
    explanation = explain(text, url=url, method=verb, status=status, scopes=token_scopes)
    click.echo(RENDERERS[output_format.lower()](explanation))
