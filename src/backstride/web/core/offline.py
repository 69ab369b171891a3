"""Install and offline: the service worker, the web app manifest and the offline page.

The service worker is served from ``/sw.js`` rather than ``/static/`` because a worker
only controls pages under its own path, and the player lives under ``/plans/``. Its
script is a template so that the list of static files it keeps (the player's modules,
the stylesheet, the icons) comes from the same ``static()`` URLs the pages use, and its
version changes whenever one of those files does (the browser then installs the new
worker and drops the old cache).

Which pages it keeps, and why that is safe on a shared phone, is in docs/web.md
("Install and offline"). In short: the worker keeps a page only when the answer carries
``X-Backstride-User`` (set below for signed-in people), in a cache named after that
user, and deletes every such cache as soon as an answer names another user or nobody
(signing out lands on a public page, so it always does).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.views.decorators.http import require_GET

USER_HEADER = "X-Backstride-User"

# Static files the worker fetches at install time, so the player and the kept pages
# render with no network. Paths as given to {% static %}.
PRECACHE_STATIC = (
    "backstride/app.css",
    "backstride/site.js",
    "backstride/outbox.js",
    "backstride/logo.svg",
    "backstride/icon-192.png",
    "backstride/icon-512.png",
    "player/player.css",
    "player/player.js",
    "player/steps.js",
    "player/constants.js",
    "player/engine.js",
    "player/cues.js",
    "player/prefill.js",
    "player/audio.js",
    "player/ui.js",
    "player/logform.js",
)

# Signed-in pages the worker keeps (in the person's own cache) each time they are opened,
# as regular expressions over the path: home, the plan, one session and its player.
KEPT_PAGES = (
    r"^/home/$",
    r"^/plans/$",
    r"^/plans/list/$",
    r"^/plans/session/[^/]+/$",
    r"^/plans/session/[^/]+/play$",
)


def _version() -> str:
    """A short hash of the worker's template and every precached file: a change to any of
    them makes a new worker, which replaces the old static cache."""
    digest = hashlib.sha256()
    for name in PRECACHE_STATIC:
        found = finders.find(name)
        if found is None:
            raise FileNotFoundError(f"service worker precache: static file {name} is missing")
        with open(found, "rb") as handle:
            digest.update(handle.read())
    digest.update(render_to_string("core/sw.js", {"config": "{}"}).encode())
    return digest.hexdigest()[:12]


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """The service worker script, for the whole site (``Service-Worker-Allowed: /``)."""
    from django.urls import reverse

    config = {
        "version": _version(),
        "precache": [static(name) for name in PRECACHE_STATIC] + [reverse("core:offline")],
        "offlineUrl": reverse("core:offline"),
        "staticPrefix": settings.STATIC_URL,
        "keptPages": list(KEPT_PAGES),
        "signOutUrl": reverse("accounts:logout"),
        "userHeader": USER_HEADER,
    }
    body = render_to_string("core/sw.js", {"config": json.dumps(config)})
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    # Browsers check for a new worker on every visit; never let a cache hide one.
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response


@require_GET
def manifest(request: HttpRequest) -> HttpResponse:
    """The web app manifest: name, colours, start page and our own icons."""
    from django.urls import reverse

    data = {
        "name": "Backstride",
        "short_name": "Backstride",
        "description": "Backward running and walking, planned and guided.",
        "id": "/",
        "start_url": reverse("core:dashboard"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#f7f6f1",
        "theme_color": "#0f5c4a",
        "icons": [
            {"src": static("backstride/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("backstride/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("backstride/icon-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
            {"src": static("backstride/logo.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    response = HttpResponse(json.dumps(data), content_type="application/manifest+json")
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_GET
def offline_page(request: HttpRequest) -> HttpResponse:
    """What the worker shows for a page it has not kept when there is no network. It holds
    nothing personal (the worker fetches it once for everyone) and so is public."""
    response = render(request, "core/offline.html")
    response["Cache-Control"] = "public, max-age=3600"
    return response


class UserHeaderMiddleware:
    """Name the signed-in user on every answer (``X-Backstride-User: <id>``).

    The service worker reads it to keep each person's pages in their own cache and to
    drop them the moment a page is answered for someone else or for nobody.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response[USER_HEADER] = str(user.pk)
        return response
