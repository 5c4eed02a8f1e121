"""The ``__init__`` of every data class of scopelint (:mod:`scopelint.common.records`).

Written by ``make records`` (scripts/record_inits.py) from the classes' fields: do not edit.
A class missing here, or written for other fields, still works (with a slower ``__init__``
that binds its arguments itself); tests/common/test_records.py fails until this is rewritten.
Each maker is called with ``MISSING``, the fields' default factories (in field order) and,
for a frozen class with slots, the ``__set__`` of each field's slot, and returns the class's
``__init__``; its defaults are set by the decorator.
"""

# ruff: noqa: E501, E702

from __future__ import annotations

from typing import Any


def _check_engine__LintOptions(MISSING: Any, factories: tuple[Any, ...], setters: tuple[Any, ...]) -> Any:
    f_cwd, = factories
    def __init__(self: Any, paths: Any, cwd: Any, select: Any, extend_ignore: Any, exclude: Any, scopes: Any, config: Any, settings: Any, jobs: Any, prefer: Any, force_exclude: Any, stdin: Any, isolated: Any, cache: Any, progress: Any) -> None:
        self.paths = paths; self.cwd = f_cwd() if cwd is MISSING else cwd; self.select = select; self.extend_ignore = extend_ignore; self.exclude = exclude; self.scopes = scopes; self.config = config; self.settings = settings; self.jobs = jobs; self.prefer = prefer; self.force_exclude = force_exclude; self.stdin = stdin; self.isolated = isolated; self.cache = cache; self.progress = progress
    return __init__

def _check_engine__ScanOutcome(MISSING: Any, factories: tuple[Any, ...], setters: tuple[Any, ...]) -> Any:
    f_unreadable, f_incomplete, f_platform_uses, f_forge_apps, f_skipped, = factories
    def __init__(self: Any, files: Any, context_files: Any, calls: Any, declarations: Any, secrets: Any, suppressions: Any, warnings: Any, unreadable: Any, incomplete: Any, platform_uses: Any, forge_apps: Any, skipped: Any) -> None:
        self.files = files; self.context_files = context_files; self.calls = calls; self.declarations = declarations; self.secrets = secrets; self.suppressions = suppressions; self.warnings = warnings; self.unreadable = f_unreadable() if unreadable is MISSING else unreadable; self.incomplete = f_incomplete() if incomplete is MISSING else incomplete; self.platform_uses = f_platform_uses() if platform_uses is MISSING else platform_uses; self.forge_apps = f_forge_apps() if forge_apps is MISSING else forge_apps; self.skipped = f_skipped() if skipped is MISSING else skipped
    return __init__

def _check_run__CheckOutcome(MISSING: Any, factories: tuple[Any, ...], setters: tuple[Any, ...]) -> Any:
    f_scopes_added, f_entries_added, f_fixes_applied, = factories
    def __init__(self: Any, result: Any, report: Any, diff_text: Any, added: Any, baseline_written: Any, scopes_added: Any, entries_added: Any, fixes_applied: Any) -> None:
        self.result = result; self.report = report; self.diff_text = diff_text; self.added = added; self.baseline_written = baseline_written; self.scopes_added = f_scopes_added() if scopes_added is MISSING else scopes_added; self.entries_added = f_entries_added() if entries_added is MISSING else entries_added; self.fixes_applied = f_fixes_applied() if fixes_applied is MISSING else fixes_applied
    return __init__

def _check_run__CheckRequest(MISSING: Any, factories: tuple[Any, ...], setters: tuple[Any, ...]) -> Any:
    f_cwd, = factories
    def __init__(self: Any, paths: Any, cwd: Any, output_format: Any, select: Any, ignore: Any, exclude: Any, scopes: Any, config: Any, fix: Any, unsafe_fixes: Any, diff: Any, since: Any, baseline: Any, write_baseline: Any, jobs: Any, more_findings: Any, prefer: Any, add_suppressions: Any, force_exclude: Any, isolated: Any, stdin: Any, colour: Any, cache: Any, progress: Any) -> None:
        self.paths = paths; self.cwd = f_cwd() if cwd is MISSING else cwd; self.output_format = output_format; self.select = select; self.ignore = ignore; self.exclude = exclude; self.scopes = scopes; self.config = config; self.fix = fix; self.unsafe_fixes = unsafe_fixes; self.diff = diff; self.since = since; self.baseline = baseline; self.write_baseline = write_baseline; self.jobs = jobs; self.more_findings = more_findings; self.prefer = prefer; self.add_suppressions = add_suppressions; self.force_exclude = force_exclude; self.isolated = isolated; self.stdin = stdin; self.colour = colour; self.cache = cache; self.progress = progress
    return __init__

