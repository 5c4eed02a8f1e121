"""Download one URL with the standard library: the only place scopelint talks to the network.

Every failure becomes one line naming the URL (timeout, unknown host, connection refused,
an HTTP status other than 200, an answer larger than allowed); nothing is retried.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import urllib.error
import urllib.request
from typing import IO, Any
from urllib.parse import urlsplit

from scopelint import __version__
from scopelint.errors import DocumentError

DEFAULT_TIMEOUT = 20.0
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
_CHUNK = 64 * 1024


class DownloadError(DocumentError):
    """A URL that could not be downloaded; ``str()`` is one line naming the URL."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


def user_agent() -> str:
    return f"scopelint/{__version__}"


def origin_of(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    return parts.scheme.lower(), (parts.hostname or "").lower(), parts.port


class _SameOriginRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only when it stays on the scheme, host and port first asked."""

    def __init__(self, origin: tuple[str, str, int | None]) -> None:
        self.origin = origin

    def redirect_request(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str,
        headers: Any, newurl: str,
    ) -> urllib.request.Request | None:
        if origin_of(newurl) != self.origin:
            raise DownloadError(
                f"{req.full_url}: redirected to another host ({_host_of(newurl)}); not following it",
                status=code,
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _host_of(url: str) -> str:
    return urlsplit(url).netloc or url


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):g} MB"
    if count >= 1024:
        return f"{count / 1024:g} KB"
    return f"{count} bytes"


def _seconds(timeout: float) -> str:
    return f"{timeout:g} s"


def fetch_bytes(
    url: str,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    *,
    accept: str = "application/json",
    same_origin_only: bool = False,
) -> bytes:
    """GET ``url`` and return the body of a 200 answer; raise :class:`DownloadError` otherwise.

    ``timeout`` bounds connecting and each wait for data.  ``same_origin_only`` refuses
    redirects that leave the scheme/host/port of ``url``.
    """
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise DownloadError(f"{url}: only http and https URLs can be downloaded")
    request = urllib.request.Request(
        url, headers={"User-Agent": user_agent(), "Accept": accept}, method="GET"
    )
    handlers: list[urllib.request.BaseHandler] = []
    if same_origin_only:
        handlers.append(_SameOriginRedirects(origin_of(url)))
    opener = urllib.request.build_opener(*handlers)
    try:
        with opener.open(request, timeout=timeout) as response:
            status = response.status
            if status != 200:
                raise DownloadError(f"{url}: HTTP {status} {response.reason}".rstrip(), status=status)
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise DownloadError(f"{url}: answer is {_size(int(declared))}, more than the "
                                    f"{_size(max_bytes)} allowed")
            return _read_limited(response, url, max_bytes)
    except DownloadError:
        raise
    except urllib.error.HTTPError as exc:
        reason = f" {exc.reason}" if exc.reason else ""
        raise DownloadError(f"{url}: HTTP {exc.code}{reason}", status=exc.code) from None
    except urllib.error.URLError as exc:
        raise DownloadError(f"{url}: {_describe_reason(exc.reason, url, timeout)}") from None
    except TimeoutError:
        raise DownloadError(f"{url}: no answer within {_seconds(timeout)} (timed out)") from None
    except http.client.HTTPException as exc:  # a bad status line, a body cut short, ...
        raise DownloadError(f"{url}: broken HTTP answer ({type(exc).__name__})") from None
    except (OSError, ValueError) as exc:  # connection reset mid-body, ...
        raise DownloadError(f"{url}: {_describe_reason(exc, url, timeout)}") from None


def _read_limited(response: Any, url: str, max_bytes: int) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = response.read(_CHUNK)
        if not chunk:
            break
        total += len(chunk)
        if total > max_bytes:
            raise DownloadError(f"{url}: answer is larger than the {_size(max_bytes)} allowed")
        chunks.append(chunk)
    return b"".join(chunks)


def _describe_reason(reason: object, url: str, timeout: float) -> str:
    host = urlsplit(url).hostname or url
    if isinstance(reason, socket.gaierror):
        return f"cannot resolve host {host!r} (DNS lookup failed)"
    if isinstance(reason, TimeoutError):
        return f"no answer within {_seconds(timeout)} (timed out)"
    if isinstance(reason, ConnectionRefusedError):
        return f"connection refused by {urlsplit(url).netloc}"
    if isinstance(reason, ConnectionResetError):
        return f"connection reset by {urlsplit(url).netloc}"
    if isinstance(reason, ssl.SSLCertVerificationError):
        return f"TLS certificate of {host} not trusted ({reason.verify_message or reason})"
    if isinstance(reason, ssl.SSLError):
        return f"TLS error talking to {host} ({reason.reason or reason})"
    if isinstance(reason, OSError):
        return f"cannot connect ({reason.strerror or reason})"
    text = str(reason).strip().splitlines()
    return text[0] if text else "download failed"
