"""Drive a Python SDK's public methods against a recording HTTP server on 127.0.0.1.

Run by ``py_tables.py`` with the Python of a throw-away virtual environment that holds one
SDK wheel; it imports nothing but the standard library and that SDK. Never imported by
scopelint.

Input (JSON on stdin)::

    {"classes": [{"name": "jira.client.JIRA", "kwargs": {...}, "variants": [...],
                  "probe_site": "https://acme.atlassian.net", ...}], "top": "jira",
     "resources": {"module": "jira.resources", "base": "Resource"} | null}

Every string value ``"{server}"`` in kwargs is replaced by the recorder's base URL and
``"{opt:NAME}"`` by the distinctive value of option NAME (``zqoNAME``), so the recorded path
shows where an option lands. Each required argument of a method gets a distinctive value
(``zq<index>``, or ``97970 + index`` when it must be a number), so the recorded path shows
which argument fills which segment.

Output (JSON on stdout): per class and variant, the requests the constructor made, and per
method the requests it made in order (method, path), the first error, and the class of what
it returned.
"""

from __future__ import annotations

import contextlib
import importlib
import inspect
import io
import json
import os
import re
import signal
import sys
import tempfile
import threading
import time
import types
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

MAX_REQUESTS = 12  # per method: past this the server answers 500 (stops pagination loops)
METHOD_SECONDS = 4


class Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.requests: list[tuple[str, str]] = []
        self.base = ""

    def take(self) -> list[tuple[str, str]]:
        with self.lock:
            out, self.requests = self.requests, []
        return out


RECORDER = Recorder()


_NAMES = [f"zq{i}" for i in range(8)] + [f"zqk{i}" for i in range(4)]


def _universal(path: str) -> dict[str, Any]:
    base = RECORDER.base
    self_url = base + path.split("?", 1)[0]
    ref = {"id": "10000", "key": "ZQP", "name": "zqname", "self": self_url}
    return {
        "self": self_url,
        "id": "10001",
        "key": "ZQK-1",
        "name": "zqname",
        "accountId": "zqacct",
        "displayName": "zq",
        "emailAddress": "zq@example.invalid",
        "title": "zq",
        "type": "page",
        "status": "current",
        "fields": {
            "summary": "zq",
            "project": ref,
            "issuetype": ref,
            "status": ref,
            "comment": {"comments": []},
            "worklog": {"worklogs": []},
            "attachment": [],
            "subtasks": [],
            "issuelinks": [],
            "labels": [],
        },
        "values": [],
        "issues": [],
        "results": [],
        "projects": [],
        # a transition named like any distinctive argument, so transition_issue(issue, "zq1")
        # finds its id and goes on to the POST
        "transitions": [{"id": "10001", "name": name, "to": ref} for name in _NAMES],
        "total": 0,
        "isLast": True,
        "startAt": 0,
        "maxResults": 50,
        "size": 0,
        "limit": 25,
        "start": 0,
        "version": {"number": 1},
        # Confluence's content history: update_page reads lastUpdated.number before its PUT
        "lastUpdated": {"number": 1},
        # a page's stored body: append_page/prepend_page add to it before their PUT
        "body": {"storage": {"value": "<p>zqbody</p>", "representation": "storage"}},
        # Service Management's attachTemporaryFile: create_attachment(s) go on to attach it
        "temporaryAttachments": [{"temporaryAttachmentId": "zqtemp", "fileName": "zq0"}],
        "versionNumbers": [1001, 0, 0],
        "deploymentType": "Cloud",
        "baseUrl": base,
        "buildNumber": 100001,
        "serverTitle": "zq",
        "expand": "",
        "_links": {"base": base, "context": "", "self": self_url},
    }


class Handler(BaseHTTPRequestHandler):
    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        with RECORDER.lock:
            RECORDER.requests.append((self.command, self.path))
            count = len(RECORDER.requests)
        if count > MAX_REQUESTS:
            body = b'{"errorMessages": ["too many"]}'
            self.send_response(500)
        else:
            payload = _universal(self.path)
            if "serverInfo" in self.path:
                payload["version"] = "1001.0.0"
            body = json.dumps(payload).encode()
            self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = _answer

    def log_message(self, format: str, *args: Any) -> None:
        return


