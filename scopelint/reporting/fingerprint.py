"""Line-independent identities of findings, for baselines, SARIF and GitLab.

A fingerprint hashes the rule code, the file and what the finding is about (its ``identity``,
or its message with line numbers taken out) but never the line itself, so a finding keeps its
fingerprint when code above it moves, and two runs over the same tree agree.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Sequence

from scopelint.model import Finding

# "line 12", "lines 3-4", "path:12:5", "L12": places a message may mention a line.
_LINE_MENTIONS = re.compile(
    r"\blines?\s+\d+(?:\s*[-–]\s*\d+)?"
    r"|(?<=\S):\d+(?::\d+)?\b"
    r"|\bL\d+(?:-L?\d+)?\b"
)
_SPACES = re.compile(r"\s+")


def normalise_path(path: str) -> str:
    """POSIX separators, no leading ``./``."""
    posix = path.replace("\\", "/")
    while posix.startswith("./"):
        posix = posix[2:]
    return posix


def message_without_lines(message: str) -> str:
    """``message`` with every mention of a line number removed and spaces collapsed."""
    return _SPACES.sub(" ", _LINE_MENTIONS.sub("", message)).strip()


def identity_of(finding: Finding) -> str:
    """What the finding is about, independent of where in the file it is."""
    return finding.identity or message_without_lines(finding.message)


def fingerprint(finding: Finding) -> str:
    """sha256 (hex) of (code, path, identity); line numbers take no part.  A file name that
    is not UTF-8 (its bytes as lone surrogates, ``os.fsdecode``) hashes as those surrogates."""
    parts = (finding.code, normalise_path(finding.location.path), identity_of(finding))
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def unique_fingerprints(findings: Sequence[Finding]) -> list[str]:
    """One fingerprint per finding (same order), distinct even for repeated identities.

    Findings sharing (code, path, identity), say the same URL called twice in a file, are
    numbered in line order: the first keeps the plain fingerprint, the n-th (n >= 2) gets
    ``:<n-1>`` appended.  Moving lines keeps every fingerprint as long as the repeated
    findings keep their order relative to each other.
    """
    plain = [fingerprint(f) for f in findings]
    groups: dict[str, list[int]] = defaultdict(list)
    for index, value in enumerate(plain):
        groups[value].append(index)
    unique = list(plain)
    for value, indices in groups.items():
        if len(indices) < 2:
            continue
        in_line_order = sorted(
            indices,
            key=lambda i: (findings[i].location.line, findings[i].location.column, i),
        )
        for occurrence, index in enumerate(in_line_order):
            if occurrence:
                unique[index] = f"{value}:{occurrence}"
    return unique
