"""App config for ``core``: registers the deployment system checks."""

from __future__ import annotations

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "backstride.web.core"
    label = "core"
    verbose_name = "Backstride core"

    def ready(self) -> None:
        # Imported for the side effect of registering the checks.
        from backstride.web.core import checks  # noqa: F401
