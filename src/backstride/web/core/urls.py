"""Routes of the ``core`` app."""

from __future__ import annotations

from django.urls import path

from backstride.web.core import views

app_name = "core"

urlpatterns = [
    path("", views.landing, name="landing"),
    path("home/", views.dashboard, name="dashboard"),
    path("health", views.health, name="health"),
]
