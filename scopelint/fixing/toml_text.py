"""Edit TOML text with tomlkit, which keeps every byte it was not asked to change."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from scopelint.fixing.yaml_text import EditError, PathKey


def parse(text: str) -> Any:
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    try:
        return tomlkit.parse(text)
    except TOMLKitError as exc:
        raise EditError(f"not valid TOML ({(str(exc).splitlines() or ['?'])[0]})") from None


def load_data(text: str) -> dict[str, Any]:
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise EditError(f"not valid TOML ({(str(exc).splitlines() or ['?'])[0]})") from None
    except (RecursionError, MemoryError):
        raise EditError("not valid TOML (nested too deeply)") from None


def path_text(path: Sequence[PathKey]) -> str:
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text or "top level"


def is_table(value: Any) -> bool:
    from tomlkit.container import Container, OutOfOrderTableProxy
    from tomlkit.items import InlineTable, Table

    return isinstance(value, Table | InlineTable | Container | OutOfOrderTableProxy)


def table_at(document: Any, path: Sequence[PathKey], create: bool) -> Any:
    """The table at ``path`` (an int step indexes an array of tables); created when asked.

    None when it is missing and ``create`` is false.
    """
    import tomlkit

    node: Any = document
    for depth, step in enumerate(path):
        where = path_text(path[: depth + 1])
        if isinstance(step, int):
            try:
                node = node[step]
            except (IndexError, KeyError, TypeError):
                raise EditError(f"{where}: no such entry") from None
            continue
        if step not in node:
            if not create:
                return None
            if any(isinstance(s, int) for s in path[depth + 1:]):
                raise EditError(f"{where}: cannot create an array entry")
            node.add(step, tomlkit.table(is_super_table=depth < len(path) - 1))
        node = node[step]
        if not is_table(node) and not _is_array_of_tables(node):
            raise EditError(f"{where} is not a table")
    if not is_table(node):
        raise EditError(f"{path_text(path)} is not a table")
    return node


def _is_array_of_tables(value: Any) -> bool:
    from tomlkit.items import AoT

    return isinstance(value, AoT)


def string_like(array: Any, value: str) -> Any:
    """A tomlkit string for ``value`` quoted like the array's first string."""
    import tomlkit
    from tomlkit.items import String, StringType

    literal = False
    for item in array:
        if isinstance(item, String):
            literal = item.type == StringType.SLL
            break
    if literal and "'" not in value and "\n" not in value:
        return tomlkit.string(value, literal=True)
    return tomlkit.string(value)
