"""Generate the large tree benchmark 2 scans: ~20,000 files, ~200 MB, deterministic.

What a monorepo looks like to a linter: Python, JavaScript/TypeScript, shell, YAML, JSON and
Markdown of ordinary sizes, some minified JavaScript bundles, a few large files (a data dump,
a log, a generated module), and Atlassian REST calls sprinkled in about one file in twenty.
Ordinary code mentions HTTP requests too, so the byte prefilter cannot skip everything.

The tree is its own repository top (it holds a ``.git`` folder), so the ignore files of the
repository around ``bench/.work`` do not apply to it, for scopelint and ripgrep alike; its own
``.gitignore`` (``tree.gitignore``, ~120 patterns of the Python and Node templates, none
matching a generated file) is matched against every path, as in a real repository.
A marker file records the generator version; an existing tree is reused.
"""

from __future__ import annotations

import argparse
import random
import shutil
from collections.abc import Callable
from pathlib import Path

from _common import WORK

VERSION = "6"
DEFAULT_FILES = 20_000
TREE = WORK / "tree"
MARKER = ".bench-tree-version"
GITIGNORE = Path(__file__).with_name("tree.gitignore")

_WORDS = (
    "user", "account", "project", "issue", "board", "sprint", "page", "space", "item", "record",
    "order", "invoice", "customer", "client", "session", "token", "cache", "queue", "worker",
    "event", "handler", "config", "settings", "report", "metric", "value", "result", "status",
    "count", "total", "index", "offset", "limit", "filter", "query", "response",
)

CALLS_PY = (
    'resp = requests.get(f"https://api.atlassian.com/ex/jira/{{cloud_id}}/rest/api/3/issue/{{key}}", '
    "headers=headers)\n",
    'r = session.post("https://acme.atlassian.net/rest/api/3/issue", json=payload)\n',
    'pages = client.get(f"{{BASE}}/wiki/api/v2/pages/{{page_id}}")\n',
    'requests.delete(f"https://api.bitbucket.org/2.0/repositories/{{ws}}/{{repo}}/refs/branches/{{name}}")\n',
)
CALLS_JS = (
    "const res = await api.asApp().requestJira(route`/rest/api/3/project/${{projectKey}}`);\n",
    "await fetch(`https://acme.atlassian.net/rest/api/3/search/jql?jql=${{jql}}`, {{ method: 'GET' }});\n",
    "const r = await axios.put(`${{base}}/rest/api/3/issue/${{key}}/assignee`, body);\n",
)
CALLS_SH = (
    'curl -s -u "$EMAIL:$TOKEN" "https://acme.atlassian.net/rest/api/3/myself"\n',
    'curl -X POST -H "Authorization: Bearer $T" '
    '"https://api.atlassian.com/ex/confluence/$CLOUD/wiki/api/v2/pages" -d @page.json\n',
)
CALLS_YAML = (
    "jira_base_url: https://acme.atlassian.net\n",
    "endpoint: https://api.atlassian.com/ex/jira/11111111-2222-3333-4444-555555555555/rest/api/3/field\n",
)
CALLS_MD = (
    "Call `GET https://acme.atlassian.net/rest/api/3/issue/PPT-28` to read an issue.\n",
    "See https://developer.atlassian.com/cloud/jira/platform/rest/v3/ for the reference.\n",
)


def _name(rng: random.Random) -> str:
    return "_".join(rng.choice(_WORDS) for _ in range(rng.randint(1, 3)))


def _py_block(rng: random.Random, http: bool = False) -> str:
    name, arg, other = _name(rng), _name(rng), _name(rng)
    body = (
        f"    response = self.http.request('GET', self.url + '/{arg}', timeout=10)\n"
        f"    return response.json()\n"
        if http
        else f"    total = 0\n    for {other} in {arg}:\n        total += len(str({other}))\n"
        f"    return {{'{name}': total, 'items': list({arg})}}\n"
    )
    return f"\n\ndef {name}_{rng.randint(0, 999)}({arg}, *, limit: int = {rng.randint(1, 500)}):\n" \
        f'    """Compute the {name.replace("_", " ")} of {arg.replace("_", " ")}."""\n{body}'


