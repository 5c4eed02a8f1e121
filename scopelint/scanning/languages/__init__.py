"""One package per programming language, each producing call-site candidates on the core.

See ``scopelint/scanning/README.md`` for how to add one.
"""
