"""The byte prefilter: only files that can hold an Atlassian call or declaration are parsed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from scopelint.model import FileScan
from scopelint.scanning import scan as scan_module
from scopelint.scanning.discovery import DiscoveredFile
from scopelint.scanning.scan import scan_file
from scopelint.scanning.source import SourceFile

HTTP_CLIENT = """\
import requests

def load(session, url):
    response = session.request("GET", url, timeout=10)
    return requests.get(url).json()
"""


def _file(tmp_path: Path, name: str, text: str) -> DiscoveredFile:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return DiscoveredFile(path, name, explicit=False)


def test_http_client_code_without_atlassian_urls_is_not_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed: list[str] = []
    real_load = scan_module.load

    def counting_load(module: str) -> Callable[[SourceFile], FileScan]:
        extract = real_load(module)

        def wrapper(source: SourceFile) -> FileScan:
            parsed.append(module)
            return extract(source)

        return wrapper

    monkeypatch.setattr(scan_module, "load", counting_load)
    assert scan_file(_file(tmp_path, "client.py", HTTP_CLIENT)).calls == []
    assert parsed == []


@pytest.mark.parametrize(
    ("name", "text", "url"),
    [
        ("forge.js", "import api, { route } from '@forge/api';\n"
                     "await api.asApp().requestJira(route`/rest/api/3/myself`);\n", "/rest/api/3/myself"),
        ("bridge.js", "import { requestConfluence } from '@forge/bridge';\n"
                      "await requestConfluence('/wiki/api/v2/pages');\n", "/wiki/api/v2/pages"),
        ("client.py", 'import requests\nrequests.get("https://acme.atlassian.net/rest/api/3/myself")\n',
         "https://acme.atlassian.net/rest/api/3/myself"),
        ("bb.sh", "curl https://api.bitbucket.org/2.0/repositories/acme\n",
         "https://api.bitbucket.org/2.0/repositories/acme"),
    ],
)
def test_files_with_calls_still_pass_the_prefilter(tmp_path: Path, name: str, text: str, url: str) -> None:
    urls = [call.url for call in scan_file(_file(tmp_path, name, text)).calls]
    assert url in urls


def test_every_sdk_import_has_a_prefilter_marker() -> None:
    """Code that calls an SDK names no URL: the prefilter knows each SDK by how it is imported
    (data/sdk/index.json), or such files would never be parsed."""
    import json

    from scopelint.kb.sdk import sdk_dir
    from scopelint.scanning.languages.javascript.extractor import _PREFILTER
    from scopelint.scanning.urls import INTERESTING_BYTES

    index = json.loads((sdk_dir() / "index.json").read_text(encoding="utf-8"))
    for table in index["tables"]:
        for name in table["imports"]:
            if table["language"] == "python":
                lines = (f"import {name}\n".encode(), f"from {name}.client import X\n".encode())
                for line in lines:
                    assert any(marker in line for marker in INTERESTING_BYTES), line
            elif table["language"] == "go":
                line = f'import jira "{name}"\n'.encode()
                assert any(marker in line for marker in INTERESTING_BYTES), line
                from scopelint.scanning.languages.go.sdk import markers

                assert any(marker in line for marker in markers()), line
            else:
                line = f"import {{ X }} from '{name}';\n".encode()
                assert any(marker in line for marker in INTERESTING_BYTES), line
                assert any(marker in line for marker in _PREFILTER), line


def test_files_calling_an_sdk_are_parsed(tmp_path: Path) -> None:
    code = "from jira import JIRA\n\ndef f(jira: JIRA):\n    jira.add_comment('K-1', 'x')\n"
    found = scan_file(_file(tmp_path, "triage.py", code)).calls
    assert [(c.method, c.url) for c in found] == [("POST", "/rest/api/2/issue/{issue}/comment")]
