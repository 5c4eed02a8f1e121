"""Go extractor: the file is parsed with tree-sitter-go (imported on first use), turned into the
core's shared model (``frontend``), and its requests are recognised from
``knowledge/go.toml``: ``http.NewRequest(WithContext)`` with ``http.MethodGet`` or ``"PUT"``,
``http.Get``/``http.Post`` and ``*http.Client`` methods, resty chains
(``client.R().SetPathParams(...).Get(u)``, a base from ``SetBaseURL``), URLs built with
``fmt.Sprintf``, ``path.Join``, ``url.URL{Scheme, Host, Path}`` and ``u.Path = ...``.
``httptest`` servers and mux routes are not calls."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scopelint.model import FileScan
from scopelint.scanning.core.frontend import extract_file
from scopelint.scanning.core.treesitter import register_grammar
from scopelint.scanning.languages.go.frontend import GoFrontEnd

if TYPE_CHECKING:
    from scopelint.scanning.core.environment import Environment
    from scopelint.scanning.source import SourceFile

EXTRACTOR = "go"
register_grammar("go", "tree_sitter_go")


def extract(source: SourceFile, environment: Environment | None = None) -> FileScan:
    """The call sites of one Go file (``environment``: names other files define)."""
    return extract_file(source, "go", GoFrontEnd, EXTRACTOR, "Go", environment)
