"""The Learn pages: small Markdown-ish files in ``content/``, read once and rendered to HTML.

The format is deliberately tiny so non-programmers can edit the text:

    title: Form
    summary: One line shown on the index.

    ## Heading {#stable-anchor}
    A paragraph. **Bold** and [links](/learn/safety/#pain) work.

    - a bullet
    @screening-outcomes

A line that is only ``@name`` is replaced by lines the training engine writes from its
own rule tables (``INCLUDES``): the screening outcomes and the pain rules. The page
then shows the conditions the code checks, in the same words, instead of a hand copy
that could drift.

Anchors are written by hand, never derived from the heading, so rewording a heading
does not break the links from cues and warnings (``links.py`` checks every anchor it
hands out exists here).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from backstride.training import pain_model, screening_rules

CONTENT_DIR = Path(__file__).resolve().parent / "content"
# Order of the index page and the previous/next links.
TOPIC_ORDER: tuple[str, ...] = ("form", "safety", "benefits", "who", "questions")

# "@name" lines in content files -> the engine function that writes those lines.
INCLUDES: dict[str, Callable[[], list[str]]] = {
    "@screening-outcomes": screening_rules.learn_markdown,
    "@pain-rules": pain_model.learn_markdown,
}

_HEADING = re.compile(r"^## (?P<text>.+?) \{#(?P<anchor>[a-z0-9-]+)\}$")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_LINK = re.compile(r"\[([^\]]+)\]\((/[^)\s]*|https://[^)\s]+)\)")


@dataclass(frozen=True)
class Section:
    anchor: str
    heading: str
    html: SafeString


@dataclass(frozen=True)
class Topic:
    slug: str
    title: str
    summary: str
    sections: tuple[Section, ...]

    @property
    def anchors(self) -> tuple[str, ...]:
        return tuple(s.anchor for s in self.sections)


def inline(text: str) -> str:
    """Escape first, then allow only bold and site-relative or https links."""
    html = escape(text)
    html = _BOLD.sub(r"<strong>\1</strong>", html)
    return _LINK.sub(r'<a href="\2">\1</a>', html)


def _render_body(lines: list[str]) -> SafeString:
    parts: list[str] = []
    paragraph: list[str] = []
    items: list[str] = []

    def flush() -> None:
        if paragraph:
            parts.append(f"<p>{inline(' '.join(paragraph))}</p>")
            paragraph.clear()
        if items:
            parts.append("<ul>" + "".join(f"<li>{inline(i)}</li>" for i in items) + "</ul>")
            items.clear()

    for line in lines:
        stripped = line.strip()
        if not stripped:
            flush()
        elif stripped.startswith("- "):
            if paragraph:
                flush()
            items.append(stripped[2:])
        else:
            if items:
                flush()
            paragraph.append(stripped)
    flush()
    return mark_safe("\n".join(parts))


def parse_topic(slug: str, text: str) -> Topic:
    """Turn one content file into a :class:`Topic`; malformed files fail loudly at load."""
    header: dict[str, str] = {}
    sections: list[Section] = []
    current: tuple[str, str] | None = None
    body: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("@"):
            include = INCLUDES.get(line.strip())
            if include is None:
                raise ValueError(
                    f"{slug}.md line {number}: unknown include {line.strip()!r}; "
                    f"known: {', '.join(INCLUDES)}."
                )
            if current is None:
                raise ValueError(f"{slug}.md line {number}: an include belongs in a section.")
            body.extend(["", *include(), ""])
            continue
        heading = _HEADING.match(line.strip())
        if heading:
            if current:
                sections.append(Section(current[1], current[0], _render_body(body)))
            current, body = (heading["text"], heading["anchor"]), []
        elif line.startswith("## "):
            raise ValueError(f"{slug}.md line {number}: a heading needs an anchor like {{#name}}.")
        elif current is None:
            if ":" in line:
                key, value = line.split(":", 1)
                header[key.strip()] = value.strip()
        else:
            body.append(line)
    if current:
        sections.append(Section(current[1], current[0], _render_body(body)))
    if "title" not in header or not sections:
        raise ValueError(f"{slug}.md needs a 'title:' line and at least one '## ...' section.")
    anchors = [s.anchor for s in sections]
    if len(set(anchors)) != len(anchors):
        raise ValueError(f"{slug}.md repeats an anchor: {sorted(anchors)}")
    return Topic(slug, header["title"], header.get("summary", ""), tuple(sections))


@cache
def topics() -> dict[str, Topic]:
    """All topics in index order, parsed once per process."""
    return {
        slug: parse_topic(slug, (CONTENT_DIR / f"{slug}.md").read_text(encoding="utf-8"))
        for slug in TOPIC_ORDER
    }
