"""SDK tables: which requests a method of an Atlassian SDK makes, per SDK version.

The tables are generated from the SDKs' published packages by ``scripts/sdk/build.py``
(``make sdk-data``) and shipped in ``data/sdk/`` (format: ``data/sdk/README.md``, schema:
``data/sdk/sdk-table.schema.json``). This module loads them (standard-library JSON only; no
schema validation at run time: the build and a test validate), picks the table for a detected
SDK version, and answers class + method (+ constructor options) -> requests.

Typical use (the SDK call recogniser)::

    index = load_index()
    sdk = index.sdk_for_import("jira")                     # "jira"
    table, assumed = index.select(sdk, "3.8.0")            # the table covering 3.8.0
    rows = table.lookup("jira.JIRA", "search_issues")      # [SdkCall(...)]
    rows[0].requests[-1].path                              # "/rest/api/2/search"

Errors: a damaged or missing table raises :class:`scopelint.errors.DocumentError` with one
line naming the file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from scopelint.errors import DocumentError
from scopelint.kb.table import data_dir

_OPTION = re.compile(r"\{@(\w+)\}")
_NUMBER = re.compile(r"\d+(?:\.\d+)*")
_SLASHES = re.compile(r"/{2,}")


def sdk_dir() -> Path:
    """Where the SDK tables live (``data/sdk`` in a checkout, ``scopelint/_data/sdk`` installed)."""
    return data_dir() / "sdk"


@dataclass(frozen=True, slots=True)
class SdkRequest:
    """One HTTP request an SDK method makes.

    ``path`` is relative to the site root with constructor options substituted (``{@x}``
    placeholders of options neither given nor defaulted stay); ``{name}`` placeholders are
    path parameters whose sources are in ``params`` (``{"arg": 0, "key": "issueIdOrKey"}``:
    see data/sdk/README.md).
    """

    method: str
    path: str
    params: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    optional: bool = False  # made only under a run-time condition
    implicit: str | None = None  # made by the SDK on the way (e.g. "via getIssue")


@dataclass(frozen=True, slots=True)
class SdkCall:
    """What one SDK method call does, for the selected table and options."""

    sdk: str
    version: str  # the table's version
    qualified: str  # e.g. "jira.client.JIRA.issue", "jira.js Version3Client.issues.getIssue"
    requests: tuple[SdkRequest, ...]  # in the order the SDK sends them
    returns: str | None = None  # qualified class of the result (chaining: issue().update())
    items: str | None = None  # qualified class of the elements of a returned list (search_issues)
    case: str | None = None  # which way of calling was recorded ("project-key")
    replacement: Mapping[str, str] | None = None  # endpoint removed: {"endpoint", "method", "upgrade"}


@dataclass(frozen=True, slots=True)
class TableInfo:
    """One line of ``data/sdk/index.json``."""

    sdk: str
    ecosystem: str  # "pypi" | "npm"
    language: str  # "python" | "javascript"
    version: str
    covers: str  # PEP 440 specifier (pypi) or npm range (npm)
    imports: tuple[str, ...]
    file: str
    classes: tuple[str, ...]


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in _NUMBER.findall(version)[0].split(".")) if _NUMBER.search(version) else ()


def version_in(ecosystem: str, version: str, spec: str) -> bool:
    """Whether ``version`` satisfies ``spec`` (PEP 440 for pypi, npm range semantics for npm).
    An unparsable version or spec is False, never an error."""
    if ecosystem == "pypi":
        from packaging.specifiers import InvalidSpecifier, SpecifierSet
        from packaging.version import InvalidVersion, Version

        try:
            return Version(version) in SpecifierSet(spec)
        except (InvalidSpecifier, InvalidVersion):
            return False
    import nodesemver

    try:
        return bool(nodesemver.satisfies(version, spec, loose=True))
    except (ValueError, TypeError, AttributeError):
        return False


class SdkTable:
    """One generated table: one SDK at one version."""

    def __init__(self, data: Mapping[str, Any], path: Path | None = None) -> None:
        self.data = data
        self.path = path
        self.sdk: str = data["sdk"]
        self.ecosystem: str = data["ecosystem"]
        self.language: str = data["language"]
        self.version: str = data["version"]
        self.covers: str = data["covers"]
        self.imports: tuple[str, ...] = tuple(data["imports"])
        self.provenance: Mapping[str, str] = data["provenance"]
        self.classes: Mapping[str, Mapping[str, Any]] = data["classes"]
        self._alias = {a: name for name, cls in self.classes.items() for a in cls.get("aliases", ())}

    def __repr__(self) -> str:
        return f"<SdkTable {self.sdk} {self.version}>"

    def class_name(self, name: str) -> str | None:
        """The table's name for a class (a qualified name or one of its aliases), else None."""
        if name in self.classes:
            return name
        return self._alias.get(name)

    def klass(self, name: str) -> Mapping[str, Any] | None:
        """A class entry: kind, product, site, options, constructor_requests, raw, methods, unresolved."""
        real = self.class_name(name)
        return None if real is None else self.classes[real]

    def option_values(self, class_name: str, options: Mapping[str, object] | None = None) -> dict[str, str]:
        """Option name -> value for path substitution: given values over the table's defaults."""
        cls = self.klass(class_name) or {}
        values = {o["name"]: o["default"] for o in cls.get("options", ()) if "default" in o}
        for key, value in (options or {}).items():
            if isinstance(value, str | int | float) and not isinstance(value, bool):
                values[key] = str(value)
        return values

    def _request(self, raw: Mapping[str, Any], values: Mapping[str, str]) -> SdkRequest:
        path = _OPTION.sub(lambda m: values.get(m.group(1), m.group(0)), raw["path"])
        return SdkRequest(
            method=raw["method"],
            path=_SLASHES.sub("/", path),  # an empty or slash-ended option (base "") leaves no "//"
            params=raw.get("params", {}),
            optional=bool(raw.get("optional", False)),
            implicit=raw.get("implicit"),
        )

    @staticmethod
    def _matches(when: Mapping[str, Any] | None, options: Mapping[str, object]) -> bool:
        if not when:
            return True
        return all(options.get(key, _MISSING) == value for key, value in when.items())

    def lookup(
        self, class_name: str, method: str, options: Mapping[str, object] | None = None,
        keywords: Collection[str] | None = None,
    ) -> list[SdkCall]:
        """The calls ``class_name.method`` may be, under the given constructor options.

        One element per recorded way of calling (``case``). A row's ``when`` is matched
        against ``options``; an option absent there takes the value the SDK sets by itself
        for a Cloud site URL (``site_detected``), and when still undecided every row is
        returned. With ``keywords`` (the keyword arguments written at the call site), the
        rows of the cases recorded with keywords all passed there (``given``) are the only
        ones returned, when there are such rows (``attach_file(..., page_id=...)`` does not
        look the page up by title). Empty when the method is not in the table or not under
        these options (see :meth:`unresolved` for the reason).
        """
        real = self.class_name(class_name)
        if real is None:
            return []
        cls = self.classes[real]
        rows = cls["methods"].get(method)
        if not rows:
            return []
        given = dict(self._effective_options(cls, options or {}))
        chosen = [row for row in rows if self._matches(row.get("when"), given)]
        undecided = {k for row in rows for k in (row.get("when") or {}) if k not in given}
        if not chosen and undecided:
            chosen = list(rows)  # an option the call site does not show: every possibility
        if keywords is not None:
            written = set(keywords)
            cases = [row for row in chosen if row.get("given") and written.issuperset(row["given"])]
            chosen = cases or chosen
        values = self.option_values(real, options)
        return [
            SdkCall(
                sdk=self.sdk,
                version=self.version,
                qualified=f"{real}.{method}",
                requests=tuple(self._request(r, values) for r in row["requests"]),
                returns=row.get("returns"),
                items=row.get("items"),
                case=row.get("case"),
                replacement=row.get("replacement"),
            )
            for row in chosen
        ]

    @staticmethod
    def _effective_options(cls: Mapping[str, Any], options: Mapping[str, object]) -> dict[str, object]:
        out = dict(options)
        for option in cls.get("options", ()):
            name = option["name"]
            if name in out or option.get("effect") != "rows":
                continue
            if "site_detected" in option:
                out[name] = option["site_detected"]
        return out

    def unresolved(self, class_name: str, method: str) -> str | None:
        """Why the build could not read this public method's requests, if it could not."""
        cls = self.klass(class_name)
        return None if cls is None else cls.get("unresolved", {}).get(method)

    def constructor_requests(
        self, class_name: str, options: Mapping[str, object] | None = None
    ) -> tuple[SdkRequest, ...]:
        """Requests the constructor makes by itself (pycontribs ``JIRA()``: GET serverInfo),
        minus those an option switches off (``get_server_info=False``)."""
        cls = self.klass(class_name)
        if cls is None:
            return ()
        given = options or {}
        values = self.option_values(class_name, options)
        return tuple(
            self._request(r, values)
            for r in cls.get("constructor_requests", ())
            if not (r.get("unless") and self._matches(r["unless"], given))
        )


