"""Shell functions that forward their arguments to a command: ``api() { curl ... "$@"; }``.

A script that talks to Jira through a wrapper writes the request at the wrapper's call
(``api -X POST "$BASE/rest/api/3/version" -d ...``); the command in the function's body only
says how (``curl -fsS -u "$USER:$TOKEN" -H ... "$@"``).  This module reads each function
definition of a shell text into a :class:`Wrapper`: the commands of its body that use its
positional parameters (``"$@"``, ``"${@}"``, ``$*``, ``"$1"``, ``${2:-GET}``, ``"${@:3}"``),
directly or through a variable set from them (``local method="$1" path="$2"; shift 2``), as
:data:`Template` words.  :func:`expand` puts a caller's words in place, giving the words the
command runs with, which the shell engine reads as it reads any command line (the method
from ``-X`` at the call or in the body, ``-d`` making it POST, and so on).

Control flow is not followed: a body is read top to bottom, and ``shift`` counts where it
is written.  Which commands are clients, and calling a wrapper from another wrapper, are the
shell engine's (``commands.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scopelint.scanning.core import treesitter
from scopelint.scanning.languages.shell.words import ShellTree, Word, WordBuilder

if TYPE_CHECKING:  # pragma: no cover
    from tree_sitter import Node


class Param:
    """A positional parameter in a body: ``index`` is 1-based among the caller's arguments
    (``shift`` already counted); ``rest``: every argument from ``index`` on (``"$@"``)."""

    __slots__ = ("default", "index", "rest")

    def __init__(self, index: int, rest: bool = False, default: Word | None = None) -> None:
        self.index = index
        self.rest = rest
        self.default = default


Segment = Word | Param
Template = tuple[Segment, ...]
"""One shell word of a body: literal pieces (with their offsets) and positional parameters."""


class Request:
    """A command of a body that uses the function's arguments: its words (the command name
    first), where it is written (character offset) and its node's start byte."""

    __slots__ = ("key", "offset", "words")

    def __init__(self, words: list[Template], offset: int, key: int) -> None:
        self.words = words
        self.offset = offset
        self.key = key


class Wrapper:
    """A shell function: its name, where its definition is (bytes), the commands of its body
    that use its arguments, and the start bytes of the nodes those were read from (the body's
    requests are reported at the function's calls, not in the body)."""

    __slots__ = ("end_byte", "forwarding", "name", "requests", "start_byte")

    def __init__(self, name: str, start_byte: int, end_byte: int) -> None:
        self.name = name
        self.start_byte = start_byte
        self.end_byte = end_byte
        self.requests: list[Request] = []
        self.forwarding: set[int] = set()

    def encloses(self, node: Node) -> bool:
        return self.start_byte <= node.start_byte and node.end_byte <= self.end_byte


def _slice(word: Word, start: int, end: int) -> Word:
    offsets = word.offsets[start:end]
    return Word(word.text[start:end], offsets, offsets[0] if offsets else word.start)


def template(tree: ShellTree, node: Node, bindings: dict[str, Template], shift: int) -> Template:
    """The word of ``node`` in a body where ``shift`` arguments were shifted away and
    ``bindings`` hold the variables set so far (a variable set outside stays ``$NAME``)."""
    word, holes = tree.template(node)
    segments: list[Segment] = []
    pos = 0
    for hole in holes:
        if hole.start > pos:
            segments.append(_slice(word, pos, hole.start))
        name = hole.name
        if name.isdigit() and name != "0":
            segments.append(Param(int(name) + shift, default=hole.default))
        elif name in ("@", "*"):
            segments.append(Param(hole.from_index + shift, rest=True))
        elif name in bindings:
            segments.extend(bindings[name])
        else:
            segments.append(_slice(word, hole.start, hole.end))
        pos = hole.end
    if pos < len(word.text) or not segments:
        segments.append(_slice(word, pos, len(word.text)))
    return tuple(segments)


def uses_arguments(words: list[Template]) -> bool:
    return any(isinstance(segment, Param) for word in words for segment in word)


def read_wrapper(tree: ShellTree, definition: Node) -> Wrapper | None:
    """The :class:`Wrapper` of a ``function_definition`` node (None without a name/body)."""
    name_node = definition.child_by_field_name("name")
    body = definition.child_by_field_name("body")
    if name_node is None or body is None:
        return None
    wrapper = Wrapper(tree.src(name_node)[0], definition.start_byte, definition.end_byte)
    bindings: dict[str, Template] = {}
    shift = 0
    for node in treesitter.walk(body):
        kind = node.type
        if kind == "variable_assignment":
            target = node.child_by_field_name("name")
            value = node.child_by_field_name("value")
            if target is None or value is None or value.type == "array":
                continue
            bound = template(tree, value, bindings, shift)
            bindings[tree.src(target)[0]] = bound
            if uses_arguments([bound]):
                wrapper.forwarding.add(node.start_byte)
        elif kind == "command":
            command = node.child_by_field_name("name")
            if command is None:
                continue
            arguments = node.children_by_field_name("argument")
            if tree.src(command)[0] == "shift":
                count = tree.src(arguments[0])[0] if arguments else "1"
                shift += int(count) if count.isdigit() else 1
                continue
            words = [template(tree, part, bindings, shift) for part in (command, *arguments)]
            if uses_arguments(words):
                wrapper.requests.append(Request(words, tree.char(node.start_byte), node.start_byte))
                wrapper.forwarding.add(node.start_byte)
    return wrapper


def expand(word: Template, arguments: list[Word]) -> list[Word]:
    """The words ``word`` becomes when the function is called with ``arguments``: a lone
    ``"$@"`` is every argument from its index on; any other word is one word."""
    if len(word) == 1 and isinstance(word[0], Param) and word[0].rest:
        return arguments[word[0].index - 1:]
    builder = WordBuilder()
    for segment in word:
        if isinstance(segment, Word):
            builder.extend(segment)
        elif segment.rest:
            for n, argument in enumerate(arguments[segment.index - 1:]):
                if n:
                    builder.token(" ", argument.start)
                builder.extend(argument)
        elif 0 < segment.index <= len(arguments):
            builder.extend(arguments[segment.index - 1])
        elif segment.default is not None:
            builder.extend(segment.default)
    first = word[0]
    start = builder.offsets[0] if builder.offsets else (
        first.start if isinstance(first, Word) else 0)
    return [builder.word(start)]


def command_words(request: Request, arguments: list[Word]) -> list[Word]:
    """The words ``request`` runs with when its function is called with ``arguments``."""
    return [expanded for word in request.words for expanded in expand(word, arguments)]
