"""Reporting: findings -> text/json/sarif/... (one reporter per format behind one interface)."""

from __future__ import annotations

import importlib
from collections.abc import Mapping

from scopelint.common.records import replace
from scopelint.errors import ScopelintError
from scopelint.model import Finding, LintResult
from scopelint.reporting.base import Reporter
from scopelint.rules.base import RuleInfo

# format name -> module exposing ``REPORTER``; imported only when that format is asked for.
REPORTERS: dict[str, str] = {
    "text": "scopelint.reporting.text",
    "json": "scopelint.reporting.json",
    "sarif": "scopelint.reporting.sarif",
    "github": "scopelint.reporting.github",
    "gitlab": "scopelint.reporting.gitlab",
    "rdjson": "scopelint.reporting.rdjson",
    "markdown": "scopelint.reporting.markdown",
    "grouped": "scopelint.reporting.grouped",
}

FORMATS: tuple[str, ...] = tuple(REPORTERS)


def get_reporter(fmt: str) -> Reporter:
    """The reporter for ``fmt``; an unknown format is the user's error."""
    module_name = REPORTERS.get(fmt)
    if module_name is None:
        known = ", ".join(FORMATS)
        raise ScopelintError(f"unknown output format {fmt!r} (choose one of: {known})")
    reporter: Reporter = importlib.import_module(module_name).REPORTER
    return reporter


def render(fmt: str, result: LintResult, rules: Mapping[str, RuleInfo], colour: bool = False) -> str:
    """``result`` as text in output format ``fmt`` (no trailing newline).

    Credentials never leave in full, whatever the format: each finding's message is scrubbed
    before the reporter sees it (a URL with ``?token=ATATT...``, a scope list holding a pasted
    token), and the whole report after (whatever else a reporter echoed).  For the formats
    read on a terminal, control characters in paths and messages (a file named with a new
    line or an escape sequence) are shown escaped, so every finding stays on its own line.
    ``colour`` paints the formats that support it (text, grouped) with ANSI escapes.
    """
    from scopelint.common.redact import scrub

    terminal = fmt in TERMINAL_FORMATS
    findings = [_safe_finding(finding, terminal) for finding in result.findings]
    if findings != result.findings:
        result = replace(result, findings=findings)
    reporter = get_reporter(fmt)
    if colour and getattr(reporter, "supports_colour", False):  # text, grouped: ANSI colours
        return _valid_unicode(scrub(reporter.render(result, rules, colour=True)))  # type: ignore[call-arg]
    return _valid_unicode(scrub(reporter.render(result, rules)))


def _valid_unicode(report: str) -> str:
    """``report`` with every lone surrogate (the undecodable bytes of a file name that is
    not UTF-8, as ``os.fsdecode`` gives them, in a document's strings) replaced by U+FFFD,
    as ruff shows such names: every format is then valid UTF-8 (JSON strings included).
    The terminal formats have shown those bytes as ``\\xNN`` already (:func:`printable`)."""
    try:
        report.encode("utf-8")
    except UnicodeEncodeError:
        return "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in report)
    return report


# Formats read by people, which a diff or a note may share standard output with; the others
# are documents a program parses, and standard output holds the report alone.
PLAIN_TEXT_FORMATS = frozenset({"text", "grouped"})

# Formats whose output is read as lines on a terminal (the others escape what they carry).
TERMINAL_FORMATS = frozenset({"text", "grouped", "markdown"})


def _safe_finding(finding: Finding, terminal: bool) -> Finding:
    from scopelint.common.redact import scrub

    message = scrub(finding.message)
    path = finding.location.path
    if terminal:  # (a message's own line breaks are the reporter's to lay out)
        message, path = printable(message, keep_whitespace=True), printable(path)
    if message == finding.message and path == finding.location.path:
        return finding
    location = replace(finding.location, path=path)
    return replace(finding, message=message, location=location)


def printable(text: str, keep_whitespace: bool = False) -> str:
    """``text`` with control characters (new lines, escape sequences) shown as ``\\xNN``;
    with ``keep_whitespace``, new lines and tabs are left alone."""
    if text.isprintable():
        return text
    return "".join(
        ch if ch.isprintable() or ch == " " or (keep_whitespace and ch in "\t\n\r")
        else _escape(ch)
        for ch in text
    )


def _escape(ch: str) -> str:
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte of a file name (os.fsdecode): that byte
        code -= 0xDC00
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


__all__ = ["FORMATS", "PLAIN_TEXT_FORMATS", "REPORTERS", "Reporter", "get_reporter", "printable", "render"]
