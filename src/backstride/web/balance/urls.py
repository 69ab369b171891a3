"""Routes of the ``balance`` app (mounted at /balance/)."""

from __future__ import annotations

from django.urls import path

from backstride.web.balance import views

app_name = "balance"

urlpatterns = [
    path("", views.index, name="index"),
    path("test/", views.guided, name="guided"),
    path("video/", views.video_upload, name="video-upload"),
    path("video/<int:video_id>/", views.video_page, name="video"),
    path("video/<int:video_id>/frame/<int:index>.jpg", views.video_frame, name="video-frame"),
]
