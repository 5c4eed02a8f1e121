"""Read one file and run every extractor that applies to it; never let one file stop a run."""

from __future__ import annotations

import os
import stat
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from scopelint.common.records import dataclass, field
from scopelint.common.redact import scrub
from scopelint.kb.scope_names import SCOPE_MARKER_BYTES
from scopelint.model import FileScan
from scopelint.scanning.core.markers import Markers
from scopelint.scanning.discovery import DiscoveredFile
from scopelint.scanning.registry import (
    DECLARATION_EXTRACTORS,
    DECLARATION_FILENAMES,
    TEXT_EXTRACTOR,
    ExtractorSpec,
    load,
    specs_for,
)
from scopelint.scanning.source import SourceFile, decode
from scopelint.scanning.urls import INTERESTING_BYTES

if TYPE_CHECKING:
    from scopelint.scanning.consulted import Fact
    from scopelint.scanning.core.environment import Environment, FileSummary

MAX_PARSE_BYTES = 2 * 1024 * 1024  # larger files get the text-level checks only
MAX_READ_BYTES = 64 * 1024 * 1024  # larger files are skipped
BINARY_SNIFF = 8192
FORGE_CODE_EXTRACTORS = frozenset({"javascript"})  # the languages Forge apps are written in


def read_bytes(file: DiscoveredFile) -> tuple[bytes | None, str | None]:
    """(content, None) or (None, warning). Refuses FIFOs and devices without opening them."""
    try:
        info = os.stat(file.path)
    except OSError as exc:
        return None, f"{file.display}: cannot read ({exc.strerror or exc}); skipped"
    if not stat.S_ISREG(info.st_mode):
        return None, f"{file.display}: not a regular file; skipped"
    if info.st_size > MAX_READ_BYTES:
        return None, f"{file.display}: larger than {MAX_READ_BYTES // 2**20} MiB; skipped"
    try:
        with open(file.path, "rb") as handle:
            return handle.read(), None
    except OSError as exc:
        return None, f"{file.display}: cannot read ({exc.strerror or exc}); skipped"


def is_binary(data: bytes) -> bool:
    head = data[:BINARY_SNIFF]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 with a BOM
    return b"\x00" in head


# what a file must hold to be worth more than its imports: a URL marker, a token, a scope
# declaration (read:jira-work)
_MARKERS = Markers(INTERESTING_BYTES + SCOPE_MARKER_BYTES)


def _interesting(data: bytes) -> bool:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16: markers are not ASCII bytes there
        data = decode(data).encode("utf-8", errors="replace")
    return _MARKERS.any_in(data)


def _forge_code(file: DiscoveredFile, data: bytes, specs: list[ExtractorSpec]) -> bool:
    """JavaScript/TypeScript of a Forge app that may use a platform feature (issue #21)."""
    if not any(spec.name in FORGE_CODE_EXTRACTORS for spec in specs):
        return False
    from scopelint.scanning.consulted import note
    from scopelint.scanning.forge_context import FORGE_CODE_MARKERS, forge_app_folder

    if not any(marker in data for marker in FORGE_CODE_MARKERS):
        return False
    folder = os.path.dirname(os.path.abspath(file.path))
    answer = forge_app_folder(folder)
    note(("forge", folder, answer))
    return answer


def scan_file(file: DiscoveredFile, environment: Environment | None = None) -> FileScan:
    data, problem = read_bytes(file)
    if data is None:
        return unread(file, problem)
    return scan_bytes(file, data, environment)


def unread(file: DiscoveredFile, problem: str | None) -> FileScan:
    """The scan of a file :func:`read_bytes` refused: not checked, its warning the reason."""
    scan = FileScan(file.display)
    if problem:
        scan.warnings.append(problem)
        reason = problem[len(file.display) + 2:] if problem.startswith(file.display + ": ") else problem
        scan.skipped = reason.removesuffix("; skipped")
    else:
        scan.skipped = "not read"
    return scan


