"""Build scripts of scopelint (never imported by the package)."""
