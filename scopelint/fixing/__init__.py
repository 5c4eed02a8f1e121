"""Fixes: edit declaration files in place and write changes safely.

- :mod:`~scopelint.fixing.scope_lists`: add/remove scopes in YAML/TOML scope lists (new text);
- :mod:`~scopelint.fixing.config_sites`: record ``sites`` host -> cloudId in a configuration;
- :mod:`~scopelint.fixing.plan`: merge the fixes of a run's findings per file and apply them
  (site URL -> gateway rewrites come as Edits from SL001, built with :mod:`scopelint.kb.hosts`);
- :mod:`~scopelint.fixing.apply`: apply Edits atomically (through
  :func:`scopelint.common.atomic.write_atomic`) or as a diff, refusing unsafe writes;
- :mod:`~scopelint.fixing.yaml_text` / :mod:`~scopelint.fixing.toml_text`: the in-place editors.
"""
