"""App config for ``mydata``: registers the exporters of the apps that store personal data."""

from __future__ import annotations

from django.apps import AppConfig


class MydataConfig(AppConfig):
    name = "backstride.web.mydata"
    label = "mydata"
    verbose_name = "My data"

    def ready(self) -> None:
        # Every app's exporter is registered once all models are loaded.
        from backstride.web.mydata import exporters

        exporters.register_builtin_exporters()
