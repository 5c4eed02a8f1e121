"""Data classes that are cheap to define: ``dataclass`` and ``field`` as in :mod:`dataclasses`.

A hook run on an edited file defines ~40 data classes, and :func:`dataclasses.dataclass`
spent ~5 M instructions on each (callgrind; ~200 M of a 732 M run): it compiles every
generated method with its own ``exec`` of a few lines, computes a docstring with
``inspect.signature``, and ``import dataclasses`` brings ``inspect``, ``ast``, ``dis`` and
``tokenize`` (~40 M more).  This decorator gives the same classes (see bench/README.md for
the figures): the same ``__init__`` (positional or keyword, defaults, ``default_factory``
called per instance, ``__post_init__``), ``__repr__``, ``__eq__`` (a tuple of the compared
fields, only between instances of the same class), ``__hash__`` (of the hashed fields when
frozen; ``None`` when ``eq`` and not frozen, as dataclasses does), the ordering methods
(``order=True``), frozen instances (assigning or deleting a field raises
:class:`dataclasses.FrozenInstanceError`), ``__slots__`` (``slots=True``: a new class, as
dataclasses makes), ``__match_args__``, and pickling of frozen slotted instances.  Methods
the class body defines itself are kept.  ``__dataclass_fields__`` holds a :class:`Field` per
field, so :func:`dataclasses.replace`, :func:`dataclasses.fields`, :func:`dataclasses.asdict`
and :func:`dataclasses.is_dataclass` work on these classes (they import dataclasses when
called; defining a class does not).

What differs: nothing is compiled when a class is defined.  The ``__init__`` of every
class of scopelint is written out in :mod:`scopelint.common.record_inits` (by ``make records``;
a test fails when it is stale; a class not written there gets an ``__init__`` that binds its
arguments itself, slower but the same), and the other methods are closures over the field
names (``operator.attrgetter``).  A class without a docstring gets none (dataclasses computes
one from the signature).  Not supported (a TypeError when asked for): ``init=False`` fields,
``kw_only``, ``InitVar``, ``unsafe_hash``, ``match_args=False``, ``weakref_slot``.

:func:`replace` is :func:`dataclasses.replace` for these classes without importing
dataclasses.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from types import MappingProxyType
from typing import Any, TypeVar, dataclass_transform, overload

_T = TypeVar("_T")


class _Missing:
    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()  # no default (dataclasses.MISSING, without importing dataclasses)
_EMPTY: MappingProxyType[str, Any] = MappingProxyType({})


class Field:
    """One field of a class made by :func:`dataclass`, shaped as :class:`dataclasses.Field`
    (name, type as written, default, default_factory, init, repr, hash, compare, metadata,
    kw_only) so that the functions of :mod:`dataclasses` accept it."""

    __slots__ = ("_default", "_default_factory", "compare", "hash", "name", "repr", "type")
    init = True
    kw_only = False
    metadata = _EMPTY

    def __init__(self, default: Any, default_factory: Any, repr: bool, hash: bool | None,
                 compare: bool) -> None:
        self.name = ""
        self.type: Any = None
        self._default = default
        self._default_factory = default_factory
        self.repr = repr
        self.hash = hash
        self.compare = compare

    @property
    def default(self) -> Any:
        """The default value, or :data:`dataclasses.MISSING`."""
        return _missing() if self._default is MISSING else self._default

    @property
    def default_factory(self) -> Any:
        """The default's factory, or :data:`dataclasses.MISSING`."""
        return _missing() if self._default_factory is MISSING else self._default_factory

    @property
    def _field_type(self) -> object:  # what dataclasses.fields() filters on: a plain field
        import dataclasses

        return dataclasses._FIELD  # type: ignore[attr-defined]

    def __repr__(self) -> str:
        return (f"Field(name={self.name!r},type={self.type!r},default={self._default!r},"
                f"default_factory={self._default_factory!r},init=True,repr={self.repr!r},"
                f"hash={self.hash!r},compare={self.compare!r},metadata={self.metadata!r},"
                f"kw_only=False)")


def _missing() -> Any:
    import dataclasses

    return dataclasses.MISSING


@overload
def field(*, default: _T, repr: bool = True, hash: bool | None = None, compare: bool = True) -> _T: ...
@overload
def field(*, default_factory: Callable[[], _T], repr: bool = True, hash: bool | None = None,
          compare: bool = True) -> _T: ...
