"""The console entry point: a pre-commit run that a previous run already answered is replayed.

A pre-commit hook runs ``scopelint check [options] FILE...`` on every commit, and most of its
time was Python importing click, the model and the rules (see bench/README.md).  This module
imports only ``os`` and ``sys`` (already loaded by the interpreter) and tries one thing
before loading the real CLI:

**Replay.**  When the command line has the hook's shape (:func:`hook_paths`), the result cache
of the working directory may hold a *replay entry* for exactly this invocation: the bytes the
full run wrote to stdout and stderr (in order) and its exit code, with a stamp (mode, inode,
device, size, modification and change times in nanoseconds, or the ``errno`` of a missing
path) of every path that run consulted: every file it opened for reading, every path it
stat'ed (a configuration looked for and not found, a declaration above the file, a module
the linker resolved, the result cache's shard, the table), every folder it listed, and every
module file it ran.  If each stamp is unchanged the entry is written out and the process
exits with its code: the rules need not run, and nothing is formatted a second time (the
bytes are the real reporter's).  Anything else, including a missing, foreign or corrupt entry
(silently: a warning would make the output differ from the full run's), runs the full CLI,
which records a new entry (:mod:`scopelint.cli.hook_record`).  An entry is read only when it
is a regular file (not through a link, not a FIFO) of at most :data:`MAX_ENTRY` bytes whose
body matches the SHA-256 stored in it, so a damaged or hand-edited entry is a miss too.

An entry is keyed by scopelint's version, the interpreter, the working directory, the whole
command line, whether stdout and stderr are terminals, and the environment variables
scopelint, click or Python read (a SHA-256 of them; no value is stored).  Only runs that end
with exit 0 or 1, read no standard input, start no worker process, are not shown a
progress line and wrote all their output (no broken pipe, no full disk) are recorded;
``--no-cache`` and ``SCOPELINT_NO_CACHE=1`` turn replay off, and ``scopelint clean``
removes the entries with the result cache.
"""

import os
import sys

from scopelint.common.cache_home import no_cache_requested, project_results, sha256_hex

MAGIC = "scopelint hook replay 2"
MAX_ENTRY = 32 << 20  # bytes: a larger entry (32 MiB of output) is neither written nor read
MAX_REPLAYS = 64  # entries kept per project (the least recently written go first)
PREFIX = "hook-"

# `check` options a hook passes that neither read standard input, write files, run git nor
# print timings: flags, then options taking a value (`--select X` or `--select=X`)
FLAGS = frozenset({
    "--force-exclude", "-q", "--quiet", "-s", "--silent", "--exit-zero", "--isolated",
    "--statistics", "--show-fixes",
})
VALUED = frozenset({
    "--select", "--ignore", "--format", "--output-format", "--config", "--exclude", "--scopes",
    "--color",
})
# what scopelint, click and the interpreter read from the environment (values only hashed)
ENV_PREFIXES = ("SCOPELINT_", "PYTHON", "LC_", "CLICK_", "JIRA", "CONFLUENCE", "ATLASSIAN", "BITBUCKET")
ENV_NAMES = frozenset({
    "NO_COLOR", "FORCE_COLOR", "TERM", "CI", "HOME", "XDG_CACHE_HOME", "LANG", "LANGUAGE", "COLUMNS",
})

# streams of a recorded chunk: text to stdout, text to stderr, bytes to stdout, bytes to stderr
OUT, ERR, OUT_BYTES, ERR_BYTES = range(4)

def main(argv: list[str] | None = None) -> int:
    """``scopelint``: replay a recorded hook run, or run (and record) the full CLI."""
    args = sys.argv[1:] if argv is None else list(argv)
    entry = replay_entry(args)
    if entry is not None:
        code = replay(*entry)
        if code is not None:
            sys.exit(code)
        from scopelint.cli.hook_record import record

        return record(args, *entry)
    from scopelint.cli.fast import main as full  # (click only when the options need it)

    result: int = full(args)
    return result


