"""What a Python module exports that can carry a URL or a method (its ``FileSummary``).

Computed once per file, after the call analysis, from the same facts:

* module-level names bound to strings that can be (part of) an API URL or an HTTP method
  (``BASE_URL = os.environ.get("JIRA_URL", "https://acme.atlassian.net")``): ``constant``;
* names bound to an object a client row constructs (``session = requests.Session()``):
  ``client`` with its type;
* functions whose parameters flow into a request (``get_json(path)`` sending
  ``session.get(f"{BASE_URL}{path}")``): ``helper``, with parameters, defaults and the
  request's method and URL templates;
* classes with such methods (``HttpHandler.send(method, url)``): ``object`` whose members
  are the method helpers (self left out of the parameters);
* functions that return a URL built from their parameters (``build_sprint_url(base,
  board_id)``): ``builder``;
* names imported with ``from x import y`` (a package ``__init__`` passing names on): ``alias``.

Values taken from other modules stay symbolic (``{@jira_sync.settings.BASE_URL}``): the
linker substitutes them.  A module's own placeholders (``{key}``) stay as they are.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable

from scopelint.common.lazy_re import lazy_compile
from scopelint.scanning.core.environment import (
    Export,
    FileSummary,
    Origin,
    Param,
    RecordingEnvironment,
    Request,
    param_marker,
)
from scopelint.scanning.core.methods import method_word
from scopelint.scanning.languages.python.calls import HttpCall, Recogniser
from scopelint.scanning.languages.python.evaluate import Evaluator
from scopelint.scanning.languages.python.scopes import Collector, Func, Scope

_URL_HINTS = ("://", "atlassian", "rest/", "wiki/", "2.0/", "{@")
_API_VERSION_RE = lazy_compile(r"v?[0-9](\.[0-9])?|latest")

Locate = Callable[[ast.AST], Origin]
FunctionNamed = Callable[[str, Scope], Func | None]


def could_carry_url(template: str) -> bool:
    """Could this template be, or become once linked, (part of) an Atlassian URL?  (Starting
    with a hole, or holding a scheme, a product's path prefix or an imported value; or an API
    version, ``API_VERSION = "3"``, that URLs are built with.)"""
    return template.startswith("{") or any(hint in template for hint in _URL_HINTS) \
        or _API_VERSION_RE.fullmatch(template) is not None


class HelperFacts:
    """A function of the file that sends a request built from its parameters."""

    __slots__ = ("func", "http")

    def __init__(self, func: Func, http: HttpCall) -> None:
        self.func = func
        self.http = http


def summarise(
    path: str,
    facts: Collector,
    recogniser: Recogniser,
    helpers: Iterable[HelperFacts],
    asked: Iterable[str],
    locate: Locate,
    function_named: FunctionNamed,
) -> FileSummary:
    environment = RecordingEnvironment(answer=True)

    def evaluator(overrides: dict[tuple[int, str], str] | None = None) -> Evaluator:
        return Evaluator(overrides, consumed=None, classes=facts.classes,
                         imported=facts.imported, environment=environment,
                         functions=function_named, star=tuple(facts.star_imports))

    plain = evaluator()
    module = facts.module
    exports: dict[str, Export] = {}
    for local, qualified in facts.imported.items():
        if local != qualified.split(".", 1)[0]:  # `from x import y`, `import x as y`
            exports[local] = Export("alias", target=qualified)

    helper_of = {id(h.func): h for h in helpers}
    for name, func in module.functions.items():
        helper = helper_of.get(id(func))
        export = (_helper(func, helper.http, evaluator, locate) if helper is not None
                  else _builder(func, evaluator, locate))
        if export is not None:
            exports[name] = export
        else:
            exports.pop(name, None)

    # a class whose methods send requests built from their parameters, or return URLs
    # (``HttpHandler().send("GET", url)``, ``endpoint.myself()`` in another module): an
    # ``object`` export whose members are those helpers and builders (with its bases' of this
    # file); a module-level instance of it (``endpoint = EndPoints()``) exports the same
    objects: dict[str, Export] = {}
    for name, cls in facts.classes.items():
        members: dict[str, Export] = {}
        for owner in cls.lineage():
            for method_name, function in owner.methods.items():
                if method_name in members or method_name.startswith("__"):
                    continue
                helper = helper_of.get(id(function))
                export = (_helper(function, helper.http, evaluator, locate) if helper is not None
                          else _builder(function, evaluator, locate, method=True))
                if export is not None:
                    members[method_name] = export
        if members:
            objects[name] = Export("object", members=members)
            exports.setdefault(name, objects[name])

    for name, bindings in module.bindings.items():
        if name in module.functions or name in facts.classes or not bindings:
            continue
        value = bindings[-1].value
        if value is None:
            continue
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) \
                and value.func.id in objects:
            exports[name] = objects[value.func.id]  # LOGIN = InitProcess()
            continue
        client = recogniser.type_of(value, module, 0)
        if client is not None:
            exports[name] = Export("client", type=client)
            continue
        template = plain.value(value, module)
        if template is None:
            # Unknowable as written (settings.get("JIRA_URL", "https://...")), but a base
            # URL is written in it: a placeholder, with where that base is.
            origins = [locate(node) for node in plain.origins(value, module)]
            if origins:
                exports[name] = Export("constant", template="{" + name + "}", origins=origins)
            continue
        method = method_word(template)
        if method is not None and template.strip().upper() == method:
            exports[name] = Export("constant", template=template, method=method)
        elif could_carry_url(template):
            origins = [locate(node) for node in plain.origins(value, module)]
            exports[name] = Export("constant", template=template, origins=origins)

    is_package = path.replace("\\", "/").rsplit("/", 1)[-1] == "__init__.py"
    imports: list[str] = []
    for qualified in facts.imported.values():
        imports.append(qualified)
        if "." in qualified.strip("."):
            imports.append(qualified.rsplit(".", 1)[0])
    reexports = list(facts.star_imports)
    if is_package:
        reexports += [q.rsplit(".", 1)[0] for name, q in facts.imported.items() if name != q]
    return FileSummary(
        language="python",
        exports=exports,
        depends_on=asked,
        imports=imports + list(facts.star_imports),
        reexports=reexports,
    )


def _params(func: Func) -> list[tuple[str, int]]:
    params = func.params[1:] if func.is_method else func.params
    return [(name, index) for index, name in enumerate(params)]


def _markers(func: Func) -> dict[tuple[int, str], str]:
    return {(id(func.scope), name): param_marker(name) for name in func.params}


def _defaults(func: Func, evaluator: Callable[..., Evaluator]) -> dict[str, str | None]:
    plain = evaluator()
    return {name: plain.value(default, func.scope) for name, default in func.defaults.items()}


def _helper(func: Func, http: HttpCall, evaluator: Callable[..., Evaluator],
            locate: Locate) -> Export | None:
    probe = evaluator(_markers(func))
    url = probe.text(http.url, http.scope)
    method: str | None = http.method
    source = http.method_source
    if method is None and http.method_expr is not None:
        expr = http.method_expr
        if isinstance(expr, ast.Attribute) and method_word(expr.attr):
            method, source = method_word(expr.attr), "literal"
        else:
            text = probe.value(expr, http.scope)
            if text is not None and "{%" in text:
                method, source = text, "inferred"
            else:
                method = method_word(text)
    if "{%" not in url and (method is None or "{%" not in method):
        return None
    defaults = _defaults(func, evaluator)
    origins = [locate(node) for node in probe.origins(http.url, http.scope)]
    return Export(
        "helper",
        params=[Param(name, index, None, defaults.get(name)) for name, index in _params(func)],
        requests=[Request(url, method, http.via, source, origins)],
    )


def _builder(func: Func, evaluator: Callable[..., Evaluator], locate: Locate,
             method: bool = False) -> Export | None:
    """A function returning a URL built from its parameters; a method (``method``) may build
    it from none (``EndPoints.myself()`` returning ``f"{base}/rest/api/3/myself"``)."""
    if not func.returns:
        return None
    probe = evaluator(_markers(func))
    for value in func.returns:
        template = probe.value(value, func.scope)
        if template is None or not could_carry_url(template) \
                or ("{%" not in template and not (method and "/" in template.strip("{}"))):
            continue
        defaults = _defaults(func, evaluator)
        origins = [locate(node) for node in probe.origins(value, func.scope)]
        return Export(
            "builder",
            template=template,
            params=[Param(name, index, None, defaults.get(name)) for name, index in _params(func)],
            origins=origins,
        )
    return None
