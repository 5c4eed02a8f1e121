"""Is any of a fixed set of byte strings in a file?  The scanner's byte-level prefilters.

Most files of a large tree hold nothing Atlassian; telling them apart is the prefilter's job,
and it must cost about what reading the bytes costs.  Python's ``marker in data`` scans the
whole file once per marker (the scanner's prefilter has ~70 markers, most ending in a common
letter: ~2.6 GB/s per marker, 5.4 s of CPU over the 200 MB benchmark tree), so a large run
searches all markers in one pass with an Aho-Corasick automaton (``ahocorasick_rs``, the
Rust ``aho-corasick`` crate ripgrep uses; 0.4 s over the same tree).  A run that has read
less than :data:`AUTOMATON_AFTER` bytes (a pre-commit hook on a few files) keeps the
``in`` loop: it is as fast on a few small files and spares the import.  Both answer the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ahocorasick_rs import BytesAhoCorasick

AUTOMATON_AFTER = 512 * 1024  # bytes searched in this process before the automaton pays
_WINDOW = 256 * 1024


class Markers:
    """A fixed set of non-empty byte strings; :meth:`any_in` tells whether one occurs."""

    __slots__ = ("_automaton", "_longest", "_markers", "_searched")

    def __init__(self, markers: tuple[bytes, ...]) -> None:
        if not markers or not all(markers):
            raise ValueError("markers must be non-empty byte strings")
        self._markers = tuple(dict.fromkeys(markers))
        self._longest = max(len(marker) for marker in self._markers)
        self._automaton: BytesAhoCorasick | None = None
        self._searched = 0

    @property
    def markers(self) -> tuple[bytes, ...]:
        return self._markers

    def any_in(self, data: bytes) -> bool:
        """Does any marker occur in ``data``?"""
        automaton = self._automaton
        if automaton is None:
            self._searched += len(data)
            if self._searched <= AUTOMATON_AFTER:
                return any(marker in data for marker in self._markers)
            automaton = self._automaton = _automaton(self._markers)
        # in windows, so a file full of matches does not build a list of them all; the
        # windows overlap by a marker's length less one, so none is cut in two
        view = memoryview(data)
        step, overlap = _WINDOW, self._longest - 1
        for start in range(0, max(len(data) - overlap, 1), step):
            if automaton.find_matches_as_indexes(view[start : start + step + overlap]):
                return True
        return False

    def any_in_slow(self, data: bytes) -> bool:
        """The same answer by one ``in`` per marker (the reference the tests compare with)."""
        return any(marker in data for marker in self._markers)


def _automaton(markers: tuple[bytes, ...]) -> BytesAhoCorasick:
    from ahocorasick_rs import BytesAhoCorasick, MatchKind

    return BytesAhoCorasick(list(markers), matchkind=MatchKind.LeftmostFirst)
