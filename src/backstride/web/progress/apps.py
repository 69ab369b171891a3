"""App config for ``progress``: charts of what was logged against what was planned."""

from __future__ import annotations

from django.apps import AppConfig


class ProgressConfig(AppConfig):
    name = "backstride.web.progress"
    label = "progress"
    verbose_name = "Progress"
