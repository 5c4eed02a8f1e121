"""The Go, Java, Kotlin and PHP front-ends visit only the nodes one tree-sitter query captures
(issue #19: no Python object per node).  The model they build must be exactly the one the
walk over every node built: same calls, strings, bindings, scopes (numbered alike), imports,
classes, constants.  The old walk lives on only here, as the reference.

Sources: every file of those languages under tests/ (fixtures and corpus), generated
realistic files (bench/gen_languages.py), and awkward snippets (syntax errors, empty,
undecodable bytes, nesting, long chains, closures inside closures)."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from scopelint.scanning.core import treesitter
from scopelint.scanning.core.frontend import FrontEnd
from scopelint.scanning.core.ir import Module
from scopelint.scanning.languages.go.extractor import EXTRACTOR as _GO  # noqa: F401 (grammar)
from scopelint.scanning.languages.go.frontend import GoFrontEnd
from scopelint.scanning.languages.jvm.extractor import EXTRACTOR as _JVM  # noqa: F401
from scopelint.scanning.languages.jvm.java import JavaFrontEnd
from scopelint.scanning.languages.jvm.kotlin import KotlinFrontEnd
from scopelint.scanning.languages.php.extractor import EXTRACTOR as _PHP  # noqa: F401
from scopelint.scanning.languages.php.frontend import PhpFrontEnd

if TYPE_CHECKING:
    from tree_sitter import Node

TESTS = Path(__file__).resolve().parents[1]
BENCH = TESTS.parent / "bench"
FRONT_ENDS: dict[str, tuple[str, type[FrontEnd]]] = {
    ".go": ("go", GoFrontEnd), ".java": ("java", JavaFrontEnd), ".kt": ("kotlin", KotlinFrontEnd),
    ".kts": ("kotlin", KotlinFrontEnd), ".php": ("php", PhpFrontEnd)}

SNIPPETS: dict[str, bytes] = {
    "empty.go": b"",
    "empty.php": b"",
    "broken.go": b'package x\nfunc f( {\n u := "https://a.atlassian.net/rest/api/3/issue/" + \n'
                 b'http.Get(u\n}\nfunc g() { v := "x" }\n',
    "broken.java": b'class A { void m() { String u = "https://a.atlassian.net/" + ; '
                   b'client.get(u; } } class B { int x = "a" + "b" }',
    "broken.kt": b'fun f( { val u = "https://a.atlassian.net/${x" \n client.get(u)\n class { }',
    "broken.php": b'<?php function f( { $u = "https://a.atlassian.net/{$x" . ; $c->get($u; }',
    "bytes.go": b'package x\n// \x80\xc3\x28\xff\nvar u = "https://a.atlassian.net/wiki/\xfe"\n'
                b'func f() { http.Get(u) }\n',
    "bytes.php": b'<?php\n# \x80\xc3\x28\xff\n$u = "https://a.atlassian.net/\xfe";\n$c->get($u);\n',
    "nested.go": b"package x\nvar u = " + b"(" * 300 + b'"https://a.atlassian.net/"' + b")" * 300
                 + b"\nfunc f() { g := func() { h := func() { http.Get(u + \"rest/\") }\n h() }\n"
                 b"g() }\nvar late = \"x\"\nfunc k() { late = \"y\" + late }\n",
    "chain.java": b'class C { String u = "https://a.atlassian.net"' + b' + "a"' * 2000
                  + b'; void m() { c.get(u + "/rest/api/3/myself"); } }',
    "lambdas.kt": b'val base = "https://a.atlassian.net"\nfun f() {' + b" run {" * 200
                  + b' client.get("$base/rest/api/3/issue/1")' + b" }" * 200 + b" }\n",
    "closures.php": b"<?php\n$f = function () { $g = fn () => "
                    + b"array_map(fn ($x) => $x . '/rest/', [" * 50 + b"'https://a.atlassian.net'"
                    + b"])" * 50 + b"; return $g; };\n",
}


def _dump(value: Any, seen: dict[int, int] | None = None) -> Any:
    """A slotted model object as nested tuples of its fields' values (comparable by ==)."""
    seen = {} if seen is None else seen
    if value is None or isinstance(value, (str, int, float, bytes, bool)):
        return value
    if isinstance(value, (list, tuple)):
        return tuple(_dump(item, seen) for item in value)
    if isinstance(value, (set, frozenset)):
        return frozenset(_dump(item, seen) for item in value)
    if isinstance(value, dict):
        return tuple((_dump(key, seen), _dump(item, seen)) for key, item in value.items())
    slots = [name for cls in type(value).__mro__ for name in getattr(cls, "__slots__", ())]
    fields = slots or sorted(vars(value))
    return (type(value).__name__, tuple((name, _dump(getattr(value, name, None), seen))
                                        for name in fields if name != "data"))


