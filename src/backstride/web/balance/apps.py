"""App config for ``balance``: 3-metre backward walk tests with their trials."""

from __future__ import annotations

from django.apps import AppConfig


class BalanceConfig(AppConfig):
    name = "backstride.web.balance"
    label = "balance"
    verbose_name = "Balance checks"

    def ready(self) -> None:
        # Registered here so My data exports balance tests, and the plan listens to the
        # latest test, exactly when the app is installed (``plans`` imports no app above).
        from django.db.models.signals import post_delete

        from backstride.web.balance.exporter import export_balance_tests
        from backstride.web.balance.files import remove_after_delete
        from backstride.web.balance.models import BalanceVideo
        from backstride.web.balance.services import plan_limit
        from backstride.web.mydata.registry import register
        from backstride.web.plans.limits import register as register_limit

        register(self.label, export_balance_tests)
        register_limit("balance", plan_limit)
        post_delete.connect(remove_after_delete, sender=BalanceVideo, dispatch_uid="balance-video")
