"""Look up an Atlassian site's cloudId (``<site>/_edge/tenant_info``) and record it in the config.

Only the site given is contacted: redirects to another host are refused.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scopelint.errors import ScopelintError
from scopelint.kb.hosts import is_cloud_id, is_host_name
from scopelint.kb.hosts import tenant_info_url as site_tenant_info_url

MAX_ANSWER_BYTES = 64 * 1024
DEFAULT_TIMEOUT = 10.0


class CloudIdError(ScopelintError):
    """A site whose cloudId could not be read; ``str()`` is one line."""


@dataclass(frozen=True, slots=True)
class Site:
    base_url: str  # "https://acme.atlassian.net", or "http://127.0.0.1:8080/prefix"
    host: str  # "acme.atlassian.net": the key in the configuration's ``sites``


@dataclass(frozen=True, slots=True)
class TenantInfo:
    site: Site
    cloud_id: str
    answer: dict[str, Any]  # the whole JSON answer


@dataclass(frozen=True, slots=True)
class SaveResult:
    path: Path
    created: bool  # the configuration file did not exist before
    changed: bool  # False: the same cloudId was already recorded


def parse_site(site: str) -> Site:
    """``acme.atlassian.net`` (https assumed) or a base URL; a path prefix is kept."""
    raw = site.strip()
    if not raw:
        raise CloudIdError("no site given (e.g. acme.atlassian.net)")
    url = raw if "://" in raw else f"https://{raw}"
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise CloudIdError(f"{raw}: a site is a host name or an http(s) URL")
    if "@" in parts.netloc:
        raise CloudIdError("the site URL must not hold a user name or password")
    if parts.query or parts.fragment:
        raise CloudIdError(f"{raw}: a site URL has no query or fragment")
    host = (parts.hostname or "").lower().rstrip(".")
    if not host or not is_host_name(host):
        raise CloudIdError(f"{raw}: not a host name (e.g. acme.atlassian.net)")
    try:
        port = parts.port
    except ValueError:
        raise CloudIdError(f"{raw}: the port is not a number") from None
    netloc = host if port is None else f"{host}:{port}"
    return Site(f"{scheme}://{netloc}{parts.path.rstrip('/')}", host)


def tenant_info_url(site: Site) -> str:
    return site_tenant_info_url(site.base_url)


def fetch_tenant_info(site: Site, timeout: float = DEFAULT_TIMEOUT) -> TenantInfo:
    """Ask the site for its tenant info; one-line CloudIdError on any failure."""
    from scopelint.kb.download import DownloadError, fetch_bytes

    url = tenant_info_url(site)
    try:
        body = fetch_bytes(url, timeout=timeout, max_bytes=MAX_ANSWER_BYTES, same_origin_only=True)
    except DownloadError as exc:
        hint = " (is it an Atlassian Cloud site?)" if exc.status == 404 else ""
        raise CloudIdError(f"cannot read the cloudId of {site.host}: {exc}{hint}") from None
    try:
        answer = json.loads(body)
    except (ValueError, RecursionError):
        raise CloudIdError(
            f"{url}: the answer is not JSON (is {site.host} an Atlassian Cloud site?)"
        ) from None
    if not isinstance(answer, dict) or "cloudId" not in answer:
        raise CloudIdError(f"{url}: the answer has no cloudId")
    cloud_id = answer["cloudId"]
    if not isinstance(cloud_id, str) or not is_cloud_id(cloud_id):
        shown = repr(cloud_id) if len(repr(cloud_id)) <= 60 else repr(cloud_id)[:57] + "..."
        raise CloudIdError(f"{url}: the cloudId {shown} is not a UUID")
    return TenantInfo(site, cloud_id, answer)


# --------------------------------------------------------------------------- saving


def _repository_root(start: Path) -> Path:
    here = start.absolute()
    for directory in (here, *here.parents):
        if (directory / ".git").exists():
            return directory
    return here


def save_cloud_id(host: str, cloud_id: str, start: Path) -> SaveResult:
    """Record ``sites[host] = cloud_id`` in the configuration governing ``start``.

    The configuration is the one :func:`scopelint.config.find_config` finds; without one, a
    ``.scopelint.toml`` is created at the repository root (or in ``start``).
    """
    from scopelint.config import PYPROJECT, find_config
    from scopelint.fixing.config_sites import set_site_toml, set_site_yaml

    if "." not in host:
        raise CloudIdError(
            f"cannot record {host!r}: `sites` takes dotted host names such as acme.atlassian.net"
        )
    path = find_config(start)
    created = path is None
    if path is None:
        path = _repository_root(start) / ".scopelint.toml"
        raw, bom = b"", b""
    else:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise CloudIdError(f"{path}: cannot read ({exc.strerror or exc})") from None
        bom = b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b""
    try:
        text = raw[len(bom):].decode("utf-8")
    except UnicodeDecodeError:
        raise CloudIdError(f"{path}: is not UTF-8 text; not changed") from None
    try:
        if path.suffix in (".yaml", ".yml"):
            new_text = set_site_yaml(text, host, cloud_id)
        else:
            table: tuple[str, ...] = ("tool", "scopelint") if path.name == PYPROJECT else ()
            new_text = set_site_toml(text, host, cloud_id, table)
    except ScopelintError as exc:
        raise CloudIdError(f"{path}: {exc}; not changed") from None
    if new_text == text and not created:
        return SaveResult(path, created=False, changed=False)
    from scopelint.common.atomic import write_atomic

    try:
        write_atomic(path, bom + new_text.encode("utf-8"), follow_symlinks=True)
    except OSError as exc:
        raise CloudIdError(f"{path}: cannot write ({exc.strerror or exc})") from None
    return SaveResult(path, created=created, changed=True)
