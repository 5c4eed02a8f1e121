"""``check --add-suppressions`` (ruff's ``--add-noqa``): a suppression comment for each line
that has findings today, written in the file's own comment syntax, never changing what the
file means.

Where the comment goes, per kind of file:

- at the end of the line (``# scopelint: ignore[SL001]``, two spaces after the code): Python,
  shell, YAML, TOML, PowerShell, Ruby; ``//`` in JavaScript, TypeScript, Go, Java, Kotlin,
  PHP and C#;
- alone on the line above, which covers the next line: formats whose values run to the end
  of the line (``.env``, INI, ``.properties``, ``.http``/``.rest`` requests) and Makefiles and
  Dockerfiles;
- nowhere: JSON (no comments), documentation, anything else; each is a note.

A comment already on the line (or above it) that names other rules gets the new codes.  Each
changed file is checked before it is written: Python must give the same syntax tree,
JavaScript/TypeScript and shell the same tokens apart from comments, YAML and TOML the same
data (a shell script in a CI ``run:`` block the same shell tokens), and the scan must find the
comment and see it cover the line.  (JavaScript, TypeScript, shell, Go, Java, Kotlin, PHP,
PowerShell, C# and Ruby are compared with their tree-sitter grammars.)  A line the comment
cannot go on safely (inside a multi-line string, a here-document or here-string, a line
continued with ``\\`` or PowerShell's backtick) is left alone with a note.
Files are written atomically through :func:`scopelint.fixing.apply.apply_edits`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from scopelint.model import Edit, Finding

UNUSED_SUPPRESSION = "SL012"  # its findings are fixed by removing comments, never by adding one

_TRAILING_HASH = (
    ".py", ".pyi", ".sh", ".bash", ".zsh", ".ksh", ".yml", ".yaml", ".toml", ".ps1", ".psm1", ".psd1",
    ".rb", ".rake", "rakefile",
)
_TRAILING_SLASHES = (
    ".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx", ".go", ".java", ".kt", ".kts", ".php",
    ".cs", ".csx",
)
_ABOVE_HASH = (".env", ".ini", ".cfg", ".properties", ".http", ".rest", ".mk")
_ABOVE_NAMES = ("Makefile", "makefile", "GNUmakefile", "Dockerfile", "Containerfile")
_NO_COMMENTS = {".json": "JSON has no comments", ".har": "a HAR file is JSON, which has no comments"}
_CI_SCRIPT_KEYS = frozenset(
    {"run", "script", "before_script", "after_script", "command", "commands", "steps"}
)
_DIRECTIVE = re.compile(r"scopelint:[ \t]*ignore(?![\w-])(?:[ \t]*\[(?P<codes>[^\]\n]*)\])?")


@dataclass(slots=True)
class AddOutcome:
    comments: int = 0  # comments written or extended
    findings: int = 0  # findings they cover
    files: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # one line each: "<file>:<line>: <why>"
    diff_text: str = ""


@dataclass(frozen=True, slots=True)
class Syntax:
    introducer: str  # "#" or "//"
    above: bool  # the comment goes alone on the line above (else at the end of the line)
    column0: bool = False  # the line above starts at column 1 (Makefile, Dockerfile)
    backtick: bool = False  # a line ending with ` continues on the next one (PowerShell)


def comment_syntax(display: str) -> Syntax | str:
    """How a suppression is written in this file, or why none can be (a note)."""
    name = PurePosixPath(display).name
    lower = name.lower()
    if name in _ABOVE_NAMES or lower.endswith((".dockerfile", ".mk")) or lower.startswith("dockerfile."):
        return Syntax("#", above=True, column0=True)
    if lower.startswith(".env") or lower.endswith(_ABOVE_HASH):
        return Syntax("#", above=True)
    if lower.endswith(_TRAILING_HASH):
        return Syntax("#", above=False, backtick=lower.endswith((".ps1", ".psm1", ".psd1")))
    if lower.endswith(_TRAILING_SLASHES):
        return Syntax("//", above=False)
    for suffix, why in _NO_COMMENTS.items():
        if lower.endswith(suffix):
            return why
    return "scopelint does not know how to write a comment in this kind of file"


def add_suppressions(findings: Sequence[Finding], cwd: Path, *, diff_only: bool = False) -> AddOutcome:
    """Add comments suppressing ``findings`` (paths relative to ``cwd``) to their files."""
    from scopelint.fixing.apply import apply_edits, edits_from_texts, sha256_of

    outcome = AddOutcome()
    by_file: dict[str, dict[int, set[str]]] = {}
    for finding in findings:
        if finding.code == UNUSED_SUPPRESSION:
            continue
        by_file.setdefault(finding.location.path, {}).setdefault(finding.location.line, set()).add(
            finding.code
        )
    edits: list[Edit] = []
    snapshots: dict[str, str] = {}
    planned: dict[str, tuple[int, int]] = {}
    for display, lines in sorted(by_file.items()):
        count = sum(len(codes) for codes in lines.values())
        syntax = comment_syntax(display)
        if isinstance(syntax, str):
            outcome.notes.append(f"{display}: {syntax}; {_plural(count, 'finding')} not suppressed")
            continue
        try:
            raw = (cwd / display).read_bytes()
            text = _decode(raw)
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "not UTF-8 text"
            outcome.notes.append(f"{display}: cannot read ({reason}); not changed")
            continue
        new_text, comments, covered = _add_to_file(display, text, lines, syntax, outcome.notes)
        if new_text == text:
            continue
        snapshots[display] = sha256_of(raw)
        edits.extend(edits_from_texts(display, text, new_text))
        planned[display] = (comments, covered)
    if not edits:
        return outcome
    applied = apply_edits(edits, cwd, diff_only=diff_only, snapshots=snapshots)
    outcome.notes.extend(applied.skipped)
    outcome.diff_text = applied.diff if diff_only else ""
    for display in applied.changed:
        comments, covered = planned[display]
        outcome.files.append(display)
        outcome.comments += comments
        outcome.findings += covered
    return outcome


def _decode(raw: bytes) -> str:
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if raw.startswith(bom):
            return raw[len(bom):].decode(encoding)
    return raw.decode("utf-8")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _add_to_file(
    display: str, text: str, lines: dict[int, set[str]], syntax: Syntax, notes: list[str]
) -> tuple[str, int, int]:
    """(the new text, comments written, findings covered); one line at a time, each checked."""
    check = _checker(display, text)
    if isinstance(check, str):
        notes.append(f"{display}: {check}; not changed")
        return text, 0, 0
    current = text
    done: dict[int, set[str]] = {}
    inserted: list[int] = []
    # bottom-up, so inserting a line above never moves a line still to do
    for number in sorted(lines, reverse=True):
        codes = lines[number]
        candidate = _with_comment(current, number, codes, syntax)
        if isinstance(candidate, tuple) and check(candidate[0]):
            current = candidate[0]
            done[number] = codes
            if candidate[1]:
                inserted.append(number)
            continue
        why = candidate.reason if isinstance(candidate, _Refusal) else (
            "a comment there would change what the file means (inside a string or a "
            "here-document?)"
        )
        notes.append(f"{display}:{number}: {why}; {', '.join(sorted(codes))} not suppressed")
    if not done:
        return text, 0, 0
    moved = {number + sum(1 for m in inserted if m <= number): codes for number, codes in done.items()}
    if not _covered(display, current, moved):
        notes.append(f"{display}: the comments written were not recognised; not changed")
        return text, 0, 0
    return current, len(done), sum(len(codes) for codes in done.values())


@dataclass(frozen=True, slots=True)
class _Refusal:
    reason: str


def _with_comment(
    text: str, number: int, codes: set[str], syntax: Syntax
) -> tuple[str, bool] | _Refusal:
    """(the text with the comment, whether a line was inserted above ``number``)."""
    rows = text.split("\n")
    if not 1 <= number <= len(rows):
        return _Refusal("the line is past the end of the file")
    index = number - 1
    row = rows[index].rstrip("\r")
    ending = rows[index][len(row):]
    if row.rstrip().endswith("\\"):
        return _Refusal("the line continues on the next one (ends with \\)")
    if syntax.backtick and row.endswith("`"):
        return _Refusal("the line continues on the next one (ends with `)")
    if syntax.above and index > 0 and rows[index - 1].rstrip("\r").rstrip().endswith("\\"):
        return _Refusal("the line is part of a command continued with \\")
    # a comment on this line (or alone above it) that names other rules gets these codes too
    target = index - 1 if syntax.above else index
    if target >= 0:
        merged = _merge(rows[target], codes, own_line=syntax.above)
        if merged is not None:
            rows[target] = merged
            return "\n".join(rows), False
    directive = f"scopelint: ignore[{', '.join(sorted(codes))}]"
    if syntax.above:
        indent = "" if syntax.column0 else row[: len(row) - len(row.lstrip())]
        rows.insert(index, f"{indent}{syntax.introducer} {directive}{ending}")
        return "\n".join(rows), True
    rows[index] = f"{row}  {syntax.introducer} {directive}{ending}"
    return "\n".join(rows), False


def _merge(row: str, codes: set[str], own_line: bool) -> str | None:
    match = _DIRECTIVE.search(row)
    if match is None or match.group("codes") is None:
        return None
    if own_line and row[: match.start()].strip() not in ("#", "//"):
        return None  # above: only a comment line of its own covers the next line
    given = [item.strip() for item in match.group("codes").split(",") if item.strip()]
    wanted = given + sorted(code for code in codes if code not in given)
    return f"{row[: match.start()]}scopelint: ignore[{', '.join(wanted)}]{row[match.end():]}"


# --------------------------------------------------------------------------- verification


def _checker(display: str, text: str) -> Callable[[str], bool] | str:
    """A test that a new text means what ``text`` means, or why there is none."""
    lower = display.lower()
    if lower.endswith((".py", ".pyi")):
        import ast

        try:
            before = ast.dump(ast.parse(text))
        except (SyntaxError, ValueError, RecursionError):
            return "does not parse as Python"

        def same_python(new: str) -> bool:
            try:
                return ast.dump(ast.parse(new)) == before
            except (SyntaxError, ValueError, RecursionError):
                return False

        return same_python
    grammar = _grammar(lower)
    if grammar is not None:
        tokens = _tokens(text, grammar)
        if tokens is None:
            return f"does not parse as {grammar}"
        return lambda new: _tokens(new, grammar) == tokens
    if lower.endswith((".yml", ".yaml")):
        return _yaml_checker(text)
    if lower.endswith(".toml"):
        import tomllib

        try:
            data = tomllib.loads(text)
        except (tomllib.TOMLDecodeError, RecursionError, MemoryError):
            return "does not parse as TOML"

        def same_toml(new: str) -> bool:
            try:
                return tomllib.loads(new) == data
            except (tomllib.TOMLDecodeError, RecursionError, MemoryError):
                return False

        return same_toml
    return lambda new: True  # a comment line of its own (Makefile, .env, INI, ...)


def _grammar(lower: str) -> str | None:
    if lower.endswith((".ts", ".mts", ".cts")):
        return "typescript"
    if lower.endswith(".tsx"):
        return "tsx"
    if lower.endswith((".js", ".mjs", ".cjs", ".jsx")):
        return "javascript"
    if lower.endswith((".sh", ".bash", ".zsh", ".ksh")):
        return "bash"
    for suffixes, grammar in _OTHER_GRAMMARS:
        if lower.endswith(suffixes):
            return grammar
    return None


_OTHER_GRAMMARS: tuple[tuple[tuple[str, ...], str], ...] = (
    ((".go",), "go"), ((".java",), "java"), ((".kt", ".kts"), "kotlin"), ((".php",), "php"),
    ((".ps1", ".psm1", ".psd1"), "powershell"), ((".cs", ".csx"), "c_sharp"),
    ((".rb", ".rake", "rakefile"), "ruby"),
)


_GRAMMARS = {
    "javascript": ("tree_sitter_javascript", "language"),
    "typescript": ("tree_sitter_typescript", "language_typescript"),
    "tsx": ("tree_sitter_typescript", "language_tsx"),
    "bash": ("tree_sitter_bash", "language"),
    "go": ("tree_sitter_go", "language"),
    "java": ("tree_sitter_java", "language"),
    "kotlin": ("tree_sitter_kotlin", "language"),
    "php": ("tree_sitter_php", "language_php"),
    "powershell": ("tree_sitter_powershell", "language"),
    "c_sharp": ("tree_sitter_c_sharp", "language"),
    "ruby": ("tree_sitter_ruby", "language"),
}


def _tokens(text: str, grammar: str) -> list[tuple[str, bytes | None]] | None:
    """The leaves of ``text``'s syntax tree without comments, or None when it has errors."""
    import importlib

    from tree_sitter import Language, Parser

    module, function = _GRAMMARS[grammar]
    try:
        parser = Parser(Language(getattr(importlib.import_module(module), function)()))
    except (ImportError, AttributeError, ValueError):  # the grammar is not installed
        return None
    tree = parser.parse(text.encode("utf-8", errors="surrogatepass"))
    if tree.root_node.has_error:
        return None
    leaves: list[tuple[str, bytes | None]] = []
    blank_separators = grammar == "powershell"
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        if node.type.endswith("comment"):  # comment, line_comment, block_comment, ...
            continue
        if node.child_count == 0:
            if blank_separators and node.text is not None and not node.text.strip():
                continue  # PowerShell's argument separators: "  # comment" widens one
            leaves.append((node.type, node.text))
        else:
            stack.extend(reversed(node.children))
    return leaves


