"""The extractor modules; the registry that lists them is :mod:`scopelint.scanning.registry`.

(Re-exported here for code written against the old location.)
"""

from __future__ import annotations

from scopelint.scanning.registry import (
    EXTRACTORS,
    TEXT_EXTRACTOR,
    ExtractFn,
    ExtractorSpec,
    load,
    specs_for,
)

GENERIC = "config"

__all__ = ["EXTRACTORS", "GENERIC", "TEXT_EXTRACTOR", "ExtractFn", "ExtractorSpec", "load", "specs_for"]
