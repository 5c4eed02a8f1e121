"""The lint pipeline: discover -> scan -> resolve -> govern -> rules -> suppress.

Usable from Python without the CLI (see ``scopelint.api``).
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from scopelint import __version__
from scopelint.check.collector import fewer_collections
from scopelint.check.declarations import govern as govern_declarations
from scopelint.check.declarations import validate_scopes
from scopelint.check.suppressions import apply_suppressions, resolve_suppressions, suppress
from scopelint.common.records import dataclass, field
from scopelint.config import Settings, find_config, load_settings
from scopelint.errors import ScopelintError
from scopelint.kb.preference import Prefer
from scopelint.kb.table import KnowledgeBase, load_default, take_notices
from scopelint.model import (
    CallSite,
    DeclarationSource,
    FileScan,
    Finding,
    ForgeApp,
    LintResult,
    Location,
    PlatformUse,
    ScopeDeclaration,
    SecretHit,
    Suppression,
    UnreadableDeclaration,
)
from scopelint.rules import all_rules, selected
from scopelint.rules.activity import is_unresolved_call
from scopelint.rules.context import ResolvedCall, RuleContext
from scopelint.scanning.discovery import DiscoveredFile
from scopelint.scanning.scan import governing_declaration_files

if TYPE_CHECKING:
    from scopelint.check.cache import ScanCache
    from scopelint.check.explicit import ExcludePattern
    from scopelint.check.walker import ForkedWalk
    from scopelint.scanning.parallel import Progress

# Files whose suppression comments SL012 never judges: documentation (the text extractor's
# DOC_SUFFIXES) shows examples, and in JSON a "comment" can only be text inside a string.
_NOT_JUDGED = (".json", ".jsonc", ".json5", ".har")

# When two declarations govern a file from the same folder, the first source here wins
# (every DeclarationSource, in order).
SOURCE_PRECEDENCE: tuple[DeclarationSource, ...] = (
    "command-line", "forge-manifest", "connect-descriptor", "config", "oauth-url", "oauth-scopes"
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
    # --prefer: the scopes --fix writes into a declaration that has none yet (and, when given,
    # into any): "granular" (least privilege, as suggest does) or "classic"; None: granular
    # for an empty declaration, the closest alternative otherwise
    prefer: Prefer | None = None
    force_exclude: bool = False  # named paths that an exclude pattern matches are skipped too
    stdin: tuple[str, bytes] | None = None  # (the file name it stands for, the bytes read)
    isolated: bool = False  # no configuration file is read (the scopes one declares still count)
    # keep per-file scans between runs (scopelint.check.cache); SCOPELINT_NO_CACHE=1 overrides
    cache: bool = False
    progress: Progress | None = None  # told (files scanned, files found so far) while scanning


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
    unreadable: list[UnreadableDeclaration] = field(default_factory=list)
    incomplete: set[str] = field(default_factory=set)  # files a scanner could not read whole
    platform_uses: list[PlatformUse] = field(default_factory=list)  # Forge (issue #21)
    forge_apps: list[ForgeApp] = field(default_factory=list)
    # files of ``files`` that were not checked (binary, not a regular file, too deeply
    # nested): display path -> why (FileScan.skipped)
    skipped: dict[str, str] = field(default_factory=dict)

    @property
    def checked(self) -> int:
        """How many of ``files`` were checked (the summary's file count)."""
        return len(self.files) - len(self.skipped)


def load_project_settings(options: LintOptions) -> Settings:
    """The settings a run uses, with every rule selector (``select``, ``ignore``,
    ``per-path-ignores``) resolved to a code prefix; a selector that names no rule is a
    ConfigError naming the file and key."""
    if options.settings is not None:
        return resolve_selectors(options.settings)
    if options.isolated:
        return Settings()
    path = options.config if options.config is not None else find_config(options.cwd)
    return resolve_selectors(load_settings(path))


def resolve_selectors(settings: Settings) -> Settings:
    if not (settings.select or settings.ignore or settings.per_path_ignores):
        return settings
    from scopelint.common.records import replace
    from scopelint.errors import ConfigError
    from scopelint.rules.selection import resolve_all

    where = ""
    if settings.config_path is not None:
        table = "tool.scopelint." if settings.config_path.name == "pyproject.toml" else ""
        where = f"{settings.config_path}: {table}"
    try:
        return replace(
            settings,
            select=resolve_all(settings.select, f"{where}select"),
            ignore=resolve_all(settings.ignore, f"{where}ignore"),
            per_path_ignores={
                glob: resolve_all(codes, f'{where}per-path-ignores."{glob}"')
                for glob, codes in settings.per_path_ignores.items()
            },
        )
    except ScopelintError as exc:
        raise ConfigError(str(exc)) from None


def rule_selection(options: LintOptions, settings: Settings) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(select, ignore) code prefixes of a run: ``--select`` replaces the configuration's
    ``select``, ``--ignore`` adds to its ``ignore``."""
    from scopelint.rules.selection import resolve_all

    select = resolve_all(options.select, "select") if options.select is not None else settings.select
    ignore = tuple(settings.ignore) + resolve_all(options.extend_ignore, "ignore")
    return select, ignore


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


def exclude_patterns(options: LintOptions, settings: Settings) -> list[ExcludePattern]:
    """Every exclude pattern of a run.  The configuration's match relative to its folder and,
    like ``--exclude``, relative to each folder walked (or a file's name)."""
    from scopelint.check.explicit import ExcludePattern

    source = str(settings.config_path) if settings.config_path is not None else "the configuration"
    base = config_base(options, settings)
    patterns = [ExcludePattern(glob, base, source) for glob in settings.exclude]
    patterns += [ExcludePattern(glob, options.cwd, "--exclude") for glob in options.exclude]
    patterns += [ExcludePattern(glob, None, source) for glob in settings.exclude]
    patterns += [ExcludePattern(glob, None, "--exclude") for glob in options.exclude]
    return patterns


def scan_paths(options: LintOptions, settings: Settings) -> ScanOutcome:
    warnings: list[str] = []
    cwd = options.cwd
    from scopelint.check.explicit import discover_named
    from scopelint.scanning.parallel import scan_stream

    files: list[DiscoveredFile] = []  # filled as discovery goes; scanning starts meanwhile
    patterns = exclude_patterns(options, settings)

    def discover(into: list[str]) -> Iterator[DiscoveredFile]:
        return discover_named(options.paths, cwd, patterns, force_exclude=options.force_exclude,
                              warnings=into)

    cache = _open_cache(options)
    top = project_top(cwd)
    named: Iterator[DiscoveredFile] | None = None
    walk: ForkedWalk | None = None
    if cache is not None and options.jobs != 1 and any(
        os.path.isdir(cwd / path) for path in options.paths  # a tree: not a hook run
    ):
        from scopelint.check import walker

        if walker.usable(options.jobs, cache.folder):  # a forked child walks, this looks up
            walk = walker.ForkedWalk(
                discover, warnings, lambda walked: governing_declaration_files(walked, top, cwd)
            )
            named = iter(walk)
    if named is None:
        named = discover(warnings)
    scans = scan_stream(named, options.jobs, files, cache, options.progress)
    from scopelint.scanning.linking import link_scans

    given = [Path(os.path.abspath(cwd / path)) for path in options.paths]
    whole = any(top == path or top.is_relative_to(path) for path in given)
    scans = link_scans(files, scans, top, cwd, options.jobs, partial=not whole, cache=cache)
    if cache is not None:
        cache.save()
        if cache.warning:
            warnings.append(cache.warning)
    if options.stdin is not None:
        scans += scan_stdin(options, settings, files, warnings, top)
    if walk is not None and walk.context is not None and options.stdin is None:
        context = walk.context  # the child found them once its walk was done
    else:
        context = list(governing_declaration_files(files, top, cwd))
    scans += run_scanners(context, options.jobs)
    outcome = ScanOutcome(files, context, [], [], [], {}, warnings)
    seen_calls: set[tuple[str, int, int, str, str | None]] = set()
    listed: set[str] | None = None
    for scan in scans:
        if not (scan.calls or scan.declarations or scan.secrets or scan.warnings or scan.skipped
                or scan.suppressions or scan.unreadable or scan.platform_uses or scan.forge_apps):
            continue  # most files of a tree: nothing found (a summary at most)
        outcome.warnings.extend(scan.warnings)
        if scan.warnings:
            outcome.incomplete.add(scan.path)
        for call in scan.calls:
            key = (call.location.path, call.location.line, call.location.column, call.url, call.method)
            if key not in seen_calls:
                seen_calls.add(key)
                outcome.calls.append(call)
        outcome.declarations.extend(scan.declarations)
        outcome.unreadable.extend(scan.unreadable)
        outcome.secrets.extend(scan.secrets)
        outcome.platform_uses.extend(scan.platform_uses)
        outcome.forge_apps.extend(scan.forge_apps)
        if scan.skipped:
            if listed is None:
                listed = {file.display for file in files}
            if scan.path in listed:  # not a declaration file read for context
                outcome.skipped[scan.path] = scan.skipped
        if scan.suppressions:
            outcome.suppressions.setdefault(scan.path, []).extend(scan.suppressions)
    return outcome


def scan_stdin(
    options: LintOptions, settings: Settings, files: list[DiscoveredFile], warnings: list[str],
    top: Path | None = None,
) -> list[FileScan]:
    """The buffer an editor piped in, scanned as if it were the file ``options.stdin[0]``
    names (its kind, the declaration that governs it and the per-path settings follow from that
    name; its imports linked to the project's modules under ``top``); skipped when an exclude
    pattern matches the name and ``force_exclude`` is set."""
    from scopelint.check.explicit import excluded_by, named_but_excluded
    from scopelint.scanning.discovery import display_path
    from scopelint.scanning.scan import scan_bytes

    assert options.stdin is not None
    name, data = options.stdin
    given = Path(name)
    absolute = Path(os.path.normpath(given if given.is_absolute() else options.cwd / given))
    hit = excluded_by(absolute, False, exclude_patterns(options, settings))
    if hit and options.force_exclude:
        return []
    if hit:
        warnings.append(named_but_excluded(name, hit))
    file = DiscoveredFile(absolute, display_path(absolute, options.cwd), explicit=True)
    files.append(file)
    scan = scan_bytes(file, data)
    if top is not None:
        from scopelint.scanning.linking import link_buffer

        scan = link_buffer(file, data, scan, top, options.cwd)
    return [scan]


def _open_cache(options: LintOptions) -> ScanCache | None:
    if not options.cache:
        return None
    from scopelint.check.cache import ScanCache, disabled_by_environment

    return None if disabled_by_environment() else ScanCache.for_project(options.cwd)


def scan_project(options: LintOptions) -> ScanOutcome:
    """The files under ``options.paths`` discovered and scanned with the settings ``check``
    reads (the configuration found from ``options.cwd``, or ``options.config``, none with
    ``options.isolated``): its ``exclude`` applies to every command that scans files.

    Raises ConfigError for a configuration that cannot be read.
    """
    return scan_paths(options, load_project_settings(options))


def find_calls(
    paths: Sequence[str | Path], *, cwd: Path | None = None, exclude: Sequence[str] = (),
    config: Path | bool = False,
) -> list[CallSite]:
    """Every Atlassian REST call site (and API base URL) under ``paths``, in scan order.

    ``exclude`` holds gitignore-style globs.  ``config``: False reads no configuration (no
    project excludes); True the one ``check`` would find from ``cwd``; a path that file.
    """
    options = LintOptions(
        paths=[Path(p) for p in paths],
        cwd=cwd.resolve() if cwd is not None else Path.cwd(),
        exclude=exclude,
        config=config if isinstance(config, Path) else None,
        isolated=config is False,
    )
    return scan_project(options).calls


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
            from scopelint.scanning.source import decode

            try:  # decoded and split as the scan saw the file (UTF-16 with a BOM too)
                text = decode(Path(_norm(self._cwd, path)).read_bytes())
            except OSError:
                text = ""
            lines = text.split("\n")
            self._files[path] = lines
        return lines[line - 1] if 0 < line <= len(lines) else ""


def lint(options: LintOptions, kb: KnowledgeBase | None = None) -> LintResult:
    """Run the whole pipeline and return the findings (no fixing, no output)."""
    with fewer_collections():
        return _lint(options, kb)


def _lint(options: LintOptions, kb: KnowledgeBase | None) -> LintResult:
    settings = load_project_settings(options)
    select, ignore = rule_selection(options, settings)
    if options.scopes is not None:  # an unknown scope on the command line is exit 2
        kb = kb or load_default()
        validate_scopes(kb, options.scopes)
    outcome = scan_paths(options, settings)  # before the table: worker processes fork smaller
    suppressions = resolve_suppressions(outcome.suppressions, outcome.warnings)
    if not (outcome.calls or outcome.declarations or outcome.secrets or outcome.unreadable
            or outcome.platform_uses or (
        suppressions  # comments alone matter only to a rule that judges them (SL012)
        and any(r.after_suppressions and selected(r.info.code, select, ignore) for r in all_rules())
    )):
        # Nothing any rule looks at (the usual pre-commit run): skip loading the table.
        return LintResult(
            findings=[],
            files_scanned=outcome.checked,
            skipped=outcome.skipped,
            scanned_paths=[f.display for f in outcome.files],
            warnings=outcome.warnings,
            root=str(options.cwd),
            tool_version=__version__,
        )
    kb = kb or load_default()
    outcome.warnings.extend(take_notices())  # a damaged cached table, once
    declarations = govern_declarations(outcome.declarations, options.cwd)
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
        unreadable=outcome.unreadable,
        settings=settings,
        fully_scanned=fully_scanned,
        line_text=_Lines(cwd),
        forge_apps=outcome.forge_apps,
        platform_uses=outcome.platform_uses,
        declaration_for=govern,
        incomplete_files=frozenset(outcome.incomplete),
        prefer=options.prefer,
    )
    findings = run_rules(ctx, select, ignore, outcome, suppressions, cwd, scanned_dirs)
    findings = apply_per_path_ignores(
        findings, settings.per_path_ignores, cwd=cwd, base=config_base(options, settings)
    )
    findings.sort(key=Finding.sort_key)
    reported = {f.display for f in outcome.files}
    reported_calls = [r for r in calls if r.call.kind == "call" and r.call.location.path in reported]
    return LintResult(
        findings=findings,
        files_scanned=outcome.checked,
        skipped=outcome.skipped,
        scanned_paths=[f.display for f in outcome.files],
        calls_found=len(reported_calls),
        calls_unresolved=sum(1 for r in reported_calls if is_unresolved_call(r)),
        notes=ctx.notes,
        warnings=outcome.warnings,
        root=str(cwd),
        tool_version=__version__,
        kb_version=kb.describe(),
    )


def run_rules(
    ctx: RuleContext,
    select: Sequence[str],
    ignore: Sequence[str],
    outcome: ScanOutcome,
    suppressions: dict[str, list[Suppression]],
    cwd: Path,
    scanned_dirs: Sequence[str],
) -> list[Finding]:
    """The selected rules' findings on the reported files, less what the suppression comments
    cover; then the rules that judge the comments themselves (SL012), which need every other
    rule's findings (an unselected rule's too: its comments are not unused)."""
    rules = all_rules()
    late = [r for r in rules if r.after_suppressions and selected(r.info.code, select, ignore)]
    findings: list[Finding] = []
    for rule in rules:
        if not rule.after_suppressions and (late or selected(rule.info.code, select, ignore)):
            notes = len(ctx.notes)
            findings.extend(rule.check(ctx))
            if not selected(rule.info.code, select, ignore):
                del ctx.notes[notes:]  # run only for SL012's sake: its notes are not the user's
    reported = {f.display for f in outcome.files}
    findings = [f for f in findings if f.location.path in reported]
    findings, use = suppress(findings, suppressions)
    findings = [f for f in findings if selected(f.code, select, ignore)]
    if not late:
        return findings
    infos = {rule.info.code: rule.info for rule in rules}
    from scopelint.scanning.formats.data_files import DATA_SUFFIXES
    from scopelint.scanning.formats.text import DOC_SUFFIXES

    # data (exports, logs, SARIF reports) holds no comments: a directive there is a record's text
    not_judged = (*DOC_SUFFIXES, *DATA_SUFFIXES, *_NOT_JUDGED)

    def judgeable(path: str, code: str) -> bool:
        info = infos.get(code)
        if info is None or path in outcome.incomplete or path.lower().endswith(not_judged):
            return False
        if info.needs_whole_tree:
            absolute = _norm(cwd, path)
            return any(absolute.startswith(d.rstrip(os.sep) + os.sep) for d in scanned_dirs)
        return True

    ctx.suppressions = {path: entries for path, entries in suppressions.items() if path in reported}
    ctx.suppression_use = use
    ctx.judgeable = judgeable
    judged = [finding for rule in late for finding in rule.check(ctx)]
    # Only a comment that names SL012 silences it: a bare `ignore` cannot hide that it is unused.
    naming = {path: [e for e in entries if e.codes] for path, entries in suppressions.items()}
    return findings + apply_suppressions(judged, naming)


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
