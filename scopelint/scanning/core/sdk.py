"""Calls made through Atlassian SDKs: the part every language shares.

A language package reads syntax: which SDK class an object was constructed from (by the
qualified name the file's imports give it), the constructor options written as literals, and
the method called on it (``issue``, ``issues.getIssue``).  This module answers the rest from
the generated SDK tables (``data/sdk/``, loader :mod:`scopelint.kb.sdk`):

* which SDK a module belongs to (:func:`import_roots` is a cheap test that reads only the
  tables' index; a file that imports no SDK loads no table);
* which table the file's project uses (:class:`FileSdks`: the version its requirements, lock
  files or ``package.json`` name, via :func:`scopelint.scanning.dependencies.detect_version`;
  unknown -> the newest table, ``assumed``);
* what one method call sends (:meth:`FileSdks.call`): every request of every recorded way of
  calling, in order, each marked implicit when the SDK sends it by itself, with the SDK-level
  way out when Atlassian removed the endpoint; or why it cannot be known (an *unresolved SDK
  call*);
* what the constructor sends by itself, what a raw escape hatch (``jira._session.get``,
  ``confluence.get(path)``, ``client.sendRequest({url})``) is, and the base URL to report for
  the site given to a constructor (SL001 and its gateway hint by the client's product).

Tables and version answers are cached per process (the loader caches tables; this module
caches the choice per project folder and SDK).
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scopelint.model import SdkUse

if TYPE_CHECKING:
    from scopelint.kb.sdk import SdkIndex, SdkTable

_NOT_CLASSES = ("Error", "Exception", "Warning")
_NO_REQUEST = "made no request"  # a table's reason for a method that sends nothing


@cache
def _index_lines(root: str) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(sdk, language, imports) of every table, read from ``index.json`` with ``json`` only."""
    try:
        data = json.loads((Path(root) / "index.json").read_text(encoding="utf-8"))
        return tuple((t["sdk"], t["language"], tuple(t["imports"])) for t in data["tables"])
    except (OSError, ValueError, KeyError, TypeError):
        return ()


def _sdk_root() -> str:
    from scopelint.kb.table import data_dir

    return str(data_dir() / "sdk")


def import_roots(language: str) -> frozenset[str]:
    """The module names the SDKs of ``language`` are imported by (``jira``, ``atlassian``;
    ``jira.js``, ``confluence.js``, ``jira-client``).  Reads the small index only."""
    return frozenset(name for _sdk, lang, names in _index_lines(_sdk_root()) if lang == language
                     for name in names)


def imports_an_sdk(modules: Iterable[str], language: str) -> bool:
    """Does any of these imported modules (``jira.client``, ``jira.js/out/version3``) belong
    to an SDK?  Python submodules are dotted, JavaScript subpaths slashed."""
    roots = import_roots(language)
    if not roots:
        return False
    if language == "go":  # a Go import path names one package (v1 and v2/cloud are different SDKs' tables)
        return any(module in roots for module in modules)
    separator = "." if language == "python" else "/"
    return any(module in roots or module.split(separator, 1)[0] in roots for module in modules)


class SdkClass:
    """An SDK class (or factory) a call site's object was made from.

    ``name``: the table's name (``jira.client.JIRA``, ``jira.js Version3Client``);
    ``display``: the shortest of it and its aliases (``jira.JIRA``), used in ``via``;
    ``info``: the table's class entry, None for a class of the SDK the table does not have
    (its method calls are unresolved SDK calls); ``use``: which SDK, version and table.
    """

    __slots__ = ("display", "info", "name", "table", "use")

    def __init__(self, table: SdkTable, name: str, info: Mapping[str, Any] | None, use: SdkUse) -> None:
        self.table = table
        self.name = name
        self.info = info
        self.use = use
        names = [name, *(info.get("aliases", ()) if info else ())]
        self.display = min(names, key=len)

    def __repr__(self) -> str:
        return f"SdkClass({self.name!r}, {self.use.name} {self.use.table})"

    @property
    def product(self) -> str | None:
        return self.info.get("product") if self.info else None

    def option_sources(self) -> list[tuple[str, Mapping[str, Any]]]:
        """(option name, where the constructor takes it) for every option the table lists."""
        if not self.info:
            return []
        return [(o["name"], o["in"]) for o in self.info.get("options", ()) if "in" in o]

    def site_sources(self) -> list[Mapping[str, Any]]:
        return list(self.info.get("site", ())) if self.info else []

    def raw_entries(self) -> list[Mapping[str, Any]]:
        return list(self.info.get("raw", ())) if self.info else []

    def url_builder(self, attribute: str) -> Mapping[str, Any] | None:
        """The table's entry for a method that only builds a URL (pycontribs ``_get_url``)."""
        entries = self.info.get("url_builders", ()) if self.info else ()
        return next((e for e in entries if e.get("attribute") == attribute), None)


