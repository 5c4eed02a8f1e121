"""Read a HAR 1.x file (HTTP Archive) as a stream of recorded requests, in bounded memory.

HAR is what browser devtools, Charles, Proxyman, mitmproxy, Postman and Insomnia export
(W3C Web Performance WG draft "HTTP Archive (HAR) format", version 1.2).  The file is parsed
by ``ijson`` (yajl2 C backend) as a stream of events: memory stays flat however large the
file is, except that one JSON string value (one response body) is held whole while parsed.
Nesting is read ``MAX_DEPTH`` levels down; an entry nested deeper is skipped with a warning.

Of each entry only these are read: ``request.method``, ``request.url``, the *names* of
``request.headers`` (and the scheme word of ``Authorization``), whether ``request.cookies`` is
non-empty, ``response.status``, and ``response.content.text``/``encoding`` (kept only for the
statuses in ``EXPLAINED_STATUSES``).  Request bodies (``postData``) are never read.

Positions: the parser is fed line by line (and, on long minified lines, in pieces that start
at each ``"url"`` key), so the request's ``url`` value gets an exact line and, in pretty-printed
or minified files alike, the column of its first character (Unicode code points, 1-based).

Problems are one-line warnings naming the file and the entry (``WarningLog``); a file from
which nothing can be read raises ``RecordingError``.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import ijson

from scopelint.errors import ScopelintError
from scopelint.model import Location
from scopelint.observe.records import (
    BODY_LIMIT,
    EXPLAINED_STATUSES,
    RecordedRequest,
    WarningLog,
    auth_kind,
    redact_text,
    safe_url,
)


class RecordingError(ScopelintError):
    """A recording from which nothing can be read (the message names the file)."""


_ENTRY = "log.entries.item"
_REQUEST = _ENTRY + ".request"
_HEADER = _REQUEST + ".headers.item"
_CONTENT = _ENTRY + ".response.content"
_URL_KEY = re.compile(rb'(?="url")')
_LONG_LINE = 512  # bytes: a longer line is fed in pieces that start at each "url" key
_CONTINUATION = bytes(range(0x80, 0xC0))  # UTF-8 continuation bytes (no code point of their own)
_BASE64_LIMIT = 1 << 20  # an error body larger than this (base64) is not decoded
_PIECE_LIMIT = 1 << 20  # bytes fed at once at most: the events of one piece are held together
MAX_DEPTH = 200  # levels of nesting read; a deeper container is skipped (HAR needs about 8)


def _bounded(pieces: Iterable[bytes]) -> Iterator[bytes]:
    for piece in pieces:
        if len(piece) <= _PIECE_LIMIT:
            yield piece
        else:
            for start in range(0, len(piece), _PIECE_LIMIT):
                yield piece[start:start + _PIECE_LIMIT]


def _code_points(data: bytes) -> int:
    return len(data) if data.isascii() else len(data.translate(None, _CONTINUATION))


def _reason(exc: Exception) -> str:
    """The parser's own words (``lexical error: invalid char in json text``), never the bytes
    of the file it quotes after them (yajl adds the text near the error, and an arrow)."""
    raw: Any = exc.args[0] if exc.args else ""
    if isinstance(raw, (bytes, bytearray)):
        raw = bytes(raw).decode("utf-8", "replace")
    first = str(raw).split("\n", 1)[0].strip().rstrip(".")
    return first if first.isprintable() and first.isascii() and first else type(exc).__name__


class _Entry:
    """What is read of one entry while its events stream past."""

    __slots__ = ("cookies", "encoding", "header_name", "header_value", "location", "method",
                 "scheme", "status", "text", "url")

    def __init__(self) -> None:
        self.method: str | None = None
        self.url: str | None = None
        self.location: Location | None = None
        self.status: Any = None
        self.text: str | None = None
        self.encoding: str | None = None
        self.scheme: str | None = None  # the first word of the Authorization header
        self.cookies = False
        self.header_name: str | None = None
        self.header_value: str | None = None


class HarReader:
    """Streams the entries of one HAR file; see the module docstring.

    ``wanted(url)`` says which requests to yield (the others are only counted); it is given
    the URL exactly as recorded and must not keep it.  After iteration, ``entries`` is the
    number of entries seen and ``requests`` the number yielded.
    """

    def __init__(
        self, source: str, warnings: WarningLog, wanted: Callable[[str], bool] = lambda _url: True
    ) -> None:
        self.source = source
        self.warnings = warnings
        self.wanted = wanted
        self.entries = 0
        self.requests = 0
        self._seen_log = False
        self._seen_entries = False
        self._top_checked = False
        self._entry: _Entry | None = None
        self._line = 1
        self._column = 1  # code point column where the current piece starts
        self._piece = b""
        self._after_cr = False
        self._out: list[RecordedRequest] = []
        self._bases: list[str] = []  # the prefix of every open container, outermost first
        self._prefix = ""  # the prefix of the next value
        self._deep = 0  # levels open inside a container skipped for its depth

    # ------------------------------------------------------------------ feeding

    def read(self, blocks: Iterable[bytes]) -> Iterator[RecordedRequest]:
        events: Any = ijson.sendable_list()
        coro = ijson.basic_parse_coro(events)  # prefixes are built here, up to MAX_DEPTH
        out = self._out
        try:
            for block in blocks:
                for line in block.splitlines(keepends=True):
                    long_with_url = len(line) > _LONG_LINE and b'"url"' in line
                    pieces = _URL_KEY.split(line) if long_with_url else (line,)
                    for piece in _bounded(pieces):
                        if not piece:
                            continue
                        self._piece = piece
                        coro.send(piece)
                        if events:
                            self._handle(events)
                            del events[:]
                            if out:
                                yield from out
                                out.clear()
                        last = piece[-1:]
                        if last == b"\n" or last == b"\r":
                            if not (piece == b"\n" and self._after_cr):  # a CR LF cut by a block end
                                self._line += 1
                            self._after_cr = last == b"\r"
                            self._column = 1
                        else:
                            self._after_cr = False
                            self._column += _code_points(piece)
            coro.close()
            if events:
                self._handle(events)
        except ijson.JSONError as exc:
            self._broken(exc)
        except RecursionError:
            self._broken(ValueError("nested too deeply"))
        yield from out
        out.clear()
        if not self._seen_log or not self._seen_entries:
            raise RecordingError(f"{self.source}: not a HAR file (no log.entries list)")

    def _broken(self, exc: Exception) -> None:
        reason = redact_text(_reason(exc))
        complete = self.entries - (1 if self._entry is not None else 0)
        if not self._top_checked and self._line == 1 and self._column == 1 and not self._piece.strip():
            raise RecordingError(f"{self.source}: the file is empty, not a HAR file")
        if not self._seen_entries or self.entries == 0:
            what = "not valid JSON" if not self._seen_log else "broken JSON before any entry"
            raise RecordingError(f"{self.source}: {what} at line {self._line} ({reason})")
        self.warnings.add(
            "broken",
            f"truncated or broken JSON at line {self._line} ({reason}); "
            f"read the {complete} complete entries before it",
        )

    # ------------------------------------------------------------------ events

    def _prefixed(self, events: list[tuple[str, Any]]) -> Iterator[tuple[str, str, Any]]:
        """ijson's (prefix, event, value) from its basic events, as ``ijson.parse`` builds them,
        except that a container opened ``MAX_DEPTH`` levels down is skipped whole (one
        warning; the entry it is in is skipped): a prefix is never longer than that, so
        ``[[[[...`` costs memory by its depth, not by its depth squared."""
        bases = self._bases  # the prefix of every open container, outermost first
        prefix = self._prefix  # the prefix of the next value
        for event, value in events:
            if self._deep:
                if event == "start_map" or event == "start_array":
                    self._deep += 1
                elif event == "end_map" or event == "end_array":
                    self._deep -= 1
                continue
            if event == "map_key":
                base = bases[-1]
                yield base, event, value
                prefix = f"{base}.{value}" if base else value
            elif event == "start_map" or event == "start_array":
                if len(bases) >= MAX_DEPTH:
                    self._prefix = prefix
                    self._too_deep()
                    continue
                yield prefix, event, value
                bases.append(prefix)
                if event == "start_array":
                    prefix = f"{prefix}.item" if prefix else "item"
            elif event == "end_map" or event == "end_array":
                prefix = bases.pop()
                yield prefix, event, value
            else:
                yield prefix, event, value
        self._prefix = prefix

    def _too_deep(self) -> None:
        self._deep = 1
        if self._entry is not None:
            self._entry = None  # its end is not finished: the entry is skipped
            self.warnings.add("deep", f"entry {self.entries} is nested deeper than {MAX_DEPTH} "
                                      "levels; skipped")
        elif not self._prefix.startswith(_ENTRY):  # (an entry that is no object: warned)
            self.warnings.add("deep", f"a value outside the entries is nested deeper than {MAX_DEPTH} "
                                      "levels; skipped")

    def _handle(self, events: list[tuple[str, Any]]) -> None:
        for prefix, event, value in self._prefixed(events):
            if not prefix.startswith(_ENTRY):
                self._outer(prefix, event, value)
                continue
            entry = self._entry
            if prefix == _ENTRY:
                if event == "start_map":
                    self.entries += 1
                    self._entry = _Entry()
                elif event == "end_map":
                    if entry is not None:
                        self._finish(entry)
                    self._entry = None
                elif event in ("string", "number", "boolean", "null", "start_array"):
                    self.entries += 1
                    self.warnings.add("entry-shape", f"entry {self.entries} is not an object; skipped")
                continue
            if entry is None or event in ("map_key", "start_map", "end_map", "start_array", "end_array"):
                if entry is not None and prefix == _HEADER:
                    if event == "start_map":
                        entry.header_name = entry.header_value = None
                    elif event == "end_map":
                        self._header(entry)
                elif entry is not None and prefix == _REQUEST + ".cookies.item" and event == "start_map":
                    entry.cookies = True
                continue
            if prefix == _REQUEST + ".url":
                entry.url = value if isinstance(value, str) else None
                entry.location = self._url_location()
            elif prefix == _REQUEST + ".method":
                entry.method = value.upper() if isinstance(value, str) and value.strip() else None
            elif prefix == _HEADER + ".name":
                entry.header_name = value if isinstance(value, str) else None
            elif prefix == _HEADER + ".value":
                entry.header_value = value if isinstance(value, str) else None
            elif prefix == _ENTRY + ".response.status":
                entry.status = value
            elif prefix == _CONTENT + ".text":
                entry.text = value[: BODY_LIMIT * 2] if isinstance(value, str) else None
            elif prefix == _CONTENT + ".encoding":
                entry.encoding = value if isinstance(value, str) else None

    def _outer(self, prefix: str, event: str, value: Any) -> None:
        if not self._top_checked:
            self._top_checked = True
            if event != "start_map":
                raise RecordingError(f"{self.source}: not a HAR file (the top level is not an object)")
        if prefix == "" and event == "map_key" and value == "log":
            self._seen_log = True
        elif prefix == "log.entries" and event == "start_array":
            self._seen_entries = True
        elif prefix == "log.version" and event == "string" and not value.startswith("1."):
            self.warnings.add("version", f"HAR version {value[:20]!r} is not 1.x; read as HAR 1.2")

    def _header(self, entry: _Entry) -> None:
        name = (entry.header_name or "").strip().lower()
        if name == "authorization" and entry.header_value is not None:
            entry.scheme = entry.header_value.strip().split(" ", 1)[0][:16] or None
        elif name == "cookie" and entry.header_value:
            entry.cookies = True
        entry.header_name = entry.header_value = None  # the value is never kept

    def _url_location(self) -> Location:
        """The line and column where the ``url`` value that just ended starts."""
        piece = self._piece
        key = piece.rfind(b'"url"')
        if key == -1:
            return Location(self.source, self._line, self._column)
        quote = piece.find(b'"', key + 5)
        start = quote + 1 if quote != -1 else key
        return Location(self.source, self._line, self._column + _code_points(piece[:start]))

    # ------------------------------------------------------------------ one entry

    def _finish(self, entry: _Entry) -> None:
        number = self.entries
        if not entry.url or not entry.url.strip():
            self.warnings.add("no-url", f"entry {number} has no request URL; skipped")
            return
        if not self.wanted(entry.url):
            return
        url = safe_url(entry.url)
        if url is None:
            self.warnings.add("bad-url", f"entry {number}: the request URL is not an absolute http(s) URL; "
                                         "skipped")
            return
        if entry.method is None:
            self.warnings.add("no-method", f"entry {number} has no request method; read as GET")
        status = entry.status if isinstance(entry.status, int) and 100 <= entry.status <= 599 else None
        body = self._body(entry, number) if status in EXPLAINED_STATUSES else None
        location = entry.location or Location(self.source, self._line, 1)
        self.requests += 1
        self._out.append(RecordedRequest(
            location=location,
            entry=number,
            method=entry.method or "GET",
            url=url,
            status=status,
            auth=auth_kind(entry.scheme, entry.cookies, entry.url),
            body=body,
        ))

    def _body(self, entry: _Entry, number: int) -> str | None:
        text = entry.text
        if text is None:
            return None
        if (entry.encoding or "").lower() == "base64":
            raw = text.strip()
            if len(raw) > _BASE64_LIMIT:
                return None
            try:
                data = base64.b64decode(raw[: len(raw) - len(raw) % 4], validate=True)
            except (binascii.Error, ValueError):
                self.warnings.add("base64", f"entry {number}: the {entry.status} answer's body is not "
                                            "valid base64; its error message was not read")
                return None
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                self.warnings.add("binary", f"entry {number}: the {entry.status} answer's body is "
                                            "binary; its error message was not read")
                return None
        elif "\x00" in text[:BODY_LIMIT]:
            self.warnings.add("binary", f"entry {number}: the {entry.status} answer's body is binary; "
                                        "its error message was not read")
            return None
        return redact_text(text[:BODY_LIMIT])
