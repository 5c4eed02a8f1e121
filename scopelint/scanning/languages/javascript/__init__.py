"""JavaScript / TypeScript (tree-sitter): Atlassian REST call sites as code really writes them."""

from scopelint.scanning.languages.javascript.extractor import extract

__all__ = ["extract"]