def _config_loading__RawConfig(MISSING: Any, factories: tuple[Any, ...], setters: tuple[Any, ...]) -> Any:
    s_data, s_key_prefix, = setters
    def __init__(self: Any, data: Any, key_prefix: Any) -> None:
        s_data(self, data); s_key_prefix(self, key_prefix)
    return __init__

def _config_loading__Settings(MISSING: Any, factories: tuple[Any, ...], setters: tuple[Any, ...]) -> Any:
    f_per_path_ignores, f_sites, = factories
    setter = object.__setattr__
    def __init__(self: Any, select: Any, ignore: Any, exclude: Any, per_path_ignores: Any, sites: Any, scopes: Any, config_path: Any, tokens: Any) -> None:
        setter(self, 'select', select); setter(self, 'ignore', ignore); setter(self, 'exclude', exclude); setter(self, 'per_path_ignores', f_per_path_ignores() if per_path_ignores is MISSING else per_path_ignores); setter(self, 'sites', f_sites() if sites is MISSING else sites); setter(self, 'scopes', scopes); setter(self, 'config_path', config_path); setter(self, 'tokens', tokens)
    return __init__

def _config_loading__TokenSettings(MISSING: Any, factories: tuple[Any, ...], setters: tuple[Any, ...]) -> Any:
    s_name, s_paths, s_scopes, = setters
    def __init__(self: Any, name: Any, paths: Any, scopes: Any) -> None:
        s_name(self, name); s_paths(self, paths); s_scopes(self, scopes)
    return __init__

def _kb_forge__ApiRow(MISSING: Any, factories: tuple[Any, ...], setters: tuple[Any, ...]) -> Any:
    s_key, s_kind, s_title, s_modules, s_names, s_alternatives, s_by_product, s_operations, s_source, = setters
    def __init__(self: Any, key: Any, kind: Any, title: Any, modules: Any, names: Any, alternatives: Any, by_product: Any, operations: Any, source: Any) -> None:
        s_key(self, key); s_kind(self, kind); s_title(self, title); s_modules(self, modules); s_names(self, names); s_alternatives(self, alternatives); s_by_product(self, by_product); s_operations(self, operations); s_source(self, source)
    return __init__

def _kb_forge__ForgeTable(MISSING: Any, factories: tuple[Any, ...], setters: tuple[Any, ...]) -> Any:
    s_apis, s_product_calls, s_frontend_modules, s_image_elements, s_always_allowed_images, s_egress_source, s_images_source, = setters
    def __init__(self: Any, apis: Any, product_calls: Any, frontend_modules: Any, image_elements: Any, always_allowed_images: Any, egress_source: Any, images_source: Any) -> None:
        s_apis(self, apis); s_product_calls(self, product_calls); s_frontend_modules(self, frontend_modules); s_image_elements(self, image_elements); s_always_allowed_images(self, always_allowed_images); s_egress_source(self, egress_source); s_images_source(self, images_source)
    return __init__

def _kb_table__DocumentInfo(MISSING: Any, factories: tuple[Any, ...], setters: tuple[Any, ...]) -> Any:
    s_key, s_title, s_product, s_version, s_sha256, s_source, s_base_path, s_operations, s_validation_errors, s_date, s_status, s_of, s_note, = setters
    def __init__(self: Any, key: Any, title: Any, product: Any, version: Any, sha256: Any, source: Any, base_path: Any, operations: Any, validation_errors: Any, date: Any, status: Any, of: Any, note: Any) -> None:
        s_key(self, key); s_title(self, title); s_product(self, product); s_version(self, version); s_sha256(self, sha256); s_source(self, source); s_base_path(self, base_path); s_operations(self, operations); s_validation_errors(self, validation_errors); s_date(self, date); s_status(self, status); s_of(self, of); s_note(self, note)
    return __init__

