"""The bottom layer's helpers, shared by every layer above: the one atomic write, token
redaction and the user's cache folder.  Nothing here imports another scopelint package
except ``scopelint.errors`` and ``scopelint.model``."""
