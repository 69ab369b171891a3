"""Guided session player: static ES modules, a page template, no models yet."""