def _model__Alternative(MISSING: Any, factories: tuple[Any, ...], setters: tuple[Any, ...]) -> Any:
    s_kind, s_state, s_scopes, = setters
    def __init__(self: Any, kind: Any, state: Any, scopes: Any) -> None:
        s_kind(self, kind); s_state(self, state); s_scopes(self, scopes)
    return __init__

def _model__CallSite(MISSING: Any, factories: tuple[Any, ...], setters: tuple[Any, ...]) -> Any:
    s_location, s_url, s_method, s_kind, s_extractor, s_forge_product, s_via, s_related, s_resolved, s_method_source, s_unresolved, s_sdk, = setters
    def __init__(self: Any, location: Any, url: Any, method: Any, kind: Any, extractor: Any, forge_product: Any, via: Any, related: Any, resolved: Any, method_source: Any, unresolved: Any, sdk: Any) -> None:
        s_location(self, location); s_url(self, url); s_method(self, method); s_kind(self, kind); s_extractor(self, extractor); s_forge_product(self, forge_product); s_via(self, via); s_related(self, related); s_resolved(self, resolved); s_method_source(self, method_source); s_unresolved(self, unresolved); s_sdk(self, sdk)
    return __init__

def _model__Edit(MISSING: Any, factories: tuple[Any, ...], setters: tuple[Any, ...]) -> Any:
    s_path, s_line, s_column, s_end_line, s_end_column, s_text, = setters
    def __init__(self: Any, path: Any, line: Any, column: Any, end_line: Any, end_column: Any, text: Any) -> None:
        s_path(self, path); s_line(self, line); s_column(self, column); s_end_line(self, end_line); s_end_column(self, end_column); s_text(self, text)
    return __init__

def _model__FileScan(MISSING: Any, factories: tuple[Any, ...], setters: tuple[Any, ...]) -> Any:
    f_calls, f_declarations, f_secrets, f_suppressions, f_warnings, f_unreadable, f_platform_uses, f_forge_apps, = factories
    def __init__(self: Any, path: Any, calls: Any, declarations: Any, secrets: Any, suppressions: Any, warnings: Any, unreadable: Any, summary: Any, platform_uses: Any, forge_apps: Any, skipped: Any) -> None:
        self.path = path; self.calls = f_calls() if calls is MISSING else calls; self.declarations = f_declarations() if declarations is MISSING else declarations; self.secrets = f_secrets() if secrets is MISSING else secrets; self.suppressions = f_suppressions() if suppressions is MISSING else suppressions; self.warnings = f_warnings() if warnings is MISSING else warnings; self.unreadable = f_unreadable() if unreadable is MISSING else unreadable; self.summary = summary; self.platform_uses = f_platform_uses() if platform_uses is MISSING else platform_uses; self.forge_apps = f_forge_apps() if forge_apps is MISSING else forge_apps; self.skipped = skipped
    return __init__

def _model__Finding(MISSING: Any, factories: tuple[Any, ...], setters: tuple[Any, ...]) -> Any:
    s_code, s_name, s_severity, s_location, s_message, s_endpoint, s_missing_scopes, s_unused_scopes, s_identity, s_fix, s_related, = setters
    def __init__(self: Any, code: Any, name: Any, severity: Any, location: Any, message: Any, endpoint: Any, missing_scopes: Any, unused_scopes: Any, identity: Any, fix: Any, related: Any) -> None:
        s_code(self, code); s_name(self, name); s_severity(self, severity); s_location(self, location); s_message(self, message); s_endpoint(self, endpoint); s_missing_scopes(self, missing_scopes); s_unused_scopes(self, unused_scopes); s_identity(self, identity); s_fix(self, fix); s_related(self, related)
    return __init__

