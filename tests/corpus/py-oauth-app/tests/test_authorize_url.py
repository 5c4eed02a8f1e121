from urllib.parse import parse_qs, urlparse

from app.atlassian import authorize_url


def test_authorize_url_asks_for_offline_access():
    query = parse_qs(urlparse(authorize_url("s1")).query)
    assert query["audience"] == ["api.atlassian.com"]
    assert "read:jira-work" in query["scope"][0].split()
