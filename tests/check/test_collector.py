"""A run collects garbage less often, and gives the collector back as it found it: to the
library's caller after the run, and to worker processes forked during it."""

from __future__ import annotations

import gc
import multiprocessing
import sys
from collections.abc import Iterator

import pytest

from scopelint.check.collector import GC_YOUNG_THRESHOLD, fewer_collections


@pytest.fixture(autouse=True)
def default_thresholds() -> Iterator[None]:
    saved = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*saved)


def _child_threshold() -> tuple[int, ...]:
    return gc.get_threshold()


def test_the_threshold_is_raised_inside_and_restored_after_even_on_error() -> None:
    with fewer_collections():
        assert gc.get_threshold() == (GC_YOUNG_THRESHOLD, 10, 10)
    assert gc.get_threshold() == (700, 10, 10)
    with pytest.raises(RuntimeError), fewer_collections():
        raise RuntimeError("boom")
    assert gc.get_threshold() == (700, 10, 10)


def test_a_caller_who_tuned_or_disabled_the_collector_is_left_alone() -> None:
    gc.set_threshold(100_000, 5, 5)
    with fewer_collections():
        assert gc.get_threshold() == (100_000, 5, 5)
    gc.set_threshold(0)
    with fewer_collections():
        assert gc.get_threshold()[0] == 0


@pytest.mark.skipif(sys.platform == "win32", reason="no fork on Windows")
def test_a_worker_forked_during_a_run_collects_as_usual() -> None:
    context = multiprocessing.get_context("fork")
    with fewer_collections(), context.Pool(1) as pool:
        assert pool.apply(_child_threshold) == (700, 10, 10)
        assert gc.get_threshold()[0] == GC_YOUNG_THRESHOLD
