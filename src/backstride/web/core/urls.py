"""Routes of the ``core`` app."""

from __future__ import annotations

from django.urls import path

from backstride.web.core import offline, views

app_name = "core"

urlpatterns = [
    path("", views.landing, name="landing"),
    path("home/", views.dashboard, name="dashboard"),
    path("health", views.health, name="health"),
    path("sw.js", offline.service_worker, name="service_worker"),
    path("manifest.webmanifest", offline.manifest, name="manifest"),
    path("offline/", offline.offline_page, name="offline"),
]
