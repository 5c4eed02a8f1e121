"""Forge apps as users write them (issue #21): every permission the manifest must declare.

The projects are tests/fixtures/projects/forge-risk-app (the issue's case: a resolver using
`storage` from @forge/api and `kvs` from @forge/kvs, a fetch to api.example.com, a manifest
declaring read:jira-work only; plus a CommonJS helper and a Custom UI frontend) and
forge-uikit-notes (UI Kit: a property hook, an Image, invokeRemote) and forge-sla-watch (a
TypeScript app as `forge create` lays it out: UI Kit frontend with useIssueProperty and Images,
resolvers in their own folder, @forge/kvs with entity queries in a service module, api.fetch to
a constant base URL, egress entries as {address} mappings, a scheduled trigger).

`FORGE_LINT` is what `forge lint`'s permission checks (@forge/lint 6.1.0 from @forge/cli 13.3.0,
its PermissionLinter and InvokeEndpointLinter run offline on Atlassian's documents in
shared/specs) reported on these projects on 2026-11-30, as (file, line, what). scopelint must
report each of them, and more.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import scopelint, write_tree

PROJECTS = Path(__file__).resolve().parent.parent / "fixtures" / "projects"

FORGE_LINT: dict[str, list[tuple[str, int, str]]] = {
    "forge-risk-app": [
        ("src/index.js", 2, "storage"),  # at the import of `storage`
        ("src/index.js", 17, "egress"),
        ("static/panel/src/App.js", 9, "egress"),
    ],
    "forge-uikit-notes": [
        ("src/frontend/index.jsx", 2, "hook"),  # at the import of useContentProperty
        ("src/frontend/index.jsx", 10, "image"),
        ("src/index.js", 7, "remote"),
    ],
    "forge-sla-watch": [
        ("src/digest.ts", 13, "egress"),
        ("src/frontend/index.tsx", 2, "hook"),  # useIssueProperty: write:jira-work
        ("src/frontend/index.tsx", 17, "image"),
    ],
}
# forge lint reports the import of a storage API or hook; scopelint each use in the same file.
_SAME_FILE = {"storage": "SL014", "hook": "SL017"}
_SAME_LINE = {"egress": "SL015", "image": "SL016", "remote": "SL018"}


def copy_project(name: str, tmp_path: Path) -> Path:
    root = tmp_path / name
    shutil.copytree(PROJECTS / name, root)
    (root / ".git").mkdir()
    return root


def check(root: Path, *args: str) -> tuple[int, list[dict[str, Any]]]:
    result = scopelint(["check", "--format", "json", *args], root)
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)["findings"]


def where(findings: list[dict[str, Any]]) -> set[tuple[str, str, int]]:
    return {(f["code"], f["path"], f["line"]) for f in findings}


def test_the_issue_case_gives_each_missing_permission_where_it_is_used(tmp_path: Path) -> None:
    code, findings = check(copy_project("forge-risk-app", tmp_path))

    assert code == 1
    assert where(findings) == {
        ("SL014", "src/index.js", 11),  # kvs.get (@forge/kvs)
        ("SL015", "src/index.js", 17),  # fetch('https://api.example.com/v1/score')
        ("SL014", "src/index.js", 22),  # kvs.set
        ("SL014", "src/index.js", 23),  # storage.set (@forge/api)
        ("SL014", "src/lib/audit.cjs", 7),  # require('@forge/api').storage in a helper module
        ("SL014", "src/lib/audit.cjs", 8),
        ("SL015", "static/panel/src/App.js", 9),  # Custom UI fetch: the client list
        ("SL016", "static/panel/src/App.js", 14),  # <img src>
    }
    messages = {f["line"]: f["message"] for f in findings if f["path"] == "src/index.js"}
    assert "api.example.com is not in permissions.external.fetch.backend" in messages[17]
    assert "storage:app" in messages[11]


FIXED_RISK_MANIFEST = """\
# Risk panel: scores an issue with our scoring service and keeps an audit trail.
modules:
  jira:issuePanel:
    - key: risk-panel
      resource: panel
      resolver:
        function: resolver
      title: Risk
  function:
    - key: resolver
      handler: index.handler
resources:
  - key: panel
    path: static/panel/build
permissions:
  scopes:
    - read:jira-work  # issue fields for the score
    - storage:app
  external:
    fetch:
      backend:
        - '*.example.org'  # the audit service
        - 'api.example.com'
      client:
        - cdn.example.com
    images:
      - images.example.com
app:
  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000001
  runtime:
    name: nodejs20.x
