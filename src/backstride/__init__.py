"""Backstride: a coach for backwards running and backward walking."""

__version__ = "0.1.0"
