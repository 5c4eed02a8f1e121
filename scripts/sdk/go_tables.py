"""Tables for Go SDKs whose URLs are literal templates in their source: go-jira
(``github.com/andygrunwald/go-jira`` v1, ``.../v2/cloud``), read with tree-sitter-go from the
module zip the Go module proxy serves (``$GOPROXY/<module>/@v/<version>.zip``).

go-jira's shape: ``type Client struct { Issue *IssueService; ... }``, a constructor
``func NewClient(httpClient, baseURL string) (*Client, error)`` (v2 cloud:
``NewClient(baseURL string, httpClient)``), and service methods building a request::

    func (s *IssueService) GetWithContext(ctx context.Context, issueID string, ...) (...) {
        apiEndpoint := fmt.Sprintf("rest/api/2/issue/%s", issueID)
        req, err := s.client.NewRequestWithContext(ctx, http.MethodGet, apiEndpoint, nil)

or delegating to a sibling (``return s.GetWithContext(context.Background(), issueID, options)``).
A method maps to ``Group.Method`` (``Issue.Get``: ``client.Issue.Get(...)``), its requests
to HTTP method + path template; a ``%s`` filled by a parameter of the method becomes
``{name}`` with ``{"arg": position}`` (a field of a parameter: ``{"arg": i, "key": "Field"}``;
anything else ``{"unknown": expression}``). A URL the source does not fix is listed in
``unresolved`` with the reason, never dropped.

Build script only (``make sdk-data``); never imported by scopelint.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

import tree_sitter_go
from tree_sitter import Language, Node, Parser

_PARSER = Parser(Language(tree_sitter_go.language()))

# Client methods that build a request: (name, position of the HTTP method argument)
_REQUEST_BUILDERS = {
    "NewRequest": None, "NewRequestWithContext": None, "NewRawRequest": None,
    "NewRawRequestWithContext": None, "NewMultiPartRequest": None,
    "NewMultiPartRequestWithContext": None,
}
_VERBS = {"Get": "GET", "Post": "POST", "Put": "PUT", "Delete": "DELETE", "Patch": "PATCH", "Head": "HEAD",
          "Options": "OPTIONS"}
_PASS_THROUGH = {"addOptions", "PathEscape", "QueryEscape", "Itoa", "FormatInt", "Sprint", "String",
                 "TrimPrefix", "TrimSuffix"}
_VERB_RE = re.compile(r"^(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)$")
_FORMAT_RE = re.compile(r"%[-+# 0-9.]*[svdqx]|%%")
_PLACEHOLDER_RE = re.compile(r"\{([^{}]*)\}")


class GoBuildError(Exception):
    """A module zip that is not a Go SDK of the expected shape (one line)."""


def text(node: Node | None) -> str:
    return "" if node is None or node.text is None else node.text.decode("utf-8", "replace")


def walk(node: Node) -> Iterator[Node]:
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(current.children))


# --------------------------------------------------------------------------- module zip


def package_files(archive: Any, module: str, version: str, package: str = "") -> dict[str, bytes]:
    """The ``.go`` files (not tests) of one package of a module zip, by file name.

    The proxy's zip holds every file under ``<module>@<version>/``; ``package`` is the
    package's folder inside the module (``""``: the root package; ``cloud`` for go-jira v2).
    """
    prefix = f"{module}@{version}/" + (package.strip("/") + "/" if package else "")
    out: dict[str, bytes] = {}
    with zipfile.ZipFile(archive) as zf:
        for name in zf.namelist():
            if not name.startswith(prefix):
                continue
            rest = name[len(prefix):]
            if "/" in rest or not rest.endswith(".go") or rest.endswith("_test.go"):
                continue
            out[rest] = zf.read(name)
    if not out:
        raise GoBuildError(f"{module}@{version}: no Go files in package {package or '(root)'}")
    return out


# --------------------------------------------------------------------------- functions


@dataclass
class Method:
    """One exported method of a service type: its parameters and what its body sends."""

    name: str
    params: list[str]
    # in source order: ("request", request dict) or ("sibling", (name, argument nodes))
    steps: list[tuple[str, Any]] = field(default_factory=list)
    problem: str | None = None


def _params(node: Node | None) -> list[str]:
    names: list[str] = []
    for decl in node.named_children if node is not None else []:
        if decl.type not in ("parameter_declaration", "variadic_parameter_declaration"):
            continue
        found = [text(n) for n in decl.children_by_field_name("name")]
        names.extend(found or ["_"])
    return names


def _locals(body: Node) -> dict[str, list[tuple[int, Node]]]:
    """name -> (byte position, value) of every assignment in a body (first value of a
    multi-value assignment: ``u, err := addOptions(...)``)."""
    out: dict[str, list[tuple[int, Node]]] = {}
    for node in walk(body):
        if node.type in ("short_var_declaration", "assignment_statement"):
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            if left is None or right is None:
                continue
            targets, values = left.named_children, right.named_children
            for i, target in enumerate(targets):
                value = values[i] if len(values) == len(targets) else None
                if value is None and i == 0 and values:
                    value = values[0]
                if value is not None:
                    out.setdefault(text(target), []).append((node.start_byte, value))
        elif node.type == "var_spec":
            value = node.child_by_field_name("value")
            if value is not None and value.named_children:
                for i, name in enumerate(node.children_by_field_name("name")):
                    if i < len(value.named_children):
                        out.setdefault(text(name), []).append((node.start_byte, value.named_children[i]))
    return out


class _Reader:
    """Path templates and HTTP methods of one method body."""

    def __init__(self, params: list[str], body: Node) -> None:
        self.params = params
        self.bindings = _locals(body)
        self.params_out: dict[str, dict[str, Any]] = {}

    def value(self, name: str, before: int) -> Node | None:
        found = [v for pos, v in self.bindings.get(name, []) if pos < before]
        return found[-1] if found else None

    def method(self, node: Node, depth: int = 0) -> str | None:
        if node.type == "interpreted_string_literal" or node.type == "raw_string_literal":
            word = text(node)[1:-1].upper()
            return word if _VERB_RE.match(word) else None
        if node.type == "selector_expression":  # http.MethodGet
            name = text(node.child_by_field_name("field"))
            return _VERBS.get(name[len("Method"):]) if name.startswith("Method") else None
        if node.type == "identifier" and depth < 4:
            bound = self.value(text(node), node.start_byte)
            return self.method(bound, depth + 1) if bound is not None else None
        return None

    def template(self, node: Node, depth: int = 0) -> str | None:
        """The path a URL expression builds, with ``{name}`` where a value is filled in."""
        if depth > 12:
            return None
        kind = node.type
        if kind in ("interpreted_string_literal", "raw_string_literal"):
            return text(node)[1:-1]
        if kind == "parenthesized_expression" and node.named_children:
            return self.template(node.named_children[0], depth + 1)
        if kind == "binary_expression" and text(node.child_by_field_name("operator")) == "+":
            left = self.template(node.child_by_field_name("left"), depth + 1)  # type: ignore[arg-type]
            right = self.template(node.child_by_field_name("right"), depth + 1)  # type: ignore[arg-type]
            return None if left is None or right is None else left + right
        if kind == "identifier":
            name = text(node)
            bound = self.value(name, node.start_byte)
            if bound is not None:
                return self.template(bound, depth + 1)
            if name in self.params:
                return self.slot(node)
            return None
        if kind == "unary_expression" and node.named_children:  # &url.URL{...}
            return self.template(node.named_children[-1], depth + 1)
        if kind == "composite_literal":  # url.URL{Path: "rest/api/2/search"}
            for element in walk(node):
                if element.type == "keyed_element" and len(element.named_children) == 2:
                    key, value = element.named_children
                    if text(key) == "Path":
                        inner = value.named_children[0] if value.type == "literal_element" else value
                        return self.template(inner, depth + 1)
            return None
        if kind == "call_expression":
            function = node.child_by_field_name("function")
            args = [a for a in (node.child_by_field_name("arguments") or node).named_children
                    if a.type != "comment"]
            name = text(function).rsplit(".", 1)[-1]
            if name == "Sprintf" and args:
                return self.sprintf(args[0], args[1:], depth)
            if name == "String" and function is not None and function.type == "selector_expression":
                return self.template(function.child_by_field_name("operand"), depth + 1)  # type: ignore[arg-type]
            if name in _PASS_THROUGH and args:
                return self.template(args[0], depth + 1)
            return None
        if kind == "selector_expression":  # options.Key of a parameter
            return self.slot(node)
        return None

    def sprintf(self, fmt: Node, args: list[Node], depth: int) -> str | None:
        pattern = self.template(fmt, depth + 1)
        if pattern is None:
            return None
        remaining = iter(args)
        failed = False

        def fill(match: re.Match[str]) -> str:
            nonlocal failed
            if match.group(0) == "%%":
                return "%"
            arg = next(remaining, None)
            if arg is None:
                failed = True
                return ""
            found = self.template(arg, depth + 1)
            if found is None:
                return self.slot(arg)
            return found

        out = _FORMAT_RE.sub(fill, pattern)
        return None if failed else out

    def slot(self, node: Node) -> str:
        """A value filled into the path: ``{name}`` and where it comes from."""
        written = text(node)
        source: dict[str, Any]
        if node.type == "identifier" and written in self.params:
            name, source = written, {"arg": self.params.index(written)}
        elif node.type == "selector_expression" and text(node.child_by_field_name("operand")) in self.params:
            operand = text(node.child_by_field_name("operand"))
            key = text(node.child_by_field_name("field"))
            name, source = key[:1].lower() + key[1:], {"arg": self.params.index(operand), "key": key}
        else:
            name = re.sub(r"\W+", "_", written.rsplit(".", 1)[-1]).strip("_") or "value"
            source = {"unknown": written}
        self.params_out[name] = source
        return "{" + name + "}"


def read_method(name: str, node: Node, siblings: set[str]) -> Method:
    """One service method: its requests and the siblings it calls, in source order."""
    params = _params(node.child_by_field_name("parameters"))
    method = Method(name, params)
    body = node.child_by_field_name("body")
    receiver = _receiver_name(node)
    if body is None:
        return method
    reader = _Reader(params, body)
    for call in walk(body):
        if call.type != "call_expression":
            continue
        function = call.child_by_field_name("function")
        if function is None or function.type != "selector_expression":
            continue
        callee = text(function.child_by_field_name("field"))
        operand = text(function.child_by_field_name("operand"))
        listed = call.child_by_field_name("arguments") or call
        args = [a for a in listed.named_children if a.type != "comment"]
        if callee in _REQUEST_BUILDERS:
            if len(args) < 3:
                continue
            # (ctx, method, url, body) or (method, url, body)
            offset = 1 if len(args) >= 4 else 0
            verb = reader.method(args[offset])
            reader.params_out = {}
            path = reader.template(args[offset + 1])
            if path is not None and path.lstrip("/").startswith("{"):
                path = None  # a URL the caller gives (s.client.baseURL + location): no template
            if verb is None or path is None:
                method.problem = method.problem or (
                    f"{'method' if verb is None else 'URL'} not a literal template: "
                    f"{text(args[offset if verb is None else offset + 1])[:80]}")
                continue
            request: dict[str, Any] = {"method": verb, "path": _clean_path(path)}
            kept = {k: v for k, v in reader.params_out.items() if "{" + k + "}" in request["path"]}
            if kept:
                request["params"] = kept
            method.steps.append(("request", request))
        elif operand == receiver and callee in siblings and callee != name:
            method.steps.append(("sibling", (callee, args, params)))
    return method


def _receiver_name(node: Node) -> str:
    receiver = node.child_by_field_name("receiver")
    for decl in receiver.named_children if receiver is not None else []:
        for n in decl.children_by_field_name("name"):
            return text(n)
    return ""


def _receiver_type(node: Node) -> str:
    receiver = node.child_by_field_name("receiver")
    for decl in receiver.named_children if receiver is not None else []:
        return text(decl.child_by_field_name("type")).lstrip("*").split("[", 1)[0]
    return ""


def _clean_path(path: str) -> str:
    path = path.split("?", 1)[0]
    return "/" + path.lstrip("/")


# --------------------------------------------------------------------------- client


def _remap(request: dict[str, Any], args: list[Node], params: list[str], via: str | None) -> dict[str, Any]:
    """A sibling's request as seen from its caller: argument positions of the caller."""
    out = {k: v for k, v in request.items() if k != "params"}
    mapped = {}
    for name, source in request.get("params", {}).items():
        if "arg" in source and source["arg"] < len(args):
            arg = args[source["arg"]]
            written = text(arg)
            if arg.type == "identifier" and written in params:
                mapped[name] = {**source, "arg": params.index(written)}
            else:
                mapped[name] = {"unknown": written if "key" not in source else f"{written}.{source['key']}"}
        else:
            mapped[name] = source
    if mapped:
        out["params"] = mapped
    if via and "implicit" not in out:
        out["implicit"] = f"via {via}"
    return out