"""


def test_fix_adds_exactly_what_is_missing_and_nothing_else(tmp_path: Path) -> None:
    root = copy_project("forge-risk-app", tmp_path)
    sources = {p: p.read_bytes() for p in root.rglob("*.*js") if ".git" not in p.parts}

    result = scopelint(["check", "--fix"], root)

    assert result.exit_code == 0, result.output
    assert (root / "manifest.yml").read_text(encoding="utf-8") == FIXED_RISK_MANIFEST
    assert {p: p.read_bytes() for p in sources} == sources  # code is never edited
    again = scopelint(["check", "--fix"], root)
    assert again.exit_code == 0 and "Fixed" not in again.output
    assert (root / "manifest.yml").read_text(encoding="utf-8") == FIXED_RISK_MANIFEST


def test_fix_creates_the_external_block_and_keeps_a_flow_list(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {
        "manifest.yml": (
            "app:\n  id: x\n  runtime:\n    name: nodejs20.x\n"
            "modules:\n  function:\n    - key: f\n      handler: index.run\n"
            "permissions:\n  scopes: [storage:app]\n"
        ),
        "src/index.js": (
            "import { fetch } from '@forge/api';\nimport { kvs } from '@forge/kvs';\n"
            "export const run = async () => {\n"
            "  await kvs.set('k', 1);\n"
            "  await fetch('http://legacy.example.net/ping');\n"
            "};\n"
        ),
    })

    assert scopelint(["check", "--fix"], root).exit_code == 0
    assert (root / "manifest.yml").read_text(encoding="utf-8").endswith(
        "permissions:\n  scopes: [storage:app]\n"
        "  external:\n    fetch:\n      backend:\n        - http://legacy.example.net\n"
    )


def test_unsafe_fixes_remove_unused_permissions_only_when_everything_was_seen(tmp_path: Path) -> None:
    files = {
        "manifest.yml": (
            "app:\n  id: x\n  runtime:\n    name: nodejs20.x\n"
            "modules:\n  function:\n    - key: f\n      handler: index.run\n"
            "permissions:\n  scopes:\n    - storage:app\n"
            "  external:\n    fetch:\n      backend:\n        - api.example.com\n        - old.example.com\n"
        ),
        "src/index.js": (
            "import { fetch } from '@forge/api';\n"
            "export const run = () => fetch('https://api.example.com/v1');\n"
        ),
    }
    root = write_tree(tmp_path, files)
    _code, findings = check(root)
    assert where(findings) == {("SL019", "manifest.yml", 11), ("SL019", "manifest.yml", 16)}

    partial = check(root, "src/index.js")[1]  # a pre-commit run: the app was not all seen
    assert [f for f in partial if f["code"] == "SL019"] == []

    assert scopelint(["check", "--fix", "--unsafe-fixes"], root).exit_code == 0
    assert (root / "manifest.yml").read_text(encoding="utf-8").endswith(
        "permissions:\n  scopes: []\n"
        "  external:\n    fetch:\n      backend:\n        - api.example.com\n"
    )


def test_ui_kit_hook_image_and_remote(tmp_path: Path) -> None:
    _code, findings = check(copy_project("forge-uikit-notes", tmp_path))

    assert where(findings) == {
        ("SL017", "src/frontend/index.jsx", 6),  # useContentProperty needs write:page:confluence
        ("SL016", "src/frontend/index.jsx", 10),
        ("SL018", "src/index.js", 7),  # invokeRemote('notes-ai'): no such remote
    }


@pytest.mark.parametrize("project", sorted(FORGE_LINT))
def test_scopelint_reports_everything_forge_lint_reports(project: str, tmp_path: Path) -> None:
    _code, findings = check(copy_project(project, tmp_path))
    found = where(findings)

    for path, line, what in FORGE_LINT[project]:
        if what in _SAME_FILE:
            assert any(c == _SAME_FILE[what] and p == path for c, p, _ in found), (path, line, what)
        else:
            assert (_SAME_LINE[what], path, line) in found, (path, line, what)
    if project == "forge-risk-app":  # and what it misses: kvs, require() in a helper, <img>
        assert len(found) == len(FORGE_LINT[project]) + 5


def test_a_manifest_external_section_of_the_wrong_shape_is_one_finding(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {
        "manifest.yml": (
            "app:\n  id: x\nmodules: {}\npermissions:\n  scopes: []\n"
            "  external:\n    fetch: api.example.com\n"
        ),
        "src/index.js": "import { fetch } from '@forge/api';\nfetch('https://api.example.com/x');\n",
    })

    code, findings = check(root)

    assert code == 1
    assert [(f["code"], f["path"], f["line"]) for f in findings] == [("SL015", "manifest.yml", 7)]
    assert findings[0]["message"].startswith("permissions.external.fetch is not a mapping")


def test_notifications_need_the_scope_of_the_apps_product_only(tmp_path: Path) -> None:
    source = (
        "const { NotificationApi } = require('@forge/notifications');\n"
        "exports.run = async () => new NotificationApi().send({ title: 'Done' });\n"
    )
    manifest = (
        "modules:\n  trigger:\n    - key: t\n      function: run\n      events:\n"
        "        - avi:confluence:created:page\n  function:\n    - key: run\n      handler: index.run\n"
        "permissions:\n  scopes:\n    - storage:app\napp:\n  id: x\n"
    )
    root = write_tree(tmp_path, {"manifest.yml": manifest, "src/index.js": source})

    _code, findings = check(root, "--select", "SL017")

    assert [(f["path"], f["line"]) for f in findings] == [("src/index.js", 2)]
    assert findings[0]["message"] == (
        "the Forge notification API (NotificationApi) needs send:app-notification:confluence; "
        "manifest.yml does not declare it"
    )


def test_a_typescript_ui_kit_app_with_services_in_other_modules(tmp_path: Path) -> None:
    code, findings = check(copy_project("forge-sla-watch", tmp_path))

    assert code == 1
    assert where(findings) == {
        ("SL003", "manifest.yml", 26),  # read:jira-user: nothing uses it
        ("SL014", "src/services/settings.ts", 8),  # kvs.get, in a service the resolver imports
        ("SL014", "src/services/settings.ts", 12),  # kvs.set
        ("SL014", "src/services/settings.ts", 16),  # kvs.entity('breach').query()...
        ("SL015", "src/services/risk.ts", 6),  # api.fetch(`${SCORING_BASE}/risk`): forge lint misses it
        ("SL015", "src/digest.ts", 13),  # hooks.slack.com (events.pagerduty.com is declared)
        ("SL016", "src/frontend/index.tsx", 17),  # <Image src> literal (LOGO's host is declared)
        ("SL017", "src/frontend/index.tsx", 9),  # useIssueProperty with read:jira-work only
    }
    messages = {(f["path"], f["line"]): f["message"] for f in findings}
    risk, image = messages[("src/services/risk.ts", 6)], messages[("src/frontend/index.tsx", 17)]
    assert "api.slawatch.io is not in permissions.external.fetch.backend" in risk
    assert "status.slawatch.io is not in permissions.external.images" in image


def test_fix_on_a_typescript_ui_kit_app_keeps_address_entries_and_comments(tmp_path: Path) -> None:
    root = copy_project("forge-sla-watch", tmp_path)
    before = (root / "manifest.yml").read_text(encoding="utf-8")

    result = scopelint(["check", "--fix"], root)

    assert result.exit_code == 1, result.output  # the unused read:jira-user is left (unsafe)
    after = (root / "manifest.yml").read_text(encoding="utf-8")
    assert after == before.replace(
        "    - read:jira-user   # assignee display names (not used yet)\n",
        "    - read:jira-user   # assignee display names (not used yet)\n"
        "    - write:jira-work\n    - storage:app\n",
    ).replace(
        "          inScopeEUD: false\n",
        "          inScopeEUD: false\n        - address: 'hooks.slack.com'\n"
        "        - address: 'api.slawatch.io'\n",  # in the form of the list's entries
    ).replace(
        "      - 'https://cdn.slawatch.io'\n",
        "      - 'https://cdn.slawatch.io'\n      - 'status.slawatch.io'\n",
    )
    _code, left = check(root)
    assert [(f["code"], f["line"]) for f in left] == [("SL003", 26)]


def test_fix_on_a_manifest_without_permissions_writes_one_block_scopes_first(tmp_path: Path) -> None:
    manifest = (
        "# my app\nmodules:\n  function:\n    - key: f\n      handler: index.run\napp:\n  id: x  # the id\n"
    )
    root = write_tree(tmp_path, {
        "manifest.yml": manifest,
        "src/index.js": (
            "import { kvs } from '@forge/kvs';\n"
            "export const run = async () => {\n"
            "  await kvs.set('k', 1);\n  await fetch('https://api.example.com/x');\n};\n"
        ),
    })

    result = scopelint(["check", "--fix"], root)

    assert result.exit_code == 0, result.output
    assert (root / "manifest.yml").read_text(encoding="utf-8") == manifest + (
        "permissions:\n  scopes:\n    - storage:app\n"
        "  external:\n    fetch:\n      backend:\n        - api.example.com\n"
    )
