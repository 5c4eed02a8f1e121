"""What a Forge app's JavaScript/TypeScript uses of the platform (issue #21): storage, platform
APIs, requests to other hosts, images, Forge Remote; and which files are read for it."""

from __future__ import annotations

import textwrap
from pathlib import Path

from scopelint.model import PlatformUse
from scopelint.scanning.discovery import DiscoveredFile
from scopelint.scanning.languages.javascript import extract
from scopelint.scanning.scan import scan_file
from scopelint.scanning.source import SourceFile


def uses(code: str, display: str = "src/index.js", forge_app: bool = True) -> list[PlatformUse]:
    source = SourceFile(Path(display), display, textwrap.dedent(code).lstrip(), forge_app=forge_app)
    scan = extract(source)
    assert not scan.warnings, scan.warnings
    return scan.platform_uses


def brief(found: list[PlatformUse]) -> list[tuple[int, str, str, str]]:
    return [(u.location.line, u.kind, u.api, u.target) for u in found]


def test_storage_through_esm_require_default_import_and_reexports() -> None:
    found = uses(
        """
        import api, { storage as legacy } from '@forge/api';
        import { kvs } from '@forge/kvs';
        const { storage } = require('@forge/api');
        const store = require('@forge/kvs');
        export async function run(key) {
          await kvs.entity('task').query().index('by-key').where(key).getMany();
          await legacy.get(key);
          await storage.set(key, 1);
          await store.default.get(key);
          return api.storage.delete(key);
        }
        module.exports = { storage };
        export { kvs as cache } from '@forge/kvs';
        """
    )
    assert brief(found) == [
        (6, "api", "kvs", ""),
        (7, "api", "storage", ""),
        (8, "api", "storage", ""),
        (9, "api", "kvs", ""),  # require() of @forge/kvs: its default export is kvs
        (10, "api", "storage", ""),
        (12, "api", "storage", ""),
        (13, "api", "kvs", ""),
    ]
    assert [u.name for u in found][:3] == ["kvs.entity", "legacy.get", "storage.set"]


def test_the_storage_client_package_is_storage_too() -> None:
    found = uses(
        """
        const { GlobalStorage } = require('@forge/storage');
        import { getStorageInstanceWithQuery } from '@forge/storage';
        const store = new GlobalStorage(apiClient, () => metrics);
        export const read = (key) => store.get(key);
        export const query = () => getStorageInstanceWithQuery(adapter).query();
        """
    )
    assert brief(found) == [(3, "api", "global-storage", ""), (5, "api", "global-storage", "")]


def test_names_that_are_not_forge_storage_are_not_uses() -> None:
    found = uses(
        """
        import { storage } from './local-storage.js';
        import { kvs } from '@forge/kvs';  // imported, never used
        const cache = new Map();
        export function remember(key) {
          storage.set(key, 1);
          cache.set(key, 2);
        }
        """
    )
    assert found == []


def test_platform_api_rows_hooks_notifications_privacy_and_remotes() -> None:
    found = uses(
        """
        import { useIssueProperty, useContentProperty } from '@forge/react';
        import { NotificationApi } from '@forge/notifications-sdk';
        import api, { invokeRemote, privacy } from '@forge/api';
        const REMOTE = 'scorer';
        export const App = () => {
          const [v] = useIssueProperty('votes', 0);
          return v;
        };
        export async function run(key) {
          await new NotificationApi().send({ key });
          await privacy.reportPersonalData([]);
          await invokeRemote(REMOTE, { path: '/score' });
          await api.invokeRemote('other', { path: '/x' });
          await invokeRemote(key, { path: '/x' });
        }
        """
    )
    assert brief(found) == [
        (6, "api", "useIssueProperty", ""),
        (10, "api", "notifications", ""),
        (11, "api", "personal-data", ""),
        (12, "remote", "invokeRemote", "scorer"),
        (13, "remote", "invokeRemote", "other"),
        (14, "remote", "invokeRemote", ""),
    ]


