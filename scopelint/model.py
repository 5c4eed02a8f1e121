"""The plain data types that flow between scopelint's layers.

knowledge base (Operation, Alternative) -> scanning (CallSite, ScopeDeclaration, SecretHit)
-> rules (Finding) -> reporting.  Every layer imports from here; nothing here imports a layer.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal, get_args

from scopelint.common.records import dataclass, field

Product = Literal[
    "jira",
    "jira-software",
    "jira-service-management",
    "jsm-assets",
    "jsm-ops",
    "confluence",
    "bitbucket",
    "identity",  # api.atlassian.com/me, /oauth/token/accessible-resources (no OpenAPI document)
]
# Every product, in the order lists show them: derived from ``Product``, the one list.
PRODUCTS: tuple[Product, ...] = get_args(Product)
PRODUCT_TITLES: dict[str, str] = {
    "jira": "Jira",
    "jira-software": "Jira Software",
    "jira-service-management": "Jira Service Management",
    "jsm-assets": "Jira Service Management Assets",
    "jsm-ops": "Jira Service Management Operations",
    "confluence": "Confluence",
    "bitbucket": "Bitbucket",
    "identity": "Atlassian identity and OAuth 2.0",
}

HTTP_METHODS: tuple[str, ...] = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")

AlternativeKind = Literal["classic", "granular"]


@dataclass(frozen=True, slots=True)
class Alternative:
    """One whole scope set that lets a token call an operation.

    ``scopes == ()`` means the operation needs no scope at all with OAuth 2.0.
    """

    kind: AlternativeKind
    state: str | None  # "Current", "Beta", ... as the document says; None when unknown
    scopes: tuple[str, ...]  # sorted, unique

    def covered_by(self, declared: frozenset[str] | set[str]) -> bool:
        return all(scope in declared for scope in self.scopes)

    def missing_from(self, declared: frozenset[str] | set[str]) -> tuple[str, ...]:
        return tuple(scope for scope in self.scopes if scope not in declared)


@dataclass(frozen=True, slots=True)
class Operation:
    """One (method, path) of one Atlassian product's REST API."""

    product: Product
    method: str  # upper case
    path: str  # full template path a client calls, e.g. /wiki/api/v2/pages/{id}
    operation_id: str | None
    deprecated: bool
    connect_scope: str | None
    alternatives: tuple[Alternative, ...]  # empty: not callable with OAuth 2.0 / scoped tokens
    document: str  # key of the source document in the table, e.g. "jira-platform"

    @property
    def scoped_access(self) -> bool:
        """False when no OAuth 2.0 / scoped-token alternative exists at all."""
        return bool(self.alternatives)

    @property
    def needs_no_scope(self) -> bool:
        return any(not alt.scopes for alt in self.alternatives)

    @property
    def key(self) -> str:
        return f"{self.method} {self.path}"


@dataclass(frozen=True, slots=True)
class Removal:
    """An operation Atlassian retired, kept as data: removed (announced, with a date), or
    dropped from its document (the table keeps its last documented scopes), or both.

    Curated entries (``data/retired.json``) give the date, replacement and source; the history
    of a document's versions gives ``dropped_from`` and where it was last seen.
    """

    method: str
    path: str
    removed_on: str  # ISO date Atlassian removed it; "" when no removal date is known
    replacement: str  # e.g. "GET /rest/api/3/search/jql"; "" when none is known
    notice: str  # where it was announced, or the source of the replacement; "" when none
    dropped_from: str = ""  # key of the document that no longer lists it ("confluence-v1")
    last_seen: str = ""  # date of the last version that listed it ("2024-02-04")
    last_version: str = ""  # that version's info.version ("1.0.0")
    source: str = ""  # URL of the announcement or guidance the curated entry comes from

    @property
    def dropped(self) -> bool:
        return bool(self.dropped_from)


HostKind = Literal["site", "gateway", "bitbucket", "relative", "other"]


@dataclass(frozen=True, slots=True)
class Resolution:
    """What the router made of a concrete request."""

    method: str | None
    url: str  # the input, as given
    path: str  # normalised full path that was looked up
    host_kind: HostKind
    host: str | None  # e.g. "acme.atlassian.net", "api.atlassian.com"
    gateway_product: str | None  # "jira" / "confluence" from /ex/<product>/, else None
    product: Product | None  # product of the path prefix (even when no operation matched)
    operation: Operation | None
    candidates: tuple[Operation, ...] = ()  # same path, other methods (method unknown/unmatched)


