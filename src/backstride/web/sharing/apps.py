"""App config for ``sharing``: coach links and the "may this person see that one" rule."""

from __future__ import annotations

from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "backstride.web.sharing"
    label = "sharing"
    verbose_name = "Sharing"
