"""What `scopelint suggest` found: one entry per endpoint, the chosen scopes, and why.

Every endpoint stays in the result whatever happened to it: ``ok`` (its scopes are in the
set), ``removed`` (Atlassian removed it; the scopes of its replacement are used when the
replacement is known), ``dropped`` (gone from Atlassian's current document, still in an older
version; the scopes of its replacement are used when one is known, else its last documented
scopes), ``no-scoped-access`` (no OAuth 2.0 / scoped-token alternative exists), ``unknown``
(nothing matched; the nearest known operations are attached).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from scopelint.model import PRODUCT_TITLES, PRODUCTS, Alternative, Operation, Removal

EndpointStatus = Literal["ok", "removed", "dropped", "no-scoped-access", "unknown"]

# Products one Jira token serves (the site, the /ex/jira/ gateway, api.atlassian.com/jsm/...).
JIRA_FAMILY = frozenset({"jira", "jira-software", "jira-service-management", "jsm-assets", "jsm-ops"})
# Products any OAuth 2.0 token may call (api.atlassian.com/me, .../accessible-resources).
ANY_TOKEN = frozenset({"identity"})


@dataclass(frozen=True, slots=True)
class EndpointResult:
    input: str
    method: str | None
    url: str
    status: EndpointStatus
    product: str | None = None  # from the operation, else from the path prefix
    template: str | None = None  # the operation's path template (or the removed path)
    operation: Operation | None = None  # the operation the input resolved to
    chosen: Alternative | None = None  # the alternative whose scopes are in the set
    scoped_operation: Operation | None = None  # whose scopes were used (the replacement, if removed)
    removal: Removal | None = None
    nearest: tuple[Operation, ...] = ()
    sources: tuple[str, ...] = ()
    problem: str | None = None  # why an unknown input matched nothing

    @property
    def key(self) -> str:
        """``METHOD template`` of the operation, or the input when nothing matched."""
        if self.template is not None:
            return f"{self.method or 'GET'} {self.template}"
        return self.input

    @property
    def deprecated(self) -> bool:
        return self.removal is not None or (self.operation is not None and self.operation.deprecated)

    @property
    def retired(self) -> bool:
        return self.status in ("removed", "dropped")


@dataclass(slots=True)
class Suggestion:
    prefer: str
    endpoints: list[EndpointResult]
    exact: bool = True
    note: str | None = None
    kb_version: str = ""
    reasons: dict[str, list[str]] = field(default_factory=dict)  # scope -> ["METHOD path", ...]
    kinds: dict[str, str] = field(default_factory=dict)  # scope -> "classic" / "granular"

    @property
    def scopes(self) -> list[str]:
        return sorted(self.reasons)

    @property
    def by_product(self) -> dict[str, list[str]]:
        """Product -> sorted scopes its endpoints need, in the usual product order."""
        grouped: dict[str, set[str]] = {}
        for entry in self.endpoints:
            if entry.chosen is None or entry.scoped_operation is None:
                continue
            if entry.chosen.scopes:  # "no scope needed" adds no product to list
                grouped.setdefault(entry.scoped_operation.product, set()).update(entry.chosen.scopes)
        return {p: sorted(grouped[p]) for p in PRODUCTS if p in grouped}

    @property
    def products(self) -> list[str]:
        """Every product the known endpoints belong to (scopes needed or not)."""
        seen = {e.product for e in self.endpoints if e.status != "unknown"}
        return [p for p in PRODUCTS if p in seen]

    @property
    def several_products(self) -> bool:
        return len(self.products) > 1

    @property
    def needs_separate_tokens(self) -> bool:
        """True when no single token can serve them all (Jira + Confluence, or Bitbucket + ...)."""
        return len(self.token_families()) > 1

    def token_families(self) -> list[list[str]]:
        """The products grouped by the token that can serve them (Jira's family shares one)."""
        families: dict[str, list[str]] = {}
        products = [p for p in self.products if p not in ANY_TOKEN] or self.products
        for product in products:
            families.setdefault("jira" if product in JIRA_FAMILY else product, []).append(product)
        return list(families.values())

    def products_sentence(self) -> str | None:
        if not self.several_products:
            return None
        titles = ", ".join(PRODUCT_TITLES[p] for p in self.products)
        sentence = f"These endpoints span {len(self.products)} products ({titles})."
        if self.needs_separate_tokens:
            tokens = []
            for family in self.token_families():
                titles_of = " + ".join(PRODUCT_TITLES[p] for p in family)
                tokens.append(titles_of)
            sentence += (
                f" A scoped token belongs to one product: create {len(tokens)} tokens "
                f"({'; '.join(tokens)}), each with the scopes listed under its products."
            )
        else:
            sentence += (
                " They are all served by the Jira site and gateway (/ex/jira/...): "
                "one Jira token with all of these scopes covers them."
            )
        return sentence

    def with_status(self, status: EndpointStatus) -> list[EndpointResult]:
        return [e for e in self.endpoints if e.status == status]

    @property
    def unknown(self) -> list[EndpointResult]:
        return self.with_status("unknown")

    @property
    def deprecated(self) -> list[EndpointResult]:
        return [e for e in self.endpoints if e.deprecated and e.status != "unknown"]

    @property
    def no_scope_needed(self) -> list[EndpointResult]:
        return [e for e in self.endpoints if e.chosen is not None and not e.chosen.scopes]


def collect_reasons(endpoints: list[EndpointResult]) -> tuple[dict[str, list[str]], dict[str, str]]:
    """scope -> the ``METHOD path`` of every operation that needs it, and scope -> kind."""
    reasons: dict[str, list[str]] = {}
    kinds: dict[str, str] = {}
    for entry in endpoints:
        if entry.chosen is None or entry.scoped_operation is None:
            continue
        for scope in entry.chosen.scopes:
            needed_by = reasons.setdefault(scope, [])
            if entry.scoped_operation.key not in needed_by:
                needed_by.append(entry.scoped_operation.key)
            kinds.setdefault(scope, entry.chosen.kind)
    return {scope: reasons[scope] for scope in sorted(reasons)}, kinds
