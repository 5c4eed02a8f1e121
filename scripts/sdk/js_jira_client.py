"""jira-client: ``this.makeXUri({pathname})`` + ``makeRequestHeader(uri, {method})``; each
make*Uri's prefix from its own body, option defaults from the constructor. Reads the class
(8.x) and Babel's ``_createClass`` output (7.x).

Build script only (``make sdk-data``); never imported by scopelint.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tree_sitter import Node

from scripts.sdk.js_source import (
    Function,
    declarations,
    function_params,
    object_pairs,
    parse,
    text,
    url_template,
    walk,
)
from scripts.sdk.js_tables import classes_in, client_entry


def build_jira_client(root: Path) -> dict[str, Any]:
    """jira-client: ``this.makeXUri({pathname})``; each make*Uri's prefix from its own body."""
    tree = parse(root / "lib" / "jira.js")
    members = _jira_client_members(tree)
    defaults: dict[str, str] = {}
    ctor = members.get("constructor")
    for node in walk(ctor) if ctor is not None else []:
        # this.apiVersion = options.apiVersion || '2'
        if node.type == "assignment_expression":
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            if left is not None and right is not None and right.type == "binary_expression":
                lit = right.child_by_field_name("right")
                if lit is not None and lit.type == "string":
                    defaults[text(left.child_by_field_name("property"))] = text(lit)[1:-1]
    prefixes: dict[str, str] = {}
    for name, member in members.items():
        if not (name.startswith("make") and name.endswith("Uri")):
            continue
        for node in walk(member):
            if node.type == "binary_expression" and "intermediateToUse" in text(
                node.child_by_field_name("left")
            ):
                right = node.child_by_field_name("right")
                fake = Function(name, [])
                tpl = url_template(right, fake, {}) if right is not None else None
                if tpl is not None or right is not None:
                    prefixes[name] = _raw_template(right)  # type: ignore[arg-type]
    entry = client_entry("jira-client", "JiraApi", "new")
    entry["options"] = [
        {
            "name": "apiVersion",
            "in": {"arg": 0, "key": "apiVersion"},
            "effect": "path",
            "default": defaults.get("apiVersion", "2"),
        },
        {
            "name": "base",
            "in": {"arg": 0, "key": "base"},
            "effect": "base",
            "default": defaults.get("base", ""),
        },
        {
            "name": "intermediatePath",
            "in": {"arg": 0, "key": "intermediatePath"},
            "effect": "base",
            "note": "replaces every prefix (/rest/api/{apiVersion}, /rest/agile/1.0, ...) when set",
        },
        {
            "name": "protocol",
            "in": {"arg": 0, "key": "protocol"},
            "effect": "none",
            "default": defaults.get("protocol", "http"),
        },
        {"name": "strictSSL", "in": {"arg": 0, "key": "strictSSL"}, "effect": "none"},
        {
            "name": "webhookVersion",
            "in": {"arg": 0, "key": "webHookVersion"},
            "effect": "path",
            "default": defaults.get("webhookVersion", "1.0"),
        },
        {
            "name": "greenhopperVersion",
            "in": {"arg": 0, "key": "greenhopperVersion"},
            "effect": "path",
            "default": defaults.get("greenhopperVersion", "1.0"),
        },
    ]
    delegated: list[tuple[str, list[str]]] = []
    for name, member in sorted(members.items()):
        if name == "constructor" or name.startswith(("make", "do")) or name.startswith("_"):
            continue
        fn = Function(name, function_params(member))
        fbody = member.child_by_field_name("body")
        if fbody is None:
            continue
        decls = declarations(fbody)
        uris: list[tuple[int, str, dict[str, Any]]] = []
        methods: list[str] = []
        for node in walk(fbody):
            if node.type != "call_expression":
                continue
            callee = node.child_by_field_name("function")
            prop = (
                text(callee.child_by_field_name("property"))
                if callee is not None and callee.type == "member_expression"
                else ""
            )
            args = node.child_by_field_name("arguments")
            arg_nodes = args.named_children if args is not None else []
            if prop in prefixes and arg_nodes and arg_nodes[0].type == "object":
                pairs = object_pairs(arg_nodes[0])
                pathname = pairs.get("pathname")
                tpl = url_template(pathname, fn, decls) if pathname is not None else None
                if tpl is None:
                    uris.append((node.start_byte, "", {"unknown": text(pathname)[:60]}))
                else:
                    prefix = prefixes[prop]
                    if "intermediatePath" in pairs and pairs["intermediatePath"].type == "string":
                        prefix = text(pairs["intermediatePath"])[1:-1]
                    uris.append((node.start_byte, "{@base}" + prefix + tpl[0], tpl[1]))
            elif prop == "makeRequestHeader":
                method = "GET"
                if len(arg_nodes) > 1 and arg_nodes[1].type == "object":
                    value = object_pairs(arg_nodes[1]).get("method")
                    if value is not None:
                        method = text(value).strip("'\"").upper() if value.type == "string" else "UNKNOWN"
                methods.append(method)
        if not uris:
            siblings = [m for m in _this_calls(fbody) if m in members and not m.startswith(("make", "do"))]
            if siblings:
                delegated.append((name, siblings))
            continue
        if len(methods) != len(uris) or any("unknown" in p for _, _, p in uris):
            entry["unresolved"][name] = "URI built from a value the source does not fix"
            continue
        rows = []
        for (_, path, params), method in zip(sorted(uris, key=lambda u: u[0]), methods, strict=True):
            row: dict[str, Any] = {"method": method, "path": path}
            if params:
                row["params"] = params
            rows.append(row)
        entry["methods"][name] = [{"requests": rows}]
    for name, siblings in delegated:  # e.g. getUsersIssues -> this.searchJira(...)
        rows = [
            {**r, "implicit": f"via {sib}"}
            for sib in siblings
            for row in entry["methods"].get(sib, [])
            for r in row["requests"]
        ]
        if rows:
            entry["methods"][name] = [{"requests": rows}]
        else:
            entry["unresolved"][name] = f"calls {', '.join(siblings)}, whose requests are not known"
    return {"jira-client JiraApi": entry}


