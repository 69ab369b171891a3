"""Routes of the ``progress`` app (mounted at /progress/)."""

from __future__ import annotations

from django.urls import path

from backstride.web.progress import views

app_name = "progress"

urlpatterns = [
    path("", views.progress, name="index"),
]
