"""SL002 missing-scopes: the declared scopes cover no alternative of the call's operation."""

from __future__ import annotations

from collections.abc import Iterator

from scopelint.common.words import plural
from scopelint.kb.connect import connect_covers, connect_missing, is_inaccessible
from scopelint.kb.preference import Prefer, preferred
from scopelint.model import Finding, Fix, Operation, Severity
from scopelint.rules import references as refs
from scopelint.rules.base import FixAvailability, FixSafety, RuleInfo, RuleOption
from scopelint.rules.context import RuleContext
from scopelint.rules.coverage import coverage

INFO = RuleInfo(
    code="SL002",
    name="missing-scopes",
    severity=Severity.ERROR,
    summary="The declared scopes cover no scope alternative of the operation this call makes.",
    what_it_does=(
        "Checks each call to a known operation against the declaration that governs it, the "
        "nearest one above the call's file: a Forge manifest.yml, an atlassian-connect.json, a "
        "scopelint configuration (scopes, or tokens with paths), an OAuth 2.0 authorization URL, "
        "or --scopes. It reports the call when the declared scopes hold no whole alternative of "
        "the operation, and names exactly the scopes missing from the closest one. Calls that "
        "no declaration governs are not reported."
    ),
    explanation=(
        "A token may call an operation only when it holds every scope of one of the operation's "
        "alternatives: the classic set (e.g. read:jira-work) or the granular set (e.g. nine scopes "
        "from read:issue:jira to read:field-configuration:jira). Half of the granular set is not "
        "enough, and Atlassian's error then says nothing useful ('Unauthorized; scope does not "
        "match', or an issue that 'does not exist')."
    ),
    fix=FixAvailability.SOMETIMES,
    fix_safety=FixSafety.SAFE,
    fix_notes=(
        "`--fix` adds the missing scopes to a Forge manifest or to the scopes of a scopelint "
        "configuration, keeping the file's order, comments and layout: the closest "
        "alternative's, or, for a declaration with no scopes yet (a Forge manifest without a "
        "permissions.scopes block, which it creates), the granular ones (least privilege, as "
        "`scopelint suggest` chooses); `--prefer classic` or `--prefer granular` chooses the "
        "kind. It is safe: it only adds "
        "what the call needs, and the edited file is read back to check that nothing else "
        "changed. Connect descriptors, tokens entries and authorization URLs get no fix. "
        "Atlassian grants the new scopes only later: a scoped API token keeps the scopes it was "
        "created with, so create a new one; a Forge app whose scopes change is updated on a site "
        "once an admin approves it."
    ),
    options=(
        RuleOption("scopes", "The scopes the project's token or app has; they govern the files "
                   "under the configuration's folder."),
        RuleOption("tokens", "Tokens that only some paths use, each with its own scopes; a token "
                   "governs the files its paths match."),
        RuleOption("--scopes", "Comma-separated scopes that govern every call of the run, in "
                   "place of every declaration; an unknown scope is an error (exit 2)."),
        RuleOption("--prefer", "With --fix: add granular (least privilege) or classic scopes."),
    ),
    references=(
        refs.JIRA_SCOPES, refs.JIRA_SOFTWARE_SCOPES, refs.JSM_SCOPES, refs.CONFLUENCE_SCOPES,
        refs.CONNECT_SCOPES, refs.FORGE_PERMISSIONS, refs.API_TOKENS,
    ),
)

FIXABLE_SOURCES = frozenset({"forge-manifest", "config"})


def scopes_to_add(
    op: Operation, declared: frozenset[str], closest: tuple[str, ...], prefer: Prefer | None
) -> tuple[str, ...]:
    """What ``--fix`` adds for a call: with ``--prefer``, the missing scopes of that kind's
    alternative; for a declaration with no scopes yet (a Forge manifest without a
    ``permissions.scopes`` block), the granular one (least privilege, as ``suggest`` chooses);
    otherwise the closest alternative's (``closest``), which keeps the declaration's kind."""
    if prefer is None and declared:
        return closest
    chosen = preferred(op, prefer or "granular")
    if chosen is None or chosen.covered_by(declared):
        return closest
    return chosen.missing_from(declared)


NO_DECLARATION_NOTE = (
    "{calls} to Atlassian found, but no scopes are declared: missing scopes (SL002) cannot "
    "be checked. `scopelint suggest --from .` picks the scopes a token needs; "
    "declare them as scopes = [...] in .scopelint.toml (or in a Forge manifest.yml or "
    "atlassian-connect.json), or pass --scopes a,b"
)


def _no_declaration_note(ctx: RuleContext) -> str | None:
    """The note for a project that calls Atlassian but declares no scopes anywhere (and gave
    no --scopes): without it SL002 stays silent and the user is never told why."""
    if ctx.declarations or ctx.unreadable:
        return None  # a declaration (or one SL011 reports as unreadable) is there
    calls = [r for r in ctx.calls if r.call.kind == "call" and r.resolution.operation is not None]
    if not calls or any(r.declaration is not None for r in calls):  # --scopes governs them all
        return None
    return NO_DECLARATION_NOTE.format(calls=plural(len(calls), "call"))


def check(ctx: RuleContext) -> Iterator[Finding]:
    note = _no_declaration_note(ctx)
    if note is not None:
        ctx.notes.append(note)
    for resolved in ctx.calls:
        op = resolved.resolution.operation
        declaration = resolved.declaration
        if op is None or declaration is None or resolved.call.kind != "call":
            continue
        where = declaration.location.path
        files = list(dict.fromkeys(part.location.path for part in declaration.written))
        declares = "declares"
        if len(files) > 1:  # an OAuth 2.0 app's scopes written in several files, taken together
            where, declares = f"{', '.join(files[:-1])} and {files[-1]}", "declare"
        if declaration.source == "connect-descriptor":
            if op.connect_scope is None or connect_covers(declaration.scopes, op.connect_scope):
                continue
            if is_inaccessible(op.connect_scope):
                continue  # SL007's concern: no Connect access at all
            needed = connect_missing(declaration.scopes, op.connect_scope) or op.connect_scope
            yield INFO.finding(
                resolved.call.location,
                f"{op.method} {op.path} needs the Connect scope {needed}, not declared in {where}",
                endpoint=(op.method, op.path),
                missing_scopes=(needed,),
                identity=f"{op.method} {op.path} connect:{needed}",
            )
            continue
        if not op.alternatives:
            continue  # SL007
        if declaration.partial:
            continue  # part of what the app declares could not be read: it may cover the call
        declared = frozenset(declaration.scopes)
        result = coverage(op, declared)
        if result.covered or result.closest is None:
            continue
        missing = result.missing
        message = (
            f"{op.method} {op.path} needs {len(missing)} more {result.closest.kind} "
            f"scope{'s' if len(missing) != 1 else ''} than {where} {declares}: {', '.join(missing)}"
        )
        if result.others:
            other = min(result.others, key=lambda alt: len(alt.missing_from(declared)))
            message += f"; or the {other.kind} {', '.join(other.scopes) or '(no scope)'}"
        fix = None
        if declaration.source in FIXABLE_SOURCES and not declaration.paths:
            adding = scopes_to_add(op, declared, missing, ctx.prefer)
            fix = Fix(
                description=f"add {', '.join(adding)} to {declaration.location.path}",
                safe=True,
                target=declaration.location.path,
                add_scopes=adding,
            )
        yield INFO.finding(
            resolved.call.location,
            message,
            endpoint=(op.method, op.path),
            missing_scopes=missing,
            identity=f"{op.method} {op.path}",
            fix=fix,
        )
