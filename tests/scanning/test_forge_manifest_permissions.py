"""The parts of a Forge manifest besides scopes: egress lists, images, remotes, resources."""

from __future__ import annotations

from pathlib import Path

from scopelint.model import ForgeApp, ManifestEntry
from scopelint.scanning.declarations.forge_manifest import extract
from scopelint.scanning.source import SourceFile

FULL = """\
modules:
  jira:issuePanel:
    - key: panel
      resource: main
  confluence:macro:
    - key: macro
      resource: main
permissions:
  scopes:
    - read:jira-work
  external:
    fetch:
      backend:
        - api.example.com
        - address: '*.example.org'
          category: analytics
        - remote: scorer
      client: [https://cdn.example.com]
    images:
      - images.example.com
remotes:
  - key: scorer
    baseUrl: https://scorer.example.net
    operations: [compute, fetch]
resources:
  - key: main
    path: static/main/build/
app:
  id: ari:cloud:ecosystem::app/x
"""


def app_of(text: str, display: str = "apps/a/manifest.yml") -> ForgeApp:
    scan = extract(SourceFile(Path(display), display, text))
    assert len(scan.forge_apps) == 1, scan
    return scan.forge_apps[0]


def test_every_list_with_its_lines() -> None:
    app = app_of(FULL)
    assert app.root == "apps/a"
    assert app.fetch_backend == (
        ManifestEntry("api.example.com", 14),
        ManifestEntry("*.example.org", 15),
        ManifestEntry("", 17, remote="scorer"),
    )
    assert app.fetch_client == (ManifestEntry("https://cdn.example.com", 18),)
    assert app.images == (ManifestEntry("images.example.com", 20),)
    assert app.remotes == (
        ManifestEntry("scorer", 22, remote="https://scorer.example.net", operations=("compute", "fetch")),
    )
    assert app.resources == ("static/main/build",)
    assert app.products == ("jira", "confluence")
    assert app.lines["permissions.external.fetch.backend"] == 13
    assert app.problems == ()


def test_wrong_shapes_are_problems_with_their_lines_and_the_rest_is_read() -> None:
    text = """\
app:
  id: x
permissions:
  external:
    fetch:
      backend: api.example.com
      client:
        - 42
        - cdn.example.com
    images: {host: x}
remotes: nope
"""
    app = app_of(text)
    assert app.problems == (
        (6, "permissions.external.fetch.backend is not a list"),
        (8, "permissions.external.fetch.client has an entry that is neither an address nor an "
            "{address: ...} or {remote: ...} mapping"),
        (10, "permissions.external.images is not a list"),
        (11, "remotes is not a list"),
    )
    assert app.fetch_client == (ManifestEntry("cdn.example.com", 9),)


def test_external_that_is_not_a_mapping() -> None:
    app = app_of("app:\n  id: x\npermissions:\n  external: [api.example.com]\n")
    assert app.problems == ((4, "permissions.external is not a mapping"),)


def test_a_manifest_without_permissions_still_is_an_app() -> None:
    app = app_of("app:\n  id: x\nmodules:\n  jira:globalPage: []\n", "manifest.yml")
    assert (app.root, app.scopes, app.fetch_backend, app.products) == (".", (), (), ("jira",))


def test_a_yaml_file_that_is_not_a_forge_manifest_is_no_app() -> None:
    scan = extract(SourceFile(Path("manifest.yml"), "manifest.yml", "name: x\nversion: 1\n"))
    assert scan.forge_apps == [] and scan.declarations == []


def test_product_event_triggers_name_the_apps_product() -> None:
    app = app_of(
        "app:\n  id: x\nmodules:\n  trigger:\n    - key: t\n      function: f\n      events:\n"
        "        - avi:confluence:created:page\n        - avi:forge:installed:app\n"
        "        - avi:confluence:updated:page\n  function:\n    - key: f\n      handler: index.f\n",
        "manifest.yml",
    )
    assert app.products == ("confluence",)  # not the platform's own avi:forge: events
