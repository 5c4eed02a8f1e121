"""Project settings: find the scopelint configuration file, read it, validate it strictly.

A configuration lives in ``.scopelint.yaml`` / ``.scopelint.yml`` / ``.scopelint.toml`` (keys at
the top level) or in the ``[tool.scopelint]`` table of ``pyproject.toml``.  The file is checked
against ``schemas/config.schema.json``; anything the schema rejects is a :class:`ConfigError`
whose one-line message names the file and the offending key.

YAML is read through :mod:`scopelint.config.safe_yaml`, the one safe loading path.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from scopelint.common.lazy_re import lazy_compile
from scopelint.common.records import dataclass, field
from scopelint.config.safe_yaml import YamlTooComplex, describe_yaml_error, load_yaml_text
from scopelint.errors import ConfigError

CONFIG_FILENAMES: tuple[str, ...] = (".scopelint.yaml", ".scopelint.yml", ".scopelint.toml")
PYPROJECT = "pyproject.toml"
CONFIG_SUFFIXES = (".toml", ".yaml", ".yml")  # how a file given with --config is read


@dataclass(frozen=True, slots=True)
class TokenSettings:
    """A token that only some paths use (one ``tokens`` entry)."""

    name: str | None
    paths: tuple[str, ...]
    scopes: tuple[str, ...]


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] = ()  # rule codes or prefixes ("SL00"); empty: all rules
    ignore: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()  # gitignore-style patterns
    per_path_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)  # glob -> codes
    sites: dict[str, str] = field(default_factory=dict)  # "acme.atlassian.net" -> cloudId
    scopes: tuple[str, ...] | None = None  # top-level declared scopes (None: none declared)
    config_path: Path | None = None
    tokens: tuple[TokenSettings, ...] = ()  # per-path tokens (also emitted as declarations)


def _toml_error_text(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [repr(exc)])[0]


# --------------------------------------------------------------------------- reading


@dataclass(frozen=True, slots=True)
class RawConfig:
    """A configuration table as read from a file, before validation."""

    data: dict[str, Any]
    key_prefix: str  # how the table is named in messages: "tool.scopelint" or ""


def is_config_filename(name: str) -> bool:
    return name in CONFIG_FILENAMES or name == PYPROJECT


def parse_config_text(text: str, filename: str, shown_as: str) -> RawConfig | None:
    """Read a configuration table out of a file's text.

    ``filename`` (the base name) selects the format; ``shown_as`` is how messages name the
    file.  Returns None for a ``pyproject.toml`` without ``[tool.scopelint]``.  Raises
    :class:`ConfigError` for a file that cannot be parsed or whose top level is not a table.
    """
    if filename.lower().endswith(".toml"):
        import tomllib

        try:
            document = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{shown_as}: invalid TOML: {_toml_error_text(exc)}") from None
        except (RecursionError, MemoryError):  # tomllib recurses per nested array or table
            raise ConfigError(f"{shown_as}: invalid TOML: nested too deeply") from None
        tool = document.get("tool")
        if filename == PYPROJECT or (set(document) == {"tool"} and isinstance(tool, dict)
                                     and "scopelint" in tool):
            if not isinstance(tool, dict) or "scopelint" not in tool:
                return None
            table = tool["scopelint"]
            if not isinstance(table, dict):
                raise ConfigError(f"{shown_as}: tool.scopelint must be a table")
            return RawConfig(table, "tool.scopelint")
        return RawConfig(document, "")

    try:
        document = load_yaml_text(text)
    except YamlTooComplex as exc:
        raise ConfigError(f"{shown_as}: {exc}") from None
    except Exception as exc:  # ruamel's YAMLError family and its scanner/reader errors
        raise ConfigError(f"{shown_as}: invalid YAML at {describe_yaml_error(exc)}") from None
    if document is None:
        return RawConfig({}, "")
    if not isinstance(document, dict):
        raise ConfigError(
            f"{shown_as}: expected a mapping of settings at the top level, "
            f"got {_describe_type(document)}"
        )
    return RawConfig(document, "")


# --------------------------------------------------------------------------- validation


@cache
def config_schema() -> dict[str, Any]:
    """The JSON Schema of a configuration table (``scopelint/schemas/config.schema.json``)."""
    from importlib.resources import files

    text = files("scopelint").joinpath("schemas", "config.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def validate_config(raw: RawConfig, shown_as: str) -> None:
    """Raise :class:`ConfigError` naming the first problem (in file order of keys)."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(config_schema())
    keys = list(raw.data)
    errors = sorted(validator.iter_errors(raw.data), key=lambda error: _error_order(error, keys))
    if not errors:
        return
    first = errors[0]
    where = _json_path(raw.key_prefix, list(first.absolute_path))
    more = f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})" \
        if len(errors) > 1 else ""
    raise ConfigError(f"{shown_as}: {where}: {_reason(first, raw.data)}{more}")


