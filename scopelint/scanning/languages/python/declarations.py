"""Python: the scopes an OAuth 2.0 app declares, wherever the code writes them.

Read from the same parse and bindings as the calls (``scopes.Collector``):

* a list, tuple, set or string bound to a name containing ``scope`` (``SCOPES = [...]``,
  ``self.oauth_scopes = "..."``);
* the value of a ``scope``/``scopes`` key (any key ending in it) of a dict literal, a keyword
  argument, or a ``("scope", value)`` pair (``urlencode({"scope": " ".join(SCOPES)})``);
* the argument an OAuth library's call takes them in (``[[oauth]]`` rows of
  ``knowledge/python.toml``: ``requests_oauthlib.OAuth2Session(scope=...)``, Authlib's
  ``register(..., client_kwargs={"scope": ...})``);
* the ``scope`` parameter of an authorization URL, however the string is built (implicit
  concatenation, ``+``, f-strings, ``"%20".join(...)``, percent-encoding).

Values are followed through names (module constants, locals, ``self`` attributes), and for a
name the file imports through the cross-file environment (a constant it knows).  A value is
taken only when it looks like Atlassian scopes (``scanning.core.scope_text``); mocks,
assertions and server routes are skipped as for calls.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from scopelint.model import Location, ScopeDeclaration
from scopelint.scanning.core import scope_text as st
from scopelint.scanning.core.knowledge import OAuthRow
from scopelint.scanning.languages.python.calls import Recogniser
from scopelint.scanning.languages.python.scopes import (
    Class,
    Collector,
    Scope,
    argument,
    last_name,
    lookup,
    node_start,
)
from scopelint.scanning.source import SourceFile

if TYPE_CHECKING:
    from scopelint.scanning.core.environment import Environment

Span = Callable[[ast.AST], tuple[int, int | None]]
_MAX_DEPTH = 40
_CONVERSIONS = frozenset({"list", "tuple", "set", "frozenset", "sorted", "str", "quote",
                          "quote_plus"})


def is_scope_key(name: str) -> bool:
    """A key or keyword that names scopes: ``scope``, ``scopes``, ``oauth_scopes``, ``jiraScopes``."""
    return name.lower().endswith(("scope", "scopes"))


class DeclarationReader:
    """Finds the scope declarations of one parsed file (see the module docstring)."""

    def __init__(self, source: SourceFile, tree: ast.Module, facts: Collector,
                 recogniser: Recogniser, span: Span,
                 environment: Environment | None = None) -> None:
        self.source = source
        self.tree = tree
        self.facts = facts
        self.recogniser = recogniser
        self.span = span
        self.environment = environment
        self._functions = _function_scopes(facts)
        self._memo: dict[int, st.ScopeValue] = {}
        self._active: set[int] = set()

    # ----------------------------------------------------------------- sites

    def read(self) -> list[ScopeDeclaration]:
        found: list[ScopeDeclaration] = []
        library: list[ScopeDeclaration] = []
        for node, scope in self._walk():
            if isinstance(node, ast.Call):
                library.extend(self._library(node, scope))
                for keyword in node.keywords:
                    if keyword.arg is not None and is_scope_key(keyword.arg):
                        found.extend(self._site(keyword.value, scope, keyword, "scope-key"))
            elif isinstance(node, (ast.Assign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                value = node.value
                if value is None:
                    continue
                for target in targets:
                    bound = last_name(target) if isinstance(target, (ast.Name, ast.Attribute)) \
                        else None
                    if bound is not None and "scope" in bound.lower():
                        found.extend(self._site(value, scope, target, "scope-list"))
            elif isinstance(node, ast.Dict):
                for key_node, item in zip(node.keys, node.values, strict=True):
                    key = _key_name(key_node)
                    if key is not None and key_node is not None and is_scope_key(key):
                        found.extend(self._site(item, scope, key_node, "scope-key"))
            elif isinstance(node, ast.Tuple) and len(node.elts) == 2:
                key = _key_name(node.elts[0])
                if key is not None and is_scope_key(key):
                    found.extend(self._site(node.elts[1], scope, node.elts[0], "scope-key"))
        for node, scope in self.facts.strings:
            if id(node) in self.facts.composed:
                continue
            found.extend(self._url_site(node, scope))
        return st.unique([*library, *found])

    def _walk(self) -> Iterator[tuple[ast.AST, Scope]]:
        """Every node outside mocks, assertions and route definitions, with its scope."""
        stack: list[tuple[ast.AST, Scope]] = [(self.tree, self.facts.module)]
        while stack:
            node, scope = stack.pop()
            if isinstance(node, ast.Assert):
                continue
            if isinstance(node, ast.Call) and self.facts._is_not_a_client_call(
                node, last_name(node.func)
            ):
                continue
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                scope = self._functions.get(id(node), scope)
            yield node, scope
            stack.extend((child, scope) for child in reversed(list(ast.iter_child_nodes(node))))

    def _site(self, value: ast.expr, scope: Scope, anchor: ast.AST, kind: str,
              via: str | None = None) -> list[ScopeDeclaration]:
        evaluated = self.value(value, scope)
        if evaluated.pieces is not None and not evaluated.is_list:
            url = st.authorization_words(evaluated, self.source)
            if url is not None:  # the value is a whole authorization URL
                return self._declaration(anchor, *url, "authorization-url", via)
        words, partial = st.words_of(evaluated, self.source)
        return self._declaration(anchor, words, partial, kind, via)

    def _url_site(self, node: ast.expr, scope: Scope) -> list[ScopeDeclaration]:
        if not self._may_be_url(node):
            return []
        evaluated = self.value(node, scope)
        found = st.authorization_words(evaluated, self.source)
        if found is None:
            return []
        return self._declaration(node, *found, "authorization-url", None)

    def _may_be_url(self, node: ast.expr) -> bool:
        start, end = self.span(node)
        text = self.source.text[start:end if end is not None else start + 4096].lower()
        return "authorize" in text or "scope" in text  # (AUTHORIZE_URL + "?" + ...)

    def _declaration(self, anchor: ast.AST, words: list[tuple[str, int]], partial: bool,
                     kind: str, via: str | None) -> list[ScopeDeclaration]:
        start, _end = self.span(anchor)
        location: Location = self.source.location(start)
        found = st.declaration(self.source, location, words, kind=kind, partial=partial, via=via)
        return [found] if found is not None else []

    def _library(self, node: ast.Call, scope: Scope) -> list[ScopeDeclaration]:
        qualified, attribute = self.recogniser.callee(node.func, scope)
        row = self.recogniser.knowledge.oauth_row(qualified, attribute)
        if row is None:
            return []
        value = _row_argument(node, row)
        for key in row.keys:
            if not isinstance(value, ast.Dict):
                value = self._resolve_dict(value, scope) if value is not None else None
            value = _dict_value(value, key) if isinstance(value, ast.Dict) else None
        if value is None:
            return []
        return self._site(value, scope, value, "oauth-library", qualified or f"*.{attribute}")

    def _resolve_dict(self, node: ast.expr, scope: Scope) -> ast.Dict | None:
        for _ in range(_MAX_DEPTH):
            if isinstance(node, ast.Dict):
                return node
            if not isinstance(node, ast.Name):
                return None
            binding = lookup(scope, node.id, node_start(node))
            if binding is None or binding.value is None:
                return None
            node, scope = binding.value, binding.scope
        return None

    # ----------------------------------------------------------------- values

    def value(self, node: ast.expr, scope: Scope, depth: int = 0) -> st.ScopeValue:
        """What ``node`` evaluates to, as a scope value (unknown parts marked)."""
        if depth > _MAX_DEPTH:
            return st.unknown()
        if isinstance(node, ast.Constant):
            if isinstance(node.value, str):
                first, last = self._lines(node)
                return st.string(node.value, first, last)
            return st.unknown()
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            return st.items_of(
                self.value(elt.value if isinstance(elt, ast.Starred) else elt, scope, depth + 1)
                for elt in node.elts
            )
        if isinstance(node, ast.JoinedStr):
            parts: list[st.ScopeValue] = []
            for part in node.values:
                if isinstance(part, ast.Constant) and isinstance(part.value, str):
                    parts.append(st.string(part.value, *self._lines(node)))
                elif isinstance(part, ast.FormattedValue):
                    inner = self.value(part.value, scope, depth + 1)
                    parts.append(st.unknown() if inner.is_list else inner)
            return st.concat(parts)
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.BitOr)):
            return st.concat([self.value(node.left, scope, depth + 1),
                              self.value(node.right, scope, depth + 1)])
        if isinstance(node, (ast.Name, ast.Attribute)):
            return self._name(node, scope, depth)
        if isinstance(node, ast.Call):
            return self._call(node, scope, depth)
        if isinstance(node, ast.IfExp):
            return self.value(node.body, scope, depth + 1)
        return st.unknown()

    def _lines(self, node: ast.AST) -> tuple[int, int]:
        start, end = self.span(node)
        first = self.source.line_col(start)[0]
        last = self.source.line_col(max(start, (end or start) - 1))[0]
        return first, last

    def _name(self, node: ast.Name | ast.Attribute, scope: Scope, depth: int) -> st.ScopeValue:
        binding = None
        if isinstance(node, ast.Name):
            binding = lookup(scope, node.id, node_start(node))
        elif isinstance(node.value, ast.Name):
            cls: Class | None = None
            if node.value.id in ("self", "cls"):
                cls = scope.cls
            elif node.value.id in self.facts.classes:
                cls = self.facts.classes[node.value.id]
            bindings = cls.attrs.get(node.attr, []) if cls is not None else []
            binding = next((b for b in reversed(bindings) if b.value is not None), None)
        if binding is None or binding.value is None or binding.param:
            return self._external(node)
        key = id(binding)
        if key in self._memo:
            return self._memo[key]
        if key in self._active:
            return st.unknown()
        self._active.add(key)
        try:
            result = self.value(binding.value, binding.scope, depth + 1)
        finally:
            self._active.discard(key)
        self._memo[key] = result
        return result

    def _external(self, node: ast.Name | ast.Attribute) -> st.ScopeValue:
        """An imported constant the cross-file environment knows (its words are located where
        the name is used: the defining file reports its own declaration)."""
        # ``from .settings import SCOPES``: the defining module's list is read there
        elsewhere = isinstance(node, ast.Name) and node.id in self.facts.imported \
            and "scope" in node.id.lower()
        if self.environment is None:
            return st.elsewhere() if elsewhere else st.unknown()
        from scopelint.scanning.core.environment import constant

        qualified = self.recogniser.dotted(node) if isinstance(node, ast.Attribute) else \
            self.facts.imported.get(node.id)
        template = constant(self.environment, qualified) if qualified else None
        if template is None:
            return st.elsewhere() if elsewhere else st.unknown()
        return st.string(template, *self._lines(node))

    def _call(self, node: ast.Call, scope: Scope, depth: int) -> st.ScopeValue:
        func = node.func
        name = last_name(func)
        if isinstance(func, ast.Attribute) and name == "join" and len(node.args) == 1:
            separator = func.value
            if isinstance(separator, ast.Constant) and isinstance(separator.value, str):
                return st.join(self.value(node.args[0], scope, depth + 1), separator.value)
            return st.unknown()
        if isinstance(func, ast.Attribute) and name in ("split", "strip", "lower"):
            return self.value(func.value, scope, depth + 1)
        if name in _CONVERSIONS and len(node.args) == 1:
            return self.value(node.args[0], scope, depth + 1)
        if name == "urlencode" and node.args:
            return self._query(node.args[0], scope, depth)
        if name in ("get", "getenv") and len(node.args) == 2 and _reads_environment(func):
            default = self.value(node.args[1], scope, depth + 1)
            default.partial = True  # the environment may say otherwise
            return default
        return st.unknown()


    def _query(self, node: ast.expr, scope: Scope, depth: int) -> st.ScopeValue:
        """``urlencode({...})`` / ``urlencode([("scope", ...), ...])``: its query string."""
        pairs: list[tuple[str | None, st.ScopeValue]] = []
        found = self._resolve_dict(node, scope)
        if found is not None:
            for key_node, item in zip(found.keys, found.values, strict=True):
                pairs.append((_key_name(key_node), self.value(item, scope, depth + 1)))
            return st.query(pairs)
        if isinstance(node, (ast.List, ast.Tuple)):
            for element in node.elts:
                if isinstance(element, ast.Tuple) and len(element.elts) == 2:
                    pairs.append((_key_name(element.elts[0]),
                                  self.value(element.elts[1], scope, depth + 1)))
                else:
                    pairs.append((None, st.unknown()))
            return st.query(pairs)
        return st.unknown()


def _reads_environment(func: ast.expr) -> bool:
    """``os.getenv``, ``os.environ.get``, ``environ.get``."""
    text = []
    while isinstance(func, ast.Attribute):
        text.append(func.attr)
        func = func.value
    if isinstance(func, ast.Name):
        text.append(func.id)
    return "getenv" in text or "environ" in text


def _key_name(key: ast.expr | None) -> str | None:
    if isinstance(key, ast.Constant) and isinstance(key.value, str):
        return key.value
    return None


def _dict_value(node: ast.Dict, key: str) -> ast.expr | None:
    for candidate, value in zip(node.keys, node.values, strict=True):
        if _key_name(candidate) == key:
            return value
    return None


def _row_argument(node: ast.Call, row: OAuthRow) -> ast.expr | None:
    where = row.argument
    position = where.position if where.position is not None else 1 << 30
    return argument(node, position, where.keyword or "")


def _function_scopes(facts: Collector) -> dict[int, Scope]:
    """The scope of every function the collector saw, by the id of its node."""
    found: dict[int, Scope] = {}
    stack: list[Scope] = [facts.module]
    classes = list(facts.classes.values())
    while stack:
        scope = stack.pop()
        for func in scope.functions.values():
            if id(func.node) not in found:
                found[id(func.node)] = func.scope
                stack.append(func.scope)
        while classes:
            for func in classes.pop().methods.values():
                if id(func.node) not in found:
                    found[id(func.node)] = func.scope
                    stack.append(func.scope)
    return found
