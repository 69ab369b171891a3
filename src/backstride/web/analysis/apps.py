"""App config for ``analysis``: video form checks, their files and their history."""

from __future__ import annotations

from django.apps import AppConfig


class AnalysisConfig(AppConfig):
    name = "backstride.web.analysis"
    label = "analysis"
    verbose_name = "Form checks"

    def ready(self) -> None:
        # Registered here, not at import, so the export and the clean-up exist exactly
        # when the app is installed.
        from django.db.models.signals import post_delete

        from backstride.web.analysis import exporter, files
        from backstride.web.analysis.models import FormCheck
        from backstride.web.mydata.registry import register

        register(self.label, exporter.export_form_checks)
        post_delete.connect(
            files.remove_folder_after_delete, sender=FormCheck, dispatch_uid="form-check-files"
        )
