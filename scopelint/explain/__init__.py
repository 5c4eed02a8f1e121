"""Explain an Atlassian error message: the likely causes, what to check, and checks on the URL.

- :mod:`~scopelint.explain.engine`: parse the pasted error, match the catalogue, check the request;
- :mod:`~scopelint.explain.catalogue`: the known errors, as data;
- :mod:`~scopelint.explain.render`: text and JSON output (credentials redacted).

The names below are the package's public interface; import them from ``scopelint.explain``.
"""

from scopelint.explain.catalogue import CATALOGUE, ErrorPattern
from scopelint.explain.engine import (
    Check,
    Explanation,
    Match,
    PastedError,
    Request,
    check_request,
    explain,
    match_patterns,
    parse_error,
)
from scopelint.explain.render import (
    FORMATS,
    RENDERERS,
    redact_secrets,
    render_json,
    render_text,
    to_json_data,
)
from scopelint.explain.token_scopes import Needed, TokenScopes, token_scopes

__all__ = [
    "CATALOGUE",
    "FORMATS",
    "RENDERERS",
    "Check",
    "ErrorPattern",
    "Explanation",
    "Match",
    "Needed",
    "PastedError",
    "Request",
    "TokenScopes",
    "check_request",
    "explain",
    "match_patterns",
    "parse_error",
    "redact_secrets",
    "render_json",
    "render_text",
    "to_json_data",
    "token_scopes",
]
