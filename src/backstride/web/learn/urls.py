"""Routes of the ``learn`` app (mounted at /learn/). Slugs are part of the public contract."""

from __future__ import annotations

from django.urls import path

from backstride.web.learn import views

app_name = "learn"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.topic, name="topic"),
]
