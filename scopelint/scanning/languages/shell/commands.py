"""The shell engine: Atlassian REST calls made by command-line clients in shell text.

``shell_candidates(text)`` parses shell text with tree-sitter-bash and finds the calls made by
the commands of ``knowledge/shell.toml`` (curl, wget, HTTPie/xh), after any wrapper (``sudo``,
``env``, ``timeout 30``), plus variable assignments whose value is an Atlassian URL, also
inside here-documents fed to a shell.  Two calling conventions read a command's words:

* ``argv`` (curl, wget): options (which take a value is data), then every positional word is
  a URL; the method comes from the method option, else from a flag (``-I`` HEAD, ``-G`` GET,
  ``-T`` PUT), else POST when a data option is given, else GET;
* ``httpie``: ``[METHOD] URL [items]``; without a method, POST when an item sends data.

Candidates carry character offsets into the text they were given.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from scopelint.scanning.core import treesitter
from scopelint.scanning.core.candidate import Candidate, MethodSource, config_value_kind
from scopelint.scanning.core.knowledge import Command, table
from scopelint.scanning.core.methods import KNOWN_METHODS, OTHER_METHODS, method_token
from scopelint.scanning.core.snippets import clean_url
from scopelint.scanning.languages.shell.words import ShellTree, Word
from scopelint.scanning.urls import mentions_atlassian_api, url_kind

if TYPE_CHECKING:  # pragma: no cover
    from tree_sitter import Node

_Url = tuple[Word, int]  # the word and the index in it where the URL starts
_HTTPIE_SEPARATORS = (":=@", "=@", ":=", "==", "=", "@", ":", ";")
_HTTPIE_DATA_SEPARATORS = frozenset({":=@", "=@", ":=", "=", "@"})
_HTTPIE_METHODS = KNOWN_METHODS | OTHER_METHODS
_SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_MAX_HEREDOC_DEPTH = 3


def command_name(word: str) -> str:
    name = word.rsplit("/", 1)[-1].lower()
    return name[:-4] if name.endswith(".exe") else name


def unwrap(words: list[Word]) -> list[Word]:
    """Drop ``sudo``/``env``/``timeout``... in front of the real command."""
    wrappers = table("shell").wrappers
    for _ in range(8):
        if not words:
            return words
        spec = wrappers.get(command_name(words[0].text))
        if spec is None:
            return words
        with_arg, positional = spec
        i = 1
        while i < len(words):
            text = words[i].text
            if text == "--":
                i += 1
                break
            if text.startswith("-") and len(text) > 1:
                i += 2 if text in with_arg else 1
            elif "=" in text and command_name(words[0].text) == "env":
                i += 1
            elif positional:
                positional -= 1
                i += 1
            else:
                break
        words = words[i:]
    return words


class _Options:
    """What the option loop found: URLs, positional words, and the options given."""

    __slots__ = ("explicit", "flags", "method", "positionals", "urls")

    def __init__(self) -> None:
        self.urls: list[_Url] = []
        self.positionals: list[Word] = []
        self.method: str | None = None
        self.explicit = False
        self.flags: set[str] = set()


def _walk_options(command: Command, words: list[Word]) -> _Options:
    opts = _Options()

    def on_value(name: str, word: Word, start: int) -> None:
        if name == command.method_option:
            opts.explicit = True
            opts.method = method_token(word.text[start:])
        elif name == command.url_option:
            opts.urls.append((word, start))
        else:
            opts.flags.add(name)

    i, n = 0, len(words)
    options_done = False
    while i < n:
        word = words[i]
        text = word.text
        if options_done or not text.startswith("-") or text == "-":
            opts.positionals.append(word)
        elif text == "--":
            options_done = True
        elif text.startswith("--"):
            name, eq, _value = text.partition("=")
            if name in command.long_with_value:
                if eq:
                    on_value(name, word, len(name) + 1)
                elif i + 1 < n:
                    i += 1
                    on_value(name, words[i], 0)
            else:
                opts.flags.add(name)
        else:
            j = 1
            while j < len(text):
                letter = text[j]
                long_name = command.short_aliases.get(letter, "-" + letter)
                if letter in command.short_with_value:
                    if j + 1 < len(text):
                        on_value(long_name, word, j + 1)
                    elif i + 1 < n:
                        i += 1
                        on_value(long_name, words[i], 0)
                    break
                opts.flags.add(long_name)
                j += 1
        i += 1
    return opts


def _argv(command: Command, words: list[Word]) -> tuple[list[_Url], str | None]:
    """curl/wget: every positional word (and the URL option) is a URL."""
    opts = _walk_options(command, words)
    urls = [*opts.urls, *((word, 0) for word in opts.positionals)]
    urls.sort(key=lambda url: url[0].start)
    if opts.explicit:
        return urls, opts.method
    for flag, method in command.flag_methods:
        if flag in opts.flags:
            return urls, method
    if opts.flags & command.data_options:
        return urls, command.data_method
    return urls, command.default_method


def _httpie_item_is_data(text: str) -> bool:
    best: tuple[int, int, str] | None = None
    for sep in _HTTPIE_SEPARATORS:
        pos = text.find(sep)
        if pos > 0 and (best is None or (pos, -len(sep)) < (best[0], best[1])):
            best = (pos, -len(sep), sep)
    return best is not None and best[2] in _HTTPIE_DATA_SEPARATORS


def _httpie(command: Command, words: list[Word]) -> tuple[list[_Url], str | None]:
    """``http [METHOD] URL [items]``: POST without a method when an item sends data."""
    opts = _walk_options(command, words)
    positionals = opts.positionals
    if not positionals:
        return [], None
    method: str | None = None
    first = positionals[0].text
    if len(positionals) > 1 and method_token(first) in _HTTPIE_METHODS:
        method = method_token(first)
        positionals = positionals[1:]
    elif len(positionals) > 1 and first.startswith("$"):
        method, positionals = None, positionals[1:]  # http "$METHOD" URL
        if not positionals:
            return [], None
    else:
        has_data = any(_httpie_item_is_data(item.text) for item in positionals[1:])
        sends = has_data or bool(opts.flags & command.data_options)
        method = command.data_method if sends else command.default_method
    return [(positionals[0], 0)], method


_CONVENTIONS: dict[str, Callable[[Command, list[Word]], tuple[list[_Url], str | None]]] = {
    "argv": _argv,
    "httpie": _httpie,
}


# A variable assigned an Atlassian URL once in the script (``SITE="https://acme.atlassian.net"``):
# name -> (its URL, the offset where it is written); None when it is assigned more than once.
Bases = dict[str, "tuple[str, int] | None"]
_LEADING_VARIABLE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def _call(word: Word, start: int, method: str | None, command: Command,
          bases: Bases | None = None) -> Candidate | None:
    raw = word.text[start:].strip()
    if not raw or raw.startswith("-"):
        return None
    url = clean_url(raw)
    related: tuple[int, ...] = ()
    leading = _LEADING_VARIABLE.match(url) if bases else None
    base = bases.get(leading.group(1)) if bases and leading else None
    if leading is not None and base is not None:
        # "$SITE/rest/api/3/myself": the URL the variable holds, and where it is written (the
        # place SL001 reports once for every call that uses it)
        value, written_at = base
        rest = url[leading.end():]
        url = (value.rstrip("/") if rest.startswith("/") else value) + rest
        related = (written_at,)
    if command.scheme_optional and not _SCHEME_RE.match(url) and not url.startswith("{"):
        url = "https://" + url
    if url_kind(url) is None:
        return None
    lead = len(word.text[start:]) - len(word.text[start:].lstrip())
    source: MethodSource = "unknown" if method is None else "literal"
    return Candidate(url, word.offset_at(start + lead), method=method, method_source=source,
                     via=command.names[0], related=related)


def words_candidates(words: list[Word], bases: Bases | None = None) -> list[Candidate]:
    """Calls made by one command given as ready words (e.g. a Dockerfile exec-form RUN);
    ``bases``: the script's variables that hold an Atlassian URL."""
    words = unwrap(words)
    if not words:
        return []
    command = table("shell").commands.get(command_name(words[0].text))
    if command is None:
        return []
    urls, method = _CONVENTIONS[command.convention](command, words[1:])
    found = [_call(word, start, method, command, bases) for word, start in urls]
    return [call for call in found if call is not None]


