"""The one safe YAML loading path: configuration files, Forge manifests and the fix editors
all read YAML through it.  It never constructs Python objects from tags and refuses
alias-heavy documents (an alias bomb) before loading them.
"""

from __future__ import annotations

from typing import Any

# A YAML document with more aliases than this is refused (it is not a hand-written config or
# manifest; it may be an alias bomb meant to blow up whatever walks the loaded data).
MAX_YAML_ALIASES = 500


class YamlTooComplex(ValueError):
    """A YAML document refused before loading (too many aliases)."""


def load_yaml_text(text: str, *, round_trip: bool = False) -> Any:
    """Load one YAML document safely.

    ``round_trip=True`` keeps line/column information (ruamel's CommentedMap/Seq ``.lc``);
    otherwise plain dicts/lists come back.  Neither loader constructs arbitrary objects from
    tags.  Raises ruamel's ``YAMLError`` subclasses on syntax errors and
    :class:`YamlTooComplex` when the document holds more than ``MAX_YAML_ALIASES`` aliases.
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.events import AliasEvent

    if "*" in text:
        aliases = 0
        for event in YAML(typ="safe", pure=True).parse(text):
            if isinstance(event, AliasEvent):
                aliases += 1
                if aliases > MAX_YAML_ALIASES:
                    raise YamlTooComplex(
                        f"more than {MAX_YAML_ALIASES} YAML aliases; refusing to load it"
                    )
    yaml = YAML(typ="rt" if round_trip else "safe", pure=True)
    return yaml.load(text)


def describe_yaml_error(exc: Exception) -> str:
    """One line for a YAML loading error: ``line N: problem``."""
    problem = getattr(exc, "problem", None) or (str(exc).strip().splitlines() or [repr(exc)])[0]
    problem = " ".join(str(problem).split())  # ruamel's problems may span lines
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = getattr(mark, "line", None)
    if isinstance(line, int):
        return f"line {line + 1}: {problem}"
    return problem
