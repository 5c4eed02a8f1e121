"""Shared by the SDK table tests: every request row of every shipped table, made concrete with
the class's option defaults, and how a row relates to the knowledge base."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scopelint.kb.sdk import load_index, load_table
from scopelint.kb.table import KnowledgeBase

DATA = Path(__file__).resolve().parents[2] / "data" / "sdk"
OUTSIDE = DATA / "outside.json"
_OPTION = re.compile(r"\{@(\w+)\}")


@dataclass(frozen=True)
class Row:
    sdk: str
    version: str
    qualified: str  # class.method
    method: str
    path: str  # options substituted with the class's defaults


def rows() -> Iterator[Row]:
    index = load_index(DATA)
    for info in index.entries:
        table = load_table(index.root / info.file)
        for class_name, cls in table.classes.items():
            values = table.option_values(class_name)
            # the URL of working Cloud code carries the class's cloud_site_path (/wiki) when the SDK
            # does not add it itself
            site_path = "" if cls.get("site_suffix") else cls.get("cloud_site_path", "")
            for name, method_rows in cls["methods"].items():
                for row in method_rows:
                    for req in row["requests"]:
                        path = _fill(req["path"], values)
                        if site_path and not path.startswith(site_path + "/"):
                            path = site_path + path
                        yield Row(info.sdk, info.version, f"{class_name}.{name}", req["method"], path)


def _fill(path: str, values: dict[str, str]) -> str:
    return _OPTION.sub(lambda m: values.get(m.group(1), m.group(0)), path)


def same_template(a: str, b: str) -> bool:
    """Two path templates name the same endpoint: placeholders match any one segment."""
    sa, sb = a.strip("/").split("/"), b.strip("/").split("/")
    if len(sa) != len(sb):
        return False
    return all(x == y or x.startswith("{") or y.startswith("{") for x, y in zip(sa, sb, strict=True))


def load_outside() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(OUTSIDE.read_text(encoding="utf-8"))
    return data


def outside_reason(row: Row, outside: dict[str, Any]) -> str | None:
    """Why a row is knowingly outside the knowledge base, from data/sdk/outside.json."""
    for entry in outside["prefixes"]:
        if any(row.path.startswith(p) for p in entry["prefixes"]):
            return str(entry["reason"])
    for entry in outside["endpoints"]:
        method, _, path = entry["endpoint"].partition(" ")
        if method in (row.method, "*") and same_template(path, row.path):
            return str(entry["reason"])
    return None


def known(kb: KnowledgeBase, row: Row) -> bool:
    """The row's request is an operation of the knowledge base, or an endpoint it records as removed."""
    method = None if row.method == "UNKNOWN" else row.method
    if kb.resolve(method, row.path).operation is not None:
        return True
    return method is not None and kb.removal(method, row.path) is not None
