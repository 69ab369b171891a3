"""The player's static folder served over HTTP (ES modules do not load from file:// URLs).

Chromium itself comes from tests/conftest.py like every other browser test. The Django
side (settings, users, fast Argon2, the owner's plan) is shared with the web suite's
conftests, so the player is also tested inside the real app.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.web.conftest import (  # noqa: F401  (fixtures, re-exported for this folder)
    fast_argon2,
    live_server_settles,
    owner,
    owner_client,
    stranger,
    stranger_client,
)
from tests.web.plans.conftest import owner_plan, today  # noqa: F401  (the same plan fixtures)

REPO_ROOT = Path(__file__).resolve().parents[2]
PLAYER_STATIC = REPO_ROOT / "src" / "backstride" / "web" / "player" / "static" / "player"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep test output clean; failures show up as assertion messages instead."""


@pytest.fixture(scope="module")
def player_url() -> Iterator[str]:
    """The player's static folder on a free local port (what `python -m http.server` does)."""
    handler = partial(_QuietHandler, directory=str(PLAYER_STATIC))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
