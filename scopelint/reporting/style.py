"""ANSI colours for the reports people read on a terminal (text, grouped).  Plain escape
codes, no library: the hook path stays lean.  Whether to colour is the caller's decision
(``--color``, ``NO_COLOR``, ``FORCE_COLOR``, a terminal); these functions only paint."""

from __future__ import annotations

from scopelint.model import Severity

RESET = "\x1b[0m"
BOLD = "\x1b[1m"
DIM = "\x1b[2m"
RED = "\x1b[31m"
GREEN = "\x1b[32m"
YELLOW = "\x1b[33m"
CYAN = "\x1b[36m"

SEVERITY_COLOURS = {Severity.ERROR: RED, Severity.WARNING: YELLOW, Severity.INFO: CYAN}


def paint(text: str, *codes: str, on: bool = True) -> str:
    """``text`` wrapped in the escape ``codes`` (and a reset), or as it is when not ``on``."""
    if not on or not codes or not text:
        return text
    return "".join(codes) + text + RESET