def hook_paths(args: list[str]) -> list[str] | None:
    """The files of a ``check`` command line in the hook's shape (only :data:`FLAGS`,
    :data:`VALUED` and file paths, at least one, none of them ``-``), else None."""
    if not args or args[0] != "check":
        return None
    paths: list[str] = []
    rest = iter(args[1:])
    for arg in rest:
        if arg == "--":
            paths.extend(rest)
            break
        if arg.startswith("-") and arg != "-":
            if arg in FLAGS:
                continue
            if arg in VALUED:
                if next(rest, None) is None:
                    return None
                continue
            if arg.partition("=")[0] in VALUED and "=" in arg:
                continue
            return None
        paths.append(arg)
    if not paths or any(path in ("-", "") for path in paths):
        return None
    return paths


def replay_entry(args: list[str]) -> tuple[str, str] | None:
    """(the replay entry's file, the invocation's key digest) when this run may be replayed
    or recorded, else None."""
    paths = hook_paths(args)
    if paths is None or no_cache_requested():
        return None
    if sys.stdout is None or sys.stderr is None:
        return None
    try:
        terminals = (sys.stdout.isatty(), sys.stderr.isatty())
        cwd = os.getcwd()
    except (AttributeError, ValueError, OSError):
        return None
    if terminals[1]:  # a progress line may be drawn there
        return None
    if any(os.path.isdir(path) for path in paths):  # a tree: not the hook's shape
        return None
    from scopelint import __version__

    env = sorted(f"{name}={value}" for name, value in os.environ.items()
                 if name in ENV_NAMES or name.startswith(ENV_PREFIXES))
    parts = [MAGIC, __version__, sys.version, sys.executable, cwd, repr(terminals), *args, "\0", *env]
    digest = sha256_hex("\0".join(parts).encode("utf-8", "surrogatepass"))
    return os.path.join(project_results(cwd), PREFIX + digest[:32]), digest


# bound once: a run being recorded (scopelint.cli.hook_record) does not see its own stamping
_STAT, _LSTAT = os.stat, os.lstat


def stamp(kind: str, path: str | bytes) -> str:
    """What a path looks like now, for ``kind`` "s" (stat'ed), "l" (lstat'ed: a symbolic
    link is not followed) or "d" (listed): its mode, inode, device, size, modification and
    change times (nanoseconds), or ``e`` and the ``errno`` of why it cannot be stat'ed.  A
    folder stat'ed or lstat'ed, not listed, is only its mode, inode and device: whether it is
    there (and the same folder), not what it holds, which changes with every file made beside it."""
    try:
        info = _LSTAT(path) if kind == "l" else _STAT(path)
    except OSError as exc:
        return f"e{exc.errno}"
    if kind != "d" and info.st_mode & 0o170000 == 0o040000:
        return f"{info.st_mode},{info.st_ino},{info.st_dev}"
    return (f"{info.st_mode},{info.st_ino},{info.st_dev},{info.st_size},{info.st_mtime_ns},"
            f"{info.st_ctime_ns}")


# An entry, in ASCII lines but for the output it holds:
#   MAGIC / the key's digest / the SHA-256 (hex) of the rest of the entry (its body) / the exit
#   code / the number of stamps, then a line per stamp: "<kind> <stamp> <the path's bytes in
#   hex>" / the number of chunks, then per chunk a line "<stream> <length>" and that many bytes
#   (text as UTF-8, lone surrogates kept).
def encode_entry(digest: str, stamps: dict[tuple[str, str], str], chunks: list[tuple[int, str | bytes]],
                 code: int) -> bytes:
    lines = [str(code), str(len(stamps))]
    lines += [f"{kind} {seen} {os.fsencode(path).hex()}" for (kind, path), seen in stamps.items()]
    lines.append(str(len(chunks)))
    parts = ["\n".join(lines).encode("ascii") + b"\n"]
    for where, text in chunks:
        data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
        parts += [f"{where} {len(data)}\n".encode("ascii"), data]
    body = b"".join(parts)
    return f"{MAGIC}\n{digest}\n{sha256_hex(body)}\n".encode("ascii") + body


