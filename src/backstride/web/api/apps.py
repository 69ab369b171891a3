"""App config for ``api``: the JSON API and personal API tokens."""

from __future__ import annotations

from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "backstride.web.api"
    label = "api"
    verbose_name = "API"
