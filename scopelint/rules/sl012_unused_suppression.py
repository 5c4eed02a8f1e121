"""SL012 unused-suppression: a ``scopelint: ignore`` comment that suppresses nothing (ruff's RUF100)."""

from __future__ import annotations

from collections.abc import Iterator

from scopelint.common.lazy_re import lazy_compile
from scopelint.model import Edit, Finding, Fix, Location, Severity, Suppression
from scopelint.rules import references as refs
from scopelint.rules.base import FixAvailability, FixSafety, RuleInfo
from scopelint.rules.context import RuleContext
from scopelint.rules.selection import registry, rule_code

AFTER_SUPPRESSIONS = True  # runs once the other rules' findings met the comments

INFO = RuleInfo(
    code="SL012",
    name="unused-suppression",
    severity=Severity.WARNING,
    summary="A `scopelint: ignore` comment that suppresses no finding.",
    what_it_does=(
        "Reports each suppression comment (`# scopelint: ignore[SL001]`, `ignore-file`, or a bare "
        "`ignore`) that suppressed no finding in this run, naming the codes nothing needed. "
        "Only what the run can tell is reported: codes of rules that judge a whole folder "
        "(SL003) only when the file's folder was checked, nothing in a file that could not be "
        "read completely (a syntax error, a size limit), nothing in documentation or JSON "
        "files (where such text is an example or sits in a string), and "
        "codes of no rule are left to the warning about them."
    ),
    explanation=(
        "A suppression outlives the finding it was written for: the call is fixed or moved, "
        "and the comment stays, ready to hide the next problem on that line, such as a call that "
        "will fail with a scoped API token. Removing unused suppressions keeps every remaining "
        "one meaningful."
    ),
    fix=FixAvailability.ALWAYS,
    fix_safety=FixSafety.SAFE,
    fix_notes=(
        "`--fix` removes the codes nothing needed from the comment, or the whole directive when "
        "none is needed (and the comment, or its line, when nothing else is in it). Other text "
        "in the comment is kept. It is safe: the comment suppressed nothing in this run."
    ),
    references=(refs.API_TOKENS,),
)

_DIRECTIVE = lazy_compile(r"^(?P<head>scopelint:[ \t]*ignore(?:-file)?)[ \t]*\[(?P<codes>[^\]]*)\]$")
_INTRODUCERS = lazy_compile(r"<#|#|//|/\*|--|;|<!--")  # <# #>: PowerShell's block comment
_INTRODUCER_TEXTS = ("#", "//", "/*", "--", ";", "<!--", "<#")
_CLOSERS = {"/*": "*/", "<!--": "-->", "<#": "#>"}


def check(ctx: RuleContext) -> Iterator[Finding]:
    every = tuple(code for code, _name in registry() if code != INFO.code)
    for path, entries in ctx.suppressions.items():
        for index, entry in enumerate(entries):
            used = ctx.suppression_use.get((path, index), frozenset())
            if not entry.codes:
                if used or not all(ctx.judgeable(path, code) for code in every):
                    continue
                unused: tuple[str, ...] = ()
            else:
                unused = tuple(
                    code for code in sorted(entry.codes)
                    if code not in used and code != INFO.code and rule_code(code) == code
                    and ctx.judgeable(path, code)
                )
                if not unused:
                    continue
            yield _finding(ctx, path, entry, unused)


def _finding(ctx: RuleContext, path: str, entry: Suppression, unused: tuple[str, ...]) -> Finding:
    kind = "ignore-file" if entry.whole_file else "ignore"
    where = "in this file" if entry.whole_file else (
        "on the next line" if entry.own_line else "on this line"
    )
    if unused:
        names = dict(registry())
        what = ", ".join(f"{code} ({names[code]})" for code in unused)
        message = f"unused suppression: no {what} finding {where} to suppress"
        if set(unused) != set(entry.codes):
            message += " (the other codes of the comment are used)"
    else:
        message = f"unused suppression: `scopelint: {kind}` suppresses no finding {where}"
    line = ctx.line_text(path, entry.line)
    previous = ctx.line_text(path, entry.line - 1) if entry.line > 1 else None
    return INFO.finding(
        Location(path, entry.line, entry.column or 1),
        message,
        identity=f"{kind}[{','.join(sorted(entry.codes))}]:{','.join(unused)}",
        fix=_fix(path, entry, line, previous, unused),
    )


def _fix(
    path: str, entry: Suppression, line: str, previous: str | None, unused: tuple[str, ...]
) -> Fix | None:
    start, end = entry.column - 1, entry.end_column - 1
    if entry.column < 1 or end > len(line) or not line[start:end].startswith("scopelint"):
        return None  # the comment is not where the scan saw it
    directive = line[start:end]
    match = _DIRECTIVE.match(directive)
    if match and unused:
        items = [item.strip() for item in match.group("codes").split(",") if item.strip()]
        kept = [item for item in items if (rule_code(item) or item.upper()) not in unused]
        if kept:
            text = f"{match.group('head')}[{', '.join(kept)}]"
            edit = Edit(path, entry.line, start + 1, entry.line, end + 1, text)
            return Fix(f"remove {', '.join(unused)} from the suppression", True, (edit,))
    edit = _removal(path, entry, line, previous, start, end)
    return Fix("remove the unused suppression", True, (edit,))


def _removal(path: str, entry: Suppression, line: str, previous: str | None, start: int, end: int) -> Edit:
    """The edit that removes the directive: its whole line, the comment, or only itself."""
    introducers = list(_INTRODUCERS.finditer(line, 0, start))
    if introducers:
        intro = introducers[-1]
        closer = _CLOSERS.get(intro.group(0), "")
        between, after = line[intro.end():start], line[end:].strip()
        if not between.strip() and after in ("", closer):
            if entry.own_line and previous is not None:  # nothing else on the line: delete it
                return Edit(path, entry.line - 1, len(previous) + 1, entry.line, len(line) + 1, "")
            if entry.own_line:
                return Edit(path, entry.line, 1, entry.line + 1, 1, "")
            code_end = len(line[: intro.start()].rstrip())
            return Edit(path, entry.line, code_end + 1, entry.line, len(line) + 1, "")
    before = line[:start].rstrip()
    if before.endswith(_INTRODUCER_TEXTS):  # "# scopelint: ignore  why": keep "# why"
        stop = end + (len(line[end:]) - len(line[end:].lstrip()))
        return Edit(path, entry.line, start + 1, entry.line, stop + 1, "")
    # "
    return Edit(path, entry.line, len(before) + 1, entry.line, end + 1, "")
