"""Read a plain request log: one request per line, ``METHOD URL [STATUS]``.

That is what ``curl -w '%{method} %{url_effective} %{http_code}\\n'`` prints, and what a proxy
or a wrapper can write in one line.  A URL alone means GET; a status of ``000`` (curl: no
answer) or ``-`` means no answer was recorded.  Blank lines and lines starting with ``#`` are
skipped.  A request log carries no headers and no bodies, so nothing says how a request
authenticated (``auth == "unknown"``) or what an error answer said.

A line that is none of these is one warning (``file:line``), at most ten, then a count.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from scopelint.model import HTTP_METHODS, Location
from scopelint.observe.records import RecordedRequest, WarningLog, safe_url

LINE_LIMIT = 64 * 1024  # characters: a longer line is not a request line


class LogReader:
    """Streams the requests of one request log (text lines, any line ending)."""

    def __init__(
        self, source: str, warnings: WarningLog, wanted: Callable[[str], bool] = lambda _url: True
    ) -> None:
        self.source = source
        self.warnings = warnings
        self.wanted = wanted
        self.entries = 0  # request lines read (comments and blank lines are not entries)
        self.requests = 0
        self.bad = 0  # lines that are no request line
        self.written = False  # a line other than white space was seen (a comment counts)

    def finish(self) -> None:
        """Raise RecordingError when the file is empty (nothing but white space), or held lines
        but none was a request line."""
        if not self.written:
            from scopelint.observe.har import RecordingError

            raise RecordingError(f"{self.source}: the file is empty, not a request log")
        if self.entries and self.bad == self.entries:
            from scopelint.observe.har import RecordingError

            raise RecordingError(f"{self.source}: not a request log (no line reads METHOD URL [STATUS])")

    def read(self, lines: Iterable[str]) -> Iterator[RecordedRequest]:
        for number, line in enumerate(lines, 1):
            request = self._line(number, line)
            if request is not None:
                self.requests += 1
                yield request

    def _line(self, number: int, line: str) -> RecordedRequest | None:
        text = line.strip()
        if not text:
            return None
        self.written = True
        if text.startswith("#"):
            return None
        self.entries += 1
        if len(text) > LINE_LIMIT or "\x00" in text:
            self.bad += 1
            self.warnings.add("bad-line", f"line {number} is not a request line (binary or too long); "
                                          "skipped")
            return None
        words = text.split()
        method: str | None = "GET"
        if words[0].upper() in HTTP_METHODS:
            method, words = words[0].upper(), words[1:]
        if not words or len(words) > 2 or "://" not in words[0]:
            self.bad += 1
            self.warnings.add("bad-line", f"line {number}: expected METHOD URL [STATUS]; skipped")
            return None
        raw_url = words[0]
        status: int | None = None
        if len(words) == 2:
            word = words[1]
            if word.isdigit() and len(word) == 3 and (word == "000" or 100 <= int(word) <= 599):
                status = int(word) or None
            elif word != "-":
                self.warnings.add("bad-line", f"line {number}: the word after the URL is not an "
                                              "HTTP status; read the request without one")
        if not self.wanted(raw_url):
            return None
        url = safe_url(raw_url)
        if url is None:
            self.warnings.add("bad-url", f"line {number}: the URL is not an absolute http(s) URL; skipped")
            return None
        column = line.find(raw_url) + 1
        return RecordedRequest(
            location=Location(self.source, number, max(column, 1)),
            entry=number,
            method=method,
            url=url,
            status=status,
        )
