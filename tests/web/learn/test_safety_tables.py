"""The Learn safety text comes from the engine's tables, so page and code cannot disagree.

The screening outcomes (safety#clearance, who#not-yet) and the pain rules (safety#pain)
are rendered from ``training.screening_rules`` and ``training.pain_model``; these tests
read the rendered HTML back and find every rule of the code in it, and no stale
hand-written list that could contradict it.
"""

from __future__ import annotations

import pytest
from django.utils.html import escape

from backstride.training.pain_model import PAIN_TABLE
from backstride.training.screening_rules import OUTCOME_HEADINGS, RULES
from backstride.web.learn.content import parse_topic, topics


def section(topic: str, anchor: str) -> str:
    found = next(s for s in topics()[topic].sections if s.anchor == anchor)
    return str(found.html)


@pytest.mark.parametrize(("topic", "anchor"), [("safety", "clearance"), ("who", "not-yet")])
def test_every_screening_rule_is_on_the_page_under_its_outcome(topic: str, anchor: str) -> None:
    html = section(topic, anchor)
    items = html.split("<li>")[1:]
    assert len(items) == len(OUTCOME_HEADINGS)
    for row in RULES:
        heading = escape(OUTCOME_HEADINGS[row.outcome])
        item = next(i for i in items if heading in i)
        assert escape(row.condition) in item, row.id


def test_the_pages_say_what_the_issue_found_them_contradicting() -> None:
    # A fall at 65+ or with a balance problem is never "start within limits"; dizziness
    # means asking first; chest pain at rest means help now.
    html = section("safety", "clearance")
    urgent, consult, supervised, restricted = html.split("<li>")[1:5]
    assert "chest pain, pressure or tightness while resting" in urgent
    assert "dizziness when turning the head" in consult
    assert "together with a balance or vision problem" in consult
    assert "a fall in the last 12 months at 65 or over" in supervised
    assert "at 65 or over" not in restricted.split("a balance, vision")[0]


def test_every_pain_rule_a_person_applies_is_on_the_safety_page() -> None:
    html = section("safety", "pain")
    for row in PAIN_TABLE:
        if row.id in ("morning-missing", "pain-unknown", "morning-no-baseline"):
            continue
        assert escape(row.condition) in html, row.id
    stricter = sum(1 for r in PAIN_TABLE if r.stricter)
    assert html.count("stricter than the published model") == stricter
    assert "unknown, never as &quot;no pain&quot;" in html


def test_an_unknown_include_or_one_outside_a_section_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown include '@nope'"):
        parse_topic("bad", "title: T\n## A {#a}\n@nope\n")
    with pytest.raises(ValueError, match="belongs in a section"):
        parse_topic("bad", "title: T\n@pain-rules\n## A {#a}\nx\n")