@overload
def field(*, repr: bool = True, hash: bool | None = None, compare: bool = True) -> Any: ...
def field(*, default: Any = MISSING, default_factory: Any = MISSING, repr: bool = True,
          hash: bool | None = None, compare: bool = True) -> Any:
    """A field's options, as :func:`dataclasses.field` (ValueError when both defaults are given)."""
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError("cannot specify both default and default_factory")
    return Field(default, default_factory, repr, hash, compare)


# -- __init__ methods: written out in scopelint/common/record_inits.py (no exec, no compiling)

REGISTRY: list[tuple[str, type, str]] = []  # (key, class, kinds: "frozen slots post_init ") of each class


def shape(fields: list[Field], kinds: str) -> str:
    """What a class's ``__init__`` depends on: its ``kinds`` (``"frozen slots post_init "``:
    frozen, a field is set through its slot, it calls ``__post_init__``) and its fields in
    order (``=`` a default, ``()`` a default's factory)."""
    marks = [item.name + ("()" if item._default_factory is not MISSING
                          else "=" if item._default is not MISSING else "") for item in fields]
    return kinds + ", ".join(marks)


def init_source(key: str, fields: list[Field], kinds: str) -> str:
    """The source of the maker of a class's ``__init__`` in record_inits.py: called with
    :data:`MISSING`, the default factories (in field order) and, for a frozen class with
    slots, the ``__set__`` of each field's slot, it returns the ``__init__``, whose defaults
    (``__defaults__``) :func:`dataclass` sets."""
    maker = "_" + key.replace(".", "_").replace(":", "__")
    factories = [item.name for item in fields if item._default_factory is not MISSING]
    frozen, slots = "frozen " in kinds, "slots " in kinds
    lines = [f"def {maker}(MISSING: Any, factories: tuple[Any, ...], setters: tuple[Any, ...]) -> Any:"]
    if factories:
        lines.append(f"    {', '.join('f_' + name for name in factories)}, = factories")
    if frozen and slots and fields:
        lines.append(f"    {', '.join('s_' + item.name for item in fields)}, = setters")
    elif frozen:
        lines.append("    setter = object.__setattr__")
    parameters = ", ".join(["self: Any", *(f"{item.name}: Any" for item in fields)])
    lines.append(f"    def __init__({parameters}) -> None:")
    statements = []  # on one line: the file holds every class of scopelint
    for item in fields:
        name = item.name
        value = f"f_{name}() if {name} is MISSING else {name}" if name in factories else name
        statements.append(f"s_{name}(self, {value})" if frozen and slots
                          else f"setter(self, {name!r}, {value})" if frozen else f"self.{name} = {value}")
    if "post_init " in kinds:
        statements.append("self.__post_init__()")
    lines.append("        " + ("; ".join(statements) or "pass"))
    lines += ["    return __init__", "", ""]
    return "\n".join(lines)


def _make_init(cls: type, fields: list[Field], frozen: bool) -> Callable[..., None]:
    post_init = hasattr(cls, "__post_init__")
    slots = [cls.__dict__.get(item.name) for item in fields]
    through_slots = frozen and all(type(slot) is _MEMBER for slot in slots)
    kinds = ("frozen " if frozen else "") + ("slots " if through_slots else "") + (
        "post_init " if post_init else "")
    key = f"{cls.__module__.removeprefix('scopelint.')}:{cls.__qualname__}"
    REGISTRY.append((key, cls, kinds))
    from scopelint.common.record_inits import INITS

    written = INITS.get(key)
    if written is not None and written[0] == shape(fields, kinds):
        factories = tuple(item._default_factory for item in fields if item._default_factory is not MISSING)
        setters = tuple(slot.__set__ for slot in slots) if through_slots else ()  # type: ignore[union-attr]
        init: Callable[..., None] = written[1](MISSING, factories, setters)
    else:  # a class record_inits.py does not have, or has in another shape (run `make records`)
        init = _generic_init(cls, fields, frozen, post_init)
    defaults = [item._default if item._default_factory is MISSING else MISSING
                for item in fields if item._default is not MISSING or item._default_factory is not MISSING]
    init.__defaults__ = tuple(defaults) or None
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    return init


class _Slotted:
    __slots__ = ("slot",)


_MEMBER = type(_Slotted.__dict__["slot"])  # the type of a slot's descriptor (member_descriptor)


