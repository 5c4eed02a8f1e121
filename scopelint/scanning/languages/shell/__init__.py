"""Shell (tree-sitter-bash): curl, wget and HTTPie calls in scripts, Makefiles and Dockerfiles.

The public entry points other extractors use (never the modules inside this package):
``extract`` (the registry's), ``snippet_candidates`` (shell text cut out of another file, such
as a CI ``script:`` block or a ``curl`` command in a ``.http`` file) and ``emit_all``.
"""

from scopelint.scanning.languages.shell.extractor import emit_all, extract, snippet_candidates

__all__ = ["emit_all", "extract", "snippet_candidates"]