# --------------------------------------------------------------------------- scanning


@dataclass(frozen=True, slots=True, order=True)
class Location:
    """A place in a file: 1-based line and column, the end (inclusive line, exclusive column)
    when known.  (A docstring also spares dataclasses computing one from the signature on every
    import: ~1 ms of each hook run.)"""

    path: str  # as shown to the user (relative to the working directory where possible)
    line: int  # 1-based
    column: int  # 1-based
    end_line: int | None = None
    end_column: int | None = None


CallKind = Literal["call", "base-url"]


class SdkUse:
    """How a call site goes through an Atlassian SDK (see ``data/sdk/README.md``).

    ``name``: the SDK's package name (``"jira"``, ``"jira.js"``); ``version``: the version the
    project pins or locks, else the version of the table used; ``table``: the version of the
    SDK table the request was read from; ``assumed``: True when no project file names the SDK
    (the newest table was used).  ``implicit``: why the SDK sends this request by itself,
    None for the request the method is for (``"constructor"``: ``JIRA()`` reads serverInfo;
    ``"on the way"``: ``search_issues`` first reads the fields).  ``replacement``: for a
    request to an endpoint Atlassian removed, the SDK-level way out (a method of this version,
    or a version to upgrade to).  ``reason``: for a call the table has no request for (an
    unresolved SDK call), why.  ``product``: the product of the SDK client (``Confluence(url=...)``
    -> ``"confluence"``), which picks the gateway when the URL alone cannot tell.

    A plain class with ``__slots__`` (not a dataclass: every run imports this module).
    """

    __slots__ = ("assumed", "implicit", "name", "product", "reason", "replacement", "table", "version")

    def __init__(self, name: str, version: str, assumed: bool, table: str = "",
                 implicit: str | None = None, replacement: str | None = None,
                 reason: str | None = None, product: str | None = None) -> None:
        self.name = name
        self.version = version
        self.assumed = assumed
        self.table = table or version
        self.implicit = implicit
        self.replacement = replacement
        self.reason = reason
        self.product = product

    def _key(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SdkUse) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"SdkUse({shown})"

    def with_(self, **changes: object) -> SdkUse:
        """A copy with some fields changed."""
        fields: dict[str, object] = {name: getattr(self, name) for name in self.__slots__}
        fields.update(changes)
        return SdkUse(**fields)  # type: ignore[arg-type]

    def as_json(self) -> dict[str, object]:
        """The ``sdk`` object of ``calls --format json``."""
        return {"name": self.name, "version": self.version, "table": self.table, "assumed": self.assumed}


@dataclass(frozen=True, slots=True)
class CallSite:
    """A place in a file that calls (or configures a base URL for) an Atlassian REST API.

    ``url`` is as written, with every placeholder normalised to ``{name}`` (``{}`` when the
    name cannot be known).  ``method`` is upper case, or None when it really cannot be known.
    ``kind == "base-url"`` marks a value that only configures a base (``.env``, YAML, a
    ``BASE_URL`` constant): it takes part in SL001 but is not resolved to an operation.

    The fields after ``forge_product`` are optional facts (they take no part in equality):
    ``via`` the client or SDK the request goes through, as a qualified name
    (``"requests.Session.get"``, ``"axios.create"``); ``related`` where parts of the URL are
    written elsewhere (the base URL constant it was built from); ``resolved`` False when part
    of the URL could not be read at all (an anonymous ``{}``) or a call's method is unknown;
    ``method_source`` how the method was known: "literal", "default", "inferred", "unknown";
    ``unresolved`` why part of the URL could not be linked (a name another module of the
    project should export and does not: "HOST is not found in pkg.settings").
    ``sdk`` set when the request goes through an Atlassian SDK (a method call, a constructor's
    own request, or a raw request through the SDK's session): which SDK and table, and whether
    the SDK sends it by itself.  An SDK call the table has no request for has ``via`` and
    ``sdk`` set, ``resolved`` False and the URL ``{}`` (an *unresolved SDK call*).
    """

    location: Location
    url: str
    method: str | None
    kind: CallKind = "call"
    extractor: str = ""  # e.g. "python", "javascript", "shell"
    forge_product: str | None = None  # requestJira -> "jira", requestConfluence -> "confluence"
    via: str | None = field(default=None, compare=False)
    related: tuple[Location, ...] = field(default=(), compare=False)
    resolved: bool = field(default=True, compare=False)
    method_source: str = field(default="unknown", compare=False)
    unresolved: str = field(default="", compare=False)  # why not wholly resolved, when known
    sdk: SdkUse | None = field(default=None, compare=False)


