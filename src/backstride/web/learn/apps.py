"""App config for ``learn``: the guide pages every cue and warning links to."""

from __future__ import annotations

from django.apps import AppConfig


class LearnConfig(AppConfig):
    name = "backstride.web.learn"
    label = "learn"
    verbose_name = "Learn"