def _generic_init(cls: type, fields: list[Field], frozen: bool, post_init: bool) -> Callable[..., None]:
    """An ``__init__`` that binds its arguments itself (slower than a written one)."""
    names = [item.name for item in fields]
    required = len([item for item in fields
                    if item._default is MISSING and item._default_factory is MISSING])

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        if len(args) > len(names):
            raise TypeError(f"__init__() takes {len(names) + 1} positional arguments but "
                            f"{len(args) + 1} were given")
        values = dict(zip(names, args, strict=False))
        for name, value in kwargs.items():
            if name not in names:
                raise TypeError(f"__init__() got an unexpected keyword argument {name!r}")
            if name in values:
                raise TypeError(f"__init__() got multiple values for argument {name!r}")
            values[name] = value
        defaults = __init__.__defaults__ or ()
        for number, name in enumerate(names):
            if name not in values:
                if number < required:
                    raise TypeError(f"__init__() missing required argument: {name!r}")
                values[name] = defaults[number - required]
            value = values[name]
            item = fields[number]
            if value is MISSING and item._default_factory is not MISSING:
                value = item._default_factory()
            if frozen:
                object.__setattr__(self, name, value)
            else:
                setattr(self, name, value)
        if post_init:
            self.__post_init__()

    return __init__


# -- the other methods: closures over the fields' names


def _tuple_of(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    if len(names) >= 2:
        return attrgetter(*names)
    if names:
        one = attrgetter(names[0])
        return lambda self: (one(self),)
    return lambda self: ()


def _eq(key: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any, Any], Any]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return key(self) == key(other)
        return NotImplemented

    return __eq__


def _order(key: Callable[[Any], tuple[Any, ...]]) -> dict[str, Callable[[Any, Any], Any]]:
    def __lt__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return key(self) < key(other)
        return NotImplemented

    def __le__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return key(self) <= key(other)
        return NotImplemented

    def __gt__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return key(self) > key(other)
        return NotImplemented

    def __ge__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return key(self) >= key(other)
        return NotImplemented

    return {"__lt__": __lt__, "__le__": __le__, "__gt__": __gt__, "__ge__": __ge__}


def _hash(key: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any], int]:
    def __hash__(self: Any) -> int:
        return hash(key(self))

    return __hash__


def _repr(names: tuple[str, ...]) -> Callable[[Any], str]:
    shown = tuple((f"{name}=", attrgetter(name)) for name in names)

    def __repr__(self: Any) -> str:
        name: str = self.__class__.__qualname__
        return name + "(" + ", ".join([label + repr(get(self)) for label, get in shown]) + ")"

    return __repr__


def _frozen(cls: type, names: frozenset[str]) -> dict[str, Callable[..., None]]:
    def __setattr__(self: Any, name: str, value: Any) -> None:
        if type(self) is cls or name in names:
            from dataclasses import FrozenInstanceError

            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        object.__setattr__(self, name, value)  # not a field of a subclass

    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            from dataclasses import FrozenInstanceError

            raise FrozenInstanceError(f"cannot delete field {name!r}")
        object.__delattr__(self, name)

    return {"__setattr__": __setattr__, "__delattr__": __delattr__}


def _state(names: tuple[str, ...]) -> dict[str, Callable[..., Any]]:
    values = _tuple_of(names)

    def __getstate__(self: Any) -> list[Any]:
        return list(values(self))

    def __setstate__(self: Any, state: list[Any]) -> None:
        for name, value in zip(names, state, strict=True):
            object.__setattr__(self, name, value)

    return {"__getstate__": __getstate__, "__setstate__": __setstate__}


def _is_class_var(annotation: object) -> bool:
    if isinstance(annotation, str):
        return annotation.startswith(("ClassVar", "typing.ClassVar", "t.ClassVar"))
    return str(annotation).startswith("typing.ClassVar")


