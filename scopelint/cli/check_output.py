"""What `scopelint check` prints besides the report: colour, --verbose, --statistics,
--show-fixes, the --add-suppressions summary, and the report file (--output).

Nothing here is imported on a plain run except what that run asks for.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from scopelint.cli.output import echo, fail, warn
from scopelint.common.words import plural
from scopelint.model import Finding, LintResult

if TYPE_CHECKING:
    from scopelint.fixing.suppressions import AddOutcome
    from scopelint.rules.base import RuleInfo

STATISTICS_FORMATS = ("text", "grouped", "json")


def write_report(output: Path, report: str) -> None:
    """Write the report atomically, creating missing folders as ruff does; any failure is one
    line and exit 2 (an old report at ``output`` is left as it was)."""
    from scopelint.common.atomic import write_atomic

    try:
        if output.is_dir():
            raise IsADirectoryError(21, "it is a folder")
        for parent in output.parents:
            if parent.exists() or parent.is_symlink():
                if not parent.is_dir():
                    raise NotADirectoryError(20, f"{parent} is not a folder")
                break
        write_atomic(output, report + "\n", make_parents=True, follow_symlinks=True)
    except OSError as exc:
        fail(f"cannot write the report to {output}: {exc.strerror or exc}")


def write_sarif(output: Path, result: LintResult) -> None:
    """--sarif-output: the SARIF report of the same run, next to whatever --format printed."""
    from scopelint.reporting import render
    from scopelint.rules import rule_infos

    if not result.kb_version:
        from scopelint.kb.table import load_default

        result.kb_version = load_default().describe()
    write_report(output, render("sarif", result, rule_infos()))


def report_added(added: AddOutcome, show_diff: bool, quiet: bool) -> None:
    if not quiet:
        for note in added.notes:
            warn(note)
    verb = "Would add" if show_diff else "Added"
    comments = plural(added.comments, "suppression comment")
    echo(
        f"{verb} {comments} ({plural(added.findings, 'finding')}) to {plural(len(added.files), 'file')}."
    )


# --------------------------------------------------------------------------- --statistics


def statistics(result: LintResult, rules: Mapping[str, RuleInfo], output_format: str) -> str:
    """ruff's --statistics: per rule with findings, the count, whether a fix exists (``[*]``
    safe, ``[-]`` only with --unsafe-fixes) and the rule's name; most frequent first."""
    counts = Counter(f.code for f in result.findings)
    fixes: dict[str, str] = {}
    for finding in result.findings:
        if finding.fix is not None:
            marker = "[*]" if finding.fix.safe else "[-]"
            fixes[finding.code] = "[*]" if "[*]" in (marker, fixes.get(finding.code)) else marker
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    names = {f.code: f.name for f in result.findings}
    if output_format == "json":
        import json

        return json.dumps(
            [
                {"code": code, "name": names[code], "count": count,
                 "fixable": {"[*]": "safe", "[-]": "unsafe"}.get(fixes.get(code, ""))}
                for code, count in rows
            ],
            indent=2,
        )
    from scopelint.reporting.summary import summary_line

    width = max((len(str(count)) for _code, count in rows), default=1)
    lines = [f"{count:>{width}}  {code}  {fixes.get(code, '   ')} {names[code]}" for code, count in rows]
    lines.append(summary_line(result))
    return "\n".join(lines)


# --------------------------------------------------------------------------- --show-fixes


def show_fixes(result: LintResult, applied: Sequence[Finding], fix_mode: str, unsafe: bool) -> str:
    """The fixes a run applied (``--fix``), would apply (``--diff``), or could apply, per file:
    ``  path:line:col: SL002 add read:jira-work to manifest.yml (safe)``."""
    if fix_mode:
        heading = "Fixed" if fix_mode == "fix" else "Would fix"
        findings = list(applied)
    else:
        heading = "Fixable"
        findings = [f for f in result.findings if f.fix is not None]
    if not findings:
        return f"{heading}: none."
    from scopelint.reporting import printable

    lines = [f"{heading} ({plural(len(findings), 'finding')}):"]
    for finding in sorted(findings, key=Finding.sort_key):
        assert finding.fix is not None
        loc = finding.location
        safety = "safe" if finding.fix.safe else "unsafe: --unsafe-fixes"
        if fix_mode and not finding.fix.safe and unsafe:
            safety = "unsafe"
        where = f"{printable(loc.path)}:{loc.line}:{loc.column}"
        lines.append(f"  {where}: {finding.code} {finding.fix.description} ({safety})")
    return "\n".join(lines)


# --------------------------------------------------------------------------- --verbose


def configuration_facts(config: Path | None, isolated: bool, cwd: Path) -> list[str]:
    """Which configuration a run reads, and whether its validation is remembered in the user
    cache (read before the run: the run itself then records a miss as valid)."""
    if isolated:
        return ["configuration: none read (--isolated)"]
    from scopelint.common import user_cache
    from scopelint.config import find_config

    path = config if config is not None else find_config(cwd)
    if path is None:
        return ["configuration: none found (default settings)"]
    how = "given with --config" if config is not None else "found"
    lines = [f"configuration: {path} ({how})"]
    try:
        from scopelint import __version__
        from scopelint.config import loading

        text = path.read_text(encoding="utf-8-sig")
        schema = (Path(loading.__file__).parent.parent / "schemas" / "config.schema.json").read_bytes()
        digest = user_cache.config_digest(text, path.name, schema, __version__)
        hit = user_cache.is_known_valid(digest)
    except (OSError, UnicodeDecodeError):
        return lines
    cache = user_cache.cache_dir()
    state = "hit: validated before" if hit else "miss: validated now"
    lines.append(f"cache: {cache} (configuration validation {state})")
    return lines


def run_facts(result: LintResult, seconds: float, jobs: int) -> list[str]:
    from scopelint.kb.table import load_default

    facts = []
    if result.kb_version:
        kb = load_default()
        facts.append(f"table: {kb.describe()}, {kb.path}")
    else:
        facts.append("table: not loaded (nothing in these files needed it)")
    workers = "automatic" if jobs == 0 else str(jobs)
    facts.append(
        f"checked {plural(result.files_scanned, 'file')} ({plural(result.calls_found, 'call')}) "
        f"in {seconds:.2f} s (workers: {workers})"
    )
    if result.skipped:  # as ruff and eslint say in verbose mode which files they left out
        facts.append(f"skipped {plural(len(result.skipped), 'file')}:")
        facts.extend(f"  {path} ({why})" for path, why in sorted(result.skipped.items()))
    return facts


def verbose(lines: Sequence[str]) -> None:
    for line in lines:
        echo(f"scopelint: {line}", err=True)
