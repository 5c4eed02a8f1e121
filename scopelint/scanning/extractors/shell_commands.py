"""The shell engine shared by every extractor that meets shell text.

``find_shell_calls(text)`` parses shell text with tree-sitter-bash and finds the Atlassian
REST calls made with ``curl``, ``wget`` and HTTPie (``http``/``https``), plus variable
assignments whose value is an Atlassian URL.  Extractors that pull shell out of another
format (Makefile recipes, Dockerfile ``RUN``, CI ``script:`` blocks) build a ``Snippet`` --
the shell text plus the original-file offset of every character -- and call
``snippet_call_sites``.

The module also holds the small URL classifiers the other structured extractors share:
``url_kind`` (is this a REST call or a bare base URL?) and ``config_value_kind`` (is this
configuration value an Atlassian URL at all?).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from scopelint.kb.hosts import SITE_SUFFIX, is_atlassian_host
from scopelint.model import HTTP_METHODS, CallKind, CallSite
from scopelint.scanning.source import SourceFile
from scopelint.scanning.urls import (
    mentions_atlassian_api,
    normalise_placeholders,
    split_url,
    url_kind,
)

if TYPE_CHECKING:  # pragma: no cover
    from tree_sitter import Node, Parser

# A variable whose name nobody can know (a make function, a CI expression): becomes ``{}``.
UNKNOWN_VAR = "__SL_EXPR__"

# --------------------------------------------------------------------------- URL classes

_SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def config_value_kind(value: str) -> CallKind | None:
    """Like ``url_kind``, but only for a value that is itself a URL on an Atlassian host."""
    value = value.strip()
    if not value or any(ch.isspace() for ch in value):
        return None
    if not _SCHEME_RE.match(value) and SITE_SUFFIX in value.split("/", 1)[0]:
        value = "https://" + value
    if not _SCHEME_RE.match(value):
        return None
    host, _path = split_url(value)
    if host is None or not is_atlassian_host(host.split(":")[0].split("@")[-1]):
        return None
    return url_kind(value)


def clean_url(url: str) -> str:
    """Normalise placeholders and turn the engine's unknown-variable marker into ``{}``."""
    return normalise_placeholders(url).replace("{" + UNKNOWN_VAR + "}", "{}")


# --------------------------------------------------------------------------- snippets


@dataclass(slots=True)
class Snippet:
    """Shell text cut out of another file; ``offsets[i]`` is where ``text[i]`` came from."""

    text: str
    offsets: list[int]

    def original(self, offset: int) -> int:
        if not self.offsets:
            return 0
        return self.offsets[min(max(offset, 0), len(self.offsets) - 1)]


@dataclass(slots=True)
class SnippetBuilder:
    parts: list[str] = field(default_factory=list)
    offsets: list[int] = field(default_factory=list)

    def add(self, text: str, original: int) -> None:
        """Append ``text`` that appears verbatim at ``original`` in the file."""
        self.parts.append(text)
        self.offsets.extend(range(original, original + len(text)))

    def add_token(self, text: str, original: int) -> None:
        """Append synthetic ``text`` whose every character maps to ``original``."""
        self.parts.append(text)
        self.offsets.extend([original] * len(text))

    def build(self) -> Snippet:
        return Snippet("".join(self.parts), self.offsets)



# --------------------------------------------------------------------------- words


@dataclass(slots=True)
class Word:
    """One shell word after quote removal; ``offsets[i]`` is the text offset of ``text[i]``."""

    text: str
    offsets: list[int]
    start: int

    def offset_at(self, index: int) -> int:
        if 0 <= index < len(self.offsets):
            return self.offsets[index]
        return self.start


@dataclass(frozen=True, slots=True)
class ShellCall:
    offset: int  # character offset of the URL's start in the shell text
    url: str  # placeholders normalised
    method: str | None
    kind: CallKind


class _WordBuilder:
    __slots__ = ("chars", "offsets")

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.offsets: list[int] = []

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


