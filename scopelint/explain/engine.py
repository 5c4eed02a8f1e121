"""Explain an Atlassian error message: the likely causes, what to check, and checks on the URL.

The catalogue of known errors is data (:mod:`scopelint.explain.catalogue`).  A pattern
matches on a phrase of the message (plain text, or the messages of a JSON body such as
``{"errorMessages": [...]}``, ``{"message": ..., "code": ...}`` or
``{"errors": [{"title": ..., "detail": ...}]}``), on the HTTP status, or, for the two that no
message gives away, on a detector (:data:`DETECTORS`) that looks at the request too.  When the
URL of the request is known, checks run on it: site URL or gateway (and the gateway form of a
site URL), and the scopes the endpoint accepts.

Rendering (:mod:`scopelint.explain.render`) prints nothing from the pasted text unredacted.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from scopelint.explain.catalogue import CATALOGUE, TENANT_INFO, ErrorPattern
from scopelint.explain.token_scopes import TokenScopes, describe, token_scopes
from scopelint.kb.hosts import (
    GATEWAY_SEGMENT,
    gateway_cloud_id,
    gateway_url,
    is_cloud_id,
    tenant_info_url,
)
from scopelint.kb.table import KnowledgeBase
from scopelint.kb.unknown import unknown_endpoint
from scopelint.model import PRODUCT_TITLES, Operation, Removal, Resolution

CheckStatus = Literal["ok", "problem", "info"]


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
    # the pattern's causes, those the checks confirmed first; without the ruled-out ones
    causes: list[str] = field(default_factory=list)
    ruled_out: list[str] = field(default_factory=list)  # what the checks on the URL exclude (RULED_OUT)
    title: str = ""  # the pattern's title, or its gateway_title when the URL is a gateway URL
    what_to_check: list[str] = field(default_factory=list)  # likewise ordered and filtered


@dataclass(frozen=True, slots=True)
class Check:
    id: str
    status: CheckStatus
    message: str
    details: tuple[str, ...] = ()


@dataclass(slots=True)
class Request:
    """The request the error came from, when the user says it (--url, --method), and the
    token's scopes (--scopes; None when not given)."""

    method: str
    url: str
    resolution: Resolution | None = None
    scopes: tuple[str, ...] | None = None


@dataclass(slots=True)
class Explanation:
    pasted: PastedError
    matched: list[Match]
    checks: list[Check]
    request: Request | None = None
    token: TokenScopes | None = None  # --scopes against the request's operation


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
            found.append(Match(pattern, evidence, causes=list(pattern.causes), title=pattern.title,
                               what_to_check=list(pattern.what_to_check)))
    return found


def _site_url_fact(match: Match, request: Request | None, kb: KnowledgeBase) -> None:
    resolution = request.resolution if request else None
    if resolution is not None and resolution.host_kind == "site":
        match.evidence.append(f"the URL is a site URL ({resolution.host}), not the gateway")
        match.confirmed = True


def _removal_fact(match: Match, request: Request | None, kb: KnowledgeBase) -> None:
    match.extra.extend(_removal_facts(kb, request))
    if request is not None and any(f.startswith("Replacement") for f in match.extra):
        match.confirmed = True


def _token_scopes_fact(match: Match, request: Request | None, kb: KnowledgeBase) -> None:
    """With --scopes: the token really lacks (or holds) the scopes of the request's operation."""
    op = request.resolution.operation if request and request.resolution else None
    if request is None or request.scopes is None or op is None or not op.alternatives:
        return
    result = token_scopes(op, request.scopes)
    if result.covered:
        others = "cloudId, permissions" if _cause_findings(request)["site-url"] is False \
            else "site URL, cloudId, permissions"
        match.extra.append(f"The token's scopes ({' '.join(request.scopes)}) cover {op.key}: "
                           f"look at the other causes ({others}).")
        return
    first = result.needed[0]
    match.evidence.append(f"the token lacks {', '.join(first.missing)} for {op.key}")
    match.confirmed = True


def _granular_scopes_fact(match: Match, request: Request | None, kb: KnowledgeBase) -> None:
    resolution = request.resolution if request else None
    if resolution is not None and resolution.operation is not None:
        granular = [a for a in resolution.operation.alternatives if a.kind == "granular"]
        for alt in granular:
            match.extra.append(f"Granular scopes of {resolution.operation.key}: "
                               f"{' '.join(alt.scopes) or '(none needed)'}")
        match.confirmed = True


# What the request adds to a matched pattern (named by ``ErrorPattern.request_facts``).
REQUEST_FACTS: dict[str, Callable[[Match, Request | None, KnowledgeBase], None]] = {
    "site-url": _site_url_fact,
    "removal": _removal_fact,
    "granular-scopes": _granular_scopes_fact,
    "token-scopes": _token_scopes_fact,
}


def _add_request_facts(
    matches: list[Match], request: Request | None, kb: KnowledgeBase
) -> None:
    """Make causes concrete with what the URL tells (site URL, replacement, endpoint)."""
    for match in matches:
        for name in match.pattern.request_facts:
            REQUEST_FACTS[name](match, request, kb)
        _order_causes(match, request)
    # confirmed first; a pattern whose first cause the checks ruled out last
    matches.sort(key=lambda m: (not m.confirmed, _lost_its_first_cause(m)))


def _lost_its_first_cause(match: Match) -> bool:
    return bool(match.ruled_out) and match.causes[:1] != list(match.pattern.causes[:1])


