"""The imports of a file scopelint does not parse, read from its text.

A file with nothing Atlassian in it is not parsed (most of a large tree), but it may still
call a helper or a client another module exports (``request.post('/field')`` with
``request`` from ``./request``).  Its import statements, found with one regular expression,
tell the linker whether it imports such a module; only then is it parsed.  ``reexports``
lists the modules whose names it passes on (``export * from``; a Python package
``__init__``; ``from x import *``), so a barrel file links without being parsed.
"""

from __future__ import annotations

import re

from scopelint.scanning.core.environment import FileSummary

SNIFF_LIMIT = 256 * 1024  # import statements sit at the top; a bundle's tail is not read

_PY_IMPORT_RE = re.compile(
    rb"^[ \t]*(?:from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]+(\(?[\w, \t*]+)|import[ \t]+([\w., \t]+))",
    re.MULTILINE,
)
_JS_IMPORT_RE = re.compile(
    rb"""(?:\b(export)\b[^;'"`]*?\bfrom|\bfrom|\brequire\s*\(|\bimport\s*\(|^\s*import)\s*['"]([^'"\n]{1,300})['"]""",
    re.MULTILINE,
)
_JS_STAR_RE = re.compile(rb"""^\s*export\s+\*""")


def sniff(language: str, path: str, data: bytes) -> FileSummary:
    """What ``data`` imports, as an unparsed summary (``parsed`` False)."""
    head = data[:SNIFF_LIMIT]
    imports: list[str] = []
    reexports: list[str] = []
    if language == "python":
        package = path.replace("\\", "/").rsplit("/", 1)[-1] == "__init__.py"
        for match in _PY_IMPORT_RE.finditer(head):
            if match.group(1) is not None:
                module = match.group(1).decode("ascii", "replace")
                names = match.group(2).decode("ascii", "replace").strip("( \t")
                imports.append(module)
                for name in names.split(","):
                    name = name.split()[0] if name.split() else ""
                    if name == "*":
                        reexports.append(module)
                    elif name:
                        imports.append(module + name if module.endswith(".") else f"{module}.{name}")
                if package:
                    reexports.append(module)
            else:
                for name in match.group(3).decode("ascii", "replace").split(","):
                    words = name.split()
                    if words:
                        imports.append(words[0])
    else:
        for match in _JS_IMPORT_RE.finditer(head):
            specifier = match.group(2).decode("utf-8", "replace")
            imports.append(specifier)
            if match.group(1) is not None:
                reexports.append(specifier)
        if b"module.exports" in head:  # module.exports = require('./x')
            reexports.extend(_cjs_reexports(head))
    return FileSummary(path, language, imports=imports, reexports=reexports, parsed=False)


_CJS_RE = re.compile(rb"""module\.exports\s*=\s*require\s*\(\s*['"]([^'"\n]+)['"]""")


def _cjs_reexports(head: bytes) -> list[str]:
    return [m.group(1).decode("utf-8", "replace") for m in _CJS_RE.finditer(head)]
