"""Routes of the ``coaching`` app (mounted at /coach/).

``/coach/invite/<token>`` is the link coaches share, so its shape is a contract.
"""

from __future__ import annotations

from django.urls import path

# Registers the "dbid" converter (positive ids that fit the database).
import backstride.web.accounts.urls  # noqa: F401
from backstride.web.coaching import views

app_name = "coaching"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("invites/", views.create_invite, name="create_invite"),
    path("invites/<dbid:invite_id>/cancel/", views.cancel_invite, name="cancel_invite"),
    path("invite/<str:token>", views.invite, name="invite"),
    path("athletes/<dbid:athlete_id>/", views.athlete, name="athlete"),
    path("athletes/<dbid:athlete_id>/clearance/", views.record_clearance, name="clearance"),
    path("athletes/<dbid:athlete_id>/repeat-week/", views.repeat_week, name="repeat_week"),
    path("athletes/<dbid:athlete_id>/notes/", views.add_note, name="add_note"),
    path("sharing/", views.sharing, name="sharing"),
    path("links/<dbid:link_id>/revoke/", views.revoke_link, name="revoke_link"),
]
