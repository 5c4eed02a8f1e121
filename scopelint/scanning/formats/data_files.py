"""Data is not code: files and documents that hold records of requests, never requests.

Exports (CSV/TSV), logs, XML exports, saved API responses, recorded traffic
(HAR) and the reports scopelint itself writes (SARIF, JSON, baselines) are full of Atlassian
URLs: ``self`` links, request lines, findings.  None of them is a call or an API base a program
uses, so none is reported as one (tokens in them still are: a leaked token is leaked wherever
it sits).  The decision is by the kind of the file and by the structure of its content:

* :func:`is_data_file`: a file of a data kind (its suffix says tabular data, a log, an XML
  export, a report or a recording), or, for a file whose name says nothing about its kind, text shaped
  like one (timestamped lines; rows with the same number of delimiters);
* :func:`data_document_kind`: a parsed JSON/YAML document shaped like an API response (an
  object with a ``self`` link, ``_links``/``_expandable``, Bitbucket's ``links.self``, paging
  fields such as ``startAt`` + ``maxResults``, ``isLast``, ``pagelen`` + ``values``), a SARIF
  report, scopelint's JSON report, call inventory or baseline, a HAR recording or an OpenAPI
  document;
* :data:`LINK_KEYS`: inside a configuration document, the values under these keys are links
  the API returned, not settings.

The field names come from Atlassian's REST documents (``../shared/specs``): Jira's paged
results (``startAt``, ``maxResults``, ``total``, ``isLast``, ``values``, ``nextPageToken``),
``self`` on every Jira resource, Confluence's ``_links``/``_expandable``, Bitbucket's
``links.self.href`` and ``pagelen``/``page``/``next``.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Mapping
from pathlib import PurePosixPath
from typing import Any

from scopelint.common.lazy_re import lazy_compile

# Kinds of file that hold data: tables, logs, XML exports, reports, recordings, record streams.
# (HTML is documentation: no calls are read from it, but an app's page may link the OAuth
# consent screen, whose scopes are a declaration.)
DATA_SUFFIXES: tuple[str, ...] = (
    ".csv", ".tsv", ".psv", ".log", ".xml", ".sarif", ".har", ".jsonl", ".ndjson",
)
# Names that say nothing of the content's kind: the content decides.
_UNTYPED_SUFFIXES: tuple[str, ...] = ("", ".txt", ".dat", ".out", ".data")

# Keys whose values (or whose whole subtree) are links an API answered with.
LINK_KEYS: frozenset[str] = frozenset({"self", "_links", "_expandable"})

_TIMESTAMP_RE = lazy_compile(
    r"^\W{0,2}(?:\d{4}-\d\d-\d\d[T ]\d\d:\d\d"  # 2025-05-31 02:00:00 / ISO 8601
    r"|\d\d/\w{3}/\d{4}:\d\d:\d\d"  # 31/May/2025:02:00:00 (access logs)
    r"|[A-Z][a-z]{2} +\d{1,2} \d\d:\d\d:\d\d"  # May 31 02:00:00 (syslog)
    r"|\d\d:\d\d:\d\d[.,]\d+)"  # 02:00:00.114
)
_SAMPLE_LINES = 50
_MAX_NODES = 5_000


def suffix_of(display: str) -> str:
    name = PurePosixPath(display.replace("\\", "/")).name.lower()
    dot = name.rfind(".")
    return name[dot:] if dot > 0 else ""


def is_data_file(display: str, text: str) -> bool:
    """Does the file hold data (records, logs, exports, reports) rather than code or config?"""
    suffix = suffix_of(display)
    if suffix in DATA_SUFFIXES:
        return True
    if suffix not in _UNTYPED_SUFFIXES:
        return False
    lines = [line for line in text.splitlines()[:_SAMPLE_LINES] if line.strip()]
    return _looks_like_log(lines) or _looks_like_table(lines)


def _looks_like_log(lines: list[str]) -> bool:
    if len(lines) < 2:
        return False
    stamped = sum(1 for line in lines if _TIMESTAMP_RE.match(line))
    return stamped * 10 >= len(lines) * 6


def _looks_like_table(lines: list[str]) -> bool:
    if len(lines) < 3:
        return False
    for delimiter in (",", "\t", ";", "|"):
        counts = [_count_outside_quotes(line, delimiter) for line in lines]
        if counts[0] >= 2 and sum(1 for count in counts if count == counts[0]) * 10 >= len(lines) * 8:
            return True
    return False


def _count_outside_quotes(line: str, delimiter: str) -> int:
    count, quoted = 0, False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif ch == delimiter and not quoted:
            count += 1
    return count


# --------------------------------------------------------------------------- parsed documents


def data_document_kind(document: Any) -> str | None:
    """What kind of data a parsed JSON/YAML document is (``"a saved API response"``), or None
    when it may be configuration."""
    if isinstance(document, Mapping):
        kind = _report_kind(document)
        if kind is not None:
            return kind
    elif isinstance(document, list) and document and all(
        isinstance(row, Mapping) and {"path", "line", "url"} <= set(row) for row in document[:20]
    ):
        return "a call inventory (scopelint calls --format json)"
    for mapping in _mappings(document):
        if _is_api_resource(mapping):
            return "a saved API response"
    return None


def _report_kind(document: Mapping[Any, Any]) -> str | None:
    schema = str(document.get("$schema", "")).lower()
    if isinstance(document.get("runs"), list) and ("sarif" in schema or document.get("version") == "2.1.0"):
        return "a SARIF report"
    if isinstance(document.get("findings"), list) and isinstance(document.get("summary"), Mapping):
        return "a scopelint report"
    if isinstance(document.get("fingerprints"), Mapping) and "version" in document:
        return "a scopelint baseline"
    log = document.get("log")
    if isinstance(log, Mapping) and isinstance(log.get("entries"), list):
        return "a HAR recording"
    if ("openapi" in document or "swagger" in document) and isinstance(document.get("paths"), Mapping):
        return "an OpenAPI document"
    return None


def _is_api_resource(mapping: Mapping[Any, Any]) -> bool:
    self_link = mapping.get("self")
    if isinstance(self_link, str) and "://" in self_link:
        return True  # Jira: every resource links itself
    if "_links" in mapping or "_expandable" in mapping:
        return True  # Confluence
    links = mapping.get("links")
    if isinstance(links, Mapping) and isinstance(links.get("self"), Mapping):
        return True  # Bitbucket: links.self.href
    keys = set(mapping)
    if {"startAt", "maxResults"} <= keys or ("isLast" in keys and "values" in keys):
        return True  # Jira paging
    if "pagelen" in keys and "values" in keys:
        return True  # Bitbucket paging
    expand = mapping.get("expand")
    return isinstance(expand, str) and bool(keys & {"id", "key", "issues", "fields"})


def _mappings(document: Any) -> Iterator[Mapping[Any, Any]]:
    """The mappings of ``document``, breadth first, each container once however many aliases
    point at it, and at most ``_MAX_NODES`` containers in all."""
    queue: deque[Any] = deque([document])
    seen: set[int] = set()
    while queue and len(seen) < _MAX_NODES:
        node = queue.popleft()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, Mapping):
            yield node
            children: Any = node.values()
        elif isinstance(node, list):
            children = node
        else:  # a document that is one scalar, or empty (`&anchor` alone): None
            continue
        queue.extend(child for child in children if isinstance(child, (Mapping, list)))
