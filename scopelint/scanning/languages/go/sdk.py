"""Go: calls made through an Atlassian SDK (go-jira), from the SDK tables (``data/sdk/``).

The client is found the way a reader finds it, through the file's imports (alias-aware:
``jira "github.com/andygrunwald/go-jira"``, or the package's own name):

* constructed by a factory the table lists (``client, _ := jira.NewClient(tp.Client(), site)``
  v1, ``jira.NewClient(site, tp.Client())`` v2 cloud), then used;
* typed as the SDK's client (a parameter ``c *jira.Client``, a struct field ``jira *jira.Client``).

``client.Issue.Get("K-1", nil)`` / ``client.Issue.GetWithContext(ctx, ...)`` is the table's
method ``Issue.Get``: each request it sends becomes a call site at the call (``via``
``go-jira Client.Issue.Get``); a method of a known group that the table lacks is an unresolved
SDK call (``via`` set, no endpoint).  The site URL given to the factory becomes a ``base-url``
site at the literal holding it (SL001 and its gateway hint by the client's product).
Which table: the one whose ``imports`` hold the import path, at the version go.mod requires
(:class:`scopelint.scanning.core.sdk.FileSdks`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scopelint.scanning.core.candidate import config_value_kind
from scopelint.scanning.core.ir import Attr, Call, Expr, Name
from scopelint.scanning.core.recognise import Request
from scopelint.scanning.core.sdk import FileSdks, SdkClass, import_roots
from scopelint.scanning.core.urljoin import join
from scopelint.scanning.core.values import Trace

if TYPE_CHECKING:
    from pathlib import Path

    from scopelint.scanning.core.ir import Module
    from scopelint.scanning.core.values import Evaluator

_NO_REQUEST = "made no request"


def markers() -> tuple[bytes, ...]:
    """Bytes a Go file using a tabled SDK holds (its import paths)."""
    return tuple(name.encode() for name in sorted(import_roots("go")))


class GoSdks:
    """The SDK calls of one Go file (see the module docstring); ``warnings`` collects one-line
    warnings about project files (go.mod) that cannot be read."""

    def __init__(self, module: Module, values: Evaluator, folder: Path) -> None:
        self.module = module
        self.values = values
        self.warnings: list[str] = []
        self.sdks = FileSdks(folder, "go", self.warnings)
        self.paths = {local: path for local, path in module.imports.items() if self.sdks.sdk_for(path)}

    def __call__(self, call: Call, qualified: str | None, receiver_type: str | None) -> list[Request] | None:
        if not self.paths:
            return None
        if qualified and isinstance(call.func, Attr) and isinstance(call.func.obj, Name):
            made = self._factory(call, qualified)
            if made is not None:
                return self._construction(call, made)
        func = call.func
        if not isinstance(func, Attr):
            return None
        obj = func.obj
        if isinstance(obj, Attr):  # client.Issue.Get(...)
            cls = self._client(obj.obj)
            if cls is not None:
                return self._method(call, cls, f"{obj.name}.{func.name}", group=obj.name)
        cls = self._client(obj)  # a method of the client itself, when the table has it
        if cls is not None and cls.info is not None and func.name in cls.info.get("methods", {}):
            return self._method(call, cls, func.name, group=None)
        if cls is not None:
            return self._raw(call, cls, func.name)
        return None

    # ------------------------------------------------------------------ clients

    def _factory(self, call: Call, qualified: str) -> SdkClass | None:
        """``jira.NewClient(...)``: the class it constructs, when the table lists the factory."""
        path, _, name = qualified.rpartition(".")
        if path not in self.paths.values():
            return None
        cls = self.sdks.klass(path, name)
        return cls if cls is not None and self.sdks.is_factory(cls, name) else None

    def _client(self, expr: Expr) -> SdkClass | None:
        """The SDK class of a client expression: constructed by a factory, or so typed."""
        value = self.values.value_of(expr)
        for _ in range(4):  # through the file's own helpers: c, _ := newJira()
            if not isinstance(value, Call):
                break
            qualified, _ = self.values.callee(value)
            if qualified and isinstance(value.func, Attr) and isinstance(value.func.obj, Name):
                made = self._factory(value, qualified)
                if made is not None:
                    return made
            value = self.values.helper_return(value)
        typed = self.values.type_of(expr)
        if typed:
            path, _, name = typed.rpartition(".")
            if path in self.paths.values():
                return self.sdks.klass(path, name)
        return None

    # ------------------------------------------------------------------ requests

    def _construction(self, call: Call, cls: SdkClass) -> list[Request]:
        """What the factory sends by itself, and the site URL as a ``base-url`` site."""
        found = [Request(call.start, call.end, r.path, r.method, "literal", cls.display, set(), sdk=r.use)
                 for r in self.sdks.constructor(cls, {})]
        for source in cls.site_sources():
            position = source.get("arg")
            if not isinstance(position, int) or position >= len(call.args):
                continue
            trace = Trace()
            self.values.text(call.args[position], trace)
            data = self.module.data
            for start, end in sorted(trace.consumed):
                text = data[start:end].decode("utf-8", errors="replace").strip('"` ')
                if text and config_value_kind(text) is not None:
                    found.append(Request(start, end, text, None, "unknown", cls.display, {(start, end)},
                                         "base-url", sdk=cls.use))
            break
        return found

    def _raw(self, call: Call, cls: SdkClass, name: str) -> list[Request] | None:
        """``client.NewRequest("GET", "rest/api/2/myself", nil)``: the SDK's escape hatch, by
        the table's ``raw`` entries (``ARG<i>``: the i-th argument is the method)."""
        for entry in cls.raw_entries():
            spec = entry.get("methods", {}).get(name)
            if entry.get("attribute") or not isinstance(spec, str) or not spec.startswith("ARG"):
                continue
            position = entry.get("url", {}).get("arg")
            method_at = int(spec[3:]) if spec[3:].isdigit() else -1
            if not isinstance(position, int) or position >= len(call.args) or method_at >= len(call.args):
                return None
            trace = Trace()
            url = self.values.text(call.args[position], trace)
            method = self.values.method(call.args[method_at], trace) if method_at >= 0 else None
            relative_to = str(entry.get("relative_to") or "")
            if relative_to and "://" not in url and not url.startswith("{"):
                url = join(relative_to, url, "slash")
            return [Request(call.start, call.end, url, method, "literal" if method else "unknown",
                            f"{cls.display}.{name}", trace.consumed, sdk=cls.use)]
        return None

    def _method(self, call: Call, cls: SdkClass, method: str, group: str | None) -> list[Request] | None:
        outcome = self.sdks.call(cls, method, {})
        if outcome.requests:
            return [Request(call.start, call.end, r.path, r.method, "literal", outcome.via, set(), sdk=r.use)
                    for r in outcome.requests]
        reason = outcome.use.reason or ""
        if reason.endswith(_NO_REQUEST):
            return []
        names = (*cls.info.get("methods", {}), *cls.info.get("unresolved", {})) if cls.info else ()
        known_group = group is not None and any(name.startswith(group + ".") for name in names)
        if not known_group:
            return None  # client.config.BaseURL.String(): data, not a method of the SDK
        return [Request(call.start, call.end, "{}", None, "unknown", outcome.via, set(), sdk=outcome.use)]
