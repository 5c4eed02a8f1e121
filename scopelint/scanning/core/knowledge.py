"""Client knowledge as data: which qualified names are HTTP client calls, and how they carry
their URL, method, base URL and options.

Each language has one TOML file in ``scopelint/scanning/knowledge/`` (read with the standard
library's ``tomllib``), described by ``clients.schema.json`` there; a test validates every file
against the schema, so jsonschema is never imported while scanning.  Parsing TOML costs a hook
run several milliseconds, so ``make knowledge`` (``python -m scopelint.scanning.core.knowledge``)
also writes each file's data as ``<language>.json``, which runs load (a test keeps the two
equal; without the JSON file the TOML is read).  A file holds:

* ``[[client]]`` tables, each with ``[[client.call]]`` rows.  A row names qualified names
  (``"requests.get"``, ``"requests.Session.request"``, ``"*.get"`` for a method of any other
  receiver, ``"new Request"`` for a JavaScript constructor; ``{verb}`` expands to every verb of
  the file's ``verbs``) and the *calling convention* they follow, with the argument positions,
  keywords and option keys the convention needs.  A row with ``returns`` constructs an object of
  that type, whose own methods are looked up as ``Type.method`` (receiver tracking: a session,
  an axios instance, and later an SDK client).
* ``[not_calls]``: what is not a client call in that language (test mocks, assertions, server
  routes), and ``[lists]``: other names the language package needs (functions that pass a URL
  through, shells), both as name lists the package reads with :meth:`ClientTable.names`.
* ``[[command]]`` (shell): command-line clients and their options.
* ``[[oauth]]``: OAuth 2.0 libraries, each with ``scopes`` rows naming the calls whose argument
  (or a key path inside it) holds the scopes an app requests: a scope declaration
  (``requests_oauthlib.OAuth2Session(scope=[...])``, NextAuth's Atlassian provider
  ``authorization.params.scope``).

The conventions are a small closed set (:data:`CONVENTIONS`); each language package implements
the ones its syntax can express.  Adding a client that follows a known convention is adding
rows; see ``scopelint/scanning/README.md``.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from scopelint.model import CallKind

if TYPE_CHECKING:
    from scopelint.scanning.core.urljoin import JoinRule

Convention = Literal[
    "verb", "method-url", "url-data", "fetch", "config", "node-request", "factory", "endpoint",
    "builder", "setopt", "annotation",
]
CONVENTIONS: tuple[str, ...] = (
    "verb",  # client.get(url, [body], [config]): the method is the called name
    "method-url",  # request(method, url): python requests/urllib3, xhr.open
    "url-data",  # urlopen(url, data): POST when data is given, else GET
    "fetch",  # fetch(url, {method}): method from an options object, default GET
    "config",  # axios({url, method, baseURL}) or axios(url, {method})
    "node-request",  # https.request({protocol, host, path, method}) or (url, [options])
    "factory",  # axios.create({baseURL}): an instance that carries a base URL
    "endpoint",  # an SDK method: fixed HTTP method and path template
    "builder",  # a request built by a chain: HttpRequest.newBuilder().uri(u).POST(b), c.R().Get(u)
    "setopt",  # options set on a handle: curl_setopt($ch, CURLOPT_URL, u), CURLOPT_CUSTOMREQUEST
    "annotation",  # a declared request: Retrofit @GET("rest/api/3/issue/{key}")
)
KNOWLEDGE_DIR = Path(__file__).parent.parent / "knowledge"


class _Record:
    """A plain slotted record built from keyword arguments, defaults in ``_DEFAULTS``.

    (Rows are built once per process; a NamedTuple or dataclass of twenty fields costs every
    hook run about half a millisecond to two milliseconds just to define.)
    """

    __slots__: tuple[str, ...] = ()
    _DEFAULTS: ClassVar[Mapping[str, Any]] = {}

    def __init__(self, **fields: Any) -> None:
        for name in self.__slots__:
            setattr(self, name, fields[name] if name in fields else self._DEFAULTS.get(name))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({shown})"


class Arg(_Record):
    """Where a call carries a value: positional index and/or keyword name."""

    __slots__ = ("keyword", "position")
    position: int | None
    keyword: str | None


_URL_ARG = Arg(position=0, keyword="url")


class CallRow(_Record):
    """One row of a client table (see the schema for every field's meaning)."""

    __slots__ = (
        "base_keys", "body_options", "client", "convention", "data", "default_method",
        "fixed_method", "imported", "join", "kind", "method", "method_keys", "names", "options",
        "params", "path", "product", "require_method", "returns", "setopt", "steps", "url",
    )
    _DEFAULTS: ClassVar[Mapping[str, Any]] = {
        "url": _URL_ARG, "method_keys": ("method",), "base_keys": (), "require_method": False,
        "imported": False, "kind": "call", "params": (),
    }
    client: str
    names: tuple[str, ...]
    convention: Convention
    url: Arg
    method: Arg | None
    data: Arg | None
    options: int | None  # position of an options/config object
    body_options: int | None  # position of the options object after a body (post/put)
    method_keys: tuple[str, ...]
    base_keys: tuple[str, ...]
    fixed_method: str | None
    require_method: bool
    imported: bool  # bare names count only when imported, never as globals
    product: str | None  # Forge: the product requestJira/... calls
    kind: CallKind
    returns: str | None  # type of the object the call constructs
    join: JoinRule | None  # how the client joins its base and a relative path (core/urljoin.py)
    path: str | None  # endpoint: path template
    params: tuple[tuple[str, Arg], ...]  # endpoint: path parameter -> argument
    steps: Mapping[str, Any] | None  # builder: which chained calls carry URL, method, base
    default_method: str | None  # builder/setopt: the method when nothing names one
    setopt: Mapping[str, Any] | None  # setopt: option names and argument positions


class Command(_Record):
    """A command-line client (shell): its names, how its arguments are read, its options."""

    __slots__ = (
        "convention", "data_method", "data_options", "default_method", "flag_methods",
        "long_with_value", "method_option", "names", "scheme_optional", "short_aliases",
        "short_with_value", "url_option",
    )
    names: tuple[str, ...]
    convention: Literal["argv", "httpie"]
    short_with_value: frozenset[str]
    long_with_value: frozenset[str]
    short_aliases: Mapping[str, str]
    method_option: str | None
    url_option: str | None
    data_options: frozenset[str]  # options that send a body (POST by default)
    flag_methods: tuple[tuple[str, str], ...]  # option -> method, first present wins
    data_method: str
    default_method: str
    scheme_optional: bool  # HTTPie: "acme.atlassian.net/rest/..." means https://


class OAuthRow(_Record):
    """Where an OAuth 2.0 library's call carries the scopes an app requests."""

    __slots__ = ("argument", "keys", "library", "names")
    library: str
    names: tuple[str, ...]
    argument: Arg
    keys: tuple[str, ...]  # key path inside the argument's object; empty: the argument itself


class ClientTable(_Record):
    """The knowledge of one language, indexed for lookups."""

    __slots__ = ("any_receiver", "body_verbs", "commands", "exact", "language", "lists", "oauth",
                 "verbs", "wrappers")
    language: str
    verbs: dict[str, str]  # called name -> HTTP method
    exact: dict[str, CallRow]
    any_receiver: dict[str, CallRow]  # "*.get" rows, by method name
    lists: dict[str, frozenset[str] | str]  # [not_calls] and [lists], merged
    body_verbs: frozenset[str]
    commands: dict[str, Command]
    wrappers: dict[str, tuple[frozenset[str], int]]
    oauth: dict[str, OAuthRow]  # by qualified name; "*.method" rows under that key

    def lookup(self, qualified: str, attribute: str | None = None) -> CallRow | None:
        """The row for a call of ``qualified``; for a method call (``attribute`` given, the
        method's name) a row for any receiver when no row names the receiver's type."""
        row = self.exact.get(qualified)
        if row is None and attribute is not None:
            row = self.any_receiver.get(attribute)
        return row

    def oauth_row(self, qualified: str | None, attribute: str | None = None) -> OAuthRow | None:
        """The OAuth library row for a call of ``qualified`` (or, for a method call, of any
        receiver: ``"*.authorizeURL"``)."""
        row = self.oauth.get(qualified) if qualified else None
        if row is None and attribute is not None:
            row = self.oauth.get(f"*.{attribute}")
        return row

    def names(self, key: str) -> frozenset[str]:
        """A name list of ``[not_calls]`` or ``[lists]`` (empty when the file has none)."""
        value = self.lists.get(key)
        return value if isinstance(value, frozenset) else frozenset()

    def pattern(self, key: str) -> str | None:
        """A pattern (a string) of ``[not_calls]`` or ``[lists]``."""
        value = self.lists.get(key)
        return value if isinstance(value, str) else None

    def library_roots(self) -> frozenset[str]:
        """The first segment of every qualified name the table knows (module names)."""
        roots = {name.split(".", 1)[0] for name in self.exact if not name.startswith("new ")}
        return frozenset(roots) | self.names("library_roots")


def _arg(value: Any, default: Arg | None) -> Arg | None:
    if value is None:
        return default
    return Arg(position=value.get("position"), keyword=value.get("keyword"))


def _expand(pattern: str, verbs: dict[str, str]) -> list[str]:
    if "{verb}" not in pattern:
        return [pattern]
    return [pattern.replace("{verb}", verb) for verb in verbs]


def _row(client: str, raw: dict[str, Any], verbs: dict[str, str]) -> CallRow:
    names = tuple(name for pattern in raw["names"] for name in _expand(pattern, verbs))
    params = tuple((name, _arg(arg, Arg()) or Arg()) for name, arg in raw.get("params", {}).items())
    return CallRow(
        client=client,
        names=names,
        convention=raw["convention"],
        url=_arg(raw.get("url"), _URL_ARG) or _URL_ARG,
        method=_arg(raw.get("method"), None),
        data=_arg(raw.get("data"), None),
        options=raw.get("options"),
        body_options=raw.get("body_options"),
        method_keys=tuple(raw.get("method_keys", ("method",))),
        base_keys=tuple(raw.get("base_keys", ())),
        fixed_method=raw.get("fixed_method"),
        require_method=bool(raw.get("require_method", False)),
        imported=bool(raw.get("imported", False)),
        product=raw.get("product"),
        kind=raw.get("kind", "call"),
        returns=raw.get("returns"),
        join=raw.get("join"),
        path=raw.get("path"),
        params=params,
        steps=raw.get("steps"),
        default_method=raw.get("default_method"),
        setopt=raw.get("setopt"),
    )


def _command(raw: dict[str, Any]) -> Command:
    return Command(
        names=tuple(raw["names"]),
        convention=raw["convention"],
        short_with_value=frozenset(raw.get("short_with_value", "")),
        long_with_value=frozenset(raw.get("long_with_value", ())),
        short_aliases=dict(raw.get("short_aliases", {})),
        method_option=raw.get("method_option"),
        url_option=raw.get("url_option"),
        data_options=frozenset(raw.get("data_options", ())),
        flag_methods=tuple((flag, method) for flag, method in raw.get("flag_methods", [])),
        data_method=raw.get("data_method", "POST"),
        default_method=raw.get("default_method", "GET"),
        scheme_optional=bool(raw.get("scheme_optional", False)),
    )


def build(document: dict[str, Any]) -> ClientTable:
    """Index a parsed knowledge document (already valid against the schema)."""
    verbs = {name: method for name, method in document.get("verbs", {}).items()}
    exact: dict[str, CallRow] = {}
    any_receiver: dict[str, CallRow] = {}
    for client in document.get("client", []):
        for raw in client.get("call", []):
            row = _row(client["name"], raw, verbs)
            for name in row.names:
                if name.startswith("*."):
                    any_receiver.setdefault(name[2:], row)
                else:
                    exact.setdefault(name, row)
    commands: dict[str, Command] = {}
    for raw in document.get("command", []):
        command = _command(raw)
        for name in command.names:
            commands.setdefault(name, command)
    wrappers = {
        name: (frozenset(spec.get("options_with_value", ())), int(spec.get("positional", 0)))
        for name, spec in document.get("wrappers", {}).items()
    }
    oauth: dict[str, OAuthRow] = {}
    for library in document.get("oauth", []):
        for raw in library.get("scopes", []):
            oauth_row = OAuthRow(
                library=library["name"],
                names=tuple(raw["names"]),
                argument=_arg(raw["argument"], None) or Arg(),
                keys=tuple(raw.get("keys", ())),
            )
            for name in oauth_row.names:
                oauth.setdefault(name, oauth_row)
    return ClientTable(
        language=document["language"],
        oauth=oauth,
        verbs=verbs,
        exact=exact,
        any_receiver=any_receiver,
        lists={
            key: value if isinstance(value, str) else frozenset(value)
            for key, value in {**document.get("lists", {}), **document.get("not_calls", {})}.items()
        },
        body_verbs=frozenset(document.get("body_verbs", ())),
        commands=commands,
        wrappers=wrappers,
    )


@cache
def table(language: str) -> ClientTable:
    """The client table of ``language``, read once per process (see the module docstring)."""
    import json

    try:
        with open(KNOWLEDGE_DIR / f"{language}.json", "rb") as handle:
            return build(json.load(handle))
    except FileNotFoundError:
        return build(read_toml(KNOWLEDGE_DIR / f"{language}.toml"))


def read_toml(path: Path) -> dict[str, Any]:
    import tomllib

    with open(path, "rb") as handle:
        return tomllib.load(handle)


def knowledge_files() -> list[Path]:
    """The knowledge files (TOML, the source of truth)."""
    return sorted(KNOWLEDGE_DIR.glob("*.toml"))


def compiled(path: Path) -> str:
    """The JSON text ``make knowledge`` writes for the TOML file ``path``."""
    import json

    return json.dumps(read_toml(path), ensure_ascii=False, separators=(",", ":")) + "\n"


def main() -> None:
    """Write ``<language>.json`` next to every knowledge file (``make knowledge``)."""
    from scopelint.common.atomic import write_atomic

    for path in knowledge_files():
        write_atomic(path.with_suffix(".json"), compiled(path))


if __name__ == "__main__":
    main()
