"""The vocabulary of the JavaScript evaluator (``values``): what an expression resolves to,
the parameter bindings of one call (``Ctx``), and what one evaluation touched (``Trace``).

Kept apart from the ``Evaluator`` so that modules it calls into (``returned``) can build
bindings without importing it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

from tree_sitter import Node

from scopelint.scanning.core.candidate import MethodSource
from scopelint.scanning.languages.javascript.nodes import NodeKey

if TYPE_CHECKING:
    from scopelint.scanning.core.environment import Export, Origin

MAX_DEPTH: Final = 48
MAX_STEPS: Final = 20000
MAX_TEXT: Final = 4096  # longer values are not URLs
MAX_CONSUMED: Final = 512  # literal nodes remembered per evaluation


class _Sentinel:
    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


class Marker:
    """A helper's parameter left symbolic while its summary is computed: reads as ``{%name}``."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name


class External:
    """A value another module exports (cross-file linking), as the environment described it."""

    __slots__ = ("export",)

    def __init__(self, export: Export) -> None:
        self.export = export


UNDEFINED: Final = _Sentinel("UNDEFINED")  # the value `undefined` (an omitted argument, ...)
ABSENT: Final = _Sentinel("ABSENT")  # an object has no such property
UNKNOWN_PROP: Final = _Sentinel("UNKNOWN_PROP")  # an object might have it (spread of unknown)

ParamRef = tuple[NodeKey, str]  # (function key, parameter name)


@dataclass(frozen=True, slots=True)
class Unknown:
    """A value that cannot be read; ``name`` is what its placeholder is called."""

    name: str | None

    @property
    def placeholder(self) -> str:
        return "{" + self.name + "}" if self.name else "{}"


@dataclass(frozen=True, slots=True)
class Ctx:
    """Parameter bindings in force: (function key, name) -> (argument node, caller's Ctx)."""

    env: Mapping[ParamRef, Binding]
    depth: int = 0


# A parameter bound to an argument expression (read in the caller's Ctx), to `undefined`, or
# to something unknowable (a spread argument): None.
Binding = tuple[Node, Ctx] | _Sentinel | Marker | None
Resolved = tuple[Node, Ctx] | Unknown | _Sentinel | External

EMPTY: Final = Ctx({})


@dataclass(slots=True)
class Trace:
    """What one evaluation touched: unbound parameters and the literal nodes it read."""

    params: set[ParamRef] = field(default_factory=set)
    consumed: set[NodeKey] = field(default_factory=set)
    steps: int = 0
    method_source: MethodSource = "unknown"  # how method() knew: literal / default / inferred
    elsewhere: list[Origin] = field(default_factory=list)  # bases written in other modules
    spreads: list[str] = field(default_factory=list)  # symbolic parameters spread into options

    def add_elsewhere(self, origins: Iterable[Origin]) -> None:
        for origin in origins:
            if origin not in self.elsewhere:
                self.elsewhere.append(origin)

    def consume(self, key: NodeKey) -> None:
        if len(self.consumed) < MAX_CONSUMED:
            self.consumed.add(key)

    def consume_all(self, keys: frozenset[NodeKey]) -> None:
        if len(self.consumed) < MAX_CONSUMED:
            self.consumed.update(keys)
