"""Top-level routes: each domain app mounts its own ``urls.py``; the API lives at /api/."""

from __future__ import annotations

from django.urls import include, path

from backstride.web.api.api import api

urlpatterns = [
    path("", include("backstride.web.core.urls")),
    path("accounts/", include("backstride.web.accounts.urls")),
    path("api/", api.urls),
]

handler404 = "backstride.web.core.views.not_found"
handler500 = "backstride.web.core.views.server_error"