def _model__Fix(MISSING: Any, factories: tuple[Any, ...], setters: tuple[Any, ...]) -> Any:
    s_description, s_safe, s_edits, s_target, s_add_scopes, s_remove_scopes, s_add_entries, s_remove_entries, = setters
    def __init__(self: Any, description: Any, safe: Any, edits: Any, target: Any, add_scopes: Any, remove_scopes: Any, add_entries: Any, remove_entries: Any) -> None:
        s_description(self, description); s_safe(self, safe); s_edits(self, edits); s_target(self, target); s_add_scopes(self, add_scopes); s_remove_scopes(self, remove_scopes); s_add_entries(self, add_entries); s_remove_entries(self, remove_entries)
    return __init__

def _model__ForgeApp(MISSING: Any, factories: tuple[Any, ...], setters: tuple[Any, ...]) -> Any:
    f_scope_lines, f_lines, = factories
    s_path, s_root, s_scopes, s_scope_lines, s_fetch_backend, s_fetch_client, s_images, s_remotes, s_resources, s_products, s_lines, s_problems, s_scopes_readable, = setters
    def __init__(self: Any, path: Any, root: Any, scopes: Any, scope_lines: Any, fetch_backend: Any, fetch_client: Any, images: Any, remotes: Any, resources: Any, products: Any, lines: Any, problems: Any, scopes_readable: Any) -> None:
        s_path(self, path); s_root(self, root); s_scopes(self, scopes); s_scope_lines(self, f_scope_lines() if scope_lines is MISSING else scope_lines); s_fetch_backend(self, fetch_backend); s_fetch_client(self, fetch_client); s_images(self, images); s_remotes(self, remotes); s_resources(self, resources); s_products(self, products); s_lines(self, f_lines() if lines is MISSING else lines); s_problems(self, problems); s_scopes_readable(self, scopes_readable)
    return __init__

def _model__LintResult(MISSING: Any, factories: tuple[Any, ...], setters: tuple[Any, ...]) -> Any:
    f_warnings, f_stale_baseline, f_scanned_paths, f_notes, f_skipped, = factories
    def __init__(self: Any, findings: Any, files_scanned: Any, calls_found: Any, warnings: Any, fixed: Any, stale_baseline: Any, root: Any, tool_version: Any, kb_version: Any, scanned_paths: Any, calls_unresolved: Any, notes: Any, fix_mode: Any, unsafe_fixes: Any, skipped: Any) -> None:
        self.findings = findings; self.files_scanned = files_scanned; self.calls_found = calls_found; self.warnings = f_warnings() if warnings is MISSING else warnings; self.fixed = fixed; self.stale_baseline = f_stale_baseline() if stale_baseline is MISSING else stale_baseline; self.root = root; self.tool_version = tool_version; self.kb_version = kb_version; self.scanned_paths = f_scanned_paths() if scanned_paths is MISSING else scanned_paths; self.calls_unresolved = calls_unresolved; self.notes = f_notes() if notes is MISSING else notes; self.fix_mode = fix_mode; self.unsafe_fixes = unsafe_fixes; self.skipped = f_skipped() if skipped is MISSING else skipped
    return __init__

def _model__Location(MISSING: Any, factories: tuple[Any, ...], setters: tuple[Any, ...]) -> Any:
    s_path, s_line, s_column, s_end_line, s_end_column, = setters
    def __init__(self: Any, path: Any, line: Any, column: Any, end_line: Any, end_column: Any) -> None:
        s_path(self, path); s_line(self, line); s_column(self, column); s_end_line(self, end_line); s_end_column(self, end_column)
    return __init__

def _model__ManifestEntry(MISSING: Any, factories: tuple[Any, ...], setters: tuple[Any, ...]) -> Any:
    s_value, s_line, s_remote, s_operations, = setters
    def __init__(self: Any, value: Any, line: Any, remote: Any, operations: Any) -> None:
        s_value(self, value); s_line(self, line); s_remote(self, remote); s_operations(self, operations)
    return __init__

def _model__Observation(MISSING: Any, factories: tuple[Any, ...], setters: tuple[Any, ...]) -> Any:
    s_requests, s_refused, s_status, s_message, s_because, s_certain, = setters
    def __init__(self: Any, requests: Any, refused: Any, status: Any, message: Any, because: Any, certain: Any) -> None:
        s_requests(self, requests); s_refused(self, refused); s_status(self, status); s_message(self, message); s_because(self, because); s_certain(self, certain)
    return __init__

