"""WSGI entry point for gunicorn, granian or waitress: ``backstride.web.wsgi:application``."""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backstride.web.settings")

application = get_wsgi_application()