class SdkRequest:
    """One request an SDK call site sends: method, path (relative to the site, path
    parameters as ``{name}``), and the SDK facts for its call site."""

    __slots__ = ("method", "path", "use")

    def __init__(self, method: str, path: str, use: SdkUse) -> None:
        self.method = method
        self.path = path
        self.use = use

    def __repr__(self) -> str:
        return f"SdkRequest({self.method} {self.path}, implicit={self.use.implicit!r})"


class Outcome:
    """What one SDK method call does: its requests (empty for an unresolved SDK call, with
    ``use.reason``), the class of its result (``returns``, for chaining) or of the elements of
    the list it returns (``items``), and ``via``."""

    __slots__ = ("items", "requests", "returns", "use", "via")

    def __init__(self, via: str, requests: list[SdkRequest], returns: str | None, use: SdkUse,
                 items: str | None = None) -> None:
        self.via = via
        self.requests = requests
        self.returns = returns
        self.use = use
        self.items = items


class FileSdks:
    """The SDKs one file can use, with the tables its project selects.

    ``folder``: the file's folder (version detection walks up from there); ``language``:
    ``"python"`` or ``"javascript"``; ``warnings``: one-line warnings about project files that
    cannot be read are added there (once each).
    """

    def __init__(self, folder: Path, language: str, warnings: list[str] | None = None) -> None:
        self.folder = folder
        self.language = language
        self.warnings = warnings if warnings is not None else []
        self._index: SdkIndex | None = None
        self._chosen: dict[str, tuple[SdkTable, SdkUse] | None] = {}

    # ------------------------------------------------------------------ tables

    @property
    def index(self) -> SdkIndex:
        if self._index is None:
            from scopelint.kb.sdk import load_index

            self._index = load_index()
        return self._index

    def sdk_for(self, module: str) -> str | None:
        """The SDK a module belongs to (``jira.resources`` -> ``jira``), else None."""
        if not imports_an_sdk((module,), self.language):
            return None
        return self.index.sdk_for_import(module, self.language)

    def table(self, sdk: str) -> tuple[SdkTable, SdkUse] | None:
        """The table of ``sdk`` for this file's project, and the SDK facts to report."""
        if sdk not in self._chosen:
            self._chosen[sdk] = _choose(self.folder, self.language, sdk, self.warnings)
        return self._chosen[sdk]

    def klass(self, module: str, name: str | None = None) -> SdkClass | None:
        """The SDK class a qualified name stands for.

        Python: ``klass("jira.JIRA")`` (the name as the file's imports qualify it).
        JavaScript: ``klass("jira.js", "Version3Client")``; ``name`` ``"default"`` is the
        SDK's one client class (``const JiraApi = require('jira-client')``).
        When the project does not say which version it uses and the newest table has no such
        class (``new Version3Client`` with jira.js 6), the newest table that has it is used
        (still ``assumed``): code written against a class was written for a version that has it.
        A capitalised name of an SDK module that no table has (``atlassian.bitbucket.Cloud``)
        gives a class with ``info`` None; anything else None.
        """
        sdk = self.sdk_for(module)
        if sdk is None:
            return None
        if self.language == "go":
            return self._go_klass(sdk, module, name or "")
        chosen = self.table(sdk)
        if chosen is None:
            return None
        for table, use in [chosen, *self._older(sdk, chosen)]:
            qualified, last = self._qualified(table, sdk, module, name)
            real = table.class_name(qualified) if qualified else None
            if real is not None:
                return SdkClass(table, real, table.classes[real], _for_class(use, table.classes[real]))
        qualified, last = self._qualified(chosen[0], sdk, module, name)
        if qualified and last[:1].isupper() and not last.endswith(_NOT_CLASSES):
            return SdkClass(chosen[0], qualified, None, chosen[1])
        return None

    def _go_table(self, sdk: str, module: str) -> tuple[SdkTable, SdkUse] | None:
        key = f"{sdk} {module}"
        if key not in self._chosen:
            self._chosen[key] = _choose_go(self.folder, sdk, module, self.warnings)
        return self._chosen[key]

    def _go_klass(self, sdk: str, module: str, name: str) -> SdkClass | None:
        """Go: ``klass("github.com/andygrunwald/go-jira", "Client")`` (the type), or the class
        one of whose ``factories`` ``name`` is (``NewClient``); the table is the one whose
        ``imports`` hold the package path (go-jira v1 and v2/cloud are different packages)."""
        chosen = self._go_table(sdk, module)
        if chosen is None:
            return None
        table, use = chosen
        real = table.class_name(f"{sdk} {name}")
        if real is None:
            real = next((n for n, c in table.classes.items() if name in c.get("factories", ())), None)
        if real is None:
            return None
        return SdkClass(table, real, table.classes[real], _for_class(use, table.classes[real]))

    def is_factory(self, cls: SdkClass, name: str) -> bool:
        """Is ``name`` a function that returns a ``cls`` (Go ``jira.NewClient``)?"""
        return bool(cls.info) and name in cls.info.get("factories", ())  # type: ignore[union-attr]

    def _qualified(self, table: SdkTable, sdk: str, module: str, name: str | None) -> tuple[str, str]:
        """(qualified class name in the table's terms, its last part); ("", "") for a default
        export of an SDK that has no single client class."""
        if self.language == "python":
            qualified = module if name is None else f"{module}.{name}"
            return qualified, qualified.rsplit(".", 1)[-1]
        last = name or "default"
        if last == "default":
            clients = [n for n, c in table.classes.items() if c.get("construct") == "new"]
            if len(clients) != 1:
                return "", ""
            last = clients[0].split(" ", 1)[1]
        return f"{sdk} {last}", last

    def _older(self, sdk: str, chosen: tuple[SdkTable, SdkUse]) -> list[tuple[SdkTable, SdkUse]]:
        """The other tables of ``sdk``, newest first, when the version is only assumed."""
        table, use = chosen
        if not use.assumed or self.language == "go":  # Go: the import path fixes the table
            return []
        from scopelint.kb.sdk import load_table

        infos = [i for i in self.index.tables(sdk) if i.version != table.version]
        return [
            (older, SdkUse(sdk, older.version, True, older.version))
            for older in (load_table(self.index.root / i.file) for i in reversed(infos))
        ]

    def resource(self, owner: SdkClass, qualified: str | None) -> SdkClass | None:
        """The class a method's result is (``returns``), when the table has it."""
        if not qualified:
            return None
        real = owner.table.class_name(qualified)
        if real is None:
            return None
        info = owner.table.classes[real]
        return SdkClass(owner.table, real, info, _for_class(owner.use, info))

    # ------------------------------------------------------------------ requests

    def call(self, cls: SdkClass, method: str, options: Mapping[str, object],
             written: Collection[str | None] | None = None) -> Outcome:
        """What ``cls.method(...)`` sends, for the constructor options written at the site
        and, when given, the names of the keyword arguments written at the call (None for a
        ``**mapping``, which leaves the recorded case undecided; see ``SdkTable.lookup``)."""
        keywords = None if written is None or None in written else [k for k in written if k]
        table = cls.table
        via = f"{cls.display}.{method}"
        if cls.info is None:
            reason = f"{cls.display} is not in the {table.sdk} {table.version} table"
            return Outcome(via, [], None, cls.use.with_(reason=reason))
        rows = table.lookup(cls.name, method, options, keywords)
        recorded = table.unresolved(cls.name, method)
        if recorded is None:
            reason = f"{method} is not a method of {cls.display} in the {table.sdk} {table.version} table"
        elif recorded.endswith(_NO_REQUEST) or recorded.startswith("with "):
            reason = recorded
        else:
            reason = f"the {table.sdk} {table.version} table could not read its requests ({recorded})"
        if not rows and not reason.endswith(_NO_REQUEST):
            for older, use in self._older(table.sdk, (table, cls.use)):
                real = older.class_name(cls.name)
                rows = older.lookup(real, method, options, keywords) if real is not None else []
                if rows and real is not None:  # the newest version that has the method
                    cls = SdkClass(older, real, older.classes[real], _for_class(use, older.classes[real]))
                    table = older
                    break
        if not rows:
            return Outcome(via, [], None, cls.use.with_(reason=reason))
        by_recording = table.provenance.get("method") == "recorded"
        found: dict[tuple[str, str], SdkRequest] = {}
        returns: str | None = None
        items: str | None = None
        for row in rows:
            returns = returns or row.returns
            items = items or row.items
            replacement = _replacement_text(row.replacement, cls, table, self.language)
            if by_recording:
                main = _main_request(row.requests)
            elif all(r.implicit for r in row.requests):
                main = len(row.requests) - 1  # getUsersIssues is searchJira: that is its request
            else:
                main = -1
            for position, request in enumerate(row.requests):
                implicit: str | None = None
                if position != main and by_recording:
                    implicit = "sent by the SDK on the way"
                elif position != main and request.implicit:
                    implicit = f"sent by the SDK on the way ({request.implicit})"
                if implicit and request.optional:  # jira.js editIssue: only for a text description
                    implicit += ", only under a run-time condition"
                use = cls.use.with_(implicit=implicit, replacement=replacement)
                key = (request.method, request.path)
                previous = found.get(key)
                if previous is None or (previous.use.implicit and not implicit):
                    found[key] = SdkRequest(request.method, request.path, use)
        return Outcome(via, list(found.values()), returns, cls.use, items)

    def constructor(self, cls: SdkClass, options: Mapping[str, object]) -> list[SdkRequest]:
        """Requests the constructor sends by itself (pycontribs ``JIRA()``: serverInfo)."""
        if cls.info is None:
            return []
        use = cls.use.with_(implicit="sent by the constructor")
        return [SdkRequest(r.method, r.path, use) for r in cls.table.constructor_requests(cls.name, options)]

    def option_values(self, cls: SdkClass, options: Mapping[str, object]) -> dict[str, str]:
        return cls.table.option_values(cls.name, options)


