"""The gateway form of a site URL: what a scoped token must call instead."""

from __future__ import annotations

from scopelint.kb.products import site_to_gateway
from scopelint.model import Product


def site_prefix(url: str) -> tuple[str, str] | None:
    """(``https://acme.atlassian.net``, rest of the URL) when ``url`` is on a site host."""
    scheme_end = url.find("://")
    if scheme_end == -1:
        return None
    host_end = url.find("/", scheme_end + 3)
    host_end = len(url) if host_end == -1 else host_end
    host = url[scheme_end + 3 : host_end].rpartition("@")[2].partition(":")[0].lower()
    if not host.endswith(".atlassian.net"):
        return None
    return url[:host_end], url[host_end:]


def product_for_site_url(rest: str, product: Product | None) -> Product:
    if product is not None:
        return product
    return "confluence" if rest.startswith("/wiki") else "jira"


def gateway_url(url: str, product: Product | None, cloud_id: str = "{cloudId}") -> str | None:
    """The gateway form of a site URL (Confluence keeps ``/wiki``), or None when ``url`` is
    not on a site host or the product has no gateway (Bitbucket)."""
    split = site_prefix(url)
    if split is None:
        return None
    try:
        return site_to_gateway(url, product_for_site_url(split[1], product), cloud_id)
    except ValueError:
        return None


def site_host(url: str) -> str | None:
    split = site_prefix(url)
    if split is None:
        return None
    return split[0].split("://", 1)[1].rpartition("@")[2].partition(":")[0].lower()
