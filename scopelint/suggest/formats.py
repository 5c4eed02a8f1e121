"""Render a Suggestion: text, json, manifest (Forge YAML), oauth (scope parameter), checklist."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from scopelint.kb.describe import retirement_text
from scopelint.model import PRODUCT_TITLES, Alternative, Operation
from scopelint.suggest.result import EndpointResult, Suggestion

if TYPE_CHECKING:
    from scopelint.suggest.forge import ForgePermissions

PREFER_TITLES = {
    "granular": "least privilege: granular scopes where an endpoint has them",
    "classic": "classic scopes: broad, few",
    "fewest": "the fewest scopes in total",
}


def render(
    suggestion: Suggestion, output_format: str, offline_access: bool = False,
    forge: ForgePermissions | None = None,
) -> str:
    """``suggestion`` in ``output_format`` (one of :data:`FORMATS`); ``offline_access`` adds
    that scope to the ``oauth`` format; ``forge`` (Forge code's platform scopes, egress and
    images) completes the ``manifest`` format's ``permissions:`` block."""
    if output_format == "manifest":
        return render_manifest(suggestion, forge)
    return RENDERERS[output_format](suggestion, offline_access)


# --------------------------------------------------------------------------- json


def _alternative(alt: Alternative | None) -> dict[str, Any] | None:
    if alt is None:
        return None
    return {"kind": alt.kind, "state": alt.state, "scopes": list(alt.scopes)}


def _endpoint_json(entry: EndpointResult) -> dict[str, Any]:
    op = entry.operation
    source_op = entry.scoped_operation or op
    return {
        "input": entry.input,
        "method": entry.method,
        "url": entry.url,
        "path": entry.template,
        "product": entry.product,
        "operation_id": op.operation_id if op else None,
        "status": entry.status,
        "chosen": _alternative(entry.chosen),
        "alternatives": [_alternative(a) for a in source_op.alternatives] if source_op else [],
        "scopes_from": entry.scoped_operation.key if entry.scoped_operation else None,
        "deprecated": entry.deprecated,
        "removed": None if entry.removal is None or entry.status != "removed" else {
            "removed_on": entry.removal.removed_on,
            "replacement": entry.removal.replacement,
            "notice": entry.removal.notice,
        },
        "dropped": None if entry.removal is None or not entry.removal.dropped else {
            "document": entry.removal.dropped_from,
            "last_seen": entry.removal.last_seen,
            "version": entry.removal.last_version,
            "replacement": entry.removal.replacement or None,
            "notice": entry.removal.notice or None,
        },
        "nearest": [o.key for o in entry.nearest],
        "problem": entry.problem,
        "sources": list(entry.sources),
    }


def to_json_data(suggestion: Suggestion) -> dict[str, Any]:
    return {
        "prefer": suggestion.prefer,
        "exact": suggestion.exact,
        "note": suggestion.note,
        "scopes": suggestion.scopes,
        "by_product": suggestion.by_product,
        "products": suggestion.products,
        "several_products": suggestion.several_products,
        "products_note": suggestion.products_sentence(),
        "endpoints": [_endpoint_json(e) for e in suggestion.endpoints],
        "unknown": [e.input for e in suggestion.unknown],
        "removed": [e.input for e in suggestion.with_status("removed")],
        "dropped": [e.input for e in suggestion.with_status("dropped")],
        "no_scoped_access": [e.input for e in suggestion.with_status("no-scoped-access")],
        "reasons": suggestion.reasons,
        "kb_version": suggestion.kb_version,
    }


def render_json(suggestion: Suggestion) -> str:
    return json.dumps(to_json_data(suggestion), indent=2)


# --------------------------------------------------------------------------- oauth


def render_oauth(suggestion: Suggestion, offline_access: bool = False) -> str:
    names = list(suggestion.scopes)
    if offline_access:
        names.append("offline_access")
    return " ".join(names)


# --------------------------------------------------------------------------- manifest


def _short_reason(reasons: list[str]) -> str:
    more = f" (+{len(reasons) - 1} more)" if len(reasons) > 1 else ""
    return f"{reasons[0]}{more}"


def _commented_list(reasons: dict[str, list[str]], indent: int) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    names = sorted(reasons)
    items = CommentedSeq(names)
    column = indent + 2 + max((len(name) for name in names), default=0) + 2
    for index, name in enumerate(names):
        items.yaml_add_eol_comment(_short_reason(reasons[name]), index, column=column)
    return items


