"""JavaScript / TypeScript extractor: Atlassian REST calls as the code really writes them.

The file is parsed with tree-sitter (the core's helper: JavaScript grammar for
.js/.mjs/.cjs/.jsx, TypeScript for .ts/.mts/.cts, TSX for .tsx).  ``index`` reads the tree
once (a query), ``calls`` and ``clients`` recognise the HTTP clients of ``knowledge/javascript.toml``
and the file's own helpers, and ``values`` reads the URL and method each one is given.  What
is left over -- a string that is a full REST URL/path but reaches no recognised call, or a
bare site/gateway base URL -- is reported too (method unknown / kind ``base-url``).  Every
candidate goes through the core's one emit step.

Mocks, assertions and server route definitions are not client calls and are skipped
(``suppress``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from scopelint.kb.hosts import SITE_SUFFIX
from scopelint.kb.scope_names import has_scope_marker
from scopelint.model import FileScan
from scopelint.scanning.core import treesitter
from scopelint.scanning.core.candidate import Candidate, Emitter
from scopelint.scanning.source import SourceFile
from scopelint.scanning.urls import normalise_placeholders, url_kind

if TYPE_CHECKING:
    from tree_sitter import Node

    from scopelint.scanning.core.environment import Environment, Export
    from scopelint.scanning.languages.javascript.calls import CallAnalyser
    from scopelint.scanning.languages.javascript.clients import Found
    from scopelint.scanning.languages.javascript.index import FileIndex
    from scopelint.scanning.languages.javascript.nodes import NodeKey
    from scopelint.scanning.languages.javascript.sdk import JsSdks

EXTRACTOR = "javascript"

# Files without any of these bytes cannot hold an Atlassian REST call or base URL.
_PREFILTER: tuple[bytes, ...] = (
    b"atlassian", b"rest/", b"/wiki", b"2.0/", b"bitbucket",
    b"requestJira", b"requestConfluence", b"requestBitbucket",
    b"jira.js", b"confluence.js", b"jira-client",  # the SDKs (data/sdk/index.json)
)
_TS_SUFFIXES = (".ts", ".mts", ".cts")


def grammar_for(display: str) -> str:
    lower = display.lower()
    if lower.endswith(".tsx"):
        return "tsx"
    if lower.endswith(_TS_SUFFIXES):
        return "typescript"
    return "javascript"


def extract(source: SourceFile, environment: Environment | None = None,
            force: bool = False) -> FileScan:
    """The call sites of one file, and (without ``environment``) its summary.

    ``environment`` answers for names the file imports (the linker's second pass: the file
    is then analysed even when nothing in it looks Atlassian); without one, the scan carries
    the file's ``FileSummary`` (as JSON) for the linker.  ``force``: analyse the file even
    when nothing in it looks Atlassian (the linker reading a module's summary on demand)."""
    scan = FileScan(path=source.display)
    try:
        data = source.text.encode("utf-8", errors="surrogatepass")
    except UnicodeError:
        data = source.text.encode("utf-8", errors="replace")
    forge = _forge_wanted(source, data)
    # (with an environment, imported names may be clients of other modules)
    calls_possible = forge or environment is not None or force or any(marker in data for marker in _PREFILTER)
    scopes_possible = has_scope_marker(source.text)
    if not (calls_possible or scopes_possible):
        from scopelint.scanning.linking.sniff import sniff

        scan.summary = sniff(EXTRACTOR, source.display, data).to_json()
        return scan
    try:
        _extract_into(scan, source, data, environment, force, calls_possible, scopes_possible, forge)
    except Exception as error:  # bad input must never stop a run
        scan.calls.clear()
        scan.declarations.clear()
        scan.platform_uses.clear()
        scan.summary = None
        scan.warnings.append(
            f"{source.display}: could not analyse JavaScript/TypeScript ({type(error).__name__})"
        )
    return scan


def _forge_wanted(source: SourceFile, data: bytes) -> bool:
    from scopelint.scanning.languages.javascript.forge import wanted

    return wanted(source, data)


def _extract_into(scan: FileScan, source: SourceFile, data: bytes,
                  environment: Environment | None, force: bool = False,
                  calls_possible: bool = True, scopes_possible: bool = False,
                  forge: bool = False) -> None:
    from scopelint.scanning.languages.javascript.calls import CallAnalyser
    from scopelint.scanning.languages.javascript.index import build_index
    from scopelint.scanning.languages.javascript.nodes import key_of
    from scopelint.scanning.languages.javascript.valuetypes import EMPTY, Trace

    grammar = grammar_for(source.display)
    root = treesitter.parse(grammar, data).root_node
    # A file parsed only because its imports were linked (nothing Atlassian in it) is read
    # on a best-effort basis: a construct the grammar does not know is no news to the user.
    opportunistic = (environment is not None or force) and not any(m in data for m in _PREFILTER)
    if root.has_error and not opportunistic:
        scan.warnings.append(
            f"{source.display}: JavaScript/TypeScript syntax errors; results may be incomplete"
        )
    index = build_index(root, data, grammar)
    if scopes_possible:
        from scopelint.scanning.languages.javascript.declarations import DeclarationReader

        scan.declarations = DeclarationReader(source, root, index).read()
    if not calls_possible:  # scope declarations only: its imports, read from the text, as unparsed
        from scopelint.scanning.linking.sniff import sniff

        scan.summary = sniff(EXTRACTOR, source.display, data).to_json()
        return
    from scopelint.scanning.core.environment import RecordingEnvironment

    recorder = RecordingEnvironment(answer=False) if environment is None else None
    analyser = CallAnalyser(index, environment if environment is not None else recorder)
    emitter = Emitter(source, EXTRACTOR, base_of_call="drop", opaque_calls=True)

    # Calls through Atlassian SDKs (only in a file that imports one, or with linked imports).
    sdk_calls: set[NodeKey] = set()
    sdk = _sdk_recogniser(source, index, analyser, scan, environment)
    if sdk is not None:
        try:
            for call in index.calls:
                sites = sdk.sites(call)
                if sites is not None:
                    sdk_calls.add(key_of(call))
                    for site in sites:
                        emitter.emit(site)
        except (RecursionError, MemoryError):
            raise
        except Exception as error:  # an SDK table or recogniser fault costs only the SDK calls
            scan.warnings.append(f"{source.display}: could not read its SDK calls ({type(error).__name__})")

    for call in index.calls:
        if sdk_calls and key_of(call) in sdk_calls:
            continue
        for found in analyser.analyse_top(call):
            if analyser.deferral_target(call, found) is None:
                emitter.emit(_candidate(source, index, found, analyser.values.unlinked))

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
            if emitter.is_consumed(own):
                continue
            offset = source.char_offset(candidate.start_byte)
            related = _related(source, index, touched, start, end)
            if want_rest and _is_rest_string(url):
                if _returned(candidate):  # a URL builder's value: its callers send it
                    if "://" in url:
                        emitter.emit(Candidate(url, offset, kind="base-url", consumed=own,
                                               related=related))
                    continue
                emitter.emit(Candidate(url, offset, consumed=touched, related=related), leftover=True)
            elif not want_rest:
                base = _base_string(url)
                if base is not None:
                    emitter.emit(Candidate(base, offset, kind="base-url", consumed=own,
                                           related=related))

    scan.calls = sorted(emitter.calls, key=lambda call: (call.location.line, call.location.column))
    if recorder is not None:
        from scopelint.scanning.languages.javascript.summary import summarise

        def locate(start_byte: int) -> tuple[str, int, int]:
            location = source.location(source.char_offset(start_byte))
            return ("", location.line, location.column)

        summary = summarise(index, locate, list(recorder.asked), analyser.callers)
        if sdk is not None:  # SDK client singletons the module exports (issue #12 part 2)
            summary.exports.update(sdk.exports(root))
        scan.summary = summary.to_json()
    if forge:
        from scopelint.scanning.languages.javascript.forge import platform_uses

        scan.platform_uses = platform_uses(source, index, analyser, root)


def sdk_exports(source: SourceFile) -> dict[str, Export]:
    """The Atlassian SDK clients one JavaScript/TypeScript module exports, as summary entries
    (issue #13), by exported name (``default`` for ``module.exports = client``)."""
    from scopelint.scanning.languages.javascript.calls import CallAnalyser
    from scopelint.scanning.languages.javascript.index import build_index

    try:
        data = source.text.encode("utf-8", errors="surrogatepass")
        grammar = grammar_for(source.display)
        root = treesitter.parse(grammar, data).root_node
        index = build_index(root, data, grammar)
        sdk = _sdk_recogniser(source, index, CallAnalyser(index), FileScan(source.display), None)
        return sdk.exports(root) if sdk is not None else {}
    except Exception:  # bad input: nothing exported, never an error
        return {}


def _sdk_recogniser(source: SourceFile, index: FileIndex, analyser: CallAnalyser, scan: FileScan,
                    environment: Environment | None) -> JsSdks | None:
    from scopelint.scanning.core.sdk import imports_an_sdk

    if environment is None and not imports_an_sdk((m for m, _ in index.imports.values()), "javascript"):
        return None
    from scopelint.scanning.core.sdk import FileSdks
    from scopelint.scanning.languages.javascript.sdk import JsSdks

    sdks = FileSdks(source.path.parent, "javascript", scan.warnings)
    return JsSdks(index, analyser.values, sdks, source, environment)


def _candidate(source: SourceFile, index: FileIndex, found: Found,
               unlinked: dict[str, str] | None = None) -> Candidate:
    """A recognised request as a core candidate; ``related``: the literals holding a scheme
    and host that the URL was built from, outside the reported place (a base constant)."""
    from scopelint.scanning.core.environment import unlinked_in

    loc = found.loc
    related = _related(source, index, found.url_consumed, loc.start_byte, loc.end_byte)
    return Candidate(
        url=found.url,
        start=source.char_offset(loc.start_byte),
        method=found.method,
        method_source="unknown" if found.method is None else found.method_source,
        kind=found.kind,
        consumed=found.consumed,
        via=found.via,
        related=related,
        forge_product=found.forge_product,
        elsewhere=tuple(found.elsewhere),
        unresolved=unlinked_in(found.url, unlinked or {}),
    )


def _related(source: SourceFile, index: FileIndex, consumed: Iterable[tuple[int, int]],
             start_byte: int, end_byte: int) -> tuple[int, ...]:
    """Character offsets of the literals holding a scheme or a site host that a URL was built
    from, outside [start_byte, end_byte) (where the URL itself is reported)."""
    return tuple(
        source.char_offset(start)
        for start, end in sorted(consumed)
        if not start_byte <= start < end_byte
        and (b"://" in index.data[start:end] or SITE_SUFFIX.encode() in index.data[start:end])
    )


def _returned(node: Node) -> bool:
    """Whether ``node`` is the value a function returns (``return `${BASE}/rest/...```, an
    arrow function's body)."""
    parent = node.parent
    while parent is not None and parent.type == "parenthesized_expression":
        node, parent = parent, parent.parent
    if parent is None:
        return False
    if parent.type == "return_statement":
        return True
    body = parent.child_by_field_name("body") if parent.type == "arrow_function" else None
    return body is not None and (body.start_byte, body.end_byte) == (node.start_byte, node.end_byte)


def _base_string(url: str) -> str | None:
    """A leftover string that is an API base (a site host written without a scheme gets one)."""
    from scopelint.scanning.core.candidate import leftover

    if url_kind(url) == "base-url":
        return url
    found = leftover(url)
    if found is not None and found[1] != url and url_kind(found[1]) == "base-url":
        return found[1]
    return None


def _is_rest_string(url: str) -> bool:
    """A leftover string worth reporting: shaped like a URL or path, and a REST call."""
    from scopelint.scanning.core.candidate import leftover

    found = leftover(url)
    return found is not None and found == (None, url) and url_kind(url) == "call"
