"""HTTP method normalising: the one place a written method becomes ``GET``/``POST``/...

Two strictnesses, because sources differ: code that names a method (``requests.request
("delete", url)``, ``{ method: 'PUT' }``) is trusted only for the methods Atlassian's APIs
use (:data:`~scopelint.model.HTTP_METHODS`); a tool that sends whatever it is told (``curl
-X PROPFIND``, a Postman request) gives any one-word method (letters, maybe hyphenated; a
variable such as ``$METHOD`` is no method).
"""

from __future__ import annotations

from scopelint.common.lazy_re import lazy_compile
from scopelint.model import HTTP_METHODS

_TOKEN_RE = lazy_compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")  # PROPFIND, M-SEARCH; never $METHOD
KNOWN_METHODS: frozenset[str] = frozenset(HTTP_METHODS)
# Methods a command line may name that Atlassian's documents do not use.
OTHER_METHODS: frozenset[str] = frozenset({"TRACE", "CONNECT"})


def method_word(text: str | None) -> str | None:
    """``" delete "`` -> ``"DELETE"``; None unless it is one of the known HTTP methods."""
    if text is None:
        return None
    upper = text.strip().upper()
    return upper if upper in KNOWN_METHODS else None


def method_token(text: str | None) -> str | None:
    """Any one-word method, upper case (``propfind`` -> ``PROPFIND``); None otherwise."""
    if text is None:
        return None
    stripped = text.strip()
    return stripped.upper() if _TOKEN_RE.fullmatch(stripped) else None
