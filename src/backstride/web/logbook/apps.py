"""App config for ``logbook``: what people report after each session."""

from __future__ import annotations

from django.apps import AppConfig


class LogbookConfig(AppConfig):
    name = "backstride.web.logbook"
    label = "logbook"
    verbose_name = "Logbook"