def decode_entry(
    data: bytes, digest: str
) -> tuple[int, list[tuple[str, str, bytes]], list[tuple[int, bytes]]]:
    """(exit code, stamps as (kind, stamp, path), chunks as (stream, bytes)) of an entry made
    by :func:`encode_entry` for ``digest``; ValueError (or IndexError) for anything else,
    including an entry whose body is not the one its digest names (damaged, or edited)."""
    magic, key, check, body = data.split(b"\n", 3)
    if magic.decode("ascii") != MAGIC or key.decode("ascii") != digest:
        raise ValueError("another entry")
    if check.decode("ascii") != sha256_hex(body):
        raise ValueError("damaged")
    head = body.split(b"\n", 2)
    code, count = int(head[0]), int(head[1])
    rows = head[2].split(b"\n", count + 1)
    stamps = []
    for row in rows[:count]:
        kind, seen, path = row.decode("ascii").split(" ")
        stamps.append((kind, seen, bytes.fromhex(path)))
    rest = rows[count + 1]
    chunks = []
    position = 0
    for _ in range(int(rows[count])):
        end = rest.index(b"\n", position)
        where, length = (int(part) for part in rest[position:end].split(b" "))
        position = end + 1 + length
        if where not in (OUT, ERR, OUT_BYTES, ERR_BYTES) or position > len(rest):
            raise ValueError("truncated")
        chunks.append((where, rest[end + 1 : position]))
    if position != len(rest) or code not in (0, 1):
        raise ValueError("trailing bytes")
    return code, stamps, chunks


def read_entry(entry_path: str) -> bytes:
    """The bytes of the replay entry at ``entry_path``, read only when it is a regular file
    of at most :data:`MAX_ENTRY` bytes: not through a symbolic link (``O_NOFOLLOW``), and
    without waiting on a FIFO (``O_NONBLOCK``, then ``fstat``).  OSError or ValueError
    otherwise (a miss)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    descriptor = os.open(entry_path, flags)
    try:
        info = os.fstat(descriptor)
        if info.st_mode & 0o170000 != 0o100000 or info.st_size > MAX_ENTRY:
            raise ValueError("not a regular file, or too large")
        parts = []
        left = info.st_size
        while left > 0:
            part = os.read(descriptor, left)
            if not part:
                break
            parts.append(part)
            left -= len(part)
        return b"".join(parts)
    finally:
        os.close(descriptor)


def replay(entry_path: str, digest: str) -> int | None:
    """Write the recorded output and return the exit code, or None when the entry is missing,
    not this invocation's, unreadable, or any path it consulted changed."""
    try:
        code, stamps, chunks = decode_entry(read_entry(entry_path), digest)
        for kind, seen, path in stamps:
            if stamp(kind, path) != seen:
                return None
        texts = [(where, data.decode("utf-8", "surrogatepass") if where in (OUT, ERR) else data)
                 for where, data in chunks]
    except Exception:  # missing, truncated, foreign: run the full CLI
        return None
    streams = (sys.stdout, sys.stderr)
    where = OUT
    try:
        for where, text in texts:
            stream = streams[where % 2]
            if isinstance(text, str):
                stream.write(text)
            else:
                stream.flush()
                stream.buffer.write(text)
            stream.flush()
    except OSError as exc:  # as the full CLI (scopelint.cli.hook_record.guard_output)
        return output_failed(where % 2, exc)
    return code


def output_failed(where: int, exc: OSError) -> int:
    """The exit code of a run whose write to stdout (``where`` 0) or stderr (1) failed with
    ``exc``: 0 when the reader went away (a broken pipe, as ``... | head`` makes: not an error),
    else 2 after one line on stderr (``scopelint: error: cannot write to standard output: No
    space left on device``) when stderr still works.  What is still buffered for the failed
    stream is dropped (its descriptor now writes to the null device), so the interpreter's
    last flush adds no traceback."""
    stream = (sys.stdout, sys.stderr)[where]
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, stream.fileno())
        finally:
            os.close(null)
    except (AttributeError, ValueError, OSError):
        pass
    if isinstance(exc, BrokenPipeError):
        return 0
    if where == OUT:
        try:
            sys.stderr.write(f"scopelint: error: cannot write to standard output: {exc.strerror or exc}\n")
            sys.stderr.flush()
        except (AttributeError, ValueError, OSError):
            pass
    return 2
