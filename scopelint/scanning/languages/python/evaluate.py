"""Reading the string value of a Python expression the way a reviewer would.

``Evaluator.text`` turns an expression into the URL template it builds: literals, f-strings,
``+`` and ``%`` formatting, ``str.format``, ``"/".join``, ``posixpath.join``, ``urljoin``,
constants and locals in any enclosing scope, ``self.x`` attributes, and an environment
variable's default (``os.environ.get("JIRA_API", "https://...")``, ``os.getenv``,
``os.environ.setdefault``: the value the code runs with where the variable is unset, as
JavaScript's ``process.env.X || "https://..."``).  Whatever cannot be known becomes a
``{name}`` placeholder (the variable or attribute name) or ``{}``; so does an environment
variable without a default, or with an empty one.

Names are looked up in one place (``_binding``): the file's own bindings first, then, for a
name the file imports, the external environment (see ``scanning.core.environment``), so a
constant defined in another module can fill in a URL once linking provides it.
"""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Callable
from typing import TYPE_CHECKING

from scopelint.common.lazy_re import lazy_compile
from scopelint.kb.hosts import SITE_SUFFIX
from scopelint.scanning.core.urljoin import join
from scopelint.scanning.languages.python.scopes import (
    STRIP_METHODS,
    WRAPPERS,
    Binding,
    Class,
    Func,
    Scope,
    last_name,
    lookup,
    node_start,
)

if TYPE_CHECKING:
    from scopelint.scanning.core.environment import Environment, Export, Origin

_MAX_DEPTH = 60
_MAX_LENGTH = 4096  # longer values are not URLs
_ENVIRONMENT_LOOKUPS = frozenset({"os.environ.get", "os.getenv", "os.environ.setdefault"})
_PERCENT_RE = lazy_compile(r"%(?:\((\w+)\))?[-#0 +]*(?:\d+|\*)?(?:\.\d+)?([diouxXeEfFgGcrsa%])")
MAX_DEPTH = _MAX_DEPTH


