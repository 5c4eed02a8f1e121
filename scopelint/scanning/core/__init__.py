"""The call-site core every language package builds on.

* :mod:`.candidate`: the one candidate type and the one emit step (normalise placeholders,
  classify with ``url_kind``, de-duplicate, leftover strings) that turns candidates into
  :class:`~scopelint.model.CallSite`;
* :mod:`.methods`: HTTP method normalising;
* :mod:`.knowledge`: the client tables (``scanning/knowledge/*.toml``) and qualified-name
  lookup;
* :mod:`.environment`: the names a file's analysis may look up outside the file, and the
  summary of what a file exports (the hook for cross-file linking);
* :mod:`.treesitter`: grammars, parsers (one threading rule), iterative walks and queries;
* :mod:`.snippets`: text cut out of another file, with the original offset of every
  character (shell in a Makefile, a CI ``script:``).

Nothing here imports a language package or a format (a test checks it); see
``scopelint/scanning/README.md``.
"""