@dataclass(slots=True)
class KeyedScan:
    """A scan with what a result cache keys it by: the file's size, modification and
    status-change times (nanoseconds) and inode when it was read, a SHA-256 of its bytes
    (hex) and the facts the scan took from other files.  ``scan`` is None when the bytes
    hashed to ``expected``: the cached scan still holds.  ``digest`` is empty when the file
    could not be read."""

    scan: FileScan | None
    size: int = 0
    mtime_ns: int = 0
    digest: str = ""
    facts: list[Fact] = field(default_factory=list)
    ctime_ns: int = 0
    inode: int = 0


def scan_file_keyed(file: DiscoveredFile, expected: str | None = None) -> KeyedScan:
    """:func:`scan_file`, keyed for a result cache (see :class:`KeyedScan`)."""
    import hashlib

    from scopelint.scanning.consulted import recording

    try:
        info = os.stat(file.path)
    except OSError:
        return KeyedScan(scan_file(file))
    data, problem = read_bytes(file)
    if data is None:
        return KeyedScan(unread(file, problem))
    digest = hashlib.sha256(data).hexdigest()
    if digest == expected:
        return KeyedScan(None, info.st_size, info.st_mtime_ns, digest, [], info.st_ctime_ns, info.st_ino)
    with recording() as facts:
        scan = scan_bytes(file, data)
    return KeyedScan(scan, info.st_size, info.st_mtime_ns, digest, list(facts), info.st_ctime_ns,
                     info.st_ino)


def scan_bytes(file: DiscoveredFile, data: bytes, environment: Environment | None = None) -> FileScan:
    """Everything the extractors of ``file`` find in ``data``.  With ``environment`` (the
    linker's second pass) a programming-language file is parsed even when nothing in it
    looks Atlassian: what it imports may be."""
    result = FileScan(file.display)
    if not data:
        return result
    if is_binary(data):
        if file.explicit:
            result.warnings.append(f"{file.display}: binary file; skipped")
        result.skipped = "binary file"
        return result
    specs = specs_for(file.display, data[:256])  # (a string: no PurePosixPath per file)
    is_declaration = any(spec.name in DECLARATION_EXTRACTORS for spec in specs)
    forge_app = _forge_code(file, data, specs)
    if not is_declaration and not forge_app and environment is None and not _interesting(data):
        linking = next((spec for spec in specs if spec.links), None)
        if linking is not None and len(data) <= MAX_PARSE_BYTES:
            from scopelint.scanning.linking.sniff import sniff

            result.summary = sniff(linking.name, file.display, data).to_json()
        return result
    source = SourceFile(path=file.path, display=file.display, text=decode(data), forge_app=forge_app)
    structured_ok = False
    if len(data) > MAX_PARSE_BYTES:
        if specs:
            result.warnings.append(
                f"{file.display}: larger than {MAX_PARSE_BYTES // 2**20} MiB; only text-level checks ran"
            )
        specs = []
    for spec in specs:
        scan = _run(spec, source, environment if spec.links else None)
        _merge(result, scan)
        if scan.summary is not None:
            result.summary = scan.summary
        elif spec.links and environment is None and not scan.warnings:
            # an extractor that did not parse the file (its own prefilter): the imports
            from scopelint.scanning.linking.sniff import sniff

            result.summary = sniff(spec.name, file.display, data).to_json()
        if not scan.warnings and spec.name not in DECLARATION_EXTRACTORS:
            structured_ok = True
    text_scan = _run(TEXT_EXTRACTOR, source)
    _merge(result, text_scan)
    if not structured_ok:
        fallback = _fallback_urls(source, has_structured=bool(specs))
        # A parser that warns ("syntax errors; results may be incomplete") may still have
        # found the calls on some lines: the text-level URL on such a line is the same call
        # seen again (one column to the right of the quote), not a second one.
        covered = {call.location.line for call in result.calls}
        fallback.calls = [call for call in fallback.calls if call.location.line not in covered]
        _merge(result, fallback)
    return result


