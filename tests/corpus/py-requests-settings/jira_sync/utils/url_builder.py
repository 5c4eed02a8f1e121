"""URL builders for the Jira Software (agile) API. ``base`` ends with a slash."""

from urllib.parse import quote


def build_sprint_url(base: str, board_id: int, state: str = "active") -> str:
    return f"{base}rest/agile/1.0/board/{board_id}/sprint?state={state}"


def build_sprint_issues_url(base: str, sprint_id: int, jql: str = "") -> str:
    url = f"{base}rest/agile/1.0/sprint/{sprint_id}/issue"
    if jql:
        url += "?jql=" + quote(jql)
    return url


def browse_url(base: str, key: str) -> str:
    """A link for people (Slack), not an API call."""
    return f"{base}browse/{key}"
