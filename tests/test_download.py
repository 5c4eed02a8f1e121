"""fetch_bytes: the one downloader (kb update, kb build --allow-network)."""

from __future__ import annotations

import pytest
from local_http import Route, clear_proxies, serve

from scopelint.kb.download import DownloadError, fetch_bytes


@pytest.fixture(autouse=True)
def _no_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    clear_proxies(monkeypatch)


def test_returns_the_body_of_a_200_answer() -> None:
    with serve({"/doc.json": Route(200, b'{"openapi": "3.0.1"}')}) as server:
        assert fetch_bytes(server.url + "/doc.json") == b'{"openapi": "3.0.1"}'


def test_refuses_an_answer_larger_than_allowed() -> None:
    with (
        serve({"/big.json": Route(200, b"x" * 4096)}) as server,
        pytest.raises(DownloadError) as caught,
    ):
        fetch_bytes(server.url + "/big.json", max_bytes=1024)
    assert str(caught.value) == f"{server.url}/big.json: answer is 4 KB, more than the 1 KB allowed"


def test_status_is_named_and_kept() -> None:
    with serve({"/gone": Route(410, b"", "text/plain")}) as server, pytest.raises(DownloadError) as caught:
        fetch_bytes(server.url + "/gone")
    assert str(caught.value) == f"{server.url}/gone: HTTP 410 Gone" and caught.value.status == 410


def test_same_origin_redirect_is_followed_other_hosts_are_not() -> None:
    with serve() as server:
        server.routes["/old"] = Route(301, b"", headers={"Location": "/new"})
        server.routes["/new"] = Route(200, b"moved")
        server.routes["/away"] = Route(302, b"", headers={"Location": f"http://localhost:{server.port}/new"})
        assert fetch_bytes(server.url + "/old", same_origin_only=True) == b"moved"
        with pytest.raises(DownloadError, match="redirected to another host"):
            fetch_bytes(server.url + "/away", same_origin_only=True)


def test_only_http_and_https() -> None:
    with pytest.raises(DownloadError, match="only http and https"):
        fetch_bytes("file:///etc/passwd")
