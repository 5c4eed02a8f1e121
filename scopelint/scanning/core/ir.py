"""A small language-neutral model of one source file, for the languages that share one engine.

Java, Kotlin, Go and PHP packages turn their tree-sitter trees into this model (a *front-end*
per language, a few hundred lines each); :mod:`.values` evaluates its expressions into URL
templates and :mod:`.recognise` finds the client calls of the language's knowledge file in it.
The model keeps only what a request can be built from:

* expressions: string literals with interpolated parts (:class:`Str`), concatenation
  (:class:`Concat`), names (:class:`Name`), member access (:class:`Attr`: ``a.b``, ``$a->b``,
  ``A::B``, ``a['b']``), calls and constructions (:class:`Call`, also annotations such as
  Retrofit's ``@GET("...")``), keyed literals (:class:`Mapping`: a Go struct literal, a PHP
  array, named arguments) and anything else (:class:`Opaque`);
* scopes (:class:`Scope`: file, class, function) with their parameters, declared types,
  assignments in source order (:class:`Binding`, ``=`` or ``+=``) and returned expressions;
* the file's imports (local name -> qualified name), its package or namespace, and every call
  and string literal in document order.

Offsets are byte offsets into the UTF-8 data the front-end parsed.  Everything is a plain
slotted class (see ``scanning/README.md``, "Keeping the hook path lean").
"""

from __future__ import annotations

from collections.abc import Mapping as MappingABC


class Expr:
    """An expression: ``start``/``end`` are byte offsets; ``scope`` the index of its scope."""

    __slots__ = ("end", "scope", "start")

    def __init__(self, start: int, end: int, scope: int) -> None:
        self.start = start
        self.end = end
        self.scope = scope

    def __repr__(self) -> str:
        return f"{type(self).__name__}@{self.start}"


class Str(Expr):
    """A string literal; ``parts`` are literal text and interpolated expressions, in order."""

    __slots__ = ("parts",)

    def __init__(self, start: int, end: int, scope: int, parts: tuple[str | Expr, ...]) -> None:
        super().__init__(start, end, scope)
        self.parts = parts


class Concat(Expr):
    """``a + b + c`` (``.`` in PHP) as one flat list."""

    __slots__ = ("items",)

    def __init__(self, start: int, end: int, scope: int, items: tuple[Expr, ...]) -> None:
        super().__init__(start, end, scope)
        self.items = items


class Name(Expr):
    """An identifier; ``this`` / ``self`` / ``$this`` are the name ``this``."""

    __slots__ = ("name",)

    def __init__(self, start: int, end: int, scope: int, name: str) -> None:
        super().__init__(start, end, scope)
        self.name = name


class Attr(Expr):
    """``obj.name`` (a field, a static member, a constant of a class, a key of an array)."""

    __slots__ = ("name", "obj")

    def __init__(self, start: int, end: int, scope: int, obj: Expr, name: str) -> None:
        super().__init__(start, end, scope)
        self.obj = obj
        self.name = name


class Call(Expr):
    """A call, a construction (``new``: ``func`` names the type) or an annotation.

    ``func`` is a :class:`Name` or :class:`Attr` (None when the callee is an expression the
    model does not keep); ``name`` the called name (last segment).  ``keywords`` holds named
    arguments (Kotlin ``f(x = 1)``, PHP 8 ``f(x: 1)``, Java annotation ``@HTTP(method = "GET")``).
    """

    __slots__ = ("annotation", "args", "func", "keywords", "name", "new")

    def __init__(
        self, start: int, end: int, scope: int, func: Expr | None, name: str,
        args: tuple[Expr, ...] = (), keywords: MappingABC[str, Expr] | None = None,
        new: bool = False, annotation: bool = False,
    ) -> None:
        super().__init__(start, end, scope)
        self.func = func
        self.name = name
        self.args = args
        self.keywords: MappingABC[str, Expr] = keywords or {}
        self.new = new
        self.annotation = annotation

    @property
    def receiver(self) -> Expr | None:
        """``a.b()`` -> ``a``; None for a plain function call."""
        return self.func.obj if isinstance(self.func, Attr) else None

    def __repr__(self) -> str:
        return f"Call({self.name}@{self.start})"


class Mapping(Expr):
    """A keyed literal: a Go composite literal (``type``: the type as written), a PHP array
    (string or constant keys; positional values in ``values``), a Java ``Map.of``."""

    __slots__ = ("items", "type", "values")

    def __init__(
        self, start: int, end: int, scope: int, type_name: str | None,
        items: MappingABC[str, Expr], values: tuple[Expr, ...] = (),
    ) -> None:
        super().__init__(start, end, scope)
        self.type = type_name
        self.items = items
        self.values = values


