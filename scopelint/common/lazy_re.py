"""Regular expressions compiled when first used, not when their module is imported.

A hook run on one file imports ~50 of scopelint's modules and, before this, compiled every
module-level pattern they define (92, ~0.1 s of a loaded machine's CPU) although the run uses
a handful.  ``lazy_compile(source, flags)`` stands where ``re.compile(source, flags)`` stood:
the first attribute read (``.search``, ``.sub``, ``.pattern``, ...) compiles the pattern with
``re.compile`` and binds the compiled pattern's attributes on the object, so later calls go
straight to the compiled pattern's methods (no Python frame in between).

Limits: the object is not an ``re.Pattern`` at run time, so it must not be handed to the
``re`` module's functions (``re.sub(PATTERN, ...)``) nor checked with ``isinstance``; use its
methods, as scopelint does.  A pattern with a syntax error raises ``re.error`` on first use
rather than at import (the tests exercise every pattern).
"""

from __future__ import annotations

import re
from typing import AnyStr, cast

# The attributes of re.Pattern bound on the object once the pattern is compiled.
_BOUND = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split",
          "pattern", "flags", "groups", "groupindex", "scanner")


class _LazyPattern:
    """A pattern source and flags; compiled (and its attributes bound here) on first read."""

    def __init__(self, source: str | bytes, flags: int) -> None:
        self._source = source
        self._flags = flags

    def __getattr__(self, name: str) -> object:
        # Called only for attributes not on the object yet, i.e. before the first compile
        # (and for names re.Pattern does not have, which raise AttributeError as it does).
        if name.startswith("_"):
            raise AttributeError(name)
        compiled = re.compile(self._source, self._flags)
        for attribute in _BOUND:
            setattr(self, attribute, getattr(compiled, attribute))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy_compile({self._source!r}, {self._flags!r})"


def lazy_compile(source: AnyStr, flags: int | re.RegexFlag = 0) -> re.Pattern[AnyStr]:
    """A pattern like ``re.compile(source, flags)``, compiled on first use.

    Typed as ``re.Pattern`` for its callers; see the module's note for what it is not.
    """
    return cast("re.Pattern[AnyStr]", _LazyPattern(source, int(flags)))


# ``lazy_re.compile(...)`` reads as ``re.compile(...)`` does; scopelint's Python scanner, as
# for ``re.compile``, does not take a REST path given to it for a call (kb/products.py).
compile = lazy_compile
