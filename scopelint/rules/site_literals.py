"""Where a site host is written: the literal SL001 reports once, whatever number of calls use it.

A call's URL is often built from a constant (``BASE_URL = "https://acme.atlassian.net"``), a
client's ``baseURL`` option or a configuration value; the extractors name where in
``CallSite.related``.  :func:`origin_of` finds, in that order, the first related place whose
line holds a site host, else the host in the call's own literal: the place to report (at the
host's first character), to suppress and to rewrite.  :func:`is_placeholder` tells a
placeholder (``your-domain``, ``<site>``, ``{site}`` in a plain string) from a real site or a
value filled in at run time (``f"https://{site}.atlassian.net"``, ``$Instance``, ``${site}``).
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable

from scopelint.common.lazy_re import lazy_compile
from scopelint.common.records import dataclass
from scopelint.kb.hosts import SITE_SUFFIX, is_placeholder_site_label
from scopelint.model import CallSite, Location

_HOST_CHARS = frozenset(string.ascii_letters + string.digits + "-_.{}$<>[]%#")
_URL_END = frozenset(" \t\"'`<>),;\\")
_QUOTES = "\"'`"


@dataclass(frozen=True, slots=True)
class SiteLiteral:
    """A site host as written in one line of a file.

    ``location`` is at the host's first character.  ``scheme_start`` is the 0-based index of
    ``https://`` in the line (None: the host is written without a scheme); ``prefix_end`` the
    index just past the host and its port; ``url`` the URL as written, from the scheme (or the
    host) to the end of the literal.
    """

    location: Location
    line_text: str
    host_start: int
    host: str
    scheme_start: int | None
    prefix_end: int
    url: str

    @property
    def label(self) -> str:
        """The host's first label as written: ``acme``, ``your-domain``, ``{site}``, ``$Instance``."""
        return self.host[: len(self.host) - len(SITE_SUFFIX)].split(".", 1)[0]

    @property
    def path(self) -> str:
        """What the literal holds after the host (``""``, ``/rest/api/3``)."""
        return self.url[self.prefix_end - (self.scheme_start or self.host_start) :]


_SUFFIX_RE = lazy_compile(re.escape(SITE_SUFFIX), re.IGNORECASE)


def _find_suffix(text: str, start: int) -> int:
    match = _SUFFIX_RE.search(text, start)
    return match.start() if match else -1


def find_site(line_text: str, path: str, line: int, start: int = 0) -> SiteLiteral | None:
    """The first site host written in ``line_text`` at or after index ``start``."""
    suffix_at = _find_suffix(line_text, start)  # (not line_text.lower(): once per call site)
    while suffix_at != -1:
        host_end = suffix_at + len(SITE_SUFFIX)
        if host_end < len(line_text) and (line_text[host_end].isalnum() or line_text[host_end] in "-_"):
            suffix_at = _find_suffix(line_text, host_end)
            continue  # .atlassian.network
        host_start = suffix_at
        while host_start > 0 and line_text[host_start - 1] in _HOST_CHARS:
            host_start -= 1
        if host_start == suffix_at:
            suffix_at = _find_suffix(line_text, host_end)
            continue  # ".atlassian.net" alone
        prefix_end = host_end
        if line_text[prefix_end : prefix_end + 1] == ":":
            digits = prefix_end + 1
            while digits < len(line_text) and line_text[digits].isdigit():
                digits += 1
            prefix_end = digits if digits > prefix_end + 1 else prefix_end
        scheme_start = None
        if line_text[max(host_start - 3, 0) : host_start] == "://":
            scheme_start = host_start - 3
            while scheme_start > 0 and line_text[scheme_start - 1].isalpha():
                scheme_start -= 1
        url_end = prefix_end
        while url_end < len(line_text) and line_text[url_end] not in _URL_END:
            url_end += 1
        begin = host_start if scheme_start is None else scheme_start
        return SiteLiteral(
            location=Location(path, line, host_start + 1),
            line_text=line_text,
            host_start=host_start,
            host=line_text[host_start:host_end],
            scheme_start=scheme_start,
            prefix_end=prefix_end,
            url=line_text[begin:url_end],
        )
    return None


def origin_of(call: CallSite, line_text: Callable[[str, int], str]) -> SiteLiteral | None:
    """Where the site host of ``call``'s URL is written (see the module docstring); None when
    no line scopelint can read shows it (recorded traffic, a host built from pieces)."""
    for place in call.related:
        text = line_text(place.path, place.line)
        found = find_site(text, place.path, place.line, max(place.column - 1, 0))
        if found is None:
            found = find_site(text, place.path, place.line)
        if found is not None:
            return found
    loc = call.location
    text = line_text(loc.path, loc.line)
    return find_site(text, loc.path, loc.line, max(loc.column - 1, 0)) or find_site(text, loc.path, loc.line)


def is_placeholder(literal: SiteLiteral) -> bool:
    """Is the host a placeholder written for a person to replace (never a finding)?

    Run-time values are real sites: ``$Instance``, ``${site}``, ``#{site}``, ``%s``, ``{{site}}``
    (request-file and template variables), and ``{site}`` in an interpolating literal (a Python
    f-string or ``"...".format(...)``, a C# ``$"..."``).  A word such as ``your-domain``,
    ``SITE`` or ``<site>``, or ``{site}`` in any other text, is a placeholder.
    """
    label = literal.label
    if "$" in label or "#{" in label or "%" in label or "{{" in label:
        return False
    if label.startswith("{") and label.endswith("}"):
        return not _interpolates_braces(literal)
    return is_placeholder_site_label(label)


def _interpolates_braces(literal: SiteLiteral) -> bool:
    text = literal.line_text
    quote_at = max(text.rfind(quote, 0, literal.host_start) for quote in _QUOTES)
    if quote_at > 0:
        prefix = text[max(quote_at - 2, 0) : quote_at].lower()
        if "f" in prefix or "$" in prefix:
            return True
    return ".format(" in text[literal.host_start :]
