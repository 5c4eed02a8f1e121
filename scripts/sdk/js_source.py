"""Reading SDK JavaScript with tree-sitter: request configs (``{url, method}``), URL templates
and where their substitutions come from. Shared by ``js_tables`` and ``js_jira_client``.

Build script only (``make sdk-data``); never imported by scopelint.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tree_sitter_javascript
from tree_sitter import Language, Node, Parser

_PARSER = Parser(Language(tree_sitter_javascript.language()))


def parse(path: Path) -> Node:
    return _PARSER.parse(path.read_bytes()).root_node


def text(node: Node | None) -> str:
    return "" if node is None or node.text is None else node.text.decode("utf-8", "replace")


def walk(node: Node) -> Iterator[Node]:
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(current.children))


def same_endpoint(request: dict[str, Any], target: tuple[str, str]) -> bool:
    """A request row and (METHOD, path) name the same endpoint: placeholders match any
    segment, an option placeholder ``{@x}`` any literal."""
    if request.get("method") != target[0]:
        return False
    a = [s for s in request["path"].split("/") if s]
    b = [s for s in target[1].split("/") if s]
    if len(a) != len(b):
        return False
    return all(x == y or x.startswith("{") or y.startswith("{") for x, y in zip(a, b, strict=True))


# --------------------------------------------------------------------------- request configs


@dataclass
class Function:
    """One SDK function or method: its parameter names and the requests in its body."""

    name: str
    params: list[str]
    requests: list[dict[str, Any]] = field(default_factory=list)
    calls_self: list[tuple[int, str]] = field(default_factory=list)  # (position, sibling method)


def object_pairs(obj: Node) -> dict[str, Node]:
    out = {}
    for pair in obj.named_children:
        if pair.type == "pair":
            key = pair.child_by_field_name("key")
            value = pair.child_by_field_name("value")
            if key is not None and value is not None:
                out[text(key).strip("'\"")] = value
    return out


def declarations(body: Node) -> dict[str, Node]:
    out: dict[str, Node] = {}
    for node in walk(body):
        if node.type == "variable_declarator":
            name = node.child_by_field_name("name")
            value = node.child_by_field_name("value")
            if name is not None and value is not None and name.type == "identifier":
                out.setdefault(text(name), value)
    return out


def _source_of(
    expr: Node, fn: Function, decls: dict[str, Node], depth: int = 0
) -> tuple[str, dict[str, Any]]:
    """A template substitution -> (placeholder name, where its value comes from)."""
    first = fn.params[0] if fn.params else "parameters"
    if expr.type == "member_expression":
        obj = expr.child_by_field_name("object")
        prop = text(expr.child_by_field_name("property"))
        if obj is not None and obj.type == "identifier" and text(obj) in fn.params:
            index = fn.params.index(text(obj))
            return prop, {"arg": index, "key": prop}
        if obj is not None and obj.type == "member_expression":
            _, inner = _source_of(obj, fn, decls, depth + 1)
            if "key" in inner:
                return prop, {**inner, "key": f"{inner['key']}.{prop}"}
    if expr.type == "identifier":
        name = text(expr)
        if name in fn.params:
            return name, {"arg": fn.params.index(name)}
        value = decls.get(name)
        if value is not None and depth < 3:
            keys = [
                text(n.child_by_field_name("property"))
                for n in walk(value)
                if n.type == "member_expression" and text(n.child_by_field_name("object")) == first
            ]
            bare = any(
                n.type == "identifier"
                and text(n) == first
                and n.parent is not None
                and n.parent.type == "ternary_expression"
                for n in walk(value)
            )
            source: dict[str, Any] = {"arg": 0}
            if keys:
                source["key"] = keys[-1]
            if bare or keys:
                if bare and keys:
                    source["or_value"] = True  # the argument may be the value itself (a string)
                return name, source
        return name, {"unknown": text(expr)[:80]}
    return "value", {"unknown": text(expr)[:80]}


def url_template(node: Node, fn: Function, decls: dict[str, Node]) -> tuple[str, dict[str, Any]] | None:
    """A string or template literal (or Babel's ``"a/".concat(x, "/b")``) -> (path with
    {name} placeholders, param sources)."""
    if node.type == "string":
        return text(node)[1:-1], {}
    if node.type == "call_expression":
        callee = node.child_by_field_name("function")
        args = node.child_by_field_name("arguments")
        if (
            callee is None
            or callee.type != "member_expression"
            or args is None
            or text(callee.child_by_field_name("property")) != "concat"
        ):
            return None
        head = url_template(callee.child_by_field_name("object"), fn, decls)  # type: ignore[arg-type]
        if head is None:
            return None
        path, found = head
        for arg in args.named_children:
            part = url_template(arg, fn, decls)
            if part is None:
                name, source = _source_of(arg, fn, decls)
                while name in found and found[name] != source:
                    name += "_"
                found[name] = source
                path += "{" + name + "}"
            else:
                path += part[0]
                found.update(part[1])
        return path, found
    if node.type != "template_string":
        return None
    parts: list[str] = []
    params: dict[str, Any] = {}
    for child in node.named_children:
        if child.type == "string_fragment" or child.type == "escape_sequence":
            parts.append(text(child))
        elif child.type == "template_substitution":
            expr = child.named_children[0] if child.named_children else None
            if expr is None:
                continue
            name, source = _source_of(expr, fn, decls)
            while name in params and params[name] != source:
                name += "_"
            params[name] = source
            parts.append("{" + name + "}")
    return "".join(parts), params


def function_params(node: Node) -> list[str]:
    params = node.child_by_field_name("parameters")
    out = []
    for child in params.named_children if params is not None else []:
        if child.type == "identifier":
            out.append(text(child))
        elif child.type == "assignment_pattern":
            out.append(text(child.child_by_field_name("left")))
        else:
            out.append(text(child))
    return out


def _inside_if(node: Node, stop: Node) -> bool:
    current = node.parent
    while current is not None and current != stop:
        if current.type in ("if_statement", "ternary_expression", "catch_clause"):
            return True
        current = current.parent
    return False


def read_function(name: str, node: Node) -> Function:
    """Request configs (objects with ``url`` and ``method``) and ``this.sibling()`` calls."""
    fn = Function(name, function_params(node))
    body = node.child_by_field_name("body")
    if body is None:
        return fn
    decls = declarations(body)
    for child in walk(body):
        if child.type == "object":
            pairs = object_pairs(child)
            if "url" in pairs and "method" in pairs:
                tpl = url_template(pairs["url"], fn, decls)
                method_node = pairs["method"]
                method = text(method_node).strip("'\"`").upper() if method_node.type == "string" else None
                if tpl is None:
                    fn.requests.append(
                        {"unresolved": f"url is {text(pairs['url'])[:60]}", "position": child.start_byte}
                    )
                    continue
                row: dict[str, Any] = {
                    "method": method or "UNKNOWN",
                    "path": tpl[0],
                    "position": child.start_byte,
                }
                if tpl[1]:
                    row["params"] = tpl[1]
                if _inside_if(child, body):
                    row["optional"] = True
                fn.requests.append(row)
        elif child.type == "call_expression":
            callee = child.child_by_field_name("function")
            if callee is not None and callee.type == "member_expression":
                obj = callee.child_by_field_name("object")
                if obj is not None and obj.type == "this":
                    fn.calls_self.append((child.start_byte, text(callee.child_by_field_name("property"))))
    return fn


def finish_requests(
    fn: Function, siblings: dict[str, Function], seen: frozenset[str] = frozenset()
) -> list[dict[str, Any]]:
    """Requests in source order, a sibling call contributing its own (made by the SDK itself)."""
    items: list[tuple[int, list[dict[str, Any]]]] = []
    for req in fn.requests:
        items.append((req["position"], [{k: v for k, v in req.items() if k != "position"}]))
    for position, name in fn.calls_self:
        other = siblings.get(name)
        if other is None or name in seen or name == fn.name:
            continue
        inner = finish_requests(other, siblings, seen | {fn.name})
        items.append((position, [{**r, "implicit": f"via {name}", "optional": True} for r in inner]))
    items.sort(key=lambda item: item[0])
    return [r for _, rows in items for r in rows]
