"""Generate a large HAR 1.2 file shaped like a browser devtools export (seeded, reproducible).

    python bench/gen_har.py [--size-mb 1024] [--out bench/.work/large.har]

Entries look like Chrome's "Export HAR (with sensitive data)": pretty-printed with two
spaces, ``_initiator`` call stacks, request and response headers (``Authorization`` with an
API token or a Bearer JWT, ``Cookie``), query strings, POST bodies, and answers of every
kind: small JSON, JavaScript bundles of 200-800 kB, base64 images, a few bodies of 4-8 MB,
401/403/404/410 error bodies as Atlassian words them.  About one entry in three goes to an
Atlassian REST API (a site, the gateway, Bitbucket); the rest are pages, assets, analytics.
"""

from __future__ import annotations

import argparse
import base64
import json
import random
from pathlib import Path
from typing import Any

from _common import WORK

HAR = WORK / "large.har"
DEFAULT_MB = 1024
VERSION = "2"  # bump when the generated shape changes (the file is regenerated)

SITE = "https://acme.atlassian.net"
GATEWAY = "https://api.atlassian.com/ex/jira/11111111-2222-3333-4444-555555555555"
TOKEN = "ATATT3xFfGF0" + "Zq9" * 60  # planted: the benchmark also shows it never leaves
API_CALLS = (
    ("GET", SITE + "/rest/api/3/issue/PPT-{n}", 200),
    ("GET", GATEWAY + "/rest/api/3/issue/PPT-{n}?fields=summary", 200),
    ("PUT", GATEWAY + "/rest/api/3/issue/PPT-{n}", 204),
    ("POST", GATEWAY + "/rest/api/3/search/jql", 200),
    ("GET", GATEWAY + "/rest/api/3/project/PPT", 401),
    ("GET", SITE + "/rest/api/3/issue/PPT-{n}", 404),
    ("POST", SITE + "/rest/api/3/search", 410),
    ("GET", SITE + "/wiki/api/v2/pages/{n}", 200),
    ("GET", "https://api.bitbucket.org/2.0/repositories/acme/app/pullrequests?page={n}", 200),
)
BUNDLE = ("GET", "https://cdn.example.com/assets/app.{n}.js", 200)  # one entry in 50
OTHER = (
    ("GET", "https://cdn.example.com/img/logo-{n}.png", 200),
    ("POST", "https://analytics.example.com/v1/events", 204),
    ("GET", SITE + "/jira/software/projects/PPT/boards/{n}", 200),
)
ERRORS = {
    401: '{"code":401,"message":"Unauthorized; scope does not match"}',
    404: '{"errorMessages":["Issue does not exist or you do not have permission to see it."],'
         '"errors":{}}',
    410: '{"errorMessages":["The requested API has been removed. '
         'Please migrate to the /rest/api/3/search/jql API."]}',
}


