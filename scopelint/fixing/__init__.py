"""Fixes: edit declaration files in place and write changes safely.

- :mod:`~scopelint.fixing.scope_lists`: add/remove scopes in YAML/TOML scope lists (new text);
- :mod:`~scopelint.fixing.config_sites`: record ``sites`` host -> cloudId in a configuration;
- :mod:`~scopelint.fixing.gateway`: rewrite site URLs to the api.atlassian.com gateway;
- :mod:`~scopelint.fixing.apply`: apply Edits atomically (or as a diff), refusing unsafe writes;
- :mod:`~scopelint.fixing.yaml_text` / :mod:`~scopelint.fixing.toml_text`: the in-place editors.
"""
