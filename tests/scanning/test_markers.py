"""The prefilter's multi-marker search answers what one ``in`` per marker answers, whichever
way it searches (the ``in`` loop of a small run, the automaton of a large one), also for a
marker cut by the edge of a search window."""

from __future__ import annotations

import pytest

from scopelint.scanning.core import markers as markers_module
from scopelint.scanning.core.markers import Markers
from scopelint.scanning.scan import _MARKERS

MARKERS = Markers((b"atlassian", b"/rest/", b":jira", b"read%3Ame"))


def _automaton_now(found: Markers) -> Markers:
    found._searched = markers_module.AUTOMATON_AFTER + 1  # as after a large run
    return found


@pytest.mark.parametrize("automaton", [False, True])
@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", False),
        (b"plain text, nothing here", False),
        (b"https://acme.atlassian.net/x", True),
        (b"scope=read%3Ame", True),
        (b"scope=read%3ame", False),  # markers are exact bytes
        (b"ATLASSIAN", False),
        (b"x" * 5 + b"/rest", False),
        (b"x" * 300_000 + b"/rest/", True),  # past the first window
    ],
)
def test_answers_as_one_in_per_marker(data: bytes, expected: bool, automaton: bool) -> None:
    found = Markers(MARKERS.markers)
    if automaton:
        _automaton_now(found)
    assert found.any_in(data) is expected
    assert found.any_in_slow(data) is expected


def test_a_marker_across_a_window_edge_is_found() -> None:
    found = _automaton_now(Markers(MARKERS.markers))
    window = markers_module._WINDOW
    for cut in range(1, len(b"atlassian")):
        data = b"." * (window - cut) + b"atlassian" + b"." * 50
        assert found.any_in(data), cut
    assert not found.any_in(b"." * (3 * window + 7))


def test_the_scanner_prefilter_agrees_on_its_own_markers() -> None:
    scanner = _automaton_now(Markers(_MARKERS.markers))
    for marker in _MARKERS.markers:
        data = b"const x = 1;\n" * 100 + b"// " + marker + b"\n"
        assert scanner.any_in(data) and scanner.any_in_slow(data), marker
        assert not scanner.any_in(data.replace(marker, b"")) or scanner.any_in_slow(
            data.replace(marker, b"")
        )


def test_empty_markers_are_refused() -> None:
    with pytest.raises(ValueError):
        Markers((b"a", b""))