def test_requests_to_other_hosts_through_clients_and_helpers() -> None:
    found = uses(
        """
        import api, { fetch, route } from '@forge/api';
        const axios = require('axios');
        const BASE = 'https://api.example.com/v1';
        async function post(url, body) {
          return axios.post(url, body);
        }
        export async function run(key) {
          await api.asApp().requestJira(route`/rest/api/3/issue/${key}`);
          await fetch(`${BASE}/score/${key}`, { method: 'POST' });
          await post('https://hooks.example.net/in', { key });
          await fetch('/relative/path');
          await fetch(process.env.SERVICE_URL);
        }
        """
    )
    assert brief(found) == [
        (9, "fetch", "@forge/api.fetch", "https://api.example.com/v1/score/{key}"),
        (10, "fetch", "axios.post", "https://hooks.example.net/in"),
        (12, "fetch", "@forge/api.fetch", "{SERVICE_URL}"),
    ]
    assert {u.side for u in found} == {"backend"}


def test_frontend_side_from_imports_or_static_folder() -> None:
    bridge = uses("import { view } from '@forge/bridge';\nfetch('https://cdn.example.com/a.json');\n")
    static = uses("fetch('https://cdn.example.com/a.json');\n", "static/panel/src/App.js")
    backend = uses("fetch('https://cdn.example.com/a.json');\n", "src/resolvers/index.js")
    assert [u.side for u in bridge + static + backend] == ["frontend", "frontend", "backend"]


def test_image_sources_in_jsx() -> None:
    found = uses(
        """
        import { Image } from '@forge/react';
        import NextImage from 'next/image';
        const LOGO = 'https://img.example.com/logo.png';
        export const A = ({ ok, user }) => (
          <div>
            <Image src={LOGO} />
            <img src={ok ? 'https://a.example.com/x.png' : 'https://b.example.com/y.png'} />
            <img src={user.avatar || 'https://c.example.com/d.png'} />
            <img src="data:image/png;base64,AA" />
            <img src="./local.png" />
            <NextImage src="https://next.example.com/z.png" />
          </div>
        );
        """,
        "src/frontend/index.jsx",
    )
    assert [(u.location.line, u.target) for u in found if u.kind == "image"] == [
        (6, "https://img.example.com/logo.png"),
        (7, "https://a.example.com/x.png"),
        (7, "https://b.example.com/y.png"),
        (8, "{avatar}"),
        (8, "https://c.example.com/d.png"),
    ]
    assert {u.side for u in found} == {"frontend"}


def test_a_file_outside_a_forge_app_gives_no_platform_use(tmp_path: Path) -> None:
    """Egress needs a manifest above the file; a plain Node script is not a Forge function."""
    (tmp_path / ".git").mkdir()
    app = tmp_path / "app"
    (app / "src").mkdir(parents=True)
    (app / "manifest.yml").write_text("app:\n  id: x\nmodules: {}\n", encoding="utf-8")
    script = tmp_path / "scripts" / "sync.js"
    script.parent.mkdir()
    code = "const axios = require('axios');\naxios.get('https://api.example.com/v1/x');\n"
    script.write_text(code, encoding="utf-8")
    (app / "src" / "index.js").write_text(code, encoding="utf-8")

    outside = scan_file(DiscoveredFile(script, "scripts/sync.js", True))
    inside = scan_file(DiscoveredFile(app / "src" / "index.js", "app/src/index.js", True))

    assert outside.platform_uses == []
    assert [(u.kind, u.target) for u in inside.platform_uses] == [
        ("fetch", "https://api.example.com/v1/x")
    ]


def test_garbage_and_huge_files_never_raise() -> None:
    text = "import { kvs } from '@forge/kvs'\nkvs.get(\n<<<<\n"
    source = SourceFile(Path("a.js"), "a.js", text, forge_app=True)
    scan = extract(source)
    assert scan.warnings == ["a.js: JavaScript/TypeScript syntax errors; results may be incomplete"]
    assert [(u.location.line, u.api) for u in scan.platform_uses] == [(2, "kvs")]
    found = uses("import { kvs } from '@forge/kvs';\n" + "kvs.get('k');\n" * 5000)
    assert len(found) == 2000  # capped per file
