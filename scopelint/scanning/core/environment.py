"""What one file's analysis may know about names defined in other files (cross-file linking).

A language package analyses one file at a time.  When it meets a name the file imports
(``from settings import JIRA_URL``, ``import { request } from './request'``), it asks an
:class:`Environment` for that name's *qualified* name, written as the file writes it
(Python: ``myproject.settings.JIRA_URL`` or ``..settings.JIRA_URL``; JavaScript:
``<specifier>.<export>``, e.g. ``./request.default``), in the one place where the package
looks names up.  The default environment knows nothing, so every such name stays a
``{placeholder}``, as in a single-file scan.

The linker (``scanning/linking/``) builds a real environment from per-file
:class:`FileSummary` data: what each module exports that can carry a URL or a method,
computed one file at a time (in the worker processes) and resolved through the project's
imports.  Everything here is plain data: a summary round-trips through JSON
(:meth:`FileSummary.to_json` / :meth:`FileSummary.from_json`, with :data:`SUMMARY_VERSION`),
so it can be cached by content hash.

Templates are URL (or method) text with three kinds of holes:

* ``{name}`` / ``{}``: a value nobody can know (as everywhere in scopelint);
* ``{%name}``: a parameter of the helper or builder that holds the template (filled in at
  each call with the argument's text, else the parameter's default, else ``{name}``);
* ``{@qualified}``: a name the exporting file imports (only in summaries: the linker
  replaces it with that name's value, through the chain of modules, to a bounded depth).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, Literal, Protocol

from scopelint.common.lazy_re import lazy_compile

SUMMARY_VERSION = 1

ExportKind = Literal["constant", "client", "factory", "helper", "builder", "object", "alias"]
EXPORT_KINDS: tuple[str, ...] = ("constant", "client", "factory", "helper", "builder", "object",
                                 "alias")

PARAM_RE = lazy_compile(r"\{%([^{}]*)\}")
REF_RE = lazy_compile(r"\{@([^{}]*)\}")

Origin = tuple[str, int, int]
"""Where a value is written: (path, line, column), 1-based; path ``""`` in a summary means
the summarised file itself (the linker fills in its display path)."""


def param_marker(name: str) -> str:
    return "{%" + name + "}"


def ref_marker(qualified: str) -> str:
    return "{@" + qualified + "}"


class Param:
    """One parameter of a helper or builder: its name, position, the property of an options
    object it is destructured from (JavaScript ``({ url, method })``), and its default."""

    __slots__ = ("default", "index", "name", "prop")

    def __init__(self, name: str, index: int, prop: str | None = None,
                 default: str | None = None) -> None:
        self.name = name
        self.index = index
        self.prop = prop
        self.default = default  # a template, or None

    def to_json(self) -> list[Any]:
        return [self.name, self.index, self.prop, self.default]

    @classmethod
    def from_json(cls, data: Any) -> Param:
        name, index, prop, default = data
        return cls(str(name), int(index), prop, default)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Param) and self.to_json() == other.to_json()

    def __hash__(self) -> int:
        return hash((self.name, self.index, self.prop, self.default))

    def __repr__(self) -> str:
        return f"Param({self.name!r}, {self.index}, {self.prop!r}, {self.default!r})"


class Request:
    """One request a helper sends: method and URL templates (``{%param}`` holes), the client it
    goes through (``via``), how the method was known, and where the URL's base is written."""

    __slots__ = ("method", "method_source", "origins", "product", "url", "via")

    def __init__(self, url: str, method: str | None = None, via: str | None = None,
                 method_source: str = "unknown", origins: Iterable[Origin] = (),
                 product: str | None = None) -> None:
        self.url = url
        self.method = method  # "GET", "{%method}", or None when unknown
        self.via = via
        self.method_source = method_source
        self.origins: tuple[Origin, ...] = tuple(origins)
        self.product = product  # Forge requestJira -> "jira"

    def to_json(self) -> dict[str, Any]:
        data = {"url": self.url, "method": self.method, "via": self.via,
                "method_source": self.method_source, "origins": [list(o) for o in self.origins]}
        if self.product is not None:
            data["product"] = self.product
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Request:
        return cls(str(data["url"]), data.get("method"), data.get("via"),
                   str(data.get("method_source", "unknown")), _origins(data.get("origins", ())),
                   data.get("product"))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Request) and self.to_json() == other.to_json()

    def __hash__(self) -> int:
        return hash((self.url, self.method, self.via))

    def __repr__(self) -> str:
        return f"Request({self.method} {self.url!r} via {self.via})"