def _headers(rng: random.Random, auth: bool) -> list[dict[str, str]]:
    headers = [
        {"name": "accept", "value": "application/json"},
        {"name": "accept-language", "value": "en-GB,en;q=0.9"},
        {"name": "user-agent", "value": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36"},
        {"name": "sec-fetch-mode", "value": "cors"},
        {"name": "x-request-id", "value": f"{rng.getrandbits(64):016x}"},
    ]
    if auth:
        headers.append({"name": "authorization", "value": f"Basic {TOKEN}"})
    session = f"tenant.session.token=eyJhbGciOiJIUzI1NiJ9.{rng.getrandbits(128):x}"
    headers.append({"name": "cookie", "value": session})
    return headers


def _body(rng: random.Random, url: str, status: int) -> dict[str, Any]:
    if status in ERRORS:
        return {"size": len(ERRORS[status]), "mimeType": "application/json", "text": ERRORS[status]}
    if url.endswith(".js"):
        size = rng.randint(200_000, 800_000)
        return {"size": size, "mimeType": "application/javascript",
                "text": ("function f(a){return a+1}\n" * (size // 26 + 1))[:size]}
    if url.endswith(".png"):
        raw = rng.randbytes(rng.randint(1_000, 30_000))
        return {"size": len(raw), "mimeType": "image/png", "encoding": "base64",
                "text": base64.b64encode(raw).decode("ascii")}
    if rng.random() < 0.004:
        size = rng.randint(4_000_000, 8_000_000)
        return {"size": size, "mimeType": "application/json", "text": "[" + "0," * (size // 2) + "0]"}
    issue = {"id": str(rng.randint(10000, 99999)), "key": "PPT-1", "self": url,
             "fields": {"summary": "Generated issue " * rng.randint(1, 40), "labels": ["a", "b"]}}
    text = json.dumps(issue)
    return {"size": len(text), "mimeType": "application/json", "text": text}


def _entry(rng: random.Random, n: int) -> dict[str, Any]:
    api = rng.random() < 0.35
    method, template, status = rng.choice(API_CALLS if api else OTHER)
    if rng.random() < 0.02:
        method, template, status = BUNDLE
    url = template.format(n=n)
    request: dict[str, Any] = {
        "method": method,
        "url": url,
        "httpVersion": "http/2.0",
        "headers": _headers(rng, api),
        "queryString": [{"name": "fields", "value": "summary"}] if "?" in url else [],
        "cookies": [{"name": "tenant.session.token", "value": f"{rng.getrandbits(96):x}"}],
        "headersSize": -1,
        "bodySize": 0,
    }
    if method in ("POST", "PUT"):
        request["postData"] = {"mimeType": "application/json",
                               "text": json.dumps({"jql": "project = PPT", "password": "hunter2"})}
    return {
        "_initiator": {"type": "script", "stack": {"callFrames": [
            {"functionName": "load", "scriptId": "42",
             "url": f"https://cdn.example.com/assets/app.{n % 97}.js",
             "lineNumber": rng.randint(1, 9000), "columnNumber": rng.randint(1, 90)}]}},
        "_priority": "High",
        "_resourceType": "fetch",
        "cache": {},
        "connection": str(rng.randint(1000, 99999)),
        "pageref": "page_1",
        "request": request,
        "response": {
            "status": status,
            "statusText": "",
            "httpVersion": "http/2.0",
            "headers": [{"name": "content-type", "value": "application/json;charset=UTF-8"},
                        {"name": "x-arequestid", "value": f"{rng.getrandbits(64):x}"}],
            "cookies": [],
            "content": _body(rng, url, status),
            "redirectURL": "",
            "headersSize": -1,
            "bodySize": -1,
            "_transferSize": rng.randint(300, 90_000),
            "_error": None,
        },
        "serverIPAddress": "104.192.141.1",
        "startedDateTime": "2026-11-28T10:00:00.000Z",
        "time": rng.random() * 400,
        "timings": {"blocked": 1.2, "dns": -1, "ssl": -1, "connect": -1, "send": 0.1,
                    "wait": 120.5, "receive": 3.3, "_blocked_queueing": 0.8},
    }


def generate(path: Path = HAR, size_mb: int = DEFAULT_MB, seed: int = 20) -> Path:
    """Write the HAR (unless one of this version and size is there) and return its path."""
    marker = path.with_suffix(".version")
    wanted = f"{VERSION} {size_mb} {seed}"
    if path.is_file() and marker.is_file() and marker.read_text() == wanted:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    target = size_mb * 2**20
    written = 0
    with path.open("w", encoding="utf-8") as out:
        head = ('{\n  "log": {\n    "version": "1.2",\n    "creator": {"name": "WebInspector", '
                '"version": "537.36"},\n    "pages": [],\n    "entries": [\n')
        out.write(head)
        written += len(head)
        n = 0
        while written < target:
            text = json.dumps(_entry(rng, n), indent=2)
            text = "      " + text.replace("\n", "\n      ") + ",\n"
            n += 1
            if written + len(text) >= target:
                text = text[:-2] + "\n"
                written = target
            else:
                written += len(text)
            out.write(text)
        out.write("    ]\n  }\n}\n")
    marker.write_text(wanted)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=int, default=DEFAULT_MB)
    parser.add_argument("--out", type=Path, default=HAR)
    args = parser.parse_args()
    path = generate(args.out, args.size_mb)
    print(f"{path}: {path.stat().st_size / 2**20:.0f} MiB")


if __name__ == "__main__":
    main()
