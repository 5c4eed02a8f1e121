"""Counting words: ``plural(1, "file")`` is ``"1 file"``, ``plural(2, "entry", "entries")``
``"2 entries"``.  Every count scopelint prints goes through it (issue #18: "1 files")."""

from __future__ import annotations


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count} {word}"