class _Timeout(Exception):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise _Timeout(f"no answer within {METHOD_SECONDS} s")


def _resolve(name: str) -> Any:
    module, _, attr = name.rpartition(".")
    obj: Any = importlib.import_module(module)
    for part in attr.split("."):
        obj = getattr(obj, part)
    return obj


SITE_SUFFIX: dict[str, str] = {}  # class name -> what its constructor appends to a Cloud site URL


def _fill(value: Any, options: dict[str, str], site: str = "") -> Any:
    if isinstance(value, str):
        if value == "{site}":
            return RECORDER.base + site
        if value == "{server}":
            return RECORDER.base
        if value.startswith("{server}"):
            return RECORDER.base + value[len("{server}") :]
        if value.startswith("{opt:") and value.endswith("}"):
            return options[value[5:-1]]
        return value
    if isinstance(value, dict):
        return {k: _fill(v, options, site) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, options, site) for v in value]
    return value


def _wants_number(param: inspect.Parameter) -> bool:
    text = str(param.annotation)
    return "int" in text and "str" not in text


def _value(index: int, param: inspect.Parameter, numeric: bool) -> Any:
    text = "" if param.annotation is inspect.Parameter.empty else str(param.annotation)
    if ("dict" in text or "Dict" in text) and "str" not in text.split("[")[0]:
        return {}
    if text.startswith(("list", "List")):
        return []
    if text == "bool" or text == "<class 'bool'>":
        return True
    if numeric or _wants_number(param):
        return 97970 + index
    return f"zq{index}"


def _arguments(func: Any, numeric: bool) -> tuple[list[Any], dict[str, Any], dict[str, str]]:
    """Positional and keyword values for the required parameters, and value -> parameter."""
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    names: dict[str, str] = {}
    try:
        sig = inspect.signature(func)
    except (TypeError, ValueError):
        return args, kwargs, names
    for index, (name, param) in enumerate(sig.parameters.items()):
        if param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
            continue
        if param.default is not inspect.Parameter.empty:
            continue
        value = _value(index, param, numeric)
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            names[str(value)] = f"{index}:{name}"
        if param.kind == param.KEYWORD_ONLY:
            kwargs[name] = value
        else:
            args.append(value)
    return args, kwargs, names


def _class_name(value: Any, top: str) -> str | None:
    cls = type(value)
    module = getattr(cls, "__module__", "") or ""
    if module == top or module.startswith(top + "."):
        return f"{module}.{cls.__qualname__}"
    return None


def _call(
    func: Any, args: list[Any], kwargs: dict[str, Any], top: str
) -> tuple[str | None, str | None, Any]:
    """Call with a time limit; drain a lazy result; (error, returned class, result)."""
    signal.setitimer(signal.ITIMER_REAL, METHOD_SECONDS)
    returned: str | None = None
    result: Any = None
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            result = func(*args, **kwargs)
            if isinstance(result, types.GeneratorType):
                for _ in zip(range(3), result, strict=False):
                    pass
            returned = _class_name(result, top)
        return None, returned, result
    except BaseException as exc:
        return f"{type(exc).__name__}: {str(exc)[:160]}", returned, None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def _public_methods(cls: type) -> list[tuple[str, Any]]:
    out = []
    for name in sorted(dir(cls)):
        if name.startswith("_"):
            continue
        attr = inspect.getattr_static(cls, name, None)
        if isinstance(attr, (staticmethod, classmethod)):
            attr = attr.__func__
        if isinstance(attr, property) or not callable(attr):
            continue
        out.append((name, attr))
    return out


def _defining_class(cls: type, name: str) -> str:
    for klass in cls.__mro__:
        if name in vars(klass):
            return f"{klass.__module__}.{klass.__qualname__}"
    return f"{cls.__module__}.{cls.__qualname__}"


