"""Django app config of the guided player, so its templates and static files are found."""

from django.apps import AppConfig


class PlayerConfig(AppConfig):
    """The player ships only templates and static files; it has no models or migrations."""

    name = "backstride.web.player"
    label = "player"
    verbose_name = "Guided session player"
