"""What a JavaScript object expression is when it is not written where it is used.

Two shapes of hand-written Node clients (both read by ``values.Evaluator``):

* a settings object rebuilt by a function of the same file, ``normalize(rawConfig)`` whose
  last statement is ``return { ...rawConfig }`` or ``return normalized``: the object literal
  it returns, read with the function's parameters bound to the call's arguments;
* a field of a field set in the constructor, ``this.config.apiPath = '/rest/api'``, read where
  a method uses ``this.config.apiPath`` (also through ``var config = this.config``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from tree_sitter import Node

from scopelint.scanning.languages.javascript.nodes import (
    FUNCTION_TYPES,
    arguments_of,
    key_of,
    this_path,
    unwrap,
)
from scopelint.scanning.languages.javascript.valuetypes import (
    EMPTY,
    MAX_DEPTH,
    UNDEFINED,
    Binding,
    Ctx,
    ParamRef,
    Trace,
)

if TYPE_CHECKING:
    from scopelint.scanning.languages.javascript.values import Evaluator

MAX_CALL_DEPTH: Final = 8  # nested function calls read for the object they return


def returned_object(
    evaluator: Evaluator, call: Node, ctx: Ctx, trace: Trace, depth: int
) -> tuple[Node, Ctx] | None:
    """The object literal (node, bindings) a function of this file returns for ``call``;
    None when the callee is no such function or its last ``return`` gives no object literal.
    Property writes inside the function are not followed: the object reads as it was built
    (``normalized.baseUrl = x.replace(...)`` keeps the value the object was made with)."""
    if depth > MAX_DEPTH or ctx.depth >= MAX_CALL_DEPTH:
        return None
    callee = call.child_by_field_name("function")
    if callee is None or unwrap(callee).type != "identifier":
        return None
    target = evaluator.resolve(callee, ctx, trace, depth + 1)
    if not isinstance(target, tuple) or target[0].type not in FUNCTION_TYPES:
        return None
    function = target[0]
    index = evaluator.index
    scope_at = index.function_scope.get(key_of(function))
    body = function.child_by_field_name("body")
    if scope_at is None or body is None:
        return None
    returned = body  # `(raw) => ({ ...raw })`
    if body.type == "statement_block":
        returns = [statement for statement in body.named_children
                   if statement.type == "return_statement"]
        if not returns or not returns[-1].named_children:
            return None
        returned = returns[-1].named_children[0]
    scope = index.scopes[scope_at]
    args = arguments_of(call)
    spread = any(arg.type == "spread_element" for arg in args)
    env: dict[ParamRef, Binding] = dict(target[1].env)
    bound = Ctx(env, ctx.depth + 1)
    for name, param in scope.params.items():
        ref = (scope.key, name)
        if param.prop is not None or spread:
            env[ref] = None  # destructured, or after a spread argument: unknowable here
        elif param.index < len(args):
            env[ref] = (args[param.index], ctx)
        else:
            env[ref] = (param.default, bound) if param.default is not None else UNDEFINED
    found = evaluator.resolve(returned, bound, trace, depth + 1)
    if isinstance(found, tuple) and found[0].type == "object":
        return found
    return None


def nested_field(
    evaluator: Evaluator, obj: Node, prop: str, ctx: Ctx, trace: Trace
) -> tuple[Node, Ctx] | None:
    """The value the constructor gives ``obj.prop`` when ``obj`` is a field on ``this``
    (``this.config``, or a local ``config`` declared as ``this.config``) and it assigns
    ``this.config.prop = value``; the first such assignment when there are several."""
    if obj.type == "identifier":
        found = evaluator.lookup(evaluator.index.text(obj), obj.start_byte, ctx, trace)
        if not isinstance(found, tuple):
            return None
        obj = unwrap(found[0])
    path = this_path(obj, evaluator.index.text) if obj.type == "member_expression" else None
    values = evaluator.index.this_paths.get(f"{path}.{prop}") if path is not None else None
    return (values[0], EMPTY) if values else None
