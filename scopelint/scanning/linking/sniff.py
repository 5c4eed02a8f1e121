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

# Each pattern starts with a literal word, which the regular expression engine looks for
# first: a file is searched only where it says "import", "from" or "require".
_PY_LINE_RE = re.compile(
    rb"[ \t]*(?:from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]+\(?([\w, \t*]+)|import[ \t]+([\w., \t]+))"
)
_JS_FROM_RE = re.compile(rb"""from\s*['"]([^'"\n]{1,300})['"]""")
_JS_CALL_RE = re.compile(rb"""(?:require|import)\s*\(\s*['"]([^'"\n]{1,300})['"]""")
_JS_BARE_IMPORT_RE = re.compile(rb"""import\s*['"]([^'"\n]{1,300})['"]""")
_JVM_PACKAGE_RE = re.compile(rb"^[ \t]*package[ \t]+([\w.]+)", re.MULTILINE)
_JVM_IMPORT_RE = re.compile(rb"^[ \t]*import[ \t]+(static[ \t]+)?([\w.]+?)(\.\*)?[ \t]*;?[ \t]*$",
                            re.MULTILINE)
_JVM_MEMBER_RE = re.compile(rb"\b([A-Z]\w*)\.[A-Z][A-Z0-9_]*\b")  # JiraConstants.API
_GO_IMPORT_RE = re.compile(rb'^[ \t]*(?:import[ \t]+)?(?:[\w.]+[ \t]+)?"([^"\n]{1,300})"', re.MULTILINE)
_CJS_RE = re.compile(rb"""module\.exports\s*=\s*require\s*\(\s*['"]([^'"\n]+)['"]""")


def sniff(language: str, path: str, data: bytes) -> FileSummary:
    """What ``data`` imports, as an unparsed summary (``parsed`` False)."""
    head = data[:SNIFF_LIMIT]
    if language == "python":
        imports, reexports = _python(path, head)
    elif language == "jvm":
        imports, reexports = _jvm(head), []
    elif language == "go":
        imports, reexports = [m.group(1).decode("utf-8", "replace")
                              for m in _GO_IMPORT_RE.finditer(_go_imports(head))], []
    else:
        imports, reexports = _javascript(head)
    return FileSummary(path, language, imports=imports, reexports=reexports, parsed=False)


def _python(path: str, head: bytes) -> tuple[list[str], list[str]]:
    imports: list[str] = []
    reexports: list[str] = []
    if b"import" not in head:
        return imports, reexports
    package = path.replace("\\", "/").rsplit("/", 1)[-1] == "__init__.py"
    position = head.find(b"import")
    while position != -1:
        line_start = head.rfind(b"\n", 0, position) + 1
        match = _PY_LINE_RE.match(head, line_start)
        if match is not None and match.end() > position:
            if match.group(1) is not None:
                module = match.group(1).decode("ascii", "replace")
                imports.append(module)
                for name in match.group(2).decode("ascii", "replace").split(","):
                    words = name.split()
                    if not words:
                        continue
                    if words[0] == "*":
                        reexports.append(module)
                    else:
                        imports.append(module + words[0] if module.endswith(".") else f"{module}.{words[0]}")
                if package:
                    reexports.append(module)
            else:
                imports.extend(words[0] for name in match.group(3).decode("ascii", "replace").split(",")
                               if (words := name.split()))
        line_end = head.find(b"\n", position)
        if line_end == -1:
            break
        position = head.find(b"import", line_end)
    return imports, reexports


def _javascript(head: bytes) -> tuple[list[str], list[str]]:
    imports: list[str] = []
    reexports: list[str] = []
    if b"from" in head:
        for match in _JS_FROM_RE.finditer(head):
            specifier = match.group(1).decode("utf-8", "replace")
            imports.append(specifier)
            statement = max(head.rfind(b";", 0, match.start()), head.rfind(b"\n", 0, match.start()))
            opener = head.rfind(b"export", max(statement, 0), match.start())
            if opener != -1 and head.rfind(b"import", opener, match.start()) == -1:
                # `export ... from` (maybe over several lines: then the clause holds no ";")
                reexports.append(specifier)
            elif b"export" in head[max(0, match.start() - 400) : match.start()] \
                    and b"import" not in head[head.rfind(b"export", 0, match.start()) : match.start()]:
                reexports.append(specifier)
    if b"require" in head or b"import(" in head or b"import (" in head:
        imports.extend(m.group(1).decode("utf-8", "replace") for m in _JS_CALL_RE.finditer(head))
    if b"import" in head:
        imports.extend(m.group(1).decode("utf-8", "replace") for m in _JS_BARE_IMPORT_RE.finditer(head))
    if b"module.exports" in head:  # module.exports = require('./x')
        reexports.extend(m.group(1).decode("utf-8", "replace") for m in _CJS_RE.finditer(head))
    return imports, reexports


def _jvm(data: bytes) -> list[str]:
    """Java/Kotlin: the classes a file may read constants of -- single-type imports, the
    class of a static import, on-demand imports, and for each ``Class.CONSTANT`` it writes
    the class as imported, else in its own package or an on-demand imported package."""
    text = data.decode("utf-8", "replace").encode("ascii", "replace")
    package_match = _JVM_PACKAGE_RE.search(text)
    package = package_match.group(1).decode() if package_match else ""
    imports: list[str] = []
    simple: dict[str, str] = {}
    packages: list[str] = []
    for match in _JVM_IMPORT_RE.finditer(text):
        name = match.group(2).decode()
        if match.group(3):
            imports.append(name)
            if not match.group(1):
                packages.append(name)
        elif match.group(1):
            imports.append(name.rsplit(".", 1)[0])
        else:
            imports.append(name)
            simple[name.rsplit(".", 1)[-1]] = name
    body = _JVM_IMPORT_RE.sub(b"", text)
    for head in dict.fromkeys(m.group(1).decode() for m in _JVM_MEMBER_RE.finditer(body)):
        if head in simple:
            continue
        imports.extend(f"{prefix}.{head}" if prefix else head for prefix in [package, *packages])
    return imports


def _go_imports(data: bytes) -> bytes:
    """The import declarations of a Go file (``import "x"``, ``import ( ... )``): the text
    from the first ``import`` to the first declaration after them."""
    start = data.find(b"import")
    if start == -1:
        return b""
    end = len(data)
    for word in (b"\nfunc ", b"\nvar ", b"\nconst ", b"\ntype "):
        found = data.find(word, start)
        if found != -1:
            end = min(end, found)
    return data[start:end]