def _choose(folder: Path, language: str, sdk: str, warnings: list[str]) -> tuple[SdkTable, SdkUse] | None:
    """The table for ``sdk`` in the project of ``folder``.  (Tables and the project files
    read are cached by the loader and by ``dependencies``; the choice itself is cheap.)"""
    from scopelint.errors import DocumentError
    from scopelint.kb.sdk import load_index
    from scopelint.scanning.dependencies import detect_version

    problems: list[str] = []
    try:
        found = detect_version(folder, "pypi" if language == "python" else "npm", sdk, warnings=problems)
        table, assumed = load_index().select(sdk, found.version, found.spec)
    except (DocumentError, KeyError) as error:
        problems.append(str(error))
        table = None
    for line in problems:
        if line not in warnings:
            warnings.append(line)
    if table is None:
        return None
    return table, SdkUse(sdk, found.version or table.version, assumed or found.assumed, table.version)


def _choose_go(folder: Path, sdk: str, module: str, warnings: list[str]) -> tuple[SdkTable, SdkUse] | None:
    """The table of a Go SDK package: among the tables whose ``imports`` hold ``module`` (the
    import path), the one covering the version the nearest go.mod requires of the table's
    module (``provenance.package``); none required or none covering: the newest, assumed."""
    from scopelint.errors import DocumentError
    from scopelint.kb.sdk import load_index, load_table, version_in
    from scopelint.scanning.dependencies import detect_version

    problems: list[str] = []
    try:
        index = load_index()
        tables = [load_table(index.root / i.file) for i in index.tables(sdk) if module in i.imports]
    except DocumentError as error:
        problems.append(str(error))
        tables = []
    chosen: tuple[SdkTable, SdkUse] | None = None
    if tables:
        found = detect_version(folder, "go", tables[-1].provenance.get("package", sdk), warnings=problems)
        table = next((t for t in reversed(tables)
                      if found.version and version_in("go", found.version, t.covers)), None)
        assumed = table is None
        table = table or tables[-1]
        chosen = table, SdkUse(sdk, found.version or table.version, assumed, table.version)
    for line in problems:
        if line not in warnings:
            warnings.append(line)
    return chosen


