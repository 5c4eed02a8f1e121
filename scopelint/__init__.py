"""scopelint: which Atlassian Cloud REST endpoint needs which scope, and a linter that checks it.

The library is usable without the CLI; see ``scopelint.api`` for the entry points.
"""

__version__ = "0.1.0"
