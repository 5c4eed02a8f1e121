"""Patterns compiled on first use behave as re.compile's, and cost nothing until then."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from scopelint.common.lazy_re import lazy_compile


def test_a_lazy_pattern_answers_as_the_compiled_one() -> None:
    eager = re.compile(r"(?P<key>[A-Z]+)-(\d+)", re.IGNORECASE)
    lazy = lazy_compile(r"(?P<key>[A-Z]+)-(\d+)", re.IGNORECASE)
    text = "see ppt-28 and SUP-1"
    assert lazy.search(text)[0] == eager.search(text)[0] == "ppt-28"  # type: ignore[index]
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in eager.finditer(text)]
    assert lazy.sub(r"\g<key>", text) == eager.sub(r"\g<key>", text) == "see ppt and SUP"
    assert lazy.fullmatch("SUP-1") is not None and lazy.match(text) is None
    assert lazy.findall(text) == eager.findall(text) and lazy.split(text) == eager.split(text)
    assert (lazy.pattern, lazy.flags, lazy.groups, lazy.groupindex) == (
        eager.pattern, eager.flags, eager.groups, eager.groupindex)


def test_bytes_patterns_work_too() -> None:
    assert lazy_compile(rb"\r\n|\r|\n").split(b"a\r\nb\rc") == [b"a", b"b", b"c"]


def test_a_bad_pattern_fails_on_first_use_with_re_error() -> None:
    bad = lazy_compile(r"(unclosed")
    with pytest.raises(re.error):
        bad.search("x")


def test_nothing_is_compiled_before_the_first_use() -> None:
    probe = (
        "import re, sys\n"
        "from scopelint.common.lazy_re import lazy_compile\n"
        "re.purge()\n"
        "p = lazy_compile(r'never-used-[0-9]+x')\n"
        "print(len(re._cache))\n"
        "p.search('never-used-1x')\n"
        "print(len(re._cache))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["0", "1"]
