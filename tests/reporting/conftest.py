"""Fixtures for the reporting tests: a hand-made LintResult and rule metadata."""

from __future__ import annotations

import pytest
from reporting_sample import RULES, make_result

from scopelint.model import LintResult
from scopelint.rules.base import RuleInfo


@pytest.fixture
def rules() -> dict[str, RuleInfo]:
    return dict(RULES)


@pytest.fixture
def result() -> LintResult:
    return make_result()
