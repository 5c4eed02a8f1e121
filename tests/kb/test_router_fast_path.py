"""The router's fast path (first choice at every step) finds what the full search finds."""

from __future__ import annotations

import random
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from scopelint.kb.router import Router, _descend, _find
from scopelint.kb.table import KnowledgeBase

_PARAM = re.compile(r"\{[^{}/]+\}")
_VALUES = ("PPT-28", "10001", "abc", "{key}", "${id}", ":id", "%s", "a%2Fb", "properties", "")


def _segments(router: Router, url: str) -> list[str]:
    path = router.normalise(url)[0]
    return path.split("/")[1:]


def test_fast_path_agrees_with_the_full_search_on_every_filled_template(kb: KnowledgeBase) -> None:
    router = kb.router
    rng = random.Random(3)
    checked = 0
    for op in kb.operations:
        for _ in range(4):
            path = _PARAM.sub(lambda _: rng.choice(_VALUES), op.path)
            for extra in ("", "/more", "/a/b/c"):
                segments = _segments(router, path + extra)
                full = _descend(router._root, segments, 0, len(segments))
                assert _find(router._root, segments) is full, path + extra
                checked += 1
    assert checked > 20_000


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["rest", "api", "3", "2", "issue", "wiki", "2.0", "repositories",
                                 "{x}", "PPT-28", "properties", "x", "content", "pages", "comment"]),
                max_size=9))
def test_fast_path_agrees_with_the_full_search_on_arbitrary_paths(
    kb: KnowledgeBase, parts: list[str]
) -> None:
    router = kb.router
    segments = _segments(router, "/" + "/".join(parts))
    assert _find(router._root, segments) is _descend(router._root, segments, 0, len(segments))