DeclarationSource = Literal[
    "forge-manifest", "connect-descriptor", "config", "oauth-url", "oauth-scopes", "command-line"
]
# How an OAuth 2.0 app's scopes are written ("oauth-url" and "oauth-scopes" sources):
# an authorization URL (however built), a list/string bound to a name containing "scope", a
# ``scope``/``scopes`` key of an object literal or config file, an environment variable whose
# name ends in SCOPE(S), or an option of an OAuth library (``via`` names it).
DeclarationKind = Literal[
    "authorization-url", "scope-list", "scope-key", "env", "oauth-library",
]


@dataclass(frozen=True, slots=True)
class ScopeDeclaration:
    """Scopes a token / app declares, and the part of the tree they govern.

    ``root`` is the directory (relative path string, "." for the top) whose files this
    declaration governs; the nearest declaration above a file wins.  ``paths`` narrows a
    config entry to glob patterns relative to ``root`` (empty: everything under it).
    ``scope_lines`` gives the line of each scope in the declaring file, for findings and fixes.
    For a Connect descriptor ``scopes`` holds Connect scopes (READ, WRITE, ...).

    The fields after ``paths`` are optional facts (they take no part in equality): ``kind``
    how an OAuth 2.0 app's scopes were written (:data:`DeclarationKind`; empty for the other
    sources), ``via`` the OAuth library whose option holds them
    (``"requests_oauthlib.OAuth2Session"``), ``partial`` True when part of the value could not
    be read (an imported name, a function call), so more scopes may be declared than
    ``scopes`` holds; ``parts`` the declarations an app's merged declaration was made of.
    """

    source: DeclarationSource
    location: Location
    root: str
    scopes: tuple[str, ...]
    scope_lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)
    paths: tuple[str, ...] = ()
    kind: str = field(default="", compare=False)
    via: str | None = field(default=None, compare=False)
    partial: bool = field(default=False, compare=False)
    parts: tuple[ScopeDeclaration, ...] = field(default=(), compare=False, hash=False)

    @property
    def written(self) -> tuple[ScopeDeclaration, ...]:
        """The declarations as written in files: a merged one's ``parts``, else itself."""
        return self.parts or (self,)

    @property
    def described_kind(self) -> str:
        """``kind`` for OAuth 2.0 declarations, else the source (``"forge-manifest"``)."""
        return self.kind or self.source


PlatformUseKind = Literal["api", "fetch", "image", "remote"]
CodeSide = Literal["backend", "frontend"]


