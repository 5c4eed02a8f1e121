"""The GitHub Action (action.yml): its structure, and its shell steps run for real with bash.

GitHub cannot run here, so the structure is checked as GitHub reads it, and the scripts of
the "Run scopelint" and "Fail on scopelint's exit code" steps are run with bash, with the
`${{ }}` expressions of their `env` resolved the way GitHub would for the default inputs
(scopelint itself is the one in this virtualenv instead of a freshly installed one).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

REPO_ROOT = Path(__file__).resolve().parents[2]
ACTION_FILE = REPO_ROOT / "action.yml"
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
SITE_CALL = "curl 'https://acme.atlassian.net/rest/api/3/issue/PPT-28'\n"


def load_action() -> dict[str, Any]:
    document: dict[str, Any] = YAML(typ="safe", pure=True).load(ACTION_FILE.read_text(encoding="utf-8"))
    return document


def steps() -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = load_action()["runs"]["steps"]
    return found


def step(step_id: str) -> dict[str, Any]:
    (found,) = [s for s in steps() if s.get("id") == step_id]
    return found


def upload_step() -> dict[str, Any]:
    (found,) = [s for s in steps() if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif")]
    return found


def final_step() -> dict[str, Any]:
    return steps()[-1]


def expressions(value: object) -> list[str]:
    """Every `${{ }}` expression anywhere in ``value`` (nested mappings and lists too)."""
    if isinstance(value, dict):
        return [e for item in value.values() for e in expressions(item)]
    if isinstance(value, list):
        return [e for item in value for e in expressions(item)]
    return EXPRESSION.findall(value) if isinstance(value, str) else []


# --------------------------------------------------------------------------- structure


def test_action_is_composite_with_named_steps() -> None:
    action = load_action()

    assert action["name"] == "scopelint"
    assert action["description"]
    assert action["runs"]["using"] == "composite"
    for each in steps():
        assert each.get("name"), each
        assert ("run" in each) != ("uses" in each), each
        if "run" in each:
            assert each.get("shell") == "bash", each  # composite run steps must name a shell


def test_installs_scopelint_from_the_actions_own_path() -> None:
    install = step("install")

    assert install["env"]["ACTION_PATH"] == "${{ github.action_path }}"
    assert re.search(r'-m pip install .*"\$ACTION_PATH"', install["run"])


def test_check_step_writes_sarif_to_the_sarif_file_input() -> None:
    check = step("check")

    # one run prints annotations in the job log and writes the SARIF file (issue #18)
    assert "check --format github --sarif-output \"$SARIF_FILE\"" in check["run"]
    assert check["env"]["SARIF_FILE"] == "${{ inputs.sarif-file }}"
    assert check["env"]["PATHS"] == "${{ inputs.paths }}"
    assert check["env"]["ARGS"] == "${{ inputs.args }}"


def test_upload_step_uploads_the_file_the_check_step_wrote() -> None:
    upload = upload_step()

    assert upload["uses"] == "github/codeql-action/upload-sarif@v3"
    assert upload["with"]["sarif_file"] == step("check")["env"]["SARIF_FILE"]
    assert upload["if"].startswith("always()")  # findings make the check fail; upload anyway
    assert steps().index(upload) > steps().index(step("check"))


def test_last_step_exits_with_the_check_steps_exit_code() -> None:
    final = final_step()

    assert final["if"].startswith("always()")
    assert final["env"]["CODE"] == "${{ steps.check.outputs.exit-code }}"
    assert 'exit "$CODE"' in final["run"]


def test_inputs_have_the_documented_defaults() -> None:
    inputs = load_action()["inputs"]

    assert inputs["paths"]["default"] == "."
    assert inputs["args"]["default"] == ""
    assert inputs["sarif-file"]["default"] == "scopelint.sarif"
    assert inputs["upload-sarif"]["default"] == "auto"
    for name, spec in inputs.items():
        assert spec["description"], name
        assert spec["required"] is False, name


def test_every_input_used_is_declared_and_every_declared_input_is_used() -> None:
    action = load_action()
    used = {m.group(1) for e in expressions(action) for m in re.finditer(r"\binputs\.([\w-]+)", e)}

    assert used == set(action["inputs"])


def test_every_step_reference_names_an_earlier_step() -> None:
    seen: set[str] = set()
    for each in steps():
        for expression in expressions(each):
            for referenced in re.findall(r"\bsteps\.([\w-]+)\.", expression):
                assert referenced in seen, (each["name"], expression)
        if "id" in each:
            seen.add(each["id"])
    for expression in expressions(load_action()["outputs"]):
        for referenced in re.findall(r"\bsteps\.([\w-]+)\.", expression):
            assert referenced in seen


def test_run_scripts_take_inputs_from_env_only() -> None:
    """No `${{ }}` inside a script: an input could otherwise inject shell code."""
    for each in steps():
        if "run" in each:
            assert not EXPRESSION.search(each["run"]), each["name"]


# --------------------------------------------------------------------------- the scripts, run


def resolve_env(env: dict[str, str], values: dict[str, str]) -> dict[str, str]:
    resolved = {}
    for name, raw in env.items():
        match = EXPRESSION.fullmatch(raw.strip())
        resolved[name] = values[match.group(1)] if match else raw
    return resolved


def run_step(each: dict[str, Any], values: dict[str, str], cwd: Path, output: Path) -> int:
    return run_step_output(each, values, cwd, output).returncode


def run_step_output(
    each: dict[str, Any], values: dict[str, str], cwd: Path, output: Path
) -> subprocess.CompletedProcess[str]:
    env = resolve_env(each.get("env", {}), values)
    env.update(PATH="/usr/bin:/bin", GITHUB_OUTPUT=str(output), RUNNER_TEMP=str(cwd))
    script = cwd.parent / "step.sh"
    script.write_text(each["run"], encoding="utf-8")
    completed = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],  # GitHub's bash
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return completed


def outputs(path: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in path.read_text(encoding="utf-8").splitlines())


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    if shutil.which("bash") is None:
        pytest.skip("bash is not installed")
    root = tmp_path / "workspace"
    root.mkdir()
    (root / ".git").mkdir()
    return root


def default_values(**overrides: str) -> dict[str, str]:
    inputs = load_action()["inputs"]
    values = {f"inputs.{name}": str(spec["default"]) for name, spec in inputs.items()}
    values["steps.install.outputs.scopelint"] = str(Path(sys.executable).parent / "scopelint")
    values.update(overrides)
    return values


def test_check_script_writes_sarif_and_records_exit_code_1_on_findings(workspace: Path) -> None:
    (workspace / "fetch.sh").write_text(SITE_CALL, encoding="utf-8")
    github_output = workspace.parent / "github_output"

    status = run_step(step("check"), default_values(), workspace, github_output)

    assert status == 0  # the step itself passes, so the upload runs
    assert outputs(github_output) == {"exit-code": "1", "sarif-written": "true"}
    log = json.loads((workspace / "scopelint.sarif").read_text(encoding="utf-8"))
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["SL001"]


def test_check_script_passes_args_and_paths(workspace: Path) -> None:
    (workspace / "src").mkdir()
    (workspace / "src" / "fetch.sh").write_text(SITE_CALL, encoding="utf-8")
    (workspace / "other.sh").write_text(SITE_CALL, encoding="utf-8")
    github_output = workspace.parent / "github_output"
    values = default_values(**{"inputs.paths": "src", "inputs.args": "--ignore SL001"})

    run_step(step("check"), values, workspace, github_output)

    assert outputs(github_output)["exit-code"] == "0"
    log = json.loads((workspace / "scopelint.sarif").read_text(encoding="utf-8"))
    assert log["runs"][0]["results"] == []


def test_check_script_on_a_tool_error_uploads_nothing(workspace: Path) -> None:
    (workspace / "scopelint.sarif").write_text("{}", encoding="utf-8")  # from an earlier run
    github_output = workspace.parent / "github_output"

    run_step(step("check"), default_values(**{"inputs.paths": "missing"}), workspace, github_output)

    assert outputs(github_output) == {"exit-code": "2"}
    assert not (workspace / "scopelint.sarif").exists()


@pytest.mark.parametrize("code", ["0", "1", "2"])
def test_final_script_exits_with_scopelints_exit_code(workspace: Path, code: str) -> None:
    values = {"steps.check.outputs.exit-code": code}

    assert run_step(final_step(), values, workspace, workspace.parent / "out") == int(code)


# --------------------------------------------------------------------------- issue #18


def test_check_script_prints_annotations_in_the_job_log(workspace: Path) -> None:
    (workspace / "fetch.sh").write_text(SITE_CALL, encoding="utf-8")
    github_output = workspace.parent / "github_output"

    done = run_step_output(step("check"), default_values(), workspace, github_output)

    annotations = [line for line in done.stdout.splitlines() if line.startswith("::error ")]
    assert len(annotations) == 1 and "file=fetch.sh,line=1," in annotations[0]
    assert "title=SL001 hardcoded-site-url" in annotations[0]
    assert outputs(github_output) == {"exit-code": "1", "sarif-written": "true"}
    log = json.loads((workspace / "scopelint.sarif").read_text(encoding="utf-8"))
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["SL001"]


def test_upload_can_be_skipped_and_skips_itself_for_forks() -> None:
    upload = upload_step()
    condition = " ".join(upload["if"].split())

    assert "inputs.upload-sarif == 'true'" in condition
    assert "inputs.upload-sarif == 'auto'" in condition
    assert "github.event.pull_request.head.repo.full_name != github.repository" in condition
    assert "inputs.upload-sarif == 'false'" not in condition  # false: neither branch holds
    assert upload["continue-on-error"] == "${{ inputs.upload-sarif == 'auto' }}"


def test_the_readme_shows_the_upload_input_and_fetch_depth_for_since() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### GitHub Actions", 1)[1].split("\n### ", 1)[0]

    assert "upload-sarif" in section
    assert "fetch-depth: 0" in section and "--since" in section
    assert "annotations" in section
