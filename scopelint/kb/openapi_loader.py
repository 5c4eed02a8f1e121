"""One Atlassian OpenAPI document -> its operations and scope catalog.

What the real documents hold (and this module gets right):
- ``x-atlassian-oauth2-scopes``: a list of ``{scheme, state, scopes}`` alternatives, in no
  reliable order (some operations list ``Beta`` first);
- ``security``: OAuth 2.0 entries under a scheme whose name differs per product (``OAuth2``,
  ``oAuthDefinitions``, ``oauth2``); a fallback for operations without the extension (the
  only source for Jira Software), and the classic scopes for Bitbucket (whose
  ``x-atlassian-oauth2-scopes`` holds only granular ones).  Where the extension lists classic
  scopes itself, ``security`` repeats them, or says ``OAuth2: []`` next to an extension that
  needs ``read:jira-work``: it is not read then, so no false "no scope needed" appears; and
  where both are read (Bitbucket), an empty OAuth 2.0 entry in ``security`` counts only when
  the extension names no scope;
- an empty scope list means "no scope needed"; no OAuth 2.0 entry at all means "not callable
  with OAuth 2.0 or a scoped token";
- paths relative to a server base (Confluence v2: ``/wiki/api/v2``, Bitbucket: ``/2.0``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scopelint.errors import DocumentError
from scopelint.kb.products import GATEWAY_PREFIX_RE, product_of_path
from scopelint.model import Alternative, AlternativeKind, Operation, Product

_IDENTIFIER = re.compile(r"[A-Za-z0-9_.$-]{1,200}")
OPERATION_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")

# Title fragments -> product, checked in order (the most specific first).
_TITLE_PRODUCTS: tuple[tuple[str, Product], ...] = (
    ("service management", "jira-service-management"),
    ("service desk", "jira-service-management"),
    ("jira software", "jira-software"),
    ("confluence", "confluence"),
    ("bitbucket", "bitbucket"),
    ("jira", "jira"),
)


@dataclass(slots=True)
class LoadedDocument:
    key: str
    title: str
    version: str
    product: Product
    base_path: str
    operations: list[Operation] = field(default_factory=list)
    catalog: set[str] = field(default_factory=set)


def read_document(path: Path) -> dict[str, Any]:
    """Parse a JSON or YAML file into a mapping; one-line DocumentError when that fails."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DocumentError(f"{path}: no such file") from None
    except OSError as exc:
        raise DocumentError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return parse_document(raw, str(path))


def parse_document(raw: bytes, name: str) -> dict[str, Any]:
    stripped = raw.lstrip()
    data: Any
    if stripped.startswith((b"{", b"[")):
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError) as exc:
            raise DocumentError(f"{name}: not valid JSON ({_short(exc)})") from None
    else:
        data = _load_yaml(raw, name)
    if not isinstance(data, dict) or not str(data.get("openapi", "")).startswith("3"):
        raise DocumentError(f"{name}: not an OpenAPI 3 document (no 'openapi: 3.x' field)")
    if not isinstance(data.get("paths"), dict):
        raise DocumentError(f"{name}: OpenAPI document has no 'paths' object")
    return data


def _load_yaml(raw: bytes, name: str) -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise DocumentError(f"{name}: neither JSON nor YAML (not UTF-8 text)") from None
    try:
        return YAML(typ="safe", pure=True).load(text)
    except (YAMLError, RecursionError) as exc:
        raise DocumentError(f"{name}: neither valid JSON nor YAML ({_short(exc)})") from None


def _short(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:160]


def _mapping(value: Any) -> Mapping[str, Any]:
    """``value`` when it is a mapping, else an empty one (a malformed document must not crash)."""
    return value if isinstance(value, Mapping) else {}


def _security_schemes(document: Mapping[str, Any]) -> Mapping[str, Any]:
    return _mapping(_mapping(document.get("components")).get("securitySchemes"))


