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
CORE_STATIC = REPO_ROOT / "src" / "backstride" / "web" / "core" / "static" / "backstride"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep test output clean; failures show up as assertion messages instead."""


@pytest.fixture(scope="module")
def player_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The player's static folder on a free local port (what `python -m http.server` does),
    beside core's `backstride/` folder as in /static/: the player imports the shared
    offline queue from there (`../backstride/outbox.js`)."""
    root = tmp_path_factory.mktemp("static")
    (root / "player").symlink_to(PLAYER_STATIC, target_is_directory=True)
    (root / "backstride").symlink_to(CORE_STATIC, target_is_directory=True)
    handler = partial(_QuietHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/player"
    server.shutdown()
    server.server_close()