def _walk_every_node(self: FrontEnd, top: Node, scope: int) -> None:
    """The walk before issue #19's query: ``visit`` on every node under ``top``."""
    stack: list[tuple[Node, int]] = [(top, scope)]
    while stack:
        node, current = stack.pop()
        inner = self.visit(node, current)
        if inner is None or inner < 0:
            continue
        stack.extend((child, inner) for child in reversed(node.children))


def _build(front_end: type[FrontEnd], grammar: str, data: bytes, old: bool,
           monkeypatch: pytest.MonkeyPatch) -> Module:
    root = treesitter.parse(grammar, data).root_node
    with monkeypatch.context() as patch:
        if old:
            patch.setattr(FrontEnd, "walk", _walk_every_node)
        return front_end(data).build(root)


def _generated() -> Iterator[tuple[str, bytes]]:
    spec = importlib.util.spec_from_file_location("gen_languages", BENCH / "gen_languages.py")
    assert spec is not None and spec.loader is not None
    sys.path.insert(0, str(BENCH))
    try:
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(BENCH))
    suffixes = {"go": ".go", "java": ".java", "kotlin": ".kt", "php": ".php"}
    for language in suffixes:
        for index in range(6):
            name, text = module.source(language, index)
            yield f"generated/{name}", text.encode()


def _sources() -> list[tuple[str, bytes]]:
    found = sorted((str(path.relative_to(TESTS)), path.read_bytes()) for path in TESTS.rglob("*")
                   if path.suffix in FRONT_ENDS and path.is_file())
    return found + list(_generated()) + sorted(SNIPPETS.items())


SOURCES = _sources()


def test_the_sources_cover_every_language() -> None:
    covered = {Path(name).suffix for name, _ in SOURCES}
    assert covered >= {".go", ".java", ".kt", ".php"}
    assert len(SOURCES) > 60


@pytest.mark.parametrize(("name", "data"), SOURCES, ids=[name for name, _ in SOURCES])
def test_the_query_walk_builds_the_model_the_walk_over_every_node_built(
    name: str, data: bytes, monkeypatch: pytest.MonkeyPatch,
) -> None:
    grammar, front_end = FRONT_ENDS[Path(name).suffix]
    data = data.decode("utf-8", errors="replace").encode("utf-8", errors="surrogatepass")
    old = _build(front_end, grammar, data, True, monkeypatch)
    new = _build(front_end, grammar, data, False, monkeypatch)
    assert _dump(new) == _dump(old)
    if b"atlassian" in data and not name.startswith("broken"):  # not two empty models
        assert old.strings


def test_a_go_function_body_is_walked_after_the_code_around_it_in_its_own_scope(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Go's visit skips a function (None) and queues its body: the body's nodes are visited
    once, after the package-level code after it, in the function's scope."""
    data = b'package x\nfunc f() { a := "https://a.atlassian.net/" + "x" }\nvar b = "y"\n'
    module = _build(GoFrontEnd, "go", data, False, monkeypatch)
    found = [(module.text(item.start, item.end), item.scope) for item in module.strings]
    assert found == [('"y"', 0), ('"https://a.atlassian.net/"', 1), ('"x"', 1),
                     ('"https://a.atlassian.net/" + "x"', 1)]
    assert [(scope.kind, scope.name) for scope in module.scopes] == [("file", None), ("function", "f")]
    assert list(module.scopes[1].bindings) == ["a"]
