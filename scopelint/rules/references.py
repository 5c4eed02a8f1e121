"""Atlassian documentation pages the rules cite (one constant per page, shared by the rules).

Every URL is a page of developer.atlassian.com or support.atlassian.com; the rule pages
(``docs/rules.md``, ``scopelint rule CODE``) list them under "References".
"""

from __future__ import annotations

from scopelint.rules.base import Reference

API_TOKENS = Reference(
    "Manage API tokens for your Atlassian account (scoped API tokens)",
    "https://support.atlassian.com/atlassian-account/docs/manage-api-tokens-for-your-atlassian-account/",
)
BASIC_AUTH = Reference(
    "Jira Cloud: basic auth for REST APIs",
    "https://developer.atlassian.com/cloud/jira/platform/basic-auth-for-rest-apis/",
)
JIRA_OAUTH_APPS = Reference(
    "Jira Cloud: OAuth 2.0 (3LO) apps",
    "https://developer.atlassian.com/cloud/jira/platform/oauth-2-3lo-apps/",
)
CONFLUENCE_OAUTH_APPS = Reference(
    "Confluence Cloud: OAuth 2.0 (3LO) apps",
    "https://developer.atlassian.com/cloud/confluence/oauth-2-3lo-apps/",
)
CLOUD_ID = Reference(
    "OAuth 2.0: making calls to the API (the cloud ID)",
    "https://developer.atlassian.com/cloud/oauth/getting-started/making-calls-to-api/",
)
JIRA_SCOPES = Reference(
    "Jira platform: scopes for OAuth 2.0 (3LO) and Forge apps",
    "https://developer.atlassian.com/cloud/jira/platform/scopes-for-oauth-2-3LO-and-forge-apps/",
)
JIRA_SOFTWARE_SCOPES = Reference(
    "Jira Software: scopes for OAuth 2.0 (3LO) and Forge apps",
    "https://developer.atlassian.com/cloud/jira/software/scopes-for-oauth-2-3LO-and-forge-apps/",
)
JSM_SCOPES = Reference(
    "Jira Service Management: scopes for OAuth 2.0 (3LO) and Forge apps",
    "https://developer.atlassian.com/cloud/jira/service-desk/scopes-for-oauth-2-3LO-and-forge-apps/",
)
CONFLUENCE_SCOPES = Reference(
    "Confluence: scopes for OAuth 2.0 (3LO) and Forge apps",
    "https://developer.atlassian.com/cloud/confluence/scopes-for-oauth-2-3LO-and-forge-apps/",
)
CONNECT_SCOPES = Reference(
    "Jira: scopes for Connect apps",
    "https://developer.atlassian.com/cloud/jira/platform/scopes-for-connect-apps/",
)
CONFLUENCE_CONNECT_SCOPES = Reference(
    "Confluence: scopes for Connect apps",
    "https://developer.atlassian.com/cloud/confluence/scopes-for-connect-apps/",
)
FORGE_PERMISSIONS = Reference(
    "Forge manifest reference: permissions",
    "https://developer.atlassian.com/platform/forge/manifest-reference/permissions/",
)
FORGE_SCOPES = Reference(
    "Forge scopes (platform scopes such as storage:app)",
    "https://developer.atlassian.com/platform/forge/manifest-reference/scopes-forge/",
)
SEARCH_REMOVAL = Reference(
    "Developer changelog, CHANGE-2046: the JQL search endpoints replaced by /search/jql",
    "https://developer.atlassian.com/changelog/#CHANGE-2046",
)
JIRA_REST_V3 = Reference(
    "Jira Cloud platform REST API v3",
    "https://developer.atlassian.com/cloud/jira/platform/rest/v3/intro/",
)
CONFLUENCE_REST_V2 = Reference(
    "Confluence Cloud REST API v2",
    "https://developer.atlassian.com/cloud/confluence/rest/v2/intro/",
)
BITBUCKET_REST = Reference(
    "Bitbucket Cloud REST API",
    "https://developer.atlassian.com/cloud/bitbucket/rest/intro/",
)
FORGE_EGRESS = Reference(
    "Forge: runtime egress permissions",
    "https://developer.atlassian.com/platform/forge/runtime-egress-permissions/",
)
FORGE_CSP_EGRESS = Reference(
    "Forge: add content security and egress controls",
    "https://developer.atlassian.com/platform/forge/add-content-security-and-egress-controls/",
)
FORGE_STORAGE = Reference(
    "Forge: key-value store (@forge/kvs)",
    "https://developer.atlassian.com/platform/forge/runtime-reference/storage-api/",
)
FORGE_REMOTES = Reference(
    "Forge manifest reference: remotes",
    "https://developer.atlassian.com/platform/forge/manifest-reference/remotes/",
)
