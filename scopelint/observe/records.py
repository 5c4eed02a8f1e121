"""One recorded request, made safe to keep: the shape every reader (HAR, request log) yields.

Nothing a recording holds as a credential survives into a ``RecordedRequest``: the URL loses
its user-info, fragment and every query value (``?access_token=…``), tokens left in its path
are cut to a short prefix, and of the request's headers only *which kind* of authentication
was used is kept (a token, a Connect JWT, a browser session), never a value.  Request bodies
and cookies are never read.  An answer's body is kept only for the error statuses scopelint
explains, at most ``BODY_LIMIT`` characters, with credentials redacted.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlsplit, urlunsplit

from scopelint.common.redact import scrub
from scopelint.model import Location

# How the request authenticated, from its headers (never their values):
# "token": an Authorization header with Basic or Bearer (an API token or an OAuth 2.0 token);
# "connect-jwt": Authorization: JWT ... or ?jwt=... (an Atlassian Connect app);
# "session": cookies only (a browser session); "none": neither was recorded;
# "unknown": the recording cannot say (a request log has no headers).
AuthKind = Literal["token", "connect-jwt", "session", "none", "unknown"]

# Statuses whose body holds the Atlassian error message that explain-error's catalogue reads.
EXPLAINED_STATUSES = frozenset({401, 403, 404, 410})
BODY_LIMIT = 4096  # characters of an error body kept (messages are short)
MESSAGE_LIMIT = 300  # characters of one error message shown

# A JSON Web Token (an OAuth 2.0 access token, a Connect JWT) anywhere in a text.
_JWT = re.compile(r"\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*")
# "password": "…", password=…, "secret": … in a message that echoes a request.
_SECRET_FIELD = re.compile(
    r"""(?i)(["']?(?:password|passwd|secret|client_secret|api[_-]?token|access_token|"""
    r"""refresh_token|token)["']?\s*[:=]\s*["']?)([^"'\s&,;}]{4,})"""
)


def redact_text(text: str) -> str:
    """``text`` with API tokens, Authorization values, JWTs and ``password=…`` values cut."""
    text = scrub(text)
    if "eyJ" in text:
        text = _JWT.sub(lambda m: f"{m.group(0)[:3]}…(JWT, {len(m.group(0))} chars)", text)
    return _SECRET_FIELD.sub(lambda m: f"{m.group(1)}…", text)


def safe_url(url: str) -> str | None:
    """``url`` with no user-info, no fragment, every query value replaced by ``…``, tokens cut.

    ``https://me:pw@acme.atlassian.net/rest/api/3/search/jql?jql=x&access_token=y#z`` ->
    ``https://acme.atlassian.net/rest/api/3/search/jql?jql=…&access_token=…``.
    None when the text is not an absolute http(s) URL.
    """
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    netloc = host if port is None else f"{host}:{port}"
    query = "&".join(
        f"{pair.split('=', 1)[0]}=…" if "=" in pair else pair
        for pair in parts.query.split("&")
        if pair
    )
    cleaned = urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", query, ""))
    return redact_text(cleaned)


def query_names(url: str) -> frozenset[str]:
    """The names of ``url``'s query parameters (lower case)."""
    try:
        query = urlsplit(url).query
    except ValueError:
        return frozenset()
    return frozenset(pair.split("=", 1)[0].lower() for pair in query.split("&") if pair)


def auth_kind(scheme: str | None, has_cookie: bool, url: str) -> AuthKind:
    """The kind of authentication from the Authorization scheme word and the cookies seen."""
    if scheme is not None:
        word = scheme.strip().split(" ", 1)[0].lower()
        if word == "jwt":
            return "connect-jwt"
        if word:
            return "token"
    if "jwt" in query_names(url):
        return "connect-jwt"
    return "session" if has_cookie else "none"


@dataclass(frozen=True, slots=True)
class RecordedRequest:
    """One request of a recording, already safe to print (see the module docstring)."""

    location: Location  # where the request's URL is in the recording (line, column: 1-based)
    entry: int  # 1-based: the HAR entry, or the line of a request log
    method: str | None  # upper case; None when the recording did not say
    url: str  # safe_url() of what was requested
    status: int | None  # the answer's HTTP status; None: no answer recorded (0, 000, missing)
    auth: AuthKind = "unknown"
    body: str | None = None  # the answer's text for EXPLAINED_STATUSES, redacted, cut


@dataclass(slots=True)
class WarningLog:
    """One-line warnings about one recording, at most ``limit`` of each kind, then a count."""

    source: str
    limit: int = 10
    lines: list[str] = field(default_factory=list)
    _counts: Counter[str] = field(default_factory=Counter)

    def add(self, kind: str, message: str) -> None:
        """Record ``message`` (it names no file; the source is put in front)."""
        self._counts[kind] += 1
        if self._counts[kind] <= self.limit:
            self.lines.append(f"{self.source}: {redact_text(message)}")

    def finish(self) -> list[str]:
        """Every warning line, with one more per kind that was cut short."""
        lines = list(self.lines)
        for kind, count in self._counts.items():
            if count > self.limit:
                lines.append(f"{self.source}: {count - self.limit} more warnings like these ({kind})")
        return lines
