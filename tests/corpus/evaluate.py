"""Measure scopelint against the corpus: recall and precision of call sites and findings.

Usage (from the repository top; ``make eval`` runs the first line)::

    python tests/corpus/evaluate.py                      # every project, a table and the misses
    python tests/corpus/evaluate.py --json > after.json  # the same as JSON, to compare later
    python tests/corpus/evaluate.py --compare before.json
    python tests/corpus/evaluate.py -p py-requests-settings -v
    python tests/corpus/evaluate.py --scopelint /work/main/.venv/bin/scopelint

Each project (a folder holding ``EXPECTED.toml``) is copied to a temporary folder (without
``EXPECTED.toml``, and with an empty ``.git`` so that it is a repository top of its own and no
configuration above it applies), then ``scopelint calls --format json .`` and ``scopelint check
--format json .`` run there in subprocesses. Found call sites are matched to expected ones by
(file, line, HTTP method, path template); findings by (code, file, line), for the codes the
project's ``finding_codes`` lists. A found call matches when its ``endpoint`` equals the
expected template, or when its ``url`` (after dropping scheme, host, the gateway prefix
``/ex/<product>/<cloudId>`` and the query) fits the template segment by segment (``{param}`` in
the template takes any segment).
Requests an SDK sends by itself (``implicit = true``) are counted apart: never a miss and, when
found, never a false positive.

Exit status: 0, or 1 when scopelint failed on a project (exit 2, a crash, output that is not
JSON), or 2 for bad arguments.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).resolve().parent
TIMEOUT_S = 300
SHOWN = 8  # misses / false positives listed per project without --verbose

LANGUAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("python", (".py",)),
    ("js/ts", (".js", ".mjs", ".cjs", ".jsx", ".ts", ".tsx")),
    ("shell/ci", (".sh", ".bash", ".yml", ".yaml", "Makefile", "Dockerfile")),
    ("powershell", (".ps1", ".psm1")),
    ("jvm", (".java", ".kt", ".kts")),
    ("go", (".go",)),
    ("csharp", (".cs",)),
    ("ruby", (".rb",)),
    ("php", (".php",)),
    ("requests", (".http", ".rest", ".postman_collection.json", ".har")),
)


def language_of(file: str) -> str:
    name = file.rsplit("/", 1)[-1]
    for language, endings in LANGUAGES:
        if any(name.endswith(ending) or name == ending for ending in endings):
            return language
    return "other"


# --------------------------------------------------------------------------- ground truth


@dataclass(frozen=True)
class Expected:
    file: str
    line: int  # where the call expression starts
    method: str
    path: str
    text: str = ""
    via: str | None = None
    implicit: bool = False
    status: str | None = None
    note: str = ""
    end_line: int | None = None  # where a call expression written over several lines ends

    def covers(self, line: int) -> bool:
        return self.line <= line <= (self.end_line or self.line)

    def describe(self) -> str:
        via = f"  via {self.via}" if self.via else ""
        status = f"  [{self.status}]" if self.status else ""
        return f"{self.file}:{self.line}: {self.method} {self.path}{via}{status}"


@dataclass(frozen=True)
class Decoy:
    file: str
    line: int | None
    note: str


@dataclass
class Project:
    name: str
    root: Path
    description: str
    issues: list[int]
    finding_codes: list[str]
    calls: list[Expected]
    findings: list[tuple[str, str, int, int | None]]  # (code, file, line, end_line)
    decoys: list[Decoy]


def load_project(root: Path) -> Project:
    """Read ``root/EXPECTED.toml``; raises ``ValueError`` naming the file when it is broken."""
    path = root / "EXPECTED.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(f"{path}: {exc}") from None
    calls = [
        Expected(
            file=c["file"], line=c["line"], method=c["method"], path=c["path"], text=c.get("text", ""),
            via=c.get("via"), implicit=bool(c.get("implicit", False)), status=c.get("status"),
            note=c.get("note", ""), end_line=c.get("end_line"),
        )
        for c in data.get("call", [])
    ]
    findings = [(f["code"], f["file"], f["line"], f.get("end_line")) for f in data.get("finding", [])]
    decoys = [Decoy(d["file"], d.get("line"), d["note"]) for d in data.get("decoy", [])]
    return Project(
        name=root.name, root=root, description=data.get("description", ""), issues=data.get("issues", []),
        finding_codes=data.get("finding_codes", []), calls=calls, findings=findings, decoys=decoys,
    )


def project_dirs(names: Sequence[str] = ()) -> list[Path]:
    found = sorted(p for p in CORPUS.iterdir() if (p / "EXPECTED.toml").is_file())
    if not names:
        return found
    by_name = {p.name: p for p in found}
    unknown = [n for n in names if n not in by_name]
    if unknown:
        raise ValueError(f"no corpus project named {', '.join(unknown)}")
    return [by_name[n] for n in names]


# --------------------------------------------------------------------------- matching

_GATEWAY = re.compile(r"^/ex/(?:jira|confluence|bitbucket)/[^/]+(?=/)")
_LATEST = ((re.compile(r"^/rest/api/latest/"), "/rest/api/2/"), (re.compile(r"^/rest/agile/latest/"),
                                                                   "/rest/agile/1.0/"))


def url_path(url: str) -> str:
    """The path of a URL as scopelint prints it, without scheme and host (or a leading ``{BASE}``
    placeholder), gateway prefix, query and fragment; ``latest`` read as Atlassian defines it."""
    text = re.split(r"[?#]", url, maxsplit=1)[0]
    if "://" in text:
        text = "/" + text.split("://", 1)[1].partition("/")[2]
    elif text.startswith("{"):
        text = "/" + text.partition("/")[2]  # an unknown base: {BASE}/rest/api/3/...
    text = re.sub(r"/{2,}", "/", text)
    text = _GATEWAY.sub("", text)
    for pattern, replacement in _LATEST:
        text = pattern.sub(replacement, text)
    return text.rstrip("/") or "/"


def _is_param(segment: str) -> bool:
    return segment.startswith("{") and segment.endswith("}")


def fits_template(path: str, template: str) -> bool:
    """Does a concrete or templated ``path`` fit ``template`` segment by segment?"""
    got, want = path.strip("/").split("/"), template.strip("/").split("/")
    if len(got) != len(want):
        return False
    for g, w in zip(got, want, strict=True):
        if _is_param(w):
            if not g:
                return False
        elif g != w:
            return False
    return True


@dataclass(frozen=True)
class FoundCall:
    file: str
    line: int
    method: str | None
    endpoint: str | None
    url: str
    via: str | None

    def describe(self) -> str:
        what = self.endpoint or f"(unresolved) {self.url}"
        via = f"  via {self.via}" if self.via else ""
        return f"{self.file}:{self.line}: {self.method or '?'} {what}{via}"


def call_matches(found: FoundCall, expected: Expected) -> bool:
    if (found.file, found.method) != (expected.file, expected.method) or not expected.covers(found.line):
        return False
    if found.endpoint == expected.path:
        return True
    return fits_template(url_path(found.url), expected.path)


@dataclass
class CallScore:
    expected: int = 0
    found: int = 0
    true_positives: int = 0
    implicit_expected: int = 0
    implicit_found: int = 0
    method_mismatches: int = 0  # false calls at an expected call, right path, wrong or unknown method
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    by_group: dict[str, list[int]] = field(default_factory=dict)  # group -> [expected, tp]

    def count(self, group: str, hit: bool) -> None:
        pair = self.by_group.setdefault(group, [0, 0])
        pair[0] += 1
        pair[1] += int(hit)


def _decoy_note(decoys: Iterable[Decoy], file: str, line: int) -> str | None:
    for decoy in decoys:
        if decoy.file == file and decoy.line in (None, line):
            return decoy.note
    return None


def score_calls(project: Project, found: list[FoundCall]) -> CallScore:
    score = CallScore()
    remaining = list(found)
    unmatched: list[Expected] = []
    for expected in sorted(project.calls, key=lambda e: e.implicit):
        hit = next((f for f in remaining if call_matches(f, expected)), None)
        if hit is not None:
            remaining.remove(hit)
        if expected.implicit:
            score.implicit_expected += 1
            score.implicit_found += int(hit is not None)
            continue
        score.expected += 1
        score.true_positives += int(hit is not None)
        score.count(f"lang:{language_of(expected.file)}", hit is not None)
        score.count("sdk" if expected.via else "raw", hit is not None)
        if expected.status:
            score.count(expected.status, hit is not None)
        if hit is None:
            unmatched.append(expected)
            score.misses.append(expected.describe())
    score.found = score.true_positives + len(remaining)
    for extra in remaining:
        label = extra.describe()
        near = [e for e in unmatched if e.file == extra.file and e.covers(extra.line)]
        decoy = _decoy_note(project.decoys, extra.file, extra.line)
        if near:
            label += f"  (expected there: {near[0].method} {near[0].path})"
            if any(e.path == extra.endpoint or fits_template(url_path(extra.url), e.path) for e in near):
                score.method_mismatches += 1
        elif decoy:
            label += f"  (planted decoy: {decoy})"
        score.false_positives.append(label)
    return score


@dataclass
class FindingScore:
    expected: int = 0
    found: int = 0
    true_positives: int = 0
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    by_code: dict[str, list[int]] = field(default_factory=dict)  # code -> [expected, found, tp]


def score_findings(project: Project, found: list[tuple[str, str, int, str]]) -> FindingScore:
    score = FindingScore()
    wanted = set(project.finding_codes)
    remaining = [f for f in found if f[0] in wanted]
    for code, file, line, end_line in project.findings:
        row = score.by_code.setdefault(code, [0, 0, 0])
        row[0] += 1
        score.expected += 1
        last = end_line or line
        hit = next((f for f in remaining if (f[0], f[1]) == (code, file) and line <= f[2] <= last), None)
        if hit is None:
            score.misses.append(f"{file}:{line}: {code}")
            continue
        remaining.remove(hit)
        score.true_positives += 1
        row[2] += 1
    for code, *_ in found:
        if code in wanted:
            score.by_code.setdefault(code, [0, 0, 0])[1] += 1
            score.found += 1
    for code, file, line, message in remaining:
        decoy = _decoy_note(project.decoys, file, line)
        extra = f"  (planted decoy: {decoy})" if decoy else ""
        score.false_positives.append(f"{file}:{line}: {code} {message[:110]}{extra}")
    return score


# --------------------------------------------------------------------------- running scopelint


@dataclass
class Run:
    calls: list[FoundCall]
    findings: list[tuple[str, str, int, str]]
    files: int | None
    warnings: list[str]
    error: str | None = None


def _relative(path: str, root: Path) -> str:
    full = Path(path) if os.path.isabs(path) else root / path
    try:
        return full.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path


def _invoke(command: Sequence[str], cwd: Path, args: Sequence[str]) -> tuple[Any, list[str], str | None]:
    try:
        done = subprocess.run([*command, *args], cwd=cwd, capture_output=True, text=True, timeout=TIMEOUT_S,
                              check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return None, [], f"{' '.join(args[:1])}: {exc}"
    warnings = [line for line in done.stderr.splitlines() if line.strip()]
    if done.returncode not in (0, 1):
        return None, warnings, f"{args[0]} exited {done.returncode}: {(warnings or ['(no message)'])[-1]}"
    try:
        return json.loads(done.stdout), warnings, None
    except json.JSONDecodeError as exc:
        return None, warnings, f"{args[0]} printed no JSON ({exc})"


def run_scopelint(command: Sequence[str], project: Project) -> Run:
    """Copy the project to a fresh folder (its own repository top) and run calls + check there."""
    with tempfile.TemporaryDirectory(prefix=f"corpus-{project.name}-") as tmp:
        root = Path(tmp) / project.name
        shutil.copytree(project.root, root, symlinks=True, ignore=shutil.ignore_patterns("EXPECTED.toml"))
        (root / ".git").mkdir()
        calls_json, warnings, error = _invoke(command, root, ["calls", "--format", "json", "."])
        check_json, check_warnings, check_error = _invoke(command, root, ["check", "--format", "json", "."])
        error = error or check_error
        calls: list[FoundCall] = []
        for row in calls_json if isinstance(calls_json, list) else []:
            calls.append(FoundCall(
                file=_relative(str(row.get("path", "")), root), line=int(row.get("line") or 0),
                method=row.get("method"), endpoint=row.get("endpoint"), url=str(row.get("url") or ""),
                via=row.get("via"),
            ))
        findings: list[tuple[str, str, int, str]] = []
        files = None
        if isinstance(check_json, dict):
            for row in check_json.get("findings", []):
                findings.append((str(row.get("code")), _relative(str(row.get("path", "")), root),
                                 int(row.get("line") or 0), str(row.get("message", ""))))
            files = check_json.get("summary", {}).get("files")
        return Run(calls, findings, files, warnings + check_warnings, error)


# --------------------------------------------------------------------------- report


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def _pct(value: float | None) -> str:
    return "   -" if value is None else f"{value * 100:4.0f}%"


def evaluate(command: Sequence[str], dirs: Sequence[Path]) -> dict[str, Any]:
    projects: dict[str, Any] = {}
    totals = Counter[str]()
    groups: dict[str, list[int]] = {}
    codes: dict[str, list[int]] = {}
    for directory in dirs:
        project = load_project(directory)
        run = run_scopelint(command, project)
        calls = score_calls(project, run.calls)
        findings = score_findings(project, run.findings)
        projects[project.name] = {
            "issues": project.issues,
            "error": run.error,
            "files_scanned": run.files,
            "warnings": run.warnings,
            "calls": {
                "expected": calls.expected, "found": calls.found, "true_positives": calls.true_positives,
                "recall": _ratio(calls.true_positives, calls.expected),
                "precision": _ratio(calls.true_positives, calls.found),
                "implicit_expected": calls.implicit_expected, "implicit_found": calls.implicit_found,
                "method_mismatches": calls.method_mismatches,
                "misses": calls.misses, "false_positives": calls.false_positives,
            },
            "findings": {
                "codes": project.finding_codes, "expected": findings.expected, "found": findings.found,
                "true_positives": findings.true_positives,
                "recall": _ratio(findings.true_positives, findings.expected),
                "precision": _ratio(findings.true_positives, findings.found),
                "misses": findings.misses, "false_positives": findings.false_positives,
            },
        }
        for key, value in (("expected", calls.expected), ("found", calls.found), ("tp", calls.true_positives),
                           ("implicit_expected", calls.implicit_expected),
                           ("implicit_found", calls.implicit_found), ("mismatch", calls.method_mismatches),
                           ("f_expected", findings.expected),
                           ("f_found", findings.found), ("f_tp", findings.true_positives),
                           ("errors", int(run.error is not None))):
            totals[key] += value
        for group, (n, tp) in calls.by_group.items():
            pair = groups.setdefault(group, [0, 0])
            pair[0] += n
            pair[1] += tp
        for code, (n, found, tp) in findings.by_code.items():
            row = codes.setdefault(code, [0, 0, 0])
            for i, value in enumerate((n, found, tp)):
                row[i] += value
    overall = {
        "projects": len(projects), "errors": totals["errors"],
        "calls": {
            "expected": totals["expected"], "found": totals["found"], "true_positives": totals["tp"],
            "recall": _ratio(totals["tp"], totals["expected"]),
            "precision": _ratio(totals["tp"], totals["found"]),
            "implicit_expected": totals["implicit_expected"], "implicit_found": totals["implicit_found"],
            "method_mismatches": totals["mismatch"],
            "recall_by_group": {g: {"expected": n, "true_positives": tp, "recall": _ratio(tp, n)}
                                for g, (n, tp) in sorted(groups.items())},
        },
        "findings": {
            "expected": totals["f_expected"], "found": totals["f_found"], "true_positives": totals["f_tp"],
            "recall": _ratio(totals["f_tp"], totals["f_expected"]),
            "precision": _ratio(totals["f_tp"], totals["f_found"]),
            "by_code": {c: {"expected": n, "found": found, "true_positives": tp,
                            "recall": _ratio(tp, n), "precision": _ratio(tp, found)}
                        for c, (n, found, tp) in sorted(codes.items())},
        },
    }
    return {"scopelint": list(command), "projects": projects, "overall": overall}


def print_report(result: dict[str, Any], verbose: bool, out: Any = sys.stdout) -> None:
    def say(text: str = "") -> None:
        print(text, file=out)

    header = (f"{'project':<26} {'exp':>4} {'found':>5} {'tp':>4} {'recall':>6} {'prec':>6}   "
              f"{'impl':>5}   {'f.exp':>5} {'f.fnd':>5} {'f.tp':>4} {'f.rec':>6} {'f.prec':>6}")
    say("Call sites (exp/found/tp, recall, precision; impl = implicit SDK requests found/expected) and")
    say("findings of each project's finding_codes (f.*).")
    say(header)
    say("-" * len(header))

    def row(name: str, data: dict[str, Any]) -> str:
        c, f = data["calls"], data["findings"]
        implicit = f"{c['implicit_found']}/{c['implicit_expected']}" if c["implicit_expected"] else "-"
        return (f"{name:<26} {c['expected']:>4} {c['found']:>5} {c['true_positives']:>4} "
                f"{_pct(c['recall']):>6} {_pct(c['precision']):>6}   {implicit:>5}   "
                f"{f['expected']:>5} {f['found']:>5} "
                f"{f['true_positives']:>4} {_pct(f['recall']):>6} {_pct(f['precision']):>6}")

    for name, data in result["projects"].items():
        say(row(name, data) + (f"   ERROR: {data['error']}" if data["error"] else ""))
    say("-" * len(header))
    say(row(f"OVERALL ({result['overall']['projects']} projects)", result["overall"]))
    say()
    mismatches = result["overall"]["calls"]["method_mismatches"]
    if mismatches:
        say(f"{mismatches} false calls sit at an expected call with the right path but a wrong or unknown "
            "method (counted as a miss and a false positive).")
    groups = result["overall"]["calls"]["recall_by_group"]
    say("Recall by group: " + ", ".join(
        f"{g} {v['true_positives']}/{v['expected']}" for g, v in groups.items()))
    by_code = result["overall"]["findings"]["by_code"]
    say("Findings by code: " + ", ".join(
        f"{c} tp {v['true_positives']} of {v['expected']} expected, {v['found']} found"
        for c, v in by_code.items()))
    for name, data in result["projects"].items():
        lists = (("missed call", data["calls"]["misses"]), ("false call", data["calls"]["false_positives"]),
                 ("missed finding", data["findings"]["misses"]),
                 ("false finding", data["findings"]["false_positives"]))
        if not any(items for _, items in lists) and not (verbose and data["warnings"]):
            continue
        say()
        say(f"== {name}")
        for label, items in lists:
            shown = items if verbose else items[:SHOWN]
            for item in shown:
                say(f"  {label}: {item}")
            if len(items) > len(shown):
                say(f"  ... {len(items) - len(shown)} more {label}s (-v lists all)")
        if verbose:
            for warning in data["warnings"]:
                say(f"  warning: {warning}")


def _calls_over(projects: dict[str, Any], names: Iterable[str]) -> dict[str, Any]:
    """Call recall and precision summed over the named projects (those present)."""
    rows = [projects[n]["calls"] for n in names if n in projects]
    tp = sum(r["true_positives"] for r in rows)
    return {"recall": _ratio(tp, sum(r["expected"] for r in rows)),
            "precision": _ratio(tp, sum(r["found"] for r in rows))}


def print_comparison(old: dict[str, Any], new: dict[str, Any], out: Any = sys.stdout) -> None:
    """Before -> after for the projects of the new run; OVERALL over those present in both."""
    print(f"\n{'project':<26} {'recall before -> after':>24} {'precision before -> after':>27}", file=out)
    old_projects, new_projects = old.get("projects", {}), new["projects"]
    both = [n for n in new_projects if n in old_projects]
    rows = [(n, old_projects[n]["calls"] if n in old_projects else None, new_projects[n]["calls"])
            for n in new_projects]
    rows.append(("OVERALL", _calls_over(old_projects, both), _calls_over(new_projects, both)))
    for name, before, after in rows:
        if before is None:
            print(f"{name:<26} {'(new project)':>24}", file=out)
            continue
        print(f"{name:<26} {_pct(before['recall']):>11} -> {_pct(after['recall']):<9} "
              f"{_pct(before['precision']):>14} -> {_pct(after['precision']):<9}", file=out)


def default_command() -> list[str]:
    return [sys.executable, "-m", "scopelint"]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("-p", "--project", action="append", default=[], help="only this project (repeatable)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--compare", type=Path, help="an earlier --json output: print before -> after")
    parser.add_argument("--scopelint", help="the scopelint command to measure (default: this Python's)")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="list every miss, false positive and warning")
    args = parser.parse_args(argv)
    command = args.scopelint.split() if args.scopelint else default_command()
    try:
        dirs = project_dirs(args.project)
        old = json.loads(args.compare.read_text(encoding="utf-8")) if args.compare else None
        result = evaluate(command, dirs)
    except (ValueError, OSError) as exc:
        print(f"evaluate.py: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print_report(result, args.verbose)
    if old is not None:
        print_comparison(old, result, out=sys.stderr if args.json else sys.stdout)
    return 1 if result["overall"]["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
