"""Top-level routes: each domain app mounts its own ``urls.py``; the API lives at /api/."""

from __future__ import annotations

from django.urls import include, path

from backstride.web.api.api import api

urlpatterns = [
    path("", include("backstride.web.core.urls")),
    path("accounts/", include("backstride.web.accounts.urls")),
    path("", include("backstride.web.plans.urls")),
    path("log/import/", include("backstride.web.imports.urls")),
    path("log/", include("backstride.web.logbook.urls")),
    path("coach/", include("backstride.web.coaching.urls")),
    path("learn/", include("backstride.web.learn.urls")),
    path("my-data/", include("backstride.web.mydata.urls")),
    path("progress/", include("backstride.web.progress.urls")),
    path("form-checks/", include("backstride.web.analysis.urls")),
    path("balance/", include("backstride.web.balance.urls")),
    path("api/", api.urls),
]

handler404 = "backstride.web.core.views.not_found"
handler500 = "backstride.web.core.views.server_error"
