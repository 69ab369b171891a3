"""App config for ``plans``: onboarding, screening, clearances and stored plan inputs."""

from __future__ import annotations

from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "backstride.web.plans"
    label = "plans"
    verbose_name = "Plans"
