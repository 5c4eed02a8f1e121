"""Token redaction: recognise credentials in text, and show them without giving them away.

``find_secrets`` locates Atlassian API tokens and the values of ``Authorization`` headers;
``redact`` turns a token into something safe to print (a short prefix and the length);
``redact_urls`` cuts the secrets a URL carries (a user-info password, the values of
``?access_token=``, ``?jwt=``, ``?signature=`` and the like) to ``…``;
``scrub`` applies all of them to any text before it leaves scopelint (reports, error
messages, diffs, ``calls``, ``suggest``, ``scopes``, ``explain-error``).
Every layer redacts through this module; finding tokens in scanned files (SL008) is the
scanning layer's job and uses it too.
"""

from __future__ import annotations

import re

from scopelint.common.lazy_re import lazy_compile

ATLASSIAN_API_TOKEN = "atlassian-api-token"
ATLASSIAN_TOKEN = "atlassian-token"
AUTHORIZATION_BASIC = "authorization-basic"
AUTHORIZATION_BEARER = "authorization-bearer"

_PREFIX_SHOWN = 6
# (literal prefix, pattern, kind)
_TOKEN_RES: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("ATATT", lazy_compile(r"(?<![A-Za-z0-9_-])ATATT[A-Za-z0-9_\-=]{20,}"), ATLASSIAN_API_TOKEN),
    ("ATCTT", lazy_compile(r"(?<![A-Za-z0-9_-])ATCTT[A-Za-z0-9_\-=]{20,}"), ATLASSIAN_TOKEN),
)
# "Authorization: Basic xyz", "Authorization": "Bearer xyz", authorization='Basic xyz', ...
_HEADER_RE = lazy_compile(
    r"authorization['\"]?\s*[:=]\s*['\"]?\s*(basic|bearer)\s+([A-Za-z0-9+/=._~-]{16,})",
    re.IGNORECASE,
)
# In text a user pasted from a real request (an error and the curl line that caused it) every
# header value is taken for a credential: shorter ones, and ones that look like placeholders.
_ANY_HEADER_RE = lazy_compile(
    r"authorization['\"]?\s*[:=]\s*['\"]?\s*(basic|bearer)\s+([A-Za-z0-9+/=._~-]{8,})",
    re.IGNORECASE,
)

# Query parameters whose value is a credential: OAuth 2.0 (access_token, refresh_token,
# id_token, client_secret, code), Connect (jwt), signed URLs (signature, sig, X-Amz-*), keys.
_SECRET_PARAM = (
    r"[\w.-]*(?:token|secret|passw(?:or)?d|pwd|signature|credential|api[_-]?key|apikey)[\w.-]*"
    r"|jwt|sig|code|key|auth|authorization|session|sessionid"
)
_QUERY_SECRET_RE = lazy_compile(
    rf"(?i)([?&](?:{_SECRET_PARAM})=)(?![{{$])([^&#\s\"'<>`\\)\]}}]+)"
)
# scheme://user:password@host -> scheme://user:…@host
_USERINFO_RE = lazy_compile(r"(?i)(\b[a-z][a-z0-9+.-]*://[^\s/?#@:\"'<>`]*):([^\s/?#@\"'<>`]+)@")


def _cut_query_value(match: re.Match[str]) -> str:
    value = match.group(2)
    if "…" in value:
        return match.group(0)  # redacted already (``ATATT3…(192 chars)``, ``…``)
    if [(start, end) for start, end, _kind in find_secrets(value)] == [(0, len(value))]:
        return match.group(0)  # an API token: scrub shows it as its kind does (ATATT3…(192 chars))
    return f"{match.group(1)}…"


def redact_urls(text: str) -> str:
    """``text`` with the secrets of every URL in it replaced by ``…``: the password of its
    user-info (``https://me:…@acme.atlassian.net``) and the value of every query parameter
    named like a credential (``?access_token=…``, ``&jwt=…``, ``&signature=…``, ``&code=…``).

    Other parameters (``jql``, ``startAt``) and placeholders (``{token}``, ``$TOKEN``) stay;
    a value that is an Atlassian API token is left to :func:`scrub` (prefix and length).
    """
    if "=" in text:
        text = _QUERY_SECRET_RE.sub(_cut_query_value, text)
    if "@" in text and "://" in text:
        text = _USERINFO_RE.sub(lambda m: f"{m.group(1)}:…@", text)
    return text


def redact(token: str) -> str:
    """``ATATT3xFfGF0…`` -> ``ATATT3…(192 chars)``: never more than a short prefix."""
    shown = min(_PREFIX_SHOWN, len(token) // 4)
    return f"{token[:shown]}…({len(token)} chars)"


def _looks_like_credential(value: str) -> bool:
    """Tell a real credential from a placeholder such as ``YOUR_API_TOKEN_HERE``."""
    has_digit = any(ch.isdigit() for ch in value)
    has_lower = any(ch.islower() for ch in value)
    has_upper = any(ch.isupper() for ch in value)
    return has_digit and has_lower and has_upper


def find_secrets(text: str, *, every_header_value: bool = False) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every credential in ``text``, sorted, never overlapping.

    ``Authorization`` header values count when they look like a credential (16 characters or
    more, with digits, lower and upper case); with ``every_header_value`` (text pasted from a
    real request), every value of 8 characters or more counts.
    """
    if not text:
        return []
    found: list[tuple[int, int, int, str]] = []  # (start, priority, end, kind)
    for prefix, pattern, kind in _TOKEN_RES:
        if prefix in text:
            found.extend((m.start(), 0, m.end(), kind) for m in pattern.finditer(text))
    if every_header_value:
        header_re = _ANY_HEADER_RE if "authorization" in text.lower() else None
    else:
        header_re = _HEADER_RE if "uthorization" in text or "UTHORIZATION" in text else None
    if header_re is not None:
        for match in header_re.finditer(text):
            value = match.group(2).rstrip(".")  # a sentence's full stop is not part of it
            if every_header_value or _looks_like_credential(value):
                kind = AUTHORIZATION_BASIC if match.group(1).lower() == "basic" else (
                    AUTHORIZATION_BEARER
                )
                found.append((match.start(2), 1, match.start(2) + len(value), kind))
    found.sort()
    merged: list[tuple[int, int, str]] = []
    for start, _priority, end, kind in found:
        if merged and start < merged[-1][1]:
            continue  # an API token inside a header value: the token hit wins (sorted first)
        merged.append((start, end, kind))
    return merged


def scrub(text: str, *, every_header_value: bool = False) -> str:
    """``text`` with every credential replaced by its redacted form (see :func:`find_secrets`)
    and the secrets of its URLs cut (see :func:`redact_urls`)."""
    text = redact_urls(text)
    hits = find_secrets(text, every_header_value=every_header_value)
    if not hits:
        return text
    parts: list[str] = []
    previous = 0
    for start, end, _kind in hits:
        parts.append(text[previous:start])
        parts.append(redact(text[start:end]))
        previous = end
    parts.append(text[previous:])
    return "".join(parts)
