"""What one file's analysis may know about names defined in other files (cross-file linking).

A language package analyses one file at a time.  When it meets a name the file imports
(``from settings import JIRA_URL``, ``import { request } from './request'``), it asks an
:class:`Environment` for that name's *qualified* name, in the one place where the package
looks names up.  The default environment knows nothing, so every such name stays a
``{placeholder}``, as in a single-file scan.

A project-wide linker (planned: a per-file :class:`FileSummary` of what each module exports,
computed in parallel and cached by content hash, then resolved through the project's
imports) provides a real environment.  Everything here is plain data, so summaries can be
stored and compared.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Literal, NamedTuple, Protocol

ExportKind = Literal["constant", "client", "factory", "helper"]


class Export(NamedTuple):
    """One value a module exports that can carry a URL or a method.

    ``constant``: a string template (``template``: ``"https://acme.atlassian.net"``).
    ``client``: an object of a known client type (``type``: ``"axios.Instance"``) with an
    optional base URL template (``template``).  An Atlassian SDK client (a module singleton:
    ``jira = JIRA(server=...)``, ``export const jira = new Version3Client({host})``) has the
    SDK class as its ``type``, qualified as the language package names it (Python
    ``"jira.JIRA"``, ``"atlassian.Confluence"``; JavaScript ``"jira.js Version3Client"``,
    ``"jira-client JiraApi"``), and the constructor ``options`` written as literals
    (``{"cloud": True}``, ``{"apiVersion": "2"}``); the site URL is reported where it is
    written, so the linker need not carry it.
    ``factory``: a function whose result is such a client (``def get_jira() -> JIRA``):
    ``type`` and ``options`` as for ``client``.
    ``helper``: a function whose parameters (``params``, in order, with ``defaults``) flow into
    a request ``method`` / URL ``template`` (placeholders ``{param}`` name the parameters).
    """

    kind: ExportKind
    template: str | None = None
    type: str | None = None
    method: str | None = None
    params: tuple[str, ...] = ()
    defaults: Mapping[str, str] = MappingProxyType({})
    options: Mapping[str, object] = MappingProxyType({})


class Environment(Protocol):
    """Names a file imports, by qualified name (``settings.JIRA_URL``, ``./request.default``)."""

    def lookup(self, qualified: str) -> Export | None: ...


class MappingEnvironment(NamedTuple):
    """An environment backed by a mapping from qualified names to exports."""

    exports: Mapping[str, Export] = MappingProxyType({})

    def lookup(self, qualified: str) -> Export | None:
        return self.exports.get(qualified)

    def constant(self, qualified: str) -> str | None:
        found = self.exports.get(qualified)
        return found.template if found is not None and found.kind == "constant" else None


EMPTY_ENVIRONMENT = MappingEnvironment()


class FileSummary(NamedTuple):
    """What one file exports (by local name) and which imported names its calls depend on."""

    path: str
    exports: Mapping[str, Export] = MappingProxyType({})
    depends_on: tuple[str, ...] = ()


def constant(environment: Environment, qualified: str) -> str | None:
    """The template of a constant the environment knows under ``qualified``, else None."""
    found = environment.lookup(qualified)
    return found.template if found is not None and found.kind == "constant" else None
