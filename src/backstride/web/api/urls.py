"""Token pages, mounted by the root urls under /accounts/ in the ``accounts`` namespace.

They belong to the account page (``accounts:create_token``, ``accounts:revoke_token``)
but live in ``api`` with the token model; the root urls joins the two lists.
"""

from __future__ import annotations

from django.urls import path

import backstride.web.accounts.urls  # noqa: F401  (registers the "dbid" converter)
from backstride.web.api import views

urlpatterns = [
    path("tokens/", views.create_token, name="create_token"),
    path("tokens/<dbid:token_id>/revoke/", views.revoke_token, name="revoke_token"),
]
