"""JavaScript / TypeScript extractor: Atlassian REST calls as the code really writes them.

The file is parsed with tree-sitter (JavaScript grammar for .js/.mjs/.cjs/.jsx, TypeScript for
.ts/.mts/.cts, TSX for .tsx).  ``_js_index`` walks the tree once, ``_js_calls`` recognises the
HTTP clients (Forge ``requestJira``..., ``fetch``, axios, Node ``https``, the file's own
helpers) and ``_js_values`` reads the URL and method each one is given.  What is left over --
a string that is a full REST URL/path but reaches no recognised call, or a bare site/gateway
base URL -- is reported too (method unknown / kind ``base-url``).

Mocks, assertions and server route definitions are not client calls and are skipped
(``_js_suppress``).
"""

from __future__ import annotations

import bisect
import re
import threading
from typing import TYPE_CHECKING

from scopelint.model import CallSite, FileScan
from scopelint.scanning.source import SourceFile
from scopelint.scanning.urls import normalise_placeholders, url_kind

if TYPE_CHECKING:
    from tree_sitter import Language, Node, Parser

    from scopelint.scanning.languages.javascript.calls import Found
    from scopelint.scanning.languages.javascript.nodes import NodeKey

EXTRACTOR = "javascript"

# Files without any of these bytes cannot hold an Atlassian REST call or base URL.
_PREFILTER: tuple[bytes, ...] = (
    b"atlassian", b"rest/", b"/wiki", b"2.0/", b"bitbucket",
    b"requestJira", b"requestConfluence", b"requestBitbucket",
)
_TS_SUFFIXES = (".ts", ".mts", ".cts")

# Languages are immutable and shared by the whole process; a Parser is not safe to use from
# two threads at once, so each thread gets its own (both are created on first use only).
_languages: dict[str, Language] = {}
_thread_state = threading.local()

_URL_START_RE = re.compile(r"^(?:/|https?://|\{|(?:wiki/)?rest/|2\.0/)")


def _grammar_for(display: str) -> str:
    lower = display.lower()
    if lower.endswith(".tsx"):
        return "tsx"
    if lower.endswith(_TS_SUFFIXES):
        return "typescript"
    return "javascript"


def _language(grammar: str) -> Language:
    language = _languages.get(grammar)
    if language is None:
        from tree_sitter import Language

        if grammar == "javascript":
            import tree_sitter_javascript

            language = Language(tree_sitter_javascript.language())
        else:
            import tree_sitter_typescript

            language = Language(
                tree_sitter_typescript.language_tsx()
                if grammar == "tsx"
                else tree_sitter_typescript.language_typescript()
            )
        _languages[grammar] = language
    return language


def _parser(grammar: str) -> Parser:
    """This thread's cached tree-sitter parser for ``grammar``."""
    parsers: dict[str, Parser] | None = getattr(_thread_state, "parsers", None)
    if parsers is None:
        parsers = {}
        _thread_state.parsers = parsers
    parser = parsers.get(grammar)
    if parser is None:
        from tree_sitter import Parser

        parser = Parser(_language(grammar))
        parsers[grammar] = parser
    return parser


class _ByteColumns:
    """Maps byte offsets of the UTF-8 text to character offsets, in O(log n) per lookup."""

    def __init__(self, text: str) -> None:
        self._byte_starts: list[int] = []
        self._extra_after: list[int] = []
        extra = 0
        for match in re.finditer(r"[^\x00-\x7f]", text):
            char = match.group()
            width = len(char.encode("utf-8", errors="surrogatepass"))
            self._byte_starts.append(match.start() + extra)
            extra += width - 1
            self._extra_after.append(extra)

    def char_offset(self, byte_offset: int) -> int:
        count = bisect.bisect_left(self._byte_starts, byte_offset)
        return byte_offset - (self._extra_after[count - 1] if count else 0)


def _is_rest_string(url: str) -> bool:
    """A leftover string worth reporting: shaped like a URL or path, and a REST call."""
    return (
        _URL_START_RE.match(url) is not None
        and not any(ch.isspace() for ch in url)
        and url_kind(url) == "call"
    )


def extract(source: SourceFile) -> FileScan:
    scan = FileScan(path=source.display)
    try:
        data = source.text.encode("utf-8", errors="surrogatepass")
    except UnicodeError:
        data = source.text.encode("utf-8", errors="replace")
    if not any(marker in data for marker in _PREFILTER):
        return scan
    try:
        _extract_into(scan, source, data)
    except Exception as error:  # bad input must never stop a run
        scan.calls.clear()
        scan.warnings.append(
            f"{source.display}: could not analyse JavaScript/TypeScript ({type(error).__name__})"
        )
    return scan


def _extract_into(scan: FileScan, source: SourceFile, data: bytes) -> None:
    from scopelint.scanning.languages.javascript.calls import CallAnalyser
    from scopelint.scanning.languages.javascript.index import build_index
    from scopelint.scanning.languages.javascript.nodes import key_of
    from scopelint.scanning.languages.javascript.values import EMPTY, Trace

    tree = _parser(_grammar_for(source.display)).parse(data)
    root = tree.root_node
    if root.has_error:
        scan.warnings.append(
            f"{source.display}: JavaScript/TypeScript syntax errors; results may be incomplete"
        )
    index = build_index(root, data)
    analyser = CallAnalyser(index)
    columns = _ByteColumns(source.text) if len(data) != len(source.text) else None
    consumed: set[NodeKey] = set()
    seen: set[tuple[int, str, str | None, str]] = set()

    def emit(node: Node, url: str, method: str | None, kind: str, forge: str | None) -> None:
        offset = columns.char_offset(node.start_byte) if columns else node.start_byte
        identity = (offset, url, method, kind)
        if identity in seen:
            return
        seen.add(identity)
        scan.calls.append(
            CallSite(
                location=source.location(offset),
                url=url,
                method=method,
                kind="base-url" if kind == "base-url" else "call",
                extractor=EXTRACTOR,
                forge_product=forge,
            )
        )

    def emit_found(found: Found) -> None:
        url = normalise_placeholders(found.url)
        verdict = url_kind(url)
        # A configured base (axios baseURL) may well include the REST prefix.
        if verdict is None or (found.kind == "call" and verdict != "call"):
            return
        consumed.update(found.consumed)
        emit(found.loc, url, found.method, found.kind, found.forge_product)

    for call in index.calls:
        for found in analyser.analyse_top(call):
            if analyser.deferral_target(call, found) is None:
                emit_found(found)

    # Strings that reach no recognised call: full REST URLs/paths first, then base URLs.
    leftovers: list[tuple[Node, str, set[NodeKey]]] = []
    for candidate in index.candidates:
        trace = Trace()
        url = normalise_placeholders(analyser.values.text(candidate, EMPTY, trace))
        leftovers.append((candidate, url, trace.consumed))
    for want_rest in (True, False):
        for candidate, url, touched in leftovers:
            start, end = key_of(candidate)
            own = {k for k in touched if start <= k[0] and k[1] <= end}
            if own & consumed:
                continue
            if want_rest and _is_rest_string(url):
                consumed.update(touched)
                emit(candidate, url, None, "call", None)
            elif not want_rest and url_kind(url) == "base-url":
                consumed.update(own)
                emit(candidate, url, None, "base-url", None)

    scan.calls.sort(key=lambda call: (call.location.line, call.location.column))
