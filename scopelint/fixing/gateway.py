"""Rewrite a site URL (``https://acme.atlassian.net/...``) to the api.atlassian.com gateway form."""

from __future__ import annotations

from scopelint.kb.products import GATEWAY_HOST, GATEWAY_SEGMENT


def site_to_gateway(url: str, product: str, cloud_id: str) -> str:
    """The gateway URL a scoped token must call instead of ``url``.

    ``https://acme.atlassian.net/rest/api/3/x`` -> ``https://api.atlassian.com/ex/jira/<id>/rest/api/3/x``;
    Confluence keeps ``/wiki``: ``.../wiki/api/v2/pages`` -> ``.../ex/confluence/<id>/wiki/api/v2/pages``.
    Everything after the host (path, query, fragment, placeholders) is kept exactly as written.
    ``product`` is a product (``jira-software``) or a gateway segment (``jira``, ``confluence``).
    A URL already on the gateway comes back unchanged.  Raises ValueError for a product
    without a gateway (Bitbucket) or a URL without ``scheme://host``.
    """
    segment = GATEWAY_SEGMENT.get(product, product)  # type: ignore[call-overload]
    if segment not in ("jira", "confluence"):
        raise ValueError(f"{product!r} has no api.atlassian.com gateway form")
    scheme_end = url.find("://")
    if scheme_end <= 0:
        raise ValueError(f"{url!r} is not an absolute URL")
    rest_start = scheme_end + 3
    host_end = len(url)
    for separator in "/?#":
        found = url.find(separator, rest_start)
        if found != -1:
            host_end = min(host_end, found)
    host = url[rest_start:host_end]
    if not host:
        raise ValueError(f"{url!r} has no host")
    if host.lower().rsplit("@", 1)[-1].split(":", 1)[0] == GATEWAY_HOST:
        return url
    tail = url[host_end:]
    if tail and tail[0] != "/":
        tail = "/" + tail
    return f"https://{GATEWAY_HOST}/ex/{segment}/{cloud_id}{tail}"
