"""The result cache: per-file scans kept between runs, so an unchanged file is not read again.

Where: ``<user cache>/results/<project>/`` (``$SCOPELINT_CACHE_DIR`` or the platform's cache
folder, see :mod:`scopelint.common.user_cache`; ``<project>`` is a digest of the working
directory's absolute path, because a scan's paths are relative to it).  Nothing is written
into the project itself.  ``--no-cache`` or ``SCOPELINT_NO_CACHE=1`` turn it off;
``scopelint clean`` removes it.

What an entry holds: one file's :class:`~scopelint.model.FileScan` (call sites, scope
declarations, suppressions, secrets already redacted, the cross-file summary), keyed by the
file's display path, whether it was named explicitly, its size, modification and
status-change times (nanoseconds) and inode as the fast check (not trusted when the file's
mtime was not older than the start of the run that stored it: git's "racily clean" rule),
a SHA-256 of its bytes (a file touched but not changed is
hashed, not parsed), and the facts the scan took from other files (a Forge manifest above
it, the SDK version its project locks; see :mod:`scopelint.scanning.consulted`), asked again
before the entry is used.  The linker's second pass is kept beside it, keyed by a digest of
the environment the file was linked with.  Every shard carries the scanner key: scopelint's
version and the stamp (size, mtime, ctime, inode) of every file of the installed package and
of its data folder; another key makes every entry a miss.  Scanning reads no
setting, so a configuration change re-runs the rules on cached scans without a rescan.

Cost of a warm run: every shard is read and JSON-decoded once; an entry's scan becomes a
:class:`~scopelint.model.FileScan` only when a lookup uses it, and a file whose size and
stamp match its entry is neither read nor hashed (one ``stat``).  Questions the
facts ask (is there a Forge manifest above this folder?) are answered once per run.

Safety: shards are written with :func:`~scopelint.common.atomic.write_atomic` (concurrent runs
see an old or a new shard, never half of one; the last writer wins); a shard that is not ours
or cannot be read, or an entry whose scan cannot be decoded, is a miss and one warning (and
the shard is written again); only the data classes of :mod:`scopelint.model` are
ever built from a shard (plain JSON; nothing is unpickled).  Size is bounded: at most
:data:`MAX_ENTRIES` entries per shard and :data:`MAX_PROJECTS` projects (the least recently
used go first).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
import zlib
from pathlib import Path
from typing import Any

from scopelint import __version__
from scopelint.common.cache_home import is_racy, no_cache_requested, project_results
from scopelint.model import FileScan, SdkUse
from scopelint.scanning.discovery import DiscoveredFile
from scopelint.scanning.scan import KeyedScan

SHARDS = 64  # one file each; a hook run reads one
MAX_ENTRIES = 4096  # per shard: 262,144 files per project
MAX_PROJECTS = 32
MAGIC = b"scopelint result cache 1\n"
LINK_PLAN = "link-plan.json"  # the files the last whole-project run linked (see link_scans)

# entry: [explicit, size, stamp, digest, facts, scan, linked digest, linked scan, day last used]
# stamp: [mtime_ns, ctime_ns, inode, racy]; racy: the file's mtime was not older than the
# start of the run that stored it (see cache_home.is_racy), so a later edit may keep the same stamp.
_EXPLICIT, _SIZE, _MTIME, _DIGEST, _FACTS, _SCAN, _LINK_KEY, _LINKED, _USED = range(9)
FORMAT = "2"  # of entries; part of the scanner key


def disabled_by_environment() -> bool:
    """``SCOPELINT_NO_CACHE`` set to anything but empty, ``0``, ``false`` or ``no``."""
    return no_cache_requested()


def results_root() -> Path:
    from scopelint.common.user_cache import cache_dir

    return cache_dir() / "results"


def project_folder(cwd: Path) -> Path:
    """The folder holding the cached scans of runs from ``cwd`` (and the hook's replays,
    :mod:`scopelint.cli.hook`)."""
    return Path(project_results(str(cwd)))


def scanner_key() -> str:
    """What every cached scan depends on besides its file (see the module's docstring)."""
    import scopelint
    from scopelint.kb.table import data_dir

    package = Path(scopelint.__file__).parent
    digest = hashlib.sha256(f"{__version__}\0{FORMAT}".encode())
    # All of scopelint's code and data: a scan depends on far more than scanning/ (the
    # knowledge base, hosts, products, Forge tables, config, common helpers), and an editable
    # install or a `git pull` in a dev checkout changes any of them.  ~300 stats, < 1 ms.
    parts: list[str] = []
    for root in (str(package), str(data_dir())):
        _stamps(root, parts)
    digest.update("\n".join(parts).encode("utf-8", "replace"))
    return digest.hexdigest()


def _stamps(folder: str, parts: list[str]) -> None:
    """Append ``path size mtime ctime inode`` of every file under ``folder`` (no
    ``__pycache__``), in a stable order; a folder that cannot be listed adds its name."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        parts.append(folder)
        return
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                if entry.name != "__pycache__":
                    _stamps(entry.path, parts)
                continue
            info = entry.stat()
        except OSError:
            parts.append(entry.path)
            continue
        parts.append(f"{entry.path} {info.st_size} {info.st_mtime_ns} {info.st_ctime_ns} {info.st_ino}")


# -- JSON of scans: only scopelint.model's data classes are ever built from a cache file

_CLASSES: dict[str, type[Any]] = {}
_SCAN_LISTS = tuple(f for f in FileScan.__dataclass_fields__ if f not in ("path", "summary"))


def _classes() -> dict[str, type[Any]]:
    if not _CLASSES:
        from scopelint import model

        # (dataclasses.is_dataclass's own test, without importing dataclasses)
        _CLASSES.update({name: cls for name, cls in vars(model).items() if isinstance(cls, type)
                         and hasattr(cls, "__dataclass_fields__") and cls.__module__ == model.__name__})
    return _CLASSES


def _encode(value: Any) -> Any:
    """Plain JSON; a FileScan with nothing found is ["E", path, summary], a summary ["=",
    the summary]; a data class is ["@", name, field values...], an SdkUse ["S", slot
    values...], a tuple ["(", items...], a list ["[", items...], a set ["{", items...]
    (sorted), a frozenset ["f", items...]."""
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, str):
        return str(value)
    cls = type(value)
    if cls is FileScan:  # most files: nothing found, a summary (plain JSON already) at most
        if not any(getattr(value, f) for f in _SCAN_LISTS):
            return ["E", value.path, value.summary]
        return ["@", "FileScan", *(["=", value.summary] if f == "summary" else _encode(getattr(value, f))
                                   for f in FileScan.__dataclass_fields__)]
    if getattr(cls, "__dataclass_fields__", None) is not None and _classes().get(cls.__name__) is cls:
        return ["@", cls.__name__, *(_encode(getattr(value, f)) for f in cls.__dataclass_fields__)]
    if cls is SdkUse:  # a slotted plain class
        return ["S", *(_encode(getattr(value, name)) for name in SdkUse.__slots__)]
    if isinstance(value, tuple):
        return ["(", *(_encode(item) for item in value)]
    if isinstance(value, list):
        return ["[", *(_encode(item) for item in value)]
    if isinstance(value, (set, frozenset)):
        return ["{" if isinstance(value, set) else "f", *sorted((_encode(i) for i in value), key=repr)]
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        return {key: _encode(item) for key, item in value.items()}
    raise TypeError(f"cannot cache a {cls.__name__}")


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        tag = value[0]
        if tag == "E":
            return FileScan(value[1], summary=value[2] if isinstance(value[2], dict) else None)
        if tag == "=":
            return value[1]
        if tag == "@":
            cls = _classes()[value[1]]  # KeyError for another name: the shard is refused
            return cls(*(_decode(item) for item in value[2:]))
        items = [_decode(item) for item in value[1:]]
        if tag == "S":
            return SdkUse(**dict(zip(SdkUse.__slots__, items, strict=True)))
        if tag == "[":
            return items
        if tag == "(":
            return tuple(items)
        if tag == "{":
            return set(items)
        if tag == "f":
            return frozenset(items)
        raise ValueError(f"unknown tag {tag!r}")
    if isinstance(value, dict):
        return {key: _decode(item) for key, item in value.items()}
    return value


class ScanCache:
    """The cached scans of one project (see the module's docstring); implements
    :class:`scopelint.scanning.parallel.ResultCache`.  Call :meth:`save` at the end of a run."""

    def __init__(self, folder: Path, key: str | None = None) -> None:
        self.folder = folder
        self.key = key if key is not None else scanner_key()
        self.warning: str | None = None  # the first shard that could not be read
        self.hits = 0
        self.misses = 0
        self._shards: dict[int, dict[str, list[Any]]] = {}
        self._dirty: set[int] = set()
        self._plan: dict[str, Any] | None = None  # the link plan to write
        self._now = int(time.time()) // 86400  # days: a warm run the same day writes nothing
        self._answers: dict[tuple[Any, ...], bool] = {}  # facts asked again this run
        self._started_ns = time.time_ns()  # git's "racily clean" rule: see _stamp

    @classmethod
    def for_project(cls, cwd: Path) -> ScanCache:
        return cls(project_folder(cwd))

    # -- shards

    def _index(self, display: str) -> int:
        return zlib.crc32(display.encode("utf-8", "surrogatepass")) % SHARDS

    def _shard_path(self, index: int) -> Path:
        return self.folder / f"shard-{index:02d}.bin"

    def _shard(self, display: str) -> dict[str, list[Any]]:
        index = self._index(display)
        shard = self._shards.get(index)
        if shard is None:
            shard = self._shards[index] = self._read(self._shard_path(index))
        return shard

    def _read(self, path: Path) -> dict[str, list[Any]]:
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except FileNotFoundError:
            return {}
        except OSError as exc:
            self._warn(path, exc.strerror or str(exc))
            return {}
        if not data.startswith(MAGIC):
            self._warn(path, "not a scopelint result cache")
            return {}
        key_end = data.find(b"\n", len(MAGIC))
        if data[len(MAGIC) : key_end].decode("ascii", "replace") != self.key:
            return {}  # another scopelint or other scanners: every entry is stale, silently
        try:
            loaded = json.loads(data[key_end + 1 :])
        except Exception as exc:  # truncated, tampered with: any error is a miss
            self._warn(path, " ".join(str(exc).split())[:100] or type(exc).__name__)
            return {}
        # Scans are decoded when a lookup uses them (see _scan): a warm run over a large tree
        # builds nothing for the files it does not report on.
        if not isinstance(loaded, dict) or not all(
            e.__class__ is list and len(e) == _USED + 1 for e in loaded.values()
        ):
            self._warn(path, "unexpected content")
            return {}
        return loaded

    def _scan(self, display: str, entry: list[Any], slot: int = _SCAN) -> FileScan | None:
        """The scan an entry holds (``slot``: its linked scan), decoded on first use; None
        (and the entry dropped, with one warning) when it is not one of ours."""
        held = entry[slot]
        if held.__class__ is FileScan:
            return held
        try:
            if held.__class__ is list and len(held) == 3 and held[0] == "E":  # most: nothing found
                scan = FileScan(held[1], summary=held[2] if held[2].__class__ is dict else None)
            else:
                scan = _decode(held)
            if scan.__class__ is not FileScan:
                raise ValueError("not a scan")
        except Exception as exc:  # tampered with: a miss, and the shard is written again
            self._warn(self._shard_path(self._index(display)), " ".join(str(exc).split())[:100]
                       or type(exc).__name__)
            self._shard(display).pop(display, None)
            self._dirty.add(self._index(display))
            return None
        entry[slot] = scan
        return scan

    def _warn(self, path: Path, reason: str) -> None:
        if self.warning is None:
            self.warning = f"{path}: unreadable result cache entry ({reason}); scanning again"

    # -- lookups (ResultCache)

    def lookup(self, file: DiscoveredFile) -> FileScan | str | None:
        display = file.display
        entry = self._shard(display).get(display)
        if entry is None or entry[_EXPLICIT] != file.explicit:
            self.misses += 1
            return None
        taken = file.stat  # (size, mtime, ctime, inode) when the walk took it
        if taken is None:
            try:
                info = os.stat(file.fspath)
            except OSError:
                self.misses += 1
                return None
            taken = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
        if (entry[_FACTS] and not _facts_hold(entry[_FACTS], self._answers)) or (
            self._scan(display, entry) is None  # the digest too is worth nothing then
        ):
            self.misses += 1
            return None
        stamp = entry[_MTIME]
        if (taken[0] == entry[_SIZE] and stamp.__class__ is list and len(stamp) == 4
                and stamp[3] is False and stamp[0] == taken[1]
                and stamp[1] == taken[2] and stamp[2] == taken[3]):
            self.hits += 1
            if entry[_USED] != self._now:
                self._use(display, entry)
            return entry[_SCAN]  # type: ignore[no-any-return]
        self.misses += 1
        return entry[_DIGEST]  # type: ignore[no-any-return]

    def store(self, file: DiscoveredFile, keyed: KeyedScan) -> FileScan:
        shard = self._shard(file.display)
        if keyed.scan is None:  # touched, same bytes: the cached scan stands
            entry = shard[file.display]
            stamp = self._stamp(keyed)
            if entry[_SIZE] != keyed.size or entry[_MTIME] != stamp:  # written only when new
                entry[_SIZE], entry[_MTIME] = keyed.size, stamp
                self._dirty.add(self._index(file.display))
            self._use(file.display, entry)
            return entry[_SCAN]  # type: ignore[no-any-return]
        if not keyed.digest:
            shard.pop(file.display, None)
            return keyed.scan
        facts = [list(fact) for fact in keyed.facts]
        shard[file.display] = [file.explicit, keyed.size, self._stamp(keyed), keyed.digest, facts,
                               keyed.scan, None, None, self._now]
        self._dirty.add(self._index(file.display))
        return keyed.scan

    def _stamp(self, keyed: KeyedScan) -> list[Any]:
        """What the fast check compares (size aside): a file whose mtime is not older than
        this run's start (see is_racy) may change again within the same timestamp, so its
        entry is marked racy and its bytes are hashed by every run until one stores it old."""
        racy = is_racy(keyed.mtime_ns, self._started_ns)
        return [keyed.mtime_ns, keyed.ctime_ns, keyed.inode, racy]

    def linked(self, file: DiscoveredFile, environment: str) -> FileScan | None:
        entry = self._shard(file.display).get(file.display)
        if entry is not None and entry[_LINK_KEY] == environment and entry[_LINKED] is not None:
            return self._scan(file.display, entry, _LINKED)
        return None

    def store_linked(self, file: DiscoveredFile, environment: str, scan: FileScan) -> None:
        entry = self._shard(file.display).get(file.display)
        if entry is not None:
            entry[_LINK_KEY], entry[_LINKED] = environment, scan
            self._dirty.add(self._index(file.display))

    def link_plan(self, summaries: str) -> list[tuple[str, str]] | None:
        try:
            data = json.loads((self.folder / LINK_PLAN).read_bytes())
            if data["key"] != self.key or data["summaries"] != summaries:
                return None
            from scopelint.scanning.linking.stamps import still_hold

            if not still_hold(data["consulted"]):
                return None  # a module, tsconfig, package.json, go.mod... changed
            return [(str(display), str(environment)) for display, environment in data["plan"]]
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def store_link_plan(self, summaries: str, plan: list[tuple[str, str]],
                        consulted: list[list[object]] | None = None) -> None:
        consulted = consulted if consulted is not None else []
        if self.link_plan(summaries) == plan and self._stored_consulted() == consulted:
            return
        self._plan = {"key": self.key, "summaries": summaries, "plan": [list(item) for item in plan],
                      "consulted": consulted}

    def _stored_consulted(self) -> Any:
        try:
            return json.loads((self.folder / LINK_PLAN).read_bytes())["consulted"]
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _use(self, display: str, entry: list[Any]) -> None:
        if entry[_USED] != self._now:
            entry[_USED] = self._now
            self._dirty.add(self._index(display))

    # -- writing

    def save(self) -> None:
        """Write the shards this run changed; errors are ignored (a cache only saves time)."""
        if self._plan is None and not self._dirty:
            return  # the usual warm run: nothing to write (nor to import for writing)
        from scopelint.common.atomic import write_atomic
        from scopelint.common.cache_home import mark_cache_folder

        if self.folder.parent == results_root():  # <cache>/results/<project>: mark <cache>
            mark_cache_folder(str(self.folder.parent.parent))
        if self._plan is not None:
            with contextlib.suppress(OSError):
                write_atomic(self.folder / LINK_PLAN, json.dumps(self._plan), make_parents=True)
            self._plan = None
        if not self._dirty:
            return

        header = MAGIC + self.key.encode("ascii") + b"\n"
        for index in sorted(self._dirty):
            shard = self._shards[index]
            if len(shard) > MAX_ENTRIES:  # evict the least recently used
                keep = sorted(shard.items(), key=lambda item: item[1][_USED], reverse=True)[:MAX_ENTRIES]
                shard = dict(keep)
            try:
                body = json.dumps(
                    {display: [*entry[:_SCAN], _stored(entry[_SCAN]), entry[_LINK_KEY],
                               None if entry[_LINKED] is None else _stored(entry[_LINKED]), entry[_USED]]
                     for display, entry in shard.items()}, separators=(",", ":"),
                ).encode("utf-8", "surrogatepass")
            except (TypeError, ValueError):
                continue
            with contextlib.suppress(OSError):
                write_atomic(self._shard_path(index), header + body, make_parents=True)
        self._dirty.clear()
        _prune_projects(self.folder)


def _stored(scan: Any) -> Any:
    """A scan as a shard holds it (one never decoded this run is still in that form)."""
    return _encode(scan) if scan.__class__ is FileScan else scan


def _facts_hold(facts: list[Any], answers: dict[tuple[Any, ...], bool] | None = None) -> bool:
    """Whether every fact still holds; ``answers`` remembers each fact's answer for a run
    (thousands of files ask about the same few folders)."""
    if not facts:
        return True
    try:
        for fact in facts:
            if not isinstance(fact, list):
                return False
            question = tuple(fact)
            answer = answers.get(question) if answers is not None else None
            if answer is None:
                answer = _still_true(question)
                if answers is not None:
                    answers[question] = answer
            if not answer:
                return False
        return True
    except Exception:
        return False


def _still_true(fact: tuple[Any, ...]) -> bool:
    """Does asking ``fact``'s question again give the same answer?"""
    kind = fact[0]
    if kind == "forge" and isinstance(fact[1], str):
        from scopelint.scanning.forge_context import forge_app_folder

        return forge_app_folder(fact[1]) is fact[2]
    if kind == "sdk" and len(fact) == 6 and isinstance(fact[1], str):
        from scopelint.scanning.dependencies import detect_version

        folder, ecosystem, package = fact[1], str(fact[2]), str(fact[3])
        found = detect_version(Path(folder), ecosystem, package)  # type: ignore[arg-type]
        return (found.version, found.spec) == (fact[4], fact[5])
    return False


def _prune_projects(current: Path) -> None:
    """Keep the :data:`MAX_PROJECTS` most recently written project folders.  Pruning only
    saves space: whatever goes wrong here never fails a run."""
    try:
        os.utime(current)
        root = current.parent
        folders = [entry for entry in os.scandir(root) if entry.is_dir(follow_symlinks=False)]
        if len(folders) <= MAX_PROJECTS:
            return
        folders.sort(key=lambda entry: entry.stat(follow_symlinks=False).st_mtime, reverse=True)
        import shutil  # (with bz2 and lzma, ~3 ms: only when a project is pruned)

        for stale in folders[MAX_PROJECTS:]:
            if os.path.abspath(stale.path) != os.path.abspath(current):
                shutil.rmtree(stale.path, ignore_errors=True)
    except Exception:
        return


def clean(cwd: Path, everything: bool = False) -> Path | None:
    """Remove the cached scans of ``cwd``'s project (``everything``: of every project).
    Returns the folder removed, or None when there was none.  Raises OSError."""
    folder = results_root() if everything else project_folder(cwd)
    if not folder.exists():
        return None
    import shutil

    shutil.rmtree(folder)
    return folder
