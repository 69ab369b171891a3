"""``python -m backstride.web <command>``: Django's manage.py for operators.

Used for one-off administration (``migrate``, ``createsuperuser``, ``check --deploy``,
``collectstatic``) without a manage.py file in the repository root.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backstride.web.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