_MISSING = object()


class SdkIndex:
    """Every table shipped (``data/sdk/index.json``); tables load on first use."""

    def __init__(self, entries: list[TableInfo], root: Path) -> None:
        self.entries = entries
        self.root = root

    @property
    def sdks(self) -> list[str]:
        return sorted({e.sdk for e in self.entries})

    def tables(self, sdk: str) -> list[TableInfo]:
        """The tables of one SDK, oldest first."""
        return sorted((e for e in self.entries if e.sdk == sdk), key=lambda e: _version_key(e.version))

    def sdk_for_import(self, module: str, language: str | None = None) -> str | None:
        """The SDK a module name belongs to, else None: Python ``jira``, ``jira.resources``,
        ``atlassian.confluence`` (a dotted submodule); JavaScript ``jira.js``,
        ``jira.js/out/version3`` (a slash subpath). ``language`` ("python" /
        "javascript") limits the answer to that language's SDKs."""
        entries = [e for e in self.entries if language is None or e.language == language]
        for entry in entries:
            if module in entry.imports:
                return entry.sdk
        matches = [
            (len(name), entry.sdk)
            for entry in entries
            for name in entry.imports
            if module.startswith(name + ("." if entry.language == "python" else "/"))
        ]
        return max(matches)[1] if matches else None

    def info_for(
        self, sdk: str, version: str | None = None, spec: str | None = None
    ) -> tuple[TableInfo, bool]:
        """The table for a detected version: (info, assumed).

        ``version`` (exact, e.g. from a lock file) picks the table whose ``covers`` holds it;
        ``spec`` (a declared range) picks the table of the newest version the range admits.
        Unknown, unparsable or outside every table: the newest table, assumed=True.
        Raises KeyError for an SDK with no table.
        """
        tables = self.tables(sdk)
        if not tables:
            raise KeyError(sdk)
        newest = tables[-1]
        ecosystem = newest.ecosystem
        if version:
            for info in reversed(tables):
                if version_in(ecosystem, version, info.covers):
                    return info, False
            return newest, True
        if spec:
            candidates = sorted(
                {t.version for t in tables} | set(_NUMBER.findall(spec)), key=_version_key, reverse=True
            )
            for candidate in candidates:
                if version_in(ecosystem, candidate, spec):
                    for info in reversed(tables):
                        if version_in(ecosystem, candidate, info.covers):
                            return info, False
            return newest, True
        return newest, True

    def select(self, sdk: str, version: str | None = None, spec: str | None = None) -> tuple[SdkTable, bool]:
        """Like :meth:`info_for`, returning the loaded table."""
        info, assumed = self.info_for(sdk, version, spec)
        return load_table(self.root / info.file), assumed


