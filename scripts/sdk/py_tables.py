"""Tables for Python SDKs whose URLs are built at run time: install the wheel into a
throw-away virtual environment, drive it with ``py_record.py``, turn the recording into rows.

Build script only (``make sdk-data``); never imported by scopelint.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import tempfile
import venv
from pathlib import Path
from typing import Any
from urllib.parse import unquote

HERE = Path(__file__).resolve().parent

# Values the recorder's universal answer carries: a later request that uses one of them took
# it from the previous response (create_issue -> GET /issue/<key of the created issue>).
RESPONSE_VALUES = {"ZQK-1": "key", "10001": "id", "10000": "id", "zqname": "name", "zqacct": "accountId"}
_TOKEN = re.compile(r"zq[a-z]*\d+|zqo[a-z_]+|9797\d+")


class BuildError(Exception):
    """A table could not be built (one line, names the package)."""


def record(
    wheel: Path, config: dict[str, Any], timeout: float = 1800, cache: Path | None = None
) -> dict[str, Any]:
    """Install ``wheel`` (and its dependencies) into a temporary venv and run the recorder.

    With ``cache``, a recording is kept under a key made of the wheel's bytes, the config and
    the recorder's own source, so a rebuild that changes none of them does not drive again.
    """
    key = hashlib.sha256(
        wheel.read_bytes()
        + json.dumps(config, sort_keys=True).encode()
        + (HERE / "py_record.py").read_bytes()
    ).hexdigest()[:24]
    kept = cache / "recordings" / f"{wheel.stem}-{key}.json" if cache is not None else None
    if kept is not None and kept.is_file():
        cached: dict[str, Any] = json.loads(kept.read_text(encoding="utf-8"))
        return cached
    result = _record(wheel, config, timeout)
    if kept is not None:
        kept.parent.mkdir(parents=True, exist_ok=True)
        kept.write_text(json.dumps(result), encoding="utf-8")
    return result


def _record(wheel: Path, config: dict[str, Any], timeout: float) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="scopelint-sdk-venv-") as tmp:
        env_dir = Path(tmp) / "venv"
        venv.EnvBuilder(with_pip=True).create(env_dir)
        python = env_dir / "bin" / "python"
        pip = subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(wheel)],
            capture_output=True,
            text=True,
        )
        if pip.returncode != 0:
            raise BuildError(f"{wheel.name}: pip install failed: {pip.stderr.strip().splitlines()[-1:]}")
        return run_recorder(python, config, timeout, label=wheel.name)


def run_recorder(
    python: Path | str, config: dict[str, Any], timeout: float, label: str, env: dict[str, str] | None = None
) -> dict[str, Any]:
    """Run ``py_record.py`` with ``python`` (which can import the SDK) and parse its answer."""
    run = subprocess.run(
        [str(python), str(HERE / "py_record.py")],
        input=json.dumps(config),
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )
    if run.returncode != 0:
        tail = run.stderr.strip().splitlines()[-1:] or ["no output"]
        raise BuildError(f"{label}: recorder failed: {tail[0]}")
    try:
        result: dict[str, Any] = json.loads(run.stdout)
    except ValueError:
        raise BuildError(f"{label}: recorder printed no JSON") from None
    return result


def _param_name(label: str) -> str:
    return label.split(":", 1)[1]


def _source(label: str) -> dict[str, Any]:
    """ "0:id" -> {"arg": 0, "keyword": "id"}; "kw:id" -> {"keyword": "id"}."""
    where, name = label.split(":", 1)
    if where == "kw":
        return {"keyword": name}
    if name.startswith("arg") and name[3:].isdigit():
        return {"arg": int(where)}
    return {"arg": int(where), "keyword": name}


def template(
    path: str, values: dict[str, str], options: dict[str, str], receiver: list[str] | None = None
) -> tuple[str, dict[str, dict[str, Any]]]:
    """A recorded path -> (template with ``{name}`` / ``{@option}`` placeholders, sources).

    ``values`` maps each distinctive argument value to "index:name"; ``options`` maps option
    names to their distinctive values; ``receiver`` lists a resource's distinctive ids.
    """
    path = unquote(path.split("?", 1)[0])
    params: dict[str, dict[str, Any]] = {}
    option_of = {value: name for name, value in options.items()}
    out = []
    for segment in path.split("/"):
        if segment in RESPONSE_VALUES:
            params["returned"] = {"response": RESPONSE_VALUES[segment]}
            out.append("{returned}")
            continue
        tokens = set(_TOKEN.findall(segment)) | {v for v in values if v in segment}
        for token in sorted(tokens, key=len, reverse=True):
            if token in option_of:
                segment = segment.replace(token, "{@" + option_of[token] + "}")
            elif receiver and token in receiver:
                name = f"receiver{receiver.index(token)}"
                params[name] = {"receiver": receiver.index(token)}
                segment = segment.replace(token, "{" + name + "}")
            elif token in values:
                name = _param_name(values[token])
                params[name] = _source(values[token])
                segment = segment.replace(token, "{" + name + "}")
        out.append(segment)
    return "/".join(out), params


def requests_of(
    recorded: list[list[str]],
    base_path: str,
    values: dict[str, str],
    options: dict[str, str],
    receiver: list[str] | None = None,
) -> list[dict[str, Any]]:
    """Recorded (method, path) pairs -> request rows; the recorder's own base path is cut."""
    rows = []
    for method, raw in recorded:
        path = raw[len(base_path) :] if base_path and raw.startswith(base_path) else raw
        tpl, params = template(path, values, options, receiver)
        row: dict[str, Any] = {"method": method, "path": tpl}
        if params:
            row["params"] = params
        rows.append(row)
    return rows


