"""Tokens per browser session, in a JSON file (demo only)."""

import json
from pathlib import Path

STORE = Path(".tokens.json")


def load_token(session_id: str) -> dict | None:
    if not STORE.exists():
        return None
    return json.loads(STORE.read_text()).get(session_id)


def save_token(token: dict, session_id: str = "default") -> None:
    data = json.loads(STORE.read_text()) if STORE.exists() else {}
    data[session_id] = token
    STORE.write_text(json.dumps(data))