def _yaml_checker(text: str) -> Callable[[str], bool] | str:
    from scopelint.config.safe_yaml import load_yaml_text

    try:
        data = load_yaml_text(text)
    except Exception:  # ruamel's error family, too many aliases, several documents
        return "cannot be read as one YAML document"

    def same_yaml(new: str) -> bool:
        try:
            changed = load_yaml_text(new)
        except Exception:
            return False
        return _same_data(data, changed, None)

    return same_yaml


def _same_data(old: Any, new: Any, key: object) -> bool:
    """Equal data, except that a CI script (``run:``, ``script:``) may differ by shell comments."""
    if isinstance(old, dict) and isinstance(new, dict):
        return old.keys() == new.keys() and all(_same_data(old[k], new[k], k) for k in old)
    if isinstance(old, list) and isinstance(new, list):
        return len(old) == len(new) and all(_same_data(a, b, key) for a, b in zip(old, new, strict=True))
    if isinstance(old, str) and isinstance(new, str) and old != new and key in _CI_SCRIPT_KEYS:
        tokens = _tokens(old, "bash")
        return tokens is not None and _tokens(new, "bash") == tokens
    return bool(old == new)


def _covered(display: str, text: str, lines: dict[int, set[str]]) -> bool:
    """The scan finds comments in ``text`` that cover every code of ``lines`` on its line."""
    from scopelint.rules.selection import rule_code
    from scopelint.scanning.discovery import DiscoveredFile
    from scopelint.scanning.scan import scan_bytes

    scan = scan_bytes(DiscoveredFile(Path(display), display, explicit=True), text.encode("utf-8"))
    for number, codes in lines.items():
        named: set[str] = set()
        for entry in scan.suppressions:
            if entry.covers_line(number):
                named.update(rule_code(code) or code for code in entry.codes)
        if not codes <= named:
            return False
    return True