def _for_class(use: SdkUse, info: Mapping[str, Any]) -> SdkUse:
    return use.with_(product=info.get("product"))


def _main_request(requests: tuple[Any, ...]) -> int:
    """Which request of a recorded row the method is for: the last one that changes something
    (``transition_issue``: the POST after reading the transitions; ``Issue.update``: the PUT
    before reading the issue again), else the last one (``search_issues``: the search after
    reading the fields)."""
    for position in range(len(requests) - 1, -1, -1):
        if requests[position].method != "GET":
            return position
    return len(requests) - 1


def _short(method: str, table: SdkTable) -> str:
    """``jira.client.JIRA.enhanced_search_issues`` -> ``enhanced_search_issues``."""
    names = [n for name, c in table.classes.items() for n in (name, *c.get("aliases", ()))]
    owners = [n for n in names if method.startswith(n + ".")]
    return method[len(max(owners, key=len)) + 1:] if owners else method


def _literal(value: object, language: str) -> str:
    if isinstance(value, bool):
        return ("True" if value else "False") if language == "python" else ("true" if value else "false")
    return repr(value) if language == "python" else json.dumps(value)


def _replacement_text(replacement: Mapping[str, Any] | None, cls: SdkClass, table: SdkTable,
                      language: str) -> str | None:
    """The SDK-level way out of a removed endpoint, from the table's ``replacement``."""
    if not replacement:
        return None
    endpoint = replacement.get("endpoint", "the replacement")
    here = f"{table.sdk} {table.version}"
    method = replacement.get("method")
    if method:
        text = f"{here} has {_short(method, table)}, which calls {endpoint}"
        when = replacement.get("when") or {}
        if when:
            text += " when the client is constructed with " + ", ".join(
                f"{key}={_literal(value, language)}" for key, value in when.items())
        return text
    upgrade = replacement.get("upgrade")
    if upgrade:
        name, _, spec = str(upgrade).partition(" ")
        newer = replacement.get("upgrade_method")
        text = f"upgrade {name} to {spec or 'a newer version'} ({here} is in use)"
        return text + (f": its {_short(newer, table)} calls {endpoint}" if newer else "")
    return f"{here} has no method that calls {endpoint}"