def _aligned(with_options: list[dict[str, Any]], plain: list[dict[str, Any]]) -> bool:
    """The run with distinctive options made the same requests as the plain run, differing
    only in whole segments that hold an option placeholder (an option that adds a segment
    where the default has none cannot be one placeholder: the plain run is kept)."""
    if len(with_options) != len(plain):
        return False
    for a, b in zip(with_options, plain, strict=True):
        sa, sb = a["path"].split("/"), b["path"].split("/")
        if a["method"] != b["method"] or len(sa) != len(sb):
            return False
        if any(x != y and not re.fullmatch(r"\{@\w+\}", x) for x, y in zip(sa, sb, strict=True)):
            return False
    return True


def _defaults(with_options: list[dict[str, Any]], plain: list[dict[str, Any]]) -> dict[str, str]:
    """Where a path holds ``{@opt}`` in one run and a literal in the default run: that literal."""
    found: dict[str, str] = {}
    for a, b in zip(with_options, plain, strict=False):
        for sa, sb in zip(a["path"].split("/"), b["path"].split("/"), strict=False):
            for name in re.findall(r"\{@(\w+)\}", sa):
                if sa == "{@" + name + "}" and "{" not in sb:
                    found.setdefault(name, sb)
    return found


def class_rows(recording: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    """Merge the runs of one class into its methods, constructor requests and option defaults.

    Runs: ``rows`` variants (one per ``when``), each optionally paired with an ``options``
    variant of the same ``when`` that passed distinctive option values; ``constructor``
    variants only tell which constructor requests an option switches off.
    """
    runs = [c for c in recording["classes"] if c["class"] == spec["name"]]
    by_label = {run["variant"]: run for run in runs}
    variants = spec.get("variants", [{}])
    base_path = spec.get("record_base_path", "")
    methods: dict[str, list[dict[str, Any]]] = {}
    unresolved: dict[str, str] = {}
    defaults: dict[str, str] = {}
    constructor: list[dict[str, Any]] = []
    row_variants = [v for v in variants if v.get("role", "rows") == "rows"]
    per_variant: list[tuple[dict[str, Any], dict[str, Any]]] = []
    for variant in row_variants:
        run = by_label[variant.get("label", "default")]
        if run["construct_error"]:
            raise BuildError(f"{spec['name']}: constructor failed: {run['construct_error']}")
        partner = next(
            (
                by_label[v["label"]]
                for v in variants
                if v.get("role") == "options" and v.get("when") == variant.get("when")
            ),
            None,
        )
        per_variant.append((variant, {"run": run, "partner": partner}))
    first_run = per_variant[0][1]["run"]
    for req in requests_of(first_run["construct_requests"], base_path, {}, {}):
        constructor.append(req)
    for variant in variants:
        if variant.get("role") == "constructor":
            off = by_label[variant["label"]]["construct_requests"]
            for req in constructor:
                if [req["method"], base_path + req["path"]] not in off:
                    req["unless"] = variant["when"]
    # the constructor's own requests follow path options too (JIRA(options={"rest_api_version":
    # "3"}) reads /rest/api/3/serverInfo): the options variant's run shows where
    partner = per_variant[0][1]["partner"]
    if partner is not None and not partner["construct_error"]:
        with_opts = requests_of(partner["construct_requests"], base_path, {}, partner["options"])
        if with_opts and _aligned(with_opts, constructor):
            for req, templated in zip(constructor, with_opts, strict=True):
                req["path"] = templated["path"]
    names = sorted({name for _, pair in per_variant for name in pair["run"]["methods"]})
    pending: list[tuple[str, list[tuple[dict[str, Any], list[dict[str, Any]], dict[str, Any]]]]] = []
    for name in names:
        options_rows: list[tuple[dict[str, Any], list[dict[str, Any]], dict[str, Any]]] = []
        errors = []
        for variant, pair in per_variant:
            entry = pair["run"]["methods"].get(name)
            if entry is None:  # the instance under these options has no such method
                entry = {"requests": [], "values": {}, "error": "the SDK object has no such method"}
            plain = requests_of(entry["requests"], base_path, entry["values"], {})
            chosen = plain
            partner = pair["partner"]
            if partner is not None and name in partner["methods"]:
                other = partner["methods"][name]
                with_opts = requests_of(other["requests"], base_path, other["values"], partner["options"])
                if with_opts and _aligned(with_opts, plain):
                    defaults.update(_defaults(with_opts, plain))
                    chosen = with_opts
            if entry["error"] and not chosen:
                errors.append(entry["error"])
            options_rows.append((variant, chosen, entry))
        if not any(reqs for _, reqs, _ in options_rows):
            unresolved[name] = (errors[0] if errors else "made no request").splitlines()[0][:160]
            continue
        # a run that made no request (an error in that mode) adds no row: the others stand,
        # and the failure is listed with the options it happened under
        kept = [item for item in options_rows if item[1]]
        failed = [item for item in options_rows if not item[1]]
        if failed and failed[0][0].get("when"):
            when = ", ".join(f"{k}={v}" for k, v in failed[0][0]["when"].items())
            reason = (failed[0][2]["error"] or "made no request").splitlines()[0][:140]
            unresolved.setdefault(name.partition("#")[0], f"with {when}: {reason}")
        pending.append((name, kept))
    for name, kept in pending:
        cases = spec.get("calls", {}).get(name.partition("#")[0], {})
        given = {label: sorted(call.get("kwargs", {})) for label, call in cases.items()}
        rows = _rows(name, kept, defaults, spec["name"], complete=len(kept) == len(row_variants),
                     given=given)
        methods.setdefault(name.partition("#")[0], []).extend(rows)
    for name in [n for n, reason in unresolved.items() if n in methods and not reason.startswith("with ")]:
        del unresolved[name]  # a plain call failed, but the recorded ways of calling (cases) stand
    return {"methods": methods, "unresolved": unresolved, "defaults": defaults, "constructor": constructor}


def _rows(
    name: str,
    kept: list[tuple[dict[str, Any], list[dict[str, Any]], dict[str, Any]]],
    defaults: dict[str, str],
    class_name: str,
    complete: bool = True,
    given: dict[str, list[str]] | None = None,
) -> list[dict[str, Any]]:
    """One row per distinct behaviour; runs that differ only where one shows an option
    placeholder and the other its default value are the same behaviour (the placeholder wins)."""

    given = given or {}

    def key(reqs: list[dict[str, Any]]) -> str:
        text = json.dumps(reqs, sort_keys=True)
        return re.sub(r"\{@(\w+)\}", lambda m: defaults.get(m.group(1), m.group(0)), text)

    groups: dict[str, list[tuple[dict[str, Any], list[dict[str, Any]], dict[str, Any]]]] = {}
    for item in kept:
        groups.setdefault(key(item[1]), []).append(item)
    rows: list[dict[str, Any]] = []
    for members in groups.values():
        _variant, reqs, entry = max(members, key=lambda m: json.dumps(m[1]).count("{@"))
        row: dict[str, Any] = {"requests": reqs}
        if len(groups) > 1 or not complete:
            whens = [m[0].get("when") for m in members if m[0].get("when")]
            if len(whens) == 1:
                row["when"] = whens[0]
        if entry.get("returns"):
            row["returns"] = entry["returns"]
        if entry.get("defined_in") and entry["defined_in"] != class_name:
            row["defined_in"] = entry["defined_in"]
        label = name.partition("#")[2]
        if label:
            row["case"] = label
            if given.get(label):
                row["given"] = given[label]
        rows.append(row)
    return rows


_LIST_OF = re.compile(r"\b(?:ResultList|list|List|Iterable|Iterator|Sequence)\[(\w+)\]")


def list_items(wheel: Path, top: str) -> dict[str, dict[str, str]]:
    """Qualified class -> method -> qualified class of the elements of the list it returns,
    read from the return annotations in the wheel's source (``def search_issues(...) ->
    dict[str, Any] | ResultList[Issue]``), with each name resolved through its module's
    imports.  Static: nothing is imported or run."""
    import ast
    import zipfile

    found: dict[str, dict[str, str]] = {}
    with zipfile.ZipFile(wheel) as archive:
        for name in archive.namelist():
            if not (name.startswith(top + "/") and name.endswith(".py")):
                continue
            module = name[:-3].replace("/", ".").removesuffix(".__init__")
            try:
                tree = ast.parse(archive.read(name).decode("utf-8"))
            except (SyntaxError, UnicodeDecodeError):
                continue
            names = {n.name: f"{module}.{n.name}" for n in tree.body if isinstance(n, ast.ClassDef)}
            for node in tree.body:
                if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    names.update({a.asname or a.name: f"{node.module}.{a.name}" for a in node.names})
            for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
                for func in cls.body:
                    if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef) or func.returns is None:
                        continue
                    match = _LIST_OF.search(ast.unparse(func.returns))
                    if match and match.group(1) in names:
                        found.setdefault(f"{module}.{cls.name}", {})[func.name] = names[match.group(1)]
    return found


