"""App config for ``imports``: activities imported from watch files into the log book."""

from __future__ import annotations

from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "backstride.web.imports"
    label = "imports"
    verbose_name = "Watch-file imports"

    def ready(self) -> None:
        # Registered here so My data exports imports exactly when the app is installed.
        from backstride.web.imports.exporter import export_imports
        from backstride.web.mydata.registry import register

        register(self.label, export_imports)
