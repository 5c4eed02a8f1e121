"""What a Java or Kotlin file gives the cross-file linker (issue #13): its shared constants
(``core.summary``), the classes it may read names of -- single-type imports, the class of
each static import, on-demand imports (``import static a.B.*``, ``import a.b.*``), and the
classes of the names its calls asked about (``com.acme.JiraConstants`` of
``com.acme.JiraConstants.API``, also a class of its own package used without an import) --
and those names (``depends_on``).  Classes are written qualified (``a.b.C``); the linker
finds their files (``linking/modules.py``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scopelint.scanning.core.environment import FileSummary
from scopelint.scanning.core.summary import class_constants

if TYPE_CHECKING:
    from scopelint.scanning.core.ir import Module
    from scopelint.scanning.core.knowledge import ClientTable
    from scopelint.scanning.source import SourceFile

LANGUAGE = "jvm"


def summarise(source: SourceFile, module: Module, knowledge: ClientTable,
              asked: list[str]) -> FileSummary:
    """The summary of one parsed Java or Kotlin file."""
    imports = [*module.imports.values()]
    imports += [member.rsplit(".", 1)[0] for member in module.static_imports.values() if "." in member]
    imports += module.star_imports
    imports += class_prefixes(asked)
    kotlin = source.display.endswith((".kt", ".kts"))
    return FileSummary(source.display, LANGUAGE, class_constants(source, module, knowledge, kotlin),
                       depends_on=asked, imports=imports)


def class_prefixes(names: list[str]) -> list[str]:
    """The classes a qualified member name may belong to, innermost first
    (``a.B.Inner.X`` -> ``a.B.Inner``, ``a.B``)."""
    found: list[str] = []
    for name in names:
        parts = name.split(".")
        for cut in range(len(parts) - 1, 0, -1):
            if parts[cut - 1][:1].isupper():
                found.append(".".join(parts[:cut]))
    return found
