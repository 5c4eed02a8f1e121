"""`scopelint check --har/--log`: lint recorded traffic with the same rules as code.

Each observed call (every request to one operation on one host) becomes one call located at
its first request's URL in the recording, governed like a file at the recording's place:
``--scopes``, else the nearest declaration above the recording (a Forge manifest, a scopelint
configuration, ...).  The call-based rules then run as they do on code, and only findings
located in a recording are kept:

* SL001 for REST requests to a site (``*.atlassian.net``) that carried a token or no
  recorded authentication; requests made by a browser session (cookies only) or a Connect
  app (a JWT) are not reported, the site URL is right for them;
* SL002 against the governing declaration; SL004 removed or deprecated endpoints; SL005
  unknown endpoints; SL007 no scoped access; SL009 gateway URL mismatch;
* SL010 for requests Atlassian refused for lack of scope (error when the answer says so,
  warning for a 404 through the gateway that may also mean a missing permission).

One finding stands for every request of the call: its message ends with how many requests
it covers.  Findings on recordings carry no fix (a recording is not edited); select, ignore
and per-path-ignores apply; suppression comments do not exist in recordings.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Sequence

from scopelint.check.engine import (
    Governor,
    LintOptions,
    apply_per_path_ignores,
    command_line_declaration,
    config_base,
    load_project_settings,
    project_top,
    rule_selection,
    run_scanners,
)
from scopelint.check.run import FindingSource
from scopelint.kb.table import KnowledgeBase
from scopelint.model import CallSite, Finding, LintResult, Observation, ScopeDeclaration
from scopelint.observe.session import ObservedCall, Traffic, read_traffic
from scopelint.observe.sources import Recording
from scopelint.rules import all_rules, selected
from scopelint.rules.context import ResolvedCall, RuleContext

SITE_RULE = "SL001"
_NOT_A_TOKEN = ("session", "connect-jwt")


def observation(call: ObservedCall) -> Observation:
    """The Observation that rules see for ``call``: the requests refused for lack of scope."""
    certain = [f for f in call.failures.values() if f.lack_of_scope == "yes"]
    chosen = certain or [f for f in call.failures.values() if f.lack_of_scope == "maybe"]
    if not chosen:
        return Observation(requests=call.count)
    first = chosen[0]
    return Observation(
        requests=call.count,
        refused=sum(f.count for f in chosen),
        status=first.status,
        message=first.message,
        because=first.because,
        certain=bool(certain),
    )


def _declarations(recordings: Sequence[Recording], options: LintOptions) -> list[ScopeDeclaration]:
    from scopelint.scanning.discovery import DiscoveredFile
    from scopelint.scanning.scan import governing_declaration_files

    cwd = options.cwd
    if options.scopes is not None:
        return [command_line_declaration(options.scopes)]
    places = [DiscoveredFile(r.path(cwd), r.display(cwd), explicit=True) for r in recordings]
    found: list[ScopeDeclaration] = []
    for scan in run_scanners(list(governing_declaration_files(places, project_top(cwd), cwd)), 1):
        found.extend(scan.declarations)
    return found


def _from_a_token(call: ObservedCall) -> bool:
    return any(count for kind, count in call.auth.items() if kind not in _NOT_A_TOKEN)


def _counted(finding: Finding, call: ObservedCall, har: bool) -> Finding:
    """``finding`` with the requests it stands for (HAR entries or log lines) and no fix."""
    numbers = ", ".join(str(n) for n in call.entries) + (", …" if call.count > len(call.entries) else "")
    several = len(call.entries) > 1
    noun = ("entries" if several else "entry") if har else ("lines" if several else "line")
    suffix = f" [{call.count} recorded request{'s' if call.count != 1 else ''}: {noun} {numbers}]"
    return dataclasses.replace(finding, message=finding.message + suffix, fix=None)


def recorded_findings(
    traffic: Traffic,
    recordings: Sequence[Recording],
    options: LintOptions,
    kb: KnowledgeBase,
) -> list[Finding]:
    """The findings on ``traffic`` (see the module docstring), sorted."""
    settings = load_project_settings(options)
    declarations = _declarations(recordings, options)
    govern = Governor(declarations, options.cwd)
    har = {r.display(options.cwd) for r in recordings if r.kind == "har"}
    by_place: dict[tuple[str, int, int], ObservedCall] = {}
    calls: list[ResolvedCall] = []
    for call in traffic.api_calls:
        assert call.resolution is not None
        site = CallSite(location=call.location, url=call.url, method=call.method, extractor="recorded")
        by_place[(call.location.path, call.location.line, call.location.column)] = call
        calls.append(ResolvedCall(site, call.resolution, govern(call.location.path), observation(call)))
    ctx = RuleContext(
        kb=kb,
        calls=calls,
        declarations=[d for d in declarations if d.source != "command-line"],
        secrets=[],
        settings=settings,
        fully_scanned=lambda _declaration: False,  # "unused" means nothing for a recording
    )
    select, ignore = rule_selection(options, settings)
    findings: list[Finding] = []
    for rule in all_rules():
        if not selected(rule.info.code, select, ignore):
            continue
        for finding in rule.check(ctx):
            loc = finding.location
            observed = by_place.get((loc.path, loc.line, loc.column))
            if observed is None:
                continue  # about a declaration, not a recorded request
            if finding.code == SITE_RULE and not _from_a_token(observed):
                continue
            findings.append(_counted(finding, observed, loc.path in har))
    findings = apply_per_path_ignores(
        findings, settings.per_path_ignores, cwd=options.cwd, base=config_base(options, settings)
    )
    findings.sort(key=Finding.sort_key)
    return findings


def add_recorded_findings(
    recordings: Sequence[Recording], options: LintOptions, result: LintResult
) -> set[str]:
    """Read ``recordings``, lint them, and add findings and warnings to ``result`` (in place).

    Returns the paths of the recordings as findings show them.  Raises RecordingError when
    a recording cannot be read at all.
    """
    from scopelint.kb.table import load_default

    kb = load_default()
    traffic = read_traffic(recordings, kb, options.cwd)
    findings = recorded_findings(traffic, recordings, options, kb)
    result.findings = sorted([*result.findings, *findings], key=Finding.sort_key)
    result.warnings.extend(traffic.warnings)
    shown = {r.path for r in traffic.recordings}
    result.scanned_paths.extend(sorted(shown))
    result.files_scanned += len(traffic.recordings)
    result.calls_found += len(traffic.api_calls)
    if not result.kb_version:
        result.kb_version = kb.describe()
    return shown


def recordings_hook(recordings: Sequence[Recording]) -> FindingSource:
    """A ``CheckRequest.more_findings`` hook that lints ``recordings`` (see run.py)."""

    def hook(options: LintOptions, result: LintResult) -> Collection[str]:
        return add_recorded_findings(recordings, options, result)

    return hook