def _command_calls(tree: ShellTree, node: Node, bases: Bases) -> list[Candidate]:
    name = node.child_by_field_name("name")
    if name is None:
        return []
    words = [tree.word(name)]
    words.extend(tree.word(arg) for arg in node.children_by_field_name("argument"))
    return words_candidates(words, bases)


def _assignment_call(tree: ShellTree, node: Node, bases: Bases | None = None) -> Candidate | None:
    value = node.child_by_field_name("value")
    if value is None or value.type == "array":
        return None
    word = tree.word(value)
    url = clean_url(word.text.strip())
    kind = config_value_kind(url)
    name = node.child_by_field_name("name")
    variable = tree.src(name)[0] if name is not None else ""
    if kind is None:
        if bases is not None and variable in bases:
            bases[variable] = None  # assigned again: which value a call sees is not known
        return None
    lead = len(word.text) - len(word.text.lstrip())
    offset = word.offset_at(lead)
    if bases is not None and variable:
        bases[variable] = None if variable in bases else (url, offset)
    return Candidate(url, offset, kind=kind, classified=True)


def _heredoc_script(tree: ShellTree, body: Node) -> tuple[str, int] | None:
    """(text, offset) of a here-document fed to a shell (``bash <<EOF``, ``ssh host <<EOF``)."""
    redirect = body.parent
    statement = redirect.parent if redirect is not None else None
    if statement is None or statement.type != "redirected_statement":
        return None
    command = statement.child_by_field_name("body") or statement.named_children[0]
    if command is None or command.type != "command":
        return None
    name = command.child_by_field_name("name")
    if name is None:
        return None
    words = unwrap([tree.word(name)])
    knowledge = table("shell")
    runners = knowledge.names("shells") | knowledge.names("heredoc_runners")
    if not words or command_name(words[0].text) not in runners:
        return None
    return tree.src(body)


def shell_candidates(text: str, _depth: int = 0) -> list[Candidate]:
    """Every Atlassian call/base URL the shell ``text`` makes, in text order."""
    if not text or not mentions_atlassian_api(text):
        return []
    tree = ShellTree(text)
    root = tree.parse().root_node
    calls: list[Candidate] = []
    bases: Bases = {}  # filled as the walk meets the assignments, in text order
    # A walk, not a query: compiling a tree-sitter query costs a hook run ~9 ms, more than
    # walking any script a hook is given.
    for node in treesitter.walk(root):
        kind = node.type
        if kind == "command":
            calls.extend(_command_calls(tree, node, bases))
        elif kind == "variable_assignment":
            call = _assignment_call(tree, node, bases)
            if call is not None:
                calls.append(call)
        elif kind == "heredoc_body" and _depth < _MAX_HEREDOC_DEPTH:
            script = _heredoc_script(tree, node)
            if script is not None:
                body, start = script
                for inner in shell_candidates(body, _depth + 1):
                    inner.start += start
                    calls.append(inner)
    calls.sort(key=lambda call: call.start)
    return calls