_PAST_PLANE_3_RE = re.compile("[\U00040000-\U0010FFFF]")


class _Tree:
    """A parsed shell text with byte -> character offset conversion."""

    def __init__(self, text: str) -> None:
        self.text = text
        # What the parser reads.  tree-sitter-bash 0.25 reads out of bounds on a code point
        # past plane 3 after "{" and now and then kills the whole process (SIGSEGV); such a
        # character (private use, tags: never in real scripts) is handed to it as U+10000,
        # of the same UTF-8 width, so byte offsets stay true.  Words are cut from ``text``.
        self.data = _PAST_PLANE_3_RE.sub("\U00010000", text).encode("utf-8", errors="surrogatepass")
        self._ascii = len(self.data) == len(text)
        self._char_of: list[int] | None = None

    def char(self, byte: int) -> int:
        if self._ascii:
            return byte
        if self._char_of is None:
            table = [0] * (len(self.data) + 1)
            pos = 0
            for index, ch in enumerate(self.text):
                width = len(ch.encode("utf-8", errors="surrogatepass"))
                for k in range(width):
                    table[pos + k] = index
                pos += width
            table[pos] = len(self.text)
            self._char_of = table
        return self._char_of[min(byte, len(self._char_of) - 1)]

    def src(self, node: Node) -> tuple[str, int]:
        start = self.char(node.start_byte)
        return self.text[start:self.char(node.end_byte)], start

    def span(self, start_byte: int, end_byte: int) -> tuple[str, int]:
        start = self.char(start_byte)
        return self.text[start:self.char(end_byte)], start

    def word(self, node: Node) -> Word:
        builder = _WordBuilder()
        self._add(node, builder)
        return builder.word(self.char(node.start_byte))

    def _add(self, node: Node, out: _WordBuilder) -> None:
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
        elif kind == "simple_expansion":
            out.token(text if _SIMPLE_VAR_RE.match(text) else "{}", start)
        elif kind == "expansion":
            out.token(text if _BRACED_VAR_RE.match(text) else "{}", start)
        elif kind in ("command_substitution", "process_substitution", "arithmetic_expansion"):
            out.token("{}", start)
        else:
            out.literal(text, start, "")

    def _add_double_quoted(self, node: Node, out: _WordBuilder) -> None:
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


@cache
def _parser() -> Parser:
    import tree_sitter
    import tree_sitter_bash

    return tree_sitter.Parser(tree_sitter.Language(tree_sitter_bash.language()))


def _nodes(root: Node) -> Iterator[Node]:
    stack = [root]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(node.children))


# --------------------------------------------------------------------------- commands

_Url = tuple[Word, int]  # the word and the index in it where the URL starts

