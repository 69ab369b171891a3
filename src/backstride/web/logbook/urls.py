"""Routes of the ``logbook`` app (mounted at /log/)."""

from __future__ import annotations

from django.urls import path

from backstride.web.logbook import views

app_name = "logbook"

urlpatterns = [
    path("", views.history, name="history"),
    path("session/<str:uid>/", views.log_session, name="log"),
    path("entry/<int:entry_id>/", views.entry, name="entry"),
    path("entry/<int:entry_id>/soreness/", views.soreness, name="soreness"),
    path("entry/<int:entry_id>/edit/", views.edit, name="edit"),
    path("entry/<int:entry_id>/delete/", views.delete, name="delete"),
]
