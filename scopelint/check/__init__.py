"""The check pipeline: discover -> scan -> resolve -> govern -> rules -> suppress
(:mod:`~scopelint.check.engine`), then fix, ``--since`` (:mod:`~scopelint.check.changed_lines`),
baseline (:mod:`~scopelint.check.baseline`) and render (:mod:`~scopelint.check.run`).

Nothing is imported here: a pre-commit run imports only the modules it uses.
"""