_MISSING = re.compile(r"missing \d+ required (?:positional|keyword-only) arguments?: (.*)")


def _values_of(args: list[Any], kwargs: dict[str, Any]) -> dict[str, str]:
    """Distinctive value -> "index:name" (or "kw:name") for arguments given by an override."""
    names = {str(v): f"{i}:arg{i}" for i, v in enumerate(args) if isinstance(v, str) and v.startswith("zq")}
    names.update({str(v): f"kw:{k}" for k, v in kwargs.items() if isinstance(v, str) and v.startswith("zq")})
    return names


def _drive_method(obj: Any, name: str, top: str, override: dict[str, Any] | None = None) -> dict[str, Any]:
    """Call one method with distinctive arguments; retry with numbers, then with the
    arguments a wrapper's TypeError names (decorators hide the real signature)."""
    bound = getattr(obj, name)
    attempts: list[dict[str, Any]] = []
    plans: list[tuple[list[Any], dict[str, Any], dict[str, str]]] = []
    if override is not None:
        args, kwargs = list(override.get("args", [])), dict(override.get("kwargs", {}))
        plans.append((args, kwargs, _values_of(args, kwargs)))
    else:
        plans = [_arguments(bound, False), _arguments(bound, True)]
    extra: dict[str, Any] = {}
    index = 0
    while index < len(plans) and index < 6:
        args, kwargs, names = plans[index]
        kwargs = {**extra, **kwargs}
        names = {**names, **{str(v): f"kw:{k}" for k, v in extra.items()}}
        RECORDER.take()
        error, returned, _ = _call(bound, args, kwargs, top)
        requests = RECORDER.take()
        attempts.append({"requests": requests, "error": error, "values": names, "returns": returned})
        if requests:
            break
        missing = _MISSING.search(error or "")
        if missing and override is None:
            for offset, arg in enumerate(re.findall(r"'(\w+)'", missing.group(1))):
                value = f"zqk{len(extra) + offset}"
                extra[arg] = value
            plans.append((args, kwargs, names))
        elif index == 0 and not names and override is None:
            break
        index += 1
    return max(attempts, key=lambda a: len(a["requests"]))


def _drive_class(spec: dict[str, Any], variant: dict[str, Any], top: str) -> dict[str, Any]:
    cls = _resolve(spec["name"])
    options = {name: f"zqo{name}" for name in variant.get("distinct_options", [])}
    suffix = SITE_SUFFIX.get(spec["name"], "")
    kwargs = _fill({**spec.get("kwargs", {}), **variant.get("kwargs", {})}, options, suffix)
    RECORDER.take()
    error, _, obj = _call(cls, [], kwargs, top)
    construct_requests = RECORDER.take()
    out: dict[str, Any] = {
        "class": spec["name"],
        "variant": variant.get("label", "default"),
        "construct_requests": construct_requests,
        "construct_error": error,
        "options": options,
        "methods": {},
    }
    if error:
        return out
    real = type(obj)  # a constructor may hand back a subclass (atlassian 5.x Confluence)
    out["instance_class"] = f"{real.__module__}.{real.__qualname__}"
    if variant.get("role") == "constructor":
        return out
    owners = _delegates(obj, top)
    names = {name: real for name, _ in _public_methods(real)}
    for owner in owners:  # __getattr__ hands these on (atlassian 5.x Confluence -> Cloud / Server)
        for name, _ in _public_methods(owner):
            names.setdefault(name, owner)
    if owners:
        out["delegates_to"] = [f"{o.__module__}.{o.__qualname__}" for o in owners]
    for name, owner in sorted(names.items()):
        real = owner
        if name in spec.get("skip", []):
            continue
        # a fresh client per method: some methods (close, kill_session) spoil the one they run on
        _, _, obj = _call(cls, [], kwargs, top)
        result = _drive_method(obj, name, top)
        result["defined_in"] = _defining_class(real, name)
        out["methods"][name] = result
        for label, override in spec.get("calls", {}).get(name, {}).items():
            _, _, obj = _call(cls, [], kwargs, top)
            extra = _drive_method(obj, name, top, override)
            extra["defined_in"] = result["defined_in"]
            out["methods"][f"{name}#{label}"] = extra
    return out