def _run(spec: ExtractorSpec, source: SourceFile, environment: Environment | None = None,
         force: bool = False) -> FileScan:
    try:
        with warnings.catch_warnings():  # a parser's own warnings (ruamel: duplicate anchor)
            warnings.simplefilter("ignore")  # about the scanned file would print unasked
            extract = load(spec.module)
            if environment is None and not force:
                scan = extract(source)
            else:
                scan = extract(source, environment=environment, force=force)
        # one line each, whatever a parser's error message held (new lines, a token)
        scan.warnings = [scrub(" ".join(line.split())) for line in scan.warnings]
        return scan
    except RecursionError:
        from scopelint.scanning.source import refuse_too_deep

        scan = FileScan(source.display)
        refuse_too_deep(scan)
        return scan
    except Exception as exc:  # an extractor bug must not stop the run
        reason = " ".join(str(exc).split())[:120] or type(exc).__name__
        return _failed(source, f"internal error in the {spec.name} extractor ({reason})")


def summarise_path(path: Path, display: str) -> FileSummary | None:
    """The summary of a module the run was not given (the linker reads it on demand): parsed
    whatever it holds; None when it cannot be read or parsed."""
    from scopelint.scanning.core.environment import FileSummary

    file = DiscoveredFile(path, display, explicit=False)
    data, _problem = read_bytes(file)
    if data is None or is_binary(data) or len(data) > MAX_PARSE_BYTES:
        return None
    spec = next((s for s in specs_for(PurePosixPath(display)) if s.links), None)
    if spec is None:
        return None
    source = SourceFile(path=path, display=display, text=decode(data))
    scan = _run(spec, source, force=True)
    return FileSummary.from_json(scan.summary, display) if scan.summary is not None else None


def _failed(source: SourceFile, reason: str) -> FileScan:
    scan = FileScan(source.display)
    scan.warnings.append(f"{source.display}: {reason}; only text-level checks ran")
    return scan


def _fallback_urls(source: SourceFile, has_structured: bool) -> FileScan:
    scan = FileScan(source.display)
    try:
        from scopelint.scanning.formats.data_files import is_data_file
        from scopelint.scanning.formats.text import extract_urls

        if is_data_file(source.display, source.text):
            return scan  # exports, logs, reports: records of requests, never requests

        scan.calls.extend(extract_urls(source))
    except Exception as exc:
        reason = " ".join(str(exc).split())[:120] or type(exc).__name__
        scan.warnings.append(f"{source.display}: internal error in the text extractor ({reason})")
    return scan


def _merge(into: FileScan, other: FileScan) -> None:
    into.calls.extend(other.calls)
    into.declarations.extend(other.declarations)
    into.secrets.extend(other.secrets)
    into.suppressions.extend(other.suppressions)
    into.warnings.extend(other.warnings)
    into.unreadable.extend(other.unreadable)
    into.platform_uses.extend(other.platform_uses)
    into.forge_apps.extend(other.forge_apps)
    into.skipped = into.skipped or other.skipped


def _folder(path: str) -> str:
    """``os.path.dirname`` (a slice where that is the same: this runs for every file of a tree)."""
    cut = path.rfind(os.sep)
    head = path[:cut]
    if cut <= 0 or os.altsep or head.endswith(os.sep):
        return os.path.dirname(path)
    return head


def _path_order(path: str) -> tuple[str, ...]:
    return tuple(path.split(os.sep))  # the order of Path objects: component by component


def governing_declaration_files(
    scanned: Iterable[DiscoveredFile], top: Path, cwd: Path
) -> Iterator[DiscoveredFile]:
    """Declaration files above the scanned files (up to ``top``) that were not scanned.

    pre-commit passes only the changed files; the manifest or config that governs them must
    still be read, or every call would look undeclared.
    """
    from scopelint.scanning.discovery import display_path

    # strings, not Path objects: a whole-tree run passes every file of the tree
    scanned_paths = {f.fspath for f in scanned}
    directories = sorted({_folder(path) for path in scanned_paths}, key=_path_order)
    last = str(top)
    checked: set[str] = set()
    for directory in directories:
        current = directory
        while True:
            if current in checked:
                break
            checked.add(current)
            for name in DECLARATION_FILENAMES:
                candidate = os.path.join(current, name)
                if (candidate not in scanned_paths and os.path.isfile(candidate)
                        and not os.path.islink(candidate)):
                    yield DiscoveredFile(candidate, display_path(Path(candidate), cwd), explicit=False)
            parent = os.path.dirname(current)
            if current == last or parent == current or os.path.exists(os.path.join(current, ".git")):
                break
            current = parent