def _commented_addresses(reasons: dict[str, list[str]], indent: int) -> Any:
    """``- address: host  # why`` entries (Forge CLI 13.3 deprecates plain strings in the
    external lists)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    names = sorted(reasons)
    column = indent + 2 + len("address: ") + max((len(name) for name in names), default=0) + 2
    items = CommentedSeq()
    for name in names:
        entry = CommentedMap([("address", name)])
        entry.yaml_add_eol_comment(_short_reason(reasons[name]), "address", column=column)
        items.append(entry)
    return items


def render_manifest(suggestion: Suggestion, forge: ForgePermissions | None = None) -> str:
    """A ``permissions:`` block for a Forge manifest.yml, one reason per entry: ``scopes`` (the
    REST scopes of ``suggestion`` and, with ``forge``, the platform scopes), and from ``forge``
    ``external.fetch.backend``/``client`` and ``external.images`` as ``{address: host}``."""
    import io

    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap

    reasons = {scope: list(why) for scope, why in suggestion.reasons.items()}
    for scope, why in (forge.scopes if forge else {}).items():
        reasons.setdefault(scope, []).extend(why)
    permissions = CommentedMap([("scopes", _commented_list(reasons, 4))])
    if forge is not None and (forge.backend or forge.client or forge.images):
        external = CommentedMap()
        fetch = CommentedMap()
        if forge.backend:
            fetch["backend"] = _commented_addresses(forge.backend, 8)
        if forge.client:
            fetch["client"] = _commented_addresses(forge.client, 8)
        if fetch:
            external["fetch"] = fetch
        if forge.images:
            external["images"] = _commented_addresses(forge.images, 6)
        permissions["external"] = external
    document = CommentedMap([("permissions", permissions)])
    document.yaml_set_start_comment(
        f"Scopes chosen by `scopelint suggest` ({PREFER_TITLES.get(suggestion.prefer, suggestion.prefer)}).\n"
        "Paste at the top level of manifest.yml (merge with an existing permissions: block)."
    )
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    buffer = io.StringIO()
    yaml.dump(document, buffer)
    return buffer.getvalue().rstrip("\n")


# --------------------------------------------------------------------------- checklist


def render_checklist(suggestion: Suggestion) -> str:
    lines = [
        "What to tick when you create the token",
        "(scoped API token: id.atlassian.com > Security > API tokens > Create API token with scopes;",
        " OAuth 2.0 app: developer.atlassian.com > your app > Permissions).",
    ]
    sentence = suggestion.products_sentence()
    if sentence:
        lines += ["", sentence]
    by_product = suggestion.by_product
    if not by_product:
        lines += ["", "Nothing to tick: these endpoints need no scope."]
    for product, names in by_product.items():
        lines += ["", f"{PRODUCT_TITLES.get(product, product)}:"]
        for kind in ("classic", "granular"):
            picked = [name for name in names if suggestion.kinds.get(name) == kind]
            if not picked:
                continue
            lines.append(f"  {kind.capitalize()} scopes:")
            lines.extend(f"    [ ] {name}" for name in picked)
    lines += _attention_lines(suggestion)
    return "\n".join(lines)


# --------------------------------------------------------------------------- text


def _scope_table(suggestion: Suggestion, names: list[str]) -> list[str]:
    width = max((len(name) for name in names), default=0) + 2
    lines: list[str] = []
    for name in names:
        reasons = suggestion.reasons.get(name, [])
        first, rest = (reasons[0], reasons[1:]) if reasons else ("", [])
        lines.append(f"  {name.ljust(width)}{first}".rstrip())
        lines.extend(f"  {'':{width}}{reason}" for reason in rest)
    return lines


def _resolved_line(entry: EndpointResult) -> str:
    op = entry.operation
    where = f" [{', '.join(entry.sources)}]" if entry.sources else ""
    if op is None and entry.template is None:
        return f"  {entry.input}{where}: unknown"
    title = PRODUCT_TITLES.get(entry.product or "", entry.product or "?")
    target = f"{entry.method} {entry.template}"
    detail = f"{title}, {op.operation_id}" if op and op.operation_id else title
    if entry.retired:
        scoped = entry.scoped_operation
        source = f"; scopes of {scoped.key}" if scoped is not None and scoped.key != target else ""
        kind = f"{entry.status.upper()}{source}"
    elif entry.chosen is not None:
        state = f", {entry.chosen.state}" if entry.chosen.state else ""
        kind = "no scope needed" if not entry.chosen.scopes else f"{entry.chosen.kind}{state}"
    elif entry.status == "no-scoped-access":
        kind = "no scoped access"
    else:
        kind = entry.status
    return f"  {entry.input}{where}\n      -> {target} ({detail}): {kind}"


def _attention_lines(suggestion: Suggestion) -> list[str]:
    lines: list[str] = []
    removed = suggestion.with_status("removed")
    if removed:
        lines += ["", "Removed endpoints (calls fail with 410 Gone):"]
        for entry in removed:
            assert entry.removal is not None
            lines.append(
                f"  {entry.input}: removed on {entry.removal.removed_on}; "
                f"{_instead(entry)} ({entry.removal.notice})"
            )
            if entry.scoped_operation is not None and entry.scoped_operation.key != entry.key:
                lines.append(f"      the scopes listed are those of {entry.scoped_operation.key}")
    dropped = suggestion.with_status("dropped")
    if dropped:
        lines += ["", "Dropped endpoints (gone from Atlassian's current documents):"]
        for entry in dropped:
            assert entry.removal is not None
            lines.append(f"  {entry.input}: {retirement_text(entry.removal)}; {_instead(entry)}")
            if entry.scoped_operation is not None and entry.scoped_operation.key != entry.key:
                lines.append(f"      the scopes listed are those of {entry.scoped_operation.key}")
            elif entry.scoped_operation is not None and entry.scoped_operation.alternatives:
                lines.append("      the scopes listed are its last documented ones")
            else:
                lines.append("      it had no OAuth 2.0 or scoped-token access either")
    deprecated = [e for e in suggestion.deprecated if not e.retired]
    if deprecated:
        lines += ["", "Deprecated endpoints (still work; plan a replacement):"]
        lines.extend(f"  {e.input}{_also_key(e)}" for e in deprecated)
    no_access = suggestion.with_status("no-scoped-access")
    if no_access:
        lines += [
            "",
            "No scoped access (no scope lets OAuth 2.0 or a scoped API token call these; "
            "use another endpoint, or an API token without scopes on the site URL):",
        ]
        lines.extend(f"  {e.input}{_also_key(e)}" for e in no_access)
    free = suggestion.no_scope_needed
    if free:
        lines += ["", "No scope needed:"]
        lines.extend(f"  {e.input}{_also_key(e)}" for e in free)
    unknown = suggestion.unknown
    if unknown:
        lines += ["", "Unknown endpoints (matched no known operation):"]
        for entry in unknown:
            lines.append(f"  {entry.input}: {entry.problem}")
            if entry.nearest:
                lines.append("      nearest known: " + "; ".join(_keys(entry.nearest)))
    if suggestion.note:
        lines += ["", f"Note: {suggestion.note}"]
    return lines


def attention_warnings(suggestion: Suggestion) -> list[str]:
    """One line per endpoint that needs a reader's attention (for formats without room)."""
    lines: list[str] = []
    for entry in suggestion.endpoints:
        if entry.status == "unknown":
            nearest = f"; nearest known: {'; '.join(_keys(entry.nearest))}" if entry.nearest else ""
            lines.append(f"unknown endpoint {entry.input}: {entry.problem}{nearest}")
        elif entry.status == "removed" and entry.removal is not None:
            lines.append(
                f"{entry.input} was removed on {entry.removal.removed_on}; {_instead(entry)}"
            )
        elif entry.status == "dropped" and entry.removal is not None:
            lines.append(f"{entry.input} was {retirement_text(entry.removal)}; {_instead(entry)}")
        elif entry.status == "no-scoped-access":
            lines.append(f"{entry.input} cannot be called with OAuth 2.0 or a scoped API token")
    if suggestion.note:
        lines.append(suggestion.note)
    return lines


