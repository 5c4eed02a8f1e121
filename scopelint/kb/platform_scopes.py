"""Scopes that are valid in a Forge manifest or an OAuth request but that no REST document lists."""

from __future__ import annotations

# Forge platform features (app storage, user privacy, Forge Remote tokens, Rovo actions).
FORGE_PLATFORM_SCOPES: frozenset[str] = frozenset(
    {
        "storage:app",
        "report:personal-data",
        "read:app-system-token",
        "read:app-user-token",
        "read:chat:rovo",
        # the Forge notification API (forge lint 6.1.0 NotificationVerifier; kb/forge_permissions.toml)
        "send:app-notification:jira",
        "send:app-notification:confluence",
    }
)
# OAuth 2.0 (3LO) request parameters that look like scopes.
OAUTH_EXTRA_SCOPES: frozenset[str] = frozenset({"offline_access"})

NON_REST_SCOPES: frozenset[str] = FORGE_PLATFORM_SCOPES | OAUTH_EXTRA_SCOPES
