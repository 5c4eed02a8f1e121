"""What an Atlassian OAuth 2.0 / API-token scope name looks like, without loading the table.

The scanners use this to decide whether a list or string of words in code, config or an
environment variable is an Atlassian scope declaration at all (a project may hold Google,
GitHub or Microsoft OAuth scopes too), and the rules use the table (``KnowledgeBase``) to
decide whether each word is a *known* scope.

Atlassian's scopes (the ``x-atlassian-oauth2-scopes`` / ``securitySchemes`` of its OpenAPI
documents, and "Scopes for OAuth 2.0 (3LO) and Forge apps" on developer.atlassian.com) are
``verb:thing`` (classic: ``read:jira-work``, ``manage:jira-project``,
``read:confluence-content.all``, ``read:servicedesk-request``) or ``verb:thing:product``
(granular: ``read:issue:jira``, ``write:page:confluence``, ``read:repository:bitbucket``),
plus a few without a product word (``read:me``, ``read:account``, Forge platform scopes such
as ``storage:app``) and the OAuth request parameter ``offline_access``.

A word is *Atlassian-shaped* (:func:`looks_atlassian`) when it is one of those few, or a
``verb:thing(:product)`` word naming a product (jira, confluence, servicedesk, bitbucket, ...).
GitHub's ``read:org`` or ``repo``, Slack's ``chat:write``, Google's URL scopes, and the
``openid``/``offline_access`` of other providers are not; a declaration needs at least one
Atlassian-shaped word (:func:`is_atlassian_declaration`), after which every scope-like word in
it is taken (so ``offline-access`` next to ``read:jira-work`` is read, and reported as unknown).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from scopelint.kb.hosts import OAUTH_AUTHORIZE_HOST
from scopelint.kb.platform_scopes import FORGE_PLATFORM_SCOPES

# Product words of Atlassian's scope names (every scope of the table that has a product word
# has one of these: tests/kb/test_scope_names.py checks it against the table).
PRODUCT_WORDS: tuple[str, ...] = (
    "jira", "confluence", "servicedesk", "bitbucket", "compass", "cmdb", "opsgenie", "rovo",
)
# Atlassian scopes without a product word (from the curated data and the Forge platform list).
PRODUCTLESS_SCOPES: frozenset[str] = frozenset({"read:me", "read:account"}) | FORGE_PLATFORM_SCOPES
# Valid in an Atlassian request, but other providers use the same word: never enough alone.
SHARED_SCOPES: frozenset[str] = frozenset({"offline_access"})

_PRODUCTS = "|".join(PRODUCT_WORDS)
# Patterns are compiled on first use (``_regex``): a hook run over files holding no scope
# never needs them, and compiling costs a few milliseconds.
_SHAPED = (
    rf"^[a-z]+:(?:[a-z0-9._-]*?\b(?:{_PRODUCTS})\b[a-z0-9._-]*"  # read:jira-work, read:jira-wrok
    rf"|[a-z0-9._-]+:(?:{_PRODUCTS})[a-z0-9._-]*)$"  # read:issue:jira, read:x:jira-service-management
)
# A word that can be a scope name at all (no URL, no punctuation but ``: . _ -``).
_SCOPE_WORD = r"^[A-Za-z][\w:.\-]*$"
_SEPARATORS = r"[\s,]+"


@cache
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)

# Text one of which a file must contain to hold an Atlassian-shaped scope, written plainly or
# percent-encoded in a URL (``read%3Ajira-work``), or an authorization URL: a cheap test before
# reading a file for them.
SCOPE_MARKERS: tuple[str, ...] = tuple(
    marker
    for word in PRODUCT_WORDS
    for marker in (f":{word}", f"%3A{word}", f"%3a{word}")
) + tuple(
    marker
    for name in sorted(PRODUCTLESS_SCOPES)
    for marker in (name, name.replace(":", "%3A"), name.replace(":", "%3a"))
) + (
    # an authorization URL whose scopes are written elsewhere (an imported list)
    f"{OAUTH_AUTHORIZE_HOST}/authorize",
)
SCOPE_MARKER_BYTES: tuple[bytes, ...] = tuple(marker.encode() for marker in SCOPE_MARKERS)


def looks_atlassian(word: str) -> bool:
    """Is ``word`` an Atlassian scope name, or shaped like one (a typo of one counts)?"""
    return word in PRODUCTLESS_SCOPES or _regex(_SHAPED).match(word) is not None


def is_scope_word(word: str) -> bool:
    """Could ``word`` be a scope name of any provider (``openid``, ``read:jira-work``)?"""
    return len(word) <= 100 and _regex(_SCOPE_WORD).match(word) is not None


def is_atlassian_declaration(words: Iterable[str]) -> bool:
    """Do ``words`` declare Atlassian scopes (at least one Atlassian-shaped word)?"""
    return any(looks_atlassian(word) for word in words)


def split_words(text: str) -> list[tuple[str, int]]:
    """The words of a scope string (space- or comma-separated) with their offsets in ``text``."""
    words: list[tuple[str, int]] = []
    position = 0
    for part in _regex(_SEPARATORS).split(text):
        start = text.find(part, position) if part else position
        if part:
            words.append((part, start))
            position = start + len(part)
    return words


def has_scope_marker(text: str) -> bool:
    """Might ``text`` hold an Atlassian-shaped scope (plain or percent-encoded)?"""
    return any(marker in text for marker in SCOPE_MARKERS)


def _folded(word: str) -> str:
    return word.lower().replace("-", "").replace("_", "").replace(" ", "")


def did_you_mean(word: str, known: Iterable[str], limit: int = 3) -> list[str]:
    """The known scopes ``word`` most likely misspells, best first (the standard library's
    ``difflib``): the one that differs only in case, ``-``/``_`` or spaces when there is one
    (``offline-access`` -> ``offline_access``), the single clear best match when one stands out
    (``read:jira-wrok`` -> ``read:jira-work``), else up to ``limit`` close ones."""
    import difflib

    pool = sorted(set(known))
    folded = _folded(word)
    same = [name for name in pool if _folded(name) == folded]
    if same:
        return same[:limit]
    wanted = word.strip().lower()
    close = difflib.get_close_matches(wanted, pool, n=limit, cutoff=0.6)
    if len(close) > 1:
        ratios = [difflib.SequenceMatcher(None, wanted, name).ratio() for name in close]
        if ratios[0] >= 0.85 and ratios[0] - ratios[1] >= 0.06:
            return close[:1]
    return close
