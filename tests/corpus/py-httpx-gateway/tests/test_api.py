import httpx
import respx

from confluence_backup.api import ConfluenceAPI

BASE = "https://api.atlassian.com/ex/confluence/11111111-2222-3333-4444-555555555555"


@respx.mock
def test_spaces_follow_next_links():
    respx.get(f"{BASE}/wiki/api/v2/spaces").mock(side_effect=[
        httpx.Response(200, json={"results": [{"id": "1", "key": "ENG"}],
                                  "_links": {"next": "/wiki/api/v2/spaces?cursor=abc"}}),
        httpx.Response(200, json={"results": [{"id": "2", "key": "OPS"}], "_links": {}}),
    ])
    api = ConfluenceAPI("11111111-2222-3333-4444-555555555555", "t")
    assert [s["key"] for s in api.spaces()] == ["ENG", "OPS"]


@respx.mock
def test_page_body_is_storage_format():
    route = respx.get(f"{BASE}/wiki/api/v2/pages/42").mock(
        return_value=httpx.Response(200, json={"id": "42", "body": {"storage": {"value": "<p>x</p>"}}})
    )
    ConfluenceAPI("11111111-2222-3333-4444-555555555555", "t").page("42")
    assert route.calls.last.request.url.params["body-format"] == "storage"
