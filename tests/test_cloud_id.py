"""`scopelint cloud-id`: against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from local_http import Route, clear_proxies, closed_port, serve

from scopelint.cli.main import cli

CLOUD_ID = "1324a887-45db-1bf4-1e99-ef0ff456d421"
TENANT = Route(200, json.dumps({"cloudId": CLOUD_ID}).encode())
TENANT_PATH = "/_edge/tenant_info"


@pytest.fixture(autouse=True)
def _no_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    clear_proxies(monkeypatch)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["cloud-id", *args])


def test_prints_the_cloud_id_and_asks_only_for_tenant_info() -> None:
    with serve({TENANT_PATH: TENANT}) as server:
        result = run(server.url + "/")
    assert result.exit_code == 0, result.output
    assert result.stdout == CLOUD_ID + "\n"
    assert [path for path, _ in server.requests] == [TENANT_PATH]
    assert server.requests[0][1]["user-agent"].startswith("scopelint/")


def test_keeps_a_path_prefix() -> None:
    with serve({"/mirror/acme" + TENANT_PATH: TENANT}) as server:
        result = run(server.url + "/mirror/acme/")
    assert result.exit_code == 0, result.output
    assert result.stdout == CLOUD_ID + "\n"


def test_json_prints_the_whole_answer() -> None:
    answer = {"cloudId": CLOUD_ID, "extra": "kept"}
    with serve({TENANT_PATH: Route(200, json.dumps(answer).encode())}) as server:
        result = run(server.url, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == answer


@pytest.mark.parametrize(
    ("route", "message"),
    [
        (Route(404, b"nope", "text/plain"), "HTTP 404 Not Found (is it an Atlassian Cloud site?)"),
        (Route(500, b"boom", "text/plain"), "HTTP 500 Internal Server Error"),
        (Route(200, b"<html>login</html>", "text/html"), "the answer is not JSON"),
        (Route(200, b'{"tenantId": "x"}'), "the answer has no cloudId"),
        (Route(200, b'{"cloudId": "not-a-uuid"}'), "the cloudId 'not-a-uuid' is not a UUID"),
    ],
)
def test_bad_answers_give_one_line_and_exit_2(route: Route, message: str) -> None:
    with serve({TENANT_PATH: route}) as server:
        result = run(server.url)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert message in result.stderr and result.stderr.startswith("scopelint: error: ")


def test_timeout() -> None:
    with serve({TENANT_PATH: Route(200, b"{}", hang=True)}) as server:
        result = run(server.url, "--timeout", "0.5")
    assert result.exit_code == 2
    assert "no answer within 0.5 s (timed out)" in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_connection_refused() -> None:
    result = run(f"http://127.0.0.1:{closed_port()}")
    assert result.exit_code == 2
    assert "connection refused" in result.stderr and len(result.stderr.splitlines()) == 1


def test_dns_failure_for_a_host_that_never_resolves() -> None:
    result = run("acme.invalid", "--timeout", "5")
    assert result.exit_code == 2
    assert result.stderr == (
        "scopelint: error: cannot read the cloudId of acme.invalid: "
        "https://acme.invalid/_edge/tenant_info: cannot resolve host 'acme.invalid' (DNS lookup failed)\n"
    )


def test_redirect_to_another_host_is_not_followed() -> None:
    with serve() as server:
        elsewhere = f"http://localhost:{server.port}/elsewhere"
        server.routes[TENANT_PATH] = Route(302, b"", headers={"Location": elsewhere})
        server.routes["/elsewhere"] = TENANT
        result = run(server.url)
    assert result.exit_code == 2
    assert "redirected to another host" in result.stderr
    assert [path for path, _ in server.requests] == [TENANT_PATH]


def test_not_a_site() -> None:
    result = run("ftp://acme.atlassian.net")
    assert result.exit_code == 2 and "http(s) URL" in result.stderr


# --------------------------------------------------------------------------- --save


def test_save_into_scopelint_yaml_keeps_everything_else(project: Path) -> None:
    config = project / ".scopelint.yaml"
    original = (
        "# scopelint settings for the demo\n"
        "select: [SL001, SL002]   # the important ones\n"
        "sites:\n"
        '  staging.atlassian.net: "0c2e9f3a-1111-2222-3333-444455556666"   # staging\n'
        "\n"
        "scopes:\n"
        "  - read:jira-work\n"
    )
    config.write_text(original)
    with serve({TENANT_PATH: TENANT}) as server:
        result = run(server.url, "--save")
    assert result.exit_code == 0, result.output
    assert result.stdout == CLOUD_ID + "\n"
    assert "Recorded sites.127.0.0.1" in result.stderr and ".scopelint.yaml" in result.stderr
    assert config.read_text() == original.replace(
        "   # staging\n", f'   # staging\n  127.0.0.1: "{CLOUD_ID}"\n'
    )
    # saving again changes nothing
    with serve({TENANT_PATH: TENANT}) as server:
        again = run(server.url, "--save")
    assert again.exit_code == 0 and "already recorded" in again.stderr
    assert config.read_text() == original.replace(
        "   # staging\n", f'   # staging\n  127.0.0.1: "{CLOUD_ID}"\n'
    )


def test_save_into_scopelint_toml(project: Path) -> None:
    config = project / ".scopelint.toml"
    original = "# settings\nselect = ['SL001']  # only this\nexclude = [\n  'vendor/**',\n]\n"
    config.write_text(original)
    with serve({TENANT_PATH: TENANT}) as server:
        result = run(server.url, "--save")
    assert result.exit_code == 0, result.output
    assert config.read_text() == original + f'\n[sites]\n"127.0.0.1" = "{CLOUD_ID}"\n'


def test_save_into_pyproject_tool_table(project: Path) -> None:
    pyproject = project / "pyproject.toml"
    original = (
        '[project]\nname = "demo"  # keep\n\n'
        "[tool.scopelint]\nselect = [\"SL\"]\n\n"
        "[tool.scopelint.sites]\n'staging.atlassian.net' = '0c2e9f3a-1111-2222-3333-444455556666'\n\n"
        "[tool.ruff]\nline-length = 100\n"
    )
    pyproject.write_text(original)
    with serve({TENANT_PATH: TENANT}) as server:
        result = run(server.url, "--save")
    assert result.exit_code == 0, result.output
    assert pyproject.read_text() == original.replace(
        "'0c2e9f3a-1111-2222-3333-444455556666'\n",
        f"'0c2e9f3a-1111-2222-3333-444455556666'\n\"127.0.0.1\" = \"{CLOUD_ID}\"\n",
    )


def test_save_creates_scopelint_toml_at_the_repository_root(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sub = project / "src" / "pkg"
    sub.mkdir(parents=True)
    monkeypatch.chdir(sub)
    with serve({TENANT_PATH: TENANT}) as server:
        result = run(server.url, "--save")
    assert result.exit_code == 0, result.output
    assert (project / ".scopelint.toml").read_text() == f'[sites]\n"127.0.0.1" = "{CLOUD_ID}"\n'
    assert "Created" in result.stderr


def test_failed_lookup_does_not_touch_the_config(project: Path) -> None:
    config = project / ".scopelint.yaml"
    config.write_text("select: [SL001]\n")
    with serve({TENANT_PATH: Route(500)}) as server:
        result = run(server.url, "--save")
    assert result.exit_code == 2
    assert config.read_text() == "select: [SL001]\n"


def test_save_refuses_a_host_the_sites_setting_cannot_hold(project: Path) -> None:
    with serve({TENANT_PATH: TENANT}) as server:
        result = run(f"http://localhost:{server.port}", "--save")
    assert result.exit_code == 2
    assert result.stdout == CLOUD_ID + "\n"  # the lookup itself worked
    assert "cannot record 'localhost'" in result.stderr
    assert list(project.iterdir()) == [project / ".git"]