def _cause_findings(request: Request | None) -> dict[str, bool | None]:
    """What the checks on the request tell about each kind of cause (``ErrorPattern.about``):
    True confirmed, False ruled out, None unknown."""
    found: dict[str, bool | None] = {"site-url": None, "scopes": None}
    resolution = request.resolution if request is not None else None
    if resolution is None:
        return found
    if resolution.host_kind == "site":
        found["site-url"] = True
    elif resolution.host_kind in ("gateway", "bitbucket"):
        found["site-url"] = False  # the token went where scoped tokens work
    op = resolution.operation
    if request is not None and request.scopes is not None and op is not None and op.alternatives:
        # confirmed when the token lacks them; scopes that cover the operation rule nothing out
        # (an OAuth 2.0 consent older than the app's scopes still lacks them)
        found["scopes"] = True if not token_scopes(op, request.scopes).covered else None
    return found


# The short reason a ruled-out kind of cause is not this error's cause, shown once.
RULED_OUT: dict[str, str] = {
    "site-url": "a token sent to the site URL (this URL goes through the API gateway)",
}


def _order_causes(match: Match, request: Request | None) -> None:
    """The match's causes ordered by what the checks found: confirmed, then unknown; the
    ruled-out ones apart (a scoped token sent to the site URL, when the URL is the gateway)."""
    pattern = match.pattern
    findings = _cause_findings(request)

    def ordered(items: tuple[str, ...], about: tuple[str, ...]) -> tuple[list[str], list[str]]:
        kinds = about or ("",) * len(items)
        verdicts = [findings.get(kind) if kind else None for kind in kinds]
        ranked = sorted(range(len(items)), key=lambda i: 0 if verdicts[i] else 1)
        kept = [items[i] for i in ranked if verdicts[i] is not False]
        return kept, [RULED_OUT[kinds[i]] for i in range(len(items)) if verdicts[i] is False]

    match.causes, ruled_out = ordered(pattern.causes, pattern.about)
    match.what_to_check, _ = ordered(pattern.what_to_check, pattern.check_about)
    match.ruled_out = list(dict.fromkeys(ruled_out))
    if findings["site-url"] is False and pattern.gateway_title:
        match.title = pattern.gateway_title


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
    if request.scopes is not None and resolution.operation is not None:
        checks.append(Check("token-scopes", *describe(token_scopes(resolution.operation,
                                                                   request.scopes))))
    return checks


def _host_check(request: Request, resolution: Resolution) -> Check:
    product = resolution.operation.product if resolution.operation else resolution.product
    kind = resolution.host_kind
    if kind == "site":
        details: list[str] = []
        gateway = gateway_url(request.url, product) if product not in (None, "bitbucket") else None
        if gateway:
            details.append(f"Same call through the gateway: {gateway}")
        details.append(f"cloudId: the cloudId field of {tenant_info_url(f'https://{resolution.host}')}")
        return Check(
            "site-url", "problem",
            f"{resolution.host} is a site URL: scoped API tokens and OAuth 2.0 access tokens are "
            "refused or treated as anonymous there; they only work through api.atlassian.com.",
            tuple(details),
        )
    if kind == "gateway":
        problems: list[str] = []
        segment = resolution.gateway_product
        wanted = GATEWAY_SEGMENT.get(product) if product is not None else None
        if segment and wanted and segment != wanted:
            problems.append(f"the gateway segment is /ex/{segment}/ but the path belongs to "
                            f"{PRODUCT_TITLES.get(product or '', product)}: use /ex/{wanted}/")
        cloud_id = gateway_cloud_id(request.url)
        if cloud_id and not is_cloud_id(cloud_id) and not cloud_id.startswith(("{", "$", "<", ":")):
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


def _retired_line(kb: KnowledgeBase, removal: Removal) -> str:
    from scopelint.kb.describe import retired_line

    return retired_line(removal, kb.replacement(removal))


def _endpoint_check(request: Request, resolution: Resolution, kb: KnowledgeBase) -> Check:
    op = resolution.operation
    if op is None:
        removal = kb.removal(request.method, resolution.path)
        if removal is not None:
            return Check("endpoint", "problem", _retired_line(kb, removal))
        unknown = unknown_endpoint(kb, resolution, request.method)
        return Check(
            "endpoint", "problem",
            f"{unknown.message[:1].upper()}{unknown.message[1:]}.",
            tuple(f"nearest known: {o.key}" for o in unknown.nearest),
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
    scopes: Sequence[str] | None = None,
) -> Explanation:
    """Explain ``text``; with ``url`` (and ``method``) check the request too, and with
    ``scopes`` (the token's scopes; they need ``url``) say which are missing for it."""
    if kb is None:
        from scopelint.kb.table import load_default

        kb = load_default()
    pasted = parse_error(text, status)
    request = None
    if url:
        request = Request(method.upper(), url, kb.resolve(method.upper(), url),
                          tuple(scopes) if scopes is not None else None)
    matches = match_patterns(pasted, request)
    _add_request_facts(matches, request, kb)
    checks = check_request(request, kb) if request is not None else []
    token = None
    if request is not None and request.scopes is not None and request.resolution is not None \
            and request.resolution.operation is not None:
        token = token_scopes(request.resolution.operation, request.scopes)
    return Explanation(pasted, matches, checks, request, token)
