"""Python: Atlassian REST call sites found with the standard ``ast`` module.

Two passes over the tree.  The first (``scopes.Collector``) records scopes, bindings, imports,
calls and string-building expressions.  The second recognises HTTP client calls by their
qualified names in ``knowledge/python.toml`` (``calls.Recogniser``), evaluates each call's URL
argument into a URL template (``evaluate.Evaluator``), follows same-file helper functions that
take the path (and method) as parameters, and finally reports REST-looking string values no
recognised call consumed.  Candidates go through the core's one emit step.  Test mocks,
assertions and web-framework routes are skipped.
"""

from __future__ import annotations

import ast
import re
import warnings
from collections.abc import Iterable
from typing import TYPE_CHECKING

from scopelint.common.lazy_re import lazy_compile
from scopelint.kb.scope_names import has_scope_marker
from scopelint.model import CallKind, CallSite, FileScan, ScopeDeclaration
from scopelint.scanning.core.candidate import Candidate, Emitter, MethodSource
from scopelint.scanning.core.knowledge import table
from scopelint.scanning.core.methods import method_word
from scopelint.scanning.languages.python.calls import HttpCall, Recogniser
from scopelint.scanning.languages.python.evaluate import Evaluator
from scopelint.scanning.languages.python.scopes import (
    Collector,
    Func,
    Scope,
    last_name,
    lookup,
    node_end,
    node_start,
)
from scopelint.scanning.source import SourceFile, refuse_too_deep
from scopelint.scanning.urls import completes_call, normalise_placeholders, url_kind

if TYPE_CHECKING:
    from scopelint.scanning.core.environment import Environment, Export, FileSummary
    from scopelint.scanning.languages.python.sdk import PythonSdks, SdkSite

EXTRACTOR = "python"
_PY_NEWLINE_RE = lazy_compile(rb"\r\n|\r|\n")


class Helper:
    __slots__ = ("func", "http", "partial", "url_params", "used")

    def __init__(self, func: Func, http: HttpCall, url_params: list[str], partial: bool = False) -> None:
        self.func = func
        self.http = http
        self.url_params = url_params  # parameters the URL is built from, in parameter order
        self.partial = partial  # the parameters complete the REST path (BASE + path)
        self.used = False


def _complete_before_last_parameter(url: str) -> bool:
    """Is the URL (parameters written ``\x00name\x00``) a whole REST call without the help
    of a parameter that ends its path (``.../issue/`` + key is; a base + path is not)?"""
    matches = list(re.finditer("\x00([^\x00]*)\x00", url))
    readable = re.sub("\x00([^\x00]*)\x00", r"{\1}", url)
    if not matches or url[matches[-1].end():].split("?", 1)[0].strip("/"):
        return url_kind(normalise_placeholders(readable)) == "call"  # the path ends in fixed text
    prefix = re.sub("\x00([^\x00]*)\x00", r"{\1}", url[: matches[-1].start()])
    return completes_call(normalise_placeholders(prefix))


def extract(source: SourceFile, environment: Environment | None = None,
            force: bool = False) -> FileScan:
    """The call sites of one Python file, and (without ``environment``) its summary.

    ``environment`` answers for names the file imports (cross-file linking: the linker's
    second pass); by default nothing outside the file is known, and the scan carries the
    file's ``FileSummary`` (as JSON) for the linker."""
    scan = FileScan(path=source.display)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. "invalid escape sequence": not ours to report
            tree = ast.parse(source.text, filename=source.display)
    except SyntaxError as error:
        where = f" at line {error.lineno}" if error.lineno else ""
        scan.warnings.append(_not_python(source, f"{error.msg}{where}"))
        return scan
    except RecursionError:
        refuse_too_deep(scan)
        return scan
    except (ValueError, MemoryError) as error:
        scan.warnings.append(_not_python(source, str(error) or type(error).__name__))
        return scan
    from scopelint.scanning.core.environment import RecordingEnvironment

    recorder = RecordingEnvironment(answer=False) if environment is None else None
    try:
        analysis = _Analysis(source, tree, environment if environment is not None else recorder)
        scan.calls = analysis.run()
        scan.warnings.extend(analysis.warnings)
        if recorder is not None:
            scan.summary = analysis.summary(list(recorder.asked)).to_json()
        if has_scope_marker(source.text) or (
            environment is not None and "scope" in source.text.lower()  # SCOPES from elsewhere
        ):
            scan.declarations = analysis.declarations()
    except RecursionError:
        refuse_too_deep(scan)
    return scan


