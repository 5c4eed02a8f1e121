"""Text-level checks that run on every readable file, whatever its language.

``extract`` finds suppression comments, credential literals and OAuth 2.0 authorization URLs
(whose ``scope`` parameter declares scopes).  ``extract_urls`` finds Atlassian URLs in free
text; the engine calls it only for files no structured extractor read, so that a call is not
reported twice.  ``url_kind`` (in :mod:`scopelint.scanning.urls`) decides what a URL is.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from urllib.parse import parse_qs

from scopelint.common.lazy_re import lazy_compile
from scopelint.common.redact import find_secrets, redact
from scopelint.kb.hosts import OAUTH_AUTHORIZE_HOST
from scopelint.model import (
    HTTP_METHODS,
    CallSite,
    FileScan,
    ScopeDeclaration,
    SecretHit,
    Suppression,
)
from scopelint.scanning.core.candidate import Candidate, Emitter
from scopelint.scanning.core.methods import method_word
from scopelint.scanning.source import SourceFile
from scopelint.scanning.urls import (
    find_atlassian_urls,
    url_kind,
)

EXTRACTOR = "text"

# Documentation is not code: URLs in these files are never reported as calls.
DOC_SUFFIXES = (".md", ".markdown", ".rst", ".txt", ".html", ".htm", ".adoc")

# Prose documentation: an authorization URL there is an example, not the app's declaration.
_PROSE_SUFFIXES = (".md", ".markdown", ".rst", ".txt", ".adoc")

_SUPPRESSION_RE = lazy_compile(
    r"scopelint:[ \t]*ignore(?P<file>-file)?(?:[ \t]*\[(?P<codes>[^\]\n]*)\])?(?![\w-])"
)
_COMMENT_INTRODUCER_RE = lazy_compile(r"<#|#|//|/\*|--|;|<!--")  # <# #>: PowerShell
_OAUTH_URL_RE = lazy_compile(rf"https?://{re.escape(OAUTH_AUTHORIZE_HOST)}/authorize\?[^\s'\"`<>]*")
_SCOPE_NAME_RE = lazy_compile(r"[A-Za-z][\w:.\-]*")
_METHOD_BEFORE_RE = lazy_compile(
    r"(?:^|[\s'\"`(\[])(?:(?:-X|--request)[ \t=]*['\"]?)?(" + "|".join(HTTP_METHODS) + r")"
    r"['\"]?[ \t]*$",
    re.IGNORECASE,
)
_CURL_METHOD_RE = lazy_compile(
    r"(?:-X|--request)[ \t=]*['\"]?(" + "|".join(HTTP_METHODS) + r")\b", re.IGNORECASE
)
_TRAILING_PUNCTUATION = ".:!?"


# --------------------------------------------------------------------------- URL verdicts


# --------------------------------------------------------------------------- extract()


def _in_comment(line_prefix: str) -> bool:
    return _COMMENT_INTRODUCER_RE.search(line_prefix) is not None


def _quoted(line: str, start: int) -> bool:
    """The comment the directive at ``start`` is in opens right after a quote or backtick."""
    openings = [match.start() for match in _COMMENT_INTRODUCER_RE.finditer(line, 0, start)]
    return bool(openings) and openings[-1] > 0 and line[openings[-1] - 1] in "`'\""


def find_suppressions(source: SourceFile) -> list[Suppression]:
    text = source.text
    if "scopelint" not in text:
        return []
    found: list[Suppression] = []
    for match in _SUPPRESSION_RE.finditer(text):
        line, column = source.line_col(match.start())
        if not _in_comment(source.line_text(line)[: column - 1]):
            continue
        if _quoted(source.line_text(line), column - 1):
            continue  # "`# scopelint: ignore[SL001]`": an example in a string or in docs
        raw_codes = match.group("codes") or ""
        codes = frozenset(code.strip().upper() for code in raw_codes.split(",") if code.strip())
        prefix = source.line_text(line)[: column - 1]
        introducer = _COMMENT_INTRODUCER_RE.search(prefix)
        own_line = introducer is not None and not prefix[: introducer.start()].strip()
        found.append(Suppression(
            line, codes, whole_file=match.group("file") is not None, own_line=own_line,
            column=column, end_column=column + match.end() - match.start(),
        ))
    return found


def find_secret_hits(source: SourceFile) -> list[SecretHit]:
    return [
        SecretHit(source.location(start, end), kind, redact(source.text[start:end]))
        for start, end, kind in find_secrets(source.text)
    ]


def _root_of(display: str) -> str:
    parent = PurePosixPath(display.replace("\\", "/")).parent.as_posix()
    return parent or "."


def find_oauth_declarations(source: SourceFile) -> list[ScopeDeclaration]:
    text = source.text
    if OAUTH_AUTHORIZE_HOST not in text or source.display.lower().endswith(_PROSE_SUFFIXES):
        return []  # an example in a README is not the app's declaration (a login page is)
    from scopelint.scanning.formats.data_files import is_data_file

    if is_data_file(source.display, text):
        return []  # a log or an export naming an authorization URL declares nothing
    found: list[ScopeDeclaration] = []
    for match in _OAUTH_URL_RE.finditer(text):
        query = match.group(0).split("?", 1)[1].split("#", 1)[0].replace("&amp;", "&")
        values = parse_qs(query).get("scope", [])
        scopes = sorted(
            {
                word
                for value in values
                for word in value.split()
                if _SCOPE_NAME_RE.fullmatch(word)
            }
        )
        if not scopes:
            continue
        location = source.location(match.start(), match.end())
        found.append(
            ScopeDeclaration(
                source="oauth-url",
                location=location,
                root=_root_of(source.display),
                scopes=tuple(scopes),
                scope_lines={scope: location.line for scope in scopes},
                kind="authorization-url",
            )
        )
    return found


def extract(source: SourceFile) -> FileScan:
    """Suppression comments, credentials and OAuth authorization URLs of any text file."""
    return FileScan(
        path=source.display,
        declarations=list(find_oauth_declarations(source)),
        secrets=find_secret_hits(source),
        suppressions=find_suppressions(source),
    )


# --------------------------------------------------------------------------- extract_urls()


_WINDOW = 256  # characters before a URL that can hold its method word or link key


def _window(line: str, end: int) -> str:
    """The end of ``line[:end]`` that the end-anchored patterns need: they look back at most
    over a method word, a ``-X`` or a link key, quotes and blanks, so a line of thousands of
    URLs costs time by its length, not by its length times its URLs.  A cut window starts
    with a letter, so that ``^`` cannot match where the line does not start."""
    if end <= _WINDOW:
        return line[:end]
    return "x" + line[end - _WINDOW: end]


def _method_before(line_prefix: str, curl_method: str | None) -> str | None:
    """The method word right before a URL (``line_prefix`` ends where it starts), else the
    line's curl ``-X`` method (if any)."""
    match = _METHOD_BEFORE_RE.search(line_prefix)
    if match is not None:
        return method_word(match.group(1))
    return curl_method


