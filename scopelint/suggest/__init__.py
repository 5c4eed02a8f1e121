"""`scopelint suggest`: pick the scopes a token needs for the endpoints it will call.

endpoints (read the inputs) -> engine (resolve them against the knowledge base) ->
selection (one scope alternative per operation) -> result (grouping, reasons) -> formats.
"""