@dataclass(frozen=True, slots=True)
class PlatformUse:
    """A use of a Forge platform feature that the app's manifest must permit (issue #21).

    ``kind``: ``"api"`` a platform API (``api`` is the row key of ``kb/forge_permissions.toml``:
    ``"kvs"``, ``"storage"``, ``"useIssueProperty"``, ...); ``"fetch"`` a request to ``target``
    (a URL as evaluated, ``{name}`` where unknown; ``api`` names the client, e.g. ``"fetch"``,
    ``"axios.get"``); ``"image"`` an image loaded from ``target``; ``"remote"`` a Forge Remote
    call naming the ``remotes:`` key ``target`` (``""`` when it cannot be read; ``api`` is the
    row key).  ``side`` is where the code runs: ``"frontend"`` (Custom UI, UI Kit) or
    ``"backend"`` (Forge functions).  ``name`` is how the code wrote it (``"kvs.get"``).
    """

    location: Location
    kind: PlatformUseKind
    api: str
    target: str = ""
    side: CodeSide = "backend"
    name: str = ""


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    """One entry of a manifest list (an egress address, a remote), with the line it is on.

    ``value`` is the address as written (``"*.example.com"``, ``"https://api.example.com"``);
    ``remote`` is the key of ``{remote: key}`` egress entries.  For ``remotes:`` entries
    ``value`` is the key, ``remote`` its ``baseUrl`` and ``operations`` its operations.
    """

    value: str
    line: int
    remote: str = ""
    operations: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ForgeApp:
    """What a Forge ``manifest.yml`` permits besides REST scopes, and where it says so.

    ``path`` is the manifest (as displayed), ``root`` the folder it governs.  The egress lists
    are ``permissions.external.fetch.backend`` / ``.fetch.client`` / ``.images``; ``lines``
    gives the line of each key written (``"permissions.external.fetch.backend"`` -> 12);
    ``resources`` the ``resources[].path`` values (frontend code); ``products`` the products
    of its modules (``jira``, ``confluence``, ...); ``problems`` the (line, message) of parts
    of ``permissions.external`` or ``remotes`` whose shape is wrong.
    """

    path: str
    root: str
    scopes: tuple[str, ...] = ()
    scope_lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)
    fetch_backend: tuple[ManifestEntry, ...] = ()
    fetch_client: tuple[ManifestEntry, ...] = ()
    images: tuple[ManifestEntry, ...] = ()
    remotes: tuple[ManifestEntry, ...] = ()
    resources: tuple[str, ...] = ()
    products: tuple[str, ...] = ()
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)
    problems: tuple[tuple[int, str], ...] = ()
    scopes_readable: bool = True  # False: permissions.scopes has a shape scopelint cannot read


@dataclass(frozen=True, slots=True)
class SecretHit:
    """A credential literal found in a file; never carries the full secret."""

    location: Location
    kind: str  # e.g. "atlassian-api-token"
    redacted: str  # e.g. "ATATT3xFf…(192 chars)"


@dataclass(frozen=True, slots=True)
class UnreadableDeclaration:
    """A file that declares scopes (a Forge manifest, a Connect descriptor, a scopelint
    configuration) but could not be read: broken YAML/JSON/TOML, or scopes that are not a list
    of strings.  Its scopes are unknown, so nothing it governs can be checked against them.

    ``kind`` names the file as users do ("Forge manifest"); ``reason`` is one line.
    """

    location: Location  # where the problem is (the parser's line and column when it gave them)
    kind: str
    reason: str


@dataclass(frozen=True, slots=True)
class Suppression:
    """A ``scopelint: ignore[...]`` comment.

    ``codes`` holds rule codes or names as written (upper case); empty means every rule.
    The fields after ``whole_file`` are optional facts (no part of equality): ``own_line``
    is True when nothing but the comment is on its line (it then covers the next line;
    at the end of a code line it covers that line only), ``column``/``end_column`` the
    1-based span of the directive (``scopelint: ignore[...]``), 0 when unknown.
    """

    line: int  # the line the comment is on
    codes: frozenset[str]  # empty: all codes
    whole_file: bool = False
    own_line: bool = field(default=False, compare=False)
    column: int = field(default=0, compare=False)
    end_column: int = field(default=0, compare=False)

    def covers_line(self, line: int) -> bool:
        """Whether the comment reaches ``line`` (whatever its codes): as in eslint and ruff, a
        comment at the end of a code line covers that line, one alone on its line the next
        line, ``ignore-file`` every line."""
        return self.whole_file or line == (self.line + 1 if self.own_line else self.line)


@dataclass(slots=True)
class FileScan:
    """Everything one extractor found in one file."""

    path: str
    calls: list[CallSite] = field(default_factory=list)
    declarations: list[ScopeDeclaration] = field(default_factory=list)
    secrets: list[SecretHit] = field(default_factory=list)
    suppressions: list[Suppression] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # one line each, already naming the file
    unreadable: list[UnreadableDeclaration] = field(default_factory=list)
    # What a programming-language extractor found the file exports and imports (plain JSON
    # data, ``scanning.core.environment.FileSummary.to_json``), for cross-file linking.
    summary: dict[str, Any] | None = None
    platform_uses: list[PlatformUse] = field(default_factory=list)  # Forge platform features used
    forge_apps: list[ForgeApp] = field(default_factory=list)  # Forge manifests read
    # Why the file was not checked ("binary file", "not a regular file", "too deeply nested
    # to scan"), or "" when it was: a skipped file is not counted as checked (the text-level
    # checks may still have run on it; its warning says so).
    skipped: str = ""


