"""A configuration that passed validation is remembered, so the validator is not even imported.

Only success is remembered: an invalid configuration fails every time with the same one-line
message, and any change to the file (or to the tool) validates it again.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import scopelint.config.loading
from scopelint.common import user_cache
from scopelint.config import load_settings
from scopelint.errors import ConfigError

VALID = 'scopes = ["read:jira-work"]\n'
INVALID = 'scopes = ["read:jira-work"]\nsleect = ["SL001"]\n'


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "user-cache"
    monkeypatch.setenv("SCOPELINT_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def validations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Counts the real validations (each still runs the real validator)."""
    calls: list[str] = []
    real = scopelint.config.loading.validate_config

    def counting(raw: scopelint.config.loading.RawConfig, shown_as: str) -> None:
        calls.append(shown_as)
        real(raw, shown_as)

    monkeypatch.setattr(scopelint.config.loading, "validate_config", counting)
    return calls


def _config(tmp_path: Path, text: str, name: str = ".scopelint.toml") -> Path:
    path = tmp_path / "project" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_valid_config_is_validated_once(tmp_path: Path, cache: Path, validations: list[str]) -> None:
    path = _config(tmp_path, VALID)
    first = load_settings(path)
    second = load_settings(path)
    assert first.scopes == second.scopes == ("read:jira-work",)
    assert len(validations) == 1
    assert (cache / user_cache.VALID_CONFIGS).is_file()


def test_an_invalid_config_fails_every_time_with_the_same_message(
    tmp_path: Path, cache: Path, validations: list[str]
) -> None:
    path = _config(tmp_path, INVALID)
    messages = []
    for _ in range(3):
        with pytest.raises(ConfigError) as info:
            load_settings(path)
        messages.append(str(info.value))
    assert len(set(messages)) == 1
    assert "sleect" in messages[0] and "did you mean 'select'" in messages[0]
    assert "\n" not in messages[0]
    assert len(validations) == 3


def test_an_edited_config_is_validated_again(
    tmp_path: Path, cache: Path, validations: list[str]
) -> None:
    path = _config(tmp_path, VALID)
    load_settings(path)
    path.write_text(INVALID, encoding="utf-8")
    with pytest.raises(ConfigError, match="sleect"):
        load_settings(path)
    path.write_text(VALID + "# edited\n", encoding="utf-8")
    load_settings(path)
    assert len(validations) == 3
    path.write_text(VALID, encoding="utf-8")  # back to a text that passed before
    load_settings(path)
    assert len(validations) == 3


def test_another_scopelint_version_validates_again(
    tmp_path: Path, cache: Path, validations: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _config(tmp_path, VALID)
    load_settings(path)
    monkeypatch.setattr("scopelint.__version__", "999.0")
    load_settings(path)
    assert len(validations) == 2


def test_the_same_text_under_another_file_name_is_validated_again(
    tmp_path: Path, cache: Path, validations: list[str]
) -> None:
    load_settings(_config(tmp_path, "scopes: [read:jira-work]\n", ".scopelint.yaml"))
    load_settings(_config(tmp_path, "scopes: [read:jira-work]\n", ".scopelint.yml"))
    assert len(validations) == 2


def test_an_unwritable_cache_only_costs_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, validations: list[str]
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("SCOPELINT_CACHE_DIR", str(blocker))
    path = _config(tmp_path, VALID)
    assert load_settings(path).scopes == ("read:jira-work",)
    assert load_settings(path).scopes == ("read:jira-work",)
    assert len(validations) == 2
    with pytest.raises(ConfigError, match="sleect"):
        load_settings(_config(tmp_path, INVALID))


def test_the_cache_keeps_a_bounded_number_of_entries(tmp_path: Path, cache: Path) -> None:
    for index in range(user_cache.MAX_VALID_CONFIGS + 10):
        load_settings(_config(tmp_path, f'scopes = ["read:jira-work"]\n# {index}\n'))
    lines = (cache / user_cache.VALID_CONFIGS).read_text(encoding="ascii").split()
    assert len(lines) == user_cache.MAX_VALID_CONFIGS


def test_a_check_with_a_remembered_config_does_not_import_jsonschema(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / ".git").mkdir(parents=True)
    (project / ".scopelint.toml").write_text(VALID, encoding="utf-8")
    (project / "a.sh").write_text("echo hello\n", encoding="utf-8")
    cache = tmp_path / "cache"
    code = "import sys, scopelint.cli.main as m\ntry:\n    m.main(['check', 'a.sh'])\n" \
        "except SystemExit:\n    pass\nprint('jsonschema' in sys.modules)\n"
    env = dict(os.environ, SCOPELINT_CACHE_DIR=str(cache))
    runs = [
        subprocess.run([sys.executable, "-c", code], cwd=project, env=env, capture_output=True,
                       text=True)
        for _ in range(2)
    ]
    assert [r.stdout.splitlines()[-1] for r in runs] == ["True", "False"]


def test_an_invalid_config_fails_every_check_run_with_one_line(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / ".git").mkdir(parents=True)
    (project / ".scopelint.toml").write_text(INVALID, encoding="utf-8")
    (project / "a.sh").write_text("echo hello\n", encoding="utf-8")
    env = dict(os.environ, SCOPELINT_CACHE_DIR=str(tmp_path / "cache"))
    runs = [
        subprocess.run([sys.executable, "-m", "scopelint", "check", "a.sh"], cwd=project, env=env,
                       capture_output=True, text=True)
        for _ in range(2)
    ]
    assert [r.returncode for r in runs] == [2, 2]
    assert runs[0].stderr == runs[1].stderr
    assert len(runs[0].stderr.strip().splitlines()) == 1
    assert "sleect" in runs[0].stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the XDG rule is Linux's")
@pytest.mark.parametrize("xdg", [None, "/tmp/somewhere/cache", "relative/ignored"])
def test_the_cache_folder_is_where_platformdirs_would_put_it(
    xdg: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from platformdirs import user_cache_dir

    from scopelint.common.user_cache import cache_dir

    monkeypatch.delenv("SCOPELINT_CACHE_DIR", raising=False)
    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    assert cache_dir() == Path(user_cache_dir("scopelint"))