def _curl_method(whole_line: str) -> str | None:
    match = _CURL_METHOD_RE.search(whole_line)
    return method_word(match.group(1)) if match else None


def extract_urls(source: SourceFile) -> list[CallSite]:
    """Atlassian URLs in free text, for files no structured extractor could read.

    Not from a file that uses a test double (``[not_calls] mock_libraries`` of the ``text``
    knowledge: its URLs are a fake server's routes and answers), and not a URL that is the
    value of a link key (``"self": "https://..."`` in a canned response).
    """
    if source.display.lower().endswith(DOC_SUFFIXES):
        return []
    from scopelint.scanning.core.knowledge import table

    knowledge = table(EXTRACTOR)
    if any(marker in source.text for marker in knowledge.names("mock_libraries")):
        return []
    link_key = _link_key_re(knowledge.names("link_keys"))
    emitter = Emitter(source, EXTRACTOR)
    curl_line, curl = 0, None
    for start, end, url in find_atlassian_urls(source.text):
        stripped = url.rstrip(_TRAILING_PUNCTUATION)
        end -= len(url) - len(stripped)
        kind = url_kind(stripped)
        if kind is None:
            continue
        line, column = source.line_col(start)
        line_text = source.line_text(line)
        before = _window(line_text, column - 1)
        if link_key is not None and link_key.search(before):
            continue
        method = None
        if kind == "call":
            if line != curl_line:  # the line's curl -X, looked up once per line
                curl_line, curl = line, _curl_method(line_text)
            method = _method_before(before, curl)
        emitter.emit(Candidate(stripped, start, end, method, "literal", kind, classified=True))
    return emitter.calls


def _link_key_re(keys: frozenset[str]) -> re.Pattern[str] | None:
    """``"self": "`` (also escaped inside a string, or as ``self =>``) right before a URL."""
    if not keys:
        return None
    names = "|".join(re.escape(key) for key in sorted(keys))
    return re.compile(rf"""[\\"'`:]?\b(?:{names})[\\"'`]*\s*(?::|=>|=)\s*[\\"'`]*$""")
