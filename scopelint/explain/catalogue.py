"""The catalogue of known Atlassian errors, as data.

A pattern matches on a phrase of the message (plain text, or the messages of a JSON body),
on the HTTP status, or, for the errors that no message gives away, on a detector (a function
of :mod:`scopelint.explain.engine` named in ``detector``) that looks at the request too.
"""

from __future__ import annotations

from dataclasses import dataclass

from scopelint.kb.hosts import SITE_SUFFIX, gateway_base, tenant_info_url

GATEWAY_EXAMPLE = f"{gateway_base('jira')}/rest/api/3/..."  # https://api.atlassian.com/ex/jira/{cloudId}/...
TENANT_INFO = tenant_info_url(f"https://SITE{SITE_SUFFIX}")  # https://SITE.atlassian.net/_edge/tenant_info


@dataclass(frozen=True, slots=True)
class ErrorPattern:
    """One known error: how to recognise it, why it happens, what to check."""

    id: str
    title: str
    phrases: tuple[str, ...] = ()  # regular expressions, case-insensitive
    statuses: tuple[int, ...] = ()  # a status that on its own points here
    detector: str | None = None  # name of a function in DETECTORS, for context-only patterns
    request_facts: tuple[str, ...] = ()  # names in REQUEST_FACTS: what the URL adds to a match
    causes: tuple[str, ...] = ()
    what_to_check: tuple[str, ...] = ()
    # what each cause is about, one per cause ("" for none): what the checks on the request can
    # confirm or rule out ("site-url": a scoped token sent to SITE.atlassian.net; "scopes": the
    # token lacks scopes), so the causes are ordered by what the checks found
    about: tuple[str, ...] = ()
    check_about: tuple[str, ...] = ()  # the same for what_to_check
    gateway_title: str | None = None  # the title when the URL goes through the gateway


CAUSE_KINDS = ("", "site-url", "scopes")


CATALOGUE: tuple[ErrorPattern, ...] = (
    ErrorPattern(
        id="not-found-on-site-url",
        title="The resource looks missing: often a scoped token sent to the site URL",
        phrases=(
            r"does not exist or you do not have permission to see it",
            r"does not exist or you don't have permission",
        ),
        request_facts=("site-url",),
        causes=(
            "A scoped API token (or an OAuth 2.0 access token) was sent to the site URL "
            "(https://SITE.atlassian.net/rest/...). Scoped tokens only work through the API "
            f"gateway, {GATEWAY_EXAMPLE}; the site treats the request as anonymous, so the "
            "issue looks missing.",
            "The token lacks the read scopes this endpoint needs.",
            "The account behind the token cannot see it (Browse projects permission, an issue "
            "security level), or the key or id is wrong.",
        ),
        about=("site-url", "scopes", ""),
        check_about=("site-url", "scopes", ""),
        gateway_title="The resource looks missing: the token's scopes or the account's permissions",
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
        about=("scopes", "scopes", "scopes"),
        what_to_check=(
            "List the scopes the endpoint accepts: `scopelint scopes METHOD URL`.",
            "Pick the scopes for everything the integration calls: "
            "`scopelint suggest --endpoints 'METHOD URL'`.",
            "Make sure every scope of ONE alternative is granted; classic and granular scopes "
            "are alternatives, not parts of one set.",
            "Give the token's scopes and the URL (`--scopes a,b --url URL`) to see which are "
            "missing.",
        ),
        request_facts=("token-scopes",),
    ),
    ErrorPattern(
        id="connect-session-auth-token",
        title="The site could not read the token as a Connect session token",
        phrases=(r"failed to parse connect session auth token",),
        request_facts=("site-url",),
        causes=(
            "A Bearer token (OAuth 2.0 access token or scoped API token) was sent to the site "
            "URL, which only reads Bearer tokens as Atlassian Connect sessions. Use the gateway: "
            f"{GATEWAY_EXAMPLE}.",
            "An API token was sent as `Authorization: Bearer <token>`; API tokens go with basic "
            "auth: `Authorization: Basic base64(email:token)`.",
            "The token is truncated, expired or was revoked.",
        ),
        about=("site-url", "", ""),
        check_about=("site-url", ""),
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
        request_facts=("removal",),
        causes=(
            "Atlassian removed this endpoint; no scope or token brings it back.",
        ),
        what_to_check=(
            "Move to the replacement endpoint (named above when --url gives the endpoint you "
            "called), then check its scopes with "
            "`scopelint scopes`.",
        ),
    ),
    ErrorPattern(
        id="empty-jql-search",
        title="JQL search answered 200 with no issues: likely too few scopes",
        detector="empty_jql_search",
        request_facts=("site-url",),
        causes=(
            "With granular scopes, JQL search returns only what the token may read: without "
            "the read scopes the search endpoint lists, the answer is an empty 200, not an error.",
            "The request went to the site URL with a scoped token and ran anonymously.",
            "The JQL really matches nothing for this account (project permissions).",
        ),
        about=("scopes", "site-url", ""),
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
        request_facts=("granular-scopes",),
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
