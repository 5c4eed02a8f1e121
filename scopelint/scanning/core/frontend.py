"""What every front-end onto the shared model (:mod:`.ir`) does the same way, and the one
``extract`` pipeline of the languages that use it.

A language package subclasses :class:`FrontEnd` and implements ``visit`` (statements and
declarations: scopes, imports, bindings) and ``convert`` (one expression node to an
:class:`~.ir.Expr`).  The base class walks the tree iteratively (deep trees cannot exhaust
Python's stack), converts each expression once (``expr``: memoised by node, bounded depth),
and registers every call and string literal in the module.  :func:`extract_file` parses,
builds the model, recognises the requests and emits call sites; any failure costs only the
file (one warning line naming it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from scopelint.model import FileScan
from scopelint.scanning.core import treesitter
from scopelint.scanning.core.ir import Call, Concat, Expr, Module, Opaque, Str

if TYPE_CHECKING:
    from tree_sitter import Node

    from scopelint.scanning.core.environment import Environment, FileSummary
    from scopelint.scanning.core.knowledge import ClientTable
    from scopelint.scanning.core.recognise import SdkHook
    from scopelint.scanning.source import SourceFile

MAX_EXPR_DEPTH = 120
MAX_NODES = 2_000_000
NodeKey = tuple[int, int, str]

Summariser = Callable[["SourceFile", Module, "ClientTable", list[str]], "FileSummary"]
"""(source, module, knowledge, names asked of other files) -> the file's summary."""

# Bytes a file must hold to be worth parsing (an Atlassian host or an API path).
PREFILTER: tuple[bytes, ...] = (b"atlassian", b"rest/", b"wiki/", b"2.0/", b"bitbucket")


class FrontEnd:
    """Builds a :class:`~.ir.Module` from a tree-sitter tree (see the module docstring)."""

    language = ""
    bare_fields = False  # Java/Kotlin: a method sees its class's fields by bare name

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.module = Module(self.language, data, self.bare_fields)
        self._memo: dict[NodeKey, Expr] = {}
        self._registered: set[int] = set()
        self._depth = 0

    # ------------------------------------------------------------------ to implement

    def visit(self, node: Node, scope: int) -> int | None:
        """Handle a statement or declaration; the scope its children are in, or None to
        skip them (they were converted already)."""
        raise NotImplementedError

    def convert(self, node: Node, scope: int) -> Expr:
        """One expression node as an Expr (call ``self.expr`` for sub-expressions)."""
        raise NotImplementedError

    # ------------------------------------------------------------------ shared

    def text(self, node: Node | None) -> str:
        if node is None:
            return ""
        return self.data[node.start_byte:node.end_byte].decode("utf-8", errors="replace")

    def build(self, root: Node) -> Module:
        stack: list[tuple[Node, int]] = [(root, 0)]
        seen = 0
        while stack:
            node, scope = stack.pop()
            seen += 1
            if seen > MAX_NODES:
                break
            inner = self.visit(node, scope)
            if inner is None:
                continue
            stack.extend((child, inner) for child in reversed(node.children))
        return self.module

    def expr(self, node: Node | None, scope: int) -> Expr:
        """The Expr of ``node`` (converted once; beyond the depth bound an Opaque)."""
        if node is None:
            return Opaque(0, 0, scope)
        key = (node.start_byte, node.end_byte, node.type)
        found = self._memo.get(key)
        if found is not None:
            return found
        if self._depth > MAX_EXPR_DEPTH:
            return Opaque(node.start_byte, node.end_byte, scope)
        self._depth += 1
        try:
            found = self.convert(node, scope)
        finally:
            self._depth -= 1
        self._memo[key] = found
        if id(found) in self._registered:
            return found
        self._registered.add(id(found))
        if isinstance(found, Call):
            self.module.calls.append(found)
        elif isinstance(found, (Str, Concat)) and (
            not isinstance(found, Concat) or any(isinstance(i, Str) for i in found.items)
        ):
            self.module.strings.append(found)
        return found

    def converted(self, node: Node) -> bool:
        return (node.start_byte, node.end_byte, node.type) in self._memo

    def concat(self, node: Node, scope: int, operands: list[Node]) -> Expr:
        """``a + b + c`` as one Concat; the inner ``+`` nodes count as converted (a walk that
        meets them later must not read the chain again: that would be quadratic)."""
        found = Concat(node.start_byte, node.end_byte, scope,
                       tuple(self.expr(item, scope) for item in operands))
        current: Node | None = node.child_by_field_name("left")
        while current is not None and current.type == node.type:
            self._memo[(current.start_byte, current.end_byte, current.type)] = found
            current = current.child_by_field_name("left")
        return found


def flatten(node: Node, kind: str, operator: str, left: str = "left",
            right: str = "right") -> list[Node]:
    """The operands of a left-deep chain ``a + b + c`` (iteratively)."""
    operands: list[Node] = []
    current: Node | None = node
    while current is not None and current.type == kind:
        op = current.child_by_field_name("operator")
        if op is None or op.type != operator:
            break
        right_node = current.child_by_field_name(right)
        if right_node is not None:
            operands.append(right_node)
        current = current.child_by_field_name(left)
    if current is not None:
        operands.append(current)
    operands.reverse()
    return operands


def extract_file(
    source: SourceFile,
    grammar: str,
    front_end: Callable[[bytes], FrontEnd],
    extractor: str,
    label: str,
    environment: Environment | None = None,
    sdk: Callable[[Module, object], SdkHook | None] | None = None,
    summarise: Summariser | None = None,
    force: bool = False,
) -> FileScan:
    """Parse ``source`` with ``grammar``, build its model, recognise its requests, emit.

    ``summarise`` (a language that links across files): without ``environment``, the scan
    carries the file's summary, given the names its calls asked of other files; ``force``
    parses the file whatever it holds (the linker reading a module on demand)."""
    from scopelint.scanning.core.environment import RecordingEnvironment
    from scopelint.scanning.core.knowledge import table
    from scopelint.scanning.core.recognise import Recogniser, emit
    from scopelint.scanning.core.values import Evaluator

    scan = FileScan(path=source.display)
    data = source.text.encode("utf-8", errors="surrogatepass")
    recorder = RecordingEnvironment(answer=False) if summarise is not None and environment is None \
        else None
    worth = force or environment is not None or any(marker in data for marker in PREFILTER)
    if not worth and sdk is None:
        return scan
    try:
        tree = treesitter.parse(grammar, data)
    except Exception as error:  # a grammar that fails to load or parse costs only this file
        scan.warnings.append(f"{source.display}: could not parse {label} ({type(error).__name__})")
        return scan
    try:
        root = tree.root_node
        module = front_end(data).build(root)
        knowledge = table(extractor)
        values = Evaluator(module, knowledge, environment if recorder is None else recorder)
        hook = sdk(module, values) if sdk is not None else None
        if hook is None and not worth:
            return scan
        recogniser = Recogniser(module, knowledge, values, hook)
        scan.calls = emit(source, module, extractor, recogniser.run(), recogniser)
        if summarise is not None and recorder is not None:
            scan.summary = summarise(source, module, knowledge, list(recorder.asked)).to_json()
    except RecursionError:
        from scopelint.scanning.source import refuse_too_deep

        refuse_too_deep(scan)
        return scan
    if root.has_error:
        scan.warnings.append(f"{source.display}: {label} syntax errors; results may be incomplete")
    return scan
