"""Routes of the ``mydata`` app (mounted at /my-data/)."""

from __future__ import annotations

from django.urls import path

from backstride.web.mydata import views

app_name = "mydata"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("export.zip", views.export, name="export"),
    path("delete/", views.delete_account, name="delete"),
]
