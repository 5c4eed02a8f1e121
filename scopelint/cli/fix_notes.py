"""What to do after ``check --fix`` added scopes to a declaration: a scoped API token cannot
gain scopes, and a Forge app's new scopes need the admins' consent.

Sources: Atlassian's "Manage API tokens for your Atlassian account" (support.atlassian.com):
an API token with scopes is created at id.atlassian.com/manage-profile/security/api-tokens
with "Create API token with scopes", where the form asks for a name, an expiry, the app, then
the app's scopes; a token's scopes cannot be changed afterwards. Forge: changing an app's
scopes is a major version; admins approve it after ``forge deploy`` and
``forge install --upgrade``.  The order of the form's scope list could not be verified, so the
scopes are listed per app (the form's order of steps), then by name.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from scopelint.common.words import plural
from scopelint.model import PRODUCT_TITLES, PRODUCTS

TOKENS_PAGE = "https://id.atlassian.com/manage-profile/security/api-tokens"
FORGE_MANIFESTS = ("manifest.yml", "manifest.yaml")


def notes(
    scopes_added: dict[str, list[str]], cwd: Path,
    entries_added: dict[str, list[tuple[str, str]]] | None = None,
) -> list[str]:
    """The lines to print (the first of each note starts ``note:``), for each declaration.
    ``entries_added``: a Forge manifest's new egress and image entries, as (dotted list, entry);
    they are permissions admins approve like scopes (Forge "App versions": a change of
    permissions, scopes, egress or remotes, is a major version)."""
    lines: list[str] = []
    entries_added = entries_added or {}
    for display in sorted(set(scopes_added) | set(entries_added)):
        added = scopes_added.get(display, [])
        if PurePosixPath(display).name in FORGE_MANIFESTS:
            parts = [f"{plural(len(added), 'more scope')} ({', '.join(added)})"] if added else []
            entries = entries_added.get(display, [])
            if entries:
                values = ", ".join(value for _list, value in entries)
                parts.append(f"{plural(len(entries), 'more external permission')} ({values})")
            lines.append(
                f"note: {display} now declares {' and '.join(parts)}. Run `forge deploy`, "
                "then `forge install --upgrade` on each site: admins approve new permissions "
                "before the app can use them."
            )
            continue
        if not added:
            continue
        more = plural(len(added), "more scope")
        lines.append(
            f"note: {display} now declares {more} ({', '.join(added)}). A scoped API token's "
            "scopes are fixed when it is created: create a new token with all of the scopes "
            f"below at {TOKENS_PAGE} (\"Create API token with scopes\": the app, then its "
            "scopes; listed per app, then by name) and replace the old token."
        )
        lines.extend(f"  {app}: {', '.join(scopes)}" for app, scopes in by_app(_declared(cwd / display)))
    return lines


def _declared(path: Path) -> list[str]:
    from scopelint.config import load_settings
    from scopelint.errors import ScopelintError

    try:
        return list(load_settings(path).scopes or ())
    except ScopelintError:
        return []


def by_app(scopes: list[str]) -> list[tuple[str, list[str]]]:
    """(app title, its scopes by name) in the order of the products (Jira first); scopes no
    Atlassian document names come last, as "Other"."""
    from scopelint.kb.table import load_default

    kb = load_default()
    groups: dict[str, list[str]] = {}
    for scope in scopes:
        products = [p for p in PRODUCTS if p in kb.products_of_scope(scope)]
        groups.setdefault(products[0] if products else "", []).append(scope)
    ordered = [product for product in PRODUCTS if product in groups] + ([""] if "" in groups else [])
    return [(PRODUCT_TITLES.get(product, "Other"), sorted(groups[product])) for product in ordered]