def resource_classes(recording: dict[str, Any]) -> dict[str, Any]:
    """pycontribs resource classes: find() and each method, with ids from the receiver."""
    out: dict[str, Any] = {}
    for entry in recording.get("resources", []):
        if entry.get("error"):
            continue
        ids = entry["find"]["ids"]
        methods: dict[str, list[dict[str, Any]]] = {}
        unresolved: dict[str, str] = {}
        find = requests_of(entry["find"]["requests"], "", {}, {}, ids)
        if find:
            methods["find"] = [{"requests": find}]
        for name, result in sorted(entry["methods"].items()):
            reqs = requests_of(result["requests"], "", result["values"], {}, ids)
            if not reqs:
                unresolved[name] = (result["error"] or "made no request").splitlines()[0][:160]
                continue
            row: dict[str, Any] = {"requests": reqs}
            if result.get("defined_in") and result["defined_in"] != entry["class"]:
                row["defined_in"] = result["defined_in"]
            methods[name] = [row]
        out[entry["class"]] = {"methods": methods, "unresolved": unresolved, "receiver_ids": len(ids)}
    return out


if __name__ == "__main__":  # pragma: no cover - manual check: python py_tables.py WHEEL CONFIG
    print(json.dumps(record(Path(sys.argv[1]), json.loads(Path(sys.argv[2]).read_text())), indent=1))
