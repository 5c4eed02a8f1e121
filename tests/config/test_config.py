"""Project settings: finding, reading and strictly validating the configuration file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scopelint.config import (
    Settings,
    TokenSettings,
    config_schema,
    find_config,
    load_settings,
)
from scopelint.errors import ConfigError

CLOUD_ID = "1324a887-45db-1bf4-1e99-ef0ff456d421"

FULL_TOML = f"""\
select = ["SL00", "SL101"]
ignore = ["SL007"]
exclude = ["vendor/**", "*.min.js"]
scopes = ["read:jira-work", "write:jira-work", "read:jira-work"]

[per-path-ignores]
"tests/**" = ["SL005", "SL006"]

[sites]
"ACME.atlassian.net" = "{CLOUD_ID}"

[[tokens]]
name = "reporting-bot"
paths = ["scripts/**"]
scopes = ["read:issue:jira"]
"""

FULL_YAML = f"""\
select: [SL00, SL101]
ignore: [SL007]
exclude: ["vendor/**", "*.min.js"]
scopes: [read:jira-work, write:jira-work, read:jira-work]
per_path_ignores:
  "tests/**": [SL005, SL006]
sites:
  ACME.atlassian.net: {CLOUD_ID}
tokens:
  - name: reporting-bot
    paths: ["scripts/**"]
    scopes: [read:issue:jira]
