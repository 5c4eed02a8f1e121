"""The endpoints `scopelint suggest` works on, from the command line, a file, or a code tree.

One endpoint is ``METHOD URL`` (``GET /rest/api/3/issue/PPT-28``), or a URL alone, which means
GET.  A value may hold several, one per line or separated by commas (a comma inside a URL,
as in ``?fields=a,b``, stays in the URL).  ``#`` starts a comment at the start of a line or
after a space.  A trailing ``HTTP/1.1`` (a pasted request line) is ignored.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from scopelint.errors import ScopelintError
from scopelint.kb.sdk import public_path
from scopelint.model import HTTP_METHODS

# a comma that starts a new endpoint: followed by a method and a space, or by a URL/path start
_ITEM_SEPARATOR = re.compile(
    r",\s*(?=(?:[A-Za-z]+\s+\S)|/|https?://|rest/|wiki/|2\.0/)"
)
_COMMENT = re.compile(r"(?:^|\s)#.*$")
_HTTP_VERSION = re.compile(r"^HTTP/\d(?:\.\d)?$", re.IGNORECASE)
_WORD = re.compile(r"^[A-Za-z]+$")


@dataclass(frozen=True, slots=True)
class EndpointInput:
    """One endpoint to look up, as the user gave it."""

    input: str  # the item as written (whitespace trimmed)
    method: str | None  # upper case; None only for a call site whose method is unknown
    url: str
    sources: tuple[str, ...] = ()  # "file:line" of the call sites it came from (--from)
    error: str | None = None  # why the item could not be read (it then counts as unknown)

    @property
    def label(self) -> str:
        return f"{self.method or 'GET'} {self.url}" if not self.error else self.input


def split_items(text: str) -> list[str]:
    """The endpoint items of one value or file: lines and comma-separated parts, no comments."""
    items: list[str] = []
    for raw_line in text.splitlines():
        line = _COMMENT.sub("", raw_line).strip()
        if not line:
            continue
        items.extend(part.strip() for part in _ITEM_SEPARATOR.split(line) if part.strip())
    return items


def parse_item(item: str) -> EndpointInput:
    """``METHOD URL`` or ``URL`` (GET) -> EndpointInput; a malformed item carries an error."""
    words = item.split()
    if len(words) >= 2 and _HTTP_VERSION.match(words[-1]):
        words = words[:-1]
    if len(words) == 1:
        return EndpointInput(item, "GET", words[0])
    method, url = words[0], words[1] if len(words) > 1 else ""
    if method.upper() not in HTTP_METHODS:
        if _WORD.match(method):
            reason = f"unknown HTTP method {method!r} (expected one of {', '.join(HTTP_METHODS)})"
        else:
            reason = "expected METHOD URL, or a URL alone"
        return EndpointInput(item, None, url or item, error=reason)
    if len(words) > 2:
        return EndpointInput(
            item, method.upper(), url, error=f"unexpected text after the URL: {' '.join(words[2:])!r}"
        )
    return EndpointInput(item, method.upper(), url)


def parse_text(text: str) -> list[EndpointInput]:
    return [parse_item(item) for item in split_items(text)]


def read_endpoints_file(name: str) -> str:
    """The text of ``--endpoints-file`` (``-``: standard input)."""
    if name == "-":
        return sys.stdin.read()
    path = Path(name)
    try:
        return path.read_text(encoding="utf-8-sig", errors="replace")
    except FileNotFoundError:
        raise ScopelintError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise ScopelintError(f"{name}: is a directory, not an endpoints file") from None
    except OSError as exc:
        raise ScopelintError(f"{name}: cannot read ({exc.strerror or exc})") from None


def from_code(
    paths: Sequence[str], *, exclude: Sequence[str] = (), config: Path | bool = True
) -> list[EndpointInput]:
    """The calls ``scopelint calls`` finds under ``paths`` (base URLs are not endpoints).

    ``exclude``: gitignore-style globs; ``config``: the configuration whose ``exclude`` also
    applies (True: the one ``check`` finds; a path: that file; False: none).
    """
    try:
        from scopelint.check.engine import find_calls
    except ModuleNotFoundError as exc:
        if exc.name != "scopelint.check.engine":
            raise
        raise ScopelintError(
            "--from needs the code scanner (scopelint.check.engine.find_calls), "
            "which this installation does not have"
        ) from None
    items: list[EndpointInput] = []
    for site in find_calls(list(paths), exclude=exclude, config=config):
        if site.kind != "call":
            continue
        method = site.method.upper() if site.method else None
        where = f"{site.location.path}:{site.location.line}"
        if site.sdk is not None and site.sdk.reason is not None:
            # an SDK method its table has no request for: named, never guessed at
            items.append(EndpointInput(f"{site.via}(...)", method, site.url, sources=(where,),
                                       error=f"unresolved SDK call: {site.sdk.reason}"))
            continue
        # an SDK table's placeholder names ({receiver0}, {returned}) are not the user's: {…}
        url = site.url if site.sdk is None else public_path(site.url, None)
        label = f"{method} {url}" if method else url
        items.append(EndpointInput(label, method, url, sources=(where,)))
    return items


def merge_duplicates(items: Iterable[EndpointInput]) -> list[EndpointInput]:
    """One entry per distinct (method, URL), first occurrence first, sources combined."""
    merged: dict[tuple[str | None, str, str | None], EndpointInput] = {}
    for item in items:
        key = (item.method, item.url, item.error)
        previous = merged.get(key)
        if previous is None:
            merged[key] = item
        elif item.sources:
            sources = previous.sources + tuple(s for s in item.sources if s not in previous.sources)
            merged[key] = EndpointInput(
                previous.input, previous.method, previous.url, sources, previous.error
            )
    return list(merged.values())
