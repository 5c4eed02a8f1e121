"""Write scopelint/common/record_inits.py: the ``__init__`` of every data class of scopelint.

``python -m scripts.record_inits`` (``make records``) imports every module of scopelint that
defines classes with :func:`scopelint.common.records.dataclass` and writes the file from
their fields; ``--check`` only says whether the file is up to date (exit 1 when not).
Run it after adding, removing or reordering a field, or changing its default to a factory.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "scopelint"
TARGET = PACKAGE / "common" / "record_inits.py"
MARKER = "from scopelint.common.records import"

HEADER = '''"""The ``__init__`` of every data class of scopelint (:mod:`scopelint.common.records`).

Written by ``make records`` (scripts/record_inits.py) from the classes' fields: do not edit.
A class missing here, or written for other fields, still works (with a slower ``__init__``
that binds its arguments itself); tests/common/test_records.py fails until this is rewritten.
Each maker is called with ``MISSING``, the fields' default factories (in field order) and,
for a frozen class with slots, the ``__set__`` of each field's slot, and returns the class's
``__init__``; its defaults are set by the decorator.
"""

# ruff: noqa: E501, E702

from __future__ import annotations

from typing import Any


'''


def modules() -> list[str]:
    """The modules of scopelint that define data classes with scopelint.common.records."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if MARKER in path.read_text(encoding="utf-8"):
            parts = path.relative_to(REPO).with_suffix("").parts
            found.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return found


def source() -> str:
    """The text record_inits.py should hold."""
    from scopelint.common import records

    for name in modules():
        importlib.import_module(name)
    classes = {}
    for key, cls, kinds in records.REGISTRY:
        if cls.__module__.startswith("scopelint."):
            classes[key] = (cls, kinds)
    parts = [HEADER]
    rows = []
    for key in sorted(classes):
        cls, kinds = classes[key]
        fields = list(vars(cls)["__dataclass_fields__"].values())
        parts.append(records.init_source(key, fields, kinds))
        maker = "_" + key.replace(".", "_").replace(":", "__")
        rows.append(f"    {key!r}: ({records.shape(fields, kinds)!r}, {maker}),")
    parts.append("# class (module without 'scopelint.', qualified name) -> (its fields' shape, maker)\n")
    parts.append("INITS: dict[str, tuple[str, Any]] = {\n" + "\n".join(rows) + "\n}\n")
    return "".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="only tell whether the file is up to date")
    args = parser.parse_args()
    text = source()
    current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
    if args.check:
        if text != current:
            print(f"{TARGET.relative_to(REPO)} is stale: run `make records`", file=sys.stderr)
            return 1
        return 0
    if text != current:
        TARGET.write_text(text, encoding="utf-8")
        print(f"wrote {TARGET.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
