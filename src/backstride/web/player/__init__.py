"""Guided session player: static ES modules, the play page template and the constants it
renders from the server; no models."""
