"""The ``backstride`` command: a thin Typer shell over the library.

Each command group lives in its own module and registers itself on ``app``;
commands parse options, call ``backstride.training`` / ``backstride.gait`` / ...,
and turn :class:`CliError` into one clear line and a non-zero exit code.
"""

from __future__ import annotations

import typer

app = typer.Typer(
    name="backstride",
    help="Backstride: a coach for backwards running and backward walking.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _register() -> None:
    # Imported for their side effect: each module adds its commands to ``app``.
    from backstride.cli import (  # noqa: F401
        balance_commands,
        gait_commands,
        training_commands,
        video_commands,
        web_commands,
    )


def main() -> None:
    """Console-script entry point."""
    _register()
    app()