def _process(cls: type, eq: bool, order: bool, frozen: bool, slots: bool) -> type:
    fields: dict[str, Field] = {}
    for base in reversed(cls.__mro__[1:]):
        fields.update(base.__dict__.get("__dataclass_fields__", {}))
    body = cls.__dict__
    for name, annotation in body.get("__annotations__", {}).items():
        if _is_class_var(annotation):
            continue
        if annotation in ("InitVar", "KW_ONLY") or str(annotation).startswith(("InitVar", "dataclasses.")):
            raise TypeError(f"{cls.__qualname__}.{name}: not supported by scopelint.common.records")
        value = body.get(name, MISSING)
        item = value if isinstance(value, Field) else Field(value, MISSING, True, None, True)
        item.name = name
        item.type = annotation
        fields[name] = item
    listed = list(fields.values())
    seen_default = False
    for item in listed:
        has_default = item._default is not MISSING or item._default_factory is not MISSING
        if seen_default and not has_default:
            raise TypeError(f"non-default argument {item.name!r} follows default argument")
        seen_default = seen_default or has_default
        if item._default is not MISSING and type(item._default).__hash__ is None:
            raise ValueError(f"mutable default {type(item._default)} for field {item.name} "
                             "is not allowed: use default_factory")
    names = tuple(fields)
    explicit_hash = "__hash__" in body and not (body["__hash__"] is None and "__eq__" in body)
    if slots:
        namespace = dict(body)
        inherited = {slot for base in cls.__mro__[1:-1] for slot in base.__dict__.get("__slots__", ())}
        namespace["__slots__"] = tuple(name for name in names if name not in inherited)
        for name in names:
            namespace.pop(name, None)
        namespace.pop("__dict__", None)
        namespace.pop("__weakref__", None)
        qualname = cls.__qualname__
        cls = type(cls)(cls.__name__, cls.__bases__, namespace)
        cls.__qualname__ = qualname
        body = cls.__dict__
    else:
        for item in listed:
            if item._default is not MISSING:
                setattr(cls, item.name, item._default)
            elif isinstance(body.get(item.name), Field):
                delattr(cls, item.name)
    compared = tuple(item.name for item in listed if item.compare)
    methods: dict[str, Any] = {"__repr__": _repr(tuple(item.name for item in listed if item.repr)),
                               "__replace__": _replace}  # copy.replace (Python 3.13), as dataclasses
    if eq:
        methods["__eq__"] = _eq(_tuple_of(compared))
    if order:
        methods.update(_order(_tuple_of(compared)))
    if frozen:
        for name in ("__setattr__", "__delattr__"):
            if name in body:
                raise TypeError(f"Cannot overwrite attribute {name} in class {cls.__name__}")
        methods.update(_frozen(cls, frozenset(names)))
        if slots:
            methods.update(_state(names))
    for name, method in methods.items():
        if name not in body:
            method.__qualname__ = f"{cls.__qualname__}.{name}"
            setattr(cls, name, method)
    if eq and not explicit_hash:  # as dataclasses: hashed fields when frozen, else unhashable
        hashed = tuple(item.name for item in listed if (item.compare if item.hash is None else item.hash))
        cls.__hash__ = _hash(_tuple_of(hashed)) if frozen else None  # type: ignore[assignment]
        if frozen:
            cls.__hash__.__qualname__ = f"{cls.__qualname__}.__hash__"
    cls.__dataclass_fields__ = fields  # type: ignore[attr-defined]
    if "__match_args__" not in body:
        type.__setattr__(cls, "__match_args__", names)
    if "__init__" not in body:
        cls.__init__ = _make_init(cls, listed, frozen)  # type: ignore[misc]
    return cls


@overload
def dataclass(cls: type[_T], /) -> type[_T]: ...
@overload
def dataclass(*, eq: bool = True, order: bool = False, frozen: bool = False,
              slots: bool = False) -> Callable[[type[_T]], type[_T]]: ...
@dataclass_transform(field_specifiers=(field, Field))
def dataclass(cls: type[_T] | None = None, /, *, eq: bool = True, order: bool = False,
              frozen: bool = False, slots: bool = False) -> Any:
    """:func:`dataclasses.dataclass` with ``eq``, ``order``, ``frozen`` and ``slots`` (the
    options scopelint uses), cheaper to apply; see the module docstring for what differs."""
    if order and not eq:
        raise ValueError("eq must be true if order is true")

    def wrap(klass: type[_T]) -> type[_T]:
        return _process(klass, eq, order, frozen, slots)

    return wrap if cls is None else wrap(cls)


def _replace(self: Any, /, **changes: Any) -> Any:
    return replace(self, **changes)


def replace(obj: _T, /, **changes: Any) -> _T:
    """A copy of ``obj`` with ``changes``, as :func:`dataclasses.replace` (which it calls for a
    class made by dataclasses itself); TypeError for a field the class does not have."""
    fields = getattr(type(obj), "__dataclass_fields__", None)
    if fields is None or not all(type(item) is Field for item in fields.values()):
        import dataclasses

        return dataclasses.replace(obj, **changes)  # type: ignore[type-var]
    for name in fields:
        if name not in changes:
            changes[name] = getattr(obj, name)
    return type(obj)(**changes)
