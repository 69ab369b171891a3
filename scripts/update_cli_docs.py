"""Regenerate the ``--help`` blocks embedded in docs/cli.md from the real command.

Why generated: help text written by hand drifts from the code the day an option is
added. docs/cli.md therefore holds, for every command and sub-command, a block between
two markers::

    <!-- help: plan -->
    ```text
    $ backstride plan --help
    ...
    ```
    <!-- /help -->

The marker names the command path after ``backstride`` (``gait analyze``); the
top-level listing uses ``<!-- help: backstride -->``. The text is what ``backstride
... --help`` prints with ``COLUMNS=100 NO_COLOR=1``, with trailing spaces removed.

Run ``.venv/bin/python scripts/update_cli_docs.py`` to rewrite the blocks in place, or
``--check`` to only report (exit 1) when the page is out of date or a command has no
block. tests/test_docs.py runs the same check (like ``cog --check``).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from typer.main import get_command
from typer.testing import CliRunner

REPO_ROOT = Path(__file__).resolve().parents[1]
CLI_DOC = REPO_ROOT / "docs" / "cli.md"
ROOT_NAME = "backstride"
HELP_ENV = {"COLUMNS": "100", "NO_COLOR": "1", "TERMINAL_WIDTH": None, "FORCE_COLOR": None}
BLOCK = re.compile(
    r"(?P<open><!-- help: (?P<name>[a-z][a-z -]*?) -->\n)(?P<body>.*?)(?P<close><!-- /help -->)",
    re.DOTALL,
)


def _app() -> object:
    # Imported here so that ``--help`` of this script works even with a broken CLI.
    from backstride.cli import _register, app

    _register()
    return app


def command_paths() -> list[str]:
    """Every command and sub-command the ``backstride`` app registers, groups included.

    Hidden commands are left out: they are not part of what a person is offered.
    """
    root = get_command(_app())
    paths = [ROOT_NAME]

    # Duck-typed on ``commands`` (a group's sub-commands): Typer ships its own copy of
    # Click, so there is no public Group class to test against.
    def walk(group: object, prefix: tuple[str, ...]) -> None:
        for name, command in getattr(group, "commands", {}).items():
            if getattr(command, "hidden", False):
                continue
            path = (*prefix, name)
            paths.append(" ".join(path))
            walk(command, path)

    walk(root, ())
    return paths


def help_text(path: str) -> str:
    """``backstride PATH --help`` as a 100-column terminal shows it, without trailing spaces."""
    args = [] if path == ROOT_NAME else path.split()
    result = CliRunner().invoke(_app(), [*args, "--help"], env=HELP_ENV)
    if result.exit_code != 0:
        raise RuntimeError(f"backstride {path} --help exited with {result.exit_code}")
    lines = [line.rstrip() for line in result.output.splitlines()]
    return "\n".join(lines).strip("\n")


def render_block(path: str, text: str) -> str:
    """The body that goes between the markers: a fenced block headed by the command line."""
    command = ROOT_NAME if path == ROOT_NAME else f"{ROOT_NAME} {path}"
    return f"```text\n$ {command} --help\n{text}\n```\n"


def documented_paths(doc: str) -> list[str]:
    """The command paths that have a help block in ``doc``, in page order."""
    return [m.group("name") for m in BLOCK.finditer(doc)]


def regenerate(doc: str, helps: dict[str, str]) -> str:
    """``doc`` with every known help block replaced by the current help text.

    Blocks naming a command that no longer exists are left as they are; ``problems``
    reports them so the page gets fixed by a person rather than silently emptied.
    """

    def replace(match: re.Match[str]) -> str:
        name = match.group("name")
        if name not in helps:
            return match.group(0)
        return match.group("open") + render_block(name, helps[name]) + match.group("close")

    return BLOCK.sub(replace, doc)


def problems(doc: str, helps: dict[str, str]) -> list[str]:
    """Everything that makes ``doc`` out of date, one sentence each; empty when current."""
    found = documented_paths(doc)
    out = [f"no help block for `backstride {p}`" for p in helps if p not in found]
    out += [f"help block for unknown command `{p}`" for p in found if p not in helps]
    out += [
        f"help block for `{p}` appears more than once" for p in set(found) if found.count(p) > 1
    ]
    if regenerate(doc, helps) != doc:
        stale = [
            m.group("name")
            for m in BLOCK.finditer(doc)
            if m.group("name") in helps
            and m.group("body") != render_block(m.group("name"), helps[m.group("name")])
        ]
        out += [f"help block for `{p}` differs from the real --help" for p in stale]
    return out


def current_helps() -> dict[str, str]:
    return {path: help_text(path) for path in command_paths()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report only; exit 1 if stale")
    args = parser.parse_args(argv)
    doc = CLI_DOC.read_text(encoding="utf-8")
    helps = current_helps()
    if args.check:
        found = problems(doc, helps)
        for line in found:
            print(f"docs/cli.md: {line}", file=sys.stderr)
        return 1 if found else 0
    new = regenerate(doc, helps)
    if new != doc:
        CLI_DOC.write_text(new, encoding="utf-8")
        print("docs/cli.md: help blocks updated")
    missing = [p for p in helps if p not in documented_paths(new)]
    for path in missing:
        print(
            f"docs/cli.md: add a block for `backstride {path}`: <!-- help: {path} -->",
            file=sys.stderr,
        )
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
