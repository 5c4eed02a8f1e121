"""A 127.0.0.1 server that answers like Atlassian Cloud, and a recorder that writes a HAR.

The server routes on the Host header, as the real hosts differ: a site (``acme.atlassian.net``)
treats a scoped token as anonymous (an issue "does not exist", 404); the gateway
(``api.atlassian.com/ex/jira/{cloudId}/...``) checks the token's scopes and answers 401
"Unauthorized; scope does not match" when they fall short; the removed ``/rest/api/3/search``
answers 410 with Atlassian's migration message; Bitbucket and the identity endpoints answer
200.  Bodies and statuses are the shapes Atlassian returns.

The recorder plays the part of devtools or a proxy: it sends each request to the server
(with the Host header of the URL the client meant), and writes what went and came back as a
HAR 1.2 entry, headers, cookies, query string, POST body and all, pretty-printed.
"""

from __future__ import annotations

import base64
import contextlib
import http.client
import json
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

CLOUD_ID = "11111111-2222-3333-4444-555555555555"
GATEWAY = f"https://api.atlassian.com/ex/jira/{CLOUD_ID}"
CONFLUENCE = f"https://api.atlassian.com/ex/confluence/{CLOUD_ID}"
SITE = "https://acme.atlassian.net"
ISSUES = {"PPT-1", "PPT-2"}

SCOPE_DOES_NOT_MATCH = {"code": 401, "message": "Unauthorized; scope does not match"}
ISSUE_NOT_FOUND = {
    "errorMessages": ["Issue does not exist or you do not have permission to see it."],
    "errors": {},
}
SEARCH_REMOVED = {
    "errorMessages": [
        "The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. "
        "A full migration guideline is available at "
        "https://developer.atlassian.com/changelog/#CHANGE-2046"
    ],
    "errors": {},
}
NOT_AUTHENTICATED = {
    "errorMessages": ["You are not authenticated. Authentication required to perform this operation."],
    "errors": {},
}

# (method, path pattern behind /ex/jira/{cloudId} or /ex/confluence/{cloudId}, accepted scope sets)
JIRA_ROUTES: tuple[tuple[str, str, tuple[frozenset[str], ...]], ...] = (
    ("GET", r"/rest/api/3/issue/([A-Z]+-\d+)", (frozenset({"read:jira-work"}),)),
    ("PUT", r"/rest/api/3/issue/([A-Z]+-\d+)", (frozenset({"write:jira-work"}),)),
    ("GET", r"/rest/api/3/project/(\w+)", (frozenset({"read:jira-work"}),)),
    ("POST", r"/rest/api/3/search/jql", (frozenset({"read:jira-work"}),)),
    ("GET", r"/rest/api/3/myself", (frozenset({"read:jira-user"}),)),
)
CONFLUENCE_ROUTES = (
    ("GET", r"/wiki/api/v2/pages/(\d+)", (frozenset({"read:page:confluence"}),)),
)


@dataclass
class Mimic:
    port: int
    tokens: dict[str, frozenset[str]]  # token -> the scopes it was created with


def _token(header: str | None) -> str | None:
    if not header:
        return None
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer":
        return value.strip()
    if scheme.lower() == "basic":
        with contextlib.suppress(ValueError):
            return base64.b64decode(value).decode("utf-8").partition(":")[2]
    return None