class Evaluator:
    """Turns an expression into a URL template: known strings resolved, the rest ``{name}``."""

    def __init__(
        self,
        overrides: dict[tuple[int, str], str] | None = None,
        consumed: set[int] | None = None,
        classes: dict[str, Class] | None = None,
        imported: dict[str, str] | None = None,
        environment: Environment | None = None,
        functions: Callable[[str, Scope], Func | None] | None = None,
        star: tuple[str, ...] = (),
    ) -> None:
        self.overrides = overrides or {}
        self.consumed = consumed
        self.classes = classes or {}
        self.imported = imported or {}
        self.environment = environment
        self.functions = functions  # the function of this file a name calls, if any
        self.star = star  # modules of `from x import *`: where an unbound name may come from
        self.unlinked: dict[str, str] = {}  # placeholder name -> why linking found no value
        self._memo: dict[int, str | None] = {}
        self._active: set[int] = set()

    def text(self, node: ast.expr, scope: Scope, depth: int = 0) -> str:
        value = self.value(node, scope, depth)
        return value if value is not None else "{" + self.placeholder_name(node) + "}"

    def placeholder_name(self, node: ast.expr) -> str:
        for _ in range(_MAX_DEPTH):
            if isinstance(node, ast.Name):
                return node.id
            if isinstance(node, ast.Attribute):
                return node.attr
            if isinstance(node, ast.Subscript):
                key = node.slice
                if isinstance(key, ast.Constant) and isinstance(key.value, str):
                    return key.value if key.value.isidentifier() else ""
                return ""
            if isinstance(node, ast.Call):
                name = last_name(node.func)
                if name in WRAPPERS and node.args:
                    node = node.args[0]
                    continue
                if isinstance(node.func, ast.Attribute) and not node.args:
                    node = node.func.value  # key.upper(), key.strip()
                    continue
                return ""
            if isinstance(node, ast.FormattedValue):
                node = node.value
                continue
            return ""
        return ""

    def value(self, node: ast.expr, scope: Scope, depth: int = 0) -> str | None:
        """The string ``node`` evaluates to (with placeholders), or None when it is no string.

        Strings longer than any URL are given up on, which also keeps pathological code
        (thousands of ``url += "/a"``) linear.
        """
        if depth > _MAX_DEPTH:
            return None
        result = self._value(node, scope, depth)
        return result if result is None or len(result) <= _MAX_LENGTH else None

    def _value(self, node: ast.expr, scope: Scope, depth: int) -> str | None:
        if self.consumed is not None:
            self.consumed.add(id(node))
        if isinstance(node, ast.Constant):
            return node.value if isinstance(node.value, str) else None
        if isinstance(node, ast.JoinedStr):
            return "".join(
                part.value if isinstance(part, ast.Constant) and isinstance(part.value, str)
                else self.text(part.value, scope, depth + 1)
                if isinstance(part, ast.FormattedValue) else ""
                for part in node.values
            )
        if isinstance(node, ast.BinOp):
            if isinstance(node.op, ast.Add):
                return self._concatenation(node, scope, depth)
            if isinstance(node.op, ast.Mod):
                return self._percent(node, scope, depth)
            return None
        if isinstance(node, (ast.Name, ast.Attribute)):
            return self._name_value(node, scope, depth)
        if isinstance(node, ast.Call):
            return self._call_value(node, scope, depth)
        if isinstance(node, ast.IfExp):
            body = self.value(node.body, scope, depth + 1)
            other = self.value(node.orelse, scope, depth + 1)
            return body if body is not None else other
        if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or):
            results = [self.value(v, scope, depth + 1) for v in node.values]
            return next((r for r in results if r is not None), None)
        if isinstance(node, ast.NamedExpr):
            return self.value(node.value, scope, depth + 1)
        return None

    # ----------------------------------------------------------------- names

    def _name_value(self, node: ast.Name | ast.Attribute, scope: Scope, depth: int) -> str | None:
        binding = self._binding(node, scope)
        if binding is None:
            return self._external(node)
        if binding.param or binding.loop is not None:
            return self.overrides.get((id(binding.scope), last_name(node) or ""))
        if binding.value is None:
            return None
        key = id(binding)
        if key in self._memo:
            return self._memo[key]
        if key in self._active:
            return None
        self._active.add(key)
        try:
            result = self.value(binding.value, binding.scope, depth + 1)
        finally:
            self._active.discard(key)
        self._memo[key] = result
        return result

    def _external(self, node: ast.Name | ast.Attribute) -> str | None:
        """The value of an imported name (``JIRA_URL``, ``settings.JIRA_URL``) if the external
        environment knows it."""
        found = self.external(node)
        return found.template if found is not None and found.kind == "constant" else None

    def external(self, node: ast.expr) -> Export | None:
        """What the external environment knows about an imported name (or ``module.name``)."""
        if self.environment is None:
            return None
        qualified = self.qualified(node)
        if qualified is not None:
            found = self.environment.lookup(qualified)
            if found is None:
                from scopelint.scanning.core.environment import unlinked_reason

                reason = unlinked_reason(self.environment, qualified)
                if reason is not None:
                    self.unlinked[qualified.rsplit(".", 1)[-1]] = reason
            return found
        if self.star and isinstance(node, (ast.Name, ast.Attribute)):
            dotted = _dotted(node)
            for module in self.star:
                found = self.environment.lookup(f"{module}.{dotted}" if dotted else "")
                if found is not None:
                    return found
        return None

    def instance_method(self, func: ast.expr, scope: Scope) -> Export | None:
        """What the external environment knows about ``receiver.method`` when the receiver
        is an instance of a class another module exports (``self.http = HttpHandler()`` then
        ``self.http.send("GET", url)``; also ``HttpHandler().send(...)``): that class's member."""
        if self.environment is None or not isinstance(func, ast.Attribute):
            return None
        receiver = func.value
        made = receiver if isinstance(receiver, ast.Call) else None
        if made is None and isinstance(receiver, (ast.Name, ast.Attribute)):
            binding = self._binding(receiver, scope)
            if binding is not None and isinstance(binding.value, ast.Call):
                made = binding.value
        if made is None:
            return None
        cls = self.external(made.func)
        if cls is None or cls.kind != "object":
            return None
        return cls.members.get(func.attr)

    def foreign_origins(self, node: ast.expr, scope: Scope) -> list[Origin]:
        """Where, in other files, the bases of the imported values ``node`` is built from are
        written (through names of this file)."""
        if self.environment is None:
            return []
        found: list[Origin] = []
        seen: set[int] = set()
        stack: list[tuple[ast.AST, Scope]] = [(node, scope)]
        while stack and len(seen) < 4 * _MAX_DEPTH:
            current, where = stack.pop()
            if id(current) in seen:
                continue
            seen.add(id(current))
            if isinstance(current, (ast.Name, ast.Attribute)):
                binding = self._binding(current, where)
                if binding is not None and binding.value is not None:
                    stack.append((binding.value, binding.scope))
                    continue
                if binding is None:
                    export = self.external(current)
                    if export is not None:
                        found.extend(o for o in export.origins if o not in found)
                        continue
            if isinstance(current, ast.Call):
                export = self.external(current.func)
                if export is not None and export.kind == "builder":
                    found.extend(o for o in export.origins if o not in found)
                stack.extend(self._local_returns(current, where))
            stack.extend((child, where) for child in ast.iter_child_nodes(current))
        return found

    def _local_returns(self, call: ast.Call, scope: Scope) -> list[tuple[ast.AST, Scope]]:
        """What a URL builder of this file that ``call`` calls returns (where its base is)."""
        func = call.func
        local: Func | None = None
        if self.functions is not None and isinstance(func, ast.Name):
            local = self.functions(func.id, scope)
        elif self.functions is not None and isinstance(func, ast.Attribute):
            local = self._method_of(func, scope)
        if local is None or id(local) in self._active:
            return []
        return [(value, local.scope) for value in local.returns]

    def qualified(self, node: ast.expr) -> str | None:
        """``settings.JIRA_URL`` -> ``"myproject.settings.JIRA_URL"`` through the imports."""
        parts: list[str] = []
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        if not isinstance(node, ast.Name):
            return None
        root = self.imported.get(node.id)
        return None if root is None else ".".join([root, *reversed(parts)])

    def origins(self, node: ast.expr, scope: Scope) -> list[ast.Constant]:
        """The string literals holding a scheme (``https://...``) or a site host that
        ``node``'s value is built from, through names and ``self`` attributes: where a URL's
        base is written."""
        found: list[ast.Constant] = []
        seen: set[int] = set()
        stack: list[tuple[ast.AST, Scope]] = [(node, scope)]
        while stack and len(seen) < 4 * _MAX_DEPTH:
            current, where = stack.pop()
            if id(current) in seen:
                continue
            seen.add(id(current))
            if isinstance(current, ast.Constant):
                if isinstance(current.value, str) and ("://" in current.value
                                                       or SITE_SUFFIX in current.value):
                    found.append(current)
                continue
            if isinstance(current, (ast.Name, ast.Attribute)):
                binding = self._binding(current, where)
                if binding is not None and binding.value is not None:
                    stack.append((binding.value, binding.scope))
                    continue
            stack.extend((child, where) for child in ast.iter_child_nodes(current))
        return found

    def _binding(self, node: ast.Name | ast.Attribute, scope: Scope) -> Binding | None:
        if isinstance(node, ast.Name):
            return lookup(scope, node.id, node_start(node))
        cls = self._receiver_class(node.value, scope, instances=False)
        if cls is None:
            return None
        bindings = cls.attr(node.attr)
        if not bindings:
            return None
        with_value = [b for b in bindings if b.value is not None]
        return with_value[-1] if with_value else bindings[-1]

    # ----------------------------------------------------------------- operators

    def _concatenation(self, node: ast.BinOp, scope: Scope, depth: int) -> str | None:
        operands: list[ast.expr] = []
        current: ast.expr = node
        while isinstance(current, ast.BinOp) and isinstance(current.op, ast.Add):
            if self.consumed is not None:
                self.consumed.add(id(current))
            operands.append(current.right)
            current = current.left
        operands.append(current)
        operands.reverse()
        values = [self.value(operand, scope, depth + 1) for operand in operands]
        if all(value is None for value in values):
            return None
        return "".join(
            value if value is not None else "{" + self.placeholder_name(operand) + "}"
            for operand, value in zip(operands, values, strict=True)
        )

    def _percent(self, node: ast.BinOp, scope: Scope, depth: int) -> str | None:
        template = self.value(node.left, scope, depth + 1)
        if template is None:
            return None
        right = node.right
        positional: list[str] = []
        named: dict[str, str] = {}
        if isinstance(right, ast.Tuple):
            positional = [self.text(e, scope, depth + 1) for e in right.elts]
        elif isinstance(right, ast.Dict):
            for key, value in zip(right.keys, right.values, strict=True):
                if isinstance(key, ast.Constant) and isinstance(key.value, str):
                    named[key.value] = self.text(value, scope, depth + 1)
        else:
            positional = [self.text(right, scope, depth + 1)]
        queue = iter(positional)

        def substitute(match: re.Match[str]) -> str:
            if match.group(2) == "%":
                return "%"
            if match.group(1):
                return named.get(match.group(1), "{" + match.group(1) + "}")
            return next(queue, "{}")

        return _PERCENT_RE.sub(substitute, template)

    # ----------------------------------------------------------------- calls

    def _call_value(self, node: ast.Call, scope: Scope, depth: int) -> str | None:
        func = node.func
        name = last_name(func)
        if name in ("get", "getenv", "setdefault") and self.qualified(func) in _ENVIRONMENT_LOOKUPS:
            return self._environment_default(node, scope, depth)
        if isinstance(func, ast.Attribute):
            if name == "format":
                template = self.value(func.value, scope, depth + 1)
                return None if template is None else self._format(template, node, scope, depth)
            if name in STRIP_METHODS:
                base = self.value(func.value, scope, depth + 1)
                if base is None:
                    return None
                arg = self.value(node.args[0], scope, depth + 1) if node.args else None
                return _apply_strip(base, name, arg)
            if name == "join":
                return self._join_call(node, func, scope, depth)
        if name == "urljoin" and len(node.args) >= 2:
            base = self.value(node.args[0], scope, depth + 1)
            relative = self.value(node.args[1], scope, depth + 1)
            if base is None and relative is None:
                return None
            return join(  # urllib.parse.urljoin: RFC 3986 resolution
                base if base is not None else "{" + self.placeholder_name(node.args[0]) + "}",
                relative if relative is not None else "{" + self.placeholder_name(node.args[1]) + "}",
                "resolve",
            )
        if name == "str" and len(node.args) == 1:
            return self.value(node.args[0], scope, depth + 1)
        if self.functions is not None and isinstance(func, ast.Name):
            local = self.functions(func.id, scope)
            if local is not None:
                return self._builder_value(local, node, scope, depth)
        if self.functions is not None and isinstance(func, ast.Attribute):
            method = self._method_of(func, scope)
            if method is not None:
                return self._builder_value(method, node, scope, depth)
        external = self.external(func)
        if external is not None and external.kind == "builder" and external.template is not None:
            from scopelint.scanning.core.environment import fill

            bound = bind_arguments(node, [(p.name, p.index) for p in external.params])
            values = {name: self.text(arg, scope, depth + 1) for name, arg in bound.items()}
            for param in external.params:
                if param.name not in values and param.default is not None:
                    values[param.name] = param.default
            return fill(external.template, values)
        return None

    def _method_of(self, func: ast.Attribute, scope: Scope) -> Func | None:
        """The method of a class of this file that ``receiver.name`` calls: on ``self`` or
        ``cls``, on the class (``EndPoints.myself``), or on a name bound to an instance of it
        (``endpoint = EndPoints()``; ``endpoint.myself()``)."""
        cls = self._receiver_class(func.value, scope, instances=True)
        return cls.method(func.attr) if cls is not None else None

    def _receiver_class(self, receiver: ast.expr, scope: Scope, instances: bool) -> Class | None:
        """The class of this file a receiver names: ``self``/``cls`` (the enclosing class), the
        class itself, or (``instances``) a name bound to ``Class()``; else None."""
        if not isinstance(receiver, ast.Name):
            return None
        if receiver.id in ("self", "cls"):
            return scope.cls
        if receiver.id in self.classes:
            return self.classes[receiver.id]
        if not instances:
            return None
        binding = lookup(scope, receiver.id, node_start(receiver))
        made = binding.value if binding is not None else None
        if isinstance(made, ast.Call) and isinstance(made.func, ast.Name):
            return self.classes.get(made.func.id)
        return None

    def _environment_default(self, node: ast.Call, scope: Scope, depth: int) -> str | None:
        """``os.environ.get(name, default)``: the default's text; None (unknown) without a
        default, or with an empty one (``os.environ.get("JIRA_CLOUD_ID", "")``)."""
        default = node.args[1] if len(node.args) > 1 else next(
            (keyword.value for keyword in node.keywords if keyword.arg == "default"), None)
        if default is None or isinstance(default, ast.Starred):
            return None
        return self.value(default, scope, depth + 1) or None

    def _builder_value(self, func: Func, node: ast.Call, scope: Scope, depth: int) -> str | None:
        """The URL a function of this file returns for this call's arguments (a URL builder:
        ``build_sprint_url(base, board_id)``), when it returns a string."""
        if not func.returns or id(func) in self._active or depth > _MAX_DEPTH // 2:
            return None
        params = func.params[1:] if func.is_method and isinstance(node.func, ast.Attribute) \
            else func.params
        bound = bind_arguments(node, list(zip(params, range(len(params)), strict=True)))
        values = {name: self.text(arg, scope, depth + 1) for name, arg in bound.items()}
        overrides = dict(self.overrides)
        for param in func.params:
            if param in values:
                overrides[(id(func.scope), param)] = values[param]
            elif param in func.defaults:
                overrides[(id(func.scope), param)] = self.text(func.defaults[param], func.scope,
                                                                depth + 1)
        inner = Evaluator(overrides, self.consumed, self.classes, self.imported,
                          self.environment, self.functions, self.star)
        inner._active = self._active
        inner.unlinked = self.unlinked
        self._active.add(id(func))
        try:
            results = [inner.value(value, func.scope, depth + 1) for value in func.returns]
        finally:
            self._active.discard(id(func))
        return next((r for r in results if r is not None), None)

    def _join_call(
        self, node: ast.Call, func: ast.Attribute, scope: Scope, depth: int
    ) -> str | None:
        separator = func.value
        if isinstance(separator, ast.Constant) and isinstance(separator.value, str):
            if len(node.args) != 1 or not isinstance(node.args[0], (ast.List, ast.Tuple)):
                return None
            parts = [self.value(e, scope, depth + 1) for e in node.args[0].elts]
            if all(part is None for part in parts):
                return None
            return separator.value.join(
                part if part is not None else "{" + self.placeholder_name(e) + "}"
                for part, e in zip(parts, node.args[0].elts, strict=True)
            )
        if last_name(separator) in ("posixpath", "path") and node.args:
            values = [self.value(arg, scope, depth + 1) for arg in node.args]
            if all(v is None for v in values):
                return None
            result = ""
            for arg, value in zip(node.args, values, strict=True):
                piece = value if value is not None else "{" + self.placeholder_name(arg) + "}"
                if piece.startswith("/") or not result:
                    result = piece
                else:
                    result = result + ("" if result.endswith("/") else "/") + piece
            return result
        return None

    def _format(self, template: str, node: ast.Call, scope: Scope, depth: int) -> str:
        positional = [a for a in node.args if not isinstance(a, ast.Starred)]
        named = {k.arg: k.value for k in node.keywords if k.arg is not None}
        pieces: list[str] = []
        automatic = 0
        try:
            parsed = list(string.Formatter().parse(template))
        except ValueError:
            return template
        for literal, field_name, _spec, _conversion in parsed:
            pieces.append(literal)
            if field_name is None:
                continue
            head = re.split(r"[.\[]", field_name, maxsplit=1)[0]
            argument: ast.expr | None = None
            if head == "":
                argument = positional[automatic] if automatic < len(positional) else None
                automatic += 1
            elif head.isdigit():
                index = int(head)
                argument = positional[index] if index < len(positional) else None
            else:
                argument = named.get(head)
            if argument is not None and head == field_name:
                pieces.append(self.text(argument, scope, depth + 1))
            else:
                pieces.append("{" + (head if not head.isdigit() else "") + "}")
        return "".join(pieces)


def _apply_strip(base: str, method: str, arg: str | None) -> str:
    if method == "removesuffix":
        return base.removesuffix(arg) if arg else base
    if method == "removeprefix":
        return base.removeprefix(arg) if arg else base
    strip = {"strip": str.strip, "rstrip": str.rstrip, "lstrip": str.lstrip}[method]
    return strip(base, arg)


def bind_arguments(node: ast.Call, params: list[tuple[str, int]]) -> dict[str, ast.expr]:
    """The argument of ``node`` each parameter (name, position) binds: positional by index,
    then keywords; a ``*args`` argument stops the positional ones."""
    by_index = {index: name for name, index in params}
    names = {name for name, _index in params}
    bound: dict[str, ast.expr] = {}
    for position, arg in enumerate(node.args):
        if isinstance(arg, ast.Starred):
            break
        name = by_index.get(position)
        if name is not None:
            bound[name] = arg
    for keyword in node.keywords:
        if keyword.arg is not None and keyword.arg in names:
            bound[keyword.arg] = keyword.value
    return bound


def _dotted(node: ast.expr) -> str:
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return ""
    return ".".join([node.id, *reversed(parts)])