@dataclass(frozen=True, slots=True)
class Observation:
    """What recorded traffic (a HAR file, a request log) showed for one call.

    ``refused`` counts the requests that failed for lack of scope: ``message`` is the
    Atlassian error message they got and ``because`` why they failed (explain-error's
    catalogue); ``certain`` is False when the answer may also mean missing permissions
    (a 404 "does not exist or you do not have permission" through the gateway).
    """

    requests: int
    refused: int = 0
    status: int | None = None  # the status of the refused requests
    message: str | None = None
    because: str | None = None
    certain: bool = True


# --------------------------------------------------------------------------- findings


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace [start, end) (1-based line/column, end exclusive) of ``path`` with ``text``."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    text: str


@dataclass(frozen=True, slots=True)
class Fix:
    """How to fix a finding: text ``edits``, and/or scopes to add to or remove from a declaration.

    Scope changes name the declaration file (``target``); the fix planner merges every change
    to one file into a single round-trip edit of its scope list.
    """

    description: str
    safe: bool
    edits: tuple[Edit, ...] = ()
    target: str | None = None  # declaration file whose scope list changes
    add_scopes: tuple[str, ...] = ()
    remove_scopes: tuple[str, ...] = ()
    # entries of other lists of the target: (dotted key path, value), e.g.
    # ("permissions.external.fetch.backend", "api.example.com")
    add_entries: tuple[tuple[str, str], ...] = ()
    remove_entries: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Finding:
    """One finding of one rule at one location, with what it is about (the endpoint, the
    scopes missing or unused) and the fix that resolves it, if any."""

    code: str  # "SL002"
    name: str  # "missing-scopes"
    severity: Severity
    location: Location
    message: str
    endpoint: tuple[str | None, str] | None = None  # (method, path template or normalised url)
    missing_scopes: tuple[str, ...] = ()
    unused_scopes: tuple[str, ...] = ()
    identity: str = ""  # stable, line-independent part of the fingerprint (normalised url, scope…)
    fix: Fix | None = None
    # Other places the finding is about (the calls that use a site URL reported at the literal
    # holding it): SARIF relatedLocations, JSON "related".  No part of equality.
    related: tuple[Location, ...] = field(default=(), compare=False)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.location.path, self.location.line, self.location.column, self.code)


@dataclass(slots=True)
class LintResult:
    """What one `check` run produced; the input of every reporter."""

    findings: list[Finding]
    files_scanned: int = 0
    calls_found: int = 0
    warnings: list[str] = field(default_factory=list)  # one line each (skipped files, ...)
    fixed: int = 0  # findings fixed by --fix
    stale_baseline: list[str] = field(default_factory=list)  # baseline entries nothing matched
    root: str = "."  # directory that finding paths are relative to (absolute path)
    tool_version: str = ""
    kb_version: str = ""  # e.g. "2026-11-28 (embedded)"
    scanned_paths: list[str] = field(default_factory=list)  # display paths of the files read
    # Of ``calls_found`` (calls, not base URLs), those whose operation scopelint could not tell
    # (a URL not read whole, an unknown path, an SDK method its tables do not list).
    calls_unresolved: int = 0
    # What the run tells besides findings, one line each ("3 calls to Atlassian could not be
    # resolved; unused-scope check skipped for manifest.yml").
    notes: list[str] = field(default_factory=list)
    fix_mode: str = ""  # "fix" (--fix wrote), "diff" (--diff showed), "" (neither)
    unsafe_fixes: bool = False  # --unsafe-fixes was given
    # Files found but not checked (not counted in ``files_scanned``): display path -> why
    # ("binary file", "not a regular file", "too deeply nested to scan", ...)
    skipped: dict[str, str] = field(default_factory=dict)

    @property
    def calls_resolved(self) -> int:
        """Calls whose operation is known: ``calls_found - calls_unresolved``."""
        return max(self.calls_found - self.calls_unresolved, 0)