def _error_order(error: Any, keys: list[Any]) -> tuple[int, int, str]:
    """Problems in the order their top-level keys appear in the file."""
    parts = list(error.absolute_path)
    if parts:
        top = parts[0]
    elif error.validator == "additionalProperties" and isinstance(error.instance, Mapping):
        known = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
        top = next((key for key in error.instance if key not in known), None)
    else:
        top = None
    index = keys.index(top) if top in keys else len(keys)
    return (index, len(parts), str(parts))


_BARE_KEY = lazy_compile(r"^[A-Za-z0-9_-]+$")


def _json_path(prefix: str, parts: Sequence[object]) -> str:
    text = prefix
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            key = str(part) if _BARE_KEY.match(str(part)) else json.dumps(str(part))
            text = f"{text}.{key}" if text else key
    return text or "top level"


def _describe_type(value: object) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, str):
        return f"a string ({value!r})"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, Mapping):
        return "a table/mapping"
    if isinstance(value, list | tuple):
        return "a list"
    return f"a {type(value).__name__}"


_EXPECTED = {
    "array": "a list",
    "object": "a table/mapping",
    "string": "a string",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
}


def _reason(error: Any, data: Mapping[str, Any]) -> str:
    kind = error.validator
    schema = error.schema if isinstance(error.schema, dict) else {}
    if kind == "additionalProperties" and isinstance(error.instance, Mapping):
        known = sorted(schema.get("properties", {}))
        unknown = [key for key in error.instance if key not in known]
        if unknown:
            key = unknown[0]
            import difflib  # only for an unknown key's "did you mean"

            hint = difflib.get_close_matches(str(key), known, n=1)
            suggestion = f"did you mean {hint[0]!r}? " if hint else ""
            return f"unknown key {key!r} ({suggestion}known keys: {', '.join(known)})"
    if kind == "type":
        expected = error.validator_value
        names = [expected] if isinstance(expected, str) else list(expected)
        wanted = " or ".join(_EXPECTED.get(name, name) for name in names)
        return f"expected {wanted}, got {_describe_type(error.instance)}"
    if kind == "pattern" and "x-error" in schema:
        return f"{error.instance!r} {schema['x-error']}"
    if kind == "required":
        missing = [key for key in error.validator_value if key not in error.instance]
        return f"missing required key {missing[0]!r}" if missing else error.message
    if kind in ("minItems", "minLength"):
        return "must not be empty"
    if kind == "not" and "per-path-ignores" in data and "per_path_ignores" in data:
        return "use either 'per-path-ignores' or 'per_path_ignores', not both"
    message: str = error.message
    return message.splitlines()[0]


# --------------------------------------------------------------------------- settings


