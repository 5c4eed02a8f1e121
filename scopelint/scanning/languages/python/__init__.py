"""Python: Atlassian REST call sites found with the standard ``ast`` module."""

from scopelint.scanning.languages.python.extractor import extract

__all__ = ["extract"]
