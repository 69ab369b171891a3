"""Routes of the ``analysis`` app (mounted at /form-checks/)."""

from __future__ import annotations

from django.urls import path

from backstride.web.analysis import views

app_name = "analysis"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.upload, name="upload"),
    path("<int:check_id>/", views.detail, name="detail"),
    path("<int:check_id>/report.html", views.report, name="report"),
    path("<int:check_id>/annotated.mp4", views.video, name="video"),
]