class Export:
    """One value a module exports that can carry a URL or a method.

    * ``constant``: a string template (``template``: ``"https://acme.atlassian.net"``);
    * ``client``: an object of a known client type (``type``: ``"axios.Instance"``,
      ``"requests.Session"``, or an SDK class such as ``"jira.JIRA"``) with an optional base
      URL template (``template``) and its constructor options (``options``: name -> template).
      An Atlassian SDK client (a module singleton: ``jira = JIRA(server=...)``, ``export const
      jira = new Version3Client({host})``) has the SDK class as its ``type``, qualified as the
      language package names it (Python ``"jira.JIRA"``, ``"atlassian.Confluence"``;
      JavaScript ``"jira.js Version3Client"``, ``"jira-client JiraApi"``), and the literal
      constructor options as text (``{"cloud": "True"}``, ``{"apiVersion": "2"}``); the site
      URL is reported where it is written, so the linker need not carry it;
    * ``factory``: a function whose result is such an SDK client (``def get_jira() -> JIRA``):
      ``type`` and ``options`` as for ``client``;
    * ``helper``: a function whose parameters (``params``) flow into the ``requests`` it sends
      (a PowerShell wrapper gives its one request as ``template`` and ``method`` instead, with
      ``{Param}`` placeholders; PowerShell is not linked by the project linker yet);
    * ``builder``: a function that returns a URL ``template`` built from its ``params``;
    * ``object``: an object, class instance or namespace whose ``members`` are exports;
    * ``alias``: another module's name (``target``: a qualified name as the exporting file
      writes it; only in summaries, the linker follows it).

    ``origins`` say where the URL's base is written (for ``CallSite.related``).
    """

    __slots__ = ("kind", "members", "method", "options", "origins", "params", "requests",
                 "target", "template", "type")

    def __init__(
        self,
        kind: ExportKind,
        template: str | None = None,
        type: str | None = None,
        method: str | None = None,
        params: Iterable[Param] = (),
        requests: Iterable[Request] = (),
        members: Mapping[str, Export] | None = None,
        options: Mapping[str, str] | None = None,
        target: str | None = None,
        origins: Iterable[Origin] = (),
    ) -> None:
        self.kind: ExportKind = kind
        self.template = template
        self.type = type
        self.method = method  # a constant that is an HTTP method word ("DELETE")
        self.params: tuple[Param, ...] = tuple(params)
        self.requests: tuple[Request, ...] = tuple(requests)
        self.members: dict[str, Export] = dict(members or {})
        self.options: dict[str, str] = dict(options or {})
        self.target = target
        self.origins: tuple[Origin, ...] = tuple(origins)

    @property
    def defaults(self) -> dict[str, str]:
        """The parameters' default values by name (those that have one)."""
        return {p.name: p.default for p in self.params if p.default is not None}

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind}
        for key in ("template", "type", "method", "target"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value
        if self.params:
            data["params"] = [p.to_json() for p in self.params]
        if self.requests:
            data["requests"] = [r.to_json() for r in self.requests]
        if self.members:
            data["members"] = {name: m.to_json() for name, m in self.members.items()}
        if self.options:
            data["options"] = dict(self.options)
        if self.origins:
            data["origins"] = [list(o) for o in self.origins]
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Export:
        kind = data["kind"]
        if kind not in EXPORT_KINDS:
            raise ValueError(f"unknown export kind {kind!r}")
        return cls(
            kind,
            template=data.get("template"),
            type=data.get("type"),
            method=data.get("method"),
            params=[Param.from_json(p) for p in data.get("params", ())],
            requests=[Request.from_json(r) for r in data.get("requests", ())],
            members={str(k): Export.from_json(v) for k, v in data.get("members", {}).items()},
            options={str(k): str(v) for k, v in data.get("options", {}).items()},
            target=data.get("target"),
            origins=_origins(data.get("origins", ())),
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Export) and self.to_json() == other.to_json()

    def __hash__(self) -> int:
        return hash((self.kind, self.template, self.type))

    def __repr__(self) -> str:
        return f"Export({self.to_json()!r})"


def _origins(data: Iterable[Any]) -> tuple[Origin, ...]:
    return tuple((str(o[0]), int(o[1]), int(o[2])) for o in data)


class Environment(Protocol):
    """Names a file imports, by qualified name (``settings.JIRA_URL``, ``./request.default``)."""

    def lookup(self, qualified: str) -> Export | None: ...


class MappingEnvironment:
    """An environment backed by a mapping from qualified names to exports."""

    __slots__ = ("exports",)

    def __init__(self, exports: Mapping[str, Export] | None = None) -> None:
        self.exports: dict[str, Export] = dict(exports or {})

    def lookup(self, qualified: str) -> Export | None:
        return self.exports.get(qualified)

    def constant(self, qualified: str) -> str | None:
        found = self.exports.get(qualified)
        return found.template if found is not None and found.kind == "constant" else None


class ModuleEnvironment:
    """What the linker hands one file: for each module the file imports (as the file writes
    it: ``jira_sync.client``, ``..settings``, ``./request``), that module's exports.

    ``lookup("jira_sync.client.get_json")`` finds the longest module prefix the environment
    has, then the export, then members (``config.jira.url``).  Plain data: picklable, so it
    can travel to a worker process with the file.
    """

    __slots__ = ("modules",)

    def __init__(self, modules: Mapping[str, Mapping[str, Export]] | None = None) -> None:
        self.modules: dict[str, dict[str, Export]] = {k: dict(v) for k, v in (modules or {}).items()}

    def __getstate__(self) -> dict[str, dict[str, Export]]:
        return self.modules

    def __setstate__(self, state: dict[str, dict[str, Export]]) -> None:
        self.modules = state

    def lookup(self, qualified: str) -> Export | None:
        position = len(qualified)
        while position > 0:
            position = qualified.rfind(".", 0, position)
            if position <= 0:
                return None
            table = self.modules.get(qualified[:position])
            if table is None:
                continue
            names = qualified[position + 1 :].split(".")
            if names == ["*"]:  # import * as ns: the module as an object
                return Export("object", members=table)
            found = table.get(names[0])
            for name in names[1:]:
                if found is None:
                    break
                found = found.members.get(name)
            if found is not None:
                return found
        return None


def unlinked_reason(environment: object, qualified: str) -> str | None:
    """Why ``qualified`` has no value, when the environment holds its module (a module of the
    project) but not the name: the reason a call using it is only partially resolved."""
    modules = getattr(environment, "modules", None)
    if not isinstance(modules, dict):
        return None
    position = len(qualified)
    while (position := qualified.rfind(".", 0, position)) > 0:
        if qualified[:position] in modules:
            module, name = qualified[:position], qualified[position + 1 :]
            if "." in name:  # pkg + missing.HOST: no module pkg.missing in the project
                return f"{module}.{name.rsplit('.', 1)[0]} is not found in the project"
            return f"{name} is not found in {module}"
    return None


def unlinked_in(url: str, unlinked: dict[str, str]) -> str:
    """The reason a placeholder of ``url`` stands for a name linking could not find, or ""."""
    if not unlinked or "{" not in url:
        return ""
    for name in re.findall(r"\{([^{}]+)\}", url):
        if name in unlinked:
            return unlinked[name]
    return ""


class RecordingEnvironment:
    """Remembers every name asked.  With ``answer``, answers each with a reference
    (``{@qualified}``): how a summary keeps, symbolically, the values a file takes from its
    imports; without, answers nothing (a single-file scan that notes what it depends on)."""

    __slots__ = ("answer", "asked")

    def __init__(self, answer: bool = True) -> None:
        self.answer = answer
        self.asked: dict[str, None] = {}

    def lookup(self, qualified: str) -> Export | None:
        self.asked[qualified] = None
        if not self.answer:
            return None
        return Export("constant", template=ref_marker(qualified), target=qualified)


EMPTY_ENVIRONMENT = MappingEnvironment()


def constant(environment: Environment, qualified: str) -> str | None:
    """The template of a constant the environment knows under ``qualified``, else None."""
    found = environment.lookup(qualified)
    return found.template if found is not None and found.kind == "constant" else None


class FileSummary:
    """What one file exports (by name), the modules it imports, and what its calls asked about.

    ``parsed`` is False for a file scopelint did not parse (nothing Atlassian in it): then
    only ``imports`` and ``reexports`` are known, read from the text.  ``imports`` lists the
    modules as written (``jira_sync.settings``, ``./request``); ``reexports`` the modules whose
    names this one passes on (``export * from './client.js'``, ``from .settings import *``,
    a package ``__init__``); ``depends_on`` the qualified names the file's calls needed.
    """

    __slots__ = ("depends_on", "exports", "imports", "language", "parsed", "path", "reexports")

    def __init__(
        self,
        path: str = "",
        language: str = "",
        exports: Mapping[str, Export] | None = None,
        depends_on: Iterable[str] = (),
        imports: Iterable[str] = (),
        reexports: Iterable[str] = (),
        parsed: bool = True,
    ) -> None:
        self.path = path
        self.language = language
        self.exports: dict[str, Export] = dict(exports or {})
        self.depends_on: tuple[str, ...] = tuple(depends_on)
        self.imports: tuple[str, ...] = tuple(dict.fromkeys(imports))
        self.reexports: tuple[str, ...] = tuple(dict.fromkeys(reexports))
        self.parsed = parsed

    def to_json(self) -> dict[str, Any]:
        return {
            "version": SUMMARY_VERSION,
            "language": self.language,
            "parsed": self.parsed,
            "exports": {name: e.to_json() for name, e in self.exports.items()},
            "imports": list(self.imports),
            "reexports": list(self.reexports),
            "depends_on": list(self.depends_on),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any], path: str = "") -> FileSummary | None:
        """The summary ``data`` holds, or None when it is of another version or malformed."""
        if not isinstance(data, Mapping) or data.get("version") != SUMMARY_VERSION:
            return None
        try:
            return cls(
                path=path,
                language=str(data.get("language", "")),
                exports={str(k): Export.from_json(v) for k, v in data.get("exports", {}).items()},
                depends_on=[str(d) for d in data.get("depends_on", ())],
                imports=[str(i) for i in data.get("imports", ())],
                reexports=[str(i) for i in data.get("reexports", ())],
                parsed=bool(data.get("parsed", True)),
            )
        except (KeyError, TypeError, ValueError, IndexError, AttributeError):
            return None

    def __repr__(self) -> str:
        return f"FileSummary({self.path!r}, {self.to_json()!r})"


def fill(template: str, values: Mapping[str, str]) -> str:
    """``template`` with each ``{%param}`` replaced by ``values[param]``, else by its fallback
    (``{%init.method=GET}``: a property of a parameter, GET when the call gives none), else
    ``{param}``."""
    if "{%" not in template:
        return template

    def one(match: re.Match[str]) -> str:
        name, has_fallback, fallback = match.group(1).partition("=")
        found = values.get(name)
        if found is not None:
            return found
        return fallback if has_fallback else "{" + name.rsplit(".", 1)[-1] + "}"

    return PARAM_RE.sub(one, template)


def markers(template: str | None) -> list[str]:
    """The parameter names a template's ``{%...}`` holes use (``init.method`` for
    ``{%init.method=GET}``)."""
    if not template:
        return []
    return [m.group(1).partition("=")[0] for m in PARAM_RE.finditer(template)]


def unfilled(template: str) -> str:
    """``template`` with its ``{%param}`` and ``{@name}`` holes as plain ``{name}`` placeholders."""
    template = PARAM_RE.sub(lambda m: "{" + m.group(1) + "}", template)
    return REF_RE.sub(lambda m: "{" + m.group(1).rsplit(".", 1)[-1] + "}", template)
