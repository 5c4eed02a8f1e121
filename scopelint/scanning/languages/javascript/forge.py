"""Forge platform features a JavaScript/TypeScript file uses (issue #21): the facts the
manifest's permissions are checked against.

- **platform APIs** of ``kb/forge_permissions.toml``, reached through the file's imports and
  ``require`` calls (``import { kvs } from '@forge/kvs'``, ``const { storage } =
  require('@forge/api')``, ``api.storage`` on a default import), wherever the code refers to
  them: a call, a helper handed the object, a re-export (``export { storage } from
  '@forge/api'``, ``module.exports = { storage }``);
- **requests to other hosts**: every request the call analyser recognises (``fetch`` from
  ``@forge/api`` or global, axios, got, ky, Node's https, ... and the file's own helpers,
  reported at the helper's call) whose URL is absolute; product calls (``requestJira`` ...)
  need no egress entry and are left out;
- **images**: the ``src`` of ``<img>`` and UI Kit ``<Image>`` elements;
- **Forge Remote**: ``invokeRemote('key', ...)`` / ``requestRemote('key', ...)``.

Each becomes a :class:`~scopelint.model.PlatformUse` with the side the code runs on: the
frontend for files importing ``@forge/bridge``/``@forge/react`` or under a ``static/`` folder,
else the backend (the rules also count a manifest's resource folders as frontend).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scopelint.model import CodeSide, Location, PlatformUse
from scopelint.scanning.core import treesitter
from scopelint.scanning.urls import normalise_placeholders

if TYPE_CHECKING:
    from tree_sitter import Node

    from scopelint.kb.forge import ApiRow, ForgeTable
    from scopelint.scanning.languages.javascript.calls import CallAnalyser
    from scopelint.scanning.languages.javascript.index import FileIndex
    from scopelint.scanning.source import SourceFile

# Positions where an identifier only declares the imported name, or names a property.
_DECLARING_PARENTS = frozenset(
    {"import_specifier", "import_clause", "namespace_import", "pair_pattern", "export_specifier"}
)
_MAX_USES = 2000  # per file: a generated bundle cannot make the report huge
# Modules whose objects' get/set/delete are platform APIs, never HTTP requests.
_API_MODULES = frozenset({"@forge/kvs", "@forge/storage"})


def wanted(source: SourceFile, data: bytes) -> bool:
    """Is the file worth the Forge pass: it names a @forge package or lies in a Forge app."""
    return source.forge_app or b"@forge/" in data


def platform_uses(
    source: SourceFile, index: FileIndex, analyser: CallAnalyser, root: Node
) -> list[PlatformUse]:
    from scopelint.kb.forge import table

    forge = table()
    side: CodeSide = "frontend" if _is_frontend(source, index, forge) else "backend"
    finder = _Finder(source, index, analyser, forge, side)
    finder.apis(root)
    finder.requests()
    finder.images(root)
    return finder.uses[:_MAX_USES]


def _is_frontend(source: SourceFile, index: FileIndex, forge: ForgeTable) -> bool:
    if any(index.imports_module(module) for module in forge.frontend_modules):
        return True
    return "static" in source.display.replace("\\", "/").split("/")[:-1]


class _Finder:
    def __init__(
        self, source: SourceFile, index: FileIndex, analyser: CallAnalyser, forge: ForgeTable,
        side: CodeSide,
    ) -> None:
        self.source = source
        self.index = index
        self.analyser = analyser
        self.forge = forge
        self.side: CodeSide = side
        self.uses: list[PlatformUse] = []
        self._seen: set[tuple[int, str, str]] = set()
        self._api_roots: set[str] = set()  # local names bound to a platform API object

    def _add(self, node: Node, kind: str, api: str, target: str = "", name: str = "",
             side: CodeSide | None = None) -> None:
        key = (node.start_byte, kind, target)
        if key in self._seen or len(self.uses) >= _MAX_USES:
            return
        self._seen.add(key)
        line, column = self.source.line_col(self.source.char_offset(node.start_byte))
        self.uses.append(
            PlatformUse(
                Location(self.source.display, line, column),
                kind,  # type: ignore[arg-type]
                api,
                target,
                side or self.side,
                name,
            )
        )

    # ------------------------------------------------------------------ platform APIs

    def apis(self, root: Node) -> None:
        index, forge = self.index, self.forge
        direct: dict[str, ApiRow] = {}  # local name -> row (named import / require)
        modules: dict[str, str] = {}  # local name -> module (default or namespace import)
        for local, (module, name) in index.imports.items():
            row = forge.lookup(module, name)
            if row is not None:
                direct[local] = row
                self._api_roots.add(local)
            elif name in ("default", "*"):
                modules[local] = module
        for node in treesitter.walk(root):
            kind = node.type
            if kind == "export_statement":
                self._reexport(node)
            elif kind in ("identifier", "shorthand_property_identifier") and direct:
                text = index.text(node)
                row = direct.get(text)
                if row is not None and not self._declaring(node):
                    self._api_use(node, row, text)
            elif kind == "member_expression" and modules:
                obj = node.child_by_field_name("object")
                prop = node.child_by_field_name("property")
                if obj is None or prop is None or obj.type != "identifier":
                    continue
                via_module = modules.get(index.text(obj))
                member = forge.lookup(via_module, index.text(prop)) if via_module else None
                if member is not None:
                    self._api_use(node, member, f"{index.text(obj)}.{index.text(prop)}")

    def _declaring(self, node: Node) -> bool:
        parent = node.parent
        if parent is None:
            return False
        if parent.type in _DECLARING_PARENTS:
            return True
        if parent.type == "variable_declarator":
            name = parent.child_by_field_name("name")
            return name is not None and name.id == node.id
        return False

    def _api_use(self, node: Node, row: ApiRow, local: str) -> None:
        parent = node.parent
        name = local
        if parent is not None and parent.type == "member_expression":
            obj = parent.child_by_field_name("object")
            prop = parent.child_by_field_name("property")
            if obj is not None and obj.id == node.id and prop is not None:
                name = f"{local}.{self.index.text(prop)}"
        if row.kind == "remote":
            call = parent if parent is not None and parent.type == "call_expression" else None
            if call is None and parent is not None and parent.type == "member_expression":
                grand = parent.parent
                call = grand if grand is not None and grand.type == "call_expression" else None
            if call is None:
                return
            self._add(call, "remote", row.key, self._remote_key(call), name)
            return
        self._add(node, "api", row.key, name=name)

    def _remote_key(self, call: Node) -> str:
        from scopelint.scanning.languages.javascript.nodes import arguments_of
        from scopelint.scanning.languages.javascript.valuetypes import EMPTY, Trace

        args = arguments_of(call)
        if not args:
            return ""
        text = self.analyser.values.text(args[0], EMPTY, Trace())
        return "" if "{" in text or not text.strip() else text.strip()

    def _reexport(self, node: Node) -> None:
        source = node.child_by_field_name("source")
        if source is None:
            return
        module = "".join(
            self.index.text(c) for c in source.named_children if c.type == "string_fragment"
        )
        clause = next((c for c in node.named_children if c.type == "export_clause"), None)
        if clause is None:  # export * from 'module'
            for row in self.forge.apis:
                if module in row.modules and row.kind != "remote":
                    self._add(node, "api", row.key, name=f"export * from '{module}'")
            return
        for spec in clause.named_children:
            name_node = spec.child_by_field_name("name")
            if name_node is None:
                continue
            name = self.index.text(name_node).strip("'\"")
            found = self.forge.lookup(module, name)
            if found is not None and found.kind != "remote":
                self._add(spec, "api", found.key, name=f"export {{ {name} }} from '{module}'")

    # ------------------------------------------------------------------ requests

    def requests(self) -> None:
        analyser, forge = self.analyser, self.forge
        for call in self.index.calls:
            for found in analyser.analyse_top(call):
                if found.kind != "call" or found.forge_product is not None:
                    continue
                if analyser.deferral_target(call, found) is not None or self._on_api_object(call):
                    continue
                if getattr(found, "elsewhere", None):  # Found.elsewhere: cross-file linking (#13)
                    continue  # its host is written in another module, whose own pass reports it
                via = found.via or ""
                if via.rsplit(".", 1)[-1] in forge.product_calls:
                    continue
                url = normalise_placeholders(found.url).strip()
                if not url or url.startswith(("/", ".", "?", "#")) or url == "{}":
                    continue  # a path on the app's own origin (or nothing readable at all)
                if "://" not in url and not url.startswith("{"):
                    continue  # a relative path, a key: not a request to another host
                self._add(found.loc, "fetch", via, url, name=via)

    def _on_api_object(self, call: Node) -> bool:
        """``storage.get(key)``, ``kvs.set(...)``: a platform API's method, not an HTTP request."""
        from scopelint.scanning.languages.javascript.suppress import call_chain

        _names, _, root = call_chain(call, self.index.chains)
        return root is not None and root.type == "identifier" and (
            self.index.text(root) in self._api_roots
            or self.index.imports.get(self.index.text(root), ("", ""))[0] in _API_MODULES
        )

    # ------------------------------------------------------------------ images

    def images(self, root: Node) -> None:
        elements = self.forge.image_elements
        for node in treesitter.walk(root):
            if node.type not in ("jsx_opening_element", "jsx_self_closing_element"):
                continue
            name = node.child_by_field_name("name")
            if name is None or self.index.text(name) not in elements:
                continue
            element = self.index.text(name)
            module = self.index.module_of(element)
            if element != "img" and module is not None and not module.startswith("@forge/"):
                continue  # another library's Image component (next/image, ...)
            for attribute in node.named_children:
                if attribute.type != "jsx_attribute" or not attribute.named_children:
                    continue
                if self.index.text(attribute.named_children[0]) != "src":
                    continue
                values = attribute.named_children[1:]
                for value in values:
                    self._image_values(value, element)

    def _image_values(self, node: Node, element: str) -> None:
        from scopelint.scanning.languages.javascript.valuetypes import EMPTY, Trace

        if node.type == "jsx_expression":
            for child in node.named_children:
                self._image_values(child, element)
            return
        if node.type == "ternary_expression":
            for field in ("consequence", "alternative"):
                branch = node.child_by_field_name(field)
                if branch is not None:
                    self._image_values(branch, element)
            return
        if node.type == "binary_expression":
            operator = node.child_by_field_name("operator")
            if operator is not None and operator.type in ("||", "&&", "??"):
                for field in ("left", "right"):
                    side = node.child_by_field_name(field)
                    if side is not None:
                        self._image_values(side, element)
                return
        url = normalise_placeholders(self.analyser.values.text(node, EMPTY, Trace())).strip()
        if not url or url.startswith(("data:", "resource:", "blob:", "/", ".", "#")):
            return
        if "://" not in url and not url.startswith(("{", "//")):
            return  # a relative file of the app's own bundle
        self._add(node, "image", element, url, name=f"<{element} src>", side="frontend")
