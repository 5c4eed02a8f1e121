"""Build scopelint's SDK tables (``data/sdk/``) from the SDKs' published packages.

Usage (``make sdk-data`` runs it from the repository root; needs PyPI, the npm registry and,
for Go SDKs, the Go module proxy)::

    python -m scripts.sdk.build [--only NAME[@VERSION]] [--out data/sdk] [--cache DIR]

For each SDK and version in ``sdks.toml``: fetch the archive (``pip download --no-deps`` /
``npm pack`` / the module zip from ``$GOPROXY``, default https://proxy.golang.org) into
``$XDG_CACHE_HOME/scopelint-sdk-build/`` (never into the repository), record its sha256, read
the requests each public method makes (JavaScript: the source, with tree-sitter; Go: the
source, with tree-sitter-go; Python: the recorder against 127.0.0.1), validate the table against
``data/sdk/sdk-table.schema.json`` and write ``data/sdk/<sdk>/<version>.json`` and
``data/sdk/index.json``. A table that fails its schema stops the build (exit 1), nothing is
written half-way. A Go SDK whose module proxy cannot be reached is skipped with one line
(``go-jira v1.16.0: not built: ...``; its table files, if any, are kept) and the others are
built; the exit status stays 0 unless ``--strict`` is given (then 1). Never imported by scopelint.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import tomllib
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from scripts.sdk import go_tables, js_tables, py_tables

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent

FORMAT = 1


def cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "scopelint-sdk-build"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def fetch(ecosystem: str, name: str, version: str, cache: Path) -> Path:
    """The package archive, from the cache or the registry (pip download / npm pack)."""
    folder = cache / ecosystem
    folder.mkdir(parents=True, exist_ok=True)
    if ecosystem == "npm":
        archive = folder / f"{name.replace('/', '-').lstrip('@')}-{version}.tgz"
        if not archive.is_file():
            subprocess.run(
                ["npm", "pack", f"{name}@{version}", "--silent"], cwd=folder, check=True, capture_output=True
            )
        return archive
    stem = name.replace("-", "_")
    found = sorted(folder.glob(f"{stem}-{version}-*.whl"))
    if not found:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--no-deps",
                "--only-binary=:all:",
                "-d",
                str(folder),
                f"{name}=={version}",
            ],
            check=True,
            capture_output=True,
        )
        found = sorted(folder.glob(f"{stem}-{version}-*.whl"))
    if not found:
        raise py_tables.BuildError(f"{name}=={version}: no wheel downloaded")
    return found[0]


class Unreachable(Exception):
    """The registry or proxy of an archive cannot be reached (one line)."""


def go_proxies() -> list[str]:
    """The module proxies to try, from ``$GOPROXY`` (``,`` / ``|`` separated; ``direct`` and
    ``off`` are skipped: the build reads only proxy zips), default https://proxy.golang.org."""
    value = os.environ.get("GOPROXY") or "https://proxy.golang.org"
    found = [p.strip().rstrip("/") for p in re.split(r"[,|]", value)]
    return [p for p in found if p and p not in ("direct", "off")]


def escape_module(path: str) -> str:
    """The proxy's case encoding of a module path (``Azure`` -> ``!azure``)."""
    return re.sub(r"[A-Z]", lambda m: "!" + m.group(0).lower(), path)


def fetch_go(module: str, version: str, cache: Path) -> Path:
    """``<module>@v<version>.zip`` from the cache or the first proxy that has it."""
    import urllib.error
    import urllib.request

    folder = cache / "go"
    folder.mkdir(parents=True, exist_ok=True)
    tag = version if version.startswith("v") else "v" + version
    archive = folder / f"{escape_module(module).replace('/', '_')}@{tag}.zip"
    if archive.is_file():
        return archive
    problems = []
    for proxy in go_proxies():
        url = f"{proxy}/{escape_module(module)}/@v/{escape_module(tag)}.zip"
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                data = response.read()
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", None) or exc
            problems.append(f"{proxy}: {str(reason).splitlines()[0] if str(reason) else type(exc).__name__}")
            continue
        tmp = archive.with_suffix(".zip.tmp")
        tmp.write_bytes(data)
        tmp.replace(archive)
        return archive
    raise Unreachable("; ".join(problems) or "no module proxy configured (GOPROXY)")