def sdk_exports(source: SourceFile) -> dict[str, Export]:
    """The Atlassian SDK clients one Python module exports, as summary entries (issue #13):
    module-level clients (``kind="client"``) and functions that return one
    (``kind="factory"``), each with its SDK class and constructor options.  Empty for a
    module that cannot be parsed or imports no SDK."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = ast.parse(source.text, filename=source.display)
        analysis = _Analysis(source, tree, None)
        return analysis.sdk.exports() if analysis.sdk is not None else {}
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return {}


def _not_python(source: SourceFile, reason: str) -> str:
    return f"{source.display}: not valid Python ({reason}); only text-level checks ran"


class _Analysis:
    def __init__(self, source: SourceFile, tree: ast.Module, environment: Environment | None) -> None:
        knowledge = table("python")
        self.source = source
        self.tree = tree
        self.environment = environment
        self.facts = Collector(tree, knowledge)
        self.recogniser = Recogniser(self.facts, knowledge, environment)
        self.helpers: list[Helper] = []
        self.consumed: set[int] = set()
        self.shared = self._evaluator(consumed=True)
        self.emitter = Emitter(source, EXTRACTOR, base_of_call="keep", opaque_calls=True)
        self._line_bytes: list[int] | None = None
        self.warnings: list[str] = []
        self.sdk = self._sdk_recogniser()

    def _sdk_recogniser(self) -> PythonSdks | None:
        """SDK recognition, only for a file that imports an SDK (or when another module's
        exports are known): a file that imports none loads no SDK table."""
        from scopelint.scanning.core.environment import RecordingEnvironment
        from scopelint.scanning.core.sdk import imports_an_sdk

        unlinked = self.environment is None or isinstance(self.environment, RecordingEnvironment)
        if unlinked and not imports_an_sdk(self.facts.imported.values(), "python"):
            return None  # (the first pass only records names: it knows no other module)
        from scopelint.scanning.core.sdk import FileSdks
        from scopelint.scanning.languages.python.sdk import PythonSdks

        sdks = FileSdks(self.source.path.parent, "python", self.warnings)
        return PythonSdks(self.facts, sdks, self.shared, self.environment)

    def _evaluator(self, overrides: dict[tuple[int, str], str] | None = None,
                   consumed: bool = True) -> Evaluator:
        return Evaluator(overrides, consumed=self.consumed if consumed else None,
                         classes=self.facts.classes, imported=self.facts.imported,
                         environment=self.environment, functions=self.function_named,
                         star=tuple(self.facts.star_imports))

    def function_named(self, name: str, scope: Scope) -> Func | None:
        """The function of this file that ``name`` calls from ``scope`` (nearest scope first)."""
        current: Scope | None = scope
        while current is not None:
            if current.kind != "class" or current is scope:
                found = current.functions.get(name)
                if found is not None:
                    return found
                if name in current.bindings:
                    return None  # rebound to something else
            current = current.parent
        return None

    def summary(self, asked: list[str]) -> FileSummary:
        from scopelint.scanning.languages.python.summary import HelperFacts, summarise

        summary = summarise(self.source.display, self.facts, self.recogniser,
                            [HelperFacts(h.func, h.http) for h in self.helpers], asked,
                            self._origin, self.function_named)
        if self.sdk is not None:  # SDK client singletons and factories (issue #12 part 2)
            for name, export in self.sdk.exports().items():
                known = summary.exports.get(name)
                if known is not None and known.kind == "object" and export.kind == "object":
                    known.members.update(export.members)  # helpers and clients of one class
                else:
                    summary.exports[name] = export
        return summary

    def _origin(self, node: ast.AST) -> tuple[str, int, int]:
        location = self.source.location(self._span(node)[0])
        return ("", location.line, location.column)

    def run(self) -> list[CallSite]:
        facts = self.facts
        sdk_calls: set[int] = set()
        if self.sdk is not None:
            try:
                for node, scope in facts.calls:
                    sites = self.sdk.sites(node, scope)
                    if sites is None:
                        sites = self.sdk.passed_method(node, scope)
                    if sites is not None:
                        sdk_calls.add(id(node))
                        for site in sites:
                            self._emit_sdk_site(site, scope)
                self.consumed.update(self.sdk.consumed)
            except (RecursionError, MemoryError):
                raise
            except Exception as error:  # an SDK table or recogniser fault costs only the SDK calls
                self.warnings.append(
                    f"{self.source.display}: could not read its SDK calls ({type(error).__name__})"
                )
        calls = [(self._unpartial(node, scope), scope) for node, scope in facts.calls
                 if id(node) not in sdk_calls]
        if self.sdk is None and self.environment is not None:
            self._ask_called_imports(calls)
        http_calls: dict[int, HttpCall] = {}
        for node, scope in calls:
            http = self.recogniser.http_call(node, scope)
            if http is not None:
                http_calls[id(node)] = http
        helpers = self.helpers = self._find_helpers(http_calls.values())
        helpers_by_call = {id(h.http.node): h for h in helpers}
        for node, scope in calls:
            called = self._helpers_called(node, scope, helpers, id(node) in http_calls)
            for helper in called:
                self._emit_helper_call(node, scope, helper)
            if called:
                http_calls.pop(id(node), None)
            elif id(node) not in http_calls and node.args and self.environment is not None:
                self._emit_linked_helper_call(node, scope)
        for http in http_calls.values():
            inside = helpers_by_call.get(id(http.node))
            self._emit_http_call(http, silent=inside is not None and inside.used, helper=inside)
        for checked, scope in facts.ignored_loads:
            self.shared.value(checked, scope)  # values checked by tests/routes are not leftovers
        self._emit_leftover_strings()
        return sorted(self.emitter.calls, key=lambda c: (c.location, c.url, c.method or ""))

    def _ask_called_imports(self, calls: list[tuple[ast.Call, Scope]]) -> None:
        """Ask the environment for imported functions called without arguments (calls with
        arguments are asked as helpers): ``jira = get_jira()`` may be an SDK factory another
        module exports, so the first pass records that this file depends on it."""
        imported = self.facts.imported
        for node, _scope in calls:
            func = node.func
            if isinstance(func, ast.Name) and not node.args and not node.keywords \
                    and func.id in imported:
                assert self.environment is not None
                self.environment.lookup(imported[func.id])
    def declarations(self) -> list[ScopeDeclaration]:
        """The OAuth 2.0 scope declarations of the file (``declarations.DeclarationReader``)."""
        from scopelint.scanning.languages.python.declarations import DeclarationReader

        return DeclarationReader(self.source, self.tree, self.facts, self.recogniser,
                                 self._span, self.environment).read()

    def _method(self, http: HttpCall, evaluator: Evaluator) -> tuple[str | None, MethodSource]:
        if http.method is not None:
            return http.method, http.method_source
        expr = http.method_expr
        if expr is None:
            return None, "unknown"
        if isinstance(expr, ast.Attribute) and method_word(expr.attr):
            return method_word(expr.attr), "literal"  # HTTPMethod.DELETE, responses.GET
        method = method_word(evaluator.value(expr, http.scope))
        return method, http.method_source if method is not None else "unknown"

    # ----------------------------------------------------------------- helpers

    def _find_helpers(self, http_calls: Iterable[HttpCall]) -> list[Helper]:
        helpers: list[Helper] = []
        for http in http_calls:
            func = http.scope.func
            if func is None or not func.params:
                continue
            probe = self._evaluator(
                overrides={(id(func.scope), p): f"\x00{p}\x00" for p in func.params},
            )
            url = probe.text(http.url, http.scope)
            url_params = [p for p in func.params if f"\x00{p}\x00" in url]
            method_from_param = (
                http.method is None
                and http.method_expr is not None
                and "\x00" in (probe.value(http.method_expr, http.scope) or "")
            )
            if not url_params and not method_from_param:
                continue
            complete = bool(url_params) and _complete_before_last_parameter(url)
            if url_params and not method_from_param and complete:
                continue  # a complete REST call already: report it where it is
            helpers.append(Helper(func, http, url_params, partial=bool(url_params) and not complete))
        return helpers

    def _helpers_called(
        self, node: ast.Call, scope: Scope, helpers: list[Helper], is_http: bool
    ) -> list[Helper]:
        """Helpers this call calls: ``helper(...)``, ``self.helper(...)``, ``obj.helper(...)``."""
        if not helpers:
            return []
        func = node.func
        target: Func | None = None
        if isinstance(func, ast.Name):
            current: Scope | None = scope
            while current is not None and target is None:
                if current.kind != "class" or current is scope:
                    target = current.functions.get(func.id)
                current = current.parent
        elif isinstance(func, ast.Attribute):
            receiver = func.value
            if isinstance(receiver, ast.Name) and receiver.id in ("self", "cls") and scope.cls:
                target = scope.cls.method(func.attr)
            elif isinstance(receiver, ast.Name) and receiver.id in self.facts.classes:
                target = self.facts.classes[receiver.id].method(func.attr)
            elif not is_http:
                matches = [h for h in helpers if h.func.node.name == func.attr
                           and h.func.is_method]
                return matches
        return [h for h in helpers if h.func is target] if target is not None else []

    def _unpartial(self, node: ast.Call, scope: Scope) -> ast.Call:
        """``fetch_json(path)`` where ``fetch_json = functools.partial(_request, "GET")`` is
        ``_request("GET", path)`` (at the same place)."""
        if not isinstance(node.func, ast.Name):
            return node
        binding = lookup(scope, node.func.id, node_start(node))
        made = binding.value if binding is not None else None
        if not isinstance(made, ast.Call) or last_name(made.func) != "partial" or not made.args \
                or any(isinstance(a, ast.Starred) for a in made.args):
            return node
        call = ast.Call(func=made.args[0], args=[*made.args[1:], *node.args],
                        keywords=[*made.keywords, *node.keywords])
        return ast.copy_location(call, node)

    def _loops(self, expr: ast.AST, scope: Scope) -> list[dict[tuple[int, str], str]]:
        """One set of overrides per value when ``expr`` uses a loop variable over a literal
        list (``for path in ["/rest/api/3/role", ...]``, or a name bound to one); else [{}]."""
        for name in (n for n in ast.walk(expr) if isinstance(n, ast.Name)):
            binding = lookup(scope, name.id, node_start(name))
            if binding is None or binding.loop is None:
                continue
            values = binding.loop
            if isinstance(values, ast.Name):
                source = lookup(binding.scope, values.id, node_start(values))
                values = source.value if source is not None and source.value is not None else values
            if not isinstance(values, (ast.List, ast.Tuple)) or not values.elts \
                    or len(values.elts) > 64:
                continue
            texts = [self.shared.value(element, binding.scope) for element in values.elts]
            if all(text is not None for text in texts):
                return [{(id(binding.scope), name.id): text} for text in texts if text is not None]
        return [{}]

    def _emit_helper_call(self, node: ast.Call, scope: Scope, helper: Helper) -> None:
        for extra in self._loops(node, scope):
            self._emit_helper_call_once(node, scope, helper, extra)

    def _emit_helper_call_once(self, node: ast.Call, scope: Scope, helper: Helper,
                               extra: dict[tuple[int, str], str]) -> None:
        shared = self._evaluator(extra) if extra else self.shared
        func = helper.func
        through_attribute = isinstance(node.func, ast.Attribute)
        params = func.params[1:] if func.is_method and through_attribute else func.params
        bound: dict[str, ast.expr] = {}
        for index, arg in enumerate(node.args):
            if isinstance(arg, ast.Starred) or index >= len(params):
                break
            bound[params[index]] = arg
        for keyword in node.keywords:
            if keyword.arg is not None and keyword.arg in func.params:
                bound[keyword.arg] = keyword.value
        overrides: dict[tuple[int, str], str] = {}
        for param in func.params:
            if param in bound:
                overrides[(id(func.scope), param)] = shared.text(bound[param], scope)
            elif param in func.defaults:
                overrides[(id(func.scope), param)] = shared.text(
                    func.defaults[param], func.scope
                )
        evaluator = self._evaluator(overrides)
        url = evaluator.text(helper.http.url, helper.http.scope)
        if url_kind(normalise_placeholders(url)) is None:
            return
        helper.used = True
        anchor: ast.AST = node
        for param in helper.url_params:
            if param in bound:
                anchor = bound[param]
                break
        method, source = self._method(helper.http, evaluator)
        # where the base is written: in the helper, or in what this call (or a default) gives it
        origins = evaluator.origins(helper.http.url, helper.http.scope)
        foreign = evaluator.foreign_origins(helper.http.url, helper.http.scope)
        for param in helper.url_params:
            given, where = (bound[param], scope) if param in bound else (func.defaults.get(param), func.scope)
            if given is not None:
                origins += shared.origins(given, where)
                foreign += shared.foreign_origins(given, where)
        self._add(anchor, url, method, source, helper.http.via, origins, foreign=foreign)

    def _emit_linked_helper_call(self, node: ast.Call, scope: Scope) -> None:
        """A call of a helper another module exports (``get_json("/rest/api/3/myself")``):
        its requests with this call's arguments, reported at the argument the URL comes
        from, the helper's base as a related location."""
        export = self.shared.external(node.func)
        if export is None:
            export = self.shared.instance_method(node.func, scope)
        if export is None or export.kind != "helper":
            return
        from scopelint.scanning.core.environment import fill
        from scopelint.scanning.languages.python.evaluate import bind_arguments

        bound = bind_arguments(node, [(p.name, p.index) for p in export.params])
        values = {name: self.shared.text(arg, scope) for name, arg in bound.items()}
        defaults = {p.name: p.default for p in export.params if p.default is not None}
        for request in export.requests:
            url = fill(request.url, {**defaults, **values})
            if url_kind(normalise_placeholders(url)) is None:
                continue
            method: str | None = None
            source: MethodSource = "unknown"
            if request.method is not None:
                method = method_word(fill(request.method, {**defaults, **values}))
                if "{%" not in request.method:
                    source = "literal" if request.method_source == "literal" else "inferred"
                else:
                    source = "inferred" if any(
                        "{%" + n + "}" in request.method for n in values) else "default"
            anchor: ast.AST = node
            for param in export.params:
                if "{%" + param.name + "}" in request.url and param.name in bound:
                    anchor = bound[param.name]
                    break
            origins = [*request.origins, *self.shared.foreign_origins(node, scope)]
            self._add(anchor, url, method, source if method else "unknown", request.via,
                      foreign=origins)

    # ----------------------------------------------------------------- emitting

    def _emit_http_call(self, http: HttpCall, silent: bool, helper: Helper | None = None) -> None:
        loops = self._loops(http.url, http.scope)
        if loops != [{}]:
            for extra in loops:
                shared = self._evaluator(extra)
                method, source = self._method(http, shared)
                self._add(http.url, shared.text(http.url, http.scope), method, source, http.via,
                          shared.origins(http.url, http.scope))
            return
        url = self.shared.text(http.url, http.scope)
        method, source = self._method(http, self.shared)
        if helper is not None and not silent and helper.partial \
                and url_kind(normalise_placeholders(url)) == "call":
            return  # its parameters complete a REST call: its callers (maybe elsewhere) report it
        if not silent:
            origins = self.shared.origins(http.url, http.scope)
            self._add(http.url, url, method, source, http.via, origins,
                      foreign=self.shared.foreign_origins(http.url, http.scope))

    def _emit_sdk_site(self, site: SdkSite, scope: Scope) -> None:
        """A request through an SDK (at the method call; a raw request at its URL), an
        unresolved SDK call, or the site URL a constructor is given (at its literal)."""
        anchor: ast.AST = site.url_expr if site.url_expr is not None else site.node
        start, end = self._span(anchor)
        related: tuple[int, ...] = ()
        if site.url_expr is not None:
            related = tuple(
                offset
                for offset, _end in sorted(self._span(o) for o in self.shared.origins(site.url_expr, scope))
                if not start <= offset < (end if end is not None else start + 1)
            )
        kind: CallKind = "base-url" if site.kind == "base-url" else "call"
        self.emitter.emit(Candidate(site.url, start, end, site.method, "literal", kind, via=site.via,
                                    related=related, classified=True, sdk=site.use))

    def _emit_leftover_strings(self) -> None:
        facts = self.facts
        reader = self._evaluator(consumed=False)  # does not mark anything as consumed
        returned = _returned_strings(self.facts.returns)
        for node, scope in facts.strings:
            key = id(node)
            if key in facts.composed or key in facts.not_candidates or key in self.consumed:
                continue
            value = reader.value(node, scope)
            if value is None or not value.strip():
                continue
            start, end = self._span(node)
            # a base written in another module (`BASE_URL + "/"`): where it is written there
            self.emitter.emit_leftover(value, start, end, related=self._related(
                start, end, reader.origins(node, scope)),
                elsewhere=tuple(reader.foreign_origins(node, scope)), returned=key in returned)

    def _add(self, node: ast.AST, url: str, method: str | None, source: MethodSource,
             via: str | None, origins: list[ast.Constant] | None = None,
             foreign: list[tuple[str, int, int]] | None = None) -> None:
        start, end = self._span(node)
        from scopelint.scanning.core.environment import unlinked_in

        self.emitter.emit(Candidate(url, start, end, method, source, "call", via=via,
                                    related=self._related(start, end, origins or ()),
                                    elsewhere=tuple(foreign or ()),
                                    unresolved=unlinked_in(url, self.shared.unlinked)))

    def _related(self, start: int, end: int | None, origins: Iterable[ast.Constant]) -> tuple[int, ...]:
        """Where the literals ``origins`` are written, but for those inside [start, end)."""
        return tuple(
            offset
            for offset, _end in sorted({self._span(origin) for origin in origins})
            if not start <= offset < (end if end is not None else start + 1)
        )

    # ----------------------------------------------------------------- positions

    def _span(self, node: ast.AST) -> tuple[int, int | None]:
        """Character offsets of ``node``: ast gives lines (ended by "\\r\\n", "\\r" or
        "\\n") and UTF-8 byte columns; the source file maps bytes to characters."""
        line, column = node_start(node)
        end_line, end_column = node_end(node)
        start = self.source.char_offset(self._byte_offset(line, column))
        if not end_line:
            return start, None
        return start, self.source.char_offset(self._byte_offset(end_line, end_column))

    def _byte_offset(self, line: int, column: int) -> int:
        starts = self._line_bytes
        if starts is None:
            data = self.source.text.encode("utf-8", errors="surrogatepass")
            starts = self._line_bytes = [0, *(m.end() for m in _PY_NEWLINE_RE.finditer(data))]
        if not 1 <= line <= len(starts):
            return 0
        return starts[line - 1] + column


def _returned_strings(returns: Iterable[ast.Return]) -> set[int]:
    """The string expressions ``returns`` (a file's return statements) give as a function's
    value (``return f"{BASE}/rest/..."``, ``return "{}/rest/api/3/myself".format(base)``):
    URLs a builder hands to its callers."""
    found: set[int] = set()
    for node in returns:
        if node.value is None:
            continue
        values: list[ast.expr] = [node.value]
        while values:  # `return a if event else b`: both are returned
            value = values.pop()
            found.add(id(value))
            if isinstance(value, ast.IfExp):
                values += [value.body, value.orelse]
            elif isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) \
                    and value.func.attr == "format":
                found.add(id(value.func.value))
    return found
