"""The ``__init__`` of every data class of scopelint (:mod:`scopelint.common.records`).

Written by ``make records`` (scripts/record_inits.py) from the classes' fields: do not edit.
A class missing here, or written for other fields, still works (with a slower ``__init__``
that binds its arguments itself); tests/common/test_records.py fails until this is rewritten.
Each maker is called with ``MISSING`` and the fields' default factories (in field order) and
returns the class's ``__init__``; its defaults are set by the decorator.
"""

# ruff: noqa: E501

from __future__ import annotations

from typing import Any


def _model__Alternative(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    setter = object.__setattr__

    def __init__(self: Any, kind: Any, state: Any, scopes: Any) -> None:
        setter(self, 'kind', kind)
        setter(self, 'state', state)
        setter(self, 'scopes', scopes)

    return __init__


def _model__CallSite(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    setter = object.__setattr__

    def __init__(self: Any, location: Any, url: Any, method: Any, kind: Any, extractor: Any, forge_product: Any, via: Any, related: Any, resolved: Any, method_source: Any, unresolved: Any, sdk: Any) -> None:
        setter(self, 'location', location)
        setter(self, 'url', url)
        setter(self, 'method', method)
        setter(self, 'kind', kind)
        setter(self, 'extractor', extractor)
        setter(self, 'forge_product', forge_product)
        setter(self, 'via', via)
        setter(self, 'related', related)
        setter(self, 'resolved', resolved)
        setter(self, 'method_source', method_source)
        setter(self, 'unresolved', unresolved)
        setter(self, 'sdk', sdk)

    return __init__


def _model__Edit(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    setter = object.__setattr__

    def __init__(self: Any, path: Any, line: Any, column: Any, end_line: Any, end_column: Any, text: Any) -> None:
        setter(self, 'path', path)
        setter(self, 'line', line)
        setter(self, 'column', column)
        setter(self, 'end_line', end_line)
        setter(self, 'end_column', end_column)
        setter(self, 'text', text)

    return __init__


def _model__FileScan(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    f_calls, f_declarations, f_secrets, f_suppressions, f_warnings, f_unreadable, f_platform_uses, f_forge_apps, = factories

    def __init__(self: Any, path: Any, calls: Any, declarations: Any, secrets: Any, suppressions: Any, warnings: Any, unreadable: Any, summary: Any, platform_uses: Any, forge_apps: Any, skipped: Any) -> None:
        self.path = path
        self.calls = f_calls() if calls is MISSING else calls
        self.declarations = f_declarations() if declarations is MISSING else declarations
        self.secrets = f_secrets() if secrets is MISSING else secrets
        self.suppressions = f_suppressions() if suppressions is MISSING else suppressions
        self.warnings = f_warnings() if warnings is MISSING else warnings
        self.unreadable = f_unreadable() if unreadable is MISSING else unreadable
        self.summary = summary
        self.platform_uses = f_platform_uses() if platform_uses is MISSING else platform_uses
        self.forge_apps = f_forge_apps() if forge_apps is MISSING else forge_apps
        self.skipped = skipped

    return __init__


def _model__Finding(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    setter = object.__setattr__

    def __init__(self: Any, code: Any, name: Any, severity: Any, location: Any, message: Any, endpoint: Any, missing_scopes: Any, unused_scopes: Any, identity: Any, fix: Any, related: Any) -> None:
        setter(self, 'code', code)
        setter(self, 'name', name)
        setter(self, 'severity', severity)
        setter(self, 'location', location)
        setter(self, 'message', message)
        setter(self, 'endpoint', endpoint)
        setter(self, 'missing_scopes', missing_scopes)
        setter(self, 'unused_scopes', unused_scopes)
        setter(self, 'identity', identity)
        setter(self, 'fix', fix)
        setter(self, 'related', related)

    return __init__


def _model__Fix(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    setter = object.__setattr__

    def __init__(self: Any, description: Any, safe: Any, edits: Any, target: Any, add_scopes: Any, remove_scopes: Any, add_entries: Any, remove_entries: Any) -> None:
        setter(self, 'description', description)
        setter(self, 'safe', safe)
        setter(self, 'edits', edits)
        setter(self, 'target', target)
        setter(self, 'add_scopes', add_scopes)
        setter(self, 'remove_scopes', remove_scopes)
        setter(self, 'add_entries', add_entries)
        setter(self, 'remove_entries', remove_entries)

    return __init__


def _model__ForgeApp(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    f_scope_lines, f_lines, = factories
    setter = object.__setattr__

    def __init__(self: Any, path: Any, root: Any, scopes: Any, scope_lines: Any, fetch_backend: Any, fetch_client: Any, images: Any, remotes: Any, resources: Any, products: Any, lines: Any, problems: Any, scopes_readable: Any) -> None:
        setter(self, 'path', path)
        setter(self, 'root', root)
        setter(self, 'scopes', scopes)
        setter(self, 'scope_lines', f_scope_lines() if scope_lines is MISSING else scope_lines)
        setter(self, 'fetch_backend', fetch_backend)
        setter(self, 'fetch_client', fetch_client)
        setter(self, 'images', images)
        setter(self, 'remotes', remotes)
        setter(self, 'resources', resources)
        setter(self, 'products', products)
        setter(self, 'lines', f_lines() if lines is MISSING else lines)
        setter(self, 'problems', problems)
        setter(self, 'scopes_readable', scopes_readable)

    return __init__


def _model__LintResult(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    f_warnings, f_stale_baseline, f_scanned_paths, f_notes, f_skipped, = factories

    def __init__(self: Any, findings: Any, files_scanned: Any, calls_found: Any, warnings: Any, fixed: Any, stale_baseline: Any, root: Any, tool_version: Any, kb_version: Any, scanned_paths: Any, calls_unresolved: Any, notes: Any, fix_mode: Any, unsafe_fixes: Any, skipped: Any) -> None:
        self.findings = findings
        self.files_scanned = files_scanned
        self.calls_found = calls_found
        self.warnings = f_warnings() if warnings is MISSING else warnings
        self.fixed = fixed
        self.stale_baseline = f_stale_baseline() if stale_baseline is MISSING else stale_baseline
        self.root = root
        self.tool_version = tool_version
        self.kb_version = kb_version
        self.scanned_paths = f_scanned_paths() if scanned_paths is MISSING else scanned_paths
        self.calls_unresolved = calls_unresolved
        self.notes = f_notes() if notes is MISSING else notes
        self.fix_mode = fix_mode
        self.unsafe_fixes = unsafe_fixes
        self.skipped = f_skipped() if skipped is MISSING else skipped

    return __init__


def _model__Location(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    setter = object.__setattr__

    def __init__(self: Any, path: Any, line: Any, column: Any, end_line: Any, end_column: Any) -> None:
        setter(self, 'path', path)
        setter(self, 'line', line)
        setter(self, 'column', column)
        setter(self, 'end_line', end_line)
        setter(self, 'end_column', end_column)

    return __init__


def _model__ManifestEntry(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    setter = object.__setattr__

    def __init__(self: Any, value: Any, line: Any, remote: Any, operations: Any) -> None:
        setter(self, 'value', value)
        setter(self, 'line', line)
        setter(self, 'remote', remote)
        setter(self, 'operations', operations)

    return __init__


def _model__Observation(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    setter = object.__setattr__

    def __init__(self: Any, requests: Any, refused: Any, status: Any, message: Any, because: Any, certain: Any) -> None:
        setter(self, 'requests', requests)
        setter(self, 'refused', refused)
        setter(self, 'status', status)
        setter(self, 'message', message)
        setter(self, 'because', because)
        setter(self, 'certain', certain)

    return __init__


def _model__Operation(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    setter = object.__setattr__

    def __init__(self: Any, product: Any, method: Any, path: Any, operation_id: Any, deprecated: Any, connect_scope: Any, alternatives: Any, document: Any) -> None:
        setter(self, 'product', product)
        setter(self, 'method', method)
        setter(self, 'path', path)
        setter(self, 'operation_id', operation_id)
        setter(self, 'deprecated', deprecated)
        setter(self, 'connect_scope', connect_scope)
        setter(self, 'alternatives', alternatives)
        setter(self, 'document', document)

    return __init__


def _model__PlatformUse(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    setter = object.__setattr__

    def __init__(self: Any, location: Any, kind: Any, api: Any, target: Any, side: Any, name: Any) -> None:
        setter(self, 'location', location)
        setter(self, 'kind', kind)
        setter(self, 'api', api)
        setter(self, 'target', target)
        setter(self, 'side', side)
        setter(self, 'name', name)

    return __init__


def _model__Removal(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    setter = object.__setattr__

    def __init__(self: Any, method: Any, path: Any, removed_on: Any, replacement: Any, notice: Any, dropped_from: Any, last_seen: Any, last_version: Any, source: Any) -> None:
        setter(self, 'method', method)
        setter(self, 'path', path)
        setter(self, 'removed_on', removed_on)
        setter(self, 'replacement', replacement)
        setter(self, 'notice', notice)
        setter(self, 'dropped_from', dropped_from)
        setter(self, 'last_seen', last_seen)
        setter(self, 'last_version', last_version)
        setter(self, 'source', source)

    return __init__


def _model__Resolution(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    setter = object.__setattr__

    def __init__(self: Any, method: Any, url: Any, path: Any, host_kind: Any, host: Any, gateway_product: Any, product: Any, operation: Any, candidates: Any) -> None:
        setter(self, 'method', method)
        setter(self, 'url', url)
        setter(self, 'path', path)
        setter(self, 'host_kind', host_kind)
        setter(self, 'host', host)
        setter(self, 'gateway_product', gateway_product)
        setter(self, 'product', product)
        setter(self, 'operation', operation)
        setter(self, 'candidates', candidates)

    return __init__


def _model__ScopeDeclaration(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    f_scope_lines, = factories
    setter = object.__setattr__

    def __init__(self: Any, source: Any, location: Any, root: Any, scopes: Any, scope_lines: Any, paths: Any, kind: Any, via: Any, partial: Any, parts: Any) -> None:
        setter(self, 'source', source)
        setter(self, 'location', location)
        setter(self, 'root', root)
        setter(self, 'scopes', scopes)
        setter(self, 'scope_lines', f_scope_lines() if scope_lines is MISSING else scope_lines)
        setter(self, 'paths', paths)
        setter(self, 'kind', kind)
        setter(self, 'via', via)
        setter(self, 'partial', partial)
        setter(self, 'parts', parts)

    return __init__


def _model__SecretHit(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    setter = object.__setattr__

    def __init__(self: Any, location: Any, kind: Any, redacted: Any) -> None:
        setter(self, 'location', location)
        setter(self, 'kind', kind)
        setter(self, 'redacted', redacted)

    return __init__


def _model__Suppression(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    setter = object.__setattr__

    def __init__(self: Any, line: Any, codes: Any, whole_file: Any, own_line: Any, column: Any, end_column: Any) -> None:
        setter(self, 'line', line)
        setter(self, 'codes', codes)
        setter(self, 'whole_file', whole_file)
        setter(self, 'own_line', own_line)
        setter(self, 'column', column)
        setter(self, 'end_column', end_column)

    return __init__


def _model__UnreadableDeclaration(MISSING: Any, factories: tuple[Any, ...]) -> Any:
    setter = object.__setattr__

    def __init__(self: Any, location: Any, kind: Any, reason: Any) -> None:
        setter(self, 'location', location)
        setter(self, 'kind', kind)
        setter(self, 'reason', reason)

    return __init__


# class (module without 'scopelint.', qualified name) -> (its fields' shape, maker)
INITS: dict[str, tuple[str, Any]] = {
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
}
