"""The evaluator scores what an engineer would: matches by file, line, method and operation."""

from __future__ import annotations

import io
import json
from pathlib import Path

import evaluate  # tests/corpus/evaluate.py (pytest puts this folder on sys.path)
from evaluate import Decoy, Expected, FoundCall, Project


def project(calls: list[Expected], decoys: list[Decoy] | None = None,
            findings: list[tuple[str, str, int, int | None]] | None = None,
            codes: list[str] | None = None) -> Project:
    return Project(name="p", root=Path("."), description="d", issues=[], finding_codes=codes or [],
                   calls=calls, findings=findings or [], decoys=decoys or [])


def found(line: int, method: str | None, endpoint: str | None, url: str, file: str = "a.py") -> FoundCall:
    return FoundCall(file=file, line=line, method=method, endpoint=endpoint, url=url, via=None)


def test_url_path_drops_scheme_host_gateway_query_and_maps_latest() -> None:
    assert evaluate.url_path("https://acme.atlassian.net/rest/api/3/issue/KEY-1?expand=names") == \
        "/rest/api/3/issue/KEY-1"
    assert evaluate.url_path("https://api.atlassian.com/ex/jira/{cloudId}/rest/api/3/myself") == \
        "/rest/api/3/myself"
    assert evaluate.url_path("https://api.atlassian.com/ex/confluence/{}/wiki/api/v2/pages/{id}") == \
        "/wiki/api/v2/pages/{id}"
    assert evaluate.url_path("https://acme.atlassian.net//rest/api/latest/issue/{key}") == \
        "/rest/api/2/issue/{key}"
    assert evaluate.url_path("{base}/rest/agile/latest/board") == "/rest/agile/1.0/board"
    assert evaluate.url_path("{BASE}/issue/{}") == "/issue/{}"


def test_template_takes_any_segment_for_a_parameter_and_nothing_else() -> None:
    assert evaluate.fits_template("/wiki/rest/api/content/123", "/wiki/rest/api/content/{id}")
    assert evaluate.fits_template("/wiki/rest/api/content/{}", "/wiki/rest/api/content/{id}")
    assert not evaluate.fits_template("/wiki/rest/api/content", "/wiki/rest/api/content/{id}")
    assert not evaluate.fits_template("/rest/api/3/issue/K-1/comment", "/rest/api/3/issue/{issueIdOrKey}")
    assert not evaluate.fits_template("/rest/api/2/issue/K-1", "/rest/api/3/issue/{issueIdOrKey}")


def test_resolved_and_unresolved_calls_match_and_method_must_agree() -> None:
    truth = [
        Expected("a.py", 3, "GET", "/rest/api/3/issue/{issueIdOrKey}"),
        Expected("a.py", 4, "GET", "/wiki/rest/api/content/{id}", status="dropped"),
        Expected("a.py", 5, "POST", "/rest/api/3/issue"),
    ]
    score = evaluate.score_calls(project(truth), [
        found(3, "GET", "/rest/api/3/issue/{issueIdOrKey}", "{}/rest/api/3/issue/{key}"),
        found(4, "GET", None, "https://acme.atlassian.net/wiki/rest/api/content/123"),
        found(5, None, None, "https://acme.atlassian.net/rest/api/3/issue"),
    ])
    assert (score.expected, score.found, score.true_positives) == (3, 3, 2)
    assert score.misses == ["a.py:5: POST /rest/api/3/issue"]
    assert score.false_positives == [
        "a.py:5: ? (unresolved) https://acme.atlassian.net/rest/api/3/issue"
        "  (expected there: POST /rest/api/3/issue)"
    ]
    assert score.by_group["dropped"] == [1, 1]
    assert score.method_mismatches == 1  # right place and path, method unknown


def test_a_call_written_over_several_lines_matches_on_any_of_its_lines() -> None:
    truth = [Expected("a.py", 10, "PUT", "/rest/api/3/issue/{issueIdOrKey}", end_line=13)]
    inside = evaluate.score_calls(project(truth), [found(12, "PUT", None, "{}/rest/api/3/issue/{key}")])
    after = evaluate.score_calls(project(truth), [found(14, "PUT", None, "{}/rest/api/3/issue/{key}")])
    assert (inside.true_positives, after.true_positives) == (1, 0)


