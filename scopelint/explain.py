"""Explain an Atlassian error message: the likely causes, what to check, and checks on the URL.

The catalogue of known errors is data (CATALOGUE).  A pattern matches on a phrase of the
message (plain text, or the messages of a JSON body such as ``{"errorMessages": [...]}``,
``{"message": ..., "code": ...}`` or ``{"errors": [{"title": ..., "detail": ...}]}``), on the
HTTP status, or, for the two that no message gives away, on a detector that looks at the
request too.  When the URL of the request is known, checks run on it: site URL or gateway
(and the gateway form of a site URL), and the scopes the endpoint accepts.

Nothing from the pasted text is printed unredacted: credentials are cut to a short prefix.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from scopelint.kb.table import KnowledgeBase
from scopelint.model import PRODUCT_TITLES, Operation, Removal, Resolution

CheckStatus = Literal["ok", "problem", "info"]

GATEWAY_EXAMPLE = "https://api.atlassian.com/ex/jira/{cloudId}/rest/api/3/..."
TENANT_INFO = "https://SITE.atlassian.net/_edge/tenant_info"


@dataclass(frozen=True, slots=True)
class ErrorPattern:
    """One known error: how to recognise it, why it happens, what to check."""

    id: str
    title: str
    phrases: tuple[str, ...] = ()  # regular expressions, case-insensitive
    statuses: tuple[int, ...] = ()  # a status that on its own points here
    detector: str | None = None  # name of a function in DETECTORS, for context-only patterns
    causes: tuple[str, ...] = ()
    what_to_check: tuple[str, ...] = ()


CATALOGUE: tuple[ErrorPattern, ...] = (
    ErrorPattern(
        id="not-found-on-site-url",
        title="The resource looks missing: often a scoped token sent to the site URL",
        phrases=(
            r"does not exist or you do not have permission to see it",
            r"does not exist or you don't have permission",
        ),
        causes=(
            "A scoped API token (or an OAuth 2.0 access token) was sent to the site URL "
            "(https://SITE.atlassian.net/rest/...). Scoped tokens only work through the API "
            f"gateway, {GATEWAY_EXAMPLE}; the site treats the request as anonymous, so the "
            "issue looks missing.",
            "The token lacks the read scopes this endpoint needs.",
            "The account behind the token cannot see it (Browse projects permission, an issue "
            "security level), or the key or id is wrong.",
        ),
        what_to_check=(
            f"Call the gateway form of the URL; the cloudId is in {TENANT_INFO} "
            "(the cloudId field).",
            "Compare the token's scopes with `scopelint scopes GET <url>`.",
            "Open the same issue in a browser as the token's account.",
        ),
    ),
    ErrorPattern(
        id="scope-does-not-match",
        title="The token's scopes do not cover this endpoint",
        phrases=(r"scope does not match", r"unauthorized;\s*scope"),
        causes=(
            "The token has none of the scope sets this endpoint accepts: a classic set "
            "(e.g. read:jira-work) or every scope of a granular set.",
            "An OAuth 2.0 app's scopes were changed after the user consented: the access "
            "token still carries the old scopes until the user consents again.",
            "A scoped API token's scopes are fixed when it is created: adding scopes means "
            "creating a new token.",
        ),
        what_to_check=(
            "List the scopes the endpoint accepts: `scopelint scopes METHOD URL`.",
            "Pick the scopes for everything the integration calls: "
            "`scopelint suggest --endpoints 'METHOD URL'`.",
            "Make sure every scope of ONE alternative is granted; classic and granular scopes "
            "are alternatives, not parts of one set.",
        ),
    ),
    ErrorPattern(
        id="connect-session-auth-token",
        title="The site could not read the token as a Connect session token",
        phrases=(r"failed to parse connect session auth token",),
        causes=(
            "A Bearer token (OAuth 2.0 access token or scoped API token) was sent to the site "
            "URL, which only reads Bearer tokens as Atlassian Connect sessions. Use the gateway: "
            f"{GATEWAY_EXAMPLE}.",
            "An API token was sent as `Authorization: Bearer <token>`; API tokens go with basic "
            "auth: `Authorization: Basic base64(email:token)`.",
            "The token is truncated, expired or was revoked.",
        ),
        what_to_check=(
            "The host of the request: api.atlassian.com/ex/jira/{cloudId}/... for OAuth 2.0 and "
            "scoped tokens.",
            "The Authorization scheme: Basic with email:token for API tokens, Bearer for OAuth "
            "2.0 access tokens.",
        ),
    ),
    ErrorPattern(
        id="api-removed",
        title="The endpoint was removed (410 Gone)",
        phrases=(r"the requested api has been removed", r"api has been removed"),
        statuses=(410,),
        causes=(
            "Atlassian removed this endpoint; no scope or token brings it back.",
        ),
        what_to_check=(
            "Move to the replacement endpoint (named above when --url gives the endpoint you "
            "called), then check its scopes with `scopelint scopes`.",
        ),
    ),
    ErrorPattern(
        id="empty-jql-search",
        title="JQL search answered 200 with no issues: likely too few scopes",
        detector="empty_jql_search",
        causes=(
            "With granular scopes, JQL search returns only what the token may read: without "
            "the read scopes the search endpoint lists, the answer is an empty 200, not an error.",
            "The request went to the site URL with a scoped token and ran anonymously.",
            "The JQL really matches nothing for this account (project permissions).",
        ),
        what_to_check=(
            "Compare the token's scopes with `scopelint scopes GET /rest/api/3/search/jql` "
            "(or read:jira-work, the classic alternative).",
            "Run the same JQL in the Jira issue navigator as the token's account.",
        ),
    ),
    ErrorPattern(
        id="confluence-v2-classic-scopes",
        title="Confluence v2 API with classic scopes",
        detector="confluence_v2",
        causes=(
            "Confluence REST API v2 (/wiki/api/v2/...) accepts granular scopes only "
            "(e.g. read:page:confluence); classic scopes such as read:confluence-content.all "
            "work with v1 (/wiki/rest/api/...) only.",
        ),
        what_to_check=(
            "Add the granular scopes of the endpoint: `scopelint scopes GET <url>`.",
        ),
    ),
)


# --------------------------------------------------------------------------- parsing


@dataclass(slots=True)
class PastedError:
    """What was pasted, digested: its messages, status and (if any) JSON body."""

    text: str
    messages: list[str] = field(default_factory=list)
    status: int | None = None
    body: Any = None

    @property
    def haystack(self) -> str:
        return "\n".join([*self.messages, self.text])


_STATUS_LINE = re.compile(r"\bHTTP/\d(?:\.\d)?\s+([1-5]\d\d)\b")
_STATUS_WORD = re.compile(r"\b(?:status(?:\s*code)?|code)\b[\"']?\s*[:=]?\s*([1-5]\d\d)\b", re.I)
_MESSAGE_KEYS = ("errorMessages", "message", "errorMessage", "error", "error_description",
                 "detail", "title", "reason")
_JSON_ATTEMPTS = 32  # where a JSON object may start after pasted headers or a curl line
_STATUS_KEYS = ("status", "statusCode", "code", "status-code")


def parse_error(text: str, status: int | None = None) -> PastedError:
    pasted = PastedError(text=text, status=status)
    body = _find_json(text)
    if body is not None:
        pasted.body = body
        pasted.messages = list(dict.fromkeys(_json_messages(body)))
        if pasted.status is None:
            pasted.status = _json_status(body)
    if pasted.status is None:
        match = _STATUS_LINE.search(text) or _STATUS_WORD.search(text)
        if match:
            pasted.status = int(match.group(1))
    return pasted


def _find_json(text: str) -> Any:
    """The JSON object or array in ``text``: all of it, or the first object after other text."""
    stripped = text.strip()
    try:
        return json.loads(stripped)
    except (ValueError, RecursionError):
        pass
    decoder = json.JSONDecoder()
    start = stripped.find("{")
    for _attempt in range(_JSON_ATTEMPTS):
        if start == -1:
            break
        try:
            value, _end = decoder.raw_decode(stripped, start)
        except (ValueError, RecursionError):
            value = None
        if isinstance(value, dict):
            return value
        start = stripped.find("{", start + 1)
    return None


def _json_messages(value: Any, depth: int = 0) -> Iterator[str]:
    if depth > 6:
        return
    if isinstance(value, str):
        if value.strip():
            yield value.strip()
    elif isinstance(value, list):
        for item in value:
            yield from _json_messages(item, depth + 1)
    elif isinstance(value, dict):
        for key in _MESSAGE_KEYS:
            if key in value:
                yield from _json_messages(value[key], depth + 1)
        errors = value.get("errors")
        if isinstance(errors, dict):
            for item in errors.values():
                yield from _json_messages(item, depth + 1)
        elif isinstance(errors, list):
            for item in errors:
                yield from _json_messages(item, depth + 1)


def _json_status(value: Any) -> int | None:
    candidates: list[Any] = []
    if isinstance(value, dict):
        candidates.extend(value.get(key) for key in _STATUS_KEYS)
        errors = value.get("errors")
        if isinstance(errors, list) and errors and isinstance(errors[0], dict):
            candidates.extend(errors[0].get(key) for key in _STATUS_KEYS)
    for candidate in candidates:
        if isinstance(candidate, str) and candidate.isdigit():
            candidate = int(candidate)
        if isinstance(candidate, int) and not isinstance(candidate, bool) and 100 <= candidate <= 599:
            return candidate
    return None


# --------------------------------------------------------------------------- results


@dataclass(slots=True)
class Match:
    pattern: ErrorPattern
    evidence: list[str]
    extra: list[str] = field(default_factory=list)  # facts specific to this request
    confirmed: bool = False  # the request itself (URL, status) supports this cause


@dataclass(frozen=True, slots=True)
class Check:
    id: str
    status: CheckStatus
    message: str
    details: tuple[str, ...] = ()


@dataclass(slots=True)
class Request:
    """The request the error came from, when the user says it (--url, --method)."""

    method: str
    url: str
    resolution: Resolution | None = None


@dataclass(slots=True)
class Explanation:
    pasted: PastedError
    matched: list[Match]
    checks: list[Check]
    request: Request | None = None


# --------------------------------------------------------------------------- detectors


_JQL_SEARCH_PATH = re.compile(r"/rest/api/(?:2|3|latest)/search(?:/jql)?/?(?:\?|$)")


def _empty_jql_search(pasted: PastedError, request: Request | None) -> list[str]:
    body = pasted.body
    empty_issues = isinstance(body, dict) and body.get("issues") == []
    if not empty_issues and re.search(r"\"issues\"\s*:\s*\[\s*\]", pasted.text):
        empty_issues = True
    is_search = request is not None and bool(_JQL_SEARCH_PATH.search(
        request.resolution.path if request.resolution else request.url
    ))
    says_empty = bool(re.search(
        r"\b(?:no|0|zero)\s+(?:issues|results)\b|\bempty\s+(?:result|response|list)", pasted.text, re.I
    ))
    mentions_search = bool(re.search(r"\bjql\b|/search\b", pasted.text, re.I))
    evidence: list[str] = []
    if empty_issues and (pasted.status in (None, 200)):
        evidence.append('the body holds "issues": [] (an empty result)')
    elif says_empty and (is_search or mentions_search) and pasted.status in (None, 200):
        evidence.append("the message says the search returned nothing")
    if evidence and is_search:
        evidence.append("the request is a JQL search")
    return evidence


def _confluence_v2(pasted: PastedError, request: Request | None) -> list[str]:
    path = request.resolution.path if request and request.resolution else None
    v2_request = path is not None and path.startswith("/wiki/api/v2/")
    v2_text = "/wiki/api/v2/" in pasted.text or ("api/v2" in pasted.text and "wiki" in pasted.text)
    refused = pasted.status in (401, 403) or bool(
        re.search(r"unauthori[sz]ed|forbidden|scope", pasted.haystack, re.I)
    )
    classic_named = bool(re.search(r"\b(?:read|write):confluence-[\w.-]+", pasted.text))
    if not refused or not (v2_request or v2_text):
        return []
    evidence = ["the request goes to Confluence REST API v2 (/wiki/api/v2/)"]
    if classic_named:
        evidence.append("classic Confluence scopes are named")
    return evidence


DETECTORS: dict[str, Callable[[PastedError, Request | None], list[str]]] = {
    "empty_jql_search": _empty_jql_search,
    "confluence_v2": _confluence_v2,
}


# --------------------------------------------------------------------------- matching


def match_patterns(pasted: PastedError, request: Request | None = None) -> list[Match]:
    found: list[Match] = []
    haystack = pasted.haystack
    for pattern in CATALOGUE:
        evidence: list[str] = []
        for phrase in pattern.phrases:
            hit = re.search(phrase, haystack, re.IGNORECASE)
            if hit:
                evidence.append(f'the message says "{hit.group(0)}"')
                break
        if pasted.status is not None and pasted.status in pattern.statuses:
            evidence.append(f"the status is {pasted.status}")
        if pattern.detector is not None:
            evidence.extend(DETECTORS[pattern.detector](pasted, request))
        if evidence:
            found.append(Match(pattern, evidence))
    return found


def _add_request_facts(
    matches: list[Match], request: Request | None, kb: KnowledgeBase
) -> None:
    """Make causes concrete with what the URL tells (site URL, replacement, endpoint)."""
    resolution = request.resolution if request else None
    for match in matches:
        pid = match.pattern.id
        if pid in ("not-found-on-site-url", "connect-session-auth-token", "empty-jql-search") \
                and resolution is not None and resolution.host_kind == "site":
            match.evidence.append(f"the URL is a site URL ({resolution.host}), not the gateway")
            match.confirmed = True
        if pid == "api-removed":
            match.extra.extend(_removal_facts(kb, request))
            if request is not None and any(f.startswith("Replacement") for f in match.extra):
                match.confirmed = True
        if pid == "confluence-v2-classic-scopes" and resolution is not None \
                and resolution.operation is not None:
            granular = [a for a in resolution.operation.alternatives if a.kind == "granular"]
            for alt in granular:
                match.extra.append(f"Granular scopes of {resolution.operation.key}: "
                                   f"{' '.join(alt.scopes) or '(none needed)'}")
            match.confirmed = True
    matches.sort(key=lambda m: not m.confirmed)


def _removal_facts(kb: KnowledgeBase, request: Request | None) -> list[str]:
    if request is not None and request.resolution is not None:
        resolution = request.resolution
        template = resolution.operation.path if resolution.operation else resolution.path
        removal = kb.removal(request.method, template)
        if removal is not None:
            lead = f"Replacement: {removal.replacement}" if removal.replacement else "No replacement"
            return [f"{lead} ({_retired_line(kb, removal)})"]
        return [f"{request.method} {template} is not in scopelint's list of removed endpoints."]
    known = "; ".join(f"{r.method} {r.path} -> {r.replacement}" for r in kb.removals if r.removed_on)
    facts = [f"Known removals (give --url to pick the one you called): {known}"] if known else []
    if any(r.dropped for r in kb.removals):
        facts.append("More operations were dropped from Atlassian's documents; --url shows yours.")
    return facts


# --------------------------------------------------------------------------- checks


_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)


def check_request(request: Request, kb: KnowledgeBase) -> list[Check]:
    resolution = request.resolution
    assert resolution is not None
    checks = [_host_check(request, resolution)]
    checks.append(_endpoint_check(request, resolution, kb))
    if resolution.path.startswith("/wiki/api/v2/"):
        checks.append(Check(
            "confluence-v2", "info",
            "Confluence REST API v2 accepts granular scopes only; classic scopes do not work here.",
        ))
    return checks


def _host_check(request: Request, resolution: Resolution) -> Check:
    product = resolution.operation.product if resolution.operation else resolution.product
    kind = resolution.host_kind
    if kind == "site":
        details: list[str] = []
        gateway = _gateway_form(request.url, product)
        if gateway:
            details.append(f"Same call through the gateway: {gateway}")
        details.append(
            f"cloudId: the cloudId field of https://{resolution.host}/_edge/tenant_info"
        )
        return Check(
            "site-url", "problem",
            f"{resolution.host} is a site URL: scoped API tokens and OAuth 2.0 access tokens are "
            "refused or treated as anonymous there; they only work through api.atlassian.com.",
            tuple(details),
        )
    if kind == "gateway":
        problems: list[str] = []
        segment = resolution.gateway_product
        wanted = {"confluence": "confluence"}.get(product or "", "jira") if product != "bitbucket" \
            else None
        if segment and wanted and segment != wanted:
            problems.append(f"the gateway segment is /ex/{segment}/ but the path belongs to "
                            f"{PRODUCT_TITLES.get(product or '', product)}: use /ex/{wanted}/")
        cloud_id = _gateway_cloud_id(request.url)
        if cloud_id and not _UUID.match(cloud_id) and not cloud_id.startswith(("{", "$", "<", ":")):
            problems.append(f"{cloud_id!r} does not look like a cloudId (a UUID from "
                            f"{TENANT_INFO})")
        if problems:
            return Check("gateway-url", "problem", "Gateway URL, but: " + "; ".join(problems))
        return Check("gateway-url", "ok", "The URL goes through the API gateway (api.atlassian.com).")
    if kind == "bitbucket":
        return Check("bitbucket-url", "ok", "Bitbucket API URL (api.bitbucket.org); no gateway form.")
    if kind == "relative":
        return Check(
            "host-unknown", "info",
            "No host in the URL: with a scoped token the base must be "
            "https://api.atlassian.com/ex/jira/{cloudId} (or /ex/confluence/{cloudId}).",
        )
    return Check("host-other", "info", f"{resolution.host or 'the host'} is neither a site nor the gateway.")


def _gateway_form(url: str, product: str | None) -> str | None:
    if product is None or product == "bitbucket":
        return None
    try:
        from scopelint.kb.products import site_to_gateway
    except ImportError:  # pragma: no cover - the fixing layer ships with scopelint
        return None
    try:
        return site_to_gateway(url, product, "{cloudId}")
    except ValueError:
        return None


def _gateway_cloud_id(url: str) -> str | None:
    match = re.search(r"/ex/[^/]+/([^/?#]+)", url)
    return match.group(1) if match else None


def _retired_line(kb: KnowledgeBase, removal: Removal) -> str:
    from scopelint.kb.describe import retired_line

    return retired_line(removal, kb.replacement(removal))


def _endpoint_check(request: Request, resolution: Resolution, kb: KnowledgeBase) -> Check:
    op = resolution.operation
    if op is None:
        removal = kb.removal(request.method, resolution.path)
        if removal is not None:
            return Check("endpoint", "problem", _retired_line(kb, removal))
        nearest = list(resolution.candidates) or kb.nearest(request.method, request.url)
        return Check(
            "endpoint", "problem",
            f"No known operation matches {request.method} {resolution.path}.",
            tuple(f"nearest known: {o.key}" for o in nearest),
        )
    details = tuple(_alternative_lines(op))
    removal = kb.removal(op.method, op.path)
    if removal is not None:
        return Check("endpoint", "problem", _retired_line(kb, removal), details)
    title = PRODUCT_TITLES.get(op.product, op.product)
    if not op.alternatives:
        return Check("endpoint", "problem",
                     f"{op.key} ({title}) cannot be called with OAuth 2.0 or a scoped API token "
                     "at all; no scope helps.")
    deprecated = " It is deprecated." if op.deprecated else ""
    return Check("endpoint", "info",
                 f"{op.key} ({title}) accepts a token with every scope of ONE of:{deprecated}",
                 details)


def _alternative_lines(op: Operation) -> list[str]:
    lines = []
    for alt in op.alternatives:
        state = f", {alt.state}" if alt.state else ""
        lines.append(f"{alt.kind}{state}: {' '.join(alt.scopes) or '(no scope needed)'}")
    return lines


# --------------------------------------------------------------------------- entry point


def explain(
    text: str,
    *,
    url: str | None = None,
    method: str = "GET",
    status: int | None = None,
    kb: KnowledgeBase | None = None,
) -> Explanation:
    if kb is None:
        from scopelint.kb.table import load_default

        kb = load_default()
    pasted = parse_error(text, status)
    request = None
    if url:
        request = Request(method.upper(), url, kb.resolve(method.upper(), url))
    matches = match_patterns(pasted, request)
    _add_request_facts(matches, request, kb)
    checks = check_request(request, kb) if request is not None else []
    return Explanation(pasted, matches, checks, request)


# --------------------------------------------------------------------------- rendering


_AUTH_VALUE = re.compile(
    r"(authorization['\"]?\s*[:=]\s*['\"]?\s*(?:basic|bearer)\s+)([A-Za-z0-9+/=._~-]{8,})", re.IGNORECASE
)
_PREFIX = 6


def redact_secrets(text: str) -> str:
    """``text`` with every credential cut to a short prefix (never printed in full)."""
    from scopelint.scanning.secrets import scrub

    text = scrub(text)

    def cut(match: re.Match[str]) -> str:
        value = match.group(2)
        if "…(" in value:  # already redacted
            return match.group(0)
        return f"{match.group(1)}{value[:_PREFIX]}…({len(value)} chars)"

    return _AUTH_VALUE.sub(cut, text)


def to_json_data(explanation: Explanation) -> dict[str, Any]:
    request = explanation.request
    return {
        "matched": [
            {
                "id": m.pattern.id,
                "title": m.pattern.title,
                "evidence": m.evidence,
                "causes": list(m.pattern.causes),
                "what_to_check": list(m.pattern.what_to_check),
                "facts": m.extra,
                "confirmed": m.confirmed,
            }
            for m in explanation.matched
        ],
        "checks": [
            {"id": c.id, "status": c.status, "message": c.message, "details": list(c.details)}
            for c in explanation.checks
        ],
        "status": explanation.pasted.status,
        "messages": explanation.pasted.messages,
        "request": None if request is None else {"method": request.method, "url": request.url},
    }


def render_json(explanation: Explanation) -> str:
    return redact_secrets(json.dumps(to_json_data(explanation), indent=2, ensure_ascii=False))


def render_text(explanation: Explanation) -> str:
    pasted = explanation.pasted
    lines: list[str] = []
    for message in pasted.messages[:5]:
        shown = message if len(message) <= 300 else message[:300] + "…"
        lines.append(f"Message: {shown}")
    if pasted.status is not None:
        lines.append(f"Status:  {pasted.status}")
    if lines:
        lines.append("")
    if explanation.matched:
        lines.append("Likely causes, most likely first:" if len(explanation.matched) > 1
                     else "Likely cause:")
        for number, match in enumerate(explanation.matched, 1):
            lines += ["", f"{number}. {match.pattern.title}"]
            lines.append("   Recognised because " + "; ".join(match.evidence) + ".")
            lines.append("   Why it happens:")
            lines.extend(f"   - {cause}" for cause in match.pattern.causes)
            lines.extend(f"   * {fact}" for fact in match.extra)
            lines.append("   What to check:")
            lines.extend(f"   - {item}" for item in match.pattern.what_to_check)
    else:
        lines.append("No known error pattern matched this message.")
        lines.append("Check the scopes of the endpoint (`scopelint scopes METHOD URL`) and that a "
                     "scoped token goes through https://api.atlassian.com/ex/jira/{cloudId}/...")
    if explanation.request is not None:
        request = explanation.request
        lines += ["", f"Checks for {request.method} {request.url}:"]
        for check in explanation.checks:
            lines.append(f"  [{check.status}] {check.message}")
            lines.extend(f"      {detail}" for detail in check.details)
    return redact_secrets("\n".join(lines))
