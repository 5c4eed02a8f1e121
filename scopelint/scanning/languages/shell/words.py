"""Shell words as the shell sees them, mapped back to the text they were written in.

``ShellTree`` parses shell text with tree-sitter-bash (through the core's helper) and turns a
word node into a :class:`Word`: its text after quote removal and expansion markers (``$KEY``,
``${KEY}`` kept, command substitutions as ``{}``), and for every character the offset of the
character it came from.  ``ShellTree.template`` also says where the word expands a
parameter (``$1``, ``"$@"``, ``${2:-GET}``, ``$name``), for functions that forward their
arguments (``wrappers.py``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from scopelint.scanning.core import treesitter
from scopelint.scanning.source import ByteOffsets

if TYPE_CHECKING:  # pragma: no cover
    from tree_sitter import Node, Tree


class Word:
    """One shell word after quote removal; ``offsets[i]`` is the text offset of ``text[i]``."""

    __slots__ = ("offsets", "start", "text")

    def __init__(self, text: str, offsets: list[int], start: int) -> None:
        self.text = text
        self.offsets = offsets
        self.start = start

    def offset_at(self, index: int) -> int:
        if 0 <= index < len(self.offsets):
            return self.offsets[index]
        return self.start


class Hole:
    """A parameter expansion inside a word: ``text[start:end]`` of the word stands for it.

    ``name`` is the parameter (``1``, ``@``, ``*``, ``method``); ``default`` the word of
    ``${1:-GET}`` / ``${1-GET}`` / ``${1:=GET}`` (``${1:?usage}`` is the parameter alone);
    ``from_index`` the N of ``${@:N}``."""

    __slots__ = ("default", "end", "from_index", "name", "start")

    def __init__(self, start: int, end: int, name: str, default: Word | None = None,
                 from_index: int = 1) -> None:
        self.start = start
        self.end = end
        self.name = name
        self.default = default
        self.from_index = from_index


class WordBuilder:
    __slots__ = ("chars", "holes", "offsets")

    def __init__(self, holes: bool = False) -> None:
        self.chars: list[str] = []
        self.offsets: list[int] = []
        self.holes: list[Hole] | None = [] if holes else None

    def extend(self, word: Word) -> None:
        self.chars.extend(word.text)
        self.offsets.extend(word.offsets)

    def literal(self, text: str, start: int, escapes: str | None) -> None:
        """Append source text at char offset ``start``; ``escapes``: what a backslash escapes
        (None: anything, as outside quotes; "" : nothing)."""
        i, n = 0, len(text)
        while i < n:
            ch = text[i]
            if ch == "\\" and i + 1 < n and escapes != "":
                nxt = text[i + 1]
                if nxt == "\n":
                    i += 2
                    continue
                if escapes is None or nxt in escapes:
                    self.chars.append(nxt)
                    self.offsets.append(start + i + 1)
                    i += 2
                    continue
            self.chars.append(ch)
            self.offsets.append(start + i)
            i += 1

    def token(self, text: str, offset: int) -> None:
        self.chars.extend(text)
        self.offsets.extend([offset] * len(text))

    def word(self, start: int) -> Word:
        return Word("".join(self.chars), self.offsets, start)


_SIMPLE_VAR_RE = re.compile(r"^\$[A-Za-z_]\w*$")
_BRACED_VAR_RE = re.compile(r"^\$\{\s*[A-Za-z_]\w*")
_PARAMETER_NODES = frozenset({"variable_name", "special_variable_name"})
_DEFAULT_OPERATORS = frozenset({":-", "-", ":=", "="})  # ${1:-GET}, ${1:=GET}
_REQUIRED_OPERATORS = frozenset({":?", "?"})  # ${1:?usage}: the parameter or an error


_PAST_PLANE_3_RE = re.compile("[\U00040000-\U0010FFFF]")


class ShellTree:
    """A parsed shell text with byte -> character offset conversion."""

    def __init__(self, text: str) -> None:
        self.text = text
        # What the parser reads.  tree-sitter-bash 0.25 reads out of bounds on a code point
        # past plane 3 after "{" and now and then kills the whole process (SIGSEGV); such a
        # character (private use, tags: never in real scripts) is handed to it as U+10000,
        # of the same UTF-8 width, so byte offsets stay true.  Words are cut from ``text``.
        self.data = _PAST_PLANE_3_RE.sub("\U00010000", text).encode("utf-8", errors="surrogatepass")
        self._offsets = None if len(self.data) == len(text) else ByteOffsets(text)

    def char(self, byte: int) -> int:
        return byte if self._offsets is None else self._offsets.char(byte)

    def src(self, node: Node) -> tuple[str, int]:
        start = self.char(node.start_byte)
        return self.text[start:self.char(node.end_byte)], start

    def span(self, start_byte: int, end_byte: int) -> tuple[str, int]:
        start = self.char(start_byte)
        return self.text[start:self.char(end_byte)], start

    def word(self, node: Node) -> Word:
        builder = WordBuilder()
        self._add(node, builder)
        return builder.word(self.char(node.start_byte))

    def template(self, node: Node) -> tuple[Word, list[Hole]]:
        """The word of ``node`` (as :meth:`word` gives it) and its parameter expansions."""
        builder = WordBuilder(holes=True)
        self._add(node, builder)
        return builder.word(self.char(node.start_byte)), builder.holes or []

    def _hole(self, node: Node, text: str, start: int, out: WordBuilder) -> bool:
        """Record a parameter expansion ``node`` as a hole of ``out``; False if it is not one
        a forwarding function uses (``$1``, ``$@``, ``$name``, ``${1:-x}``, ``${@:2}``)."""
        holes = out.holes
        if holes is None:
            return False
        children = node.children
        if node.type == "simple_expansion":
            if len(children) != 2 or children[1].type not in _PARAMETER_NODES:
                return False
            name = self.src(children[1])[0]
            if name[:1].isdigit():  # tree-sitter reads "$1y" as one name; the shell as $1 y
                index = len(holes)
                holes.append(Hole(len(out.chars), 0, name[0]))
                out.token("{}", start)
                holes[index].end = len(out.chars)
                out.literal(text[2:], start + 2, "")
                return True
            default, from_index = None, 1
        else:
            inner = [child for child in children if child.type not in ("${", "}")]
            if not inner or inner[0].type not in _PARAMETER_NODES:
                return False
            name = self.src(inner[0])[0]
            default, from_index = None, 1
            if len(inner) == 3 and inner[1].type in _DEFAULT_OPERATORS:
                default = self.word(inner[2])
            elif len(inner) in (2, 3) and inner[1].type in _REQUIRED_OPERATORS:
                pass
            elif (len(inner) == 3 and name == "@" and inner[1].type == ":"
                  and inner[2].type == "number" and self.src(inner[2])[0].isdigit()):
                from_index = int(self.src(inner[2])[0])
            elif len(inner) != 1:
                return False
        hole = Hole(len(out.chars), 0, name, default, from_index)
        out.token(text if _SIMPLE_VAR_RE.match(text) or _BRACED_VAR_RE.match(text) else "{}",
                  start)
        hole.end = len(out.chars)
        holes.append(hole)
        return True

    def _add(self, node: Node, out: WordBuilder) -> None:
        kind = node.type
        text, start = self.src(node)
        if kind in ("word", "number", "command_name"):
            if kind == "command_name" and node.named_child_count == 1:
                child = node.named_children[0]
                if child is not None:
                    self._add(child, out)
                    return
            out.literal(text, start, None)
        elif kind == "raw_string":
            out.literal(text[1:-1], start + 1, "")
        elif kind == "ansi_c_string":
            out.literal(text[2:-1], start + 2, "'\\")
        elif kind == "string":
            self._add_double_quoted(node, out)
        elif kind == "concatenation":
            for child in node.children:
                self._add(child, out)
        elif kind in ("simple_expansion", "expansion") and self._hole(node, text, start, out):
            return
        elif kind == "simple_expansion":
            out.token(text if _SIMPLE_VAR_RE.match(text) else "{}", start)
        elif kind == "expansion":
            out.token(text if _BRACED_VAR_RE.match(text) else "{}", start)
        elif kind in ("command_substitution", "process_substitution", "arithmetic_expansion"):
            out.token("{}", start)
        else:
            out.literal(text, start, "")

    def _add_double_quoted(self, node: Node, out: WordBuilder) -> None:
        # Content is the text between the quotes; expansions inside it are children.
        inner_start = node.start_byte + 1
        inner_end = max(inner_start, node.end_byte - 1)
        pos = inner_start
        for child in node.children:
            if child.type in ('"', "string_content"):
                continue
            if child.start_byte > pos:
                text, start = self.span(pos, child.start_byte)
                out.literal(text, start, '$`"\\\n')
            self._add(child, out)
            pos = max(pos, child.end_byte)
        if inner_end > pos:
            text, start = self.span(pos, inner_end)
            out.literal(text, start, '$`"\\\n')

    def parse(self) -> Tree:
        return treesitter.parse("bash", self.data)


def plain_words(items: list[tuple[str, int]]) -> list[Word]:
    """Words from (text, offset) pairs whose characters map one to one from ``offset``."""
    return [Word(text, list(range(start, start + len(text))), start) for text, start in items]
