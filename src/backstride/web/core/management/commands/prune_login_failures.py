"""``python -m backstride.web prune_login_failures``: housekeeping for cron.

``backstride serve`` queues the same task once per start. On the scale path no process
starts that often, so the counters are pruned by this command from cron or a systemd
timer instead; it runs the task's code right here and needs no worker.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from backstride.web.core.tasks import prune_login_failures


class Command(BaseCommand):
    help = "Delete failed-login counters whose window and lock have both run out."

    def handle(self, *args: Any, **options: Any) -> None:
        removed = prune_login_failures.call()
        noun = "counter" if removed == 1 else "counters"
        self.stdout.write(f"Removed {removed} expired failed-login {noun}.")
