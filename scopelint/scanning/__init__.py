"""Scanning: files -> call sites, scope declarations, secrets (one extractor per language/format)."""
