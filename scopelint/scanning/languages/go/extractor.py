"""Go extractor: the file is parsed with tree-sitter-go (imported on first use), turned into the
core's shared model (``frontend``), and its requests are recognised from
``knowledge/go.toml``: ``http.NewRequest(WithContext)`` with ``http.MethodGet`` or ``"PUT"``,
``http.Get``/``http.Post`` and ``*http.Client`` methods, resty chains
(``client.R().SetPathParams(...).Get(u)``, a base from ``SetBaseURL``), URLs built with
``fmt.Sprintf``, ``path.Join``, ``url.URL{Scheme, Host, Path}`` and ``u.Path = ...``.
``httptest`` servers and mux routes are not calls.  Calls through the go-jira SDK come from
the SDK tables (``sdk``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scopelint.model import FileScan
from scopelint.scanning.core.frontend import extract_file
from scopelint.scanning.core.treesitter import register_grammar
from scopelint.scanning.languages.go.frontend import GoFrontEnd

if TYPE_CHECKING:
    from scopelint.scanning.core.environment import Environment, FileSummary
    from scopelint.scanning.core.ir import Module
    from scopelint.scanning.core.knowledge import ClientTable
    from scopelint.scanning.languages.go.sdk import GoSdks
    from scopelint.scanning.source import SourceFile

EXTRACTOR = "go"
register_grammar("go", "tree_sitter_go")


def summarise(source: SourceFile, module: Module, knowledge: ClientTable,
              asked: list[str]) -> FileSummary:
    """What one Go file gives the linker: its exported constants; its imports (import paths,
    resolved through ``go.mod`` by the linker)."""
    from scopelint.scanning.core.environment import FileSummary
    from scopelint.scanning.core.summary import class_constants

    return FileSummary(source.display, "go", class_constants(source, module, knowledge),
                       depends_on=asked, imports=module.imports.values())


def extract(source: SourceFile, environment: Environment | None = None,
            force: bool = False) -> FileScan:
    """The call sites of one Go file (``environment``: names other files define) and, without
    ``environment``, its summary (exported ``const`` strings; ``force``: parse whatever it
    holds).  A file that imports a tabled SDK (go-jira) also gets its SDK calls (``sdk``)."""
    hooks: list[GoSdks] = []

    def sdk_hook(module: Module, values: object) -> GoSdks | None:
        from scopelint.scanning.languages.go.sdk import GoSdks

        hook = GoSdks(module, values, source.path.parent)  # type: ignore[arg-type]
        if not hook.paths:
            return None
        hooks.append(hook)
        return hook

    data = source.text.encode("utf-8", errors="replace")
    uses_sdk = any(marker in data for marker in _sdk_markers())
    scan = extract_file(source, "go", GoFrontEnd, EXTRACTOR, "Go", environment,
                        sdk=sdk_hook if uses_sdk else None, summarise=summarise, force=force)
    for hook in hooks:
        scan.warnings.extend(w for w in hook.warnings if w not in scan.warnings)
    return scan


def _sdk_markers() -> tuple[bytes, ...]:
    from scopelint.scanning.languages.go.sdk import markers

    return markers()