_CURL_SHORT_ARG = frozenset("AbcCdDeEFHKmoPQrtTuUwxXyYz")
_CURL_SHORT_LONG = {
    "X": "--request", "d": "--data", "F": "--form", "G": "--get", "I": "--head",
    "T": "--upload-file",
}
_CURL_DATA = frozenset({
    "--data", "--data-ascii", "--data-binary", "--data-raw", "--data-urlencode", "--json",
    "--form", "--form-string",
})
_CURL_LONG_ARG = frozenset({
    "--abstract-unix-socket", "--alt-svc", "--aws-sigv4", "--cacert", "--capath", "--cert",
    "--cert-type", "--ciphers", "--config", "--connect-timeout", "--connect-to",
    "--continue-at", "--cookie", "--cookie-jar", "--create-file-mode", "--crlfile", "--curves",
    "--data", "--data-ascii", "--data-binary", "--data-raw", "--data-urlencode", "--delegation",
    "--dns-interface", "--dns-ipv4-addr", "--dns-ipv6-addr", "--dns-servers", "--doh-url",
    "--dump-header", "--ech", "--egd-file", "--engine", "--etag-compare", "--etag-save",
    "--expect100-timeout", "--form", "--form-string", "--ftp-account",
    "--ftp-alternative-to-user", "--ftp-method", "--ftp-port", "--ftp-ssl-ccc-mode",
    "--happy-eyeballs-timeout-ms", "--haproxy-clientip", "--header", "--hostpubmd5",
    "--hostpubsha256", "--hsts", "--interface", "--ip-tos", "--ipfs-gateway", "--json",
    "--keepalive-cnt", "--keepalive-time", "--key", "--key-type", "--krb", "--libcurl",
    "--limit-rate", "--local-port", "--login-options", "--mail-auth", "--mail-from",
    "--mail-rcpt", "--max-filesize", "--max-redirs", "--max-time", "--netrc-file",
    "--noproxy", "--oauth2-bearer", "--output", "--output-dir", "--parallel-max", "--pass",
    "--pinnedpubkey", "--preproxy", "--proto", "--proto-default", "--proto-redir", "--proxy",
    "--proxy-cacert", "--proxy-capath", "--proxy-cert", "--proxy-cert-type", "--proxy-ciphers",
    "--proxy-crlfile", "--proxy-header", "--proxy-key", "--proxy-key-type", "--proxy-pass",
    "--proxy-pinnedpubkey", "--proxy-service-name", "--proxy-tls13-ciphers",
    "--proxy-tlsauthtype", "--proxy-tlspassword", "--proxy-tlsuser", "--proxy-user",
    "--proxy1.0", "--pubkey", "--quote", "--random-file", "--range", "--rate", "--referer",
    "--request", "--request-target", "--resolve", "--retry", "--retry-delay",
    "--retry-max-time", "--sasl-authzid", "--service-name", "--socks4", "--socks4a",
    "--socks5", "--socks5-gssapi-service", "--socks5-hostname", "--speed-limit",
    "--speed-time", "--stderr", "--tftp-blksize", "--time-cond", "--tls-max",
    "--tls13-ciphers", "--tlsauthtype", "--tlspassword", "--tlsuser", "--trace",
    "--trace-ascii", "--trace-config", "--unix-socket", "--upload-file", "--url",
    "--url-query", "--user", "--user-agent", "--variable", "--vlan-priority", "--write-out",
})

_WGET_SHORT_ARG = frozenset("aAbBDeiIlnoOPQRtTUwXY")
_WGET_SHORT_ARG = _WGET_SHORT_ARG - {"b", "n"}  # -b: background; -n?: negations, no argument
_WGET_LONG_ARG = frozenset({
    "--append-output", "--accept", "--accept-regex", "--base", "--bind-address",
    "--body-data", "--body-file", "--ca-certificate", "--ca-directory", "--certificate",
    "--certificate-type", "--config", "--cut-dirs", "--default-page", "--directory-prefix",
    "--dns-timeout", "--domains", "--exclude-directories", "--exclude-domains", "--execute",
    "--header", "--http-password", "--http-user", "--include-directories", "--input-file",
    "--level", "--limit-rate", "--load-cookies", "--local-encoding", "--method",
    "--output-document", "--output-file", "--password", "--post-data", "--post-file",
    "--private-key", "--private-key-type", "--progress", "--proxy-password", "--proxy-user",
    "--quota", "--read-timeout", "--referer", "--reject", "--reject-regex",
    "--remote-encoding", "--restrict-file-names", "--save-cookies", "--secure-protocol",
    "--timeout", "--tries", "--user", "--user-agent", "--wait", "--waitretry",
    "--connect-timeout", "--ciphers", "--crl-file", "--pinnedpubkey", "--random-file",
    "--egd-file", "--warc-file", "--warc-header", "--warc-max-size", "--warc-dedup",
    "--warc-tempdir", "--use-askpass", "--retry-on-http-error", "--report-speed",
    "--prefer-family", "--hsts-file", "--backups", "--xattr",
})

