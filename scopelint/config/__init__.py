"""Configuration: find the scopelint configuration file, read it, validate it strictly.

- :mod:`~scopelint.config.loading`: where a configuration lives, reading it, the
  :class:`Settings` it gives, and validation against ``scopelint/schemas/config.schema.json``;
- :mod:`~scopelint.config.safe_yaml`: the one safe YAML loading path every reader shares.

The names below are the package's public interface; import them from ``scopelint.config``.
"""

from scopelint.config.loading import (
    CONFIG_FILENAMES,
    PYPROJECT,
    RawConfig,
    Settings,
    TokenSettings,
    config_schema,
    find_config,
    is_config_filename,
    load_settings,
    parse_config_text,
    settings_from_config,
    validate_config,
)
from scopelint.config.safe_yaml import (
    MAX_YAML_ALIASES,
    YamlTooComplex,
    describe_yaml_error,
    load_yaml_text,
)

__all__ = [
    "CONFIG_FILENAMES",
    "MAX_YAML_ALIASES",
    "PYPROJECT",
    "RawConfig",
    "Settings",
    "TokenSettings",
    "YamlTooComplex",
    "config_schema",
    "describe_yaml_error",
    "find_config",
    "is_config_filename",
    "load_settings",
    "load_yaml_text",
    "parse_config_text",
    "settings_from_config",
    "validate_config",
]