def _instead(entry: EndpointResult) -> str:
    """``use GET /rest/api/3/search/jql``, or ``no replacement is known``."""
    assert entry.removal is not None
    return f"use {entry.removal.replacement}" if entry.removal.replacement else "no replacement is known"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _also_key(entry: EndpointResult) -> str:
    """`` (METHOD template)`` when that says more than the input itself."""
    return f" ({entry.key})" if entry.key != entry.input else ""


def _keys(operations: tuple[Operation, ...]) -> list[str]:
    return [o.key for o in operations]


def render_text(suggestion: Suggestion) -> str:
    scopes = suggestion.scopes
    count = len(suggestion.endpoints)
    lines = [
        f"{_count(len(scopes), 'scope')} for {_count(count, 'endpoint')} "
        f"({PREFER_TITLES.get(suggestion.prefer, suggestion.prefer)})",
    ]
    sentence = suggestion.products_sentence()
    if sentence:
        lines.append(sentence)
    for product, names in suggestion.by_product.items():
        lines += ["", f"{PRODUCT_TITLES.get(product, product)} ({_count(len(names), 'scope')}):"]
        lines += _scope_table(suggestion, names)
    if not scopes:
        lines += ["", "No scopes to request."]
    lines += ["", "Endpoints:"]
    lines += [_resolved_line(entry) for entry in suggestion.endpoints]
    lines += _attention_lines(suggestion)
    return "\n".join(lines)


# --------------------------------------------------------------------------- registry

# format name -> renderer(suggestion, offline_access); the CLI's --format choices come from here.
RENDERERS: dict[str, Callable[[Suggestion, bool], str]] = {
    "text": lambda s, _offline: render_text(s),
    "json": lambda s, _offline: render_json(s),
    "manifest": lambda s, _offline: render_manifest(s),
    "oauth": render_oauth,
    "checklist": lambda s, _offline: render_checklist(s),
}
FORMATS: tuple[str, ...] = tuple(RENDERERS)