def _this_calls(body: Node) -> list[str]:
    """Names of ``this.name(...)`` calls in source order."""
    out: list[tuple[int, str]] = []
    for node in walk(body):
        callee = node.child_by_field_name("function") if node.type == "call_expression" else None
        if (
            callee is not None
            and callee.type == "member_expression"
            and text(callee.child_by_field_name("object")) == "this"
        ):
            out.append((node.start_byte, text(callee.child_by_field_name("property"))))
    return [name for _, name in sorted(out)]


def _jira_client_members(tree: Node) -> dict[str, Node]:
    """Methods of JiraApi: a class (8.x) or Babel's ``_createClass(JiraApi, [{key, value:
    function}])`` with ``function JiraApi(options)`` as the constructor (7.x and older)."""
    cls = next((node for name, node in classes_in(tree) if name == "JiraApi"), None)
    if cls is not None:
        body = cls.child_by_field_name("body")
        return {
            text(m.child_by_field_name("name")): m
            for m in (body.named_children if body else [])
            if m.type == "method_definition"
        }
    members: dict[str, Node] = {}
    for node in walk(tree):
        if (
            node.type in ("function_declaration", "function_expression", "function")
            and text(node.child_by_field_name("name")) == "JiraApi"
        ):
            members["constructor"] = node
        elif node.type == "object":
            pairs = object_pairs(node)
            key, value = pairs.get("key"), pairs.get("value")
            if (
                key is not None
                and value is not None
                and key.type == "string"
                and value.type in ("function_expression", "function")
            ):
                members[text(key)[1:-1]] = value
    return members


def _raw_template(node: Node) -> str:
    """A prefix expression -> text with ``{@option}`` for ``this.option`` (template literal
    or Babel ``"a".concat(this.b)``)."""
    if node.type == "string":
        return text(node)[1:-1]
    if node.type == "member_expression" and text(node.child_by_field_name("object")) == "this":
        return "{@" + text(node.child_by_field_name("property")) + "}"
    if node.type == "call_expression":
        callee = node.child_by_field_name("function")
        args = node.child_by_field_name("arguments")
        if callee is not None and callee.type == "member_expression" and args is not None:
            head = callee.child_by_field_name("object")
            return (_raw_template(head) if head is not None else "") + "".join(
                _raw_template(a) for a in args.named_children
            )
    parts = []
    for child in node.named_children:
        if child.type == "template_substitution":
            parts.append(_raw_template(child.named_children[0]))
        else:
            parts.append(text(child))
    return "".join(parts)
