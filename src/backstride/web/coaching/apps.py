"""App config for ``coaching``: coach/physio links to athletes and the coach dashboard."""

from __future__ import annotations

from django.apps import AppConfig


class CoachingConfig(AppConfig):
    name = "backstride.web.coaching"
    label = "coaching"
    verbose_name = "Coaching"
