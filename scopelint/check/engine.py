"""The lint pipeline: discover -> scan -> resolve -> govern -> rules -> suppress.

Usable from Python without the CLI (see ``scopelint.api``).
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from scopelint import __version__
from scopelint.config import Settings, find_config, load_settings
from scopelint.kb.table import KnowledgeBase, load_default
from scopelint.model import (
    CallSite,
    DeclarationSource,
    FileScan,
    Finding,
    LintResult,
    Location,
    ScopeDeclaration,
    SecretHit,
    Suppression,
)
from scopelint.rules import all_rules, selected
from scopelint.rules.context import ResolvedCall, RuleContext
from scopelint.scanning.discovery import DiscoveredFile, discover
from scopelint.scanning.scan import governing_declaration_files

# When two declarations govern a file from the same folder, the first source here wins
# (every DeclarationSource, in order).
SOURCE_PRECEDENCE: tuple[DeclarationSource, ...] = (
    "command-line", "forge-manifest", "connect-descriptor", "config", "oauth-url"
)


@dataclass(slots=True)
class LintOptions:
    paths: Sequence[Path] = (Path("."),)
    cwd: Path = field(default_factory=Path.cwd)
    select: Sequence[str] | None = None  # None: from config
    extend_ignore: Sequence[str] = ()
    exclude: Sequence[str] = ()
    scopes: Sequence[str] | None = None  # --scopes: overrides every declaration
    config: Path | None = None  # explicit config file
    settings: Settings | None = None  # already loaded (skips config discovery)
    jobs: int = 0  # 0: automatic


@dataclass(slots=True)
class ScanOutcome:
    """Everything the scanners found, before rules run."""

    files: list[DiscoveredFile]
    context_files: list[DiscoveredFile]  # declaration files read only to govern the others
    calls: list[CallSite]
    declarations: list[ScopeDeclaration]
    secrets: list[SecretHit]
    suppressions: dict[str, list[Suppression]]
    warnings: list[str]


def load_project_settings(options: LintOptions) -> Settings:
    if options.settings is not None:
        return options.settings
    path = options.config if options.config is not None else find_config(options.cwd)
    return load_settings(path)


def project_top(cwd: Path) -> Path:
    current = cwd
    while True:
        if (current / ".git").exists():
            return current
        if current.parent == current:
            return cwd
        current = current.parent


def config_base(options: LintOptions, settings: Settings) -> Path:
    """The directory that the configuration's paths (exclude, per-path-ignores) are relative to.

    A configuration found by walking up is anchored at its own directory, so running from a
    subdirectory (or over `src` only) means the same files; one given explicitly (--config,
    or settings passed in) is anchored at the working directory.
    """
    if options.config is None and options.settings is None and settings.config_path is not None:
        return (options.cwd / settings.config_path).parent
    return options.cwd


def scan_paths(options: LintOptions, settings: Settings) -> ScanOutcome:
    warnings: list[str] = []
    cwd = options.cwd
    anchored = [(config_base(options, settings), list(settings.exclude)), (cwd, list(options.exclude))]
    exclude = list(settings.exclude) + list(options.exclude)
    from scopelint.scanning.parallel import scan_stream

    files: list[DiscoveredFile] = []  # filled as discovery goes; scanning starts meanwhile
    scans = scan_stream(discover(options.paths, cwd, exclude, warnings, anchored), options.jobs, files)
    from scopelint.scanning.linking import link_scans

    scans = link_scans(files, scans, project_top(cwd), cwd, options.jobs)
    context = list(governing_declaration_files(files, project_top(cwd), cwd))
    scans += run_scanners(context, options.jobs)
    outcome = ScanOutcome(files, context, [], [], [], {}, warnings)
    seen_calls: set[tuple[str, int, int, str, str | None]] = set()
    for scan in scans:
        outcome.warnings.extend(scan.warnings)
        for call in scan.calls:
            key = (call.location.path, call.location.line, call.location.column, call.url, call.method)
            if key not in seen_calls:
                seen_calls.add(key)
                outcome.calls.append(call)
        outcome.declarations.extend(scan.declarations)
        outcome.secrets.extend(scan.secrets)
        if scan.suppressions:
            outcome.suppressions.setdefault(scan.path, []).extend(scan.suppressions)
    return outcome


def find_calls(
    paths: Sequence[str | Path], *, cwd: Path | None = None, exclude: Sequence[str] = ()
) -> list[CallSite]:
    """Every Atlassian REST call site (and API base URL) under ``paths``, in scan order.

    No configuration is read (no project excludes); ``exclude`` holds gitignore-style globs.
    """
    options = LintOptions(
        paths=[Path(p) for p in paths],
        cwd=cwd.resolve() if cwd is not None else Path.cwd(),
        exclude=exclude,
        settings=Settings(),
    )
    return scan_paths(options, Settings()).calls


def run_scanners(files: Sequence[DiscoveredFile], jobs: int = 0) -> list[FileScan]:
    from scopelint.scanning.parallel import scan_many

    return scan_many(files, jobs)


def _norm(cwd: Path, display: str) -> str:
    return os.path.normpath(os.path.join(cwd, display))


class Governor:
    """Finds the declaration that governs a file: the nearest one above it."""

    def __init__(self, declarations: Iterable[ScopeDeclaration], cwd: Path) -> None:
        self._cwd = cwd
        self._entries: list[tuple[str, ScopeDeclaration]] = [
            (_norm(cwd, d.root), d) for d in declarations
        ]
        self._cache: dict[str, ScopeDeclaration | None] = {}

    def __call__(self, display: str) -> ScopeDeclaration | None:
        if display in self._cache:
            return self._cache[display]
        absolute = _norm(self._cwd, display)
        best: tuple[int, int, int] | None = None
        chosen: ScopeDeclaration | None = None
        for root, declaration in self._entries:
            if declaration.source == "command-line":
                chosen = declaration
                break
            if not (absolute.startswith(root + os.sep) or root == os.sep):
                continue
            if declaration.paths:
                relative = absolute[len(root) + 1 :].replace(os.sep, "/")
                if not any(_glob(relative, pattern) for pattern in declaration.paths):
                    continue
            rank = (
                len(root),
                1 if declaration.paths else 0,
                -SOURCE_PRECEDENCE.index(declaration.source),
            )
            if best is None or rank > best:
                best, chosen = rank, declaration
        self._cache[display] = chosen
        return chosen


def _glob(relative: str, pattern: str) -> bool:
    pattern = pattern.strip("/")
    if fnmatch.fnmatchcase(relative, pattern):
        return True
    if pattern.endswith("/**"):
        return relative.startswith(pattern[:-3] + "/")
    return relative.startswith(pattern + "/")


def resolve_calls(
    kb: KnowledgeBase, calls: Iterable[CallSite], govern: Governor | None = None
) -> list[ResolvedCall]:
    resolved = []
    for call in calls:
        resolution = kb.resolve(call.method, call.url)
        declaration = govern(call.location.path) if govern is not None else None
        resolved.append(ResolvedCall(call, resolution, declaration))
    return resolved


def command_line_declaration(scopes: Sequence[str]) -> ScopeDeclaration:
    return ScopeDeclaration(
        source="command-line",
        location=Location("<command line>", 1, 1),
        root=".",
        scopes=tuple(scopes),
    )


class _Lines:
    def __init__(self, cwd: Path) -> None:
        self._cwd = cwd
        self._files: dict[str, list[str]] = {}

    def __call__(self, path: str, line: int) -> str:
        lines = self._files.get(path)
        if lines is None:
            try:
                text = Path(_norm(self._cwd, path)).read_text(encoding="utf-8", errors="replace")
            except OSError:
                text = ""
            lines = text.splitlines()
            self._files[path] = lines
        return lines[line - 1] if 0 < line <= len(lines) else ""


def lint(options: LintOptions, kb: KnowledgeBase | None = None) -> LintResult:
    """Run the whole pipeline and return the findings (no fixing, no output)."""
    settings = load_project_settings(options)
    outcome = scan_paths(options, settings)  # before the table: worker processes fork smaller
    if not (outcome.calls or outcome.declarations or outcome.secrets):
        # Nothing any rule looks at (the usual pre-commit run): skip loading the table.
        return LintResult(
            findings=[],
            files_scanned=len(outcome.files),
            scanned_paths=[f.display for f in outcome.files],
            warnings=outcome.warnings,
            root=str(options.cwd),
            tool_version=__version__,
        )
    kb = kb or load_default()
    declarations = list(outcome.declarations)
    if options.scopes is not None:
        declarations = [command_line_declaration(options.scopes)]
    govern = Governor(declarations, options.cwd)
    calls = resolve_calls(kb, outcome.calls, govern)

    cwd = options.cwd
    scanned_dirs = [
        _norm(cwd, str(p)) for p in options.paths if (p if p.is_absolute() else cwd / p).is_dir()
    ]

    def fully_scanned(declaration: ScopeDeclaration) -> bool:
        root = _norm(cwd, declaration.root)
        return any(root == d or root.startswith(d + os.sep) for d in scanned_dirs)

    ctx = RuleContext(
        kb=kb,
        calls=calls,
        declarations=[d for d in declarations if d.source != "command-line"],
        secrets=outcome.secrets,
        settings=settings,
        fully_scanned=fully_scanned,
        line_text=_Lines(cwd),
    )
    select = tuple(options.select) if options.select is not None else settings.select
    ignore = tuple(settings.ignore) + tuple(options.extend_ignore)
    findings: list[Finding] = []
    for rule in all_rules():
        if selected(rule.info.code, select, ignore):
            findings.extend(rule.check(ctx))

    reported = {f.display for f in outcome.files}
    findings = [f for f in findings if f.location.path in reported]
    findings = apply_suppressions(findings, outcome.suppressions)
    findings = apply_per_path_ignores(
        findings, settings.per_path_ignores, cwd=cwd, base=config_base(options, settings)
    )
    findings.sort(key=Finding.sort_key)
    return LintResult(
        findings=findings,
        files_scanned=len(outcome.files),
        scanned_paths=[f.display for f in outcome.files],
        calls_found=sum(1 for c in outcome.calls if c.kind == "call"),
        warnings=outcome.warnings,
        root=str(cwd),
        tool_version=__version__,
        kb_version=kb.describe(),
    )


def apply_suppressions(
    findings: Iterable[Finding], suppressions: dict[str, list[Suppression]]
) -> list[Finding]:
    kept = []
    for finding in findings:
        entries = suppressions.get(finding.location.path)
        if entries and any(_suppresses(entry, finding) for entry in entries):
            continue
        kept.append(finding)
    return kept


def _suppresses(entry: Suppression, finding: Finding) -> bool:
    if entry.codes and finding.code not in entry.codes:
        return False
    if entry.whole_file:
        return True
    return entry.line in (finding.location.line, finding.location.line - 1)


def apply_per_path_ignores(
    findings: Iterable[Finding],
    per_path: dict[str, tuple[str, ...]],
    cwd: Path | None = None,
    base: Path | None = None,
) -> list[Finding]:
    """Drop findings whose path matches a glob of ``per_path`` with one of its codes.

    With ``cwd`` and ``base``, globs are relative to ``base`` (the configuration's
    directory) while finding paths are relative to ``cwd``.
    """
    if not per_path:
        return list(findings)
    kept = []
    for finding in findings:
        path = finding.location.path
        if cwd is not None and base is not None:
            absolute, root = _norm(cwd, path), os.path.normpath(base)
            if not absolute.startswith(root.rstrip(os.sep) + os.sep):
                kept.append(finding)  # outside the configuration's tree
                continue
            path = absolute[len(root.rstrip(os.sep)) + 1 :].replace(os.sep, "/")
        ignored = any(
            _glob(path, pattern) and any(finding.code.startswith(code) for code in codes)
            for pattern, codes in per_path.items()
        )
        if not ignored:
            kept.append(finding)
    return kept