"""


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def expected(path: Path) -> Settings:
    return Settings(
        select=("SL00", "SL101"),
        ignore=("SL007",),
        exclude=("vendor/**", "*.min.js"),
        per_path_ignores={"tests/**": ("SL005", "SL006")},
        sites={"acme.atlassian.net": CLOUD_ID},
        scopes=("read:jira-work", "write:jira-work"),
        config_path=path,
        tokens=(TokenSettings("reporting-bot", ("scripts/**",), ("read:issue:jira",)),),
    )


# --------------------------------------------------------------------------- valid files


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (".scopelint.toml", FULL_TOML),
        (".scopelint.yaml", FULL_YAML),
        (".scopelint.yml", FULL_YAML),
        ("pyproject.toml", '[project]\nname = "x"\n\n'
         + FULL_TOML.replace("[per-path-ignores]", "[tool.scopelint.per-path-ignores]")
         .replace("[sites]", "[tool.scopelint.sites]")
         .replace("[[tokens]]", "[[tool.scopelint.tokens]]")
         .replace('select =', '[tool.scopelint]\nselect =')),
    ],
)
def test_full_config_in_every_format(tmp_path: Path, name: str, text: str) -> None:
    path = write(tmp_path, name, text)
    assert load_settings(path) == expected(path)


def test_no_config_gives_defaults() -> None:
    settings = load_settings(None)
    assert settings == Settings()
    assert settings.scopes is None and settings.select == () and settings.sites == {}


def test_scopes_absent_versus_empty(tmp_path: Path) -> None:
    assert load_settings(write(tmp_path, ".scopelint.yaml", "ignore: [SL001]\n")).scopes is None
    assert load_settings(write(tmp_path, ".scopelint.toml", "scopes = []\n")).scopes == ()


def test_empty_yaml_file_is_defaults(tmp_path: Path) -> None:
    path = write(tmp_path, ".scopelint.yaml", "# nothing configured yet\n")
    assert load_settings(path) == Settings(config_path=path)


def test_scopelint_toml_may_use_a_tool_scopelint_table(tmp_path: Path) -> None:
    path = write(tmp_path, ".scopelint.toml", '[tool.scopelint]\nscopes = ["read:me"]\n')
    assert load_settings(path).scopes == ("read:me",)


def test_schema_is_a_valid_json_schema() -> None:
    import jsonschema

    jsonschema.Draft202012Validator.check_schema(config_schema())
    shipped = Path(__file__).resolve().parents[2] / "scopelint/schemas/config.schema.json"
    assert json.loads(shipped.read_text(encoding="utf-8")) == config_schema()


# --------------------------------------------------------------------------- invalid files


@pytest.mark.parametrize(
    ("name", "text", "problem"),
    [
        (".scopelint.toml", 'scope = ["read:me"]\n',
         "top level: unknown key 'scope' (did you mean 'scopes'?"),
        (".scopelint.yaml", "select: SL001\n", "select: expected a list, got a string ('SL001')"),
        (".scopelint.yaml", "select: [SL002, E501]\n", "select[1]: 'E501' is not a rule code"),
        (".scopelint.yaml", "ignore: [SL0001]\n", "ignore[0]: 'SL0001' is not a rule code"),
        (".scopelint.yaml", "ignore: [sl002]\n", "ignore[0]: 'sl002' is not a rule code"),
        (".scopelint.toml", "scopes = [\"read:me\", 3]\n",
         "scopes[1]: expected a string, got a number (3)"),
        (".scopelint.yaml", "scopes: [read:me, [nested]]\n",
         "scopes[1]: expected a string, got a list"),
        (".scopelint.yaml", "scopes: ['read: me']\n", "scopes[0]: 'read: me' is not a scope name"),
        (".scopelint.yaml", "scopes: read:me\n", "scopes: expected a list, got a string"),
        (".scopelint.yaml", "exclude: [vendor, 1]\n", "exclude[1]: expected a string"),
        (".scopelint.yaml", "per-path-ignores: {'tests/**': [E1]}\n",
         "per-path-ignores.\"tests/**\"[0]: 'E1' is not a rule code"),
        (".scopelint.yaml", "per-path-ignores: {'a': []}\nper_path_ignores: {}\n",
         "use either 'per-path-ignores' or 'per_path_ignores', not both"),
        (".scopelint.yaml", "sites: {acme.atlassian.net: not-a-uuid}\n",
         "sites.\"acme.atlassian.net\": 'not-a-uuid' is not a cloudId"),
        (".scopelint.yaml", f"sites: {{'not a host': {CLOUD_ID}}}\n",
         "sites: 'not a host' is not a site host name"),
        (".scopelint.yaml", "sites: [acme.atlassian.net]\n",
         "sites: expected a table/mapping, got a list"),
        (".scopelint.yaml", "tokens: [{scopes: [read:me]}]\n",
         "tokens[0]: missing required key 'paths'"),
        (".scopelint.yaml", "tokens: [{paths: [], scopes: [read:me]}]\n",
         "tokens[0].paths: must not be empty"),
        (".scopelint.yaml", "tokens: [{paths: [a], scopes: [read:me], nam: x}]\n",
         "tokens[0]: unknown key 'nam' (did you mean 'name'?"),
        (".scopelint.yaml", "- scopes\n", "expected a mapping of settings at the top level"),
        ("pyproject.toml", "[tool.scopelint]\nselect = [\"X1\"]\n",
         "tool.scopelint.select[0]: 'X1' is not a rule code"),
        ("pyproject.toml", "[tool]\nscopelint = 3\n", "tool.scopelint must be a table"),
        ("pyproject.toml", '[project]\nname = "x"\n', "has no [tool.scopelint] table"),
    ],
)
def test_invalid_config_names_file_and_problem(
    tmp_path: Path, name: str, text: str, problem: str
) -> None:
    path = write(tmp_path, name, text)
    with pytest.raises(ConfigError) as raised:
        load_settings(path)
    message = str(raised.value)
    assert message.startswith(f"{path}: "), message
    assert problem in message, message
    assert "\n" not in message


def test_several_problems_report_the_first_in_file_order(tmp_path: Path) -> None:
    path = write(tmp_path, ".scopelint.yaml", "select: [bad]\nscopes: 1\nfoo: 2\n")
    with pytest.raises(ConfigError, match=r"select\[0\]: 'bad' .*\(and 2 more problems\)$"):
        load_settings(path)


@pytest.mark.parametrize(
    ("name", "text", "where"),
    [
        (".scopelint.yaml", "select: [SL001\nscopes: []\n", "invalid YAML at line 2"),
        (".scopelint.yaml", "scopes: []\nscopes: [a]\n", "invalid YAML at line 2"),
        (".scopelint.toml", 'select = ["SL001"]\nscopes = [\n', "invalid TOML: "),
        ("pyproject.toml", "[tool.scopelint]\nselect = = 1\n", "(at line 2, column"),
    ],
)
def test_broken_syntax_names_file_and_line(tmp_path: Path, name: str, text: str,
                                           where: str) -> None:
    path = write(tmp_path, name, text)
    with pytest.raises(ConfigError) as raised:
        load_settings(path)
    assert str(raised.value).startswith(f"{path}: ")
    assert where in str(raised.value)


def test_yaml_tags_are_rejected_not_executed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    path = write(tmp_path, ".scopelint.yaml",
                 f"scopes: !!python/object/apply:os.system ['touch {marker}']\n")
    with pytest.raises(ConfigError, match="invalid YAML"):
        load_settings(path)
    assert not marker.exists()


def test_unreadable_config_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read the configuration file"):
        load_settings(tmp_path / ".scopelint.yaml")


# --------------------------------------------------------------------------- find_config


def test_find_config_walks_up_to_the_nearest(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    top = write(tmp_path, ".scopelint.toml", "")
    nested = write(tmp_path, "services/a/.scopelint.yaml", "")
    deep = tmp_path / "services/a/src/pkg"
    deep.mkdir(parents=True)
    assert find_config(deep) == nested
    assert find_config(write(deep, "mod.py", "")) == nested
    assert find_config(tmp_path / "services") == top
    assert find_config(tmp_path) == top


def test_find_config_prefers_scopelint_files_in_a_directory(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path, "pyproject.toml", "[tool.scopelint]\n")
    write(tmp_path, ".scopelint.toml", "")
    yml = write(tmp_path, ".scopelint.yml", "")
    assert find_config(tmp_path) == yml
    yaml = write(tmp_path, ".scopelint.yaml", "")
    assert find_config(tmp_path) == yaml


def test_find_config_skips_pyproject_without_table(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    top = write(tmp_path, "pyproject.toml", '[tool.scopelint]\nscopes = ["read:me"]\n')
    write(tmp_path, "pkg/pyproject.toml", '[project]\nname = "pkg"  # scopelint later\n')
    write(tmp_path, "other/pyproject.toml", "[project\nbroken")
    assert find_config(tmp_path / "pkg") == top
    assert find_config(tmp_path / "other") == top


def test_find_config_broken_pyproject_with_table_is_an_error(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    path = write(tmp_path, "pyproject.toml", "[tool.scopelint]\nscopes = [\n")
    with pytest.raises(ConfigError) as raised:
        find_config(tmp_path / "src")
    assert str(raised.value).startswith(f"{path}: invalid TOML")


def test_find_config_stops_at_the_repository_root(tmp_path: Path) -> None:
    write(tmp_path, ".scopelint.yaml", "scopes: [outside]\n")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "src").mkdir()
    assert find_config(repo / "src") is None
    assert find_config(repo) is None
    # a .git *file* (worktree, submodule) marks a repository root too
    worktree = tmp_path / "wt"
    worktree.mkdir()
    (worktree / ".git").write_text("gitdir: ../repo/.git/worktrees/wt\n", encoding="utf-8")
    assert find_config(worktree) is None
    # the repository root's own config is still found
    inside = write(repo, ".scopelint.toml", "")
    assert find_config(repo / "src") == inside


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (".scopelint.toml", "scopes = " + "[" * 5000 + "]" * 5000 + "\n"),
        ("pyproject.toml", "[tool.scopelint]\nscopes = " + "[" * 5000 + "\n"),
        ("pyproject.toml", "[tool.scopelint]\nx = " + "{a = " * 5000 + "1" + "}" * 5000 + "\n"),
    ],
)
def test_a_deeply_nested_toml_file_is_one_line_naming_it(tmp_path: Path, name: str, text: str) -> None:
    path = write(tmp_path, name, text)
    with pytest.raises(ConfigError) as raised:
        load_settings(path)
    message = str(raised.value)
    assert message.startswith(f"{path}") and "nested too deeply" in message and "\n" not in message
