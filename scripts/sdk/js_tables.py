"""Tables for JavaScript SDKs whose URLs are literal templates in their source: jira.js,
confluence.js (request-config objects ``{url, method}``) and jira-client
(``this.makeUri({pathname})`` + ``makeRequestHeader(uri, {method})``), read with tree-sitter.

Build script only (``make sdk-data``); never imported by scopelint. Reads the published
JavaScript (``out/``, ``dist/``, ``lib/``), which every version ships, rather than TypeScript
sources, which some versions do not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tree_sitter_javascript
from tree_sitter import Language, Node, Parser

_PARSER = Parser(Language(tree_sitter_javascript.language()))
_PLACEHOLDER = re.compile(r"\{[^}]*\}")


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


def _pairs(obj: Node) -> dict[str, Node]:
    out = {}
    for pair in obj.named_children:
        if pair.type == "pair":
            key = pair.child_by_field_name("key")
            value = pair.child_by_field_name("value")
            if key is not None and value is not None:
                out[text(key).strip("'\"")] = value
    return out


def _declarations(body: Node) -> dict[str, Node]:
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


def _function_params(node: Node) -> list[str]:
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
    fn = Function(name, _function_params(node))
    body = node.child_by_field_name("body")
    if body is None:
        return fn
    decls = _declarations(body)
    for child in walk(body):
        if child.type == "object":
            pairs = _pairs(child)
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


def _finish(
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
        inner = _finish(other, siblings, seen | {fn.name})
        items.append((position, [{**r, "implicit": f"via {name}", "optional": True} for r in inner]))
    items.sort(key=lambda item: item[0])
    return [r for _, rows in items for r in rows]


# --------------------------------------------------------------------------- jira.js / confluence.js


def _classes(root: Node) -> Iterator[tuple[str, Node]]:
    for node in walk(root):
        if node.type in ("class_declaration", "class"):
            name = node.child_by_field_name("name")
            if name is not None:
                yield text(name), node


def _group_fields(cls: Node) -> dict[str, str]:
    """``issues = new Issues(this)`` / ``this.issues = new x_1.Issues(this)`` -> {issues: Issues}."""
    out = {}
    for node in walk(cls):
        target = value = None
        if node.type == "field_definition":
            target, value = node.child_by_field_name("property"), node.child_by_field_name("value")
        elif node.type == "assignment_expression":
            left = node.child_by_field_name("left")
            if (
                left is not None
                and left.type == "member_expression"
                and text(left.child_by_field_name("object")) == "this"
            ):
                target, value = left.child_by_field_name("property"), node.child_by_field_name("right")
        if target is None or value is None or value.type != "new_expression":
            continue
        args = value.child_by_field_name("arguments")
        if args is None or [text(a) for a in args.named_children] != ["this"]:
            continue
        ctor = text(value.child_by_field_name("constructor")).split(".")[-1]
        out[text(target)] = ctor
    return out


def _js_files(root: Path) -> list[Path]:
    for folder in ("out", "dist/esm", "dist"):
        base = root / folder
        if base.is_dir():
            files = sorted(p for p in base.rglob("*") if p.suffix in (".js", ".mjs") and p.is_file())
            return [p for p in files if not p.name.endswith((".d.js",)) and "browser" not in p.name]
    return []


def _prefix_default(root: Path) -> str | None:
    """confluence.js 1.x/2.x: ``config.apiPrefix ?? '/wiki/rest'`` in the client."""
    for path in _js_files(root):
        if "clients" not in path.parts:
            continue
        for node in walk(parse(path)):
            if node.type == "binary_expression" and text(node.child_by_field_name("left")).endswith(
                "apiPrefix"
            ):
                right = node.child_by_field_name("right")
                if right is not None and right.type == "string":
                    return text(right)[1:-1].rstrip("/")
    return None


def build_class_style(sdk: str, root: Path) -> dict[str, Any]:
    """jira.js <= 5, confluence.js <= 2: client classes holding group objects.

    Group class names repeat across folders (``version2/issues.js`` and
    ``version3/issues.js`` both define ``Issues``; confluence.js has ``api/`` and ``server/``):
    a client's group is the class of that name nearest to the client's own file.
    """
    groups: dict[str, list[tuple[Path, dict[str, Function]]]] = {}
    clients: dict[str, tuple[Path, dict[str, str]]] = {}
    for path in _js_files(root):
        tree = parse(path)
        for name, cls in _classes(tree):
            fields = _group_fields(cls)
            if fields:
                clients[name] = (path, fields)
            body = cls.child_by_field_name("body")
            methods = {}
            for member in body.named_children if body is not None else []:
                if member.type == "method_definition":
                    mname = text(member.child_by_field_name("name"))
                    if mname != "constructor" and not mname.startswith("_"):
                        methods[mname] = read_function(mname, member)
            if any(fn.requests for fn in methods.values()):
                groups.setdefault(name, []).append((path, methods))
    prefix = _prefix_default(root) if sdk == "confluence.js" else None
    wanted = {
        "jira.js": ("Version2Client", "Version3Client", "AgileClient", "ServiceDeskClient"),
        "confluence.js": ("ConfluenceClient",),
    }[sdk]
    out: dict[str, Any] = {}
    for client in wanted:
        if client not in clients:
            continue
        client_path, fields = clients[client]
        entry = _client_entry(sdk, client, "new")
        if prefix is not None:
            entry["options"].append(
                {
                    "name": "apiPrefix",
                    "in": {"arg": 0, "key": "apiPrefix"},
                    "effect": "base",
                    "default": prefix,
                }
            )
        for group, cls_name in sorted(fields.items()):
            candidates = groups.get(cls_name, [])
            if not candidates:
                continue
            _, methods = max(candidates, key=lambda c: _shared_parts(c[0], client_path))
            for mname, fn in sorted(methods.items()):
                _add(entry, f"{group}.{mname}", fn, methods, "{@apiPrefix}" if prefix else "")
        out[f"{sdk} {client}"] = entry
    return out


def _shared_parts(a: Path, b: Path) -> int:
    count = 0
    for x, y in zip(a.parts, b.parts, strict=False):
        if x != y:
            break
        count += 1
    return count


def _client_entry(sdk: str, client: str, construct: str) -> dict[str, Any]:
    product = {"jira.js": "jira", "confluence.js": "confluence", "jira-client": "jira"}[sdk]
    if "ServiceDesk" in client:
        product = "jira-service-management"
    if client.startswith(("Agile", "createAgile")):
        product = "jira-software"
    return {
        "kind": "client",
        "product": product,
        "construct": construct,
        "options": [],
        "methods": {},
        "unresolved": {},
    }


def _add(
    entry: dict[str, Any], name: str, fn: Function, siblings: dict[str, Function], prefix: str, shift: int = 0
) -> None:
    requests = _finish(fn, siblings)
    good = []
    for req in requests:
        if "unresolved" in req:
            entry["unresolved"][name] = req["unresolved"]
            return
        req = dict(req)
        req["path"] = prefix + req["path"]
        if shift and "params" in req:
            req["params"] = {
                k: ({**v, "arg": v["arg"] - shift} if "arg" in v else v) for k, v in req["params"].items()
            }
        good.append(req)
    if not good:
        entry["unresolved"][name] = "no request config in its body"
        return
    entry["methods"][name] = [{"requests": good}]


# --------------------------------------------------------------------------- factory style


def build_factory_style(sdk: str, root: Path) -> dict[str, Any]:
    """jira.js 6, confluence.js 3: ``createXClient(config)`` returns
    ``{group: {method: (parameters) => module.fn(client, parameters)}}``."""
    base = root / "dist"
    out: dict[str, Any] = {}
    for path in sorted(base.rglob("create*Client.js")):
        tree = parse(path)
        imports = {}
        for node in walk(tree):
            if node.type == "import_statement":
                ns = [n for n in walk(node) if n.type == "namespace_import"]
                src = node.child_by_field_name("source")
                if ns and src is not None:
                    ident = [n for n in ns[0].named_children if n.type == "identifier"]
                    if ident:
                        imports[text(ident[0])] = (path.parent / text(src)[1:-1]).resolve()
        for node in walk(tree):
            if node.type != "function_declaration":
                continue
            factory = text(node.child_by_field_name("name"))
            if not factory.startswith("create") or factory == "createClient":
                continue
            returned = next((n for n in walk(node) if n.type == "return_statement"), None)
            obj = returned.named_children[0] if returned is not None and returned.named_children else None
            if obj is None or obj.type != "object":
                continue
            entry = _client_entry(sdk, factory, "factory")
            modules: dict[Path, dict[str, Function]] = {}
            for group, value in _pairs(obj).items():
                if value.type != "object":
                    continue
                for mname, arrow in _pairs(value).items():
                    call = arrow.child_by_field_name("body")
                    if call is None or call.type != "call_expression":
                        continue
                    callee = text(call.child_by_field_name("function"))
                    mod, _, fname = callee.partition(".")
                    if mod not in imports:
                        continue
                    if imports[mod] not in modules:
                        modules[imports[mod]] = {
                            text(f.child_by_field_name("name")): read_function(
                                text(f.child_by_field_name("name")), f
                            )
                            for f in walk(parse(imports[mod]))
                            if f.type == "function_declaration"
                        }
                    fn = modules[imports[mod]].get(fname)
                    if fn is None:
                        entry["unresolved"][f"{group}.{mname}"] = f"{callee} not found"
                        continue
                    # module functions take (client, parameters); the client method (parameters)
                    _add(entry, f"{group}.{mname}", fn, modules[imports[mod]], "", shift=1)
            out[f"{sdk} {factory}"] = entry
    return out


# --------------------------------------------------------------------------- jira-client


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
    entry = _client_entry("jira-client", "JiraApi", "new")
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
        fn = Function(name, _function_params(member))
        fbody = member.child_by_field_name("body")
        if fbody is None:
            continue
        decls = _declarations(fbody)
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
                pairs = _pairs(arg_nodes[0])
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
                    value = _pairs(arg_nodes[1]).get("method")
                    if value is not None:
                        method = text(value).strip("'\"").upper() if value.type == "string" else "UNKNOWN"
                methods.append(method)
        if not uris:
            siblings = [
                m for m in _this_calls(fbody) if m in members and not m.startswith(("make", "do"))
            ]
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
    cls = next((node for name, node in _classes(tree) if name == "JiraApi"), None)
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
            pairs = _pairs(node)
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


def build(sdk: str, root: Path) -> dict[str, Any]:
    """The classes of one unpacked npm package (``root`` is its ``package/`` folder)."""
    if sdk == "jira-client":
        return build_jira_client(root)
    if any((root / "dist").rglob("create*Client.js")) and not (root / "dist" / "esm").is_dir():
        return build_factory_style(sdk, root)
    return build_class_style(sdk, root)
