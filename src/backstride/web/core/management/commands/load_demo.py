"""``python -m backstride.web load_demo``: the demo accounts without starting a server."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from backstride.web.core.demo import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Create or reset the demo accounts (coach, ada, kim, sam)."

    def handle(self, *args: Any, **options: Any) -> None:
        for account in load_demo():
            self.stdout.write(f"{account.username:<6} {account.description}")
        self.stdout.write(f"Password for all: {DEMO_PASSWORD}")
