"""The parts of a Forge ``manifest.yml`` besides REST scopes: egress, images, remotes, resources.

Read from the round-trip document :mod:`~scopelint.scanning.declarations.forge_manifest`
loaded (issue #21).  The shapes are Atlassian's (manifest reference, "Permissions" and
"Remotes"; ``@forge/lint`` 6.1 reads the same):

```yaml
permissions:
  scopes: [storage:app]              # or a mapping scope -> {allowImpersonation: ...}
  external:
    fetch:
      backend: [api.example.com, '*.example.org', {address: 'https://x.example.net'}, {remote: svc}]
      client: [https://cdn.example.com]
    images: [images.example.com]
remotes:
  - key: svc
    baseUrl: https://svc.example.com
    operations: [compute, fetch]
resources:
  - key: main
    path: static/main/build
```

A part of the wrong shape (``external`` that is not a mapping, a list that is a string, an
entry that is neither a string nor an ``{address}``/``{remote}`` mapping) becomes a *problem*
with its line, which the egress rule reports once; the rest is still read.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from scopelint.model import ForgeApp, ManifestEntry
from scopelint.scanning.declarations.positions import key_location, yaml_location
from scopelint.scanning.source import SourceFile

EXTERNAL_LISTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("permissions.external.fetch.backend", ("fetch", "backend")),
    ("permissions.external.fetch.client", ("fetch", "client")),
    ("permissions.external.images", ("images",)),
)


def read_app(
    document: Mapping[Any, Any], source: SourceFile, root: str, scopes: tuple[str, ...],
    scope_lines: dict[str, int], scopes_readable: bool,
) -> ForgeApp:
    reader = _Reader(source)
    permissions = document.get("permissions")
    lists: dict[str, tuple[ManifestEntry, ...]] = {}
    if "permissions" in document:
        reader.lines["permissions"] = key_location(document, "permissions", source).line
    if isinstance(permissions, Mapping) and "external" in permissions:
        external = permissions.get("external")
        line = key_location(permissions, "external", source).line
        reader.lines["permissions.external"] = line
        if external is None:
            pass
        elif not isinstance(external, Mapping):
            reader.problem(line, "permissions.external is not a mapping")
        else:
            for dotted, keys in EXTERNAL_LISTS:
                lists[dotted] = reader.entries(external, keys, dotted)
    return ForgeApp(
        path=source.display,
        root=root,
        scopes=scopes,
        scope_lines=scope_lines,
        fetch_backend=lists.get("permissions.external.fetch.backend", ()),
        fetch_client=lists.get("permissions.external.fetch.client", ()),
        images=lists.get("permissions.external.images", ()),
        remotes=reader.remotes(document),
        resources=_resources(document),
        products=_products(document),
        lines=reader.lines,
        problems=tuple(reader.problems),
        scopes_readable=scopes_readable,
    )


class _Reader:
    def __init__(self, source: SourceFile) -> None:
        self.source = source
        self.lines: dict[str, int] = {}
        self.problems: list[tuple[int, str]] = []

    def problem(self, line: int, message: str) -> None:
        if (line, message) not in self.problems:
            self.problems.append((line, message))

    def _line(self, mapping: Any, key: str, default: int) -> int:
        if not hasattr(mapping, "lc"):
            return default
        return key_location(mapping, key, self.source).line

    def _item_line(self, sequence: Any, index: int, default: int) -> int:
        try:
            line, column = sequence.lc.item(index)
        except (AttributeError, KeyError, TypeError):
            return default
        return yaml_location(self.source, int(line), int(column)).line

    def entries(
        self, external: Mapping[Any, Any], keys: tuple[str, ...], dotted: str
    ) -> tuple[ManifestEntry, ...]:
        node: Any = external
        line = self.lines.get("permissions.external", 1)
        walked = "permissions.external"
        for key in keys:
            if not isinstance(node, Mapping) or key not in node:
                return ()
            line = self._line(node, key, line)
            walked += "." + key
            self.lines[walked] = line
            node = node.get(key)
            if node is None:
                return ()
            if key != keys[-1] and not isinstance(node, Mapping):
                self.problem(line, f"{walked} is not a mapping")
                return ()
        if not isinstance(node, list):
            self.problem(line, f"{dotted} is not a list")
            return ()
        found: list[ManifestEntry] = []
        for index, item in enumerate(node):
            item_line = self._item_line(node, index, line)
            if isinstance(item, str) and item.strip():
                found.append(ManifestEntry(item.strip(), item_line))
            elif isinstance(item, Mapping) and isinstance(item.get("address"), str):
                found.append(ManifestEntry(str(item["address"]).strip(), item_line))
            elif isinstance(item, Mapping) and isinstance(item.get("remote"), str):
                found.append(ManifestEntry("", item_line, remote=str(item["remote"]).strip()))
            else:
                self.problem(
                    item_line,
                    f"{dotted} has an entry that is neither an address nor an {{address: ...}} "
                    "or {remote: ...} mapping",
                )
        return tuple(found)

    def remotes(self, document: Mapping[Any, Any]) -> tuple[ManifestEntry, ...]:
        remotes = document.get("remotes")
        if remotes is None:
            return ()
        line = self._line(document, "remotes", 1)
        self.lines["remotes"] = line
        if not isinstance(remotes, list):
            self.problem(line, "remotes is not a list")
            return ()
        found = []
        for index, item in enumerate(remotes):
            item_line = self._item_line(remotes, index, line)
            if not isinstance(item, Mapping) or not isinstance(item.get("key"), str):
                self.problem(item_line, "remotes has an entry without a key")
                continue
            base = item.get("baseUrl")
            operations = item.get("operations")
            found.append(
                ManifestEntry(
                    str(item["key"]),
                    item_line,
                    remote=str(base) if isinstance(base, str) else "",
                    operations=tuple(str(op) for op in operations)
                    if isinstance(operations, list)
                    else (),
                )
            )
        return tuple(found)


def _resources(document: Mapping[Any, Any]) -> tuple[str, ...]:
    resources = document.get("resources")
    if not isinstance(resources, list):
        return ()
    return tuple(
        str(item["path"]).strip().strip("/")
        for item in resources
        if isinstance(item, Mapping) and isinstance(item.get("path"), str) and item["path"].strip()
    )


def _products(document: Mapping[Any, Any]) -> tuple[str, ...]:
    """The products an app extends, from its module keys (``jira:issuePanel`` -> ``jira``) and
    its product event triggers (``avi:confluence:created:page`` -> ``confluence``)."""
    modules = document.get("modules")
    if not isinstance(modules, Mapping):
        return ()
    products: list[str] = []
    for key, entries in modules.items():
        found = [str(key).split(":", 1)[0]] if ":" in str(key) else []
        if key == "trigger" and isinstance(entries, list):  # events such as avi:jira:created:issue
            found += [
                str(event).split(":")[1]
                for entry in entries if isinstance(entry, Mapping) and isinstance(entry.get("events"), list)
                for event in entry["events"] if str(event).startswith("avi:") and str(event).count(":") >= 2
            ]
            found = [product for product in found if product != "forge"]  # avi:forge:installed:app
        for product in found:
            if product and product not in products:
                products.append(product)
    return tuple(products)
