"""One way to fail on the command line: a clear line on stderr and an exit code."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import ParamSpec, TypeVar

import typer

P = ParamSpec("P")
R = TypeVar("R")


class CliError(Exception):
    """A user-facing failure. ``code`` 1 = bad input, 2 = refused (e.g. consult screening)."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print ``message`` as one line on stderr and return the Exit to raise."""
    print(f"Error: {message}", file=sys.stderr)
    return typer.Exit(code)


# The library names a bad argument by its Python name; the person typed an option.
OPTION_NAMES: dict[str, str] = {
    "fps": "--fps",
    "person": "--person",
    "max_seconds": "--max-seconds",
    "out_dir": "--out",
    "scale_m_per_px": "--scale-m-per-px",
}


def library_message(exc: ValueError) -> str:
    """The library's sentence, pointing at the option the person can change.

    A sentence that starts with the argument's name gets the option in its place
    (``person must be ...`` -> ``--person must be ...``); any other gets the option
    after it in brackets (``... give the frame rate (--fps)``).
    """
    message = str(exc)
    name = getattr(exc, "parameter", None) or ""
    option = OPTION_NAMES.get(name)
    if option is None:
        return message
    if message.startswith(f"{name} "):
        return option + message[len(name) :]
    return f"{message} ({option})"


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn CliError (and plain ValueError from the library) into a clean exit."""
    try:
        yield
    except CliError as exc:
        raise fail(exc.message, exc.code) from None
    except ValueError as exc:
        raise fail(library_message(exc), 1) from None


def handles_errors(func: Callable[P, R]) -> Callable[P, R]:
    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with user_errors():
            return func(*args, **kwargs)

    return wrapper