_HTTPIE_SHORT_ARG = frozenset("aAopPs")
_HTTPIE_LONG_ARG = frozenset({
    "--auth", "--auth-type", "--output", "--print", "--history-print", "--style", "--session",
    "--session-read-only", "--timeout", "--proxy", "--cert", "--cert-key", "--cert-key-pass",
    "--verify", "--max-redirects", "--pretty", "--format-options", "--boundary", "--raw",
    "--response-charset", "--response-mime", "--default-scheme", "--ssl", "--ciphers",
    "--max-headers",
})
_HTTPIE_SEPARATORS = (":=@", "=@", ":=", "==", "=", "@", ":", ";")
_HTTPIE_DATA_SEPARATORS = frozenset({":=@", "=@", ":=", "=", "@"})

_METHOD_WORD_RE = re.compile(r"^[A-Za-z]+$")
_KNOWN_METHODS = frozenset(HTTP_METHODS) | {"TRACE", "CONNECT"}

# Commands that run the next word as a command: options that take an argument, and how
# many positional words come before the command (``timeout 30 curl ...``).
_WRAPPERS: dict[str, tuple[frozenset[str], int]] = {
    "sudo": (frozenset({"-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U", "-T"}), 0),
    "env": (frozenset({"-u", "-C", "-S", "--unset", "--chdir", "--split-string"}), 0),
    "time": (frozenset({"-f", "-o", "--format", "--output"}), 0),
    "nohup": (frozenset(), 0),
    "exec": (frozenset({"-a"}), 0),
    "command": (frozenset(), 0),
    "builtin": (frozenset(), 0),
    "nice": (frozenset({"-n", "--adjustment"}), 0),
    "timeout": (frozenset({"-s", "-k", "--signal", "--kill-after"}), 1),
    "xargs": (frozenset({"-I", "-n", "-P", "-L", "-d", "-a", "-E", "-s", "-i", "-l"}), 0),
    "watch": (frozenset({"-n", "-d", "--interval"}), 0),
    "retry": (frozenset({"-t", "-d", "--times", "--delay"}), 0),
}


def _command_name(word: str) -> str:
    name = word.rsplit("/", 1)[-1].lower()
    return name[:-4] if name.endswith(".exe") else name


def _unwrap(words: list[Word]) -> list[Word]:
    """Drop ``sudo``/``env``/``timeout``... in front of the real command."""
    for _ in range(8):
        if not words:
            return words
        spec = _WRAPPERS.get(_command_name(words[0].text))
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
            elif "=" in text and _command_name(words[0].text) == "env":
                i += 1
            elif positional:
                positional -= 1
                i += 1
            else:
                break
        words = words[i:]
    return words


def _explicit_method(word: Word, start: int) -> str | None:
    value = word.text[start:].strip().upper()
    return value if _METHOD_WORD_RE.match(value) else None


@dataclass(slots=True)
class _Options:
    """What the option loop found: URLs and the flags that decide the method."""

    urls: list[_Url] = field(default_factory=list)
    explicit: bool = False
    method: str | None = None
    flags: set[str] = field(default_factory=set)


def _walk_options(
    words: list[Word],
    short_arg: frozenset[str],
    long_arg: frozenset[str],
    short_long: dict[str, str],
    on_value: Callable[[_Options, str, Word, int], None],
    positional: Callable[[_Options, Word], None],
) -> _Options:
    opts = _Options()
    i, n = 0, len(words)
    options_done = False
    while i < n:
        word = words[i]
        text = word.text
        if options_done or not text.startswith("-") or text == "-":
            positional(opts, word)
        elif text == "--":
            options_done = True
        elif text.startswith("--"):
            name, eq, _value = text.partition("=")
            if name in long_arg:
                if eq:
                    on_value(opts, name, word, len(name) + 1)
                elif i + 1 < n:
                    i += 1
                    on_value(opts, name, words[i], 0)
            else:
                opts.flags.add(name)
        else:
            j = 1
            while j < len(text):
                letter = text[j]
                long_name = short_long.get(letter, "-" + letter)
                if letter in short_arg:
                    if j + 1 < len(text):
                        on_value(opts, long_name, word, j + 1)
                    elif i + 1 < n:
                        i += 1
                        on_value(opts, long_name, words[i], 0)
                    break
                opts.flags.add(long_name)
                j += 1
        i += 1
    return opts


