"""``python -m backstride.web send_reminders``: today's session reminders by e-mail.

Run it every 15 minutes from cron or a systemd timer (docs/deployment.md); each person
gets at most one e-mail per session day, however often it runs.
"""

from __future__ import annotations

import smtplib
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from backstride.web.core.reminders import due_reminders


class Command(BaseCommand):
    help = "E-mail today's session to people who asked for reminders (once per day)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--base-url",
            default="",
            help="The site's address for the link in the e-mail, e.g. https://backstride.example",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            sent = due_reminders(timezone.localtime(), options["base_url"].rstrip("/"))
        except (OSError, smtplib.SMTPException) as exc:
            raise CommandError(
                f"The mail server refused or could not be reached ({exc}); "
                "unsent reminders go out on the next run."
            ) from exc
        noun = "reminder" if len(sent) == 1 else "reminders"
        self.stdout.write(f"Sent {len(sent)} {noun}.")
