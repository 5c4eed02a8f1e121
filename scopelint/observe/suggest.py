"""`scopelint suggest --from-har/--from-log`: the endpoints a recorded session called.

Every observed call to an Atlassian REST API (identity traffic to auth.atlassian.com needs
no scope and is left out) is one endpoint, whatever its status: a request that failed for
lack of scope is exactly one the token must cover.  Its source is the first request's
``file:line`` in the recording.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from scopelint.observe.session import Traffic, read_traffic
from scopelint.observe.sources import Recording
from scopelint.suggest.endpoints import EndpointInput


def endpoints_of(traffic: Traffic) -> list[EndpointInput]:
    return [
        EndpointInput(
            f"{call.method} {call.url}",
            call.method,
            call.url,
            sources=(f"{call.location.path}:{call.location.line}",),
        )
        for call in traffic.api_calls
    ]


def endpoints_from_recordings(
    recordings: Sequence[Recording], cwd: Path | None = None
) -> tuple[list[EndpointInput], list[str]]:
    """(the endpoints, the reading warnings) of ``recordings``; RecordingError when one cannot
    be read at all."""
    traffic = read_traffic(recordings, cwd=cwd)
    return endpoints_of(traffic), traffic.warnings