def build(files: dict[str, bytes], sdk: str, client: str = "Client") -> dict[str, Any]:
    """The client class of one Go package (``files``: name -> source): ``"<sdk> Client"``
    with its service groups' methods, the constructors returning ``*Client`` and where they
    take the site URL (the parameter named like ``baseURL``)."""
    trees = [_PARSER.parse(data).root_node for _, data in sorted(files.items())]
    groups: dict[str, str] = {}  # field of Client -> service type
    factories: list[str] = []
    site: list[dict[str, int]] = []
    decls: dict[str, dict[str, Node]] = {}  # service type -> method name -> node
    raw: list[dict[str, Any]] = []  # client.NewRequest(method, urlStr, body): the escape hatch
    for root in trees:
        for node in walk(root):
            if node.type == "type_spec" and text(node.child_by_field_name("name")) == client:
                struct = node.child_by_field_name("type")
                for decl in walk(struct) if struct is not None else []:
                    if decl.type != "field_declaration":
                        continue
                    type_text = text(decl.child_by_field_name("type"))
                    if type_text.startswith("*") and type_text.endswith("Service"):
                        for field_name in decl.children_by_field_name("name"):
                            if text(field_name)[:1].isupper():
                                groups[text(field_name)] = type_text[1:]
            elif node.type == "function_declaration":
                fname = text(node.child_by_field_name("name"))
                result = text(node.child_by_field_name("result"))
                if fname.startswith("New") and re.search(rf"\*{client}\b", result):
                    factories.append(fname)
                    params = _params(node.child_by_field_name("parameters"))
                    where = next((i for i, p in enumerate(params) if "url" in p.lower()), None)
                    if where is not None and not site:
                        site.append({"arg": where})
            elif node.type == "method_declaration":
                mname = text(node.child_by_field_name("name"))
                if mname[:1].isupper():
                    decls.setdefault(_receiver_type(node), {})[mname] = node
                if mname in _REQUEST_BUILDERS and _receiver_type(node) == client:
                    _raw_entry(raw, mname, _params(node.child_by_field_name("parameters")))
    if not groups:
        raise GoBuildError(f"no `type {client} struct` with service fields (`Issue *IssueService`)")
    entry: dict[str, Any] = {
        "kind": "client",
        "product": "jira",
        "construct": "factory",
        "factories": sorted(set(factories)),
        "site": site,
        "options": [],
        "raw": raw,
        "methods": {},
        "unresolved": {},
    }
    for group, service in sorted(groups.items()):
        nodes = decls.get(service, {})
        methods = {name: read_method(name, node, set(nodes)) for name, node in nodes.items()}
        resolved = _resolve(methods)
        for name in sorted(methods):
            qualified = f"{group}.{name}"
            if resolved.get(name):
                entry["methods"][qualified] = [{"requests": resolved[name]}]
            else:
                entry["unresolved"][qualified] = methods[name].problem or "made no request"
    paths = [r["path"] for rows in entry["methods"].values() for row in rows for r in row["requests"]]
    if paths and all(p.startswith("/rest/agile") for p in paths):
        entry["product"] = "jira-software"
    return {f"{sdk} {client}": entry}