def _class_specs(sdk: dict[str, Any], version: str) -> list[dict[str, Any]]:
    template = (sdk.get("class_template") or [{}])[0]
    specs = []
    for cls in sdk.get("classes", []):
        since = cls.get("since")
        if since and int(version.split(".")[0]) < int(since):
            continue
        merged = copy.deepcopy(template)
        for key, value in cls.items():
            if key == "kwargs":
                merged["kwargs"] = {**merged.get("kwargs", {}), **value}
            else:
                merged[key] = copy.deepcopy(value)
        specs.append(merged)
    return specs


def _class_entry(spec: dict[str, Any], merged: dict[str, Any], probe: dict[str, Any]) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "kind": "client",
        "product": spec["product"],
        "construct": "call",
        "site": spec["site"],
    }
    if spec.get("aliases"):
        entry["aliases"] = spec["aliases"]
    if spec.get("site_default"):
        entry["site_default"] = spec["site_default"]
    if spec.get("cloud_site_path"):
        entry["cloud_site_path"] = spec["cloud_site_path"]
    given = spec.get("probe", {}).get("kwargs", {}).get("url")
    if given and isinstance(probe.get("url"), str) and probe["url"].rstrip("/") != given.rstrip("/"):
        entry["site_suffix"] = probe["url"].rstrip("/")[len(given.rstrip("/")) :]
    options = []
    for option in spec.get("options", []):
        row = dict(option)
        if option["name"] in merged["defaults"]:
            row["default"] = merged["defaults"][option["name"]]
        elif option["name"] in probe and probe[option["name"]] is not None and option["effect"] != "rows":
            row["default"] = str(probe[option["name"]])
        if option["name"] == "cloud" and "cloud" in probe:
            row["site_detected"] = bool(probe["cloud"])
        options.append(row)
    entry["options"] = options
    if merged["constructor"]:
        entry["constructor_requests"] = merged["constructor"]
    entry["raw"] = spec.get("raw", [])
    if spec.get("url_builders"):
        entry["url_builders"] = spec["url_builders"]
    entry["methods"] = merged["methods"]
    entry["unresolved"] = merged["unresolved"]
    return entry


def build_python(sdk: dict[str, Any], version: str, archive: Path, cache: Path) -> dict[str, Any]:
    specs = _class_specs(sdk, version)
    # what the recorder needs (facts that only describe the table, such as url_builders, are
    # left out: they do not change what is recorded, nor the recording's cache key)
    driven = [{k: v for k, v in spec.items() if k not in _TABLE_ONLY} for spec in specs]
    config = {"top": sdk["imports"][0], "classes": driven, "resources": sdk.get("resources")}
    recording = py_tables.record(archive, config, cache=cache)
    items = py_tables.list_items(archive, sdk["imports"][0])
    classes: dict[str, Any] = {}
    for spec in specs:
        merged = py_tables.class_rows(recording, spec)
        classes[spec["name"]] = _class_entry(spec, merged, recording["probes"].get(spec["name"], {}))
    base = (sdk.get("resources") or {}).get("base", "")
    for name, res in py_tables.resource_classes(recording).items():
        methods, unresolved = _documented_generic(name, res["methods"], res["unresolved"], base)
        paths = [r["path"] for rows in methods.values() for row in rows for r in row["requests"]]
        classes[name] = {
            "kind": "resource",
            "product": _product_of(paths),
            "construct": "returned",
            "receiver_ids": res["receiver_ids"],
            "methods": methods,
            "unresolved": unresolved,
        }
    _add_items(classes, items)
    return {"classes": classes, "method": "recorded"}


_TABLE_ONLY = ("url_builders",)


