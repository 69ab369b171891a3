"""Routes of the ``imports`` app (mounted at /log/import/)."""

from __future__ import annotations

from django.urls import path

from backstride.web.imports import views

app_name = "imports"

urlpatterns = [
    path("", views.upload, name="upload"),
    path("confirm/", views.confirm, name="confirm"),
    path("<int:upload_id>/undo/", views.undo, name="undo"),
]