def _handler(state: Mimic) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _send(self, status: int, body: Any, content_type: str = "application/json;charset=UTF-8") -> None:
            data = body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("X-Arequestid", "4f3c2a1b-0000-test")
            self.end_headers()
            self.wfile.write(data)

        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            host = (self.headers.get("Host") or "").split(":")[0]
            path = urlsplit(self.path).path
            token = _token(self.headers.get("Authorization"))
            scopes = state.tokens.get(token or "", frozenset())
            if host.endswith(".atlassian.net"):
                self._site(path)
            elif host == "api.atlassian.com":
                self._gateway(path, scopes)
            elif host == "api.bitbucket.org":
                self._send(200, {"pagelen": 10, "values": [], "page": 1})
            elif host == "auth.atlassian.com":
                self._send(200, {"access_token": "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJtZSJ9.c2ln",
                                 "expires_in": 3600, "token_type": "Bearer", "scope": "read:jira-work"})
            else:
                self._send(200, b"console.log('app');", "application/javascript")

        def _site(self, path: str) -> None:
            if path.rstrip("/") in ("/rest/api/3/search", "/rest/api/2/search"):
                self._send(410, SEARCH_REMOVED)
            elif path.startswith("/rest/api/3/issue/"):
                self._send(404, ISSUE_NOT_FOUND)  # a scoped token: anonymous on the site
            else:
                self._send(401, NOT_AUTHENTICATED)

        def _gateway(self, path: str, scopes: frozenset[str]) -> None:
            if path == "/oauth/token/accessible-resources":
                self._send(200, [{"id": CLOUD_ID, "url": SITE, "name": "acme",
                                  "scopes": sorted(scopes), "avatarUrl": ""}])
                return
            match = re.match(r"/ex/(jira|confluence)/([^/]+)(/.*)$", path)
            if match is None or match.group(2) != CLOUD_ID:
                self._send(404, {"code": 404, "message": "Not Found"})
                return
            rest = match.group(3)
            if rest.rstrip("/") in ("/rest/api/3/search", "/rest/api/2/search"):
                self._send(410, SEARCH_REMOVED)
                return
            routes = JIRA_ROUTES if match.group(1) == "jira" else CONFLUENCE_ROUTES
            for method, pattern, accepted in routes:
                found = re.fullmatch(pattern, rest)
                if method != self.command or found is None:
                    continue
                if not any(alternative <= scopes for alternative in accepted):
                    self._send(401, SCOPE_DOES_NOT_MATCH)
                elif "/issue/" in rest and found.group(1) not in ISSUES:
                    self._send(404, ISSUE_NOT_FOUND)
                elif method == "PUT":
                    self._send(204, b"")
                else:
                    self._send(200, {"id": "10001", "key": found.group(1) if found.groups() else "x",
                                     "self": f"{GATEWAY}{rest}"})
                return
            self._send(404, {"code": 404, "message": "Not Found"})

        do_GET = do_POST = do_PUT = do_DELETE = _answer

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@contextlib.contextmanager
def serve(tokens: dict[str, frozenset[str]]) -> Iterator[Mimic]:
    state = Mimic(0, tokens)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    state.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Call:
    """One request the integration makes, as it means it (the real Atlassian URL)."""

    method: str
    url: str
    headers: dict[str, str] = field(default_factory=dict)
    cookies: dict[str, str] = field(default_factory=dict)
    body: str | None = None


def _pairs(items: Any) -> list[dict[str, str]]:
    return [{"name": name, "value": value} for name, value in items]


def record(mimic: Mimic, calls: list[Call]) -> dict[str, Any]:
    """Send ``calls`` to the mimic and return the HAR 1.2 log of what went and came back."""
    entries = []
    for call in calls:
        parts = urlsplit(call.url)
        headers = {"Host": parts.netloc, "Accept": "application/json",
                   "User-Agent": "acme-sync/1.4 (python-requests/2.32)", **call.headers}
        if call.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in call.cookies.items())
        if call.body is not None:
            headers["Content-Type"] = "application/json"
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        started = time.time()
        connection = http.client.HTTPConnection("127.0.0.1", mimic.port, timeout=10)
        try:
            connection.request(call.method, target, body=call.body, headers=headers)
            response = connection.getresponse()
            data = response.read()
        finally:
            connection.close()
        elapsed = (time.time() - started) * 1000
        content_type = response.getheader("Content-Type", "")
        content: dict[str, Any] = {"size": len(data), "mimeType": content_type}
        if data:
            content["text"] = data.decode("utf-8")
        request: dict[str, Any] = {
            "method": call.method,
            "url": call.url,
            "httpVersion": "HTTP/1.1",
            "headers": _pairs(headers.items()),
            "queryString": _pairs(parse_qsl(parts.query)),
            "cookies": _pairs(call.cookies.items()),
            "headersSize": -1,
            "bodySize": len(call.body or ""),
        }
        if call.body is not None:
            request["postData"] = {"mimeType": "application/json", "text": call.body}
        entries.append({
            "startedDateTime": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(started)),
            "time": elapsed,
            "request": request,
            "response": {
                "status": response.status,
                "statusText": response.reason,
                "httpVersion": "HTTP/1.1",
                "headers": _pairs(response.getheaders()),
                "cookies": [],
                "content": content,
                "redirectURL": "",
                "headersSize": -1,
                "bodySize": len(data),
            },
            "cache": {},
            "timings": {"send": 0.1, "wait": elapsed, "receive": 0.1},
        })
    return {"log": {"version": "1.2", "creator": {"name": "scopelint-test-recorder", "version": "1.0"},
                    "pages": [], "entries": entries}}


def write_har(path: Path, har: dict[str, Any], indent: int | None = 2) -> Path:
    path.write_text(json.dumps(har, indent=indent, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
