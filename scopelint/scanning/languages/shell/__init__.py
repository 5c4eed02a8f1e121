"""Shell (tree-sitter-bash): curl, wget and HTTPie calls in scripts, Makefiles and Dockerfiles."""

from scopelint.scanning.languages.shell.extractor import extract

__all__ = ["extract"]