def _raw_entry(raw: list[dict[str, Any]], name: str, params: list[str]) -> None:
    """``func (c *Client) NewRequest[WithContext](ctx?, method, urlStr string, body)``: a raw
    request builder, as a ``raw`` entry (``ARG<i>``: the method is the i-th argument; the URL
    is relative to the site URL given to the constructor)."""
    method = next((i for i, p in enumerate(params) if p.lower() == "method"), None)
    url = next((i for i, p in enumerate(params) if "url" in p.lower()), None)
    if method is None or url is None:
        return
    for entry in raw:
        if entry["url"] == {"arg": url}:
            entry["methods"][name] = f"ARG{method}"
            return
    raw.append({"attribute": "", "methods": {name: f"ARG{method}"}, "url": {"arg": url}, "relative_to": "/"})


def _resolve(methods: dict[str, Method]) -> dict[str, list[dict[str, Any]]]:
    """Each method's requests, siblings' requests followed (a few levels)."""
    done: dict[str, list[dict[str, Any]]] = {}
    for _ in range(4):
        for name, method in methods.items():
            if name in done or method.problem:
                continue
            own = any(kind == "request" for kind, _ in method.steps)
            pending = [s for kind, s in method.steps if kind == "sibling" and s[0] not in done
                       and not methods[s[0]].problem]
            if pending:
                continue
            out: list[dict[str, Any]] = []
            for kind, step in method.steps:
                if kind == "request":
                    out.append(step)
                elif step[0] in done:
                    sibling, args, params = step
                    via = sibling if own else None
                    out.extend(_remap(r, args, params, via) for r in done[sibling])
            done[name] = out
    return done


def rename_params(classes: dict[str, Any], rename: Any) -> None:
    """Path parameters named as the knowledge base's operation names them
    (``{issueID}`` -> ``{issueIdOrKey}``): ``rename(method, path)`` gives the operation's
    path template or None."""
    for entry in classes.values():
        for rows in entry["methods"].values():
            for row in rows:
                for request in row["requests"]:
                    template = rename(request["method"], request["path"])
                    if not template:
                        continue
                    ours = _PLACEHOLDER_RE.findall(request["path"])
                    theirs = _PLACEHOLDER_RE.findall(template)
                    ours_segments = PurePosixPath(request["path"]).parts
                    their_segments = PurePosixPath(template).parts
                    if len(ours) != len(theirs) or len(ours_segments) != len(their_segments):
                        continue
                    mapping = dict(zip(ours, theirs, strict=True))
                    request["path"] = _substitute(request["path"], mapping)
                    if "params" in request:
                        request["params"] = {mapping.get(k, k): v for k, v in request["params"].items()}


def _substitute(path: str, names: dict[str, str]) -> str:
    return _PLACEHOLDER_RE.sub(lambda m: "{" + names.get(m.group(1), m.group(1)) + "}", path)
