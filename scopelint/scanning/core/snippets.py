"""Text cut out of another file, with the original offset of every character.

Formats that embed another language (shell in a Makefile recipe, a Dockerfile ``RUN``, a CI
``script:`` block, a ``curl`` command in a ``.http`` file) build a :class:`Snippet` with a
:class:`SnippetBuilder` and hand it to that language's package, whose candidates then point
into the original file (:meth:`Snippet.original`).

An expression of the host format that stands for an unknowable value (a make function, a CI
expression) is written into the snippet as the variable :data:`UNKNOWN_VAR`; :func:`clean_url`
turns it into the anonymous placeholder ``{}``.
"""

from __future__ import annotations

from scopelint.scanning.urls import normalise_placeholders

# A variable whose name nobody can know (a make function, a CI expression): becomes ``{}``.
UNKNOWN_VAR = "__SL_EXPR__"


def clean_url(url: str) -> str:
    """Normalise placeholders and turn the unknown-variable marker into ``{}``."""
    return normalise_placeholders(url).replace("{" + UNKNOWN_VAR + "}", "{}")


class Snippet:
    """Text cut out of another file; ``offsets[i]`` is where ``text[i]`` came from."""

    __slots__ = ("offsets", "text")

    def __init__(self, text: str, offsets: list[int]) -> None:
        self.text = text
        self.offsets = offsets

    def original(self, offset: int) -> int:
        if not self.offsets:
            return 0
        return self.offsets[min(max(offset, 0), len(self.offsets) - 1)]


class SnippetBuilder:
    __slots__ = ("offsets", "parts")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.offsets: list[int] = []

    def add(self, text: str, original: int) -> None:
        """Append ``text`` that appears verbatim at ``original`` in the file."""
        self.parts.append(text)
        self.offsets.extend(range(original, original + len(text)))

    def add_token(self, text: str, original: int) -> None:
        """Append synthetic ``text`` whose every character maps to ``original``."""
        self.parts.append(text)
        self.offsets.extend([original] * len(text))

    def build(self) -> Snippet:
        return Snippet("".join(self.parts), self.offsets)
