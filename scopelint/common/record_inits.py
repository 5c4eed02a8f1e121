"""The ``__init__`` of every data class of scopelint (:mod:`scopelint.common.records`).

Written by ``make records`` (scripts/record_inits.py) from the classes' fields: do not edit.
A class missing here, or written for other fields, still works (with a slower ``__init__``
that binds its arguments itself); tests/common/test_records.py fails until this is rewritten.
Each maker is called with ``MISSING`` and the fields' default factories (in field order) and
returns the class's ``__init__``; its defaults are set by the decorator.
"""

# ruff: noqa: E501, E702

from __future__ import annotations

from typing import Any


def _check_engine__LintOptions(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    f_cwd, = factories
    def __init__(self: Any, paths: Any, cwd: Any, select: Any, extend_ignore: Any, exclude: Any, scopes: Any, config: Any, settings: Any, jobs: Any, prefer: Any, force_exclude: Any, stdin: Any, isolated: Any, cache: Any, progress: Any) -> None:
        self.paths = paths; self.cwd = f_cwd() if cwd is MISSING else cwd; self.select = select; self.extend_ignore = extend_ignore; self.exclude = exclude; self.scopes = scopes; self.config = config; self.settings = settings; self.jobs = jobs; self.prefer = prefer; self.force_exclude = force_exclude; self.stdin = stdin; self.isolated = isolated; self.cache = cache; self.progress = progress
    return __init__

def _check_engine__ScanOutcome(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    f_unreadable, f_incomplete, f_platform_uses, f_forge_apps, f_skipped, = factories
    def __init__(self: Any, files: Any, context_files: Any, calls: Any, declarations: Any, secrets: Any, suppressions: Any, warnings: Any, unreadable: Any, incomplete: Any, platform_uses: Any, forge_apps: Any, skipped: Any) -> None:
        self.files = files; self.context_files = context_files; self.calls = calls; self.declarations = declarations; self.secrets = secrets; self.suppressions = suppressions; self.warnings = warnings; self.unreadable = f_unreadable() if unreadable is MISSING else unreadable; self.incomplete = f_incomplete() if incomplete is MISSING else incomplete; self.platform_uses = f_platform_uses() if platform_uses is MISSING else platform_uses; self.forge_apps = f_forge_apps() if forge_apps is MISSING else forge_apps; self.skipped = f_skipped() if skipped is MISSING else skipped
    return __init__

def _check_run__CheckOutcome(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    f_scopes_added, f_entries_added, f_fixes_applied, = factories
    def __init__(self: Any, result: Any, report: Any, diff_text: Any, added: Any, baseline_written: Any, scopes_added: Any, entries_added: Any, fixes_applied: Any) -> None:
        self.result = result; self.report = report; self.diff_text = diff_text; self.added = added; self.baseline_written = baseline_written; self.scopes_added = f_scopes_added() if scopes_added is MISSING else scopes_added; self.entries_added = f_entries_added() if entries_added is MISSING else entries_added; self.fixes_applied = f_fixes_applied() if fixes_applied is MISSING else fixes_applied
    return __init__

def _check_run__CheckRequest(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    f_cwd, = factories
    def __init__(self: Any, paths: Any, cwd: Any, output_format: Any, select: Any, ignore: Any, exclude: Any, scopes: Any, config: Any, fix: Any, unsafe_fixes: Any, diff: Any, since: Any, baseline: Any, write_baseline: Any, jobs: Any, more_findings: Any, prefer: Any, add_suppressions: Any, force_exclude: Any, isolated: Any, stdin: Any, colour: Any, cache: Any, progress: Any) -> None:
        self.paths = paths; self.cwd = f_cwd() if cwd is MISSING else cwd; self.output_format = output_format; self.select = select; self.ignore = ignore; self.exclude = exclude; self.scopes = scopes; self.config = config; self.fix = fix; self.unsafe_fixes = unsafe_fixes; self.diff = diff; self.since = since; self.baseline = baseline; self.write_baseline = write_baseline; self.jobs = jobs; self.more_findings = more_findings; self.prefer = prefer; self.add_suppressions = add_suppressions; self.force_exclude = force_exclude; self.isolated = isolated; self.stdin = stdin; self.colour = colour; self.cache = cache; self.progress = progress
    return __init__

def _config_loading__RawConfig(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    setter = object.__setattr__
    def __init__(self: Any, data: Any, key_prefix: Any) -> None:
        setter(self, 'data', data); setter(self, 'key_prefix', key_prefix)
    return __init__

def _config_loading__Settings(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    f_per_path_ignores, f_sites, = factories
    setter = object.__setattr__
    def __init__(self: Any, select: Any, ignore: Any, exclude: Any, per_path_ignores: Any, sites: Any, scopes: Any, config_path: Any, tokens: Any) -> None:
        setter(self, 'select', select); setter(self, 'ignore', ignore); setter(self, 'exclude', exclude); setter(self, 'per_path_ignores', f_per_path_ignores() if per_path_ignores is MISSING else per_path_ignores); setter(self, 'sites', f_sites() if sites is MISSING else sites); setter(self, 'scopes', scopes); setter(self, 'config_path', config_path); setter(self, 'tokens', tokens)
    return __init__

def _config_loading__TokenSettings(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    setter = object.__setattr__
    def __init__(self: Any, name: Any, paths: Any, scopes: Any) -> None:
        setter(self, 'name', name); setter(self, 'paths', paths); setter(self, 'scopes', scopes)
    return __init__

def _kb_forge__ApiRow(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    setter = object.__setattr__
    def __init__(self: Any, key: Any, kind: Any, title: Any, modules: Any, names: Any, alternatives: Any, by_product: Any, operations: Any, source: Any) -> None:
        setter(self, 'key', key); setter(self, 'kind', kind); setter(self, 'title', title); setter(self, 'modules', modules); setter(self, 'names', names); setter(self, 'alternatives', alternatives); setter(self, 'by_product', by_product); setter(self, 'operations', operations); setter(self, 'source', source)
    return __init__

def _kb_forge__ForgeTable(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    setter = object.__setattr__
    def __init__(self: Any, apis: Any, product_calls: Any, frontend_modules: Any, image_elements: Any, always_allowed_images: Any, egress_source: Any, images_source: Any) -> None:
        setter(self, 'apis', apis); setter(self, 'product_calls', product_calls); setter(self, 'frontend_modules', frontend_modules); setter(self, 'image_elements', image_elements); setter(self, 'always_allowed_images', always_allowed_images); setter(self, 'egress_source', egress_source); setter(self, 'images_source', images_source)
    return __init__

def _kb_table__DocumentInfo(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    setter = object.__setattr__
    def __init__(self: Any, key: Any, title: Any, product: Any, version: Any, sha256: Any, source: Any, base_path: Any, operations: Any, validation_errors: Any, date: Any, status: Any, of: Any, note: Any) -> None:
        setter(self, 'key', key); setter(self, 'title', title); setter(self, 'product', product); setter(self, 'version', version); setter(self, 'sha256', sha256); setter(self, 'source', source); setter(self, 'base_path', base_path); setter(self, 'operations', operations); setter(self, 'validation_errors', validation_errors); setter(self, 'date', date); setter(self, 'status', status); setter(self, 'of', of); setter(self, 'note', note)
    return __init__

def _model__Alternative(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    setter = object.__setattr__
    def __init__(self: Any, kind: Any, state: Any, scopes: Any) -> None:
        setter(self, 'kind', kind); setter(self, 'state', state); setter(self, 'scopes', scopes)
    return __init__

def _model__CallSite(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    setter = object.__setattr__
    def __init__(self: Any, location: Any, url: Any, method: Any, kind: Any, extractor: Any, forge_product: Any, via: Any, related: Any, resolved: Any, method_source: Any, unresolved: Any, sdk: Any) -> None:
        setter(self, 'location', location); setter(self, 'url', url); setter(self, 'method', method); setter(self, 'kind', kind); setter(self, 'extractor', extractor); setter(self, 'forge_product', forge_product); setter(self, 'via', via); setter(self, 'related', related); setter(self, 'resolved', resolved); setter(self, 'method_source', method_source); setter(self, 'unresolved', unresolved); setter(self, 'sdk', sdk)
    return __init__

def _model__Edit(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    setter = object.__setattr__
    def __init__(self: Any, path: Any, line: Any, column: Any, end_line: Any, end_column: Any, text: Any) -> None:
        setter(self, 'path', path); setter(self, 'line', line); setter(self, 'column', column); setter(self, 'end_line', end_line); setter(self, 'end_column', end_column); setter(self, 'text', text)
    return __init__

def _model__FileScan(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    f_calls, f_declarations, f_secrets, f_suppressions, f_warnings, f_unreadable, f_platform_uses, f_forge_apps, = factories
    def __init__(self: Any, path: Any, calls: Any, declarations: Any, secrets: Any, suppressions: Any, warnings: Any, unreadable: Any, summary: Any, platform_uses: Any, forge_apps: Any, skipped: Any) -> None:
        self.path = path; self.calls = f_calls() if calls is MISSING else calls; self.declarations = f_declarations() if declarations is MISSING else declarations; self.secrets = f_secrets() if secrets is MISSING else secrets; self.suppressions = f_suppressions() if suppressions is MISSING else suppressions; self.warnings = f_warnings() if warnings is MISSING else warnings; self.unreadable = f_unreadable() if unreadable is MISSING else unreadable; self.summary = summary; self.platform_uses = f_platform_uses() if platform_uses is MISSING else platform_uses; self.forge_apps = f_forge_apps() if forge_apps is MISSING else forge_apps; self.skipped = skipped
    return __init__

def _model__Finding(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    setter = object.__setattr__
    def __init__(self: Any, code: Any, name: Any, severity: Any, location: Any, message: Any, endpoint: Any, missing_scopes: Any, unused_scopes: Any, identity: Any, fix: Any, related: Any) -> None:
        setter(self, 'code', code); setter(self, 'name', name); setter(self, 'severity', severity); setter(self, 'location', location); setter(self, 'message', message); setter(self, 'endpoint', endpoint); setter(self, 'missing_scopes', missing_scopes); setter(self, 'unused_scopes', unused_scopes); setter(self, 'identity', identity); setter(self, 'fix', fix); setter(self, 'related', related)
    return __init__

def _model__Fix(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    setter = object.__setattr__
    def __init__(self: Any, description: Any, safe: Any, edits: Any, target: Any, add_scopes: Any, remove_scopes: Any, add_entries: Any, remove_entries: Any) -> None:
        setter(self, 'description', description); setter(self, 'safe', safe); setter(self, 'edits', edits); setter(self, 'target', target); setter(self, 'add_scopes', add_scopes); setter(self, 'remove_scopes', remove_scopes); setter(self, 'add_entries', add_entries); setter(self, 'remove_entries', remove_entries)
    return __init__

def _model__ForgeApp(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    f_scope_lines, f_lines, = factories
    setter = object.__setattr__
    def __init__(self: Any, path: Any, root: Any, scopes: Any, scope_lines: Any, fetch_backend: Any, fetch_client: Any, images: Any, remotes: Any, resources: Any, products: Any, lines: Any, problems: Any, scopes_readable: Any) -> None:
        setter(self, 'path', path); setter(self, 'root', root); setter(self, 'scopes', scopes); setter(self, 'scope_lines', f_scope_lines() if scope_lines is MISSING else scope_lines); setter(self, 'fetch_backend', fetch_backend); setter(self, 'fetch_client', fetch_client); setter(self, 'images', images); setter(self, 'remotes', remotes); setter(self, 'resources', resources); setter(self, 'products', products); setter(self, 'lines', f_lines() if lines is MISSING else lines); setter(self, 'problems', problems); setter(self, 'scopes_readable', scopes_readable)
    return __init__

def _model__LintResult(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    f_warnings, f_stale_baseline, f_scanned_paths, f_notes, f_skipped, = factories
    def __init__(self: Any, findings: Any, files_scanned: Any, calls_found: Any, warnings: Any, fixed: Any, stale_baseline: Any, root: Any, tool_version: Any, kb_version: Any, scanned_paths: Any, calls_unresolved: Any, notes: Any, fix_mode: Any, unsafe_fixes: Any, skipped: Any) -> None:
        self.findings = findings; self.files_scanned = files_scanned; self.calls_found = calls_found; self.warnings = f_warnings() if warnings is MISSING else warnings; self.fixed = fixed; self.stale_baseline = f_stale_baseline() if stale_baseline is MISSING else stale_baseline; self.root = root; self.tool_version = tool_version; self.kb_version = kb_version; self.scanned_paths = f_scanned_paths() if scanned_paths is MISSING else scanned_paths; self.calls_unresolved = calls_unresolved; self.notes = f_notes() if notes is MISSING else notes; self.fix_mode = fix_mode; self.unsafe_fixes = unsafe_fixes; self.skipped = f_skipped() if skipped is MISSING else skipped
    return __init__

def _model__Location(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    setter = object.__setattr__
    def __init__(self: Any, path: Any, line: Any, column: Any, end_line: Any, end_column: Any) -> None:
        setter(self, 'path', path); setter(self, 'line', line); setter(self, 'column', column); setter(self, 'end_line', end_line); setter(self, 'end_column', end_column)
    return __init__

def _model__ManifestEntry(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    setter = object.__setattr__
    def __init__(self: Any, value: Any, line: Any, remote: Any, operations: Any) -> None:
        setter(self, 'value', value); setter(self, 'line', line); setter(self, 'remote', remote); setter(self, 'operations', operations)
    return __init__

def _model__Observation(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    setter = object.__setattr__
    def __init__(self: Any, requests: Any, refused: Any, status: Any, message: Any, because: Any, certain: Any) -> None:
        setter(self, 'requests', requests); setter(self, 'refused', refused); setter(self, 'status', status); setter(self, 'message', message); setter(self, 'because', because); setter(self, 'certain', certain)
    return __init__

def _model__Operation(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    setter = object.__setattr__
    def __init__(self: Any, product: Any, method: Any, path: Any, operation_id: Any, deprecated: Any, connect_scope: Any, alternatives: Any, document: Any) -> None:
        setter(self, 'product', product); setter(self, 'method', method); setter(self, 'path', path); setter(self, 'operation_id', operation_id); setter(self, 'deprecated', deprecated); setter(self, 'connect_scope', connect_scope); setter(self, 'alternatives', alternatives); setter(self, 'document', document)
    return __init__

def _model__PlatformUse(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    setter = object.__setattr__
    def __init__(self: Any, location: Any, kind: Any, api: Any, target: Any, side: Any, name: Any) -> None:
        setter(self, 'location', location); setter(self, 'kind', kind); setter(self, 'api', api); setter(self, 'target', target); setter(self, 'side', side); setter(self, 'name', name)
    return __init__

def _model__Removal(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    setter = object.__setattr__
    def __init__(self: Any, method: Any, path: Any, removed_on: Any, replacement: Any, notice: Any, dropped_from: Any, last_seen: Any, last_version: Any, source: Any) -> None:
        setter(self, 'method', method); setter(self, 'path', path); setter(self, 'removed_on', removed_on); setter(self, 'replacement', replacement); setter(self, 'notice', notice); setter(self, 'dropped_from', dropped_from); setter(self, 'last_seen', last_seen); setter(self, 'last_version', last_version); setter(self, 'source', source)
    return __init__

def _model__Resolution(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    setter = object.__setattr__
    def __init__(self: Any, method: Any, url: Any, path: Any, host_kind: Any, host: Any, gateway_product: Any, product: Any, operation: Any, candidates: Any) -> None:
        setter(self, 'method', method); setter(self, 'url', url); setter(self, 'path', path); setter(self, 'host_kind', host_kind); setter(self, 'host', host); setter(self, 'gateway_product', gateway_product); setter(self, 'product', product); setter(self, 'operation', operation); setter(self, 'candidates', candidates)
    return __init__

def _model__ScopeDeclaration(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    f_scope_lines, = factories
    setter = object.__setattr__
    def __init__(self: Any, source: Any, location: Any, root: Any, scopes: Any, scope_lines: Any, paths: Any, kind: Any, via: Any, partial: Any, parts: Any) -> None:
        setter(self, 'source', source); setter(self, 'location', location); setter(self, 'root', root); setter(self, 'scopes', scopes); setter(self, 'scope_lines', f_scope_lines() if scope_lines is MISSING else scope_lines); setter(self, 'paths', paths); setter(self, 'kind', kind); setter(self, 'via', via); setter(self, 'partial', partial); setter(self, 'parts', parts)
    return __init__

def _model__SecretHit(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    setter = object.__setattr__
    def __init__(self: Any, location: Any, kind: Any, redacted: Any) -> None:
        setter(self, 'location', location); setter(self, 'kind', kind); setter(self, 'redacted', redacted)
    return __init__

def _model__Suppression(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    setter = object.__setattr__
    def __init__(self: Any, line: Any, codes: Any, whole_file: Any, own_line: Any, column: Any, end_column: Any) -> None:
        setter(self, 'line', line); setter(self, 'codes', codes); setter(self, 'whole_file', whole_file); setter(self, 'own_line', own_line); setter(self, 'column', column); setter(self, 'end_column', end_column)
    return __init__

def _model__UnreadableDeclaration(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    setter = object.__setattr__
    def __init__(self: Any, location: Any, kind: Any, reason: Any) -> None:
        setter(self, 'location', location); setter(self, 'kind', kind); setter(self, 'reason', reason)
    return __init__

def _rules_base__RuleInfo(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    setter = object.__setattr__
    def __init__(self: Any, code: Any, name: Any, severity: Any, summary: Any, explanation: Any, bad_example: Any, good_example: Any, what_it_does: Any, fix: Any, fix_safety: Any, fix_notes: Any, options: Any, references: Any, needs_whole_tree: Any) -> None:
        setter(self, 'code', code); setter(self, 'name', name); setter(self, 'severity', severity); setter(self, 'summary', summary); setter(self, 'explanation', explanation); setter(self, 'bad_example', bad_example); setter(self, 'good_example', good_example); setter(self, 'what_it_does', what_it_does); setter(self, 'fix', fix); setter(self, 'fix_safety', fix_safety); setter(self, 'fix_notes', fix_notes); setter(self, 'options', options); setter(self, 'references', references); setter(self, 'needs_whole_tree', needs_whole_tree); self.__post_init__()
    return __init__

def _rules_context__ResolvedCall(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    setter = object.__setattr__
    def __init__(self: Any, call: Any, resolution: Any, declaration: Any, observation: Any) -> None:
        setter(self, 'call', call); setter(self, 'resolution', resolution); setter(self, 'declaration', declaration); setter(self, 'observation', observation)
    return __init__

def _rules_context__RuleContext(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    f_settings, f_unreadable, f_notes, f_forge_apps, f_platform_uses, f_suppressions, f_suppression_use, = factories
    def __init__(self: Any, kb: Any, calls: Any, declarations: Any, secrets: Any, settings: Any, unreadable: Any, fully_scanned: Any, line_text: Any, notes: Any, forge_apps: Any, platform_uses: Any, declaration_for: Any, incomplete_files: Any, prefer: Any, suppressions: Any, suppression_use: Any, judgeable: Any) -> None:
        self.kb = kb; self.calls = calls; self.declarations = declarations; self.secrets = secrets; self.settings = f_settings() if settings is MISSING else settings; self.unreadable = f_unreadable() if unreadable is MISSING else unreadable; self.fully_scanned = fully_scanned; self.line_text = line_text; self.notes = f_notes() if notes is MISSING else notes; self.forge_apps = f_forge_apps() if forge_apps is MISSING else forge_apps; self.platform_uses = f_platform_uses() if platform_uses is MISSING else platform_uses; self.declaration_for = declaration_for; self.incomplete_files = incomplete_files; self.prefer = prefer; self.suppressions = f_suppressions() if suppressions is MISSING else suppressions; self.suppression_use = f_suppression_use() if suppression_use is MISSING else suppression_use; self.judgeable = judgeable
    return __init__

def _rules_coverage__Coverage(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    setter = object.__setattr__
    def __init__(self: Any, covered: Any, closest: Any, missing: Any, others: Any) -> None:
        setter(self, 'covered', covered); setter(self, 'closest', closest); setter(self, 'missing', missing); setter(self, 'others', others)
    return __init__

def _rules_site_literals__SiteLiteral(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    setter = object.__setattr__
    def __init__(self: Any, location: Any, line_text: Any, host_start: Any, host: Any, scheme_start: Any, prefix_end: Any, url: Any) -> None:
        setter(self, 'location', location); setter(self, 'line_text', line_text); setter(self, 'host_start', host_start); setter(self, 'host', host); setter(self, 'scheme_start', scheme_start); setter(self, 'prefix_end', prefix_end); setter(self, 'url', url)
    return __init__

def _rules_sl001_hardcoded_site_url___Group(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    f_sites, = factories
    def __init__(self: Any, literal: Any, sites: Any) -> None:
        self.literal = literal; self.sites = f_sites() if sites is MISSING else sites
    return __init__

def _rules__Rule(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    setter = object.__setattr__
    def __init__(self: Any, info: Any, check: Any, after_suppressions: Any) -> None:
        setter(self, 'info', info); setter(self, 'check', check); setter(self, 'after_suppressions', after_suppressions)
    return __init__

def _scanning_declarations_scopelint_config___Entry(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    setter = object.__setattr__
    def __init__(self: Any, scopes: Any, scope_lines: Any, location: Any, paths: Any) -> None:
        setter(self, 'scopes', scopes); setter(self, 'scope_lines', scope_lines); setter(self, 'location', location); setter(self, 'paths', paths)
    return __init__

def _scanning_declarations_scopelint_config___Section(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    setter = object.__setattr__
    def __init__(self: Any, name: Any, array: Any, start: Any, body: Any, end: Any) -> None:
        setter(self, 'name', name); setter(self, 'array', array); setter(self, 'start', start); setter(self, 'body', body); setter(self, 'end', end)
    return __init__

def _scanning_scan__KeyedScan(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    f_facts, = factories
    def __init__(self: Any, scan: Any, size: Any, mtime_ns: Any, digest: Any, facts: Any, ctime_ns: Any, inode: Any) -> None:
        self.scan = scan; self.size = size; self.mtime_ns = mtime_ns; self.digest = digest; self.facts = f_facts() if facts is MISSING else facts; self.ctime_ns = ctime_ns; self.inode = inode
    return __init__

def _scanning_source__SourceFile(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    f__line_starts, = factories
    def __init__(self: Any, path: Any, display: Any, text: Any, forge_app: Any, _line_starts: Any, _bytes: Any) -> None:
        self.path = path; self.display = display; self.text = text; self.forge_app = forge_app; self._line_starts = f__line_starts() if _line_starts is MISSING else _line_starts; self._bytes = _bytes
    return __init__

# class (module without 'scopelint.', qualified name) -> (its fields' shape, maker)
INITS: dict[str, tuple[str, Any]] = {
    'check.engine:LintOptions': ('paths=, cwd(), select=, extend_ignore=, exclude=, scopes=, config=, settings=, jobs=, prefer=, force_exclude=, stdin=, isolated=, cache=, progress=', _check_engine__LintOptions),
    'check.engine:ScanOutcome': ('files, context_files, calls, declarations, secrets, suppressions, warnings, unreadable(), incomplete(), platform_uses(), forge_apps(), skipped()', _check_engine__ScanOutcome),
    'check.run:CheckOutcome': ('result, report=, diff_text=, added=, baseline_written=, scopes_added(), entries_added(), fixes_applied()', _check_run__CheckOutcome),
    'check.run:CheckRequest': ('paths=, cwd(), output_format=, select=, ignore=, exclude=, scopes=, config=, fix=, unsafe_fixes=, diff=, since=, baseline=, write_baseline=, jobs=, more_findings=, prefer=, add_suppressions=, force_exclude=, isolated=, stdin=, colour=, cache=, progress=', _check_run__CheckRequest),
    'config.loading:RawConfig': ('frozen data, key_prefix', _config_loading__RawConfig),
    'config.loading:Settings': ('frozen select=, ignore=, exclude=, per_path_ignores(), sites(), scopes=, config_path=, tokens=', _config_loading__Settings),
    'config.loading:TokenSettings': ('frozen name, paths, scopes', _config_loading__TokenSettings),
    'kb.forge:ApiRow': ('frozen key, kind, title, modules, names, alternatives, by_product, operations, source', _kb_forge__ApiRow),
    'kb.forge:ForgeTable': ('frozen apis, product_calls, frontend_modules, image_elements, always_allowed_images, egress_source, images_source', _kb_forge__ForgeTable),
    'kb.table:DocumentInfo': ('frozen key, title, product, version, sha256, source, base_path, operations, validation_errors, date=, status=, of=, note=', _kb_table__DocumentInfo),
    'model:Alternative': ('frozen kind, state, scopes', _model__Alternative),
    'model:CallSite': ('frozen location, url, method, kind=, extractor=, forge_product=, via=, related=, resolved=, method_source=, unresolved=, sdk=', _model__CallSite),
    'model:Edit': ('frozen path, line, column, end_line, end_column, text', _model__Edit),
    'model:FileScan': ('path, calls(), declarations(), secrets(), suppressions(), warnings(), unreadable(), summary=, platform_uses(), forge_apps(), skipped=', _model__FileScan),
    'model:Finding': ('frozen code, name, severity, location, message, endpoint=, missing_scopes=, unused_scopes=, identity=, fix=, related=', _model__Finding),
    'model:Fix': ('frozen description, safe, edits=, target=, add_scopes=, remove_scopes=, add_entries=, remove_entries=', _model__Fix),
    'model:ForgeApp': ('frozen path, root, scopes=, scope_lines(), fetch_backend=, fetch_client=, images=, remotes=, resources=, products=, lines(), problems=, scopes_readable=', _model__ForgeApp),
    'model:LintResult': ('findings, files_scanned=, calls_found=, warnings(), fixed=, stale_baseline(), root=, tool_version=, kb_version=, scanned_paths(), calls_unresolved=, notes(), fix_mode=, unsafe_fixes=, skipped()', _model__LintResult),
    'model:Location': ('frozen path, line, column, end_line=, end_column=', _model__Location),
    'model:ManifestEntry': ('frozen value, line, remote=, operations=', _model__ManifestEntry),
    'model:Observation': ('frozen requests, refused=, status=, message=, because=, certain=', _model__Observation),
    'model:Operation': ('frozen product, method, path, operation_id, deprecated, connect_scope, alternatives, document', _model__Operation),
    'model:PlatformUse': ('frozen location, kind, api, target=, side=, name=', _model__PlatformUse),
    'model:Removal': ('frozen method, path, removed_on, replacement, notice, dropped_from=, last_seen=, last_version=, source=', _model__Removal),
    'model:Resolution': ('frozen method, url, path, host_kind, host, gateway_product, product, operation, candidates=', _model__Resolution),
    'model:ScopeDeclaration': ('frozen source, location, root, scopes, scope_lines(), paths=, kind=, via=, partial=, parts=', _model__ScopeDeclaration),
    'model:SecretHit': ('frozen location, kind, redacted', _model__SecretHit),
    'model:Suppression': ('frozen line, codes, whole_file=, own_line=, column=, end_column=', _model__Suppression),
    'model:UnreadableDeclaration': ('frozen location, kind, reason', _model__UnreadableDeclaration),
    'rules.base:RuleInfo': ('frozen post_init code, name, severity, summary, explanation, bad_example=, good_example=, what_it_does=, fix=, fix_safety=, fix_notes=, options=, references=, needs_whole_tree=', _rules_base__RuleInfo),
    'rules.context:ResolvedCall': ('frozen call, resolution, declaration, observation=', _rules_context__ResolvedCall),
    'rules.context:RuleContext': ('kb, calls, declarations, secrets, settings(), unreadable(), fully_scanned=, line_text=, notes(), forge_apps(), platform_uses(), declaration_for=, incomplete_files=, prefer=, suppressions(), suppression_use(), judgeable=', _rules_context__RuleContext),
    'rules.coverage:Coverage': ('frozen covered, closest, missing, others', _rules_coverage__Coverage),
    'rules.site_literals:SiteLiteral': ('frozen location, line_text, host_start, host, scheme_start, prefix_end, url', _rules_site_literals__SiteLiteral),
    'rules.sl001_hardcoded_site_url:_Group': ('literal, sites()', _rules_sl001_hardcoded_site_url___Group),
    'rules:Rule': ('frozen info, check, after_suppressions=', _rules__Rule),
    'scanning.declarations.scopelint_config:_Entry': ('frozen scopes, scope_lines, location, paths=', _scanning_declarations_scopelint_config___Entry),
    'scanning.declarations.scopelint_config:_Section': ('frozen name, array, start, body, end', _scanning_declarations_scopelint_config___Section),
    'scanning.scan:KeyedScan': ('scan, size=, mtime_ns=, digest=, facts(), ctime_ns=, inode=', _scanning_scan__KeyedScan),
    'scanning.source:SourceFile': ('path, display, text, forge_app=, _line_starts(), _bytes=', _scanning_source__SourceFile),
}
