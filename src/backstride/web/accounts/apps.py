"""App config for ``accounts``: people, their profiles, sign-in and its throttle."""

from __future__ import annotations

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "backstride.web.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from backstride.web.accounts import signals

        signals.connect()
