"""`scopelint kb update`: download Atlassian's current documents and build a newer table.

The table goes to the user's cache folder (:func:`scopelint.kb.table.cached_table_path`),
written atomically, and only after every document downloaded, parsed, compiled and passed
the sanity checks: a failure anywhere leaves the previous table in place.  ``load_default``
then prefers the cached table while it is newer than the embedded one.

With ``only``, just those documents are fetched; the rest of the table in use is kept.  The
history of dropped operations and the curated data always carry over from the table in use
(:mod:`scopelint.kb.merge`), and an operation a downloaded document no longer has is kept as
dropped, last seen in the version the table in use had.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scopelint.errors import DocumentError, ScopelintError


def _published_urls() -> dict[str, str]:
    """The table's document key -> where Atlassian publishes it (from the build list)."""
    from scopelint.kb.sources import default_build_list

    return {doc.key: doc.url for doc in default_build_list(validate=False).documents if doc.url}


# Where Atlassian publishes each document (the table's document key -> URL).
DOCUMENT_URLS: dict[str, str] = _published_urls()


def expected_product(key: str) -> str | None:
    """The product the embedded table says document ``key`` describes (a mirror serving the
    wrong file is refused)."""
    from scopelint.kb.table import data_dir, load_table

    embedded = load_table(data_dir() / "table.json", origin="embedded")
    return next((d.product for d in embedded.current_documents if d.key == key), None)


DOWNLOAD_TIMEOUT = 60.0

Fetch = Callable[[str, float], bytes]
Progress = Callable[[str, str], None]


@dataclass(slots=True)
class UpdateResult:
    path: Path  # where the table was written
    built: str
    documents: list[str]  # keys downloaded
    operations: int  # in the whole new table
    diff: Any  # scopelint.kb.diff.KbDiff against the embedded table
    embedded_built: str
    warnings: list[str] = field(default_factory=list)


def document_urls(base_url: str | None = None, only: Sequence[str] = ()) -> dict[str, str]:
    """key -> URL to fetch; ``base_url`` (a mirror) serves ``<base_url>/<key>.json``."""
    unknown = [key for key in only if key not in DOCUMENT_URLS]
    if unknown:
        raise ScopelintError(
            f"unknown document {unknown[0]!r} (known: {', '.join(DOCUMENT_URLS)})"
        )
    keys = [key for key in DOCUMENT_URLS if not only or key in only]
    if base_url is None:
        return {key: DOCUMENT_URLS[key] for key in keys}
    base = base_url.rstrip("/")
    if not base.startswith(("http://", "https://")):
        raise ScopelintError(f"--base-url {base_url!r}: an http(s) URL is expected")
    return {key: f"{base}/{key}.json" for key in keys}


def _default_fetch(url: str, timeout: float) -> bytes:
    from scopelint.kb.download import fetch_bytes

    return fetch_bytes(url, timeout=timeout)


def download_documents(
    urls: dict[str, str], fetch: Fetch, timeout: float, progress: Progress | None = None
) -> dict[str, bytes]:
    """Every document's bytes, after checking each is an OpenAPI 3 document."""
    from scopelint.kb.openapi_loader import parse_document

    documents: dict[str, bytes] = {}
    for key, url in urls.items():
        if progress:
            progress(key, url)
        raw = fetch(url, timeout)
        parse_document(raw, url)  # one-line DocumentError naming the URL when it is not
        documents[key] = raw
    return documents


def _build(
    documents: dict[str, bytes], urls: dict[str, str], validate: bool
) -> tuple[dict[str, Any], list[str]]:
    """Compile the downloaded documents (named by their key, as the table needs)."""
    from scopelint.kb.build import build_table

    with tempfile.TemporaryDirectory(prefix="scopelint-update-") as folder:
        paths: dict[str, str] = {}
        for key, raw in documents.items():
            path = Path(folder) / f"{key}.json"
            path.write_bytes(raw)
            paths[key] = str(path)

        def named(text: str) -> str:
            for key, path in paths.items():
                text = text.replace(path, urls[key])
            return text

        try:
            result = build_table(list(paths.values()), validate=validate)
        except DocumentError as exc:
            raise DocumentError(named(str(exc))) from None
    table = result.table
    for entry in table["documents"]:
        key = entry["key"]
        entry["source"] = urls[key]
        entry["date"] = str(table["built"])[:10]  # the day this copy was downloaded
        expected = expected_product(key)
        if expected is not None and entry["product"] != expected:
            raise DocumentError(
                f"{urls[key]}: describes {entry['product']}, not {expected} ({key} expected)"
            )
        if entry["operations"] == 0:
            raise DocumentError(f"{urls[key]}: has no operations")
    return table, [named(line) for line in result.warnings]


def update_table(
    base_url: str | None = None,
    only: Sequence[str] = (),
    timeout: float = DOWNLOAD_TIMEOUT,
    validate: bool = True,
    fetch: Fetch | None = None,
    progress: Progress | None = None,
    target: Path | None = None,
) -> UpdateResult:
    """Download, compile and check the documents; write the table; compare with the embedded one."""
    from scopelint import __version__
    from scopelint.kb.diff import diff_tables
    from scopelint.kb.merge import merge_tables
    from scopelint.kb.table import (
        cached_table_path,
        data_dir,
        load_default,
        load_table,
        table_from_json,
        write_json_atomic,
    )

    urls = document_urls(base_url, only)
    downloaded = download_documents(urls, fetch or _default_fetch, timeout, progress)
    table, warnings = _build(downloaded, urls, validate)
    fresh = table_from_json(table, "update", None)
    table = merge_tables(load_default(), fresh, generator=f"scopelint {__version__}")
    path = target or cached_table_path()
    new = table_from_json(table, "cache", path)  # it must load before it is written
    embedded = load_table(data_dir() / "table.json", origin="embedded")
    try:
        write_json_atomic(path, table)
    except OSError as exc:
        raise ScopelintError(f"{path}: cannot write the table ({exc.strerror or exc})") from None
    load_default.cache_clear()
    return UpdateResult(
        path=path,
        built=str(table["built"]),
        documents=list(urls),
        operations=len(new.operations),
        diff=diff_tables(embedded, new),
        embedded_built=embedded.built,
        warnings=warnings,
    )