def test_two_calls_on_one_line_need_two_found_and_decoys_are_named() -> None:
    truth = [Expected("a.py", 7, "GET", "/rest/api/3/myself")] * 2
    decoys = [Decoy("data/export.csv", None, "issue export")]
    score = evaluate.score_calls(project(truth, decoys), [
        found(7, "GET", "/rest/api/3/myself", "/rest/api/3/myself"),
        found(2, "GET", None, "https://acme.atlassian.net/rest/api/3/customFieldOption/1",
              file="data/export.csv"),
    ])
    assert (score.expected, score.found, score.true_positives) == (2, 2, 1)
    assert score.false_positives[0].endswith("(planted decoy: issue export)")


def test_implicit_sdk_requests_are_neither_misses_nor_false_positives() -> None:
    truth = [
        Expected("a.py", 2, "GET", "/rest/api/2/serverInfo", via="jira.JIRA", implicit=True),
        Expected("a.py", 3, "GET", "/rest/api/2/issue/{issueIdOrKey}", via="jira.JIRA.issue"),
    ]
    none_found = evaluate.score_calls(project(truth), [])
    assert (none_found.expected, none_found.found, none_found.implicit_found) == (1, 0, 0)
    both = evaluate.score_calls(project(truth), [
        found(2, "GET", "/rest/api/2/serverInfo", "{}/rest/api/2/serverInfo"),
        found(3, "GET", "/rest/api/2/issue/{issueIdOrKey}", "{}/rest/api/2/issue/{}"),
    ])
    assert (both.expected, both.found, both.true_positives, both.implicit_found) == (1, 1, 1, 1)
    assert both.by_group["sdk"] == [1, 1]


def test_findings_are_scored_for_the_listed_codes_only_and_once_per_line() -> None:
    truth = project([], findings=[("SL001", "settings.py", 4, None)], codes=["SL001"])
    score = evaluate.score_findings(truth, [
        ("SL001", "settings.py", 4, "API base URL on the site acme.atlassian.net"),
        ("SL001", "jobs/sync.py", 12, "REST call on the site acme.atlassian.net"),
        ("SL005", "jobs/sync.py", 12, "no known operation"),
    ])
    assert (score.expected, score.found, score.true_positives) == (1, 2, 1)
    assert score.false_positives == ["jobs/sync.py:12: SL001 REST call on the site acme.atlassian.net"]


def test_evaluator_runs_scopelint_on_a_copy_and_reports_json(tmp_path: Path, capsys: object) -> None:
    """End to end on one small project: the copy is its own repository, EXPECTED.toml is not scanned."""
    root = tmp_path / "tiny"
    root.mkdir()
    (root / "fetch.py").write_text(
        'import requests\n\nrequests.get("https://acme.atlassian.net/rest/api/3/myself", timeout=10)\n',
        encoding="utf-8",
    )
    (root / "EXPECTED.toml").write_text(
        'description = "one call"\nissues = [14]\nfinding_codes = ["SL001"]\n'
        '[[call]]\nfile = "fetch.py"\nline = 3\ntext = "requests.get("\nmethod = "GET"\n'
        'path = "/rest/api/3/myself"\n'
        '[[finding]]\ncode = "SL001"\nfile = "fetch.py"\nline = 3\ntext = "acme.atlassian.net"\n',
        encoding="utf-8",
    )
    result = evaluate.evaluate(evaluate.default_command(), [root])
    data = result["projects"]["tiny"]
    assert data["error"] is None
    assert data["calls"]["true_positives"] == 1
    assert data["findings"]["true_positives"] == 1
    assert data["files_scanned"] == 1  # fetch.py only: EXPECTED.toml was left out of the copy
    json.dumps(result)  # the --json output is plain data


def test_comparison_covers_the_projects_of_the_new_run_only() -> None:
    def run(**projects: tuple[int, int, int]) -> dict[str, object]:
        return {"projects": {name: {"calls": {"expected": e, "found": f, "true_positives": tp,
                                              "recall": tp / e, "precision": tp / f}}
                             for name, (e, f, tp) in projects.items()}}

    old = run(a=(4, 4, 1), b=(10, 10, 10))
    new = run(a=(4, 2, 2), c=(1, 1, 1))
    out = io.StringIO()
    evaluate.print_comparison(old, new, out=out)
    lines = out.getvalue().splitlines()
    assert [line.split()[0] for line in lines[2:]] == ["a", "c", "OVERALL"]
    assert "(new project)" in lines[3]
    assert lines[4].split()[1:5] == ["25%", "->", "50%", "25%"]  # over a only: b is not in the new run
