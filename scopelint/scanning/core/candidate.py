"""The one call-site candidate type, and the one emit step that turns candidates into CallSites.

A language package reads its syntax and produces :class:`Candidate` values: a URL template as
evaluated (placeholders in whatever form the language wrote them), a method and how it was
known, where to report it (character offsets), what kind of site it is, the syntax nodes it
consumed, the client it went through (``via``) and where the URL's base came from
(``related``).  :class:`Emitter` is everything after that, the same for every language:

1. normalise placeholders (``${key}``, ``%s``, ``:key`` ... -> ``{key}`` / ``{}``);
2. classify with :func:`~scopelint.scanning.urls.url_kind` (a REST call, a bare API base,
   or nothing Atlassian: dropped);
3. de-duplicate (same place, URL, method and kind);
4. record what was consumed, so a string a call already used is not reported again as a
   leftover; and judge leftover strings (:func:`leftover`) with one rule.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable
from typing import Literal

from scopelint.common.lazy_re import lazy_compile
from scopelint.kb.hosts import SITE_HOST_PATTERN, SITE_SUFFIX, is_atlassian_host
from scopelint.kb.products import REST_PREFIXES
from scopelint.model import HTTP_METHODS, CallKind, CallSite, Location, SdkUse
from scopelint.scanning.source import SourceFile
from scopelint.scanning.urls import is_opaque_call_url, normalise_placeholders, split_url, url_kind

MethodSource = Literal["literal", "default", "inferred", "unknown"]
"""How a candidate's method was known: ``literal`` written at the call (a verb method's name,
``{ method: 'PUT' }``, ``-X PUT``); ``default`` the client's own default when none is given
(``fetch`` -> GET, ``curl -d`` -> POST); ``inferred`` read from a value elsewhere (a constant,
a helper's argument); ``unknown`` when it cannot be known (the method is then None)."""

BaseOfCall = Literal["drop", "keep", "keep-method"]
"""What the emitter does with a request whose URL turns out to be a bare API base: drop it,
keep it as a ``base-url`` site without a method, or keep it with its method."""


class Candidate:
    """One request (or configured API base) a language package found, before emitting.

    ``start``/``end`` are character offsets into the file's text (``end`` None: report a
    point).  ``consumed`` holds the language's keys of the syntax nodes the URL and method
    were read from.  ``related`` holds character offsets of where parts of the URL are
    written outside the reported place (a base URL constant, a ``baseURL`` option).
    ``classified``: the producer judged the URL with :func:`config_value_kind` (a value that
    must itself be an Atlassian URL, with or without a scheme), and ``kind`` is that verdict.
    ``sdk``: the request goes through an Atlassian SDK (an SDK request is ``classified``: its
    path comes from the SDK's table, not from a string that must look like a URL).
    """

    __slots__ = ("classified", "consumed", "elsewhere", "end", "forge_product", "kind", "method",
                 "method_source", "related", "sdk", "start", "unresolved", "url", "via")

    def __init__(  # a plain class: a dataclass costs every run milliseconds to create
        self,
        url: str,
        start: int,
        end: int | None = None,
        method: str | None = None,
        method_source: MethodSource = "unknown",
        kind: CallKind = "call",
        consumed: Iterable[Hashable] = (),
        via: str | None = None,
        related: tuple[int, ...] = (),
        forge_product: str | None = None,
        classified: bool = False,
        elsewhere: tuple[tuple[str, int, int], ...] = (),
        unresolved: str = "",
        sdk: SdkUse | None = None,
    ) -> None:
        self.url = url
        self.start = start
        self.end = end
        self.method = method
        self.method_source: MethodSource = method_source
        self.kind: CallKind = kind
        self.consumed = consumed
        self.via = via
        self.related = related
        self.forge_product = forge_product
        self.classified = classified
        self.elsewhere = elsewhere  # (path, line, column) in other files: a linked base URL
        self.unresolved = unresolved  # why part of the URL could not be linked ("" if it was)
        self.sdk = sdk

    def __repr__(self) -> str:
        return f"Candidate({self.method} {self.url!r} at {self.start}, {self.kind}, via {self.via})"


_ANONYMOUS = "{}"
_URL_STARTS = ("http://", "https://", "/", "{", "rest/", "wiki/", "2.0/")
_METHOD_AND_URL_RE = lazy_compile(r"(" + "|".join(HTTP_METHODS) + r")\s+(\S+)")
_SPACE_RE = lazy_compile(r"\s")
_SCHEME_RE = lazy_compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_BARE_SITE_RE = lazy_compile(rf"^{SITE_HOST_PATTERN}(?:/\S*)?$", re.IGNORECASE)


class Emitter:
    """Collects the call sites of one file (see the module docstring)."""

    __slots__ = ("_seen", "base_of_call", "calls", "consumed", "extractor", "opaque_calls", "source")

    def __init__(self, source: SourceFile, extractor: str, base_of_call: BaseOfCall = "keep",
                 opaque_calls: bool = False) -> None:
        self.source = source
        self.extractor = extractor
        self.base_of_call: BaseOfCall = base_of_call
        # A recognised client's request to an Atlassian API whose path cannot be read
        # (``requests.get(f"{GATEWAY}/{path}")``) is an unresolved call, not nothing (issue #14
        # item 4); only for producers whose candidates are requests (not free text).
        self.opaque_calls = opaque_calls
        self.calls: list[CallSite] = []
        self.consumed: set[Hashable] = set()
        self._seen: set[tuple[int, int | None, str, str | None, str]] = set()

    def emit(self, candidate: Candidate, leftover: bool = False) -> CallSite | None:
        """Normalise, classify and record ``candidate``; the CallSite, or None if dropped.

        A ``base-url`` candidate (a configured base) stays one whatever its path holds; a
        ``call`` whose URL is a bare base is handled as ``base_of_call`` says; with
        ``opaque_calls``, a call whose URL is an Atlassian base followed by placeholders only
        is kept as an unresolved call (never for a ``leftover`` string).
        """
        url = normalise_placeholders(candidate.url)
        verdict = candidate.kind if candidate.classified else url_kind(url)
        opaque = (self.opaque_calls and not leftover and not candidate.classified
                  and candidate.kind == "call" and verdict != "call" and is_opaque_call_url(url))
        if opaque:
            verdict = "call"
        if verdict is None:
            return None
        kind: CallKind = candidate.kind
        method = candidate.method
        if kind == "call" and verdict == "base-url":
            if self.base_of_call == "drop":
                return None
            kind = "base-url"
            if self.base_of_call == "keep":
                method = None
        source = "unknown" if method is None else candidate.method_source
        if method is not None and source == "unknown":
            source = "literal"
        identity = (candidate.start, candidate.end, url, method, kind)
        self.consumed.update(candidate.consumed)
        if identity in self._seen:
            return None
        self._seen.add(identity)
        site = CallSite(
            location=self.source.location(candidate.start, candidate.end),
            url=url,
            method=method,
            kind=kind,
            extractor=self.extractor,
            forge_product=candidate.forge_product,
            via=candidate.via,
            related=self._related(candidate),
            resolved=not opaque and _ANONYMOUS not in url and (kind != "call" or method is not None)
            and not candidate.unresolved,
            method_source=source,
            unresolved=candidate.unresolved,
            sdk=candidate.sdk,
        )
        self.calls.append(site)
        return site

    def _related(self, candidate: Candidate) -> tuple[Location, ...]:
        here = tuple(self.source.location(offset) for offset in candidate.related)
        if not candidate.elsewhere:
            return here
        there = tuple(Location(path or self.source.display, line, column)
                      for path, line, column in candidate.elsewhere)
        return tuple(dict.fromkeys(here + there))

    def emit_leftover(self, text: str, start: int, end: int | None = None,
                      consumed: Iterable[Hashable] = (),
                      related: tuple[int, ...] = (),
                      elsewhere: tuple[tuple[str, int, int], ...] = (),
                      returned: bool = False) -> CallSite | None:
        """Report a string no recognised call consumed, if it stands alone as an Atlassian
        REST URL or API base (see :func:`leftover`); ``related`` and ``elsewhere`` as for
        :class:`Candidate`.  A URL a function ``returned`` (a URL builder: its callers send
        the request, and are the calls) is reported as a base URL, never as a call."""
        found = leftover(text)
        if found is None:
            return None
        method, url = found
        kind = url_kind(normalise_placeholders(url))
        if kind is None:
            return None
        if returned and kind == "call":
            if "://" not in url:
                return None  # a path a builder returns: nothing to say until it is sent
            kind = "base-url"
        return self.emit(Candidate(url, start, end, method if kind == "call" else None,
                                   "literal", kind, consumed, related=related,
                                   elsewhere=elsewhere), leftover=True)

    def is_consumed(self, keys: Iterable[Hashable]) -> bool:
        return any(key in self.consumed for key in keys)


def config_value_kind(value: str) -> CallKind | None:
    """Like ``url_kind``, but only for a value that is itself a URL on an Atlassian host
    (a configuration value, a variable assignment): ``acme.atlassian.net/...`` without a
    scheme counts; a path alone or a sentence holding a URL does not."""
    value = value.strip()
    if not value or any(ch.isspace() for ch in value):
        return None
    if not _SCHEME_RE.match(value) and SITE_SUFFIX in value.split("/", 1)[0]:
        value = "https://" + value
    if not _SCHEME_RE.match(value):
        return None
    host, _path = split_url(value)
    if host is None or not is_atlassian_host(host.split(":")[0].split("@")[-1]):
        return None
    return url_kind(value)


def value_candidate(value: str, offset: int) -> Candidate | None:
    """A configuration value written at ``offset`` as a candidate, if it is itself an
    Atlassian URL (:func:`config_value_kind`); reported at its first non-blank character."""
    from scopelint.scanning.core.snippets import clean_url

    url = clean_url(value.strip())
    kind = config_value_kind(url)
    if kind is None:
        return None
    lead = len(value) - len(value.lstrip())
    return Candidate(url, offset + lead, kind=kind, classified=True)


def leftover(value: str) -> tuple[str | None, str] | None:
    """(method, url) when a string value on its own is an Atlassian REST URL or API base.

    The one rule for strings that reach no recognised call: trimmed, optionally written as
    ``"GET /rest/api/3/myself"``; no blanks inside (a message or a sentence is not a URL);
    starting like a URL or REST path (code in a string is not); and not a product's path
    prefix alone (``/rest/api/``: a table of prefixes, not an endpoint).  A site host written
    without a scheme (``acme.atlassian.net``, what some clients take as ``host``) is that
    site's base URL.
    """
    text = value.strip()
    if not text or not _could_be_api_url(text):
        return None
    if _BARE_SITE_RE.match(text):  # host: 'acme.atlassian.net' (clients that take a host)
        return None, "https://" + text
    method = None
    match = _METHOD_AND_URL_RE.fullmatch(text)
    if match:
        method, text = match.group(1), match.group(2)
    if _SPACE_RE.search(text) or not text.startswith(_URL_STARTS) or _is_bare_prefix(text):
        return None
    return method, text


def _could_be_api_url(text: str) -> bool:
    """Cheap substring test before the regular expressions of ``url_kind``."""
    return "atlassian" in text or "rest/" in text or "wiki/" in text or "2.0/" in text


def _is_bare_prefix(text: str) -> bool:
    """``/rest/api/``, ``/2.0/``: a product's path prefix on its own, not an endpoint."""
    path = split_url(text)[1]
    if not path.startswith(("/", "{")):
        path = "/" + path
    for prefix, _product in REST_PREFIXES:
        if prefix in path:
            return not path.split(prefix, 1)[1].strip("/")
    return False