def _model__Operation(MISSING: Any, factories: tuple[Any, ...], setters: tuple[Any, ...]) -> Any:
    s_product, s_method, s_path, s_operation_id, s_deprecated, s_connect_scope, s_alternatives, s_document, = setters
    def __init__(self: Any, product: Any, method: Any, path: Any, operation_id: Any, deprecated: Any, connect_scope: Any, alternatives: Any, document: Any) -> None:
        s_product(self, product); s_method(self, method); s_path(self, path); s_operation_id(self, operation_id); s_deprecated(self, deprecated); s_connect_scope(self, connect_scope); s_alternatives(self, alternatives); s_document(self, document)
    return __init__

def _model__PlatformUse(MISSING: Any, factories: tuple[Any, ...], setters: tuple[Any, ...]) -> Any:
    s_location, s_kind, s_api, s_target, s_side, s_name, = setters
    def __init__(self: Any, location: Any, kind: Any, api: Any, target: Any, side: Any, name: Any) -> None:
        s_location(self, location); s_kind(self, kind); s_api(self, api); s_target(self, target); s_side(self, side); s_name(self, name)
    return __init__

def _model__Removal(MISSING: Any, factories: tuple[Any, ...], setters: tuple[Any, ...]) -> Any:
    s_method, s_path, s_removed_on, s_replacement, s_notice, s_dropped_from, s_last_seen, s_last_version, s_source, = setters
    def __init__(self: Any, method: Any, path: Any, removed_on: Any, replacement: Any, notice: Any, dropped_from: Any, last_seen: Any, last_version: Any, source: Any) -> None:
        s_method(self, method); s_path(self, path); s_removed_on(self, removed_on); s_replacement(self, replacement); s_notice(self, notice); s_dropped_from(self, dropped_from); s_last_seen(self, last_seen); s_last_version(self, last_version); s_source(self, source)
    return __init__

def _model__Resolution(MISSING: Any, factories: tuple[Any, ...], setters: tuple[Any, ...]) -> Any:
    s_method, s_url, s_path, s_host_kind, s_host, s_gateway_product, s_product, s_operation, s_candidates, = setters
    def __init__(self: Any, method: Any, url: Any, path: Any, host_kind: Any, host: Any, gateway_product: Any, product: Any, operation: Any, candidates: Any) -> None:
        s_method(self, method); s_url(self, url); s_path(self, path); s_host_kind(self, host_kind); s_host(self, host); s_gateway_product(self, gateway_product); s_product(self, product); s_operation(self, operation); s_candidates(self, candidates)
    return __init__

def _model__ScopeDeclaration(MISSING: Any, factories: tuple[Any, ...], setters: tuple[Any, ...]) -> Any:
    f_scope_lines, = factories
    s_source, s_location, s_root, s_scopes, s_scope_lines, s_paths, s_kind, s_via, s_partial, s_parts, = setters
    def __init__(self: Any, source: Any, location: Any, root: Any, scopes: Any, scope_lines: Any, paths: Any, kind: Any, via: Any, partial: Any, parts: Any) -> None:
        s_source(self, source); s_location(self, location); s_root(self, root); s_scopes(self, scopes); s_scope_lines(self, f_scope_lines() if scope_lines is MISSING else scope_lines); s_paths(self, paths); s_kind(self, kind); s_via(self, via); s_partial(self, partial); s_parts(self, parts)
    return __init__

def _model__SecretHit(MISSING: Any, factories: tuple[Any, ...], setters: tuple[Any, ...]) -> Any:
    s_location, s_kind, s_redacted, = setters
    def __init__(self: Any, location: Any, kind: Any, redacted: Any) -> None:
        s_location(self, location); s_kind(self, kind); s_redacted(self, redacted)
    return __init__

def _model__Suppression(MISSING: Any, factories: tuple[Any, ...], setters: tuple[Any, ...]) -> Any:
    s_line, s_codes, s_whole_file, s_own_line, s_column, s_end_column, = setters
    def __init__(self: Any, line: Any, codes: Any, whole_file: Any, own_line: Any, column: Any, end_column: Any) -> None:
        s_line(self, line); s_codes(self, codes); s_whole_file(self, whole_file); s_own_line(self, own_line); s_column(self, column); s_end_column(self, end_column)
    return __init__

