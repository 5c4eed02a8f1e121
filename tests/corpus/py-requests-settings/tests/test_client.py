import pytest
import responses

from jira_sync import client


@responses.activate
def test_get_json_returns_the_body():
    responses.add(responses.GET, "https://acme.atlassian.net/rest/api/3/myself", json={"displayName": "Bot"})
    assert client.get_json("/rest/api/3/myself")["displayName"] == "Bot"


@responses.activate
def test_an_error_status_raises():
    responses.get(
        "https://acme.atlassian.net/rest/api/3/issue/OPS-1",
        status=404,
        json={"errorMessages": ["Issue does not exist or you do not have permission to see it."]},
    )
    with pytest.raises(client.JiraError):
        client.get_json("/rest/api/3/issue/OPS-1")


@responses.activate
def test_search_follows_next_page_token():
    url = "https://acme.atlassian.net/rest/api/3/search/jql"
    responses.get(url, json={"issues": [{"key": "OPS-1"}], "nextPageToken": "abc"})
    responses.get(url, json={"issues": [{"key": "OPS-2"}]})
    assert [i["key"] for i in client.search("project = OPS", ["summary"])] == ["OPS-1", "OPS-2"]