def _curl(words: list[Word]) -> tuple[list[_Url], str | None]:
    def on_value(opts: _Options, name: str, word: Word, start: int) -> None:
        if name == "--request":
            opts.explicit = True
            opts.method = _explicit_method(word, start)
        elif name == "--url":
            opts.urls.append((word, start))
        elif name in _CURL_DATA:
            opts.flags.add("--data")
        elif name == "--upload-file":
            opts.flags.add("--upload-file")

    def positional(opts: _Options, word: Word) -> None:
        opts.urls.append((word, 0))

    opts = _walk_options(words, _CURL_SHORT_ARG, _CURL_LONG_ARG, _CURL_SHORT_LONG,
                         on_value, positional)
    if opts.explicit:
        method = opts.method
    elif "--head" in opts.flags:
        method = "HEAD"
    elif "--get" in opts.flags:
        method = "GET"
    elif "--upload-file" in opts.flags:
        method = "PUT"
    elif "--data" in opts.flags:
        method = "POST"
    else:
        method = "GET"
    return opts.urls, method


def _wget(words: list[Word]) -> tuple[list[_Url], str | None]:
    def on_value(opts: _Options, name: str, word: Word, start: int) -> None:
        if name == "--method":
            opts.explicit = True
            opts.method = _explicit_method(word, start)
        elif name in ("--post-data", "--post-file"):
            opts.flags.add("--post")

    def positional(opts: _Options, word: Word) -> None:
        opts.urls.append((word, 0))

    opts = _walk_options(words, _WGET_SHORT_ARG, _WGET_LONG_ARG, {}, on_value, positional)
    if opts.explicit:
        return opts.urls, opts.method
    return opts.urls, "POST" if "--post" in opts.flags else "GET"


def _httpie_item_is_data(text: str) -> bool:
    best: tuple[int, int, str] | None = None
    for sep in _HTTPIE_SEPARATORS:
        pos = text.find(sep)
        if pos > 0 and (best is None or (pos, -len(sep)) < (best[0], best[1])):
            best = (pos, -len(sep), sep)
    return best is not None and best[2] in _HTTPIE_DATA_SEPARATORS


def _httpie(words: list[Word]) -> tuple[list[_Url], str | None]:
    positionals: list[Word] = []

    def on_value(opts: _Options, name: str, word: Word, start: int) -> None:
        return None

    def positional(opts: _Options, word: Word) -> None:
        positionals.append(word)

    opts = _walk_options(words, _HTTPIE_SHORT_ARG, _HTTPIE_LONG_ARG, {}, on_value, positional)
    if not positionals:
        return [], None
    method: str | None = None
    first = positionals[0].text
    if len(positionals) > 1 and _METHOD_WORD_RE.match(first) and first.upper() in _KNOWN_METHODS:
        method = first.upper()
        positionals = positionals[1:]
    elif len(positionals) > 1 and first.startswith("$"):
        method, positionals = None, positionals[1:]  # http "$METHOD" URL
        if not positionals:
            return [], None
    else:
        has_data = any(_httpie_item_is_data(item.text) for item in positionals[1:])
        method = "POST" if has_data or "--form" in opts.flags or "-f" in opts.flags else "GET"
    return [(positionals[0], 0)], method


_COMMANDS: dict[str, Callable[[list[Word]], tuple[list[_Url], str | None]]] = {
    "curl": _curl,
    "wget": _wget,
    "http": _httpie,
    "https": _httpie,
    "xh": _httpie,
    "xhs": _httpie,
}


def _call(word: Word, start: int, method: str | None, httpie: bool) -> ShellCall | None:
    raw = word.text[start:].strip()
    if not raw or raw.startswith("-"):
        return None
    url = clean_url(raw)
    if httpie and not _SCHEME_RE.match(url) and not url.startswith("{"):
        url = "https://" + url
    kind = url_kind(url)
    if kind is None:
        return None
    lead = len(word.text[start:]) - len(word.text[start:].lstrip())
    return ShellCall(word.offset_at(start + lead), url, method, kind)