def _model__UnreadableDeclaration(MISSING: Any, factories: tuple[Any, ...], setters: tuple[Any, ...]) -> Any:
    s_location, s_kind, s_reason, = setters
    def __init__(self: Any, location: Any, kind: Any, reason: Any) -> None:
        s_location(self, location); s_kind(self, kind); s_reason(self, reason)
    return __init__

def _rules_base__RuleInfo(MISSING: Any, factories: tuple[Any, ...], setters: tuple[Any, ...]) -> Any:
    s_code, s_name, s_severity, s_summary, s_explanation, s_bad_example, s_good_example, s_what_it_does, s_fix, s_fix_safety, s_fix_notes, s_options, s_references, s_needs_whole_tree, = setters
    def __init__(self: Any, code: Any, name: Any, severity: Any, summary: Any, explanation: Any, bad_example: Any, good_example: Any, what_it_does: Any, fix: Any, fix_safety: Any, fix_notes: Any, options: Any, references: Any, needs_whole_tree: Any) -> None:
        s_code(self, code); s_name(self, name); s_severity(self, severity); s_summary(self, summary); s_explanation(self, explanation); s_bad_example(self, bad_example); s_good_example(self, good_example); s_what_it_does(self, what_it_does); s_fix(self, fix); s_fix_safety(self, fix_safety); s_fix_notes(self, fix_notes); s_options(self, options); s_references(self, references); s_needs_whole_tree(self, needs_whole_tree); self.__post_init__()
    return __init__

def _rules_context__ResolvedCall(MISSING: Any, factories: tuple[Any, ...], setters: tuple[Any, ...]) -> Any:
    s_call, s_resolution, s_declaration, s_observation, = setters
    def __init__(self: Any, call: Any, resolution: Any, declaration: Any, observation: Any) -> None:
        s_call(self, call); s_resolution(self, resolution); s_declaration(self, declaration); s_observation(self, observation)
    return __init__

def _rules_context__RuleContext(MISSING: Any, factories: tuple[Any, ...], setters: tuple[Any, ...]) -> Any:
    f_settings, f_unreadable, f_notes, f_forge_apps, f_platform_uses, f_suppressions, f_suppression_use, = factories
    def __init__(self: Any, kb: Any, calls: Any, declarations: Any, secrets: Any, settings: Any, unreadable: Any, fully_scanned: Any, line_text: Any, notes: Any, forge_apps: Any, platform_uses: Any, declaration_for: Any, incomplete_files: Any, prefer: Any, suppressions: Any, suppression_use: Any, judgeable: Any) -> None:
        self.kb = kb; self.calls = calls; self.declarations = declarations; self.secrets = secrets; self.settings = f_settings() if settings is MISSING else settings; self.unreadable = f_unreadable() if unreadable is MISSING else unreadable; self.fully_scanned = fully_scanned; self.line_text = line_text; self.notes = f_notes() if notes is MISSING else notes; self.forge_apps = f_forge_apps() if forge_apps is MISSING else forge_apps; self.platform_uses = f_platform_uses() if platform_uses is MISSING else platform_uses; self.declaration_for = declaration_for; self.incomplete_files = incomplete_files; self.prefer = prefer; self.suppressions = f_suppressions() if suppressions is MISSING else suppressions; self.suppression_use = f_suppression_use() if suppression_use is MISSING else suppression_use; self.judgeable = judgeable
    return __init__

def _rules_coverage__Coverage(MISSING: Any, factories: tuple[Any, ...], setters: tuple[Any, ...]) -> Any:
    s_covered, s_closest, s_missing, s_others, = setters
    def __init__(self: Any, covered: Any, closest: Any, missing: Any, others: Any) -> None:
        s_covered(self, covered); s_closest(self, closest); s_missing(self, missing); s_others(self, others)
    return __init__