def _js_block(rng: random.Random, http: bool = False) -> str:
    name, arg = _name(rng), _name(rng)
    camel = "".join(part.title() for part in name.split("_"))
    if http:
        return f"\nexport async function load{camel}({arg}) {{\n" \
            f"  const response = await httpClient.request({{ url: `/internal/{arg}`, method: 'GET' }});\n" \
            f"  return response.data;\n}}\n"
    return f"\nexport function compute{camel}({arg}, limit = {rng.randint(1, 99)}) {{\n" \
        f"  return {arg}.filter((x) => x.{name} > limit).map((x) => ({{ ...x, seen: true }}));\n}}\n"


def _ts_block(rng: random.Random, http: bool = False) -> str:
    name = "".join(part.title() for part in _name(rng).split("_"))
    return f"\nexport interface {name}{rng.randint(0, 99)} {{\n  id: string;\n  count: number;\n" \
        f"  tags?: string[];\n}}\n" + _js_block(rng, http)


def _sh_block(rng: random.Random, http: bool = False) -> str:
    var = _name(rng).upper()
    return f'\n{var}="${{{var}:-{rng.randint(0, 9)}}}"\nif [ -n "${var}" ]; then\n' \
        f'  echo "processing ${var}" >&2\n  ls -la "/var/tmp/{var.lower()}" | wc -l\nfi\n'


def _yaml_block(rng: random.Random, http: bool = False) -> str:
    key = _name(rng)
    return f"{key}_{rng.randint(0, 9999)}:\n  enabled: {rng.choice(['true', 'false'])}\n" \
        f"  replicas: {rng.randint(1, 9)}\n  image: registry.example.com/{key}:{rng.randint(1, 40)}\n"


def _md_block(rng: random.Random, http: bool = False) -> str:
    words = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(40, 90)))
    return f"\n## {_name(rng).replace('_', ' ').title()}\n\n{words}.\n"


def _json_block(rng: random.Random, http: bool = False) -> str:
    return f'  "{_name(rng)}_{rng.randint(0, 99999)}": {{"id": {rng.randint(0, 10**6)}, ' \
        f'"label": "{_name(rng)}", "active": {rng.choice(["true", "false"])}}},\n'


Kind = tuple[str, Callable[[random.Random, bool], str], tuple[str, ...], str, str]
# (suffix, block maker, call lines, head, tail); weights below
KINDS: dict[str, Kind] = {
    "py": (".py", _py_block, CALLS_PY, "import json\n", ""),
    "js": (".js", _js_block, CALLS_JS, "import axios from 'axios';\n", ""),
    "ts": (".ts", _ts_block, CALLS_JS, "import api, { route } from '@forge/api';\n", ""),
    "sh": (".sh", _sh_block, CALLS_SH, "#!/bin/sh\nset -eu\n", ""),
    "yml": (".yml", _yaml_block, CALLS_YAML, "# settings\n", ""),
    "md": (".md", _md_block, CALLS_MD, "# Notes\n", ""),
    "json": (".json", _json_block, (), "{\n", '  "end": true\n}\n'),
}
WEIGHTS = {"py": 28, "js": 16, "ts": 12, "sh": 6, "yml": 10, "md": 20, "json": 8}


def _pool(rng: random.Random, maker: Callable[[random.Random, bool], str], http: bool,
          count: int = 300) -> list[str]:
    return [maker(rng, http) for _ in range(count)]


