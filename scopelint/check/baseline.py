"""Baselines: record today's findings so only new ones fail a run.

The file holds line-independent fingerprints only (no line numbers, no timestamps), so it
changes only when findings do and survives edits that move code around:

    {"version": 1, "fingerprints": {"<fingerprint>": {"code": ..., "path": ..., "identity": ...}}}

A finding repeated in one file (the same URL called twice) takes one entry per occurrence, so
adding a third call is reported even though two are in the baseline.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import Any

from scopelint.errors import ScopelintError
from scopelint.model import Finding
from scopelint.reporting.fingerprint import identity_of, normalise_path, unique_fingerprints

BASELINE_VERSION = 1


def baseline_document(findings: Sequence[Finding]) -> dict[str, Any]:
    entries = {
        fp: {
            "code": f.code,
            "path": normalise_path(f.location.path),
            "identity": identity_of(f),
        }
        for f, fp in zip(findings, unique_fingerprints(findings), strict=True)
    }
    return {"version": BASELINE_VERSION, "fingerprints": entries}


def write_baseline(path: Path, findings: Sequence[Finding]) -> int:
    """Write the baseline for ``findings`` to ``path`` atomically (temp file + rename);
    returns the number of entries written."""
    from scopelint.common.atomic import write_atomic

    document = baseline_document(findings)
    text = json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False)
    try:
        write_atomic(path, text + "\n", follow_symlinks=True)
    except OSError as exc:
        raise ScopelintError(f"cannot write baseline {path}: {exc.strerror or exc}") from None
    return len(document["fingerprints"])


def _describe(entry: Any, fingerprint: str) -> str:
    if isinstance(entry, dict):
        path, code, identity = (str(entry.get(key, "?")) for key in ("path", "code", "identity"))
        return f"{path}: {code} {identity}"
    return f"?: {fingerprint}"


def read_baseline(path: Path) -> dict[str, Any]:
    """Fingerprint -> entry of a baseline file; anything unusable is a ScopelintError."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ScopelintError(f"baseline {path} does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise ScopelintError(f"cannot read baseline {path}: {reason}") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ScopelintError(
            f"baseline {path} is not valid JSON (line {exc.lineno}: {exc.msg})"
        ) from None
    except (RecursionError, MemoryError):  # [[[[... deeper than the decoder's stack
        raise ScopelintError(f"baseline {path} is not valid JSON (nested too deeply)") from None
    if not isinstance(document, dict) or document.get("version") != BASELINE_VERSION:
        raise ScopelintError(
            f"baseline {path} is not a scopelint baseline (expected \"version\": "
            f"{BASELINE_VERSION})"
        )
    entries = document.get("fingerprints")
    if not isinstance(entries, dict):
        raise ScopelintError(f"baseline {path} has no \"fingerprints\" object")
    return entries


def apply_baseline(
    findings: Sequence[Finding],
    path: Path,
    scanned: Collection[str] | None = None,
    present: Callable[[str], bool] | None = None,
) -> tuple[list[Finding], list[str]]:
    """(findings not in the baseline, baseline entries that matched nothing).

    Stale entries read ``"path: code identity"``, sorted.  With ``scanned`` (the paths this
    run read), entries of files the run did not read are not stale: a pre-commit run over
    two changed files says nothing about the rest of the baseline; unless ``present`` says
    the file is gone (deleted or renamed), which makes its entries stale in any run.
    """
    entries = read_baseline(path)
    kept: list[Finding] = []
    matched: set[str] = set()
    for finding, fp in zip(findings, unique_fingerprints(findings), strict=True):
        if fp in entries:
            matched.add(fp)
        else:
            kept.append(finding)
    stale = sorted(
        _describe(entries[fp], fp)
        for fp in entries
        if fp not in matched
        and (
            scanned is None
            or not isinstance(entries[fp], dict)
            or entries[fp].get("path") in scanned
            or (present is not None and not present(str(entries[fp].get("path"))))
        )
    )
    return kept, stale
