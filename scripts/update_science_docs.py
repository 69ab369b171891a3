"""Regenerate the rules table in docs/science/rules.md from ``backstride.evidence``.

Why generated: the register of rules (numbers, sources, grades) lives next to the code
and is checked against it by tests/science; the page must say the same. The table sits
between ``evidence.BEGIN`` and ``evidence.END``. Run
``.venv/bin/python scripts/update_science_docs.py`` to rewrite it, ``--check`` to only
report (exit 1) when the page is out of date; tests/science runs the same check.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from backstride.evidence import BEGIN, END, render_markdown

PAGE = Path(__file__).resolve().parents[1] / "docs" / "science" / "rules.md"


def updated(text: str) -> str:
    """The page text with the table between the markers replaced by the rendering."""
    start, end = text.index(BEGIN), text.index(END) + len(END)
    return text[:start] + render_markdown() + text[end:]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report, do not write")
    args = parser.parse_args()
    text = PAGE.read_text(encoding="utf-8")
    new = updated(text)
    if new == text:
        return 0
    if args.check:
        print(f"{PAGE} is out of date: run scripts/update_science_docs.py", file=sys.stderr)
        return 1
    PAGE.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