def _add_items(classes: dict[str, Any], items: dict[str, dict[str, str]]) -> None:
    """``items`` on the rows of methods that return a list of a tabled class (from the
    methods' return annotations: ``search_issues -> ResultList[Issue]``)."""
    names = set(classes) | {a for c in classes.values() for a in c.get("aliases", ())}
    for class_name, entry in classes.items():
        owners = [class_name, *entry.get("aliases", ())]
        for method, rows in entry["methods"].items():
            element = next((items[o][method] for o in owners if method in items.get(o, {})), None)
            if element is None or element not in names:
                continue
            for row in rows:
                row["items"] = element


def _product_of(paths: list[str]) -> str:
    if any(p.startswith("/rest/servicedeskapi") for p in paths):
        return "jira-service-management"
    if any(p.startswith("/rest/agile") for p in paths):
        return "jira-software"
    return "jira"


def _documented_generic(
    class_name: str, methods: dict[str, Any], unresolved: dict[str, str], base: str
) -> tuple[dict[str, Any], dict[str, str]]:
    """Resource methods inherited from the generic base (``find``, ``update``, ``delete``) run
    on every resource class, also where Jira has no such endpoint (``Status.delete``): such a
    row is kept only when scopelint's knowledge base documents its requests; otherwise the
    method is listed as unresolved with the reason."""
    from scopelint.kb.table import load_default

    kb = load_default()
    kept: dict[str, Any] = {}
    left = dict(unresolved)
    for name, rows in methods.items():
        generic = name == "find" or any(row.get("defined_in", "").endswith("." + base) for row in rows)
        missing = [
            r
            for row in rows
            for r in row["requests"]
            if generic and kb.resolve(r["method"], r["path"]).operation is None
        ]
        if missing:
            left[name] = (
                f"inherited generic {base}.{name}: Atlassian documents no "
                f"{missing[0]['method']} {missing[0]['path']}"
            )
        else:
            kept[name] = rows
    return kept, left


def build_npm(sdk: dict[str, Any], version: str, archive: Path, cache: Path) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="scopelint-sdk-npm-") as tmp:
        with tarfile.open(archive) as tar:
            tar.extractall(tmp, filter="data")
        root = Path(tmp) / "package"
        classes = js_tables.build(sdk["name"], root)
    for entry in classes.values():
        entry.setdefault("site", sdk["site"])
        if sdk.get("site_scheme_optional"):
            entry["site_scheme_optional"] = True
        entry.setdefault("raw", sdk.get("raw", []))
    return {"classes": classes, "method": "source"}


def build_go(sdk: dict[str, Any], entry: dict[str, Any], archive: Path) -> dict[str, Any]:
    """The client class of a Go SDK package (``entry``: module, package folder, version)."""
    tag = entry["version"] if entry["version"].startswith("v") else "v" + entry["version"]
    files = go_tables.package_files(archive, entry["module"], tag, entry.get("package", ""))
    classes = go_tables.build(files, sdk["name"], sdk.get("client", "Client"))
    go_tables.rename_params(classes, _kb_template)
    return {"classes": classes, "method": "source"}


def _kb_template(method: str, path: str) -> str | None:
    """The knowledge base's path template of ``method path``, when it has the operation."""
    from scopelint.errors import DocumentError
    from scopelint.kb.table import load_default

    try:
        operation = load_default().resolve(method, path).operation
    except (DocumentError, OSError):
        return None
    return None if operation is None else str(operation.path)


