"""What to say when no known operation matches a request: one message, and the nearest ones.

``scopes``, ``suggest``, ``explain-error`` and rule SL005 all report an unknown endpoint with
:func:`unknown_endpoint`, so the wording is the same everywhere:

- ``PATCH is not an operation of /rest/api/3/issue/{issueIdOrKey} (it has: DELETE, GET, PUT)``
- ``no known operation matches GET /rest/api/3/isue/PPT-28``
- ``no known operation matches GET /rest/api/2/bulk/queue/7 (/rest/api/latest is version 2;
  GET /rest/api/3/bulk/queue/{taskId} exists only in version 3: call /rest/api/3/... instead)``
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from scopelint.model import Operation, Resolution

if TYPE_CHECKING:
    from scopelint.kb.table import KnowledgeBase


@dataclass(frozen=True, slots=True)
class UnknownEndpoint:
    method: str | None  # as asked (None: the method is not known)
    path: str  # the normalised path that was looked up
    others: tuple[Operation, ...]  # operations of exactly this path, with other methods
    nearest: tuple[Operation, ...]  # the closest known operations: ``others`` when there are any
    why: str | None = None  # under /rest/<name>/latest: the version that has the operation

    @property
    def message(self) -> str:
        """One line, lower case first (callers may capitalise it), no full stop."""
        if self.others:
            known = ", ".join(sorted(op.method for op in self.others))
            return f"{self.method or 'a call'} is not an operation of {self.path} (it has: {known})"
        why = f" ({self.why})" if self.why else ""
        return f"no known operation matches {self.method or 'a call to'} {self.path}{why}"


def unknown_endpoint(
    kb: KnowledgeBase, resolution: Resolution, method: str | None = None, limit: int = 3
) -> UnknownEndpoint:
    """Describe a ``resolution`` that found no operation (``resolution.operation`` is None).

    ``method`` overrides the resolution's (``suggest`` resolves a bare URL with any method,
    then reports it as the GET it means); at most ``limit`` nearest operations.
    """
    method = method or resolution.method
    others = tuple(resolution.candidates)
    nearest = others or tuple(kb.nearest(method, resolution.path, limit))
    why = None if others else kb.router.latest_note(method, resolution.url)
    return UnknownEndpoint(method, resolution.path, others, nearest, why)
