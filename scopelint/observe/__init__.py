"""Observe: the scopes an integration needs, from what it really sent (recorded traffic).

HAR files (browser devtools, Charles, Proxyman, mitmproxy, Postman, Insomnia) and plain
request logs (``METHOD URL [STATUS]`` a line) are read as streams, never whole:

sources (open, decompress, decode) -> har / request_log (one ``RecordedRequest`` per
request, already stripped of credentials: records) -> session (requests to Atlassian hosts
grouped per operation, statuses counted) -> explaining (failures matched against
explain-error's catalogue; the scopes that would have covered those refused for lack of
scope) -> report (``calls --har``), check (``check --har``: findings located in the
recording), suggest (``suggest --from-har``: endpoints for the least-privilege token).

Library use::

    from scopelint.observe.session import read_traffic
    from scopelint.observe.sources import Recording
    traffic = read_traffic([Recording("har", "session.har")])
    for call in traffic.calls: print(call.endpoint, call.count, dict(call.statuses))

A feature package: it imports the knowledge base, scanning's URL helpers, rules, suggest and
explain; only the CLI and the library entry points import it.
"""