def _command_calls(tree: _Tree, node: Node) -> list[ShellCall]:
    name = node.child_by_field_name("name")
    if name is None:
        return []
    words = [tree.word(name)]
    words.extend(tree.word(arg) for arg in node.children_by_field_name("argument"))
    words = _unwrap(words)
    if not words:
        return []
    command = _command_name(words[0].text)
    analyse = _COMMANDS.get(command)
    if analyse is None:
        return []
    urls, method = analyse(words[1:])
    httpie = analyse is _httpie
    calls = []
    for word, start in urls:
        call = _call(word, start, method, httpie)
        if call is not None:
            calls.append(call)
    return calls


def _assignment_call(tree: _Tree, node: Node) -> ShellCall | None:
    value = node.child_by_field_name("value")
    if value is None or value.type == "array":
        return None
    word = tree.word(value)
    url = clean_url(word.text.strip())
    kind = config_value_kind(url)
    if kind is None:
        return None
    lead = len(word.text) - len(word.text.lstrip())
    return ShellCall(word.offset_at(lead), url, None, kind)


_HEREDOC_SHELLS = frozenset({"sh", "bash", "zsh", "dash", "ksh", "ash", "ssh"})


def _heredoc_script(tree: _Tree, body: Node) -> tuple[str, int] | None:
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
    words = _unwrap([tree.word(name)])
    if not words or _command_name(words[0].text) not in _HEREDOC_SHELLS:
        return None
    return tree.src(body)


def find_shell_calls(text: str, _depth: int = 0) -> list[ShellCall]:
    """Every Atlassian call/base URL the shell ``text`` makes, in text order."""
    if not text or not mentions_atlassian_api(text):
        return []
    tree = _Tree(text)
    parsed = _parser().parse(tree.data)
    calls: list[ShellCall] = []
    for node in _nodes(parsed.root_node):
        if node.type == "command":
            calls.extend(_command_calls(tree, node))
        elif node.type == "variable_assignment":
            call = _assignment_call(tree, node)
            if call is not None:
                calls.append(call)
        elif node.type == "heredoc_body" and _depth < 3:
            script = _heredoc_script(tree, node)
            if script is not None:
                body, start = script
                calls.extend(
                    ShellCall(start + call.offset, call.url, call.method, call.kind)
                    for call in find_shell_calls(body, _depth + 1)
                )
    calls.sort(key=lambda call: call.offset)
    return calls


def words_calls(words: list[Word]) -> list[ShellCall]:
    """Calls made by one command given as ready words (e.g. a Dockerfile exec-form RUN)."""
    words = _unwrap(words)
    if not words:
        return []
    analyse = _COMMANDS.get(_command_name(words[0].text))
    if analyse is None:
        return []
    urls, method = analyse(words[1:])
    found = [_call(word, start, method, analyse is _httpie) for word, start in urls]
    return [call for call in found if call is not None]


# --------------------------------------------------------------------------- call sites


def call_site(
    source: SourceFile, offset: int, url: str, method: str | None, kind: CallKind, extractor: str
) -> CallSite:
    return CallSite(source.location(offset), url, method, kind, extractor=extractor)


def snippet_call_sites(snippet: Snippet, source: SourceFile, extractor: str) -> list[CallSite]:
    return [
        call_site(source, snippet.original(call.offset), call.url, call.method, call.kind,
                  extractor)
        for call in find_shell_calls(snippet.text)
    ]


def text_call_sites(source: SourceFile, extractor: str) -> list[CallSite]:
    return [
        call_site(source, call.offset, call.url, call.method, call.kind, extractor)
        for call in find_shell_calls(source.text)
    ]


def plain_words(items: list[tuple[str, int]]) -> list[Word]:
    """Words from (text, offset) pairs whose characters map one to one from ``offset``."""
    return [Word(text, list(range(start, start + len(text))), start) for text, start in items]
