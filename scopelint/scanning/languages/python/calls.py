"""Which Python calls are HTTP client calls: qualified names looked up in the client table.

Every call's callee gets a qualified name the way a reader resolves it: through the file's
imports (``import requests as r`` + ``r.get`` -> ``requests.get``; ``from urllib.request
import urlopen`` -> ``urllib.request.urlopen``) and through the type of the receiver when a
table row constructed it (``s = requests.Session()``, ``with httpx.Client() as c``,
``self.http = urllib3.PoolManager()``: ``s.get`` -> ``requests.Session.get``).  The name is
looked up in ``knowledge/python.toml``; a method no row names for its receiver falls back to
the rows for any receiver (``*.get``).  The row's calling convention says where the URL and
the method are.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from scopelint.scanning.core.candidate import MethodSource
from scopelint.scanning.core.knowledge import Arg, CallRow, ClientTable
from scopelint.scanning.languages.python.scopes import (
    Binding,
    Class,
    Collector,
    Scope,
    argument,
    lookup,
    node_start,
)

if TYPE_CHECKING:
    from scopelint.scanning.core.environment import Environment

# The calling conventions this package implements (see scanning/core/knowledge.py).
CONVENTIONS = ("verb", "method-url", "url-data", "factory")
_MAX_TYPE_DEPTH = 16


class HttpCall:
    """A call that sends a request: where its URL is, and its method or the method's expression."""

    __slots__ = ("method", "method_expr", "method_source", "node", "scope", "url", "via")

    def __init__(self, node: ast.Call, scope: Scope, url: ast.expr, method: str | None = None,
                 method_expr: ast.expr | None = None, method_source: MethodSource = "literal",
                 via: str | None = None) -> None:
        self.node = node
        self.scope = scope
        self.url = url
        self.method = method  # fixed method, when the call says it
        self.method_expr = method_expr  # expression giving the method
        self.method_source: MethodSource = method_source
        self.via = via  # the qualified name the call was recognised by


class Recogniser:
    def __init__(self, facts: Collector, knowledge: ClientTable,
                 environment: Environment | None = None) -> None:
        self.facts = facts
        self.knowledge = knowledge
        self.environment = environment  # clients other modules export (cross-file linking)

    # ----------------------------------------------------------------- names

    def callee(self, func: ast.expr, scope: Scope, depth: int = 0) -> tuple[str | None, str | None]:
        """(qualified name, method name) of a callee; the qualified name is None when
        neither an import nor a known type names the receiver."""
        if isinstance(func, ast.Name):
            return self.facts.imported.get(func.id, func.id), None
        if not isinstance(func, ast.Attribute):
            return None, None
        receiver_type = self.type_of(func.value, scope, depth + 1)
        if receiver_type is not None:
            return f"{receiver_type}.{func.attr}", func.attr
        receiver = self.dotted(func.value)
        return (f"{receiver}.{func.attr}" if receiver else None), func.attr

    def dotted(self, node: ast.expr) -> str | None:
        """``r.api`` -> ``"requests.api"`` when the root name is an import, else None."""
        parts: list[str] = []
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        if not isinstance(node, ast.Name):
            return None
        root = self.facts.imported.get(node.id)
        return None if root is None else ".".join([root, *reversed(parts)])

    def row(self, node: ast.Call, scope: Scope) -> tuple[CallRow, str] | None:
        """The table row for this call and the name it matched by."""
        qualified, attribute = self.callee(node.func, scope)
        row = self.knowledge.exact.get(qualified) if qualified else None
        if row is None and attribute is not None:
            row = self.knowledge.any_receiver.get(attribute)
        if row is None:
            return None
        return row, qualified or f"*.{attribute}"

    def type_of(self, node: ast.expr, scope: Scope, depth: int) -> str | None:
        """The type a table row gave this object (a session, a pool), if any."""
        if depth > _MAX_TYPE_DEPTH:
            return None
        if isinstance(node, ast.Call):
            qualified, _attribute = self.callee(node.func, scope, depth)
            row = self.knowledge.exact.get(qualified) if qualified else None
            return row.returns if row is not None else None
        binding: Binding | None = None
        if isinstance(node, ast.Name):
            binding = lookup(scope, node.id, node_start(node))
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            cls: Class | None = None
            if node.value.id in ("self", "cls"):
                cls = scope.cls
            elif node.value.id in self.facts.classes:
                cls = self.facts.classes[node.value.id]
            bindings = cls.attr(node.attr) if cls is not None else []
            binding = next((b for b in reversed(bindings) if b.value is not None), None)
        if binding is None and self.environment is not None:
            qualified = self.dotted(node)
            if qualified is not None and qualified not in self.knowledge.exact:
                found = self.environment.lookup(qualified)
                if found is not None and found.kind == "client":
                    return found.type
        if binding is None or binding.value is None:
            return None
        return self.type_of(binding.value, binding.scope, depth + 1)

    # ----------------------------------------------------------------- conventions

    def http_call(self, node: ast.Call, scope: Scope) -> HttpCall | None:
        """The request ``node`` makes, if it is a client call."""
        found = self.row(node, scope)
        if found is None:
            return None
        row, via = found
        convention = row.convention
        url = _arg(node, row.url)
        if url is None:
            return None
        if convention == "verb":
            verb = via.rsplit(".", 1)[-1]
            return HttpCall(node, scope, url, method=self.knowledge.verbs.get(verb), via=via)
        if convention == "method-url":
            method_expr = _arg(node, row.method) if row.method else None
            return HttpCall(node, scope, url, method_expr=method_expr,
                            method_source=_source_of(method_expr), via=via)
        if convention == "url-data":
            method_expr = _arg(node, row.method) if row.method else None
            if method_expr is None:
                method = "POST" if row.data is not None and _sends_data(node, row.data) else "GET"
                return HttpCall(node, scope, url, method=method, method_source="default", via=via)
            return HttpCall(node, scope, url, method_expr=method_expr,
                            method_source=_source_of(method_expr), via=via)
        return None  # a factory constructs a client; it sends nothing


def _arg(node: ast.Call, where: Arg) -> ast.expr | None:
    if where.position is None:
        return argument(node, 1 << 30, where.keyword or "")
    return argument(node, where.position, where.keyword or "")


def _source_of(expr: ast.expr | None) -> MethodSource:
    if expr is None:
        return "unknown"
    if isinstance(expr, (ast.Constant, ast.Attribute)):
        return "literal"  # "DELETE", HTTPMethod.DELETE
    return "inferred"


def _sends_data(node: ast.Call, where: Arg) -> bool:
    data = _arg(node, where)
    return data is not None and not (isinstance(data, ast.Constant) and data.value is None)
