"""Tables for JavaScript SDKs whose URLs are literal templates in their source: jira.js,
confluence.js (request-config objects ``{url, method}``) and jira-client
(``this.makeUri({pathname})`` + ``makeRequestHeader(uri, {method})``), read with tree-sitter.

Build script only (``make sdk-data``); never imported by scopelint. Reads the published
JavaScript (``out/``, ``dist/``, ``lib/``), which every version ships, rather than TypeScript
sources, which some versions do not.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tree_sitter import Node

from scripts.sdk.js_source import (
    Function,
    finish_requests,
    object_pairs,
    parse,
    read_function,
    same_endpoint,
    text,
    url_template,
    walk,
)

__all__ = ["build", "same_endpoint", "url_template"]


# --------------------------------------------------------------------------- jira.js / confluence.js


def classes_in(root: Node) -> Iterator[tuple[str, Node]]:
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
        for name, cls in classes_in(tree):
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
        entry = client_entry(sdk, client, "new")
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


def client_entry(sdk: str, client: str, construct: str) -> dict[str, Any]:
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
    requests = finish_requests(fn, siblings)
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
            entry = client_entry(sdk, factory, "factory")
            modules: dict[Path, dict[str, Function]] = {}
            for group, value in object_pairs(obj).items():
                if value.type != "object":
                    continue
                for mname, arrow in object_pairs(value).items():
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


def build(sdk: str, root: Path) -> dict[str, Any]:
    """The classes of one unpacked npm package (``root`` is its ``package/`` folder)."""
    if sdk == "jira-client":
        from scripts.sdk.js_jira_client import build_jira_client

        return build_jira_client(root)
    if any((root / "dist").rglob("create*Client.js")) and not (root / "dist" / "esm").is_dir():
        return build_factory_style(sdk, root)
    return build_class_style(sdk, root)