def settings_from_config(raw: RawConfig, path: Path | None) -> Settings:
    """Settings from a table that :func:`validate_config` accepted."""
    data = raw.data
    ignores = data.get("per-path-ignores", data.get("per_path_ignores", {}))
    scopes = data.get("scopes")
    return Settings(
        select=_strings(data.get("select", ())),
        ignore=_strings(data.get("ignore", ())),
        exclude=_strings(data.get("exclude", ())),
        per_path_ignores={str(glob): _strings(codes) for glob, codes in ignores.items()},
        sites={str(host).lower(): str(cloud) for host, cloud in data.get("sites", {}).items()},
        scopes=None if scopes is None else _unique(_strings(scopes)),
        config_path=path,
        tokens=tuple(
            TokenSettings(
                name=entry.get("name"),
                paths=_strings(entry["paths"]),
                scopes=_unique(_strings(entry["scopes"])),
            )
            for entry in data.get("tokens", ())
        ),
    )


def _strings(values: Iterable[object]) -> tuple[str, ...]:
    return tuple(str(value) for value in values)


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def load_settings(path: Path | None) -> Settings:
    """Read and strictly validate a configuration file; ``None`` gives the defaults."""
    if path is None:
        return Settings()
    shown_as = str(path)
    if not path.name.lower().endswith(CONFIG_SUFFIXES):
        raise ConfigError(
            f"{shown_as}: a configuration file is TOML (.toml) or YAML (.yaml, .yml); "
            "its name's suffix says which"
        )
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ConfigError(f"{shown_as}: cannot read the configuration file: {reason}") from None
    raw = parse_config_text(text, path.name, shown_as)
    if raw is None:
        raise ConfigError(f"{shown_as}: has no [tool.scopelint] table")
    _validate_once(raw, text, path.name, shown_as)
    return settings_from_config(raw, path)


def _validate_once(raw: RawConfig, text: str, filename: str, shown_as: str) -> None:
    """:func:`validate_config`, skipped for a text that already passed (remembered in the cache).

    Loading the JSON Schema validator costs more than the rest of a pre-commit run, and a
    project's configuration rarely changes.  Only success is remembered: an invalid file is
    validated, and fails with the same message, every time.
    """
    from scopelint import __version__
    from scopelint.common import user_cache

    try:
        schema = (Path(__file__).parent.parent / "schemas" / "config.schema.json").read_bytes()
    except OSError:  # not a plain folder (a zip import): validate every time
        validate_config(raw, shown_as)
        return
    digest = user_cache.config_digest(text, filename, schema, __version__)
    if user_cache.is_known_valid(digest):
        return
    validate_config(raw, shown_as)
    user_cache.remember_valid(digest)


def find_config(start: Path) -> Path | None:
    """The configuration that governs ``start`` (a file or directory).

    Walks up from ``start``; in each directory the first of ``.scopelint.yaml``,
    ``.scopelint.yml``, ``.scopelint.toml`` wins, then a ``pyproject.toml`` that has a
    ``[tool.scopelint]`` table.  The walk stops after a directory that holds ``.git``
    (the repository root) and at the filesystem root.
    """
    here = start.absolute()
    if not here.is_dir():
        here = here.parent
    for directory in (here, *here.parents):
        for name in CONFIG_FILENAMES:
            candidate = directory / name
            if candidate.is_file():
                return candidate
        pyproject = directory / PYPROJECT
        if pyproject.is_file() and _pyproject_has_table(pyproject):
            return pyproject
        if (directory / ".git").exists():
            return None
    return None


_TABLE_HINT = lazy_compile(r"^\s*(\[{1,2}\s*)?tool\s*\.\s*scopelint\b", re.MULTILINE)


def _pyproject_has_table(path: Path) -> bool:
    import tomllib

    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return False
    if "scopelint" not in text:
        return False
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        if _TABLE_HINT.search(text):
            raise ConfigError(f"{path}: invalid TOML: {_toml_error_text(exc)}") from None
        return False
    except (RecursionError, MemoryError):
        if _TABLE_HINT.search(text):
            raise ConfigError(f"{path}: invalid TOML: nested too deeply") from None
        return False
    tool = document.get("tool")
    return isinstance(tool, dict) and "scopelint" in tool
