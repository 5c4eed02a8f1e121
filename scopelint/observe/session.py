"""Recorded traffic -> what it called: requests grouped per operation, failures explained.

Every request to an Atlassian host is kept: a REST call on a site (``*.atlassian.net``), the
``api.atlassian.com`` gateway and identity endpoints (``/me``,
``/oauth/token/accessible-resources``), Bitbucket (``api.bitbucket.org``), and the OAuth 2.0
authorization server (``auth.atlassian.com``, listed as identity traffic: it needs no scope).
Requests are grouped into *observed calls*: one per (method, host, operation), or per
(method, host, path) when no operation matches, so memory grows with the number of distinct
calls, not with the number of requests.  Each keeps its first location, a count per status,
how the requests authenticated, and one *failure* per (status, Atlassian message).

Failures with status 401/403/404/410 are matched against explain-error's catalogue
(``scopelint.explain``); ``because`` says in one sentence why the request failed, and
``lack_of_scope`` whether scopes would have made it work: ``"yes"`` (the answer says the
scopes do not match), ``"maybe"`` (a 404 "does not exist or you do not have permission"
through the gateway: missing read scopes, or the account cannot see it), ``"no"``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from scopelint.kb.hosts import BITBUCKET_HOST, GATEWAY_HOST, OAUTH_AUTHORIZE_HOST, is_site_host
from scopelint.kb.table import KnowledgeBase
from scopelint.model import Location, Resolution
from scopelint.observe.har import HarReader
from scopelint.observe.records import MESSAGE_LIMIT, RecordedRequest, WarningLog
from scopelint.observe.request_log import LogReader
from scopelint.observe.sources import Recording, byte_blocks, check_recordings, text_lines
from scopelint.scanning.urls import url_kind

AUTH_HOST = OAUTH_AUTHORIZE_HOST  # identity traffic: the OAuth 2.0 authorization server
# api.atlassian.com paths outside /ex/ that are API calls of their own (the user, the sites).
IDENTITY_API_PATHS = frozenset({"/me", "/oauth/token/accessible-resources"})
ENTRY_SAMPLES = 10  # entry numbers kept per observed call (the rest are counted)
CALL_LIMIT = 20_000  # distinct observed calls kept per run (the rest are counted)

CallKind = Literal["api", "identity"]
LackOfScope = Literal["yes", "maybe", "no"]


@dataclass(slots=True)
class Failure:
    """Every request of one observed call answered with one status and one message."""

    status: int
    message: str | None  # the Atlassian error message (redacted, cut), when the body had one
    location: Location  # the first such request
    url: str  # the first such request's URL (safe)
    count: int = 0
    entries: list[int] = field(default_factory=list)  # the first ENTRY_SAMPLES entry numbers
    cause: str | None = None  # id of the explain-error pattern that matched, if any
    because: str | None = None  # "this request failed because …" (without those words)
    lack_of_scope: LackOfScope = "no"


@dataclass(slots=True)
class ObservedCall:
    """Every recorded request to one operation (or one unmatched path) on one host."""

    kind: CallKind
    method: str
    url: str  # the first request's URL (safe: see records.safe_url)
    host: str
    location: Location  # the first request's URL in its recording
    resolution: Resolution | None  # None for identity traffic (auth.atlassian.com)
    count: int = 0
    statuses: Counter[int | None] = field(default_factory=Counter)
    auth: Counter[str] = field(default_factory=Counter)
    entries: list[int] = field(default_factory=list)
    failures: dict[tuple[int, str | None], Failure] = field(default_factory=dict)
    # the first body per failure key, for explaining (emptied once explained)
    bodies: dict[tuple[int, str | None], str] = field(default_factory=dict)

    @property
    def endpoint(self) -> str | None:
        """``METHOD template`` of the operation, or None when none matched."""
        op = self.resolution.operation if self.resolution is not None else None
        return op.key if op is not None else None

    @property
    def failed(self) -> int:
        return sum(f.count for f in self.failures.values())


@dataclass(slots=True)
class RecordingSummary:
    path: str  # as shown
    entries: int = 0  # HAR entries, or request lines of a log
    api_requests: int = 0  # to Atlassian REST APIs and identity endpoints
    other_atlassian: int = 0  # to Atlassian hosts but no REST API (pages, assets, GraphQL)
    other: int = 0  # elsewhere


@dataclass(slots=True)
class Traffic:
    """What one or more recordings show."""

    recordings: list[RecordingSummary]
    calls: list[ObservedCall]
    warnings: list[str]
    dropped_calls: int = 0  # requests not grouped because CALL_LIMIT was reached

    @property
    def api_calls(self) -> list[ObservedCall]:
        return [c for c in self.calls if c.kind == "api"]

    @property
    def requests(self) -> int:
        return sum(c.count for c in self.calls)

    def failures(self) -> Iterator[tuple[ObservedCall, Failure]]:
        for call in self.calls:
            for failure in call.failures.values():
                yield call, failure


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def is_atlassian_traffic(url: str) -> bool:
    """Does ``url`` (as recorded) go to an Atlassian host this module keeps?"""
    host = _host(url)
    return is_site_host(host) or host in (GATEWAY_HOST, BITBUCKET_HOST, AUTH_HOST)


class _Collector:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.calls: dict[tuple[str, str, str], ObservedCall] = {}
        self.dropped = 0

    def add(self, request: RecordedRequest, summary: RecordingSummary) -> None:
        host = _host(request.url)
        method = request.method or "GET"
        path = urlsplit(request.url).path or "/"
        resolution: Resolution | None = None
        if host == AUTH_HOST:
            kind: CallKind = "identity"
            key = (method, host, path)
        elif url_kind(request.url) == "call" or (host == GATEWAY_HOST and path.rstrip("/") in
                                                 IDENTITY_API_PATHS):
            kind = "api"
            resolution = self.kb.resolve(method, request.url)
            op = resolution.operation
            key = (method, host, op.path if op is not None else resolution.path)
        else:
            summary.other_atlassian += 1
            return
        summary.api_requests += 1
        call = self.calls.get(key)
        if call is None:
            if len(self.calls) >= CALL_LIMIT:
                self.dropped += 1
                return
            call = ObservedCall(kind, method, request.url, host, request.location, resolution)
            self.calls[key] = call
        call.count += 1
        call.statuses[request.status] += 1
        call.auth[request.auth] += 1
        if len(call.entries) < ENTRY_SAMPLES:
            call.entries.append(request.entry)
        if request.status is not None and request.status >= 400:
            self._failure(call, request)

    def _failure(self, call: ObservedCall, request: RecordedRequest) -> None:
        assert request.status is not None
        message = _first_message(request.body)
        key = (request.status, message)
        failure = call.failures.get(key)
        if failure is None:
            failure = Failure(request.status, message, request.location, request.url)
            call.failures[key] = failure
            if request.body:
                call.bodies[key] = request.body
        failure.count += 1
        if len(failure.entries) < ENTRY_SAMPLES:
            failure.entries.append(request.entry)


def _first_message(body: str | None) -> str | None:
    if not body or not body.strip():
        return None
    from scopelint.explain import parse_error

    pasted = parse_error(body)
    text = pasted.messages[0] if pasted.messages else body.strip().splitlines()[0]
    text = " ".join(text.split())
    return text if len(text) <= MESSAGE_LIMIT else text[:MESSAGE_LIMIT] + "…"


def read_traffic(
    recordings: Iterable[Recording], kb: KnowledgeBase | None = None, cwd: Path | None = None
) -> Traffic:
    """Read every recording (streamed), group its Atlassian requests, explain the failures.

    Raises ``RecordingError`` (one line, naming the file) for a recording from which nothing
    could be read: missing, not JSON, not a HAR file, not a request log.
    """
    if kb is None:
        from scopelint.kb.table import load_default

        kb = load_default()
    cwd = cwd or Path.cwd()
    recordings = list(recordings)
    check_recordings(recordings)
    collector = _Collector(kb)
    summaries: list[RecordingSummary] = []
    warnings: list[str] = []
    for recording in recordings:
        shown = recording.display(cwd)
        summary = RecordingSummary(shown)
        log = WarningLog(shown)

        def cut_short(message: str, log: WarningLog = log) -> None:
            log.add("truncated", message)

        if recording.kind == "har":
            har = HarReader(shown, log, is_atlassian_traffic)
            for request in har.read(byte_blocks(recording, cwd, shown, cut_short)):
                collector.add(request, summary)
            summary.entries = har.entries
            summary.other = har.entries - har.requests
        else:
            reader = LogReader(shown, log, is_atlassian_traffic)
            for request in reader.read(text_lines(recording, cwd, shown, cut_short)):
                collector.add(request, summary)
            summary.entries = reader.entries
            summary.other = reader.entries - reader.requests
            reader.finish()
        summaries.append(summary)
        warnings.extend(log.finish())
    if collector.dropped:
        warnings.append(f"more than {CALL_LIMIT} distinct calls recorded; "
                        f"{collector.dropped} requests to further ones were not grouped")
    order = {summary.path: index for index, summary in enumerate(summaries)}
    calls = sorted(collector.calls.values(),
                   key=lambda c: (order.get(c.location.path, 0), c.location.line, c.location.column))
    from scopelint.observe.explaining import explain_failures

    explain_failures(calls, kb)
    return Traffic(summaries, calls, warnings, collector.dropped)
