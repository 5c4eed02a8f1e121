"""Project linking: per-file summaries -> what each imported name really is.

:class:`Project` holds the summaries of the scanned files (and reads, on demand, those of
modules the scanned files import but the run was not given: a pre-commit run over a few
staged files).  It resolves an imported name through the module graph -- aliases and
package re-exports, ``from x import *`` and ``export * from``, default exports -- and
substitutes the values a summary keeps symbolically (``{@settings.BASE_URL}``), to a bounded
depth; a cycle or a name that cannot be found leaves a ``{name}`` placeholder.  The result
is, for one file, a :class:`ModuleEnvironment` its language package consults.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from pathlib import Path

from scopelint.common.lazy_re import lazy_compile
from scopelint.scanning.core.environment import (
    REF_RE,
    Export,
    FileSummary,
    ModuleEnvironment,
    Origin,
    Param,
    Request,
)
from scopelint.scanning.linking.modules import JS_EXTENSIONS, ModuleResolver

MAX_LINK_DEPTH = 8  # modules followed for one name (aliases, re-exports, values of values)
MAX_ON_DEMAND = 2000  # modules read outside the scanned files, per run
MAX_PACKAGE_FILES = 200  # files of one Go package read for its constants

Summarise = Callable[[Path], FileSummary | None]


def language_of(path: Path) -> str | None:
    suffix = path.suffix.lower()
    if suffix in (".py", ".pyi"):
        return "python"
    if suffix in JS_EXTENSIONS or suffix == ".jsx":
        return "javascript"
    if suffix in (".java", ".kt", ".kts"):
        return "jvm"
    if suffix == ".go":
        return "go"
    return None


class Project:
    """The summaries of one run, and the names they resolve to."""

    def __init__(self, top: Path, summaries: dict[Path, FileSummary], summarise: Summarise,
                 display: Callable[[Path], str]) -> None:
        self.resolver = ModuleResolver(top)
        self.summaries = summaries
        self._summarise = summarise
        self._display = display
        self._parsed: dict[Path, FileSummary | None] = {}
        self._exports: dict[tuple[Path, str], Export | None] = {}
        self._modules: dict[tuple[Path, str], Path | None] = {}
        self._linkable: dict[Path, bool] = {}
        self._tables: dict[Path, dict[str, Export]] = {}
        self.on_demand = 0

    # ------------------------------------------------------------------ summaries

    def summary(self, path: Path) -> FileSummary | None:
        """The parsed summary of ``path`` (parsing it now if the scan did not)."""
        known = self.summaries.get(path)
        if known is not None and known.parsed:
            return known
        if path in self._parsed:
            return self._parsed[path]
        found: FileSummary | None = None
        self.resolver.note(path, read=True)
        if path.suffix != ".go" and path.is_dir():  # a Go package: the files of its folder
            found = self._package(path)
        elif self.on_demand < MAX_ON_DEMAND:
            self.on_demand += 1
            found = self._summarise(path)
        self._parsed[path] = found
        return found

    def _package(self, folder: Path) -> FileSummary | None:
        """One summary of the Go (or Kotlin) package in ``folder``: the exports of its files
        (not tests), each origin naming its file; a Kotlin package's objects too."""
        exports: dict[str, Export] = {}
        language = "go"
        files = sorted(f for f in folder.glob("*.go")
                       if not f.name.endswith("_test.go") and self.resolver.is_file(f))
        if not files:
            language = "jvm"
            files = sorted(f for f in folder.glob("*.kt") if self.resolver.is_file(f))
        kinds = ("constant", "object") if language == "jvm" else ("constant",)
        for file in files[:MAX_PACKAGE_FILES]:
            summary = self.summary(file)
            if summary is None:
                continue
            display = self._display(file)
            for name, export in summary.exports.items():
                if export.kind in kinds:
                    exports.setdefault(name, _located(export, display))
        for _ in range(MAX_LINK_DEPTH):  # a constant of another file of the package: {API}
            changed = False
            for export in exports.values():
                text = export.template or ""
                used: list[Export] = []
                filled = _SIBLING_RE.sub(partial(_sibling, exports, used=used), text)
                if filled != text:
                    export.template, changed = filled, True
                    export.origins = tuple(dict.fromkeys(
                        [*export.origins, *(o for e in used for o in e.origins)]))
            if not changed:
                break
        return FileSummary(self._display(folder), language, exports) if files else None

    def module(self, importer: Path, specifier: str) -> Path | None:
        key = (importer, specifier)
        if key not in self._modules:
            language = language_of(importer)
            if language == "python":
                found = self.resolver.python(importer, specifier)
            elif language == "javascript":
                found = self.resolver.javascript(importer, specifier)
            elif language == "jvm":  # a class, qualified: a.b.C; or a Kotlin package's folder
                found = self.resolver.jvm(importer, specifier) or self.resolver.kotlin_package(
                    importer, specifier)
            elif language == "go":  # an import path: the package's folder
                found = self.resolver.go(importer, specifier)
            else:
                found = None
            self._modules[key] = found
        return self._modules[key]

    # ------------------------------------------------------------------ what needs linking

    def linkable(self, path: Path, depth: int = 0) -> bool:
        """Does the module at ``path`` export (or pass on) anything that can carry a URL?
        Decided from summaries at hand: an unparsed module counts through its re-exports."""
        if path in self._linkable:
            return self._linkable[path]
        self._linkable[path] = False  # cycles: not through itself
        summary = self.summaries.get(path) or self._parsed.get(path)
        result = False
        if summary is None:  # a module the run was not given (also one a package re-exports)
            summary = self.summary(path)
        if summary is not None:
            if summary.parsed and any(e.kind != "alias" for e in summary.exports.values()):
                result = True
            elif depth < MAX_LINK_DEPTH:
                targets = list(summary.reexports)
                if summary.parsed:
                    targets += [_module_of(e.target, summary.language)
                                for e in summary.exports.values() if e.target]
                for specifier in targets:
                    target = self.module(path, specifier)
                    if target is not None and self.linkable(target, depth + 1):
                        result = True
                        break
                if not result and not summary.parsed and any(
                    target is not None and self.linkable(target, depth + 1)
                    for target in (self.module(path, spec) for spec in summary.imports)
                ):  # a module the scan skipped may wrap what it imports: a helper over BASE_URL
                    parsed = self.summary(path)
                    result = parsed is not None and parsed.parsed and any(
                        e.kind != "alias" for e in parsed.exports.values())
        self._linkable[path] = result
        return result

    def needs_linking(self, path: Path) -> bool:
        """Would the file at ``path`` (scanned) find more with its imports linked?"""
        summary = self.summaries.get(path)
        if summary is None:
            return False
        if summary.parsed:
            return any(self.qualified(path, name, 0, set()) is not None
                       or self._project_module(path, name) for name in summary.depends_on)
        return any(
            target is not None and self.linkable(target)
            for target in (self.imported(path, spec) for spec in summary.imports)
        )

    def imported(self, importer: Path, specifier: str) -> Path | None:
        """:meth:`module`, or for a class a Kotlin file reads (``a.b.Endpoints``) that no
        file is named after, its package's folder (``a/b``)."""
        found = self.module(importer, specifier)
        if found is None and language_of(importer) == "jvm" and "." in specifier:
            found = self.module(importer, specifier.rsplit(".", 1)[0])
        return found

    def _project_module(self, importer: Path, qualified: str) -> bool:
        """Is ``qualified`` a name in a module of the project (that may not export it)?"""
        if language_of(importer) == "javascript":
            specifier = qualified.rpartition(".")[0]
            return bool(specifier) and self.module(importer, specifier) is not None
        dots = len(qualified) - len(qualified.lstrip("."))
        parts = qualified[dots:].split(".")
        return any(self.module(importer, "." * dots + ".".join(parts[:cut])) is not None
                   for cut in range(len(parts) - 1, 0, -1))

    def environment(self, path: Path) -> ModuleEnvironment:
        """Every module ``path`` imports (as it writes them) with its linked exports."""
        summary = self.summaries.get(path)
        modules: dict[str, dict[str, Export]] = {}
        for specifier in summary.imports if summary is not None else ():
            target = self.module(path, specifier)
            if target is not None:
                modules[specifier] = self.table(target)  # empty: a module that exports nothing
            elif (folder := self.imported(path, specifier)) is not None:
                # Kotlin: `import a.b.Endpoints` / `a.b.JIRA_BASE` of a file not named so:
                # the package's folder holds them (a.b.Endpoints.ISSUE is found through a.b)
                modules.setdefault(specifier.rsplit(".", 1)[0], self.table(folder))
        return ModuleEnvironment(modules)

    # ------------------------------------------------------------------ names

    def table(self, path: Path, depth: int = 0) -> dict[str, Export]:
        """The linked exports of the module at ``path`` by name (star re-exports included)."""
        if path in self._tables:
            return self._tables[path]
        self._tables[path] = {}  # a cycle of star re-exports adds nothing
        summary = self.summary(path)
        table: dict[str, Export] = {}
        if summary is not None:
            if depth < MAX_LINK_DEPTH:
                for specifier in summary.reexports:
                    target = self.module(path, specifier)
                    if target is not None and target != path:
                        for name, reexported in self.table(target, depth + 1).items():
                            if name != "default":
                                table.setdefault(name, reexported)
            for name in summary.exports:
                linked = self.export(path, name, 0, set())
                if linked is not None:
                    table[name] = linked
        self._tables[path] = table
        return table

    def export(self, path: Path, name: str, depth: int, visiting: set[tuple[Path, str]]) -> Export | None:
        """The linked export ``name`` of the module at ``path``, or None."""
        key = (path, name)
        if key in self._exports:
            return self._exports[key]
        if key in visiting or depth > MAX_LINK_DEPTH:
            return None
        visiting.add(key)
        try:
            summary = self.summary(path)
            result: Export | None = None
            if summary is not None:
                raw = summary.exports.get(name)
                if raw is not None:
                    result = self._link(path, summary.language, raw, depth, visiting)
                else:
                    for specifier in summary.reexports:
                        target = self.module(path, specifier)
                        if target is not None and target != path and name != "default":
                            result = self.export(target, name, depth + 1, visiting)
                            if result is not None:
                                break
        finally:
            visiting.discard(key)
        self._exports[key] = result
        return result

    def qualified(self, importer: Path, qualified: str, depth: int,
                  visiting: set[tuple[Path, str]]) -> Export | None:
        """What ``qualified`` (a name as ``importer`` writes it) is, across modules."""
        if depth > MAX_LINK_DEPTH:
            return None
        if language_of(importer) == "javascript":
            specifier, _, name = qualified.rpartition(".")
            target = self.module(importer, specifier) if specifier else None
            if target is not None and name == "*":  # export * as ns from: the module itself
                return Export("object", members=self.table(target, depth + 1))
            return self.export(target, name, depth + 1, visiting) if target else None
        dots = len(qualified) - len(qualified.lstrip("."))
        parts = qualified[dots:].split(".")
        for cut in range(len(parts) - 1, 0, -1):
            target = self.module(importer, "." * dots + ".".join(parts[:cut]))
            if target is None:
                continue
            found = self.export(target, parts[cut], depth + 1, visiting)
            for member in parts[cut + 1 :]:
                found = found.members.get(member) if found is not None else None
            if found is not None:
                return found
        return None

    # ------------------------------------------------------------------ substitution

    def _link(self, path: Path, language: str, raw: Export, depth: int,
              visiting: set[tuple[Path, str]]) -> Export | None:
        if raw.kind == "alias":
            return self.qualified(path, raw.target or "", depth + 1, visiting) if raw.target else None
        origins: list[Origin] = []
        display = self._display(path)

        def own(found: tuple[Origin, ...]) -> list[Origin]:
            return [(o[0] or display, o[1], o[2]) for o in found]

        def fill(template: str | None) -> str | None:
            if template is None or "{@" not in template:
                return template

            def one(match: re.Match[str]) -> str:
                name = match.group(1)
                found = self.qualified(path, name, depth + 1, visiting)
                if found is not None and found.kind == "constant" and found.template is not None:
                    origins.extend(o for o in found.origins if o not in origins)
                    return found.template
                return "{" + name.rsplit(".", 1)[-1] + "}"

            return REF_RE.sub(one, template)

        params = [Param(p.name, p.index, p.prop, fill(p.default)) for p in raw.params]
        requests = []
        for request in raw.requests:
            before = len(origins)
            url = fill(request.url) or ""
            method = fill(request.method)
            requests.append(Request(url, method, request.via, request.method_source,
                                    [*own(request.origins), *origins[before:]], request.product))
        members: dict[str, Export] = {}
        for member_name, member in raw.members.items():
            linked = self._link(path, language, member, depth + 1, visiting)
            if linked is not None:
                members[member_name] = linked
        template = fill(raw.template)
        options = {k: fill(v) or "" for k, v in raw.options.items()}
        return Export(raw.kind, template=template, type=raw.type, method=raw.method,
                      params=params, requests=requests, members=members, options=options,
                      origins=[*own(raw.origins), *origins])


def _module_of(target: str | None, language: str) -> str:
    if not target:
        return ""
    if language == "javascript":
        return target.rpartition(".")[0]
    return target.rsplit(".", 1)[0] if "." in target.lstrip(".") else target


_SIBLING_RE = lazy_compile(r"\{([A-Z]\w*)\}")


def _sibling(exports: dict[str, Export], match: re.Match[str], *, used: list[Export]) -> str:
    """The text of the package's constant a ``{Name}`` placeholder stands for, when it is
    complete (no placeholder of its own, so a cycle stays a placeholder); ``used`` collects
    the constants read."""
    found = exports.get(match.group(1))
    text = found.template if found is not None else None
    if found is None or text is None or "{" in text:
        return match.group(0)
    used.append(found)
    return text


def _located(export: Export, display: str) -> Export:
    """``export`` of the file shown as ``display`` with every origin naming that file."""
    def where(origins: tuple[Origin, ...] | list[Origin]) -> list[Origin]:
        return [(o[0] or display, o[1], o[2]) for o in origins]

    return Export(export.kind, template=export.template, method=export.method,
                  origins=where(export.origins),
                  members={name: _located(member, display) for name, member in export.members.items()})
