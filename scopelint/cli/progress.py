"""The progress line: `scanned 1,234/20,000 files, 3.2 s` on stderr while a long check runs.

Shown only when stdout and stderr are a terminal, for a human format (text, grouped),
without --quiet/--silent, and not in CI (``CI`` set); it appears once a run has taken about
a second, is redrawn at most ten times a second, and is erased before the report is printed.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO

DELAY = 1.0  # seconds before the line first appears
INTERVAL = 0.1  # seconds between redraws


def wanted(output_format: str, quiet: bool) -> bool:
    """Both standard streams are a terminal (not a pipe, not a CI log), the format is for people."""
    if output_format not in ("text", "grouped") or quiet or os.environ.get("CI"):
        return False
    try:
        return sys.stderr.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


class ProgressLine:
    """Call with (files scanned, files found so far); :meth:`close` erases the line."""

    def __init__(self, stream: TextIO | None = None, delay: float | None = None) -> None:
        self._stream = stream if stream is not None else sys.stderr
        self._started = time.monotonic()
        self._delay = DELAY if delay is None else delay
        self._drawn = 0.0  # when the line was last drawn; 0: never

    def __call__(self, scanned: int, found: int) -> None:
        now = time.monotonic()
        elapsed = now - self._started
        if elapsed < self._delay or now - self._drawn < INTERVAL:
            return
        self._drawn = now
        self._stream.write(f"\r\x1b[Kscopelint: scanned {scanned:,}/{found:,} files, {elapsed:.1f} s")
        self._stream.flush()

    def close(self) -> None:
        if self._drawn:
            self._stream.write("\r\x1b[K")
            self._stream.flush()
            self._drawn = 0.0
