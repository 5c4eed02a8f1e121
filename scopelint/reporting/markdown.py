"""Markdown for a pull/merge-request comment: status, table by rule, findings by file.

SL002 findings spell out the exact scopes to add, and a final "Scopes to add" section gives
the union per product.  Text from findings is escaped so it cannot break the table, open a
code span or mention anyone.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from urllib.parse import quote, urlsplit

from scopelint.model import PRODUCT_TITLES, Finding, LintResult, Severity
from scopelint.reporting.fingerprint import normalise_path
from scopelint.reporting.summary import one_line, ordered, plural, related_text, summary_line
from scopelint.rules.base import RuleInfo

MAX_LISTED = 200  # findings listed one by one; GitHub comments stop at 65536 characters
OTHER_PRODUCT = "Other"

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")


def escape(text: str) -> str:
    """``text`` as literal Markdown inline text (also safe inside a table cell)."""
    escaped = _SPECIAL.sub(r"\\\1", one_line(text).replace("&", "&amp;"))
    return escaped.replace("@", "&#64;")


def code_span(text: str) -> str:
    """``text`` as an inline code span, whatever backticks it holds."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _status(result: LintResult) -> str:
    severities = {f.severity for f in result.findings}
    if Severity.ERROR in severities:
        icon = "❌"
    elif severities:
        icon = "⚠️"
    else:
        icon = "✅"
    return f"{icon} {escape(summary_line(result))}"


def _table(findings: list[Finding], rules: Mapping[str, RuleInfo]) -> list[str]:
    counts = Counter(f.code for f in findings)
    names = {f.code: f.name for f in findings}
    lines = ["| Rule | Name | Count |", "| --- | --- | ---: |"]
    for code in sorted(counts):
        rule = rules.get(code)
        name = escape(rule.name if rule else names[code])
        if rule is not None:
            name = f"[{name}]({rule.help_uri})"
        lines.append(f"| {escape(code)} | {name} | {counts[code]} |")
    return lines


def _item(finding: Finding) -> list[str]:
    loc = finding.location
    target = f"{quote(normalise_path(loc.path), safe='/')}#L{loc.line}"
    link = f"[{escape(f'{loc.path}:{loc.line}')}]({target})"
    lines = [f"- {link} **{escape(finding.code)}** {escape(finding.message)}"]
    if finding.related:
        lines.append(f"  - Used at: {escape(related_text(finding, limit=10))}")
    if finding.code == "SL002" and finding.missing_scopes:
        scopes = ", ".join(code_span(scope) for scope in finding.missing_scopes)
        lines.append(f"  - Add: {scopes}")
    return lines


def product_title(finding: Finding) -> str:
    """The product a finding's endpoint belongs to, as a title ("Jira"), or "Other"."""
    from scopelint.kb.hosts import split_gateway_path
    from scopelint.kb.products import product_of_path

    if finding.endpoint is None:
        return OTHER_PRODUCT
    path = finding.endpoint[1]
    if "://" in path:
        path = urlsplit(path).path
    gateway = split_gateway_path(path)
    if gateway is not None:
        path = gateway[2]
    product = product_of_path(path)
    return PRODUCT_TITLES.get(product, OTHER_PRODUCT) if product else OTHER_PRODUCT


def scopes_to_add(findings: Iterable[Finding]) -> dict[str, list[str]]:
    """Union of the missing scopes, per product title (sorted, "Other" last)."""
    union: dict[str, set[str]] = defaultdict(set)
    for finding in findings:
        if finding.missing_scopes:
            union[product_title(finding)].update(finding.missing_scopes)
    titles = sorted(union, key=lambda t: (t == OTHER_PRODUCT, t))
    return {title: sorted(union[title]) for title in titles}


def _findings_by_file(findings: list[Finding]) -> list[str]:
    lines: list[str] = []
    current: str | None = None
    for finding in findings[:MAX_LISTED]:
        if finding.location.path != current:
            current = finding.location.path
            lines.extend(["", f"### {escape(current)}", ""])
        lines.extend(_item(finding))
    if len(findings) > MAX_LISTED:
        more = plural(len(findings) - MAX_LISTED, "more finding")
        lines.extend(["", f"…and {more} not listed here (see the job log)."])
    return lines


class MarkdownReporter:
    name = "markdown"

    def render(self, result: LintResult, rules: Mapping[str, RuleInfo]) -> str:
        findings = ordered(result.findings)
        lines = ["## scopelint", "", _status(result)]
        if result.notes:
            lines.append("")
            lines.extend(f"> {escape(note)}" for note in result.notes)
        if not findings:
            return "\n".join(lines)
        lines.append("")
        lines.extend(_table(findings, rules))
        lines.extend(_findings_by_file(findings))
        to_add = scopes_to_add(findings)
        if to_add:
            lines.extend(["", "### Scopes to add", ""])
            for title, scopes in to_add.items():
                listed = ", ".join(code_span(scope) for scope in scopes)
                lines.append(f"- **{escape(title)}**: {listed}")
        return "\n".join(lines)


REPORTER = MarkdownReporter()
