"""Per-file summaries for the languages on the shared model (cross-file linking, issue #13).

What a file read into the core's :class:`~scopelint.scanning.core.ir.Module` gives other
files: the constants its front-end marked as shared (Java ``public static final String``),
by class, as :class:`~scopelint.scanning.core.environment.Export`\\ s.  The top-level class
named like the file is the module's table (``com.acme.JiraConstants`` is
``com/acme/JiraConstants.java``: its constants are the table's names); a nested class is an
``object`` export whose members are its constants.  A constant at file level (Go's exported
``const``) is a name of the table itself.  A constant built from names the file
imports keeps them symbolic (``{@com.acme.Base.URL}``) for the linker to substitute.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scopelint.scanning.core.environment import Export, RecordingEnvironment

if TYPE_CHECKING:
    from scopelint.scanning.core.ir import Module
    from scopelint.scanning.core.knowledge import ClientTable
    from scopelint.scanning.source import SourceFile

MAX_CONSTANTS = 2000  # per file: a generated constants class is not read whole


def class_constants(source: SourceFile, module: Module, knowledge: ClientTable,
                    any_class: bool = False) -> dict[str, Export]:
    """The shared constants of ``module``'s top-level class named like the file (nested
    classes as ``object`` exports), by name.  Shapes: name -> ``Export("constant",
    template=...)`` with its origins (line, column of each URL literal it is built from, 1-based).

    ``any_class`` (Kotlin, where a file holds top-level constants and any number of objects):
    also the constants of every other named class or object, under its name (``Endpoints``
    -> ``ISSUE``; a companion object's under its class)."""
    from scopelint.scanning.core.values import Evaluator, Trace

    if not module.constants:
        return {}
    stem = source.display.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    values = Evaluator(module, knowledge, RecordingEnvironment(answer=True))
    exports: dict[str, Export] = {}
    for scope, name, _offset in module.constants[:MAX_CONSTANTS]:
        path = _class_path(module, scope)
        if any_class:
            path = [part for part in path if part != "Companion"]
            if scope != 0 and not path:
                continue
        elif scope != 0 and (not path or path[0] != stem):
            continue
        bindings = module.scopes[scope].bindings.get(name)
        if not bindings or bindings[0].op != "=":
            continue
        trace = Trace()
        text = values.text(bindings[0].value, trace)
        if not text or text == "{}":
            continue
        origins = [("", *source.line_col(source.char_offset(start)))
                   for start, end in sorted(trace.consumed) if b"://" in module.data[start:end]]
        # the file's own class (or a package-level constant): its names at the top; any
        # other class's under its name
        if not path:  # package level (Go), top level (Kotlin)
            nestings = [path]
        elif path[0] == stem:  # read through the file's class: its module (Java, Kotlin)
            nestings = [path[1:], path] if any_class else [path[1:]]
        else:  # read through the package (Kotlin)
            nestings = [path]
        for nesting in nestings:
            table = exports
            for inner in nesting:
                holder = table.setdefault(inner, Export("object"))
                table = holder.members
            table[name] = Export("constant", template=text, origins=origins)
    return exports


def _class_path(module: Module, scope: int) -> list[str]:
    """Names of the classes enclosing ``scope``, outermost first ([] when one is anonymous
    or a class sits in a function)."""
    names: list[str] = []
    index = scope
    for _ in range(64):
        if index <= 0:
            return list(reversed(names))
        current = module.scopes[index]
        if current.kind != "class" or not current.name:
            return []
        names.append(current.name)
        index = current.parent
    return []