class Opaque(Expr):
    """Anything the model does not read; ``hint`` names its placeholder (or None: ``{}``)."""

    __slots__ = ("hint",)

    def __init__(self, start: int, end: int, scope: int, hint: str | None = None) -> None:
        super().__init__(start, end, scope)
        self.hint = hint


class Function(Expr):
    """A function literal (a closure, a lambda, a handler passed to a route): not a value."""

    __slots__ = ()


class Binding:
    """One assignment to a name: at byte ``pos``, ``op`` ``=`` or ``+=``."""

    __slots__ = ("op", "pos", "value")

    def __init__(self, pos: int, value: Expr, op: str = "=") -> None:
        self.pos = pos
        self.value = value
        self.op = op


class Scope:
    """A file, a class (a Go struct type) or a function (a method, a closure).

    ``bindings`` maps a name (``x``, or ``x.Path`` for an assignment to a field of a local) to
    its assignments in source order.  In a class scope they are its fields, whatever method
    assigns them (``this.x = ...``).  ``types`` are declared types as written;
    ``owner`` is a method's class scope (-1: none); ``base`` a class's superclass as written.
    """

    __slots__ = ("base", "bindings", "end", "kind", "name", "owner", "params", "parent",
                 "returns", "start", "types")

    def __init__(self, kind: str, name: str | None, start: int, end: int, parent: int) -> None:
        self.kind = kind
        self.name = name
        self.start = start
        self.end = end
        self.parent = parent
        self.owner = -1
        self.base: str | None = None
        self.params: dict[str, int] = {}
        self.types: dict[str, str] = {}
        self.bindings: dict[str, list[Binding]] = {}
        self.returns: list[Expr] = []

    def bind(self, name: str, binding: Binding) -> None:
        self.bindings.setdefault(name, []).append(binding)

    def __repr__(self) -> str:
        return f"Scope({self.kind} {self.name} {self.start}-{self.end})"


class Module:
    """One file in the model.  ``imports``: local name -> qualified name (``.``-separated; Go
    keeps the import path: ``net/http``); ``package``: the file's own package or namespace;
    ``classes`` / ``functions``: names declared in the file -> scope index."""

    __slots__ = ("bare_fields", "calls", "classes", "constants", "data", "functions", "imports",
                 "language", "package", "scopes", "star_imports", "static_imports", "strings")

    def __init__(self, language: str, data: bytes, bare_fields: bool = False) -> None:
        self.language = language
        self.bare_fields = bare_fields  # a method sees its class's fields by bare name (Java)
        self.data = data
        self.package = ""
        self.imports: dict[str, str] = {}
        self.static_imports: dict[str, str] = {}  # Java `import static a.B.C;`: C -> a.B.C
        # on-demand imports: Java `import static a.B.*;` -> a.B, `import a.b.*;` -> a.b
        self.star_imports: list[str] = []
        # constants other files can read (Java `public static final`): (class scope, name,
        # byte offset of the name)
        self.constants: list[tuple[int, str, int]] = []
        self.scopes: list[Scope] = [Scope("file", None, 0, len(data), -1)]
        self.calls: list[Call] = []
        self.strings: list[Expr] = []  # string literals and concatenations holding one
        self.classes: dict[str, int] = {}
        self.functions: dict[str, int] = {}

    def new_scope(self, kind: str, name: str | None, start: int, end: int, parent: int) -> int:
        self.scopes.append(Scope(kind, name, start, end, parent))
        return len(self.scopes) - 1

    def text(self, start: int, end: int) -> str:
        return self.data[start:end].decode("utf-8", errors="replace")

    def up(self, index: int) -> int:
        """The next scope a bare name is looked up in after scope ``index`` (-1: none)."""
        current = self.scopes[index]
        nxt = current.owner if current.owner >= 0 else current.parent
        if not self.bare_fields:
            while nxt >= 0 and self.scopes[nxt].kind == "class":
                nxt = self.scopes[nxt].parent
        return nxt

    def class_of(self, scope: int) -> int:
        """The class scope a scope belongs to (its method's owner), or -1."""
        index = scope
        for _ in range(64):
            if index < 0:
                return -1
            current = self.scopes[index]
            if current.kind == "class":
                return index
            if current.owner >= 0:
                return current.owner
            index = current.parent
        return -1