def _rules_site_literals__SiteLiteral(MISSING: Any, factories: tuple[Any, ...], setters: tuple[Any, ...]) -> Any:
    s_location, s_line_text, s_host_start, s_host, s_scheme_start, s_prefix_end, s_url, = setters
    def __init__(self: Any, location: Any, line_text: Any, host_start: Any, host: Any, scheme_start: Any, prefix_end: Any, url: Any) -> None:
        s_location(self, location); s_line_text(self, line_text); s_host_start(self, host_start); s_host(self, host); s_scheme_start(self, scheme_start); s_prefix_end(self, prefix_end); s_url(self, url)
    return __init__

def _rules_sl001_hardcoded_site_url___Group(MISSING: Any, factories: tuple[Any, ...], setters: tuple[Any, ...]) -> Any:
    f_sites, = factories
    def __init__(self: Any, literal: Any, sites: Any) -> None:
        self.literal = literal; self.sites = f_sites() if sites is MISSING else sites
    return __init__

def _rules__Rule(MISSING: Any, factories: tuple[Any, ...], setters: tuple[Any, ...]) -> Any:
    s_info, s_check, s_after_suppressions, = setters
    def __init__(self: Any, info: Any, check: Any, after_suppressions: Any) -> None:
        s_info(self, info); s_check(self, check); s_after_suppressions(self, after_suppressions)
    return __init__

def _scanning_declarations_scopelint_config___Entry(MISSING: Any, factories: tuple[Any, ...], setters: tuple[Any, ...]) -> Any:
    s_scopes, s_scope_lines, s_location, s_paths, = setters
    def __init__(self: Any, scopes: Any, scope_lines: Any, location: Any, paths: Any) -> None:
        s_scopes(self, scopes); s_scope_lines(self, scope_lines); s_location(self, location); s_paths(self, paths)
    return __init__

def _scanning_declarations_scopelint_config___Section(MISSING: Any, factories: tuple[Any, ...], setters: tuple[Any, ...]) -> Any:
    s_name, s_array, s_start, s_body, s_end, = setters
    def __init__(self: Any, name: Any, array: Any, start: Any, body: Any, end: Any) -> None:
        s_name(self, name); s_array(self, array); s_start(self, start); s_body(self, body); s_end(self, end)
    return __init__

def _scanning_scan__KeyedScan(MISSING: Any, factories: tuple[Any, ...], setters: tuple[Any, ...]) -> Any:
    f_facts, = factories
    def __init__(self: Any, scan: Any, size: Any, mtime_ns: Any, digest: Any, facts: Any, ctime_ns: Any, inode: Any) -> None:
        self.scan = scan; self.size = size; self.mtime_ns = mtime_ns; self.digest = digest; self.facts = f_facts() if facts is MISSING else facts; self.ctime_ns = ctime_ns; self.inode = inode
    return __init__