def document_product(document: Mapping[str, Any]) -> Product:
    """The product a document describes: from its title, else from its (full) paths.

    JSM Assets is titled just "REST" and JSM Operations "JSM Operations API": their server
    URLs (``/jsm/assets/...``, ``/jsm/ops``) say which product they are.
    """
    title = str(_mapping(document.get("info")).get("title", "")).lower()
    for fragment, product in _TITLE_PRODUCTS:
        if fragment in title:
            return product
    base = document_base_path(document)
    for path in document.get("paths") or {}:
        found = product_of_path(base + str(path))
        if found:
            return found
    return "jira"


def document_base_path(document: Mapping[str, Any]) -> str:
    """The path part of the first server URL (``/wiki/api/v2``, ``/2.0``; usually empty).

    Server variables stand for the host (``https://{your-domain}/wiki/api/v2``); the path keeps
    its templates (``/jsm/assets/workspace/{workspaceId}/v1``).  A gateway prefix
    (``/ex/jira/{cloudId}``) is not part of the operation's path: the router strips it from
    requests too.
    """
    servers = document.get("servers")
    if not isinstance(servers, list) or not servers or not isinstance(servers[0], Mapping):
        return ""
    url = str(servers[0].get("url", ""))
    if url.startswith("/") and not url.startswith("//"):
        path = url
    else:
        rest = url.split("://", 1)[1] if "://" in url else url.lstrip("/")
        slash = rest.find("/")
        path = rest[slash:] if slash != -1 else ""
    path = urlsplit("//host" + path).path if ("?" in path or "#" in path) else path
    return GATEWAY_PREFIX_RE.sub("", path).rstrip("/")


def oauth2_scheme_names(document: Mapping[str, Any]) -> set[str]:
    schemes = _security_schemes(document)
    return {
        name
        for name, scheme in schemes.items()
        if isinstance(scheme, Mapping) and scheme.get("type") == "oauth2"
    }


def scheme_catalog(document: Mapping[str, Any]) -> set[str]:
    """Every scope name the document's OAuth 2.0 security schemes define."""
    schemes = _security_schemes(document)
    names: set[str] = set()
    for scheme in schemes.values():
        if not isinstance(scheme, Mapping) or scheme.get("type") != "oauth2":
            continue
        for flow in _mapping(scheme.get("flows")).values():
            if isinstance(flow, Mapping) and isinstance(flow.get("scopes"), Mapping):
                names.update(str(s) for s in flow["scopes"])
    return names


def alternative_kind(scopes: Iterable[str]) -> AlternativeKind:
    """Granular scopes have three parts (``read:issue:jira``); any such scope makes it granular."""
    return "granular" if any(scope.count(":") == 2 for scope in scopes) else "classic"


def extension_lists_classic(document: Mapping[str, Any]) -> bool:
    """Does any ``x-atlassian-oauth2-scopes`` entry name a classic scope?

    True for Jira, Jira Service Management and Confluence v1 (the extension is complete and
    ``security`` only a fallback); False for Bitbucket (extension: granular only; ``security``:
    the classic scopes).
    """
    for item in (document.get("paths") or {}).values():
        if not isinstance(item, Mapping):
            continue
        for method in OPERATION_METHODS:
            operation = item.get(method)
            extension = operation.get("x-atlassian-oauth2-scopes") if isinstance(operation, Mapping) else None
            if not isinstance(extension, list):
                continue
            for entry in extension:
                scopes = entry.get("scopes") if isinstance(entry, Mapping) else None
                if not isinstance(scopes, list) or not scopes:
                    continue
                if alternative_kind(str(scope) for scope in scopes) == "classic":
                    return True
    return False


