"""JavaScript / TypeScript: the scopes an OAuth 2.0 app declares, wherever the code writes them.

Read from the same parse and index as the calls:

* an array or string bound to a name containing ``scope`` (``const SCOPES = [...]``,
  ``this.scopes = ...``, a class field);
* the value of a ``scope``/``scopes`` key (any key ending in it) of an object literal
  (``new URLSearchParams({ scope: SCOPES.join(' ') })``, ``{ scope }``), or of
  ``params.append('scope', ...)`` / ``params.set('scope', ...)`` and ``[['scope', ...]]``;
* the argument an OAuth library's call takes them in (``[[oauth]]`` rows of
  ``knowledge/javascript.toml``: ``passport-atlassian-oauth2``, ``simple-oauth2``
  ``authorizeURL({scope})``, Auth.js/NextAuth's Atlassian provider
  ``authorization.params.scope``);
* the ``scope`` parameter of an authorization URL, however the string is built (template
  literals, ``+``, ``SCOPES.join('%20')``, ``encodeURIComponent``, percent-encoding).

Names are followed with the evaluator's lookup (constants, object properties, ``this``
fields).  A value is taken only when it looks like Atlassian scopes
(``scanning.core.scope_text``); mocks, assertions and route definitions are skipped.
"""

from __future__ import annotations

from tree_sitter import Node

from scopelint.model import ScopeDeclaration
from scopelint.scanning.core import scope_text as st
from scopelint.scanning.core.knowledge import OAuthRow, table
from scopelint.scanning.languages.javascript.index import FileIndex
from scopelint.scanning.languages.javascript.nodes import arguments_of, unwrap
from scopelint.scanning.languages.javascript.suppress import SUPPRESS_ALL, classify_call
from scopelint.scanning.languages.javascript.values import Evaluator, unescape
from scopelint.scanning.languages.javascript.valuetypes import EMPTY, Trace
from scopelint.scanning.source import SourceFile

_MAX_DEPTH = 40
_STRING_TYPES = frozenset({"string", "template_string", "binary_expression"})
_CONVERSIONS = frozenset({"encodeURIComponent", "encodeURI", "String", "escape"})
_PAIR_SETTERS = frozenset({"append", "set"})


def is_scope_key(name: str) -> bool:
    """A key that names scopes: ``scope``, ``scopes``, ``oauthScopes``, ``additionalScopes``."""
    return name.lower().endswith(("scope", "scopes"))


