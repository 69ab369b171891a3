"""Django app config, so the lead can add ``backstride.web.player`` to INSTALLED_APPS."""

from django.apps import AppConfig


class PlayerConfig(AppConfig):
    """The player ships only templates and static files; it has no models or migrations."""

    name = "backstride.web.player"
    label = "player"
    verbose_name = "Guided session player"
