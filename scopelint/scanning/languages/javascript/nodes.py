"""Small shared facts about tree-sitter JavaScript/TypeScript nodes."""

from __future__ import annotations

from collections.abc import Callable

from tree_sitter import Node

NodeKey = tuple[int, int]

FUNCTION_TYPES = frozenset(
    {
        "function_declaration",
        "generator_function_declaration",
        "function_expression",
        "function",
        "generator_function",
        "arrow_function",
        "method_definition",
    }
)
# Expressions that only wrap another one (`(x)`, `x as T`, `x!`, `x satisfies T`, `<T>x`),
# and `await x` (TypeScript parses `await a.get<T>(u)` as a call of `await a.get`).
WRAPPER_TYPES = frozenset(
    {
        "await_expression",
        "parenthesized_expression",
        "as_expression",
        "satisfies_expression",
        "non_null_expression",
        "type_assertion",
        # `(0, jira_1.makeClient)(...)`: how tsc and Babel call an imported function; a comma
        # expression's value is its last operand
        "sequence_expression",
    }
)


def key_of(node: Node) -> NodeKey:
    return (node.start_byte, node.end_byte)


def unwrap(node: Node) -> Node:
    """The expression inside any number of wrappers (iteratively)."""
    for _ in range(256):
        if node.type not in WRAPPER_TYPES or not node.named_children:
            return node
        named = node.named_children
        node = named[-1] if node.type in ("type_assertion", "sequence_expression") else named[0]
    return node


def arguments_of(call: Node) -> list[Node]:
    arguments = call.child_by_field_name("arguments")
    if arguments is None:
        return []
    if arguments.type == "template_string":  # tagged template: route`...`
        return [arguments]
    return [child for child in arguments.named_children if child.type != "comment"]


def this_path(node: Node, text: Callable[[Node], str]) -> str | None:
    """``'config'`` for ``this.config``, ``'a.b'`` for ``this.a.b``; None for anything else."""
    names: list[str] = []
    node = unwrap(node)
    while node.type == "member_expression" and len(names) < 8:
        prop = node.child_by_field_name("property")
        obj = node.child_by_field_name("object")
        if prop is None or obj is None:
            return None
        names.append(text(prop))
        node = unwrap(obj)
    if node.type != "this" or not names:
        return None
    return ".".join(reversed(names))