def operation_alternatives(
    operation: Mapping[str, Any],
    oauth_schemes: set[str],
    default_security: list[Any] | None,
    security_is_fallback: bool = False,
) -> tuple[Alternative, ...]:
    """The scope alternatives of one operation, deduplicated by scope set, in a stable order.

    With ``security_is_fallback`` the ``security`` OAuth 2.0 entries are read only when the
    operation has no ``x-atlassian-oauth2-scopes`` entry.
    """
    found: dict[tuple[str, ...], Alternative] = {}

    def add(scopes: list[Any], state: str | None) -> None:
        if not all(isinstance(s, str) for s in scopes):
            return  # [null, 1, {...}] is no scope set (and must not read as "no scope needed")
        scope_tuple = tuple(sorted(set(scopes)))
        existing = found.get(scope_tuple)
        if existing is None or (existing.state is None and state is not None):
            found[scope_tuple] = Alternative(alternative_kind(scope_tuple), state, scope_tuple)

    extension = operation.get("x-atlassian-oauth2-scopes")
    if isinstance(extension, list):
        for entry in extension:
            if isinstance(entry, Mapping) and isinstance(entry.get("scopes"), list):
                state = entry.get("state")
                add(entry["scopes"], state if isinstance(state, str) else None)

    security = operation.get("security", default_security)
    if isinstance(security, list) and not (security_is_fallback and found):
        # ``oauth2: []`` next to an extension that names scopes (Bitbucket's
        # GET /2.0/workspaces/{workspace}) is no "no scope needed" alternative: the extension is
        # the operation's own, more specific word.
        scoped = any(alt.scopes for alt in found.values())
        for requirement in security:
            if not isinstance(requirement, Mapping):
                continue
            for scheme, scopes in requirement.items():
                if scheme in oauth_schemes and isinstance(scopes, list) and (scopes or not scoped):
                    add(scopes, None)

    return tuple(sorted(found.values(), key=_alternative_order))


def _identifier(value: Any) -> str | None:
    """An operationId when it is an identifier; JSM Assets puts its summaries there
    ("Object - Find"), which the table does not keep (it holds no prose)."""
    if value is None:
        return None
    text = str(value)
    return text if _IDENTIFIER.fullmatch(text) else None


def _alternative_order(alt: Alternative) -> tuple[int, int, tuple[str, ...]]:
    # classic first, then granular; within a kind "Current" before "Beta"/unknown.
    return (0 if alt.kind == "classic" else 1, 0 if alt.state == "Current" else 1, alt.scopes)


def load_operations(document: Mapping[str, Any], key: str) -> LoadedDocument:
    """Extract every operation of a parsed document (validation is separate)."""
    info = _mapping(document.get("info"))
    product = document_product(document)
    base = document_base_path(document)
    oauth_schemes = oauth2_scheme_names(document)
    default_security = document.get("security")
    security_is_fallback = extension_lists_classic(document)
    loaded = LoadedDocument(
        key=key,
        title=str(info.get("title", "")),
        version=str(info.get("version", "")),
        product=product,
        base_path=base,
        catalog=scheme_catalog(document),
    )
    for raw_path, item in (document.get("paths") or {}).items():
        if not isinstance(item, Mapping):
            continue
        path = str(raw_path)
        full_path = path if (not base or path.startswith(base + "/")) else base + path
        for method in OPERATION_METHODS:
            operation = item.get(method)
            if not isinstance(operation, Mapping):
                continue
            alternatives = operation_alternatives(
                operation, oauth_schemes, default_security, security_is_fallback
            )
            for alt in alternatives:
                loaded.catalog.update(alt.scopes)
            connect = operation.get("x-atlassian-connect-scope")
            op_id = _identifier(operation.get("operationId"))
            loaded.operations.append(
                Operation(
                    product=product,
                    method=method.upper(),
                    path=full_path,
                    operation_id=op_id,
                    deprecated=operation.get("deprecated") is True,
                    connect_scope=str(connect) if connect is not None else None,
                    alternatives=alternatives,
                    document=key,
                )
            )
    return loaded