def _concrete(cls: dict[str, Any], path: str) -> str:
    """A row path with the class's option defaults filled in (``{@rest_api_version}`` -> 2)."""
    values = {o["name"]: o["default"] for o in cls.get("options", []) if "default" in o}
    return re.sub(r"\{@(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), path)


def _words(name: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+", name.rsplit(".", 1)[-1])}


def _alternatives(
    cls: dict[str, Any], target: tuple[str, str], original: str
) -> list[tuple[tuple[int, float, int], str, dict[str, Any] | None]]:
    """Methods of one class whose requests include ``target``: (score, name, their when)."""
    found = []
    for name, rows in cls["methods"].items():
        for row in rows:
            reqs = [{**r, "path": _concrete(cls, r["path"])} for r in row["requests"]]
            exact = any(js_tables.same_endpoint(r, target) for r in reqs)
            if exact or any(
                js_tables.same_endpoint(
                    {**r, "path": _unversioned(r["path"])}, (target[0], _unversioned(target[1]))
                )
                for r in reqs
            ):
                same = int(name == original) + int(exact)
                overlap = len(_words(name) & _words(original)) / max(1, len(_words(name) | _words(original)))
                found.append(((same, overlap, -len(reqs)), name, row.get("when")))
    return sorted(found, key=lambda f: f[0], reverse=True)


def _unversioned(path: str) -> str:
    """``/rest/api/3/search/jql`` -> ``/rest/api/*/search/jql``: the replacement under the other
    platform version is a way out too (atlassian-python-api ``Jira.jql`` uses v3 with cloud=True)."""
    return re.sub(r"^/rest/api/(?:2|3|latest)/", "/rest/api/*/", path)


def add_replacements(
    table: dict[str, Any], removals: list[dict[str, Any]], newer: list[dict[str, Any]]
) -> None:
    """Rows hitting an endpoint Atlassian removed get the SDK-level way out.

    ``method``: a method of the same class that calls the replacement endpoint (the same
    method under other constructor options comes with ``when``, e.g. atlassian-python-api
    ``Jira.jql`` with cloud=True); ``upgrade`` / ``upgrade_method``: the first newer table
    whose class has one (the same method name preferred: pycontribs ``search_issues`` from
    3.10 on). Removed paths are compared with the class's option defaults filled in.
    """
    removed = {(r["method"], r["path"]): r["replacement"] for r in removals}
    for cls_name, cls in table["classes"].items():
        for name, rows in cls["methods"].items():
            for row in rows:
                for req in row["requests"]:
                    concrete = {**req, "path": _concrete(cls, req["path"])}
                    hit = next(
                        (rep for (m, p), rep in removed.items() if js_tables.same_endpoint(concrete, (m, p))),
                        None,
                    )
                    if hit is None:
                        continue
                    method, _, path = hit.partition(" ")
                    way: dict[str, Any] = {"endpoint": hit}
                    here = [
                        a
                        for a in _alternatives(cls, (method, path), name)
                        if a[2] != row.get("when") or a[1] != name
                    ]
                    if here:
                        _, alt, when = here[0]
                        way["method"] = f"{cls_name}.{alt}"
                        if when and alt == name:
                            way["when"] = when
                    for other in [] if here else newer:
                        other_cls = other["classes"].get(cls_name)
                        there = _alternatives(other_cls, (method, path), name) if other_cls else []
                        if there:
                            way["upgrade"] = f"{other['sdk']} {other['covers']}"
                            way["upgrade_method"] = f"{cls_name}.{there[0][1]}"
                            break
                    row["replacement"] = way
                    break


def validate(table: dict[str, Any], schema_path: Path) -> list[str]:
    import jsonschema

    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(table)][:10]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", default=[], help="NAME or NAME@VERSION")
    parser.add_argument("--out", type=Path, default=REPO / "data" / "sdk")
    parser.add_argument("--cache", type=Path, default=cache_root())
    parser.add_argument(
        "--strict", action="store_true", help="exit 1 when a Go SDK's module proxy cannot be reached"
    )
    args = parser.parse_args(argv)
    config = tomllib.loads((HERE / "sdks.toml").read_text(encoding="utf-8"))
    # operations Atlassian removed or dropped, with a replacement (the knowledge base's curated list)
    retired = json.loads((REPO / "data" / "retired.json").read_text(encoding="utf-8"))["retired"]
    removals = [entry for entry in retired if entry.get("replacement")]
    schema_path = args.out / "sdk-table.schema.json"
    built = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    tables: list[dict[str, Any]] = []
    skipped = 0
    for sdk in config["sdk"]:
        for entry in sdk["versions"]:
            version = entry["version"]
            if args.only and sdk["name"] not in args.only and f"{sdk['name']}@{version}" not in args.only:
                continue
            try:
                if sdk["ecosystem"] == "go":
                    try:
                        archive = fetch_go(entry["module"], version, args.cache)
                    except Unreachable as exc:
                        print(f"{sdk['name']} {version}: not built: module proxy unreachable ({exc})",
                              file=sys.stderr)
                        skipped += 1
                        continue
                    print(f"{sdk['name']} {version}: {archive.name}", file=sys.stderr)
                    body = build_go(sdk, entry, archive)
                else:
                    archive = fetch(sdk["ecosystem"], sdk["name"], version, args.cache)
                    print(f"{sdk['name']} {version}: {archive.name}", file=sys.stderr)
                    builder = build_python if sdk["ecosystem"] == "pypi" else build_npm
                    body = builder(sdk, version, archive, args.cache)
            except (
                go_tables.GoBuildError,
                zipfile.BadZipFile,
                py_tables.BuildError,
                subprocess.CalledProcessError,
                subprocess.TimeoutExpired,
                OSError,
            ) as exc:
                print(f"{sdk['name']} {version}: {str(exc).splitlines()[0]}", file=sys.stderr)
                return 1
            tables.append(
                {
                    "format": FORMAT,
                    "sdk": sdk["name"],
                    "ecosystem": sdk["ecosystem"],
                    "language": _LANGUAGES[sdk["ecosystem"]],
                    "version": version.removeprefix("v"),
                    "covers": entry["covers"],
                    "imports": entry.get("imports", sdk.get("imports", [])),
                    "provenance": {
                        "package": entry.get("module", sdk["name"]),
                        "version": version,
                        "archive": archive.name,
                        "sha256": sha256(archive),
                        "built": built,
                        "method": body["method"],
                        "generator": "scripts/sdk/build.py"
                        + (
                            " (py_record.py: each public method driven against a recording"
                            " server on 127.0.0.1)"
                            if body["method"] == "recorded"
                            else f" ({_READERS[sdk['ecosystem']]}: URL templates read with tree-sitter)"
                        ),
                        "facts": sdk.get("source_note", ""),
                    },
                    "classes": body["classes"],
                }
            )
    failures = 0
    for table in tables:
        newer = [
            t for t in tables if t["sdk"] == table["sdk"] and _key(t["version"]) > _key(table["version"])
        ]
        add_replacements(table, removals, sorted(newer, key=lambda t: _key(t["version"])))
        problems = validate(table, schema_path)
        if problems:
            failures += 1
            print(f"{table['sdk']} {table['version']}: fails its schema: {problems[0]}", file=sys.stderr)
    if failures:
        return 1
    for table in tables:
        path = args.out / table["sdk"] / f"{table['version']}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".json.tmp")
        tmp.write_text(
            json.dumps(table, indent=1, sort_keys=False, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        tmp.replace(path)
    write_index(args.out)
    if skipped:
        print(f"{skipped} Go table(s) not built: the module proxy was unreachable "
              "(tables already in the output folder are kept)", file=sys.stderr)
    return 1 if skipped and args.strict else 0


_LANGUAGES = {"pypi": "python", "npm": "javascript", "go": "go"}
_READERS = {"npm": "js_tables.py", "go": "go_tables.py"}


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(p) if p.isdigit() else 0 for p in version.split("."))


def write_index(out: Path) -> None:
    """``index.json``: every table's SDK, version, range and import names (read first by the loader)."""
    entries = []
    for path in sorted(out.glob("*/*.json")):
        table = json.loads(path.read_text(encoding="utf-8"))
        entries.append(
            {
                "sdk": table["sdk"],
                "ecosystem": table["ecosystem"],
                "language": table["language"],
                "version": table["version"],
                "covers": table["covers"],
                "imports": table["imports"],
                "file": path.relative_to(out).as_posix(),
                "classes": sorted(table["classes"]),
            }
        )
    entries.sort(key=lambda e: (e["sdk"], _key(e["version"])))
    index = {"format": FORMAT, "tables": entries}
    tmp = out / "index.json.tmp"
    tmp.write_text(json.dumps(index, indent=1) + "\n", encoding="utf-8")
    tmp.replace(out / "index.json")


if __name__ == "__main__":
    sys.exit(main())