def _scanning_source__SourceFile(MISSING: Any, factories: tuple[Any, ...], setters: tuple[Any, ...]) -> Any:
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
    'config.loading:RawConfig': ('frozen slots data, key_prefix', _config_loading__RawConfig),
    'config.loading:Settings': ('frozen select=, ignore=, exclude=, per_path_ignores(), sites(), scopes=, config_path=, tokens=', _config_loading__Settings),
    'config.loading:TokenSettings': ('frozen slots name, paths, scopes', _config_loading__TokenSettings),
    'kb.forge:ApiRow': ('frozen slots key, kind, title, modules, names, alternatives, by_product, operations, source', _kb_forge__ApiRow),
    'kb.forge:ForgeTable': ('frozen slots apis, product_calls, frontend_modules, image_elements, always_allowed_images, egress_source, images_source', _kb_forge__ForgeTable),
    'kb.table:DocumentInfo': ('frozen slots key, title, product, version, sha256, source, base_path, operations, validation_errors, date=, status=, of=, note=', _kb_table__DocumentInfo),
    'model:Alternative': ('frozen slots kind, state, scopes', _model__Alternative),
    'model:CallSite': ('frozen slots location, url, method, kind=, extractor=, forge_product=, via=, related=, resolved=, method_source=, unresolved=, sdk=', _model__CallSite),
    'model:Edit': ('frozen slots path, line, column, end_line, end_column, text', _model__Edit),
    'model:FileScan': ('path, calls(), declarations(), secrets(), suppressions(), warnings(), unreadable(), summary=, platform_uses(), forge_apps(), skipped=', _model__FileScan),
    'model:Finding': ('frozen slots code, name, severity, location, message, endpoint=, missing_scopes=, unused_scopes=, identity=, fix=, related=', _model__Finding),
    'model:Fix': ('frozen slots description, safe, edits=, target=, add_scopes=, remove_scopes=, add_entries=, remove_entries=', _model__Fix),
    'model:ForgeApp': ('frozen slots path, root, scopes=, scope_lines(), fetch_backend=, fetch_client=, images=, remotes=, resources=, products=, lines(), problems=, scopes_readable=', _model__ForgeApp),
    'model:LintResult': ('findings, files_scanned=, calls_found=, warnings(), fixed=, stale_baseline(), root=, tool_version=, kb_version=, scanned_paths(), calls_unresolved=, notes(), fix_mode=, unsafe_fixes=, skipped()', _model__LintResult),
    'model:Location': ('frozen slots path, line, column, end_line=, end_column=', _model__Location),
    'model:ManifestEntry': ('frozen slots value, line, remote=, operations=', _model__ManifestEntry),
    'model:Observation': ('frozen slots requests, refused=, status=, message=, because=, certain=', _model__Observation),
    'model:Operation': ('frozen slots product, method, path, operation_id, deprecated, connect_scope, alternatives, document', _model__Operation),
    'model:PlatformUse': ('frozen slots location, kind, api, target=, side=, name=', _model__PlatformUse),
    'model:Removal': ('frozen slots method, path, removed_on, replacement, notice, dropped_from=, last_seen=, last_version=, source=', _model__Removal),
    'model:Resolution': ('frozen slots method, url, path, host_kind, host, gateway_product, product, operation, candidates=', _model__Resolution),
    'model:ScopeDeclaration': ('frozen slots source, location, root, scopes, scope_lines(), paths=, kind=, via=, partial=, parts=', _model__ScopeDeclaration),
    'model:SecretHit': ('frozen slots location, kind, redacted', _model__SecretHit),
    'model:Suppression': ('frozen slots line, codes, whole_file=, own_line=, column=, end_column=', _model__Suppression),
    'model:UnreadableDeclaration': ('frozen slots location, kind, reason', _model__UnreadableDeclaration),
    'rules.base:RuleInfo': ('frozen slots post_init code, name, severity, summary, explanation, bad_example=, good_example=, what_it_does=, fix=, fix_safety=, fix_notes=, options=, references=, needs_whole_tree=', _rules_base__RuleInfo),
    'rules.context:ResolvedCall': ('frozen slots call, resolution, declaration, observation=', _rules_context__ResolvedCall),
    'rules.context:RuleContext': ('kb, calls, declarations, secrets, settings(), unreadable(), fully_scanned=, line_text=, notes(), forge_apps(), platform_uses(), declaration_for=, incomplete_files=, prefer=, suppressions(), suppression_use(), judgeable=', _rules_context__RuleContext),
    'rules.coverage:Coverage': ('frozen slots covered, closest, missing, others', _rules_coverage__Coverage),
    'rules.site_literals:SiteLiteral': ('frozen slots location, line_text, host_start, host, scheme_start, prefix_end, url', _rules_site_literals__SiteLiteral),
    'rules.sl001_hardcoded_site_url:_Group': ('literal, sites()', _rules_sl001_hardcoded_site_url___Group),
    'rules:Rule': ('frozen slots info, check, after_suppressions=', _rules__Rule),
    'scanning.declarations.scopelint_config:_Entry': ('frozen slots scopes, scope_lines, location, paths=', _scanning_declarations_scopelint_config___Entry),
    'scanning.declarations.scopelint_config:_Section': ('frozen slots name, array, start, body, end', _scanning_declarations_scopelint_config___Section),
    'scanning.scan:KeyedScan': ('scan, size=, mtime_ns=, digest=, facts(), ctime_ns=, inode=', _scanning_scan__KeyedScan),
    'scanning.source:SourceFile': ('path, display, text, forge_app=, _line_starts(), _bytes=', _scanning_source__SourceFile),
}
