"""The corpus projects are code for scopelint to read, not tests for pytest to run.

Only the modules at this level (the corpus checks) are collected; every project folder, with
its own tests/ and conftest.py written the way their authors would, is left alone.
"""

from pathlib import Path

collect_ignore = sorted(p.name for p in Path(__file__).parent.iterdir() if p.is_dir())
