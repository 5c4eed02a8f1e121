"""Merge freshly compiled documents into the table in use (``kb update``), keeping history.

The fresh documents replace the ones with the same key; every other current document, the
curated endpoints and removals, and the older versions with the operations they were the
last to have, carry over.  An operation that a replaced document had and its fresh version
no longer has becomes a dropped operation, last seen in the replaced version (an older
version ``key@date`` is added for it, dated by the replaced version's date, else by the date
the table in use was built).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from scopelint.kb.diff import template_key
from scopelint.kb.table import DocumentInfo, KnowledgeBase, table_to_json
from scopelint.model import PRODUCTS, Operation


def merge_tables(in_use: KnowledgeBase, fresh: KnowledgeBase, generator: str) -> dict[str, Any]:
    """The table (JSON form) of ``in_use`` with the documents of ``fresh`` replacing theirs."""
    fresh_docs = {d.key: d for d in fresh.documents}
    known = {d.key for d in in_use.documents}
    current = [fresh_docs.get(d.key, d) for d in in_use.documents if d.status == "current"]
    current += [d for d in fresh.documents if d.key not in known]
    replaced = [d for d in in_use.documents if d.status == "current" and d.key in fresh_docs]
    curated = [d for d in in_use.documents if d.status == "curated"]
    history = [d for d in in_use.documents if d.status == "history"]

    by_document: dict[str, list[Operation]] = {}
    for op in in_use.operations:
        if op.document not in fresh_docs:
            by_document.setdefault(op.document, []).append(op)
    for op in fresh.operations:
        by_document.setdefault(op.document, []).append(op)
    operations: list[Operation] = []
    seen: set[tuple[str, str]] = set()

    def add(ops: list[Operation]) -> None:
        for op in ops:
            if (op.method, op.path) not in seen:
                seen.add((op.method, op.path))
                operations.append(op)

    for doc in current:
        add(by_document.get(doc.key, []))
    now = {template_key(op.method, op.path) for op in operations}
    for doc in curated:
        add(by_document.get(doc.key, []))
    for doc in history:
        add([op for op in by_document.get(doc.key, []) if template_key(op.method, op.path) not in now])

    history = list(history)
    for old in replaced:
        gone = [
            op
            for op in in_use.operations
            if op.document == old.key and template_key(op.method, op.path) not in now
        ]
        if not gone:
            continue
        key = f"{old.key}@{old.date or in_use.version}"
        if all(d.key != key for d in history):
            history.append(replace(old, key=key, status="history", of=old.key))
        add([replace(op, document=key) for op in gone])

    documents = [*current, *curated, *history]
    counts: dict[str, int] = {}
    for op in operations:
        counts[op.document] = counts.get(op.document, 0) + 1
    documents = [replace(d, operations=counts.get(d.key, 0)) for d in documents]
    return table_to_json(
        operations,
        documents,
        _catalogs(in_use, fresh, documents, operations),
        generator=generator,
        removals=in_use.curated_removals,
        notes=in_use.notes,
        curated=in_use.curated_files,
    )


def _catalogs(
    in_use: KnowledgeBase,
    fresh: KnowledgeBase,
    documents: list[DocumentInfo],
    operations: list[Operation],
) -> dict[str, set[str]]:
    """Per product: the fresh documents' catalog; the catalog in use where a document of the
    product was kept as it was; and every scope an operation of the table still names."""
    fresh_products = {d.product for d in fresh.documents}
    fresh_keys = {d.key for d in fresh.documents}
    kept_products = {d.product for d in documents if d.key not in fresh_keys and d.status != "history"}
    catalogs: dict[str, set[str]] = {}
    for product in PRODUCTS:
        names: set[str] = set()
        if product in fresh_products:
            names |= fresh.scope_catalog(product)
        if product in kept_products or product not in fresh_products:
            names |= in_use.scope_catalog(product)
        if names:
            catalogs[product] = names
    for op in operations:
        for alt in op.alternatives:
            catalogs.setdefault(op.product, set()).update(alt.scopes)
    return catalogs