class DeclarationReader:
    """Finds the scope declarations of one parsed file (see the module docstring)."""

    def __init__(self, source: SourceFile, root: Node, index: FileIndex) -> None:
        self.source = source
        self.root = root
        self.index = index
        self.values = Evaluator(index)
        self.knowledge = table("javascript")

    # ------------------------------------------------------------------ sites

    def read(self) -> list[ScopeDeclaration]:
        library: list[ScopeDeclaration] = []
        found: list[ScopeDeclaration] = []
        urls: list[ScopeDeclaration] = []
        stack: list[tuple[Node, bool]] = [(self.root, False)]
        while stack:
            node, in_string = stack.pop()
            kind = node.type
            if kind in ("call_expression", "new_expression"):
                if classify_call(node, self.index) == SUPPRESS_ALL:
                    continue
                library.extend(self._library(node))
                found.extend(self._pair_setter(node))
            elif kind == "variable_declarator":
                name = self._name(node.child_by_field_name("name"))
                if name is not None and "scope" in name.lower():
                    found.extend(self._site(node.child_by_field_name("value"), node, "scope-list"))
            elif kind == "assignment_expression":
                left = node.child_by_field_name("left")
                name = self._assigned_name(left)
                if name is not None and "scope" in name.lower():
                    found.extend(self._site(node.child_by_field_name("right"), node, "scope-list"))
            elif kind in ("field_definition", "public_field_definition"):
                name = self._name(node.child_by_field_name("name")
                                  or node.child_by_field_name("property"))
                if name is not None and "scope" in name.lower():
                    found.extend(self._site(node.child_by_field_name("value"), node, "scope-list"))
            elif kind == "pair":
                name = self._name(node.child_by_field_name("key"))
                if name is not None and is_scope_key(name):
                    found.extend(self._site(node.child_by_field_name("value"), node, "scope-key"))
            elif kind == "shorthand_property_identifier":
                if is_scope_key(self.index.text(node)) and node.parent is not None \
                        and node.parent.type == "object":
                    found.extend(self._site(node, node, "scope-key"))
            elif kind == "array" and len(node.named_children) == 2:
                first = node.named_children[0]
                if first.type == "string" and is_scope_key(self._string(first)):
                    found.extend(self._site(node.named_children[1], first, "scope-key"))
            is_string = kind in _STRING_TYPES and (kind != "binary_expression" or _is_plus(node))
            if is_string and not in_string:
                urls.extend(self._url_site(node))
            for child in reversed(node.children):
                stack.append((child, is_string or (in_string and kind == "template_substitution")))
        return st.unique([*library, *found, *urls])

    def _name(self, node: Node | None) -> str | None:
        if node is None:
            return None
        if node.type in ("identifier", "property_identifier", "private_property_identifier",
                         "shorthand_property_identifier"):
            return self.index.text(node).lstrip("#")
        if node.type == "string":
            return self._string(node)
        return None

    def _assigned_name(self, left: Node | None) -> str | None:
        if left is None:
            return None
        if left.type == "member_expression":
            return self._name(left.child_by_field_name("property"))
        return self._name(left)

    def _site(self, value: Node | None, anchor: Node, kind: str,
              via: str | None = None) -> list[ScopeDeclaration]:
        if value is None:
            return []
        evaluated = self.value(value)
        words, partial = st.words_of(evaluated, self.source)
        return self._declaration(anchor, words, partial, kind, via)

    def _url_site(self, node: Node) -> list[ScopeDeclaration]:
        raw = self.index.data[node.start_byte:node.end_byte].lower()  # (AUTHORIZE_URL + ...)
        if b"authorize" not in raw and b"scope" not in raw:
            return []
        found = st.authorization_words(self.value(node), self.source)
        if found is None:
            return []
        return self._declaration(node, *found, "authorization-url", None)

    def _declaration(self, anchor: Node, words: list[tuple[str, int]], partial: bool,
                     kind: str, via: str | None) -> list[ScopeDeclaration]:
        location = self.source.location(self.source.char_offset(anchor.start_byte))
        found = st.declaration(self.source, location, words, kind=kind, partial=partial, via=via)
        return [found] if found is not None else []

    def _pair_setter(self, call: Node) -> list[ScopeDeclaration]:
        """``params.append('scope', value)`` / ``url.searchParams.set('scope', value)``."""
        callee = call.child_by_field_name("function")
        if callee is None or callee.type != "member_expression":
            return []
        if self._name(callee.child_by_field_name("property")) not in _PAIR_SETTERS:
            return []
        args = arguments_of(call)
        if len(args) != 2 or args[0].type != "string" or not is_scope_key(self._string(args[0])):
            return []
        return self._site(args[1], args[0], "scope-key")

    def _library(self, call: Node) -> list[ScopeDeclaration]:
        found = self._row(call)
        if found is None:
            return []
        row, via = found
        args = arguments_of(call)
        position = row.argument.position
        if position is None or position >= len(args):
            return []
        value: Node | None = args[position]
        for key in row.keys:
            value = self._property(value, key) if value is not None else None
        if value is None:
            return []
        return self._site(value, value, "oauth-library", via)

    def _row(self, call: Node) -> tuple[OAuthRow, str] | None:
        index = self.index
        if call.type == "new_expression":
            callee = call.child_by_field_name("constructor")
            prefix = "new "
        else:
            callee = call.child_by_field_name("function")
            prefix = ""
        if callee is None:
            return None
        callee = unwrap(callee)
        names: list[str] = []
        attribute: str | None = None
        if callee.type == "identifier":
            local = index.text(callee)
            imported = index.imports.get(local)
            if imported is not None:
                module, export = imported
                names.append(module if export in ("default", "*") else f"{module}.{export}")
            names.append(local)
        elif callee.type == "member_expression":
            attribute = self._name(callee.child_by_field_name("property"))
            obj = callee.child_by_field_name("object")
            if obj is not None and obj.type == "identifier" and attribute is not None:
                imported = index.imports.get(index.text(obj))
                if imported is not None:
                    base = imported[0] if imported[1] in ("default", "*") else \
                        f"{imported[0]}.{imported[1]}"
                    names.append(f"{base}.{attribute}")
        for name in names:
            row = self.knowledge.oauth_row(prefix + name)
            if row is not None:
                return row, prefix + name
        if attribute is not None and not prefix:
            row = self.knowledge.oauth_row(None, attribute)
            if row is not None:
                return row, f"*.{attribute}"
        return None

    def _property(self, node: Node, key: str) -> Node | None:
        """The value of ``key`` in the object ``node`` is (or names)."""
        resolved = self.values.resolve(node, EMPTY, Trace())
        if not isinstance(resolved, tuple) or resolved[0].type != "object":
            return None
        for child in resolved[0].named_children:
            if child.type == "pair" and self._name(child.child_by_field_name("key")) == key:
                return child.child_by_field_name("value")
            if child.type == "shorthand_property_identifier" and self.index.text(child) == key:
                return child
        return None

    # ------------------------------------------------------------------ values

    def value(self, node: Node, depth: int = 0) -> st.ScopeValue:
        """What ``node`` evaluates to, as a scope value (unknown parts marked)."""
        if depth > _MAX_DEPTH:
            return st.unknown()
        node = unwrap(node)
        kind = node.type
        if kind == "string":
            return st.string(self._string(node), *_lines(node))
        if kind == "template_string":
            return self._template(node, depth)
        if kind == "array":
            return st.items_of(
                self.value(child.named_children[0] if child.type == "spread_element"
                           and child.named_children else child, depth + 1)
                for child in node.named_children if child.type != "comment"
            )
        if kind == "binary_expression":
            operator = node.child_by_field_name("operator")
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            if operator is None or left is None or right is None:
                return st.unknown()
            if operator.type == "+":
                return st.concat([self.value(left, depth + 1), self.value(right, depth + 1)])
            if operator.type in ("??", "||"):
                default = self.value(right, depth + 1)
                default.partial = True  # process.env.SCOPES ?? '...': the environment may say otherwise
                return default
            return st.unknown()
        if kind == "ternary_expression":
            consequence = node.child_by_field_name("consequence")
            return self.value(consequence, depth + 1) if consequence is not None else st.unknown()
        if kind in ("identifier", "shorthand_property_identifier", "member_expression",
                    "subscript_expression"):
            resolved = self.values.resolve(node, EMPTY, Trace())
            if not isinstance(resolved, tuple) or resolved[0] == node:
                if kind == "identifier" and self.index.text(node) in self.index.imports \
                        and "scope" in self.index.text(node).lower():
                    return st.elsewhere()
                return st.unknown()
            return self.value(resolved[0], depth + 1)
        if kind == "call_expression":
            return self._call(node, depth)
        if kind == "new_expression":
            return self._new(node, depth)
        return st.unknown()

    def _new(self, node: Node, depth: int) -> st.ScopeValue:
        """``new URLSearchParams({...})``: its query string (``scope=...&audience=...``)."""
        constructor = node.child_by_field_name("constructor")
        args = arguments_of(node)
        if constructor is None or self.index.text(constructor) != "URLSearchParams" or not args:
            return st.unknown()
        resolved = self.values.resolve(args[0], EMPTY, Trace())
        obj = resolved[0] if isinstance(resolved, tuple) else None
        if obj is None or obj.type != "object":
            return st.unknown()
        pairs: list[tuple[str | None, st.ScopeValue]] = []
        for child in obj.named_children:
            if child.type == "pair":
                value = child.child_by_field_name("value")
                pairs.append((self._name(child.child_by_field_name("key")),
                              self.value(value, depth + 1) if value is not None else st.unknown()))
            elif child.type == "shorthand_property_identifier":
                pairs.append((self.index.text(child), self.value(child, depth + 1)))
            elif child.type != "comment":
                pairs.append((None, st.unknown()))  # ...spread: keys not known
        return st.query(pairs)

    def _string(self, node: Node) -> str:
        parts: list[str] = []
        for child in node.children:
            if child.type == "string_fragment":
                parts.append(self.index.text(child))
            elif child.type == "escape_sequence":
                parts.append(unescape(self.index.text(child)))
        return "".join(parts)

    def _template(self, node: Node, depth: int) -> st.ScopeValue:
        parts: list[st.ScopeValue] = []
        for child in node.named_children:
            if child.type == "string_fragment":
                parts.append(st.string(self.index.text(child), *_lines(child)))
            elif child.type == "escape_sequence":
                parts.append(st.string(unescape(self.index.text(child)), *_lines(child)))
            elif child.type == "template_substitution" and child.named_children:
                inner = self.value(child.named_children[0], depth + 1)
                parts.append(st.unknown() if inner.is_list else inner)
        return st.concat(parts)

    def _call(self, node: Node, depth: int) -> st.ScopeValue:
        callee = node.child_by_field_name("function")
        args = arguments_of(node)
        if callee is None:
            return st.unknown()
        callee = unwrap(callee)
        if callee.type == "identifier" and self.index.text(callee) in _CONVERSIONS and args:
            return self.value(args[0], depth + 1)
        if callee.type != "member_expression":
            return st.unknown()
        method = self._name(callee.child_by_field_name("property"))
        receiver = callee.child_by_field_name("object")
        if receiver is None:
            return st.unknown()
        if method == "join":
            separator = "," if not args else self._string(args[0]) if args[0].type == "string" \
                else None
            if separator is None:
                return st.unknown()
            return st.join(self.value(receiver, depth + 1), separator)
        if method == "concat":
            return st.concat([self.value(receiver, depth + 1),
                              *(self.value(arg, depth + 1) for arg in args)])
        if method in ("split", "trim", "toString", "toLowerCase"):
            return self.value(receiver, depth + 1)
        return st.unknown()


def _lines(node: Node) -> tuple[int, int]:
    return node.start_point[0] + 1, node.end_point[0] + 1


def _is_plus(node: Node) -> bool:
    operator = node.child_by_field_name("operator")
    return operator is not None and operator.type == "+"