def _ordinary_file(
    rng: random.Random, kind: Kind, pool: list[str], http_pool: list[str], with_call: bool
) -> str:
    """One file; one in six is HTTP client code (mentions requests, none to Atlassian)."""
    _, _, calls, head, tail = kind
    size = int(rng.lognormvariate(8.25, 0.8))  # median ~3.8 kB, long tail
    http = rng.random() < 1 / 6
    parts = [head]
    total = len(head)
    call_at = rng.randint(0, 3) if with_call and calls else -1
    index = 0
    while total < size:
        block = rng.choice(http_pool if http and rng.random() < 0.2 else pool)
        if index == call_at:
            line = rng.choice(calls).replace("{{", "{").replace("}}", "}")
            block = f"\n{line}" if kind[0] != ".py" else f"\n\ndef call_{index}():\n    {line}"
        parts.append(block)
        total += len(block)
        index += 1
    parts.append(tail)
    return "".join(parts)


def _minified(rng: random.Random, pool: list[str], size: int, with_call: bool) -> str:
    chunks: list[str] = []
    total = 0
    while total < size:
        block = rng.choice(pool).replace("\n", "").replace("  ", "")
        chunks.append(block)
        total += len(block)
    if with_call:
        chunks.insert(len(chunks) // 2, "fetch(\"/rest/api/3/myself\");")
    return ";".join(chunks) + "\n"


def generate(root: Path = TREE, files: int = DEFAULT_FILES, seed: int = 20261128) -> Path:
    marker = root / MARKER
    wanted = f"{VERSION} {files} {seed}"
    if marker.is_file() and marker.read_text(encoding="utf-8").strip() == wanted:
        return root
    if root.exists():
        shutil.rmtree(root)
    (root / ".git").mkdir(parents=True)
    shutil.copyfile(GITIGNORE, root / ".gitignore")  # matched against every path, as in a real repository
    rng = random.Random(seed)
    pools = {name: _pool(rng, kind[1], False) for name, kind in KINDS.items()}
    http_pools = {name: _pool(rng, kind[1], True, 60) for name, kind in KINDS.items()}
    names = list(WEIGHTS)
    weights = [WEIGHTS[name] for name in names]
    minified = max(files // 50, 1)  # 2%: bundles of 60-200 kB
    large = 5  # a few files of 6-9 MB
    ordinary = files - minified - large
    per_dir = 80
    written = 0

    def target(index: int, suffix: str) -> Path:
        folder = root / f"pkg{index // (per_dir * 25):02d}" / f"mod{(index // per_dir) % 25:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        return folder / f"{_name(rng)}_{index}{suffix}"

    for index in range(ordinary):
        name = rng.choices(names, weights)[0]
        kind = KINDS[name]
        text = _ordinary_file(rng, kind, pools[name], http_pools[name], with_call=rng.random() < 0.05)
        target(index, kind[0]).write_text(text, encoding="utf-8")
        written += 1
    for index in range(ordinary, ordinary + minified):
        text = _minified(rng, pools["js"], rng.randint(60_000, 200_000), rng.random() < 0.1)
        target(index, ".min.js").write_text(text, encoding="utf-8")
        written += 1
    bigs = [("py", ".py"), ("json", ".json"), ("md", ".md"), ("js", ".js"), ("yml", ".log")]
    for offset, (name, suffix) in enumerate(bigs[:large]):
        kind = KINDS[name]
        size = rng.randint(6_000_000, 9_000_000)
        parts = [kind[3]]
        total = 0
        while total < size:
            block = rng.choice(pools[name])
            parts.append(block)
            total += len(block)
        parts.insert(len(parts) // 2, "\n" + kind[2][0].replace("{{", "{").replace("}}", "}")
                     if kind[2] else "")
        parts.append(kind[4])
        target(ordinary + minified + offset, suffix).write_text("".join(parts), encoding="utf-8")
        written += 1
    marker.write_text(wanted + "\n", encoding="utf-8")
    return root


def tree_size(root: Path) -> tuple[int, int]:
    count = size = 0
    for path in root.rglob("*"):
        if path.is_file() and ".git" not in path.parts and path.name not in (MARKER, ".gitignore"):
            count += 1
            size += path.stat().st_size
    return count, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=DEFAULT_FILES)
    parser.add_argument("--out", type=Path, default=TREE)
    args = parser.parse_args()
    root = generate(args.out, args.files)
    count, size = tree_size(root)
    print(f"{root}: {count} files, {size / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