def _delegates(obj: Any, top: str) -> list[type]:
    """Classes an instance hands unknown attributes on to: when its class defines
    ``__getattr__``, the SDK-package objects among its attributes."""
    if "__getattr__" not in vars(type(obj)):
        return []
    try:
        values = list(vars(obj).values())
    except TypeError:
        return []
    return [type(v) for v in values if _class_name(v, top) and not isinstance(v, type)]


def _probe(spec: dict[str, Any]) -> dict[str, Any]:
    """What the constructor makes of a Cloud site URL (no request is answered: port 9)."""
    probe = spec.get("probe")
    if not probe:
        return {}
    cls = _resolve(spec["name"])
    kwargs = _fill({**spec.get("kwargs", {}), **probe.get("kwargs", {})}, {})
    error, _, obj = _call(cls, [], kwargs, "")
    if error:
        return {"error": error}
    given = str(kwargs.get("url", "")).rstrip("/")
    got = str(getattr(obj, "url", "") or "").rstrip("/")
    if given and got.startswith(given):
        SITE_SUFFIX[spec["name"]] = got[len(given) :]
    return {attr: getattr(obj, attr, None) for attr in probe.get("attributes", [])}


def _drive_resources(
    client_spec: dict[str, Any], resources: dict[str, Any], top: str
) -> list[dict[str, Any]]:
    """Resource classes (pycontribs jira): find() by distinctive ids, then each public method."""
    module = importlib.import_module(resources["module"])
    base = getattr(module, resources["base"])
    client = _resolve(client_spec["name"])(**_fill(client_spec.get("kwargs", {}), {}))
    out = []
    for cls_name, cls in sorted(vars(module).items()):
        if not (isinstance(cls, type) and issubclass(cls, base)) or cls.__module__ != module.__name__:
            continue
        entry: dict[str, Any] = {"class": f"{module.__name__}.{cls_name}", "methods": {}}
        try:
            obj = cls(client._options, client._session)
        except BaseException as exc:
            entry["error"] = f"{type(exc).__name__}: {exc}"[:160]
            out.append(entry)
            continue
        template = getattr(obj, "_resource", "") or ""
        count = template.count("{")
        ids = tuple(f"zqr{i}" for i in range(count))
        RECORDER.take()
        error, _, _ = _call(obj.find, [ids if count != 1 else ids[0]], {}, top)
        entry["find"] = {"requests": RECORDER.take(), "error": error, "ids": list(ids)}
        for name, _attr in _public_methods(cls):
            if name in ("find",):
                continue
            result = _drive_method(obj, name, top)
            result["defined_in"] = _defining_class(cls, name)
            entry["methods"][name] = result
        out.append(entry)
    return out


def main() -> int:
    config = json.load(sys.stdin)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    RECORDER.base = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    signal.signal(signal.SIGALRM, _alarm)
    time.sleep = lambda seconds: None  # retries and polling loops must not wait
    os.chdir(tempfile.mkdtemp(prefix="scopelint-sdk-drive-"))  # methods that write files
    for name in _NAMES:  # methods that read a file named by an argument (add_attachment, attach_file)
        with open(name, "w", encoding="utf-8") as handle:
            handle.write("zq\n")
    top = config["top"]
    result: dict[str, Any] = {"base": RECORDER.base, "classes": [], "probes": {}, "resources": []}
    for spec in config["classes"]:
        result["probes"][spec["name"]] = _probe(spec)
        for variant in spec.get("variants", [{}]):
            result["classes"].append(_drive_class(spec, variant, top))
    if config.get("resources"):
        result["resources"] = _drive_resources(config["classes"][0], config["resources"], top)
    server.shutdown()
    sys.stdout.write(json.dumps(result, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
