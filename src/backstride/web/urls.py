"""Top-level routes: each domain app mounts its own ``urls.py``; the API lives at /api/."""

from __future__ import annotations

from django.urls import include, path

from backstride.web.accounts import urls as accounts_urls
from backstride.web.api import urls as api_urls
from backstride.web.api.api import api

# The account page's token forms post to the api app's views, in the same namespace.
account_pages = ([*accounts_urls.urlpatterns, *api_urls.urlpatterns], accounts_urls.app_name)

urlpatterns = [
    path("", include("backstride.web.core.urls")),
    path("accounts/", include(account_pages)),
    path("", include("backstride.web.plans.urls")),
    path("log/import/", include("backstride.web.imports.urls")),
    path("log/", include("backstride.web.logbook.urls")),
    path("coach/", include("backstride.web.coaching.urls")),
    path("learn/", include("backstride.web.learn.urls")),
    path("my-data/", include("backstride.web.mydata.urls")),
    path("progress/", include("backstride.web.progress.urls")),
    path("form-checks/", include("backstride.web.analysis.urls")),
    path("api/", api.urls),
]

handler404 = "backstride.web.core.views.not_found"
handler500 = "backstride.web.core.views.server_error"
