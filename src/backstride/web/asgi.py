"""ASGI entry point (``backstride.web.asgi:application``) for granian or uvicorn."""

from __future__ import annotations

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backstride.web.settings")

application = get_asgi_application()
