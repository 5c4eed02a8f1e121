"""Record ``site host -> cloudId`` in a scopelint configuration's ``sites`` mapping, in place.

Like :mod:`scopelint.fixing.scope_lists`, only the ``sites`` entry changes: the rest of the
file keeps every byte.  A host already recorded (compared without case) gets its value
replaced; the same value again leaves the text unchanged.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from scopelint.fixing import toml_text, yaml_text
from scopelint.fixing.yaml_text import EditError, PathKey

SITES_KEY = "sites"


def _expected(data: Any, table_path: Sequence[PathKey], host_key: str, cloud_id: str) -> Any:
    expected = copy.deepcopy(data) if isinstance(data, dict) else {}
    node = expected
    for step in (*table_path, SITES_KEY):
        if isinstance(step, str) and not isinstance(node.get(step), dict):
            node[step] = {}
        node = node[step]
    node[host_key] = cloud_id
    return expected


def _existing_key(keys: Sequence[str], host: str) -> str | None:
    return next((key for key in keys if key.lower() == host.lower()), None)


def set_site_yaml(text: str, host: str, cloud_id: str) -> str:
    """``text`` (a ``.scopelint.yaml``) with ``sites[host] = cloud_id``."""
    tree = yaml_text.parse_tree(text)
    located = yaml_text.locate(tree, (SITES_KEY,))
    node = located.node
    host_key = host
    if node is None:
        new_text = yaml_text.create_at_path(text, (SITES_KEY,), ("map", [(host, cloud_id)]))
    elif node.kind != "map":
        raise EditError(f"sites is {yaml_text.node_kind_text(node)}, not a mapping")
    else:
        keys = [key.value for key, _ in node.pairs if key.kind == "scalar"]
        existing = _existing_key(keys, host)
        if existing is None:
            new_text = yaml_text.map_add_pair(text, node, host, cloud_id, "sites")
        else:
            host_key = existing
            pair = node.get(existing)
            assert pair is not None
            if pair[1].kind == "scalar" and pair[1].value == cloud_id:
                return text
            new_text = yaml_text.map_set_value(text, pair[1], cloud_id, f"sites.{existing}")
    expected = _expected(yaml_text.load_data(text), (), host_key, cloud_id)
    if yaml_text.load_data(new_text) != expected:
        raise EditError("could not record the site without changing more of the file")
    return new_text


def _inline_with(sites: Any, host: str, cloud_id: str) -> Any:
    """The inline table ``sites`` plus one entry, spaced like the original (tomlkit would
    glue the closing brace to the new entry)."""
    import tomlkit

    old = sites.as_string()
    inner = old[:-1].rstrip()
    padding = old[len(inner):-1]
    entry = f"{tomlkit.key(host).as_string()} = {tomlkit.string(cloud_id).as_string()}"
    if inner.endswith("{"):
        new = inner + padding + entry + padding + "}"
    else:
        new = inner + ", " + entry + padding + "}"
    return tomlkit.parse(f"x = {new}")["x"]


def set_site_toml(text: str, host: str, cloud_id: str, table_path: Sequence[PathKey] = ()) -> str:
    """``text`` (``.scopelint.toml``: table path ``()``; ``pyproject.toml``:
    ``("tool", "scopelint")``) with ``sites[host] = cloud_id``."""
    import tomlkit
    from tomlkit.items import InlineTable

    document = toml_text.parse(text)
    table = toml_text.table_at(document, table_path, create=True)
    host_key = host
    if SITES_KEY not in table:
        sites = tomlkit.table()
        sites[host] = cloud_id
        sites.add(tomlkit.nl())  # a blank line before whatever table follows
        table.add(SITES_KEY, sites)
    else:
        sites = table[SITES_KEY]
        if not toml_text.is_table(sites):
            raise EditError(f"{toml_text.path_text((*table_path, SITES_KEY))} is not a table")
        existing = _existing_key([str(key) for key in sites], host)
        if existing is not None:
            host_key = existing
            if sites[existing] == cloud_id:
                return text
            sites[host_key] = cloud_id
        elif isinstance(sites, InlineTable):
            table[SITES_KEY] = _inline_with(sites, host, cloud_id)
        else:
            sites[host_key] = cloud_id
    new_text: str = tomlkit.dumps(document)
    if new_text.endswith("\n\n") and not text.endswith("\n\n") and SITES_KEY not in (
        toml_text.table_at(toml_text.parse(text), table_path, create=True)
    ):
        new_text = new_text[:-1]  # the new table came last: no blank line at the end
    expected = _expected(toml_text.load_data(text), table_path, host_key, cloud_id)
    if toml_text.load_data(new_text) != expected:
        raise EditError("could not record the site without changing more of the file")
    return new_text