def load_table(path: Path) -> SdkTable:
    """Load one table file (cached per path)."""
    return _load_table(path.resolve())


@cache
def _load_table(path: Path) -> SdkTable:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return SdkTable(data, path)
    except FileNotFoundError:
        raise DocumentError(f"{path}: no such SDK table") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise DocumentError(f"{path}: damaged SDK table ({type(exc).__name__})") from None


def load_index(root: Path | None = None) -> SdkIndex:
    """The shipped tables (``data/sdk/index.json``), cached per folder."""
    return _load_index((root or sdk_dir()).resolve())


@cache
def _load_index(root: Path) -> SdkIndex:
    path = root / "index.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = [
            TableInfo(
                sdk=e["sdk"],
                ecosystem=e["ecosystem"],
                language=e["language"],
                version=e["version"],
                covers=e["covers"],
                imports=tuple(e["imports"]),
                file=e["file"],
                classes=tuple(e["classes"]),
            )
            for e in data["tables"]
        ]
    except FileNotFoundError:
        raise DocumentError(f"{path}: no SDK index") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise DocumentError(f"{path}: damaged SDK index ({type(exc).__name__})") from None
    return SdkIndex(entries, root)



# Path parameters the SDK tables name themselves, for a value taken from the receiver object
# (``{receiver0}``: issue.update() -> the key) or from an earlier response
# (``{returned}``); data/sdk/README.md.  The SDK's own argument names (``{page_id}``) are the
# ones a user passes, and stay.
_INTERNAL_PARAM = re.compile(r"\{(?:receiver\d*|returned)\}")


def public_path(url: str, template: str | None) -> str:
    """An SDK request's URL as a user reads it: the path parameters with the SDK table's
    internal names (``{receiver0}``, ``{returned}``) take the names of ``template``, the
    resolved operation's path template from Atlassian's OpenAPI documents
    (``/rest/api/2/issue/{issueIdOrKey}``), segment by segment from the end; without a
    template, or where the segments do not line up, they become ``{…}``.
    ``/rest/api/2/issue/{receiver0}`` + ``/rest/api/2/issue/{issueIdOrKey}`` ->
    ``/rest/api/2/issue/{issueIdOrKey}``."""
    head, sep, query = url.partition("?")
    segments = head.split("/")
    names = template.split("/") if template else []
    for back in range(1, len(segments) + 1):
        segment = segments[-back]
        if not _INTERNAL_PARAM.search(segment):
            continue
        theirs = names[-back] if back <= len(names) else ""
        whole = _INTERNAL_PARAM.fullmatch(segment) is not None
        named = theirs.startswith("{") and theirs.endswith("}") and "/" not in theirs
        segments[-back] = theirs if whole and named else _INTERNAL_PARAM.sub("{…}", segment)
    return "/".join(segments) + sep + query
