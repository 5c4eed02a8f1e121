"""The history of one document: the operations its older versions had and the current one dropped.

A *chain* is one document over time: the build list's older versions of it (oldest first),
then its current version.  What makes the versions "the same document":

* each describes the same product (from its title or paths, as for any document);
* each carries the current version's ``info.title``, unless the build list names the other
  title for that version (the 2024 Confluence v1 copy, whose copier renamed it);
* they are listed oldest first by the date of each copy, unless a version says
  ``allow_older`` (dates are the build list's: documents carry no usable date themselves).

Anything else is a one-line :class:`~scopelint.errors.DocumentError` (exit 2).

Dropped operations come from ``kb diff`` between consecutive versions
(:func:`scopelint.kb.diff.diff_operations`, which matches operations by method and path with
parameter names left out): an operation removed at one step and not added back later was last
seen in the version before that step, with the scope alternatives it had there.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from scopelint.errors import DocumentError
from scopelint.kb.diff import diff_operations
from scopelint.kb.openapi_loader import LoadedDocument
from scopelint.kb.sources import SourceDocument
from scopelint.model import Operation


@dataclass(frozen=True, slots=True)
class Dropped:
    operation: Operation  # as the last version that had it describes it
    version: int  # index of that version in the chain (0: the oldest)


def check_chain(doc: SourceDocument, versions: Sequence[LoadedDocument], where: str) -> None:
    """Raise a one-line DocumentError unless ``versions`` (the chain, oldest first) are one
    document listed in date order.  ``where`` names the build list."""
    chain = doc.chain
    current = versions[-1]
    for version, loaded in zip(chain[:-1], versions[:-1], strict=True):
        if loaded.product != current.product:
            raise DocumentError(
                f"{where}: {doc.key}: {version.file} describes {loaded.product}, "
                f"not {current.product} like {doc.current.file}"
            )
        if loaded.title != current.title and loaded.title != version.title:
            raise DocumentError(
                f"{where}: {doc.key}: {version.file} is titled {loaded.title!r}, not "
                f"{current.title!r} like {doc.current.file} (to accept it as a version of "
                f"the same document, give it title = {loaded.title!r})"
            )
        if version.title is not None and loaded.title != version.title:
            raise DocumentError(
                f"{where}: {doc.key}: {version.file} is titled {loaded.title!r}, "
                f"not {version.title!r} as the build list says"
            )
    for older, newer in itertools.pairwise(chain):
        dated = older.date is not None and newer.date is not None
        if dated and str(older.date) >= str(newer.date) and not older.allow_older:
            raise DocumentError(
                f"{where}: {doc.key}: {older.file} ({older.date}) is listed as older than "
                f"{newer.file} ({newer.date}); list versions oldest first "
                "(or set allow_older = true on it)"
            )


def dropped_operations(versions: Sequence[LoadedDocument]) -> list[Dropped]:
    """Operations of the older versions that the last one does not have, each as the newest
    version that still had it describes it; sorted by method and path."""
    gone: dict[str, Dropped] = {}
    for index in range(len(versions) - 1):
        before = {op.key: op for op in versions[index].operations}
        after = {op.key: op for op in versions[index + 1].operations}
        step = diff_operations(before.values(), after.values())
        for key in step.added:
            gone.pop(_identity(after[key]), None)
        for key in step.removed:
            op = before[key]
            gone[_identity(op)] = Dropped(op, index)
    return sorted(gone.values(), key=lambda d: (d.operation.path, d.operation.method))


def _identity(op: Operation) -> str:
    from scopelint.kb.diff import template_key

    return template_key(op.method, op.path)
