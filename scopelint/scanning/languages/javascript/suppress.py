"""Which JavaScript calls are not client calls: test mocks, assertions, server route definitions.

``classify_call`` looks at the shape of a call's callee chain (``nock(BASE).get(...).reply()``,
``expect(x).toHaveBeenCalledWith(...)``, ``app.get('/path', handler)``) and answers:

* ``SUPPRESS_ALL``: nothing inside is a real request (mocks, assertions, msw handlers);
* ``SUPPRESS_VALUES``: the non-function arguments are not requests (a route's path), but the
  handler functions passed along are ordinary code and are still scanned;
* ``SUPPRESS_NONE``: an ordinary call.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from tree_sitter import Node

from scopelint.scanning.core.knowledge import table
from scopelint.scanning.languages.javascript.nodes import FUNCTION_TYPES, NodeKey, arguments_of, key_of

if TYPE_CHECKING:
    from scopelint.scanning.languages.javascript.index import FileIndex

SUPPRESS_NONE = 0
SUPPRESS_VALUES = 1
SUPPRESS_ALL = 2

_MAX_CHAIN = 32


class _Lists:
    """The ``[not_calls]`` name lists of ``knowledge/javascript.toml``, read on first use."""

    def __init__(self) -> None:
        knowledge = table("javascript")
        self.test_roots = knowledge.names("test_roots")
        self.test_calls = knowledge.names("test_calls")
        self.supertest_calls = knowledge.names("supertest_calls")
        self.mock_methods = knowledge.names("mock_methods")
        self.mock_modules = knowledge.names("mock_modules")
        self.mock_roots = knowledge.names("mock_roots")
        self.route_methods = knowledge.names("route_methods")
        self.server_names = knowledge.names("server_names")
        self.callback_clients = knowledge.names("callback_clients")
        self.response_calls = knowledge.names("response_calls")
        self.response_targets = knowledge.names("response_targets")
        self.link_keys = knowledge.names("link_keys")


@cache
def _lists() -> _Lists:
    return _Lists()


Chain = tuple[list[str], list[Node], Node | None]


def call_chain(node: Node, cache: dict[NodeKey, Chain] | None = None) -> Chain:
    """(member names outermost first, calls/``new`` inside the callee chain, root node)."""
    if cache is not None:
        key = key_of(node)
        cached = cache.get(key)
        if cached is None:
            cached = cache[key] = call_chain(node)
        return cached
    names: list[str] = []
    calls: list[Node] = []
    current = node.child_by_field_name("function") or node.child_by_field_name("constructor")
    for _ in range(_MAX_CHAIN):
        if current is None:
            return names, calls, None
        kind = current.type
        if kind == "member_expression":
            prop = current.child_by_field_name("property")
            if prop is not None and prop.text is not None:
                names.append(prop.text.decode("utf-8", errors="replace"))
            current = current.child_by_field_name("object")
        elif kind in ("call_expression", "new_expression"):
            calls.append(current)
            current = current.child_by_field_name("function") or current.child_by_field_name(
                "constructor"
            )
        elif kind == "subscript_expression":
            current = current.child_by_field_name("object")
        elif kind in ("parenthesized_expression", "as_expression", "non_null_expression",
                      "satisfies_expression", "await_expression"):
            current = current.named_children[0] if current.named_children else None
        elif kind == "sequence_expression":  # (0, jira_1.makeClient)(...): its last operand
            current = current.named_children[-1] if current.named_children else None
        else:
            return names, calls, current
    return names, calls, None


def _ident(node: Node | None) -> str | None:
    if node is None or node.type != "identifier" or node.text is None:
        return None
    return node.text.decode("utf-8", errors="replace")


def _callee_ident(call: Node) -> str | None:
    return _ident(call.child_by_field_name("function") or call.child_by_field_name("constructor"))


def _looks_like_client(root_name: str | None, names: list[str]) -> bool:
    """``httpClient.get(...)``, ``addon.httpClient(req).put(...)``: an HTTP client, not a server."""
    if root_name is not None and root_name.lower().endswith("client"):
        return True
    return any(name.lower().endswith("client") for name in names[1:])


def _looks_like_server(name: str, lists: _Lists) -> bool:
    lower = name.lower()
    return name in lists.server_names or lower.endswith("router") or (
        len(name) > 3 and name.endswith("App")
    )


def _is_mock_module(module: str, lists: _Lists) -> bool:
    return any(module == mock or module.startswith(mock + "/") for mock in lists.mock_modules)


_PLAIN_CALLEE_BYTES = 256  # a longer callee (a chain over big callbacks) is read as a chain


@cache
def _list_words() -> re.Pattern[bytes]:
    """Any name of the lists ``classify_call`` and ``is_response_call`` consult, as a word."""
    lists = _lists()
    words: set[str] = set()
    for names in (lists.test_roots, lists.test_calls, lists.supertest_calls, lists.mock_methods,
                  lists.mock_roots, lists.route_methods):
        words.update(names)
    for call in lists.response_calls:
        words.update(call.split("."))
    alternatives = b"|".join(re.escape(w.encode()) for w in sorted(words, key=len, reverse=True))
    return re.compile(rb"(?<![\w$])(?:" + alternatives + rb")(?![\w$])")


def plain_call(node: Node, index: FileIndex) -> bool:
    """Is the call (or ``new``) surely ``SUPPRESS_NONE`` for ``classify_call`` and no response
    call, from its callee's text alone (no chain built)?  True when no name of the lists
    occurs in the callee as a word and the file imports no mock module: every name
    ``classify_call`` reads (the chain's members, its root, the functions of calls inside
    it) is a word of that text."""
    callee = node.child_by_field_name("function") or node.child_by_field_name("constructor")
    if callee is None:
        return True
    start, end = callee.start_byte, callee.end_byte
    if end - start > _PLAIN_CALLEE_BYTES or _list_words().search(index.data[start:end]):
        return False
    lists = _lists()
    return not any(_is_mock_module(module, lists) for module, _name in index.imports.values())


def classify_call(node: Node, index: FileIndex) -> int:
    lists = _lists()
    names, calls, root = call_chain(node, index.chains)
    root_name = _ident(root)
    if root_name in lists.test_roots:
        return SUPPRESS_ALL
    for inner in calls:
        name = _callee_ident(inner)
        if name in lists.test_calls:
            return SUPPRESS_ALL
        if name in lists.supertest_calls and _is_supertest_call(inner):
            return SUPPRESS_ALL
    if any(name in lists.mock_methods for name in names):
        return SUPPRESS_ALL
    if root_name is not None and names:
        module = index.module_of(root_name)
        if module is not None and _is_mock_module(module, lists):
            return SUPPRESS_ALL
        if module is None and root_name in lists.mock_roots:
            return SUPPRESS_ALL
    if not names or names[0] not in lists.route_methods:
        return SUPPRESS_NONE
    if root_name is not None and _looks_like_server(root_name, lists):
        return SUPPRESS_VALUES
    if root_name is not None and (
        index.is_node_http(root_name) or root_name in lists.callback_clients
    ):
        return SUPPRESS_NONE
    if _looks_like_client(root_name, names):
        return SUPPRESS_NONE  # atlassian-connect-express: addon.httpClient(req).get(url, callback)
    args = arguments_of(node)
    if args and args[0].type == "object":
        return SUPPRESS_NONE  # a route's first argument is its path, never an options object
    if any(arg.type in FUNCTION_TYPES for arg in args[1:]):
        return SUPPRESS_VALUES
    return SUPPRESS_NONE


def _is_supertest_call(call: Node) -> bool:
    """``request(app)`` (supertest) rather than ``request('https://...')`` (the request lib)."""
    args = arguments_of(call)
    return bool(args) and args[0].type not in ("string", "template_string", "object")


def is_data_pair(node: Node) -> bool:
    """``self: 'https://...'``, ``_links: {...}`` in an object: a canned response's links."""
    key = node.child_by_field_name("key")
    if key is None or key.text is None:
        return False
    name = key.text.decode("utf-8", errors="replace").strip("'\"`")
    return name in _lists().link_keys


def is_response_body(node: Node) -> bool:
    """``ctx.body = {...}`` (Koa): the value is a response body."""
    left = node.child_by_field_name("left")
    return left is not None and left.text is not None and \
        left.text.decode("utf-8", errors="replace") in _lists().response_targets


def is_response_call(node: Node, index: FileIndex) -> bool:
    """``res.json({...})``, ``res.status(201).send(...)``, ``c.json(...)``: a server's answer."""
    names, _calls, root = call_chain(node, index.chains)
    root_name = _ident(root)
    return root_name is not None and bool(names) and f"{root_name}.{names[0]}" in _lists().response_calls
