"""The catalogue names its detectors and request facts; each name exists, each id is unique."""

from __future__ import annotations

from click.testing import CliRunner

from scopelint.cli.main import cli
from scopelint.explain import CATALOGUE, FORMATS
from scopelint.explain.engine import DETECTORS, REQUEST_FACTS


def test_every_name_in_the_catalogue_exists() -> None:
    ids = [pattern.id for pattern in CATALOGUE]
    assert len(ids) == len(set(ids))
    for pattern in CATALOGUE:
        assert pattern.detector is None or pattern.detector in DETECTORS, pattern.id
        assert set(pattern.request_facts) <= set(REQUEST_FACTS), pattern.id
        assert pattern.phrases or pattern.statuses or pattern.detector, f"{pattern.id} never matches"
    used = {name for pattern in CATALOGUE for name in pattern.request_facts}
    assert used == set(REQUEST_FACTS), "a request fact no pattern uses"


def test_every_renderer_is_a_format_choice_and_nothing_else() -> None:
    for fmt in FORMATS:
        result = CliRunner().invoke(cli, ["explain-error", "Unauthorized; scope does not match",
                                          "--format", fmt])
        assert result.exit_code == 0 and "scope" in result.stdout, fmt
    result = CliRunner().invoke(cli, ["explain-error", "x", "--format", "sarif"])
    assert result.exit_code == 2 and "sarif" in result.output


def test_what_each_cause_is_about_is_given_for_every_cause_or_none() -> None:
    from scopelint.explain.catalogue import CAUSE_KINDS

    for pattern in CATALOGUE:
        assert pattern.about == () or len(pattern.about) == len(pattern.causes), pattern.id
        assert pattern.check_about == () or len(pattern.check_about) == len(pattern.what_to_check), pattern.id
        assert set(pattern.about) | set(pattern.check_about) <= set(CAUSE_KINDS), pattern.id
