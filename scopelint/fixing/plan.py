"""Turn fixable findings into file changes: merge scope changes per declaration, then write.

Safe fixes add missing scopes to the declaration that governs a call (Forge manifest,
``.scopelint.yaml``/``.toml``, ``[tool.scopelint]``).  Unsafe fixes (``--unsafe-fixes``)
also remove unused scopes and rewrite site URLs to the gateway.  Every change to one file
becomes one round-trip edit (comments, order, quoting and indentation survive); the writer
(:mod:`scopelint.fixing.apply`) refuses files that changed meanwhile or lie outside the tree.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from scopelint.errors import ScopelintError
from scopelint.model import Edit, Finding, LintResult


@dataclass(slots=True)
class FixOutcome:
    fixed: int = 0  # findings whose fix was applied (or, with diff_only, would be)
    changed_files: list[str] = field(default_factory=list)
    diff_text: str = ""
    warnings: list[str] = field(default_factory=list)
    scopes_added: dict[str, list[str]] = field(default_factory=dict)  # declaration file -> scopes
    # Forge manifest -> the egress/image entries added, as (dotted list, entry)
    entries_added: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    applied: list[Finding] = field(default_factory=list)  # the findings whose fix was applied


@dataclass(slots=True)
class _ScopeChange:
    add: list[str] = field(default_factory=list)
    remove: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    add_entries: list[tuple[str, str]] = field(default_factory=list)  # Forge manifest lists
    remove_entries: list[tuple[str, str]] = field(default_factory=list)


def fixable(finding: Finding, unsafe: bool) -> bool:
    return finding.fix is not None and (finding.fix.safe or unsafe) and (
        bool(finding.fix.edits) or finding.fix.target is not None
    )


def new_declaration_text(
    display: str, text: str, add: Sequence[str], remove: Sequence[str],
    add_entries: Sequence[tuple[str, str]] = (), remove_entries: Sequence[tuple[str, str]] = (),
) -> str:
    """The declaration file's text with its top-level scope list changed (and, for a Forge
    manifest, entries of its egress lists: ``add_entries`` / ``remove_entries``)."""
    from scopelint.fixing import scope_lists

    name = PurePosixPath(display).name
    if (add_entries or remove_entries) and not name.startswith("manifest"):
        raise ScopelintError(f"{display}: scopelint edits egress lists only in a Forge manifest")
    if name in ("manifest.yml", "manifest.yaml", ".scopelint.yaml", ".scopelint.yml"):
        key_path: tuple[str, ...] = ("permissions", "scopes") if name.startswith("manifest") else ("scopes",)
        if add:
            text = scope_lists.add_scopes_yaml(text, key_path, add)
        if remove:
            text = scope_lists.remove_scopes_yaml(text, key_path, remove)
        if add_entries or remove_entries:  # after the scopes: a new permissions block starts with them
            from scopelint.fixing.forge_manifest import edit_entries

            text = edit_entries(text, add_entries, remove_entries)
        return text
    if name in (".scopelint.toml", "pyproject.toml"):
        table: tuple[str, ...] = ("tool", "scopelint")
        if name == ".scopelint.toml" and not _has_tool_table(text):
            table = ()
        if add:
            text = scope_lists.add_scopes_toml(text, table, add)
        if remove:
            text = scope_lists.remove_scopes_toml(text, table, remove)
        return text
    raise ScopelintError(f"{display}: scopelint cannot edit scopes in this kind of file")


def _has_tool_table(text: str) -> bool:
    import tomllib

    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError, MemoryError):
        return False
    tool = data.get("tool")
    return isinstance(tool, dict) and "scopelint" in tool


def fix_findings(result: LintResult, cwd: Path, *, unsafe: bool, diff_only: bool) -> FixOutcome:
    """Apply (or, with ``diff_only``, describe) the fixes of ``result``'s findings.

    Finding paths are relative to ``cwd``; only files under it are written.  Safe fixes only,
    unless ``unsafe``.
    """
    from scopelint.fixing.apply import apply_edits, edits_from_texts

    outcome = FixOutcome()
    changes: dict[str, _ScopeChange] = {}
    text_edits: list[Edit] = []
    edit_findings: list[Finding] = []
    for finding in result.findings:
        if not fixable(finding, unsafe):
            continue
        fix = finding.fix
        assert fix is not None
        if fix.target is not None:
            change = changes.setdefault(fix.target, _ScopeChange())
            change.add.extend(s for s in fix.add_scopes if s not in change.add)
            change.remove.extend(s for s in fix.remove_scopes if s not in change.remove)
            change.add_entries.extend(e for e in fix.add_entries if e not in change.add_entries)
            change.remove_entries.extend(
                e for e in fix.remove_entries if e not in change.remove_entries
            )
            change.findings.append(finding)
        if fix.edits:
            text_edits.extend(fix.edits)
            edit_findings.append(finding)

    snapshots: dict[str, str] = {}
    fixed_by_file: dict[str, list[Finding]] = {}
    for display, change in sorted(changes.items()):
        path = Path(os.path.join(cwd, display))
        try:
            raw = path.read_bytes()
            text = raw.decode("utf-8-sig")
            new_text = new_declaration_text(
                display, text, change.add, change.remove, change.add_entries, change.remove_entries
            )
        except (OSError, UnicodeDecodeError) as exc:
            outcome.warnings.append(f"{display}: cannot fix ({_reason(exc)}); left unchanged")
            continue
        except ScopelintError as exc:
            outcome.warnings.append(f"{exc}; left unchanged")
            continue
        except Exception as exc:  # a file the round-trip editor cannot handle is left alone
            outcome.warnings.append(f"{display}: cannot fix ({_reason(exc)}); left unchanged")
            continue
        snapshots[display] = hashlib.sha256(raw).hexdigest()
        text_edits.extend(edits_from_texts(display, text, new_text))
        fixed_by_file.setdefault(display, []).extend(change.findings)
    for finding in edit_findings:
        for edit in finding.fix.edits if finding.fix else ():
            fixed_by_file.setdefault(edit.path, []).append(finding)

    if not text_edits:
        return outcome
    applied = apply_edits(text_edits, cwd, diff_only=diff_only, snapshots=snapshots)
    outcome.changed_files = list(applied.changed)
    outcome.diff_text = applied.diff if diff_only else ""
    outcome.warnings.extend(applied.skipped)
    skipped_files = {line.split(":", 1)[0] for line in applied.skipped}
    counted: set[int] = set()
    for display, change in changes.items():
        if display not in applied.changed or display in skipped_files:
            continue
        if change.add:
            outcome.scopes_added[display] = list(change.add)
        if change.add_entries:
            outcome.entries_added[display] = list(change.add_entries)
    for display, findings in fixed_by_file.items():
        if display in skipped_files:
            continue
        for finding in findings:
            if id(finding) not in counted:
                counted.add(id(finding))
                outcome.applied.append(finding)
    outcome.fixed = len(counted)
    return outcome


def _reason(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:120] or type(exc).__name__
